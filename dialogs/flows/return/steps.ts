import type { PickupPoint, ReturnRecord, TimeWindow } from '../../../domain/commerce.js';
import type { FixedKeysOf, KeysOf } from '../../../prompts/keys.js';
import { chooseByText, failedWrite, failure, firstEntity, namedSkus, yesNo, type FlowDef, type FlowStep } from '../../kit/flow.js';
import type { DialogContext, DialogEvent, Param, ReturnFrame, Say } from '../../types.js';

type Item = NonNullable<ReturnFrame['item']>;
const REASONS = ['size', 'damaged', 'defective', 'wrong_item', 'changed_mind'] as const;
const METHODS: Array<ReturnRecord['method']> = ['store_dropoff', 'locker_dropoff', 'courier_pickup'];
const pointLabel = (p: PickupPoint): string => `${p.name} · ${p.hours}`;

/** How each known reason and method reads to the customer; a reason in the customer's own words is quoted as it is. */
const REASON_SAY: Record<(typeof REASONS)[number] | 'late', FixedKeysOf<'reason.'>> = {
  size: 'reason.size', damaged: 'reason.damaged', defective: 'reason.defective', wrong_item: 'reason.wrong_item',
  changed_mind: 'reason.changed_mind', late: 'reason.late',
};
const METHOD_SAY: Record<ReturnRecord['method'], FixedKeysOf<'method.'>> = {
  store_dropoff: 'method.store_dropoff', locker_dropoff: 'method.locker_dropoff', courier_pickup: 'method.courier_pickup',
};
type DropoffMethod = Exclude<ReturnRecord['method'], 'courier_pickup'>;
const POINTS_SAY: Record<DropoffMethod, FixedKeysOf<'return.choose_point.'>> = {
  store_dropoff: 'return.choose_point.store_dropoff', locker_dropoff: 'return.choose_point.locker_dropoff',
};
const CONFIRM_SAY: Record<ReturnRecord['method'], KeysOf<'return.confirm.'>> = {
  store_dropoff: 'return.confirm.store_dropoff', locker_dropoff: 'return.confirm.locker_dropoff', courier_pickup: 'return.confirm.courier_pickup',
};
const isKnownReason = (reason: string): reason is keyof typeof REASON_SAY => reason in REASON_SAY;
const reasonParam = (reason: string): Param => (isKnownReason(reason) ? { kind: 'prompt', key: REASON_SAY[reason] } : reason);
const itemsSay = (frame: ReturnFrame): Say => ({ key: 'return.which', suggestions: (frame.items ?? []).map((i) => i.name) });
const reasonSay = (frame: ReturnFrame): Say => ({ key: 'return.ask_reason', params: { product: frame.item!.name }, suggestions: REASONS.map((r) => ({ kind: 'prompt' as const, key: REASON_SAY[r] })) });
const methodSay = (): Say => ({ key: 'return.ask_method', suggestions: METHODS.map((m) => ({ kind: 'prompt' as const, key: METHOD_SAY[m] })) });
const pointsSay = (frame: ReturnFrame): Say => ({
  key: POINTS_SAY[frame.method === 'locker_dropoff' ? 'locker_dropoff' : 'store_dropoff'], suggestions: (frame.points ?? []).map(pointLabel),
});
const windowsSay = (frame: ReturnFrame): Say => ({ key: 'return.choose_window', suggestions: (frame.windows ?? []).map((w) => ({ kind: 'window' as const, window: w })) });

function confirmSay(frame: ReturnFrame): Say {
  const where: Param = frame.method === 'courier_pickup' ? { kind: 'window', window: frame.window! } : frame.point!.name;
  return {
    key: CONFIRM_SAY[frame.method ?? 'courier_pickup'], suggestions: yesNo,
    params: { product: frame.item!.name, reason: reasonParam(frame.reason!), where, refund: { kind: 'money', amount: frame.item!.refund, currency: frame.item!.currency } },
  };
}

/** Asks for whatever is still missing, in order: item, reason, method, place or window; then confirms. */
function next(frame: ReturnFrame, ctx: DialogContext): FlowStep<ReturnFrame> {
  if (!frame.item) return { frame: { ...frame, step: 'choose_item' }, say: [itemsSay(frame)] };
  if (!frame.reason) return { frame: { ...frame, step: 'ask_reason' }, say: [reasonSay(frame)] };
  if (!frame.method) return { frame: { ...frame, step: 'ask_method' }, say: [methodSay()] };
  if (frame.method === 'courier_pickup' && !frame.window) {
    return { frame: { ...frame, step: 'loading_options' }, say: [], effect: { type: 'quoteDelivery', customerId: ctx.customerId } };
  }
  if (frame.method !== 'courier_pickup' && !frame.point) {
    const pointType = frame.method === 'locker_dropoff' ? 'locker' : 'convenience_store';
    return { frame: { ...frame, step: 'loading_options' }, say: [], effect: { type: 'loadPickupPoints', customerId: ctx.customerId, pointType } };
  }
  const ready: ReturnFrame = { ...frame, step: 'confirm' };
  return { frame: ready, say: [confirmSay(ready)] };
}

/** Why a named item cannot be returned, in the customer's terms. */
function whyNot(orders: Array<{ status: string; returnableUntil?: string; items: Array<{ sku: string; name: string }> }>, skus: string[], now: string): Say | null {
  const order = orders.find((o) => o.items.some((i) => skus.includes(i.sku)));
  if (!order) return null;
  const product = order.items.find((i) => skus.includes(i.sku))!.name;
  if (['placed', 'shipped', 'out_for_delivery'].includes(order.status)) return { key: 'return.not_yet_delivered', params: { product } };
  if (order.status === 'cancelled' || order.status === 'returned') return { key: `return.already_${order.status}`, params: { product } };
  if (!order.returnableUntil) return { key: 'return.not_returnable', params: { product } };
  if (order.returnableUntil < now) return { key: 'return.window_closed', params: { product, date: { kind: 'date', iso: order.returnableUntil } } };
  return null;
}

function withAnswers(frame: ReturnFrame, event: Extract<DialogEvent, { type: 'utterance' }>): ReturnFrame {
  const reason = firstEntity(event.entities, 'return_reason');
  const method = firstEntity(event.entities, 'return_method');
  const place = firstEntity(event.entities, 'place');
  const viaPlace = place?.value === 'locker' ? 'locker_dropoff' : place?.value === 'convenience_store' ? 'store_dropoff' : undefined;
  const m = method?.value ?? viaPlace;
  return {
    ...frame,
    ...(reason ? { reason: reason.value } : {}),
    ...(m && m !== frame.method ? { method: m, point: undefined, window: undefined, points: undefined, windows: undefined } : {}),
  };
}

function onEvent(frame: ReturnFrame, event: DialogEvent, ctx: DialogContext): FlowStep<ReturnFrame> {
  if (event.type === 'result') {
    const r = event.result;
    if (!r.ok) {
      if (r.type === 'bookReturn') return failedWrite({ ...frame, step: 'confirm' }, r, 'return.failed');
      return failure<ReturnFrame>(null, r.transient, 'return.failed');
    }
    if (r.type === 'loadAccount') {
      const items: Item[] = r.orders
        .filter((o) => o.status === 'delivered' && o.returnableUntil && o.returnableUntil >= ctx.now)
        .flatMap((o) => o.items.map((i) => ({ id: `${o.id}:${i.sku}`, name: i.name, orderId: o.id, sku: i.sku, quantity: i.quantity, refund: Math.round(i.unitPrice * i.quantity * 100) / 100, currency: o.currency })));
      const skus = frame.request.skus;
      const named = skus.length ? items.filter((i) => skus.includes(i.sku)) : items;
      if (named.length === 0) {
        const why = skus.length ? whyNot(r.orders, skus, ctx.now) : null;
        return { frame: null, say: [why ?? { key: 'return.nothing_returnable' }], offerPerson: 'dead_end' };
      }
      const base: ReturnFrame = { ...frame, items: named, ...(named.length === 1 ? { item: named[0] } : {}) };
      return next(base, ctx);
    }
    if (r.type === 'loadPickupPoints') {
      const points = r.points.slice(0, 3);
      if (points.length === 0) return { frame: null, say: [{ key: 'place.no_points' }], offerPerson: 'dead_end' };
      const f: ReturnFrame = { ...frame, step: 'choose_point', points };
      return { frame: f, say: [pointsSay(f)] };
    }
    if (r.type === 'quoteDelivery') {
      const f: ReturnFrame = { ...frame, step: 'choose_window', windows: r.windows.slice(0, 3) };
      return { frame: f, say: [windowsSay(f)] };
    }
    if (r.type === 'bookReturn') {
      const refund: Param = { kind: 'money', amount: r.booked.refundEstimate.amount, currency: r.booked.refundEstimate.currency };
      const say: Say = frame.method === 'courier_pickup'
        ? { key: 'return.booked.courier_pickup', params: { product: frame.item!.name, window: { kind: 'window', window: frame.window! }, refund } }
        : { key: 'return.booked.dropoff', params: { product: frame.item!.name, code: r.booked.dropoffCode ?? '', place: frame.point!.name, refund } };
      return { frame: null, say: [{ ...say, card: { title: { kind: 'prompt', key: 'card.return' }, lines: [frame.item!.name, r.booked.dropoffCode ?? { kind: 'window', window: frame.window! }, refund] } }] };
    }
    return { frame, say: [] };
  }

  const skus = namedSkus(event.entities);
  switch (frame.step) {
    case 'choose_item': {
      const picked = chooseByText(event.text, frame.items ?? [], (i) => i.name) ?? (skus.length ? frame.items?.find((i) => skus.includes(i.sku)) : undefined);
      if (picked) return next(withAnswers({ ...frame, item: picked }, event), ctx);
      return { frame, say: [{ key: 'not_understood.in_flow' }, itemsSay(frame)] };
    }
    case 'ask_reason': {
      const labelled = chooseByText(event.text, [...REASONS], (r) => ctx.label({ kind: 'prompt', key: REASON_SAY[r] }));
      const f = withAnswers(frame, event);
      // Any answer is a reason: the customer's own words are kept when they match none of the usual ones.
      return next({ ...f, reason: labelled ?? f.reason ?? event.text.trim().slice(0, 200) }, ctx);
    }
    case 'ask_method': {
      const labelled = chooseByText(event.text, METHODS, (m) => ctx.label({ kind: 'prompt', key: METHOD_SAY[m] }));
      const f = withAnswers(frame, event);
      if (labelled || f.method) return next({ ...f, method: labelled ?? f.method }, ctx);
      return { frame, say: [{ key: 'not_understood.in_flow' }, methodSay()] };
    }
    case 'choose_point': {
      const point = chooseByText(event.text, frame.points ?? [], pointLabel) ?? frame.points?.find((p) => event.text.toLowerCase().includes(p.name.toLowerCase()));
      if (point) return next({ ...frame, point }, ctx);
      const f = withAnswers(frame, event);
      if (f.method !== frame.method) return next(f, ctx);
      return { frame, say: [{ key: 'not_understood.in_flow' }, pointsSay(frame)] };
    }
    case 'choose_window': {
      const window = chooseByText<TimeWindow>(event.text, frame.windows ?? [], (w) => ctx.label({ kind: 'window', window: w }));
      if (window) return next({ ...frame, window }, ctx);
      const f = withAnswers(frame, event);
      if (f.method !== frame.method) return next(f, ctx);
      return { frame, say: [{ key: 'not_understood.in_flow' }, windowsSay(frame)] };
    }
    default: {
      // confirm: a new reason or method is a correction
      const f = withAnswers(frame, event);
      if (f.reason !== frame.reason || f.method !== frame.method) return next(f, ctx);
      if (event.intent === 'affirm') {
        const item = frame.item!;
        const request = {
          orderId: item.orderId, customerId: ctx.customerId, items: [{ sku: item.sku, quantity: item.quantity }], reason: frame.reason!, method: frame.method!,
          ...(frame.point ? { pickupPointId: frame.point.id } : {}), ...(frame.window ? { window: frame.window } : {}),
        };
        return { frame: { ...frame, step: 'booking' }, say: [], effect: { type: 'bookReturn', request, idempotencyKey: `${ctx.conversationId}:${frame.id}:return:${item.id}` } };
      }
      if (event.intent === 'deny') return { frame: null, say: [{ key: 'return.declined' }] };
      return { frame, say: [{ key: 'confirm.again', suggestions: yesNo }] };
    }
  }
}

function prompt(frame: ReturnFrame): Say[] {
  switch (frame.step) {
    case 'choose_item': return [itemsSay(frame)];
    case 'ask_reason': return [reasonSay(frame)];
    case 'ask_method': return [methodSay()];
    case 'choose_point': return [pointsSay(frame)];
    case 'choose_window': return [windowsSay(frame)];
    case 'confirm': return [confirmSay(frame)];
    default: return [];
  }
}

/** The step table: what each step waits for. */
const STEPS: FlowDef<ReturnFrame>['steps'] = {
  loading: { awaiting: null }, choose_item: { awaiting: 'item' }, ask_reason: { awaiting: 'reason' }, ask_method: { awaiting: 'method' },
  loading_options: { awaiting: null }, choose_point: { awaiting: 'pickup_point' }, choose_window: { awaiting: 'window' }, confirm: { awaiting: 'confirmation' },
  booking: { awaiting: null },
};

export const returnFlow: FlowDef<ReturnFrame> = {
  start(event, ctx) {
    const base: ReturnFrame = { flow: 'schedule_return', id: ctx.messageId, step: 'loading', request: { skus: namedSkus(event.entities) } };
    const f = withAnswers(base, event);
    return { frame: { ...f, request: { ...f.request, ...(f.reason ? { reason: f.reason } : {}), ...(f.method ? { method: f.method } : {}) } }, say: [], effect: { type: 'loadAccount', customerId: ctx.customerId } };
  },
  steps: STEPS, interpret: onEvent, prompt,
  answers(frame, event, ctx) {
    if (['affirm', 'deny', 'schedule_return'].includes(event.intent)) return true;
    // While asking why, any words are the answer unless they clearly ask for something else.
    if (frame.step === 'ask_reason') return event.intent === 'out_of_scope' || event.entities.some((e) => e.type === 'return_reason');
    if (event.entities.some((e) => e.type === 'return_reason' || e.type === 'return_method' || (e.type === 'place' && (e.value === 'locker' || e.value === 'convenience_store')))) return true;
    if (frame.step === 'choose_item') return Boolean(chooseByText(event.text, frame.items ?? [], (i) => i.name)) || event.entities.some((e) => e.type === 'product');
    if (frame.step === 'ask_method') return Boolean(chooseByText(event.text, METHODS, (m) => ctx.label({ kind: 'prompt', key: METHOD_SAY[m] })));
    if (frame.step === 'choose_point') return Boolean(chooseByText(event.text, frame.points ?? [], pointLabel)) || Boolean(frame.points?.some((p) => event.text.toLowerCase().includes(p.name.toLowerCase())));
    if (frame.step === 'choose_window') return Boolean(chooseByText(event.text, frame.windows ?? [], (w) => ctx.label({ kind: 'window', window: w })));
    return false;
  },
};
