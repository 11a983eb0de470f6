import { afterEach, describe, expect, it } from 'vitest';
import type { Smile } from '../app/server.js';
import { runReorderNudges } from '../app/jobs/reorder-nudges.js';
import type { Store } from '../store/port.js';
import { storeKinds } from './stores.js';
import { allText, conversation, FIXED_NOW, get, post, startTestSmile } from './helpers.js';

/**
 * Job `reorder-nudges` (issue 14 item 2) with a fixed clock. At FIXED_NOW (Sunday noon in Los Angeles, Monday 05:00 in
 * Seoul) the seed's `demo` runs out of Huggies Size 2 (3 days ago by the typical cadence) and `demo-ko` of 삼다수 (in a
 * day); Seoul is inside the default quiet hours (21:00–08:00), Los Angeles is not.
 */
const TOKEN = 'operator-token-0123456789';
const DAY = 86_400_000;
const started: Smile[] = [];
const disposals: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const s of started) await s.jobs.stop();
  // A shared store is dropped (MongoDB) before the servers close it.
  for (const d of disposals.splice(0)) await d().catch(() => undefined);
  for (const s of started.splice(0)) await s.close().catch(() => undefined);
});

interface Clock {
  now: Date;
}
async function start(env: Record<string, string> = {}, clock: Clock = { now: FIXED_NOW }, store?: Store): Promise<Smile> {
  const smile = await startTestSmile({ SMILE_ADMIN_TOKEN: TOKEN, ...env }, () => clock.now, store);
  started.push(smile);
  return smile;
}

const runNudges = async (smile: Smile): Promise<{ status: number; json: any }> => {
  const res = await fetch(`${smile.url}/v1/admin/jobs/reorder-nudges/run`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });
  return { status: res.status, json: await res.json() };
};
type Sent = { text: string; kind: string; locale: string; channel: string };
const nudges = async (smile: Smile, customerId: string): Promise<Sent[]> =>
  ((await get(smile, `/sandbox/notify/v1/messages?customerId=${customerId}`)).messages as Sent[]).filter((m) => m.kind === 'reorder_nudge');
const placedOrders = async (smile: Smile, customerId: string, sku: string): Promise<unknown[]> =>
  (
    (await get(smile, `/sandbox/commerce/v1/customers/${customerId}/orders`)).orders as Array<{ status: string; items: Array<{ sku: string }> }>
  ).filter((o) => o.status === 'placed' && o.items.some((i) => i.sku === sku));

describe('the reorder-nudges job, with a fixed clock', () => {
  it('when it runs, then each customer running low gets one nudge with product, usual quantity, price and earliest window in their language; quiet hours hold the Korean one until morning', async () => {
    const clock = { now: FIXED_NOW };
    const smile = await start({}, clock);
    const run = await runNudges(smile);
    expect(run.status).toBe(200);
    expect(run.json.outcome).toEqual({ processed: 2, skipped: 0, failed: 0 });

    const [en] = await nudges(smile, 'demo');
    expect(en?.locale).toBe('en-US');
    expect(en?.text).toMatch(
      /^Time to restock\? By your usual pace, Huggies Little Snugglers Diapers, Size 2, 84 ct runs out around Thu, Nov 19\. Reorder 1 for \$\d+\.\d\d\? It could arrive \w{3}, Nov \d+, /,
    );
    // Nothing is said about what is not due (formula in 4 days) or long gone (the 분유 ran out 10 days ago).
    expect(await nudges(smile, 'demo')).toHaveLength(1);
    expect(await nudges(smile, 'demo-ko')).toHaveLength(0);

    // 08:00 in Seoul: the held nudge goes, in Korean, with Korean formats.
    clock.now = new Date('2026-11-22T23:00:00Z');
    expect((await smile.jobs.run('send-notices')).status).toBe('done');
    const [ko] = await nudges(smile, 'demo-ko');
    expect(ko?.locale).toBe('ko-KR');
    expect(ko?.text).toMatch(
      /^제주 삼다수 2L 12병이 11월 2\d일\(.\)쯤 떨어질 것 같아요\.\n1개 · [\d,]+원 · 11월 \d+일\(.\) .+ 도착\n다시 주문할까요\?$/,
    );
  });

  it('when it runs again, or twice at the same moment, then nothing more is sent in that cycle', async () => {
    const smile = await start({ SMILE_QUIET_HOURS: 'off' });
    expect((await runNudges(smile)).json.outcome.processed).toBe(2);
    expect((await runNudges(smile)).json.outcome).toEqual({ processed: 0, skipped: 2, failed: 0 });
    // Bypassing the lease: the notice row's unique key alone keeps it to one.
    const ctx = smile.jobs.contextFor('reorder-nudges');
    const both = await Promise.all([runReorderNudges(ctx), runReorderNudges(ctx)]);
    expect(both.map((o) => o.processed)).toEqual([0, 0]);
    expect(await nudges(smile, 'demo')).toHaveLength(1);
    expect(await nudges(smile, 'demo-ko')).toHaveLength(1);
  });

  it.each(storeKinds().map((k) => [k.name, k] as const))(
    'when two instances on one %s store run it at once, then each customer gets one nudge',
    async (_name, kind) => {
      const store = await kind.open();
      disposals.push(() => kind.dispose(store));
      const one = await start({ SMILE_QUIET_HOURS: 'off' }, undefined, store);
      const two = await start({ SMILE_QUIET_HOURS: 'off' }, undefined, store);
      const runs = await Promise.all([runNudges(one), runNudges(two), runNudges(one), runNudges(two)]);
      expect(runs.every((r) => r.status === 200 || r.status === 409)).toBe(true);
      expect(runs.filter((r) => r.status === 200).reduce((n, r) => n + r.json.outcome.processed, 0)).toBe(2);
      // And without the lease, two engines' runs at once on one store: still one each.
      const direct = await Promise.all([
        runReorderNudges(one.jobs.contextFor('reorder-nudges')),
        runReorderNudges(two.jobs.contextFor('reorder-nudges')),
      ]);
      expect(direct.map((o) => o.processed)).toEqual([0, 0]);
      expect(await nudges(one, 'demo')).toHaveLength(1);
      expect(await nudges(one, 'demo-ko')).toHaveLength(1);
    },
  );

  it('when the customer turned notices off, then the nudge is kept but not sent, and not made again', async () => {
    const smile = await start({ SMILE_QUIET_HOURS: 'off' });
    const chat = conversation(smile, 'demo', 'rest:demo:off');
    expect(allText(await chat('stop delivery notifications'))).toMatch(/turned off/);
    expect((await runNudges(smile)).json.outcome.processed).toBe(2);
    expect(await nudges(smile, 'demo')).toHaveLength(0);
    expect((await runNudges(smile)).json.outcome.skipped).toBe(2);
    expect(await nudges(smile, 'demo')).toHaveLength(0);
  });
});

describe('answering a nudge in the conversation', () => {
  it('when the customer says "yes", then the reorder confirmation comes, and "yes" to it places exactly one order (English)', async () => {
    const smile = await start({ SMILE_QUIET_HOURS: 'off' });
    await runNudges(smile);
    const before = (await placedOrders(smile, 'demo', 'huggies-ls-2-84')).length;
    const chat = conversation(smile, 'demo', 'rest:demo:yes');
    const confirm = await chat('yes');
    expect(confirm.state).toEqual({ flow: 'reorder', awaiting: 'confirmation' });
    expect(allText(confirm)).toMatch(
      /^Reorder 1 × Huggies Little Snugglers Diapers, Size 2, 84 ct for \$32\.99 \+ \$5\.99 delivery = \$38\.98, delivered to Home, earliest .+\. Shall I place the order\?$/,
    );
    expect((await placedOrders(smile, 'demo', 'huggies-ls-2-84')).length).toBe(before);
    const placed = await chat('yes', 'm-place');
    expect(allText(placed)).toMatch(/your order is placed \(order number [0-9A-F]{8}/);
    // The same message again is the same answer; another "yes" has nothing to confirm.
    expect(allText(await chat('yes', 'm-place'))).toBe(allText(placed));
    expect(allText(await chat('yes'))).not.toMatch(/is placed/);
    expect((await placedOrders(smile, 'demo', 'huggies-ls-2-84')).length).toBe(before + 1);
  });

  it('when the customer says "네", then the confirmation comes in Korean, and "네" places exactly one order (Korean)', async () => {
    const smile = await start({ SMILE_QUIET_HOURS: 'off' });
    await runNudges(smile);
    const before = (await placedOrders(smile, 'demo-ko', 'samdasoo-2l-12')).length;
    const chat = conversation(smile, 'demo-ko', 'rest:demo-ko:yes');
    const confirm = await chat('네');
    expect(confirm.state).toEqual({ flow: 'reorder', awaiting: 'confirmation' });
    expect(allText(confirm)).toMatch(
      /^상품: 제주 삼다수 2L 12병\n수량: 1개\n결제 금액: 상품 12,900원 \+ 배송비 3,000원 = 15,900원\n배송지: .+\n도착 예정: .+\n이대로 다시 주문할까요\?$/,
    );
    expect(allText(await chat('네', 'k-place'))).toMatch(/주문을 완료했어요/);
    await chat('네', 'k-place');
    expect((await placedOrders(smile, 'demo-ko', 'samdasoo-2l-12')).length).toBe(before + 1);
  });

  it('when the customer corrects the quantity in the answer, then the confirmation carries it', async () => {
    const smile = await start({ SMILE_QUIET_HOURS: 'off' });
    await runNudges(smile);
    const chat = conversation(smile, 'demo', 'rest:demo:qty');
    expect(allText(await chat('yes, make it 2'))).toMatch(/^Reorder 2 × Huggies/);
  });

  it('when the customer says "no", then nothing is ordered; something else is handled as usual and the nudge lapses', async () => {
    const smile = await start({ SMILE_QUIET_HOURS: 'off' });
    await runNudges(smile);
    const before = (await placedOrders(smile, 'demo', 'huggies-ls-2-84')).length;
    const no = await conversation(smile, 'demo', 'rest:demo:no')('no');
    expect(allText(no)).toBe("Okay, I won't order it.");
    expect(no.state).toEqual({ flow: null, awaiting: null });

    const other = await start({ SMILE_QUIET_HOURS: 'off' });
    await runNudges(other);
    const chat = conversation(other, 'demo-ko', 'rest:demo-ko:else');
    const status = await chat('물티슈 어디쯤 왔어');
    expect(allText(status)).toMatch(/베베숲 물티슈/);
    expect(allText(status)).not.toMatch(/삼다수/);
    // The nudge was passed by: a later "네" does not order the water.
    await chat('네');
    expect((await placedOrders(smile, 'demo', 'huggies-ls-2-84')).length).toBe(before);
    expect(await placedOrders(other, 'demo-ko', 'samdasoo-2l-12')).toHaveLength(0);
  });

  it('when the customer says "remind me next week", then no nudge comes until then, and one comes after', async () => {
    const clock = { now: FIXED_NOW };
    const smile = await start({ SMILE_QUIET_HOURS: 'off' }, clock);
    await runNudges(smile);
    const r = await conversation(smile, 'demo', 'rest:demo:snooze')('remind me next week');
    expect(allText(r)).toBe("Okay — I'll ask you about Huggies Little Snugglers Diapers, Size 2, 84 ct again on Sun, Nov 29.");
    expect(r.state).toEqual({ flow: null, awaiting: null });
    const huggies = async () => (await nudges(smile, 'demo')).filter((m) => /Huggies Little Snugglers Diapers, Size 2/.test(m.text));
    clock.now = new Date(FIXED_NOW.getTime() + 3 * DAY);
    await runNudges(smile);
    expect(await huggies()).toHaveLength(1);
    clock.now = new Date(FIXED_NOW.getTime() + 8 * DAY);
    await runNudges(smile);
    await runNudges(smile);
    expect(await huggies()).toHaveLength(2);
  });

  it('when the customer says "다음 주에 알려줘", then it waits a week; "not now" waits a few days', async () => {
    const clock = { now: FIXED_NOW };
    const smile = await start({ SMILE_QUIET_HOURS: 'off' }, clock);
    await runNudges(smile);
    expect(allText(await conversation(smile, 'demo-ko', 'rest:demo-ko:snooze')('다음 주에 알려줘'))).toMatch(
      /^알겠어요\. 제주 삼다수 2L 12병 주문은 11월 30일\(월\)에 다시 여쭤볼게요\.$/,
    );
    expect(allText(await conversation(smile, 'demo', 'rest:demo:later')('not now'))).toMatch(/again on Wed, Nov 25\.$/);
    const prefs = await smile.store.preferences.get('demo-ko');
    expect(Date.parse(prefs?.nudges?.snoozed['samdasoo-2l-12'] ?? '') - FIXED_NOW.getTime()).toBe(7 * DAY);
  });

  it('when the customer says "stop suggesting this" / "이거 그만 추천해", then that product is never nudged again', async () => {
    const clock = { now: FIXED_NOW };
    const smile = await start({ SMILE_QUIET_HOURS: 'off' }, clock);
    await runNudges(smile);
    expect(allText(await conversation(smile, 'demo', 'rest:demo:stop')('stop suggesting this'))).toBe(
      "Okay — I won't suggest Huggies Little Snugglers Diapers, Size 2, 84 ct again.",
    );
    expect(allText(await conversation(smile, 'demo-ko', 'rest:demo-ko:stop')('이거 그만 추천해'))).toBe(
      '알겠어요. 제주 삼다수 2L 12병은 이제 추천하지 않을게요.',
    );
    expect((await smile.store.preferences.get('demo'))?.nudges?.stopped).toEqual(['huggies-ls-2-84']);
    clock.now = new Date(FIXED_NOW.getTime() + 20 * DAY);
    const later = await runNudges(smile);
    expect(later.json.outcome.failed).toBe(0);
    expect((await nudges(smile, 'demo')).filter((m) => /Huggies Little Snugglers Diapers, Size 2/.test(m.text))).toHaveLength(1);
    expect((await nudges(smile, 'demo-ko')).filter((m) => /삼다수/.test(m.text))).toHaveLength(1);
  });

  it('when the customer last wrote in the REST chat, then the nudge appears in that conversation and is answered there', async () => {
    const smile = await start({ SMILE_QUIET_HOURS: 'off' });
    const chat = conversation(smile, 'demo-ko', 'rest:demo-ko:chat');
    await chat('안녕하세요');
    await runNudges(smile);
    const [sent] = await nudges(smile, 'demo-ko');
    expect(sent).toMatchObject({ channel: 'rest' });
    const shown = (await get(smile, '/v1/conversations/rest:demo-ko:chat/messages?userId=demo-ko')).messages as Array<{ text: string }>;
    expect(shown.at(-1)?.text).toBe(sent?.text);
    const confirm = await chat('네 두 개로 해줘');
    expect(allText(confirm)).toMatch(/^상품: 제주 삼다수 2L 12병\n수량: 2개/);
    expect(allText(await chat('네'))).toMatch(/주문을 완료했어요/);
    expect(await placedOrders(smile, 'demo-ko', 'samdasoo-2l-12')).toHaveLength(1);
  });

  it('when the customer switched between two chats and wrote last in the second, then the nudge appears there, not in the first', async () => {
    const smile = await start({ SMILE_QUIET_HOURS: 'off' });
    const first = conversation(smile, 'demo', 'rest:demo:first');
    const second = conversation(smile, 'demo', 'rest:demo:second');
    await first('hi there');
    await second('hello');
    await first('what can you do');
    // Back in the second chat: noted as the last contact again, and a further message there changes nothing.
    await second('thanks');
    await second('one more thing');
    await runNudges(smile);
    const [sent] = await nudges(smile, 'demo');
    expect(sent).toMatchObject({ channel: 'rest' });
    const inFirst = (await get(smile, '/v1/conversations/rest:demo:first/messages?userId=demo')).messages as Array<{ text: string }>;
    const inSecond = (await get(smile, '/v1/conversations/rest:demo:second/messages?userId=demo')).messages as Array<{ text: string }>;
    expect(inSecond.at(-1)?.text).toBe(sent?.text);
    expect(inFirst.map((m) => m.text)).not.toContain(sent?.text);
  });

  it('when the customer asks to repeat, then the nudge is said again with its suggestions', async () => {
    const smile = await start({ SMILE_QUIET_HOURS: 'off' });
    await runNudges(smile);
    const chat = conversation(smile, 'demo', 'rest:demo:repeat');
    const r = await post(smile, '/v1/chat', { userId: 'demo', text: 'say that again', conversationId: 'rest:demo:repeat', messageId: 'r1' });
    expect(r.status).toBe(200);
    expect(allText(r.json)).toMatch(/runs out around Thu, Nov 19\. Reorder 1 for/);
    expect(r.json.messages.at(-1).suggestions).toEqual(['Yes', 'Remind me next week', 'Stop suggesting this']);
    expect(allText(await chat('yes'))).toMatch(/^Reorder 1 × Huggies/);
  });
});
