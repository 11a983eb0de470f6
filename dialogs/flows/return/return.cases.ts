import {
  account,
  accountOf,
  failed,
  methodChosen,
  moreOrders,
  pickupPoints,
  pickupWindows,
  placeNamed,
  points,
  product,
  reasonGiven,
  returnBooked,
  stores,
  win,
} from '../../testing/fixtures.js';
import { said, type CaseStep, type DialogCase } from '../../testing/case.js';
import type { ReturnRecord } from '../../../domain/commerce.js';
import type { EffectResult } from '../../types.js';

const key = 'c:m1:return:o-shoes:shoes';
/** A return of the shoes booked earlier (another conversation, another channel). */
const openReturn: ReturnRecord = {
  id: 'ret-1',
  orderId: 'o-shoes',
  customerId: 'demo',
  items: [{ sku: 'shoes', quantity: 1 }],
  reason: 'size',
  method: 'store_dropoff',
  refundEstimate: { amount: 65, currency: 'USD' },
  status: 'booked',
};
// A person answered (staffed), or the desk is closed until Monday 9:00.
const escalated = (staffed: boolean): EffectResult => ({
  type: 'escalate',
  ok: true,
  escalationId: 'esc-1',
  staffed,
  opensAt: staffed ? null : '2026-11-23T09:00:00-08:00',
  liveChat: true,
  phone: null,
  dueAt: '2026-11-23T10:00:00-08:00',
});
const shoes = { orderId: 'o-shoes', customerId: 'demo', items: [{ sku: 'shoes', quantity: 1 }] };
const tooSmall = "they're too small";
/** The shoes, to a store by their own words, confirmed at the second store offered. */
const toStore: CaseStep[] = [
  [said('schedule_return'), [], 'loadAccount'],
  [account(), ['return.ask_reason'], null, 'reason'],
  [said('out_of_scope', [], tooSmall), ['return.ask_method'], null, 'method'],
  [said('out_of_scope', [], 'the first one'), [], { type: 'loadPickupPoints', customerId: 'demo', pointType: 'convenience_store' }, null],
  [pickupPoints(stores), ['return.choose_point.store_dropoff'], null, 'pickup_point'],
  [said('out_of_scope', [], 'the second one'), ['return.confirm.store_dropoff'], null, 'confirmation'],
];
const courier = said('schedule_return', [product('shoes'), reasonGiven('damaged'), methodChosen('courier_pickup')]);

export const returnCases: DialogCase[] = [
  {
    name: 'when an item goes back to a convenience store, then reason, method and store are asked, and it is booked once on yes',
    steps: [
      ...toStore,
      [
        said('affirm'),
        [],
        { type: 'bookReturn', request: { ...shoes, reason: tooSmall, method: 'store_dropoff', pickupPointId: 'cs2' }, idempotencyKey: key },
        null,
      ],
      [returnBooked('store_dropoff', { pickupPointId: 'cs2', dropoffCode: 'R-2041' }), ['return.booked.dropoff'], null, null],
    ],
  },
  {
    name: 'when the customer names item, reason and a locker at once, then only the locker is asked, by its name',
    steps: [
      [said('schedule_return', [product('shoes'), reasonGiven('size'), placeNamed('locker')]), [], 'loadAccount'],
      [account(), [], { type: 'loadPickupPoints', pointType: 'locker' }, null],
      [pickupPoints(points), ['return.choose_point.locker_dropoff'], null, 'pickup_point'],
      [said('out_of_scope', [], 'Locker Park'), ['return.confirm.locker_dropoff'], null, 'confirmation'],
      [
        said('affirm'),
        [],
        { type: 'bookReturn', request: { ...shoes, reason: 'size', method: 'locker_dropoff', pickupPointId: 'p2' }, idempotencyKey: key },
      ],
      [returnBooked('locker_dropoff', { pickupPointId: 'p2', dropoffCode: 'R-2042' }), ['return.booked.locker_dropoff'], null, null],
    ],
  },
  {
    name: 'when a courier should pick it up, then windows are offered and the second one is booked with it',
    steps: [
      [courier, [], 'loadAccount'],
      [account(), [], 'quoteDelivery', null],
      [pickupWindows, ['return.choose_window'], null, 'window'],
      [said('out_of_scope', [], 'the second one'), ['return.confirm.courier_pickup'], null, 'confirmation'],
      [
        said('affirm'),
        [],
        { type: 'bookReturn', request: { ...shoes, reason: 'damaged', method: 'courier_pickup', window: win(24, 13, 17) }, idempotencyKey: key },
      ],
      [returnBooked('courier_pickup', { window: win(24, 13, 17) }), ['return.booked.courier_pickup'], null, null],
    ],
  },
  {
    name: 'when the customer says no at the confirmation, then no return is booked',
    steps: [...toStore, [said('deny'), ['return.declined'], null, null]],
  },
  {
    name: 'when the customer says stop at the confirmation, then the flow ends and no return is booked',
    steps: [...toStore, [said('stop'), ['stop.schedule_return'], null, null]],
  },
  {
    name: 'when the customer asks for a courier at the confirmation, then windows are offered instead of the store',
    steps: [
      ...toStore,
      [said('out_of_scope', [methodChosen('courier_pickup')], 'actually, have a courier pick it up'), [], 'quoteDelivery', null],
      [pickupWindows, ['return.choose_window'], null, 'window'],
      [said('out_of_scope', [], 'the first one'), ['return.confirm.courier_pickup'], null, 'confirmation'],
      [
        said('affirm'),
        [],
        { type: 'bookReturn', request: { ...shoes, reason: tooSmall, method: 'courier_pickup', window: win(24, 9, 12) }, idempotencyKey: key },
      ],
    ],
  },
  {
    name: 'when the customer gives another reason at the confirmation, then it is confirmed again with the same store',
    steps: [
      ...toStore,
      [said('out_of_scope', [reasonGiven('defective')], "actually it doesn't work"), ['return.confirm.store_dropoff'], null, 'confirmation'],
      [
        said('affirm'),
        [],
        { type: 'bookReturn', request: { ...shoes, reason: 'defective', method: 'store_dropoff', pickupPointId: 'cs2' }, idempotencyKey: key },
      ],
    ],
  },
  {
    name: 'when the customer asks where an order is in the middle, then the answer comes and the return resumes',
    steps: [
      ...toStore,
      [said('order_status', [product('wipes')]), [], 'loadAccount'],
      // Taken up again, the item is re-read before it is asked (still returnable? the same refund?).
      [account(), ['status.line.shipped', 'resume'], { type: 'loadAccount', returns: true }],
      [account(), ['return.confirm.store_dropoff'], null, 'confirmation'],
      [said('affirm'), [], { type: 'bookReturn', idempotencyKey: key }],
    ],
  },
  {
    name: 'when a return of the item is booked elsewhere during a digression, then that is said and nothing is booked or asked again',
    steps: [
      ...toStore,
      [said('order_status', [product('wipes')]), [], 'loadAccount'],
      [account(), ['status.line.shipped', 'resume'], { type: 'loadAccount', returns: true }],
      [{ ...account(), returns: [openReturn] } as EffectResult, ['pending.changed.since', 'return.already_booked'], null, null],
    ],
  },
  {
    name: 'when booking fails for a passing reason, then the confirmation stays open and yes retries under the same key',
    steps: [
      ...toStore,
      [said('affirm'), [], { type: 'bookReturn', idempotencyKey: key }],
      [failed('bookReturn'), ['failure.retry'], null, 'confirmation'],
      [said('affirm'), [], { type: 'bookReturn', idempotencyKey: key }],
      [returnBooked('store_dropoff', { pickupPointId: 'cs2', dropoffCode: 'R-2041' }), ['return.booked.dropoff'], null, null],
    ],
  },
  {
    name: 'when several items can go back, then it asks which, "the second one" picks one and "the first one" picks a reason',
    steps: [
      [said('schedule_return'), [], 'loadAccount'],
      [accountOf({}, moreOrders), ['return.which'], null, 'item'],
      [said('out_of_scope', [], 'the second one'), ['return.ask_reason'], null, 'reason'],
      [said('out_of_scope', [], 'the first one'), ['return.ask_method'], null, 'method'],
      [said('out_of_scope', [methodChosen('courier_pickup')], 'courier'), [], 'quoteDelivery'],
      [pickupWindows, ['return.choose_window'], null, 'window'],
      [said('out_of_scope', [], 'the third one'), ['return.confirm.courier_pickup'], null, 'confirmation'],
      [
        said('affirm'),
        [],
        {
          type: 'bookReturn',
          request: {
            orderId: 'o-towels',
            customerId: 'demo',
            items: [{ sku: 'towels', quantity: 1 }],
            reason: 'size',
            method: 'courier_pickup',
            window: win(25, 9, 12),
          },
          idempotencyKey: 'c:m1:return:o-towels:towels',
        },
      ],
    ],
  },
  {
    name: 'when the named item has not been delivered yet, then Smile says so — an answer, with no person offered for it',
    steps: [
      [said('schedule_return', [product('wipes')]), [], 'loadAccount'],
      [account(), ['return.on_its_way'], null, null],
    ],
  },
  {
    name: 'when the named order was cancelled, then there is nothing to return',
    steps: [
      [said('schedule_return', [product('formula')]), [], 'loadAccount'],
      [account(), ['return.already_cancelled'], null, null],
    ],
  },
  {
    name: 'when a return of the named item is already booked, then Smile says so and books nothing a second time',
    steps: [
      [said('schedule_return', [product('shoes')]), [], { type: 'loadAccount', customerId: 'demo', returns: true }],
      // Its code or pick-up said again (what the customer is after), and no person offered for it.
      [{ ...account(), returns: [openReturn] } as EffectResult, ['return.already_booked', 'return.booked.code'], null, null],
    ],
  },
  {
    name: 'when the only returnable item already has a return booked (and a cancelled one does not count), then nothing is offered',
    steps: [
      [said('schedule_return'), [], 'loadAccount'],
      [
        { ...account(), returns: [openReturn, { ...openReturn, id: 'ret-old', orderId: 'o-other', status: 'cancelled' }] } as EffectResult,
        ['return.nothing_returnable'],
        null,
        'confirmation',
      ],
    ],
  },
  {
    name: 'when the named item was already returned, then Smile says so',
    steps: [
      [said('schedule_return', [product('bottle')]), [], 'loadAccount'],
      [accountOf({}, moreOrders), ['return.already_returned'], null, null],
    ],
  },
  {
    name: 'when the named item is a hygiene product and it was opened, then Smile asks first, quotes the condition and offers a person',
    steps: [
      [said('schedule_return', [product('diapers')]), [], 'loadAccount'],
      [account(), ['return.ask_opened'], null, 'opened'],
      [said('out_of_scope', [], "yes, we've opened it"), ['return.not_returnable'], null, 'confirmation'],
      [said('affirm'), [], { type: 'escalate', reason: 'dead_end' }],
    ],
  },
  {
    name: 'when the named hygiene product is unopened, then Smile says it can go back and offers the person who books it',
    steps: [
      [said('schedule_return', [product('diapers')]), [], 'loadAccount'],
      [account(), ['return.ask_opened'], null, 'opened'],
      [said('deny', [], 'no'), ['return.unopened'], null, 'confirmation'],
      [said('affirm'), [], { type: 'escalate', reason: 'dead_end' }],
    ],
  },
  {
    name: 'when the customer answers "have you opened it?" with the unopened button, then it is unopened, not a no to the return',
    steps: [
      [said('schedule_return', [product('diapers')]), [], 'loadAccount'],
      [account(), ['return.ask_opened'], null, 'opened'],
      [said('out_of_scope', [], "It's unopened"), ['return.unopened'], null, 'confirmation'],
    ],
  },
  {
    name: 'when the customer says something else at "have you opened it?", then it is asked again and nothing is refused',
    steps: [
      [said('schedule_return', [product('diapers')]), [], 'loadAccount'],
      [account(), ['return.ask_opened'], null, 'opened'],
      [said('out_of_scope', [], 'hmm'), ['not_understood.in_flow', 'return.ask_opened'], null, 'opened'],
    ],
  },
  {
    name: 'when the return window of the named item has closed, then Smile gives the date and offers a person',
    steps: [
      [said('schedule_return', [product('lamp')]), [], 'loadAccount'],
      [accountOf({}, moreOrders), ['return.window_closed'], null, 'confirmation'],
    ],
  },
  {
    name: 'when nothing can be returned, then Smile says so and offers a person',
    steps: [
      [said('schedule_return'), [], 'loadAccount'],
      [account((o) => o.id !== 'o-shoes'), ['return.nothing_returnable'], null, 'confirmation'],
      [said('affirm'), [], { type: 'escalate', reason: 'dead_end' }],
    ],
  },
  {
    name: 'when no drop-off point is near, then Smile says so and offers a person',
    steps: [
      [said('schedule_return', [product('shoes'), reasonGiven('size'), placeNamed('convenience_store')]), [], 'loadAccount'],
      [account(), [], { type: 'loadPickupPoints', pointType: 'convenience_store' }],
      [pickupPoints([]), ['place.no_points'], null, 'confirmation'],
    ],
  },
  {
    name: 'when the customer asks for a person at the reason question and a person is there, then the return ends and is not asked again',
    steps: [
      [said('schedule_return', [product('shoes')]), [], 'loadAccount'],
      [account(), ['return.ask_reason'], null, 'reason'],
      [said('human_handoff'), [], { type: 'escalate', reason: 'customer_request' }],
      [escalated(true), ['handoff.done'], null, null],
      [said('out_of_scope', [], 'the first one', { confidence: 0.4 }), ['not_understood'], null, null],
    ],
  },
  {
    name: 'when the customer asks for a person outside support hours, then the return ends too (the person picks it up)',
    steps: [
      [said('schedule_return', [product('shoes')]), [], 'loadAccount'],
      [account(), ['return.ask_reason'], null, 'reason'],
      [said('human_handoff'), [], 'escalate'],
      [escalated(false), ['handoff.queued_outside_hours'], null, null],
    ],
  },
  {
    name: 'when a person cannot be reached, then the return goes on where it was (nothing lost)',
    steps: [
      [said('schedule_return', [product('shoes')]), [], 'loadAccount'],
      [account(), ['return.ask_reason'], null, 'reason'],
      [said('human_handoff'), [], 'escalate'],
      [failed('escalate'), ['handoff.failed', 'resume', 'return.ask_reason'], null, 'reason'],
    ],
  },
];
