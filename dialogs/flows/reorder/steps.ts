import type { Address, Customer, Order, PlaceType } from '../../../domain/commerce.js';
import type { Entity } from '../../../domain/understanding.js';
import { PLACE_NAME, chooseByText, failure, firstEntity, namedSkus, yesNo, yesNoPerson, type FlowDef, type FlowStep } from '../../kit/flow.js';
import type { DialogContext, DialogEvent, Param, ReorderFrame, Say } from '../../types.js';

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

function pickAddress(customer: Customer, placeType: PlaceType | undefined): Address | null {
  if (placeType) return customer.addresses.find((a) => a.type === placeType) ?? null;
  return customer.addresses.find((a) => a.type === 'home') ?? customer.addresses[0] ?? null;
}

function askProduct(frame: ReorderFrame, candidates: Array<{ sku: string; name: string }>, ask: Say): FlowStep<ReorderFrame> {
  const shown = candidates.slice(0, 3).map((c) => ({ sku: c.sku, name: c.name }));
  return { frame: { ...frame, step: 'choose_product', candidates: shown }, say: [{ ...ask, suggestions: shown.map((c) => c.name) }] };
}

/** Having the product, quantity and address: ask the logistics API for the earliest window. */
function quote(frame: ReorderFrame, ctx: DialogContext): FlowStep<ReorderFrame> {
  return { frame: { ...frame, step: 'quoting' }, say: [], effect: { type: 'quoteDelivery', customerId: ctx.customerId } };
}

function confirmSay(frame: ReorderFrame): Say {
  const c = frame.chosen!; const q = frame.quantity!;
  const total: Param = { kind: 'money', amount: Math.round(c.unitPrice * q * 100) / 100, currency: c.currency };
  return {
    key: 'reorder.confirm',
    params: { quantity: q, product: c.name, total, destination: frame.address!.label, window: { kind: 'window', window: frame.window! } },
    suggestions: yesNo,
    card: { title: { kind: 'prompt', key: 'card.order' }, lines: [`${q} × ${c.name}`, total, frame.address!.label, { kind: 'window', window: frame.window! }] },
  };
}

const askPlace = (frame: ReorderFrame, placeType: PlaceType | undefined): Say =>
  ({ key: 'reorder.no_address', params: { place: { kind: 'prompt', key: PLACE_NAME[placeType ?? 'home'] } }, suggestions: (frame.addresses ?? []).map((a) => a.label) });

/** Resolves the chosen product and address from the customer's history, then quotes. */
function resolve(frame: ReorderFrame, customer: Customer, orders: Order[], suggestions: Array<{ sku: string; name: string }>, ctx: DialogContext): FlowStep<ReorderFrame> {
  const history = purchaseHistory(orders);
  if (history.length === 0) return { frame: null, say: [{ key: 'reorder.no_history' }] };
  const matches = history.filter((h) => frame.request.skus.includes(h.sku));
  let next: ReorderFrame = { ...frame, addresses: customer.addresses, needsCode: ctx.voice && customer.voicePurchaseCode };
  if (!next.chosen) {
    if (matches.length === 0) {
      if (frame.request.queryText || frame.request.skus.length) return askProduct(next, history, { key: 'reorder.no_match', params: { query: frame.request.queryText ?? '' } });
      // Nothing named: what is probably running out comes first, then what was bought most recently.
      const due = suggestions.filter((s) => history.some((h) => h.sku === s.sku));
      const offered = [...due, ...history.filter((h) => !due.some((d) => d.sku === h.sku))];
      return askProduct(next, offered, due.length
        ? { key: 'reorder.suggest_due', params: { due: due.slice(0, 3).map((d) => d.name).join(', ') } } : { key: 'reorder.ask_product.suggest' });
    }
    if (matches.length > 1) return askProduct(next, matches, { key: 'reorder.choose' });
    const m = matches[0]!;
    next = { ...next, chosen: { sku: m.sku, name: m.name, unitPrice: m.unitPrice, currency: m.currency } };
  }
  const item = history.find((h) => h.sku === next.chosen!.sku);
  next.quantity ??= frame.request.quantity ?? item?.lastQuantity ?? 1;
  if (!next.address) {
    const address = pickAddress(customer, frame.request.placeType);
    if (!address) return { frame: { ...next, step: 'choose_place' }, say: [askPlace(next, frame.request.placeType)] };
    next.address = address;
  }
  return quote(next, ctx);
}

/** Places the confirmed order; the key is derived from the flow, so a repeated "yes" never orders twice. */
function placeOrder(frame: ReorderFrame, ctx: DialogContext): FlowStep<ReorderFrame> {
  const c = frame.chosen!;
  const key = `${ctx.conversationId}:${frame.id}:placeOrder:${c.sku}:${frame.quantity}:${frame.address!.id}`;
  return {
    frame: { ...frame, step: 'placing' }, say: [],
    effect: { type: 'placeOrder', idempotencyKey: key, request: { customerId: ctx.customerId, items: [{ sku: c.sku, quantity: frame.quantity! }], shippingAddressId: frame.address!.id } },
  };
}

const reload = (frame: ReorderFrame, ctx: DialogContext, request: ReorderFrame['request']): FlowStep<ReorderFrame> => ({
  frame: { ...frame, step: 'loading', chosen: undefined, quantity: undefined, request }, say: [],
  effect: { type: 'loadCustomer', customerId: ctx.customerId },
});

function onEvent(frame: ReorderFrame, event: DialogEvent, ctx: DialogContext): FlowStep<ReorderFrame> {
  if (event.type === 'result') {
    const r = event.result;
    if (!r.ok) {
      if (r.type === 'placeOrder') {
        if (r.transient) return { frame: { ...frame, step: 'confirm' }, say: [{ key: 'reorder.failed_transient', suggestions: yesNoPerson }] };
        return { frame: null, say: [{ key: 'reorder.failed', params: { reason: r.code } }], offerPerson: 'failed_effect' };
      }
      return failure<ReorderFrame>(null, r.transient, 'reorder.context_failed');
    }
    if (r.type === 'loadCustomer') return resolve(frame, r.customer, r.orders, r.suggestions ?? [], ctx);
    if (r.type === 'quoteDelivery') {
      const window = r.windows[0];
      if (!window) return failure<ReorderFrame>(null, false, 'reorder.context_failed');
      const next: ReorderFrame = { ...frame, step: 'confirm', window };
      return { frame: next, say: [confirmSay(next)] };
    }
    if (r.type === 'verifyVoiceCode') {
      if (r.lockedUntil) return { frame: null, say: [{ key: 'reorder.code_locked', params: { until: { kind: 'time', iso: r.lockedUntil } } }] };
      if (!r.valid) return { frame: { ...frame, step: 'voice_code' }, say: [{ key: 'reorder.code_wrong' }] };
      return placeOrder(frame, ctx);
    }
    if (r.type === 'placeOrder') {
      const total: Param = { kind: 'money', amount: r.order.total, currency: r.order.currency };
      return {
        frame: null,
        say: [{
          key: 'reorder.placed', params: { orderId: r.order.id, total, window: { kind: 'window', window: frame.window! } },
          card: { title: { kind: 'prompt', key: 'card.order' }, lines: [r.order.id, ...r.order.items.map((i) => `${i.quantity} × ${i.name}`), total] },
        }],
      };
    }
    return { frame, say: [] };
  }

  const { entities, intent } = event;
  const skus = namedSkus(entities);
  const qty = firstEntity(entities, 'quantity');
  const place = firstEntity(entities, 'place');

  if (frame.step === 'choose_product') {
    const options = frame.candidates ?? [];
    const exact = chooseByText(event.text, options, (o) => o.name);
    const picked = exact ?? (skus.length === 1 ? options.find((o) => o.sku === skus[0]) : undefined);
    if (picked || skus.length) {
      // A selected suggestion is a product's name; numbers in it are not a quantity.
      const quantity = exact ? undefined : qty ? qty.value : frame.request.quantity;
      return reload(frame, ctx, { ...frame.request, skus: picked ? [picked.sku] : skus, quantity, ...(place ? { placeType: place.value } : {}) });
    }
    return { frame, say: [{ key: 'not_understood.in_flow' }, { key: 'reorder.choose', suggestions: options.map((o) => o.name) }] };
  }

  if (frame.step === 'choose_place') {
    const address = chooseByText(event.text, frame.addresses ?? [], (a) => a.label) ?? (place ? frame.addresses?.find((a) => a.type === place.value) : undefined);
    if (address) return quote({ ...frame, address }, ctx);
    return { frame, say: [{ key: 'not_understood.in_flow' }, askPlace(frame, frame.request.placeType)] };
  }

  if (frame.step === 'voice_code') {
    const code = /\b(\d)\s*(\d)\s*(\d)\s*(\d)\b/.exec(event.text);
    if (code) return { frame: { ...frame, step: 'checking_code' }, say: [], effect: { type: 'verifyVoiceCode', customerId: ctx.customerId, code: code.slice(1).join('') } };
    return { frame, say: [{ key: 'reorder.ask_code' }] };
  }

  // Waiting for yes or no; a correction re-fills one slot and asks again.
  if (intent === 'affirm' && !qty && !place && skus.length === 0 && frame.needsCode) {
    return { frame: { ...frame, step: 'voice_code' }, say: [{ key: 'reorder.ask_code' }] };
  }
  if (intent === 'affirm' && !qty && !place && skus.length === 0) return placeOrder(frame, ctx);
  if (intent === 'deny' && !qty && !place && skus.length === 0) return { frame: null, say: [{ key: 'reorder.declined' }] };
  if (skus.length && !skus.includes(frame.chosen!.sku)) {
    return reload(frame, ctx, { ...frame.request, skus, quantity: qty ? qty.value : undefined });
  }
  if (place) {
    const address = frame.addresses?.find((a) => a.type === place.value);
    const next: ReorderFrame = { ...frame, ...(qty ? { quantity: qty.value } : {}) };
    if (address) return quote({ ...next, address }, ctx);
    const waiting: ReorderFrame = { ...next, step: 'choose_place', request: { ...frame.request, placeType: place.value } };
    return { frame: waiting, say: [askPlace(waiting, place.value)] };
  }
  if (qty) {
    const next: ReorderFrame = { ...frame, quantity: qty.value };
    return { frame: next, say: [confirmSay(next)] };
  }
  return { frame, say: [{ key: 'confirm.again', suggestions: yesNo }] };
}

function prompt(frame: ReorderFrame): Say[] {
  if (frame.step === 'confirm') return [confirmSay(frame)];
  if (frame.step === 'choose_product') return [{ key: 'reorder.choose', suggestions: (frame.candidates ?? []).map((c) => c.name) }];
  if (frame.step === 'choose_place') return [askPlace(frame, frame.request.placeType)];
  if (frame.step === 'voice_code') return [{ key: 'reorder.ask_code' }];
  return [];
}

/** The step table: what each step waits for. */
const STEPS: FlowDef<ReorderFrame>['steps'] = {
  loading: { awaiting: null }, choose_product: { awaiting: 'product' }, choose_place: { awaiting: 'place' }, quoting: { awaiting: null },
  confirm: { awaiting: 'confirmation' }, voice_code: { awaiting: 'voice_code' }, checking_code: { awaiting: null }, placing: { awaiting: null },
};

function start(event: { entities: Entity[] }, ctx: DialogContext): FlowStep<ReorderFrame> {
  const qty = firstEntity(event.entities, 'quantity');
  const place = firstEntity(event.entities, 'place');
  const product = firstEntity(event.entities, 'product');
  const frame: ReorderFrame = {
    flow: 'reorder', id: ctx.messageId, step: 'loading',
    request: {
      skus: namedSkus(event.entities),
      ...(qty ? { quantity: qty.value } : {}),
      ...(place ? { placeType: place.value } : {}),
      ...(product ? { queryText: product.text } : {}),
    },
  };
  return { frame, say: [], effect: { type: 'loadCustomer', customerId: ctx.customerId } };
}

export const reorderFlow: FlowDef<ReorderFrame> = {
  steps: STEPS, start, interpret: onEvent, prompt,
  answers(frame, event) {
    if (['affirm', 'deny', 'reorder'].includes(event.intent)) return true;
    if (event.entities.some((e) => e.type === 'product' || e.type === 'quantity' || e.type === 'place')) return true;
    if (frame.step === 'choose_product') return Boolean(chooseByText(event.text, frame.candidates ?? [], (o) => o.name));
    if (frame.step === 'choose_place') return Boolean(chooseByText(event.text, frame.addresses ?? [], (a) => a.label));
    if (frame.step === 'voice_code') return /\d/.test(event.text);
    return false;
  },
};
