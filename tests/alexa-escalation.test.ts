import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Smile } from '../app/server.js';
import { post, startTestSmile } from './helpers.js';
import { envelope, intentRequest, spoken } from './alexa-envelopes.js';

/** Item 7 of issue 22: a person reached from a speaker gets what the customer said. */
describe('a voice escalation', () => {
  let smile: Smile;
  beforeAll(async () => {
    smile = await startTestSmile({ ALEXA_VERIFY: 'false' });
    await post(smile, '/sandbox/reset', {});
  });
  afterAll(async () => {
    await smile.close();
  });
  const ask = async (request: Record<string, unknown>, session: string) =>
    (await post(smile, '/alexa', envelope(request, { session, token: 'demo-token' }))).json;

  it('when the customer asks for a person in the middle of moving a delivery, then the escalation carries the spoken turns, the flow and what was wanted', async () => {
    const moved = await ask(intentRequest('ChangeDeliverySlotIntent', { product: 'wipes', date: '2026-11-24', timeOfDay: 'evening' }), 'esc');
    expect(spoken(moved)).toMatch(/\?<\/speak>$/);
    await ask(intentRequest('AMAZON.FallbackIntent'), 'esc');
    await ask(intentRequest('TalkToAgentIntent'), 'esc');
    const esc = await smile.store.escalations.openFor('alexa:amzn1.echo-api.session.esc');
    expect(esc?.channel).toBe('alexa');
    expect(esc?.voice).toEqual({
      turns: [
        { intent: 'ChangeDeliverySlotIntent', slots: { product: 'wipes', date: '2026-11-24', timeOfDay: 'evening' } },
        { intent: 'AMAZON.FallbackIntent', slots: {} },
        { intent: 'TalkToAgentIntent', slots: {} },
      ],
      failedFlow: 'change_delivery_slot',
      wanted: 'product: wipes, date: 2026-11-24, timeOfDay: evening',
    });
    expect(esc?.lastMessage).toBe('TalkToAgentIntent');
    expect(esc?.summary).toMatch(
      /From a speaker: 3 spoken turns attached\. Not done: change_delivery_slot\. Wanted: product: wipes, date: 2026-11-24, timeOfDay: evening\./,
    );
  });

  it('when a chat customer escalates, then no voice part is added', async () => {
    await smile.store.links.put({ channel: 'rest', channelUserId: 'demo', customerId: 'demo', createdAt: new Date().toISOString() });
    expect(
      (await post(smile, '/v1/chat', { userId: 'demo', conversationId: 'chat-esc', messageId: 'm1', text: 'I want to talk to a person' })).status,
    ).toBe(200);
    const esc = await smile.store.escalations.openFor('chat-esc');
    expect(esc).not.toBeNull();
    expect(esc?.voice).toBeUndefined();
  });
});
