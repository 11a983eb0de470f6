import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { Smile } from '../../app/server.js';
import { allText, conversation, get, orderIdOf, post, startTestSmile, type ChatReply } from '../helpers.js';
import { FaultProxy, type Fault } from './fault-proxy.js';

/**
 * Smile (B) talks to the commerce and logistics APIs of a second Smile's sandbox (A) through a fault injector on
 * 127.0.0.1. Each scenario breaks the link, checks what the customer hears and that nothing is done twice (orders
 * counted in the sandbox), clears the fault and checks the conversation carries on. Figures are printed.
 */
const now = (): Date => new Date();
let sandbox: Smile;
let smile: Smile;
let proxy: FaultProxy;
const figures: Array<Record<string, string | number>> = [];

beforeAll(async () => {
  // Every request of the suite comes from one address: the sandbox's own rate limit must not be what fails them.
  sandbox = await startTestSmile({ SMILE_RATE_LIMIT_PER_MIN: '1000000' }, now);
  proxy = await FaultProxy.start({ host: '127.0.0.1', port: Number(new URL(sandbox.url).port) });
  smile = await startB();
});

/** Smile B, its providers reached through the proxy; `env` adds to (or overrides) the suite's settings. */
async function startB(env: Record<string, string> = {}): Promise<Smile> {
  const b = await startTestSmile(
    {
      COMMERCE_API_URL: `${proxy.url}/sandbox/commerce/v1`,
      LOGISTICS_API_URL: `${proxy.url}/sandbox/logistics/v1`,
      SMILE_API_TIMEOUT_MS: '400',
      SMILE_CHAT_BUDGET_MS: '1500',
      SMILE_BREAKER_COOLDOWN_MS: '300',
      SMILE_RECONCILE_EVERY_MS: '200',
      SMILE_LEASE_MS: '1000',
      // 200 conversations from one address: the rate limit is not what this suite is about (tests/rate-limits.test.ts).
      SMILE_RATE_LIMIT_PER_MIN: '100000',
      ...env,
    },
    now,
  );
  // Real providers configured: no sandbox in B, so its channel identity is linked as account linking would.
  for (const customer of ['demo', 'demo-ko'])
    await b.store.links.put({ channel: 'rest', channelUserId: customer, customerId: customer, createdAt: now().toISOString() });
  return b;
}
afterEach(async () => {
  await proxy.set({ kind: 'none' });
});
afterAll(async () => {
  console.log(
    `fault suite figures:\n${figures
      .map(
        (f) =>
          `  ${Object.entries(f)
            .map(([k, v]) => `${k}=${v}`)
            .join(' ')}`,
      )
      .join('\n')}`,
  );
  await smile?.close();
  await proxy?.close();
  await sandbox?.close();
});

const orders = async (customer = 'demo'): Promise<string[]> =>
  ((await get(sandbox, `/sandbox/commerce/v1/customers/${customer}/orders`)) as { orders: Array<{ id: string }> }).orders.map((o) => o.id);
/**
 * The fault cleared, Smile reaches the provider again: a read through it answers (the circuit lets a call through
 * after its cooldown). /readyz recovering by itself is tests/faults/readyz.test.ts.
 */
const ready = async (b: Smile = smile): Promise<void> => {
  await expect.poll(async () => (await fetch(`${b.url}/v1/customers/demo/suggestions`)).status, { timeout: 5000, interval: 100 }).toBe(200);
};
const placedIds = (r: ChatReply): string[] => [...allText(r).matchAll(/is placed \(order number ([A-Z0-9-]+)/g)].map((m) => orderIdOf(m[1]!));
const OFFERS_A_PERSON = /connect you with a person/;
const TOLD_DONE = /is placed/;

/** A customer reaches the confirmation with the link healthy, so the fault meets the order itself. */
async function atConfirmation(id: string): Promise<(text: string) => Promise<ChatReply>> {
  await ready();
  // An order an earlier fault left unknown is settled first: until it is, a reorder of the same product is (rightly)
  // told it is still being checked instead of being offered again.
  await smile.jobs.run('reconcile-pending');
  const say = conversation(smile, 'demo', id);
  expect((await say('reorder two packs of the wipes')).state.awaiting).toBe('confirmation');
  return say;
}

describe('provider faults (commerce and logistics behind a TCP fault injector)', () => {
  it('when the provider answers later than the timeout, then the customer hears it politely; nothing is done twice; it recovers', async () => {
    const before = await orders();
    const injected = proxy.figures.faultsInjected;
    // Reading the order history: too slow (held, or trickled a few bytes at a time) is a failure said with the
    // offer of a person, and nothing is ordered.
    for (const fault of [
      { kind: 'latency', ms: 1200 },
      { kind: 'slow', bytes: 4, everyMs: 40 },
    ] satisfies Fault[]) {
      await ready();
      await proxy.set(fault);
      const slowRead = await conversation(smile, 'demo', `fault-${fault.kind}`)('reorder two packs of the wipes');
      expect(allText(slowRead)).toMatch(OFFERS_A_PERSON);
      expect(allText(slowRead)).not.toMatch(TOLD_DONE);
      await proxy.set({ kind: 'none' });
    }
    expect(await orders()).toEqual(before);

    // Placing the order: the provider applies it but answers too late. The customer is not told "done"; the
    // reconciler settles it under the same key once the link is back, and the news comes on the next turn.
    const paid = await atConfirmation('fault-latency-order');
    await proxy.set({ kind: 'latency', ms: 1200 });
    const late = await paid('yes');
    expect(allText(late)).toMatch(/couldn't confirm the change yet.*never happen twice/);
    expect(allText(late)).not.toMatch(TOLD_DONE);
    await proxy.set({ kind: 'none' });
    await expect.poll(async () => (await smile.store.pendingEffects.untold('fault-latency-order')).length, { timeout: 8000, interval: 100 }).toBe(1);
    const news = await paid('hello');
    const told = placedIds(news);
    expect(told).toHaveLength(1);
    const after = await orders();
    expect(after.length - before.length).toBe(1);
    expect(after).toContain(told[0]);
    figures.push({
      scenario: 'latency 1.2 s and slow bytes > timeout 0.4 s',
      turns: 5,
      faultsInjected: proxy.figures.faultsInjected - injected,
      lost: 0,
      doubled: after.length - before.length - told.length,
    });
  });

  it('when the provider is cut mid-conversation, then the order is not confirmed, a person is offered, and "yes" after it is back orders once', async () => {
    const before = await orders();
    const injected = proxy.figures.faultsInjected;
    const say = await atConfirmation('fault-cut');
    await proxy.set({ kind: 'cut' });
    const refused = await say('yes');
    expect(allText(refused)).toMatch(OFFERS_A_PERSON);
    expect(allText(refused)).not.toMatch(TOLD_DONE);
    expect(refused.messages.at(-1)?.suggestions).toContain('Talk to a person');
    expect(refused.state.awaiting).toBe('confirmation');
    // Asked again while still cut: the same polite answer, still nothing ordered.
    expect(allText(await say('yes'))).toMatch(OFFERS_A_PERSON);
    expect(await orders()).toEqual(before);
    await proxy.set({ kind: 'none' });
    await ready();
    const placed = await say('yes');
    expect(allText(placed)).toMatch(/Done — your order is placed \(order number [A-Z0-9-]+/);

    // Cut after the request reached the provider (its answer lost): unknown, settled once, told once.
    const lost = await atConfirmation('fault-cut-answer');
    await proxy.set({ kind: 'lose-answers' });
    expect(allText(await lost('yes'))).not.toMatch(TOLD_DONE);
    await proxy.set({ kind: 'none' });
    await expect.poll(async () => (await smile.store.pendingEffects.untold('fault-cut-answer')).length, { timeout: 8000, interval: 100 }).toBe(1);
    expect(placedIds(await lost('hello'))).toHaveLength(1);
    const after = await orders();
    expect(after.length - before.length).toBe(2);
    figures.push({
      scenario: 'cut (refused) and answers lost',
      turns: 8,
      faultsInjected: proxy.figures.faultsInjected - injected,
      lost: 0,
      doubled: after.length - before.length - 2,
    });
  });

  it('when the provider flaps during 8 conversations, then every turn is answered, only confirmed orders are called done, and none is doubled', async () => {
    const before = await orders();
    const injected = proxy.figures.faultsInjected;
    const told = new Map<string, string[]>();
    let turns = 0;
    const flap: Fault = { kind: 'flap' };
    for (let i = 0; i < 8; i++) {
      const id = `fault-flap-${i}`;
      await ready();
      await smile.jobs.run('reconcile-pending');
      const say = conversation(smile, 'demo', id);
      const start = await say('reorder two packs of the wipes');
      turns += 1;
      if (start.state.awaiting !== 'confirmation') {
        // An earlier order of the wipes is still being checked: Smile says so and offers no second one.
        expect(allText(start)).toMatch(/still checking that order/);
        continue;
      }
      await proxy.set(flap);
      // The customer says "yes" until told it is placed or being checked (at most three times).
      for (let attempt = 0; attempt < 3; attempt++) {
        const r = await say('yes');
        turns++;
        const text = allText(r);
        expect(text).toMatch(/is placed|couldn't confirm the change yet|connect you with a person/);
        told.set(id, [...(told.get(id) ?? []), ...placedIds(r)]);
        if (r.state.awaiting !== 'confirmation') break;
      }
      await proxy.set({ kind: 'none' });
    }
    // The link steady again: each conversation whose outcome was being checked hears it on its next turn.
    await ready();
    for (const id of told.keys()) {
      await expect
        .poll(
          async () =>
            (await smile.store.pendingEffects.due(new Date(Date.now() + 60_000).toISOString(), 50)).filter((p) => p.conversationId === id).length,
          { timeout: 8000, interval: 100 },
        )
        .toBe(0);
      const r = await post(smile, '/v1/chat', { userId: 'demo', text: 'hello', conversationId: id, messageId: `after-${id}` });
      expect(r.status).toBe(200);
      turns++;
      told.set(id, [...told.get(id)!, ...placedIds(r.json as ChatReply)]);
    }
    const after = await orders();
    const newOrders = after.filter((o) => !before.includes(o));
    const toldIds = [...told.values()].flat();
    for (const ids of told.values()) expect(new Set(ids).size).toBeLessThanOrEqual(1);
    expect(new Set(toldIds)).toEqual(new Set(newOrders));
    expect(newOrders.length).toBeLessThanOrEqual(8);
    figures.push({
      scenario: 'flapping (every other connection and request reset)',
      conversations: 8,
      turns,
      placed: newOrders.length,
      faultsInjected: proxy.figures.faultsInjected - injected,
      lost: 0,
      doubled: newOrders.length - new Set(toldIds).size,
    });
  }, 40_000);

  /**
   * The issue's load: FAULT_CONVERSATIONS (default 200) whole conversations, English and Korean, 8 at a time, while
   * every request to commerce and logistics meets a fault half the time (seeded): a 500, a stall past the timeout
   * (2 s against a 1 s timeout on its own Smile: what is proven is "longer than the client waits", the same at 10 s), a reset, or a body cut
   * short after the provider acted. Each conversation asks where its orders are (logistics and commerce), asks to
   * reorder (the history read), and says "yes" until told it is placed, being checked, or offered a person (at most
   * three times). Then the link is healed, what was being checked is settled, and each such conversation hears it.
   */
  it('when 200 conversations meet 50% errors, stalls, resets and malformed bodies, then every customer is answered politely, only confirmed orders are called done, and none is doubled', async () => {
    const N = Number(process.env.FAULT_CONVERSATIONS ?? 200);
    // With the default threshold (5 failures in a row) the circuit opens again and again at 50% faults, and on a fast
    // machine most turns then fail fast without reaching the provider: few orders, a weak proof of "never doubled".
    // This Smile opens it only after 30 in a row (at 50%, about one chance in a billion each time), so the provider
    // is reached and orders are placed while half the calls fail.
    // Its timeout is 1 s, not 0.4 s: on a busy machine (load ~20) the sandbox's plain answers took longer than 0.4 s,
    // every call failed with or without a fault, and no order was placed. The stalls stay past it (2 s).
    const b = await startB({ SMILE_BREAKER_THRESHOLD: '30', SMILE_API_TIMEOUT_MS: '1000', SMILE_CHAT_BUDGET_MS: '3000' });
    onTestFinished(() => b.close());
    // The suite's other Smile has nothing left to settle that could land among this test's orders.
    await ready();
    await smile.jobs.run('reconcile-pending');
    expect(await smile.store.pendingEffects.due(new Date(Date.now() + 60_000).toISOString(), 500)).toEqual([]);
    const customers = {
      demo: {
        status: 'where are my orders?',
        reorder: 'reorder two packs of the wipes',
        yes: 'yes',
        news: 'hello',
        placed: /is placed \(order number ([A-Z0-9-]+)/g,
      },
      'demo-ko': {
        status: '제 주문 지금 어디쯤이에요?',
        reorder: '분유 다시 주문해 주세요',
        yes: '네',
        news: '안녕하세요',
        // The placement's own words: a status line of an order with no shipment yet carries '주문번호:' too.
        placed: /(?:주문을 완료했어요|주문이 접수됐어요)\.\n주문번호: ([A-Z0-9-]+)/g,
      },
    };
    // A provider failure said (not an apology for a late parcel, which comes with a new time instead).
    const FAILED = /I'm sorry — I (?:can't|couldn't)|죄송해요, [^.]*(?:연결되지 않아|불러오지 못해|조회할 수 없어|처리하지 못했어요)/;
    const OFFERS = /a person|상담원/;
    await ready(b);
    await b.jobs.run('reconcile-pending');
    const before = { demo: await orders('demo'), 'demo-ko': await orders('demo-ko') };
    const injected = proxy.figures.faultsInjected;
    const requests = proxy.figures.requests;
    const byKind = { ...proxy.figures.byKind };
    await proxy.set({ kind: 'mixed', errorRate: 0.5, stallMs: 2000, seed: 172017 });
    const told = new Map<string, string[]>();
    const outcome = { placed: 0, checking: 0, personOffered: 0 };
    let turns = 0;
    let failures = 0;
    const one = async (i: number): Promise<void> => {
      const customer = i % 2 ? 'demo-ko' : 'demo';
      const words = customers[customer];
      const id = `fault-many-${i}`;
      const say = conversation(b, customer, id);
      const heard: string[] = [];
      const turn = async (text: string): Promise<ChatReply> => {
        const r = await say(text);
        turns++;
        const t = allText(r);
        expect(t.trim().length, `${id}: "${text}" got no words`).toBeGreaterThan(0);
        // A failure is said politely and with the offer of a person, in the customer's language.
        if (FAILED.test(t)) {
          failures++;
          expect(t, `${id}: "${text}"`).toMatch(OFFERS);
        }
        heard.push(t);
        told.set(id, [...(told.get(id) ?? []), ...[...t.matchAll(words.placed)].map((m) => orderIdOf(m[1]!))]);
        return r;
      };
      await turn(words.status);
      let r = await turn(words.reorder);
      for (let attempt = 0; attempt < 3 && r.state.awaiting === 'confirmation'; attempt++) r = await turn(words.yes);
      const all = heard.join(' ');
      if (told.get(id)!.length) outcome.placed++;
      else if (/couldn't confirm|still checking|확인하지 못했어요|확인하고 있어요/.test(all)) outcome.checking++;
      else {
        // Neither placed nor being checked: the customer was offered a person on the way.
        expect(all, id).toMatch(OFFERS);
        outcome.personOffered++;
      }
    };
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < N) await one(next++);
      }),
    );
    await proxy.set({ kind: 'none' });
    // Healed: whatever was being checked is settled, and each conversation hears its outcome on its next turn.
    await ready(b);
    await expect
      .poll(async () => (await b.store.pendingEffects.due(new Date(Date.now() + 60_000).toISOString(), 500)).length, {
        timeout: 30_000,
        interval: 200,
      })
      .toBe(0);
    for (const i of Array.from({ length: N }, (_, k) => k)) {
      const customer = i % 2 ? 'demo-ko' : 'demo';
      const id = `fault-many-${i}`;
      if ((await b.store.pendingEffects.untold(id)).length === 0) continue;
      const r = await post(b, '/v1/chat', { userId: customer, text: customers[customer].news, conversationId: id, messageId: `news-${id}` });
      expect(r.status).toBe(200);
      turns++;
      told.set(id, [...told.get(id)!, ...[...allText(r.json as ChatReply).matchAll(customers[customer].placed)].map((m) => orderIdOf(m[1]!))]);
    }
    const newOrders = [
      ...(await orders('demo')).filter((o) => !before.demo.includes(o)),
      ...(await orders('demo-ko')).filter((o) => !before['demo-ko'].includes(o)),
    ];
    const toldIds = [...told.values()].flat();
    // No conversation was told of two orders, no order was told to two conversations, and every order placed was told.
    for (const ids of told.values()) expect(new Set(ids).size).toBeLessThanOrEqual(1);
    const toldTo = new Map<string, Set<string>>();
    for (const [conversationId, ids] of told) for (const id of ids) toldTo.set(id, (toldTo.get(id) ?? new Set()).add(conversationId));
    for (const [id, conversations] of toldTo) expect([...conversations], id).toHaveLength(1);
    expect([...new Set(toldIds)].sort()).toEqual([...newOrders].sort());
    const kinds = Object.entries(proxy.figures.byKind)
      .map(([k, v]) => `${k}:${v - (byKind[k] ?? 0)}`)
      .join(',');
    figures.push({
      scenario: `mixed: 50% of requests fail (${kinds}), stall 2 s > timeout 1 s`,
      conversations: N,
      turns,
      requests: proxy.figures.requests - requests,
      faultsInjected: proxy.figures.faultsInjected - injected,
      failuresSaid: failures,
      ...outcome,
      orders: newOrders.length,
      breakerThreshold: 30,
      lost: 0,
      doubled: newOrders.length - new Set(toldIds).size,
    });
    // Enough orders for "never doubled" to mean something: at least one conversation in twenty placed one (28–43 of 200 in runs at load 15–25; 0 with the default threshold).
    expect(newOrders.length, 'orders placed through the faults').toBeGreaterThanOrEqual(Math.ceil(N / 20));
  }, 600_000);
});
