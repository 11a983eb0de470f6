import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Smile } from '../app/server.js';
import { windowsFor } from '../sandbox/sandbox.js';
import { buildSeed } from '../sandbox/seed.js';
import { allText, conversation, FIXED_NOW, loopbackCommerce, startTestSmile, type LoopbackCommerce } from './helpers.js';

const LOGISTICS = 'http://logistics.test';
const seed = buildSeed(FIXED_NOW);

describe("when the order provider applies a change but answers after Smile's timeout", () => {
  let smile: Smile;
  let provider: LoopbackCommerce;
  let now = FIXED_NOW;
  beforeAll(async () => {
    provider = await loopbackCommerce(FIXED_NOW, 'late');
    smile = await startTestSmile(
      {
        COMMERCE_API_URL: provider.url,
        LOGISTICS_API_URL: `${LOGISTICS}/v1`,
        SMILE_API_TIMEOUT_MS: '300',
        SMILE_CHAT_BUDGET_MS: '1500',
        SMILE_RECONCILE_EVERY_MS: '60000',
        SMILE_LEASE_MS: '30000',
      },
      () => now,
    );
    await smile.store.links.put({ channel: 'rest', channelUserId: 'demo', customerId: 'demo', createdAt: FIXED_NOW.toISOString() });
    const demo = seed.customers.find((c) => c.id === 'demo')!;
    nock(LOGISTICS)
      .persist()
      .get('/v1/delivery-windows')
      .query(true)
      .reply(200, { windows: windowsFor(demo, FIXED_NOW) });
    nock(LOGISTICS).persist().get('/v1/shipments').query(true).reply(200, { shipments: [] });
  });
  afterAll(async () => {
    await smile.close();
    provider.server.close();
    nock.cleanAll();
  });

  it('then the customer hears it is being checked, the reconciler settles it under the same key, and the news arrives once', async () => {
    provider.delays.orders = 2000;
    const say = conversation(smile, 'demo', 'late-1');
    expect((await say('reorder the diapers')).state.awaiting).toBe('confirmation');
    const answered = await say('yes');
    // Never "it failed" without knowing; no confirmation left open for a later "yes".
    expect(allText(answered)).toMatch(/couldn't confirm the change yet/);
    expect(allText(answered)).not.toMatch(/nothing has changed|not confirmed/);
    expect(answered.state).toEqual({ flow: null, awaiting: null });
    expect(provider.applied.size).toBe(1);
    const [key] = [...provider.applied.keys()];
    const pending = await smile.store.pendingEffects.get(key!);
    expect(pending).toMatchObject({
      status: 'pending',
      conversationId: 'late-1',
      customerId: 'demo',
      channel: 'rest',
      change: { type: 'placeOrder' },
    });

    // A later "yes" starts nothing: the flow is over.
    expect(allText(await say('yes'))).not.toMatch(/placed/);
    expect(provider.applied.size).toBe(1);

    // The provider is answering again; the reconciler runs on demand with the fake clock (no sleeps).
    provider.delays.orders = 0;
    now = new Date(FIXED_NOW.getTime() + 60_000);
    expect(await smile.engine.reconcilePending()).toEqual({ settled: 1, pending: 0 });
    expect(new Set(provider.keys)).toEqual(new Set([key]));
    expect(provider.applied.size).toBe(1);
    const transcript = await smile.store.transcript.list('late-1');
    expect(transcript.at(-1)).toMatchObject({
      from: 'bot',
      text: expect.stringMatching(/confirmed it went through — it is placed \(order number LATE-1\)/),
    });

    // The next turn starts with the settled news, once.
    const next = await say('thanks');
    expect(next.messages[0]!.text).toMatch(/it is placed \(order number LATE-1\)/);
    expect(allText(await say('thanks'))).not.toMatch(/LATE-1|ord-late-1/);
    expect(await smile.engine.reconcilePending()).toEqual({ settled: 0, pending: 0 });
  }, 30_000);
});
