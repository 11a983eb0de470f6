import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Smile } from '../app/server.js';
import { describeTranscripts, unchanged, type SandboxState, type TranscriptCase } from './transcripts.js';
import { kakaoRequest, post, startTestSmile } from './helpers.js';
import { kakaoChoices } from '../bots/kakao-channel.js';

// Findings of the outside reviews (wording, KakaoTalk): courier notes as the courier will read them, the store's own
// order ids kept out of sentences, KakaoTalk choices a customer can tell apart. In our own words.
const savedNote = async (s: SandboxState, customer: string): Promise<string | undefined> =>
  (await s.smile.store.preferences.get(customer))?.courierInstructions;
const open = (s: SandboxState): any[] => s.shipments.filter((x) => ['placed', 'shipped'].includes(x.status));

const CASES: Record<string, TranscriptCase[]> = {
  'a courier note is the instruction, not the chat around it': [
    {
      name: 'when the note comes wrapped in how it was asked, then only the instruction is confirmed and saved',
      user: 'demo',
      steps: [
        [
          'oh and can you ask the driver to put the box behind the recycling bin',
          { awaiting: 'confirmation', says: /"Put the box behind the recycling bin"/ },
        ],
        ['yes', { flow: null, says: /Saved/ }],
      ],
      check: async (s) => {
        expect(await savedNote(s, 'demo')).toBe('Put the box behind the recycling bin');
        for (const x of open(s)) expect(x.instructions).toBe('Put the box behind the recycling bin');
      },
    },
    {
      name: 'when a word of the note is corrected ("X, not Y"), then the note is edited, and "no" then saves nothing',
      user: 'demo',
      steps: [
        ['tell the courier to leave it under the porch bench, the buzzer is dead', { awaiting: 'confirmation' }],
        ['sorry, the mailbox not the porch bench', { awaiting: 'confirmation', says: /"Leave it under the mailbox, the buzzer is dead"/ }],
        ['no', { flow: null }],
      ],
      check: async (s) => {
        expect(await savedNote(s, 'demo')).toBeUndefined();
        unchanged(s);
      },
    },
    {
      name: 'when the customer rewrites the note with "the note should say", then the rewrite is the note, and stop saves nothing',
      user: 'demo',
      steps: [
        ['tell the courier to knock twice', { awaiting: 'confirmation' }],
        [
          'no wait, the note should say: knock once, the baby sleeps',
          { awaiting: 'confirmation', says: /"Knock once, the baby sleeps"/, not: /note should say/ },
        ],
        ['stop', { flow: null }],
      ],
      check: async (s) => {
        expect(await savedNote(s, 'demo')).toBeUndefined();
        unchanged(s);
      },
    },
    {
      name: '요청사항을 부탁하는 말("기사님께 … 전해 주세요")은 빼고, 붙여 쓴 말은 띄어 쓴다',
      user: 'demo-ko',
      steps: [
        [
          '기사님께 택배함에 넣어주시고 전화는 하지 말아 달라고 전해 주세요',
          { awaiting: 'confirmation', says: /배송 요청사항: 택배함에 넣어 주시고 전화는 하지 말아 주세요\n/ },
        ],
        ['네', { flow: null, says: /저장했어요/ }],
      ],
      check: async (s) => expect(await savedNote(s, 'demo-ko')).toBe('택배함에 넣어 주시고 전화는 하지 말아 주세요'),
    },
    {
      name: '확인할 때 "A 말고 B"라고 고치면 요청사항의 그 말만 바뀌고, "아니요"면 저장하지 않는다',
      user: 'demo-ko',
      steps: [
        ['현관 앞에 두고 가 주세요 초인종은 누르지 마시고', { awaiting: 'confirmation', says: /현관 앞에 두고 가 주세요\. 초인종은 누르지 마세요/ }],
        ['현관 말고 계단 옆이요', { awaiting: 'confirmation', says: /배송 요청사항: 계단 옆에 두고 가 주세요\. 초인종은 누르지 마세요\n/ }],
        ['아니요', { flow: null }],
      ],
      check: async (s) => {
        expect(await savedNote(s, 'demo-ko')).toBeUndefined();
        unchanged(s);
      },
    },
  ],
  'something else, or the account, is said so plainly': [
    {
      name: 'when two messages in a row are about something else, then each gets the short answer and no person is pushed',
      user: 'demo',
      steps: [
        ["my new passport still hasn't come in the mail", { flow: null, says: /^That's not something this shop handles\./, not: /having trouble/ }],
        [
          'and can you book me a haircut for saturday',
          { flow: null, awaiting: null, says: /not something this shop handles/, suggests: /^Talk to a person$/ },
        ],
      ],
      check: unchanged,
    },
    {
      name: '쇼핑과 관계없는 말이 두 번 이어져도 상담원 연결을 묻지 않고, 할 수 있는 일을 다시 알려 준다',
      user: 'demo-ko',
      steps: [
        ['여권 재발급 언제 나오는지 알아요?', { flow: null, says: /도와드리기 어려워요/ }],
        ['미용실 토요일로 예약해 줄 수 있어요?', { flow: null, awaiting: null, says: /도와드리기 어려워요/, suggests: /^상담원 연결$/ }],
      ],
      check: unchanged,
    },
    {
      name: 'when the customer asks which card a reorder is billed to, then the account answer says where to look, not that the policies miss it',
      user: 'demo',
      steps: [
        ['which card do you bill when I reorder?', { says: /payment methods/i, not: /policies don't cover/ }],
        ['no', { flow: null }],
      ],
      check: unchanged,
    },
    {
      name: '재주문하면 어느 카드로 결제되는지 물으면 정책에 없다고 하지 않고 마이페이지를 안내한다',
      user: 'demo-ko',
      steps: [
        ['다시 주문하면 어느 카드로 결제돼요?', { says: /결제 수단[\s\S]*마이페이지/, not: /정책에 없는/ }],
        ['아니요', { flow: null }],
      ],
      check: unchanged,
    },
  ],
  'the store id never reaches a sentence': [
    {
      name: 'when two open orders of one product are cancelled, then they are offered by order number and the confirmation names no store id',
      user: 'demo',
      steps: [
        ['reorder the brush heads', { awaiting: 'confirmation' }],
        ['yes', { flow: null }],
        ['reorder the brush heads', { awaiting: 'confirmation' }],
        ['yes', { flow: null }],
        ['cancel my brush heads order', { awaiting: 'order', suggests: /· order number [0-9A-F]{8} \| .*· order number [0-9A-F]{8}/, not: /ord-/ }],
        ['the first one', { awaiting: 'confirmation', says: /^Cancel Philips Sonicare[^·]*\(order number [0-9A-F]{8}\)\?/, not: /ord-|·/ }],
        ['no', { flow: null }],
      ],
    },
    {
      name: '같은 상품 주문 두 건을 취소하려 하면 주문번호로 구분해 보여 주고, 확인 문구에는 내부 번호가 없다',
      user: 'demo-ko',
      steps: [
        ['신라면 다시 주문해 주세요', { awaiting: 'confirmation' }],
        ['네', { flow: null }],
        ['신라면 다시 주문해 주세요', { awaiting: 'confirmation' }],
        ['네', { flow: null }],
        ['신라면 주문 취소할게요', { awaiting: 'order', suggests: /· 주문번호 [0-9A-F]{8} \| .*· 주문번호 [0-9A-F]{8}/, not: /ord-/ }],
        ['두 번째요', { awaiting: 'confirmation', not: /ord-|·/ }],
        ['그만', { flow: null }],
      ],
    },
  ],
};

describeTranscripts('wording findings of the outside reviews, over POST /v1/chat', CASES);

describe('KakaoTalk choices a customer can tell apart (review findings)', () => {
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
  const kakao = async (text: string, user = 'demo-ko'): Promise<any> => (await post(smile, '/kakao/skill', kakaoRequest(text, user))).json;

  it('when delivery windows are offered, then each label keeps both ends of its window, and no empty carousel repeats them', async () => {
    const r = await kakao('물티슈 받는 시간 좀 옮기고 싶어요');
    const labels: string[] = r.template.quickReplies.map((q: any) => q.label);
    expect(labels.length).toBeGreaterThan(1);
    for (const l of labels) expect(l, l).toMatch(/~|새벽배송/);
    expect(r.template.outputs.some((o: any) => o.carousel)).toBe(false);
    expect(JSON.stringify(r)).not.toMatch(/가장 빠른 배송 시간이에요/);
    await kakao('그만');
  });

  it.each([
    [
      ['Sat, Nov 28, 9 AM – 12 PM', 'Sun, Nov 29, 3 PM – 6 PM'],
      ['Sat 9AM–12PM', 'Sun 3–6PM'],
    ],
    [
      ['11월 29일(일) 오후 3시~6시', '11월 30일(월) 새벽배송(오전 7시 전)'],
      ['29일(일) 15~18시', '30일(월) 새벽배송'],
    ],
    [
      ['12월 1일(화) 오전 9시~낮 12시', '12월 2일(수) 오후 6시~밤 9시'],
      ['1일(화) 9~12시', '2일(수) 18~21시'],
    ],
    [
      ['베베숲 물티슈 캡형 70매 10팩', '제주 삼다수 2L 12병'],
      ['물티슈 캡형 70매 10팩', '제주 삼다수 2L 12병'],
    ],
  ])('%j on KakaoTalk are labelled %j (both ends of a window; the brand goes before the size)', (options, labels) => {
    expect(kakaoChoices(options).labels).toEqual(labels);
  });

  it('when products are offered, then a long name loses its brand, not its size or count', async () => {
    const r = await kakao('또 주문할 만한 거 있어요?');
    const labels: string[] = (r.template.quickReplies ?? []).map((q: any) => q.label);
    expect(labels.length).toBeGreaterThan(1);
    for (const l of labels) expect(l.length <= 14 && !l.includes('…'), l).toBe(true);
    // Every label ends on what tells the products apart (a size, a count, a stage).
    for (const l of labels) expect(l, l).toMatch(/\d\S*$/);
  });
});
