import { expect } from 'vitest';
import { describeTranscripts, type SandboxState, type TranscriptCase } from './transcripts.js';

// Issue 21 item 5: a new 배송 요청사항 while one is saved — replace it or keep both, confirmed, then on every open
// delivery and on the profile for later ones; "no" and "stop" write nothing more.
const openShipments = (s: SandboxState): any[] => s.shipments.filter((x) => ['placed', 'shipped'].includes(x.status));
const savedNote = async (s: SandboxState, customer: string): Promise<string | undefined> =>
  (await s.smile.store.preferences.get(customer))?.courierInstructions;

const CASES: Record<string, TranscriptCase[]> = {
  'a new note while one is saved (Korean)': [
    {
      name: '저장된 요청사항이 있을 때 "경비실에 맡겨 주세요"는 바꿀지 둘 다 남길지 묻고, "둘 다 남겨 주세요"면 함께 저장한다',
      user: 'demo-ko',
      steps: [
        ['집 문 앞에 놔 주세요', { awaiting: 'confirmation' }],
        ['네', { flow: null, says: /저장했어요/ }],
        [
          '부재 시 경비실에 맡겨 주세요',
          {
            awaiting: 'note',
            says: /저장된 요청사항: 집 문 앞에 놔 주세요\n새 요청사항: 부재 시 경비실에 맡겨 주세요/,
            suggests: /새 요청사항으로 바꾸기 \| 둘 다 남기기/,
          },
        ],
        ['둘 다 남겨 주세요', { awaiting: 'confirmation', says: /배송 요청사항: 집 문 앞에 놔 주세요 \/ 부재 시 경비실에 맡겨 주세요/ }],
        ['네', { flow: null, says: /저장했어요/ }, 'both-yes'],
        ['네', { flow: null, says: /저장했어요/ }, 'both-yes'],
      ],
      check: async (s) => {
        const both = '집 문 앞에 놔 주세요 / 부재 시 경비실에 맡겨 주세요';
        expect(await savedNote(s, 'demo-ko')).toBe(both);
        expect(openShipments(s).length).toBeGreaterThan(0);
        for (const x of openShipments(s)) expect(x.instructions).toBe(both);
      },
    },
    {
      name: '공동현관 비밀번호를 새로 알려 주고 "새 걸로 바꿔 주세요"라고 하면 새 요청사항만 남긴다',
      user: 'demo-ko',
      steps: [
        ['현관 비밀번호는 1234예요', { awaiting: 'confirmation' }],
        ['네', { flow: null }],
        ['공동현관 비밀번호 바뀌었어요. 5678#이에요', { awaiting: 'note' }],
        ['새 걸로 바꿔 주세요', { awaiting: 'confirmation', says: /배송 요청사항: 공동현관 비밀번호 바뀌었어요\. 5678#이에요\n/ }],
        ['네', { flow: null }],
      ],
      check: async (s) => {
        expect(await savedNote(s, 'demo-ko')).toBe('공동현관 비밀번호 바뀌었어요. 5678#이에요');
        for (const x of openShipments(s)) expect(x.instructions).toBe('공동현관 비밀번호 바뀌었어요. 5678#이에요');
      },
    },
    {
      name: '바꿀지 묻는 데 "아니요"라고 하면 저장된 요청사항을 그대로 두고, 그만이면 아무것도 바꾸지 않는다',
      user: 'demo-ko',
      steps: [
        ['택배함에 넣어 주세요', { awaiting: 'confirmation' }],
        ['네', { flow: null }],
        ['문 앞에 두고 벨은 누르지 말아 주세요', { awaiting: 'note' }],
        ['아니요', { flow: null, says: /그대로 둘게요\.\n배송 요청사항: 택배함에 넣어 주세요/ }],
        ['경비실에 맡겨 주세요', { awaiting: 'note' }],
        ['주문 어디쯤 왔어요?', { awaiting: 'note', says: /이어서/ }],
        ['그만', { flow: null }],
      ],
      check: async (s) => {
        expect(await savedNote(s, 'demo-ko')).toBe('택배함에 넣어 주세요');
        for (const x of openShipments(s)) expect(x.instructions).toBe('택배함에 넣어 주세요');
      },
    },
  ],
  'a new note while one is saved (English)': [
    {
      name: 'when a note is saved and a new one comes, then "replace it" keeps only the new one on the profile and open deliveries',
      user: 'demo',
      steps: [
        ['tell the courier to knock, not ring', { awaiting: 'confirmation' }],
        ['yes', { flow: null }],
        ['tell the courier to leave it with the doorman', { awaiting: 'note', suggests: /Replace it \| Add to it/ }],
        ['replace it', { awaiting: 'confirmation', says: /leave it with the doorman/ }],
        ['yes', { flow: null }],
      ],
      check: async (s) => {
        expect(await savedNote(s, 'demo')).toBe('leave it with the doorman');
        for (const x of openShipments(s)) expect(x.instructions).toBe('leave it with the doorman');
      },
    },
    {
      name: 'when the customer answers "keep both", then both notes are confirmed together, and "no" at the confirmation keeps the saved one',
      user: 'demo',
      steps: [
        ['tell the courier to knock, not ring', { awaiting: 'confirmation' }],
        ['yes', { flow: null }],
        ['courier instructions: the gate code is 4321', { awaiting: 'note' }],
        ['keep both', { awaiting: 'confirmation', says: /knock, not ring \/ the gate code is 4321/ }],
        ['no', { flow: null }],
      ],
      check: async (s) => expect(await savedNote(s, 'demo')).toBe('knock, not ring'),
    },
  ],
};

describeTranscripts('a new courier note when one is saved (issue 21)', CASES);
