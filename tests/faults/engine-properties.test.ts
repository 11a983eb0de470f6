import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Smile } from '../../app/server.js';
import { get, orderIdOf, post, startTestSmile, type ChatReply } from '../helpers.js';

/**
 * The engine under any interleaving (issue 17, item 2; fast-check, seeded): one conversation's messages — ask for a
 * reorder, say yes, say thanks — each delivered one to three times, in any order, in waves whose messages arrive
 * concurrently. Whatever the schedule: every copy of a message gets the same answer, the sandbox holds at most one
 * new order for the conversation and exactly the one its customer was told of, and the transcript holds each message
 * once, its answer after it, in the order the messages first arrived (any order within a wave).
 */
const SEED = 17_2027;
const RUNS = 25;
let smile: Smile;

beforeAll(async () => {
  smile = await startTestSmile({}, () => new Date());
});
afterAll(async () => {
  await smile?.close();
});

const MESSAGES = [
  { id: 'm1', text: 'reorder the wipes' },
  { id: 'm2', text: 'yes' },
  { id: 'm3', text: 'thanks' },
];
const orders = async (): Promise<string[]> =>
  ((await get(smile, '/sandbox/commerce/v1/customers/demo/orders')) as { orders: Array<{ id: string }> }).orders.map((o) => o.id);

/** A schedule: every message 1–3 times, shuffled, cut into waves (a wave's deliveries are sent at once). */
const schedule = fc
  .array(fc.integer({ min: 1, max: 3 }), { minLength: 3, maxLength: 3 })
  .chain((copies) => {
    const deliveries = MESSAGES.flatMap((m, i) => Array.from({ length: copies[i]! }, () => m));
    return fc.tuple(
      fc.shuffledSubarray(deliveries, { minLength: deliveries.length }),
      fc.array(fc.boolean(), { minLength: deliveries.length, maxLength: deliveries.length }),
    );
  })
  .map(([order, joins]) => {
    const waves: Array<typeof MESSAGES> = [];
    order.forEach((m, i) => {
      if (i === 0 || !joins[i]) waves.push([m]);
      else waves.at(-1)!.push(m);
    });
    return waves;
  });

describe('one conversation under duplicated, reordered and concurrent messages', () => {
  it(`then effects happen once and the transcript keeps arrival order (seed ${SEED}, ${RUNS} schedules)`, async () => {
    let run = 0;
    let deliveries = 0;
    let placed = 0;
    await fc.assert(
      fc.asyncProperty(schedule, async (waves) => {
        const conversationId = `prop-${SEED}-${run++}`;
        const before = new Set(await orders());
        const replies = new Map<string, string[]>();
        const firstWave = new Map<string, number>();
        for (const [w, wave] of waves.entries()) {
          await Promise.all(
            wave.map(async (m) => {
              if (!firstWave.has(m.id)) firstWave.set(m.id, w);
              const r = await post(smile, '/v1/chat', { userId: 'demo', text: m.text, conversationId, messageId: m.id });
              expect(r.status).toBe(200);
              replies.set(m.id, [...(replies.get(m.id) ?? []), JSON.stringify((r.json as ChatReply).messages)]);
              deliveries++;
            }),
          );
        }
        // Every copy of a message got the same answer.
        for (const [id, answers] of replies) expect(new Set(answers).size, `answers to ${id}`).toBe(1);
        // At most one new order, and exactly the one the customer was told of.
        const told = new Set(
          [...replies.values()].flatMap((a) =>
            [...a[0]!.matchAll(/(?:is placed \(order number |주문번호: )([0-9A-F]{8})/g)].map((x) => orderIdOf(x[1]!)),
          ),
        );
        const added = (await orders()).filter((id) => !before.has(id));
        expect(added.length).toBeLessThanOrEqual(1);
        expect(added).toEqual([...told]);
        placed += added.length;
        // The transcript: each message once, its answer right after it, in the order of first arrival across waves.
        const events = await smile.store.transcript.list(conversationId);
        const customer = events.filter((e) => e.from === 'customer').map((e) => e.messageId);
        expect([...customer].sort()).toEqual(MESSAGES.map((m) => m.id));
        for (let i = 1; i < customer.length; i++) expect(firstWave.get(customer[i - 1]!)!).toBeLessThanOrEqual(firstWave.get(customer[i]!)!);
        let current: string | undefined;
        for (const e of events) {
          if (e.from === 'customer') current = e.messageId;
          else if (e.from === 'bot' && e.messageId) expect(e.messageId, 'an answer right after its message').toBe(current);
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
    console.log(`engine properties: ${RUNS} schedules, ${deliveries} deliveries, ${placed} orders placed, 0 doubled, transcripts in arrival order`);
    expect(placed).toBeGreaterThan(0);
  }, 180_000);
});
