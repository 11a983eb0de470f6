import { account, failed, freeWindows, moved, onDay, partOfDay, product, shiftDays, win, windows } from '../../testing/fixtures.js';
import { said, type DialogCase } from '../../testing/case.js';
import type { Effect } from '../../types.js';
import type { Entity } from '../../../domain/understanding.js';
import { initialState } from '../../types.js';
import { promptOf } from '../../kit/turns.js';
import { delayOfferFrame } from './steps.js';

// The wipes are booked Mon Nov 23, 9-12 (the brush heads Tue 24, 9-12); "now" is Sunday Nov 22.
const tomorrowEvening = [product('wipes'), onDay('2026-11-23', 'tomorrow'), partOfDay('evening')];
const monEvening = win(23, 18, 21);
const friEvening = win(27, 18, 21);
const move = (window: { start: string; end: string }, shipmentId = 's-wipes'): Effect => ({
  type: 'updateShipments',
  shipmentIds: [shipmentId],
  patch: { window },
  idempotencyKey: `c:m1:slot:${shipmentId}:${window.start}`,
});

// A delay notice asked "pick another time?" for the brush heads, now Thu 26, 9–12 (issue 13).
const offerShown = delayOfferFrame('ntc_delay', {
  kind: 'delay_offer',
  shipmentId: 's-brush',
  name: 'Philips Sonicare Brush Heads',
  window: win(26, 9, 12),
});
// Runs of days as understanding reads them: "주말" / "this weekend" (Sat 28 – Sun 29), "다음 주" / "next week".
const days = (from: string, to: string, text: string): Entity => ({ type: 'date', value: { from, to }, text, start: 0, end: text.length });
const weekend = days('2026-11-28', '2026-11-29', '주말에');
const weekendWindows = [win(23, 9, 12), win(28, 9, 12), win(28, 13, 17), win(28, 18, 21), win(29, 9, 12), win(29, 13, 17), win(30, 9, 12)];

const offered = { from: { ...initialState(), stack: [offerShown], lastSaid: promptOf(offerShown) } };

export const deliverySlotCases: DialogCase[] = [
  {
    name: "when a delay notice is answered with yes, then that shipment's free windows are read without asking which delivery",
    ...offered,
    steps: [
      [said('affirm', [], 'yes'), [], { type: 'loadWindows', shipmentId: 's-brush' }],
      [windows(), ['slot.choose_any'], null, 'window'],
    ],
  },
  {
    name: 'when a delay notice is answered with a day and a time, then the window that fits is confirmed first',
    ...offered,
    steps: [
      [said('out_of_scope', [onDay('2026-11-27', 'friday'), partOfDay('evening')], 'friday evening'), [], 'loadWindows'],
      [windows(), ['slot.confirm'], null, 'confirmation'],
    ],
  },
  {
    name: 'when a delay notice is answered with no, then the new window is kept and nothing moves',
    ...offered,
    steps: [[said('deny', [], 'no'), ['slot.offer.kept'], null, null]],
  },
  {
    name: 'when a delivery and a time are named, then the one free window is confirmed first and moved once on yes',
    steps: [
      [said('change_delivery_slot', tomorrowEvening), [], 'loadAccount'],
      [account(), [], { type: 'loadWindows', shipmentId: 's-wipes' }],
      [windows(), ['slot.confirm'], null, 'confirmation'],
      [said('affirm'), [], move(monEvening)],
      [moved('s-wipes', monEvening), ['slot.done'], null, null],
    ],
  },
  {
    name: 'when the customer says no to the window, then other windows are offered, and "the first one" is confirmed',
    steps: [
      [said('change_delivery_slot', tomorrowEvening), [], 'loadAccount'],
      [account(), [], 'loadWindows'],
      [windows(), ['slot.confirm'], null],
      [said('deny'), ['slot.other_windows'], null, 'window'],
      [said('out_of_scope', [], 'the first one'), ['slot.confirm'], null, 'confirmation'],
      [said('affirm'), [], move(win(24, 9, 12))],
    ],
  },
  {
    name: 'when the customer says stop at the confirmation, then the flow ends and nothing moves',
    steps: [
      [said('change_delivery_slot', tomorrowEvening), [], 'loadAccount'],
      [account(), [], 'loadWindows'],
      [windows(), ['slot.confirm'], null],
      [said('stop'), ['stop.change_delivery_slot.kept'], null, null],
    ],
  },
  {
    name: 'when the customer says "undo that" right after a move, then the old window is re-read and offered back, and yes moves it back once',
    steps: [
      [said('change_delivery_slot', tomorrowEvening), [], 'loadAccount'],
      [account(), [], 'loadWindows'],
      [windows(), ['slot.confirm'], null],
      [said('affirm'), [], move(monEvening)],
      [moved('s-wipes', monEvening), ['slot.done'], null, null],
      [said('deny', [], 'hmm, no, undo that'), [], { type: 'loadWindows', shipmentId: 's-wipes' }],
      [windows(), ['slot.confirm'], null, 'confirmation'],
      [said('affirm'), [], move(win(23, 9, 12))],
    ],
  },
  {
    name: 'when the old window was taken meanwhile, then moving back says so and offers what is free, and nothing moves',
    steps: [
      [said('change_delivery_slot', tomorrowEvening), [], 'loadAccount'],
      [account(), [], 'loadWindows'],
      [windows(), ['slot.confirm'], null],
      [said('affirm'), [], move(monEvening)],
      [moved('s-wipes', monEvening), ['slot.done'], null, null],
      [said('stop', [], '되돌려 주세요'), [], 'loadWindows'],
      [windows(freeWindows.slice(1)), ['pending.changed.slot_taken', 'slot.choose_any'], null, 'window'],
    ],
  },
  {
    name: 'when the customer says "leave it as is" at the confirmation, then the time it keeps is said and nothing moves',
    steps: [
      [said('change_delivery_slot', tomorrowEvening), [], 'loadAccount'],
      [account(), [], 'loadWindows'],
      [windows(), ['slot.confirm'], null],
      [said('deny', [], 'no leave it as is'), ['stop.change_delivery_slot.kept'], null, null],
    ],
  },
  {
    name: 'when the customer moves on to something else after a move, then a later "undo that" no longer points at it',
    steps: [
      [said('change_delivery_slot', tomorrowEvening), [], 'loadAccount'],
      [account(), [], 'loadWindows'],
      [windows(), ['slot.confirm'], null],
      [said('affirm'), [], move(monEvening)],
      [moved('s-wipes', monEvening), ['slot.done'], null, null],
      [said('cancel_order', [product('brush')], 'cancel the brush heads'), [], 'loadAccount'],
      [said('stop', [], 'undo that'), ['stop.cancel_order'], null, null],
    ],
  },
  {
    name: 'when the customer says "no, friday evening" at the confirmation, then that window is confirmed instead and moved to',
    steps: [
      [said('change_delivery_slot', tomorrowEvening), [], 'loadAccount'],
      [account(), [], 'loadWindows'],
      [windows(), ['slot.confirm'], null],
      [said('deny', [onDay('2026-11-27', 'friday'), partOfDay('evening')], 'no, friday evening'), ['slot.confirm'], null, 'confirmation'],
      [said('affirm'), [], move(friEvening)],
      [moved('s-wipes', friEvening), ['slot.done'], null, null],
    ],
  },
  {
    name: 'when the customer asks where an order is in the middle, then the answer comes and the move resumes under the same key',
    steps: [
      [said('change_delivery_slot', tomorrowEvening), [], 'loadAccount'],
      [account(), [], 'loadWindows'],
      [windows(), ['slot.confirm'], null],
      [said('order_status'), [], 'loadAccount'],
      // Taken up again, the window chosen is checked to be still free before it is asked.
      [account(), ['status.header.many', 'status.line.shipped', 'status.line.placed', 'resume'], 'loadWindows'],
      [windows(), ['slot.confirm'], null, 'confirmation'],
      [said('affirm'), [], move(monEvening)],
    ],
  },
  {
    name: 'when the window chosen was taken during a digression, then that is said and the free ones are offered; nothing moves',
    steps: [
      [said('change_delivery_slot', tomorrowEvening), [], 'loadAccount'],
      [account(), [], 'loadWindows'],
      [windows(), ['slot.confirm'], null],
      [said('order_status'), [], 'loadAccount'],
      [account(), ['status.header.many', 'status.line.shipped', 'status.line.placed', 'resume'], 'loadWindows'],
      [windows(freeWindows.filter((w) => w.start !== monEvening.start)), ['pending.changed.slot_taken', 'slot.no_match'], null, 'window'],
      [said('affirm'), ['slot.choose'], null, 'window'],
    ],
  },
  {
    name: 'when the move fails for a passing reason, then the confirmation stays open and yes retries under the same key',
    steps: [
      [said('change_delivery_slot', tomorrowEvening), [], 'loadAccount'],
      [account(), [], 'loadWindows'],
      [windows(), ['slot.confirm'], null],
      [said('affirm'), [], move(monEvening)],
      [failed('updateShipments'), ['failure.retry'], null, 'confirmation'],
      [said('affirm'), [], move(monEvening)],
      [moved('s-wipes', monEvening), ['slot.done'], null, null],
    ],
  },
  {
    name: 'when the carrier refuses the move, then Smile says so and offers a person',
    steps: [
      [said('change_delivery_slot', tomorrowEvening), [], 'loadAccount'],
      [account(), [], 'loadWindows'],
      [windows(), ['slot.confirm'], null],
      [said('affirm'), [], 'updateShipments'],
      [failed('updateShipments', false, 'window_taken'), ['slot.failed'], null, 'confirmation'],
      [said('affirm'), [], { type: 'escalate', reason: 'failed_effect' }],
    ],
  },
  {
    name: 'when nothing is named and two deliveries are open, then it asks which, and "the second one" picks one',
    steps: [
      [said('change_delivery_slot'), [], 'loadAccount'],
      [account(), ['slot.which'], null, 'order'],
      [said('out_of_scope', [], 'the second one'), [], { type: 'loadWindows', shipmentId: 's-brush' }],
      [windows(), ['slot.choose_any'], null, 'window'],
      [said('out_of_scope', [], 'the second one'), ['slot.confirm'], null, 'confirmation'],
      [said('affirm'), [], move(win(23, 18, 21), 's-brush')],
    ],
  },
  {
    name: 'when none of the offered windows suit ("other times?", "다른 날은요?"), then the next free ones are offered, then it says there are no more',
    steps: [
      [said('change_delivery_slot'), [], 'loadAccount'],
      [account(), ['slot.which'], null, 'order'],
      [said('out_of_scope', [], 'the second one'), [], { type: 'loadWindows', shipmentId: 's-brush' }],
      [windows(), ['slot.choose_any'], null, 'window'],
      [said('out_of_scope', [], 'any other times?'), ['slot.other_windows'], null, 'window'],
      [said('out_of_scope', [], '다른 날은 없어요?'), ['slot.no_other_windows', 'slot.choose'], null, 'window'],
      [said('out_of_scope', [], 'the second one'), ['slot.confirm'], null, 'confirmation'],
      [said('affirm'), [], move(win(27, 18, 21), 's-brush')],
    ],
  },
  {
    name: 'when the customer says no to the windows offered, then others are offered rather than a misunderstanding',
    steps: [
      [said('change_delivery_slot', [product('wipes')]), [], 'loadAccount'],
      [account(), [], 'loadWindows'],
      [windows(), ['slot.choose_any'], null, 'window'],
      [said('deny', [], 'none of those work'), ['slot.other_windows'], null, 'window'],
    ],
  },
  {
    name: 'when the customer names a product while asked which, then the account is read again for it',
    steps: [
      [said('change_delivery_slot'), [], 'loadAccount'],
      [account(), ['slot.which'], null, 'order'],
      [said('change_delivery_slot', [product('wipes')]), [], 'loadAccount'],
      [account(), [], { type: 'loadWindows', shipmentId: 's-wipes' }],
    ],
  },
  {
    name: 'when several windows fit the asked-for day, then they are offered, and a time of day then narrows to one',
    steps: [
      [said('change_delivery_slot', [product('wipes'), onDay('2026-11-24', 'tuesday')]), [], 'loadAccount'],
      [account(), [], 'loadWindows'],
      [windows(), ['slot.choose'], null, 'window'],
      [said('out_of_scope', [partOfDay('afternoon')], 'in the afternoon'), ['slot.confirm'], null, 'confirmation'],
      [said('affirm'), [], move(win(24, 13, 17))],
    ],
  },
  {
    name: 'when "+1 day" is asked, then the window a day later at the same hour is confirmed',
    steps: [
      [said('change_delivery_slot', [product('wipes'), shiftDays(1, 'push it back a day')]), [], 'loadAccount'],
      [account(), [], 'loadWindows'],
      [windows(), ['slot.confirm'], null, 'confirmation'],
      [said('affirm'), [], move(win(24, 9, 12))],
    ],
  },
  {
    name: 'when the customer asks for the very window it is already due in, then Smile says so and changes nothing',
    steps: [
      [said('change_delivery_slot', [product('wipes'), onDay('2026-11-23', 'monday'), partOfDay('morning')]), [], 'loadAccount'],
      [account(), [], 'loadWindows'],
      [
        windows(freeWindows.filter((w) => !w.start.startsWith('2026-11-23T0') && !w.start.startsWith('2026-11-23T1'))),
        ['slot.already_then'],
        null,
        null,
      ],
    ],
  },
  {
    name: 'when no free window matches, then the nearest ones are offered',
    steps: [
      [said('change_delivery_slot', [product('wipes'), onDay('2026-11-26', 'thursday')]), [], 'loadAccount'],
      [account(), [], 'loadWindows'],
      [windows(), ['slot.no_match'], null, 'window'],
      [said('out_of_scope', [], 'the third one'), ['slot.confirm'], null, 'confirmation'],
      [said('affirm'), [], move(friEvening)],
    ],
  },
  {
    name: 'when the shipment has no other free window, then Smile says so and offers a person',
    steps: [
      [said('change_delivery_slot', tomorrowEvening), [], 'loadAccount'],
      [account(), [], 'loadWindows'],
      [windows(freeWindows.slice(0, 1)), ['slot.no_windows'], null, 'confirmation'],
      [said('deny'), ['handoff.declined'], null, null],
    ],
  },
  {
    name: 'when the named order was delivered, then Smile says its delivery cannot move',
    steps: [
      [said('change_delivery_slot', [product('diapers')]), [], 'loadAccount'],
      [account(), ['slot.not_movable.delivered'], null, null],
    ],
  },
  {
    name: 'when the named order was cancelled, then Smile says there is no delivery to move',
    steps: [
      [said('change_delivery_slot', [product('formula')]), [], 'loadAccount'],
      [account(), ['slot.not_movable.cancelled'], null, null],
    ],
  },
  {
    name: 'when nothing is on its way, then Smile says so',
    steps: [
      [said('change_delivery_slot'), [], 'loadAccount'],
      [account((o) => o.status === 'delivered'), ['slot.nothing_open'], null, null],
    ],
  },
  {
    name: 'when the account cannot be read, then Smile apologises and offers a person',
    steps: [
      [said('change_delivery_slot', tomorrowEvening), [], 'loadAccount'],
      [failed('loadAccount'), ['slot.failed'], null, 'confirmation'],
      [said('deny'), ['handoff.declined'], null, null],
    ],
  },
  {
    name: 'when a weekend is asked for, then windows of both Saturday and Sunday are offered, and the Sunday one is moved to',
    steps: [
      [said('change_delivery_slot', [product('wipes'), weekend]), [], 'loadAccount'],
      [account(), [], 'loadWindows'],
      // Saturday's three windows fit; Sunday's first is offered among them (28 9-12, 28 13-17, 29 9-12).
      [windows(weekendWindows), ['slot.choose'], null, 'window'],
      [said('out_of_scope', [], 'the third one'), ['slot.confirm'], null, 'confirmation'],
      [said('affirm'), [], move(win(29, 9, 12))],
    ],
  },
  {
    name: 'when a weekend afternoon is asked for, then the one afternoon window of each day is offered, and "the 29th" picks it',
    steps: [
      [said('change_delivery_slot', [product('wipes'), weekend, partOfDay('afternoon')]), [], 'loadAccount'],
      [account(), [], 'loadWindows'],
      [windows(weekendWindows), ['slot.choose'], null, 'window'],
      [said('out_of_scope', [onDay('2026-11-29', 'on the 29th')], 'on the 29th'), ['slot.confirm'], null, 'confirmation'],
      [said('affirm'), [], move(win(29, 13, 17))],
    ],
  },
  {
    name: 'when a run of days has a single free window, then it is confirmed straight away',
    steps: [
      [said('change_delivery_slot', [product('wipes'), days('2026-11-30', '2026-12-06', 'next week')]), [], 'loadAccount'],
      [account(), [], 'loadWindows'],
      [windows(weekendWindows), ['slot.confirm'], null, 'confirmation'],
      [said('deny'), ['slot.other_windows'], null, 'window'],
      [said('stop'), ['stop.change_delivery_slot.kept'], null, null],
    ],
  },
  {
    name: 'when a run of days has no free window, then the windows nearest its first day are offered',
    steps: [
      [said('change_delivery_slot', [product('wipes'), days('2026-12-07', '2026-12-13', 'the week after next')]), [], 'loadAccount'],
      [account(), [], 'loadWindows'],
      [windows(weekendWindows), ['slot.no_match'], null, 'window'],
    ],
  },
  {
    name: 'when the customer corrects the day to a weekend at the confirmation, then the evening asked for is kept and looked for that weekend',
    steps: [
      [said('change_delivery_slot', tomorrowEvening), [], 'loadAccount'],
      [account(), [], 'loadWindows'],
      [windows([...freeWindows, ...weekendWindows.slice(1)]), ['slot.confirm'], null, 'confirmation'],
      [said('deny', [weekend], 'no, the weekend'), ['slot.confirm'], null, 'confirmation'],
      [said('affirm'), [], move(win(28, 18, 21))],
    ],
  },
  {
    name: 'when the customer corrects the day to a weekend while choosing, then windows of both weekend days are offered',
    steps: [
      [said('change_delivery_slot', [product('wipes'), onDay('2026-11-24', 'tuesday')]), [], 'loadAccount'],
      [account(), [], 'loadWindows'],
      [windows([...freeWindows, ...weekendWindows.slice(1)]), ['slot.choose'], null, 'window'],
      [said('out_of_scope', [weekend], 'the weekend would be better'), ['slot.choose'], null, 'window'],
      [said('out_of_scope', [], 'the last one'), ['slot.confirm'], null, 'confirmation'],
      [said('affirm'), [], move(win(29, 9, 12))],
    ],
  },
];
