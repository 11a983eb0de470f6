import { afterEach, describe, expect, it } from 'vitest';
import type { Smile } from '../app/server.js';
import { allText, conversation, get, post, startTestSmile } from './helpers.js';

// In-home and car-trunk delivery (PRODUCT.md section 8, issue 13 item 6): booking one asks the logistics API for a
// one-time access code valid only inside the window; the customer is told when the courier arrives and when the door
// or trunk is locked again, with the proof photo.
let smile: Smile | undefined;
afterEach(async () => {
  await smile?.close();
  smile = undefined;
});

const messages = async (s: Smile, customerId: string): Promise<Array<{ kind: string; channel: string; text: string }>> =>
  (await get(s, `/sandbox/notify/v1/messages?customerId=${customerId}`)).messages;
const advance = async (s: Smile, id: string): Promise<{ type: string; data: Record<string, unknown> }> => {
  const r = await post(s, `/sandbox/logistics/v1/shipments/${id}/advance`, {});
  expect(r.status).toBe(200);
  expect(r.json.webhook).toEqual({ status: 200 });
  return r.json.event;
};
const accessCode = (s: Smile, id: string) => get(s, `/sandbox/logistics/v1/shipments/${id}/access-code`);

describe('a car-trunk delivery booked by conversation', () => {
  it('asks for a code valid only in the window; the customer hears when the courier is at the car and when it is locked again', async () => {
    smile = await startTestSmile({ SMILE_QUIET_HOURS: 'off' });
    const chat = conversation(smile, 'demo', 'trunk-1');
    expect((await accessCode(smile, 'shp-1004')).error.code).toBe('not_found');
    const ask = await chat('deliver the toothbrush heads to my car trunk');
    expect(allText(ask)).toMatch(/trunk/i);
    expect(ask.state.awaiting).toBe('confirmation');
    await chat('yes');
    const shipment = await get(smile, '/sandbox/logistics/v1/shipments/shp-1004');
    expect(shipment.place.type).toBe('car_trunk');
    const code = await accessCode(smile, 'shp-1004');
    expect(code).toMatchObject({ shipmentId: 'shp-1004', code: expect.stringMatching(/^\d{6}$/) });
    expect([code.validFrom, code.validUntil]).toEqual([shipment.window.start, shipment.window.end]);
    // The customer is never read the courier's code.
    expect(JSON.stringify(ask) + allText(await chat('where is my toothbrush order?'))).not.toContain(code.code);

    for (const expected of ['shipped', 'out_for_delivery', 'courier_arrived']) expect((await advance(smile, 'shp-1004')).type).toBe(expected);
    const done = await advance(smile, 'shp-1004');
    expect(done).toMatchObject({ type: 'delivered', data: { placeType: 'car_trunk', secured: true, photoUrl: expect.stringContaining('/photo') } });
    const texts = (await messages(smile, 'demo')).map((m) => m.text);
    expect(texts.at(-2)).toMatch(/^The courier is at your car with .+ opening the trunk with a one-time code/);
    expect(texts.at(-1)).toBe(
      `Philips Sonicare Replacement Brush Heads, 4 pk is in your car's trunk and the car is locked again. Photo: ${String(done.data.photoUrl)}`,
    );
    // The photo is there to be opened.
    const photo = await fetch(String(done.data.photoUrl));
    expect(photo.headers.get('content-type')).toMatch(/image\/svg\+xml/);
  });

  it('a code is refused for a delivery that is not in-home or to a car trunk, and a repeated request under one key gives the same code', async () => {
    smile = await startTestSmile();
    const url = `${smile.url}/sandbox/logistics/v1/shipments/shp-2004/access-code`;
    const ask = (key: string) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': key }, body: '{}' });
    const refused = await ask('k-home');
    expect(refused.status).toBe(409);
    expect((await refused.json()).error.code).toBe('no_access_delivery');
    await fetch(`${smile.url}/sandbox/logistics/v1/shipments/shp-2004`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'to-home' },
      body: JSON.stringify({ place: { type: 'in_home', label: '집 안' } }),
    });
    const first = await (await ask('k-1')).json();
    const again = await (await ask('k-1')).json();
    expect(again).toEqual(first);
    expect((await ask('')).status).toBe(400);
  });
});

describe('an in-home delivery told in Korean', () => {
  it('기사님 도착, then the door locked again with the photo', async () => {
    smile = await startTestSmile({ SMILE_QUIET_HOURS: 'off' });
    await fetch(`${smile.url}/sandbox/logistics/v1/shipments/shp-2004`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'ko-in-home' },
      body: JSON.stringify({ place: { type: 'in_home', label: '집 안' } }),
    });
    for (const expected of ['shipped', 'out_for_delivery', 'courier_arrived', 'delivered'])
      expect((await advance(smile, 'shp-2004')).type).toBe(expected);
    const texts = (await messages(smile, 'demo-ko')).map((m) => m.text);
    expect(texts.at(-2)).toMatch(/배송 기사님이 도착해서 일회용 코드로 현관문을 열고 있어요\.\n문이 다시 잠기면 알려 드릴게요\.$/);
    expect(texts.at(-1)).toMatch(
      /^배송 기사님이 .+(을|를) 집 안에 놓고 현관문을 다시 잠갔어요\.\n배송 사진: http:\/\/127\.0\.0\.1:\d+\/sandbox\/logistics\/v1\/shipments\/shp-2004\/photo$/,
    );
  });
});
