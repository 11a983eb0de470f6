import { createHash, randomInt, randomUUID } from 'node:crypto';
import express, { type Request, type Response, type Router } from 'express';
import { Mutex } from 'async-mutex';
import { z } from 'zod';
import {
  ACCESS_PLACES,
  PlaceOrderRequest,
  PlaceType,
  Variant,
  type AccessCode,
  type CatalogueProduct,
  type Customer,
  type Order,
  type OrderQuote,
  type PickupPoint,
  type ReturnRecord,
  type Shipment,
  type TimeWindow,
  ValidatedAddress,
} from '../domain/commerce.js';
import { AppError, invalidRequest } from '../domain/errors.js';
import {
  CreateSubscriptionRequest,
  IsoDay,
  SubscriptionPatch,
  cycleAfter,
  firstCycleOnOrAfter,
  nextCycleFrom,
  type Subscription,
} from '../domain/subscriptions.js';
import { OPEN_STATUSES } from '../domain/orders.js';
import { addDays, localDate, zonedIso } from '../domain/time.js';
import type { Store } from '../store/port.js';
import { buildSeed } from './seed.js';
import { priceOf } from './delivery-fees.js';

/** The most orders one listing returns (newest first): a customer's history is read in bounded pages. */
export const ORDERS_PAGE = 100;

const SANDBOX_TOKENS: Record<string, string> = { 'demo-token': 'demo', 'demo-ko-token': 'demo-ko' };

const C = {
  codes: 'sbx_voice_codes',
  customers: 'sbx_customers',
  orders: 'sbx_orders',
  shipments: 'sbx_shipments',
  pickup: 'sbx_pickup_points',
  returns: 'sbx_returns',
  idem: 'sbx_idempotency',
  takeovers: 'sbx_idempotency_takeovers',
  revoked: 'sbx_revoked_tokens',
  catalogue: 'sbx_catalogue',
  subscriptions: 'sbx_subscriptions',
  access: 'sbx_access_codes',
};

/** Products the sandbox can bring at dawn (새벽배송): groceries and baby supplies, for customers in Korea. */
const DAWN_SKUS = /^(samdasoo|absolute-myungjak|huggies-nature|bebesup|shin-ramyun)-/;
export const dawnEligible = (customer: Customer, skus: string[]): boolean =>
  customer.currency === 'KRW' && skus.length > 0 && skus.every((sku) => DAWN_SKUS.test(sku));
/** A dawn window: delivered between 02:00 and 07:00 local. */
export const dawnWindow = (date: string, timeZone: string): TimeWindow => ({ start: zonedIso(date, 2, timeZone), end: zonedIso(date, 7, timeZone) });

/**
 * Delivery windows the sandbox offers: three-hour slots over the next seven days (weekends too), in the customer's zone;
 * with `dawn` (Korean customers, eligible products) each day starts with a 02:00–07:00 dawn window (새벽배송).
 */
export function windowsFor(customer: Customer, now: Date, fromDays = 1, dawn = false): TimeWindow[] {
  const today = localDate(now, customer.timeZone);
  const out: TimeWindow[] = [];
  for (let day = fromDays; day < fromDays + 7; day += 1) {
    if (dawn) out.push(dawnWindow(addDays(today, day), customer.timeZone));
    for (const hour of [9, 12, 15, 18]) {
      out.push({ start: zonedIso(addDays(today, day), hour, customer.timeZone), end: zonedIso(addDays(today, day), hour + 3, customer.timeZone) });
    }
  }
  return out;
}

/**
 * The built-in commerce and logistics services: the same contract a real provider implements
 * (integrations/*.openapi.yaml), kept in Smile's store so they survive a restart and can be reset.
 */
export interface SandboxOptions {
  /**
   * How long a claimed Idempotency-Key stays locked while its request runs (payment APIs call it a lock expiry): a
   * process that dies between claim and completion leaves the claim behind, and after this long a retry takes it over.
   */
  claimLeaseMs?: number;
  /** Test hook: the request of this scope stops for good right after claiming its key (a crash test kills it there). */
  stallAfterClaim?: string;
  /** Told when a request stalls after its claim (the crash test waits for this line). */
  onStall?: (id: string) => void;
}

export const DEFAULT_CLAIM_LEASE_MS = 30_000;

type IdempotencyRecord = { fingerprint: string; state: 'pending' | 'done'; claimedAt?: string; status?: number; body?: unknown };

export class Sandbox {
  private readonly locks = new Map<string, Mutex>();
  private readonly claimLeaseMs: number;

  constructor(
    private readonly store: Store,
    private readonly clock: () => Date = () => new Date(),
    private readonly options: SandboxOptions = {},
  ) {
    this.claimLeaseMs = options.claimLeaseMs ?? DEFAULT_CLAIM_LEASE_MS;
  }

  /**
   * Takes over a claim whose lease has run out (its holder died between claim and completion). Of several takers only
   * one wins: each inserts a marker named after the stale claim, and the insert is atomic.
   */
  private async takeOverExpired(id: string, seen: IdempotencyRecord, fingerprint: string): Promise<boolean> {
    const claimedAt = seen.claimedAt ? Date.parse(seen.claimedAt) : Number.NEGATIVE_INFINITY;
    if (this.clock().getTime() - claimedAt < this.claimLeaseMs) return false;
    if (!(await this.store.documents.insert(C.takeovers, `${id}@${seen.claimedAt ?? 'none'}`, { at: this.clock().toISOString() }))) return false;
    await this.store.documents.put<IdempotencyRecord>(C.idem, id, { fingerprint, state: 'pending', claimedAt: this.clock().toISOString() });
    return true;
  }

  async seedIfEmpty(): Promise<void> {
    if ((await this.store.documents.list(C.customers)).length === 0) await this.reset();
  }

  async reset(): Promise<void> {
    for (const c of Object.values(C)) await this.store.documents.clear(c);
    const seed = buildSeed(this.clock());
    for (const c of seed.customers) await this.store.documents.put(C.customers, c.id, c);
    // placedAt in UTC ("…Z"), as new orders get it, so the store orders a customer's history by the string.
    for (const o of seed.orders) await this.store.documents.put(C.orders, o.id, { ...o, placedAt: new Date(o.placedAt).toISOString() });
    for (const s of seed.shipments) await this.store.documents.put(C.shipments, s.id, s);
    for (const p of seed.pickupPoints) await this.store.documents.put(C.pickup, p.id, p);
    for (const p of seed.catalogue) await this.store.documents.put(C.catalogue, p.sku, p);
  }

  private async customer(id: string): Promise<Customer> {
    const c = await this.store.documents.get<Customer>(C.customers, id);
    if (!c) throw new AppError('not_found', `No customer ${id}`, 404);
    return c;
  }

  /**
   * Runs a side effect once per Idempotency-Key: the first response is stored and replayed for the same key;
   * the same key with a different body is refused, as payment APIs do. The key is claimed with an atomic insert,
   * so two server instances sharing the store cannot both run it; the one that loses the claim waits for the answer.
   * A claim carries a lease (claimLeaseMs): one left behind by a crash is taken over by the next retry after it expires.
   */
  private async once(req: Request, res: Response, scope: string, run: () => Promise<{ status: number; body: unknown }>): Promise<void> {
    const key = req.get('Idempotency-Key');
    if (!key || key.length > 200) throw new AppError('idempotency_key_required', 'An Idempotency-Key header (1-200 characters) is required', 400);
    const id = `${scope}:${key}`;
    const body: unknown = req.body ?? null;
    const fingerprint = JSON.stringify({ path: req.path, body });
    let lock = this.locks.get(id);
    if (!lock) {
      lock = new Mutex();
      this.locks.set(id, lock);
    }
    const replay = (seen: IdempotencyRecord): void => {
      if (seen.fingerprint !== fingerprint) throw new AppError('idempotency_key_reused', 'This Idempotency-Key was used with another request', 422);
      res.status(seen.status!).set('Idempotent-Replayed', 'true').json(seen.body);
    };
    const inProgress = (): AppError => new AppError('idempotency_in_progress', 'A request with this Idempotency-Key is still being processed', 409);
    const claim = (): Promise<boolean> =>
      this.store.documents.insert<IdempotencyRecord>(C.idem, id, { fingerprint, state: 'pending', claimedAt: this.clock().toISOString() });
    try {
      await lock.runExclusive(async () => {
        if (!(await claim())) {
          for (let waited = 0; ; waited += 50) {
            const seen = await this.store.documents.get<IdempotencyRecord>(C.idem, id);
            if (seen?.state === 'done') {
              replay(seen);
              return;
            }
            if (!seen) {
              if (await claim()) break;
              throw inProgress();
            }
            if (seen.fingerprint !== fingerprint) replay(seen);
            // A claim whose holder died is not waited on forever: after its lease a retry takes it over.
            if (await this.takeOverExpired(id, seen, fingerprint)) break;
            if (waited >= 5000) throw inProgress();
            await new Promise((r) => setTimeout(r, 50));
          }
        }
        if (this.options.stallAfterClaim === scope) {
          this.options.onStall?.(id);
          await new Promise<never>(() => undefined);
        }
        let result: { status: number; body: unknown };
        try {
          result = await run();
        } catch (err) {
          if (err instanceof AppError && err.status < 500) {
            result = { status: err.status, body: { error: { code: err.code, message: err.message } } };
          } else {
            await this.store.documents.remove(C.idem, id);
            throw err;
          }
        }
        await this.store.documents.put<IdempotencyRecord>(C.idem, id, { fingerprint, state: 'done', ...result });
        res.status(result.status).json(result.body);
      });
    } finally {
      if (!lock.isLocked()) this.locks.delete(id);
    }
  }

  /** The product as the customer can buy it: from their history, else the catalogue (in stock, in their currency). */
  private async known(customer: Customer, sku: string): Promise<{ name: string; unitPrice: number }> {
    // Read through the customer index and by key: flat however many orders the sandbox holds.
    const history = await this.store.documents.byCustomer<Order>(C.orders, customer.id, { newestBy: 'placedAt', limit: ORDERS_PAGE });
    const product = await this.store.documents.get<CatalogueProduct>(C.catalogue, sku);
    const known =
      history.flatMap((o) => o.items).find((it) => it.sku === sku) ??
      (product && product.inStock && product.currency === customer.currency ? product : undefined);
    if (!known) throw new AppError('unknown_sku', `Unknown product ${sku}`, 422);
    return { name: known.name, unitPrice: known.unitPrice };
  }

  private address(customer: Customer, addressId: string): Customer['addresses'][number] {
    const address = customer.addresses.find((a) => a.id === addressId);
    if (!address) throw new AppError('invalid_address', `Customer ${customer.id} has no address ${addressId}`, 422);
    return address;
  }

  /** What an order of these lines to this address costs: the items at their prices, the delivery fee, the total. */
  private async quote(customer: Customer, lines: Array<{ sku: string; quantity: number }>, addressId: string): Promise<OrderQuote> {
    const address = this.address(customer, addressId);
    const items = [];
    for (const i of lines) items.push({ sku: i.sku, quantity: i.quantity, ...(await this.known(customer, i.sku)) });
    return { customerId: customer.id, shippingAddressId: address.id, items, currency: customer.currency, ...priceOf(customer.currency, items) };
  }

  /** An order and its shipment, in the earliest window (or the one given: a subscription's cycle). */
  private async makeOrder(
    customer: Customer,
    lines: Array<{ sku: string; quantity: number }>,
    addressId: string,
    window?: TimeWindow,
    /** The request's idempotency key: the order's id derives from it, so a run taken over after a crash makes no second order. */
    key?: string,
  ): Promise<Order> {
    const orderId = key ? `ord-${createHash('sha256').update(key).digest('hex').slice(0, 8)}` : `ord-${randomUUID().slice(0, 8)}`;
    const made = key ? await this.store.documents.get<Order>(C.orders, orderId) : null;
    if (made) return made;
    const address = this.address(customer, addressId);
    // Priced as its quote was: the same items, prices and delivery fee, so the order's total is the total quoted.
    const quote = await this.quote(customer, lines, addressId);
    const now = this.clock();
    const order: Order = {
      id: orderId,
      customerId: customer.id,
      status: 'placed',
      items: quote.items,
      currency: quote.currency,
      placedAt: now.toISOString(),
      subtotal: quote.subtotal,
      deliveryFee: quote.deliveryFee,
      total: quote.total,
      shippingAddressId: address.id,
    };
    const shipment: Shipment = {
      id: `shp-${orderId.slice(4)}`,
      orderId,
      customerId: customer.id,
      status: 'placed',
      window: window ?? windowsFor(customer, now)[0]!,
      place: { type: address.type, label: address.label, ...(address.pickupPointId ? { pickupPointId: address.pickupPointId } : {}) },
    };
    // The shipment first: an order that exists always has its shipment (a crash between the two leaves no half order).
    await this.store.documents.put(C.shipments, shipment.id, shipment);
    await this.store.documents.put(C.orders, order.id, order);
    return order;
  }

  private async subscription(id: string): Promise<Subscription> {
    const found = await this.store.documents.get<Subscription>(C.subscriptions, id);
    if (!found) throw new AppError('not_found', `No subscription ${id}`, 404);
    return found;
  }

  /** Subscriptions (정기배송): create, read, change, skip a cycle, and place a cycle's order — every write once per key. */
  private subscriptionRoutes(r: Router): void {
    r.get('/customers/:id/subscriptions', async (req, res) => {
      await this.customer(req.params.id);
      const subscriptions = (await this.store.documents.byCustomer<Subscription>(C.subscriptions, req.params.id))
        .filter((s) => s.customerId === req.params.id)
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      res.json({ subscriptions });
    });
    const Due = z.object({ dueBy: IsoDay }).strict();
    r.get('/subscriptions', async (req, res) => {
      const q = Due.safeParse(req.query);
      if (!q.success) throw invalidRequest(q.error);
      const subscriptions = (await this.store.documents.where<Subscription>(C.subscriptions, 'status', 'active'))
        .filter((s) => s.status === 'active' && s.nextDate <= q.data.dueBy)
        .sort((a, b) => a.nextDate.localeCompare(b.nextDate) || a.id.localeCompare(b.id));
      res.json({ subscriptions });
    });
    r.get('/subscriptions/:id', async (req, res) => {
      res.json(await this.subscription(req.params.id));
    });
    r.post('/subscriptions', async (req, res) => {
      const body = CreateSubscriptionRequest.safeParse(req.body);
      if (!body.success) throw invalidRequest(body.error);
      await this.once(req, res, 'subscriptions', async () => {
        const request = body.data;
        const customer = await this.customer(request.customerId);
        const address = this.address(customer, request.shippingAddressId);
        const product = await this.known(customer, request.sku);
        if (request.delivery === 'dawn' && !dawnEligible(customer, [request.sku]))
          throw new AppError('dawn_unavailable', `Dawn delivery is not offered for ${request.sku}`, 422);
        const today = localDate(this.clock(), customer.timeZone);
        const earliest = addDays(today, 1);
        if (request.firstDate && request.firstDate < earliest)
          throw new AppError('invalid_date', `The first delivery can be ${earliest} at the earliest`, 422);
        const subscription: Subscription = {
          id: `sub-${randomUUID().slice(0, 8)}`,
          customerId: customer.id,
          sku: request.sku,
          name: product.name,
          quantity: request.quantity,
          everyDays: request.everyDays,
          ...(request.monthlyOn ? { monthlyOn: request.monthlyOn } : {}),
          nextDate: firstCycleOnOrAfter(request.firstDate ?? earliest, request),
          status: 'active',
          place: { addressId: address.id, type: address.type, label: address.label },
          delivery: request.delivery,
          unitPrice: product.unitPrice,
          currency: customer.currency,
          createdAt: this.clock().toISOString(),
        };
        await this.store.documents.put(C.subscriptions, subscription.id, subscription);
        return { status: 201, body: subscription };
      });
    });
    r.patch('/subscriptions/:id', async (req, res) => {
      const patch = SubscriptionPatch.safeParse(req.body);
      if (!patch.success) throw invalidRequest(patch.error);
      await this.once(req, res, 'subscription-patch', async () => {
        const current = await this.subscription(req.params.id);
        if (current.status === 'cancelled') throw new AppError('not_changeable', `Subscription ${current.id} is cancelled`, 409);
        const customer = await this.customer(current.customerId);
        const today = localDate(this.clock(), customer.timeZone);
        const { shippingAddressId, monthlyOn, ...rest } = patch.data;
        const next: Subscription = { ...current, ...rest };
        if (monthlyOn === null) delete next.monthlyOn;
        else if (monthlyOn) next.monthlyOn = monthlyOn;
        if (shippingAddressId) {
          const a = this.address(customer, shippingAddressId);
          next.place = { addressId: a.id, type: a.type, label: a.label };
        }
        if (next.delivery === 'dawn' && !dawnEligible(customer, [next.sku]))
          throw new AppError('dawn_unavailable', `Dawn delivery is not offered for ${next.sku}`, 422);
        if (patch.data.nextDate && patch.data.nextDate <= today) throw new AppError('invalid_date', 'The next delivery must be after today', 422);
        // A new schedule starts on its own first day; a resumed subscription takes up the first cycle from tomorrow on.
        if (monthlyOn || (patch.data.everyDays && !patch.data.nextDate))
          next.nextDate = firstCycleOnOrAfter(patch.data.nextDate ?? next.nextDate, next);
        if (patch.data.status === 'active' && current.status === 'paused') next.nextDate = nextCycleFrom(next.nextDate, addDays(today, 1), next);
        await this.store.documents.put(C.subscriptions, next.id, next);
        return { status: 200, body: next };
      });
    });
    const Cycle = z.object({ cycleDate: IsoDay }).strict();
    r.post('/subscriptions/:id/skip', async (req, res) => {
      const body = Cycle.safeParse(req.body);
      if (!body.success) throw invalidRequest(body.error);
      await this.once(req, res, 'subscription-skip', async () => {
        const current = await this.subscription(req.params.id);
        if (current.status !== 'active') throw new AppError('not_changeable', `Subscription ${current.id} is ${current.status}`, 409);
        if (body.data.cycleDate !== current.nextDate) throw new AppError('cycle_not_next', `The next cycle is ${current.nextDate}`, 409);
        const next: Subscription = { ...current, nextDate: cycleAfter(current.nextDate, current) };
        await this.store.documents.put(C.subscriptions, next.id, next);
        return { status: 200, body: next };
      });
    });
    r.post('/subscriptions/:id/cycles/:date/order', async (req, res) => {
      const date = IsoDay.safeParse(req.params.date);
      if (!date.success) throw invalidRequest(date.error);
      await this.once(req, res, 'subscription-order', async () => {
        const current = await this.subscription(req.params.id);
        if (current.status !== 'active') throw new AppError('not_changeable', `Subscription ${current.id} is ${current.status}`, 409);
        if (date.data !== current.nextDate) throw new AppError('cycle_not_next', `The next cycle is ${current.nextDate}`, 409);
        const customer = await this.customer(current.customerId);
        const window = current.delivery === 'dawn' ? dawnWindow(date.data, customer.timeZone) : undefined;
        const order = await this.makeOrder(
          customer,
          [{ sku: current.sku, quantity: current.quantity }],
          current.place.addressId,
          window,
          `subscription-order:${req.get('Idempotency-Key')}`,
        );
        const next: Subscription = {
          ...current,
          nextDate: cycleAfter(current.nextDate, current),
          lastOrder: { cycleDate: date.data, orderId: order.id },
        };
        await this.store.documents.put(C.subscriptions, next.id, next);
        return { status: 201, body: { orderId: order.id, subscription: next } };
      });
    });
  }

  commerceRouter(): Router {
    const r = express.Router();
    this.subscriptionRoutes(r);
    r.get('/customers/:id', async (req, res) => {
      res.json(await this.customer(req.params.id));
    });
    // A validated street address becomes the customer's home (or office) address: replaced in place (its id and name
    // kept, so orders and words that name it now mean the new street), or added.
    const SaveAddress = z.object({ type: z.enum(['home', 'office']), address: ValidatedAddress.strict() }).strict();
    r.post('/customers/:id/addresses', async (req, res) => {
      const body = SaveAddress.safeParse(req.body);
      if (!body.success) throw invalidRequest(body.error);
      await this.once(req, res, 'addresses', async () => {
        const customer = await this.customer(req.params.id);
        const { type, address } = body.data;
        const current = customer.addresses.find((a) => a.type === type);
        // The place keeps its name ("Home", "집"); the street behind it is the new one.
        const name = customer.locale === 'ko-KR' ? { home: '집', office: '회사' } : { home: 'Home', office: 'Office' };
        const saved = {
          id: current?.id ?? `${customer.id}-${type}`,
          type,
          label: current?.label ?? name[type],
          line1: address.line1,
          city: address.city,
        };
        const addresses = current ? customer.addresses.map((a) => (a === current ? saved : a)) : [...customer.addresses, saved];
        const updated: Customer = { ...customer, addresses };
        await this.store.documents.put(C.customers, customer.id, updated);
        return { status: 200, body: updated };
      });
    });
    // The voice purchase code is a profile setting: set it (4 digits) to require it for voice orders, delete it to stop.
    const Code = z.object({ code: z.string().regex(/^\d{4}$/, 'must be 4 digits') }).strict();
    r.put('/customers/:id/voice-code', async (req, res) => {
      const body = Code.safeParse(req.body);
      if (!body.success) throw invalidRequest(body.error);
      const customer = await this.customer(req.params.id);
      await this.store.documents.put(C.codes, customer.id, { hash: createHash('sha256').update(`${customer.id}:${body.data.code}`).digest('hex') });
      await this.store.documents.put(C.customers, customer.id, { ...customer, voicePurchaseCode: true });
      res.status(204).end();
    });
    r.delete('/customers/:id/voice-code', async (req, res) => {
      const customer = await this.customer(req.params.id);
      await this.store.documents.remove(C.codes, customer.id);
      await this.store.documents.put(C.customers, customer.id, { ...customer, voicePurchaseCode: false });
      res.status(204).end();
    });
    r.post('/customers/:id/voice-code/verify', async (req, res) => {
      const body = Code.safeParse(req.body);
      if (!body.success) throw invalidRequest(body.error);
      const stored = await this.store.documents.get<{ hash: string }>(C.codes, req.params.id);
      const hash = createHash('sha256').update(`${req.params.id}:${body.data.code}`).digest('hex');
      res.json({ valid: Boolean(stored) && stored!.hash === hash });
    });
    // Account linking: the access token a voice assistant holds names the customer (sandbox tokens are fixed).
    r.get('/oauth/userinfo', async (req, res) => {
      const token = /^Bearer (.+)$/i.exec(req.get('authorization') ?? '')?.[1];
      const customerId = token ? SANDBOX_TOKENS[token] : undefined;
      if (!customerId || (await this.store.documents.get(C.revoked, token!)))
        throw new AppError('invalid_token', 'Unknown, revoked or missing access token', 401);
      res.json({ customerId });
    });
    // Sandbox only: revoke an access token (the customer unlinked the skill, or the shop withdrew it) until the next reset.
    r.delete('/oauth/tokens/:token', async (req, res) => {
      await this.store.documents.put(C.revoked, req.params.token, { revokedAt: this.clock().toISOString() });
      res.status(204).end();
    });
    // Newest first, at most `limit` (default and most: ORDERS_PAGE), read through the store's customer index.
    const Limit = z.coerce.number().int().min(1).max(ORDERS_PAGE).default(ORDERS_PAGE);
    r.get('/customers/:id/orders', async (req, res) => {
      const limit = Limit.safeParse(req.query.limit);
      if (!limit.success) throw invalidRequest(limit.error);
      await this.customer(req.params.id);
      const orders = await this.store.documents.byCustomer<Order>(C.orders, req.params.id, { newestBy: 'placedAt', limit: limit.data });
      res.json({ orders });
    });
    r.post('/orders', async (req, res) => {
      const body = PlaceOrderRequest.safeParse(req.body);
      if (!body.success) throw invalidRequest(body.error);
      await this.once(req, res, 'orders', async () => {
        const customer = await this.customer(body.data.customerId);
        const order = await this.makeOrder(customer, body.data.items, body.data.shippingAddressId, undefined, `orders:${req.get('Idempotency-Key')}`);
        return { status: 201, body: order };
      });
    });
    // A quote changes nothing (no Idempotency-Key): the price of the order the same body would place, fee included.
    r.post('/quotes', async (req, res) => {
      const body = PlaceOrderRequest.strict().safeParse(req.body);
      if (!body.success) throw invalidRequest(body.error);
      const customer = await this.customer(body.data.customerId);
      res.json(await this.quote(customer, body.data.items, body.data.shippingAddressId));
    });
    r.post('/orders/:id/cancel', async (req, res) => {
      await this.once(req, res, 'cancel', async () => {
        const order = await this.store.documents.get<Order>(C.orders, req.params.id);
        if (!order) throw new AppError('not_found', `No order ${req.params.id}`, 404);
        if (order.status !== 'placed') throw new AppError('not_cancellable', `Order ${order.id} is ${order.status}`, 409);
        const cancelled: Order = { ...order, status: 'cancelled' };
        await this.store.documents.put(C.orders, order.id, cancelled);
        return { status: 200, body: cancelled };
      });
    });
    // Variants of a product the customer bought: its family is found by the product's name.
    const Search = z
      .object({
        customerId: z.string().min(1),
        name: z.string().min(1).max(200),
        size: z.string().min(1).max(20).optional(),
        stage: z.coerce.number().int().min(1).max(9).optional(),
        count: z.coerce.number().int().positive().optional(),
      })
      .strict();
    r.get('/products/search', async (req, res) => {
      const q = Search.safeParse(req.query);
      if (!q.success) throw invalidRequest(q.error);
      const { customerId, name, ...wanted } = q.data;
      const variant = Variant.parse(wanted);
      const customer = await this.customer(customerId);
      const all = (await this.store.documents.list<CatalogueProduct>(C.catalogue)).filter((p) => p.currency === customer.currency);
      const norm = (t: string): string => t.toLowerCase().replace(/\s+/g, ' ').trim();
      const family = all.find((p) => norm(p.name) === norm(name))?.family ?? all.find((p) => norm(name).includes(norm(p.family)))?.family;
      if (!family) throw new AppError('not_found', `No product like "${name}" in the catalogue`, 404);
      const members = all.filter((p) => p.family === family);
      const same = (p: CatalogueProduct): boolean =>
        (variant.size === undefined || norm(p.variant.size ?? '') === norm(variant.size)) &&
        (variant.stage === undefined || p.variant.stage === variant.stage) &&
        (variant.count === undefined || p.variant.count === variant.count);
      const asked = Number.parseFloat(variant.size ?? String(variant.stage ?? variant.count ?? 0));
      const valueOf = (p: CatalogueProduct): number =>
        Number.parseFloat(
          variant.size !== undefined ? (p.variant.size ?? 'NaN') : String(variant.stage !== undefined ? p.variant.stage : p.variant.count),
        );
      const match = members.find((p) => same(p) && p.inStock) ?? null;
      const nearest = members
        .filter((p) => p.inStock && p !== match && !same(p))
        .sort((a, b) => Math.abs(valueOf(a) - asked) - Math.abs(valueOf(b) - asked) || valueOf(a) - valueOf(b))
        .slice(0, 3);
      res.json({ match, nearest });
    });
    return r;
  }

  logisticsRouter(): Router {
    const r = express.Router();
    const shipmentsOf = async (customerId: string): Promise<Shipment[]> => this.store.documents.byCustomer<Shipment>(C.shipments, customerId);
    r.get('/shipments', async (req, res) => {
      const customerId = z.string().min(1).safeParse(req.query.customerId);
      if (!customerId.success) throw new AppError('invalid_request', 'customerId is required', 400);
      res.json({ shipments: await shipmentsOf(customerId.data) });
    });
    const shipment = async (id: string): Promise<Shipment> => {
      const s = await this.store.documents.get<Shipment>(C.shipments, id);
      if (!s) throw new AppError('not_found', `No shipment ${id}`, 404);
      return s;
    };
    r.get('/shipments/:id', async (req, res) => {
      res.json(await shipment(req.params.id));
    });
    r.get('/shipments/:id/windows', async (req, res) => {
      const s = await shipment(req.params.id);
      const customer = await this.customer(s.customerId);
      const order = await this.store.documents.get<Order>(C.orders, s.orderId);
      const dawn = dawnEligible(customer, order?.items.map((i) => i.sku) ?? []);
      res.json({ windows: !OPEN_STATUSES.has(s.status) ? [] : windowsFor(customer, this.clock(), 1, dawn) });
    });
    r.get('/delivery-windows', async (req, res) => {
      const customerId = z.string().min(1).safeParse(req.query.customerId);
      if (!customerId.success) throw new AppError('invalid_request', 'customerId is required', 400);
      const skus = typeof req.query.skus === 'string' && req.query.skus ? req.query.skus.split(',') : [];
      const customer = await this.customer(customerId.data);
      res.json({ windows: windowsFor(customer, this.clock(), 1, dawnEligible(customer, skus)) });
    });
    const Patch = z
      .object({
        window: z.object({ start: z.string(), end: z.string() }).optional(),
        place: z.object({ type: PlaceType, label: z.string().min(1), pickupPointId: z.string().optional() }).optional(),
        instructions: z.string().max(500).optional(),
      })
      .strict();
    r.patch('/shipments/:id', async (req, res) => {
      const patch = Patch.safeParse(req.body);
      if (!patch.success) throw invalidRequest(patch.error);
      await this.once(req, res, 'shipment-patch', async () => {
        const s = await shipment(req.params.id);
        if (!OPEN_STATUSES.has(s.status)) throw new AppError('not_changeable', `Shipment ${s.id} is ${s.status}`, 409);
        const updated: Shipment = { ...s, ...patch.data };
        await this.store.documents.put(C.shipments, s.id, updated);
        return { status: 200, body: updated };
      });
    });
    // In-home and car-trunk deliveries: a fresh 6-digit code for the courier, valid only inside the booked window.
    r.post('/shipments/:id/access-code', async (req, res) => {
      await this.once(req, res, 'access-code', async () => {
        const s = await shipment(req.params.id);
        if (!ACCESS_PLACES.has(s.place.type))
          throw new AppError('no_access_delivery', `Shipment ${s.id} is not delivered in-home or to a car trunk`, 409);
        if (!OPEN_STATUSES.has(s.status)) throw new AppError('not_changeable', `Shipment ${s.id} is ${s.status}`, 409);
        const code: AccessCode = {
          shipmentId: s.id,
          code: String(randomInt(0, 1_000_000)).padStart(6, '0'),
          validFrom: s.window.start,
          validUntil: s.window.end,
        };
        await this.store.documents.put(C.access, s.id, code);
        return { status: 201, body: code };
      });
    });
    r.get('/shipments/:id/access-code', async (req, res) => {
      const code = await this.store.documents.get<AccessCode>(C.access, req.params.id);
      if (!code) throw new AppError('not_found', `No access code for shipment ${req.params.id}`, 404);
      res.json(code);
    });
    // The proof-of-delivery photo the courier takes (the sandbox draws one).
    r.get('/shipments/:id/photo', async (req, res) => {
      const s = await shipment(req.params.id);
      res.type('image/svg+xml').send(proofPhoto(s));
    });
    r.get('/pickup-points', async (req, res) => {
      const near = typeof req.query.customerId === 'string' ? req.query.customerId : undefined;
      const type = typeof req.query.type === 'string' ? req.query.type : undefined;
      const points = (await this.store.documents.list<PickupPoint & { near: string }>(C.pickup))
        .filter((p) => (!near || p.near === near) && (!type || p.type === type))
        .sort((a, b) => a.distanceKm - b.distanceKm)
        .map(({ near: _near, ...p }) => p);
      res.json({ pickupPoints: points });
    });
    const ReturnRequest = z.object({
      orderId: z.string().min(1),
      customerId: z.string().min(1),
      items: z.array(z.object({ sku: z.string(), quantity: z.number().int().positive() })).min(1),
      reason: z.string().min(1).max(500),
      method: z.enum(['store_dropoff', 'locker_dropoff', 'courier_pickup']),
      pickupPointId: z.string().optional(),
      window: z.object({ start: z.string(), end: z.string() }).optional(),
    });
    r.post('/returns', async (req, res) => {
      const body = ReturnRequest.safeParse(req.body);
      if (!body.success) throw invalidRequest(body.error);
      await this.once(req, res, 'returns', async () => {
        const order = await this.store.documents.get<Order>(C.orders, body.data.orderId);
        if (!order || order.customerId !== body.data.customerId) throw new AppError('not_found', `No order ${body.data.orderId}`, 404);
        if (order.status !== 'delivered' || !order.returnableUntil || Date.parse(order.returnableUntil) < this.clock().getTime()) {
          throw new AppError('not_returnable', `Order ${order.id} cannot be returned`, 409);
        }
        const refund = body.data.items.reduce((s, i) => s + i.quantity * (order.items.find((it) => it.sku === i.sku)?.unitPrice ?? 0), 0);
        const rec: ReturnRecord = {
          id: `ret-${randomUUID().slice(0, 8)}`,
          ...body.data,
          status: 'booked',
          dropoffCode: body.data.method === 'courier_pickup' ? undefined : String(100000 + Math.floor(Math.random() * 900000)),
          refundEstimate: { amount: Math.round(refund * 100) / 100, currency: order.currency },
        };
        await this.store.documents.put(C.returns, rec.id, rec);
        return { status: 201, body: rec };
      });
    });
    // Street addresses: the sandbox knows a few streets near each seed customer and the house numbers they run to.
    const Validate = z
      .object({ customerId: z.string().min(1), line1: z.string().min(1).max(200), city: z.string().min(1).max(100).optional() })
      .strict();
    r.post('/addresses/validate', async (req, res) => {
      const body = Validate.safeParse(req.body);
      if (!body.success) throw invalidRequest(body.error);
      const customer = await this.customer(body.data.customerId);
      res.json(checkAddress(customer, body.data.line1, body.data.city));
    });
    r.get('/returns', async (req, res) => {
      const customerId = z.string().min(1).safeParse(req.query.customerId);
      if (!customerId.success) throw new AppError('invalid_request', 'customerId is required', 400);
      res.json({ returns: await this.store.documents.byCustomer<ReturnRecord>(C.returns, customerId.data) });
    });
    return r;
  }
}

interface KnownStreet {
  names: RegExp;
  street: string;
  city: string;
  region?: string;
  postalCode: string;
  maxNumber: number;
}
const STREETS: Record<string, { country: string; streets: KnownStreet[] }> = {
  USD: {
    country: 'US',
    streets: [
      { names: /^oak\s+(street|st)$/i, street: 'Oak Street', city: 'San Jose', region: 'CA', postalCode: '95110', maxNumber: 999 },
      { names: /^elm\s+(street|st)$/i, street: 'Elm Street', city: 'San Jose', region: 'CA', postalCode: '95112', maxNumber: 2999 },
      { names: /^market\s+(street|st)$/i, street: 'Market Street', city: 'San Francisco', region: 'CA', postalCode: '94103', maxNumber: 3999 },
      {
        names: /^(w|west)\s+san\s+carlos\s+(street|st)$/i,
        street: 'W San Carlos Street',
        city: 'San Jose',
        region: 'CA',
        postalCode: '95126',
        maxNumber: 2999,
      },
    ],
  },
  KRW: {
    country: 'KR',
    streets: [
      { names: /테헤란로$/, street: '테헤란로', city: '서울특별시 강남구', postalCode: '06133', maxNumber: 521 },
      { names: /역삼로$/, street: '역삼로', city: '서울특별시 강남구', postalCode: '06241', maxNumber: 650 },
      { names: /강남대로$/, street: '강남대로', city: '서울특별시 강남구', postalCode: '06232', maxNumber: 700 },
      { names: /해운대로$/, street: '해운대로', city: '부산광역시 해운대구', postalCode: '48094', maxNumber: 900 },
    ],
  },
};

/** The sandbox's address check: a known street near the customer, with a house (building) number it has. */
export function checkAddress(customer: Customer, line1: string, _city?: string): import('../domain/commerce.js').AddressCheck {
  const area = STREETS[customer.currency] ?? { country: 'US', streets: [] };
  const [main, ...unit] = line1.split(',').map((p) => p.trim());
  const ko = customer.currency === 'KRW';
  const m = ko ? /^(.*?)\s*(\d{1,5}(?:-\d{1,4})?)$/.exec(main ?? '') : /^(\d{1,6})\s+(.+)$/.exec(main ?? '');
  if (!m) return { valid: false, reason: 'no_house_number' };
  const [number, streetWords] = ko
    ? [m[2]!, m[1]!.replace(/^(?:[가-힣]+(?:특별시|광역시|시|도)\s+)?(?:[가-힣]+(?:구|군)\s+)?/, '').trim()]
    : [m[1]!, m[2]!.trim()];
  const known = area.streets.find((s) => s.names.test(streetWords));
  if (!known)
    return {
      valid: false,
      reason:
        ko || /street|st|avenue|ave|road|rd|way|lane|ln|drive|dr|blvd|boulevard/i.test(streetWords) ? 'unknown_street' : 'outside_delivery_area',
    };
  if (Number.parseInt(number, 10) > known.maxNumber || Number.parseInt(number, 10) < 1) return { valid: false, reason: 'unknown_street' };
  const rest = unit.join(', ');
  const lineOut = ko ? `${known.street} ${number}${rest ? `, ${rest}` : ''}` : `${number} ${known.street}${rest ? `, ${rest}` : ''}`;
  const formatted = ko ? `${known.city} ${lineOut} (${known.postalCode})` : `${lineOut}, ${known.city}, ${known.region} ${known.postalCode}`;
  return {
    valid: true,
    address: {
      line1: lineOut,
      city: known.city,
      ...(known.region ? { region: known.region } : {}),
      postalCode: known.postalCode,
      country: area.country,
      formatted,
    },
  };
}

/** A stand-in proof-of-delivery photo: the parcel where it was left, with the shipment and the place. */
function proofPhoto(s: Shipment): string {
  const esc = (t: string): string => t.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="320" viewBox="0 0 480 320" role="img" aria-label="Parcel delivered: ${esc(s.place.label)}">
<rect width="480" height="320" fill="#e8eef3"/><rect x="170" y="120" width="140" height="110" fill="#c8965a" stroke="#8a6236" stroke-width="4"/>
<rect x="230" y="120" width="20" height="110" fill="#e0c08a"/><text x="240" y="280" font-family="sans-serif" font-size="18" text-anchor="middle" fill="#1f2933">${esc(s.place.label)} · ${esc(s.id)}</text>
</svg>`;
}
