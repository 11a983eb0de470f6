import type { CardProduct, Order, PickupPoint, ReturnRecord, TimeWindow } from '../../../domain/commerce.js';
import type { ReturnMethod, ReturnReason } from '../../../domain/understanding.js';
import type { FixedKeysOf, KeysOf } from '../../../prompts/keys.js';
import {
  asksForOthers,
  afterRecheck,
  type Reread,
  isOpenStatus,
  pointNamed,
  chooseByText,
  failedWrite,
  failure,
  firstEntity,
  namedSkus,
  narrowByWords,
  yesNo,
  type FlowDef,
  type FlowStep,
} from '../../kit/flow.js';
import type { DialogContext, DialogEvent, Param, Say, Utterance } from '../../types.js';
import type { DropoffMethod, Handover, Reason, ReturnFrame, ReturnItem } from './frame.js';
import { matchWindows } from '../delivery-slot/steps.js';

type At<S extends ReturnFrame['step']> = Extract<ReturnFrame, { step: S }>;

/** The reasons offered as suggestions ('late' is understood but not offered). */
const REASONS: ReturnReason[] = ['size', 'damaged', 'defective', 'wrong_item', 'changed_mind'];
const METHODS: ReturnMethod[] = ['store_dropoff', 'locker_dropoff', 'courier_pickup'];

/** How each known reason and method reads to the customer; a reason in the customer's own words is quoted as it is. */
const REASON_SAY: Record<ReturnReason, FixedKeysOf<'reason.'>> = {
  size: 'reason.size',
  damaged: 'reason.damaged',
  defective: 'reason.defective',
  wrong_item: 'reason.wrong_item',
  changed_mind: 'reason.changed_mind',
  late: 'reason.late',
};
const METHOD_SAY: Record<ReturnMethod, FixedKeysOf<'method.'>> = {
  store_dropoff: 'method.store_dropoff',
  locker_dropoff: 'method.locker_dropoff',
  courier_pickup: 'method.courier_pickup',
};
const POINTS_SAY: Record<DropoffMethod, FixedKeysOf<'return.choose_point.'>> = {
  store_dropoff: 'return.choose_point.store_dropoff',
  locker_dropoff: 'return.choose_point.locker_dropoff',
};
/** Where each drop-off is made. */
const POINT_TYPE: Record<DropoffMethod, PickupPoint['type']> = { store_dropoff: 'convenience_store', locker_dropoff: 'locker' };
const CONFIRM_SAY: Record<ReturnMethod, KeysOf<'return.confirm.'>> = {
  store_dropoff: 'return.confirm.store_dropoff',
  locker_dropoff: 'return.confirm.locker_dropoff',
  courier_pickup: 'return.confirm.courier_pickup',
};
/** Why an item the customer named cannot be returned because of what already happened to its order. */
const ALREADY: Record<'cancelled' | 'returned', KeysOf<'return.already_'>> = {
  cancelled: 'return.already_cancelled',
  returned: 'return.already_returned',
};

/**
 * How each reason reads on a labelled line ("반품 사유: 단순 변심"): a noun phrase, where the button is the customer's
 * sentence ("단순 변심이에요").
 */
const REASON_LABEL: Record<ReturnReason, FixedKeysOf<'reason.label.'>> = {
  size: 'reason.label.size',
  damaged: 'reason.label.damaged',
  defective: 'reason.label.defective',
  wrong_item: 'reason.label.wrong_item',
  changed_mind: 'reason.label.changed_mind',
  late: 'reason.label.late',
};

const known = (reason: ReturnReason): Reason => ({ kind: 'known', reason });
/** The reason on a labelled line: its noun phrase, or the customer's own words quoted. */
const reasonParam = (r: Reason): Param =>
  r.kind === 'known' ? { kind: 'prompt', key: REASON_LABEL[r.reason] } : { kind: 'prompt', key: 'reason.own_words', params: { text: r.text } };
/** The reason as the shop records it: its code, or the customer's words. */
const reasonText = (r: Reason): string => (r.kind === 'known' ? r.reason : r.text);
const sameReason = (a: Reason, b: Reason): boolean => reasonText(a) === reasonText(b);
const windowParam = (window: TimeWindow): Param => ({ kind: 'window', window });

/** An item as a card shows it: its SKU, name and picture. */
const cardProduct = (i: ReturnItem): CardProduct => ({ sku: i.sku, name: i.name, ...(i.imageUrl ? { imageUrl: i.imageUrl } : {}) });
const itemsSay = (frame: At<'choose_item'>): Say => ({
  key: 'return.which',
  suggestions: frame.items.map((i) => i.name),
  card: { title: { kind: 'prompt', key: 'card.choose_product' }, lines: [], products: frame.items.slice(0, 10).map(cardProduct) },
});
const reasonSay = (item: ReturnItem): Say => ({
  key: 'return.ask_reason',
  params: { product: item.name },
  suggestions: REASONS.map((r): Param => ({ kind: 'prompt', key: REASON_SAY[r] })),
});
/** How to send it back, naming what goes back (the reason may have been said with the request, so nothing named it yet). */
const methodSay = (item: ReturnItem, methods: readonly ReturnMethod[] = METHODS): Say => ({
  ...(methods.length < METHODS.length
    ? { key: 'return.ask_method.which' as const }
    : { key: 'return.ask_method' as const, params: { product: item.name } }),
  suggestions: methods.map((m): Param => ({ kind: 'prompt', key: METHOD_SAY[m] })),
});
/** A pick-up point as offered: its name and opening hours, written the customer's way ("오전 5시 30분~자정"). */
const pointParam = (p: PickupPoint): Param => ({ kind: 'prompt', key: 'point.label', params: { name: p.name, hours: p.hours } });
const pointsSay = (frame: At<'choose_point'>): Say => ({ key: POINTS_SAY[frame.method], suggestions: frame.points.map(pointParam) });
const windowsSay = (frame: At<'choose_window'>): Say => ({ key: 'return.choose_window', suggestions: frame.windows.map(windowParam) });
function confirmSay({ item, reason, handover }: At<'confirm'>): Say {
  const where: Param = handover.method === 'courier_pickup' ? windowParam(handover.window) : handover.point.name;
  return {
    key: CONFIRM_SAY[handover.method],
    suggestions: yesNo,
    params: { product: item.name, reason: reasonParam(reason), where, refund: { kind: 'money', amount: item.refund, currency: item.currency } },
  };
}
const openedSay = (frame: At<'ask_opened'>): Say => ({
  key: 'return.ask_opened',
  params: { product: frame.product },
  suggestions: [
    { kind: 'prompt', key: 'opened.yes' },
    { kind: 'prompt', key: 'opened.no' },
  ],
});
/** "개봉 안 했어요", "안 뜯었어요", "still sealed": unopened (read before OPENED, whose words it contains). */
const UNOPENED =
  /미개봉|개봉\s*(?:안|전|하지\s*않|을?\s*안)|안\s*(?:뜯|열|썼|쓴|개봉)|(?:뜯|열|쓰)지\s*(?:않|도\s*않|도\s*안)|(?:포장|박스|비닐)\s*(?:그대로|안\s*뜯)|새\s*(?:거|것|상품)|unopened|not\s+(?:been\s+)?opened|(?:haven'?t|didn'?t|never)\s+(?:opened|used)|still\s+sealed|\bsealed\b|brand\s+new/i;
/** "개봉했어요", "뜯었어요", "I opened it", "we used a few": opened. */
const OPENED = /개봉\s*했|개봉했|뜯었|뜯어\s*봤|열었|열어\s*봤|썼어|써\s*봤|사용했|먹였|입혔|\bopened\b|\bused\b|\btried\b/i;
/** The answer to "have you opened it?": a button, the words, or a plain yes (opened) or no (unopened). */
function openedAnswer(event: Utterance, ctx: DialogContext): 'opened' | 'unopened' | null {
  const said = event.text.replace(/\s+/g, '');
  if (said === ctx.label({ kind: 'prompt', key: 'opened.no' }).replace(/\s+/g, '')) return 'unopened';
  if (said === ctx.label({ kind: 'prompt', key: 'opened.yes' }).replace(/\s+/g, '')) return 'opened';
  if (UNOPENED.test(event.text)) return 'unopened';
  if (OPENED.test(event.text)) return 'opened';
  if (event.intent === 'deny') return 'unopened';
  if (event.intent === 'affirm') return 'opened';
  return null;
}

/** What is known once the item is chosen; the rest is asked for. */
interface Gathered {
  flow: 'schedule_return';
  id: string;
  item: ReturnItem;
  reason?: Reason | undefined;
  method?: ReturnMethod | undefined;
  /** Kept through a correction of the reason; dropped when the method changes. */
  handover?: Handover | undefined;
}

/** Asks for whatever is still missing, in order: reason, method, point or window; then confirms. */
function next({ flow, id, item, reason, method, handover }: Gathered, ctx: DialogContext): FlowStep<ReturnFrame> {
  if (!reason) return { frame: { flow, id, step: 'ask_reason', item, ...(method ? { method } : {}) }, say: [reasonSay(item)] };
  if (!method) return { frame: { flow, id, step: 'ask_method', item, reason }, say: [methodSay(item)] };
  if (handover?.method === method) {
    const ready: At<'confirm'> = { flow, id, step: 'confirm', item, reason, handover };
    return { frame: ready, say: [confirmSay(ready)] };
  }
  const loading: At<'loading_options'> = { flow, id, step: 'loading_options', item, reason, method };
  if (method === 'courier_pickup') return { frame: loading, say: [], effect: { type: 'quoteDelivery', customerId: ctx.customerId } };
  return { frame: loading, say: [], effect: { type: 'loadPickupPoints', customerId: ctx.customerId, pointType: POINT_TYPE[method] } };
}

/** The reason and method a message names (a locker or a convenience store names a drop-off). */
function answered(event: Utterance): { reason?: Reason; method?: ReturnMethod } {
  const reason = firstEntity(event.entities, 'return_reason');
  const place = firstEntity(event.entities, 'place')?.value;
  const viaPlace = place === 'locker' ? 'locker_dropoff' : place === 'convenience_store' ? 'store_dropoff' : undefined;
  const method = firstEntity(event.entities, 'return_method')?.value ?? viaPlace;
  return { ...(reason ? { reason: known(reason.value) } : {}), ...(method ? { method } : {}) };
}

/** Global requests that are never a reason: they steer the conversation (stop, help, a person). */
const NOT_A_REASON = new Set<string>(['stop', 'help', 'human_handoff']);

/** A request about another product than the one being returned ("where are my wipes?"), or where orders are, is a digression. */
const aboutAnotherProduct = (event: Utterance, sku: string): boolean =>
  (event.intent !== 'out_of_scope' && event.entities.some((e) => e.type === 'product' && !e.negated && e.value !== sku)) ||
  (event.intent === 'order_status' && ASKS_WHERE.test(event.text.trim()));
/** "where is my order?", "언제 와요?": a question about deliveries, never a reason. */
const ASKS_WHERE = /\?$|^(where|when|what|has|is|did)\b|어디|언제/i;
/** "첫 번째", "2번", "the second one": a place in the list offered (a short message naming it). */
const SHORT = /^(?:\S+\s+){0,2}\S+$/;
const ORDINAL_WORD = /\b(?:first|second|third|last|1st|2nd|3rd)\b|번째|첫째|둘째|셋째|마지막|^\d+\s*번?$/i;
/** A request ("…해 주세요", "…할래요", "I want …"): it asks for something; a reason tells what went wrong. */
const ASKS_FOR = /주세요|해\s*줘|해줘|줄래|할래|하고\s*싶|할게요|\bplease\b|\bi want\b|\bi'?d like\b|\bcan you\b|\bcould you\b/i;
/** The customer's words as a reason, as they wrote them. */
const ownWords = (event: Utterance): Reason | undefined => {
  const words = event.text.trim().slice(0, 200);
  return words ? { kind: 'own_words', text: words } : undefined;
};
/**
 * Does a message that names no item tell why it goes back ("색이 사진이랑 너무 달라요", "the colour is nothing like the
 * photo")? A statement, not a question or a request, that steers nothing and names no product.
 */
const tellsWhy = (event: Utterance): boolean =>
  !NOT_A_REASON.has(event.intent) &&
  !event.command &&
  !event.entities.some((e) => e.type === 'product') &&
  !ASKS_WHERE.test(event.text.trim()) &&
  !ASKS_FOR.test(event.text) &&
  event.text.trim().split(/\s+/).length >= 2;
/** A return already booked for the item (any not cancelled): it is never booked a second time. */
const returning = (returns: ReturnRecord[], orderId: string, sku: string): boolean =>
  returns.some((r) => r.orderId === orderId && r.status !== 'cancelled' && r.items.some((i) => i.sku === sku));

/** Why a named item cannot be returned, in the customer's terms. */
function whyNot(orders: Order[], skus: string[], now: string, returns: ReturnRecord[]): Say | null {
  for (const order of orders) {
    const named = order.items.find((i) => skus.includes(i.sku));
    if (!named) continue;
    const product = named.name;
    if (returning(returns, order.id, named.sku)) return { key: 'return.already_booked', params: { product } };
    if (order.status === 'placed') return { key: 'return.not_yet_delivered', params: { product } };
    if (isOpenStatus(order.status)) return { key: 'return.on_its_way', params: { product } };
    if (order.status === 'cancelled' || order.status === 'returned') return { key: ALREADY[order.status], params: { product } };
    if (!order.returnableUntil) return { key: 'return.not_returnable', params: { product } };
    if (order.returnableUntil < now) return { key: 'return.window_closed', params: { product, date: { kind: 'date', iso: order.returnableUntil } } };
    return null;
  }
  return null;
}

/** Reasons no return applies that answer the request fully (a person could do no more): said without an offer of one. */
const INFORMATIONAL: ReadonlySet<string> = new Set([
  'return.not_yet_delivered',
  'return.on_its_way',
  'return.already_cancelled',
  'return.already_returned',
]);

/** Delivered items still within their return window. */
function returnable(orders: Order[], now: string, returns: ReturnRecord[]): ReturnItem[] {
  return orders
    .filter((o) => o.status === 'delivered' && o.returnableUntil && o.returnableUntil >= now)
    .flatMap((o) =>
      o.items
        .filter((i) => !returning(returns, o.id, i.sku))
        .map((i) => ({
          id: `${o.id}:${i.sku}`,
          name: i.name,
          orderId: o.id,
          sku: i.sku,
          quantity: i.quantity,
          refund: Math.round(i.unitPrice * i.quantity * 100) / 100,
          currency: o.currency,
          ...(i.imageUrl ? { imageUrl: i.imageUrl } : {}),
        })),
    );
}

/**
 * A question whether a return went through ("반품 접수됐어요?", "did my return go through?", "is my return booked?"):
 * answered from the returns booked, never taken as a request to book another.
 */
const ASKS_BOOKED: Record<'en' | 'ko', RegExp> = {
  en: /\b(?:did|has|have|is|was|were)\b.{0,25}\breturns?\b.{0,25}\b(?:go(?:ne)? through|booked|registered|received|processed|accepted|confirmed)\b|\b(?:status of|check on|where is|what about) (?:my|the) returns?\b/i,
  ko: /(?:반품|환불)\s*(?:이|은|는)?\s*(?:접수|신청|예약)\s*(?:이|은|는)?\s*(?:잘\s*)?(?:됐|되었|된\s*(?:거|건가)|되어\s*있|돼\s*있|됐나|되나요\?)|(?:반품|환불)\s*(?:어떻게\s*)?(?:진행|처리)\s*(?:돼|되|됐)/,
};
const asksIfBooked = (text: string): boolean => ASKS_BOOKED.en.test(text) || ASKS_BOOKED.ko.test(text);

/** The returns booked and not cancelled, each with its product's name and its code or pick-up window. */
function bookedSay(orders: Order[], returns: ReturnRecord[], skus: string[]): Say[] {
  const open = returns.filter((r) => r.status !== 'cancelled' && (!skus.length || r.items.some((i) => skus.includes(i.sku))));
  if (open.length === 0) return [{ key: 'return.booked.none' }];
  const name = (r: ReturnRecord): string => {
    const sku = r.items[0]?.sku;
    return orders.find((o) => o.id === r.orderId)?.items.find((i) => i.sku === sku)?.name ?? sku ?? r.orderId;
  };
  return [
    { key: 'return.booked.intro' },
    ...open.map((r): Say =>
      r.window
        ? { key: 'return.booked.pickup', params: { product: name(r), window: windowParam(r.window) } }
        : { key: 'return.booked.code', params: { product: name(r), code: r.dropoffCode ?? '—' } },
    ),
  ];
}

function onResult(frame: ReturnFrame, event: Extract<DialogEvent, { type: 'result' }>, ctx: DialogContext): FlowStep<ReturnFrame> {
  const r = event.result;
  if (r.type === 'loadAccount' && frame.step === 'loading') {
    if (!r.ok) return failure<ReturnFrame>(null, r.transient, 'return.failed');
    if (frame.request.asking) return { frame: null, say: bookedSay(r.orders, r.returns ?? [], frame.request.skus) };
    const items = returnable(r.orders, ctx.now, r.returns ?? []);
    const skus = frame.request.skus;
    const named = skus.length ? items.filter((i) => skus.includes(i.sku)) : items;
    const [only, ...more] = named;
    if (!only) {
      const why = skus.length ? whyNot(r.orders, skus, ctx.now, r.returns ?? []) : null;
      // A hygiene product goes back only unopened (the returns policy): whether it was opened is asked, not assumed.
      if (why?.key === 'return.not_returnable') {
        const asking: At<'ask_opened'> = { flow: frame.flow, id: frame.id, step: 'ask_opened', product: why.params.product as string };
        return { frame: asking, say: [openedSay(asking)] };
      }
      // Booked already: its code or pick-up again, which is what the customer is after.
      if (why?.key === 'return.already_booked') return { frame: null, say: [why, ...bookedSay(r.orders, r.returns ?? [], skus).slice(1)] };
      // Not delivered yet, cancelled or returned: an answer, not a dead end — no person is offered for it.
      if (why && INFORMATIONAL.has(why.key)) return { frame: null, say: [why] };
      return { frame: null, say: [why ?? { key: 'return.nothing_returnable' }], offerPerson: 'dead_end' };
    }
    const { flow, id, reason, method } = frame;
    if (more.length === 0) return next({ flow, id, item: only, reason, method }, ctx);
    const choose: At<'choose_item'> = { flow, id, step: 'choose_item', items: named, ...(reason ? { reason } : {}), ...(method ? { method } : {}) };
    return { frame: choose, say: [itemsSay(choose)] };
  }
  if (frame.step === 'loading_options' && (r.type === 'loadPickupPoints' || r.type === 'quoteDelivery')) {
    if (!r.ok) return failure<ReturnFrame>(null, r.transient, 'return.failed');
    const { flow, id, item, reason, method } = frame;
    if (r.type === 'quoteDelivery' && method === 'courier_pickup') {
      const f: At<'choose_window'> = { flow, id, step: 'choose_window', item, reason, method, windows: r.windows.slice(0, 3) };
      return { frame: f, say: [windowsSay(f)] };
    }
    if (r.type === 'loadPickupPoints' && method !== 'courier_pickup') {
      const points = r.points.slice(0, 3);
      if (points.length === 0) return { frame: null, say: [{ key: 'place.no_points' }], offerPerson: 'dead_end' };
      const f: At<'choose_point'> = { flow, id, step: 'choose_point', item, reason, method, points };
      return { frame: f, say: [pointsSay(f)] };
    }
  }
  if (r.type === 'loadAccount' && frame.step === 'rechecking') {
    if (!r.ok) return failure<ReturnFrame>(null, r.transient, 'return.failed');
    const found = reread(frame, r.orders, r.returns ?? [], ctx);
    // Still returnable, to be picked up by a courier: the window it was booked in is read again too.
    const still = 'holds' in found ? found.holds : found.then.frame?.step === 'confirm' ? found.then.frame : null;
    if (still?.step === 'confirm' && still.handover.method === 'courier_pickup') {
      const { flow, id, item, reason } = still;
      const next: At<'rechecking_window'> = {
        flow,
        id,
        item,
        reason,
        step: 'rechecking_window',
        window: still.handover.window,
        answered: frame.answered,
        refundWas: { amount: frame.item.refund, currency: frame.item.currency },
      };
      return { frame: next, say: [], effect: { type: 'quoteDelivery', customerId: ctx.customerId } };
    }
    return afterRecheck<ReturnFrame>(
      frame.answered,
      found,
      (f) => (f.step === 'confirm' ? [confirmSay(f)] : []),
      (f) => (f.step === 'confirm' ? book(f, ctx) : { frame: f, say: [] }),
    );
  }
  if (r.type === 'quoteDelivery' && frame.step === 'rechecking_window') {
    if (!r.ok) return failure<ReturnFrame>(null, r.transient, 'return.failed');
    return afterRecheck<ReturnFrame>(
      frame.answered,
      windowReread(frame, r.windows),
      (f) => (f.step === 'confirm' ? [confirmSay(f)] : []),
      (f) => (f.step === 'confirm' ? book(f, ctx) : { frame: f, say: [] }),
    );
  }
  if (r.type === 'quoteDelivery' && frame.step === 'reoffering') {
    if (!r.ok) return failure<ReturnFrame>(null, r.transient, 'return.failed');
    const { flow, id, item, reason, method } = frame;
    const free = r.windows.slice(0, 3);
    // Every window offered is still free: offered again as it was. One taken meanwhile: said, and the free ones offered.
    const same = frame.windows.every((w) => r.windows.some((f) => sameWindow(f, w)));
    const f: At<'choose_window'> = { flow, id, step: 'choose_window', item, reason, method, windows: same ? frame.windows : free };
    if (same) return { frame: f, say: [windowsSay(f)] };
    if (free.length === 0) return { frame: null, say: [{ key: 'return.failed' }], offerPerson: 'dead_end' };
    return { frame: f, say: [{ key: 'pending.changed.pickup_windows' }, windowsSay(f)] };
  }
  if (r.type === 'bookReturn' && frame.step === 'booking') {
    if (!r.ok) return failedWrite<ReturnFrame>({ ...frame, step: 'confirm' }, r, 'return.failed');
    const { item, handover } = frame;
    const refund: Param = { kind: 'money', amount: r.booked.refundEstimate.amount, currency: r.booked.refundEstimate.currency };
    const say: Say =
      handover.method === 'courier_pickup'
        ? { key: 'return.booked.courier_pickup', params: { product: item.name, window: windowParam(handover.window), refund } }
        : {
            // A locker has a screen to enter the code on; a store has a clerk to tell it to.
            key: handover.method === 'locker_dropoff' ? 'return.booked.locker_dropoff' : 'return.booked.dropoff',
            params: { product: item.name, code: r.booked.dropoffCode ?? '', place: handover.point.name, refund },
          };
    // Each line says what it is ("Drop-off code 633402"), not a bare value.
    const how: Param =
      handover.method === 'courier_pickup'
        ? { kind: 'prompt', key: 'card.field.pickup', params: { window: windowParam(handover.window) } }
        : { kind: 'prompt', key: 'card.field.dropoff_at', params: { place: handover.point.name } };
    const lines: Param[] = [item.name, how];
    if (r.booked.dropoffCode) lines.push({ kind: 'prompt', key: 'card.field.dropoff_code', params: { code: r.booked.dropoffCode } });
    lines.push({ kind: 'prompt', key: 'card.field.refund', params: { refund } });
    return { frame: null, say: [{ ...say, card: { title: { kind: 'prompt', key: 'card.return' }, lines, products: [cardProduct(item)] } }] };
  }
  return { frame, say: [] };
}

function interpret(frame: ReturnFrame, event: DialogEvent, ctx: DialogContext): FlowStep<ReturnFrame> {
  if (event.type === 'result') return onResult(frame, event, ctx);
  const said = answered(event);

  switch (frame.step) {
    case 'ask_opened': {
      const answer = openedAnswer(event, ctx);
      const product = frame.product;
      // Opened: the policy's own condition is quoted; damaged or wrong items still go to a person. Unopened: it can go
      // back, and a person books it (the shop checks a hygiene product's packaging before it takes it back).
      if (answer === 'opened') return { frame: null, say: [{ key: 'return.not_returnable', params: { product } }], offerPerson: 'dead_end' };
      if (answer === 'unopened') return { frame: null, say: [{ key: 'return.unopened', params: { product } }], offerPerson: 'dead_end' };
      return { frame, say: [{ key: 'not_understood.in_flow' }, openedSay(frame)] };
    }
    case 'choose_item': {
      const skus = namedSkus(event.entities);
      const picked =
        chooseByText(event.text, frame.items, (i) => i.name) ?? (skus.length ? frame.items.find((i) => skus.includes(i.sku)) : undefined);
      if (picked)
        return next({ flow: frame.flow, id: frame.id, item: picked, reason: said.reason ?? frame.reason, method: said.method ?? frame.method }, ctx);
      // Why, said before which ("색이 사진이랑 달라요" to "which item?"): the reason is kept and the item asked for again.
      const reason = said.reason ?? (tellsWhy(event) ? ownWords(event) : undefined);
      if (reason) {
        const kept: At<'choose_item'> = { ...frame, reason, ...(said.method ? { method: said.method } : {}) };
        return { frame: kept, say: [{ key: 'return.reason_noted', params: { reason: reasonParam(reason) } }, itemsSay(kept)] };
      }
      return { frame, say: [{ key: 'not_understood.in_flow' }, itemsSay(frame)] };
    }
    case 'ask_reason': {
      // Any answer is a reason: the customer's own words are kept when they match none of the usual ones.
      // A button's words or its place in the list; a sentence that only shares a word with a button ("…왔어요") is not it.
      const label = (r: ReturnReason): string => ctx.label({ kind: 'prompt', key: REASON_SAY[r] });
      const labelled =
        REASONS.find((r) => label(r).replace(/\s+/g, '') === event.text.replace(/\s+/g, '')) ??
        (SHORT.test(event.text.trim()) && ORDINAL_WORD.test(event.text) ? chooseByText(event.text, REASONS, label) : undefined);
      // What the words say comes first: a label shares words with many sentences ("…왔어요"), a reason's words do not.
      const reason = said.reason ?? (labelled ? known(labelled) : ownWords(event));
      return next({ flow: frame.flow, id: frame.id, item: frame.item, reason, method: said.method ?? frame.method }, ctx);
    }
    case 'ask_method': {
      const label = (m: ReturnMethod): string => ctx.label({ kind: 'prompt', key: METHOD_SAY[m] });
      const narrowed = narrowByWords(event.text, [...METHODS], label);
      const method = chooseByText(event.text, METHODS, label) ?? said.method ?? (narrowed.length === 1 ? narrowed[0] : undefined);
      if (method) return next({ flow: frame.flow, id: frame.id, item: frame.item, reason: said.reason ?? frame.reason, method }, ctx);
      // "Drop off" names two ways: which of them is asked, not the whole question again.
      if (narrowed.length > 1) return { frame, say: [methodSay(frame.item, narrowed)] };
      return { frame, say: [{ key: 'not_understood.in_flow' }, methodSay(frame.item)] };
    }
    case 'choose_point': {
      const point = pointNamed(frame.points, event.text, (p) => ctx.label(pointParam(p)));
      const { flow, id, item, reason, method } = frame;
      if (point) return next({ flow, id, item, reason, method, handover: { method, point } }, ctx);
      // Another way of sending it back is a correction.
      if (said.method && said.method !== method) return next({ flow, id, item, reason: said.reason ?? reason, method: said.method }, ctx);
      // Others wanted ("any other lockers?", "다른 편의점은요?"): these are the nearest; another way can be named
      // (a bare no is not wanting to go on: it stops, as "stop" would).
      if (asksForOthers(event.text)) return { frame, say: [{ key: 'return.no_other_points' }, pointsSay(frame)] };
      return { frame, say: [{ key: 'not_understood.in_flow' }, pointsSay(frame)] };
    }
    case 'choose_window': {
      const window = chooseByText(event.text, frame.windows, (w) => ctx.label(windowParam(w)));
      const { flow, id, item, reason, method } = frame;
      if (window) return next({ flow, id, item, reason, method, handover: { method, window } }, ctx);
      if (said.method && said.method !== method) return next({ flow, id, item, reason: said.reason ?? reason, method: said.method }, ctx);
      // A day and/or a time of day ("Monday", "tomorrow morning", "after 3 pm"): the one window it names is taken;
      // several are offered again, only those.
      const date = firstEntity(event.entities, 'date');
      const time = firstEntity(event.entities, 'time_window');
      if (date || time) {
        const matching = matchWindows(frame.windows, { ...(date ? { date: date.value } : {}), ...(time ? { time: time.value } : {}) });
        const [only, ...others] = matching;
        if (only && others.length === 0) return next({ flow, id, item, reason, method, handover: { method, window: only } }, ctx);
        if (only && matching.length < frame.windows.length) {
          const narrowed: At<'choose_window'> = { ...frame, windows: matching };
          return { frame: narrowed, say: [windowsSay(narrowed)] };
        }
        if (only) return { frame, say: [windowsSay(frame)] };
      }
      return { frame, say: [{ key: 'not_understood.in_flow' }, windowsSay(frame)] };
    }
    case 'confirm': {
      // Another reason or another way of sending it back is a correction.
      const { flow, id, item, reason, handover } = frame;
      const otherReason = said.reason && !sameReason(said.reason, reason);
      const otherMethod = said.method && said.method !== handover.method;
      if (otherReason || otherMethod)
        return next({ flow, id, item, reason: said.reason ?? reason, method: said.method ?? handover.method, handover }, ctx);
      if (event.intent === 'affirm') return book(frame, ctx);
      if (event.intent === 'deny') return { frame: null, say: [{ key: 'return.declined' }] };
      return { frame, say: [{ key: 'confirm.again', suggestions: yesNo }] };
    }
    case 'loading':
    case 'loading_options':
    case 'booking':
    case 'rechecking':
    case 'rechecking_window':
    case 'reoffering':
      return { frame, say: [] };
  }
}

/** Books the return confirmed, once (the key names the item). */
function book(frame: At<'confirm'>, ctx: DialogContext): FlowStep<ReturnFrame> {
  const { item, reason, handover } = frame;
  const request = {
    orderId: item.orderId,
    customerId: ctx.customerId,
    items: [{ sku: item.sku, quantity: item.quantity }],
    reason: reasonText(reason),
    method: handover.method,
    ...(handover.method === 'courier_pickup' ? { window: handover.window } : { pickupPointId: handover.point.id }),
  };
  return {
    frame: { ...frame, step: 'booking' },
    say: [],
    effect: { type: 'bookReturn', request, idempotencyKey: `${ctx.conversationId}:${frame.id}:return:${item.id}` },
  };
}

/**
 * The item of a return taken up again, as it is now: still returnable for the same refund → it holds; returned, booked
 * elsewhere or past its window meanwhile → that is said and nothing is booked; another refund → said, and asked again.
 */
function reread(frame: At<'rechecking'>, orders: Order[], returns: ReturnRecord[], ctx: DialogContext): Reread<ReturnFrame> {
  const { answered: _answered, step: _step, ...rest } = frame;
  const fresh = returnable(orders, ctx.now, returns).find((i) => i.id === frame.item.id);
  if (!fresh) {
    const why = whyNot(
      orders.filter((o) => o.id === frame.item.orderId),
      [frame.item.sku],
      ctx.now,
      returns,
    );
    // Already on its way back: nothing is left to do. Anything else: a person may still help.
    const then: FlowStep<ReturnFrame> =
      why?.key === 'return.already_booked'
        ? { frame: null, say: [why] }
        : { frame: null, say: [why ?? { key: 'return.nothing_returnable' }], offerPerson: 'dead_end' };
    return { changed: [{ key: 'pending.changed.since' }], then };
  }
  const was = frame.item;
  const next: At<'confirm'> = { ...rest, step: 'confirm', item: { ...was, refund: fresh.refund, currency: fresh.currency } };
  if (Math.abs(fresh.refund - was.refund) < 0.005 && fresh.currency === was.currency) return { holds: next };
  const money = (amount: number, currency: string): Param => ({ kind: 'money', amount, currency });
  return {
    changed: [
      {
        key: 'pending.changed.refund',
        params: { product: was.name, from: money(was.refund, was.currency), to: money(fresh.refund, fresh.currency) },
      },
    ],
    then: { frame: next, say: [confirmSay(next)] },
  };
}

const sameWindow = (a: TimeWindow, b: TimeWindow): boolean => Date.parse(a.start) === Date.parse(b.start) && Date.parse(a.end) === Date.parse(b.end);

/**
 * A courier pick-up taken up again, its window read again from the logistics API: still offered → it holds (a refund
 * changed meanwhile said first, and asked again); taken meanwhile → that is said and the windows free now are offered
 * (nothing is booked in a window the courier no longer has).
 */
function windowReread(frame: At<'rechecking_window'>, windows: TimeWindow[]): Reread<ReturnFrame> {
  const { flow, id, item, reason, window, refundWas } = frame;
  const money = (amount: number, currency: string): Param => ({ kind: 'money', amount, currency });
  const refundChanged: Say[] =
    Math.abs(refundWas.amount - item.refund) >= 0.005 || refundWas.currency !== item.currency
      ? [
          {
            key: 'pending.changed.refund',
            params: { product: item.name, from: money(refundWas.amount, refundWas.currency), to: money(item.refund, item.currency) },
          },
        ]
      : [];
  if (windows.some((w) => sameWindow(w, window))) {
    const next: At<'confirm'> = { flow, id, step: 'confirm', item, reason, handover: { method: 'courier_pickup', window } };
    return refundChanged.length ? { changed: refundChanged, then: { frame: next, say: [confirmSay(next)] } } : { holds: next };
  }
  const free = windows.slice(0, 3);
  const taken: Say = { key: 'pending.changed.slot_taken', params: { window: windowParam(window) } };
  if (free.length === 0)
    return { changed: [...refundChanged, taken], then: { frame: null, say: [{ key: 'return.failed' }], offerPerson: 'dead_end' } };
  const offer: At<'choose_window'> = { flow, id, step: 'choose_window', item, reason, method: 'courier_pickup', windows: free };
  return { changed: [...refundChanged, taken], then: { frame: offer, say: [windowsSay(offer)] } };
}

/** Return a delivered item: which item (when several), why, how (drop-off point or courier window), confirm, book once. */
export const returnFlow: FlowDef<ReturnFrame> = {
  steps: {
    loading: { awaiting: null },
    ask_opened: { awaiting: 'opened' },
    choose_item: { awaiting: 'item' },
    ask_reason: { awaiting: 'reason' },
    ask_method: { awaiting: 'method' },
    loading_options: { awaiting: null },
    choose_point: { awaiting: 'pickup_point' },
    choose_window: { awaiting: 'window' },
    confirm: { awaiting: 'confirmation' },
    booking: { awaiting: null },
    rechecking: { awaiting: null },
    rechecking_window: { awaiting: null },
    reoffering: { awaiting: null },
  },
  start(event, ctx) {
    const { reason, method } = answered(event);
    const frame: At<'loading'> = {
      flow: 'schedule_return',
      id: ctx.messageId,
      step: 'loading',
      request: { skus: namedSkus(event.entities), ...(asksIfBooked(event.text) ? { asking: true } : {}) },
      ...(reason ? { reason } : {}),
      ...(method ? { method } : {}),
    };
    return { frame, say: [], effect: { type: 'loadAccount', customerId: ctx.customerId, returns: true } };
  },
  interpret,
  recheck(frame, answered, ctx) {
    // Pick-up windows offered before a digression are read again before they are offered again.
    if (frame.step === 'choose_window') {
      const { flow, id, item, reason, method, windows } = frame;
      return {
        frame: { flow, id, item, reason, method, windows, step: 'reoffering' },
        say: [],
        effect: { type: 'quoteDelivery', customerId: ctx.customerId },
      };
    }
    if (frame.step !== 'confirm') return null;
    return {
      frame: { ...frame, step: 'rechecking', answered },
      say: [],
      effect: { type: 'loadAccount', customerId: ctx.customerId, returns: true },
    };
  },
  prompt(frame) {
    switch (frame.step) {
      case 'ask_opened':
        return [openedSay(frame)];
      case 'choose_item':
        return [itemsSay(frame)];
      case 'ask_reason':
        return [reasonSay(frame.item)];
      case 'ask_method':
        return [methodSay(frame.item)];
      case 'choose_point':
        return [pointsSay(frame)];
      case 'choose_window':
        return [windowsSay(frame)];
      case 'confirm':
        return [confirmSay(frame)];
      case 'loading':
      case 'loading_options':
      case 'booking':
      case 'rechecking':
      case 'rechecking_window':
      case 'reoffering':
        return [];
    }
  },
  answers(frame, event, ctx) {
    // While asking why, any words are the answer unless they clearly ask for something else.
    // ("배송이 너무 늦게 왔어요", "잘못 주문했어요" are reasons, whatever request they would start on their own.)
    // A bare "no" is no reason: the customer does not want to go on (it stops the return).
    if (frame.step === 'ask_reason')
      return (
        !NOT_A_REASON.has(event.intent) &&
        !(event.intent === 'deny' && event.entities.length === 0) &&
        !event.command &&
        !aboutAnotherProduct(event, frame.item.sku)
      );
    // A reason or a way of sending it back fills its slot, or corrects it.
    const said = answered(event);
    if (said.reason || said.method) return true;
    // Words of the offered ways ("drop off", "I'll drop it at the store") answer "how would you like to send it back?",
    // whatever they would mean on their own ("drop it" can also mean stop).
    if (frame.step === 'ask_method')
      return narrowByWords(event.text, [...METHODS], (m) => ctx.label({ kind: 'prompt', key: METHOD_SAY[m] })).length > 0;
    if (frame.step === 'choose_item') return event.entities.some((e) => e.type === 'product') || tellsWhy(event);
    if (frame.step === 'ask_opened') return openedAnswer(event, ctx) !== null;
    if (frame.step === 'choose_point')
      return Boolean(pointNamed(frame.points, event.text, (p) => ctx.label(pointParam(p)))) || asksForOthers(event.text);
    // A bare day or time of day answers "when should the courier pick it up?" (it never starts a delivery move).
    if (frame.step === 'choose_window') return event.entities.some((e) => e.type === 'date' || e.type === 'time_window');
    return false;
  },
};
