import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Smile } from '../app/server.js';
import { post, startTestSmile } from './helpers.js';

// Issue 12, item 10: a customer who is throttled hears it in their own language, on every channel — as a 429 with
// the message a chat shows (REST, web chat, Bot Framework), or as a chat bubble or speech (KakaoTalk, Alexa).
const LIMIT = 2;

describe('rate-limit answers in the customer’s language', () => {
  let smile: Smile;
  beforeEach(async () => {
    smile = await startTestSmile({ SMILE_RATE_LIMIT_PER_MIN: String(LIMIT), ALEXA_VERIFY: 'false' });
  });
  afterEach(async () => {
    await smile.close();
  });
  /** Sends the same request until the limit is used up, then once more: that last answer. */
  const overLimit = async (path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: any }> => {
    for (let i = 0; i < LIMIT; i += 1) await post(smile, path, body, headers);
    return post(smile, path, body, headers);
  };

  it.each([
    ['a Korean message', { userId: 'demo-ko', text: '물티슈 어디쯤 왔어?' }, {}, /잠깐 뒤에 다시 보내 주세요/],
    ['an English message', { userId: 'demo', text: 'where is my order?' }, {}, /faster than I can keep up/],
    ['a message in the Korean locale', { userId: 'demo-ko', text: 'ok', locale: 'ko-KR' }, {}, /잠깐 뒤에/],
    ['no words, from a Korean browser', { userId: 'demo-ko', text: '??' }, { 'accept-language': 'ko-KR,ko;q=0.9' }, /잠깐 뒤에/],
  ])('when %s over /v1/chat is throttled, then 429 says so in that language and nothing is answered', async (_what, body, headers, said) => {
    const r = await overLimit('/v1/chat', body, headers);
    expect(r.status).toBe(429);
    expect(r.json).toEqual({ error: { code: 'rate_limited', message: expect.stringMatching(said) } });
  });

  it.each([
    ['ko', '물티슈 어디쯤 왔어?', /잠깐 뒤에 다시 보내 주세요/],
    ['en', 'where is my order?', /faster than I can keep up/],
  ])('when a KakaoTalk customer (%s) is throttled, then a chat bubble in their language says so', async (lang, utterance, said) => {
    const r = await overLimit('/kakao/skill', { userRequest: { utterance, user: { id: `k-${lang}` }, lang }, bot: { id: 'b' }, action: { id: 'a' } });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ version: '2.0', template: { outputs: [{ simpleText: { text: expect.stringMatching(said) } }] } });
  });

  it.each([
    ['ko-KR', /잠깐 뒤에 다시 보내 주세요/],
    ['en-US', /faster than I can keep up/],
  ])('when an Alexa customer (%s) is throttled, then Alexa says so in their language and the session ends', async (locale, said) => {
    const user = { userId: 'amzn1.ask.account.RL' };
    const envelope = {
      version: '1.0',
      session: { new: true, sessionId: 's', application: { applicationId: 'amzn1.ask.skill.smile' }, user },
      context: { System: { application: { applicationId: 'amzn1.ask.skill.smile' }, user, device: { deviceId: 'd', supportedInterfaces: {} } } },
      request: { type: 'LaunchRequest', requestId: 'r', timestamp: new Date().toISOString(), locale },
    };
    const r = await overLimit('/alexa', envelope);
    expect(r.status).toBe(200);
    expect(r.json.response).toEqual({ outputSpeech: { type: 'PlainText', text: expect.stringMatching(said) }, shouldEndSession: true });
  });

  it.each([
    ['ko-KR', '배송 어디쯤이야', /잠깐 뒤에 다시 보내 주세요/],
    ['en-US', 'where is my order', /faster than I can keep up/],
  ])('when a Bot Framework customer (%s) is throttled, then 429 says so in their language', async (locale, text, said) => {
    const activity = {
      type: 'message',
      id: 'a-1',
      serviceUrl: 'http://127.0.0.1:9',
      channelId: 'emulator',
      from: { id: `bf-${locale}` },
      conversation: { id: `bf-rl-${locale}` },
      recipient: { id: 'smile-bot' },
      locale,
      text,
      deliveryMode: 'expectReplies',
    };
    const r = await overLimit('/api/messages', activity);
    expect(r.status).toBe(429);
    expect(r.json.error.message).toMatch(said);
  });
});
