import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Smile } from '../app/server.js';
import { get, kakaoRequest, kakaoTexts, post, startTestSmile } from './helpers.js';
import { describeTranscripts, unchanged, type SandboxState, type TranscriptCase } from './transcripts.js';

// Issue 21 items 4 and 5: the polite refusals Korean customers send ("괜찮아요", "됐어요", "그냥 둘게요") are a no to an
// offer and to "replace or keep both?", "never mind" at any other question, and a yes only where the question checks a
// fact ("N개가 맞나요?"); a reason given at "which item?" is kept while the item is asked for.
const savedNote = async (s: SandboxState, customer: string): Promise<string | undefined> =>
  (await s.smile.store.preferences.get(customer))?.courierInstructions;
const newReturn = (s: SandboxState): any => s.returns.find((r) => !s.before.returns.some((b) => b.id === r.id));
const newOrders = (s: SandboxState): any[] => s.orders.filter((o) => !s.before.orders.some((b) => b.id === o.id));

/** A saved note, then a new one: the replace-or-keep question, answered by `answer`. */
const keepsNote = (answer: string): TranscriptCase => ({
  name: `바꿀지 둘 다 남길지 묻는 데 "${answer}"라고 하면 저장된 요청사항을 그대로 둔다`,
  user: 'demo-ko',
  steps: [
    ['현관 앞에 두고 가 주세요', { awaiting: 'confirmation' }],
    ['네', { flow: null, says: /저장했어요/ }],
    ['부재중이면 택배함에 넣어 주세요', { awaiting: 'note' }],
    [answer, { flow: null, says: /그대로 둘게요\.\n배송 요청사항: 현관 앞에 두고 가 주세요/ }],
  ],
  check: async (s) => expect(await savedNote(s, 'demo-ko')).toBe('현관 앞에 두고 가 주세요'),
});

const CASES: Record<string, TranscriptCase[]> = {
  'polite refusals at "replace or keep both?"': [
    keepsNote('괜찮아요'),
    keepsNote('됐어요'),
    keepsNote('아니요 그냥 둘게요'),
    {
      name: 'when an English customer answers "replace it or add to it?" with "no thanks", then the saved note stays',
      user: 'demo',
      steps: [
        ['ask the courier to ring twice', { awaiting: 'confirmation' }],
        ['yes', { flow: null }],
        ['tell the courier to leave it behind the gate', { awaiting: 'note' }],
        ['no thanks', { flow: null, says: /Ring twice/ }],
      ],
      check: async (s) => expect(await savedNote(s, 'demo')).toMatch(/Ring twice/),
    },
  ],
  'the same word, a different question': [
    {
      // "12개가 맞나요?" checks a fact: "괜찮아요" (that is fine) goes on. "이대로 주문할까요?" offers an action: the same word
      // is a polite no, and nothing is ordered.
      name: '"N개가 맞나요?"에 "괜찮아요"는 맞다는 뜻이고, 이어진 "이대로 주문할까요?"에 "괜찮아요"는 주문하지 않는다는 뜻이다',
      user: 'demo-ko',
      steps: [
        ['물티슈 스무 개 다시 주문해 주세요', { awaiting: 'confirmation', says: /20개가 맞나요\?/ }],
        ['괜찮아요', { awaiting: 'confirmation', says: /수량: 20개[\s\S]*이대로 다시 주문할까요\?/ }],
        ['괜찮아요', { flow: null, says: /주문하지 않을게요/ }],
      ],
      check: (s) => expect(newOrders(s)).toEqual([]),
    },
    {
      name: '배송 시간을 고르는 중에 "됐어요"라고 하면 그만두고 아무것도 바꾸지 않는다; 같은 메시지가 다시 와도 그대로다',
      user: 'demo-ko',
      steps: [
        ['물티슈 도착 시간 다른 때로 옮겨 주세요', { flow: 'change_delivery_slot', awaiting: 'window' }],
        ['됐어요', { flow: null, says: /배송 시간은 그대로예요/ }, 'never'],
        ['됐어요', { flow: null }, 'never'],
      ],
      check: unchanged,
    },
    {
      name: 'when an English customer is choosing a time and says "no thanks", then nothing changes',
      user: 'demo',
      steps: [
        ['move my wipes delivery to another time', { flow: 'change_delivery_slot', awaiting: 'window' }],
        ['no thanks', { flow: null, says: /delivery time is unchanged/i }],
      ],
      check: unchanged,
    },
    {
      name: '배송 시간을 고르는 중에 "아니요, 토요일로요"는 그만이 아니라 고친 답이다',
      user: 'demo-ko',
      steps: [
        ['물티슈 도착 시간 다른 때로 옮겨 주세요', { flow: 'change_delivery_slot', awaiting: 'window' }],
        ['아니요 토요일 오전으로요', { flow: 'change_delivery_slot' }],
        ['그만', { flow: null }],
      ],
      check: unchanged,
    },
  ],
  'a reason at "which item?"': [
    {
      name: '어떤 상품인지 묻는 데 반품 사유를 말하면 사유를 적어 두고 상품을 다시 묻고, 상품을 고르면 사유를 다시 묻지 않는다',
      user: 'demo-ko',
      steps: [
        ['반품 신청할게요', { awaiting: 'item' }],
        [
          '신어 보니 발볼이 너무 작아요',
          { flow: 'schedule_return', awaiting: 'item', says: /반품 사유: 사이즈 맞지 않음[\s\S]*어떤 상품을 반품할까요\?/ },
        ],
        ['운동화요', { flow: 'schedule_return', awaiting: 'method' }],
        ['기사님 방문 수거로 해 주세요', { awaiting: 'window' }],
        ['그만', { flow: null }],
      ],
      check: (s) => expect(newReturn(s)).toBeUndefined(),
    },
    {
      name: '사유를 말한 뒤 다른 사유로 고치면 나중 사유로 신청되고, 같은 "네"가 다시 와도 한 번만 신청된다',
      user: 'demo-ko',
      steps: [
        ['반품 신청할게요', { awaiting: 'item' }],
        ['색이 화면에서 본 거랑 영 딴판이에요', { awaiting: 'item', says: /반품 사유: "색이 화면에서 본 거랑 영 딴판이에요"/ }],
        ['아 그게 아니라 밑창이 떨어졌어요', { awaiting: 'item', says: /반품 사유: "아 그게 아니라 밑창이 떨어졌어요"/ }],
        ['운동화', { awaiting: 'method' }],
        ['편의점에 맡길게요', { awaiting: 'pickup_point' }],
        ['첫 번째', { awaiting: 'confirmation', says: /반품 사유: "아 그게 아니라 밑창이 떨어졌어요"/ }],
        ['네', { flow: null, says: /반품 예약번호/ }, 'book'],
        ['네', { flow: null, says: /반품 예약번호/ }, 'book'],
      ],
      check: (s) => {
        const booked = s.returns.filter((r) => !s.before.returns.some((b) => b.id === r.id));
        expect(booked).toHaveLength(1);
        expect(JSON.stringify(booked[0])).toContain('밑창이 떨어졌어요');
      },
    },
    {
      name: '어떤 상품인지 묻는 데 다른 요청("배송지 바꾸고 싶어요")은 사유가 아니다',
      user: 'demo-ko',
      steps: [
        ['반품 신청할게요', { awaiting: 'item' }],
        ['주문 어디쯤 왔어요?', { flow: 'schedule_return', awaiting: 'item', says: /이어서/ }],
        ['그만', { flow: null }],
      ],
      check: unchanged,
    },
    {
      name: 'when an English customer answers "which item?" with why, then the reason is kept and only the item is asked',
      user: 'demo',
      steps: [
        ['I need to send something back', { awaiting: 'item' }],
        ['the stitching came apart after one wash', { flow: 'schedule_return', awaiting: 'item', says: /noted why: "the stitching came apart/ }],
        ['stop', { flow: null }],
      ],
      check: unchanged,
    },
  ],
};

CASES['a store named by its brand, as people say it'] = [
  {
    name: '편의점을 고르는 데 "CU로 할게"는 그만하자는 말이 아니라 CU를 고른 것이다',
    user: 'demo-ko',
    steps: [
      ['운동화 반품할래요', { awaiting: 'reason' }],
      ['발에 안 맞아요', { awaiting: 'method' }],
      ['편의점에 맡길게요', { awaiting: 'pickup_point' }],
      ['CU로 할게', { flow: 'schedule_return', awaiting: 'confirmation', says: /CU 역삼중앙점[\s\S]*\?$/ }],
      ['네', { flow: null, says: /반품 예약번호/ }],
    ],
    check: async (s) => expect(newReturn(s)?.dropoff?.pointId ?? newReturn(s)?.pointId ?? JSON.stringify(newReturn(s))).toMatch(/cu/i),
  },
  {
    name: '배송지를 편의점으로 바꿀 때 "지에스요"는 GS25를 고른 것이다',
    user: 'demo-ko',
    steps: [
      ['물티슈 편의점에서 찾을게요', { awaiting: 'pickup_point' }],
      ['지에스요', { awaiting: 'confirmation', says: /GS25 테헤란점[\s\S]*\?$/ }],
      ['아니요', { flow: null }],
    ],
    check: unchanged,
  },
  {
    name: 'when an English customer picks "the seven eleven one", then that store is confirmed',
    user: 'demo',
    steps: [
      ['have the wipes held at a convenience store', { awaiting: 'pickup_point' }],
      ['the seven eleven on elm', { awaiting: 'confirmation', says: /7-Eleven Elm & 2nd.*\?$/ }],
      ['no', { flow: null }],
    ],
    check: unchanged,
  },
];

describeTranscripts('Korean answers: polite refusals by question, a reason before the item (issue 21, items 4 and 5)', CASES);

describe('KakaoTalk: a polite refusal and a reason before the item', () => {
  let smile: Smile;
  beforeAll(async () => {
    smile = await startTestSmile();
  });
  afterAll(async () => {
    await smile.close();
  });
  beforeEach(async () => {
    await post(smile, '/sandbox/reset', {});
  });
  const returns = async (): Promise<unknown[]> => (await get(smile, '/sandbox/logistics/v1/returns?customerId=demo-ko')).returns;

  it('when the item question is answered with a reason, then the reason is kept; "됐어요" then ends it with nothing booked', async () => {
    const before = await returns();
    const say = async (text: string) => (await post(smile, '/kakao/skill', kakaoRequest(text))).json;
    expect(kakaoTexts(await say('반품하려고요'))).toMatch(/어떤 상품을 반품할까요/);
    const noted = await say('사진이랑 재질이 너무 달라요');
    expect(kakaoTexts(noted)).toMatch(/반품 사유: "사진이랑 재질이 너무 달라요"/);
    const labels: string[] = (noted.template.quickReplies ?? []).map((q: any) => q.label);
    expect(labels.length).toBeGreaterThan(1);
    expect(new Set(labels).size).toBe(labels.length);
    expect(kakaoTexts(await say('됐어요'))).toMatch(/반품은 신청하지 않았어요/);
    expect(await returns()).toEqual(before);
  });
});
