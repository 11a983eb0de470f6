import { expect } from 'vitest';
import { describeTranscripts, shipment, unchanged, type TranscriptCase } from './transcripts.js';

// Issue 12 as customers say it, over POST /v1/chat, with the effect (or its absence) checked in the sandbox.
const CASES: Record<string, TranscriptCase[]> = {
  'choices that can be told apart': [
    {
      name: 'when two open deliveries are of the same wipes, then each button carries its order number and the customer picks one by it',
      user: 'demo',
      steps: [
        ['reorder the wipes', { awaiting: 'confirmation' }],
        ['yes', { flow: null, says: /placed/ }],
        [
          'reschedule the wipes delivery',
          { awaiting: 'order', suggestions: 2, suggests: /Pampers[^|]*· order number 1003[^|]*\| Pampers[^|]*· order number (?!1003)[0-9A-F]{8}/ },
        ],
        ['the one from order 1003', { awaiting: 'window' }],
        ['the first one', { awaiting: 'confirmation', says: /order number 1003/, not: /ord-/ }],
        ['yes', { flow: null }],
      ],
      check: (s) => {
        expect(shipment(s, 'shp-1003').window).not.toEqual(s.before.shipments.find((x: any) => x.id === 'shp-1003').window);
        expect(s.shipments.filter((x: any) => !s.before.shipments.some((b: any) => b.id === x.id)).every((x: any) => x.status === 'placed')).toBe(
          true,
        );
      },
    },
    {
      name: '같은 물티슈 주문이 두 개 열려 있으면 버튼에 주문번호가 붙고, 번호로 고를 수 있다',
      user: 'demo-ko',
      steps: [
        ['물티슈 다시 주문해줘', { awaiting: 'confirmation' }],
        ['네', { flow: null }],
        [
          '물티슈 배송 시간 바꿔줘',
          { awaiting: 'order', suggestions: 2, suggests: /^(?=.*물티슈[^|]*· 주문번호 2003)(?=.*물티슈[^|]*· 주문번호 (?!2003)[0-9A-F]{8})/ },
        ],
        ['2003번 그거요', { awaiting: 'window' }],
        ['그만', { flow: null }],
      ],
      check: (s) => expect(shipment(s, 'shp-2003')).toEqual(s.before.shipments.find((x: any) => x.id === 'shp-2003')),
    },
  ],
  "references across turns and changing one's mind": [
    {
      name: 'when the wipes were just discussed, then "push it back a day" moves the wipes delivery',
      user: 'demo',
      steps: [
        ['where are my wipes', { flow: null }],
        ['push it back a day', { awaiting: 'confirmation', says: /Pampers.*to Tue, Nov 24, 9 AM – 12 PM/ }],
        ['yes', { flow: null }],
      ],
      check: (s) => expect(shipment(s, 'shp-1003').window.start).toBe('2026-11-24T09:00:00-08:00'),
    },
    {
      name: '물티슈를 물어본 다음 "모레 저녁으로 미뤄줘"라고 하면 어느 배송인지 묻지 않고 물티슈 배송을 옮긴다',
      user: 'demo-ko',
      steps: [
        ['물티슈 언제 와?', { flow: null }],
        ['모레 저녁으로 미뤄줘', { awaiting: 'confirmation', says: /물티슈/ }],
        ['네', { flow: null, says: /바꿨어요/ }],
      ],
      check: (s) => expect(shipment(s, 'shp-2003').window.start).toMatch(/^2026-11-25T18/),
    },
    {
      name: '물티슈 얘기 다음에 "그거 다시 주문해줘"는 물티슈 재주문이다',
      user: 'demo-ko',
      steps: [
        ['물티슈 언제 와?', { flow: null }],
        ['그거 다시 주문해줘', { awaiting: 'confirmation', says: /물티슈/ }],
        ['아니요', { flow: null }],
      ],
      check: unchanged,
    },
    {
      name: 'when the customer says "never mind" at a delivery change, then it stops and the delivery is as it was',
      user: 'demo',
      steps: [
        ['move the wipes to tomorrow evening', { awaiting: 'confirmation' }],
        ['never mind', { flow: null, says: /delivery time is unchanged/ }],
      ],
      check: unchanged,
    },
    {
      name: 'when the customer says "oh forget it" at a reorder, then nothing is ordered',
      user: 'demo',
      steps: [
        ['reorder the detergent', { awaiting: 'confirmation' }],
        ['oh forget it', { flow: null, says: /Nothing was ordered/ }],
      ],
      check: unchanged,
    },
    {
      name: '배송 시간을 바꾸다가 "아 그냥 원래대로 둘게요"라고 하면 멈추고 배송은 그대로다',
      user: 'demo-ko',
      steps: [
        ['물티슈 모레 오전으로 배송 바꿔줘', { awaiting: 'confirmation' }],
        ['아 그냥 원래대로 둘게요', { flow: null, says: /그대로/ }],
      ],
      check: unchanged,
    },
  ],
  'a second order of the same thing': [
    {
      name: 'when the wipes were ordered a moment ago, then ordering them again says so before asking, and "no" orders nothing more',
      user: 'demo',
      steps: [
        ['reorder the wipes', { awaiting: 'confirmation' }],
        ['yes', { flow: null, says: /placed/ }],
        [
          'order the wipes again',
          {
            awaiting: 'confirmation',
            says: /you ordered Pampers Sensitive Baby Wipes, 12 packs a minute ago — this would be another order.*Shall I place/,
          },
        ],
        ['no', { flow: null }],
      ],
      check: (s) => expect(s.orders.length).toBe(s.before.orders.length + 1),
    },
    {
      name: 'when the brush heads were ordered this morning, then a reorder says how many hours ago',
      user: 'demo',
      steps: [
        ['reorder the brush heads', { awaiting: 'confirmation', says: /ordered Philips Sonicare.* 4 hours ago/ }],
        ['no', { flow: null }],
      ],
      check: unchanged,
    },
    {
      name: '물티슈를 방금 주문했는데 또 주문하면 그 사실을 먼저 말하고 묻는다',
      user: 'demo-ko',
      steps: [
        ['물티슈 다시 주문해줘', { awaiting: 'confirmation' }],
        ['네', { flow: null }],
        [
          '물티슈 또 주문해줘',
          { awaiting: 'confirmation', says: /물티슈 캡형 70매 10팩을 1분 전에도 주문하셨어요. 이대로 진행하면 한 번 더 주문돼요/ },
        ],
        ['아니요', { flow: null }],
      ],
      check: (s) => expect(s.orders.length).toBe(s.before.orders.length + 1),
    },
    {
      name: 'when the detergent was last bought weeks ago, then the confirmation says nothing about a repeat',
      user: 'demo',
      steps: [
        ['reorder the detergent', { awaiting: 'confirmation', says: /^(?!.*ago)/ }],
        ['no', { flow: null }],
      ],
      check: unchanged,
    },
  ],
};

describeTranscripts('issue 12 transcripts', CASES);
