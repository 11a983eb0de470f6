import type { PickupPoint, PlaceType, Shipment, ValidatedAddress } from '../../../domain/commerce.js';
import type { StreetAddress } from '../../../domain/understanding.js';
import type { Order } from '../../../domain/commerce.js';
import type { FixedKeysOf, KeysOf } from '../../../prompts/keys.js';
import {
  asksForOthers,
  PLACE_NAME,
  pointNamed,
  choiceOf,
  shipmentChoices,
  chooseByText,
  failedWrite,
  failure,
  firstEntity,
  namedSkus,
  openShipments,
  orderNameFor,
  yesNo,
  type FlowDef,
  type FlowStep,
} from '../../kit/flow.js';
import type { DialogContext, DialogEvent, Param, Say, Utterance } from '../../types.js';
import type { PlaceAccount, PlaceFrame, ShipmentChoice } from './frame.js';
import { correctedNote, courierNote } from '../../../domain/courier-note.js';

type At<S extends PlaceFrame['step']> = Extract<PlaceFrame, { step: S }>;
/** One delivery being moved within the customer's account: what every step after "which delivery?" knows. */
type Moving = Pick<At<'choose_place'>, 'flow' | 'id' | 'customer' | 'target'>;
const moving = ({ flow, id, customer, target }: Moving): Moving => ({ flow, id, customer, target });

function placeOptions(c: PlaceAccount): Array<{ type: PlaceType; label: Param }> {
  const own = c.addresses
    .filter((a) => a.type === 'home' || a.type === 'office')
    .map((a): { type: PlaceType; label: Param } => ({ type: a.type, label: a.label }));
  const extra: Array<{ type: PlaceType; label: Param }> = [
    { type: 'locker', label: { kind: 'prompt', key: 'place.option.locker' } },
    { type: 'convenience_store', label: { kind: 'prompt', key: 'place.option.convenience_store' } },
  ];
  if (c.enrolments.carTrunk) extra.push({ type: 'car_trunk', label: { kind: 'prompt', key: 'place.option.car_trunk' } });
  if (c.enrolments.inHome) extra.push({ type: 'in_home', label: { kind: 'prompt', key: 'place.option.in_home' } });
  return [...own, ...extra];
}

type AddressRefusal = 'no_house_number' | 'unknown_street' | 'outside_delivery_area';
const ADDRESS_INVALID: { [R in AddressRefusal]: `place.address_invalid.${R}` } = {
  no_house_number: 'place.address_invalid.no_house_number',
  unknown_street: 'place.address_invalid.unknown_street',
  outside_delivery_area: 'place.address_invalid.outside_delivery_area',
};

const POINTS_SAY: Record<PickupPoint['type'], FixedKeysOf<'place.choose_point.'>> = {
  locker: 'place.choose_point.locker',
  convenience_store: 'place.choose_point.convenience_store',
};
/** Places with no address of their own, as the courier's note names them. */
const PLACE_LABEL: Record<'car_trunk' | 'in_home', FixedKeysOf<'place.label.'>> = {
  car_trunk: 'place.label.car_trunk',
  in_home: 'place.label.in_home',
};

const whichSay = (frame: At<'choose_shipment'>): Say => ({ key: 'place.which', suggestions: frame.shipments.map((s) => s.name) });
const whereSay = ({ customer, target }: Moving): Say => ({
  key: 'place.where',
  params: { product: target.name },
  suggestions: placeOptions(customer).map((o) => o.label),
});
/** A pick-up point as offered: its name and opening hours, written the customer's way ("오전 5시 30분~자정"). */
const pointParam = (p: PickupPoint): Param => ({ kind: 'prompt', key: 'point.label', params: { name: p.name, hours: p.hours } });
const pointsSay = (frame: At<'choose_point'>): Say => ({ key: POINTS_SAY[frame.pointType], suggestions: frame.points.map(pointParam) });
const confirmSay = ({ target, place }: At<'confirm'>): Say => ({
  key: 'place.confirm',
  params: { product: target.name, place: place.label },
  suggestions: yesNo,
});
const noteSay = ({ targets, note }: { targets: ShipmentChoice[]; note: string }): Say => ({
  ...(targets.length
    ? { key: 'place.confirm_note', params: { note, count: targets.length } }
    : { key: 'place.confirm_note_profile_only', params: { note } }),
  suggestions: yesNo,
});
const mergeSay = ({ saved, note }: At<'merge_note'>): Say => ({
  key: 'place.note_merge',
  params: { saved, note },
  suggestions: [
    { kind: 'prompt', key: 'place.note_merge.replace' },
    { kind: 'prompt', key: 'place.note_merge.add' },
  ],
});
/** A saved note and a new one kept together, the saved one first. */
const joinNotes = (saved: string, note: string): string => `${saved} / ${note}`;
/** Words that keep only the new note, checked before those that keep both ("새 것만 남겨 주세요" keeps one). */
const REPLACE_NOTE =
  /새\s*(?:것|거|걸)\s*만|(?:새|이)\s*(?:걸|것|거|요청사항)\s*(?:으로|로)|지우|지워|삭제|교체|대신|\breplace\b|\binstead\b|\bonly\b|\boverwrite\b|\bswap\b|\bnew one\b/i;
const ADD_NOTE = /추가|같이|함께|둘\s*다|모두|더해|덧붙|붙여|합쳐|남겨|\badd\b|\bboth\b|\balso\b|\bas well\b|\bkeep\b|\bcombine\b/i;
const CHANGE_NOTE = /바꿔|바꾸|바꿀|변경|\bchange\b/i;
/** Whether the answer to "replace it or add to it?" replaces the saved note or adds to it. */
function mergeChoice(text: string, ctx: DialogContext): 'replace' | 'add' | null {
  const labelled = chooseByText(text, ['replace', 'add'] as const, (o) =>
    ctx.label({ kind: 'prompt', key: o === 'replace' ? 'place.note_merge.replace' : 'place.note_merge.add' }),
  );
  if (labelled) return labelled;
  if (REPLACE_NOTE.test(text)) return 'replace';
  if (ADD_NOTE.test(text)) return 'add';
  return CHANGE_NOTE.test(text) ? 'replace' : null;
}
/** A new note when one is saved: ask whether it replaces or joins it, unless it says nothing new. */
function noteStep(
  frame: { flow: 'change_delivery_place'; id: string },
  targets: ShipmentChoice[],
  note: string,
  saved?: string,
): FlowStep<PlaceFrame> {
  if (saved && !saved.toLowerCase().includes(note.toLowerCase())) {
    const ask: At<'merge_note'> = { flow: frame.flow, id: frame.id, step: 'merge_note', targets, note, saved };
    return { frame: ask, say: [mergeSay(ask)] };
  }
  const next: At<'confirm_note'> = { flow: frame.flow, id: frame.id, step: 'confirm_note', targets, note: saved ?? note };
  return { frame: next, say: [noteSay(next)] };
}
const addressSay = ({ target, address }: At<'confirm_address'>): Say => ({
  key: 'place.confirm_address',
  params: { product: target.name, address: address.formatted },
  suggestions: yesNo,
});
type Saving = Pick<At<'offer_save'>, 'flow' | 'id' | 'customer' | 'address'>;
const savingOf = ({ flow, id, customer, address }: Saving): Saving => ({ flow, id, customer, address });
/** "Save it as your home address for later deliveries?": after a move there, or with nothing open to move. */
const saveSay = ({ address }: Saving, after: 'moved' | 'nothing_open'): Say => ({
  key: after === 'moved' ? 'place.save_address.offer' : 'place.save_address.confirm',
  params: { address: address.formatted },
  suggestions: yesNo,
});
/** The address saved as the customer's home address, once (the key names the address). */
const saveAddress = (frame: Saving, ctx: DialogContext): FlowStep<PlaceFrame> => ({
  frame: { ...savingOf(frame), step: 'saving_address' },
  say: [],
  effect: {
    type: 'saveAddress',
    customerId: ctx.customerId,
    placeType: 'home',
    address: frame.address,
    idempotencyKey: `${ctx.conversationId}:${frame.id}:address:home:${frame.address.formatted}`,
  },
});
/** Yes saves, no keeps the profile as it was; anything else asks again. */
function atSave(frame: At<'offer_save'> | At<'confirm_save'>, event: Utterance, ctx: DialogContext): FlowStep<PlaceFrame> {
  if (event.intent === 'affirm') return saveAddress(frame, ctx);
  if (event.intent === 'deny') return { frame: null, say: [{ key: 'place.save_address.declined' }] };
  return { frame, say: [{ key: 'confirm.again', suggestions: yesNo }] };
}

/** A new street address: the logistics API checks it before anything is proposed. */
const checkStreet = (frame: Moving, street: StreetAddress, ctx: DialogContext): FlowStep<PlaceFrame> => ({
  frame: { ...moving(frame), step: 'checking_address', street },
  say: [],
  effect: { type: 'validateAddress', customerId: ctx.customerId, address: street },
});
/** Where a courier takes a new street address: the customer's own door, named by the address itself. */
const streetPlace = (address: ValidatedAddress): Shipment['place'] => ({ type: 'home', label: address.formatted });

/** With the delivery chosen: resolve the place named, or ask for it. */
function resolvePlace(frame: Moving, type: PlaceType | undefined, ctx: DialogContext): FlowStep<PlaceFrame> {
  const at = moving(frame);
  const ask: At<'choose_place'> = { ...at, step: 'choose_place' };
  if (!type) return { frame: ask, say: [whereSay(ask)] };
  const { addresses, enrolments } = frame.customer;
  if (type === 'car_trunk' && !enrolments.carTrunk) return { frame: null, say: [{ key: 'place.enrol.car_trunk' }] };
  if (type === 'in_home' && !enrolments.inHome) return { frame: null, say: [{ key: 'place.enrol.in_home' }] };
  if (type === 'locker' || type === 'convenience_store') {
    return {
      frame: { ...at, step: 'loading_points', pointType: type },
      say: [],
      effect: { type: 'loadPickupPoints', customerId: ctx.customerId, pointType: type },
    };
  }
  let place: Shipment['place'];
  if (type === 'home' || type === 'office') {
    const address = addresses.find((a) => a.type === type);
    if (!address)
      return { frame: ask, say: [{ key: 'place.no_address', params: { place: { kind: 'prompt', key: PLACE_NAME[type] } } }, whereSay(ask)] };
    place = { type, label: address.label };
  } else {
    place = { type, label: ctx.label({ kind: 'prompt', key: PLACE_LABEL[type] }) };
  }
  const next: At<'confirm'> = { ...at, step: 'confirm', place };
  return { frame: next, say: [confirmSay(next)] };
}

/** Why a named order's delivery place cannot change (it is not on its way). */
const NOT_CHANGEABLE: Record<Order['status'], KeysOf<'place.not_changeable.'>> = {
  placed: 'place.not_changeable.not_booked',
  shipped: 'place.not_changeable.not_booked',
  out_for_delivery: 'place.not_changeable.not_booked',
  delivered: 'place.not_changeable.delivered',
  cancelled: 'place.not_changeable.cancelled',
  returned: 'place.not_changeable.returned',
};

/**
 * A courier note said where a place is asked for or being confirmed ("경비실에 맡겨주세요", "actually leave it with the
 * concierge"): the customer corrects the move with where the courier should leave it, so the move is set aside (said)
 * and the note is taken up as it would be on its own — for the open deliveries and later ones, a saved one asked about.
 */
function noteInstead(frame: Moving, note: string, ctx: DialogContext): FlowStep<PlaceFrame> {
  return {
    frame: { flow: frame.flow, id: frame.id, step: 'loading', request: { skus: [], instructions: courierNote(note, ctx.locale) } },
    say: [{ key: 'place.move_dropped', params: { product: frame.target.name } }],
    effect: { type: 'loadAccount', customerId: ctx.customerId, note: true },
  };
}

function onResult(frame: PlaceFrame, event: Extract<DialogEvent, { type: 'result' }>, ctx: DialogContext): FlowStep<PlaceFrame> {
  const r = event.result;
  if (r.type === 'loadAccount' && frame.step === 'loading') {
    if (!r.ok) return failure<PlaceFrame>(null, r.transient, 'place.failed');
    const customer: PlaceAccount = { addresses: r.customer.addresses, enrolments: r.customer.enrolments };
    const open = openShipments(r.shipments, r.orders, frame.request.skus);
    const { placeType, instructions } = frame.request;
    if (instructions && !placeType) {
      // A courier note belongs to the customer: every open delivery now, and every later one. When one is saved
      // already (on the profile, or on a delivery on its way), the customer says whether the new one replaces it.
      const saved = r.note ?? open.find((x) => x.shipment.instructions)?.shipment.instructions;
      return noteStep(frame, open.map(choiceOf(ctx)), instructions, saved);
    }
    const [only, ...more] = open;
    // Nothing on the way to move there: the new street can still be saved for later deliveries (checked first).
    if (!only && frame.request.street && !placeType) {
      return {
        frame: { flow: frame.flow, id: frame.id, step: 'checking_new_address', customer, street: frame.request.street },
        say: [],
        effect: { type: 'validateAddress', customerId: ctx.customerId, address: frame.request.street },
      };
    }
    if (!only) {
      // Named but not on its way ("send my diapers to the locker" when they came last week): say why.
      const { skus } = frame.request;
      const named = r.orders.find((o) => skus.length && o.items.some((i) => skus.includes(i.sku)));
      if (named) return { frame: null, say: [{ key: NOT_CHANGEABLE[named.status], params: { product: orderNameFor(named, skus, ctx) } }] };
      return { frame: null, say: [{ key: 'place.nothing_open' }] };
    }
    if (more.length) {
      const next: At<'choose_shipment'> = { ...frame, step: 'choose_shipment', customer, shipments: shipmentChoices(open, ctx, choiceOf(ctx)) };
      return { frame: next, say: [whichSay(next)] };
    }
    const target = { flow: frame.flow, id: frame.id, customer, target: choiceOf(ctx)(only) };
    if (frame.request.street) return checkStreet(target, frame.request.street, ctx);
    return resolvePlace(target, placeType, ctx);
  }
  if (r.type === 'validateAddress' && frame.step === 'checking_address') {
    if (!r.ok) return failure<PlaceFrame>(null, r.transient, 'place.failed');
    if (!r.check.valid) {
      const ask: At<'choose_place'> = { ...moving(frame), step: 'choose_place' };
      return { frame: ask, say: [{ key: ADDRESS_INVALID[r.check.reason], params: { address: frame.street.line1 } }, whereSay(ask)] };
    }
    const next: At<'confirm_address'> = { ...moving(frame), step: 'confirm_address', address: r.check.address };
    return { frame: next, say: [addressSay(next)] };
  }
  if (r.type === 'validateAddress' && frame.step === 'checking_new_address') {
    if (!r.ok) return failure<PlaceFrame>(null, r.transient, 'place.failed');
    if (!r.check.valid)
      return { frame: null, say: [{ key: ADDRESS_INVALID[r.check.reason], params: { address: frame.street.line1 } }, { key: 'place.nothing_open' }] };
    const next: At<'confirm_save'> = { flow: frame.flow, id: frame.id, step: 'confirm_save', customer: frame.customer, address: r.check.address };
    return { frame: next, say: [saveSay(next, 'nothing_open')] };
  }
  if (r.type === 'saveAddress' && frame.step === 'saving_address') {
    if (!r.ok) return failure<PlaceFrame>(null, false, 'place.save_address.failed');
    return { frame: null, say: [{ key: 'place.address_saved', params: { address: frame.address.formatted, place: r.address.label } }] };
  }
  if (r.type === 'loadPickupPoints' && frame.step === 'loading_points') {
    if (!r.ok) return failure<PlaceFrame>(null, r.transient, 'place.failed');
    const points = r.points.slice(0, 3);
    if (points.length === 0) return { frame: null, say: [{ key: 'place.no_points' }], offerPerson: 'dead_end' };
    const next: At<'choose_point'> = { ...frame, step: 'choose_point', points };
    return { frame: next, say: [pointsSay(next)] };
  }
  if (r.type === 'updateShipments' && frame.step === 'saving') {
    if (!r.ok) return failedWrite<PlaceFrame>({ ...frame, step: 'confirm' }, r, 'place.failed');
    const done: Say[] = [{ key: 'place.done', params: { product: frame.target.name, place: frame.place.label } }];
    if (frame.place.type === 'locker' || frame.place.type === 'convenience_store') done.push({ key: 'place.pickup_code_note' });
    // Moved to a new street: is it where later deliveries should go too? Asked, never assumed.
    if (frame.address) {
      const next: At<'offer_save'> = { flow: frame.flow, id: frame.id, step: 'offer_save', customer: frame.customer, address: frame.address };
      return { frame: next, say: [...done, saveSay(next, 'moved')] };
    }
    return { frame: null, say: done };
  }
  if ((r.type === 'saveInstructions' || r.type === 'updateShipments') && frame.step === 'saving_note') {
    if (!r.ok) return failedWrite<PlaceFrame>({ ...frame, step: 'confirm_note' }, r, 'place.failed');
    if (r.type === 'updateShipments') return { frame: null, say: [{ key: 'place.note_saved', params: { count: frame.targets.length } }] };
    // Saved on the profile; then on the open deliveries, if any.
    if (frame.targets.length === 0) return { frame: null, say: [{ key: 'place.note_saved_profile_only' }] };
    const ids = frame.targets.map((t) => t.id);
    const key = `${ctx.conversationId}:${frame.id}:note:${ids.join(',')}`;
    return { frame, say: [], effect: { type: 'updateShipments', shipmentIds: ids, patch: { instructions: frame.note }, idempotencyKey: key } };
  }
  return { frame, say: [] };
}

function interpret(frame: PlaceFrame, event: DialogEvent, ctx: DialogContext): FlowStep<PlaceFrame> {
  if (event.type === 'result') return onResult(frame, event, ctx);
  const place = firstEntity(event.entities, 'place');
  const street = firstEntity(event.entities, 'address');
  const note = event.intent === 'affirm' ? undefined : firstEntity(event.entities, 'instructions');

  switch (frame.step) {
    case 'choose_shipment': {
      const placeType = place?.value ?? frame.request.placeType;
      const picked = chooseByText(event.text, frame.shipments, (s) => s.name);
      const to = street?.value ?? frame.request.street;
      if (picked && to && !place) return checkStreet({ flow: frame.flow, id: frame.id, customer: frame.customer, target: picked }, to, ctx);
      if (picked) return resolvePlace({ flow: frame.flow, id: frame.id, customer: frame.customer, target: picked }, placeType, ctx);
      const skus = namedSkus(event.entities);
      if (skus.length) {
        const request = { ...frame.request, ...(placeType ? { placeType } : {}), skus };
        return {
          frame: { flow: frame.flow, id: frame.id, step: 'loading', request },
          say: [],
          effect: { type: 'loadAccount', customerId: ctx.customerId },
        };
      }
      return { frame, say: [{ key: 'not_understood.in_flow' }, whichSay(frame)] };
    }
    case 'choose_place': {
      if (street) return checkStreet(frame, street.value, ctx);
      if (note && !place) return noteInstead(frame, note.value, ctx);
      const type = place?.value ?? chooseByText(event.text, placeOptions(frame.customer), (o) => ctx.label(o.label))?.type;
      if (type) return resolvePlace(frame, type, ctx);
      return { frame, say: [{ key: 'not_understood.in_flow' }, whereSay(frame)] };
    }
    case 'choose_point': {
      const point = pointNamed(frame.points, event.text, (p) => ctx.label(pointParam(p)));
      if (point) {
        const next: At<'confirm'> = { ...moving(frame), step: 'confirm', place: { type: point.type, label: point.name, pickupPointId: point.id } };
        return { frame: next, say: [confirmSay(next)] };
      }
      if (place && place.value !== frame.pointType) return resolvePlace(frame, place.value, ctx);
      // Others wanted ("any other stores?", "다른 편의점은요?"): these are the nearest; another kind of place can be named
      // (a bare no is not wanting to go on: it stops, as "stop" would).
      if (asksForOthers(event.text)) return { frame, say: [{ key: 'place.no_other_points' }, pointsSay(frame)] };
      return { frame, say: [{ key: 'not_understood.in_flow' }, pointsSay(frame)] };
    }
    case 'confirm_address': {
      // Another street or a saved place is a correction.
      if (street) return checkStreet(frame, street.value, ctx);
      if (place) return resolvePlace(frame, place.value, ctx);
      if (note) return noteInstead(frame, note.value, ctx);
      if (event.intent === 'affirm') {
        const to = streetPlace(frame.address);
        const key = `${ctx.conversationId}:${frame.id}:place:${frame.target.id}:street:${frame.address.formatted}`;
        const next: At<'saving'> = { ...moving(frame), step: 'saving', place: to, address: frame.address };
        return {
          frame: next,
          say: [],
          effect: { type: 'updateShipments', shipmentIds: [frame.target.id], patch: { place: to }, idempotencyKey: key },
        };
      }
      if (event.intent === 'deny') return { frame: null, say: [{ key: 'place.declined' }] };
      return { frame, say: [{ key: 'confirm.again', suggestions: yesNo }] };
    }
    case 'confirm': {
      if (street) return checkStreet(frame, street.value, ctx);
      // Naming another place is a correction.
      if (place && place.value !== frame.place.type) return resolvePlace(frame, place.value, ctx);
      if (note && !place) return noteInstead(frame, note.value, ctx);
      if (event.intent === 'affirm') {
        const { target, place: to } = frame;
        const key = `${ctx.conversationId}:${frame.id}:place:${target.id}:${to.type}:${to.pickupPointId ?? to.label}`;
        return {
          frame: { ...frame, step: 'saving' },
          say: [],
          effect: { type: 'updateShipments', shipmentIds: [target.id], patch: { place: to }, idempotencyKey: key },
        };
      }
      if (event.intent === 'deny') return { frame: null, say: [{ key: 'place.declined' }] };
      return { frame, say: [{ key: 'confirm.again', suggestions: yesNo }] };
    }
    case 'merge_note': {
      // Another note corrects the new one; then "replace" or "add" (or the button) decides, and is confirmed.
      // A correction of the new note ("X, not Y") edits it; another note replaces it.
      const fixed = correctedNote(frame.note, event.text);
      if (fixed) return noteStep(frame, frame.targets, fixed, frame.saved);
      const said = firstEntity(event.entities, 'instructions');
      const note = said && courierNote(said.value, ctx.locale);
      if (note && note !== frame.note && !mergeChoice(event.text, ctx)) return noteStep(frame, frame.targets, note, frame.saved);
      const choice = mergeChoice(event.text, ctx);
      if (choice) {
        const next: At<'confirm_note'> = {
          flow: frame.flow,
          id: frame.id,
          step: 'confirm_note',
          targets: frame.targets,
          note: choice === 'replace' ? frame.note : joinNotes(frame.saved, frame.note),
        };
        return { frame: next, say: [noteSay(next)] };
      }
      // "No": the saved note stays as it is.
      if (event.intent === 'deny') return { frame: null, say: [{ key: 'place.note_kept', params: { saved: frame.saved } }] };
      return { frame, say: [{ key: 'not_understood.in_flow' }, mergeSay(frame)] };
    }
    case 'confirm_note': {
      // A correction of the note ("X, not Y") edits it; another note replaces it.
      const said = firstEntity(event.entities, 'instructions');
      const note = correctedNote(frame.note, event.text) ?? (said && courierNote(said.value, ctx.locale));
      if (note && note !== frame.note) {
        const next: At<'confirm_note'> = { ...frame, note };
        return { frame: next, say: [noteSay(next)] };
      }
      if (event.intent === 'affirm') {
        return {
          frame: { ...frame, step: 'saving_note' },
          say: [],
          effect: { type: 'saveInstructions', customerId: ctx.customerId, instructions: frame.note },
        };
      }
      if (event.intent === 'deny') return { frame: null, say: [{ key: 'place.note_declined' }] };
      return { frame, say: [{ key: 'confirm.again', suggestions: yesNo }] };
    }
    case 'offer_save':
    case 'confirm_save':
      return atSave(frame, event, ctx);
    case 'loading':
    case 'loading_points':
    case 'saving':
    case 'saving_note':
    case 'checking_address':
    case 'checking_new_address':
    case 'saving_address':
      return { frame, say: [] };
  }
}

/**
 * Change where a delivery goes (home, office, a locker or convenience store, car trunk, in-home), or save a note for
 * the courier: which delivery (when several), where, which pickup point, confirm, change once.
 */
export const deliveryPlaceFlow: FlowDef<PlaceFrame> = {
  steps: {
    loading: { awaiting: null },
    choose_shipment: { awaiting: 'order' },
    choose_place: { awaiting: 'place' },
    loading_points: { awaiting: null },
    choose_point: { awaiting: 'pickup_point' },
    confirm: { awaiting: 'confirmation' },
    merge_note: { awaiting: 'note' },
    confirm_note: { awaiting: 'confirmation' },
    saving: { awaiting: null },
    saving_note: { awaiting: null },
    checking_address: { awaiting: null },
    confirm_address: { awaiting: 'confirmation' },
    checking_new_address: { awaiting: null },
    // Offered after a move: a message that does not answer it lets it lapse.
    offer_save: { awaiting: 'confirmation', lapses: true },
    confirm_save: { awaiting: 'confirmation' },
    saving_address: { awaiting: null },
  },
  start(event, ctx) {
    const place = firstEntity(event.entities, 'place');
    const note = firstEntity(event.entities, 'instructions');
    const street = firstEntity(event.entities, 'address');
    const request = {
      skus: namedSkus(event.entities),
      ...(place ? { placeType: place.value } : {}),
      ...(note ? { instructions: courierNote(note.value, ctx.locale) } : {}),
      ...(street && !place ? { street: street.value } : {}),
    };
    return {
      frame: { flow: 'change_delivery_place', id: ctx.messageId, step: 'loading', request },
      say: [],
      effect: { type: 'loadAccount', customerId: ctx.customerId, ...(note ? { note: true as const } : {}) },
    };
  },
  interpret,
  prompt(frame) {
    switch (frame.step) {
      case 'choose_shipment':
        return [whichSay(frame)];
      case 'choose_place':
        return [whereSay(frame)];
      case 'choose_point':
        return [pointsSay(frame)];
      case 'confirm':
        return [confirmSay(frame)];
      case 'merge_note':
        return [mergeSay(frame)];
      case 'confirm_note':
        return [noteSay(frame)];
      case 'confirm_address':
        return [addressSay(frame)];
      case 'offer_save':
        return [saveSay(frame, 'moved')];
      case 'confirm_save':
        return [saveSay(frame, 'nothing_open')];
      case 'loading':
      case 'loading_points':
      case 'saving':
      case 'saving_note':
      case 'checking_address':
      case 'checking_new_address':
      case 'saving_address':
        return [];
    }
  },
  answers(frame, event, ctx) {
    const names = (type: 'place' | 'product' | 'instructions' | 'address'): boolean => event.entities.some((e) => e.type === type);
    switch (frame.step) {
      // A delivery named by its product; a place named re-fills the place, or corrects it at the confirmation.
      case 'choose_shipment':
        return names('product');
      // A courier note said instead ("경비실에 맡겨주세요") corrects the move with where to leave it.
      case 'choose_place':
      case 'confirm':
      case 'confirm_address':
        return names('place') || names('address') || names('instructions');
      // A pickup point named by its name, or another kind of place.
      case 'choose_point':
        return names('place') || Boolean(pointNamed(frame.points, event.text, (p) => ctx.label(pointParam(p)))) || asksForOthers(event.text);
      // Another note corrects the one being confirmed; "replace" or "add" answers whether it replaces the saved one.
      case 'confirm_note':
        return names('instructions') || correctedNote(frame.note, event.text) !== null;
      case 'merge_note':
        return (
          names('instructions') || event.intent === 'deny' || mergeChoice(event.text, ctx) !== null || correctedNote(frame.note, event.text) !== null
        );
      case 'loading':
      case 'loading_points':
      case 'saving':
      case 'saving_note':
      case 'checking_address':
      case 'checking_new_address':
      case 'offer_save':
      case 'confirm_save':
      case 'saving_address':
        return false;
    }
  },
};
