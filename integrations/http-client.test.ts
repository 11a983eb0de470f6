import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../domain/errors.js';
import { HttpClient } from './http-client.js';

const BASE = 'http://provider.test';
const Thing = z.object({ id: z.string() });
const client = (extra: Partial<ConstructorParameters<typeof HttpClient>[0]> = {}): HttpClient =>
  new HttpClient({ name: 'provider', baseUrl: BASE, timeoutMs: 200, breakerThreshold: 3, breakerCooldownMs: 60_000, ...extra });

describe("the providers' HTTP client", () => {
  it('when a GET fails once with a 503, then it is retried and the answer is validated', async () => {
    nock(BASE).get('/things/1').reply(503).get('/things/1').reply(200, { id: '1' });
    await expect(client().call('/things/1', { schema: Thing })).resolves.toEqual({ id: '1' });
  });

  it('when a POST has no idempotency key, then a failure is not retried', async () => {
    const scope = nock(BASE).post('/things').reply(503);
    const extra = nock(BASE).post('/things').reply(201, { id: 'again' });
    await expect(client().call('/things', { method: 'POST', body: {}, schema: Thing })).rejects.toMatchObject({ code: 'dependency_unavailable' });
    expect(scope.isDone()).toBe(true);
    expect(extra.isDone()).toBe(false);
  });

  it('when a POST carries an idempotency key, then it is retried with the same key', async () => {
    const keys: string[] = [];
    nock(BASE)
      .post('/things')
      .times(2)
      .reply(function () {
        keys.push(String(this.req.headers['idempotency-key']));
        return keys.length === 1 ? [502, ''] : [201, { id: 'x' }];
      });
    await expect(client().call('/things', { method: 'POST', body: {}, idempotencyKey: 'k1', schema: Thing })).resolves.toEqual({ id: 'x' });
    expect(keys).toEqual(['k1', 'k1']);
  });

  it('when the provider answers too slowly, then the call times out', async () => {
    nock(BASE).get('/slow').times(3).delay(1000).reply(200, { id: 'late' });
    await expect(client({ retries: 1 }).call('/slow', { schema: Thing })).rejects.toMatchObject({ code: 'dependency_unavailable', status: 504 });
  });

  it('when the answer has the wrong shape, then it is refused as a bad response, not passed on', async () => {
    nock(BASE).get('/things/2').reply(200, { name: 'no id' });
    await expect(client().call('/things/2', { schema: Thing })).rejects.toMatchObject({ code: 'dependency_bad_response' });
  });

  it('when a change is answered 2xx with a body cut short, then it is repeated under its key and read; never taken as refused', async () => {
    const keys: string[] = [];
    nock(BASE)
      .post('/things')
      .times(2)
      .reply(function () {
        keys.push(String(this.req.headers['idempotency-key']));
        return keys.length === 1 ? [201, '{"id":"x', { 'content-type': 'application/json' }] : [201, { id: 'x' }];
      });
    await expect(client().call('/things', { method: 'POST', body: {}, idempotencyKey: 'k2', schema: Thing })).resolves.toEqual({ id: 'x' });
    expect(keys).toEqual(['k2', 'k2']);
  });

  it('when a change keeps being answered 2xx unreadably (cut short, or in a shape Smile cannot read), then its outcome is unknown', async () => {
    nock(BASE).post('/things').times(3).reply(200, '{"id":', { 'content-type': 'application/json' });
    await expect(client().call('/things', { method: 'POST', body: {}, idempotencyKey: 'k3', schema: Thing })).rejects.toMatchObject({
      code: 'dependency_outcome_unknown',
    });
    nock(BASE).post('/things').reply(200, '{"id":');
    await expect(client().call('/things', { method: 'POST', body: {}, schema: Thing })).rejects.toMatchObject({ code: 'dependency_outcome_unknown' });
    nock(BASE).post('/things').reply(201, { nope: true });
    await expect(client().call('/things', { method: 'POST', body: {}, idempotencyKey: 'k4', schema: Thing })).rejects.toMatchObject({
      code: 'dependency_outcome_unknown',
    });
    // A read is not a change: an unreadable answer to a GET stays a bad response.
    nock(BASE).get('/things/9').reply(200, '{"id":');
    await expect(client().call('/things/9', { schema: Thing })).rejects.toMatchObject({ code: 'dependency_bad_response' });
  });

  it('when the provider refuses with a 4xx, then its error code is kept and nothing is retried', async () => {
    nock(BASE)
      .post('/orders/1/cancel')
      .reply(409, { error: { code: 'not_cancellable', message: 'shipped' } });
    const err = await client()
      .call('/orders/1/cancel', { method: 'POST', body: {}, idempotencyKey: 'k', schema: Thing })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'not_cancellable', status: 409 });
  });

  it('when failures repeat, then the circuit opens and later calls fail fast without reaching the provider', async () => {
    const c = client({ retries: 1 });
    nock(BASE).get('/down').times(3).reply(500);
    for (let i = 0; i < 3; i += 1) await expect(c.call('/down', { schema: Thing })).rejects.toBeInstanceOf(AppError);
    expect(c.circuitOpen).toBe(true);
    const untouched = nock(BASE).get('/down').reply(200, { id: 'up' });
    await expect(c.call('/down', { schema: Thing })).rejects.toMatchObject({ message: expect.stringMatching(/circuit open/) });
    expect(untouched.isDone()).toBe(false);
  });
});

describe('idempotency keys in headers', () => {
  it('when a key holds non-ASCII words, then a stable hash is sent instead, and the provider sees the same one each time', async () => {
    const seen: string[] = [];
    nock(BASE)
      .patch('/s/1')
      .times(2)
      .reply(function () {
        seen.push(String(this.req.headers['idempotency-key']));
        return [200, { id: '1' }];
      });
    const c = client();
    await c.call('/s/1', { method: 'PATCH', body: {}, idempotencyKey: 'conv:place:회사', schema: Thing });
    await c.call('/s/1', { method: 'PATCH', body: {}, idempotencyKey: 'conv:place:회사', schema: Thing });
    expect(seen[0]).toMatch(/^sha256-[0-9a-f]{64}$/);
    expect(seen[1]).toBe(seen[0]);
  });
});
