import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Smile } from '../app/server.js';
import { AppError } from '../domain/errors.js';
import { CommerceClient } from '../integrations/commerce-client.js';
import { startTestSmile } from './helpers.js';

// The subscription routes of the commerce contract (integrations/commerce.openapi.yaml, PRODUCT.md section 8), as the
// sandbox serves them and the HTTP adapter reads them (every answer parsed with its zod schema). "Now" is Sunday
// Nov 22 2026 12:00 in Los Angeles, Monday Nov 23 05:00 in Seoul.
describe('the subscription routes of the commerce contract', () => {
  let smile: Smile;
  let commerce: CommerceClient;
  beforeAll(async () => {
    smile = await startTestSmile();
    commerce = new CommerceClient({ baseUrl: `${smile.url}/sandbox/commerce/v1`, retries: 0 });
  });
  afterAll(async () => {
    await smile.close();
  });
  beforeEach(async () => {
    await fetch(`${smile.url}/sandbox/reset`, { method: 'POST' });
  });
  const raw = async (method: string, path: string, body?: unknown, key?: string): Promise<{ status: number; json: any }> => {
    const res = await fetch(`${smile.url}/sandbox/commerce/v1${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, json: await res.json() };
  };
  const tide = { customerId: 'demo', sku: 'tide-free-92oz', quantity: 1, everyDays: 28, shippingAddressId: 'demo-home' };
  const refusal = (p: Promise<unknown>) =>
    p.then(
      () => null,
      (err: unknown) => (err instanceof AppError ? { status: err.status, code: err.code } : { err }),
    );

  it('when a subscription is created twice under one key, then there is one, starting tomorrow, priced from the history', async () => {
    const a = await commerce.createSubscription(tide, 'k-create');
    const b = await commerce.createSubscription(tide, 'k-create');
    expect(b).toEqual(a);
    expect(a).toMatchObject({ sku: 'tide-free-92oz', name: 'Tide Free & Gentle Laundry Detergent, 92 oz', nextDate: '2026-11-23', status: 'active' });
    expect(a).toMatchObject({ delivery: 'standard', unitPrice: 19.99, currency: 'USD', place: { addressId: 'demo-home', type: 'home' } });
    expect(await commerce.listSubscriptions('demo')).toEqual([a]);
    expect(await commerce.getSubscription(a.id)).toEqual(a);
  });

  it('when one key comes with another body, then it is refused and nothing more is created', async () => {
    await commerce.createSubscription(tide, 'k-1');
    expect(await refusal(commerce.createSubscription({ ...tide, quantity: 2 }, 'k-1'))).toMatchObject({
      status: 422,
      code: 'idempotency_key_reused',
    });
    expect(await commerce.listSubscriptions('demo')).toHaveLength(1);
  });

  it('when "the first Saturday of each month" is asked, then the cycles fall on first Saturdays', async () => {
    const s = await commerce.createSubscription({ ...tide, everyDays: 30, monthlyOn: { week: 1, weekday: 6 } }, 'k-monthly');
    expect(s.nextDate).toBe('2026-12-05');
    const after = await commerce.skipSubscriptionCycle(s.id, '2026-12-05', 'k-skip');
    expect(after.nextDate).toBe('2027-01-02');
  });

  it('when the next cycle is skipped twice under one key, then only one cycle is skipped; another date is refused', async () => {
    const s = await commerce.createSubscription({ ...tide, firstDate: '2026-11-25', everyDays: 14 }, 'k-c');
    const once = await commerce.skipSubscriptionCycle(s.id, '2026-11-25', 'k-s');
    expect((await commerce.skipSubscriptionCycle(s.id, '2026-11-25', 'k-s')).nextDate).toBe('2026-12-09');
    expect(once.nextDate).toBe('2026-12-09');
    expect(await refusal(commerce.skipSubscriptionCycle(s.id, '2026-11-25', 'k-s2'))).toMatchObject({ status: 409, code: 'cycle_not_next' });
  });

  it('when it is paused, changed, resumed and cancelled, then each change holds and a cancelled one cannot change', async () => {
    const s = await commerce.createSubscription({ ...tide, firstDate: '2026-11-24', everyDays: 7 }, 'k-c');
    expect((await commerce.updateSubscription(s.id, { status: 'paused' }, 'k-p')).status).toBe('paused');
    expect(await refusal(commerce.skipSubscriptionCycle(s.id, '2026-11-24', 'k-skip'))).toMatchObject({ status: 409, code: 'not_changeable' });
    const changed = await commerce.updateSubscription(s.id, { quantity: 3, everyDays: 14, shippingAddressId: 'demo-office' }, 'k-q');
    expect(changed).toMatchObject({ quantity: 3, everyDays: 14, place: { addressId: 'demo-office', label: 'Office' } });
    expect((await commerce.updateSubscription(s.id, { status: 'active' }, 'k-r')).nextDate).toBe('2026-11-24');
    expect((await commerce.updateSubscription(s.id, { nextDate: '2026-11-28' }, 'k-d')).nextDate).toBe('2026-11-28');
    expect((await commerce.updateSubscription(s.id, { status: 'cancelled' }, 'k-x')).status).toBe('cancelled');
    expect(await refusal(commerce.updateSubscription(s.id, { status: 'active' }, 'k-y'))).toMatchObject({ status: 409, code: 'not_changeable' });
  });

  it('when a cycle is ordered twice under one key, then one order is placed and the subscription moves on once', async () => {
    const s = await commerce.createSubscription({ ...tide, firstDate: '2026-11-24', everyDays: 28, quantity: 2 }, 'k-c');
    const [a, b] = await Promise.all([
      commerce.placeSubscriptionOrder(s.id, '2026-11-24', `sub:${s.id}:2026-11-24`),
      commerce.placeSubscriptionOrder(s.id, '2026-11-24', `sub:${s.id}:2026-11-24`),
    ]);
    expect(b).toEqual(a);
    expect(a.subscription).toMatchObject({ nextDate: '2026-12-22', lastOrder: { cycleDate: '2026-11-24', orderId: a.orderId } });
    const orders = (await commerce.listOrders('demo')).filter((o) => o.items.some((i) => i.sku === 'tide-free-92oz') && o.status === 'placed');
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({ id: a.orderId, total: 39.98 });
    expect(await refusal(commerce.placeSubscriptionOrder(s.id, '2026-11-24', 'another-key'))).toMatchObject({ status: 409, code: 'cycle_not_next' });
  });

  it('when a Korean customer subscribes to water with dawn delivery, then its cycle ships in a window before 07:00', async () => {
    const s = await commerce.createSubscription(
      { customerId: 'demo-ko', sku: 'samdasoo-2l-12', quantity: 1, everyDays: 14, shippingAddressId: 'demo-ko-home', delivery: 'dawn' },
      'k-ko',
    );
    const placed = await commerce.placeSubscriptionOrder(s.id, s.nextDate, 'k-cycle');
    const shipments = (await (await fetch(`${smile.url}/sandbox/logistics/v1/shipments?customerId=demo-ko`)).json()).shipments;
    expect(shipments.find((x: any) => x.orderId === placed.orderId).window).toEqual({
      start: '2026-11-24T02:00:00+09:00',
      end: '2026-11-24T07:00:00+09:00',
    });
  });

  it.each([
    [
      'dawn delivery of shoes',
      { customerId: 'demo-ko', sku: 'nike-airmax270-260', quantity: 1, everyDays: 30, shippingAddressId: 'demo-ko-home', delivery: 'dawn' },
      422,
      'dawn_unavailable',
    ],
    ['dawn delivery in the US', { ...tide, delivery: 'dawn' }, 422, 'dawn_unavailable'],
    ['an unknown product', { ...tide, sku: 'garden-hose' }, 422, 'unknown_sku'],
    ['an unknown address', { ...tide, shippingAddressId: 'moon' }, 422, 'invalid_address'],
    ['a first date of today', { ...tide, firstDate: '2026-11-22' }, 422, 'invalid_date'],
    ['no interval', { ...tide, everyDays: undefined }, 400, 'invalid_request'],
    ['a quantity of 0', { ...tide, quantity: 0 }, 400, 'invalid_request'],
    ['an unknown field', { ...tide, colour: 'red' }, 400, 'invalid_request'],
  ])('when a subscription is asked with %s, then it is refused with %i %s and nothing is created', async (_what, body, status, code) => {
    const r = await raw('POST', '/subscriptions', body, `k-${code}`);
    expect([r.status, r.json.error.code]).toEqual([status, code]);
    expect(await commerce.listSubscriptions(body.customerId)).toEqual([]);
  });

  it('when a write comes without an Idempotency-Key, then it is refused with 400', async () => {
    const r = await raw('POST', '/subscriptions', tide);
    expect([r.status, r.json.error.code]).toEqual([400, 'idempotency_key_required']);
  });

  it('when a change is empty or unknown, then 400; an unknown subscription is 404', async () => {
    const s = await commerce.createSubscription(tide, 'k-c');
    expect((await raw('PATCH', `/subscriptions/${s.id}`, {}, 'k-e')).status).toBe(400);
    expect((await raw('PATCH', `/subscriptions/${s.id}`, { status: 'gone' }, 'k-e2')).status).toBe(400);
    expect((await raw('GET', '/subscriptions/sub-nope')).status).toBe(404);
  });
});
