import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Smile } from '../app/server.js';
import { startTestSmile } from './helpers.js';

// The routes issue 12 added to the provider contracts (integrations/*.openapi.yaml), as the sandbox serves them.
describe('the trust routes of the commerce and logistics contracts', () => {
  let smile: Smile;
  beforeAll(async () => {
    smile = await startTestSmile();
  });
  afterAll(async () => {
    await smile.close();
  });
  const call = async (path: string, init: RequestInit = {}): Promise<{ status: number; json: any }> => {
    const res = await fetch(`${smile.url}${path}`, init);
    return { status: res.status, json: await res.json() };
  };
  const search = (q: string) => call(`/sandbox/commerce/v1/products/search?${q}`);

  it('when a bought product is searched in a size the shop sells, then that variant is the match', async () => {
    const r = await search('customerId=demo&name=Huggies%20Little%20Snugglers%20Diapers%2C%20Size%202%2C%2084%20ct&size=3');
    expect(r.status).toBe(200);
    expect(r.json.match).toMatchObject({ sku: 'huggies-ls-3-74', variant: { size: '3' }, inStock: true, currency: 'USD' });
  });

  it('when the size is sold out, then there is no match and the nearest sizes in stock come first', async () => {
    const r = await search('customerId=demo&name=Huggies%20Little%20Snugglers%20Diapers%2C%20Size%202%2C%2084%20ct&size=5');
    expect(r.json.match).toBeNull();
    expect(r.json.nearest.map((p: any) => p.variant.size)).toEqual(['4', '3', '2']);
  });

  it('when a Korean product is searched by stage, then the stage is matched in won', async () => {
    const r = await search(`customerId=demo-ko&name=${encodeURIComponent('하기스 네이처메이드 기저귀 3단계 64매')}&stage=4`);
    expect(r.json.match).toMatchObject({ sku: 'huggies-nature-4-56', currency: 'KRW' });
  });

  it.each([
    ['without a customer', 'name=Huggies&size=3', 400, 'invalid_request'],
    ['without a name', 'customerId=demo&size=3', 400, 'invalid_request'],
    ['with a stage that is not a number', 'customerId=demo&name=Huggies&stage=four', 400, 'invalid_request'],
    ['with an unknown parameter', 'customerId=demo&name=Huggies&colour=red', 400, 'invalid_request'],
    ['for an unknown customer', 'customerId=nobody&name=Huggies&size=3', 404, 'not_found'],
    ['for a product the catalogue does not have', 'customerId=demo&name=Garden%20hose&size=3', 404, 'not_found'],
  ])('when a product search comes %s, then it is refused with %i %s', async (_what, q, status, code) => {
    const r = await search(q);
    expect(r.status).toBe(status);
    expect(r.json.error.code).toBe(code);
  });

  const validate = (body: unknown) =>
    call('/sandbox/logistics/v1/addresses/validate', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('when a known street with a house number is checked, then it is valid and comes back in full', async () => {
    const r = await validate({ customerId: 'demo', line1: '42 Oak Street' });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({
      valid: true,
      address: {
        line1: '42 Oak Street',
        city: 'San Jose',
        region: 'CA',
        postalCode: '95110',
        country: 'US',
        formatted: '42 Oak Street, San Jose, CA 95110',
      },
    });
  });

  it('when a Korean road address is checked, then it comes back with its district and postcode', async () => {
    const r = await validate({ customerId: 'demo-ko', line1: '서울시 강남구 테헤란로 123' });
    expect(r.json).toMatchObject({
      valid: true,
      address: { line1: '테헤란로 123', country: 'KR', formatted: '서울특별시 강남구 테헤란로 123 (06133)' },
    });
  });

  it.each([
    ['a street without a number', { customerId: 'demo', line1: 'Oak Street' }, 'no_house_number'],
    ['a street the couriers do not know', { customerId: 'demo', line1: '7 Nowhere Road' }, 'unknown_street'],
    ['a house number the street does not have', { customerId: 'demo', line1: '99999 Oak Street' }, 'unknown_street'],
    ['a Korean road the couriers do not know', { customerId: 'demo-ko', line1: '없는로 5' }, 'unknown_street'],
  ])('when %s is checked, then it is not valid, with the reason', async (_what, body, reason) => {
    const r = await validate(body);
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ valid: false, reason });
  });

  it.each([
    ['without a customer', { line1: '42 Oak Street' }, 400, 'invalid_request'],
    ['without a street', { customerId: 'demo' }, 400, 'invalid_request'],
    ['with an empty street', { customerId: 'demo', line1: '' }, 400, 'invalid_request'],
    ['with a street over 200 characters', { customerId: 'demo', line1: `1 ${'a'.repeat(200)} Street` }, 400, 'invalid_request'],
    ['with an unknown field', { customerId: 'demo', line1: '42 Oak Street', lat: 1 }, 400, 'invalid_request'],
    ['for an unknown customer', { customerId: 'nobody', line1: '42 Oak Street' }, 404, 'not_found'],
  ])('when an address check comes %s, then it is refused with %i %s', async (_what, body, status, code) => {
    const r = await validate(body);
    expect(r.status).toBe(status);
    expect(r.json.error.code).toBe(code);
  });
});
