import { describe, expect, it } from 'vitest';
import { ACTION_INTENTS } from './catalogue.js';
import { Nlu } from './nlu.js';

const nlu = new Nlu();
const now = new Date('2026-11-22T20:00:00Z');

describe('the rules after the classifier (nlu/nlu.ts)', () => {
  // The words of an action are the same in another world; the object is not. None of these is a shop action.
  it.each([
    ['cancel my dentist appointment on friday', 'en-US'],
    ['move the team meeting to thursday afternoon', 'en-US'],
    ['my replacement debit card still has not arrived', 'en-US'],
    ['send the email to my office address', 'en-US'],
    ['치과 예약 금요일로 바꿔 주세요', 'ko-KR'],
    ['팀 회의 목요일 오후로 미뤄 줘', 'ko-KR'],
    ['새로 발급한 체크카드 배송 언제 와요?', 'ko-KR'],
    ['이메일 주소 회사 걸로 바꿔 줘', 'ko-KR'],
  ] as const)('"%s" (%s), about another world’s thing, starts no action', (text, locale) => {
    expect(ACTION_INTENTS.has(nlu.parse(text, locale, { now }).intent.name)).toBe(false);
  });

  // ...unless the customer's own order or a product is named with it.
  it.each([
    ['cancel my order, I paid with the wrong card', 'en-US', 'cancel_order'],
    ['카드로 결제한 주문 취소해 주세요', 'ko-KR', 'cancel_order'],
  ] as const)('"%s" (%s) names an order too, so it is %s', (text, locale, intent) => {
    expect(nlu.parse(text, locale, { now }).intent.name).toBe(intent);
  });

  it('a message the model reads as a delivery problem is never turned into out of scope for lack of a listed word', () => {
    // No word of the delivery-problem lexicon, and the next meaning is not "where is it": the problem stands.
    for (const [text, locale] of [
      ['somebody walked off with the box from my steps', 'en-US'],
      ['현관 앞에 둔 상자를 누가 들고 갔어요', 'ko-KR'],
    ] as const) {
      expect(nlu.parse(text, locale, { now }).intent.name, text).not.toBe('out_of_scope');
    }
  });
});
