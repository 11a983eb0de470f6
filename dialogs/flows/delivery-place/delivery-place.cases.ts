import {
  account,
  accountOf,
  courierNote,
  customer,
  failed,
  noteSaved,
  pickupPoints,
  placeNamed,
  points,
  product,
  shipmentsUpdated,
  stores,
} from '../../testing/fixtures.js';
import type { Shipment } from '../../../domain/commerce.js';
import { said, type DialogCase } from '../../testing/case.js';
import type { Entity } from '../../../domain/understanding.js';
import type { EffectResult } from '../../types.js';

// A note already saved on the profile when a new one comes (issue 21): replace it, or keep both.
const saved = 'Leave it at the door';
const withSavedNote: EffectResult = { ...account(), note: saved } as EffectResult;

// A new street address: typed, checked by the logistics API, confirmed back in full.
const street = (line1: string): Entity => ({ type: 'address', value: { line1 }, text: line1, start: 0, end: line1.length });
const oak = {
  line1: '42 Oak Street',
  city: 'San Jose',
  region: 'CA',
  postalCode: '95110',
  country: 'US',
  formatted: '42 Oak Street, San Jose, CA 95110',
};
const checked = (ok: boolean): EffectResult => ({
  type: 'validateAddress',
  ok: true,
  check: ok ? { valid: true, address: oak } : { valid: false, reason: 'unknown_street' },
});
const toStreet = said('change_delivery_place', [product('wipes'), street('42 Oak Street')]);

const toStore = said('change_delivery_place', [product('wipes'), placeNamed('convenience_store')]);
const toOffice = said('change_delivery_place', [product('wipes'), placeNamed('office')]);
const atStore: Shipment['place'] = { type: 'convenience_store', label: 'GS25 Market St', pickupPointId: 'cs1' };
const storeKey = 'c:m1:place:s-wipes:convenience_store:cs1';
const officeKey = 'c:m1:place:s-wipes:office:Office';
const note = 'Leave it with the doorman';

export const deliveryPlaceCases: DialogCase[] = [
  {
    name: 'when the named order was delivered, then Smile says its place cannot change (not that nothing is on its way)',
    steps: [
      [said('change_delivery_place', [product('diapers'), placeNamed('locker')]), [], 'loadAccount'],
      [account(), ['place.not_changeable.delivered'], null, null],
    ],
  },
  {
    name: 'when a new street address is given, then it is checked, confirmed back in full, and the delivery goes there once',
    steps: [
      [toStreet, [], 'loadAccount'],
      [account(), [], { type: 'validateAddress', customerId: 'demo', address: { line1: '42 Oak Street' } }],
      [checked(true), ['place.confirm_address'], null, 'confirmation'],
      [said('affirm'), [], { type: 'updateShipments', shipmentIds: ['s-wipes'], patch: { place: { type: 'home', label: oak.formatted } } }],
      // Then: saved on the profile for later deliveries too? Asked, and saved once on yes.
      [shipmentsUpdated, ['place.done', 'place.save_address.offer'], null, 'confirmation'],
      [said('affirm'), [], { type: 'saveAddress', customerId: 'demo', placeType: 'home', address: oak }],
      [
        { type: 'saveAddress', ok: true, address: { id: 'home', type: 'home', label: 'Home', line1: oak.line1 } },
        ['place.address_saved'],
        null,
        null,
      ],
    ],
  },
  {
    name: 'when saving the new street on the profile fails, then the customer hears so and a person is offered',
    steps: [
      [toStreet, [], 'loadAccount'],
      [account(), [], 'validateAddress'],
      [checked(true), ['place.confirm_address'], null, 'confirmation'],
      [said('affirm'), [], 'updateShipments'],
      [shipmentsUpdated, ['place.done', 'place.save_address.offer'], null, 'confirmation'],
      [said('affirm'), [], 'saveAddress'],
      [failed('saveAddress', true), ['place.save_address.failed'], null, 'confirmation'],
    ],
  },
  {
    name: 'when the customer says no to saving the new street, then nothing more is done',
    steps: [
      [toStreet, [], 'loadAccount'],
      [account(), [], 'validateAddress'],
      [checked(true), ['place.confirm_address'], null, 'confirmation'],
      [said('affirm'), [], 'updateShipments'],
      [shipmentsUpdated, ['place.done', 'place.save_address.offer'], null, 'confirmation'],
      [said('deny'), ['place.save_address.declined'], null, null],
    ],
  },
  {
    name: 'when the street address is not deliverable, then Smile says so and asks where, and another address is checked',
    steps: [
      [toStreet, [], 'loadAccount'],
      [account(), [], 'validateAddress'],
      [checked(false), ['place.address_invalid.unknown_street', 'place.where'], null, 'place'],
      [said('change_delivery_place', [street('42 Oak Street')]), [], 'validateAddress'],
      [checked(true), ['place.confirm_address'], null, 'confirmation'],
      [said('deny'), ['place.declined'], null, null],
    ],
  },
  {
    name: 'when the address cannot be checked, then Smile apologises and changes nothing',
    steps: [
      [toStreet, [], 'loadAccount'],
      [account(), [], 'validateAddress'],
      [failed('validateAddress'), ['place.failed'], null, 'confirmation'],
    ],
  },
  {
    name: 'when a delivery is sent to a convenience store, then the nearest are offered, the first one is confirmed and the delivery changed once',
    steps: [
      [toStore, [], 'loadAccount', null],
      [account(), [], { type: 'loadPickupPoints', customerId: 'demo', pointType: 'convenience_store' }, null],
      [pickupPoints(stores), ['place.choose_point.convenience_store'], null, 'pickup_point'],
      [said('out_of_scope', [], 'the first one'), ['place.confirm'], null, 'confirmation'],
      [said('affirm'), [], { type: 'updateShipments', shipmentIds: ['s-wipes'], patch: { place: atStore }, idempotencyKey: storeKey }, null],
      [shipmentsUpdated, ['place.done', 'place.pickup_code_note'], null, null],
    ],
  },
  {
    name: 'when a delivery is sent to the office, then the saved office address is confirmed and used once',
    steps: [
      [toOffice, [], 'loadAccount'],
      [account(), ['place.confirm'], null, 'confirmation'],
      [
        said('affirm'),
        [],
        { type: 'updateShipments', shipmentIds: ['s-wipes'], patch: { place: { type: 'office', label: 'Office' } }, idempotencyKey: officeKey },
      ],
      [shipmentsUpdated, ['place.done'], null, null],
    ],
  },
  {
    name: 'when the customer says no at the confirmation, then nothing changes',
    steps: [
      [toOffice, [], 'loadAccount'],
      [account(), ['place.confirm'], null],
      [said('deny'), ['place.declined'], null, null],
    ],
  },
  {
    name: 'when the customer says stop at the confirmation, then the flow ends and nothing changes',
    steps: [
      [toOffice, [], 'loadAccount'],
      [account(), ['place.confirm'], null],
      [said('stop'), ['stop.change_delivery_place'], null, null],
    ],
  },
  {
    name: 'when the customer says "no, the convenience store" at the confirmation, then the stores are offered instead',
    steps: [
      [toOffice, [], 'loadAccount'],
      [account(), ['place.confirm'], null],
      [
        said('deny', [placeNamed('convenience_store')], 'no, the convenience store'),
        [],
        { type: 'loadPickupPoints', pointType: 'convenience_store' },
      ],
      [pickupPoints(stores), ['place.choose_point.convenience_store'], null, 'pickup_point'],
      [said('out_of_scope', [], 'CU Park Ave please'), ['place.confirm'], null, 'confirmation'],
      [said('affirm'), [], { type: 'updateShipments', idempotencyKey: 'c:m1:place:s-wipes:convenience_store:cs2' }],
    ],
  },
  {
    name: 'when the customer names another kind of place while asked which locker, then that place is used',
    steps: [
      [said('change_delivery_place', [product('wipes'), placeNamed('locker')]), [], 'loadAccount'],
      [account(), [], { type: 'loadPickupPoints', pointType: 'locker' }],
      [pickupPoints(points), ['place.choose_point.locker'], null, 'pickup_point'],
      [said('out_of_scope', [placeNamed('office')], 'the office after all'), ['place.confirm'], null, 'confirmation'],
      [said('affirm'), [], { type: 'updateShipments', idempotencyKey: officeKey }],
    ],
  },
  {
    name: 'when the customer asks where an order is in the middle, then the answer comes and the change resumes',
    steps: [
      [toOffice, [], 'loadAccount'],
      [account(), ['place.confirm'], null],
      [said('order_status', [product('wipes')]), [], 'loadAccount'],
      [account(), ['status.line.shipped', 'resume', 'place.confirm'], null, 'confirmation'],
      [said('affirm'), [], { type: 'updateShipments', idempotencyKey: officeKey }],
    ],
  },
  {
    name: 'when the change fails for a passing reason, then the confirmation stays open and yes retries under the same key',
    steps: [
      [toOffice, [], 'loadAccount'],
      [account(), ['place.confirm'], null],
      [said('affirm'), [], { type: 'updateShipments', idempotencyKey: officeKey }],
      [failed('updateShipments'), ['failure.retry'], null, 'confirmation'],
      [said('affirm'), [], { type: 'updateShipments', idempotencyKey: officeKey }],
      [shipmentsUpdated, ['place.done'], null, null],
    ],
  },
  {
    name: 'when several deliveries are open, then it asks which, "the second one" picks one and "the first one" picks home',
    steps: [
      [said('change_delivery_place'), [], 'loadAccount'],
      [account(), ['place.which'], null, 'order'],
      [said('out_of_scope', [], 'the second one'), ['place.where'], null, 'place'],
      [said('out_of_scope', [], 'the first one'), ['place.confirm'], null, 'confirmation'],
      [
        said('affirm'),
        [],
        {
          type: 'updateShipments',
          shipmentIds: ['s-brush'],
          patch: { place: { type: 'home', label: 'Home' } },
          idempotencyKey: 'c:m1:place:s-brush:home:Home',
        },
      ],
    ],
  },
  {
    name: 'when the customer names a product while asked which delivery, then the account is read again for it',
    steps: [
      [said('change_delivery_place', [placeNamed('office')]), [], 'loadAccount'],
      [account(), ['place.which'], null, 'order'],
      [said('change_delivery_place', [product('brush')]), [], 'loadAccount'],
      [account(), ['place.confirm'], null, 'confirmation'],
      [said('affirm'), [], { type: 'updateShipments', idempotencyKey: 'c:m1:place:s-brush:office:Office' }],
    ],
  },
  {
    name: 'when the car trunk is asked for and the car is registered, then it is confirmed as the car trunk',
    steps: [
      [said('change_delivery_place', [product('wipes'), placeNamed('car_trunk')]), [], 'loadAccount'],
      [account(), ['place.confirm'], null, 'confirmation'],
      [said('affirm'), [], { type: 'updateShipments', shipmentIds: ['s-wipes'] }],
    ],
  },
  {
    name: 'when the car trunk is asked for and no car is registered, then Smile says how to register one and changes nothing',
    steps: [
      [said('change_delivery_place', [product('wipes'), placeNamed('car_trunk')]), [], 'loadAccount'],
      [accountOf({ enrolments: { carTrunk: false, inHome: false } }), ['place.enrol.car_trunk'], null, null],
    ],
  },
  {
    name: 'when in-home delivery is asked for without the enrolment, then Smile says how to enrol and changes nothing',
    steps: [
      [said('change_delivery_place', [product('wipes'), placeNamed('in_home')]), [], 'loadAccount'],
      [account(), ['place.enrol.in_home'], null, null],
    ],
  },
  {
    name: 'when the office is asked for and none is saved, then Smile says so and asks where instead',
    steps: [
      [toOffice, [], 'loadAccount'],
      [accountOf({ addresses: customer.addresses.filter((a) => a.type !== 'office') }), ['place.no_address', 'place.where'], null, 'place'],
      [said('out_of_scope', [], 'the first one'), ['place.confirm'], null, 'confirmation'],
    ],
  },
  {
    name: 'when no pickup point is near, then Smile says so and offers a person',
    steps: [
      [toStore, [], 'loadAccount'],
      [account(), [], 'loadPickupPoints'],
      [pickupPoints([]), ['place.no_points'], null, 'confirmation'],
      [said('deny'), ['handoff.declined'], null, null],
    ],
  },
  {
    name: 'when nothing is on the way, then Smile says there is nothing to change',
    steps: [
      [toOffice, [], 'loadAccount'],
      [account((o) => o.status === 'delivered'), ['place.nothing_open'], null, null],
    ],
  },
  {
    name: 'when a courier note is given with deliveries open, then it is saved on the profile and on every open delivery once',
    steps: [
      [said('change_delivery_place', [courierNote(note)]), [], 'loadAccount'],
      [account(), ['place.confirm_note'], null, 'confirmation'],
      [said('affirm'), [], { type: 'saveInstructions', customerId: 'demo', instructions: note }, null],
      [
        noteSaved,
        [],
        { type: 'updateShipments', shipmentIds: ['s-wipes', 's-brush'], patch: { instructions: note }, idempotencyKey: 'c:m1:note:s-wipes,s-brush' },
      ],
      [shipmentsUpdated, ['place.note_saved'], null, null],
    ],
  },
  {
    name: 'when a courier note is given with nothing open, then it is saved on the profile only',
    steps: [
      [said('change_delivery_place', [courierNote(note)]), [], 'loadAccount'],
      [account((o) => o.status === 'delivered'), ['place.confirm_note_profile_only'], null, 'confirmation'],
      [said('affirm'), [], { type: 'saveInstructions', instructions: note }],
      [noteSaved, ['place.note_saved_profile_only'], null, null],
    ],
  },
  {
    name: 'when the customer says no to a courier note, then the note is not saved and the reply is about the note, not the place',
    steps: [
      [said('change_delivery_place', [courierNote(note)]), [], 'loadAccount'],
      [account(), ['place.confirm_note'], null, 'confirmation'],
      [said('deny'), ['place.note_declined'], null, null],
    ],
  },
  {
    name: 'when the customer gives another note at its confirmation, then the new note is confirmed and saved',
    steps: [
      [said('change_delivery_place', [courierNote(note)]), [], 'loadAccount'],
      [account(), ['place.confirm_note'], null],
      [said('out_of_scope', [courierNote('Ring twice')], 'actually, ring twice'), ['place.confirm_note'], null, 'confirmation'],
      [said('affirm'), [], { type: 'saveInstructions', instructions: 'Ring twice' }],
    ],
  },
  {
    name: 'when saving the note fails for a passing reason, then yes tries again',
    steps: [
      [said('change_delivery_place', [courierNote(note)]), [], 'loadAccount'],
      [account(), ['place.confirm_note'], null],
      [said('affirm'), [], 'saveInstructions'],
      [failed('saveInstructions'), ['failure.retry'], null, 'confirmation'],
      [said('affirm'), [], { type: 'saveInstructions', instructions: note }],
    ],
  },
  {
    name: 'when a new note comes while one is saved and the customer says add, then both are kept, confirmed and saved once',
    steps: [
      [said('change_delivery_place', [courierNote('Ring twice')]), [], { type: 'loadAccount', note: true }],
      [withSavedNote, ['place.note_merge'], null, 'note'],
      [said('out_of_scope', [], 'add it to the old one'), ['place.confirm_note'], null, 'confirmation'],
      [said('affirm'), [], { type: 'saveInstructions', customerId: 'demo', instructions: `${saved} / Ring twice` }],
      [noteSaved, [], { type: 'updateShipments', patch: { instructions: `${saved} / Ring twice` } }],
      [shipmentsUpdated, ['place.note_saved'], null, null],
    ],
  },
  {
    name: 'when a new note comes while one is saved and the customer picks "replace", then only the new one is saved',
    steps: [
      [said('change_delivery_place', [courierNote('Ring twice')]), [], 'loadAccount'],
      [withSavedNote, ['place.note_merge'], null, 'note'],
      [said('out_of_scope', [], 'replace it'), ['place.confirm_note'], null, 'confirmation'],
      [said('affirm'), [], { type: 'saveInstructions', instructions: 'Ring twice' }],
    ],
  },
  {
    name: 'when the customer says no to replacing or adding, then the saved note stays and nothing is written',
    steps: [
      [said('change_delivery_place', [courierNote('Ring twice')]), [], 'loadAccount'],
      [withSavedNote, ['place.note_merge'], null, 'note'],
      [said('deny', [], 'no'), ['place.note_kept'], null, null],
    ],
  },
  {
    name: 'when the customer says stop at the replace-or-add question, then nothing is written',
    steps: [
      [said('change_delivery_place', [courierNote('Ring twice')]), [], 'loadAccount'],
      [withSavedNote, ['place.note_merge'], null, 'note'],
      [said('stop'), ['stop.change_delivery_place'], null, null],
    ],
  },
  {
    name: 'when the customer corrects the new note at the question, then it is asked again with the corrected note, and "both" keeps both',
    steps: [
      [said('change_delivery_place', [courierNote('Ring twice')]), [], 'loadAccount'],
      [withSavedNote, ['place.note_merge'], null, 'note'],
      [said('out_of_scope', [courierNote('Knock softly')], 'actually knock softly'), ['place.note_merge'], null, 'note'],
      [said('out_of_scope', [], 'both'), ['place.confirm_note'], null, 'confirmation'],
      [said('affirm'), [], { type: 'saveInstructions', instructions: `${saved} / Knock softly` }],
    ],
  },
  {
    name: 'when an unclear answer is given to the question, then it is asked again; the second button then replaces nothing but adds',
    steps: [
      [said('change_delivery_place', [courierNote('Ring twice')]), [], 'loadAccount'],
      [withSavedNote, ['place.note_merge'], null, 'note'],
      [said('out_of_scope', [], 'hmm'), ['not_understood.in_flow', 'place.note_merge'], null, 'note'],
      [said('out_of_scope', [], 'the second one'), ['place.confirm_note'], null, 'confirmation'],
      [said('affirm'), [], { type: 'saveInstructions', instructions: `${saved} / Ring twice` }],
    ],
  },
  {
    name: 'when the customer asks where an order is at the question, then the answer comes and the question is asked again',
    steps: [
      [said('change_delivery_place', [courierNote('Ring twice')]), [], 'loadAccount'],
      [withSavedNote, ['place.note_merge'], null, 'note'],
      [said('order_status'), [], 'loadAccount'],
      [account(), ['status.header.many', 'status.line.shipped', 'status.line.placed', 'resume', 'place.note_merge'], null, 'note'],
    ],
  },
  {
    name: 'when the new note is already part of the saved one, then it is confirmed as saved without asking',
    steps: [
      [said('change_delivery_place', [courierNote('the door')]), [], 'loadAccount'],
      [withSavedNote, ['place.confirm_note'], null, 'confirmation'],
      [said('affirm'), [], { type: 'saveInstructions', instructions: saved }],
    ],
  },
  {
    name: 'when the note comes wrapped in how it was asked, then only the instruction is confirmed and saved, as an instruction',
    steps: [
      [said('change_delivery_place', [courierNote('hey can you ask the driver to put it behind the planter please')]), [], 'loadAccount'],
      [account(), ['place.confirm_note'], null, 'confirmation'],
      [said('affirm'), [], { type: 'saveInstructions', instructions: 'Put it behind the planter' }],
    ],
  },
  {
    name: 'when the customer corrects a word of the note at its confirmation ("X, not Y"), then the note is edited, not replaced',
    steps: [
      [said('change_delivery_place', [courierNote('Leave it by the garage, the dog barks')]), [], 'loadAccount'],
      [account(), ['place.confirm_note'], null, 'confirmation'],
      [said('out_of_scope', [], 'sorry, the shed not the garage'), ['place.confirm_note'], null, 'confirmation'],
      [said('affirm'), [], { type: 'saveInstructions', instructions: 'Leave it by the shed, the dog barks' }],
    ],
  },
  {
    name: 'when the customer corrects the new note while asked whether it replaces the saved one, then the question names the edited note',
    steps: [
      [said('change_delivery_place', [courierNote('Ring twice at the side door')]), [], { type: 'loadAccount', note: true }],
      [withSavedNote, ['place.note_merge'], null, 'note'],
      [said('out_of_scope', [], 'make it the front door, not the side door'), ['place.note_merge'], null, 'note'],
      [said('out_of_scope', [], 'replace it'), ['place.confirm_note'], null, 'confirmation'],
      [said('affirm'), [], { type: 'saveInstructions', instructions: 'Ring twice at the front door' }],
    ],
  },
  {
    name: '(ko) 요청사항을 말하는 방식("기사님께 … 달라고 전해 주세요")은 빼고, 붙여 쓴 말은 띄어서 확인한다',
    steps: [
      [said('change_delivery_place', [courierNote('기사님께 택배함에 넣어 달라고 전해 주세요')]), [], 'loadAccount'],
      [account(), ['place.confirm_note'], null, 'confirmation'],
      [said('affirm'), [], { type: 'saveInstructions', instructions: '택배함에 넣어 주세요' }],
    ],
  },
  {
    name: '(ko) 확인 중에 "A 말고 B"로 고치면 요청사항의 그 말만 바꾼다',
    steps: [
      [said('change_delivery_place', [courierNote('경비실에 맡겨주세요 전화는 하지 마시고')]), [], 'loadAccount'],
      [account(), ['place.confirm_note'], null, 'confirmation'],
      [said('out_of_scope', [], '경비실 말고 무인택배함이요'), ['place.confirm_note'], null, 'confirmation'],
      [said('affirm'), [], { type: 'saveInstructions', instructions: '무인택배함에 맡겨 주세요. 전화는 하지 마세요' }],
    ],
  },
];
