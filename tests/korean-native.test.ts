import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Smile } from '../app/server.js';
import { splitQuestion } from '../bots/kakao-channel.js';
import { allText, conversation, kakaoRequest, post, startTestSmile } from './helpers.js';
import { describeTranscripts, unchanged, type TranscriptCase } from './transcripts.js';

// What a native Korean reviewer found after issue 21's first pass (each a class, in both languages where it applies):
// the order of a KakaoTalk confirmation, the queue notice said on every message, "stop" bringing back a parked flow,
// a declined courier note answered about the place, opening hours as the provider writes them, weekdays as people type.

let smile: Smile;
beforeAll(async () => {
  smile = await startTestSmile();
});
afterAll(async () => {
  await smile.close();
});

const kakao = async (text: string, user: string): Promise<any> => (await post(smile, '/kakao/skill', kakaoRequest(text, user))).json;

describe('KakaoTalk: a confirmation shows what will happen first, then asks', () => {
  it('when a reorder is confirmed on KakaoTalk, then the card comes first and the yes/no question is last, above its quick replies', async () => {
    const r = await kakao('분유 다시 주문해 주세요', 'demo-ko');
    const outputs: any[] = r.template.outputs;
    const kinds = outputs.map((o) => Object.keys(o)[0]);
    expect(kinds.at(-2)).toBe('basicCard');
    expect(kinds.at(-1)).toBe('simpleText');
    expect(outputs.at(-1).simpleText.text).toBe('이대로 다시 주문할까요?');
    // The labelled lines are on the card only, not said again above it.
    expect(
      outputs
        .filter((o) => o.simpleText)
        .map((o) => o.simpleText.text)
        .join('\n'),
    ).not.toMatch(/결제 금액:/);
    expect(outputs.find((o) => o.basicCard).basicCard.description).toMatch(/결제 금액: 상품 29,900원 \+ 배송비 3,000원 = 32,900원/);
    expect(r.template.quickReplies.map((q: any) => q.label)).toEqual(['네', '아니요']);
    await kakao('아니요', 'demo-ko');
  });

  it.each([
    ['상품: 분유\n수량: 1개\n이대로 다시 주문할까요?', '', '이대로 다시 주문할까요?'],
    ['참고로 10분 전에도 주문하셨어요.\n상품: 분유\n이대로 다시 주문할까요?', '참고로 10분 전에도 주문하셨어요.', '이대로 다시 주문할까요?'],
    ['Reorder 2 × wipes for $49.98. Shall I place the order?', '', 'Reorder 2 × wipes for $49.98. Shall I place the order?'],
  ])('%j splits into what stays before the card and the question', (text, before, question) => {
    expect(splitQuestion(text)).toEqual({ before, question });
  });
});

describe('waiting for a person: the queue notice once, then a short acknowledgement', () => {
  it.each([
    ['demo-ko', '상담원 연결해 주세요', /대기 순서는 \d+번이에요/, '상담원에게 전달했어요.'],
    ['demo', 'talk to a person', /number \d+ in the queue/, 'Sent to our support team.'],
  ])(
    'when %s writes three times while queued, then the position is said once and the rest are acknowledged briefly',
    async (user, ask, queued, brief) => {
      const say = conversation(smile, user, `queue-once-${user}`);
      expect((await say(ask)).handoff?.status).toBe('queued');
      const first = await say(user === 'demo' ? 'how long will it take?' : '얼마나 걸려요?');
      expect(allText(first)).toMatch(queued);
      for (const text of user === 'demo' ? ['hello?', 'anyone there?'] : ['빨리요', '아직이에요?']) {
        const r = await say(text);
        expect(allText(r)).toBe(brief);
        expect(r.handoff?.status).toBe('queued');
      }
    },
  );
});

const CASES: Record<string, TranscriptCase[]> = {
  '"stop" while a flow is parked': [
    {
      name: '반품하다가 배송 시간을 바꾸러 간 뒤 "그만"이라고 하면 둘 다 멈추고, 반품으로 돌아가지 않는다',
      user: 'demo-ko',
      steps: [
        ['운동화 반품할래요', { awaiting: 'reason' }],
        ['사이즈가 안 맞아요', { awaiting: 'method' }],
        ['물티슈 배송 시간 바꿔 주세요', { flow: 'change_delivery_slot', awaiting: 'window' }],
        ['그만', { flow: null, awaiting: null, says: /배송 시간은 그대로예요[\s\S]*반품 신청은 멈췄어요/, not: /어떻게 보내시겠어요/ }],
        ['네', { flow: null }],
      ],
      check: unchanged,
    },
    {
      name: 'when the customer digresses from a return into moving a delivery and says stop, then both end and the return is not asked again',
      user: 'demo',
      steps: [
        ['return the shoes', { awaiting: 'reason' }],
        ["they don't fit", { awaiting: 'method' }],
        ['move the wipes to another time', { flow: 'change_delivery_slot' }],
        ['stop', { flow: null, awaiting: null, says: /set aside your return/, not: /How would you like to send it back/ }],
      ],
      check: unchanged,
    },
  ],
  'a courier note declined': [
    {
      name: '배송 요청사항을 저장할지 물었을 때 "아니요"라고 하면 요청사항을 저장하지 않았다고 말하고, 배송지 이야기는 하지 않는다',
      user: 'demo-ko',
      steps: [
        ['벨 누르지 말고 문 앞에 놔 주세요', { awaiting: 'confirmation', says: /배송 요청사항/ }],
        ['아니요', { flow: null, says: /배송 요청사항은 저장하지 않았어요/, not: /배송지/ }],
      ],
      check: unchanged,
    },
    {
      name: 'when the customer says no to saving a courier note, then the note is what was not saved',
      user: 'demo',
      steps: [
        ["knock, don't ring the bell", { awaiting: 'confirmation' }],
        ['no', { flow: null, says: /haven't saved that note/ }],
      ],
      check: unchanged,
    },
  ],
  'opening hours, the shop’s way': [
    {
      name: '무인택배함을 고를 때 이용 시간은 "오전 5시 30분~자정", "24시간"처럼 보여 주고 24:00을 쓰지 않는다',
      user: 'demo-ko',
      steps: [
        ['물티슈 무인택배함으로 보내 주세요', { awaiting: 'pickup_point', suggests: /24시간.*오전 5시 30분~자정/, not: /24:00|05:30|–/ }],
        ['역삼역 스마트 보관함 · 오전 5시 30분~자정', { awaiting: 'confirmation', says: /역삼역 스마트 보관함/ }],
        ['아니요', { flow: null }],
      ],
      check: unchanged,
    },
  ],
  'weekdays as people type them': [
    {
      name: '"담주 월욜로 미뤄 주세요"는 다음 주 월요일의 시간을 보여 준다',
      user: 'demo-ko',
      // Monday 23 Nov in Seoul: 담주 월욜 is 30 Nov (the last day with windows).
      steps: [
        ['물티슈 담주 월욜로 미뤄 주세요', { awaiting: 'window', suggests: /^11월 30일\(월\)[^|]*\| 11월 30일\(월\)/, not: /배송할 수 없어요/ }],
        ['그만', { flow: null }],
      ],
      check: unchanged,
    },
    {
      name: '시간을 물을 때 "금욜"이라고만 해도 이번 주 금요일의 시간을 보여 준다',
      user: 'demo-ko',
      steps: [
        ['물티슈 배송 시간 바꿔 주세요', { awaiting: 'window' }],
        ['금욜', { awaiting: 'window', suggests: /^11월 27일\(금\)/ }],
        ['그만', { flow: null }],
      ],
      check: unchanged,
    },
  ],
};

describeTranscripts('a native review of the Korean (issue 21, second pass) over POST /v1/chat', CASES);
