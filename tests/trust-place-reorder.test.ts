import { expect } from 'vitest';
import { describeTranscripts, shipment, type SandboxState, type TranscriptCase } from './transcripts.js';

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
  ],
};

describeTranscripts('place vs reorder over /v1/chat', CASES);
