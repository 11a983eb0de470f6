import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Smile } from '../../app/server.js';
import { EmbeddedStore } from '../../store/embedded-store.js';
import { startTestSmile } from '../helpers.js';

/**
 * /readyz while a provider's circuit (cockatiel) opens and closes again. The breaker's cooldown is read from
 * Date.now(), so a fake Date moves it on without waiting: 503 while open, no call to the provider during the
 * cooldown, one probe once it has passed, 200 as soon as the provider answers again.
 */
const COMMERCE = 'http://commerce.test';
const LOGISTICS = 'http://logistics.test';
let smile: Smile;

const readyz = async (): Promise<{ status: number; json: { status: string; checks: Record<string, string> } }> => {
  const res = await fetch(`${smile.url}/readyz`);
  return { status: res.status, json: (await res.json()) as { status: string; checks: Record<string, string> } };
};

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  smile = await startTestSmile({ COMMERCE_API_URL: `${COMMERCE}/v1`, LOGISTICS_API_URL: `${LOGISTICS}/v1`, SMILE_API_TIMEOUT_MS: '500' });
});
afterAll(async () => {
  vi.useRealTimers();
  await smile?.close();
});

describe('when the commerce API fails until its circuit opens, then comes back', () => {
  it('then /readyz answers 503 while the circuit is open, probes once per cooldown, and 200 after recovery', async () => {
    expect((await readyz()).status).toBe(200);
    nock(COMMERCE)
      .persist()
      .get('/v1/customers/demo/orders')
      .reply(500, { error: { code: 'down', message: 'down' } });
    // Five failures in a row open the circuit (each read is tried three times).
    for (let i = 0; i < 4 && (await readyz()).json.checks.commerce === 'ok'; i++) {
      expect((await fetch(`${smile.url}/v1/customers/demo/suggestions`)).status).toBeGreaterThanOrEqual(500);
    }
    const open = await readyz();
    expect(open.status).toBe(503);
    expect(open.json.checks).toMatchObject({ commerce: 'circuit open', logistics: 'ok', store: 'ok' });

    // Within the cooldown (10 s by default) the provider is not called at all.
    const probe = nock(COMMERCE)
      .get('/v1')
      .reply(404, { error: { code: 'not_found', message: 'no' } });
    vi.setSystemTime(Date.now() + 9_000);
    expect((await readyz()).status).toBe(503);
    expect(probe.isDone()).toBe(false);
    nock.cleanAll();

    // Past it, /readyz tries the provider itself; still down, it stays 503 and the circuit opens for another cooldown.
    const stillDown = nock(COMMERCE).get('/v1').reply(502, 'bad gateway');
    vi.setSystemTime(Date.now() + 2_000);
    expect((await readyz()).status).toBe(503);
    expect(stillDown.isDone()).toBe(true);
    const early = nock(COMMERCE)
      .get('/v1')
      .reply(404, { error: { code: 'not_found', message: 'no' } });
    expect((await readyz()).status).toBe(503);
    expect(early.isDone()).toBe(false);

    // Up again (any answer but a 5xx or 429, here a 404 of the base path): ready, and customers' reads go through.
    vi.setSystemTime(Date.now() + 10_001);
    const back = await readyz();
    expect(back.status).toBe(200);
    expect(back.json).toEqual({ status: 'ready', checks: { store: 'ok', engine: 'ok', commerce: 'ok', logistics: 'ok' } });
    expect(early.isDone()).toBe(true);
    nock(COMMERCE).get('/v1/customers/demo/orders').reply(200, { orders: [] });
    expect((await fetch(`${smile.url}/v1/customers/demo/suggestions`)).status).toBe(200);
  });
});

describe('when the store stops answering, then comes back', () => {
  it('then /readyz answers 503 naming the store and its reason, and 200 again by itself once the store answers', async () => {
    const store = await EmbeddedStore.open(null);
    let down: string | null = null;
    const ping = store.ping.bind(store);
    store.ping = async () => {
      if (down) throw new Error(down);
      return ping();
    };
    const own = await startTestSmile({}, undefined, store);
    try {
      const probe = async (): Promise<{ status: number; json: { status: string; checks: Record<string, string> } }> => {
        const res = await fetch(`${own.url}/readyz`);
        return { status: res.status, json: (await res.json()) as { status: string; checks: Record<string, string> } };
      };
      expect((await probe()).status).toBe(200);
      down = 'connection refused (127.0.0.1:27017)';
      const out = await probe();
      expect(out.status).toBe(503);
      expect(out.json).toEqual({
        status: 'not_ready',
        checks: { store: 'connection refused (127.0.0.1:27017)', engine: 'ok', commerce: 'ok', logistics: 'ok' },
      });
      // Liveness is not readiness: the process is up, so /healthz still says so (a restart would not help).
      expect((await fetch(`${own.url}/healthz`)).status).toBe(200);
      down = null;
      expect(await probe()).toEqual({
        status: 200,
        json: { status: 'ready', checks: { store: 'ok', engine: 'ok', commerce: 'ok', logistics: 'ok' } },
      });
    } finally {
      await own.close();
    }
  });
});
