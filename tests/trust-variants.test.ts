import { expect } from 'vitest';
import { describeTranscripts, unchanged, type TranscriptCase } from './transcripts.js';

const newOrder = (s: { orders: any[]; before: { orders: any[] } }): any => {
  const added = s.orders.filter((o) => !s.before.orders.some((b) => b.id === o.id));
  expect(added).toHaveLength(1);
  return added[0];
};

// Variants and quantities of a reorder (issue 12, item 2), over /v1/chat, with the order checked in the sandbox.
const CASES: Record<string, TranscriptCase[]> = {
  english: [
    {
      name: 'when the customer wants the diapers again in a bigger size, then that size is confirmed and ordered',
      user: 'demo',
      steps: [
        [
          'i want diapers again but size 3 this time',
          { awaiting: 'confirmation', says: /Reorder 1 × Huggies Little Snugglers Diapers, Size 3, 74 ct/ },
        ],
        ['yes', { flow: null, says: /placed/ }],
      ],
      check: (s) => expect(newOrder(s).items).toEqual([expect.objectContaining({ sku: 'huggies-ls-3-74', quantity: 1 })]),
    },
    {
      name: 'when the size asked for is sold out, then Smile says so and offers the nearest, and no orders nothing',
      user: 'demo',
      steps: [
        ['reorder the diapers in size 5', { awaiting: 'confirmation', says: /isn't available in size 5.*Size 4, 62 ct/, suggests: /Size 4.*Size 3/ }],
        ['no', { flow: null }],
      ],
      check: unchanged,
    },
    {
      name: 'when the customer takes the nearest size offered, then that one is ordered',
      user: 'demo',
      steps: [
        ['reorder the diapers in size 5', { awaiting: 'confirmation' }],
        ['Huggies Little Snugglers Diapers, Size 4, 62 ct', { awaiting: 'confirmation', says: /Reorder 1 × .*Size 4/ }],
        ['yes', { flow: null }],
      ],
      check: (s) => expect(newOrder(s).items[0].sku).toBe('huggies-ls-4-62'),
    },
    {
      name: 'when "x2" follows the product, then two are ordered',
      user: 'demo',
      steps: [
        ['reoder the detergent x2', { awaiting: 'confirmation', says: /Reorder 2 × Tide/ }],
        ['yes', { flow: null }],
      ],
      check: (s) => expect(newOrder(s).items[0]).toMatchObject({ sku: 'tide-free-92oz', quantity: 2 }),
    },
    {
      name: 'when a size is named at the confirmation, then the order is confirmed again in that size',
      user: 'demo',
      steps: [
        ['reorder diapers', { awaiting: 'confirmation', says: /Size 2/ }],
        ['actually make it size 4', { awaiting: 'confirmation', says: /Size 4, 62 ct/ }],
        ['yes', { flow: null }],
      ],
      check: (s) => expect(newOrder(s).items[0].sku).toBe('huggies-ls-4-62'),
    },
  ],
  korean: [
    {
      name: '기저귀를 4단계로 달라고 하면 지난번 수량 그대로 4단계가 확인되고 주문된다',
      user: 'demo-ko',
      steps: [
        ['기저귀 4단계로 주문하고 싶어요', { awaiting: 'confirmation', says: /4단계 56매/ }],
        ['네', { flow: null }],
      ],
      check: (s) => expect(newOrder(s).items).toEqual([expect.objectContaining({ sku: 'huggies-nature-4-56', quantity: 2 })]),
    },
    {
      name: '품절인 단계를 찾으면 구할 수 없다고 하고 가장 가까운 단계를 권하며, 아니요면 아무것도 주문하지 않는다',
      user: 'demo-ko',
      steps: [
        ['기저귀 5단계로 다시 시켜줘', { awaiting: 'confirmation', says: /말씀하신 옵션\(5단계\)은 지금 품절이에요[\s\S]*4단계/ }],
        ['아니요', { flow: null }],
      ],
      check: unchanged,
    },
    {
      name: '"두 통"은 앞의 상품의 수량이 된다',
      user: 'demo-ko',
      steps: [
        ['물티슈 두 통 주문해줘', { awaiting: 'confirmation', says: /2/ }],
        ['네', { flow: null }],
      ],
      check: (s) => expect(newOrder(s).items[0]).toMatchObject({ sku: 'bebesup-cap-70-10', quantity: 2 }),
    },
    {
      name: '"2개"는 앞의 상품의 수량이 된다',
      user: 'demo-ko',
      steps: [
        ['삼다수 2개 주문할게요', { awaiting: 'confirmation' }],
        ['네', { flow: null }],
      ],
      check: (s) => expect(newOrder(s).items[0]).toMatchObject({ sku: 'samdasoo-2l-12', quantity: 2 }),
    },
  ],
};

describeTranscripts('product variants and quantities over /v1/chat', CASES);
