import { expect } from 'vitest';
import { describeTranscripts, shipment, type TranscriptCase } from './transcripts.js';

// Meaning, not the first match (issue 10 item 4), over the real route. The fixed clock is Sunday Nov 22, noon in
// Los Angeles (Monday Nov 23, 5 am in Seoul): demo's wipes (shp-1003) and demo-ko's 물티슈 (shp-2003) arrive tomorrow 9–12.
const CASES: Record<string, TranscriptCase[]> = {
  change_delivery_slot: [
    {
      name: 'when the customer is out in the morning and asks for the evening instead, then the evening window is confirmed',
      user: 'demo',
      steps: [
        [
          "I'm out tomorrow morning, could the wipes come tomorrow evening instead?",
          { awaiting: 'confirmation', says: /to Mon, Nov 23, 6 PM – 9 PM/ },
        ],
        ['yes', { flow: null }],
      ],
      check: (s) => expect(shipment(s, 'shp-1003').window.start).toBe('2026-11-23T18:00:00-08:00'),
    },
    {
      name: 'when a Korean customer is not home in the morning and wants the evening, then the evening of that day is confirmed',
      user: 'demo-ko',
      steps: [
        ['물티슈요, 내일 오전엔 집에 없어서 저녁에 받고 싶어요', { awaiting: 'confirmation', says: /11월 24일.*오후 6시/ }],
        ['네', { flow: null }],
      ],
      check: (s) => expect(shipment(s, 'shp-2003').window.start).toBe('2026-11-24T18:00:00+09:00'),
    },
  ],
};

describeTranscripts('what the customer rejects is not what they get, over POST /v1/chat', CASES);
