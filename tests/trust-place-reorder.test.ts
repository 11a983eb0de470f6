import { expect } from 'vitest';
import { describeTranscripts, shipment, unchanged, type SandboxState, type TranscriptCase } from './transcripts.js';

const newOrders = (s: SandboxState): any[] => s.orders.filter((o) => !s.before.orders.some((b) => b.id === o.id));
/** The open deliveries are where they were: only a new order was made. */
const shipmentsKept = (s: SandboxState, ids: string[]): void => {
  for (const id of ids) expect(shipment(s, id)).toEqual(s.before.shipments.find((x) => x.id === id));
};

// Place vs reorder (issue 12, item 3): a reorder to a place orders anew there; a move needs words about the delivery.
const CASES: Record<string, TranscriptCase[]> = {
  english: [
    {
      name: 'when the customer reorders the wipes to the office, then a new order goes to the office and the open delivery stays home',
      user: 'demo',
      steps: [
        ['reorder the wipes to my office', { flow: 'reorder', awaiting: 'confirmation', says: /Reorder 1 × Pampers.*delivered to Office/ }],
        ['yes', { flow: null, says: /placed/ }],
      ],
      check: (s) => {
        expect(newOrders(s)).toEqual([
          expect.objectContaining({ shippingAddressId: 'demo-office', items: [expect.objectContaining({ sku: 'pampers-sens-12' })] }),
        ]);
        shipmentsKept(s, ['shp-1003', 'shp-1004']);
      },
    },
    {
      name: 'when the customer asks to move the wipes delivery to the office, then the open shipment moves and nothing is ordered',
      user: 'demo',
      steps: [
        ['move the wipes delivery to my office', { flow: 'change_delivery_place', awaiting: 'confirmation', says: /to Office/ }],
        ['yes', { flow: null }],
      ],
      check: (s) => {
        expect(newOrders(s)).toEqual([]);
        expect(shipment(s, 'shp-1003').place).toMatchObject({ type: 'office' });
      },
    },
    {
      name: 'when the customer asks to send diapers that came last week to a locker, then Smile says they were delivered and changes nothing',
      user: 'demo',
      steps: [
        [
          'please deliver my diapers to the locker',
          { flow: null, says: /Huggies[^.]*has already been delivered, so where it goes can't be changed/ },
        ],
      ],
      check: unchanged,
    },
  ],
  korean: [
    {
      name: '물티슈를 회사로 다시 주문하면 새 주문이 회사로 가고 배송 중인 물티슈는 그대로다',
      user: 'demo-ko',
      steps: [
        ['물티슈 회사로 한 번 더 주문해줘', { flow: 'reorder', awaiting: 'confirmation', says: /회사/ }],
        ['네', { flow: null }],
      ],
      check: (s) => {
        expect(newOrders(s)).toEqual([expect.objectContaining({ shippingAddressId: 'demo-ko-office' })]);
        shipmentsKept(s, ['shp-2003', 'shp-2004']);
      },
    },
    {
      name: '배송 중인 물티슈를 회사로 받겠다고 하면 그 배송만 옮기고 주문은 새로 하지 않는다',
      user: 'demo-ko',
      steps: [
        ['오고 있는 물티슈 배송지를 회사로 바꿔줘', { flow: 'change_delivery_place', awaiting: 'confirmation' }],
        ['네', { flow: null }],
      ],
      check: (s) => {
        expect(newOrders(s)).toEqual([]);
        expect(shipment(s, 'shp-2003').place).toMatchObject({ type: 'office' });
      },
    },
    {
      name: '이미 받은 운동화를 편의점으로 보내 달라고 하면 배송이 끝났다고 알려 주고 아무것도 바꾸지 않는다',
      user: 'demo-ko',
      steps: [['운동화 편의점으로 보내 주세요', { flow: null, says: /운동화[^.]*이미 배송이 끝나서 배송지를 바꿀 수 없어요/ }]],
      check: unchanged,
    },
  ],
};

describeTranscripts('place vs reorder over /v1/chat', CASES);
