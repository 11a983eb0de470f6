import { afterEach, describe, expect, it } from 'vitest';
import type { Smile } from '../app/server.js';
import { signatureHeader } from '../sandbox/courier.js';
import { FIXED_NOW, get, post, startTestSmile } from './helpers.js';

// FIXED_NOW is Sunday noon in Los Angeles and Monday 05:00 in Seoul: inside Seoul's default quiet hours (21:00–08:00).
const SECRET = 'test-events-secret-0123456789';
let smile: Smile | undefined;
afterEach(async () => {
  await smile?.close();
  smile = undefined;
});

const event = (id: string, overrides: Record<string, unknown> = {}) => ({
  id,
  type: 'delayed',
  shipmentId: 'shp-1004',
  customerId: 'demo',
  occurredAt: FIXED_NOW.toISOString(),
  data: { window: { start: '2026-11-26T09:00:00-08:00', end: '2026-11-26T12:00:00-08:00' } },
  ...overrides,
});
const send = (s: Smile, body: unknown, signature: string | null) => {
  const raw = JSON.stringify(body);
  return post(s, '/v1/events/logistics', raw, signature === null ? {} : { 'smile-signature': signature });
};
const signed = (body: unknown, secret = SECRET, at = FIXED_NOW) => signatureHeader(secret, JSON.stringify(body), at);
const messages = async (s: Smile, customerId: string): Promise<Array<Record<string, string>>> =>
  (await get(s, `/sandbox/notify/v1/messages?customerId=${customerId}`)).messages;

describe('POST /v1/events/logistics: the signed webhook', () => {
  it('accepts a correctly signed event, stores it and sends its notice', async () => {
    smile = await startTestSmile({ SMILE_EVENTS_SECRET: SECRET });
    const body = event('evt-good');
    const r = await send(smile, body, signed(body));
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ received: true, duplicate: false });
    expect((await smile.notifications.rows.event('evt-good'))?.processedAt).toBeTruthy();
    expect(await messages(smile, 'demo')).toHaveLength(1);
  });

  it.each([
    ['signed with another secret', (b: unknown) => signed(b, 'another-secret-0123456789')],
    ['signed six minutes ago', (b: unknown) => signed(b, SECRET, new Date(FIXED_NOW.getTime() - 6 * 60_000))],
    ['signed six minutes in the future', (b: unknown) => signed(b, SECRET, new Date(FIXED_NOW.getTime() + 6 * 60_000))],
    ['without a signature', () => null],
    ['with a malformed signature', () => 't=abc,v1=zz'],
    ['signed over a different body', () => signed(event('evt-other'))],
  ])('refuses an event %s with 401 and changes nothing', async (_name, sign) => {
    smile = await startTestSmile({ SMILE_EVENTS_SECRET: SECRET });
    const body = event('evt-bad');
    const r = await send(smile, body, sign(body));
    expect(r.status).toBe(401);
    expect(r.json.error.code).toBe('invalid_signature');
    expect(await smile.notifications.rows.event('evt-bad')).toBeNull();
    expect(await messages(smile, 'demo')).toEqual([]);
  });

  it('accepts a signature four minutes old (inside the five-minute tolerance)', async () => {
    smile = await startTestSmile({ SMILE_EVENTS_SECRET: SECRET });
    const body = event('evt-late');
    expect((await send(smile, body, signed(body, SECRET, new Date(FIXED_NOW.getTime() - 4 * 60_000)))).status).toBe(200);
  });

  it.each([
    ['an unknown type', event('evt-x', { type: 'teleported' })],
    ['a delay without its window', event('evt-x', { data: {} })],
    [
      'a pick-up code that is not six digits',
      event('evt-x', { type: 'arrived_at_pickup_point', data: { pickupPointId: 'pp', code: '12', holdUntil: FIXED_NOW.toISOString() } }),
    ],
    ['no id', { ...event('x'), id: undefined }],
  ])('answers 400 to a signed body with %s, and keeps nothing', async (_name, body) => {
    smile = await startTestSmile({ SMILE_EVENTS_SECRET: SECRET });
    const r = await send(smile, body, signed(body));
    expect(r.status).toBe(400);
    expect(await smile.notifications.rows.event('evt-x')).toBeNull();
  });

  it('answers a signed body that is not JSON with 400', async () => {
    smile = await startTestSmile({ SMILE_EVENTS_SECRET: SECRET });
    const raw = '{"id":';
    const r = await post(smile, '/v1/events/logistics', raw, { 'smile-signature': signatureHeader(SECRET, raw, FIXED_NOW) });
    expect(r.status).toBe(400);
  });

  it('answers a repeated event id with 200 and does nothing again (one notice)', async () => {
    smile = await startTestSmile({ SMILE_EVENTS_SECRET: SECRET });
    const body = event('evt-twice');
    expect((await send(smile, body, signed(body))).json.duplicate).toBe(false);
    const again = await send(smile, body, signed(body));
    expect(again.status).toBe(200);
    expect(again.json.duplicate).toBe(true);
    expect(await messages(smile, 'demo')).toHaveLength(1);
  });

  it('processes an event accepted before a crash exactly once when the sweep runs', async () => {
    smile = await startTestSmile({ SMILE_EVENTS_SECRET: SECRET });
    // As if the process died right after storing the event: accepted, not processed.
    const body = event('evt-crash');
    await smile.notifications.rows.acceptEvent({ id: body.id, event: body as never, receivedAt: FIXED_NOW.toISOString(), processedAt: null });
    await smile.notifications.sendDue();
    await smile.notifications.sendDue();
    expect((await messages(smile, 'demo')).map((m) => m.eventId)).toEqual(['evt-crash']);
  });

  it('accepts an event for a customer the shop does not know, sends nothing and does not retry it', async () => {
    smile = await startTestSmile({ SMILE_EVENTS_SECRET: SECRET });
    const body = event('evt-nobody', { customerId: 'nobody' });
    expect((await send(smile, body, signed(body))).status).toBe(200);
    expect((await smile.notifications.rows.event('evt-nobody'))?.processedAt).toBeTruthy();
    expect(await smile.notifications.rows.unprocessedEvents()).toEqual([]);
  });
});
