import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Smile } from '../../app/server.js';
import { MongoStore } from '../../store/mongo-store.js';
import { get, post, startTestSmile } from '../helpers.js';
import { FaultProxy } from './fault-proxy.js';

const uri = process.env.MONGODB_URI;
if (!uri) console.log('MongoDB fault scenarios skipped — set MONGODB_URI (.ci/run starts FerretDB)');

/** Smile on MongoDB (FerretDB in CI) through the fault injector: its store connection reset, and flapping. */
describe.skipIf(!uri)('MongoDB faults (the store behind a TCP fault injector)', () => {
  let proxy: FaultProxy;
  let smile: Smile;
  const dbName = `smile_faults_${randomUUID().slice(0, 8)}`;
  beforeAll(async () => {
    const u = new URL(uri!.replace(/^mongodb/, 'http'));
    proxy = await FaultProxy.start({ host: u.hostname, port: Number(u.port || 27017) });
    const store = await MongoStore.open(`mongodb://127.0.0.1:${proxy.port}/`, { dbName, serverSelectionTimeoutMS: 1000 });
    smile = await startTestSmile({}, undefined, store);
  });
  afterAll(async () => {
    await proxy?.set({ kind: 'none' });
    await smile?.close();
    const cleanup = await MongoStore.open(uri!, { dbName });
    await cleanup.dropDatabase();
    await cleanup.close();
    await proxy?.close();
  });

  const chat = (text: string, conversationId: string, messageId: string) =>
    post(smile, '/v1/chat', { userId: 'demo', text, conversationId, messageId });
  /** The client's retry: the same message id until it is answered (bounded). */
  const answered = async (text: string, conversationId: string, messageId: string): Promise<{ status: number; json: any }> => {
    let last = { status: 0, json: null as any };
    await expect
      .poll(
        async () => {
          last = await chat(text, conversationId, messageId);
          return last.status;
        },
        { timeout: 10_000, interval: 100 },
      )
      .toBe(200);
    return last;
  };
  const orders = async (): Promise<number> => (await get(smile, '/sandbox/commerce/v1/customers/demo/orders')).orders.length;

  it('when the store connection is reset at "yes", then 503 with polite text, and the retried message orders once', async () => {
    expect((await answered('reorder two packs of the wipes', 'mongo-reset', 'm1')).json.state.awaiting).toBe('confirmation');
    const before = await orders();
    await proxy.set({ kind: 'reset' });
    const during = await chat('yes', 'mongo-reset', 'm2');
    expect(during.status).toBe(503);
    expect(during.json.error).toMatchObject({ code: 'temporarily_unavailable', message: expect.stringMatching(/nothing will be done twice/) });
    await proxy.set({ kind: 'none' });
    const after = await answered('yes', 'mongo-reset', 'm2');
    expect(after.json.messages[0].text).toMatch(/is placed/);
    // Retried once more (the client never heard): the same answer, still one order.
    expect((await chat('yes', 'mongo-reset', 'm2')).json).toEqual(after.json);
    expect(await orders()).toBe(before + 1);
    console.log(`mongo reset figures: faultsInjected=${proxy.figures.faultsInjected} lost=0 doubled=${(await orders()) - before - 1}`);
  });

  it('when the store connection flaps (reset, back, reset…), then every message retried by its id is answered once, in order', async () => {
    const injected = proxy.figures.faultsInjected;
    const replies: unknown[] = [];
    let failures = 0;
    for (let i = 1; i <= 6; i++) {
      // Every other message meets a reset store connection; the client retries it by id once the link is back.
      await proxy.set(i % 2 === 1 ? { kind: 'reset' } : { kind: 'none' });
      const first = await chat('where is my order', 'mongo-flap', `f${i}`);
      if (first.status !== 200) {
        expect(first.status).toBe(503);
        failures++;
        await proxy.set({ kind: 'none' });
      }
      replies.push((first.status === 200 ? first : await answered('where is my order', 'mongo-flap', `f${i}`)).json);
    }
    await proxy.set({ kind: 'none' });
    for (let i = 1; i <= 6; i++) expect((await answered('where is my order', 'mongo-flap', `f${i}`)).json).toEqual(replies[i - 1]);
    const transcript = await smile.store.transcript.list('mongo-flap');
    const customerLines = transcript.filter((e) => e.from === 'customer');
    expect(customerLines.map((e) => e.messageId)).toEqual(['f1', 'f2', 'f3', 'f4', 'f5', 'f6']);
    console.log(
      `mongo flap figures: messages=6 503s=${failures} faultsInjected=${proxy.figures.faultsInjected - injected} lost=0 doubled=${customerLines.length - 6}`,
    );
  });
});
