import { expect } from 'vitest';
import { describeTranscripts, unchanged, type TranscriptCase } from './transcripts.js';

// Issue 12, walked as a new customer would: what went wrong on the way, in both languages, over POST /v1/chat.
const CASES: Record<string, TranscriptCase[]> = {
  'a plain "no" to a question that is not yes/no stops, and touches nothing': [
    {
      name: 'when the customer answers "which delivery?" with no, then the move stops and no delivery moves',
      user: 'demo',
      steps: [
        ['i need to reschedule a delivery', { flow: 'change_delivery_slot', awaiting: 'order' }],
        ['nope', { flow: null, says: /stopped.*unchanged/ }],
      ],
      check: unchanged,
    },
    {
      name: '어느 배송을 옮길지 묻는 데 "아니요"라고 하면 멈추고 아무 배송도 바꾸지 않는다',
      user: 'demo-ko',
      steps: [
        ['배송지 좀 바꾸고 싶어요', { flow: 'change_delivery_place', awaiting: 'order' }],
        ['아니요', { flow: null }],
      ],
      check: unchanged,
    },
    {
      name: 'when the customer answers "why are you returning it?" with no, then no is not taken as the reason and nothing is booked',
      user: 'demo',
      steps: [
        ['i wanna send back the running shoes', { awaiting: 'reason' }],
        ['no', { flow: null, says: /No return was booked/ }],
      ],
      check: unchanged,
    },
    {
      name: '반품 사유를 묻는 데 "아니요"라고 하면 사유로 받지 않고 반품을 접수하지 않는다',
      user: 'demo-ko',
      steps: [
        ['운동화 반품할래요', { awaiting: 'reason' }],
        ['아니요', { flow: null }],
        ['아니요', { flow: null }],
      ],
      check: (s) => {
        expect(s.returns).toEqual(s.before.returns);
        unchanged(s);
      },
    },
  ],
  'a missing parcel typed without apostrophes': [
    {
      name: 'when the customer says it was marked delivered but they cant find it, then the delivery problem is taken, not an order list',
      user: 'demo',
      steps: [['app says delivered but i cant find the box anywhere', { flow: 'report_delivery_problem' }]],
      check: unchanged,
    },
    {
      name: 'when the customer says they didnt get the parcel, then the delivery problem is taken',
      user: 'demo',
      steps: [['i didnt get my parcel even though its marked as delivered', { flow: 'report_delivery_problem' }]],
      check: unchanged,
    },
  ],
  '"that" moved to a day right after a delivery was discussed': [
    {
      name: 'when the customer asks when the brush heads come and then says "can you push that to next tuesday", then that delivery is moved',
      user: 'demo',
      steps: [
        ['when are my brush heads coming', { flow: null, says: /Sonicare/ }],
        ['could you push that back to next tuesday', { flow: 'change_delivery_slot', awaiting: 'window', says: /Sonicare/, suggests: /Tue/ }],
        ['the first one', { awaiting: 'confirmation' }],
        ['stop', { flow: null }],
      ],
      check: unchanged,
    },
    {
      name: '신라면이 언제 오는지 물은 뒤 "그거 다음 주 화요일로 미뤄 줘"라고 하면 그 배송을 옮기고, 아니요면 그대로 둔다',
      user: 'demo-ko',
      steps: [
        ['신라면 언제 와요?', { flow: null, says: /신라면/ }],
        ['그거 다음 주 화요일로 미뤄 줘', { flow: 'change_delivery_slot', says: /신라면/ }],
        ['아니요', { flow: null }],
      ],
      check: unchanged,
    },
  ],
  'another product wanted as well at a reorder confirmation': [
    {
      name: 'when the customer says "also get me the detergent" at the wipes confirmation, then both are confirmed as one order and placed once',
      user: 'demo',
      steps: [
        ['reorder the wipes', { flow: 'reorder', awaiting: 'confirmation', says: /Pampers/ }],
        ['oh and also order the tide detergent please', { flow: 'reorder', awaiting: 'confirmation', says: /Pampers.* and 1 × Tide.*\$44\.98/s }],
        ['yes', { flow: null, says: /placed \(order number \w+, \$44\.98\)/, not: /set aside/ }, 'also-yes'],
        ['yes', { flow: null, says: /placed/ }, 'also-yes'],
      ],
      check: (s) => {
        const placed = s.orders.filter((o) => !s.before.orders.some((b: any) => b.id === o.id));
        expect(placed.map((o) => o.items.map((i: any) => i.sku))).toEqual([['pampers-sens-12', 'tide-free-92oz']]);
      },
    },
    {
      name: 'when the customer adds "oh and the tide too" without a verb, then the wipes stay and both are confirmed: nothing is placed until yes, then once',
      user: 'demo',
      steps: [
        ['could you reorder my baby wipes', { flow: 'reorder', awaiting: 'confirmation', says: /Pampers/ }],
        ['oh and the tide too', { awaiting: 'confirmation', says: /added Tide.*Reorder 1 × Pampers.* and 1 × Tide.*Shall I place/s }],
        ['and the shampoo as well', { awaiting: 'confirmation', says: /couldn't find "shampoo".*Pampers.* and 1 × Tide/s }],
        ['yes please', { flow: null, says: /placed/ }, 'add-yes'],
        ['yes please', { flow: null, says: /placed/ }, 'add-yes'],
      ],
      check: (s) => {
        const placed = s.orders.filter((o) => !s.before.orders.some((b: any) => b.id === o.id));
        expect(placed.map((o) => o.items.map((i: any) => [i.sku, i.quantity]))).toEqual([
          [
            ['pampers-sens-12', 1],
            ['tide-free-92oz', 1],
          ],
        ]);
      },
    },
    {
      name: 'when the customer adds the detergent and then says no, then nothing at all is ordered',
      user: 'demo',
      steps: [
        ['reorder the wipes', { awaiting: 'confirmation' }],
        ['plus the tide', { awaiting: 'confirmation', says: /and 1 × Tide/ }],
        ['no', { flow: null }],
      ],
      check: unchanged,
    },
    {
      name: '물티슈 재주문 확인 중에 "삼다수도 같이 주문해 주세요"라고 하면 둘을 한 주문으로 다시 확인하고 한 번만 주문한다',
      user: 'demo-ko',
      steps: [
        ['물티슈 한 번 더 시킬게요', { flow: 'reorder', awaiting: 'confirmation', says: /베베숲/ }],
        ['삼다수도 같이 주문해 주세요', { flow: 'reorder', awaiting: 'confirmation', says: /베베숲.*삼다수.*28,800원/s }],
        ['네', { flow: null, says: /주문을 완료했어요.*28,800원/s, not: /접어 뒀어요/ }],
      ],
      check: (s) => {
        const placed = s.orders.filter((o) => !s.before.orders.some((b: any) => b.id === o.id));
        expect(placed.map((o) => o.items.map((i: any) => i.sku))).toEqual([['bebesup-cap-70-10', 'samdasoo-2l-12']]);
      },
    },
    {
      name: '물티슈 재주문 확인 중에 "아 그리고 세제도"라고 하면 산 적 없는 세제는 없다고 말하고, "신라면도요"는 더해서 둘을 한 번에 주문한다',
      user: 'demo-ko',
      steps: [
        ['물티슈 다시 주문해 줄래요?', { flow: 'reorder', awaiting: 'confirmation', says: /베베숲/ }],
        ['아 그리고 세제도', { awaiting: 'confirmation', says: /"세제"를 찾지 못해서 추가하지 않았어요.*베베숲/s, not: /잘 모르겠어요/ }],
        ['신라면도요', { awaiting: 'confirmation', says: /함께 담았어요.*베베숲 물티슈 캡형 70매 10팩 · 1개, 신라면 멀티팩 5개입 · 2개/s }],
        ['네', { flow: null, says: /주문을 완료했어요/ }, 'ko-add-yes'],
        ['네', { flow: null, says: /주문을 완료했어요/ }, 'ko-add-yes'],
      ],
      check: (s) => {
        const placed = s.orders.filter((o) => !s.before.orders.some((b: any) => b.id === o.id));
        expect(placed.map((o) => o.items.map((i: any) => [i.sku, i.quantity]))).toEqual([
          [
            ['bebesup-cap-70-10', 1],
            ['shin-ramyun-5', 2],
          ],
        ]);
      },
    },
    {
      name: '물티슈에 삼다수를 더한 뒤 아니요라고 하면 아무것도 주문하지 않는다',
      user: 'demo-ko',
      steps: [
        ['물티슈 다시 주문해 주세요', { awaiting: 'confirmation' }],
        ['아 그리고 삼다수도', { awaiting: 'confirmation', says: /삼다수/ }],
        ['아니요', { flow: null }],
      ],
      check: unchanged,
    },
  ],
  'a general question about delivery asks the policy': [
    {
      name: 'when the customer asks how long shipping takes, then the delivery policy answers (not their order list)',
      user: 'demo',
      steps: [['how long does shipping normally take?', { flow: null, says: /next day.*Source: Delivery policy/s }]],
      check: unchanged,
    },
    {
      name: '배송이 보통 며칠 걸리는지 물으면 배송 정책으로 답한다',
      user: 'demo-ko',
      steps: [['배송은 보통 며칠 걸려요?', { flow: null, says: /다음 날.*출처: 배송 정책/s }]],
      check: unchanged,
    },
    {
      name: '내 택배가 언제 오는지 물으면 정책이 아니라 내 주문으로 답한다',
      user: 'demo-ko',
      steps: [['제 택배 언제 도착해요?', { flow: null, says: /도착 예정/ }]],
      check: unchanged,
    },
  ],
};

describeTranscripts('issue 12 walked as a new customer', CASES);
