import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Smile } from '../app/server.js';
import { buildSeed } from '../sandbox/seed.js';
import { allText, conversation, FIXED_NOW, quoteFrom, startTestSmile } from './helpers.js';

const COMMERCE = 'http://commerce.test';
const LOGISTICS = 'http://logistics.test';

describe('when the commerce API fails', () => {
  let smile: Smile;
  const seed = buildSeed(FIXED_NOW);
  beforeAll(async () => {
    smile = await startTestSmile({ COMMERCE_API_URL: `${COMMERCE}/v1`, LOGISTICS_API_URL: `${LOGISTICS}/v1`, SMILE_API_TIMEOUT_MS: '500' });
    // With real providers configured there is no sandbox; channel identities are linked as account linking would.
    for (const id of ['demo', 'demo-ko'])
      await smile.store.links.put({ channel: 'rest', channelUserId: id, customerId: id, createdAt: FIXED_NOW.toISOString() });
  });
  afterAll(async () => {
    await smile.close();
  });

  const healthyReads = (customerId: string): void => {
    nock(COMMERCE)
      .persist()
      .get(`/v1/customers/${customerId}`)
      .reply(
        200,
        seed.customers.find((c) => c.id === customerId),
      );
    nock(COMMERCE)
      .persist()
      .get(`/v1/customers/${customerId}/orders`)
      .reply(200, { orders: seed.orders.filter((o) => o.customerId === customerId) });
    nock(COMMERCE)
      .persist()
      .post('/v1/quotes')
      .reply(200, (_uri, body) => quoteFrom(seed.orders, body));
    nock(LOGISTICS)
      .persist()
      .get(`/v1/delivery-windows`)
      .query(true)
      .reply(200, { windows: [{ start: '2026-11-23T09:00:00-08:00', end: '2026-11-23T12:00:00-08:00' }] });
  };

  it('then placing the order gets a polite answer, keeps the confirmation open, and a retry reuses the idempotency key', async () => {
    healthyReads('demo');
    const keys: string[] = [];
    nock(COMMERCE)
      .post('/v1/orders')
      .times(3)
      .reply(function () {
        keys.push(String(this.req.headers['idempotency-key']));
        return [503, { error: { code: 'down', message: 'maintenance' } }];
      });
    const say = conversation(smile, 'demo', 'down-en');
    expect((await say('reorder the wipes')).state.awaiting).toBe('confirmation');
    const failed = await say('yes');
    expect(allText(failed)).toMatch(/couldn't reach the order system.*connect you with a person/);
    expect(failed.state.awaiting).toBe('confirmation');
    expect(failed.messages.at(-1)?.suggestions).toContain('Talk to a person');
    // Retried with backoff inside one turn, all with one key.
    expect(keys.length).toBeGreaterThanOrEqual(2);
    expect(new Set(keys).size).toBe(1);

    let placedWith = '';
    nock(COMMERCE)
      .post('/v1/orders')
      .reply(function () {
        placedWith = String(this.req.headers['idempotency-key']);
        return [201, { ...seed.orders[2], id: 'ord-retry', status: 'placed' }];
      });
    const retried = await say('yes');
    expect(allText(retried)).toMatch(/order number RETRY/);
    expect(placedWith).toBe(keys[0]);
  });

  it('then without order history the customer hears so in Korean and nothing is ordered', async () => {
    nock(COMMERCE)
      .persist()
      .get(/\/v1\/customers\/demo-ko.*/)
      .reply(500, 'boom');
    const post = nock(COMMERCE).post('/v1/orders').reply(201, {});
    const say = conversation(smile, 'demo-ko', 'down-ko');
    const r = await say('물티슈 다시 주문해줘');
    expect(allText(r)).toMatch(/주문 내역을 불러오지 못해서/);
    // The flow is over and a person is offered.
    expect(r.state).toEqual({ flow: 'human_handoff', awaiting: 'confirmation' });
    expect(r.messages.at(-1)?.suggestions).toEqual(['네', '아니요']);
    expect(post.isDone()).toBe(false);
  });
});
