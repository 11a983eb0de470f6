import { describe, expect, it } from 'vitest';
import { asksAboutPending } from './pending-question.js';

describe('a question about what is being confirmed (a closed class)', () => {
  it.each([
    'how much is that?',
    'How much?',
    'so how much will that be in total',
    "what's the total?",
    'what does it cost',
    'total?',
    'when would it arrive?',
    'when will they come',
    '얼마예요?',
    '총 얼마야',
    '그래서 얼마라고요?',
    '가격은 얼마예요',
    '금액이 어떻게 돼요?',
    '언제 와요?',
    '언제 도착해요',
  ])('"%s" asks about it', (text) => expect(asksAboutPending(text)).toBe(true));

  it.each([
    'how much do refunds take',
    'how long do refunds take?',
    'when did my wipes ship?',
    'where is my order',
    'how much is shipping to Jeju',
    '반품 배송비 얼마예요?',
    '물티슈 언제 와요?',
    'yes',
    '네',
  ])('"%s" does not', (text) => expect(asksAboutPending(text)).toBe(false));
});
