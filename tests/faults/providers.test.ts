import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Smile } from '../../app/server.js';
import { allText, conversation, get, post, startTestSmile, type ChatReply } from '../helpers.js';
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
  sandbox = await startTestSmile({}, now);
  proxy = await FaultProxy.start({ host: '127.0.0.1', port: Number(new URL(sandbox.url).port) });
  smile = await startTestSmile(
    {
      COMMERCE_API_URL: `${proxy.url}/sandbox/commerce/v1`,
      LOGISTICS_API_URL: `${proxy.url}/sandbox/logistics/v1`,
      SMILE_API_TIMEOUT_MS: '400',
      SMILE_CHAT_BUDGET_MS: '1500',
      SMILE_BREAKER_COOLDOWN_MS: '300',
      SMILE_RECONCILE_EVERY_MS: '200',
      SMILE_LEASE_MS: '1000',
    },
    now,
  );
  // Real providers configured: no sandbox in B, so its channel identity is linked as account linking would.
  await smile.store.links.put({ channel: 'rest', channelUserId: 'demo', customerId: 'demo', createdAt: now().toISOString() });
});
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

const orders = async (): Promise<string[]> =>
  ((await get(sandbox, '/sandbox/commerce/v1/customers/demo/orders')) as { orders: Array<{ id: string }> }).orders.map((o) => o.id);
/**
 * The fault cleared, Smile reaches the provider again: a read through it answers (the circuit lets a call through
 * after its cooldown). /readyz recovering by itself is tests/faults/readyz.test.ts.
 */
const ready = async (): Promise<void> => {
  await expect.poll(async () => (await fetch(`${smile.url}/v1/customers/demo/suggestions`)).status, { timeout: 5000, interval: 100 }).toBe(200);
};
const placedIds = (r: ChatReply): string[] => [...allText(r).matchAll(/order (ord-[a-z0-9-]+) is placed/g)].map((m) => m[1]!);
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
    expect(allText(placed)).toMatch(/Done — order ord-[a-z0-9-]+ is placed/);

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
});
