import { expect } from 'vitest';
import { describeTranscripts, shipment, type SandboxState, type TranscriptCase } from './transcripts.js';

// Issue 12, item 7: changing one's mind to another task in the middle of a confirmation — the old one dropped with a
// word (nothing done there), the new one about the same product, confirmed before anything moves.
const FRIDAY = '2026-11-27';
const movedToFriday = (id: string) => (s: SandboxState) => {
  expect(s.orders).toEqual(s.before.orders);
  expect(shipment(s, id).window.start.slice(0, 10)).toBe(FRIDAY);
};

const CASES: Record<string, TranscriptCase[]> = {
  english: [
    {
      name: 'when the customer says "actually no, just move it to friday" at a reorder confirmation, then the reorder is dropped and the wipes move',
      user: 'demo',
      steps: [
        ['reorder the wipes', { flow: 'reorder', awaiting: 'confirmation' }],
        [
          'actually no, just move it to friday',
          { flow: 'change_delivery_slot', awaiting: 'window', says: /dropped your reorder; nothing was done there\..*Pampers/s },
        ],
        ['the first one', { awaiting: 'confirmation', says: /Fri/ }],
        ['yes', { flow: null }],
        // Nothing of the reorder comes back.
        ['yes', { flow: null }],
      ],
      check: movedToFriday('shp-1003'),
    },
  ],
  korean: [
    {
      name: '재주문 확인 중에 "아니 그냥 금요일로 옮겨줘"라고 하면, 재주문은 접고 물티슈 배송을 금요일로 옮긴다',
      user: 'demo-ko',
      steps: [
        ['물티슈 다시 주문해줘', { flow: 'reorder', awaiting: 'confirmation' }],
        [
          '아니 그냥 금요일로 옮겨줘',
          { flow: 'change_delivery_slot', awaiting: 'window', says: /재주문은 멈췄어요\. 아직 처리된 건 없어요\..*베베숲/s },
        ],
        ['첫 번째', { awaiting: 'confirmation', says: /11월 27일/ }],
        ['네', { flow: null }],
        ['네', { flow: null }],
      ],
      check: movedToFriday('shp-2003'),
    },
  ],
};

describeTranscripts('switching task in the middle of a confirmation, over /v1/chat', CASES);
