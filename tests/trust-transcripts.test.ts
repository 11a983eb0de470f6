import { expect } from 'vitest';
import { describeTranscripts, shipment, type TranscriptCase } from './transcripts.js';

// Issue 12 as customers say it, over POST /v1/chat, with the effect (or its absence) checked in the sandbox.
const CASES: Record<string, TranscriptCase[]> = {
  'choices that can be told apart': [
    { name: 'when two open deliveries are of the same wipes, then each button carries its order number and the customer picks one by it', user: 'demo',
      steps: [
        ['reorder the wipes', { awaiting: 'confirmation' }], ['yes', { flow: null, says: /placed/ }],
        ['reschedule the wipes delivery', { awaiting: 'order', suggestions: 2, suggests: /Pampers[^|]*· ord-1003[^|]*\| Pampers[^|]*· ord-(?!1003)/ }],
        ['the one from ord-1003', { awaiting: 'window' }], ['the first one', { awaiting: 'confirmation', says: /ord-1003/ }], ['yes', { flow: null }]],
      check: (s) => {
        expect(shipment(s, 'shp-1003').window).not.toEqual(s.before.shipments.find((x: any) => x.id === 'shp-1003').window);
        expect(s.shipments.filter((x: any) => !s.before.shipments.some((b: any) => b.id === x.id)).every((x: any) => x.status === 'placed')).toBe(true);
      } },
    { name: '같은 물티슈 주문이 두 개 열려 있으면 버튼에 주문번호가 붙고, 번호로 고를 수 있다', user: 'demo-ko',
      steps: [
        ['물티슈 다시 주문해줘', { awaiting: 'confirmation' }], ['네', { flow: null }],
        ['물티슈 배송 시간 바꿔줘', { awaiting: 'order', suggestions: 2, suggests: /물티슈[^|]*· ord-2003[^|]*\| [^|]*물티슈[^|]*· ord-(?!2003)/ }],
        ['ord-2003 그거요', { awaiting: 'window' }], ['그만', { flow: null }]],
      check: (s) => expect(shipment(s, 'shp-2003')).toEqual(s.before.shipments.find((x: any) => x.id === 'shp-2003')) },
  ],
};

describeTranscripts('issue 12 transcripts', CASES);
