import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Smile } from '../app/server.js';
import { post, startTestSmile } from './helpers.js';

// Issue 12, item 10: on every channel a person's messages are marked as a person's (by display name, never the
// sign-in name), in the customer's language; the system's own notices are not.
const AGENTS = 'alice=Alice Kim:agent:alice-password,bob:agent:bob-password';

describe('who speaks on KakaoTalk and Bot Framework', () => {
  let smile: Smile;
  beforeAll(async () => {
    smile = await startTestSmile({ SMILE_AGENTS: AGENTS });
  });
  afterAll(async () => {
    await smile.close();
  });
  afterEach(() => {
    nock.cleanAll();
  });
  const as = async (who: 'alice' | 'bob', method: string, path: string, body: unknown = {}): Promise<void> => {
    const token = (await post(smile, '/v1/agent/login', { username: who, password: `${who}-password` })).json.token;
    const res = await fetch(`${smile.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
  };
  const joinAndWrite = async (conversationId: string, who: 'alice' | 'bob', text: string): Promise<void> => {
    const id = (await smile.support.openFor(conversationId))!.id;
    await as(who, 'POST', `/v1/agent/escalations/${id}/claim`);
    await as(who, 'POST', `/v1/agent/escalations/${id}/messages`, { text });
  };

  it.each([
    ['en', 'kakao-en', 'I want to talk to a person', 'alice', 'Hi, I can help.', 'Alice Kim from our support team: Hi, I can help.'],
    ['ko', 'kakao-ko', '상담원 연결해 주세요', 'bob', '네, 도와드릴게요.', '[고객지원팀 상담원] 네, 도와드릴게요.'],
  ] as const)('when a person writes to a KakaoTalk customer (%s), then the message says who wrote it', async (lang, user, ask, who, text, shown) => {
    const kakao = (utterance: string) => ({ userRequest: { utterance, user: { id: user }, lang }, bot: { id: 'b' }, action: { id: 'a' } });
    const texts = (r: any): string[] => r.template.outputs.map((o: any) => o.simpleText?.text).filter(Boolean);
    await post(smile, '/kakao/skill', kakao(ask));
    await joinAndWrite(`kakao:${user}`, who, text);
    const next = texts((await post(smile, '/kakao/skill', kakao(lang === 'en' ? 'ok' : '네'))).json);
    expect(next.at(-1)).toBe(shown);
    expect(next.join(' ')).not.toMatch(/\bbob\b|\balice\b/);
  });

  it.each([
    ['en-US', 'bf-en', 'I need to talk to a person', 'bob', 'Hello there.', 'Someone from our support team: Hello there.'],
    ['ko-KR', 'bf-ko', '상담원 연결해 주세요', 'alice', '안녕하세요.', '[고객지원팀 Alice Kim] 안녕하세요.'],
  ] as const)(
    'when a person writes to a Bot Framework customer (%s), then the message sent says who wrote it',
    async (locale, conv, ask, who, text, shown) => {
      const activity = (words: string) => ({
        type: 'message',
        id: `a-${Math.random()}`,
        serviceUrl: 'http://127.0.0.1:9',
        channelId: 'emulator',
        from: { id: `user-${conv}` },
        conversation: { id: conv },
        recipient: { id: 'smile-bot' },
        locale,
        text: words,
        deliveryMode: 'expectReplies',
      });
      await post(smile, '/api/messages', activity(ask));
      const sent: string[] = [];
      nock('http://127.0.0.1:9')
        .persist()
        .post(new RegExp(`/v3/conversations/${conv}/activities`))
        .reply(200, (_uri, body: any) => {
          sent.push(body.text);
          return { id: 'x' };
        });
      await joinAndWrite(`bf:emulator:${conv}`, who, text);
      expect(sent.at(-1)).toBe(shown);
      // The join notice is the system's, not a person's words.
      expect(sent[0]).not.toMatch(/: /);
    },
  );
});
