import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Smile } from '../../app/server.js';
import { LoginGuard } from '../../support/login-guard.js';
import { conversation, FIXED_NOW, startTestSmile } from '../helpers.js';

/**
 * Agent sign-in under password guessing (issue 17): five wrong passwords for a name from one address lock that pair
 * out for 15 minutes, every failure after a lockout doubles the next, a success clears it, and everything an agent
 * does is in the audit log a supervisor can read. The clock is Smile's own (moved by the test, never waited for);
 * addresses come from X-Forwarded-For, believed from loopback (SMILE_TRUST_PROXY).
 */
const AGENTS = 'alice:agent:alice-password,bob:agent:bob-password,sue:supervisor:sue-password';
let now = FIXED_NOW.getTime();
let smile: Smile;
const MIN = 60_000;

async function call(method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${smile.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), json: (await res.json().catch(() => null)) as any };
}
const signIn = (username: string, password: string, from = '198.51.100.7') =>
  call('POST', '/v1/agent/login', { username, password }, { 'x-forwarded-for': from });
const tokenOf = async (username: string, from?: string): Promise<string> => {
  const r = await signIn(username, `${username}-password`, from);
  expect(r.status).toBe(200);
  return r.json.token as string;
};
const asAgent = (token: string, method: 'GET' | 'POST', path: string, body?: unknown) =>
  call(method, path, body ?? (method === 'POST' ? {} : undefined), { authorization: `Bearer ${token}` });

beforeAll(async () => {
  smile = await startTestSmile({ SMILE_AGENTS: AGENTS, SMILE_TRUST_PROXY: 'loopback', SMILE_RATE_LIMIT_PER_MIN: '10000' }, () => new Date(now));
});
afterAll(async () => {
  await smile?.close();
});

describe('when someone guesses an agent password', () => {
  it('then five failures lock that name from that address for 15 minutes, before the password is even compared', async () => {
    for (let i = 0; i < 5; i++) expect((await signIn('alice', `guess-${i}`)).status).toBe(401);
    const refused = await signIn('alice', 'alice-password');
    expect(refused.status).toBe(429);
    expect(refused.json).toEqual({ error: { code: 'rate_limited', message: 'Too many failed sign-in attempts; try again in 15 minutes' } });
    expect(refused.retryAfter).toBe('900');
    // The pair is locked, not the account and not the address.
    expect((await signIn('alice', 'alice-password', '203.0.113.9')).status).toBe(200);
    expect((await signIn('bob', 'bob-password')).status).toBe(200);
    // The name is compared as typed in any case.
    expect((await signIn('ALICE', 'alice-password')).status).toBe(429);

    now += 14 * MIN;
    expect((await signIn('alice', 'alice-password')).status).toBe(429);
    now += MIN;
    expect((await signIn('alice', 'alice-password')).status).toBe(200);
    // A success clears the count: the next wrong password is a plain 401 again.
    expect((await signIn('alice', 'guess-again')).status).toBe(401);
  });

  it('then each failure after a lockout doubles the next one (15, 30, 60 minutes)', async () => {
    const from = '192.0.2.44';
    for (let i = 0; i < 5; i++) expect((await signIn('bob', `guess-${i}`, from)).status).toBe(401);
    expect((await signIn('bob', 'bob-password', from)).retryAfter).toBe('900');
    now += 15 * MIN;
    expect((await signIn('bob', 'guess-5', from)).status).toBe(401);
    const second = await signIn('bob', 'bob-password', from);
    expect([second.status, second.retryAfter]).toEqual([429, '1800']);
    now += 30 * MIN;
    expect((await signIn('bob', 'guess-6', from)).status).toBe(401);
    expect((await signIn('bob', 'bob-password', from)).retryAfter).toBe('3600');
    now += 60 * MIN;
    expect((await signIn('bob', 'bob-password', from)).status).toBe(200);
  });

  it('then the guard forgets a pair after a day and keeps at most its bound of pairs in memory', () => {
    let t = 0;
    const guard = new LoginGuard({ now: () => t, maxKeys: 100 });
    for (let i = 0; i < 5; i++) guard.failed('x@1');
    expect(guard.waitFor('x@1')).toBe(15 * MIN);
    t += 15 * MIN + 24 * 60 * MIN + 1;
    expect(guard.waitFor('x@1')).toBe(0);
    guard.failed('x@1');
    expect(guard.waitFor('x@1')).toBe(0); // counted from one again
    for (let i = 0; i < 1000; i++) guard.failed(`name-${i}@2`);
    expect(guard.size).toBeLessThanOrEqual(100);
  });
});

describe('the audit log', () => {
  it('then records sign-ins, failures, refusals, claim, reply, note and resolve, readable by a supervisor only', async () => {
    const since = new Date(now).toISOString();
    const carol = '198.51.100.200';
    expect((await signIn('alice', 'nope', carol)).status).toBe(401);
    const alice = await tokenOf('alice', carol);
    const sue = await tokenOf('sue');

    const say = conversation(smile, 'demo', 'audit-1');
    const asked = await say('I want to talk to a person');
    const escalationId = asked.handoff?.escalationId;
    expect(escalationId).toMatch(/^esc-/);
    expect((await asAgent(alice, 'POST', `/v1/agent/escalations/${escalationId}/claim`)).status).toBe(200);
    expect((await asAgent(alice, 'POST', `/v1/agent/escalations/${escalationId}/messages`, { text: 'Hi, Alice here.' })).status).toBe(200);
    expect((await asAgent(alice, 'POST', `/v1/agent/escalations/${escalationId}/notes`, { text: 'refund asked' })).status).toBe(200);
    expect((await asAgent(alice, 'POST', `/v1/agent/escalations/${escalationId}/resolve`)).status).toBe(200);
    // A refused action is not recorded as done.
    expect((await asAgent(alice, 'POST', `/v1/agent/escalations/${escalationId}/claim`)).status).toBeGreaterThanOrEqual(400);

    expect((await asAgent(alice, 'GET', '/v1/agent/audit')).status).toBe(403);
    const all = await asAgent(sue, 'GET', `/v1/agent/audit?since=${encodeURIComponent(since)}&actor=alice`);
    expect(all.status).toBe(200);
    const actions = (all.json.entries as Array<{ action: string; at: string }>).map((e) => e.action);
    expect(actions).toEqual(['resolve', 'note', 'reply', 'claim', 'login', 'login_failed']);
    const claimed = await asAgent(sue, 'GET', `/v1/agent/audit?escalationId=${escalationId}&action=claim`);
    expect(claimed.json.entries).toEqual([
      {
        id: expect.any(String),
        at: expect.any(String),
        action: 'claim',
        actor: 'alice',
        address: '127.0.0.1', // the claim came without X-Forwarded-For
        escalationId,
        conversationId: expect.stringContaining('audit-1'),
        // Kept for SMILE_AUDIT_RETENTION_DAYS (365 by default) from the entry's time.
        expiresAt: expect.stringMatching(/^2027-11-22T/),
      },
    ]);
    // Never the text of a message or a password.
    expect(JSON.stringify(all.json)).not.toMatch(/Alice here|refund asked|nope|alice-password/);
    // Refusals of the lockout are recorded too.
    for (let i = 0; i < 5; i++) await signIn('sue', `guess-${i}`, carol);
    await signIn('sue', 'sue-password', carol);
    const refusals = await asAgent(sue, 'GET', '/v1/agent/audit?actor=sue&limit=2');
    expect(refusals.json.entries.map((e: { action: string }) => e.action)).toEqual(['login_refused', 'login_failed']);

    for (const bad of ['?limit=0', '?limit=abc', '?action=delete', '?since=yesterday', '?escalationId=../x', '?other=1']) {
      const r = await asAgent(sue, 'GET', `/v1/agent/audit${bad}`);
      expect([bad, r.status, r.json.error.code]).toEqual([bad, 400, 'invalid_request']);
    }
  });
});
