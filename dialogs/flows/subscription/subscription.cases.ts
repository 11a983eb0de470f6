import type { Subscription } from '../../../domain/subscriptions.js';
import type { Entity, Interval, SubscriptionAction } from '../../../domain/understanding.js';
import { account, customer, failed, NOW, orders, place, priced, product, quantity } from '../../testing/fixtures.js';
import { said, type DialogCase } from '../../testing/case.js';
import { promptOf } from '../../kit/turns.js';
import { initialState } from '../../types.js';
import { reminderFrame } from './steps.js';
import type { Effect, EffectResult } from '../../types.js';
import type { CreateSubscriptionRequest } from '../../../domain/subscriptions.js';

// "Now" is Sunday Nov 22 2026, 12:00 in Los Angeles: tomorrow is Nov 23.
const span = (text: string) => ({ text, start: 0, end: text.length });
const every = (everyDays: number, monthlyOn?: Interval['monthlyOn']): Entity => ({
  type: 'interval',
  value: { everyDays, ...(monthlyOn ? { monthlyOn } : {}) },
  ...span('every'),
});
const action = (value: SubscriptionAction): Entity => ({ type: 'subscription_action', value, ...span(value) });
const dawn: Entity = { type: 'time_window', value: { part: 'dawn' }, ...span('dawn') };
const onDay = (on: string): Entity => ({ type: 'date', value: { on }, ...span(on) });

const sub = (over: Partial<Subscription> = {}): Subscription => ({
  id: 'sub-wipes',
  customerId: 'demo',
  sku: 'wipes',
  name: 'Pampers Wipes',
  quantity: 1,
  everyDays: 28,
  nextDate: '2026-11-24',
  status: 'active',
  place: { addressId: 'home', type: 'home', label: 'Home' },
  delivery: 'standard',
  unitPrice: 24.99,
  currency: 'USD',
  createdAt: NOW,
  ...over,
});
const loaded = (...subscriptions: Subscription[]): EffectResult => ({ type: 'loadSubscriptions', ok: true, customer, orders, subscriptions });
const created = (over: Partial<Subscription> = {}): EffectResult => ({
  type: 'createSubscription',
  ok: true,
  subscription: sub({ id: 'sub-new', ...over }),
});
const changed = (over: Partial<Subscription> = {}): EffectResult => ({ type: 'changeSubscription', ok: true, subscription: sub(over) });
const createKey = 'c:m1:subscription:create';
/** The shop's price of one delivery of a new subscription (its fee included), read before it is confirmed. */
const shopPrice = priced([]);
/** The subscription asked for, in part (the case checks the parts named). */
const creating = (request: Partial<CreateSubscriptionRequest>): Partial<Effect> => ({ type: 'createSubscription', request }) as Partial<Effect>;

// A reminder Smile sent two days before the wipes' cycle of Nov 24 (app/jobs/subscription-orders.ts).
const reminderShown = reminderFrame('ntc_reminder', {
  kind: 'subscription_skip',
  subscriptionId: 'sub-wipes',
  name: 'Pampers Wipes',
  quantity: 1,
  cycleDate: '2026-11-24',
});
const reminded = { from: { ...initialState(), stack: [reminderShown], lastSaid: promptOf(reminderShown) } };
const skipCycle: Partial<Effect> = {
  type: 'changeSubscription',
  subscriptionId: 'sub-wipes',
  change: { kind: 'skip', cycleDate: '2026-11-24' },
  idempotencyKey: 'subscription:sub-wipes:skip:2026-11-24',
};

export const subscriptionCases: DialogCase[] = [
  {
    name: 'when a reminder is answered with a plain yes, then that cycle is skipped at once under the cycle’s key (the reminder was the question)',
    ...reminded,
    steps: [
      [said('affirm', [], 'yes'), [], skipCycle],
      [changed({ nextDate: '2026-12-22' }), ['sub.done.skip'], null, null],
    ],
  },
  {
    name: 'when a reminder is answered "skip it", then that cycle is skipped under the same key as a yes',
    ...reminded,
    steps: [[said('manage_subscription', [action('skip')], 'skip it'), [], skipCycle]],
  },
  {
    name: 'when a reminder is answered no, then nothing is changed and the delivery goes ahead',
    ...reminded,
    steps: [[said('deny', [], 'no'), ['sub.reminder.kept'], null, null]],
  },
  {
    name: 'when the skip after a reminder cannot be saved, then the customer is offered a try again, and yes sends the same skip',
    ...reminded,
    steps: [
      [said('affirm', [], 'yes'), [], skipCycle],
      [{ type: 'changeSubscription', ok: false, code: 'dependency_unavailable', transient: true }, ['failure.retry'], null, 'confirmation'],
      [said('affirm', [], 'yes'), [], skipCycle],
    ],
  },
  {
    name: 'when another subscription request follows a reminder, then the question lapses and the request is taken on its own',
    ...reminded,
    steps: [
      [said('manage_subscription', [action('list')], 'what subscriptions do I have'), [], 'loadSubscriptions'],
      [loaded(sub()), ['sub.list.intro', 'sub.list.active'], null, null],
    ],
  },
  {
    name: 'when a product and an interval are named, then the subscription is confirmed first and started once on yes',
    steps: [
      [said('manage_subscription', [product('shoes'), every(28), action('start')]), [], 'loadSubscriptions'],
      [loaded(), [], 'quoteOrder'],
      [shopPrice, ['sub.confirm.create'], null, 'confirmation'],
      [
        said('affirm'),
        [],
        {
          type: 'createSubscription',
          idempotencyKey: createKey,
          request: {
            customerId: 'demo',
            sku: 'shoes',
            quantity: 1,
            everyDays: 28,
            firstDate: '2026-11-23',
            shippingAddressId: 'home',
            delivery: 'standard',
          },
        },
      ],
      [created({ sku: 'shoes', nextDate: '2026-11-23' }), ['sub.done.create'], null, null],
    ],
  },
  {
    name: 'when "the first Saturday of each month" is asked, then the first delivery is the first Saturday from tomorrow',
    steps: [
      [said('manage_subscription', [product('diapers'), every(30, { week: 1, weekday: 6 })]), [], 'loadSubscriptions'],
      [loaded(), [], 'quoteOrder'],
      [shopPrice, ['sub.confirm.create'], null, 'confirmation'],
      [said('affirm'), [], creating({ monthlyOn: { week: 1, weekday: 6 }, firstDate: '2026-12-05' })],
    ],
  },
  {
    name: 'when no interval is said, then Smile asks how often, and "every other week" answers it',
    steps: [
      [said('manage_subscription', [product('diapers'), action('start')]), [], 'loadSubscriptions'],
      [loaded(), ['sub.ask_interval'], null, 'interval'],
      [said('out_of_scope', [every(14)], 'every other week'), [], 'quoteOrder'],
      [shopPrice, ['sub.confirm.create'], null, 'confirmation'],
      [said('affirm'), [], creating({ sku: 'diapers', everyDays: 14 })],
    ],
  },
  {
    name: 'when no product is named, then Smile offers products bought before and "the first one" picks one',
    steps: [
      [said('manage_subscription', [every(7), action('start')]), [], 'loadSubscriptions'],
      [loaded(), ['sub.which_product'], null, 'product'],
      [said('out_of_scope', [], 'the first one'), [], 'quoteOrder'],
      [shopPrice, ['sub.confirm.create'], null, 'confirmation'],
    ],
  },
  {
    name: 'when the customer corrects the quantity, the address and asks for dawn delivery at the confirmation, then it is asked again with them',
    steps: [
      [said('manage_subscription', [product('diapers'), every(14)]), [], 'loadSubscriptions'],
      [loaded(), [], 'quoteOrder'],
      [shopPrice, ['sub.confirm.create'], null, 'confirmation'],
      [said('deny', [quantity(3)], 'no, make it three'), [], 'quoteOrder'],
      [shopPrice, ['sub.confirm.create'], null, 'confirmation'],
      [said('change_delivery_place', [place('office')], 'to my office'), [], 'quoteOrder'],
      [shopPrice, ['sub.confirm.create'], null, 'confirmation'],
      [said('change_delivery_slot', [dawn], 'dawn delivery'), [], 'quoteOrder'],
      [shopPrice, ['sub.confirm.create'], null, 'confirmation'],
      [said('affirm'), [], creating({ quantity: 3, shippingAddressId: 'office', delivery: 'dawn' })],
    ],
  },
  {
    name: 'when the shop does not offer dawn delivery for the product, then Smile says so and asks again with standard delivery',
    steps: [
      [said('manage_subscription', [product('diapers'), every(14), dawn]), [], 'loadSubscriptions'],
      [loaded(), [], 'quoteOrder'],
      [shopPrice, ['sub.confirm.create'], null],
      [said('affirm'), [], creating({ delivery: 'dawn' })],
      [failed('createSubscription', false, 'dawn_unavailable'), ['sub.dawn_unavailable', 'sub.confirm.create'], null, 'confirmation'],
      [said('affirm'), [], creating({ delivery: 'standard' })],
    ],
  },
  {
    name: 'when the customer says no at the confirmation, then nothing is started',
    steps: [
      [said('manage_subscription', [product('diapers'), every(14)]), [], 'loadSubscriptions'],
      [loaded(), [], 'quoteOrder'],
      [shopPrice, ['sub.confirm.create'], null],
      [said('deny'), ['sub.declined'], null, null],
    ],
  },
  {
    name: 'when the customer says stop at the confirmation, then the flow ends and nothing changes',
    steps: [
      [said('manage_subscription', [product('diapers'), every(14)]), [], 'loadSubscriptions'],
      [loaded(), [], 'quoteOrder'],
      [shopPrice, ['sub.confirm.create'], null],
      [said('stop'), ['stop.manage_subscription'], null, null],
    ],
  },
  {
    name: 'when the customer asks where an order is at the confirmation, then the answer comes and the subscription resumes',
    steps: [
      [said('manage_subscription', [product('diapers'), every(14)]), [], 'loadSubscriptions'],
      [loaded(), [], 'quoteOrder'],
      [shopPrice, ['sub.confirm.create'], null],
      [said('order_status', [product('wipes')]), [], 'loadAccount'],
      // Taken up again, the subscriptions are re-read before it is asked (one made elsewhere meanwhile? the same price?).
      [account(), ['status.line.shipped', 'resume'], 'loadSubscriptions'],
      // The same price: the shop's quote stands and is not asked again.
      [loaded(), ['sub.confirm.create'], null, 'confirmation'],
      [said('affirm'), [], 'createSubscription'],
    ],
  },
  {
    name: 'when the subscription is changed elsewhere during a digression, then that is said and the pause asked again on it as it is',
    steps: [
      [said('manage_subscription', [action('pause')]), [], 'loadSubscriptions'],
      [loaded(sub()), ['sub.confirm.pause'], null, 'confirmation'],
      [said('order_status', [product('wipes')]), [], 'loadAccount'],
      [account(), ['status.line.shipped', 'resume'], 'loadSubscriptions'],
      [loaded(sub({ quantity: 2 })), ['pending.changed.subscription', 'sub.confirm.pause'], null, 'confirmation'],
      [said('affirm'), [], { type: 'changeSubscription', change: { kind: 'patch', patch: { status: 'paused' } } }],
    ],
  },
  {
    name: 'when the subscription is paused elsewhere during a digression, then that is said and nothing is asked again',
    steps: [
      [said('manage_subscription', [action('pause')]), [], 'loadSubscriptions'],
      [loaded(sub()), ['sub.confirm.pause'], null, 'confirmation'],
      [said('order_status', [product('wipes')]), [], 'loadAccount'],
      [account(), ['status.line.shipped', 'resume'], 'loadSubscriptions'],
      [loaded(sub({ status: 'paused' })), ['pending.changed.since', 'sub.already.paused'], null, null],
    ],
  },
  {
    name: 'when the same subscription is asked for again, then Smile says it already exists and starts nothing',
    steps: [
      [said('manage_subscription', [product('wipes'), every(28)]), [], 'loadSubscriptions'],
      [loaded(sub()), ['sub.exists'], null, null],
    ],
  },
  {
    name: 'when a subscribed product is asked for at another interval, then it is a change, confirmed first',
    steps: [
      [said('manage_subscription', [product('wipes'), every(14)]), [], 'loadSubscriptions'],
      [loaded(sub()), ['sub.confirm.change'], null, 'confirmation'],
      [
        said('affirm'),
        [],
        {
          type: 'changeSubscription',
          subscriptionId: 'sub-wipes',
          change: { kind: 'patch', patch: { everyDays: 14 } },
          idempotencyKey: 'c:m1:subscription:sub-wipes:patch',
        },
      ],
      [changed({ everyDays: 14 }), ['sub.done.change'], null, null],
    ],
  },
  {
    name: 'when the customer asks what subscriptions they have, then each is listed',
    steps: [
      [said('manage_subscription', [action('list')]), [], 'loadSubscriptions'],
      [
        loaded(sub(), sub({ id: 'sub-2', sku: 'brush', name: 'Sonicare Brush Heads', status: 'paused' })),
        ['sub.list.intro', 'sub.list.active', 'sub.list.paused'],
        null,
        null,
      ],
    ],
  },
  {
    name: 'when there are no subscriptions to list, then Smile says how to start one',
    steps: [
      [said('manage_subscription', [action('list')]), [], 'loadSubscriptions'],
      [loaded(sub({ status: 'cancelled' })), ['sub.list.none'], null, null],
    ],
  },
  {
    name: 'when the next delivery is skipped, then it is confirmed and skipped under a key of that cycle',
    steps: [
      [said('manage_subscription', [action('skip')], 'skip the next one'), [], 'loadSubscriptions'],
      [loaded(sub()), ['sub.confirm.skip'], null, 'confirmation'],
      [
        said('affirm'),
        [],
        { type: 'changeSubscription', change: { kind: 'skip', cycleDate: '2026-11-24' }, idempotencyKey: 'subscription:sub-wipes:skip:2026-11-24' },
      ],
      [changed({ nextDate: '2026-12-22' }), ['sub.done.skip'], null, null],
    ],
  },
  {
    name: 'when "yes, skip" answers the reminder of a cycle two days away, then it is skipped without asking again',
    steps: [
      [said('manage_subscription', [action('skip')], 'yes, skip'), [], 'loadSubscriptions'],
      [loaded(sub()), [], { type: 'changeSubscription', change: { kind: 'skip', cycleDate: '2026-11-24' } }],
      [changed({ nextDate: '2026-12-22' }), ['sub.done.skip'], null, null],
    ],
  },
  {
    name: 'when "yes, skip" comes but the next cycle is far off, then the skip is confirmed first',
    steps: [
      [said('manage_subscription', [action('skip')], 'yes, skip'), [], 'loadSubscriptions'],
      [loaded(sub({ nextDate: '2026-12-10' })), ['sub.confirm.skip'], null, 'confirmation'],
    ],
  },
  {
    name: 'when it is paused and then resumed, then each is confirmed and sent once',
    steps: [
      [said('manage_subscription', [action('pause')]), [], 'loadSubscriptions'],
      [loaded(sub()), ['sub.confirm.pause'], null, 'confirmation'],
      [said('affirm'), [], { type: 'changeSubscription', change: { kind: 'patch', patch: { status: 'paused' } } }],
      [changed({ status: 'paused' }), ['sub.done.pause'], null, null],
      [said('manage_subscription', [action('resume')]), [], 'loadSubscriptions'],
      [loaded(sub({ status: 'paused', nextDate: '2026-11-10' })), ['sub.confirm.resume'], null, 'confirmation'],
      [said('affirm'), [], { type: 'changeSubscription', change: { kind: 'patch', patch: { status: 'active' } } }],
      [changed({ nextDate: '2026-12-08' }), ['sub.done.resume'], null, null],
    ],
  },
  {
    name: 'when an already paused subscription is paused again, then Smile says so and changes nothing',
    steps: [
      [said('manage_subscription', [action('pause')]), [], 'loadSubscriptions'],
      [loaded(sub({ status: 'paused' })), ['sub.already.paused'], null, null],
    ],
  },
  {
    name: 'when a change names nothing to change, then Smile asks what, and "to my office" answers it',
    steps: [
      [said('manage_subscription', [action('change')], 'change my subscription'), [], 'loadSubscriptions'],
      [loaded(sub()), ['sub.ask_change'], null, 'change'],
      [said('change_delivery_place', [place('office')], 'to my office'), ['sub.confirm.change'], null, 'confirmation'],
      [said('affirm'), [], { type: 'changeSubscription', change: { kind: 'patch', patch: { shippingAddressId: 'office' } } }],
    ],
  },
  {
    name: 'when the day is changed, then the next delivery moves to it',
    steps: [
      [said('manage_subscription', [action('change'), onDay('2026-11-28')]), [], 'loadSubscriptions'],
      [loaded(sub()), ['sub.confirm.change'], null, 'confirmation'],
      [said('affirm'), [], { type: 'changeSubscription', change: { kind: 'patch', patch: { nextDate: '2026-11-28' } } }],
    ],
  },
  {
    name: 'when two subscriptions could be meant, then Smile asks which, and naming the product picks it',
    steps: [
      [said('manage_subscription', [action('cancel')]), [], 'loadSubscriptions'],
      [loaded(sub(), sub({ id: 'sub-2', sku: 'brush', name: 'Sonicare Brush Heads' })), ['sub.which'], null, 'subscription'],
      [said('manage_subscription', [product('brush')], 'the brush heads'), ['sub.confirm.cancel'], null, 'confirmation'],
      [said('affirm'), [], { type: 'changeSubscription', subscriptionId: 'sub-2', change: { kind: 'patch', patch: { status: 'cancelled' } } }],
      [changed({ id: 'sub-2', status: 'cancelled' }), ['sub.done.cancel'], null, null],
    ],
  },
  {
    name: 'when the change fails for a passing reason, then the confirmation stays open and yes retries under the same key',
    steps: [
      [said('manage_subscription', [action('cancel')]), [], 'loadSubscriptions'],
      [loaded(sub()), ['sub.confirm.cancel'], null],
      [said('affirm'), [], { type: 'changeSubscription', idempotencyKey: 'c:m1:subscription:sub-wipes:cancelled' }],
      [failed('changeSubscription'), ['failure.retry'], null, 'confirmation'],
      [said('affirm'), [], { type: 'changeSubscription', idempotencyKey: 'c:m1:subscription:sub-wipes:cancelled' }],
    ],
  },
  {
    name: 'when the subscriptions cannot be read, then Smile apologises and offers a person',
    steps: [
      [said('manage_subscription', [action('list')]), [], 'loadSubscriptions'],
      [failed('loadSubscriptions'), ['sub.failed'], null, 'confirmation'],
    ],
  },
];
