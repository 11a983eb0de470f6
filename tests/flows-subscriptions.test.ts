import { expect } from 'vitest';
import { get } from './helpers.js';
import { describeTranscripts, unchanged, type SandboxState, type TranscriptCase } from './transcripts.js';

// Subscriptions (정기배송) over POST /v1/chat against the sandbox, in both languages. "Now" is Sunday Nov 22 2026 12:00 in
// Los Angeles (tomorrow: Mon, Nov 23) and Monday Nov 23 05:00 in Seoul (tomorrow: Tue, Nov 24).
const subscriptions = async (s: SandboxState, customer: string): Promise<any[]> =>
  (await get(s.smile, `/sandbox/commerce/v1/customers/${customer}/subscriptions`)).subscriptions;
const only = async (s: SandboxState, customer: string): Promise<any> => {
  const list = await subscriptions(s, customer);
  expect(list).toHaveLength(1);
  return list[0];
};
const none = async (s: SandboxState, customer: string): Promise<void> => {
  expect(await subscriptions(s, customer)).toEqual([]);
  unchanged(s);
};

const start = (text: string): [string, { awaiting: string }] => [text, { awaiting: 'confirmation' }];

const CASES: Record<string, TranscriptCase[]> = {
  'in English': [
    {
      name: 'a subscription is started, corrected at the confirmation, placed once; the same request again starts nothing',
      user: 'demo',
      steps: [
        [
          'send me Tide every four weeks',
          {
            flow: 'manage_subscription',
            awaiting: 'confirmation',
            says: /Subscribe to 1 × Tide Free .* every 4 weeks, \$19\.99 \+ \$5\.99 delivery = \$25\.98 each time, first on Mon, Nov 23, to Home/,
          },
        ],
        ['make it two', { awaiting: 'confirmation', says: /2 × Tide .* every 4 weeks, \$39\.98 each time/ }],
        ['yes', { flow: null, says: /Done — Tide .* comes every 4 weeks, the first on Mon, Nov 23/ }],
        ['yes', { flow: null }, 'm3'],
        ['send me Tide every four weeks', { flow: null, says: /You already get Tide .* every 4 weeks/ }],
      ],
      check: async (s) => {
        expect(await only(s, 'demo')).toMatchObject({ sku: 'tide-free-92oz', quantity: 2, everyDays: 28, nextDate: '2026-11-23', status: 'active' });
        unchanged(s);
      },
    },
    {
      name: 'the first Saturday of each month, to the office; then listed',
      user: 'demo',
      steps: [
        [
          'deliver the diapers to my office on the first saturday of every month',
          { awaiting: 'confirmation', says: /on the first Saturday of each month, .* first on Sat, Dec 5, to Office/ },
        ],
        ['yes', { flow: null }],
        ['what subscriptions do I have', { flow: null, says: /Your subscriptions \(1\):.*Huggies.*next on Sat, Dec 5/s }],
      ],
      check: async (s) => expect(await only(s, 'demo')).toMatchObject({ monthlyOn: { week: 1, weekday: 6 }, place: { addressId: 'demo-office' } }),
    },
    {
      name: 'the next delivery is skipped after a confirmation; "no" to cancelling it keeps it',
      user: 'demo',
      steps: [
        start('send me the wipes every 2 weeks'),
        ['yes', { flow: null }],
        ['skip the next one', { awaiting: 'confirmation', says: /Skip the Pampers .* delivery of Mon, Nov 23\? The one after comes Mon, Dec 7/ }],
        ['yes', { flow: null, says: /Skipped\. The next Pampers .* delivery is Mon, Dec 7/ }],
        ['cancel my wipes subscription', { awaiting: 'confirmation', says: /Cancel your Pampers .* subscription for good/ }],
        ['no', { flow: null, says: /left your subscriptions as they are/ }],
      ],
      check: async (s) => expect(await only(s, 'demo')).toMatchObject({ nextDate: '2026-12-07', status: 'active' }),
    },
    {
      name: 'a question about an order in the middle is answered and the subscription resumes; stop changes nothing',
      user: 'demo',
      steps: [
        start('subscribe me to the formula every month'),
        ['where is my order', { says: /Back to your subscription: .*Subscribe to 2 × Similac/s, awaiting: 'confirmation' }],
        ['stop', { flow: null, says: /Your subscriptions are unchanged/ }],
      ],
      check: (s) => none(s, 'demo'),
    },
    {
      name: 'paused, resumed and cancelled, each after its own yes',
      user: 'demo',
      steps: [
        start('send me the detergent every 3 weeks'),
        ['yes', { flow: null }],
        ['pause my subscription', { awaiting: 'confirmation', says: /Pause your Tide .* subscription/ }],
        ['yes', { says: /is paused/ }],
        ['resume my subscription', { awaiting: 'confirmation', says: /Resume your Tide .* The next delivery would be Mon, Nov 23/ }],
        ['yes', { says: /is back on/ }],
        ['cancel my subscription', { awaiting: 'confirmation' }],
        ['yes', { flow: null, says: /is cancelled/ }],
        ['pause my subscription', { flow: null, says: /You have no subscriptions yet/ }],
      ],
      check: async (s) => expect(await only(s, 'demo')).toMatchObject({ status: 'cancelled', everyDays: 21 }),
    },
  ],
  한국어로: [
    {
      name: '삼다수 2주마다 정기배송을 세 개로 고치고 새벽배송으로 바꿔 시작한다',
      user: 'demo-ko',
      steps: [
        [
          '삼다수 2주마다 정기배송 해줘',
          {
            flow: 'manage_subscription',
            awaiting: 'confirmation',
            says: /상품: 제주 삼다수 2L 12병\n수량: 1개\n주기: 2주마다\n첫 배송: 11월 24일\(화\)\n배송지: 집\n배송 방법: 일반 배송\n1회 결제 금액: 상품 12,900원 \+ 배송비 3,000원 = 15,900원\n이대로 정기배송을 시작할까요\?/,
          },
        ],
        ['아니 세 개로', { awaiting: 'confirmation', says: /수량: 3개\n[^]*1회 결제 금액: 38,700원\n/ }],
        ['새벽배송으로 해줘', { awaiting: 'confirmation', says: /배송 방법: 새벽배송\(오전 7시 전 도착\)/ }],
        ['네', { flow: null, says: /정기배송을 시작했어요\.\n상품: 제주 삼다수 2L 12병\n주기: 2주마다\n첫 배송: 11월 24일\(화\)/ }],
        ['삼다수 2주마다 정기배송 해줘', { flow: null, says: /이미 이용 중인 정기배송이에요\.\n상품: 제주 삼다수 2L 12병\n주기: 2주마다/ }],
      ],
      check: async (s) => {
        expect(await only(s, 'demo-ko')).toMatchObject({ sku: 'samdasoo-2l-12', quantity: 3, everyDays: 14, delivery: 'dawn' });
        unchanged(s);
      },
    },
    {
      name: '격주로 물으면 주기를 묻고, 매달 첫째 주 토요일로 고쳐서 시작한다',
      user: 'demo-ko',
      steps: [
        ['분유 정기배송 신청할게요', { awaiting: 'interval', says: /얼마나 자주 보내 드릴까요/ }],
        ['격주로', { awaiting: 'confirmation', says: /주기: 2주마다/ }],
        ['매달 첫째 주 토요일로', { awaiting: 'confirmation', says: /주기: 매달 첫째 주 토요일\n첫 배송: 12월 5일\(토\)/ }],
        ['응', { flow: null }],
      ],
      check: async (s) =>
        expect(await only(s, 'demo-ko')).toMatchObject({
          sku: 'absolute-myungjak-2-800',
          monthlyOn: { week: 1, weekday: 6 },
          nextDate: '2026-12-05',
        }),
    },
    {
      name: '알림에 "응, 건너뛰어 줘"라고 답하면 이틀 안의 회차를 다시 묻지 않고 한 번만 건너뛴다',
      user: 'demo-ko',
      steps: [
        start('물티슈 4주마다 보내줘'),
        ['네', { flow: null }],
        ['응, 건너뛰어 줘', { flow: null, says: /이번 배송을 건너뛰었어요\. 베베숲 .*의 다음 배송은 12월 22일\(화\)에 도착해요/ }],
        ['응, 건너뛰어 줘', { flow: null }, 'm3'],
      ],
      check: async (s) => expect(await only(s, 'demo-ko')).toMatchObject({ nextDate: '2026-12-22' }),
    },
    {
      name: '해지를 물어보고 "아니요"라고 하면 그대로 두고, 중간에 주문 조회를 해도 돌아온다',
      user: 'demo-ko',
      steps: [
        start('라면 매달 정기배송 해줘'),
        ['물티슈 어디쯤 왔어', { awaiting: 'confirmation', says: /배송 상태: 배송 중.*정기배송.*이대로 정기배송을 시작할까요/s }],
        ['네', { flow: null }],
        ['정기배송 해지해줘', { awaiting: 'confirmation', says: /신라면 멀티팩 5개입 정기배송을 해지할까요/ }],
        ['아니요', { flow: null, says: /정기배송은 그대로 둘게요/ }],
        ['정기배송 일시정지해줘', { awaiting: 'confirmation' }],
        ['그만', { flow: null, says: /정기배송은 그대로예요/ }],
      ],
      check: async (s) => expect(await only(s, 'demo-ko')).toMatchObject({ sku: 'shin-ramyun-5', status: 'active', everyDays: 30 }),
    },
    {
      name: '일시정지한 바로 뒤에 안내대로 "다시 시작해줘"라고 하면 처음부터가 아니라 그 정기배송을 다시 시작한다',
      user: 'demo-ko',
      steps: [
        start('삼다수 2주마다 정기배송 해줘'),
        ['네', { flow: null }],
        ['삼다수 정기배송 잠깐 멈춰 주세요', { awaiting: 'confirmation' }],
        ['네', { flow: null, says: /일시정지했어요[\s\S]*정기배송 다시 시작해 줘/ }],
        ['다시 시작해줘', { flow: 'manage_subscription', says: /다시 시작할까요|재개할까요|다시 받으시겠어요/ }],
        ['네', { flow: null, says: /다시 시작했어요/ }],
      ],
      check: async (s) => expect(await only(s, 'demo-ko')).toMatchObject({ sku: 'samdasoo-2l-12', status: 'active' }),
    },
    {
      name: '"다음 거 건너뛸래"처럼 활용된 말도 건너뛰기로 알아듣고, 확인 후 한 번만 건너뛴다',
      user: 'demo-ko',
      steps: [
        start('삼다수 매주 정기배송 해줘'),
        ['네', { flow: null }],
        ['정기배송 다음 거 건너뛸래', { awaiting: 'confirmation', says: /건너뛸까요/ }],
        ['ㅇㅇ', { flow: null, says: /건너뛰었어요/ }],
      ],
      check: async (s) => expect(await only(s, 'demo-ko')).toMatchObject({ sku: 'samdasoo-2l-12', everyDays: 7, nextDate: '2026-12-01' }),
    },
    {
      name: '정기배송 상품을 묻는 중에 "기져귀 다시 시켜줘"라고 하면 재주문을 먼저 묻고, 끝나면 정기배송 질문으로 돌아온다',
      user: 'demo-ko',
      steps: [
        ['정기배송 시작하고 싶어요', { awaiting: 'product' }],
        ['기져귀 다시 시켜줘', { flow: 'reorder', awaiting: 'confirmation', says: /하기스/ }],
        ['아니요', { flow: 'manage_subscription', awaiting: 'product', says: /주문하지 않을게요[\s\S]*어떤 상품을 정기배송으로/ }],
        ['그만', { flow: null }],
      ],
      check: (s) => none(s, 'demo-ko'),
    },
    {
      name: '내 정기배송을 물으면 목록을 보여주고, 없으면 시작하는 법을 알려준다',
      user: 'demo-ko',
      steps: [['내 정기배송 뭐 있어?', { flow: null, says: /아직 정기배송이 없어요/ }]],
      check: (s) => none(s, 'demo-ko'),
    },
  ],
};

describeTranscripts('subscriptions (정기배송) in conversation', CASES);
