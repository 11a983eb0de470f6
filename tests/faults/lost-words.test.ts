import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Smile } from '../../app/server.js';
import { EmbeddedStore } from '../../store/embedded-store.js';
import { get, orderIdOf, post, startTestSmile } from '../helpers.js';

/**
 * The window kill.test.ts hits by chance, opened on purpose: a turn's version (the commit) is saved and the process
 * dies before its transcript entries are written. Here the transcript write of one message fails as a crash would
 * leave it (the version saved, no words, no processed turn); the customer retries the same message id and must be told
 * the outcome — the order placed, by its number — not answered with silence, in English and Korean.
 */
describe('when a "yes" is committed but its words are lost before they are written', () => {
  let smile: Smile;
  let store: EmbeddedStore;
  /** The message whose transcript write "crashes". */
  let crashOn: string | null = null;
  beforeAll(async () => {
    store = await EmbeddedStore.open(null);
    const append = store.transcript.append.bind(store.transcript);
    store.transcript.append = async (events) => {
      if (crashOn && events.some((e) => e.messageId === crashOn)) throw new Error('killed before the transcript was written');
      return append(events);
    };
    smile = await startTestSmile({}, undefined, store);
  });
  afterAll(async () => {
    await smile.close();
  });
  beforeEach(async () => {
    crashOn = null;
    await post(smile, '/sandbox/reset', {});
  });
  const orders = async (customer: string): Promise<string[]> =>
    (await get(smile, `/sandbox/commerce/v1/customers/${customer}/orders`)).orders.map((o: { id: string }) => o.id);

  it.each([
    { userId: 'demo', ask: 'reorder the diapers', yes: 'yes', told: /Done — your order is placed \(order number ([0-9A-F]+)/ },
    { userId: 'demo-ko', ask: '분유 다시 주문해 주세요', yes: '네', told: /주문번호: ([0-9A-F]+)/ },
  ])('then the retry of "$yes" ($userId) says the order placed, once, and the transcript has the words', async ({ userId, ask, yes, told }) => {
    const conversationId = `lost-${userId}`;
    const before = await orders(userId);
    const asked = await post(smile, '/v1/chat', { userId, text: ask, conversationId, messageId: 'm1' });
    expect(asked.json.state.awaiting).toBe('confirmation');
    crashOn = 'm2';
    const crashed = await post(smile, '/v1/chat', { userId, text: yes, conversationId, messageId: 'm2' });
    expect(crashed.status).toBeGreaterThanOrEqual(500);
    crashOn = null;
    const placed = (await orders(userId)).filter((id) => !before.includes(id));
    expect(placed).toHaveLength(1);

    const retry = await post(smile, '/v1/chat', { userId, text: yes, conversationId, messageId: 'm2' });
    expect(retry.status).toBe(200);
    const text = retry.json.messages.map((m: { text: string }) => m.text).join(' ');
    expect(text).toMatch(told);
    expect(orderIdOf(told.exec(text)?.[1] ?? '')).toBe(placed[0]);
    // Asked again: the same answer (now recorded), and still one order.
    expect((await post(smile, '/v1/chat', { userId, text: yes, conversationId, messageId: 'm2' })).json.messages).toEqual(retry.json.messages);
    expect((await orders(userId)).filter((id) => !before.includes(id))).toEqual(placed);
    const words = await store.transcript.forMessage(retry.json.conversationId, 'm2');
    expect(
      words
        .filter((e) => e.from === 'bot')
        .map((e) => e.text)
        .join(' '),
    ).toMatch(told);
    // The customer's words too, once: the retry carries them again (they were lost with the rest).
    expect(words.filter((e) => e.from === 'customer').map((e) => e.text)).toEqual([yes]);
  });

  it.each([
    { userId: 'demo', ask: 'where is my order?', lost: /I lost my last answer/ },
    { userId: 'demo-ko', ask: '제 주문 지금 어디쯤이에요?', lost: /방금 답변을 보내지 못했어요/ },
  ])(
    'when a question (no change) is committed but its words are lost ($userId), then the retry asks again and the transcript has the question and the apology',
    async ({ userId, ask, lost }) => {
      const conversationId = `lost-question-${userId}`;
      crashOn = 'q1';
      expect((await post(smile, '/v1/chat', { userId, text: ask, conversationId, messageId: 'q1' })).status).toBeGreaterThanOrEqual(500);
      crashOn = null;
      const retry = await post(smile, '/v1/chat', { userId, text: ask, conversationId, messageId: 'q1' });
      expect(retry.status).toBe(200);
      expect(retry.json.messages.map((m: { text: string }) => m.text).join(' ')).toMatch(lost);
      const events = await store.transcript.forMessage(retry.json.conversationId, 'q1');
      expect(events.map((e) => [e.from, e.text])).toEqual([['customer', ask], ...retry.json.messages.map((m: { text: string }) => ['bot', m.text])]);
      // Asked again: the same answer, the transcript unchanged.
      expect((await post(smile, '/v1/chat', { userId, text: ask, conversationId, messageId: 'q1' })).json.messages).toEqual(retry.json.messages);
      expect(await store.transcript.forMessage(retry.json.conversationId, 'q1')).toHaveLength(events.length);
    },
  );

  it.each([
    {
      userId: 'demo',
      ask: 'reorder the diapers',
      yes: 'yes',
      between: ['what can you do?', 'thanks'],
      told: /Done — your order is placed \(order number ([0-9A-F]+)/,
    },
    { userId: 'demo-ko', ask: '분유 다시 주문해 주세요', yes: '네', between: ['뭘 할 수 있어요?', '고마워요'], told: /주문번호: ([0-9A-F]+)/ },
  ])(
    'when other messages are answered before the lost "$yes" is retried ($userId), then the retry still names the order placed',
    async ({ userId, ask, yes, between, told }) => {
      const conversationId = `lost-later-${userId}`;
      const before = await orders(userId);
      expect((await post(smile, '/v1/chat', { userId, text: ask, conversationId, messageId: 'm1' })).json.state.awaiting).toBe('confirmation');
      crashOn = 'm2';
      expect((await post(smile, '/v1/chat', { userId, text: yes, conversationId, messageId: 'm2' })).status).toBeGreaterThanOrEqual(500);
      crashOn = null;
      const placed = (await orders(userId)).filter((id) => !before.includes(id));
      expect(placed).toHaveLength(1);
      // The client moves on (a digression, a thank-you) before it resends the message that failed.
      for (const [i, text] of between.entries()) {
        const r = await post(smile, '/v1/chat', { userId, text, conversationId, messageId: `m${3 + i}` });
        expect(r.status).toBe(200);
        expect(r.json.messages.length).toBeGreaterThan(0);
      }
      const retry = await post(smile, '/v1/chat', { userId, text: yes, conversationId, messageId: 'm2' });
      expect(retry.status).toBe(200);
      const text = retry.json.messages.map((m: { text: string }) => m.text).join(' ');
      expect(orderIdOf(told.exec(text)?.[1] ?? '')).toBe(placed[0]);
      expect((await post(smile, '/v1/chat', { userId, text: yes, conversationId, messageId: 'm2' })).json.messages).toEqual(retry.json.messages);
      expect((await orders(userId)).filter((id) => !before.includes(id))).toEqual(placed);
    },
  );

  it('when a change was answered and recorded normally, then later versions do not carry its words (the row stays small)', async () => {
    const conversationId = 'kept-small';
    await post(smile, '/v1/chat', { userId: 'demo', text: 'reorder the diapers', conversationId, messageId: 'k1' });
    const done = await post(smile, '/v1/chat', { userId: 'demo', text: 'yes', conversationId, messageId: 'k2' });
    expect(done.json.messages.map((m: { text: string }) => m.text).join(' ')).toMatch(/is placed/);
    const state = async (): Promise<string> => JSON.stringify((await store.conversations.get(done.json.conversationId))?.state ?? null);
    // The version answering the change keeps its words (the window before the transcript is written)...
    expect(await state()).toMatch(/is placed/);
    // ...and the next one does not: those words are in the transcript, with the processed turn.
    await post(smile, '/v1/chat', { userId: 'demo', text: 'thanks', conversationId, messageId: 'k3' });
    expect(await state()).not.toMatch(/is placed/);
  });
});
