import type { Address, CardProduct, CatalogueProduct, Customer, Order, PlaceType, TimeWindow, Variant } from '../../../domain/commerce.js';
import { matchWindows } from '../delivery-slot/steps.js';
import type { Entity } from '../../../domain/understanding.js';
import {
  afterRecheck,
  type Reread,
  DEFAULT_REPEAT_ORDER_WITHIN_MS,
  MOVES,
  PLACE_NAME,
  chooseByText,
  failure,
  firstEntity,
  namedSkus,
  yesNo,
  yesNoPerson,
  type FlowDef,
  type FlowStep,
} from '../../kit/flow.js';
import type { ReorderNudge } from '../../../domain/notices.js';
import { snoozeDays, stopsSuggesting } from '../../patterns/nudge-answers.js';
import { freeDeliveryLine, totalOf } from '../../kit/price.js';
import type { DialogContext, DialogEvent, EffectResult, Param, Say, Utterance } from '../../types.js';
import type { ChosenProduct, ProductChoice, ReorderFrame, ReorderRequest } from './frame.js';
import { customerNumber } from '../../../domain/references.js';

type At<S extends ReorderFrame['step']> = Extract<ReorderFrame, { step: S }>;
/** The order drafted (product, quantity, the customer's addresses), with its address, and quoted: as each step has it. */
type Draft = Omit<At<'choose_place'>, 'step'>;
type Quoted = Omit<At<'confirm'>, 'step'>;

interface HistoryItem {
  sku: string;
  name: string;
  unitPrice: number;
  lastQuantity: number;
  currency: string;
  placedAt: string;
  addressId?: string;
  imageUrl?: string;
}

/** Products the customer has bought, newest purchase first, with the last quantity and price of each. */
export function purchaseHistory(orders: Order[]): HistoryItem[] {
  const seen = new Map<string, HistoryItem>();
  const sorted = [...orders].filter((o) => o.status !== 'cancelled').sort((a, b) => Date.parse(b.placedAt) - Date.parse(a.placedAt));
  for (const o of sorted) {
    for (const i of o.items) {
      if (!seen.has(i.sku)) {
        seen.set(i.sku, {
          sku: i.sku,
          name: i.name,
          unitPrice: i.unitPrice,
          lastQuantity: i.quantity,
          currency: o.currency,
          placedAt: o.placedAt,
          addressId: o.shippingAddressId,
          ...(i.imageUrl ? { imageUrl: i.imageUrl } : {}),
        });
      }
    }
  }
  return [...seen.values()];
}

function pickAddress(customer: Customer, placeType: PlaceType | undefined): Address | undefined {
  if (placeType) return customer.addresses.find((a) => a.type === placeType);
  return customer.addresses.find((a) => a.type === 'home') ?? customer.addresses[0];
}

/** Only what a draft carries (a frame further on also has its address and window, which a new quote replaces). */
const draftOf = (f: Draft): Draft => ({
  flow: f.flow,
  id: f.id,
  request: f.request,
  chosen: f.chosen,
  quantity: f.quantity,
  addresses: f.addresses,
  needsCode: f.needsCode,
  ...(f.orderedAt ? { orderedAt: f.orderedAt } : {}),
  ...(f.usual ? { usual: f.usual } : {}),
  ...(f.quantityConfirmed ? { quantityConfirmed: f.quantityConfirmed } : {}),
  ...(f.extras?.length ? { extras: f.extras } : {}),
});

/** A place already chosen in this run is kept when the customer then names another product. */
const kept = (address: Address | undefined): { address?: Address } => (address ? { address } : {});

/** A product as a card shows it: its SKU, its name, and its picture when the shop has one. */
const cardProduct = (p: ProductChoice): CardProduct => ({ sku: p.sku, name: p.name, ...(p.imageUrl ? { imageUrl: p.imageUrl } : {}) });
/** The options of a product choice as a card: no lines (the options are the suggestions), one picture each. */
const choiceCard = (options: ProductChoice[]): NonNullable<Say['card']> => ({
  title: { kind: 'prompt', key: 'card.choose_product' },
  lines: [],
  products: options.map(cardProduct),
});

const chooseSay = (candidates: ProductChoice[]): Say => ({
  key: 'reorder.choose',
  suggestions: candidates.map((c) => c.name),
  card: choiceCard(candidates),
});

function askProduct(frame: At<'loading'>, candidates: ProductChoice[], ask: Say): FlowStep<ReorderFrame> {
  const shown = candidates.slice(0, 3).map((c) => ({ sku: c.sku, name: c.name, ...(c.imageUrl ? { imageUrl: c.imageUrl } : {}) }));
  const next: At<'choose_product'> = {
    flow: frame.flow,
    id: frame.id,
    request: frame.request,
    step: 'choose_product',
    candidates: shown,
    ...kept(frame.address),
  };
  return { frame: next, say: [{ ...ask, suggestions: shown.map((c) => c.name), card: choiceCard(shown) }] };
}

/**
 * Having the products, quantities and address: the shop prices the order (its delivery fee included) and the logistics
 * API gives the earliest window. Asked again whenever what is ordered or where it goes changes, since the fee depends on
 * both. `again`: a correction of a confirmation already said (its preface is not repeated).
 */
function quote(draft: Draft, address: Address, ctx: DialogContext, again = false, say: Say[] = []): FlowStep<ReorderFrame> {
  const items = linesOf(draft).map((l) => ({ sku: l.chosen.sku, quantity: l.quantity }));
  return {
    frame: { ...draftOf(draft), step: 'quoting', address, ...(again ? { again } : {}) },
    say,
    effect: { type: 'quoteOrder', request: { customerId: ctx.customerId, items, shippingAddressId: address.id } },
  };
}

const moneyOf = (amount: number, currency: string): Param => ({ kind: 'money', amount, currency });

/** The first free window on the day and at the time asked for, else the earliest (the confirmation shows which). */
function wantedWindow(windows: TimeWindow[], request: ReorderRequest): TimeWindow | undefined {
  if (!request.date && !request.time) return windows[0];
  return matchWindows(windows, request)[0] ?? windows[0];
}

const asked = (request: ReorderRequest): boolean => Boolean(request.date || request.time);

/** Everything the order holds: the product being reordered, then any added to it at the confirmation. */
const linesOf = (frame: Draft): Array<{ chosen: ChosenProduct; quantity: number }> => [
  { chosen: frame.chosen, quantity: frame.quantity },
  ...(frame.extras ?? []),
];

/** An order of several products, confirmed as one: each named with its quantity ("1 × Pampers … and 1 × Tide …"). */
function severalSay(frame: Quoted): Say {
  const { address, window } = frame;
  const lines = linesOf(frame);
  const total = totalOf(frame.quote);
  const item = (l: { chosen: ChosenProduct; quantity: number }): Param => ({
    kind: 'prompt',
    key: 'card.field.item',
    params: { product: l.chosen.name, quantity: l.quantity },
  });
  const items = lines.map(item).reduce((first, last): Param => ({ kind: 'prompt', key: 'reorder.items.and', params: { first, last } }));
  return {
    key: 'reorder.confirm.several',
    params: { items, total, destination: address.label, window: { kind: 'window', window } },
    suggestions: yesNo,
    card: {
      title: { kind: 'prompt', key: 'card.order' },
      lines: [
        ...lines.map(item),
        { kind: 'prompt', key: 'card.field.total', params: { total } },
        ...freeDeliveryLine(frame.quote),
        { kind: 'prompt', key: 'card.field.deliver_to', params: { place: address.label } },
        { kind: 'prompt', key: 'card.field.arrives', params: { window: { kind: 'window', window } } },
      ],
      products: lines.map((l) => cardProduct(l.chosen)),
    },
  };
}

function confirmSay(frame: Quoted): Say {
  if (frame.extras?.length) return severalSay(frame);
  const { chosen, quantity, address, window } = frame;
  const total = totalOf(frame.quote);
  return {
    key: 'reorder.confirm',
    params: { quantity, product: chosen.name, total, destination: address.label, window: { kind: 'window', window } },
    suggestions: yesNo,
    card: {
      title: { kind: 'prompt', key: 'card.order' },
      lines: [
        { kind: 'prompt', key: 'card.field.item', params: { product: chosen.name, quantity } },
        { kind: 'prompt', key: 'card.field.total', params: { total } },
        ...freeDeliveryLine(frame.quote),
        { kind: 'prompt', key: 'card.field.deliver_to', params: { place: address.label } },
        { kind: 'prompt', key: 'card.field.arrives', params: { window: { kind: 'window', window } } },
      ],
      products: [cardProduct(chosen)],
    },
  };
}

/** What changed in a confirmation re-read: its price (per unit, as the history gives it) and its delivery window. */
function changesSay(
  frame: Quoted,
  was: { unitPrice: number; window: { start: string; end: string }; extraPrices?: number[] | undefined; total?: number | undefined },
): Say[] {
  const out: Say[] = [];
  const wasPrices = [was.unitPrice, ...(was.extraPrices ?? [])];
  linesOf(frame).forEach(({ chosen, quantity }, i) => {
    const before = wasPrices[i] ?? chosen.unitPrice;
    if (Math.abs(before - chosen.unitPrice) < 0.005) return;
    const money = (unit: number): Param => ({ kind: 'money', amount: Math.round(unit * quantity * 100) / 100, currency: chosen.currency });
    out.push({ key: 'pending.changed.price', params: { product: chosen.name, from: money(before), to: money(chosen.unitPrice) } });
  });
  // The same prices, yet another total: the delivery fee changed.
  if (out.length === 0 && was.total !== undefined && Math.abs(was.total - frame.quote.total) >= 0.005) {
    const { currency } = frame.quote;
    out.push({ key: 'pending.changed.total', params: { from: moneyOf(was.total, currency), to: totalOf(frame.quote) } });
  }
  if (was.window.start !== frame.window.start || was.window.end !== frame.window.end) {
    out.push({
      key: 'pending.changed.window',
      params: { from: { kind: 'window', window: was.window }, to: { kind: 'window', window: frame.window } },
    });
  }
  return out;
}

/** The most of a product, and the largest total, the customer has ordered at once. */
function usualOf(orders: Order[], sku: string): { quantity: number; total: number } {
  const placed = orders.filter((o) => o.status !== 'cancelled');
  const quantity = Math.max(1, ...placed.flatMap((o) => o.items.filter((i) => i.sku === sku).map((i) => i.quantity)));
  const total = Math.max(0, ...placed.map((o) => o.total));
  return { quantity, total };
}

/** Far above the customer's history: three times the most they ordered of it (and 5 more), or three times their largest total. */
function unusual(frame: Quoted): boolean {
  const { usual, quantity, chosen, quantityConfirmed } = frame;
  if (!usual || quantityConfirmed === quantity) return false;
  const total = chosen.unitPrice * quantity;
  return quantity >= Math.max(usual.quantity * 3, usual.quantity + 5) || (usual.total > 0 && total >= Math.max(usual.total * 3, usual.total + 100));
}

function quantitySay(frame: Quoted): Say {
  const { chosen, quantity, usual } = frame;
  const total = totalOf(frame.quote);
  return {
    key: 'reorder.confirm_quantity',
    params: { quantity, product: chosen.name, total, usual: String(usual?.quantity ?? 1) },
    suggestions: yesNo,
  };
}

/**
 * The order as confirmed, unless its quantity or total is far above the usual: then that is asked first, on its own.
 * `again`: a correction of a confirmation already said, whose "you ordered this … ago" is not said twice.
 */
function confirmOrAskQuantity(frame: Quoted, ctx: DialogContext, before: Say[] = [], again = false): FlowStep<ReorderFrame> {
  if (unusual(frame)) return { frame: { ...frame, step: 'confirm_quantity' }, say: [...before, quantitySay(frame)] };
  const next: At<'confirm'> = { ...frame, step: 'confirm' };
  return { frame: next, say: [...before, ...(again ? [] : repeatSay(next, ctx)), confirmSay(next)] };
}

/** Was the same product ordered so recently that a second order may be a mistake? */
function recentlyOrdered(placedAt: string, ctx: DialogContext): boolean {
  const ago = Date.parse(ctx.now) - Date.parse(placedAt);
  return ago >= 0 && ago < (ctx.limits?.repeatOrderWithinMs ?? DEFAULT_REPEAT_ORDER_WITHIN_MS);
}

/** "You ordered this 10 minutes ago —", said before the confirmation of a second order of the same thing. */
function repeatSay(frame: Quoted, ctx: DialogContext): Say[] {
  if (!frame.orderedAt) return [];
  const minutes = Math.max(1, Math.round((Date.parse(ctx.now) - Date.parse(frame.orderedAt)) / 60_000));
  return [
    minutes < 90
      ? { key: 'reorder.repeat.minutes', params: { product: frame.chosen.name, count: String(minutes) } }
      : { key: 'reorder.repeat.hours', params: { product: frame.chosen.name, count: String(Math.round(minutes / 60)) } },
  ];
}

const askPlace = (addresses: Address[], placeType: PlaceType | undefined): Say => ({
  key: 'reorder.no_address',
  params: { place: { kind: 'prompt', key: PLACE_NAME[placeType ?? 'home'] } },
  suggestions: addresses.map((a) => a.label),
});

/** Resolves the product and address from the customer's history, then quotes. */
function resolve(
  frame: At<'loading'>,
  customer: Customer,
  orders: Order[],
  suggestions: ProductChoice[],
  ctx: DialogContext,
  pending: Array<{ sku: string; since: string }> = [],
): FlowStep<ReorderFrame> {
  const history = purchaseHistory(orders);
  if (history.length === 0) return { frame: null, say: [{ key: 'reorder.no_history' }] };
  const { request } = frame;
  const [match, ...more] = history.filter((h) => request.skus.includes(h.sku));
  if (!match) {
    if (request.queryText || request.skus.length)
      return askProduct(frame, history, { key: 'reorder.no_match', params: { query: request.queryText ?? '' } });
    // Nothing named: what is probably running out comes first, then what was bought most recently.
    // Each as the history has it (with its picture), in the order of the suggestions.
    const due = suggestions.flatMap((s) => history.filter((h) => h.sku === s.sku));
    const offered = [...due, ...history.filter((h) => !due.some((d) => d.sku === h.sku))];
    return askProduct(
      frame,
      offered,
      due.length
        ? {
            key: 'reorder.suggest_due',
            params: {
              due: due
                .slice(0, 3)
                .map((d) => d.name)
                .join(', '),
            },
          }
        : { key: 'reorder.ask_product.suggest' },
    );
  }
  if (more.length) return askProduct(frame, [match, ...more], { key: 'reorder.choose' });
  // An order of the same thing is still being checked with the shop (sent from this or another session): said so,
  // and no second order is offered until its outcome is known.
  const checking = pending.find((p) => p.sku === match.sku);
  if (checking) {
    const minutes = Math.max(1, Math.round((Date.parse(ctx.now) - Date.parse(checking.since)) / 60_000));
    return { frame: null, say: [{ key: 'reorder.pending_same', params: { product: match.name, count: String(minutes) } }] };
  }
  const draft: Draft = {
    flow: frame.flow,
    id: frame.id,
    request,
    chosen: {
      sku: match.sku,
      name: match.name,
      unitPrice: match.unitPrice,
      currency: match.currency,
      ...(match.imageUrl ? { imageUrl: match.imageUrl } : {}),
    },
    quantity: request.quantity ?? match.lastQuantity,
    addresses: customer.addresses,
    needsCode: ctx.voice && customer.voicePurchaseCode,
    ...(recentlyOrdered(match.placedAt, ctx) ? { orderedAt: match.placedAt } : {}),
    usual: usualOf(orders, match.sku),
  };
  // The other products the request named go in the same order (one not in the history is left out, and the
  // confirmation shows what is in it).
  const extras = (request.also ?? []).flatMap((a) => {
    const h = history.find((x) => x.sku === a.sku && x.sku !== match.sku);
    return h
      ? [
          {
            chosen: { sku: h.sku, name: h.name, unitPrice: h.unitPrice, currency: h.currency, ...(h.imageUrl ? { imageUrl: h.imageUrl } : {}) },
            quantity: a.quantity ?? h.lastQuantity,
          },
        ]
      : [];
  });
  if (extras.length) draft.extras = extras;
  const address = frame.address ?? pickAddress(customer, request.placeType);
  if (request.variant) return findVariant(draft, request.variant, address, ctx);
  return proceed(draft, address, ctx);
}

/** The product settled: quote it where it goes, or ask where when the customer has no such place. */
function proceed(draft: Draft, address: Address | undefined, ctx: DialogContext): FlowStep<ReorderFrame> {
  if (!address) return { frame: { ...draftOf(draft), step: 'choose_place' }, say: [askPlace(draft.addresses, draft.request.placeType)] };
  return quote(draft, address, ctx);
}

/** Asks the catalogue for the variant named of the product being ordered. */
function findVariant(draft: Draft, variant: Variant, address: Address | undefined, ctx: DialogContext): FlowStep<ReorderFrame> {
  return {
    frame: { ...draftOf(draft), step: 'finding_variant', ...kept(address) },
    say: [],
    effect: { type: 'findVariant', customerId: ctx.customerId, name: draft.chosen.name, variant },
  };
}

const chosenOf = (p: CatalogueProduct): ChosenProduct => ({
  sku: p.sku,
  name: p.name,
  unitPrice: p.unitPrice,
  currency: p.currency,
  ...(p.imageUrl ? { imageUrl: p.imageUrl } : {}),
});

function variantSay(frame: At<'choose_variant'>): Say {
  const [nearest] = frame.options;
  return {
    key: 'reorder.variant_unavailable',
    params: { product: frame.chosen.name, wanted: frame.request.variantText ?? '', nearest: nearest!.name },
    suggestions: [...frame.options.map((o) => o.name), { kind: 'prompt', key: 'suggest.no' }],
    card: choiceCard(frame.options),
  };
}

/** Places the confirmed order; the key is derived from the flow, so a repeated "yes" never orders twice. */
function placeOrder(frame: Quoted, ctx: DialogContext): FlowStep<ReorderFrame> {
  const { chosen, quantity, address } = frame;
  // Products added at the confirmation are part of the key: the order confirmed with them is another order.
  const added = (frame.extras ?? []).map((e) => `+${e.chosen.sku}:${e.quantity}`).join('');
  const when = asked(frame.request) ? `@${frame.window.start}` : '';
  const key = `${ctx.conversationId}:${frame.id}:placeOrder:${chosen.sku}:${quantity}:${address.id}${added}${when}`;
  const items = linesOf(frame).map((l) => ({ sku: l.chosen.sku, quantity: l.quantity }));
  return {
    frame: { ...frame, step: 'placing' },
    say: [],
    effect: {
      type: 'placeOrder',
      idempotencyKey: key,
      request: { customerId: ctx.customerId, items, shippingAddressId: address.id },
      ...(asked(frame.request) ? { window: frame.window } : {}),
    },
  };
}

/** Back to the history for another product (the place chosen so far is kept). */
const reload = (frame: ReorderFrame, ctx: DialogContext, request: ReorderRequest, address: Address | undefined): FlowStep<ReorderFrame> => ({
  frame: { flow: frame.flow, id: frame.id, step: 'loading', request, ...kept(address) },
  say: [],
  effect: { type: 'loadCustomer', customerId: ctx.customerId },
});

/** An effect's result, taken by the step that asked for it. */
function onResult(frame: ReorderFrame, r: EffectResult, ctx: DialogContext): FlowStep<ReorderFrame> {
  switch (frame.step) {
    case 'loading':
      if (r.type !== 'loadCustomer') break;
      if (!r.ok) return failure<ReorderFrame>(null, r.transient, 'reorder.context_failed');
      return resolve(frame, r.customer, r.orders, r.suggestions ?? [], ctx, r.pending);
    case 'quoting': {
      if (r.type !== 'quoteOrder') break;
      // Without the shop's price no total is made up: nothing is ordered, and a person is offered.
      if (!r.ok) return failure<ReorderFrame>(null, r.transient, 'reorder.quote_failed');
      const window = wantedWindow(r.windows, frame.request);
      if (!window) return failure<ReorderFrame>(null, false, 'reorder.context_failed');
      const { again, step: _step, ...rest } = frame;
      return confirmOrAskQuantity({ ...rest, window, quote: r.quote }, ctx, [], again === true);
    }
    case 'checking_code':
      if (r.type !== 'verifyVoiceCode') break;
      if (!r.ok) return failure<ReorderFrame>(null, r.transient, 'reorder.context_failed');
      if (r.lockedUntil) return { frame: null, say: [{ key: 'reorder.code_locked', params: { until: { kind: 'time', iso: r.lockedUntil } } }] };
      if (!r.valid) return { frame: { ...frame, step: 'voice_code' }, say: [{ key: 'reorder.code_wrong' }] };
      return placeOrder(frame, ctx);
    case 'placing': {
      if (r.type !== 'placeOrder') break;
      if (!r.ok) {
        if (r.transient) return { frame: { ...frame, step: 'confirm' }, say: [{ key: 'reorder.failed_transient', suggestions: yesNoPerson }] };
        return { frame: null, say: [{ key: 'reorder.failed', params: { reason: r.code } }], offerPerson: 'failed_effect' };
      }
      // The order's own figures: its fee spelled out when the shop states one.
      const { subtotal, deliveryFee } = r.order;
      const total: Param =
        subtotal !== undefined && deliveryFee !== undefined
          ? totalOf({ ...frame.quote, subtotal, deliveryFee, total: r.order.total, currency: r.order.currency })
          : moneyOf(r.order.total, r.order.currency);
      return {
        frame: null,
        say: [
          {
            key: 'reorder.placed',
            params: { orderId: customerNumber(r.order.id), total, window: { kind: 'window', window: frame.window } },
            card: {
              title: { kind: 'prompt', key: 'card.order' },
              lines: [
                { kind: 'prompt', key: 'card.field.order', params: { orderId: customerNumber(r.order.id) } },
                ...r.order.items.map((i): Param => ({ kind: 'prompt', key: 'card.field.item', params: { product: i.name, quantity: i.quantity } })),
                { kind: 'prompt', key: 'card.field.total', params: { total } },
                { kind: 'prompt', key: 'card.field.arrives', params: { window: { kind: 'window', window: frame.window } } },
              ],
              products: r.order.items.slice(0, 10).map(cardProduct),
            },
          },
        ],
      };
    }
    case 'finding_variant': {
      if (r.type !== 'findVariant') break;
      const draft = draftOf(frame);
      if (!r.ok && r.transient) return failure<ReorderFrame>(null, true, 'reorder.context_failed');
      if (r.ok && r.match) return proceed({ ...draft, chosen: chosenOf(r.match) }, frame.address, ctx);
      // Not sold in that variant (or the product has no variants): the nearest in stock, else what was bought.
      const options = r.ok && r.nearest.length ? r.nearest.map(chosenOf) : [frame.chosen];
      const next: At<'choose_variant'> = { ...draft, step: 'choose_variant', options, ...kept(frame.address) };
      return { frame: next, say: [variantSay(next)] };
    }
    case 'rechecking': {
      if (r.type !== 'loadCustomer') break;
      if (!r.ok) return failure<ReorderFrame>(null, r.transient, 'reorder.context_failed');
      // The price the customer would pay now: the history's latest, as when the order was first drafted.
      const history = purchaseHistory(r.orders);
      const now = (p: ChosenProduct): ChosenProduct => {
        const latest = history.find((h) => h.sku === p.sku);
        return latest ? { ...p, unitPrice: latest.unitPrice, currency: latest.currency } : p;
      };
      const extras = frame.extras?.map((e) => ({ ...e, chosen: now(e.chosen) }));
      const next: At<'requoting'> = { ...frame, chosen: now(frame.chosen), ...(extras ? { extras } : {}), step: 'requoting' };
      const items = linesOf(next).map((l) => ({ sku: l.chosen.sku, quantity: l.quantity }));
      return {
        frame: next,
        say: [],
        effect: { type: 'quoteOrder', request: { customerId: ctx.customerId, items, shippingAddressId: frame.address.id } },
      };
    }
    case 'adding': {
      if (r.type !== 'loadCustomer') break;
      const { adding, addQuantity, step: _step, ...rest } = frame;
      const back: At<'confirm'> = { ...rest, step: 'confirm' };
      if (!r.ok) return { frame: back, say: [{ key: 'reorder.add_failed' }, confirmSay(back)] };
      const history = purchaseHistory(r.orders);
      const found = adding.flatMap((sku) => history.filter((h) => h.sku === sku));
      if (!found.length) return { frame: back, say: [{ key: 'reorder.add_not_found', params: { query: '' } }, confirmSay(back)] };
      const extras = [
        ...(frame.extras ?? []),
        ...found.map((h) => ({
          chosen: { sku: h.sku, name: h.name, unitPrice: h.unitPrice, currency: h.currency, ...(h.imageUrl ? { imageUrl: h.imageUrl } : {}) },
          quantity: found.length === 1 && addQuantity ? addQuantity : h.lastQuantity,
        })),
      ];
      const next: At<'confirm'> = { ...back, extras };
      // One added that was ordered a short while ago is said, as for the product first asked for (issue 12, item 9).
      const repeats = extras.flatMap((e) => {
        const h = found.find((f) => f.sku === e.chosen.sku);
        return h && recentlyOrdered(h.placedAt, ctx) ? repeatSay({ ...next, chosen: e.chosen, orderedAt: h.placedAt }, ctx) : [];
      });
      const added: Say = { key: 'reorder.added', params: { product: found.map((h) => h.name).join(', ') } };
      // The whole order priced again: the fee may go (or come) with what was added.
      return quote(next, next.address, ctx, true, [added, ...repeats]);
    }
    case 'requoting': {
      if (r.type !== 'quoteOrder') break;
      if (!r.ok) return failure<ReorderFrame>(null, r.transient, 'reorder.quote_failed');
      const window = wantedWindow(r.windows, frame.request);
      if (!window) return failure<ReorderFrame>(null, false, 'reorder.context_failed');
      const { answered, was, step: _step, ...rest } = frame;
      const next: At<'confirm'> = { ...rest, window, quote: r.quote, step: 'confirm' };
      const changes = changesSay(next, was);
      const found: Reread<ReorderFrame> = changes.length ? { changed: changes, then: { frame: next, say: [confirmSay(next)] } } : { holds: next };
      return afterRecheck<ReorderFrame>(
        answered,
        found,
        () => [confirmSay(next)],
        () => (next.needsCode ? { frame: { ...next, step: 'voice_code' }, say: [{ key: 'reorder.ask_code' }] } : placeOrder(next, ctx)),
      );
    }
    case 'nudge_saving': {
      const product = frame.nudge.name;
      if (r.type === 'snoozeNudge') {
        if (!r.ok) return { frame: null, say: [{ key: 'nudge.failed' }] };
        return { frame: null, say: [{ key: 'nudge.snoozed', params: { product, date: { kind: 'date', iso: r.until } } }] };
      }
      if (r.type === 'stopNudge') return { frame: null, say: [r.ok ? { key: 'nudge.stopped', params: { product } } : { key: 'nudge.failed' }] };
      break;
    }
    case 'choose_product':
    case 'choose_place':
    case 'confirm':
    case 'confirm_quantity':
    case 'voice_code':
    case 'choose_variant':
    case 'nudge':
      break;
  }
  return { frame, say: [] };
}

const DAY_MS = 86_400_000;
/** Words that add to what is being ordered rather than replace it ("and the tide too", "그리고", "추가로", "같이"). */
const ALSO = /\b(also|too|as well|plus|in addition|on top|add|throw in)\b|^\s*(?:(?:oh|ah|um|and)[,\s]+)*and\b|그리고|추가|같이|함께|(?:^|\s)또\s/i;

/** Does the message add a product to the one being confirmed: words of adding, or a product named with 도 ("삼다수도요")? */
function adds(event: Utterance): boolean {
  if (ALSO.test(event.text)) return true;
  return event.entities.some((e) => e.type === 'product' && /^도(?:\s|요|$|[.!?,])/.test(event.text.slice(e.end)));
}

/**
 * The words of a product added that the customer's orders do not hold ("oh and the shampoo too" → "shampoo", "아 그리고
 * 세제도" → "세제"), or null when the message is no such addition.
 */
function addedWords(text: string): string | null {
  const en = /^\s*(?:(?:oh|ah|um)[,\s]+)?(?:and|also|plus)\s+(?:(?:the|some|a|an|my)\s+)?([a-z][a-z\s'-]{1,30}?)\s+(?:too|as well)\s*[.!]*\s*$/i.exec(
    text,
  );
  if (en?.[1]) return en[1].trim();
  const ko = /^\s*(?:(?:아|아참|참|그럼)[,\s]+)*(?:그리고|또)\s*([가-힣A-Za-z0-9]{1,12})도\s*(?:요|주세요|같이요|추가요)?\s*[.!?]*\s*$/.exec(text);
  return ko?.[1] ?? null;
}

/** The question a reorder nudge asks, as sent and as asked again ("say that again"). */
function nudgeSay(frame: At<'nudge'>): Say {
  const { nudge } = frame;
  const params = {
    product: nudge.name,
    date: { kind: 'date' as const, iso: nudge.dueAt },
    quantity: nudge.quantity,
    total: { kind: 'money' as const, amount: Math.round(nudge.unitPrice * nudge.quantity * 100) / 100, currency: nudge.currency },
  };
  const suggestions: Param[] = [
    { kind: 'prompt', key: 'suggest.yes' },
    { kind: 'prompt', key: 'nudge.suggest.later' },
    { kind: 'prompt', key: 'nudge.suggest.stop' },
  ];
  return nudge.window
    ? { key: 'nudge.reorder', params: { ...params, window: { kind: 'window', window: nudge.window } }, suggestions }
    : { key: 'nudge.reorder.no_window', params, suggestions };
}

/**
 * The answer to a nudge: put off ("not now", "remind me next week"), stopped for the product ("stop suggesting this"),
 * no, or yes — which starts the reorder of that product at its usual quantity (or the one said), to be confirmed as
 * every order is. Nothing is ordered here.
 */
function atNudge(frame: At<'nudge'>, event: Utterance, ctx: DialogContext): FlowStep<ReorderFrame> {
  const { nudge } = frame;
  if (stopsSuggesting(event.text)) {
    return { frame: { ...frame, step: 'nudge_saving' }, say: [], effect: { type: 'stopNudge', customerId: ctx.customerId, sku: nudge.sku } };
  }
  const days = snoozeDays(event.text);
  if (days !== null) {
    const until = new Date(Date.parse(ctx.now) + days * DAY_MS).toISOString();
    return { frame: { ...frame, step: 'nudge_saving' }, say: [], effect: { type: 'snoozeNudge', customerId: ctx.customerId, sku: nudge.sku, until } };
  }
  const skus = namedSkus(event.entities);
  const qty = firstEntity(event.entities, 'quantity');
  const place = firstEntity(event.entities, 'place');
  if (event.intent === 'deny' && !qty && !place) return { frame: null, say: [{ key: 'reorder.declined' }] };
  const request: ReorderRequest = {
    skus: skus.length ? skus : [nudge.sku],
    quantity: qty ? qty.value : skus.length && !skus.includes(nudge.sku) ? undefined : nudge.quantity,
    ...(place ? { placeType: place.value } : {}),
  };
  return reload(frame, ctx, request, undefined);
}

/** The frame a sent nudge puts on the conversation's stack (engine/interceptors/open-ask.ts), named by the notice. */
export function nudgeFrame(noticeId: string, nudge: ReorderNudge): ReorderFrame {
  return { flow: 'reorder', id: noticeId, step: 'nudge', request: { skus: [nudge.sku], quantity: nudge.quantity }, nudge };
}

/** At the confirmation: yes or no, or a correction that re-fills one slot and asks again. */
function atConfirm(frame: At<'confirm'>, event: Utterance, ctx: DialogContext): FlowStep<ReorderFrame> {
  const skus = namedSkus(event.entities);
  const qty = firstEntity(event.entities, 'quantity');
  const place = firstEntity(event.entities, 'place');
  const variant = firstEntity(event.entities, 'variant');
  const when = !MOVES.test(event.text);
  const date = when ? firstEntity(event.entities, 'date') : undefined;
  const time = when ? firstEntity(event.entities, 'time_window') : undefined;
  const bare = !qty && !place && !variant && !date && !time && skus.length === 0;
  if (event.intent === 'affirm' && bare) {
    if (frame.needsCode) return { frame: { ...frame, step: 'voice_code' }, say: [{ key: 'reorder.ask_code' }] };
    return placeOrder(frame, ctx);
  }
  if (event.intent === 'deny' && bare) return { frame: null, say: [{ key: 'reorder.declined' }] };
  // Another product wanted as well ("oh and the tide too", "아 그리고 삼다수도", "also get me the tide"): added to this
  // order and the whole of it confirmed again — never a silent replacement of what was being confirmed.
  if (adds(event)) {
    const inOrder = new Set(linesOf(frame).map((l) => l.chosen.sku));
    const adding = skus.filter((sku) => !inOrder.has(sku));
    if (adding.length)
      return {
        frame: { ...frame, step: 'adding', adding, ...(qty ? { addQuantity: qty.value } : {}) },
        say: [],
        effect: { type: 'loadCustomer', customerId: ctx.customerId },
      };
    if (skus.length) return { frame, say: [confirmSay(frame)] };
    // A product the customer's orders do not hold ("아 그리고 세제도" without detergent ever bought): said so.
    const query = addedWords(event.text);
    if (query !== null) return { frame, say: [{ key: 'reorder.add_not_found', params: { query } }, confirmSay(frame)] };
  }
  if (skus.length && !skus.includes(frame.chosen.sku)) {
    return reload(frame, ctx, { ...frame.request, skus, quantity: qty ? qty.value : undefined }, frame.address);
  }
  if (variant) {
    const draft: Draft = {
      ...draftOf(frame),
      ...(qty ? { quantity: qty.value } : {}),
      request: { ...frame.request, variant: variant.value, variantText: variant.text },
    };
    const address = place ? frame.addresses.find((a) => a.type === place.value) : frame.address;
    return findVariant(draft, variant.value, address, ctx);
  }
  // Another day or time for the delivery ("ok but not tomorrow, monday", "월요일 저녁으로"): quoted again for it.
  if ((date || time) && !place) {
    const request: ReorderRequest = { ...frame.request, ...(date ? { date: date.value } : {}), ...(time ? { time: time.value } : {}) };
    return quote({ ...draftOf(frame), request, ...(qty ? { quantity: qty.value } : {}) }, frame.address, ctx);
  }
  if (place) {
    const address = frame.addresses.find((a) => a.type === place.value);
    const draft: Draft = { ...draftOf(frame), ...(qty ? { quantity: qty.value } : {}) };
    if (address) return quote(draft, address, ctx, true);
    const waiting: At<'choose_place'> = { ...draft, step: 'choose_place', request: { ...frame.request, placeType: place.value } };
    return { frame: waiting, say: [askPlace(waiting.addresses, place.value)] };
  }
  // Another quantity is priced again: the delivery fee may come or go with it ("make it 3").
  if (qty) return quote({ ...draftOf(frame), quantity: qty.value }, frame.address, ctx, true);
  return { frame, say: [{ key: 'confirm.again', suggestions: yesNo }] };
}

/** "Is 30 right?": yes keeps it, no goes back to the usual quantity, a number is taken as the quantity; then the order is confirmed. */
function atQuantity(frame: At<'confirm_quantity'>, event: Utterance, ctx: DialogContext): FlowStep<ReorderFrame> {
  const qty = firstEntity(event.entities, 'quantity');
  // Another quantity is priced again (the fee may change with it); the same one keeps its quote.
  if (qty && qty.value !== frame.quantity) return quote({ ...draftOf(frame), quantity: qty.value }, frame.address, ctx);
  if (qty || event.intent === 'affirm') return confirmOrAskQuantity({ ...frame, quantityConfirmed: frame.quantity }, ctx);
  if (event.intent === 'deny') {
    const usual = frame.usual?.quantity ?? 1;
    return quote({ ...draftOf(frame), quantity: usual }, frame.address, ctx, false, [
      { key: 'reorder.quantity_usual', params: { quantity: String(usual) } },
    ]);
  }
  return { frame, say: [{ key: 'confirm.again', suggestions: yesNo }] };
}

function interpret(frame: ReorderFrame, event: DialogEvent, ctx: DialogContext): FlowStep<ReorderFrame> {
  if (event.type === 'result') return onResult(frame, event.result, ctx);

  switch (frame.step) {
    case 'choose_product': {
      const skus = namedSkus(event.entities);
      const qty = firstEntity(event.entities, 'quantity');
      const place = firstEntity(event.entities, 'place');
      const options = frame.candidates;
      const exact = chooseByText(event.text, options, (o) => o.name);
      const picked = exact ?? (skus.length === 1 ? options.find((o) => o.sku === skus[0]) : undefined);
      if (picked || skus.length) {
        // A selected suggestion is a product's name; numbers in it are not a quantity.
        const quantity = exact ? undefined : qty ? qty.value : frame.request.quantity;
        const request = { ...frame.request, skus: picked ? [picked.sku] : skus, quantity, ...(place ? { placeType: place.value } : {}) };
        return reload(frame, ctx, request, frame.address);
      }
      return { frame, say: [{ key: 'not_understood.in_flow' }, chooseSay(options)] };
    }
    case 'choose_place': {
      const place = firstEntity(event.entities, 'place');
      const address =
        chooseByText(event.text, frame.addresses, (a) => a.label) ?? (place ? frame.addresses.find((a) => a.type === place.value) : undefined);
      if (address) return quote(frame, address, ctx);
      return { frame, say: [{ key: 'not_understood.in_flow' }, askPlace(frame.addresses, frame.request.placeType)] };
    }
    case 'voice_code': {
      const code = /\b(\d)\s*(\d)\s*(\d)\s*(\d)\b/.exec(event.text);
      if (code)
        return {
          frame: { ...frame, step: 'checking_code' },
          say: [],
          effect: { type: 'verifyVoiceCode', customerId: ctx.customerId, code: code.slice(1).join('') },
        };
      return { frame, say: [{ key: 'reorder.ask_code' }] };
    }
    case 'confirm':
      return atConfirm(frame, event, ctx);
    case 'confirm_quantity':
      return atQuantity(frame, event, ctx);
    case 'nudge':
      return atNudge(frame, event, ctx);
    case 'choose_variant': {
      const variant = firstEntity(event.entities, 'variant');
      const picked = chooseByText(event.text, frame.options, (o) => o.name) ?? (event.intent === 'affirm' ? frame.options[0] : undefined);
      const qty = firstEntity(event.entities, 'quantity');
      const draft: Draft = { ...draftOf(frame), ...(qty ? { quantity: qty.value } : {}) };
      if (picked) return proceed({ ...draft, chosen: picked }, frame.address, ctx);
      if (variant)
        return findVariant(
          { ...draft, request: { ...frame.request, variant: variant.value, variantText: variant.text } },
          variant.value,
          frame.address,
          ctx,
        );
      if (event.intent === 'deny') return { frame: null, say: [{ key: 'reorder.declined' }] };
      return { frame, say: [{ key: 'not_understood.in_flow' }, variantSay(frame)] };
    }
    case 'loading':
    case 'quoting':
    case 'checking_code':
    case 'placing':
    case 'finding_variant':
    case 'nudge_saving':
    case 'rechecking':
    case 'requoting':
    case 'adding':
      return { frame, say: [] };
  }
}

function prompt(frame: ReorderFrame): Say[] {
  switch (frame.step) {
    case 'confirm':
      return [confirmSay(frame)];
    case 'confirm_quantity':
      return [quantitySay(frame)];
    case 'choose_product':
      return [chooseSay(frame.candidates)];
    case 'choose_place':
      return [askPlace(frame.addresses, frame.request.placeType)];
    case 'voice_code':
      return [{ key: 'reorder.ask_code' }];
    case 'choose_variant':
      return [variantSay(frame)];
    case 'nudge':
      return [nudgeSay(frame)];
    case 'loading':
    case 'quoting':
    case 'checking_code':
    case 'placing':
    case 'finding_variant':
    case 'nudge_saving':
    case 'rechecking':
    case 'requoting':
    case 'adding':
      return [];
  }
}

/**
 * Products named apart in one request ("2 boxes of the diapers and one formula", "분유 두 통이랑 삼다수"): each its own
 * words naming one product of the history, with the quantity said next to it (before the name in English, after it in
 * Korean). Null when fewer than two are named, or a name fits several products (which one is then asked).
 */
export function productsNamedApart(entities: Entity[]): Array<{ sku: string; quantity?: number }> | null {
  const spans = new Map<string, Array<Extract<Entity, { type: 'product' }>>>();
  for (const e of entities) if (e.type === 'product') spans.set(`${e.start}:${e.end}`, [...(spans.get(`${e.start}:${e.end}`) ?? []), e]);
  const mentions = [...spans.values()].sort((a, b) => a[0]!.start - b[0]!.start);
  if (mentions.length < 2 || mentions.some((m) => new Set(m.map((e) => e.value)).size !== 1)) return null;
  // The same text may hold a wider name and a part of it ("baby wipes", "wipes"): only names that do not overlap count.
  for (let i = 1; i < mentions.length; i++) if (mentions[i]![0]!.start < mentions[i - 1]![0]!.end) return null;
  const skus = mentions.map((m) => m[0]!.value);
  if (new Set(skus).size !== skus.length) return null;
  const quantities = entities.filter((e): e is Extract<Entity, { type: 'quantity' }> => e.type === 'quantity');
  const owner = (q: { start: number; end: number }): number => {
    // Korean says the count after the name ("분유 두 통"), English before it ("two boxes of diapers").
    if (mentions.some((m) => /[가-힣]/.test(m[0]!.text))) {
      const before = mentions.map((m, i) => [m[0]!.end, i] as const).filter(([end]) => end <= q.start);
      return before.length ? before[before.length - 1]![1] : 0;
    }
    const after = mentions.findIndex((m) => m[0]!.start >= q.end);
    return after >= 0 ? after : mentions.length - 1;
  };
  const said = new Map<number, number>();
  for (const q of quantities) if (!said.has(owner(q))) said.set(owner(q), q.value);
  return skus.map((sku, i) => ({ sku, ...(said.has(i) ? { quantity: said.get(i)! } : {}) }));
}

function start(event: { entities: Entity[]; unbought?: string[] }, ctx: DialogContext): FlowStep<ReorderFrame> {
  const apart = productsNamedApart(event.entities);
  const qty = apart ? (apart[0]!.quantity !== undefined ? { value: apart[0]!.quantity } : undefined) : firstEntity(event.entities, 'quantity');
  const place = firstEntity(event.entities, 'place');
  const product = firstEntity(event.entities, 'product');
  const variant = firstEntity(event.entities, 'variant');
  const date = firstEntity(event.entities, 'date');
  const time = firstEntity(event.entities, 'time_window');
  const frame: At<'loading'> = {
    flow: 'reorder',
    id: ctx.messageId,
    step: 'loading',
    request: {
      skus: apart ? [apart[0]!.sku] : namedSkus(event.entities),
      ...(apart ? { also: apart.slice(1) } : {}),
      ...(qty ? { quantity: qty.value } : {}),
      ...(place ? { placeType: place.value } : {}),
      // A kind of product never bought is said back as not found ("칫솔" with no toothbrush in the history).
      ...(product ? { queryText: product.text } : event.unbought?.[0] ? { queryText: event.unbought[0] } : {}),
      ...(variant ? { variant: variant.value, variantText: variant.text } : {}),
      ...(date ? { date: date.value } : {}),
      ...(time ? { time: time.value } : {}),
    },
  };
  // A new order goes to a saved place only: a street address is said back, never dropped without a word.
  const address = firstEntity(event.entities, 'address');
  const notSaved: Say[] = address
    ? [{ key: 'reorder.address_not_saved', params: { address: [address.value.line1, address.value.city].filter(Boolean).join(', ') } }]
    : [];
  return { frame, say: notSaved, effect: { type: 'loadCustomer', customerId: ctx.customerId } };
}

/** Reorder from the customer's history: which product (when unclear), where to, confirm (with a voice code), order once. */
export const reorderFlow: FlowDef<ReorderFrame> = {
  steps: {
    loading: { awaiting: null },
    choose_product: { awaiting: 'product' },
    choose_place: { awaiting: 'place' },
    quoting: { awaiting: null },
    finding_variant: { awaiting: null },
    choose_variant: { awaiting: 'confirmation' },
    confirm: { awaiting: 'confirmation' },
    confirm_quantity: { awaiting: 'confirmation', asks: 'check' },
    voice_code: { awaiting: 'voice_code' },
    checking_code: { awaiting: null },
    placing: { awaiting: null },
    // An offer Smile made first: a message that does not answer it lets it lapse and is taken on its own.
    nudge: { awaiting: 'confirmation', lapses: true },
    nudge_saving: { awaiting: null },
    rechecking: { awaiting: null },
    requoting: { awaiting: null },
    adding: { awaiting: null },
  },
  start,
  interpret,
  prompt,
  recheck(frame, answered, ctx) {
    if (frame.step !== 'confirm') return null;
    const extraPrices = frame.extras?.map((e) => e.chosen.unitPrice);
    const was = { unitPrice: frame.chosen.unitPrice, window: frame.window, total: frame.quote.total, ...(extraPrices ? { extraPrices } : {}) };
    const next: At<'rechecking'> = { ...frame, step: 'rechecking', answered, was };
    return { frame: next, say: [], effect: { type: 'loadCustomer', customerId: ctx.customerId } };
  },
  answers(frame, event) {
    // A product the customer adds that their orders do not hold is answered at the confirmation (not "I didn't get that").
    if (frame.step === 'confirm' && addedWords(event.text) !== null) return true;
    if (frame.step === 'nudge')
      return stopsSuggesting(event.text) || snoozeDays(event.text) !== null || event.entities.some((e) => e.type === 'quantity');
    // A product, a quantity or a place re-fills the request (a correction at the confirmation, a product when asked which).
    if (event.entities.some((e) => e.type === 'product' || e.type === 'quantity' || e.type === 'place' || e.type === 'variant')) return true;
    // A day or a time at the confirmation is when the new order should come ("ok but monday", "내일 말고 모레"); with a
    // verb of moving ("no, just move it to friday") it is about a delivery already on its way (patterns/switch-task.ts).
    if (
      frame.step === 'confirm' &&
      !MOVES.test(event.text) &&
      event.entities.some((e) => (e.type === 'date' || e.type === 'time_window') && !e.negated)
    )
      return true;
    // A voice purchase code is its digits.
    return frame.step === 'voice_code' && /\d/.test(event.text);
  },
};
