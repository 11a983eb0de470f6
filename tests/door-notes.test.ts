import { expect } from 'vitest';
import { describeTranscripts, unchanged, type SandboxState, type TranscriptCase } from './transcripts.js';

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
        ['replace it', { awaiting: 'confirmation', says: /Leave it with the doorman/ }],
        ['yes', { flow: null }],
      ],
      check: async (s) => {
        expect(await savedNote(s, 'demo')).toBe('Leave it with the doorman');
        for (const x of openShipments(s)) expect(x.instructions).toBe('Leave it with the doorman');
      },
    },
    {
      name: 'when the customer answers "keep both", then both notes are confirmed together, and "no" at the confirmation keeps the saved one',
      user: 'demo',
      steps: [
        ['tell the courier to knock, not ring', { awaiting: 'confirmation' }],
        ['yes', { flow: null }],
        ['courier instructions: the gate code is 4321', { awaiting: 'note' }],
        ['keep both', { awaiting: 'confirmation', says: /Knock, not ring \/ The gate code is 4321/ }],
        ['no', { flow: null }],
      ],
      check: async (s) => expect(await savedNote(s, 'demo')).toBe('Knock, not ring'),
    },
  ],
  // Issue 12: where to leave it, said while a move is being confirmed, corrects the move (it is not a yes/no answer).
  'a note said at a place confirmation': [
    {
      name: '회사로 옮길지 묻는 데 "아 그냥 경비실에 맡겨 주세요"라고 하면 배송지는 그대로 두고 요청사항으로 저장한다',
      user: 'demo-ko',
      steps: [
        ['물티슈는 회사에서 받을래요', { flow: 'change_delivery_place', awaiting: 'confirmation', says: /새 배송지: 회사/ }],
        ['아 그냥 경비실에 맡겨 주세요', { awaiting: 'confirmation', says: /배송지는 그대로 둘게요.*배송 요청사항: 경비실에 맡겨 주세요\n/s }],
        ['네', { flow: null, says: /저장했어요/ }, 'ko-note-yes'],
        ['네', { flow: null, says: /저장했어요/ }, 'ko-note-yes'],
      ],
      check: async (s) => {
        expect(await savedNote(s, 'demo-ko')).toBe('경비실에 맡겨 주세요');
        for (const x of openShipments(s)) expect(x.place.type).not.toBe('office');
        expect(s.shipments.map((x) => x.place)).toEqual(s.before.shipments.map((x: any) => x.place));
      },
    },
    {
      name: '"회사 말고 문 앞에 놔두세요"는 회사를 뺀 말만 요청사항이 되고, "아니요"면 아무것도 바꾸지 않는다',
      user: 'demo-ko',
      steps: [
        ['물티슈 배송지를 회사로 바꿔줘', { awaiting: 'confirmation' }],
        ['회사 말고 문 앞에 놔두세요', { awaiting: 'confirmation', says: /배송 요청사항: 문 앞에 놔두세요\n/ }],
        ['아니요', { flow: null }],
      ],
      check: async (s) => {
        expect(await savedNote(s, 'demo-ko')).toBeUndefined();
        unchanged(s);
      },
    },
    {
      name: 'when the customer answers a move to the office with "actually, leave it with the doorman", then nothing moves and the note is saved',
      user: 'demo',
      steps: [
        ['can the wipes come to my office', { flow: 'change_delivery_place', awaiting: 'confirmation', says: /to Office instead\?/ }],
        [
          'actually, leave it with the doorman',
          { awaiting: 'confirmation', says: /keeps going where it was going.*note for the courier: "Leave it with the doorman"/s },
        ],
        ['yes', { flow: null, says: /Saved/ }],
      ],
      check: async (s) => {
        expect(await savedNote(s, 'demo')).toBe('Leave it with the doorman');
        expect(s.shipments.map((x) => x.place)).toEqual(s.before.shipments.map((x: any) => x.place));
      },
    },
    {
      name: 'when the customer sets the office aside for a spot at the door and then says stop, then nothing is saved or moved',
      user: 'demo',
      steps: [
        ['deliver my wipes to the office', { awaiting: 'confirmation' }],
        [
          'no not the office, just leave them at the front desk',
          { awaiting: 'confirmation', says: /note for the courier: "Leave them at the front desk"/ },
        ],
        ['stop', { flow: null }],
      ],
      check: async (s) => {
        expect(await savedNote(s, 'demo')).toBeUndefined();
        unchanged(s);
      },
    },
  ],
};

describeTranscripts('a new courier note when one is saved (issue 21)', CASES);
