import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Smile } from '../app/server.js';
import { get, post, startTestSmile } from './helpers.js';

describe('bad input gets a 4xx with { error: { code, message } } and changes nothing', () => {
  let smile: Smile;
  beforeAll(async () => {
    smile = await startTestSmile();
  });
  afterAll(async () => {
    await smile.close();
  });

  const cases: Array<[string, string, unknown, number, string]> = [
    ['chat without text', '/v1/chat', { userId: 'demo' }, 400, 'invalid_request'],
    ['chat without userId', '/v1/chat', { text: 'hi' }, 400, 'invalid_request'],
    ['chat with a numeric text', '/v1/chat', { userId: 'demo', text: 42 }, 400, 'invalid_request'],
    ['chat with an unknown locale', '/v1/chat', { userId: 'demo', text: 'hi', locale: 'fr-FR' }, 400, 'invalid_request'],
    ['chat with an unknown field', '/v1/chat', { userId: 'demo', text: 'hi', admin: true }, 400, 'invalid_request'],
    ['chat with a text over 2,000 characters', '/v1/chat', { userId: 'demo', text: 'a'.repeat(2001) }, 413, 'text_too_long'],
    ['chat with a bad conversationId', '/v1/chat', { userId: 'demo', text: 'hi', conversationId: '../../etc' }, 400, 'invalid_request'],
    ['chat with a body that is not JSON', '/v1/chat', '{"userId": "demo", text', 400, 'invalid_json'],
    ['nlu parse without locale', '/v1/nlu/parse', { text: 'hi' }, 400, 'invalid_request'],
    [
      'sandbox order without an Idempotency-Key',
      '/sandbox/commerce/v1/orders',
      { customerId: 'demo', items: [{ sku: 'tide-free-92oz', quantity: 1 }], shippingAddressId: 'demo-home' },
      400,
      'idempotency_key_required',
    ],
    [
      'sandbox order with a bad quantity',
      '/sandbox/commerce/v1/orders',
      { customerId: 'demo', items: [{ sku: 'x', quantity: 0 }], shippingAddressId: 'demo-home' },
      400,
      'invalid_request',
    ],
    [
      'sandbox return without a reason',
      '/sandbox/logistics/v1/returns',
      { orderId: 'ord-1002', customerId: 'demo', items: [{ sku: 'nike-rev7-10', quantity: 1 }], method: 'store_dropoff' },
      400,
      'invalid_request',
    ],
    ['an unknown route', '/v1/nothing', {}, 404, 'not_found'],
  ];

  for (const [name, path, body, status, code] of cases) {
    it(`when ${name}, then ${status} ${code}`, async () => {
      const ordersBefore = await get(smile, '/sandbox/commerce/v1/customers/demo/orders');
      const r = await post(smile, path, body);
      expect(r.status).toBe(status);
      expect(r.json.error).toEqual({ code, message: expect.any(String) });
      expect(await get(smile, '/sandbox/commerce/v1/customers/demo/orders')).toEqual(ordersBefore);
    });
  }

  it('when the body is not JSON at all, then 415', async () => {
    const res = await fetch(`${smile.url}/v1/chat`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'reorder' });
    expect(res.status).toBe(415);
    expect((await res.json()).error.code).toBe('unsupported_media_type');
  });

  it('when the sandbox gets one Idempotency-Key twice, then one order exists and the second answer replays the first', async () => {
    const body = { customerId: 'demo', items: [{ sku: 'tide-free-92oz', quantity: 1 }], shippingAddressId: 'demo-home' };
    const a = await post(smile, '/sandbox/commerce/v1/orders', body, { 'idempotency-key': 'k-1' });
    const b = await post(smile, '/sandbox/commerce/v1/orders', body, { 'idempotency-key': 'k-1' });
    expect(a.status).toBe(201);
    expect(b.json).toEqual(a.json);
    const other = await post(
      smile,
      '/sandbox/commerce/v1/orders',
      { ...body, items: [{ sku: 'tide-free-92oz', quantity: 2 }] },
      { 'idempotency-key': 'k-1' },
    );
    expect(other.status).toBe(422);
  });
});

describe('when SMILE_REST_JWT_SECRET is set', () => {
  let smile: Smile;
  const secret = 'a-very-long-shop-secret-0123456789';
  beforeAll(async () => {
    smile = await startTestSmile({ SMILE_REST_JWT_SECRET: secret });
  });
  afterAll(async () => {
    await smile.close();
  });
  const token = (sub: string): Promise<string> =>
    new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).setExpirationTime('5m').sign(new TextEncoder().encode(secret));

  it('then a request without a token is refused', async () => {
    const r = await post(smile, '/v1/chat', { userId: 'demo', text: 'hi' });
    expect(r.status).toBe(401);
  });
  it('then nobody may speak as another customer', async () => {
    const r = await post(smile, '/v1/chat', { userId: 'demo', text: 'hi' }, { authorization: `Bearer ${await token('demo-ko')}` });
    expect(r.status).toBe(403);
  });
  it('then a signed customer is answered without naming a userId', async () => {
    const r = await post(smile, '/v1/chat', { text: '안녕하세요' }, { authorization: `Bearer ${await token('demo-ko')}` });
    expect(r.status).toBe(200);
    expect(r.json.messages[0].text).toMatch(/안녕하세요/);
  });
});
