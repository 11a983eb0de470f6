import { expect } from 'vitest';
import { describeTranscripts, shipment, unchanged, type TranscriptCase } from './transcripts.js';

// New street addresses (issue 12, item 4): captured, checked by the logistics API, confirmed in full, then applied.
const CASES: Record<string, TranscriptCase[]> = {
  english: [
    {
      name: 'when the customer gives a new street address, then it is confirmed in full and the chosen delivery goes there',
      user: 'demo',
      steps: [
        ['change my delivery adress to 42 Oak street', { flow: 'change_delivery_place', awaiting: 'order', suggestions: 2 }],
        ['Pampers Sensitive Baby Wipes, 12 packs', { awaiting: 'confirmation', says: /42 Oak Street, San Jose, CA 95110/ }],
        // Moved; saving it on the profile is offered next (tests/trust-save-address.test.ts), and a new request passes it by.
        ['yes', { flow: 'change_delivery_place', awaiting: 'confirmation', says: /Done/ }],
      ],
      check: (s) => expect(shipment(s, 'shp-1003').place).toEqual({ type: 'home', label: '42 Oak Street, San Jose, CA 95110' }),
    },
    {
      name: 'when the address is not one couriers deliver to, then Smile says so, offers the saved places, and nothing changes',
      user: 'demo',
      steps: [
        ['send the wipes to 7 Nowhere Road', { awaiting: 'place', says: /couldn't find "7 Nowhere Road"/, suggests: /Home \| Office/ }],
        ['stop', { flow: null }],
      ],
      check: unchanged,
    },
    {
      name: 'when the customer says no to the address read back, then the delivery stays where it was',
      user: 'demo',
      steps: [
        ['deliver the wipes to 42 oak st instead', { awaiting: 'confirmation', says: /42 Oak Street, San Jose/ }],
        ['no', { flow: null }],
      ],
      check: unchanged,
    },
    {
      name: 'when the address is followed by a word that is no city ("it\'s 17 elm st now"), then it is still the address confirmed',
      user: 'demo',
      steps: [
        ["my delivery address changed, it's 17 elm st now", { flow: 'change_delivery_place', awaiting: 'order' }],
        ['the wipes', { awaiting: 'confirmation', says: /17 Elm Street, San Jose/ }],
        ['yes', { says: /Done/ }, 'elm-yes'],
        ['yes', { says: /Done/ }, 'elm-yes'],
      ],
      check: (s) => expect(shipment(s, 'shp-1003').place).toMatchObject({ type: 'home', label: expect.stringMatching(/^17 Elm Street, San Jose/) }),
    },
  ],
  korean: [
    {
      name: '새 도로명 주소를 말하면 전체 주소로 확인하고, 네라고 하면 그 배송이 그 주소로 간다',
      user: 'demo-ko',
      steps: [
        ['배송지를 서울시 강남구 테헤란로 123으로 바꿔주세요', { flow: 'change_delivery_place', awaiting: 'order' }],
        ['베베숲 물티슈 캡형 70매 10팩', { awaiting: 'confirmation', says: /서울특별시 강남구 테헤란로 123 \(06133\)/ }],
        ['네', { flow: 'change_delivery_place', awaiting: 'confirmation', says: /배송지를 바꿨어요/ }],
      ],
      check: (s) => expect(shipment(s, 'shp-2003').place).toEqual({ type: 'home', label: '서울특별시 강남구 테헤란로 123 (06133)' }),
    },
    {
      name: '확인되지 않는 주소면 그렇다고 말하고 아무것도 바꾸지 않는다',
      user: 'demo-ko',
      steps: [
        ['물티슈 없는로 5로 보내줘', { awaiting: 'place', says: /주소를 찾을 수 없어요/ }],
        ['그만', { flow: null }],
      ],
      check: unchanged,
    },
  ],
};

describeTranscripts('new street addresses over /v1/chat', CASES);
