import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Smile } from '../app/server.js';
import { allText, conversation, get, post, startTestSmile } from './helpers.js';
import { describeTranscripts, shipment, type SandboxState, type TranscriptCase } from './transcripts.js';

// Issue 12, item 4: a new street address given for a delivery can be saved on the profile — asked, confirmed, then
// used for later deliveries.
const homeOf = async (s: SandboxState, customer: string): Promise<any> =>
  (await get(s.smile, `/sandbox/commerce/v1/customers/${customer}`)).addresses.find((a: any) => a.type === 'home');

const CASES: Record<string, TranscriptCase[]> = {
  english: [
    {
      name: 'when the customer moves a delivery to a new street and says yes to saving it, then later deliveries go there too',
      user: 'demo',
      steps: [
        ['change my delivery adress to 42 Oak street', { awaiting: 'order' }],
        ['Pampers Sensitive Baby Wipes, 12 packs', { awaiting: 'confirmation', says: /42 Oak Street, San Jose, CA 95110/ }],
        [
          'yes',
          { flow: 'change_delivery_place', awaiting: 'confirmation', says: /Done.*save 42 Oak Street, San Jose, CA 95110 as your home address/s },
        ],
        ['yes', { flow: null, says: /Saved — later deliveries to Home go to 42 Oak Street, San Jose, CA 95110/ }],
        ['reorder the detergent', { flow: 'reorder', awaiting: 'confirmation', says: /delivered to Home/ }],
        ['yes', { flow: null, says: /placed/ }],
      ],
      check: async (s) => {
        expect(await homeOf(s, 'demo')).toEqual({ id: 'demo-home', type: 'home', label: 'Home', line1: '42 Oak Street', city: 'San Jose' });
        const [order] = s.orders.filter((o) => !s.before.orders.some((b) => b.id === o.id));
        // The new order names the home address, which is now the new street.
        expect(order.shippingAddressId).toBe('demo-home');
        expect(shipment(s, 'shp-1003').place.label).toBe('42 Oak Street, San Jose, CA 95110');
      },
    },
    {
      name: 'when the customer says no to saving the new street, then only that delivery moved and the profile is as it was',
      user: 'demo',
      steps: [
        ['deliver the wipes to 42 oak st instead', { awaiting: 'confirmation' }],
        ['yes', { awaiting: 'confirmation', says: /save 42 Oak Street/ }],
        ['no', { flow: null, says: /left the addresses on your profile as they were/ }],
      ],
      check: async (s) => {
        expect((await homeOf(s, 'demo')).line1).toBe('1200 Elm Street');
        expect(shipment(s, 'shp-1003').place.label).toBe('42 Oak Street, San Jose, CA 95110');
      },
    },
    {
      name: 'when the customer asks something else instead of answering the offer, then the offer lapses and nothing is saved',
      user: 'demo',
      steps: [
        ['deliver the wipes to 42 oak st instead', { awaiting: 'confirmation' }],
        ['yes', { awaiting: 'confirmation', says: /save 42 Oak Street/ }],
        ['where are my orders', { flow: null, says: /orders on the way/ }],
        ['yes', { flow: null }],
      ],
      check: async (s) => expect((await homeOf(s, 'demo')).line1).toBe('1200 Elm Street'),
    },
  ],
  korean: [
    {
      name: '새 주소로 배송지를 바꾸고 저장에 네라고 하면, 집 주소가 그 주소로 바뀐다',
      user: 'demo-ko',
      steps: [
        ['배송지를 서울시 강남구 테헤란로 123으로 바꿔주세요', { awaiting: 'order' }],
        ['베베숲 물티슈 캡형 70매 10팩', { awaiting: 'confirmation' }],
        [
          '네',
          {
            flow: 'change_delivery_place',
            awaiting: 'confirmation',
            says: /주소: 서울특별시 강남구 테헤란로 123 \(06133\)\n.*집 주소로 저장할까요\?$/,
          },
        ],
        ['네', { flow: null, says: /집 주소를 저장했어요\. 앞으로 집 배송은 이 주소로 보내 드려요/ }],
      ],
      check: async (s) => expect((await homeOf(s, 'demo-ko')).line1).toMatch(/테헤란로 123/),
    },
    {
      name: '저장하겠냐는 질문에 아니요라고 하면, 저장된 주소는 그대로다',
      user: 'demo-ko',
      steps: [
        ['배송지를 서울시 강남구 테헤란로 123으로 바꿔주세요', { awaiting: 'order' }],
        ['베베숲 물티슈 캡형 70매 10팩', { awaiting: 'confirmation' }],
        ['네', { awaiting: 'confirmation' }],
        ['아니요', { flow: null, says: /저장된 주소는 그대로 둘게요/ }],
      ],
      check: async (s) => expect((await homeOf(s, 'demo-ko')).line1).toBe('서울시 강남구 역삼로 123'),
    },
  ],
};

describeTranscripts('saving a new street address on the profile, over /v1/chat', CASES);

describe('a new street address with nothing on the way', () => {
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
  /** Every delivery of the customer arrived: nothing is left to move. */
  const deliverAll = async (customer: string): Promise<void> => {
    for (const s of (await get(smile, `/sandbox/logistics/v1/shipments?customerId=${customer}`)).shipments)
      await smile.store.documents.put('sbx_shipments', s.id, { ...s, status: 'delivered' });
  };
  const home = async (customer: string): Promise<any> =>
    (await get(smile, `/sandbox/commerce/v1/customers/${customer}`)).addresses.find((a: any) => a.type === 'home');

  it.each([
    [
      'demo',
      'change my delivery address to 42 Oak street',
      /no deliveries on the way.*save 42 Oak Street, San Jose, CA 95110 as your home address/s,
      'yes',
      /42 Oak Street/,
    ],
    ['demo-ko', '배송지를 서울시 강남구 테헤란로 123으로 바꿔주세요', /진행 중인 주문은 없어요.*집 주소로 저장할까요/s, '네', /테헤란로 123/],
  ])(
    'when %s gives a new address, then saving it for later deliveries is confirmed first, and yes saves it once',
    async (user, ask, offer, yes, saved) => {
      await deliverAll(user);
      const say = conversation(smile, user, `save-nothing-open-${user}`);
      const asked = await say(ask);
      expect(allText(asked)).toMatch(offer);
      expect(asked.state).toEqual({ flow: 'change_delivery_place', awaiting: 'confirmation' });
      expect((await home(user)).line1).not.toMatch(saved);
      const r = await say(yes, 'yes-once');
      expect(r.state.flow).toBeNull();
      expect((await home(user)).line1).toMatch(saved);
      // The same "yes" again is answered as before and saves nothing twice.
      expect(allText(await say(yes, 'yes-once'))).toBe(allText(r));
    },
  );

  it.each([
    ['demo', 'change my delivery address to 7 Nowhere Road', /couldn't find "7 Nowhere Road"/],
    ['demo-ko', '배송지를 없는로 5로 바꿔줘', /주소를 찾을 수 없어요/],
  ])('when %s gives an address couriers do not deliver to, then it is said and nothing is saved', async (user, ask, refused) => {
    await deliverAll(user);
    const before = await home(user);
    const r = await conversation(smile, user, `save-invalid-${user}`)(ask);
    expect(allText(r)).toMatch(refused);
    expect(r.state.flow).toBeNull();
    expect(await home(user)).toEqual(before);
  });
});

describe('the address route of the commerce contract', () => {
  let smile: Smile;
  beforeAll(async () => {
    smile = await startTestSmile();
  });
  afterAll(async () => {
    await smile.close();
  });
  const address = {
    line1: '42 Oak Street',
    city: 'San Jose',
    region: 'CA',
    postalCode: '95110',
    country: 'US',
    formatted: '42 Oak Street, San Jose, CA 95110',
  };
  const save = (customer: string, body: unknown, key: string | null = 'k-1') =>
    post(smile, `/sandbox/commerce/v1/customers/${customer}/addresses`, body, key ? { 'idempotency-key': key } : {});

  it('when an address is saved twice under one key, then the profile changes once and both answers are the same', async () => {
    await post(smile, '/sandbox/reset', {});
    const first = await save('demo', { type: 'office', address }, 'same-key');
    expect(first.status).toBe(200);
    expect(first.json.addresses.find((a: any) => a.type === 'office')).toEqual({
      id: 'demo-office',
      type: 'office',
      label: 'Office',
      line1: '42 Oak Street',
      city: 'San Jose',
    });
    expect(await save('demo', { type: 'office', address }, 'same-key')).toEqual(first);
    expect((await save('demo', { type: 'home', address }, 'same-key')).status).toBe(422);
  });

  it.each([
    ['without an Idempotency-Key', 'demo', { type: 'home', address }, null, 400, 'idempotency_key_required'],
    ['with a place type that has no street', 'demo', { type: 'locker', address }, 'k-2', 400, 'invalid_request'],
    ['without the address', 'demo', { type: 'home' }, 'k-3', 400, 'invalid_request'],
    [
      'with an address missing its postal code',
      'demo',
      { type: 'home', address: { ...address, postalCode: undefined } },
      'k-4',
      400,
      'invalid_request',
    ],
    ['with an unknown field', 'demo', { type: 'home', address, makeDefault: true }, 'k-5', 400, 'invalid_request'],
    ['for an unknown customer', 'nobody', { type: 'home', address }, 'k-6', 404, 'not_found'],
  ])('when an address comes %s, then it is refused and nothing changes', async (_what, customer, body, key, status, code) => {
    await post(smile, '/sandbox/reset', {});
    const before = await get(smile, '/sandbox/commerce/v1/customers/demo');
    const r = await save(customer, body, key);
    expect(r.status).toBe(status);
    expect(r.json.error.code).toBe(code);
    expect(await get(smile, '/sandbox/commerce/v1/customers/demo')).toEqual(before);
  });
});
