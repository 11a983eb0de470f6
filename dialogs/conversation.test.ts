import { describe, expect, it } from 'vitest';
import type { Customer, Order } from '../domain/commerce.js';
import type { Entity } from '../nlu/catalogue.js';
import { step } from './conversation.js';
import { priced } from './testing/fixtures.js';
import { initialState, type DialogContext, type DialogEvent, type DialogState, type StepResult } from './types.js';

const ctx: DialogContext = {
  conversationId: 'c',
  customerId: 'demo',
  messageId: 'm1',
  locale: 'en-US',
  now: '2026-11-22T20:00:00Z',
  voice: false,
  label: (p) => String(typeof p === 'object' && 'key' in p ? p.key : p),
};
const customer: Customer = {
  id: 'demo',
  name: 'A',
  locale: 'en-US',
  timeZone: 'America/Los_Angeles',
  currency: 'USD',
  voicePurchaseCode: false,
  enrolments: { carTrunk: false, inHome: false },
  addresses: [
    { id: 'h', type: 'home', label: 'Home', line1: '1 St' },
    { id: 'o', type: 'office', label: 'Office', line1: '2 St' },
  ],
};
const orders: Order[] = [
  {
    id: 'o1',
    customerId: 'demo',
    status: 'delivered',
    currency: 'USD',
    total: 20,
    placedAt: '2026-11-01T10:00:00-08:00',
    items: [{ sku: 'wipes', name: 'Wipes', quantity: 2, unitPrice: 10 }],
  },
];
const window = { start: '2026-11-23T09:00:00-08:00', end: '2026-11-23T12:00:00-08:00' };
const say = (
  intent: DialogEvent & { type: 'utterance' } extends infer U ? (U extends { intent: infer I } ? I : never) : never,
  entities: Entity[] = [],
  text = '',
): DialogEvent => ({ type: 'utterance', intent, confidence: 1, entities, text });
const product = (sku: string): Entity => ({ type: 'product', value: sku, text: sku, start: 0, end: 1, score: 0.8 });

/** Runs a reorder up to the confirmation, answering effects the way the ports would. */
function toConfirmation(entities: Entity[] = [product('wipes')]): StepResult {
  let r = step(initialState(), say('reorder', entities), ctx);
  expect(r.effect?.type).toBe('loadCustomer');
  r = step(r.state, { type: 'result', result: { type: 'loadCustomer', ok: true, customer, orders, suggestions: [] } }, ctx);
  expect(r.effect?.type).toBe('quoteOrder');
  return step(r.state, { type: 'result', result: priced([window]) }, ctx);
}

describe('the reorder dialog (pure)', () => {
  it('when the product is known, then it asks for confirmation with the last quantity and no effect yet', () => {
    const r = toConfirmation();
    expect(r.awaiting).toBe('confirmation');
    expect(r.effect).toBeUndefined();
    const first = r.say[0];
    expect(first?.key).toBe('reorder.confirm');
    expect(first?.key === 'reorder.confirm' && first.params.quantity).toBe(2);
  });

  it('when the customer confirms, then exactly one placeOrder effect with a key derived from the conversation and flow', () => {
    const r = step(toConfirmation().state, say('affirm'), { ...ctx, messageId: 'm2' });
    expect(r.effect).toMatchObject({ type: 'placeOrder', request: { items: [{ sku: 'wipes', quantity: 2 }], shippingAddressId: 'h' } });
    const again = step(toConfirmation().state, say('affirm'), { ...ctx, messageId: 'm3' });
    expect(again.effect && 'idempotencyKey' in again.effect && again.effect.idempotencyKey).toBe(
      r.effect && 'idempotencyKey' in r.effect && r.effect.idempotencyKey,
    );
  });

  it('when the customer says no or stop, then the flow ends without an effect', () => {
    for (const intent of ['deny', 'stop'] as const) {
      const r = step(toConfirmation().state, say(intent), ctx);
      expect(r.effect).toBeUndefined();
      expect(r.state.stack).toHaveLength(0);
    }
  });

  it('when the customer corrects the quantity, then only the quantity changes (priced again by the shop)', () => {
    const asked = step(toConfirmation().state, say('deny', [{ type: 'quantity', value: 5, text: 'five', start: 0, end: 4 }]), ctx);
    expect(asked.effect).toMatchObject({ type: 'quoteOrder', request: { items: [{ quantity: 5 }] } });
    const r = step(asked.state, { type: 'result', result: priced([window]) }, ctx);
    expect(r.awaiting).toBe('confirmation');
    const first = r.say[0];
    expect(first?.key === 'reorder.confirm' && first.params.quantity).toBe(5);
  });

  it('when an order fails for a passing reason, then the confirmation stays open', () => {
    const placing = step(toConfirmation().state, say('affirm'), ctx);
    const r = step(
      placing.state,
      { type: 'result', result: { type: 'placeOrder', ok: false, code: 'dependency_unavailable', transient: true } },
      ctx,
    );
    expect(r.awaiting).toBe('confirmation');
    expect(r.say[0]?.key).toBe('reorder.failed_transient');
  });

  it('when the customer digresses with help, then the question is asked again and the flow stays', () => {
    const r = step(toConfirmation().state, say('help'), ctx);
    expect(r.say.map((s) => s.key)).toEqual(['help.step.confirmation', 'reorder.confirm']);
    expect(r.awaiting).toBe('confirmation');
  });

  it('when two turns in a row are not understood, then a person is offered, and yes escalates once per conversation', () => {
    let s: DialogState = initialState();
    const unsure: DialogEvent = { type: 'utterance', intent: 'out_of_scope', confidence: 0.4, entities: [], text: 'blorp' };
    s = step(s, unsure, ctx).state;
    const offer = step(s, unsure, ctx);
    expect(offer.say[0]?.key).toBe('offer_person');
    const yes = step(offer.state, say('affirm'), ctx);
    expect(yes.effect).toEqual({ type: 'escalate', reason: 'misunderstood', intent: null, idempotencyKey: 'c:escalation' });
  });
});
