import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Smile } from '../app/server.js';
import { allText, conversation, get, post, startTestSmile } from './helpers.js';

const ordersOf = async (smile: Smile, customer: string): Promise<any[]> =>
  (await get(smile, `/sandbox/commerce/v1/customers/${customer}/orders`)).orders;
const shipmentsOf = async (smile: Smile, customer: string): Promise<any[]> =>
  (await get(smile, `/sandbox/logistics/v1/shipments?customerId=${customer}`)).shipments;
/** The open wipes delivery of the customer. */
async function wipesOf(smile: Smile, customer: string): Promise<any> {
  const orders = (await ordersOf(smile, customer)).filter((o: any) => o.items.some((i: any) => /wipes|물티슈/i.test(i.name)));
  return (await shipmentsOf(smile, customer)).find((s: any) => s.status !== 'delivered' && orders.some((o: any) => o.id === s.orderId));
}
const subscriptionsOf = async (smile: Smile, customer: string): Promise<any[]> =>
  (await get(smile, `/sandbox/commerce/v1/customers/${customer}/subscriptions`)).subscriptions;

/**
 * Issue 12, "conversations a customer can trust": a yes that carries a change never acts on the old terms, and words
 * that take back what was just done ("cancel that", "undo it", "그거 취소해 주세요") lead to that change's own
 * confirmation — never to an "Okay" that reads as done while nothing was.
 */
describe('a yes with a change, and taking back what was just done', () => {
  let smile: Smile;
  beforeAll(async () => {
    smile = await startTestSmile();
  });
  afterAll(async () => {
    await smile.close();
  });
  beforeEach(async () => {
    await post(smile, '/sandbox/reset', {});
  });

  it.each([
    ['demo', 'order the detergent again', 'ok, but make it 3 bottles', /3 ×/, 'yes', 3],
    ['demo-ko', '기저귀 다시 주문해 주세요', '네 근데 세 팩만요', /수량: 3개/, '네', 3],
  ])(
    'when %s says yes with another quantity, then nothing is ordered until the new quantity is confirmed',
    async (user, ask, yesBut, shown, yes, qty) => {
      const seen = (await ordersOf(smile, user)).map((o: any) => o.id);
      const before = seen.length;
      const say = conversation(smile, user, `yes-but-${user}`);
      expect((await say(ask)).state.awaiting).toBe('confirmation');
      const again = await say(yesBut);
      expect(again.state.awaiting).toBe('confirmation');
      expect(allText(again)).toMatch(shown);
      expect((await ordersOf(smile, user)).length).toBe(before);
      await say(yes);
      const after = await ordersOf(smile, user);
      expect(after.length).toBe(before + 1);
      expect(after.find((o: any) => !seen.includes(o.id)).items[0].quantity).toBe(qty);
    },
  );

  it.each([
    ['demo', 'order the detergent again', 'sure, but quickly'],
    ['demo-ko', '기저귀 다시 주문해 주세요', '좋아요 그런데 빨리요'],
  ])('when %s says yes with a reservation Smile cannot read, then nothing is ordered and the question is asked again', async (user, ask, yesBut) => {
    const before = (await ordersOf(smile, user)).length;
    const say = conversation(smile, user, `yes-unclear-${user}`);
    await say(ask);
    const again = await say(yesBut);
    expect(again.state.awaiting).toBe('confirmation');
    expect((await ordersOf(smile, user)).length).toBe(before);
  });

  it.each([
    ['demo', 'order the detergent again', 'yes', 'hang on, cancel that please', /Cancel .*Tide/, 'no', 'yes'],
    ['demo-ko', '기저귀 다시 주문해 주세요', '네', '아 잠깐만요 방금 그거 취소해 주세요', /이 주문을 취소할까요/, '아니요', '네'],
  ])(
    'when %s takes back an order just placed, then its cancellation is asked first; no keeps it, and yes cancels that order only',
    async (user, ask, yes, takeBack, asked, no, yesAgain) => {
      const cancelledBefore = (await ordersOf(smile, user)).filter((o: any) => o.status === 'cancelled').length;
      const seen = (await ordersOf(smile, user)).map((o: any) => o.id);
      const say = conversation(smile, user, `take-back-order-${user}`);
      await say(ask);
      await say(yes);
      const mine = (await ordersOf(smile, user)).find((o: any) => !seen.includes(o.id));
      expect(mine.status).toBe('placed');
      const question = await say(takeBack);
      expect(question.state).toEqual({ flow: 'cancel_order', awaiting: 'confirmation' });
      expect(allText(question)).toMatch(asked);
      await say(no);
      expect((await ordersOf(smile, user)).find((o: any) => o.id === mine.id).status).toBe('placed');
      // Said again after the no, the words still mean that order (the topic is what was just discussed).
      const again = await say(takeBack);
      expect(again.state.awaiting).toBe('confirmation');
      await say(yesAgain);
      const after = await ordersOf(smile, user);
      expect(after.find((o: any) => o.id === mine.id).status).toBe('cancelled');
      expect(after.filter((o: any) => o.status === 'cancelled')).toHaveLength(cancelledBefore + 1);
    },
  );

  it.each([
    ['demo', 'move the wipes to tomorrow evening', 'yes', 'oops, no, put it back please', 'yes'],
    ['demo-ko', '물티슈 내일 저녁으로 바꿔 주세요', '네', '아 아니다 원래대로 돌려 주세요', '네'],
  ])(
    'when %s undoes a move just made, then moving back to the old window is asked, and yes moves it back',
    async (user, ask, yes, undo, yesAgain) => {
      const wipes = (): Promise<any> => wipesOf(smile, user);
      const say = conversation(smile, user, `undo-move-${user}`);
      const start = (await wipes())?.window;
      expect((await say(ask)).state.awaiting).toBe('confirmation');
      await say(yes);
      const moved = (await wipes()).window;
      expect(moved).not.toEqual(start);
      const back = await say(undo);
      expect(back.state).toEqual({ flow: 'change_delivery_slot', awaiting: 'confirmation' });
      expect((await wipes()).window).toEqual(moved);
      await say(yesAgain);
      expect((await wipes()).window).toEqual(start);
    },
  );

  it.each([
    ['demo', 'send me the detergent every 3 weeks', 'yes', 'hmm, cancel it', 'yes'],
    ['demo-ko', '물티슈 2주마다 정기배송 해주세요', '네', '아 그거 취소해 주세요', '네'],
  ])(
    'when %s says "cancel it" right after starting a subscription, then the subscription is what is cancelled, never an order',
    async (user, ask, yes, cancel, yesAgain) => {
      const say = conversation(smile, user, `undo-sub-${user}`);
      await say(ask);
      await say(yes);
      const subs = await subscriptionsOf(smile, user);
      const mine = subs.at(-1);
      expect(mine.status).toBe('active');
      const before = await ordersOf(smile, user);
      const question = await say(cancel);
      expect(question.state).toEqual({ flow: 'manage_subscription', awaiting: 'confirmation' });
      await say(yesAgain);
      expect((await subscriptionsOf(smile, user)).find((s: any) => s.id === mine.id).status).toBe('cancelled');
      expect(await ordersOf(smile, user)).toEqual(before);
    },
  );

  it.each([
    ['demo', 'move the wipes to tomorrow evening', 'no, keep it as is', /stays booked for/],
    ['demo-ko', '물티슈 내일 저녁으로 바꿔 주세요', '아니요 그대로 둘게요', /배송 시간은 그대로예요/],
  ])('when %s declines a move with "keep it as it is", then the time it keeps is said and nothing moves', async (user, ask, keep, kept) => {
    const before = await shipmentsOf(smile, user);
    const say = conversation(smile, user, `keep-${user}`);
    await say(ask);
    const r = await say(keep);
    expect(r.state.flow).toBeNull();
    expect(allText(r)).toMatch(kept);
    expect(await shipmentsOf(smile, user)).toEqual(before);
  });

  it.each([
    ['demo', 'move the wipes to tomorrow evening', 'no', 'Keep the current time'],
    ['demo-ko', '물티슈 내일 저녁으로 바꿔 주세요', '아니요', '지금 시간 그대로 둘게요'],
  ])('when %s says no to a window, then keeping the current time is one of the choices, and it keeps it', async (user, ask, no, keep) => {
    const before = await shipmentsOf(smile, user);
    const say = conversation(smile, user, `keep-choice-${user}`);
    await say(ask);
    const others = await say(no);
    expect(others.state.awaiting).toBe('window');
    expect(others.messages.flatMap((m) => m.suggestions ?? [])).toContain(keep);
    const r = await say(keep);
    expect(r.state.flow).toBeNull();
    expect(await shipmentsOf(smile, user)).toEqual(before);
  });

  it.each([
    ['demo', 'where are my wipes', 'cancel'],
    ['demo-ko', '물티슈 어디쯤 왔어요', '취소'],
  ])('when %s says a bare "%s" with nothing under way, then nothing is asked and nothing changes', async (user, ask, bare) => {
    const before = await ordersOf(smile, user);
    const say = conversation(smile, user, `bare-${user}`);
    await say(ask);
    const r = await say(bare);
    expect(r.state.flow).toBeNull();
    expect(await ordersOf(smile, user)).toEqual(before);
  });
});
