import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Smile } from '../app/server.js';
import { present } from '../bots/presentation.js';
import type { Reply } from '../engine/types.js';
import { alexaChannel } from '../skills/alexa-channel.js';
import { get, post, startTestSmile } from './helpers.js';
import { envelope, intentRequest, spoken } from './alexa-envelopes.js';

/** The last thing Alexa says, without SSML. */
const lastWords = (ssml: string): string =>
  ssml
    .replace(/<break[^>]*>/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .trim();
/** Does the speech hand the turn to the customer: a question, or "say …"/"you can say …" at the end? */
const handsBack = (ssml: string): boolean => {
  const last =
    lastWords(ssml)
      .split(/(?<=[.!?])\s+/)
      .at(-1) ?? '';
  return /\?$/.test(last) || /^(please )?(you can (also )?say|say|tell me)\b/i.test(last);
};

/** Item 3 of issue 22: the microphone follows the words. */
describe('the Alexa session flag follows the speech, for every kind of response', () => {
  let smile: Smile;
  beforeAll(async () => {
    smile = await startTestSmile({ ALEXA_VERIFY: 'false' });
  });
  afterAll(async () => {
    await smile.close();
  });
  beforeEach(async () => {
    await post(smile, '/sandbox/reset', {});
  });
  const seen: Array<{ label: string; r: any }> = [];
  const ask = async (label: string, request: Record<string, unknown>, session: string, token: string | null = 'demo-token') => {
    const r = (await post(smile, '/alexa', envelope(request, { session, ...(token ? { token } : {}) }))).json;
    seen.push({ label, r });
    return r;
  };
  const open = (r: any) => r.response.shouldEndSession === false;

  it('when Smile greets, helps or did not understand, then it ends on a question and listens', async () => {
    for (const [label, request] of [
      ['launch', { type: 'LaunchRequest' }],
      ['help', intentRequest('AMAZON.HelpIntent')],
      ['fallback', intentRequest('AMAZON.FallbackIntent')],
    ] as const) {
      const r = await ask(label, request, `open-${label}`);
      expect(open(r), label).toBe(true);
      expect(handsBack(spoken(r)), `${label}: ${spoken(r)}`).toBe(true);
      expect(r.response.reprompt.outputSpeech.ssml).toMatch(/\?<\/speak>$/);
    }
  });

  it('when the session has ended, Alexa reports an error or a skill event comes, then nothing is said, asked or sent', async () => {
    await ask('started', intentRequest('ReorderIntent', { product: 'wipes' }), 'ended');
    for (const [label, request] of [
      ['session ended', { type: 'SessionEndedRequest', reason: 'USER_INITIATED' }],
      ['session timed out', { type: 'SessionEndedRequest', reason: 'EXCEEDED_MAX_REPROMPTS' }],
      ['session error', { type: 'SessionEndedRequest', reason: 'ERROR', error: { type: 'INVALID_RESPONSE', message: 'x' } }],
      ['exception', { type: 'System.ExceptionEncountered', error: { type: 'INVALID_RESPONSE', message: 'x' }, cause: { requestId: 'r0' } }],
      ['skill disabled', { type: 'AlexaSkillEvent.SkillDisabled', body: {} }],
      ['unknown kind', { type: 'Some.FutureRequest' }],
    ] as const) {
      const res = await post(smile, '/alexa', envelope(request, { session: 'ended', token: 'demo-token' }));
      expect(res.status, label).toBe(200);
      expect(res.json.response, label).toEqual({});
    }
  });

  it('when Smile answers a status question, then the answer is a statement and the session ends', async () => {
    const r = await ask('status', intentRequest('OrderStatusIntent'), 'status');
    expect(open(r)).toBe(false);
    expect(handsBack(spoken(r))).toBe(false);
    expect(r.response.reprompt).toBeUndefined();
  });

  it('when the customer says stop, cancel or go home, idle or mid-flow, then Smile ends quietly with no question', async () => {
    for (const name of ['AMAZON.StopIntent', 'AMAZON.CancelIntent', 'AMAZON.NavigateHomeIntent']) {
      const idle = await ask(`${name} idle`, intentRequest(name), `idle-${name}`);
      expect(open(idle), name).toBe(false);
      expect(lastWords(spoken(idle)), name).not.toMatch(/\?/);
      await ask('confirm', intentRequest('ReorderIntent', { product: 'wipes' }), `mid-${name}`);
      const mid = await ask(`${name} mid-flow`, intentRequest(name), `mid-${name}`);
      expect(open(mid), name).toBe(false);
      expect(spoken(mid)).toMatch(/Nothing was ordered/);
      expect(lastWords(spoken(mid))).not.toMatch(/\?/);
    }
  });

  it('when an order is completed, then the session closes whether the "yes" was AMAZON.YesIntent or the voice code', async () => {
    const yes = 'yes-closes';
    expect(open(await ask('confirm', intentRequest('ReorderIntent', { product: 'wipes' }), yes))).toBe(true);
    const placed = await ask('placed by yes', intentRequest('AMAZON.YesIntent'), yes);
    expect(spoken(placed)).toMatch(/is placed/);
    expect(open(placed)).toBe(false);

    await fetch(`${smile.url}/sandbox/commerce/v1/customers/demo/voice-code`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: '4321' }),
    });
    const coded = 'code-closes';
    await ask('confirm', intentRequest('ReorderIntent', { product: 'detergent' }), coded);
    const askCode = await ask('code question', intentRequest('AMAZON.YesIntent'), coded);
    expect(open(askCode)).toBe(true);
    const byCode = await ask('placed by code', intentRequest('VoiceCodeIntent', { code: '4321' }), coded);
    expect(spoken(byCode)).toMatch(/is placed/);
    expect(open(byCode)).toBe(false);
    expect(
      (await get(smile, '/sandbox/commerce/v1/customers/demo/orders')).orders.filter((o: any) => o.status !== 'delivered').length,
    ).toBeGreaterThan(0);
  });

  it('when Smile asks which one or yes/no, then the session stays open, and it is never open without a question', async () => {
    await ask('choice', intentRequest('ScheduleReturnIntent', { product: 'shoes', reason: 'too small' }), 'choice');
    await ask('person', intentRequest('TalkToAgentIntent'), 'person');
    await ask('unlinked', intentRequest('OrderStatusIntent'), 'unlinked', null);
    await ask('deny idle', intentRequest('AMAZON.NoIntent'), 'deny');
    // Every response collected in this file: open exactly when the last words hand the turn back.
    for (const { label, r } of seen) expect(open(r), `${label}: ${spoken(r)}`).toBe(handsBack(spoken(r)));
    expect(seen.length).toBeGreaterThan(15);
  });

  it('when a finished change comes back under an open-ended intent, then its card still closes the session', () => {
    const reply: Reply = {
      conversationId: 'c',
      flow: null,
      awaiting: null,
      locale: 'en-US',
      intent: { name: 'out_of_scope', confidence: 1 },
      messages: [{ text: 'Your order is placed.', card: { title: 'Your order', lines: ['1 × wipes'] } }],
    };
    expect(present(reply, alexaChannel.capabilities).endSession).toBe(true);
    expect(
      alexaChannel.render({ ...reply, intent: { name: 'stop', confidence: 1 }, messages: [{ text: 'Okay. Anything else I can do?' }] }),
    ).toMatchObject({ ssml: 'Okay.', endSession: true, reprompt: null });
  });
});
