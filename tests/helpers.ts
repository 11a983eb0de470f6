import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { ConfigSchema, type Config } from '../app/config.js';
import { startSmile, type Smile } from '../app/server.js';
import { PlaceOrderRequest, type Order, type OrderQuote } from '../domain/commerce.js';
import { buildSeed } from '../sandbox/seed.js';
import { EmbeddedStore } from '../store/embedded-store.js';
import type { Store } from '../store/port.js';

/** A fixed "now" (a Sunday afternoon in Los Angeles, Monday morning in Seoul) keeps dates in replies stable. */
export const FIXED_NOW = new Date('2026-11-22T20:00:00Z');

export async function startTestSmile(env: Record<string, string> = {}, clock: () => Date = () => FIXED_NOW, store?: Store): Promise<Smile> {
  const config: Config = ConfigSchema.parse({ PORT: '0', LOG_LEVEL: 'silent', SMILE_RATE_LIMIT_PER_MIN: '1000', ...env });
  return startSmile(config, {
    store: store ?? (await EmbeddedStore.open(null)),
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    clock,
    host: '127.0.0.1',
  });
}

export interface ChatReply {
  conversationId: string;
  messages: Array<{ text: string; suggestions?: string[]; card?: { title: string; lines: string[] } }>;
  state: { flow: string | null; awaiting: string | null };
  handoff?: { escalationId: string; status: string };
}

export async function post(smile: Smile, path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: any }> {
  const res = await fetch(`${smile.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

export async function get(smile: Smile, path: string): Promise<any> {
  const res = await fetch(`${smile.url}${path}`);
  return res.json();
}

/** One conversation over POST /v1/chat. */
export function conversation(smile: Smile, userId: string, conversationId: string) {
  let n = 0;
  return async (text: string, messageId = `m${++n}`): Promise<ChatReply> => {
    const r = await post(smile, '/v1/chat', { userId, text, conversationId, messageId });
    if (r.status !== 200) throw new Error(`chat answered ${r.status}: ${JSON.stringify(r.json)}`);
    return r.json as ChatReply;
  };
}

/** An order told to the customer by its number ("placed (order number 2681D657", "주문번호: 2681D657"), as the sandbox keeps it. */
export const orderIdOf = (number: string): string => `ord-${number.toLowerCase()}`;

export const allText = (r: ChatReply): string => r.messages.map((m) => m.text).join(' ');

/** Where the Bot Framework Emulator listens: anonymous Bot Framework serves only a loopback serviceUrl. */
export const BF_EMULATOR = 'http://127.0.0.1:9';
export type ActivityOptions = {
  user?: string;
  conversation?: string;
  expectReplies?: boolean;
  type?: string;
  serviceUrl?: string;
  id?: string;
  locale?: string;
  channelId?: string;
};

/** A Bot Framework activity as a channel posts it to POST /api/messages (`text: null` for one without text). */
export function bfActivity(text: string | null, opts: ActivityOptions = {}): Record<string, unknown> {
  return {
    type: opts.type ?? 'message',
    id: opts.id ?? `act-${Math.random().toString(36).slice(2)}`,
    timestamp: new Date().toISOString(),
    serviceUrl: opts.serviceUrl ?? BF_EMULATOR,
    channelId: opts.channelId ?? 'emulator',
    from: { id: opts.user ?? 'demo', name: 'Alex' },
    conversation: { id: opts.conversation ?? 'bf-conv-1' },
    recipient: { id: 'smile-bot', name: 'Smile' },
    locale: opts.locale ?? 'en-US',
    ...(text !== null ? { text } : {}),
    ...(opts.expectReplies === false ? {} : { deliveryMode: 'expectReplies' }),
  };
}
/** The texts of an expectReplies answer, joined. */
export const bfTexts = (r: any): string => (r.activities ?? []).map((a: any) => a.text).join(' ');

/** A KakaoTalk skill request (the 폴백 블록) as Kakao i posts it to POST /kakao/skill; `extra` goes into `userRequest`. */
export function kakaoRequest(utterance: string, user = 'demo-ko', extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    intent: { id: 'i', name: '폴백 블록' },
    bot: { id: 'smile-bot', name: '스마일' },
    action: { id: 'a', name: 'smile', params: {}, detailParams: {} },
    userRequest: {
      timezone: 'Asia/Seoul',
      utterance,
      lang: 'ko',
      user: { id: user, type: 'botUserKey', properties: {} },
      block: { id: 'b', name: '폴백 블록' },
      ...extra,
    },
  };
}
/** The simpleText outputs of a skill answer (and a text card's text: a message that ends on a link), joined. */
export const kakaoTexts = (r: any): string =>
  r.template.outputs
    .filter((o: any) => o.simpleText || o.textCard)
    .map((o: any) => o.simpleText?.text ?? o.textCard.description)
    .join(' ');

/**
 * A provider's answer to `POST /quotes` for a test's fake commerce API: the items at the prices of the orders given,
 * free delivery (the sandbox's own fee table is tested against the sandbox).
 */
export function quoteFrom(orders: Order[], body: unknown): OrderQuote {
  const request = PlaceOrderRequest.parse(body);
  const known = orders.flatMap((o) => o.items.map((i) => ({ ...i, customerId: o.customerId, currency: o.currency })));
  const items = request.items.map((l) => {
    const item = known.find((i) => i.sku === l.sku && i.customerId === request.customerId)!;
    return { sku: l.sku, name: item.name, quantity: l.quantity, unitPrice: item.unitPrice };
  });
  const subtotal = Math.round(items.reduce((sum, i) => sum + i.quantity * i.unitPrice, 0) * 100) / 100;
  const currency = known.find((i) => i.customerId === request.customerId)?.currency ?? 'USD';
  return {
    customerId: request.customerId,
    shippingAddressId: request.shippingAddressId,
    items,
    subtotal,
    deliveryFee: 0,
    total: subtotal,
    currency,
    freeDeliveryFrom: null,
  };
}

export interface LoopbackCommerce {
  server: Server;
  /** The base URL for COMMERCE_API_URL (…/v1). */
  url: string;
  /** Orders applied, by Idempotency-Key. */
  applied: Map<string, Order>;
  /** The Idempotency-Key of every POST /v1/orders, repeats included. */
  keys: string[];
  /** How late it answers an order and the order history (ms); an order is applied on arrival, whenever it is answered. */
  delays: { orders: number; history: number };
  /** Every request it received, "METHOD /path", in order of arrival. */
  requests: string[];
}

/**
 * A commerce provider for the demo customer on loopback that can be slow: an order is applied the moment it arrives
 * and answered `delays.orders` later (kept by Idempotency-Key, so a repeat applies nothing and answers the same order,
 * its id `ord-<prefix>-N`); the order history may be read slowly too. Everything else is 404.
 */
export function loopbackCommerce(now: Date, prefix: string): Promise<LoopbackCommerce> {
  const seed = buildSeed(now);
  const demo = seed.customers.find((c) => c.id === 'demo')!;
  const applied = new Map<string, Order>();
  const keys: string[] = [];
  const delays = { orders: 0, history: 0 };
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    let raw = '';
    req.on('data', (c: Buffer) => {
      raw += c.toString();
    });
    req.on('end', () => {
      const send = (status: number, body: unknown, delay = 0): void => {
        setTimeout(() => {
          if (!res.destroyed) res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
        }, delay);
      };
      if (req.method === 'GET' && req.url === '/v1/oauth/userinfo') return send(200, { customerId: 'demo' });
      if (req.method === 'GET' && req.url === '/v1/customers/demo') return send(200, demo);
      if (req.method === 'GET' && req.url === '/v1/customers/demo/orders')
        return send(200, { orders: [...seed.orders.filter((o) => o.customerId === 'demo'), ...applied.values()] }, delays.history);
      if (req.method === 'POST' && req.url === '/v1/quotes') return send(200, quoteFrom(seed.orders, JSON.parse(raw)));
      if (req.method === 'POST' && req.url === '/v1/orders') {
        const key = String(req.headers['idempotency-key']);
        keys.push(key);
        const body = JSON.parse(raw) as { items: Array<{ sku: string; quantity: number }>; shippingAddressId: string };
        if (!applied.has(key)) {
          const item = seed.orders.flatMap((o) => o.items).find((i) => i.sku === body.items[0]!.sku)!;
          applied.set(key, {
            id: `ord-${prefix}-${applied.size + 1}`,
            customerId: 'demo',
            status: 'placed',
            items: [{ ...item, quantity: body.items[0]!.quantity }],
            total: item.unitPrice * body.items[0]!.quantity,
            currency: 'USD',
            placedAt: now.toISOString(),
            shippingAddressId: body.shippingAddressId,
          });
        }
        return send(201, applied.get(key), delays.orders);
      }
      send(404, { error: { code: 'not_found', message: req.url } });
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, applied, keys, delays, requests, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1` }),
    ),
  );
}
