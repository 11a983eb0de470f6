import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Smile } from '../app/server.js';
import { allText, conversation, get, post, startTestSmile } from './helpers.js';

// Issue 10, what two outside reviewers found, in our own words, over POST /v1/chat, in English and Korean: a loanword
// or slipped word for an action, two requests joined by a plain "and" / "…고", two products in one reorder, a reorder
// for a given day, a rejected day or part of the day, "put it back" to a time, "delivered" of a parcel still on its
// way, and a question of what time something comes.
describe("reviewers' understanding findings, over POST /v1/chat", () => {
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

  const chat = (userId: string, conversationId: string) => conversation(smile, userId, conversationId);
  const orders = async (customer: string): Promise<Array<{ id: string; status: string; items: Array<{ sku: string; quantity: number }> }>> =>
    (
      (await get(smile, `/sandbox/commerce/v1/customers/${customer}/orders`)) as {
        orders: Array<{ id: string; status: string; items: Array<{ sku: string; quantity: number }> }>;
      }
    ).orders;
  const shipments = async (customer: string): Promise<Array<{ orderId: string; window: { start: string } }>> =>
    (
      (await get(smile, `/sandbox/logistics/v1/shipments?customerId=${customer}`)) as {
        shipments: Array<{ orderId: string; window: { start: string } }>;
      }
    ).shipments;

  describe('a word for an action the model does not know, said the way customers say it', () => {
    it('when a Korean customer asks whether an order can be "캔슬"-ed, then its cancellation is confirmed — never a second order of it', async () => {
      const say = chat('demo-ko', 'loan-ko');
      const before = (await orders('demo-ko')).length;
      const r = await say('라면 주문 캔슬할 수 있어요?');
      expect(r.state.flow).toBe('cancel_order');
      expect(allText(r)).toMatch(/신라면.*취소할까요/s);
      expect(allText(r)).not.toMatch(/다시 주문할까요/);
      expect(allText(await say('아니요'))).toMatch(/취소하지 않을게요/);
      expect(await orders('demo-ko')).toHaveLength(before);
    });

    it('when an English customer slips a part of the day ("evning"), then that part of the day is the one asked for', async () => {
      const r = await chat('demo', 'slip-en')('could the toothbrush heads come monday evning');
      expect(r.state).toEqual({ flow: 'change_delivery_slot', awaiting: 'confirmation' });
      expect(allText(r)).toMatch(/Mon, Nov 23, 6 PM – 9 PM/);
    });
  });

  describe('two requests joined by a plain "and" / "…고"', () => {
    it('when an English customer asks for a move and a cancellation in one sentence, then both are confirmed and done, one after the other', async () => {
      const say = chat('demo', 'two-en');
      const first = await say('send the wipes to my office and cancel the toothbrush heads please');
      expect(allText(first)).toMatch(/other request/);
      expect(allText(first)).toMatch(/Office/);
      const second = await say('yes');
      expect(allText(second)).toMatch(/Now your other request/);
      expect(allText(second)).toMatch(/Cancel Philips Sonicare/);
      expect(allText(await say('yes'))).toMatch(/is cancelled/);
      const brush = (await orders('demo')).find((o) => o.items.some((i) => i.sku.startsWith('sonicare')));
      expect(brush?.status).toBe('cancelled');
    });

    it('when a Korean customer asks to cancel one order and reorder another in one sentence, then the second is not dropped, and "no" to it orders nothing', async () => {
      const say = chat('demo-ko', 'two-ko');
      const before = (await orders('demo-ko')).length;
      const first = await say('라면 주문은 취소하고 분유 다시 주문해 줘요');
      expect(first.state.flow).toBe('cancel_order');
      const second = await say('네');
      expect(allText(second)).toMatch(/주문을 취소했어요/);
      expect(allText(second)).toMatch(/이어서 다른 요청/);
      expect(allText(second)).toMatch(/앱솔루트 명작 분유.*다시 주문할까요/s);
      expect(allText(await say('아니요'))).toMatch(/주문하지 않을게요/);
      expect(await orders('demo-ko')).toHaveLength(before);
    });
  });

  describe('two products in one reorder', () => {
    it('when an English customer names two products with their own counts, then one order of both is confirmed and placed once', async () => {
      const say = chat('demo', 'both-en');
      const r = await say('could i get one tide and 2 packs of the wipes again');
      expect(allText(r)).toMatch(/1 × Tide.*2 × Pampers|2 × Pampers.*1 × Tide/s);
      expect(allText(r)).not.toMatch(/Which one/);
      const before = (await orders('demo')).length;
      await say('yes');
      await say('yes');
      const all = await orders('demo');
      expect(all).toHaveLength(before + 1);
      const placed = all.find((o) => o.items.length === 2 && o.items.some((i) => i.sku.startsWith('tide')));
      expect(placed?.items.map((i) => i.quantity).sort()).toEqual([1, 2]);
    });

    it('when a Korean customer names two products joined by "이랑", then both are in one confirmation with the counts said', async () => {
      const r = await chat('demo-ko', 'both-ko')('삼다수 두 개랑 분유 한 통 또 주문할게요');
      expect(r.state).toEqual({ flow: 'reorder', awaiting: 'confirmation' });
      expect(allText(r)).toMatch(/제주 삼다수 2L 12병 · 2개/);
      expect(allText(r)).toMatch(/앱솔루트 명작 분유 2단계 800g · 1개/);
    });
  });

  describe('a reorder for a given day', () => {
    it('when an English customer reorders for a day and part of the day, then that window is confirmed and the new delivery is booked in it (nothing else moves)', async () => {
      const say = chat('demo', 'day-en');
      const r = await say('reorder the formula, delivery on tuesday afternoon please');
      expect(r.state).toEqual({ flow: 'reorder', awaiting: 'confirmation' });
      expect(allText(r)).toMatch(/Tue, Nov 24, 12 PM – 3 PM/);
      expect(allText(await say('yes'))).toMatch(/order is placed.*Tue, Nov 24, 12 PM – 3 PM/s);
      const newest = (await orders('demo')).find((o) => o.items.some((i) => i.sku.startsWith('similac')) && o.status === 'placed');
      const shipment = (await shipments('demo')).find((s) => s.orderId === newest?.id);
      expect(shipment?.window.start).toMatch(/^2026-11-24T12:00/);
    });

    it('when a Korean customer names another day at the reorder confirmation, then the order is quoted again for it — no delivery is asked about', async () => {
      const say = chat('demo-ko', 'day-ko');
      expect((await say('삼다수 재주문해 주세요')).state.awaiting).toBe('confirmation');
      const r = await say('그날 말고 목요일 저녁으로 해 주세요');
      expect(r.state).toEqual({ flow: 'reorder', awaiting: 'confirmation' });
      expect(allText(r)).toMatch(/11월 26일\(목\) 오후 6시~밤 9시/);
      expect(allText(r)).not.toMatch(/어떤 주문의 배송/);
    });
  });

  describe('a rejected day or part of the day, and "back to" a time', () => {
    it('when an English customer wants a day but not its morning, then only that day’s later windows are offered', async () => {
      const r = await chat('demo', 'neg-en')('the toothbrush heads can come wednesday, just not in the morning');
      const offered = r.messages.flatMap((m) => m.suggestions ?? []);
      expect(offered.length).toBeGreaterThan(0);
      for (const s of offered) expect(s).toMatch(/^Wed, Nov 25, (12|3|6) PM/);
    });

    it('when a Korean customer rejects one day and names another, then the other is the one confirmed', async () => {
      const r = await chat('demo-ko', 'neg-ko')('물티슈 목요일 말고, 금요일 오전에 받을게요');
      expect(allText(r)).toMatch(/11월 27일\(금\) 오전 9시~낮 12시/);
      expect(allText(r)).not.toMatch(/→?\s*11월 26일\(목\)[^,]*으로 바꿀까요/);
    });

    it('when a customer asks to set a moved delivery back to a time, then it is a move, in either language — never a return', async () => {
      const en = chat('demo', 'back-en');
      await en('move the wipes to wednesday morning');
      await en('yes');
      const r = await en('actually set it back to tuesday morning');
      expect(r.state).toEqual({ flow: 'change_delivery_slot', awaiting: 'confirmation' });
      expect(allText(r)).not.toMatch(/return/i);
      const ko = chat('demo-ko', 'back-ko');
      await ko('물티슈 목요일 오후로 옮겨 주세요');
      await ko('네');
      const k = await ko('다시 수요일 오전으로 되돌려 주세요');
      expect(k.state.flow).toBe('change_delivery_slot');
      expect(allText(k)).not.toMatch(/반품/);
    });
  });

  describe('"delivered" of a parcel still on its way, and what time something comes', () => {
    it('when an English customer says the wipes show delivered but are missing while they are on their way, then where they are is said and no person is offered', async () => {
      const r = await chat('demo', 'dnh-en')('tracking claims the wipes were delivered yet there is no box here');
      expect(allText(r)).toMatch(/isn't marked delivered yet/);
      expect(allText(r)).toMatch(/Pampers Sensitive Baby Wipes.*shipped/);
      expect(allText(r)).not.toMatch(/connect you with a person/);
    });

    it('when a Korean customer says the same of 물티슈, then its status is said in Korean and no person is offered', async () => {
      const r = await chat('demo-ko', 'dnh-ko')('물티슈가 배송 완료로 나오는데 문 앞에 없네요');
      expect(allText(r)).toMatch(/아직 배송이 끝나지 않은/);
      expect(allText(r)).toMatch(/베베숲 물티슈.*배송 중/s);
      expect(allText(r)).not.toMatch(/상담원/);
    });

    it('when a customer asks what time it comes without naming it, then the deliveries on their way are told, in either language', async () => {
      expect(allText(await chat('demo-ko', 'when-ko')('내일 몇 시쯤 도착해요?'))).toMatch(/배송 현황|도착 예정/);
      expect(allText(await chat('demo', 'when-en')('what time is my stuff arriving today?'))).toMatch(/arriving/);
    });
  });
  describe('the orders as a whole', () => {
    it('when a customer asks for everything they ordered, then delivered orders follow those on their way, in either language; "where are my orders" stays the open ones', async () => {
      const en = allText(await chat('demo', 'all-en')('show me my order history'));
      expect(en).toMatch(/most recent orders \(2 on the way\)/);
      expect(en).toMatch(/Huggies.*delivered/s);
      const ko = allText(await chat('demo-ko', 'all-ko')('제가 그동안 주문한 거 다 보여 주세요'));
      expect(ko).toMatch(/최근 주문 \d+건이에요/);
      expect(ko).toMatch(/배송 상태: 배송 완료/);
      const open = allText(await chat('demo', 'open-en')('where are my orders?'));
      expect(open).toMatch(/2 orders on the way/);
      expect(open).not.toMatch(/delivered/);
    });
  });
  describe('a window said as its two ends', () => {
    it('when the customer names a window by its start and end, then that window is confirmed — not offered again with the next one', async () => {
      const en = chat('demo', 'ends-en');
      await en('i need to change when the wipes arrive');
      const r = await en('wednesday from 3 to 6 pm');
      expect(r.state).toEqual({ flow: 'change_delivery_slot', awaiting: 'confirmation' });
      expect(allText(r)).toMatch(/to Wed, Nov 25, 3 PM – 6 PM\?/);
      const ko = chat('demo-ko', 'ends-ko');
      await ko('물티슈 받는 시간 좀 바꿔 주세요');
      const k = await ko('수요일 오후 3시부터 6시까지요');
      expect(k.state).toEqual({ flow: 'change_delivery_slot', awaiting: 'confirmation' });
      expect(allText(k)).toMatch(/11월 25일\(수\) 오후 3시~6시/);
    });
  });
});
