import type { TimeWindow } from '../domain/commerce.js';
import type { Entity } from '../nlu/catalogue.js';
import { orderName } from '../domain/orders.js';
import { addDays } from '../domain/time.js';
import { choiceOf, chooseByText, failedWrite, failure, firstEntity, namedSkus, openShipments, yesNo, type FlowModule, type FlowStep } from './flow.js';
import type { Awaiting, DialogContext, DialogEvent, Say, SlotFrame } from './types.js';

const localDate = (w: TimeWindow): string => w.start.slice(0, 10);
const localHour = (w: TimeWindow): number => Number(w.start.slice(11, 13));

function fitsTime(w: TimeWindow, timeWindow: string): boolean {
  const h = localHour(w);
  if (timeWindow.startsWith('after:')) return h >= Number(timeWindow.slice(6, 8));
  if (timeWindow === 'morning') return h < 12;
  if (timeWindow === 'afternoon') return h >= 12 && h < 17;
  return h >= 17; // evening and night
}

/**
 * The free windows that match what the customer asked for ("tomorrow evening", "모레 오전", "push it back a day"),
 * in the shipment's local time (windows carry the customer's offset). "+Nd" moves the current window by N days.
 */
export function matchWindows(windows: TimeWindow[], request: SlotFrame['request'], current?: TimeWindow): TimeWindow[] {
  let date = request.date;
  let timeWindow = request.timeWindow;
  if (date?.startsWith('+') && current) {
    date = addDays(localDate(current), Number(date.slice(1, -1)));
    timeWindow ??= `at:${localHour(current)}`;
  }
  let out = windows;
  if (date && !date.startsWith('+')) out = out.filter((w) => localDate(w) === date);
  if (timeWindow?.startsWith('at:')) {
    const same = out.filter((w) => localHour(w) === Number(timeWindow!.slice(3)));
    return same.length ? same : out;
  }
  if (timeWindow) out = out.filter((w) => fitsTime(w, timeWindow!));
  return out;
}

/** When nothing matches: the windows closest to the asked-for day. */
function nearest(windows: TimeWindow[], request: SlotFrame['request']): TimeWindow[] {
  const target = request.date && !request.date.startsWith('+') ? Date.parse(`${request.date}T12:00:00Z`) : Date.now();
  return [...windows].sort((a, b) => Math.abs(Date.parse(a.start) - target) - Math.abs(Date.parse(b.start) - target)).slice(0, 3)
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
}

const requestFrom = (entities: Entity[], base: SlotFrame['request']): SlotFrame['request'] => {
  const date = firstEntity(entities, 'date'); const time = firstEntity(entities, 'time_window');
  return { ...base, ...(date ? { date: String(date.value) } : {}), ...(time ? { timeWindow: String(time.value) } : {}) };
};

const confirmSay = (frame: SlotFrame): Say => ({
  key: 'slot.confirm', suggestions: yesNo,
  params: { product: frame.shipment!.name, from: { kind: 'window', window: frame.shipment!.window }, to: { kind: 'window', window: frame.window! } },
});
const offerSay = (frame: SlotFrame, offered: TimeWindow[], key = 'slot.choose'): Say =>
  ({ key, params: { product: frame.shipment?.name ?? '' }, suggestions: offered.map((w) => ({ kind: 'window', window: w })) });
const whichSay = (frame: SlotFrame): Say => ({ key: 'slot.which', suggestions: (frame.shipments ?? []).map((s) => s.name) });

/** With the shipment's windows known: confirm the one that fits, or offer up to three. */
function decide(frame: SlotFrame, hasCriteria: boolean): FlowStep<SlotFrame> {
  const windows = (frame.options ?? []).filter((w) => w.start !== frame.shipment!.window.start);
  if (windows.length === 0) return { frame: null, say: [{ key: 'slot.no_windows', params: { product: frame.shipment!.name } }], awaiting: null, offerPerson: true };
  const matches = hasCriteria ? matchWindows(windows, frame.request, frame.shipment!.window) : [];
  if (matches.length === 1) {
    const next: SlotFrame = { ...frame, step: 'confirm', window: matches[0] };
    return { frame: next, say: [confirmSay(next)], awaiting: 'confirmation' };
  }
  const offered = matches.length ? matches.slice(0, 3) : hasCriteria ? nearest(windows, frame.request) : windows.slice(0, 3);
  const key = matches.length ? 'slot.choose' : hasCriteria ? 'slot.no_match' : 'slot.choose_any';
  return { frame: { ...frame, step: 'choose_window', offered }, say: [offerSay(frame, offered, key)], awaiting: 'window' };
}

function loadWindows(frame: SlotFrame, shipment: SlotFrame['shipment']): FlowStep<SlotFrame> {
  return { frame: { ...frame, step: 'loading_windows', shipment }, say: [], effect: { type: 'loadWindows', shipmentId: shipment!.id }, awaiting: null };
}

const hasCriteria = (r: SlotFrame['request']): boolean => Boolean(r.date || r.timeWindow);

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
        if (named) return { frame: null, say: [{ key: `slot.not_movable.${named.status}`, params: { product: orderName(named) } }], awaiting: null };
        return { frame: null, say: [{ key: 'slot.nothing_open' }], awaiting: null };
      }
      if (open.length > 1) {
        const windowsById = Object.fromEntries(open.map((x) => [x.shipment.id, x.shipment.window]));
        const next: SlotFrame = { ...frame, step: 'choose_shipment', shipments: open.map(choiceOf), windowsById };
        return { frame: next, say: [whichSay(next)], awaiting: 'order' };
      }
      const only = open[0]!;
      return loadWindows(frame, { ...choiceOf(only), window: only.shipment.window });
    }
    if (r.type === 'loadWindows') return decide({ ...frame, options: r.windows }, hasCriteria(frame.request));
    if (r.type === 'updateShipments') {
      return { frame: null, say: [{ key: 'slot.done', params: { product: frame.shipment!.name, window: { kind: 'window', window: frame.window! } } }], awaiting: null };
    }
    return { frame, say: [], awaiting: awaiting(frame) };
  }

  const request = requestFrom(event.entities, frame.request);
  const changed = request.date !== frame.request.date || request.timeWindow !== frame.request.timeWindow;

  if (frame.step === 'choose_shipment') {
    const skus = namedSkus(event.entities);
    const picked = chooseByText(event.text, frame.shipments ?? [], (s) => s.name);
    if (!picked && skus.length) {
      // Named by product: go back to the account to find its shipment.
      return { frame: { ...frame, step: 'loading', request: { ...request, skus } }, say: [], effect: { type: 'loadAccount', customerId: ctx.customerId }, awaiting: null };
    }
    if (picked) return loadWindows({ ...frame, request }, { ...picked, window: frame.windowsById?.[picked.id] ?? { start: '', end: '' } });
    return { frame, say: [{ key: 'not_understood.in_flow' }, whichSay(frame)], awaiting: 'order' };
  }

  if (frame.step === 'choose_window') {
    const picked = chooseByText(event.text, frame.offered ?? [], (w) => ctx.label({ kind: 'window', window: w }));
    if (picked) {
      const next: SlotFrame = { ...frame, step: 'confirm', window: picked };
      return { frame: next, say: [confirmSay(next)], awaiting: 'confirmation' };
    }
    if (changed) return decide({ ...frame, request }, true);
    return { frame, say: [{ key: 'not_understood.in_flow' }, offerSay(frame, frame.offered ?? [])], awaiting: 'window' };
  }

  // confirm
  if (changed) return decide({ ...frame, request }, true);
  if (event.intent === 'affirm') {
    const key = `${ctx.conversationId}:${frame.id}:slot:${frame.shipment!.id}:${frame.window!.start}`;
    return { frame: { ...frame, step: 'saving' }, say: [], awaiting: null, effect: { type: 'updateShipments', shipmentIds: [frame.shipment!.id], patch: { window: frame.window! }, idempotencyKey: key } };
  }
  if (event.intent === 'deny') {
    // "No" to this window: offer others rather than giving up.
    const others = (frame.options ?? []).filter((w) => w.start !== frame.window!.start && w.start !== frame.shipment!.window.start).slice(0, 3);
    return { frame: { ...frame, step: 'choose_window', offered: others }, say: [offerSay(frame, others, 'slot.other_windows')], awaiting: 'window' };
  }
  return { frame, say: [{ key: 'confirm.again', suggestions: yesNo }], awaiting: 'confirmation' };
}

function prompt(frame: SlotFrame): Say[] {
  if (frame.step === 'confirm') return [confirmSay(frame)];
  if (frame.step === 'choose_window') return [offerSay(frame, frame.offered ?? [])];
  if (frame.step === 'choose_shipment') return [whichSay(frame)];
  return [];
}

function awaiting(frame: SlotFrame): Awaiting {
  return frame.step === 'confirm' ? 'confirmation' : frame.step === 'choose_window' ? 'window' : frame.step === 'choose_shipment' ? 'order' : null;
}

export const deliverySlotFlow: FlowModule<SlotFrame> = {
  start(event, ctx) {
    const frame: SlotFrame = { flow: 'change_delivery_slot', id: ctx.messageId, step: 'loading', request: requestFrom(event.entities, { skus: namedSkus(event.entities) }) };
    return { frame, say: [], effect: { type: 'loadAccount', customerId: ctx.customerId }, awaiting: null };
  },
  onEvent, prompt, awaiting,
  answers(frame, event, ctx) {
    if (['affirm', 'deny', 'change_delivery_slot'].includes(event.intent)) return true;
    if (event.entities.some((e) => e.type === 'date' || e.type === 'time_window')) return true;
    if (frame.step === 'choose_shipment') return Boolean(chooseByText(event.text, frame.shipments ?? [], (s) => s.name)) || event.entities.some((e) => e.type === 'product');
    if (frame.step === 'choose_window') return Boolean(chooseByText(event.text, frame.offered ?? [], (w) => ctx.label({ kind: 'window', window: w })));
    return false;
  },
};
