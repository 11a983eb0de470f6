import { account, accountOf, failed, orders, product } from '../../testing/fixtures.js';
import { said, type DialogCase } from '../../testing/case.js';
import type { EffectResult } from '../../types.js';

const brush = orders.find((o) => o.id === 'o-brush')!;
const cancelled = { type: 'cancelOrder', ok: true, order: { ...brush, status: 'cancelled' } } as const;
const key = 'c:m1:cancel:o-brush';
/** The account read again after the brush heads shipped. */
/** A second order not shipped yet: two orders that can still be cancelled. */
const tideToo = accountOf({}, [
  { ...orders.find((o) => o.id === 'o-brush')!, id: 'o-tide', items: [{ sku: 'tide', name: 'Tide Detergent', quantity: 1, unitPrice: 19.99 }] },
]);
/** Two open orders, both shipped. */
const twoShipped = {
  ...account((o) => o.id !== 'o-brush'),
  orders: [...orders.filter((o) => o.id !== 'o-brush'), { ...orders.find((o) => o.id === 'o-wipes')!, id: 'o-wipes-2' }],
} as EffectResult;
const shippedMeanwhile = { ...account(), orders: orders.map((o) => (o.id === 'o-brush' ? { ...o, status: 'shipped' as const } : o)) } as EffectResult;

export const cancelCases: DialogCase[] = [
  {
    name: 'when a placed order is named, then it is confirmed first and cancelled once on yes',
    steps: [
      [said('cancel_order', [product('brush')]), [], 'loadAccount'],
      [account(), ['cancel.confirm'], null, 'confirmation'],
      [said('affirm'), [], { type: 'cancelOrder', orderId: 'o-brush', idempotencyKey: key }],
      [cancelled, ['cancel.done'], null, null],
    ],
  },
  {
    name: 'when the customer names another product at the confirmation ("no, the wipes one"), then that order is looked up instead',
    steps: [
      [said('cancel_order', [product('brush')]), [], 'loadAccount'],
      [account(), ['cancel.confirm'], null, 'confirmation'],
      [said('deny', [product('wipes')], 'no, the wipes one'), [], { type: 'loadAccount' }],
      [account(), ['cancel.not_cancellable.shipped'], null, null],
    ],
  },
  {
    name: 'when the customer sets a product aside at the confirmation ("not the wipes"), then it is a no',
    steps: [
      [said('cancel_order', [product('brush')]), [], 'loadAccount'],
      [account(), ['cancel.confirm'], null, 'confirmation'],
      [said('deny', [{ ...product('wipes'), negated: true }], 'no, not the wipes'), ['cancel.declined'], null, null],
    ],
  },
  {
    name: 'when the customer says no at the confirmation, then nothing is cancelled',
    steps: [
      [said('cancel_order', [product('brush')]), [], 'loadAccount'],
      [account(), ['cancel.confirm'], null],
      [said('deny'), ['cancel.declined'], null, null],
    ],
  },
  {
    name: 'when the customer says stop at the confirmation, then the flow ends and nothing is cancelled',
    steps: [
      [said('cancel_order', [product('brush')]), [], 'loadAccount'],
      [account(), ['cancel.confirm'], null],
      [said('stop'), ['stop.cancel_order'], null, null],
    ],
  },
  {
    name: 'when the named order has shipped, then Smile says why and cancels nothing',
    steps: [
      [said('cancel_order', [product('wipes')]), [], 'loadAccount'],
      [account(), ['cancel.not_cancellable.shipped'], null, null],
    ],
  },
  {
    name: 'when one open order can still be cancelled and another has shipped, then that one is confirmed without asking which',
    steps: [
      [said('cancel_order'), [], 'loadAccount'],
      [account(), ['cancel.confirm'], null, 'confirmation'],
      [said('deny'), ['cancel.declined'], null, null],
    ],
  },
  {
    name: 'when every open order has shipped, then Smile says so at once and offers nothing to cancel',
    steps: [
      [said('cancel_order'), [], 'loadAccount'],
      [twoShipped, ['cancel.none_cancellable'], null, null],
    ],
  },
  {
    name: 'when several orders can be cancelled, then it asks which (shipped ones are not offered), and "the second one" picks one',
    steps: [
      [said('cancel_order'), [], 'loadAccount'],
      [tideToo, ['cancel.which'], null, 'order'],
      [said('out_of_scope', [], 'the second one'), ['cancel.confirm'], null, 'confirmation'],
    ],
  },
  {
    name: 'when the customer names another product while asked which, then the account is read again for it',
    steps: [
      [said('cancel_order'), [], 'loadAccount'],
      [tideToo, ['cancel.which'], null, 'order'],
      [said('cancel_order', [product('brush')]), [], 'loadAccount'],
      [account(), ['cancel.confirm'], null, 'confirmation'],
    ],
  },
  {
    name: 'when the cancellation fails for a passing reason, then the confirmation stays open and yes retries under the same key',
    steps: [
      [said('cancel_order', [product('brush')]), [], 'loadAccount'],
      [account(), ['cancel.confirm'], null],
      [said('affirm'), [], { type: 'cancelOrder', idempotencyKey: key }],
      [failed('cancelOrder'), ['failure.retry'], null, 'confirmation'],
      [said('affirm'), [], { type: 'cancelOrder', idempotencyKey: key }],
      [cancelled, ['cancel.done'], null],
    ],
  },
  {
    name: 'when the shop refuses the cancellation, then Smile says so and offers a person',
    steps: [
      [said('cancel_order', [product('brush')]), [], 'loadAccount'],
      [account(), ['cancel.confirm'], null],
      [said('affirm'), [], 'cancelOrder'],
      [failed('cancelOrder', false, 'conflict'), ['cancel.failed'], null, 'confirmation'],
      [said('affirm'), [], { type: 'escalate', reason: 'failed_effect' }],
    ],
  },
  {
    name: 'when the account cannot be read, then Smile apologises and offers a person',
    steps: [
      [said('cancel_order'), [], 'loadAccount'],
      [failed('loadAccount'), ['cancel.failed'], null, 'confirmation'],
      [said('deny'), ['handoff.declined'], null, null],
    ],
  },
  {
    name: 'when the customer asks where an order is in the middle, then the answer comes and the cancellation resumes',
    steps: [
      [said('cancel_order', [product('brush')]), [], 'loadAccount'],
      [account(), ['cancel.confirm'], null],
      [said('order_status', [product('wipes')]), [], 'loadAccount'],
      // Taken up again, the order is re-read before it is asked (has it shipped meanwhile?).
      [account(), ['status.line.shipped', 'resume'], 'loadAccount'],
      [account(), ['cancel.confirm'], null, 'confirmation'],
      [said('affirm'), [], 'cancelOrder'],
    ],
  },
  {
    name: 'when the order ships during a digression, then that is said and nothing is cancelled or asked again',
    steps: [
      [said('cancel_order', [product('brush')]), [], 'loadAccount'],
      [account(), ['cancel.confirm'], null],
      [said('order_status', [product('wipes')]), [], 'loadAccount'],
      [account(), ['status.line.shipped', 'resume'], 'loadAccount'],
      [shippedMeanwhile, ['pending.changed.since', 'cancel.not_cancellable.shipped'], null, null],
    ],
  },
  {
    name: 'when nothing is open, then Smile says so',
    steps: [
      [said('cancel_order'), [], 'loadAccount'],
      [account((o) => o.status === 'delivered'), ['cancel.nothing_open'], null, null],
    ],
  },
];
