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
  ] as const)('%s "%s" is %s', (locale, text, intent) => {
    expect(nlu.parse(text, locale, { now }).intent.name).toBe(intent);
  });
});
