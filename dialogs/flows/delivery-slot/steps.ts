import type { Order, Shipment, TimeWindow } from '../../../domain/commerce.js';
import type { KeysOf } from '../../../prompts/keys.js';
import { addDays } from '../../../domain/time.js';
import { firstEntity, type Entity, type TimeValue } from '../../../domain/understanding.js';
import {
  asksForOthers,
  afterRecheck,
  type Reread,
  choiceOf,
  chooseByText,
  shipmentChoices,
  failedWrite,
  failure,
  namedSkus,
  openShipments,
  orderNameFor,
  yesNo,
  type FlowDef,
  type FlowStep,
} from '../../kit/flow.js';
import type { DialogContext, DialogEvent, EffectResult, Param, Say, Utterance } from '../../types.js';
import type { DelayOffer } from '../../../domain/notices.js';
import type { ShipmentChoice, SlotFrame, SlotRequest } from './frame.js';

type At<S extends SlotFrame['step']> = Extract<SlotFrame, { step: S }>;
/** The shipment to move and its free windows, as every step from choosing a window on has them. */
type Windowed = Omit<At<'choose_window'>, 'step' | 'offered'>;

const localDate = (w: TimeWindow): string => w.start.slice(0, 10);
const localHour = (w: TimeWindow): number => Number(w.start.slice(11, 13));

function fitsTime(w: TimeWindow, time: Exclude<TimeValue, { at: number }>): boolean {
  const h = localHour(w);
  if ('after' in time) return h >= time.after;
  switch (time.part) {
    case 'dawn':
      return h < 7;
    case 'morning':
      return h >= 7 && h < 12;
    case 'afternoon':
      return h >= 12 && h < 17;
    case 'evening':
    case 'night':
      return h >= 17;
  }
}

/**
 * The free windows that match what the customer asked for ("tomorrow evening", "모레 오전", "push it back a day"),
 * in the shipment's local time (windows carry the customer's offset). A shift moves the current window by N days,
 * at the same hour unless a time was named.
 */
export function matchWindows(windows: TimeWindow[], request: Pick<SlotRequest, 'date' | 'time'>, current?: TimeWindow): TimeWindow[] {
  let time = request.time;
  let day: string | undefined;
  let days: { from: string; to: string } | undefined;
  if (request.date && 'from' in request.date) {
    days = request.date;
  } else if (request.date && 'shiftDays' in request.date) {
    if (current) {
      day = addDays(localDate(current), request.date.shiftDays);
      time ??= { at: localHour(current) };
    }
  } else if (request.date) {
    day = request.date.on;
  }
  let out = day
    ? windows.filter((w) => localDate(w) === day)
    : days
      ? windows.filter((w) => localDate(w) >= days.from && localDate(w) <= days.to)
      : windows;
  // Dawn windows (새벽배송, before 07:00) are offered when the customer asks for dawn, or keeps the hour of one.
  if (!time || ('part' in time && time.part !== 'dawn') || 'after' in time) out = out.filter((w) => localHour(w) >= 7);
  if (time && 'at' in time) {
    const hour = time.at;
    const same = out.filter((w) => localHour(w) === hour);
    return same.length ? same : out;
  }
  if (time) {
    const wanted = time;
    out = out.filter((w) => fitsTime(w, wanted));
  }
  return out;
}

/** When nothing matches: the windows closest to the asked-for day (or to now). */
function nearest(windows: TimeWindow[], request: SlotRequest, now: string): TimeWindow[] {
  const day = request.date && 'on' in request.date ? request.date.on : request.date && 'from' in request.date ? request.date.from : null;
  const target = day ? Date.parse(`${day}T12:00:00Z`) : Date.parse(now);
  return [...windows]
    .sort((a, b) => Math.abs(Date.parse(a.start) - target) - Math.abs(Date.parse(b.start) - target))
    .slice(0, 3)
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
}

/**
 * Up to `n` windows for a run of days ("주말", "next week"): the earliest of each day in turn, so Saturday and Sunday
 * are both offered for a weekend, then in time order.
 */
export function spreadAcrossDays(windows: TimeWindow[], n: number): TimeWindow[] {
  const days = new Map<string, TimeWindow[]>();
  for (const w of windows) days.set(localDate(w), [...(days.get(localDate(w)) ?? []), w]);
  const picked: TimeWindow[] = [];
  for (let round = 0; picked.length < n && picked.length < windows.length; round += 1)
    for (const list of days.values()) {
      const w = list[round];
      if (w && picked.length < n) picked.push(w);
    }
  return picked.sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
}

/** Two structured values are the same answer (values are small plain objects). */
const sameValue = (a: object | undefined, b: object | undefined): boolean => JSON.stringify(a) === JSON.stringify(b);

const requestFrom = (entities: Entity[], base: SlotRequest): SlotRequest => {
  const date = firstEntity(entities, 'date');
  const time = firstEntity(entities, 'time_window');
  return { ...base, ...(date ? { date: date.value } : {}), ...(time ? { time: time.value } : {}) };
};

const hasCriteria = (r: SlotRequest): boolean => Boolean(r.date || r.time);

/**
 * Why a named order's delivery cannot move. An order still on its way normally has an open shipment (and never gets
 * here); one with no shipment booked yet has no time to move.
 */
const NOT_MOVABLE: Record<Order['status'], KeysOf<'slot.not_movable.'>> = {
  placed: 'slot.not_movable.not_booked',
  shipped: 'slot.not_movable.not_booked',
  out_for_delivery: 'slot.not_movable.not_booked',
  delivered: 'slot.not_movable.delivered',
  cancelled: 'slot.not_movable.cancelled',
  returned: 'slot.not_movable.returned',
};

const confirmSay = ({ shipment, window }: At<'confirm'>): Say => ({
  key: 'slot.confirm',
  suggestions: yesNo,
  params: { product: shipment.name, from: { kind: 'window', window: shipment.window }, to: { kind: 'window', window } },
});
function offerSay(
  shipment: ShipmentChoice,
  offered: TimeWindow[],
  key: 'slot.choose' | 'slot.choose_any' | 'slot.no_match' | 'slot.other_windows' = 'slot.choose',
): Say {
  const suggestions: Param[] = offered.map((w) => ({ kind: 'window', window: w }));
  // After a no, keeping the time it has is one of the answers ("Keep the current time").
  if (key === 'slot.other_windows') return { key, suggestions: [...suggestions, { kind: 'prompt', key: 'suggest.keep_time' }] };
  return { key, params: { product: shipment.name }, suggestions };
}
const whichSay = (shipments: ShipmentChoice[]): Say => ({ key: 'slot.which', suggestions: shipments.map((s) => s.name) });

const shipmentChoice =
  (ctx: DialogContext) =>
  (x: { shipment: Shipment; order: Order }): ShipmentChoice => ({ ...choiceOf(ctx)(x), window: x.shipment.window });

/** With the shipment's windows known: confirm the one that fits, or offer up to three. */
function decide(from: Windowed, criteria: boolean, now: string): FlowStep<SlotFrame> {
  const { shipment, request } = from;
  const at: Windowed = { flow: from.flow, id: from.id, request, shipment, options: from.options };
  const windows = at.options.filter((w) => w.start !== shipment.window.start);
  if (windows.length === 0) return { frame: null, say: [{ key: 'slot.no_windows', params: { product: shipment.name } }], offerPerson: 'dead_end' };
  const matches = criteria ? matchWindows(windows, request, shipment.window) : [];
  // Asked for the very time it already comes ("모레 오전" when it is booked then): said so, rather than "no window then".
  const shift = request.date && 'shiftDays' in request.date;
  if (criteria && matches.length === 0 && !shift && matchWindows([shipment.window], request, shipment.window).length > 0)
    return {
      frame: null,
      say: [{ key: 'slot.already_then', params: { product: shipment.name, window: { kind: 'window', window: shipment.window } } }],
    };
  const [only, ...more] = matches;
  if (only && more.length === 0) {
    const next: At<'confirm'> = { ...at, step: 'confirm', window: only };
    return { frame: next, say: [confirmSay(next)] };
  }
  const offered = matches.length
    ? request.date && 'from' in request.date
      ? spreadAcrossDays(matches, 3)
      : matches.slice(0, 3)
    : criteria
      ? nearest(windows, request, now)
      : windows.slice(0, 3);
  const key = matches.length ? 'slot.choose' : criteria ? 'slot.no_match' : 'slot.choose_any';
  return { frame: { ...at, step: 'choose_window', offered }, say: [offerSay(shipment, offered, key)] };
}

function loadWindows(frame: SlotFrame, request: SlotRequest, shipment: ShipmentChoice): FlowStep<SlotFrame> {
  return {
    frame: { flow: frame.flow, id: frame.id, step: 'loading_windows', request, shipment },
    say: [],
    effect: { type: 'loadWindows', shipmentId: shipment.id },
  };
}

/** An effect's result, taken by the step that asked for it. */
function onResult(frame: SlotFrame, r: EffectResult, ctx: DialogContext): FlowStep<SlotFrame> {
  switch (frame.step) {
    case 'loading': {
      if (r.type !== 'loadAccount') break;
      if (!r.ok) return failure<SlotFrame>(null, r.transient, 'slot.failed');
      const { skus } = frame.request;
      const [only, ...more] = openShipments(r.shipments, r.orders, skus);
      if (!only) {
        // Named but not movable: say why (already delivered, or cancelled).
        const named = r.orders.find((o) => skus.length && o.items.some((i) => skus.includes(i.sku)));
        if (named) return { frame: null, say: [{ key: NOT_MOVABLE[named.status], params: { product: orderNameFor(named, skus, ctx) } }] };
        return { frame: null, say: [{ key: 'slot.nothing_open' }] };
      }
      if (more.length) {
        const next: At<'choose_shipment'> = {
          ...frame,
          step: 'choose_shipment',
          shipments: shipmentChoices([only, ...more], ctx, shipmentChoice(ctx)),
        };
        return { frame: next, say: [whichSay(next.shipments)] };
      }
      return loadWindows(frame, frame.request, shipmentChoice(ctx)(only));
    }
    case 'loading_windows':
      if (r.type !== 'loadWindows') break;
      if (!r.ok) return failure<SlotFrame>(null, r.transient, 'slot.failed');
      return decide({ ...frame, options: r.windows }, hasCriteria(frame.request), ctx.now);
    case 'saving':
      if (r.type !== 'updateShipments') break;
      if (!r.ok) return failedWrite<SlotFrame>({ ...frame, step: 'confirm' }, r, 'slot.failed');
      return { frame: null, say: [{ key: 'slot.done', params: { product: frame.shipment.name, window: { kind: 'window', window: frame.window } } }] };
    case 'rechecking': {
      if (r.type !== 'loadWindows') break;
      if (!r.ok) return failure<SlotFrame>(null, r.transient, 'slot.failed');
      const { answered, step: _step, ...rest } = frame;
      const still = r.windows.some((w) => w.start === frame.window.start && w.end === frame.window.end);
      const next: At<'confirm'> = { ...rest, options: r.windows, step: 'confirm' };
      // Taken meanwhile: said, and the windows free now offered (those of the day asked for first).
      const found: Reread<SlotFrame> = still
        ? { holds: next }
        : {
            changed: [{ key: 'pending.changed.slot_taken', params: { window: { kind: 'window', window: frame.window } } }],
            then: decide(next, hasCriteria(frame.request), ctx.now),
          };
      return afterRecheck<SlotFrame>(
        answered,
        found,
        (f) => (f.step === 'confirm' ? [confirmSay(f)] : []),
        (f) => (f.step === 'confirm' ? save(f, ctx) : { frame: f, say: [] }),
      );
    }
    case 'offer':
    case 'choose_shipment':
    case 'choose_window':
    case 'confirm':
      break;
  }
  return { frame, say: [] };
}

/** Moves the shipment to the window confirmed, once (the key names the shipment and the window). */
function save(frame: At<'confirm'>, ctx: DialogContext): FlowStep<SlotFrame> {
  const { shipment, window } = frame;
  const key = `${ctx.conversationId}:${frame.id}:slot:${shipment.id}:${window.start}`;
  return {
    frame: { ...frame, step: 'saving' },
    say: [],
    effect: { type: 'updateShipments', shipmentIds: [shipment.id], patch: { window }, idempotencyKey: key },
  };
}

const offerAgainSay = ({ shipment }: At<'offer'>): Say => ({
  key: 'slot.offer',
  suggestions: yesNo,
  params: { product: shipment.name, window: { kind: 'window', window: shipment.window } },
});

/**
 * The question a delay notice asked ("…now arrives Thursday 9–12. Would you like to pick another time?"), put on the
 * conversation when the customer next writes: its id is the notice's, so it is asked once.
 */
export function delayOfferFrame(noticeId: string, offer: DelayOffer): SlotFrame {
  return {
    flow: 'change_delivery_slot',
    id: noticeId,
    step: 'offer',
    request: { skus: [] },
    shipment: { id: offer.shipmentId, name: offer.name, window: offer.window },
  };
}

/** At the confirmation: another day or time decides again; yes moves it once; no offers other windows. */
function atConfirm(frame: At<'confirm'>, event: Utterance, request: SlotRequest, changed: boolean, ctx: DialogContext): FlowStep<SlotFrame> {
  const { shipment, window } = frame;
  if (changed) return decide({ ...frame, request }, true, ctx.now);
  if (event.intent === 'affirm') return save(frame, ctx);
  if (event.intent === 'deny') {
    // "No" to this window: offer others rather than giving up.
    const others = frame.options.filter((w) => w.start !== window.start && w.start !== shipment.window.start).slice(0, 3);
    const next: At<'choose_window'> = {
      flow: frame.flow,
      id: frame.id,
      request: frame.request,
      shipment,
      options: frame.options,
      step: 'choose_window',
      offered: others,
    };
    return { frame: next, say: [offerSay(shipment, others, 'slot.other_windows')] };
  }
  return { frame, say: [{ key: 'confirm.again', suggestions: yesNo }] };
}

/** The free windows after the last one offered (never the shipment's own). */
function notYetOffered(frame: At<'choose_window'>): TimeWindow[] {
  const last = Math.max(...frame.offered.map((w) => frame.options.findIndex((o) => o.start === w.start)));
  return frame.options.slice(last + 1).filter((w) => w.start !== frame.shipment.window.start);
}

function interpret(frame: SlotFrame, event: DialogEvent, ctx: DialogContext): FlowStep<SlotFrame> {
  if (event.type === 'result') return onResult(frame, event.result, ctx);

  const request = requestFrom(event.entities, frame.request);
  const changed = !sameValue(request.date, frame.request.date) || !sameValue(request.time, frame.request.time);

  switch (frame.step) {
    case 'offer':
      // "yes", or straight to a day or time ("friday evening"): the shipment's free windows; "no": it stays as it is.
      if (event.intent === 'affirm' || changed) return loadWindows(frame, request, frame.shipment);
      if (event.intent === 'deny')
        return {
          frame: null,
          say: [{ key: 'slot.offer.kept', params: { product: frame.shipment.name, window: { kind: 'window', window: frame.shipment.window } } }],
        };
      return { frame, say: [offerAgainSay(frame)] };
    case 'choose_shipment': {
      const skus = namedSkus(event.entities);
      const picked = chooseByText(event.text, frame.shipments, (s) => s.name);
      if (picked) return loadWindows(frame, request, picked);
      // Named by product: go back to the account to find its shipment.
      if (skus.length)
        return {
          frame: { flow: frame.flow, id: frame.id, step: 'loading', request: { ...request, skus } },
          say: [],
          effect: { type: 'loadAccount', customerId: ctx.customerId },
        };
      return { frame, say: [{ key: 'not_understood.in_flow' }, whichSay(frame.shipments)] };
    }
    case 'choose_window': {
      const picked = chooseByText(event.text, frame.offered, (w) => ctx.label({ kind: 'window', window: w }));
      if (picked) {
        const next: At<'confirm'> = {
          flow: frame.flow,
          id: frame.id,
          request: frame.request,
          shipment: frame.shipment,
          options: frame.options,
          step: 'confirm',
          window: picked,
        };
        return { frame: next, say: [confirmSay(next)] };
      }
      if (changed) return decide({ ...frame, request }, true, ctx.now);
      // None of these, others wanted: the free windows after the last one offered; when there are none, that is said.
      if (event.intent === 'deny' || asksForOthers(event.text)) {
        const rest = notYetOffered(frame);
        if (!rest.length) return { frame, say: [{ key: 'slot.no_other_windows' }, offerSay(frame.shipment, frame.offered)] };
        const offered = rest.slice(0, 3);
        return { frame: { ...frame, offered }, say: [offerSay(frame.shipment, offered, 'slot.other_windows')] };
      }
      return { frame, say: [{ key: 'not_understood.in_flow' }, offerSay(frame.shipment, frame.offered)] };
    }
    case 'confirm':
      return atConfirm(frame, event, request, changed, ctx);
    case 'loading':
    case 'loading_windows':
    case 'saving':
    case 'rechecking':
      return { frame, say: [] };
  }
}

function prompt(frame: SlotFrame): Say[] {
  switch (frame.step) {
    case 'offer':
      return [offerAgainSay(frame)];
    case 'confirm':
      return [confirmSay(frame)];
    case 'choose_window':
      return [offerSay(frame.shipment, frame.offered)];
    case 'choose_shipment':
      return [whichSay(frame.shipments)];
    case 'loading':
    case 'loading_windows':
    case 'saving':
    case 'rechecking':
      return [];
  }
}

/** Move a delivery to another time: which delivery (when several), which window (or the one asked for), confirm, move once. */
export const deliverySlotFlow: FlowDef<SlotFrame> = {
  steps: {
    loading: { awaiting: null },
    offer: { awaiting: 'confirmation', lapses: true },
    choose_shipment: { awaiting: 'order' },
    loading_windows: { awaiting: null },
    choose_window: { awaiting: 'window' },
    confirm: { awaiting: 'confirmation' },
    saving: { awaiting: null },
    rechecking: { awaiting: null },
  },
  start(event, ctx) {
    const frame: At<'loading'> = {
      flow: 'change_delivery_slot',
      id: ctx.messageId,
      step: 'loading',
      request: requestFrom(event.entities, { skus: namedSkus(event.entities) }),
    };
    return { frame, say: [], effect: { type: 'loadAccount', customerId: ctx.customerId } };
  },
  interpret,
  prompt,
  recheck(frame, answered) {
    if (frame.step !== 'confirm') return null;
    return { frame: { ...frame, step: 'rechecking', answered }, say: [], effect: { type: 'loadWindows', shipmentId: frame.shipment.id } };
  },
  answers(frame, event) {
    // A day or a time re-fills the request ("no, friday evening").
    if (event.entities.some((e) => e.type === 'date' || e.type === 'time_window')) return true;
    // None of the windows offered, others wanted ("no", "other times?", "다른 날은요?").
    // A bare no with none left is not wanting to go on (it stops, as "stop" would).
    if (frame.step === 'choose_window' && (asksForOthers(event.text) || (event.intent === 'deny' && notYetOffered(frame).length > 0))) return true;
    // A delivery named by its product answers "which delivery?".
    return frame.step === 'choose_shipment' && event.entities.some((e) => e.type === 'product');
  },
};
