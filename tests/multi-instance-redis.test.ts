import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Smile } from '../app/server.js';
import type { Store } from '../store/port.js';
import { FaultProxy } from './faults/fault-proxy.js';
import { allText, conversation, FIXED_NOW, get, post, startTestSmile } from './helpers.js';
import { pino } from 'pino';
import { RedisLayer } from '../app/shared/redis.js';
import { CustomerCache } from '../engine/customer-cache.js';
import type { Customer } from '../domain/commerce.js';
import { openEvents, redisReachable, TEST_REDIS_URL, testPrefix } from './redis-helpers.js';
import { storeKinds } from './stores.js';

const reachable = await redisReachable();
if (!reachable) console.log(`multi-instance Redis tests skipped: no Redis answers at ${TEST_REDIS_URL} (set REDIS_URL)`);

const AGENTS = 'alice=Alice Kim:agent:alice-password,sam:supervisor:sam-password';
const AGENT_SECRET = 'a-shared-agent-token-secret';

/** Two servers on two ports sharing a store and a Redis (through a fault proxy, so Redis can be taken away). */
interface Pair {
  a: Smile;
  b: Smile;
  proxy: FaultProxy;
  close: () => Promise<void>;
}
async function pair(store: Store, env: Record<string, string> = {}): Promise<Pair> {
  const { hostname, port } = new URL(TEST_REDIS_URL);
  const proxy = await FaultProxy.start({ host: hostname, port: Number(port || 6379) });
  const shared: Store = Object.assign(Object.create(store) as Store, { close: async () => undefined });
  const config = {
    REDIS_URL: `redis://127.0.0.1:${proxy.port}`,
    SMILE_REDIS_PREFIX: testPrefix(),
    SMILE_AGENTS: AGENTS,
    SMILE_AGENT_TOKEN_SECRET: AGENT_SECRET,
    ...env,
  };
  const a = await startTestSmile(config, undefined, shared);
  const b = await startTestSmile(config, undefined, shared);
  return {
    a,
    b,
    proxy,
    close: async () => {
      await a.close();
      await b.close();
      await proxy.close();
    },
  };
}

const orders = async (smile: Smile, customer: string): Promise<number> =>
  (await get(smile, `/sandbox/commerce/v1/customers/${customer}/orders`)).orders.length as number;

for (const kind of storeKinds()) {
  describe.skipIf(!reachable)(`two Smile servers on one ${kind.name} store and one Redis`, () => {
    let store: Store;
    let a: Smile;
    let b: Smile;
    let proxy: FaultProxy;
    let close: () => Promise<void>;
    beforeAll(async () => {
      store = await kind.open();
      ({ a, b, proxy, close } = await pair(store));
    });
    afterAll(async () => {
      await close();
      await kind.dispose(store);
    });

    it('when a conversation alternates between them, then it reorders once (EN)', async () => {
      const before = await orders(a, 'demo');
      const onA = conversation(a, 'demo', 'alt-en');
      const onB = conversation(b, 'demo', 'alt-en');
      expect(allText(await onA('reorder two packs of the wipes', 'e1'))).toMatch(/Reorder 2 ×/);
      expect(allText(await onB('make it three', 'e2'))).toMatch(/Reorder 3 ×/);
      expect(allText(await onA('yes', 'e3'))).toMatch(/is placed/);
      expect(allText(await onB('yes', 'e4'))).not.toMatch(/is placed/);
      expect(await orders(b, 'demo')).toBe(before + 1);
    });

    it('when a conversation alternates between them, then it reorders once (KO)', async () => {
      const before = await orders(a, 'demo-ko');
      const onA = conversation(a, 'demo-ko', 'alt-ko');
      const onB = conversation(b, 'demo-ko', 'alt-ko');
      await onB('라면 다시 주문해줘', 'k1');
      expect(allText(await onA('네', 'k2'))).toMatch(/주문/);
      await onB('네', 'k3');
      expect(await orders(a, 'demo-ko')).toBe(before + 1);
    });

    it('when the same message reaches both at once, then both answer the same and it acts once', async () => {
      const before = await orders(a, 'demo');
      await conversation(a, 'demo', 'same-msg')('reorder the wipes', 's1');
      const [ra, rb] = await Promise.all([
        post(a, '/v1/chat', { userId: 'demo', text: 'yes', conversationId: 'same-msg', messageId: 's2' }),
        post(b, '/v1/chat', { userId: 'demo', text: 'yes', conversationId: 'same-msg', messageId: 's2' }),
      ]);
      expect([ra.status, rb.status]).toEqual([200, 200]);
      expect(rb.json).toEqual(ra.json);
      expect(allText(ra.json)).toMatch(/is placed/);
      expect(await orders(a, 'demo')).toBe(before + 1);
    });

    it("when a notice or a resumed request is announced on A, then the customer's stream on B hears it, and the console does not", async () => {
      const login = await post(b, '/v1/agent/login', { username: 'alice', password: 'alice-password' });
      const agentStream = await openEvents(`${b.url}/v1/agent/events`, { authorization: `Bearer ${login.json.token as string}` });
      const talk = conversation(a, 'demo', 'announce-pair');
      await talk('hi');
      const customerStream = await openEvents(`${b.url}/v1/conversations/announce-pair/events?userId=demo`);
      try {
        a.support.announce('announce-pair', 'notice');
        a.support.announce('announce-pair', 'resumed');
        expect((await customerStream.next((e) => e.event === 'notice', 1000)).data.conversationId).toBe('announce-pair');
        await customerStream.next((e) => e.event === 'resumed', 1000);
        expect(agentStream.events.filter((e) => e.data.conversationId === 'announce-pair')).toEqual([]);
      } finally {
        await customerStream.close();
        await agentStream.close();
      }
    });

    it('when a customer writes on A and an agent on B, then each sees the other live (SSE, within a second)', async () => {
      const login = await post(b, '/v1/agent/login', { username: 'alice', password: 'alice-password' });
      const auth = { authorization: `Bearer ${login.json.token as string}` };
      const agentStream = await openEvents(`${b.url}/v1/agent/events`, auth);
      try {
        const talk = conversation(a, 'demo', 'live-pair');
        const escalated = await talk('talk to a human');
        const escalationId = escalated.handoff!.escalationId;
        await agentStream.next((e) => e.event === 'escalation_created' && e.data.conversationId === 'live-pair');
        const customerStream = await openEvents(`${a.url}/v1/conversations/live-pair/events?userId=demo`);
        try {
          const claimed = await fetch(`${b.url}/v1/agent/escalations/${escalationId}/claim`, { method: 'POST', headers: auth });
          expect(claimed.status).toBe(200);
          const sent = await fetch(`${b.url}/v1/agent/escalations/${escalationId}/messages`, {
            method: 'POST',
            headers: { ...auth, 'content-type': 'application/json' },
            body: JSON.stringify({ text: 'Hi, this is Alice on instance B.' }),
          });
          expect(sent.status).toBe(200);
          // The customer's stream says a person wrote; the page reads what from the conversation's messages (on A).
          const seen = await customerStream.next((e) => e.event === 'agent_message');
          expect(seen.data.conversationId).toBe('live-pair');
          const read = (await (await fetch(`${a.url}/v1/conversations/live-pair/messages?userId=demo`)).json()) as {
            messages: Array<{ text: string; from: string }>;
          };
          expect(read.messages.map((m) => m.text)).toContain('Hi, this is Alice on instance B.');
          await talk('thanks, my wipes are late');
          const heard = await agentStream.next((e) => e.event === 'customer_message' && e.data.text === 'thanks, my wipes are late');
          expect(heard.data.escalationId).toBe(escalationId);
          // Each event reaches each listener once (this instance's own is not heard again through Redis).
          expect(agentStream.events.filter((e) => e.event === 'customer_message').length).toBe(1);
          // (one event per message the team wrote after the claim: "Alice joined", then her reply)
          const written = read.messages.filter((m) => m.from === 'agent' || m.from === 'system').length;
          expect(customerStream.events.filter((e) => e.event === 'agent_message').length).toBe(written);
        } finally {
          await customerStream.close();
        }
      } finally {
        await agentStream.close();
      }
    });

    it('when Redis goes away, then turns still work, /readyz says degraded, and it recovers', async () => {
      await proxy.set({ kind: 'cut' });
      const ready = await fetch(`${a.url}/readyz`);
      expect(ready.status).toBe(200);
      const body = (await ready.json()) as { status: string; checks: Record<string, string> };
      expect(body.status).toBe('degraded');
      expect(body.checks.redis).toMatch(/^degraded/);
      const before = await orders(a, 'demo');
      const talk = conversation(a, 'demo', 'no-redis');
      await talk('reorder the wipes');
      expect(allText(await talk('yes'))).toMatch(/is placed/);
      expect(await orders(a, 'demo')).toBe(before + 1);
      await proxy.set({ kind: 'none' });
      // ioredis reconnects on its own (back-off of at most 2 s); /readyz follows.
      const deadline = Date.now() + 8000;
      let status = '';
      while (Date.now() < deadline && status !== 'ready') {
        status = ((await (await fetch(`${a.url}/readyz`)).json()) as { status: string }).status;
        if (status !== 'ready') await new Promise((r) => setTimeout(r, 100));
      }
      expect(status).toBe('ready');
    });
  });
}

describe.skipIf(!reachable)('cache invalidation across instances', () => {
  it("when one instance's customer places an order, then every instance forgets that customer's cached history and profile", async () => {
    const logger = pino({ level: 'silent' });
    const prefix = testPrefix();
    const [one, two] = await Promise.all([RedisLayer.open(TEST_REDIS_URL, { logger, prefix }), RedisLayer.open(TEST_REDIS_URL, { logger, prefix })]);
    try {
      const clock = () => FIXED_NOW;
      const onA = new CustomerCache(clock, 60_000, one.broadcast);
      const onB = new CustomerCache(clock, 60_000, two.broadcast);
      const customer = { id: 'demo' } as Customer;
      onB.remember(customer, []);
      onB.remember({ id: 'demo-ko' } as Customer, []);
      // The subscription is in place once a message published after it arrives: wait for B to hear A.
      onA.ordersChanged('demo');
      const deadline = Date.now() + 1000;
      while (onB.histories.get('demo') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      expect(onB.histories.get('demo')).toBeUndefined();
      expect(onB.profiles.get('demo')).toBeUndefined();
      expect(onB.histories.get('demo-ko')).toEqual([]);
      expect(one.counts.published).toBe(1);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });
});

describe.skipIf(!reachable)('the rate limit across two instances on one Redis', () => {
  let store: Store;
  let a: Smile;
  let b: Smile;
  let close: () => Promise<void>;
  beforeAll(async () => {
    store = await storeKinds()[0]!.open();
    ({ a, b, close } = await pair(store, { SMILE_RATE_LIMIT_PER_MIN: '6' }));
  });
  afterAll(async () => {
    await close();
    await store.close();
  });

  it('when a client spreads its requests over both, then it gets the limit once, not twice', async () => {
    const parse = (smile: Smile) => post(smile, '/v1/nlu/parse', { text: 'reorder the wipes', locale: 'en-US' });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      statuses.push((await parse(a)).status);
      statuses.push((await parse(b)).status);
    }
    expect(statuses.filter((s) => s === 200).length).toBe(6);
    expect(statuses.slice(6).every((s) => s === 429)).toBe(true);
    // KakaoTalk and Alexa count per address too, across both.
    const kakao = [];
    for (let i = 0; i < 4; i += 1) {
      kakao.push((await post(a, '/kakao/skill', {})).status, (await post(b, '/kakao/skill', {})).status);
    }
    // A refused KakaoTalk request is a 200 with a chat bubble (as Open Builder needs); the empty body is otherwise a 400.
    expect(kakao.filter((s) => s === 200).length).toBe(2);
    expect(kakao.filter((s) => s === 400).length).toBe(6);
  });
});

/**
 * Store and Redis operations per turn, counted (not guessed) for the README's capacity arithmetic: a 3-turn reorder
 * ("reorder two packs of the wipes", "make it three", "yes") on one instance in multi-instance mode. Smile's own store
 * calls are counted apart from the sandbox's (which stands in for the shop's systems and would not be in this database).
 */
describe.skipIf(!reachable)('operations per turn in multi-instance mode', () => {
  it('when a 3-turn reorder runs, then each turn costs a bounded number of store and Redis operations', async () => {
    const base = await storeKinds()[0]!.open();
    const calls = { smile: 0, sandbox: 0 };
    const counting = (target: object, group: string): object =>
      new Proxy(target, {
        get(t, prop, receiver) {
          const value: unknown = Reflect.get(t, prop, receiver);
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            calls[group === 'documents' ? 'sandbox' : 'smile'] += 1;
            return (value as (...a: unknown[]) => unknown).apply(t, args);
          };
        },
      });
    const groups = ['conversations', 'transcript', 'turns', 'links', 'preferences', 'escalations', 'channelState', 'pendingEffects', 'documents'];
    const store = new Proxy(base, {
      get(t, prop, receiver) {
        const value: unknown = Reflect.get(t, prop, receiver);
        if (prop === 'close') return async () => undefined;
        return typeof prop === 'string' && groups.includes(prop) && value && typeof value === 'object' ? counting(value, prop) : value;
      },
    });
    const smile = await startTestSmile({ REDIS_URL: TEST_REDIS_URL, SMILE_REDIS_PREFIX: testPrefix() }, undefined, store);
    try {
      const redis = smile.shared as RedisLayer;
      const talk = conversation(smile, 'demo', 'counted');
      const figures: string[] = [];
      for (const text of ['reorder two packs of the wipes', 'make it three', 'yes']) {
        const [s0, d0, r0] = [calls.smile, calls.sandbox, redis.counts.commands];
        await talk(text);
        figures.push(`${text}: store ${calls.smile - s0}, sandbox ${calls.sandbox - d0}, redis ${redis.counts.commands - r0}`);
        expect(calls.smile - s0).toBeLessThanOrEqual(25);
        // The lock (SET NX, release) and the rate limit (EVALSHA); a placed order adds one cache invalidation.
        expect(redis.counts.commands - r0).toBeLessThanOrEqual(5);
      }
      console.log(`operations per turn (multi-instance mode):\n  ${figures.join('\n  ')}`);
    } finally {
      await smile.close();
      await base.close();
    }
  });
});
