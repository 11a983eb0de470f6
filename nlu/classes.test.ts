import { describe, expect, it } from 'vitest';
import { Nlu } from './nlu.js';

const nlu = new Nlu();
const now = new Date('2026-11-22T20:00:00Z');

// Classes of sentence the model once missed, in sentences written for this test (none from a training, evaluation
// or public set): each row is one instance of a class, not a phrase to be learned.
describe('understanding by class of sentence', () => {
  it.each([
    // A no about one time next to another is a change of time.
    ['en-US', 'no not friday morning, friday night suits me', 'change_delivery_slot'],
    ['ko-KR', '금요일 오전 말고 금요일 밤에 와 주세요', 'change_delivery_slot'],
    // "change it to" a time, with no place named, is the time.
    ['en-US', 'switch it to the evening', 'change_delivery_slot'],
    // Chilled goods that came warm, melted or spoiled are a delivery problem.
    ['en-US', 'the ice cream had melted by the time it came', 'report_delivery_problem'],
    ['ko-KR', '아이스크림이 다 녹은 채로 도착했어요', 'report_delivery_problem'],
    // A recurring order held, changed or stopped is the subscription.
    ['en-US', 'hold my recurring dog food until march', 'manage_subscription'],
    ['ko-KR', '사료 정기배송 3월까지 멈춰 주세요', 'manage_subscription'],
    // Chat shorthand.
    ['en-US', 'wheres my pkg', 'order_status'],
    ['en-US', 'y', 'affirm'],
    ['ko-KR', 'ㄴㄴ', 'deny'],
    // Another shop's order or parcel, a passport, a plumber: not Smile's, whatever the verb.
    ['en-US', 'my ebay parcel is late, what can I do', 'out_of_scope'],
    ['en-US', 'when does my passport come back in the mail', 'out_of_scope'],
    ['ko-KR', '쿠팡 주문 어디까지 왔어', 'out_of_scope'],
    ['ko-KR', '배관공 방문 목요일로 바꿔 줘', 'out_of_scope'],
    ['en-US', 'pause my netflix subscription', 'out_of_scope'],
    // A parcel said plainly not received is a report; not yet come is where it is.
    ['ko-KR', '시킨 물건 못 받았는데요', 'report_delivery_problem'],
    ['en-US', 'i never got the parcel', 'report_delivery_problem'],
    ['ko-KR', '기저귀 아직 못 받았어요 언제 와요?', 'order_status'],
    // A product and a word to cancel it is a cancellation, not a reorder or a stop.
    ['ko-KR', '라면 시킨 거 취소 부탁해요', 'cancel_order'],
    ['en-US', "don't ship the detergent after all", 'cancel_order'],
    ['ko-KR', '물티슈 보내지 마세요', 'cancel_order'],
    ['en-US', 'cancel netflix for me', 'out_of_scope'],
    // A day alone asks for nothing (the dialog reads it as an answer when it asked for one).
    ['en-US', 'saturday', 'out_of_scope'],
    ['ko-KR', '모레요', 'out_of_scope'],
    ['en-US', 'push it back two days', 'change_delivery_slot'],
    // One variant set aside for another picks what to order.
    ['ko-KR', '기저귀 4단계 말고 5단계로요', 'reorder'],
    // What Smile can do; a question of translation.
    ['ko-KR', '여기서 뭘 해 줄 수 있어요?', 'help'],
    ['en-US', 'how do you say thanks in german', 'out_of_scope'],
  ] as const)('%s "%s" is %s', (locale, text, intent) => {
    expect(nlu.parse(text, locale, { now }).intent.name).toBe(intent);
  });
});

describe('understanding a variant set aside and a product never bought', () => {
  it.each([
    ['ko-KR', '분유 1단계 말고 2단계로 주세요', { stage: 2 }, { stage: 1 }],
    ['en-US', 'not size 4 but size 5', { size: '5' }, { size: '4' }],
  ] as const)('%s "%s": the named variant is wanted and the other rejected', (locale, text, wanted, rejected) => {
    const variants = nlu.parse(text, locale, { now }).entities.filter((e) => e.type === 'variant');
    expect(variants.find((e) => !e.negated)?.value).toEqual(wanted);
    expect(variants.find((e) => e.negated)?.value).toEqual(rejected);
  });

  it('names the kind of product asked about when the customer never bought one, and nothing when they did', () => {
    const catalogue = [{ sku: 'w', name: 'Pampers Sensitive Baby Wipes, 12 packs' }];
    expect(nlu.parse('where are my batteries', 'en-US', { now, catalogue }).unbought).toBeUndefined();
    expect(nlu.parse("where's the shampoo I ordered", 'en-US', { now, catalogue }).unbought).toEqual(['shampoo']);
    expect(nlu.parse('where are the wipes', 'en-US', { now, catalogue }).unbought).toBeUndefined();
    expect(nlu.parse("where's the shampoo I ordered", 'en-US', { now }).unbought).toBeUndefined();
  });
});
