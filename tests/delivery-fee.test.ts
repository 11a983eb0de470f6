import { readFileSync } from 'node:fs';
import nock from 'nock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Smile } from '../app/server.js';
import { OrderQuote, type Order } from '../domain/commerce.js';
import { DELIVERY_FEES } from '../sandbox/delivery-fees.js';
import { windowsFor } from '../sandbox/sandbox.js';
import { buildSeed } from '../sandbox/seed.js';
import { envelope, intentRequest, spoken, words } from './alexa-envelopes.js';
import { allText, bfActivity, conversation, FIXED_NOW, get, kakaoRequest, post, quoteFrom, startTestSmile, type ChatReply } from './helpers.js';

// Seed prices: Tide $19.99 and Pampers wipes $24.99 (demo, fee $5.99 under $35); 삼다수 12,900원 (demo-ko, 3,000원 under 30,000원).
const TIDE = 'tide-free-92oz';
const SAMDASOO = 'samdasoo-2l-12';

const ordersOf = async (smile: Smile, customerId: string): Promise<Order[]> =>
  ((await get(smile, `/sandbox/commerce/v1/customers/${customerId}/orders`)) as { orders: Order[] }).orders;
/** Orders placed in this test: the seed's ids are fixed (ord-1001…, ord-2001…), new ones are hashes. */
const newOrders = async (smile: Smile, customerId: string): Promise<Order[]> =>
  (await ordersOf(smile, customerId)).filter((o) => !/^ord-\d{4}$/.test(o.id));
const quote = (smile: Smile, body: unknown) => post(smile, '/sandbox/commerce/v1/quotes', body);
const cardLines = (r: ChatReply): string[] => r.messages.flatMap((m) => m.card?.lines ?? []);

describe('the delivery fee: POST /quotes in the commerce contract, as the sandbox serves it', () => {
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
    [
      'under $35: the fee is charged',
      'demo',
      'demo-home',
      TIDE,
      1,
      { subtotal: 19.99, deliveryFee: 5.99, total: 25.98, currency: 'USD', freeDeliveryFrom: 35 },
    ],
    [
      'from $35: delivery is free',
      'demo',
      'demo-home',
      TIDE,
      2,
      { subtotal: 39.98, deliveryFee: 0, total: 39.98, currency: 'USD', freeDeliveryFrom: 35 },
    ],
    [
      'under 30,000원: 3,000원 is charged',
      'demo-ko',
      'demo-ko-home',
      SAMDASOO,
      1,
      { subtotal: 12900, deliveryFee: 3000, total: 15900, currency: 'KRW', freeDeliveryFrom: 30000 },
    ],
    [
      'from 30,000원: delivery is free',
      'demo-ko',
      'demo-ko-office',
      SAMDASOO,
      3,
      { subtotal: 38700, deliveryFee: 0, total: 38700, currency: 'KRW', freeDeliveryFrom: 30000 },
    ],
  ])(
    'when an order %s, then the quote says so and is valid by the contract',
    async (_what, customerId, shippingAddressId, sku, quantity, figures) => {
      const r = await quote(smile, { customerId, items: [{ sku, quantity }], shippingAddressId });
      expect(r.status).toBe(200);
      expect(OrderQuote.parse(r.json)).toMatchObject({ customerId, shippingAddressId, items: [{ sku, quantity }], ...figures });
    },
  );

  it('when the same request is then placed as an order, then the order carries the quoted fee and total, and a quote ordered nothing', async () => {
    const body = { customerId: 'demo', items: [{ sku: 'pampers-sens-12', quantity: 1 }], shippingAddressId: 'demo-office' };
    const quoted = OrderQuote.parse((await quote(smile, body)).json);
    expect(await newOrders(smile, 'demo')).toEqual([]);
    const placed = await post(smile, '/sandbox/commerce/v1/orders', body, { 'Idempotency-Key': 'fee-contract-1' });
    expect(placed.status).toBe(201);
    expect(placed.json).toMatchObject({ subtotal: quoted.subtotal, deliveryFee: quoted.deliveryFee, total: quoted.total, currency: quoted.currency });
    expect(quoted).toMatchObject({ subtotal: 24.99, deliveryFee: 5.99, total: 30.98 });
  });

  it.each([
    ['without items', { customerId: 'demo', items: [], shippingAddressId: 'demo-home' }, 400, 'invalid_request'],
    ['with a quantity of 0', { customerId: 'demo', items: [{ sku: TIDE, quantity: 0 }], shippingAddressId: 'demo-home' }, 400, 'invalid_request'],
    ['without a destination', { customerId: 'demo', items: [{ sku: TIDE, quantity: 1 }] }, 400, 'invalid_request'],
    [
      'with a field the contract does not have',
      { customerId: 'demo', items: [{ sku: TIDE, quantity: 1 }], shippingAddressId: 'demo-home', coupon: 'X' },
      400,
      'invalid_request',
    ],
    ['for an unknown customer', { customerId: 'nobody', items: [{ sku: TIDE, quantity: 1 }], shippingAddressId: 'demo-home' }, 404, 'not_found'],
    [
      'for a product the shop does not sell',
      { customerId: 'demo', items: [{ sku: 'garden-hose', quantity: 1 }], shippingAddressId: 'demo-home' },
      422,
      'unknown_sku',
    ],
    [
      "to another customer's address",
      { customerId: 'demo', items: [{ sku: TIDE, quantity: 1 }], shippingAddressId: 'demo-ko-home' },
      422,
      'invalid_address',
    ],
  ])('when a quote is asked %s, then it is refused with a 4xx error and nothing changes', async (_what, body, status, code) => {
    const r = await quote(smile, body);
    expect(r.status).toBe(status);
    expect(r.json.error.code).toBe(code);
    expect(await newOrders(smile, 'demo')).toEqual([]);
  });

  it('when the body is not JSON, then it is refused with a 4xx error', async () => {
    const r = await post(smile, '/sandbox/commerce/v1/quotes', '{"customerId":');
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBeTruthy();
  });

  it('when the policy documents state the fees, then they are the figures the shop charges (one source of truth)', () => {
    const doc = (locale: string): string => readFileSync(new URL(`../prompts/policies/${locale}/delivery.md`, import.meta.url), 'utf8');
    const en = /free on orders of \$(\d+(?:\.\d+)?) or more\. Smaller orders have a \$(\d+(?:\.\d+)?) delivery fee/.exec(doc('en-US'));
    expect(en && { freeFrom: Number(en[1]), fee: Number(en[2]) }).toEqual(DELIVERY_FEES.USD);
    const ko = /(\d+)만 원 이상 주문은 무료 배송이에요\. 그보다 적은 주문은 배송비 ([\d,]+)원이 붙어요/.exec(doc('ko-KR'));
    expect(ko && { freeFrom: Number(ko[1]) * 10_000, fee: Number(ko[2]!.replace(/,/g, '')) }).toEqual(DELIVERY_FEES.KRW);
  });
});

describe('the delivery fee in the reorder confirmation, over every channel', () => {
  let smile: Smile;
  beforeAll(async () => {
    smile = await startTestSmile({ ALEXA_VERIFY: 'false' });
  });
  afterAll(async () => {
    await smile.close();
  });
  beforeEach(async () => {
    await post(smile, '/sandbox/reset', {});
  });

  it('when an English order is under the threshold, then the total is said with the fee, and the order placed carries that total', async () => {
    const say = conversation(smile, 'demo', 'fee-en-under');
    const asked = await say('reorder the tide');
    expect(asked.state).toEqual({ flow: 'reorder', awaiting: 'confirmation' });
    expect(allText(asked)).toContain('$19.99 + $5.99 delivery = $25.98');
    expect(cardLines(asked)).toEqual(expect.arrayContaining(['Total $19.99 + $5.99 delivery = $25.98', 'Free delivery from $35.00']));
    const done = await say('yes');
    expect(allText(done)).toMatch(/is placed.*\$25\.98/);
    const [order] = await newOrders(smile, 'demo');
    expect(order).toMatchObject({ total: 25.98, subtotal: 19.99, deliveryFee: 5.99, items: [{ sku: TIDE, quantity: 1 }] });
  });

  it('when a Korean order is under the threshold, then 상품 + 배송비 = 결제 금액 is said and the order carries that total', async () => {
    const say = conversation(smile, 'demo-ko', 'fee-ko-under');
    const asked = await say('삼다수 다시 주문해줘');
    expect(allText(asked)).toContain('결제 금액: 상품 12,900원 + 배송비 3,000원 = 15,900원');
    expect(cardLines(asked)).toContain('30,000원 이상 무료 배송');
    expect(allText(asked)).not.toMatch(/[A-Za-z]{3,}/);
    await say('네');
    const [order] = await newOrders(smile, 'demo-ko');
    expect(order).toMatchObject({ total: 15900, deliveryFee: 3000, items: [{ sku: SAMDASOO, quantity: 1 }] });
  });

  it.each([
    ['demo', 'reorder two packs of the wipes', '$49.98', /delivery/i],
    ['demo-ko', '삼다수 세 개 다시 주문해줘', '38,700원', /배송비|무료 배송/],
  ])('when an order of %s is over the threshold, then nothing is said about a fee', async (user, ask, total, fee) => {
    const asked = await conversation(smile, user, `fee-free-${user}`)(ask);
    expect(asked.state.awaiting).toBe('confirmation');
    expect(allText(asked)).toContain(total);
    expect(allText(asked)).not.toMatch(fee);
    expect(cardLines(asked).join(' ')).not.toMatch(fee);
  });

  it('when the quantity is corrected across the threshold ("make it 3", then back to one), then each confirmation is priced again and the order is the last one confirmed', async () => {
    const say = conversation(smile, 'demo', 'fee-cross-en');
    expect(allText(await say('reorder the tide'))).toContain('+ $5.99 delivery');
    const three = await say('make it 3');
    expect(allText(three)).toContain('3 × Tide');
    expect(allText(three)).toContain('$59.97');
    expect(allText(three)).not.toMatch(/delivery =/);
    // A correction is not the time to say again that the product was ordered recently.
    expect(three.messages).toHaveLength(1);
    const one = await say('make it 1');
    expect(allText(one)).toContain('$19.99 + $5.99 delivery = $25.98');
    await say('yes');
    const orders = await newOrders(smile, 'demo');
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({ total: 25.98, deliveryFee: 5.99, items: [{ quantity: 1 }] });
  });

  it('when a Korean customer corrects the quantity ("3개로 해 주세요"), then the fee goes and the order placed is free of it', async () => {
    const say = conversation(smile, 'demo-ko', 'fee-cross-ko');
    expect(allText(await say('삼다수 다시 주문해줘'))).toContain('배송비 3,000원');
    const three = await say('3개로 해 주세요');
    expect(allText(three)).toContain('수량: 3개\n결제 금액: 38,700원\n');
    await say('네');
    const [order] = await newOrders(smile, 'demo-ko');
    expect(order).toMatchObject({ total: 38700, deliveryFee: 0, items: [{ sku: SAMDASOO, quantity: 3 }] });
  });

  it('when "yes" is sent twice with the same message id, then one order is placed and the same total is answered', async () => {
    const say = conversation(smile, 'demo', 'fee-dup');
    await say('reorder the tide');
    const first = await say('yes', 'dup-yes');
    const again = await say('yes', 'dup-yes');
    expect(allText(again)).toBe(allText(first));
    expect(await newOrders(smile, 'demo')).toHaveLength(1);
  });

  it('when the customer says no or stop at a confirmation with a fee, then nothing is ordered', async () => {
    const en = conversation(smile, 'demo', 'fee-no');
    await en('reorder the tide');
    expect((await en('no')).state).toEqual({ flow: null, awaiting: null });
    const ko = conversation(smile, 'demo-ko', 'fee-stop');
    await ko('삼다수 다시 주문해줘');
    expect((await ko('그만')).state.flow).toBeNull();
    expect(await newOrders(smile, 'demo')).toEqual([]);
    expect(await newOrders(smile, 'demo-ko')).toEqual([]);
  });

  it('when a digression comes at a confirmation with a fee, then the reorder resumes with the same total', async () => {
    const say = conversation(smile, 'demo', 'fee-digress');
    await say('reorder the tide');
    const back = await say('where is my order?');
    expect(allText(back)).toContain('$19.99 + $5.99 delivery = $25.98');
    expect(back.state).toEqual({ flow: 'reorder', awaiting: 'confirmation' });
  });

  it('when KakaoTalk shows the confirmation, then its card and text carry the fee', async () => {
    const r = (await post(smile, '/kakao/skill', kakaoRequest('삼다수 다시 주문해줘'))).json;
    const all = JSON.stringify(r.template.outputs);
    expect(all).toContain('상품 12,900원 + 배송비 3,000원 = 15,900원');
    expect(all).toContain('30,000원 이상 무료 배송');
  });

  it('when Bot Framework shows the confirmation, then the card carries the fee', async () => {
    const r = (await post(smile, '/api/messages', bfActivity('reorder the tide', { conversation: 'bf-fee' }))).json;
    expect(JSON.stringify(r.activities)).toContain('$19.99 + $5.99 delivery = $25.98');
  });

  it('when Alexa says the confirmation, then the total with the fee is said short', async () => {
    const r = (await post(smile, '/alexa', envelope(intentRequest('ReorderIntent', { product: 'tide' }), { session: 'fee', token: 'demo-token' })))
      .json;
    const said = words(spoken(r)).join(' ');
    expect(said).toContain('$25.98 with $5.99 delivery');
    expect(said).not.toMatch(/[+=]/);
  });
});

describe('when the shop cannot price the order', () => {
  const COMMERCE = 'http://commerce-fee.test';
  const LOGISTICS = 'http://logistics-fee.test';
  const seed = buildSeed(FIXED_NOW);
  let smile: Smile;
  let ordersPosted = 0;
  beforeAll(async () => {
    smile = await startTestSmile({ COMMERCE_API_URL: `${COMMERCE}/v1`, LOGISTICS_API_URL: `${LOGISTICS}/v1`, SMILE_API_TIMEOUT_MS: '500' });
    for (const id of ['demo', 'demo-ko'])
      await smile.store.links.put({ channel: 'rest', channelUserId: id, customerId: id, createdAt: FIXED_NOW.toISOString() });
  });
  afterAll(async () => {
    await smile.close();
    nock.cleanAll();
  });
  beforeEach(() => {
    nock.cleanAll();
    ordersPosted = 0;
    for (const c of seed.customers) {
      nock(COMMERCE).persist().get(`/v1/customers/${c.id}`).reply(200, c);
      nock(COMMERCE)
        .persist()
        .get(`/v1/customers/${c.id}/orders`)
        .reply(200, { orders: seed.orders.filter((o) => o.customerId === c.id) });
      nock(LOGISTICS)
        .persist()
        .get('/v1/delivery-windows')
        .query({ customerId: c.id })
        .reply(200, { windows: windowsFor(c, FIXED_NOW) });
    }
    nock(LOGISTICS).persist().get('/v1/shipments').query(true).reply(200, { shipments: [] });
    nock(COMMERCE)
      .persist()
      .post('/v1/orders')
      .reply(() => {
        ordersPosted += 1;
        return [500, { error: { code: 'unexpected', message: 'no order should be sent' } }];
      });
  });

  it.each([
    ['demo', 'reorder the tide', 503, /couldn't get the price with delivery.*nothing was ordered.*connect you with a person\?/],
    ['demo-ko', '삼다수 다시 주문해줘', 503, /배송비를 포함한 결제 금액을 확인하지 못해서 주문하지 않았어요\. 상담원을 연결해 드릴까요\?/],
    ['demo', 'reorder the tide', 200, /couldn't get the price with delivery/],
  ])('then %s, asking %j, hears no made-up total, nothing is ordered, and a person is offered', async (user, ask, status, heard) => {
    // A 200 here is a malformed answer: a quote without a total is no quote.
    nock(COMMERCE)
      .persist()
      .post('/v1/quotes')
      .reply(status, status === 200 ? { subtotal: 19.99 } : { error: { code: 'down', message: 'maintenance' } });
    const r = await conversation(smile, user, `quote-down-${user}-${status}`)(ask);
    expect(allText(r)).toMatch(heard);
    expect(allText(r)).not.toMatch(/\$19\.99|12,900원|Shall I place|주문할까요/);
    expect(r.state).toEqual({ flow: 'human_handoff', awaiting: 'confirmation' });
    expect(ordersPosted).toBe(0);
  });

  it('then a new subscription is not started on a made-up price, and a person is offered', async () => {
    let started = 0;
    nock(COMMERCE).persist().get('/v1/customers/demo/subscriptions').reply(200, { subscriptions: [] });
    nock(COMMERCE)
      .persist()
      .post('/v1/subscriptions')
      .reply(() => {
        started += 1;
        return [500, { error: { code: 'unexpected', message: 'no subscription should be sent' } }];
      });
    nock(COMMERCE)
      .persist()
      .post('/v1/quotes')
      .reply(503, { error: { code: 'down', message: 'maintenance' } });
    const say = conversation(smile, 'demo', 'quote-down-subscription');
    const r = await say('send me Tide every four weeks');
    expect(allText(r)).toMatch(/couldn't get the price with delivery/);
    expect(allText(r)).not.toMatch(/\$19\.99|Shall I start/);
    expect(r.state).toEqual({ flow: 'human_handoff', awaiting: 'confirmation' });
    await say('no');
    expect(started).toBe(0);
  });

  it('then a correction the shop cannot price keeps no old total: "yes" to the offer reaches a person, and nothing is ordered', async () => {
    let quotes = 0;
    nock(COMMERCE)
      .persist()
      .post('/v1/quotes')
      .reply((_uri, body) => {
        quotes += 1;
        return quotes === 1 ? [200, quoteFrom(seed.orders, body)] : [503, { error: { code: 'down', message: 'maintenance' } }];
      });
    const say = conversation(smile, 'demo', 'quote-down-correction');
    expect(allText(await say('reorder the tide'))).toContain('$19.99');
    const corrected = await say('make it 3');
    expect(allText(corrected)).toMatch(/couldn't get the price with delivery/);
    expect(allText(corrected)).not.toMatch(/\$59\.97|\$19\.99/);
    expect(corrected.state).toEqual({ flow: 'human_handoff', awaiting: 'confirmation' });
    const yes = await say('yes');
    expect(yes.handoff?.escalationId).toBeTruthy();
    expect(ordersPosted).toBe(0);
  });
});
