import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Smile } from '../app/server.js';
import { kakaoChoices } from '../bots/kakao-channel.js';
import { FAILURE_REASONS } from '../domain/notices.js';
import { signatureHeader } from '../sandbox/courier.js';
import { say } from '../prompts/index.js';
import { FIXED_NOW, allText, conversation, get, kakaoRequest, kakaoTexts, post, startTestSmile } from './helpers.js';

// Issue 21 (ko21): record numbers a customer can read and type back, courier failure codes as sentences, no car-trunk
// or in-home delivery offered in Korean, and KakaoTalk buttons told apart.
const SECRET = 'test-events-secret-0123456789';
let smile: Smile;
beforeAll(async () => {
  smile = await startTestSmile({ SMILE_EVENTS_SECRET: SECRET });
});
afterAll(async () => {
  await smile.close();
});
beforeEach(async () => {
  await post(smile, '/sandbox/reset', {});
});
const kakao = async (text: string, user = 'demo-ko'): Promise<any> => (await post(smile, '/kakao/skill', kakaoRequest(text, user))).json;
const labelsOf = (r: any): string[] => (r.template.quickReplies ?? []).map((q: any) => q.label);
const INTERNAL = /\b(?:ord|esc|shp|ret)-[0-9a-z]/;

describe('order numbers a customer reads and types back', () => {
  it('when a Korean customer reorders over REST, then the order number is the id without its prefix, in capitals', async () => {
    const say = conversation(smile, 'demo-ko', 'ko21-reorder');
    await say('분유 다시 주문해 주세요');
    const done = allText(await say('네'));
    expect(done).toMatch(/주문번호: [0-9A-F]{8}\n/);
    expect(done).not.toMatch(INTERNAL);
  });

  it('when an English customer reorders, then the order number follows the same rule', async () => {
    const say = conversation(smile, 'demo', 'ko21-reorder-en');
    await say('reorder the diapers');
    const done = allText(await say('yes'));
    expect(done).toMatch(/your order is placed \(order number [0-9A-F]{8}, /);
    expect(done).not.toMatch(INTERNAL);
  });

  it('when a KakaoTalk customer has two look-alike deliveries, then the buttons differ, and the number typed back picks one', async () => {
    await kakao('물티슈 다시 주문해 주세요');
    expect(kakaoTexts(await kakao('네'))).toMatch(/주문번호: [0-9A-F]{8}/);
    const which = await kakao('물티슈 배송 시간 바꿔 주세요');
    const text = JSON.stringify(which.template);
    expect(text).toMatch(/주문번호 2003/);
    expect(text).not.toMatch(INTERNAL);
    const labels = labelsOf(which);
    expect(new Set(labels).size).toBe(labels.length);
    for (const l of labels) expect(l.length <= 14 && !l.includes('…'), l).toBe(true);
    // Typed back in lower case, with 번: the order is understood and the next question is the time.
    expect(kakaoTexts(await kakao('2003번이요'))).toMatch(/시간/);
    expect(kakaoTexts(await kakao('그만'))).not.toMatch(INTERNAL);
  });

  it('when a Korean customer asks to cancel, then the confirmation names the product first and the number after it', async () => {
    const r = allText(await conversation(smile, 'demo-ko', 'ko21-cancel')('라면 주문 취소해 주세요'));
    expect(r).toMatch(/상품: 신라면 멀티팩 5개입\n주문번호: 2004\n/);
  });
});

describe('courier failure reasons said as sentences', () => {
  const send = async (id: string, customerId: string, shipmentId: string, reason: string) => {
    const body = { id, type: 'delivery_failed', shipmentId, customerId, occurredAt: FIXED_NOW.toISOString(), data: { reason } };
    const raw = JSON.stringify(body);
    expect((await post(smile, '/v1/events/logistics', raw, { 'smile-signature': signatureHeader(SECRET, raw, FIXED_NOW) })).status).toBe(200);
    const messages: Array<{ text: string }> = (await get(smile, `/sandbox/notify/v1/messages?customerId=${customerId}`)).messages;
    return messages.at(-1)?.text ?? '';
  };

  it.each([...FAILURE_REASONS, 'GATE_LOCKED_NO_BUZZER', 'unknown_sku'])(
    'when the courier reports "%s", then neither language shows the code',
    async (code) => {
      const ko = await send(`evt-ko-${code}`, 'demo-ko', 'shp-2003', code);
      expect(ko).toMatch(/^죄송해요, 베베숲 물티슈 캡형 70매 10팩 배송을 완료하지 못했어요\.\n.+\n/);
      expect(ko).not.toContain(code);
      expect(ko).not.toMatch(/[A-Za-z_]{3,}/);
      const en = await send(`evt-en-${code}`, 'demo', 'shp-1003', code);
      expect(en).toMatch(/^The courier couldn't deliver .+\. .+ Reply here/);
      // The English sentence may use the same word ("refused", "weather"); it is the catalogue's sentence, never the code.
      const key = (FAILURE_REASONS as readonly string[]).includes(code) ? `failed.reason.${code}` : 'failed.reason.unknown';
      expect(en).toContain(say('en-US', key as 'failed.reason.unknown'));
      expect(ko).toContain(say('ko-KR', key as 'failed.reason.unknown'));
      expect(en).not.toMatch(/_|[A-Z]{4,}/);
    },
  );

  it('when the code is unknown, then the general sentence is said', async () => {
    expect(await send('evt-odd', 'demo-ko', 'shp-2003', 'GATE_LOCKED_NO_BUZZER')).toContain('배송 중에 문제가 생겼어요.');
    expect(await send('evt-known', 'demo-ko', 'shp-2003', 'recipient_absent')).toContain('받으실 분이 안 계셨어요.');
  });
});

describe('car-trunk and in-home delivery in Korean', () => {
  it.each([
    ['물티슈 차 트렁크에 넣어 주세요', /차 트렁크 배송은 지금 제공하지 않아요/],
    ['물티슈 집 안까지 들여놔 주세요', /./],
  ])('when a Korean customer asks "%s" on KakaoTalk, then the answer is honest and offers no enrolment', async (text, says) => {
    const r = kakaoTexts(await kakao(text));
    expect(r).toMatch(says);
    expect(r).not.toMatch(/등록해 주세요|신청해 주세요|마이페이지 > 배송지 관리 > (?:차 트렁크|집 안)/);
  });

  it('when a Korean customer changes where a delivery goes, then neither is among the places offered', async () => {
    const say = conversation(smile, 'demo-ko', 'ko21-place');
    const r = await say('물티슈 배송지 바꿔 주세요');
    expect(JSON.stringify(r)).not.toMatch(/트렁크|집 안/);
    const k = await kakao('물티슈 배송지 바꿔 주세요');
    expect(JSON.stringify(k.template)).not.toMatch(/트렁크|집 안/);
  });
});

describe('KakaoTalk choices told apart', () => {
  it.each([
    [['11월 28일(토) 오전 9시~낮 12시', '11월 28일(토) 낮 12시~오후 3시'], ['오전 9시~낮 12시', '낮 12시~오후 3시'], '11월 28일(토)'],
    [
      ['11월 30일(월) 오전 9시~낮 12시', '12월 1일(화) 오전 9시~낮 12시', '12월 2일(수) 오전 9시~낮 12시'],
      ['30일(월) 9~12시', '1일(화) 9~12시', '2일(수) 9~12시'],
      null,
    ],
    [['11월 29일(일) 오후 3시~6시', '11월 30일(월) 새벽배송(오전 7시 전)'], ['29일(일) 15~18시', '30일(월) 새벽배송'], null],
    [['앱솔루트 명작 분유 2단계 800g', '앱솔루트 명작 분유 3단계 800g'], ['2단계 800g', '3단계 800g'], null],
    [
      ['베베숲 물티슈 캡형 70매 10팩', '신라면 멀티팩 5개입', '제주 삼다수 2L 12병'],
      ['물티슈 캡형 70매 10팩', '신라면 멀티팩 5개입', '제주 삼다수 2L 12병'],
      null,
    ],
    [['CU 역삼중앙점 · 24시간', 'GS25 테헤란점 · 24시간'], ['CU 역삼중앙점', 'GS25 테헤란점'], null],
  ])('%j are labelled %j (date said once: %s)', (options, labels, date) => {
    const c = kakaoChoices(options);
    expect(c.labels).toEqual(labels);
    expect(c.sharedDate).toBe(date);
  });

  it('when a Korean customer moves a delivery on KakaoTalk, then the date is said once and each button is only a window', async () => {
    const r = await kakao('물티슈 배송 시간 바꿔 주세요');
    const labels = labelsOf(r);
    expect(labels.length).toBeGreaterThan(1);
    expect(new Set(labels).size).toBe(labels.length);
    for (const l of labels) expect(l.length <= 14 && !l.includes('…') && !/^\d+번$/.test(l), l).toBe(true);
    const text = kakaoTexts(r);
    const date = /\d{1,2}월 \d{1,2}일\([월화수목금토일]\)/.exec(text)?.[0];
    if (labels.every((l) => /^(오전|낮|오후|밤|새벽)/.test(l))) {
      expect(date).toBeTruthy();
      expect(text.split(date!).length - 1).toBe(1);
    }
  });
});
