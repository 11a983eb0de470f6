import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Smile } from '../app/server.js';
import { present } from '../bots/presentation.js';
import type { Reply } from '../engine/types.js';
import { alexaChannel, optionNamed } from '../skills/alexa-channel.js';
import { post, startTestSmile } from './helpers.js';
import { envelope, intentRequest, spoken, words } from './alexa-envelopes.js';

const choice = (suggestions: string[]): Reply => ({
  conversationId: 'c',
  flow: 'schedule_return',
  awaiting: 'pickup_point',
  locale: 'en-US',
  intent: { name: 'schedule_return', confidence: 1 },
  messages: [{ text: 'Which pick-up point?', suggestions }],
});

/** Item 4 of issue 22: lists and reprompts for the ear. */
describe('choices read for the ear', () => {
  it('when five options are offered, then three are read as phrases, the two others are counted, and all five go to the card', () => {
    const p = present(choice(['Elm Street', 'Oak Plaza', 'Market Square', 'Pine Hill', 'River Road']), alexaChannel.capabilities);
    expect(p.spokenOptions).toBe(
      'You can say Elm Street, Oak Plaza, or Market Square, or say "more" to hear the other 2. They\'re also listed in the Alexa app.',
    );
    expect(p.card?.lines).toHaveLength(5);
    expect(p.spokenOptions).not.toMatch(/\d:/);
  });

  it('when the options fit, then no count is said and the reprompt is the question with the options, under 25 words', () => {
    const p = present(choice(['Elm Street', 'Oak Plaza']), alexaChannel.capabilities);
    expect(p.spokenOptions).toBe('You can say Elm Street, or Oak Plaza.');
    expect(p.reprompt).toBe('Which pick-up point? You can say Elm Street, or Oak Plaza.');
    expect(p.reprompt!.split(' ').length).toBeLessThan(25);
  });

  it('when the customer names an option, then the one offered option holding those words is chosen, and an ambiguous name none', () => {
    const offered = ['Drop off at a convenience store', 'Drop off at a parcel locker', 'Courier pick-up'];
    expect(optionNamed('the parcel locker', offered)).toBe('Drop off at a parcel locker');
    expect(optionNamed('courier', offered)).toBe('Courier pick-up');
    expect(optionNamed('locker', ['Elm Street Parcel Locker', 'Oak Plaza Parcel Locker'])).toBeUndefined();
    expect(optionNamed('oak plaza', ['Elm Street Parcel Locker', 'Oak Plaza Parcel Locker'])).toBe('Oak Plaza Parcel Locker');
    expect(optionNamed('the diapers', offered)).toBeUndefined();
  });
});

describe('answering Alexa by name or by position, over raw envelopes', () => {
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

  /** One Alexa session: the session attributes the skill returns come back with the next request, as Alexa does. */
  const session = (id: string) => {
    let attributes: Record<string, unknown> = {};
    return async (name: string, slots: Record<string, string> = {}) => {
      const e = envelope(intentRequest(name, slots), { token: 'demo-token', session: id }) as any;
      e.session.attributes = attributes;
      const r = (await post(smile, '/alexa', e)).json;
      attributes = r.sessionAttributes ?? {};
      return r;
    };
  };

  it('when the return method and the locker are named, then both are understood and the confirmation names the locker', async () => {
    const say = session('by-name');
    await say('ScheduleReturnIntent', { product: 'shoes', reason: 'too small' });
    expect(spoken(await say('ChooseOptionIntent', { choice: 'the parcel locker' }))).toMatch(/Which parcel locker/);
    const confirm = await say('ChooseOptionIntent', { choice: 'oak plaza' });
    expect(spoken(confirm)).toMatch(/Oak Plaza Parcel Locker.*Shall I book it/);
    expect(confirm.response.reprompt.outputSpeech.ssml).toBe('<speak>Shall I book it? Say yes or no.</speak>');
  });

  it('when the method is picked by position, then the third is the courier', async () => {
    const say = session('by-position');
    await say('ScheduleReturnIntent', { product: 'shoes', reason: 'too small' });
    expect(spoken(await say('ChooseOptionIntent', { option: '3' }))).toMatch(/When should the courier pick it up/);
  });

  it('when a long confirmation is asked, then its reprompt is a short question with its answers, never a copy', async () => {
    const say = session('reprompt');
    const r = await say('ChangeDeliverySlotIntent', { product: 'wipes', date: '2026-11-23', timeOfDay: 'evening' });
    const reprompt = r.response.reprompt.outputSpeech.ssml;
    expect(reprompt).not.toBe(spoken(r));
    expect(words(reprompt).length).toBeLessThanOrEqual(12);
    expect(reprompt).toMatch(/yes or no/);
  });
});
