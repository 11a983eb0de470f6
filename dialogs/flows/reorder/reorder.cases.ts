import {
  account,
  codeChecked,
  failed,
  history,
  onDay,
  orders,
  partOfDay,
  placed,
  place,
  product,
  quantity,
  quoted,
  win,
} from '../../testing/fixtures.js';
import { said, type DialogCase } from '../../testing/case.js';
import { initialState } from '../../types.js';
import { nudgeFrame } from './steps.js';
import { promptOf } from '../../kit/turns.js';
import type { CatalogueProduct } from '../../../domain/commerce.js';
import type { Entity } from '../../../domain/understanding.js';
import type { Effect, EffectResult } from '../../types.js';

// Huggies Diapers were last bought one at a time at 47.99, delivered home; the earliest window quoted is Tue 24, 9-12.
const earliest = quoted(win(24, 9, 12));
const key = (qty: number, address = 'home'): string => `c:m1:placeOrder:diapers:${qty}:${address}`;
const diapers = (qty: number, address = 'home'): Effect => ({
  type: 'placeOrder',
  idempotencyKey: key(qty, address),
  request: { customerId: 'demo', items: [{ sku: 'diapers', quantity: qty }], shippingAddressId: address },
});
const done = (qty: number) => placed('diapers', qty, 47.99, 'Huggies Diapers, Size 2');
/** A speaker, and a profile that protects voice purchases with a code. */
const voice: Pick<DialogCase, 'ctx'> = { ctx: { voice: true } };
const withCode = history({ customer: { voicePurchaseCode: true } });

// The shop's variants of the diapers: size 3 in stock, size 5 sold out (4 and 3 are nearest).
const variant = (size: string, text = `size ${size}`): Entity => ({ type: 'variant', value: { size }, text, start: 0, end: text.length });
const diapersIn = (size: number): CatalogueProduct => ({
  sku: `diapers-${size}`,
  name: `Huggies Diapers, Size ${size}`,
  family: 'Huggies Diapers',
  variant: { size: String(size) },
  unitPrice: 49.99,
  currency: 'USD',
  inStock: true,
});
const found = (match: CatalogueProduct | null, nearest: CatalogueProduct[] = []): EffectResult => ({ type: 'findVariant', ok: true, match, nearest });
const sized = (size: number, qty = 1): Partial<Effect> => ({
  type: 'placeOrder',
  request: { customerId: 'demo', items: [{ sku: `diapers-${size}`, quantity: qty }], shippingAddressId: 'home' },
});

// A reorder nudge Smile sent (issue 14): the diapers run out on the 25th; usually one at 47.99, earliest Tue 24, 9–12.
const nudgeShown = nudgeFrame('nudge_1', {
  kind: 'reorder_nudge',
  sku: 'diapers',
  name: 'Huggies Diapers, Size 2',
  quantity: 1,
  unitPrice: 47.99,
  currency: 'USD',
  dueAt: '2026-11-25T20:00:00Z',
  window: { start: '2026-11-24T09:00:00-08:00', end: '2026-11-24T12:00:00-08:00' },
});
const nudged = { from: { ...initialState(), stack: [nudgeShown], lastSaid: promptOf(nudgeShown) } };
const nudgeKey = (qty: number): string => `c:nudge_1:placeOrder:diapers:${qty}:home`;

export const reorderCases: DialogCase[] = [
  {
    name: 'when the customer answers a reorder nudge with yes, then the reorder is confirmed first, and yes places it under the nudge’s key',
    ...nudged,
    steps: [
      [said('affirm', [], 'yes'), [], { type: 'loadCustomer', customerId: 'demo' }],
      [history(), [], 'quoteDelivery'],
      [earliest, ['reorder.confirm'], null, 'confirmation'],
      [said('affirm', [], 'yes'), [], { type: 'placeOrder', idempotencyKey: nudgeKey(1) }],
      [done(1), ['reorder.placed'], null, null],
    ],
  },
  {
    name: 'when the customer answers a reorder nudge with another quantity, then that quantity is confirmed',
    ...nudged,
    steps: [
      [said('affirm', [quantity(3)], 'yes, 3 please'), [], 'loadCustomer'],
      [history(), [], 'quoteDelivery'],
      [earliest, ['reorder.confirm'], null, 'confirmation'],
      [said('affirm', [], 'yes'), [], { type: 'placeOrder', idempotencyKey: nudgeKey(3) }],
    ],
  },
  {
    name: 'when the customer answers a reorder nudge with no, then nothing is ordered or saved',
    ...nudged,
    steps: [[said('deny', [], 'no'), ['reorder.declined'], null, null]],
  },
  {
    name: 'when the customer says "not now" / "remind me next week" to a nudge, then it is put off (3 / 7 days) and said until when',
    ...nudged,
    steps: [
      [said('deny', [], 'not now'), [], { type: 'snoozeNudge', customerId: 'demo', sku: 'diapers', until: '2026-11-25T20:00:00.000Z' }],
      [{ type: 'snoozeNudge', ok: true, until: '2026-11-25T20:00:00.000Z' }, ['nudge.snoozed'], null, null],
    ],
  },
  {
    name: 'when the customer says "다음 주에 알려줘" to a nudge, then it is put off a week',
    ...nudged,
    steps: [
      [said('out_of_scope', [], '다음 주에 알려줘'), [], { type: 'snoozeNudge', sku: 'diapers', until: '2026-11-29T20:00:00.000Z' }],
      [{ type: 'snoozeNudge', ok: true, until: '2026-11-29T20:00:00.000Z' }, ['nudge.snoozed'], null, null],
    ],
  },
  {
    name: 'when the customer says "stop suggesting this" to a nudge, then it stops for that product (stop does not end it as a plain stop would)',
    ...nudged,
    steps: [
      [said('stop', [], 'stop suggesting this'), [], { type: 'stopNudge', customerId: 'demo', sku: 'diapers' }],
      [{ type: 'stopNudge', ok: true }, ['nudge.stopped'], null, null],
    ],
  },
  {
    name: 'when saving the answer to a nudge fails, then the customer hears so and nothing else happens',
    ...nudged,
    steps: [
      [said('out_of_scope', [], '이거 그만 추천해'), [], 'stopNudge'],
      [{ type: 'stopNudge', ok: false, code: 'store_unavailable', transient: true }, ['nudge.failed'], null, null],
    ],
  },
  {
    name: 'when the customer passes a nudge by with another request, then the nudge lapses and the request is handled',
    ...nudged,
    steps: [
      [said('cancel_order', [product('brush')], 'cancel the brush heads'), [], 'loadAccount'],
      [account(), ['cancel.confirm'], null, 'confirmation'],
      [said('deny', [], 'no'), ['cancel.declined'], null, null],
      // The nudge is gone: a "yes" now has nothing to answer, and orders nothing.
      [said('affirm', [], 'yes'), ['ack'], null],
    ],
  },
  {
    name: 'when the customer asks to hear a nudge again, then it is asked again with its answers',
    ...nudged,
    steps: [[said('out_of_scope', [], 'say that again', { command: 'repeat' }), ['nudge.reorder'], null, 'confirmation']],
  },
  {
    name: 'when the customer asks for another size of a bought product, then the catalogue is asked for it and that variant is ordered',
    steps: [
      [said('reorder', [product('diapers'), variant('3')]), [], 'loadCustomer'],
      [history(), [], { type: 'findVariant', customerId: 'demo', name: 'Huggies Diapers, Size 2', variant: { size: '3' } }],
      [found(diapersIn(3)), [], 'quoteDelivery'],
      [earliest, ['reorder.confirm'], null, 'confirmation'],
      [said('affirm'), [], sized(3)],
    ],
  },
  {
    name: 'when the size asked for is sold out, then Smile says so, offers the nearest, and yes orders the nearest',
    steps: [
      [said('reorder', [product('diapers'), variant('5')]), [], 'loadCustomer'],
      [history(), [], 'findVariant'],
      [found(null, [diapersIn(4), diapersIn(3)]), ['reorder.variant_unavailable'], null, 'confirmation'],
      [said('affirm'), [], 'quoteDelivery'],
      [earliest, ['reorder.confirm'], null, 'confirmation'],
      [said('affirm'), [], sized(4)],
    ],
  },
  {
    name: 'when the size is sold out and the customer says no, then nothing is ordered',
    steps: [
      [said('reorder', [product('diapers'), variant('5')]), [], 'loadCustomer'],
      [history(), [], 'findVariant'],
      [found(null, [diapersIn(4)]), ['reorder.variant_unavailable'], null, 'confirmation'],
      [said('deny'), ['reorder.declined'], null, null],
    ],
  },
  {
    name: 'when the customer names a size at the confirmation, then the variant is looked up and confirmed again with the quantity kept',
    steps: [
      [said('reorder', [product('diapers'), quantity(2)]), [], 'loadCustomer'],
      [history(), [], 'quoteDelivery'],
      [earliest, ['reorder.confirm'], null],
      [said('reorder', [variant('3')], 'make it size 3'), [], 'findVariant'],
      [found(diapersIn(3)), [], 'quoteDelivery'],
      [earliest, ['reorder.confirm'], null, 'confirmation'],
      [said('affirm'), [], sized(3, 2)],
    ],
  },
  {
    name: 'when the catalogue cannot be reached for a variant, then Smile apologises and orders nothing',
    steps: [
      [said('reorder', [product('diapers'), variant('3')]), [], 'loadCustomer'],
      [history(), [], 'findVariant'],
      [failed('findVariant'), ['reorder.context_failed'], null, 'confirmation'],
    ],
  },
  {
    name: 'when a bought product is named, then the last quantity is quoted home, confirmed first and ordered once on yes',
    steps: [
      [said('reorder', [product('diapers')]), [], 'loadCustomer'],
      [history(), [], 'quoteDelivery'],
      [earliest, ['reorder.confirm'], null, 'confirmation'],
      [said('affirm'), [], diapers(1)],
      [done(1), ['reorder.placed'], null, null],
    ],
  },
  {
    name: 'when an order of the same product is still being checked with the shop, then Smile says so and offers no second order',
    steps: [
      [said('reorder', [product('diapers')]), [], 'loadCustomer'],
      [{ ...history(), pending: [{ sku: 'diapers', since: '2026-11-22T11:57:00Z' }] } as EffectResult, ['reorder.pending_same'], null, null],
      [said('affirm'), ['ack'], null, null],
    ],
  },
  {
    name: 'when the quantity asked is far above what the customer orders, then that is asked on its own before the order is confirmed',
    steps: [
      [said('reorder', [product('diapers'), quantity(30)]), [], 'loadCustomer'],
      [history(), [], 'quoteDelivery'],
      [earliest, ['reorder.confirm_quantity'], null, 'confirmation'],
      [said('affirm'), ['reorder.confirm'], null, 'confirmation'],
      [said('affirm'), [], diapers(30)],
    ],
  },
  {
    name: 'when the customer says no to an unusual quantity, then the usual quantity is confirmed instead',
    steps: [
      [said('reorder', [product('diapers'), quantity(30)]), [], 'loadCustomer'],
      [history(), [], 'quoteDelivery'],
      [earliest, ['reorder.confirm_quantity'], null, 'confirmation'],
      [said('deny'), ['reorder.quantity_usual', 'reorder.confirm'], null, 'confirmation'],
      [said('affirm'), [], diapers(1)],
    ],
  },
  {
    name: 'when the customer corrects to an unusual quantity at the confirmation ("make it twenty"), then that quantity is asked on its own',
    steps: [
      [said('reorder', [product('diapers')]), [], 'loadCustomer'],
      [history(), [], 'quoteDelivery'],
      [earliest, ['reorder.confirm'], null],
      [said('out_of_scope', [quantity(20)], 'make it twenty'), ['reorder.confirm_quantity'], null, 'confirmation'],
      [said('out_of_scope', [quantity(2)], 'make it two'), ['reorder.confirm'], null, 'confirmation'],
      [said('affirm'), [], diapers(2)],
    ],
  },
  {
    name: 'when the customer says no at the confirmation, then nothing is ordered',
    steps: [
      [said('reorder', [product('diapers')]), [], 'loadCustomer'],
      [history(), [], 'quoteDelivery'],
      [earliest, ['reorder.confirm'], null],
      [said('deny'), ['reorder.declined'], null, null],
    ],
  },
  {
    name: 'when the customer says stop at the confirmation, then the flow ends and nothing is ordered',
    steps: [
      [said('reorder', [product('diapers')]), [], 'loadCustomer'],
      [history(), [], 'quoteDelivery'],
      [earliest, ['reorder.confirm'], null],
      [said('stop'), ['stop.reorder'], null, null],
    ],
  },
  {
    name: 'when the customer says "no, make it three" at the confirmation, then only the quantity changes and three are ordered',
    steps: [
      [said('reorder', [product('diapers')]), [], 'loadCustomer'],
      [history(), [], 'quoteDelivery'],
      [earliest, ['reorder.confirm'], null],
      [said('deny', [quantity(3)], 'no, make it three'), ['reorder.confirm'], null, 'confirmation'],
      [said('affirm'), [], diapers(3)],
      [done(3), ['reorder.placed'], null, null],
    ],
  },
  {
    name: 'when the customer asks for the office at the confirmation, then it is quoted again there and ordered to the office',
    steps: [
      [said('reorder', [product('diapers')]), [], 'loadCustomer'],
      [history(), [], 'quoteDelivery'],
      [earliest, ['reorder.confirm'], null],
      [said('deny', [place('office')], 'send it to the office'), [], 'quoteDelivery'],
      [earliest, ['reorder.confirm'], null, 'confirmation'],
      [said('affirm'), [], diapers(1, 'office')],
    ],
  },
  {
    name: 'when the customer names another product at the confirmation, then the history is read again for it',
    steps: [
      [said('reorder', [product('diapers')]), [], 'loadCustomer'],
      [history(), [], 'quoteDelivery'],
      [earliest, ['reorder.confirm'], null],
      [said('reorder', [product('wipes')]), [], 'loadCustomer'],
      [history(), [], 'quoteDelivery'],
      [earliest, ['reorder.confirm'], null, 'confirmation'],
      [said('affirm'), [], { type: 'placeOrder', idempotencyKey: 'c:m1:placeOrder:wipes:1:home' }],
    ],
  },
  {
    name: 'when the customer wants another product as well at the confirmation, then it is added to the same order, confirmed in full, and placed once',
    steps: [
      [said('reorder', [product('diapers')]), [], 'loadCustomer'],
      [history(), [], 'quoteDelivery'],
      [earliest, ['reorder.confirm'], null],
      [said('reorder', [product('wipes')], 'also get me the wipes'), [], 'loadCustomer'],
      [history(), ['reorder.added', 'reorder.confirm.several'], null, 'confirmation'],
      [
        said('affirm'),
        [],
        {
          type: 'placeOrder',
          idempotencyKey: 'c:m1:placeOrder:diapers:1:home+wipes:1',
          request: {
            customerId: 'demo',
            items: [
              { sku: 'diapers', quantity: 1 },
              { sku: 'wipes', quantity: 1 },
            ],
            shippingAddressId: 'home',
          },
        },
      ],
    ],
  },
  {
    name: 'when the customer adds a product without a verb ("oh and the wipes too"), then it is added, not put in place of the one confirmed',
    steps: [
      [said('reorder', [product('diapers')]), [], 'loadCustomer'],
      [history(), [], 'quoteDelivery'],
      [earliest, ['reorder.confirm'], null],
      [said('schedule_return', [{ ...product('wipes'), start: 11 }], 'oh and the wipes too'), [], 'loadCustomer'],
      [history(), ['reorder.added', 'reorder.confirm.several'], null, 'confirmation'],
      // The same product again adds nothing more: the order is said as it stands.
      [said('out_of_scope', [product('wipes')], 'and the wipes too'), ['reorder.confirm.several'], null, 'confirmation'],
      [said('deny'), ['reorder.declined'], null, null],
    ],
  },
  {
    name: 'when the customer adds a product with 도 and a quantity ("물티슈도 2개요"), then that quantity of it is added',
    steps: [
      [said('reorder', [product('diapers')]), [], 'loadCustomer'],
      [history(), [], 'quoteDelivery'],
      [earliest, ['reorder.confirm'], null],
      [said('out_of_scope', [{ ...product('wipes'), text: '물티슈', end: 3 }, quantity(2)], '물티슈도 2개요'), [], 'loadCustomer'],
      [history(), ['reorder.added', 'reorder.confirm.several'], null, 'confirmation'],
      [said('affirm'), [], { type: 'placeOrder', idempotencyKey: 'c:m1:placeOrder:diapers:1:home+wipes:2' }],
    ],
  },
  {
    name: 'when the customer adds a product they never bought, then it is said and the order stays as it was',
    steps: [
      [said('reorder', [product('diapers')]), [], 'loadCustomer'],
      [history(), [], 'quoteDelivery'],
      [earliest, ['reorder.confirm'], null],
      [said('out_of_scope', [], 'oh and the shampoo too'), ['reorder.add_not_found', 'reorder.confirm'], null, 'confirmation'],
      [said('affirm'), [], { type: 'placeOrder', idempotencyKey: key(1) }],
    ],
  },
  {
    name: 'when the history cannot be read for a product added, then nothing is added and the order stands',
    steps: [
      [said('reorder', [product('diapers')]), [], 'loadCustomer'],
      [history(), [], 'quoteDelivery'],
      [earliest, ['reorder.confirm'], null],
      [said('reorder', [product('wipes')], 'plus the wipes'), [], 'loadCustomer'],
      [failed('loadCustomer'), ['reorder.add_failed', 'reorder.confirm'], null, 'confirmation'],
      [said('affirm'), [], { type: 'placeOrder', idempotencyKey: key(1) }],
    ],
  },
  {
    name: 'when the customer names another product without adding words, then it replaces the one confirmed (a correction)',
    steps: [
      [said('reorder', [product('diapers')]), [], 'loadCustomer'],
      [history(), [], 'quoteDelivery'],
      [earliest, ['reorder.confirm'], null],
      [said('reorder', [product('wipes')], 'actually the wipes instead'), [], 'loadCustomer'],
      [history(), [], 'quoteDelivery'],
      [earliest, ['reorder.confirm'], null, 'confirmation'],
      [said('affirm'), [], { type: 'placeOrder', idempotencyKey: 'c:m1:placeOrder:wipes:1:home' }],
    ],
  },
  {
    name: 'when the customer asks where an order is in the middle, then the answer comes and the reorder resumes under the same key',
    steps: [
      [said('reorder', [product('diapers')]), [], 'loadCustomer'],
      [history(), [], 'quoteDelivery'],
      [earliest, ['reorder.confirm'], null],
      [said('order_status'), [], 'loadAccount'],
      // Taken up again, the confirmation is re-read (price from the history, then the earliest window) before it is asked.
      [account(), ['status.header.many', 'status.line.shipped', 'status.line.placed', 'resume'], 'loadCustomer'],
      [history(), [], 'quoteDelivery'],
      [earliest, ['reorder.confirm'], null, 'confirmation'],
      [said('affirm'), [], diapers(1)],
    ],
  },
  {
    name: 'when the price and the earliest window changed during a digression, then both changes are said and the question asked again',
    steps: [
      [said('reorder', [product('diapers')]), [], 'loadCustomer'],
      [history(), [], 'quoteDelivery'],
      [earliest, ['reorder.confirm'], null],
      [said('order_status'), [], 'loadAccount'],
      [account(), ['status.header.many', 'status.line.shipped', 'status.line.placed', 'resume'], 'loadCustomer'],
      [
        history({ orders: orders.map((o) => ({ ...o, items: o.items.map((i) => (i.sku === 'diapers' ? { ...i, unitPrice: 52.49 } : i)) })) }),
        [],
        'quoteDelivery',
      ],
      [quoted(win(25, 9, 12)), ['pending.changed.price', 'pending.changed.window', 'reorder.confirm'], null, 'confirmation'],
      [said('affirm'), [], diapers(1)],
    ],
  },
  {
    name: 'when the re-read of a waiting confirmation fails, then nothing is ordered and a person is offered',
    steps: [
      [said('reorder', [product('diapers')]), [], 'loadCustomer'],
      [history(), [], 'quoteDelivery'],
      [earliest, ['reorder.confirm'], null],
      [said('order_status'), [], 'loadAccount'],
      [account(), ['status.header.many', 'status.line.shipped', 'status.line.placed', 'resume'], 'loadCustomer'],
      [failed('loadCustomer', false, 'not_found'), ['reorder.context_failed'], null, 'confirmation'],
      [said('affirm'), [], 'escalate'],
    ],
  },
  {
    name: 'when the order fails for a passing reason, then the confirmation stays open and yes retries under the same key',
    steps: [
      [said('reorder', [product('diapers')]), [], 'loadCustomer'],
      [history(), [], 'quoteDelivery'],
      [earliest, ['reorder.confirm'], null],
      [said('affirm'), [], diapers(1)],
      [failed('placeOrder'), ['reorder.failed_transient'], null, 'confirmation'],
      [said('affirm'), [], diapers(1)],
      [done(1), ['reorder.placed'], null, null],
    ],
  },
  {
    name: 'when the shop refuses the order, then Smile says so and offers a person',
    steps: [
      [said('reorder', [product('diapers')]), [], 'loadCustomer'],
      [history(), [], 'quoteDelivery'],
      [earliest, ['reorder.confirm'], null],
      [said('affirm'), [], 'placeOrder'],
      [failed('placeOrder', false, 'out_of_stock'), ['reorder.failed'], null, 'confirmation'],
      [said('affirm'), [], { type: 'escalate', reason: 'failed_effect' }],
    ],
  },
  {
    name: 'when nothing is named, then recent products are offered, and "the second one" picks one',
    steps: [
      [said('reorder'), [], 'loadCustomer'],
      [history(), ['reorder.ask_product.suggest'], null, 'product'],
      [said('out_of_scope', [], 'the second one'), [], 'loadCustomer'],
      [history(), [], 'quoteDelivery'],
      [earliest, ['reorder.confirm'], null, 'confirmation'],
      [said('affirm'), [], { type: 'placeOrder', idempotencyKey: 'c:m1:placeOrder:wipes:1:home' }],
    ],
  },
  {
    name: 'when something is running low, then it is offered first and picked by ordinal',
    steps: [
      [said('reorder'), [], 'loadCustomer'],
      [history({ suggestions: [{ sku: 'diapers', name: 'Huggies Diapers, Size 2' }] }), ['reorder.suggest_due'], null, 'product'],
      [said('out_of_scope', [], 'the first one'), [], 'loadCustomer'],
      [history(), [], 'quoteDelivery'],
      [earliest, ['reorder.confirm'], null, 'confirmation'],
      [said('affirm'), [], diapers(1)],
    ],
  },
  {
    name: 'when the named product was never bought, then Smile says so, offers the history, and another name is taken',
    steps: [
      [said('reorder', [product('shampoo')]), [], 'loadCustomer'],
      [history(), ['reorder.no_match'], null, 'product'],
      [said('reorder', [product('diapers')]), [], 'loadCustomer'],
      [history(), [], 'quoteDelivery'],
      [earliest, ['reorder.confirm'], null, 'confirmation'],
    ],
  },
  {
    name: 'when there is nothing to reorder from, then Smile says so',
    steps: [
      [said('reorder', [product('diapers')]), [], 'loadCustomer'],
      [history({ orders: orders.filter((o) => o.status === 'cancelled') }), ['reorder.no_history'], null, null],
    ],
  },
  {
    name: 'when no address of the asked-for place is saved, then it asks where, and "the second one" picks the office',
    steps: [
      [said('reorder', [product('diapers'), place('locker')]), [], 'loadCustomer'],
      [history(), ['reorder.no_address'], null, 'place'],
      [said('out_of_scope', [], 'the second one'), [], 'quoteDelivery'],
      [earliest, ['reorder.confirm'], null, 'confirmation'],
      [said('affirm'), [], diapers(1, 'office')],
    ],
  },
  {
    name: 'when a place without an address is asked for at the confirmation, then it asks where and quotes again',
    steps: [
      [said('reorder', [product('diapers')]), [], 'loadCustomer'],
      [history(), [], 'quoteDelivery'],
      [earliest, ['reorder.confirm'], null],
      [said('deny', [place('locker')], 'to a locker'), ['reorder.no_address'], null, 'place'],
      [said('out_of_scope', [], 'Home'), [], 'quoteDelivery'],
      [earliest, ['reorder.confirm'], null, 'confirmation'],
    ],
  },
  {
    name: 'when the customer has no address at all, then it asks where and an unclear answer asks again',
    steps: [
      [said('reorder', [product('diapers')]), [], 'loadCustomer'],
      [history({ customer: { addresses: [] } }), ['reorder.no_address'], null, 'place'],
      [said('out_of_scope', [], 'hmm'), ['not_understood.in_flow', 'reorder.no_address'], null, 'place'],
      // A bare "no" to "where should it go?" is not wanting to go on: the reorder stops, nothing is ordered.
      [said('deny'), ['stop.reorder'], null, null],
    ],
  },
  {
    name: 'when the history cannot be read, then Smile apologises and offers a person',
    steps: [
      [said('reorder', [product('diapers')]), [], 'loadCustomer'],
      [failed('loadCustomer'), ['reorder.context_failed'], null, 'confirmation'],
      [said('deny'), ['handoff.declined'], null, null],
    ],
  },
  {
    ...voice,
    name: 'when a speaker orders for a profile with a voice code, then the right code places the order once',
    steps: [
      [said('reorder', [product('diapers')]), [], 'loadCustomer'],
      [withCode, [], 'quoteDelivery'],
      [earliest, ['reorder.confirm'], null],
      [said('affirm'), ['reorder.ask_code'], null, 'voice_code'],
      [said('out_of_scope', [], '1 2 3 4'), [], { type: 'verifyVoiceCode', customerId: 'demo', code: '1234' }],
      [codeChecked(true), [], diapers(1)],
      [done(1), ['reorder.placed'], null, null],
    ],
  },
  {
    ...voice,
    name: 'when the voice code is wrong, then it asks again, and the right one then orders',
    steps: [
      [said('reorder', [product('diapers')]), [], 'loadCustomer'],
      [withCode, [], 'quoteDelivery'],
      [earliest, ['reorder.confirm'], null],
      [said('affirm'), ['reorder.ask_code'], null, 'voice_code'],
      [said('out_of_scope', [], '1111'), [], 'verifyVoiceCode'],
      [codeChecked(false), ['reorder.code_wrong'], null, 'voice_code'],
      [said('out_of_scope', [], 'one two three'), ['not_understood.in_flow', 'reorder.ask_code'], null, 'voice_code'],
      [said('out_of_scope', [], '1234'), [], 'verifyVoiceCode'],
      [codeChecked(true), [], diapers(1)],
    ],
  },
  {
    ...voice,
    name: 'when voice ordering is locked after wrong codes, then nothing is ordered',
    steps: [
      [said('reorder', [product('diapers')]), [], 'loadCustomer'],
      [withCode, [], 'quoteDelivery'],
      [earliest, ['reorder.confirm'], null],
      [said('affirm'), ['reorder.ask_code'], null, 'voice_code'],
      [said('out_of_scope', [], '9999'), [], 'verifyVoiceCode'],
      [codeChecked(false, '2026-11-22T20:15:00Z'), ['reorder.code_locked'], null, null],
    ],
  },
  {
    name: 'when the profile has a voice code but the customer types, then no code is asked',
    steps: [
      [said('reorder', [product('diapers')]), [], 'loadCustomer'],
      [withCode, [], 'quoteDelivery'],
      [earliest, ['reorder.confirm'], null],
      [said('affirm'), [], diapers(1)],
    ],
  },
  // Issue 10, reviewers' findings: a day asked with the reorder, and two products named apart in one request.
  {
    name: 'when the customer reorders for a day and a time of day, then the first free window then is confirmed, and the order is booked in it',
    steps: [
      [
        said('reorder', [product('diapers'), onDay('2026-11-25'), partOfDay('evening')], 'reorder the diapers, wednesday evening'),
        [],
        'loadCustomer',
      ],
      [history(), [], 'quoteDelivery'],
      [quoted(win(24, 9, 12), win(25, 9, 12), win(25, 18, 21)), ['reorder.confirm'], null, 'confirmation'],
      [said('affirm', [], 'yes'), [], { type: 'placeOrder', window: win(25, 18, 21) }],
    ],
  },
  {
    name: 'when the customer names another day at the reorder confirmation, then it is quoted again for that day (no delivery is moved)',
    steps: [
      [said('reorder', [product('diapers')], 'reorder the diapers'), [], 'loadCustomer'],
      [history(), [], 'quoteDelivery'],
      [earliest, ['reorder.confirm'], null, 'confirmation'],
      [said('change_delivery_slot', [onDay('2026-11-27')], 'not tuesday, friday'), [], 'quoteDelivery'],
      [quoted(win(24, 9, 12), win(27, 9, 12)), ['reorder.confirm'], null, 'confirmation'],
      [said('affirm', [], 'yes'), [], { type: 'placeOrder', window: win(27, 9, 12) }],
    ],
  },
  {
    name: 'when nothing is said of when, then the order carries no window of its own (the shop books the earliest)',
    steps: [
      [said('reorder', [product('diapers')], 'reorder the diapers'), [], 'loadCustomer'],
      [history(), [], 'quoteDelivery'],
      [earliest, ['reorder.confirm'], null, 'confirmation'],
      [said('affirm', [], 'yes'), [], diapers(1)],
    ],
  },
  {
    name: 'when two products are named apart with their own quantities, then one order of both is confirmed (never "which one?")',
    steps: [
      [
        said(
          'reorder',
          [
            { type: 'product', value: 'diapers', text: 'diapers', start: 10, end: 17, score: 0.8 },
            { type: 'product', value: 'wipes', text: 'wipes', start: 26, end: 31, score: 0.8 },
            { type: 'quantity', value: 2, text: '2', start: 8, end: 9 },
            { type: 'quantity', value: 3, text: 'three', start: 20, end: 25 },
          ],
          'reorder 2 diapers and three wipes',
        ),
        [],
        'loadCustomer',
      ],
      [history(), [], 'quoteDelivery'],
      [earliest, ['reorder.confirm.several'], null, 'confirmation'],
      [
        said('affirm', [], 'yes'),
        [],
        {
          type: 'placeOrder',
          request: {
            customerId: 'demo',
            shippingAddressId: 'home',
            items: [
              { sku: 'diapers', quantity: 2 },
              { sku: 'wipes', quantity: 3 },
            ],
          },
        },
      ],
    ],
  },
];
