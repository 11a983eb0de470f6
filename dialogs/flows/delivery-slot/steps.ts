import type { Order, TimeWindow } from '../../../domain/commerce.js';
import type { KeysOf } from '../../../prompts/keys.js';
import { firstEntity, type Entity, type TimeValue } from '../../../domain/understanding.js';
import { choiceOf, chooseByText, failedWrite, failure, namedSkus, openShipments, orderName, yesNo, type FlowDef, type FlowStep } from '../../kit/flow.js';
import type { DialogContext, DialogEvent, Param, Say, SlotFrame } from '../../types.js';

const localDate = (w: TimeWindow): string => w.start.slice(0, 10);
const localHour = (w: TimeWindow): number => Number(w.start.slice(11, 13));

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function fitsTime(w: TimeWindow, time: Exclude<TimeValue, { at: number }>): boolean {
  const h = localHour(w);
  if ('after' in time) return h >= time.after;
  switch (time.part) {
    case 'morning': return h < 12;
    case 'afternoon': return h >= 12 && h < 17;
    case 'evening': case 'night': return h >= 17;
  }
}

/**
 * The free windows that match what the customer asked for ("tomorrow evening", "모레 오전", "push it back a day"),
 * in the shipment's local time (windows carry the customer's offset). A shift moves the current window by N days,
 * at the same hour unless a time was named.
 */
export function matchWindows(windows: TimeWindow[], request: Pick<SlotFrame['request'], 'date' | 'time'>, current?: TimeWindow): TimeWindow[] {
  let time = request.time;
  let day: string | undefined;
  if (request.date && 'shiftDays' in request.date) {
    if (current) {
      day = addDays(localDate(current), request.date.shiftDays);
      time ??= { at: localHour(current) };
    }
  } else if (request.date) {
    day = request.date.on;
  }
  let out = day ? windows.filter((w) => localDate(w) === day) : windows;
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
function nearest(windows: TimeWindow[], request: SlotFrame['request'], now: string): TimeWindow[] {
  const target = request.date && 'on' in request.date ? Date.parse(`${request.date.on}T12:00:00Z`) : Date.parse(now);
  return [...windows].sort((a, b) => Math.abs(Date.parse(a.start) - target) - Math.abs(Date.parse(b.start) - target)).slice(0, 3)
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
}

/** Two structured values are the same answer (values are small plain objects). */
const sameValue = (a: object | undefined, b: object | undefined): boolean => JSON.stringify(a) === JSON.stringify(b);

const requestFrom = (entities: Entity[], base: SlotFrame['request']): SlotFrame['request'] => {
  const date = firstEntity(entities, 'date'); const time = firstEntity(entities, 'time_window');
  return { ...base, ...(date ? { date: date.value } : {}), ...(time ? { time: time.value } : {}) };
};

/**
 * Why a named order's delivery cannot move. An order still on its way normally has an open shipment (and never gets
 * here); one with no shipment booked yet has no time to move.
 */
const NOT_MOVABLE: Record<Order['status'], KeysOf<'slot.not_movable.'>> = {
  placed: 'slot.not_movable.not_booked', shipped: 'slot.not_movable.not_booked', out_for_delivery: 'slot.not_movable.not_booked',
  delivered: 'slot.not_movable.delivered', cancelled: 'slot.not_movable.cancelled', returned: 'slot.not_movable.returned',
};

const confirmSay = (frame: SlotFrame): Say => ({
  key: 'slot.confirm', suggestions: yesNo,
  params: { product: frame.shipment!.name, from: { kind: 'window', window: frame.shipment!.window }, to: { kind: 'window', window: frame.window! } },
});
function offerSay(frame: SlotFrame, offered: TimeWindow[], key: 'slot.choose' | 'slot.choose_any' | 'slot.no_match' | 'slot.other_windows' = 'slot.choose'): Say {
  const suggestions: Param[] = offered.map((w) => ({ kind: 'window', window: w }));
  return key === 'slot.other_windows' ? { key, suggestions } : { key, params: { product: frame.shipment?.name ?? '' }, suggestions };
}
const whichSay = (frame: SlotFrame): Say => ({ key: 'slot.which', suggestions: (frame.shipments ?? []).map((s) => s.name) });

/** With the shipment's windows known: confirm the one that fits, or offer up to three. */
function decide(frame: SlotFrame, hasCriteria: boolean, now: string): FlowStep<SlotFrame> {
  const windows = (frame.options ?? []).filter((w) => w.start !== frame.shipment!.window.start);
  if (windows.length === 0) return { frame: null, say: [{ key: 'slot.no_windows', params: { product: frame.shipment!.name } }], offerPerson: 'dead_end' };
  const matches = hasCriteria ? matchWindows(windows, frame.request, frame.shipment!.window) : [];
  if (matches.length === 1) {
    const next: SlotFrame = { ...frame, step: 'confirm', window: matches[0] };
    return { frame: next, say: [confirmSay(next)] };
  }
  const offered = matches.length ? matches.slice(0, 3) : hasCriteria ? nearest(windows, frame.request, now) : windows.slice(0, 3);
  const key = matches.length ? 'slot.choose' : hasCriteria ? 'slot.no_match' : 'slot.choose_any';
  return { frame: { ...frame, step: 'choose_window', offered }, say: [offerSay(frame, offered, key)] };
}

function loadWindows(frame: SlotFrame, shipment: SlotFrame['shipment']): FlowStep<SlotFrame> {
  return { frame: { ...frame, step: 'loading_windows', shipment }, say: [], effect: { type: 'loadWindows', shipmentId: shipment!.id } };
}

const hasCriteria = (r: SlotFrame['request']): boolean => Boolean(r.date || r.time);

function onEvent(frame: SlotFrame, event: DialogEvent, ctx: DialogContext): FlowStep<SlotFrame> {
  if (event.type === 'result') {
    const r = event.result;
    if (!r.ok) {
      if (r.type === 'updateShipments') return failedWrite({ ...frame, step: 'confirm' }, r, 'slot.failed');
      return failure<SlotFrame>(null, r.transient, 'slot.failed');
    }
    if (r.type === 'loadAccount') {
      const open = openShipments(r.shipments, r.orders, frame.request.skus);
      if (open.length === 0) {
        // Named but not movable: say why (already delivered, or cancelled).
        const named = r.orders.find((o) => frame.request.skus.length && o.items.some((i) => frame.request.skus.includes(i.sku)));
        if (named) return { frame: null, say: [{ key: NOT_MOVABLE[named.status], params: { product: orderName(named) } }] };
        return { frame: null, say: [{ key: 'slot.nothing_open' }] };
      }
      if (open.length > 1) {
        const windowsById = Object.fromEntries(open.map((x) => [x.shipment.id, x.shipment.window]));
        const next: SlotFrame = { ...frame, step: 'choose_shipment', shipments: open.map(choiceOf), windowsById };
        return { frame: next, say: [whichSay(next)] };
      }
      const only = open[0]!;
      return loadWindows(frame, { ...choiceOf(only), window: only.shipment.window });
    }
    if (r.type === 'loadWindows') return decide({ ...frame, options: r.windows }, hasCriteria(frame.request), ctx.now);
    if (r.type === 'updateShipments') {
      return { frame: null, say: [{ key: 'slot.done', params: { product: frame.shipment!.name, window: { kind: 'window', window: frame.window! } } }] };
    }
    return { frame, say: [] };
  }

  const request = requestFrom(event.entities, frame.request);
  const changed = !sameValue(request.date, frame.request.date) || !sameValue(request.time, frame.request.time);

  if (frame.step === 'choose_shipment') {
    const skus = namedSkus(event.entities);
    const picked = chooseByText(event.text, frame.shipments ?? [], (s) => s.name);
    if (!picked && skus.length) {
      // Named by product: go back to the account to find its shipment.
      return { frame: { ...frame, step: 'loading', request: { ...request, skus } }, say: [], effect: { type: 'loadAccount', customerId: ctx.customerId } };
    }
    if (picked) return loadWindows({ ...frame, request }, { ...picked, window: frame.windowsById?.[picked.id] ?? { start: '', end: '' } });
    return { frame, say: [{ key: 'not_understood.in_flow' }, whichSay(frame)] };
  }

  if (frame.step === 'choose_window') {
    const picked = chooseByText(event.text, frame.offered ?? [], (w) => ctx.label({ kind: 'window', window: w }));
    if (picked) {
      const next: SlotFrame = { ...frame, step: 'confirm', window: picked };
      return { frame: next, say: [confirmSay(next)] };
    }
    if (changed) return decide({ ...frame, request }, true, ctx.now);
    return { frame, say: [{ key: 'not_understood.in_flow' }, offerSay(frame, frame.offered ?? [])] };
  }

  // confirm
  if (changed) return decide({ ...frame, request }, true, ctx.now);
  if (event.intent === 'affirm') {
    const key = `${ctx.conversationId}:${frame.id}:slot:${frame.shipment!.id}:${frame.window!.start}`;
    return { frame: { ...frame, step: 'saving' }, say: [], effect: { type: 'updateShipments', shipmentIds: [frame.shipment!.id], patch: { window: frame.window! }, idempotencyKey: key } };
  }
  if (event.intent === 'deny') {
    // "No" to this window: offer others rather than giving up.
    const others = (frame.options ?? []).filter((w) => w.start !== frame.window!.start && w.start !== frame.shipment!.window.start).slice(0, 3);
    return { frame: { ...frame, step: 'choose_window', offered: others }, say: [offerSay(frame, others, 'slot.other_windows')] };
  }
  return { frame, say: [{ key: 'confirm.again', suggestions: yesNo }] };
}

function prompt(frame: SlotFrame): Say[] {
  if (frame.step === 'confirm') return [confirmSay(frame)];
  if (frame.step === 'choose_window') return [offerSay(frame, frame.offered ?? [])];
  if (frame.step === 'choose_shipment') return [whichSay(frame)];
  return [];
}

/** The step table: what each step waits for. */
const STEPS: FlowDef<SlotFrame>['steps'] = {
  loading: { awaiting: null }, choose_shipment: { awaiting: 'order' }, loading_windows: { awaiting: null }, choose_window: { awaiting: 'window' },
  confirm: { awaiting: 'confirmation' }, saving: { awaiting: null },
};

export const deliverySlotFlow: FlowDef<SlotFrame> = {
  start(event, ctx) {
    const frame: SlotFrame = { flow: 'change_delivery_slot', id: ctx.messageId, step: 'loading', request: requestFrom(event.entities, { skus: namedSkus(event.entities) }) };
    return { frame, say: [], effect: { type: 'loadAccount', customerId: ctx.customerId } };
  },
  steps: STEPS, interpret: onEvent, prompt,
  answers(frame, event, ctx) {
    if (['affirm', 'deny', 'change_delivery_slot'].includes(event.intent)) return true;
    if (event.entities.some((e) => e.type === 'date' || e.type === 'time_window')) return true;
    if (frame.step === 'choose_shipment') return Boolean(chooseByText(event.text, frame.shipments ?? [], (s) => s.name)) || event.entities.some((e) => e.type === 'product');
    if (frame.step === 'choose_window') return Boolean(chooseByText(event.text, frame.offered ?? [], (w) => ctx.label({ kind: 'window', window: w })));
    return false;
  },
};
