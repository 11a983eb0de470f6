import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../store/embedded-store.js';
import type { Smile } from '../app/server.js';
import { conversation, FIXED_NOW, get, post, startTestSmile } from './helpers.js';

// FIXED_NOW is Sunday 12:00 in Los Angeles and Monday 05:00 in Seoul (inside Seoul's default quiet hours, 21:00–08:00).
let smile: Smile | undefined;
afterEach(async () => {
  await smile?.close();
  smile = undefined;
});

type Message = { id: string; customerId: string; channel: string; locale: string; text: string; eventId?: string; kind: string; sentAt: string };
const messages = async (s: Smile, customerId: string): Promise<Message[]> =>
  (await get(s, `/sandbox/notify/v1/messages?customerId=${customerId}`)).messages;
const advance = async (s: Smile, shipmentId: string, body: unknown = {}) => {
  const r = await post(s, `/sandbox/logistics/v1/shipments/${shipmentId}/advance`, body);
  expect(r.status).toBe(200);
  expect(r.json.webhook).toEqual({ status: 200 });
  return r.json as { shipment: { status: string; window: { start: string } }; event: { id: string; type: string; data: Record<string, string> } };
};
const toLocker = async (s: Smile, shipmentId: string, place: { label: string; pickupPointId: string }) => {
  const r = await fetch(`${s.url}/sandbox/logistics/v1/shipments/${shipmentId}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', 'idempotency-key': `locker-${shipmentId}` },
    body: JSON.stringify({ place: { type: 'locker', ...place } }),
  });
  expect(r.status).toBe(200);
};

describe('the sandbox courier and the notices it causes', () => {
  it("walks demo-ko's wipes to a locker: the pick-up code reaches her in Korean, once, in her REST chat too", async () => {
    smile = await startTestSmile();
    const chat = conversation(smile, 'demo-ko', 'ko-chat');
    await chat('물티슈 어디쯤 왔어');
    await toLocker(smile, 'shp-2003', { label: 'GS25 역삼점 무인택배함', pickupPointId: 'pp-kr-gs25-yeoksam' });

    const out = await advance(smile, 'shp-2003');
    expect(out.event.type).toBe('out_for_delivery');
    // 05:00 in Seoul: "out for delivery" is not urgent and waits for quiet hours to end.
    expect(await messages(smile, 'demo-ko')).toEqual([]);

    const arrived = await advance(smile, 'shp-2003');
    expect(arrived.event.type).toBe('arrived_at_pickup_point');
    expect(arrived.event.data.code).toMatch(/^\d{6}$/);
    // Held three days at a locker.
    expect(Date.parse(arrived.event.data.holdUntil!) - FIXED_NOW.getTime()).toBe(3 * 86_400_000);

    const got = await messages(smile, 'demo-ko');
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ customerId: 'demo-ko', channel: 'rest', locale: 'ko-KR', kind: 'pickup_code', eventId: arrived.event.id });
    expect(got[0]!.text).toBe(
      `베베숲 물티슈 캡형 70매 10팩이 GS25 역삼점 무인택배함에 도착했어요.\n보관 기한: 11월 26일(목)까지\n인증번호: ${arrived.event.data.code}\n기한 안에 찾아가 주세요.`,
    );
    // The chat shows it as well.
    const stream = await get(smile, '/v1/conversations/ko-chat/messages?userId=demo-ko');
    expect(stream.messages.map((m: { text: string }) => m.text)).toContain(got[0]!.text);
  });

  it('when the pick-up point is no longer in the list, then the notice says "보관 장소", never its internal id', async () => {
    smile = await startTestSmile();
    await toLocker(smile, 'shp-2003', { label: '없어진 무인택배함', pickupPointId: 'pp-kr-retired-7' });
    await advance(smile, 'shp-2003');
    const arrived = await advance(smile, 'shp-2003');
    expect(arrived.event.type).toBe('arrived_at_pickup_point');
    const [notice] = await messages(smile, 'demo-ko');
    expect(notice?.text).toMatch(/^베베숲 물티슈 캡형 70매 10팩이 보관 장소에 도착했어요\.\n/);
    expect(notice?.text).not.toMatch(/pp-kr/);
  });

  it("walks demo's wipes to a locker in English: out for delivery, then the pick-up code, each once", async () => {
    smile = await startTestSmile();
    await toLocker(smile, 'shp-1003', { label: 'Elm Street Parcel Locker', pickupPointId: 'pp-us-locker-1' });
    await advance(smile, 'shp-1003');
    const arrived = await advance(smile, 'shp-1003');
    const got = await messages(smile, 'demo');
    // demo has not chatted: a text message.
    expect(got.map((m) => [m.kind, m.channel, m.locale])).toEqual([
      ['delivery_update', 'sms', 'en-US'],
      ['pickup_code', 'sms', 'en-US'],
    ]);
    expect(got[0]!.text).toBe('Pampers Sensitive Baby Wipes, 12 packs is out for delivery and arrives Mon, Nov 23, 9 AM – 12 PM.');
    expect(got[1]!.text).toContain(`Your pick-up code is ${arrived.event.data.code}. It's held there until Wed, Nov 25.`);
    // Collected: delivered, and nothing further to advance.
    expect((await advance(smile, 'shp-1003')).shipment.status).toBe('delivered');
    expect((await post(smile, '/sandbox/logistics/v1/shipments/shp-1003/advance', {})).status).toBe(409);
  });

  it('a home delivery walks placed → shipped → out_for_delivery → delivered', async () => {
    smile = await startTestSmile();
    const types = [];
    for (let i = 0; i < 3; i += 1) types.push((await advance(smile, 'shp-1004')).event.type);
    expect(types).toEqual(['shipped', 'out_for_delivery', 'delivered']);
    expect((await get(smile, '/sandbox/logistics/v1/shipments/shp-1004')).status).toBe('delivered');
  });

  it('sends a delay with a later window, and the notice asks to pick another time (English and Korean)', async () => {
    smile = await startTestSmile();
    const en = await advance(smile, 'shp-1004', { to: 'delayed' });
    expect(en.event.type).toBe('delayed');
    expect(Date.parse(en.shipment.window.start)).toBeGreaterThan(Date.parse('2026-11-25T09:00:00-08:00'));
    const [notice] = await messages(smile, 'demo');
    expect(notice).toMatchObject({ kind: 'delay', locale: 'en-US' });
    expect(notice!.text).toBe(
      'Sorry — Philips Sonicare Replacement Brush Heads, 4 pk is delayed. It now arrives Thu, Nov 26, 9 AM – 12 PM. Would you like to pick another time?',
    );
    // A delay is urgent: it reaches demo-ko at 05:00 in Seoul.
    await advance(smile, 'shp-2004', { to: 'delayed' });
    const [ko] = await messages(smile, 'demo-ko');
    expect(ko!.text).toBe(
      '죄송해요, 신라면 멀티팩 5개입 배송이 늦어지고 있어요.\n도착 예정: 11월 26일(목) 오전 9시~낮 12시\n다른 시간으로 바꾸시겠어요?',
    );
  });

  it('holds a non-urgent notice during quiet hours and sends it, once, when they end', async () => {
    let now = FIXED_NOW;
    smile = await startTestSmile({}, () => now);
    await advance(smile, 'shp-2004');
    expect(await messages(smile, 'demo-ko')).toEqual([]);
    await smile.notifications.sendDue();
    expect(await messages(smile, 'demo-ko')).toEqual([]);
    // 07:59 in Seoul: still quiet.
    now = new Date('2026-11-22T22:59:00Z');
    await smile.notifications.sendDue();
    expect(await messages(smile, 'demo-ko')).toEqual([]);
    // 08:00: quiet hours are over.
    now = new Date('2026-11-22T23:00:00Z');
    await smile.notifications.sendDue();
    await smile.notifications.sendDue();
    const got = await messages(smile, 'demo-ko');
    expect(got.map((m) => [m.kind, m.sentAt])).toEqual([['delivery_update', '2026-11-22T23:00:00.000Z']]);
    expect(got[0]!.text).toBe('신라면 멀티팩 5개입이 출고됐어요.\n배송이 출발하면 다시 알려 드릴게요.');
  });

  it('sends at once when quiet hours are off', async () => {
    smile = await startTestSmile({ SMILE_QUIET_HOURS: 'off' });
    await advance(smile, 'shp-2004');
    expect(await messages(smile, 'demo-ko')).toHaveLength(1);
  });

  it('a notice held for quiet hours survives a restart and is sent once after it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'smile-held-'));
    try {
      let now = FIXED_NOW;
      smile = await startTestSmile({}, () => now, await EmbeddedStore.open(dir));
      await advance(smile, 'shp-2004');
      await smile.close();
      now = new Date('2026-11-22T23:30:00Z');
      smile = await startTestSmile({}, () => now, await EmbeddedStore.open(dir));
      await smile.notifications.sendDue();
      await smile.notifications.sendDue();
      expect((await messages(smile, 'demo-ko')).map((m) => m.kind)).toEqual(['delivery_update']);
    } finally {
      await smile?.close();
      smile = undefined;
      await rm(dir, { recursive: true, force: true });
    }
  });
});
