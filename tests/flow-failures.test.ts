import nock from 'nock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Smile } from '../app/server.js';
import { windowsFor } from '../sandbox/sandbox.js';
import { buildSeed } from '../sandbox/seed.js';
import { allText, conversation, FIXED_NOW, startTestSmile } from './helpers.js';

const COMMERCE = 'http://commerce.test';
const LOGISTICS = 'http://logistics.test';
const seed = buildSeed(FIXED_NOW);

/** The providers answer every read from the seed; each test decides how the write fails. */
function healthyReads(): void {
  for (const c of seed.customers) {
    nock(COMMERCE).persist().get(`/v1/customers/${c.id}`).reply(200, c);
    nock(COMMERCE)
      .persist()
      .get(`/v1/customers/${c.id}/orders`)
      .reply(200, { orders: seed.orders.filter((o) => o.customerId === c.id) });
    nock(LOGISTICS)
      .persist()
      .get('/v1/shipments')
      .query({ customerId: c.id })
      .reply(200, { shipments: seed.shipments.filter((s) => s.customerId === c.id) });
    nock(LOGISTICS)
      .persist()
      .get('/v1/delivery-windows')
      .query({ customerId: c.id })
      .reply(200, { windows: windowsFor(c, FIXED_NOW) });
    nock(LOGISTICS).persist().get('/v1/returns').query({ customerId: c.id }).reply(200, { returns: [] });
    nock(LOGISTICS)
      .persist()
      .get('/v1/pickup-points')
      .query(true)
      .reply(200, { pickupPoints: seed.pickupPoints.filter((p) => p.near === c.id).map(({ near: _n, ...p }) => p) });
  }
  for (const s of seed.shipments) {
    const customer = seed.customers.find((c) => c.id === s.customerId)!;
    nock(LOGISTICS)
      .persist()
      .get(`/v1/shipments/${s.id}/windows`)
      .reply(200, { windows: windowsFor(customer, FIXED_NOW) });
  }
}

/** A write that fails with 503 on every try of the first attempt, then succeeds; records the keys it saw. */
function flakyWrite(method: 'post' | 'patch', host: string, path: string, success: (body: any) => unknown): { keys: string[] } {
  const seen = { keys: [] as string[] };
  const first = nock(host);
  first[method](path)
    .times(3)
    .reply(function () {
      seen.keys.push(String(this.req.headers['idempotency-key']));
      return [503, { error: { code: 'down', message: 'maintenance' } }];
    });
  const then = nock(host);
  then[method](path).reply(function (_uri, body) {
    seen.keys.push(String(this.req.headers['idempotency-key']));
    return [200, success(body)];
  });
  return seen;
}

describe('when a provider fails during a flow', () => {
  let smile: Smile;
  beforeAll(async () => {
    smile = await startTestSmile({ COMMERCE_API_URL: `${COMMERCE}/v1`, LOGISTICS_API_URL: `${LOGISTICS}/v1`, SMILE_API_TIMEOUT_MS: '500' });
    for (const id of ['demo', 'demo-ko'])
      await smile.store.links.put({ channel: 'rest', channelUserId: id, customerId: id, createdAt: FIXED_NOW.toISOString() });
  });
  afterAll(async () => {
    await smile.close();
  });
  beforeEach(() => {
    nock.cleanAll();
    healthyReads();
  });

  it('then moving a delivery answers politely, keeps the choice, and "yes" retries under the same key', async () => {
    const wipes = seed.shipments.find((s) => s.id === 'shp-1003')!;
    const write = flakyWrite('patch', LOGISTICS, '/v1/shipments/shp-1003', (body) => ({ ...wipes, ...body }));
    const say = conversation(smile, 'demo', 'fail-slot');
    await say('move the wipes to tomorrow evening');
    const failed = await say('yes');
    expect(allText(failed)).toMatch(/couldn't reach the shop's systems, so nothing has changed yet/);
    expect(failed.state).toEqual({ flow: 'change_delivery_slot', awaiting: 'confirmation' });
    expect(failed.messages.at(-1)?.suggestions).toContain('Talk to a person');
    const retried = await say('yes');
    expect(allText(retried)).toMatch(/will now arrive Mon, Nov 23, 6 PM/);
    expect(new Set(write.keys).size).toBe(1);
  });

  it('then changing the place in Korean answers politely and retries with the same key', async () => {
    const ramen = seed.shipments.find((s) => s.id === 'shp-2004')!;
    const write = flakyWrite('patch', LOGISTICS, '/v1/shipments/shp-2004', (body) => ({ ...ramen, ...body }));
    const say = conversation(smile, 'demo-ko', 'fail-place');
    await say('라면 회사로 보내줘');
    const failed = await say('네');
    expect(allText(failed)).toMatch(/아직 바뀐 내용이 없어요/);
    expect(failed.state.awaiting).toBe('confirmation');
    expect(allText(await say('네'))).toMatch(/바꿨어요/);
    expect(new Set(write.keys).size).toBe(1);
  });

  it('then booking a return answers politely and the retry books once', async () => {
    const write = flakyWrite('post', LOGISTICS, '/v1/returns', (body) => ({
      id: 'ret-1',
      ...body,
      status: 'booked',
      dropoffCode: '123456',
      refundEstimate: { amount: 69.99, currency: 'USD' },
    }));
    const say = conversation(smile, 'demo', 'fail-return');
    await say('return the shoes, they are too small');
    await say('Drop off at a convenience store');
    await say('the first one');
    const failed = await say('yes');
    expect(failed.state.awaiting).toBe('confirmation');
    expect(allText(await say('yes'))).toMatch(/drop-off code 123456/);
    expect(new Set(write.keys).size).toBe(1);
  });

  it('then cancelling in Korean answers politely and the retry cancels once', async () => {
    const ramen = seed.orders.find((o) => o.id === 'ord-2004')!;
    const write = flakyWrite('post', COMMERCE, '/v1/orders/ord-2004/cancel', () => ({ ...ramen, status: 'cancelled' }));
    const say = conversation(smile, 'demo-ko', 'fail-cancel');
    await say('라면 주문 취소해줘');
    expect((await say('네')).state.awaiting).toBe('confirmation');
    expect(allText(await say('네'))).toMatch(/취소했어요/);
    expect(new Set(write.keys).size).toBe(1);
  });

  it('then a status question that cannot be answered offers a person, in both languages', async () => {
    nock.cleanAll();
    for (const c of seed.customers) {
      nock(COMMERCE).persist().get(`/v1/customers/${c.id}`).reply(200, c);
      nock(COMMERCE)
        .persist()
        .get(`/v1/customers/${c.id}/orders`)
        .reply(200, { orders: seed.orders.filter((o) => o.customerId === c.id) });
    }
    nock(LOGISTICS).persist().get('/v1/shipments').query(true).reply(500, 'down');
    const en = await conversation(smile, 'demo', 'fail-status-en')('where is my order');
    expect(allText(en)).toMatch(/can't look up your orders right now/);
    expect(en.state).toEqual({ flow: 'human_handoff', awaiting: 'confirmation' });
    const ko = await conversation(smile, 'demo-ko', 'fail-status-ko')('내 택배 어디야');
    expect(allText(ko)).toMatch(/지금은 주문을 조회할 수 없어요/);
  });
});
