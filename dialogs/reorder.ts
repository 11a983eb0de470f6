import type { Address, Customer, Order, PlaceType } from '../domain/commerce.js';
import type { Entity } from '../nlu/catalogue.js';
import type { Awaiting, DialogContext, DialogEvent, Effect, ReorderFrame, Say } from './types.js';

/** What a flow step decides: the frame that stays active (null: the flow is over), what to say, what to do. */
export interface FlowStep<F> { frame: F | null; say: Say[]; effect?: Effect; awaiting: Awaiting }

interface HistoryItem { sku: string; name: string; unitPrice: number; lastQuantity: number; currency: string; placedAt: string; addressId?: string }

/** Products the customer has bought, newest purchase first, with the last quantity and price of each. */
export function purchaseHistory(orders: Order[]): HistoryItem[] {
  const seen = new Map<string, HistoryItem>();
  const sorted = [...orders].filter((o) => o.status !== 'cancelled').sort((a, b) => Date.parse(b.placedAt) - Date.parse(a.placedAt));
  for (const o of sorted) {
    for (const i of o.items) {
      if (!seen.has(i.sku)) {
        seen.set(i.sku, { sku: i.sku, name: i.name, unitPrice: i.unitPrice, lastQuantity: i.quantity, currency: o.currency, placedAt: o.placedAt, addressId: o.shippingAddressId });
      }
    }
  }
  return [...seen.values()];
}

const first = <T extends Entity['type']>(entities: Entity[], type: T): Entity | undefined => entities.find((e) => e.type === type);

/** SKUs named by product entities, best first; ties at the top score are kept together. */
function productSkus(entities: Entity[]): string[] {
  return entities.filter((e) => e.type === 'product').sort((a, b) => (b.score ?? 0) - (a.score ?? 0)).map((e) => String(e.value));
}

function topTied(entities: Entity[]): string[] {
  const prods = entities.filter((e) => e.type === 'product').sort((a, b) => (b.score ?? 0) - (a.score ?? 0));
  const best = prods[0]?.score ?? 0;
  return prods.filter((p) => (p.score ?? 0) >= best - 0.05).map((p) => String(p.value));
}

const confirmationSuggestions: Say['suggestions'] = [{ kind: 'prompt', key: 'suggest.yes' }, { kind: 'prompt', key: 'suggest.no' }];

export function startReorder(entities: Entity[], ctx: DialogContext): FlowStep<ReorderFrame> {
  const qty = first(entities, 'quantity');
  const place = first(entities, 'place');
  const product = first(entities, 'product');
  const frame: ReorderFrame = {
    flow: 'reorder', id: ctx.messageId, step: 'loading',
    request: {
      skus: topTied(entities),
      ...(qty ? { quantity: Number(qty.value) } : {}),
      ...(place ? { placeType: place.value as PlaceType } : {}),
      ...(product ? { queryText: product.text } : {}),
    },
  };
  return { frame, say: [], effect: { type: 'loadCustomer', customerId: ctx.customerId }, awaiting: null };
}

function pickAddress(customer: Customer, placeType: PlaceType | undefined, fallbackId: string | undefined): Address | null {
  if (placeType) return customer.addresses.find((a) => a.type === placeType) ?? null;
  return customer.addresses.find((a) => a.type === 'home') ?? customer.addresses.find((a) => a.id === fallbackId) ?? customer.addresses[0] ?? null;
}

function askProduct(frame: ReorderFrame, candidates: HistoryItem[], key: string, params: Say['params'] = {}): FlowStep<ReorderFrame> {
  const shown = candidates.slice(0, 3).map((c) => ({ sku: c.sku, name: c.name }));
  return {
    frame: { ...frame, step: 'choose_product', candidates: shown },
    say: [{ key, params, suggestions: shown.map((c) => c.name) }],
    awaiting: 'product',
  };
}

/** Having the product, quantity and address: ask the logistics API for the earliest window. */
function quote(frame: ReorderFrame, ctx: DialogContext): FlowStep<ReorderFrame> {
  return { frame: { ...frame, step: 'quoting' }, say: [], effect: { type: 'quoteDelivery', customerId: ctx.customerId }, awaiting: null };
}

function confirmSay(frame: ReorderFrame): Say {
  const c = frame.chosen!; const q = frame.quantity!;
  const total: Param = { kind: 'money', amount: Math.round(c.unitPrice * q * 100) / 100, currency: c.currency };
  return {
    key: 'reorder.confirm',
    params: { quantity: q, product: c.name, total, destination: frame.address!.label, window: { kind: 'window', window: frame.window! } },
    suggestions: confirmationSuggestions,
    card: { title: { kind: 'prompt', key: 'card.order' }, lines: [`${q} × ${c.name}`, total, frame.address!.label, { kind: 'window', window: frame.window! }] },
  };
}
type Param = NonNullable<Say['params']>[string];

/** Resolves the chosen product and address from the customer's history, then quotes. */
function resolve(frame: ReorderFrame, customer: Customer, orders: Order[], ctx: DialogContext): FlowStep<ReorderFrame> {
  const history = purchaseHistory(orders);
  if (history.length === 0) return { frame: null, say: [{ key: 'reorder.no_history' }], awaiting: null };
  const matches = history.filter((h) => frame.request.skus.includes(h.sku));
  const addresses = customer.addresses;
  let next: ReorderFrame = { ...frame, addresses };
  if (!next.chosen) {
    if (matches.length === 0) {
      return frame.request.queryText || frame.request.skus.length
        ? askProduct(next, history, 'reorder.no_match', { query: frame.request.queryText ?? '' })
        : askProduct(next, history, 'reorder.ask_product.suggest');
    }
    if (matches.length > 1) return askProduct(next, matches, 'reorder.choose');
    const m = matches[0]!;
    next = { ...next, chosen: { sku: m.sku, name: m.name, unitPrice: m.unitPrice, currency: m.currency } };
  }
  const item = history.find((h) => h.sku === next.chosen!.sku);
  next.quantity ??= frame.request.quantity ?? item?.lastQuantity ?? 1;
  if (!next.address) {
    const address = pickAddress(customer, frame.request.placeType, item?.addressId);
    if (!address) {
      return {
        frame: { ...next, step: 'choose_place' },
        say: [{ key: 'reorder.no_address', params: { place: { kind: 'prompt', key: `place.${frame.request.placeType}` } }, suggestions: addresses.map((a) => a.label) }],
        awaiting: 'place',
      };
    }
    next.address = address;
  }
  return quote(next, ctx);
}

const ORDINALS: Array<[RegExp, number]> = [
  [/\b(first|1st|one)\b|첫|^1$|1번/i, 0], [/\b(second|2nd|two)\b|두 ?번째|둘째|^2$|2번/i, 1], [/\b(third|3rd|three)\b|세 ?번째|셋째|^3$|3번/i, 2],
];

/** A choice among offered options: the option's own text, an ordinal ("the second one", "두 번째"), or an entity. */
export function chooseOption<T extends { name?: string; label?: string }>(text: string, options: T[]): T | undefined {
  const norm = (s: string): string => s.toLowerCase().replace(/\s+/g, ' ').trim();
  const t = norm(text);
  const exact = options.find((o) => norm(o.name ?? o.label ?? '') === t);
  if (exact) return exact;
  for (const [re, idx] of ORDINALS) if (re.test(t) && options[idx]) return options[idx];
  return undefined;
}

export function onReorderEvent(frame: ReorderFrame, event: DialogEvent, ctx: DialogContext): FlowStep<ReorderFrame> {
  if (event.type === 'result') {
    const r = event.result;
    if (!r.ok) {
      if (r.type === 'placeOrder') {
        if (r.transient) return { frame: { ...frame, step: 'confirm' }, say: [{ key: 'reorder.failed_transient', suggestions: [...confirmationSuggestions!, { kind: 'prompt', key: 'suggest.person' }] }], awaiting: 'confirmation' };
        return { frame: null, say: [{ key: 'reorder.failed', params: { reason: r.code } }], awaiting: null };
      }
      return { frame: null, say: [{ key: 'reorder.context_failed' }], awaiting: null };
    }
    if (r.type === 'loadCustomer') return resolve(frame, r.customer, r.orders, ctx);
    if (r.type === 'quoteDelivery') {
      const window = r.windows[0];
      if (!window) return { frame: null, say: [{ key: 'reorder.context_failed' }], awaiting: null };
      const next: ReorderFrame = { ...frame, step: 'confirm', window };
      return { frame: next, say: [confirmSay(next)], awaiting: 'confirmation' };
    }
    if (r.type === 'placeOrder') {
      return {
        frame: null,
        say: [{
          key: 'reorder.placed',
          params: { orderId: r.order.id, total: { kind: 'money', amount: r.order.total, currency: r.order.currency }, window: { kind: 'window', window: frame.window! } },
          card: { title: { kind: 'prompt', key: 'card.order' }, lines: [r.order.id, ...r.order.items.map((i) => `${i.quantity} × ${i.name}`), { kind: 'money', amount: r.order.total, currency: r.order.currency }] },
        }],
        awaiting: null,
      };
    }
    return { frame, say: [], awaiting: null };
  }

  const { entities, intent } = event;
  const newSkus = productSkus(entities);
  const qty = first(entities, 'quantity');
  const place = first(entities, 'place');

  if (frame.step === 'choose_product') {
    const options = frame.candidates ?? [];
    const exact = chooseOption(event.text, options);
    const picked = exact ?? options.find((o) => topTied(entities).length === 1 && o.sku === topTied(entities)[0]);
    if (picked || newSkus.length) {
      const skus = picked ? [picked.sku] : topTied(entities);
      // A selected suggestion is a product's name; numbers in it are not a quantity.
      const qty = exact ? undefined : first(entities, 'quantity');
      return {
        frame: { ...frame, step: 'loading', request: { ...frame.request, skus, ...(qty ? { quantity: Number(qty.value) } : {}), ...(place ? { placeType: place.value as PlaceType } : {}) } },
        say: [], effect: { type: 'loadCustomer', customerId: ctx.customerId }, awaiting: null,
      };
    }
    return { frame, say: [{ key: 'not_understood.in_flow' }, { key: 'reorder.choose', suggestions: options.map((o) => o.name) }], awaiting: 'product' };
  }

  if (frame.step === 'choose_place') {
    const byLabel = chooseOption(event.text, frame.addresses ?? []);
    const byType = place ? frame.addresses?.find((a) => a.type === place.value) : undefined;
    const address = byLabel ?? byType;
    if (address) return quote({ ...frame, address }, ctx);
    return { frame, say: [{ key: 'not_understood.in_flow' }, { key: 'reorder.no_address', params: { place: { kind: 'prompt', key: `place.${frame.request.placeType}` } }, suggestions: (frame.addresses ?? []).map((a) => a.label) }], awaiting: 'place' };
  }

  // Waiting for yes or no; a correction re-fills one slot and asks again.
  if (intent === 'affirm') {
    const c = frame.chosen!;
    const key = `${ctx.conversationId}:${frame.id}:placeOrder:${c.sku}:${frame.quantity}:${frame.address!.id}`;
    return {
      frame: { ...frame, step: 'placing' }, say: [], awaiting: null,
      effect: { type: 'placeOrder', idempotencyKey: key, request: { customerId: ctx.customerId, items: [{ sku: c.sku, quantity: frame.quantity! }], shippingAddressId: frame.address!.id } },
    };
  }
  if (intent === 'deny' && !qty && !place && newSkus.length === 0) return { frame: null, say: [{ key: 'reorder.declined' }], awaiting: null };
  if (newSkus.length && !newSkus.includes(frame.chosen!.sku)) {
    return {
      frame: { ...frame, step: 'loading', chosen: undefined, quantity: qty ? Number(qty.value) : undefined, request: { ...frame.request, skus: topTied(entities), quantity: qty ? Number(qty.value) : undefined } },
      say: [], effect: { type: 'loadCustomer', customerId: ctx.customerId }, awaiting: null,
    };
  }
  if (place) {
    const address = frame.addresses?.find((a) => a.type === place.value);
    const next: ReorderFrame = { ...frame, ...(qty ? { quantity: Number(qty.value) } : {}) };
    if (address) return quote({ ...next, address }, ctx);
    return {
      frame: { ...next, step: 'choose_place', request: { ...frame.request, placeType: place.value as PlaceType } },
      say: [{ key: 'reorder.no_address', params: { place: { kind: 'prompt', key: `place.${place.value}` } }, suggestions: (frame.addresses ?? []).map((a) => a.label) }],
      awaiting: 'place',
    };
  }
  if (qty) {
    const next: ReorderFrame = { ...frame, quantity: Number(qty.value) };
    return { frame: next, say: [confirmSay(next)], awaiting: 'confirmation' };
  }
  return { frame, say: [{ key: 'reorder.confirm.again', suggestions: confirmationSuggestions }], awaiting: 'confirmation' };
}

/** Repeats the question the flow is waiting on (after a digression or a misunderstanding). */
export function reorderPrompt(frame: ReorderFrame): Say[] {
  if (frame.step === 'confirm') return [confirmSay(frame)];
  if (frame.step === 'choose_product') return [{ key: 'reorder.choose', suggestions: (frame.candidates ?? []).map((c) => c.name) }];
  if (frame.step === 'choose_place') return [{ key: 'reorder.no_address', params: { place: { kind: 'prompt', key: `place.${frame.request.placeType}` } }, suggestions: (frame.addresses ?? []).map((a) => a.label) }];
  return [];
}

export function reorderAwaiting(frame: ReorderFrame): Awaiting {
  return frame.step === 'confirm' ? 'confirmation' : frame.step === 'choose_product' ? 'product' : frame.step === 'choose_place' ? 'place' : null;
}
