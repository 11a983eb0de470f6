import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Smile } from '../app/server.js';
import { alexaChannel, forTheEar } from '../skills/alexa-channel.js';
import { post, startTestSmile } from './helpers.js';
import { envelope, intentRequest, spoken, words } from './alexa-envelopes.js';

/** Item 6 of issue 22: speech rendered for speech. */
describe('chat text turned into words for the ear', () => {
  it('when text carries ids, error codes, symbols and parentheses, then none of them is spoken', () => {
    expect(forTheEar('Done — order ord-804c1a8d is placed ($24.99).')).toBe('Done, your order is placed, $24.99.');
    // The customer-facing order number (issue 21) is for the card: not said either.
    expect(forTheEar('Done — your order is placed (order number 804C1A8D, $24.99).')).toBe('Done, your order is placed, $24.99.');
    expect(forTheEar('Cancel Tide (order number 1004)? You will be refunded $3.')).toBe('Cancel Tide? You will be refunded $3.');
    expect(forTheEar('That failed: not_found.')).toBe('That failed.');
    expect(forTheEar('Elm Street Parcel Locker · 24/7')).toBe('Elm Street Parcel Locker, open all day');
    expect(forTheEar('These are nearest (open hours shown):')).toBe('These are nearest, open hours shown:');
    // One more item in an order, and opening hours on a 24-hour clock, as words.
    expect(forTheEar('Tide Free & Gentle Laundry Detergent, +1, has already been delivered.')).toBe(
      'Tide Free and Gentle Laundry Detergent and 1 more, has already been delivered.',
    );
    expect(forTheEar('Oak Plaza Parcel Locker · 6:00–23:00')).toBe('Oak Plaza Parcel Locker, 6 AM to 11 PM');
    expect(forTheEar('Open 9:30 to 18:00, pick-up at 9 AM')).toBe('Open 9:30 AM to 6 PM, pick-up at 9 AM');
    expect(forTheEar('These windows are free for the wipes\nWhich one?')).toBe('These windows are free for the wipes. Which one?');
    expect(forTheEar('Go to Account → Delivery options')).not.toMatch(/→/);
  });

  it('when a date and window are written short, then they are said as words', () => {
    expect(forTheEar('arriving Mon, Nov 23, 9 AM – 12 PM at Home.')).toBe('arriving Monday, November 23, 9 AM to 12 PM at Home.');
    expect(forTheEar('Reorder 2 × Pampers Wipes?')).toBe('Reorder 2 of Pampers Wipes?');
    // Short spoken product names: the amount in a pack is for the card; a size that tells two items apart is said.
    expect(forTheEar('You can say Tide Free & Gentle Laundry Detergent, 92 oz, or Nike Revolution 7 Running Shoes, size 10.')).toBe(
      'You can say Tide Free and Gentle Laundry Detergent, or Nike Revolution 7 Running Shoes, size 10.',
    );
    expect(forTheEar('Similac 360 Total Care Infant Formula, 30.8 oz: shipped.')).toBe('Similac 360 Total Care Infant Formula: shipped.');
    expect(forTheEar('Huggies Little Snugglers Diapers, Size 2, 84 ct')).toBe('Huggies Little Snugglers Diapers, Size 2');
  });

  it('when a code or phone digits are spoken, then they are read digit by digit', () => {
    const r = alexaChannel.render({
      conversationId: 'c',
      flow: null,
      awaiting: null,
      locale: 'en-US',
      intent: { name: 'affirm', confidence: 1 },
      messages: [{ text: 'Booked. Show drop-off code 333536. A person will call your number ending in 0142.' }],
    });
    expect(r.ssml).toContain('<say-as interpret-as="digits">333536</say-as>');
    expect(r.ssml).toContain('<say-as interpret-as="digits">0142</say-as>');
    // A case's reference number of digits and capitals is spelled out.
    const ref = alexaChannel.render({
      conversationId: 'c',
      flow: null,
      awaiting: null,
      locale: 'en-US',
      intent: { name: 'affirm', confidence: 1 },
      messages: [{ text: 'Reported as urgent — reference number 9F0C1A2B3C4D5E6F.' }],
    });
    expect(ref.ssml).toContain('<say-as interpret-as="characters">9F0C1A2B3C4D5E6F</say-as>');
  });
});

describe('speech length and content per response type, over raw envelopes', () => {
  let smile: Smile;
  beforeAll(async () => {
    smile = await startTestSmile({ ALEXA_VERIFY: 'false' });
    await post(smile, '/sandbox/reset', {});
  });
  afterAll(async () => {
    await smile.close();
  });
  const said: Record<string, string> = {};
  const ask = async (type: string, request: Record<string, unknown>, session: string, token: string | null = 'demo-token') => {
    const r = (await post(smile, '/alexa', envelope(request, { session, ...(token ? { token } : {}) }))).json;
    said[type] = spoken(r);
    return r;
  };

  it('when every kind of response is heard, then each stays within its word budget and speaks no id, code or symbol', async () => {
    for (const product of ['diapers', 'detergent', 'formula']) {
      await ask('confirmation', intentRequest('ReorderIntent', { product }), `six-${product}`);
      await ask('order placed', intentRequest('AMAZON.YesIntent'), `six-${product}`);
    }
    await ask('confirmation', intentRequest('ReorderIntent', { product: 'wipes' }), 'six-wipes');
    await ask('order placed', intentRequest('AMAZON.YesIntent'), 'six-wipes');
    const status = await ask('status of six orders', intentRequest('OrderStatusIntent'), 'status');
    expect(spoken(status)).toMatch(/You have 6 orders on the way/);
    expect(status.response.card.content.split('\n')).toHaveLength(6);
    await ask('launch', { type: 'LaunchRequest' }, 'launch');
    await ask('help', intentRequest('AMAZON.HelpIntent'), 'help');
    await ask('fallback', intentRequest('AMAZON.FallbackIntent'), 'fallback');
    await ask('choice', intentRequest('ScheduleReturnIntent', { product: 'shoes', reason: 'too small' }), 'ret');
    await ask('choice of lockers', intentRequest('ChooseOptionIntent', { option: '2' }), 'ret');
    await ask('return confirmation', intentRequest('ChooseOptionIntent', { option: '1' }), 'ret');
    const booked = await ask('return booked', intentRequest('AMAZON.YesIntent'), 'ret');
    // The code is read digit by digit and kept on the card; the locker is named once ("… Parcel Locker", not "… Locker locker").
    expect(booked.response.card.content).toMatch(/Drop-off code (\d+)/);
    expect(spoken(booked)).toContain(`<say-as interpret-as="digits">${/Drop-off code (\d+)/.exec(booked.response.card.content)![1]}</say-as>`);
    expect(spoken(booked)).not.toMatch(/locker locker/i);
    await ask('person', intentRequest('TalkToAgentIntent'), 'person');
    await ask('stop', intentRequest('AMAZON.StopIntent'), 'stop');
    await ask('not linked', intentRequest('OrderStatusIntent'), 'unlinked', null);
    const budget: Record<string, number> = { 'status of six orders': 39, help: 35, launch: 35 };
    const figures: Record<string, number> = {};
    for (const [type, ssml] of Object.entries(said)) {
      figures[type] = words(ssml).length;
      expect(figures[type], `${type}: ${ssml}`).toBeLessThanOrEqual(budget[type] ?? 40);
      expect(ssml, type).not.toMatch(/\bord-|\bshp-|\b[a-z]+_[a-z]+\b|·|24\/7|→|\(|\)|×/);
    }
    expect(said.help!.replace(/<[^>]+>/g, '').split(/(?<=[.?!])\s+/).length).toBeLessThanOrEqual(3);
    expect(said.help).toMatch(/\?<\/speak>$/);
    expect(said['return booked']).toMatch(/<say-as interpret-as="digits">\d+<\/say-as>/);
    console.log('speech words per response type', JSON.stringify(figures));
  });

  it('when a product name carries its pack count, then the speech says the short name and the card keeps it whole', () => {
    expect(forTheEar('Reorder 1 of Huggies Little Snugglers Diapers, Size 2, 84 ct for $32.99?')).toBe(
      'Reorder 1 of Huggies Little Snugglers Diapers, Size 2 for $32.99?',
    );
    expect(forTheEar('Pampers Sensitive Baby Wipes, 12 packs: shipped.')).toBe('Pampers Sensitive Baby Wipes: shipped.');
    expect(forTheEar('Buy 12 packs of wipes.')).toBe('Buy 12 packs of wipes.');
  });
});
