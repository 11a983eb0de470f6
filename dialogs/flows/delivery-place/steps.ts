import type { PickupPoint, PlaceType, Shipment } from '../../../domain/commerce.js';
import type { FixedKeysOf } from '../../../prompts/keys.js';
import { PLACE_NAME, choiceOf, chooseByText, failedWrite, failure, firstEntity, namedSkus, openShipments, yesNo, type FlowDef, type FlowStep } from '../../kit/flow.js';
import type { DialogContext, DialogEvent, Param, PlaceFrame, Say } from '../../types.js';

const placeParam = (place: Shipment['place']): Param => place.label;
const pointLabel = (p: PickupPoint): string => `${p.name} · ${p.hours}`;

function placeOptions(frame: PlaceFrame): Array<{ type: PlaceType; label: Param }> {
  const c = frame.customer!;
  const own = c.addresses.filter((a) => a.type === 'home' || a.type === 'office').map((a): { type: PlaceType; label: Param } => ({ type: a.type, label: a.label }));
  const extra: Array<{ type: PlaceType; label: Param }> = [
    { type: 'locker', label: { kind: 'prompt', key: 'place.option.locker' } },
    { type: 'convenience_store', label: { kind: 'prompt', key: 'place.option.convenience_store' } },
  ];
  if (c.enrolments.carTrunk) extra.push({ type: 'car_trunk', label: { kind: 'prompt', key: 'place.option.car_trunk' } });
  if (c.enrolments.inHome) extra.push({ type: 'in_home', label: { kind: 'prompt', key: 'place.option.in_home' } });
  return [...own, ...extra];
}

const whichSay = (frame: PlaceFrame): Say => ({ key: 'place.which', suggestions: (frame.shipments ?? []).map((s) => s.name) });
const whereSay = (frame: PlaceFrame): Say => ({ key: 'place.where', params: { product: frame.targets?.[0]?.name ?? '' }, suggestions: placeOptions(frame).map((o) => o.label) });
const POINTS_SAY: Record<PickupPoint['type'], FixedKeysOf<'place.choose_point.'>> = {
  locker: 'place.choose_point.locker', convenience_store: 'place.choose_point.convenience_store',
};
const pointsSay = (frame: PlaceFrame): Say => ({
  key: POINTS_SAY[frame.request.placeType === 'convenience_store' ? 'convenience_store' : 'locker'], suggestions: (frame.points ?? []).map(pointLabel),
});
/** Places with no address of their own, as the courier's note names them. */
const PLACE_LABEL = { car_trunk: 'place.label.car_trunk', in_home: 'place.label.in_home' } as const;
const confirmSay = (frame: PlaceFrame): Say => ({ key: 'place.confirm', params: { product: frame.targets![0]!.name, place: placeParam(frame.place!) }, suggestions: yesNo });
const noteSay = (frame: PlaceFrame): Say => ({
  ...(frame.targets?.length
    ? { key: 'place.confirm_note', params: { note: frame.request.instructions!, count: frame.targets.length } }
    : { key: 'place.confirm_note_profile_only', params: { note: frame.request.instructions! } }),
  suggestions: yesNo,
});

/** With the shipment chosen: resolve the place, or ask for it. */
function resolvePlace(frame: PlaceFrame, ctx: DialogContext): FlowStep<PlaceFrame> {
  const type = frame.request.placeType;
  const c = frame.customer!;
  if (!type) return { frame: { ...frame, step: 'choose_place' }, say: [whereSay(frame)] };
  if (type === 'car_trunk' && !c.enrolments.carTrunk) return { frame: null, say: [{ key: 'place.enrol.car_trunk' }] };
  if (type === 'in_home' && !c.enrolments.inHome) return { frame: null, say: [{ key: 'place.enrol.in_home' }] };
  if (type === 'locker' || type === 'convenience_store') {
    return { frame: { ...frame, step: 'loading_points' }, say: [], effect: { type: 'loadPickupPoints', customerId: ctx.customerId, pointType: type } };
  }
  let place: Shipment['place'];
  if (type === 'home' || type === 'office') {
    const address = c.addresses.find((a) => a.type === type);
    if (!address) return { frame: { ...frame, step: 'choose_place', request: { ...frame.request, placeType: undefined } }, say: [{ key: 'place.no_address', params: { place: { kind: 'prompt', key: PLACE_NAME[type] } } }, whereSay(frame)] };
    place = { type, label: address.label };
  } else {
    place = { type, label: ctx.label({ kind: 'prompt', key: PLACE_LABEL[type] }) };
  }
  const next: PlaceFrame = { ...frame, step: 'confirm', place };
  return { frame: next, say: [confirmSay(next)] };
}

function onEvent(frame: PlaceFrame, event: DialogEvent, ctx: DialogContext): FlowStep<PlaceFrame> {
  if (event.type === 'result') {
    const r = event.result;
    if (!r.ok) {
      if (r.type === 'updateShipments' || r.type === 'saveInstructions') {
        return failedWrite<PlaceFrame>({ ...frame, step: frame.step === 'saving_note' ? 'confirm_note' : 'confirm' }, r, 'place.failed');
      }
      return failure<PlaceFrame>(null, r.transient, 'place.failed');
    }
    if (r.type === 'loadAccount') {
      const customer = { addresses: r.customer.addresses, enrolments: r.customer.enrolments };
      const open = openShipments(r.shipments, r.orders, frame.request.skus);
      const base: PlaceFrame = { ...frame, customer };
      if (frame.request.instructions && !frame.request.placeType) {
        // A courier note belongs to the customer: every open delivery now, and every later one.
        const next: PlaceFrame = { ...base, step: 'confirm_note', targets: open.map(choiceOf) };
        return { frame: next, say: [noteSay(next)] };
      }
      if (open.length === 0) return { frame: null, say: [{ key: 'place.nothing_open' }] };
      if (open.length > 1) {
        const next: PlaceFrame = { ...base, step: 'choose_shipment', shipments: open.map(choiceOf) };
        return { frame: next, say: [whichSay(next)] };
      }
      return resolvePlace({ ...base, targets: [choiceOf(open[0]!)] }, ctx);
    }
    if (r.type === 'loadPickupPoints') {
      const points = r.points.slice(0, 3);
      if (points.length === 0) return { frame: null, say: [{ key: 'place.no_points' }], offerPerson: 'dead_end' };
      const next: PlaceFrame = { ...frame, step: 'choose_point', points };
      return { frame: next, say: [pointsSay(next)] };
    }
    if (r.type === 'saveInstructions') {
      if (!frame.targets?.length) return { frame: null, say: [{ key: 'place.note_saved_profile_only' }] };
      const key = `${ctx.conversationId}:${frame.id}:note:${frame.targets.map((t) => t.id).join(',')}`;
      return { frame, say: [], effect: { type: 'updateShipments', shipmentIds: frame.targets.map((t) => t.id), patch: { instructions: frame.request.instructions! }, idempotencyKey: key } };
    }
    if (r.type === 'updateShipments') {
      if (frame.step === 'saving_note') return { frame: null, say: [{ key: 'place.note_saved', params: { count: frame.targets!.length } }] };
      const done: Say[] = [{ key: 'place.done', params: { product: frame.targets![0]!.name, place: placeParam(frame.place!) } }];
      if (frame.place!.type === 'locker' || frame.place!.type === 'convenience_store') done.push({ key: 'place.pickup_code_note' });
      return { frame: null, say: done };
    }
    return { frame, say: [] };
  }

  const place = firstEntity(event.entities, 'place');
  const note = firstEntity(event.entities, 'instructions');

  if (frame.step === 'choose_shipment') {
    const picked = chooseByText(event.text, frame.shipments ?? [], (s) => s.name);
    const skus = namedSkus(event.entities);
    const request = { ...frame.request, ...(place ? { placeType: place.value } : {}) };
    if (picked) return resolvePlace({ ...frame, request, targets: [picked] }, ctx);
    if (skus.length) return { frame: { ...frame, step: 'loading', request: { ...request, skus } }, say: [], effect: { type: 'loadAccount', customerId: ctx.customerId } };
    return { frame, say: [{ key: 'not_understood.in_flow' }, whichSay(frame)] };
  }

  if (frame.step === 'choose_place') {
    const byLabel = chooseByText(event.text, placeOptions(frame), (o) => ctx.label(o.label));
    const type = place?.value ?? byLabel?.type;
    if (type) return resolvePlace({ ...frame, request: { ...frame.request, placeType: type } }, ctx);
    return { frame, say: [{ key: 'not_understood.in_flow' }, whereSay(frame)] };
  }

  if (frame.step === 'choose_point') {
    const point = chooseByText(event.text, frame.points ?? [], pointLabel)
      ?? frame.points?.find((p) => event.text.toLowerCase().includes(p.name.toLowerCase()));
    if (point) {
      const next: PlaceFrame = { ...frame, step: 'confirm', place: { type: point.type, label: point.name, pickupPointId: point.id } };
      return { frame: next, say: [confirmSay(next)] };
    }
    if (place && place.value !== frame.request.placeType) return resolvePlace({ ...frame, request: { ...frame.request, placeType: place.value } }, ctx);
    return { frame, say: [{ key: 'not_understood.in_flow' }, pointsSay(frame)] };
  }

  if (frame.step === 'confirm_note') {
    if (note && note.value !== frame.request.instructions) {
      const next: PlaceFrame = { ...frame, request: { ...frame.request, instructions: note.value } };
      return { frame: next, say: [noteSay(next)] };
    }
    if (event.intent === 'affirm') {
      return { frame: { ...frame, step: 'saving_note' }, say: [], effect: { type: 'saveInstructions', customerId: ctx.customerId, instructions: frame.request.instructions! } };
    }
    if (event.intent === 'deny') return { frame: null, say: [{ key: 'place.declined' }] };
    return { frame, say: [{ key: 'confirm.again', suggestions: yesNo }] };
  }

  // confirm a place; naming another place is a correction
  if (place && place.value !== frame.place?.type) return resolvePlace({ ...frame, request: { ...frame.request, placeType: place.value } }, ctx);
  if (event.intent === 'affirm') {
    const key = `${ctx.conversationId}:${frame.id}:place:${frame.targets![0]!.id}:${frame.place!.type}:${frame.place!.pickupPointId ?? frame.place!.label}`;
    return { frame: { ...frame, step: 'saving' }, say: [], effect: { type: 'updateShipments', shipmentIds: [frame.targets![0]!.id], patch: { place: frame.place! }, idempotencyKey: key } };
  }
  if (event.intent === 'deny') return { frame: null, say: [{ key: 'place.declined' }] };
  return { frame, say: [{ key: 'confirm.again', suggestions: yesNo }] };
}

function prompt(frame: PlaceFrame): Say[] {
  switch (frame.step) {
    case 'confirm': return [confirmSay(frame)];
    case 'confirm_note': return [noteSay(frame)];
    case 'choose_shipment': return [whichSay(frame)];
    case 'choose_place': return [whereSay(frame)];
    case 'choose_point': return [pointsSay(frame)];
    default: return [];
  }
}

/** The step table: what each step waits for. */
const STEPS: FlowDef<PlaceFrame>['steps'] = {
  loading: { awaiting: null }, choose_shipment: { awaiting: 'order' }, choose_place: { awaiting: 'place' }, loading_points: { awaiting: null },
  choose_point: { awaiting: 'pickup_point' }, confirm: { awaiting: 'confirmation' }, confirm_note: { awaiting: 'confirmation' }, saving: { awaiting: null },
  saving_note: { awaiting: null },
};

export const deliveryPlaceFlow: FlowDef<PlaceFrame> = {
  start(event, ctx) {
    const place = firstEntity(event.entities, 'place');
    const note = firstEntity(event.entities, 'instructions');
    const frame: PlaceFrame = {
      flow: 'change_delivery_place', id: ctx.messageId, step: 'loading',
      request: { skus: namedSkus(event.entities), ...(place ? { placeType: place.value } : {}), ...(note ? { instructions: note.value } : {}) },
    };
    return { frame, say: [], effect: { type: 'loadAccount', customerId: ctx.customerId } };
  },
  steps: STEPS, interpret: onEvent, prompt,
  answers(frame, event, ctx) {
    if (['affirm', 'deny', 'change_delivery_place'].includes(event.intent)) return true;
    if (event.entities.some((e) => e.type === 'place' || e.type === 'instructions')) return true;
    if (frame.step === 'choose_shipment') return Boolean(chooseByText(event.text, frame.shipments ?? [], (s) => s.name)) || event.entities.some((e) => e.type === 'product');
    if (frame.step === 'choose_place') return Boolean(chooseByText(event.text, placeOptions(frame), (o) => ctx.label(o.label)));
    if (frame.step === 'choose_point') return Boolean(chooseByText(event.text, frame.points ?? [], pointLabel)) || Boolean(frame.points?.some((p) => event.text.toLowerCase().includes(p.name.toLowerCase())));
    return false;
  },
};
