import { describe, expect, it } from 'vitest';
import { snoozeDays, stopsSuggesting } from './nudge-answers.js';

describe('answers to a reorder nudge', () => {
  it.each([
    ['not now', 3],
    ['Not now, thanks', 3],
    ['maybe later', 3],
    ['remind me next week', 7],
    ['Remind me next week', 7],
    ['ask me tomorrow', 1],
    ['다음 주에 알려줘', 7],
    ['담주에 다시 물어봐', 7],
    ['내일 알려줘', 1],
    ['나중에요', 3],
    ['지금은 말고', 3],
    ['아직 있어요', 3],
  ])('when the customer says "%s", then the nudge is put off %i days', (text, days) => {
    expect(snoozeDays(text)).toBe(days);
    expect(stopsSuggesting(text)).toBe(false);
  });

  it.each([
    'stop suggesting this',
    "don't remind me about this again",
    'never suggest this again',
    'not interested',
    '이거 그만 추천해',
    '더 이상 추천하지 마',
    '추천 안 해도 돼요',
    '관심 없어요',
  ])('when the customer says "%s", then it stops for that product (and is no snooze)', (text) => {
    expect(stopsSuggesting(text)).toBe(true);
    expect(snoozeDays(text)).toBeNull();
  });

  it.each(['yes', 'no', '네', 'where is my order', 'reorder the wipes', '배송 어디쯤이야', 'make it three'])(
    'when the customer says "%s", then it is neither',
    (text) => {
      expect(snoozeDays(text)).toBeNull();
      expect(stopsSuggesting(text)).toBe(false);
    },
  );
});
