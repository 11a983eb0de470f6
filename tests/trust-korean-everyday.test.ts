import { expect } from 'vitest';
import { describeTranscripts, unchanged, type TranscriptCase } from './transcripts.js';

// Issue 21 item 5: "X 말고 Y" for quantities, and door notes (집 문 앞, 현관, 경비실, 택배함) as 배송 요청사항, not a new place.
const newOrder = (s: { orders: any[]; before: { orders: any[] } }): any => s.orders.find((o) => !s.before.orders.some((b) => b.id === o.id));

const CASES: Record<string, TranscriptCase[]> = {
  'X 말고 Y for a quantity': [
    {
      name: '재주문 확인에서 "세 개 말고 두 개로 해 주세요"라고 하면 두 개로 고쳐 묻고, 네 하면 두 개를 주문한다',
      user: 'demo-ko',
      steps: [
        ['물티슈 세 개 다시 주문해줘', { awaiting: 'confirmation', says: /수량: 3개/ }],
        ['세 개 말고 두 개로 해 주세요', { awaiting: 'confirmation', says: /수량: 2개/ }],
        ['네', { flow: null }],
      ],
      check: (s) => expect(newOrder(s).items).toEqual([expect.objectContaining({ sku: 'bebesup-cap-70-10', quantity: 2 })]),
    },
    {
      name: 'when the customer says "not three, make it two" at the confirmation, then the reorder is for two',
      user: 'demo',
      steps: [
        ['order three packs of the wipes again', { awaiting: 'confirmation', says: /3 ×/ }],
        ['not three, make it two', { awaiting: 'confirmation', says: /2 ×/ }],
        ['no', { flow: null }],
      ],
      check: unchanged,
    },
  ],
  'door notes are 배송 요청사항': [
    {
      name: '"집 문 앞에 놔 주세요"는 배송지 변경이 아니라 배송 요청사항이고, 네 하면 배송 중인 주문에 저장된다',
      user: 'demo-ko',
      steps: [
        ['집 문 앞에 놔 주세요', { flow: 'change_delivery_place', awaiting: 'confirmation', says: /배송 요청사항: 집 문 앞에 놔 주세요/ }],
        ['네', { flow: null, says: /저장했어요/ }],
      ],
      check: (s) => {
        const open = s.shipments.filter((x: any) => ['placed', 'shipped'].includes(x.status));
        expect(open.length).toBeGreaterThan(0);
        for (const x of open) expect(x).toMatchObject({ instructions: '집 문 앞에 놔 주세요', place: { type: 'home' } });
      },
    },
    {
      name: '"현관 비밀번호는 1234예요"는 계정 문의가 아니라 배송 요청사항이고, "아니요"면 아무것도 바꾸지 않는다',
      user: 'demo-ko',
      steps: [
        ['현관 비밀번호는 1234예요', { awaiting: 'confirmation', says: /배송 요청사항: 현관 비밀번호는 1234예요/ }],
        ['아니요', { flow: null }],
      ],
      check: unchanged,
    },
  ],
  'a street address is never dropped silently': [
    {
      name: '"물티슈 … 월드컵로 55로 보내 주세요"는 재주문이 아니라 그 주소로 배송지를 바꾸는 요청이고, 주소를 그대로 말해 준다',
      user: 'demo-ko',
      steps: [
        ['물티슈 서울시 마포구 월드컵로 55로 보내 주세요', { flow: 'change_delivery_place', says: /서울시 마포구 월드컵로 55/ }],
        ['그만', { flow: null }],
      ],
      check: unchanged,
    },
    {
      name: '재주문에 새 주소를 말하면 저장된 배송지로만 주문할 수 있다고 주소를 되짚어 말하고, 아니요면 주문하지 않는다',
      user: 'demo-ko',
      steps: [
        [
          '물티슈 다시 주문해서 서울시 마포구 월드컵로 55로 보내줘',
          { awaiting: 'confirmation', says: /새 주소: 서울시 마포구 월드컵로 55[\s\S]*배송지: 집/ },
        ],
        ['아니요', { flow: null }],
      ],
      check: unchanged,
    },
    {
      name: 'when a reorder names a street address, then Smile says a new order goes to a saved place and names the address',
      user: 'demo',
      steps: [
        ['reorder the wipes to 42 oak street', { awaiting: 'confirmation', says: /can't send it to 42 Oak Street[\s\S]*delivered to Home/ }],
        ['yes', { flow: null }],
      ],
      check: (s) => expect(newOrder(s)).toMatchObject({ shippingAddressId: 'demo-home' }),
    },
  ],
};

describeTranscripts('everyday Korean: X 말고 Y, door notes (issue 21, item 5)', CASES);
