import { describe, expect, it } from 'vitest';
import { botFrameworkChannel } from '../bots/botframework-channel.js';
import { agentsChannel } from '../bots/agents-channel.js';
import { kakaoChannel } from '../bots/kakao-channel.js';
import { present } from '../bots/presentation.js';
import { restChannel } from '../bots/rest-channel.js';
import { AppError } from '../domain/errors.js';
import type { Reply } from '../engine/types.js';
import { alexaChannel } from '../skills/alexa-channel.js';

const base = { conversationId: 'c1', flow: null, awaiting: null, locale: 'en-US', intent: null } as const;

/** A handful of representative engine replies; every channel draws each of them. */
const REPLIES: Record<string, Reply> = {
  confirmation: {
    ...base,
    flow: 'reorder',
    awaiting: 'confirmation',
    intent: { name: 'reorder', confidence: 0.97 },
    messages: [
      {
        text: 'Reorder 2 × Pampers Sensitive Baby Wipes, 12 packs for $49.98, delivered to Office? Shall I place the order?',
        card: { title: 'Your order', lines: ['2 × Pampers Sensitive Baby Wipes, 12 packs', 'Total $49.98', 'To Office'] },
        suggestions: ['Yes', 'No'],
      },
    ],
  },
  choiceOfThree: {
    ...base,
    flow: 'schedule_return',
    awaiting: 'method',
    intent: { name: 'schedule_return', confidence: 0.93 },
    messages: [
      { text: 'Got it.' },
      {
        text: 'How would you like to send it back?',
        suggestions: ['Drop off at a convenience store', 'Drop off at a parcel locker', 'Courier pick-up'],
      },
    ],
  },
  card: {
    ...base,
    intent: { name: 'affirm', confidence: 0.99 },
    messages: [{ text: 'Your order ord-2001 is placed. It arrives Tue, Nov 24.', card: { title: 'Your order', lines: ['ord-2001', 'Nov 24'] } }],
  },
  handoff: {
    ...base,
    flow: 'human_handoff',
    intent: { name: 'human_handoff', confidence: 0.95 },
    handoff: { escalationId: 'esc-1', status: 'queued' },
    messages: [{ text: 'A person will reply here as soon as possible.' }],
  },
  korean: {
    ...base,
    locale: 'ko-KR',
    flow: 'reorder',
    awaiting: 'confirmation',
    intent: { name: 'reorder', confidence: 0.9 },
    messages: [
      {
        text: '베베숲 물티슈 2팩을 회사로 주문할까요?',
        card: { title: '주문 내용', lines: ['베베숲 물티슈 × 2', '합계 ₩25,800'] },
        suggestions: ['네', '아니요'],
      },
    ],
  },
  pictured: {
    ...base,
    flow: 'reorder',
    awaiting: 'confirmation',
    intent: { name: 'reorder', confidence: 0.95 },
    messages: [
      {
        text: 'Reorder 1 × Huggies Little Movers Diapers, Size 3 for $27.99? Shall I place the order?',
        card: {
          title: 'Your order',
          lines: ['1 × Huggies Little Movers Diapers, Size 3', 'Total $27.99'],
          products: [{ sku: 'HUG-LM-3', name: 'Huggies Little Movers Diapers, Size 3', imageUrl: 'https://shop.example/img/huggies-3.svg' }],
        },
        suggestions: ['Yes', 'No'],
      },
    ],
  },
  help: {
    ...base,
    intent: { name: 'help', confidence: 0.99 },
    messages: [{ text: 'I can: reorder, track an order, move a delivery.', suggestions: ['Reorder', 'Where is my order?'] }],
  },
};
const CHANNELS = { rest: restChannel, botframework: botFrameworkChannel, kakao: kakaoChannel, alexa: alexaChannel };

describe('the presentation, decided once for every channel', () => {
  it('when Smile waits for yes/no, then it is a confirmation; when it waits for one of several, a choice; else a statement', () => {
    const caps = botFrameworkChannel.capabilities;
    expect(present(REPLIES.confirmation!, caps).kind).toBe('confirm');
    expect(present(REPLIES.choiceOfThree!, caps).kind).toBe('choice');
    expect(present(REPLIES.help!, caps).kind).toBe('statement');
    expect(present(REPLIES.card!, caps).kind).toBe('statement');
  });

  it('when the channel is a speaker, then a choice is read out, at most three options, and the session stays open', () => {
    const many = { ...REPLIES.choiceOfThree!, messages: [{ text: 'Which one?', suggestions: ['a', 'b', 'c', 'd', 'e'] }] };
    const p = present(many, alexaChannel.capabilities);
    expect(p.options).toEqual(['a', 'b', 'c']);
    expect(p.spokenOptions).toMatch(/a, b, or c, or say "more" to hear the other 2/);
    expect(p.endSession).toBe(false);
    expect(present(many, kakaoChannel.capabilities).options).toHaveLength(5);
  });

  it('when a flow is done, then a voice session ends; after help it stays open and asks what next', () => {
    expect(present(REPLIES.card!, alexaChannel.capabilities)).toMatchObject({ endSession: true, reprompt: null });
    expect(present(REPLIES.help!, alexaChannel.capabilities)).toMatchObject({ endSession: false, reprompt: 'What would you like to do?' });
  });
});

describe.each(Object.entries(CHANNELS))('the %s renderer', (_name, channel) => {
  it.each(Object.keys(REPLIES))('when the reply is "%s", then it renders as its snapshot', (key) => {
    expect(channel.render(REPLIES[key]!)).toMatchSnapshot();
  });

  it('when a turn fails inside, then the customer gets an apology with no internal text', () => {
    const rendered = JSON.stringify(channel.renderError(new Error('connect ECONNREFUSED 10.0.0.7:27017'), 'en-US'));
    expect(rendered).not.toMatch(/ECONNREFUSED|10\.0\.0\.7/);
    expect(channel.renderError(new Error('boom'), 'en-US')).toMatchSnapshot();
  });

  it('when a turn is refused for a reason Smile explains, then that reason is shown, in Korean too', () => {
    expect(JSON.stringify(channel.renderError(new AppError('not_ready', 'Smile is starting', 503), 'ko-KR'))).toMatch(/죄송해요/);
    expect(JSON.stringify(channel.renderError(new AppError('text_too_long', 'text: too long', 413), 'ko-KR'))).toMatch(/너무 길어서/);
    // A provider's refusal is not the customer's business: an apology in their language, none of its English.
    const provider = JSON.stringify(channel.renderError(new AppError('unknown_sku', 'commerce: HTTP 422 Unknown product X-1', 422), 'ko-KR'));
    expect(provider).toMatch(/죄송해요/);
    expect(provider).not.toMatch(/HTTP|Unknown|commerce/);
  });
});

describe('the Microsoft 365 Agents SDK renderer (SMILE_BF_SDK=agents)', () => {
  // Activities are JSON on the wire: what the customer receives must not depend on which SDK drew it.
  const wire = (v: unknown): unknown => JSON.parse(JSON.stringify(v));
  it.each(Object.keys(REPLIES))('when the reply is "%s", then it sends exactly what botbuilder sends', (key) => {
    expect(wire(agentsChannel.render(REPLIES[key]!))).toEqual(wire(botFrameworkChannel.render(REPLIES[key]!)));
  });
  it('when a turn fails, then it sends the same apology', () => {
    expect(wire(agentsChannel.renderError(new Error('boom'), 'ko-KR'))).toEqual(wire(botFrameworkChannel.renderError(new Error('boom'), 'ko-KR')));
  });
});
