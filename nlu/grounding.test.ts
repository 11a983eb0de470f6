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

  // Something wrong with what came is the shop's fault to report, unless the customer asks to send it back (or it is
  // a size, which may have been their own pick).
  it.each([
    // Seen in a walk of issue 12: read as a return before the rule.
    ['주문한 거랑 다른 상품이 왔어요', 'ko-KR', 'report_delivery_problem'],
    ['시킨 거랑 전혀 다른 물건이 들어 있네요', 'ko-KR', 'report_delivery_problem'],
    ['주문한 상품 말고 엉뚱한 게 배송됐어요', 'ko-KR', 'report_delivery_problem'],
    ['엉뚱한 게 왔는데 반품할게요', 'ko-KR', 'schedule_return'],
    ['somebody else’s stuff was in my box, not what I ordered', 'en-US', 'report_delivery_problem'],
    ['wrong item in the package, please take it back', 'en-US', 'schedule_return'],
  ] as const)('"%s" (%s) is %s', (text, locale, intent) => {
    expect(nlu.parse(text, locale, { now }).intent.name).toBe(intent);
  });

  // ...unless the customer's own order or a product is named with it.
  it.each([
    ['cancel my order, I paid with the wrong card', 'en-US', 'cancel_order'],
    ['카드로 결제한 주문 취소해 주세요', 'ko-KR', 'cancel_order'],
  ] as const)('"%s" (%s) names an order too, so it is %s', (text, locale, intent) => {
    expect(nlu.parse(text, locale, { now }).intent.name).toBe(intent);
  });

  // Cooked food is another shop's even when the message says "order"; a product of Smile's keeps it Smile's.
  it.each([
    ['please call off the pizza order from earlier', 'en-US'],
    ['get me two burgers on doordash', 'en-US'],
    ['아까 시킨 치킨 주문 취소해 줘', 'ko-KR'],
    ['요기요에서 떡볶이 좀 주문해 줘', 'ko-KR'],
    ['my physical card got lost, send me another', 'en-US'],
    ['새 카드 언제쯤 받을 수 있어요?', 'ko-KR'],
  ] as const)('"%s" (%s), another shop’s or a bank’s, starts no action', (text, locale) => {
    expect(ACTION_INTENTS.has(nlu.parse(text, locale, { now }).intent.name)).toBe(false);
  });

  // A named problem (broken, wrong thing, wrong door) is a report, not a reorder or out of scope, and a parcel the
  // courier put at the wrong door is not a status question; one that has not come yet is.
  it.each([
    ['the courier left it at the wrong apartment', 'en-US', 'report_delivery_problem'],
    ['you gave me conditioner instead of the shampoo I ordered', 'en-US', 'report_delivery_problem'],
    ['my order still has not shown up', 'en-US', 'order_status'],
    ['세제 통이 깨졌는지 상자가 다 젖었어요', 'ko-KR', 'report_delivery_problem'],
    ['배달 완료라고 떴는데 현관에 아무 것도 없네요', 'ko-KR', 'report_delivery_problem'],
    ['택배가 아직 안 왔어요', 'ko-KR', 'order_status'],
    ['I got three boxes of wipes coming, cancel one of them', 'en-US', 'cancel_order'],
    ['물티슈 세 박스 주문했는데 한 박스는 취소할게요', 'ko-KR', 'cancel_order'],
    ['저 이사 가요 앞으로는 새 주소로 배송해 주세요', 'ko-KR', 'change_delivery_place'],
  ] as const)('"%s" (%s) is %s', (text, locale, intent) => {
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
