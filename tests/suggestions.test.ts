import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Smile } from '../app/server.js';
import type { Order } from '../domain/commerce.js';
import { reorderSuggestions } from '../engine/suggestions.js';
import { get, startTestSmile } from './helpers.js';

const order = (id: string, placedAt: string, sku: string, name: string, quantity = 1, status: Order['status'] = 'delivered'): Order => ({
  id,
  customerId: 'c',
  status,
  placedAt,
  currency: 'USD',
  total: 10,
  items: [{ sku, name, quantity, unitPrice: 10 }],
});

describe('reorder suggestions from purchase cadence', () => {
  const now = new Date('2026-11-22T12:00:00Z');
  it('when a product was bought several times, then the median interval predicts when it runs out', () => {
    const orders = [
      order('1', '2026-09-01T10:00:00Z', 'coffee', 'House Coffee Beans'),
      order('2', '2026-09-11T10:00:00Z', 'coffee', 'House Coffee Beans'),
      order('3', '2026-10-01T10:00:00Z', 'coffee', 'House Coffee Beans'),
      order('4', '2026-11-12T10:00:00Z', 'coffee', 'House Coffee Beans'),
    ];
    // Intervals 10, 20, 42 days: the median, 20, puts the next purchase on Dec 2 — ten days away, outside a 5-day horizon.
    expect(reorderSuggestions(orders, now)).toEqual([]);
    const [s] = reorderSuggestions(orders, now, 14);
    expect(s).toMatchObject({ sku: 'coffee', cadenceDays: 20, cadenceSource: 'history', daysLeft: 10 });
  });

  it('when a product was bought once, then a typical interval for its kind is used, scaled by the quantity', () => {
    const orders = [order('1', '2026-10-25T10:00:00Z', 'd', 'Huggies Diapers Size 3'), order('2', '2026-11-01T10:00:00Z', 'f', 'Infant Formula', 2)];
    const out = reorderSuggestions(orders, now);
    expect(out.map((s) => s.sku)).toEqual(['d']);
    expect(out[0]).toMatchObject({ cadenceSource: 'typical', cadenceDays: 21 });
  });

  it('when a product is already on its way, or has no typical cadence, then it is not suggested', () => {
    const orders = [
      order('1', '2026-10-01T10:00:00Z', 'w', 'Baby Wipes'),
      order('2', '2026-11-20T10:00:00Z', 'w', 'Baby Wipes', 1, 'shipped'),
      order('3', '2026-01-01T10:00:00Z', 's', 'Running Shoes'),
    ];
    expect(reorderSuggestions(orders, now)).toEqual([]);
  });
});

describe('GET /v1/customers/{id}/suggestions', () => {
  let open: Smile;
  let locked: Smile;
  const secret = 'another-long-shop-secret-9876543210';
  beforeAll(async () => {
    open = await startTestSmile();
    locked = await startTestSmile({ SMILE_REST_JWT_SECRET: secret });
  });
  afterAll(async () => {
    await open.close();
    await locked.close();
  });

  it('when asked for the seed customers, then the diapers and formula bought three weeks ago are due', async () => {
    const en = await get(open, '/v1/customers/demo/suggestions');
    expect(en.suggestions.map((s: any) => s.sku)).toEqual(expect.arrayContaining(['huggies-ls-2-84']));
    expect(en.suggestions.map((s: any) => s.sku)).not.toContain('nike-rev7-10');
    const ko = await get(open, '/v1/customers/demo-ko/suggestions');
    expect(ko.suggestions.length).toBeGreaterThan(0);
  });

  it('when a token is required, then only the customer it speaks for may read the list', async () => {
    const token = async (sub: string): Promise<string> =>
      new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).setExpirationTime('5m').sign(new TextEncoder().encode(secret));
    const url = `${locked.url}/v1/customers/demo/suggestions`;
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: `Bearer ${await token('demo-ko')}` } })).status).toBe(403);
    expect((await fetch(url, { headers: { authorization: `Bearer ${await token('demo')}` } })).status).toBe(200);
  });

  it('when the id is malformed, then 400', async () => {
    const res = await fetch(`${open.url}/v1/customers/${encodeURIComponent('a b')}/suggestions`);
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('invalid_request');
  });
});
