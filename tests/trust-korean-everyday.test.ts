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
};

describeTranscripts('everyday Korean: X 말고 Y, door notes (issue 21, item 5)', CASES);
