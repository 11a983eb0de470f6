import { SignJWT } from 'jose';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Store } from 'express-rate-limit';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { limiter } from '../app/rate-limits.js';
import type { Smile } from '../app/server.js';
import { post, startTestSmile } from './helpers.js';

/**
 * Limits a client cannot choose its way around (issue 20, item 7): counted per verified identity, else per client
 * address — never per a userId the body names. SMILE_RATE_LIMIT_PER_MIN=3 keeps every case to a handful of requests.
 */
const LIMIT = 3;
const kakao = (user: string) => ({ userRequest: { utterance: '안녕하세요', user: { id: user }, lang: 'ko' } });
/** KakaoTalk is refused in a chat bubble (a 200, as Open Builder needs), in the customer's language. */
const kakaoRefused = (r: { status: number; json: any }): void => {
  expect(r.status).toBe(200);
  expect(r.json.template.outputs).toEqual([{ simpleText: { text: expect.stringMatching(/잠깐 뒤에 다시 보내 주세요/) } }]);
};
const refused = (r: { status: number; json: any }): void => {
  expect(r.status).toBe(429);
  expect(r.json).toEqual({ error: { code: 'rate_limited', message: expect.any(String) } });
};

describe('the rate limit, per client address when nobody is verified', () => {
  let smile: Smile;
  beforeEach(async () => {
    smile = await startTestSmile({ SMILE_RATE_LIMIT_PER_MIN: String(LIMIT) });
  });
  afterEach(async () => {
    await smile.close();
  });

  it('when one address rotates userIds on /v1/chat, then the fourth message in the minute is refused with 429', async () => {
    for (let i = 0; i < LIMIT; i += 1) expect((await post(smile, '/v1/chat', { userId: `rotating-${i}`, text: 'hi' })).status).toBe(200);
    refused(await post(smile, '/v1/chat', { userId: 'rotating-new', text: 'hi' }));
  });

  it('when one address rotates KakaoTalk user ids on /kakao/skill, then the fourth is refused', async () => {
    for (let i = 0; i < LIMIT; i += 1) expect((await post(smile, '/kakao/skill', kakao(`kakao-${i}`))).status).toBe(200);
    kakaoRefused(await post(smile, '/kakao/skill', kakao('kakao-new')));
  });

  it('when /v1/nlu/parse is called more than the limit, then 429; the probes and other route groups still answer', async () => {
    for (let i = 0; i < LIMIT; i += 1) expect((await post(smile, '/v1/nlu/parse', { text: `reorder ${i}`, locale: 'en-US' })).status).toBe(200);
    const limited = await post(smile, '/v1/nlu/parse', { text: 'reorder', locale: 'en-US' });
    refused(limited);
    expect((await fetch(`${smile.url}/healthz`)).status).toBe(200);
    expect((await post(smile, '/v1/chat', { userId: 'demo', text: 'hi' })).status).toBe(200);
  });

  it('when a refused request comes back, then it says when to retry', async () => {
    for (let i = 0; i <= LIMIT; i += 1) await post(smile, '/v1/nlu/parse', { text: 'hi', locale: 'en-US' });
    const res = await fetch(`${smile.url}/v1/nlu/parse`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"text":"hi","locale":"en-US"}',
    });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('when a client names another address in X-Forwarded-For without a trusted proxy, then it is still counted as itself', async () => {
    for (let i = 0; i < LIMIT; i += 1) {
      expect((await post(smile, '/v1/nlu/parse', { text: 'hi', locale: 'en-US' }, { 'x-forwarded-for': `203.0.113.${i}` })).status).toBe(200);
    }
    refused(await post(smile, '/v1/nlu/parse', { text: 'hi', locale: 'en-US' }, { 'x-forwarded-for': '203.0.113.99' }));
  });
});

describe('the rate limit behind a trusted proxy (SMILE_TRUST_PROXY=loopback)', () => {
  let smile: Smile;
  beforeAll(async () => {
    smile = await startTestSmile({ SMILE_RATE_LIMIT_PER_MIN: String(LIMIT), SMILE_TRUST_PROXY: 'loopback' });
  });
  afterAll(async () => {
    await smile.close();
  });

  it('when two clients come through the proxy, then each has its own limit, by the address the proxy names', async () => {
    const as = (ip: string) => post(smile, '/kakao/skill', kakao(`k-${ip}`), { 'x-forwarded-for': ip });
    for (let i = 0; i < LIMIT; i += 1) expect((await as('198.51.100.7')).status).toBe(200);
    kakaoRefused(await as('198.51.100.7'));
    expect((await as('198.51.100.8')).status).toBe(200);
  });

  it("when the client sent a false X-Forwarded-For of its own, then the proxy's last hop is what counts", async () => {
    // The proxy appends the address it saw; what the client wrote before it is not believed.
    const as = (spoof: string) => post(smile, '/v1/nlu/parse', { text: 'hi', locale: 'en-US' }, { 'x-forwarded-for': `${spoof}, 198.51.100.20` });
    for (let i = 0; i < LIMIT; i += 1) expect((await as(`10.9.9.${i}`)).status).toBe(200);
    refused(await as('10.9.9.99'));
  });
});

describe('the rate limit per verified customer, with SMILE_REST_JWT_SECRET', () => {
  let smile: Smile;
  const secret = 'a-very-long-shop-secret-0123456789';
  const token = (sub: string): Promise<string> =>
    new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).setExpirationTime('5m').sign(new TextEncoder().encode(secret));
  beforeAll(async () => {
    smile = await startTestSmile({ SMILE_RATE_LIMIT_PER_MIN: String(LIMIT), SMILE_REST_JWT_SECRET: secret });
  });
  afterAll(async () => {
    await smile.close();
  });

  it('when one customer uses up the limit, then another signed-in customer from the same address is unaffected', async () => {
    const demo = { authorization: `Bearer ${await token('demo')}` };
    for (let i = 0; i < LIMIT; i += 1) expect((await post(smile, '/v1/chat', { text: 'hi' }, demo)).status).toBe(200);
    refused(await post(smile, '/v1/chat', { text: 'hi' }, demo));
    expect((await post(smile, '/v1/chat', { text: '안녕' }, { authorization: `Bearer ${await token('demo-ko')}` })).status).toBe(200);
  });

  it('when requests carry forged tokens, then they count against the address, not against a name they chose', async () => {
    const forged = (n: number) => ({ authorization: `Bearer forged.${n}.token` });
    for (let i = 0; i < LIMIT; i += 1) expect((await post(smile, '/v1/chat', { text: 'hi' }, forged(i))).status).toBe(401);
    refused(await post(smile, '/v1/chat', { text: 'hi' }, forged(99)));
  });
});

describe('agent sign-in attempts (issue 17)', () => {
  let smile: Smile;
  beforeAll(async () => {
    smile = await startTestSmile({ SMILE_AGENTS: 'alice:agent:alice-password,bob:agent:bob-password' });
  });
  afterAll(async () => {
    await smile.close();
  });

  it('when five wrong passwords come for one name from one address, then the sixth attempt is refused even if right; another name is not', async () => {
    expect((await post(smile, '/v1/agent/login', { username: 'alice', password: 'alice-password' })).status).toBe(200);
    for (let i = 0; i < 5; i += 1) expect((await post(smile, '/v1/agent/login', { username: 'alice', password: `guess-${i}` })).status).toBe(401);
    refused(await post(smile, '/v1/agent/login', { username: 'alice', password: 'alice-password' }));
    expect((await post(smile, '/v1/agent/login', { username: 'bob', password: 'bob-password' })).status).toBe(200);
  });
});

describe('the agent session cookie', () => {
  const login = async (smile: Smile, headers: Record<string, string>): Promise<string> => {
    const res = await fetch(`${smile.url}/v1/agent/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ username: 'alice', password: 'alice-password' }),
    });
    expect(res.status).toBe(200);
    return res.headers.get('set-cookie') ?? '';
  };

  it('when a trusted proxy says the client used https, then the cookie is Secure (and HttpOnly, SameSite=Strict)', async () => {
    const smile = await startTestSmile({ SMILE_AGENTS: 'alice:agent:alice-password', SMILE_TRUST_PROXY: 'loopback' });
    try {
      const cookie = await login(smile, { 'x-forwarded-proto': 'https' });
      expect(cookie).toMatch(/smile_agent=/);
      expect(cookie).toMatch(/; Secure/);
      expect(cookie).toMatch(/; HttpOnly/);
      expect(cookie).toMatch(/; SameSite=Strict/);
      expect(await login(smile, {})).not.toMatch(/Secure/);
    } finally {
      await smile.close();
    }
  });

  it("when no proxy is trusted, then a client's own X-Forwarded-Proto does not make the cookie Secure over plain http", async () => {
    const smile = await startTestSmile({ SMILE_AGENTS: 'alice:agent:alice-password' });
    try {
      expect(await login(smile, { 'x-forwarded-proto': 'https' })).not.toMatch(/Secure/);
    } finally {
      await smile.close();
    }
  });
});

describe('a rate limit whose shared store fails (Redis away)', () => {
  it("when the store throws, then the request is let through and the failure goes to Smile's log, not the console", async () => {
    const failing: Store = {
      increment: () => Promise.reject(new Error('Stream is not writeable')),
      decrement: () => undefined,
      resetKey: () => undefined,
    };
    const reported: unknown[] = [];
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const app = express();
    app.use(limiter({ limit: 1, store: failing, onStoreError: (err) => reported.push(err) }));
    app.get('/', (_req, res) => {
      res.send('ok');
    });
    const server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      for (let i = 0; i < 3; i++) expect((await fetch(url)).status).toBe(200);
      expect(reported).toHaveLength(3);
      expect(consoleError).not.toHaveBeenCalled();
    } finally {
      consoleError.mockRestore();
      server.close();
    }
  });
});
