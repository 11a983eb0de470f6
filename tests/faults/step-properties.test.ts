import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LOCALES, type Locale } from '../../domain/locale.js';
import { INTENTS, type Entity, type IntentName } from '../../domain/understanding.js';
import { step } from '../../dialogs/conversation.js';
import {
  NOW,
  account,
  codeChecked,
  failed,
  history,
  noteSaved,
  onDay,
  orders,
  partOfDay,
  pickupPoints,
  place,
  placed,
  points,
  product,
  quantity,
  priced,
  quoted,
  returnBooked,
  shiftDays,
  shipmentsUpdated,
  win,
  windows,
  courierNote,
  reasonGiven,
  methodChosen,
} from '../../dialogs/testing/fixtures.js';
import { initialState, type DialogContext, type DialogEvent, type DialogState, type Effect, type EffectResult } from '../../dialogs/types.js';
import { DialogStateSchema } from '../../engine/stored-state.js';
import { render, renderParam } from '../../engine/render.js';

/**
 * step() over random conversations (fast-check, seeded): any sequence of intents, entities and commands, in both
 * languages, with effects that succeed or fail at random. Whatever the customer says, step never throws, every
 * message gets an answer with text, the state it leaves parses, and no change (an order, a moved delivery, a return,
 * a cancellation) is asked for except by a "yes" to a confirmation Smile asked for on the turn before.
 */
const SEED = 17_2026;
const RUNS = 300;
const ZONE: Record<Locale, string> = { 'en-US': 'America/Los_Angeles', 'ko-KR': 'Asia/Seoul' };
const CHANGES = new Set<Effect['type']>(['placeOrder', 'updateShipments', 'bookReturn', 'cancelOrder']);

const entity: fc.Arbitrary<Entity> = fc.oneof(
  fc.constantFrom('wipes', 'diapers', 'shoes', 'brush', 'formula', 'unknown-thing').map((sku) => product(sku)),
  fc.integer({ min: -2, max: 120 }).map(quantity),
  fc.constantFrom(onDay('2026-11-24'), onDay('2026-11-21'), shiftDays(1), shiftDays(30)),
  fc.constantFrom(partOfDay('morning'), partOfDay('evening')),
  fc.constantFrom(place('home'), place('office'), place('convenience_store'), place('locker')),
  fc.constantFrom(courierNote('leave it at the door'), reasonGiven('size'), methodChosen('store_dropoff'), methodChosen('courier_pickup')),
);
const utterance: fc.Arbitrary<DialogEvent> = fc
  .record({
    // Weighted so that conversations get far enough to be asked a confirmation, and answer it.
    intent: fc.oneof(
      { arbitrary: fc.constant<IntentName>('affirm'), weight: 3 },
      {
        arbitrary: fc.constantFrom<IntentName>('reorder', 'change_delivery_slot', 'change_delivery_place', 'schedule_return', 'cancel_order'),
        weight: 3,
      },
      { arbitrary: fc.constantFrom<IntentName>(...INTENTS), weight: 4 },
    ),
    entities: fc.oneof(
      fc.array(entity, { maxLength: 3 }),
      fc.tuple(fc.constantFrom('wipes', 'diapers', 'shoes').map((sku) => product(sku))).map((e) => [...e]),
    ),
    text: fc.oneof(fc.constantFrom('', 'the first one', '2', 'yes', '네', '아니요', 'Option 1', '1번'), fc.string({ maxLength: 20 })),
    command: fc.oneof(
      { arbitrary: fc.constant(undefined), weight: 12 },
      { arbitrary: fc.constantFrom('repeat' as const, 'start_over' as const, 'language:en-US' as const, 'language:ko-KR' as const), weight: 1 },
    ),
    frustrated: fc.oneof({ arbitrary: fc.constant(false), weight: 9 }, { arbitrary: fc.constant(true), weight: 1 }),
  })
  .map(({ intent, entities, text, command, frustrated }) => ({
    type: 'utterance' as const,
    intent,
    confidence: 1,
    entities,
    text,
    ...(command ? { command } : {}),
    ...(frustrated ? { frustrated: true } : {}),
  }));

/** What the engine would hand back for an effect: a plausible success, or a failure when `fails`. */
function resultOf(effect: Effect, fails: boolean): EffectResult {
  if (fails) return failed(effect.type, effect.type !== 'placeOrder');
  switch (effect.type) {
    case 'loadCustomer':
      return history();
    case 'loadAccount':
      return account();
    case 'quoteDelivery':
      return quoted(win(23, 9, 12), win(24, 13, 17));
    case 'quoteOrder':
      return priced([win(23, 9, 12), win(24, 13, 17)], { deliveryFee: 5.99, subtotal: 24.99, total: 30.98 });
    case 'loadWindows':
      return windows();
    case 'loadPickupPoints':
      return pickupPoints(points);
    case 'placeOrder':
      return placed(effect.request.items[0]?.sku ?? 'wipes', effect.request.items[0]?.quantity ?? 1, 24.99);
    case 'updateShipments':
      return shipmentsUpdated;
    case 'saveInstructions':
      return noteSaved;
    case 'bookReturn':
      return returnBooked(effect.request.method);
    case 'cancelOrder':
      return { type: 'cancelOrder', ok: true, order: { ...orders[0]!, id: effect.orderId, status: 'cancelled' } };
    case 'verifyVoiceCode':
      return codeChecked(true);
    case 'escalate':
      return {
        type: 'escalate',
        ok: true,
        escalationId: 'esc-0000000000000001',
        staffed: true,
        opensAt: null,
        liveChat: true,
        phone: null,
        dueAt: '2026-11-23T20:00:00Z',
      };
    case 'requestCallback':
      return { type: 'requestCallback', ok: true, opensAt: null };
    case 'findVariant':
      return { type: 'findVariant', ok: true, match: null, nearest: [] };
    case 'setNotifications':
      return { type: 'setNotifications', ok: true, enabled: effect.enabled ?? true, channel: effect.channel ?? null };
    default:
      return failed(effect.type);
  }
}

describe('step() over random conversations', () => {
  it.each(LOCALES)(
    `in %s, never throws, always answers, leaves a valid state, and changes nothing without a "yes" (seed ${SEED}, ${RUNS} runs)`,
    (locale) => {
      let turns = 0;
      let changes = 0;
      fc.assert(
        fc.property(
          fc.array(
            fc.tuple(
              utterance,
              fc.array(fc.oneof({ arbitrary: fc.constant(false), weight: 7 }, { arbitrary: fc.constant(true), weight: 1 }), {
                minLength: 8,
                maxLength: 8,
              }),
            ),
            { minLength: 1, maxLength: 12 },
          ),
          (script) => {
            let state: DialogState = initialState();
            let awaiting: string | null = null;
            script.forEach(([said, failures], n) => {
              const ctx: DialogContext = {
                conversationId: 'c',
                customerId: 'demo',
                messageId: `m${n + 1}`,
                locale,
                now: NOW,
                voice: false,
                label: (p) => renderParam(p, locale, ZONE[locale]),
              };
              const confirming = awaiting === 'confirmation' && said.type === 'utterance' && said.intent === 'affirm';
              let event: DialogEvent = said;
              const says = [];
              // One customer message: the step, then each effect's result back in, until Smile waits for the customer.
              for (let hop = 0; ; hop++) {
                expect(hop, 'effects chained without end').toBeLessThan(8);
                const r = step(state, event, ctx);
                says.push(...r.say);
                expect(DialogStateSchema.safeParse(r.state).error).toBeUndefined();
                state = r.state;
                awaiting = r.awaiting;
                if (!r.effect) break;
                if (CHANGES.has(r.effect.type)) {
                  expect(confirming, `${r.effect.type} without a "yes" to a confirmation`).toBe(true);
                  changes++;
                }
                event = { type: 'result', result: resultOf(r.effect, failures[hop] === true) };
              }
              turns++;
              const messages = render(says, locale, ZONE[locale]);
              expect(messages.length).toBeGreaterThan(0);
              for (const m of messages) {
                expect(m.text.trim().length).toBeGreaterThan(0);
                expect(m.text).not.toMatch(/undefined|\[object|NaN/);
              }
            });
          },
        ),
        { seed: SEED, numRuns: RUNS },
      );
      console.log(`step properties (${locale}): ${RUNS} conversations, ${turns} customer messages, ${changes} changes, each after a "yes"`);
      expect(changes).toBeGreaterThanOrEqual(10);
    },
  );
});
