import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { NotificationService } from '../app/notifications.js';
import type { Smile } from '../app/server.js';
import type { QuietHours } from '../domain/notices.js';
import type { OutgoingNotice } from '../domain/notices.js';
import { AppError } from '../domain/errors.js';
import { CommerceClient } from '../integrations/commerce-client.js';
import { cycleKey, runSubscriptionOrders, type SubscriptionOrdersContext } from '../app/jobs/subscription-orders.js';
import type { Notifier } from '../ports/notifier.js';
import { EmbeddedStore } from '../store/embedded-store.js';
import type { Store } from '../store/port.js';
import { get, post, startTestSmile } from './helpers.js';

// The due-cycle job against two Smile instances (two sandboxes, two HTTP clients) on one store, with a clock the test
// moves. Day 0 is Sunday Nov 22 2026, 12:00 in Los Angeles.
const DAY = 86_400_000;
const T0 = Date.parse('2026-11-22T20:00:00Z');

describe('runSubscriptionOrders (job subscription-orders)', () => {
  let now = T0;
  const clock = (): Date => new Date(now);
  let store: Store;
  let a: Smile;
  let b: Smile;
  let commerceA: CommerceClient;
  let commerceB: CommerceClient;
  const sent: OutgoingNotice[] = [];
  const notifier: Notifier = {
    send(notice) {
      if (!sent.some((n) => n.id === notice.id)) sent.push(notice);
      return Promise.resolve();
    },
  };
  const silent = { info: () => undefined, warn: () => undefined };
  /** The customer's notice rules, as Smile applies them (app/notifications.ts), in front of the recording notifier. */
  const noticesWith = (quietHours: QuietHours | null = null): NotificationService =>
    new NotificationService({
      store,
      notifier,
      commerce: () => commerceA,
      logistics: () => ({ listShipments: () => Promise.resolve([]), pickupPoints: () => Promise.resolve([]) }),
      clock,
      logger: pino({ level: 'silent' }),
      quietHours,
      retentionDays: 30,
    });
  const ctx = (commerce: SubscriptionOrdersContext['commerce'], over: Partial<SubscriptionOrdersContext> = {}): SubscriptionOrdersContext => ({
    store,
    commerce,
    notices: noticesWith(),
    now: clock(),
    log: silent,
    ...over,
  });
  const tideOrders = async (): Promise<any[]> =>
    (await get(a, '/sandbox/commerce/v1/customers/demo/orders')).orders.filter(
      (o: any) => o.items[0].sku === 'tide-free-92oz' && o.status === 'placed',
    );

  beforeAll(async () => {
    store = await EmbeddedStore.open(null);
    a = await startTestSmile({}, clock, store);
    b = await startTestSmile({}, clock, store);
    commerceA = new CommerceClient({ baseUrl: `${a.url}/sandbox/commerce/v1`, retries: 0 });
    commerceB = new CommerceClient({ baseUrl: `${b.url}/sandbox/commerce/v1`, retries: 0 });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });
  beforeEach(async () => {
    now = T0;
    sent.length = 0;
    await post(a, '/sandbox/reset', {});
    await store.documents.clear('smile_subscription_cycles');
    for (const id of ['demo', 'demo-ko']) await store.preferences.put({ customerId: id, updatedAt: clock().toISOString() });
  });
  const tide = (firstDate: string, everyDays = 28) =>
    commerceA.createSubscription(
      { customerId: 'demo', sku: 'tide-free-92oz', quantity: 1, everyDays, firstDate, shippingAddressId: 'demo-home' },
      `k-${firstDate}`,
    );

  it('when a cycle is due and the job runs twice and from two instances at once, then one order is placed and the subscription moves on once', async () => {
    const sub = await tide('2026-11-24');
    now = T0 + 2 * DAY; // Tuesday Nov 24, noon in Los Angeles
    const [x, y] = await Promise.all([runSubscriptionOrders(ctx(commerceA)), runSubscriptionOrders(ctx(commerceB))]);
    const again = await runSubscriptionOrders(ctx(commerceB));
    expect(x.processed + y.processed).toBeGreaterThanOrEqual(1);
    expect(x.failed + y.failed + again.failed).toBe(0);
    expect(again.processed).toBe(0);
    const orders = await tideOrders();
    expect(orders).toHaveLength(1);
    expect(await commerceA.getSubscription(sub.id)).toMatchObject({
      nextDate: '2026-12-22',
      lastOrder: { cycleDate: '2026-11-24', orderId: orders[0].id },
    });
  });

  it('when a cycle is two days away, then one reminder asks "skip this one?" in the customer\'s language, once', async () => {
    await tide('2026-11-24');
    const ko = await commerceA.createSubscription(
      { customerId: 'demo-ko', sku: 'samdasoo-2l-12', quantity: 2, everyDays: 14, firstDate: '2026-11-25', shippingAddressId: 'demo-ko-home' },
      'k-ko',
    );
    const first = await runSubscriptionOrders(ctx(commerceA));
    await runSubscriptionOrders(ctx(commerceB));
    expect(first).toEqual({ processed: 2, skipped: 0, failed: 0 });
    expect(sent.map((n) => [n.customerId, n.kind, n.locale])).toEqual([
      ['demo', 'subscription_reminder', 'en-US'],
      ['demo-ko', 'subscription_reminder', 'ko-KR'],
    ]);
    expect(sent[0]!.text).toMatch(/sends 1 × Tide Free .* on Tue, Nov 24\. Skip this one\? Reply "yes, skip"/);
    expect(sent[1]!.text).toMatch(/11월 25일\(수\)에 제주 삼다수 2L 12병 2개 정기배송 주문이 들어가요\.\n이번 회차는 건너뛸까요\?$/);
    expect(await tideOrders()).toEqual([]);
    expect(ko.status).toBe('active');
  });

  it('when the customer turned notifications off, then no reminder is sent; during quiet hours it is held and the notice sweep sends it', async () => {
    const sub = await tide('2026-11-24');
    await store.preferences.put({ customerId: 'demo', notifications: { enabled: false }, updatedAt: clock().toISOString() });
    expect(await runSubscriptionOrders(ctx(commerceA))).toMatchObject({ processed: 0, skipped: 1 });
    expect(sent).toEqual([]);
    // The next cycle, notices on again: 23:00 in Los Angeles, inside quiet hours.
    await commerceA.skipSubscriptionCycle(sub.id, '2026-11-24', 'k-skip-first');
    await store.preferences.put({ customerId: 'demo', updatedAt: clock().toISOString() });
    now = Date.parse('2026-12-21T07:00:00Z');
    const quiet = noticesWith({ start: 21 * 60, end: 8 * 60 });
    expect(await runSubscriptionOrders(ctx(commerceA, { notices: quiet }))).toMatchObject({ processed: 1 });
    expect(sent).toEqual([]);
    expect(await quiet.sendDue()).toMatchObject({ processed: 0 });
    now = Date.parse('2026-12-21T17:00:00Z'); // 09:00 the next morning
    expect(await runSubscriptionOrders(ctx(commerceA, { notices: quiet }))).toMatchObject({ processed: 0, skipped: 1 });
    expect(sent).toEqual([]);
    await quiet.sendDue();
    expect(sent.map((n) => [n.kind, n.text])).toEqual([['subscription_reminder', expect.stringMatching(/on Tue, Dec 22\. Skip this one\?/)]]);
  });

  it('when placing keeps failing, then each run retries under the same key, the customer is told once after three failures, and a later run places it', async () => {
    const sub = await tide('2026-11-23');
    now = T0 + DAY;
    const keys: string[] = [];
    let failing = true;
    const flaky: SubscriptionOrdersContext['commerce'] = {
      dueSubscriptions: (d) => commerceA.dueSubscriptions(d),
      getCustomer: (id) => commerceA.getCustomer(id),
      placeSubscriptionOrder: (id, date, key) => {
        keys.push(key);
        if (failing) return Promise.reject(new AppError('dependency_unavailable', 'commerce is down', 503));
        return commerceA.placeSubscriptionOrder(id, date, key);
      },
    };
    for (let run = 1; run <= 4; run += 1) expect(await runSubscriptionOrders(ctx(flaky))).toMatchObject({ processed: 0, failed: 1 });
    expect(sent.map((n) => n.text)).toEqual([expect.stringMatching(/couldn't place your Tide .* order for Mon, Nov 23.*"agent"/)]);
    failing = false;
    expect(await runSubscriptionOrders(ctx(flaky))).toMatchObject({ processed: 1, failed: 0 });
    expect(new Set(keys)).toEqual(new Set([cycleKey(sub.id, '2026-11-23')]));
    expect(await tideOrders()).toHaveLength(1);
  });

  it('when the customer skipped the cycle in the conversation, then nothing is ordered for it', async () => {
    const sub = await tide('2026-11-24', 14);
    const r = await post(a, '/v1/chat', { userId: 'demo', text: 'yes, skip', conversationId: 'skip-1', messageId: 'm1' });
    expect(r.json.messages.map((m: any) => m.text).join(' ')).toMatch(/Skipped\. The next Tide .* delivery is Tue, Dec 8/);
    now = T0 + 2 * DAY;
    expect(await runSubscriptionOrders(ctx(commerceA))).toEqual({ processed: 0, skipped: 0, failed: 0 });
    expect(await tideOrders()).toEqual([]);
    expect((await commerceA.getSubscription(sub.id)).nextDate).toBe('2026-12-08');
  });

  // The reminder's question, answered in the conversation (engine/interceptors/open-ask.ts): "yes" is the confirmation.
  const chat = (user: string, conversationId: string) => {
    let n = 0;
    return async (text: string, messageId = `m${++n}`): Promise<string> => {
      const r = await post(a, '/v1/chat', { userId: user, text, conversationId, messageId });
      expect(r.status).toBe(200);
      return r.json.messages.map((m: any) => m.text).join(' ');
    };
  };
  const samdasoo = () =>
    commerceA.createSubscription(
      { customerId: 'demo-ko', sku: 'samdasoo-2l-12', quantity: 2, everyDays: 14, firstDate: '2026-11-25', shippingAddressId: 'demo-ko-home' },
      'k-ko',
    );

  it('when the reminder is answered "yes", then that cycle is skipped once: a repeat of the message or a second "yes" skips nothing more', async () => {
    const sub = await tide('2026-11-24');
    expect(await runSubscriptionOrders(ctx(commerceA))).toMatchObject({ processed: 1 });
    const say = chat('demo', 'reminded-yes');
    expect(await say('yes', 'y1')).toMatch(/Skipped\. The next Tide .* delivery is Tue, Dec 22/);
    expect(await say('yes', 'y1')).toMatch(/Skipped\. The next Tide .* delivery is Tue, Dec 22/);
    expect((await commerceA.getSubscription(sub.id)).nextDate).toBe('2026-12-22');
    expect(await say('yes', 'y2')).not.toMatch(/Skipped/);
    expect((await commerceA.getSubscription(sub.id)).nextDate).toBe('2026-12-22');
    now = T0 + 2 * DAY;
    expect(await runSubscriptionOrders(ctx(commerceA))).toEqual({ processed: 0, skipped: 0, failed: 0 });
    expect(await tideOrders()).toEqual([]);
  });

  it('when the reminder is answered "no", then the cycle stays and is ordered on its day; "say that again" first repeats the question', async () => {
    const sub = await tide('2026-11-24');
    await runSubscriptionOrders(ctx(commerceA));
    const say = chat('demo', 'reminded-no');
    expect(await say('say that again')).toMatch(/sends 1 × Tide Free .* on Tue, Nov 24\. Skip this one\?/);
    expect(await say('no')).toMatch(/Tide .* delivery on Tue, Nov 24 goes ahead as planned/);
    expect((await commerceA.getSubscription(sub.id)).nextDate).toBe('2026-11-24');
    now = T0 + 2 * DAY;
    expect(await runSubscriptionOrders(ctx(commerceA))).toMatchObject({ processed: 1 });
    expect(await tideOrders()).toHaveLength(1);
  });

  it('리마인더에 "네"라고 하면 그 회차만 건너뛰고, "아니요"라고 하면 예정대로 보낸다', async () => {
    const sub = await samdasoo();
    await runSubscriptionOrders(ctx(commerceA));
    expect(sent.map((n) => n.locale)).toEqual(['ko-KR']);
    expect(await chat('demo-ko', 'reminded-ko')('네')).toMatch(/이번 배송을 건너뛰었어요\. 제주 삼다수 .*의 다음 배송은 12월 9일\(수\)에 도착해요/);
    expect((await commerceA.getSubscription(sub.id)).nextDate).toBe('2026-12-09');
    // The next cycle's reminder, answered no: nothing changes.
    now = Date.parse('2026-12-07T03:00:00Z');
    expect(await runSubscriptionOrders(ctx(commerceA))).toMatchObject({ processed: 1 });
    expect(await chat('demo-ko', 'reminded-ko-2')('아니요')).toMatch(/12월 9일\(수\) 제주 삼다수 .* 정기배송은 예정대로 보내 드릴게요/);
    expect((await commerceA.getSubscription(sub.id)).nextDate).toBe('2026-12-09');
  });

  it('리마인더 뒤에 다른 이야기를 하면 질문은 지나가고, 나중의 "네"는 아무것도 건너뛰지 않는다', async () => {
    const sub = await samdasoo();
    await runSubscriptionOrders(ctx(commerceA));
    const say = chat('demo-ko', 'reminded-ko-digress');
    expect(await say('내 정기배송 뭐 있어?')).toMatch(/삼다수/);
    expect(await say('네')).not.toMatch(/건너뛰었어요/);
    expect((await commerceA.getSubscription(sub.id)).nextDate).toBe('2026-11-25');
  });
});
