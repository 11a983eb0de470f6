import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Smile } from '../app/server.js';
import { allText, conversation, FIXED_NOW, get, post, startTestSmile } from './helpers.js';

/**
 * Issue 12, item 1: a confirmation taken up again — after a digression, a day later — is re-read from the APIs before
 * it is asked or acted on. What changed is said and the question asked again; a "yes" never acts on old figures.
 */
const HOUR = 3_600_000;
const ordersOf = async (smile: Smile, customer: string): Promise<any[]> =>
  (await get(smile, `/sandbox/commerce/v1/customers/${customer}/orders`)).orders;
const shipmentsOf = async (smile: Smile, customer: string): Promise<any[]> =>
  (await get(smile, `/sandbox/logistics/v1/shipments?customerId=${customer}`)).shipments;
const newOrders = async (smile: Smile, customer: string, before: any[]): Promise<any[]> =>
  (await ordersOf(smile, customer)).filter((o) => !before.some((b) => b.id === o.id));

/** The shop's price for what the customer bought changes: every line of that product in their history now costs `price`. */
async function reprice(smile: Smile, customer: string, sku: RegExp, price: number): Promise<void> {
  for (const order of await ordersOf(smile, customer)) {
    if (!order.items.some((i: any) => sku.test(i.sku))) continue;
    const items = order.items.map((i: any) => (sku.test(i.sku) ? { ...i, unitPrice: price } : i));
    await smile.store.documents.put('sbx_orders', order.id, { ...order, items });
  }
}

describe('issue 12: a confirmation taken up again is re-read', () => {
  let smile: Smile;
  let now = FIXED_NOW.getTime();
  beforeAll(async () => {
    // Confirmations stay open two days here, so "a day later" reaches the re-read rather than the expiry.
    smile = await startTestSmile({ SMILE_CONFIRMATION_TTL_MIN: '2880' }, () => new Date(now));
  });
  afterAll(async () => {
    await smile.close();
  });
  beforeEach(async () => {
    now = FIXED_NOW.getTime();
    await post(smile, '/sandbox/reset', {});
  });

  it.each([
    [
      'demo',
      'reorder the wipes',
      /^pampers/,
      'where are my orders',
      /Back to your reorder:.*price of Pampers.*has changed since I asked: it was \$\d+\.\d\d, it's now \$19\.99\..*Shall I place/s,
      'yes',
    ],
    [
      'demo-ko',
      '물티슈 다시 주문해줘',
      /bebesup/,
      '내 주문 어디쯤이야',
      /진행하던 재주문을 이어서 할게요\..*가격이 바뀌었어요\.\n변경 전: 15,900원\n변경 후: 17,900원.*주문할까요/s,
      '네',
    ],
  ])(
    'when the price of what %s reorders changes during a digression, then the new price is said and asked again, and yes orders at it',
    async (user, reorder, sku, digress, changed, yes) => {
      const before = await ordersOf(smile, user);
      const say = conversation(smile, user, `recheck-price-${user}`);
      expect((await say(reorder)).state.awaiting).toBe('confirmation');
      const price = user === 'demo' ? 19.99 : 17900;
      await reprice(smile, user, sku, price);
      const back = await say(digress);
      expect(allText(back)).toMatch(changed);
      expect(back.state).toEqual({ flow: 'reorder', awaiting: 'confirmation' });
      expect(await newOrders(smile, user, before)).toEqual([]);
      await say(yes);
      const placed = await newOrders(smile, user, before);
      expect(placed).toHaveLength(1);
      expect(placed[0].items[0].unitPrice).toBe(price);
    },
  );

  it.each([
    ['demo', 'reorder the detergent', 'where are my orders', 'yes'],
    ['demo-ko', '물티슈 다시 주문해줘', '내 주문 어디쯤이야', '네'],
  ])(
    'when nothing changed during %s digression, then the question comes back as it was, with no word of change',
    async (user, reorder, digress, yes) => {
      const before = await ordersOf(smile, user);
      const say = conversation(smile, user, `recheck-same-${user}`);
      const asked = allText(await say(reorder));
      const back = allText(await say(digress));
      expect(back).not.toMatch(/changed|바뀌었어요/);
      // The question asked again is the one first asked, word for word.
      expect(back.endsWith(asked.slice(asked.lastIndexOf('\n') + 1))).toBe(true);
      await say(yes);
      expect(await newOrders(smile, user, before)).toHaveLength(1);
    },
  );

  it.each([
    ['demo', 'reorder the detergent', 'yes', /earliest delivery has changed since I asked: it was .*, it's now .*Shall I place/s],
    ['demo-ko', '물티슈 다시 주문해줘', '네', /가장 빠른 도착 시간이 바뀌었어요\.\n변경 전: .*\n변경 후: .*주문할까요/s],
  ])(
    'when %s says yes a day later, then nothing is ordered on the old window: the new one is said, and the next yes orders in it',
    async (user, reorder, yes, changed) => {
      const before = await ordersOf(smile, user);
      const say = conversation(smile, user, `recheck-day-${user}`);
      expect((await say(reorder)).state.awaiting).toBe('confirmation');
      now += 24 * HOUR;
      const late = await say(yes);
      expect(allText(late)).toMatch(changed);
      expect(late.state).toEqual({ flow: 'reorder', awaiting: 'confirmation' });
      expect(await newOrders(smile, user, before)).toEqual([]);
      const placed = await say(yes);
      expect(allText(placed)).toMatch(/placed|주문을 완료했어요/);
      const [order] = await newOrders(smile, user, before);
      const shipment = (await shipmentsOf(smile, user)).find((s) => s.orderId === order.id);
      // Booked in the earliest window of the day it was placed, not of the day it was first asked.
      expect(Date.parse(shipment.window.start)).toBeGreaterThan(now);
      expect(Date.parse(shipment.window.start) - now).toBeLessThan(48 * HOUR);
    },
  );

  it('when the customer says yes ten minutes later and nothing changed, then it is ordered once, without asking again', async () => {
    const before = await ordersOf(smile, 'demo');
    const say = conversation(smile, 'demo', 'recheck-minutes');
    await say('reorder the detergent');
    now += 10 * 60_000;
    const r = await say('yes', 'late-yes');
    expect(allText(r)).toMatch(/placed/);
    expect(allText(r)).not.toMatch(/changed/);
    expect(r.state.flow).toBeNull();
    expect(await newOrders(smile, 'demo', before)).toHaveLength(1);
    // The same message again (a retry) gets the same answer and orders nothing more.
    expect(allText(await say('yes', 'late-yes'))).toBe(allText(r));
    expect(await newOrders(smile, 'demo', before)).toHaveLength(1);
  });

  it.each([
    ['demo', 'move the wipes to tomorrow evening', 'yes', /is no longer free/],
    ['demo-ko', '물티슈 내일 저녁으로 배송 바꿔줘', '네', /은 이제 예약이 마감됐어요/],
  ])(
    'when the window %s chose is no longer offered a day later, then yes moves nothing and the free windows are offered',
    async (user, move, yes, taken) => {
      const before = await shipmentsOf(smile, user);
      const say = conversation(smile, user, `recheck-slot-${user}`);
      const asked = await say(move);
      expect(asked.state.awaiting, allText(asked)).toBe('confirmation');
      now += 24 * HOUR;
      const late = await say(yes);
      expect(allText(late)).toMatch(taken);
      expect(late.state.awaiting).toBe('window');
      expect(await shipmentsOf(smile, user)).toEqual(before);
    },
  );

  // Cancellations, returns and subscriptions taken up again are re-read the same way (one rule: dialogs/kit/flow.ts).
  const setOrder = async (id: string, patch: Record<string, unknown>): Promise<void> => {
    const order = (await smile.store.documents.get<any>('sbx_orders', id))!;
    await smile.store.documents.put('sbx_orders', id, { ...order, ...patch });
  };

  it.each([
    [
      'demo',
      'please cancel my toothbrush heads order',
      'ord-1004',
      'where are my orders',
      /Things have changed since I asked.*already shipped/s,
      'yes',
    ],
    ['demo-ko', '신라면 주문 취소할래요', 'ord-2004', '내 주문 어디쯤이야', /상황이 바뀌어서 진행하지 않았어요.*이미 발송/s, '네'],
  ])(
    'when the order %s is cancelling ships during a digression, then it is not confirmed again and nothing is cancelled',
    async (user, cancel, orderId, digress, changed, yes) => {
      const say = conversation(smile, user, `recheck-cancel-${user}`);
      const asked = await say(cancel);
      expect(asked.state, allText(asked)).toEqual({ flow: 'cancel_order', awaiting: 'confirmation' });
      await setOrder(orderId, { status: 'shipped' });
      const back = await say(digress);
      expect(allText(back)).toMatch(changed);
      expect(back.state.flow).toBeNull();
      await say(yes);
      expect((await ordersOf(smile, user)).find((o) => o.id === orderId).status).toBe('shipped');
    },
  );

  it.each([
    [
      'demo',
      'cancel the sonicare order',
      'ord-1004',
      'yes',
      /refund for Philips Sonicare.*it was \$39\.99, it's now \$35\.99.*Cancel Philips Sonicare.*\(order number 1004\)/s,
      'yes',
    ],
    [
      'demo-ko',
      '신라면 주문 취소해 주세요',
      'ord-2004',
      '네',
      /환불 예정 금액이 바뀌었어요\.\n변경 전: 9,000원\n변경 후: 8,000원.*취소할까요/s,
      '네',
    ],
  ])(
    'when %s says yes a day later and the refund changed, then the new refund is said and the next yes cancels',
    async (user, cancel, orderId, yes, changed, again) => {
      const say = conversation(smile, user, `recheck-cancel-late-${user}`);
      expect((await say(cancel)).state.awaiting).toBe('confirmation');
      await setOrder(orderId, { total: user === 'demo' ? 35.99 : 8000 });
      now += 24 * HOUR;
      const late = await say(yes);
      expect(allText(late)).toMatch(changed);
      expect(late.state.awaiting).toBe('confirmation');
      expect((await ordersOf(smile, user)).find((o) => o.id === orderId).status).toBe('placed');
      await say(again);
      expect((await ordersOf(smile, user)).find((o) => o.id === orderId).status).toBe('cancelled');
    },
  );

  it.each([
    [
      'demo',
      'i need to send back the running shoes, wrong size, a locker is fine',
      'ord-1002',
      'nike-rev7-10',
      'where are my orders',
      /Things have changed since I asked.*return of Nike Revolution 7.* is already booked/s,
    ],
    [
      'demo-ko',
      '운동화 사이즈가 안 맞아서 편의점으로 반품할게요',
      'ord-2002',
      'nike-airmax270-260',
      '내 주문 어디쯤이야',
      /상황이 바뀌어서 진행하지 않았어요.*이미 반품 신청이 되어 있어요/s,
    ],
  ])(
    'when the item %s is returning gets a return booked elsewhere during a digression, then it is not booked a second time',
    async (user, ask, orderId, sku, digress, changed) => {
      const say = conversation(smile, user, `recheck-return-${user}`);
      expect((await say(ask)).state.awaiting).toBe('pickup_point');
      const confirm = await say('the first one');
      expect(confirm.state.awaiting, allText(confirm)).toBe('confirmation');
      await smile.store.documents.put('sbx_returns', `ret-elsewhere-${user}`, {
        id: `ret-elsewhere-${user}`,
        orderId,
        customerId: user,
        items: [{ sku, quantity: 1 }],
        reason: 'size',
        method: 'courier_pickup',
        refundEstimate: { amount: 1, currency: user === 'demo' ? 'USD' : 'KRW' },
        status: 'booked',
      });
      const back = await say(digress);
      expect(allText(back)).toMatch(changed);
      expect(back.state.flow).toBeNull();
      const returns = (await get(smile, `/sandbox/logistics/v1/returns?customerId=${user}`)).returns;
      expect(returns.map((r: any) => r.id)).toEqual([`ret-elsewhere-${user}`]);
    },
  );

  // A courier pick-up's window, offered or chosen before a digression, is read again from the logistics API: the
  // sandbox offers windows from the next day on, so a day passing takes the one chosen (tomorrow morning) away.
  const returnsOf = async (user: string): Promise<any[]> => (await get(smile, `/sandbox/logistics/v1/returns?customerId=${user}`)).returns;
  const PICKUP = {
    demo: {
      ask: 'id like to return my running shoes, they dont fit, please send a courier to collect them',
      digress: 'where are my orders',
      taken: /Back to your return.*is no longer free\..*When should the courier pick it up\?/s,
      reoffered: /Back to your return.*pick-up times I offered have been taken.*When should the courier pick it up\?/s,
      first: 'the first one',
      yes: 'yes',
      booked: /courier will pick up/,
    },
    'demo-ko': {
      ask: '운동화가 작아서 반품하려고요. 기사님이 가지러 와 주세요',
      digress: '내 주문 어디쯤이야',
      taken: /이어서.*선택하신 시간\(.*\)은 이제 예약이 마감됐어요\..*기사님이 언제 방문하면 될까요\?/s,
      reoffered: /이어서.*방문 시간 중 일부가 그사이 마감됐어요.*기사님이 언제 방문하면 될까요\?/s,
      first: '첫 번째',
      yes: '네',
      booked: /반품을 신청했어요/,
    },
  } as const;

  it.each(['demo', 'demo-ko'] as const)(
    'when the pick-up window %s chose for a return is taken during a digression, then it is not confirmed: the free windows are offered and the return is booked once in one of them',
    async (user) => {
      const t = PICKUP[user];
      const say = conversation(smile, user, `recheck-pickup-${user}`);
      const offered = await say(t.ask);
      expect(offered.state.awaiting, allText(offered)).toBe('window');
      const asked = await say(t.first);
      expect(asked.state.awaiting, allText(asked)).toBe('confirmation');
      now += 24 * HOUR;
      const back = await say(t.digress);
      expect(allText(back)).toMatch(t.taken);
      expect(back.state).toEqual({ flow: 'schedule_return', awaiting: 'window' });
      expect(await returnsOf(user)).toEqual([]);
      expect((await say(t.first)).state.awaiting).toBe('confirmation');
      expect(allText(await say(t.yes))).toMatch(t.booked);
      const returns = await returnsOf(user);
      expect(returns).toHaveLength(1);
      expect(Date.parse(returns[0].window.start)).toBeGreaterThan(now);
    },
  );

  it.each(['demo', 'demo-ko'] as const)(
    'when the pick-up windows offered to %s are taken during a digression, then the free ones are offered instead, and those alone can be chosen',
    async (user) => {
      const t = PICKUP[user];
      const say = conversation(smile, user, `reoffer-pickup-${user}`);
      const first = await say(t.ask);
      expect(first.state.awaiting, allText(first)).toBe('window');
      now += 24 * HOUR;
      const back = await say(t.digress);
      expect(allText(back)).toMatch(t.reoffered);
      expect(back.state).toEqual({ flow: 'schedule_return', awaiting: 'window' });
      expect(await say(t.first).then((r) => r.state.awaiting)).toBe('confirmation');
      await say(t.yes);
      const returns = await returnsOf(user);
      expect(returns).toHaveLength(1);
      expect(Date.parse(returns[0].window.start)).toBeGreaterThan(now);
    },
  );

  it.each(['demo', 'demo-ko'] as const)(
    'when nothing was taken during %s digression, then the pick-up windows come back as they were, with no word of change',
    async (user) => {
      const t = PICKUP[user];
      const say = conversation(smile, user, `same-pickup-${user}`);
      const first = await say(t.ask);
      const back = await say(t.digress);
      expect(allText(back)).not.toMatch(/taken|no longer|마감/);
      expect(back.messages.at(-1)?.suggestions).toEqual(first.messages.at(-1)?.suggestions);
    },
  );

  const subscriptionsOf = async (user: string): Promise<any[]> =>
    (await get(smile, `/sandbox/commerce/v1/customers/${user}/subscriptions`)).subscriptions;
  const changeSubscription = async (user: string, patch: Record<string, unknown>): Promise<void> => {
    const [sub] = await subscriptionsOf(user);
    await smile.store.documents.put('sbx_subscriptions', sub.id, { ...sub, ...patch });
  };

  it.each([
    [
      'demo',
      'send me Tide every four weeks',
      'pause the tide subscription',
      'where are my orders',
      /Things have changed since I asked.*already paused/s,
    ],
    [
      'demo-ko',
      '삼다수 2주마다 정기배송 해줘',
      '삼다수 정기배송 잠깐 멈춰줘',
      '내 주문 어디쯤이야',
      /상황이 바뀌어서 진행하지 않았어요.*이미 일시정지 중이에요/s,
    ],
  ])(
    'when the subscription %s is pausing is paused elsewhere during a digression, then nothing more is asked or done',
    async (user, create, pause, digress, changed) => {
      const say = conversation(smile, user, `recheck-sub-${user}`);
      expect((await say(create)).state.awaiting).toBe('confirmation');
      expect((await say(user === 'demo' ? 'yes' : '네')).state.flow).toBeNull();
      const asked = await say(pause);
      expect(asked.state, allText(asked)).toEqual({ flow: 'manage_subscription', awaiting: 'confirmation' });
      await changeSubscription(user, { status: 'paused' });
      const back = await say(digress);
      expect(allText(back)).toMatch(changed);
      expect(back.state.flow).toBeNull();
    },
  );

  it.each([
    [
      'demo',
      'send me Tide every four weeks',
      'make my tide subscription every two weeks',
      'yes',
      /changed elsewhere since I asked.*to 3 every 2 weeks/s,
    ],
    ['demo-ko', '삼다수 2주마다 정기배송 해줘', '삼다수 정기배송 4주마다로 바꿔줘', '네', /다른 곳에서 바뀌었어요.*3.*4주마다/s],
  ])(
    'when %s says yes a day later to a change and the subscription was changed elsewhere, then the change is asked again on it as it is now',
    async (user, create, change, yes, changed) => {
      const say = conversation(smile, user, `recheck-sub-late-${user}`);
      await say(create);
      await say(yes);
      const asked = await say(change);
      expect(asked.state, allText(asked)).toEqual({ flow: 'manage_subscription', awaiting: 'confirmation' });
      await changeSubscription(user, { quantity: 3 });
      now += 24 * HOUR;
      const late = await say(yes);
      expect(allText(late)).toMatch(changed);
      expect(late.state.awaiting).toBe('confirmation');
      expect((await subscriptionsOf(user))[0].everyDays).toBe(user === 'demo' ? 28 : 14);
      await say(yes);
      expect((await subscriptionsOf(user))[0]).toMatchObject({ quantity: 3, everyDays: user === 'demo' ? 14 : 28 });
    },
  );
});
