import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Smile } from '../../app/server.js';
import { MongoStore } from '../../store/mongo-store.js';
import { allText, get, post, startTestSmile, type ChatReply } from '../helpers.js';
import { FaultProxy } from './fault-proxy.js';
import { ordersTold, SCRIPTS, type Customer } from './load-scripts.js';

const uri = process.env.MONGODB_URI;
if (!uri) console.log('MongoDB 10 s outage under load skipped — set MONGODB_URI (.ci/run starts FerretDB)');

const OUTAGE_MS = Number(process.env.STORE_OUTAGE_MS ?? 10_000);
const now = (): Date => new Date();

/**
 * The store held down for 10 s with conversations running (issue 17). Smile (B) keeps its conversations in MongoDB
 * (FerretDB in CI) reached through the TCP fault injector; its shop's APIs are a second Smile's sandbox (A, embedded
 * store), so the provider keeps working while B's store is away — an order can be placed by a turn that then cannot
 * record it. The injector `cut`s the store's port for 10 s (live connections dropped, new ones refused: FerretDB
 * stopped) while 8 clients talk, each retrying a message by its id after a 503 as the REST contract asks.
 */
describe.skipIf(!uri)('MongoDB stopped for 10 s under load', () => {
  let proxy: FaultProxy;
  let shop: Smile;
  let smile: Smile;
  const dbName = `smile_outage_${randomUUID().slice(0, 8)}`;
  beforeAll(async () => {
    shop = await startTestSmile({ SMILE_RATE_LIMIT_PER_MIN: '100000' }, now);
    const u = new URL(uri!.replace(/^mongodb/, 'http'));
    proxy = await FaultProxy.start({ host: u.hostname, port: Number(u.port || 27017) });
    // A turn waits at most 1 s for the store before answering 503; the first connection, on a busy machine, may take longer.
    const open = () => MongoStore.open(`mongodb://127.0.0.1:${proxy.port}/`, { dbName, serverSelectionTimeoutMS: 1000 });
    const store = await open().catch(open).catch(open);
    smile = await startTestSmile(
      {
        COMMERCE_API_URL: `${shop.url}/sandbox/commerce/v1`,
        LOGISTICS_API_URL: `${shop.url}/sandbox/logistics/v1`,
        SMILE_RATE_LIMIT_PER_MIN: '100000',
        SMILE_RECONCILE_EVERY_MS: '500',
      },
      now,
      store,
    );
    for (const customer of Object.keys(SCRIPTS))
      await smile.store.links.put({ channel: 'rest', channelUserId: customer, customerId: customer, createdAt: now().toISOString() });
  }, 60_000);
  afterAll(async () => {
    await proxy?.set({ kind: 'none' });
    await smile?.close();
    await shop?.close();
    if (uri) {
      const cleanup = await MongoStore.open(uri, { dbName });
      await cleanup.dropDatabase();
      await cleanup.close();
    }
    await proxy?.close();
  });

  const orders = async (customer: Customer): Promise<string[]> =>
    ((await get(shop, `/sandbox/commerce/v1/customers/${customer}/orders`)) as { orders: Array<{ id: string }> }).orders.map((o) => o.id);

  it('when the store is stopped for 10 s under steady load, then turns answer 503 politely, /readyz says 503, Smile recovers by itself, no answered turn is lost and no retry doubles an effect', async () => {
    const before = { demo: await orders('demo'), 'demo-ko': await orders('demo-ko') };
    const figures = { requests: 0, answered: 0, unavailable: 0, retriedAnswered: 0 };
    /** Every message answered 200: its conversation, customer and the reply the client got. */
    const answered: Array<{ customer: Customer; conversationId: string; messageId: string; reply: ChatReply }> = [];
    const told = new Map<string, string[]>();
    const phase = { outage: 'before' as 'before' | 'during' | 'after' };
    let during503 = 0;
    /** Set when the test gives up, so the clients stop instead of talking to a closed server. */
    let stopped = false;

    /** A REST client: sends a message and, on 503, sends it again under the same id until answered. */
    const send = async (customer: Customer, conversationId: string, messageId: string, text: string): Promise<ChatReply> => {
      for (let attempt = 0; ; attempt++) {
        if (stopped) throw new Error('the test stopped its clients');
        figures.requests++;
        const r = await post(smile, '/v1/chat', { userId: customer, text, conversationId, messageId });
        if (r.status === 200) {
          figures.answered++;
          if (attempt > 0) figures.retriedAnswered++;
          return r.json as ChatReply;
        }
        expect(r.status, `${conversationId}/${messageId}: ${JSON.stringify(r.json)}`).toBe(503);
        figures.unavailable++;
        if (phase.outage === 'during') during503++;
        // Polite, in the customer's language, saying that sending it again is safe.
        expect(r.json.error.code).toBe('temporarily_unavailable');
        expect(r.json.error.message).toMatch(SCRIPTS[customer].polite);
        expect(attempt, `${conversationId}/${messageId} still refused`).toBeLessThan(200);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    };

    const clients = 8;
    let round = 0;
    const client = async (w: number): Promise<void> => {
      const customer: Customer = w % 2 ? 'demo-ko' : 'demo';
      // Rounds go on until the outage is over, then one more full round each.
      for (let rounds = 0; phase.outage !== 'after' || rounds < 1;) {
        const after = phase.outage === 'after';
        const conversationId = `outage-${w}-${round++}`;
        for (const [i, text] of SCRIPTS[customer].lines.entries()) {
          const messageId = `m${i + 1}`;
          const reply = await send(customer, conversationId, messageId, text);
          answered.push({ customer, conversationId, messageId, reply });
          const ids = ordersTold(allText(reply), customer);
          told.set(conversationId, [...(told.get(conversationId) ?? []), ...ids]);
        }
        if (after) rounds++;
      }
    };
    const load = Promise.all(Array.from({ length: clients }, (_, w) => client(w)));

    // Steady load first (every client answered at least twice), then the store stops for 10 s while the clients keep talking.
    await expect.poll(() => figures.answered, { timeout: 30_000, interval: 100 }).toBeGreaterThanOrEqual(2 * clients);
    const answeredBefore = figures.answered;
    const injected = proxy.figures.faultsInjected;
    await proxy.set({ kind: 'cut' });
    phase.outage = 'during';
    const started = Date.now();
    const ready: number[] = [];
    while (Date.now() - started < OUTAGE_MS) {
      const r = await fetch(`${smile.url}/readyz`);
      ready.push(r.status);
      if (r.status === 503) expect(((await r.json()) as { checks: Record<string, string> }).checks.store).not.toBe('ok');
      else await r.body?.cancel();
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const answeredDuring = figures.answered;
    await proxy.set({ kind: 'none' });
    phase.outage = 'after';
    const outageMs = Date.now() - started;
    // Nothing restarts Smile: /readyz turns 200 by itself once the driver reconnects.
    let lastReady: string;
    const deadline = Date.now() + 20_000;
    for (;;) {
      const r = await fetch(`${smile.url}/readyz`);
      lastReady = `${r.status} ${await r.text()}`;
      if (r.status === 200 || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    if (!lastReady.startsWith('200 ')) {
      stopped = true;
      await load.catch(() => undefined);
    }
    expect(lastReady, '/readyz 20 s after the store came back').toMatch(/^200 /);
    const recoveredInMs = Date.now() - started - outageMs;
    await load;

    expect(answeredBefore, 'turns were answered before the outage').toBeGreaterThan(0);
    expect(during503, 'turns met the outage').toBeGreaterThan(0);
    expect(ready.filter((s) => s === 503).length, `/readyz during the outage: ${ready.join(',')}`).toBeGreaterThanOrEqual(ready.length - 1);

    // Whatever a change left unknown is settled by the reconciler and told on the conversation's next turn.
    await expect
      .poll(async () => (await smile.store.pendingEffects.due(new Date(Date.now() + 60_000).toISOString(), 500)).length, {
        timeout: 20_000,
        interval: 200,
      })
      .toBe(0);
    for (const conversationId of told.keys()) {
      if ((await smile.store.pendingEffects.untold(conversationId)).length === 0) continue;
      const customer: Customer = /^outage-\d*[13579]-/.test(conversationId) ? 'demo-ko' : 'demo';
      const news = await send(customer, conversationId, 'news', customer === 'demo' ? 'hello' : '안녕하세요');
      told.get(conversationId)!.push(...ordersTold(allText(news), customer));
    }

    // Every answered turn is in the transcript: the customer's words once, and Smile's answer as the client got it.
    let lost = 0;
    let doubledLines = 0;
    for (const a of answered) {
      const events = (await smile.store.transcript.forMessage(a.conversationId, a.messageId)) as Array<{ from: string; text?: string }>;
      const words = events.filter((e) => e.from === 'customer');
      const said = events.filter((e) => e.from !== 'customer').map((e) => e.text);
      if (words.length === 0 || !a.reply.messages.every((m) => said.includes(m.text))) {
        lost++;
        console.log(
          `lost: ${a.conversationId}/${a.messageId} answered ${JSON.stringify(a.reply.messages.map((m) => m.text))}; transcript ${JSON.stringify(events)}`,
        );
      }
      if (words.length > 1) doubledLines += words.length - 1;
    }
    const underLoad = { ...figures };
    // Every answered message sent again by its id: the same reply, nothing done again.
    const ordersBeforeReplay = (await orders('demo')).length + (await orders('demo-ko')).length;
    let replayDiffers = 0;
    const queue = [...answered];
    await Promise.all(
      Array.from({ length: clients }, async () => {
        for (let a = queue.shift(); a; a = queue.shift()) {
          const again = await send(a.customer, a.conversationId, a.messageId, SCRIPTS[a.customer].lines[Number(a.messageId.slice(1)) - 1]!);
          if (JSON.stringify(again) !== JSON.stringify(a.reply)) replayDiffers++;
        }
      }),
    );
    const newOrders = [
      ...(await orders('demo')).filter((o) => !before.demo.includes(o)),
      ...(await orders('demo-ko')).filter((o) => !before['demo-ko'].includes(o)),
    ];
    expect((await orders('demo')).length + (await orders('demo-ko')).length).toBe(ordersBeforeReplay);

    // No conversation was told of two orders, no order was told to two conversations, every order placed was told.
    const toldIds = [...told.values()].flat();
    for (const [conversationId, ids] of told) expect(new Set(ids).size, conversationId).toBeLessThanOrEqual(1);
    expect(new Set(toldIds).size, 'an order told to two conversations').toBe(toldIds.length);
    expect([...toldIds].sort()).toEqual([...newOrders].sort());

    const doubled = doubledLines + (newOrders.length - new Set(toldIds).size);
    console.log(
      `mongo 10 s outage figures: clients=${clients} conversations=${told.size} outage=${outageMs}ms recovered=${recoveredInMs}ms after ` +
        `requests=${underLoad.requests} answered=${underLoad.answered} (before the outage ${answeredBefore}, during it ${answeredDuring - answeredBefore}) ` +
        `503s=${underLoad.unavailable} (during ${during503}) answeredAfterRetry=${underLoad.retriedAnswered} readyz503=${ready.filter((s) => s === 503).length}/${ready.length} ` +
        `faultsInjected=${proxy.figures.faultsInjected - injected} orders=${newOrders.length} replays=${answered.length} replayDiffers=${replayDiffers} ` +
        `lost=${lost} doubled=${doubled}`,
    );
    expect(lost).toBe(0);
    expect(doubled).toBe(0);
    expect(replayDiffers).toBe(0);
    expect(newOrders.length, 'orders were placed around the outage').toBeGreaterThan(0);
  }, 240_000);
});
