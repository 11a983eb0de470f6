import nock from 'nock';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Smile } from '../app/server.js';
import { windowsFor } from '../sandbox/sandbox.js';
import { buildSeed } from '../sandbox/seed.js';
import { FIXED_NOW, loopbackCommerce, post, startTestSmile, type LoopbackCommerce } from './helpers.js';
import { envelope, intentRequest, spoken, words } from './alexa-envelopes.js';

const LOGISTICS = 'http://logistics.test';
const USER = 'amzn1.ask.account.NEWS';
const seed = buildSeed(FIXED_NOW);
const demo = seed.customers.find((c) => c.id === 'demo')!;

/** Alexa Proactive Events as Amazon takes them: a Login with Amazon token, then the events, each recorded. */
const proactive = () => {
  const events: any[] = [];
  nock('https://api.amazon.com')
    .persist()
    .post('/auth/o2/token')
    .reply(200, { access_token: 'Atc|news', token_type: 'bearer', expires_in: 3600, scope: 'alexa::proactive_events' });
  nock('https://api.amazonalexa.com')
    .persist()
    .post('/v1/proactiveEvents/stages/development', (body) => {
      events.push(body);
      return true;
    })
    .reply(202, '');
  // Progressive responses ("one moment") go to the directive service.
  nock('https://api.amazonalexa.com').persist().post('/v1/directives').reply(204);
  return events;
};

const logistics = () => {
  nock(LOGISTICS)
    .persist()
    .get('/v1/delivery-windows')
    .query(true)
    .reply(200, { windows: windowsFor(demo, FIXED_NOW) });
  nock(LOGISTICS).persist().get('/v1/shipments').query(true).reply(200, { shipments: [] });
};

/**
 * Issue 22: news that arrives after the voice session ended (a change settled later, an answer that missed Alexa's
 * time) is never spoken into the closed session; it goes to the Alexa app as a Proactive Event and is said first when
 * the customer next opens Smile, once.
 */
describe('news for a voice customer after the session ended', () => {
  let provider: LoopbackCommerce;
  let events: any[];
  const smiles: Smile[] = [];
  const start = async (env: Record<string, string>) => {
    const smile = await startTestSmile({
      ALEXA_VERIFY: 'false',
      COMMERCE_API_URL: provider.url,
      LOGISTICS_API_URL: `${LOGISTICS}/v1`,
      SMILE_RECONCILE_EVERY_MS: '600000',
      SMILE_QUIET_HOURS: 'off',
      ALEXA_EVENTS_CLIENT_ID: 'amzn1.application-oa2-client.news',
      ALEXA_EVENTS_CLIENT_SECRET: 'secret',
      ...env,
    });
    smiles.push(smile);
    return smile;
  };
  const ask = async (smile: Smile, request: Record<string, unknown>, session: string, newSession = false) => {
    const started = performance.now();
    const r = (await post(smile, '/alexa', envelope(request, { session, token: 'demo-token', user: USER, newSession }))).json;
    return { r, ms: performance.now() - started, said: words(spoken(r)).join(' ') };
  };
  beforeAll(async () => {
    provider = await loopbackCommerce(FIXED_NOW, 'slow');
  });
  afterAll(async () => {
    for (const s of smiles) await s.close();
    provider.server.close();
  });
  beforeEach(() => {
    logistics();
    events = proactive();
    provider.delays.orders = 0;
    provider.delays.history = 0;
    provider.applied.clear();
  });

  it('when an order whose outcome was unknown settles, then it goes to the Alexa app and the next session opens with it, once', async () => {
    const smile = await start({ SMILE_API_TIMEOUT_MS: '800' });
    expect((await ask(smile, intentRequest('ReorderIntent', { product: 'diapers' }), 'settle-1', true)).said).toMatch(/Shall I place the order/);
    provider.delays.orders = 4000;
    const yes = await ask(smile, intentRequest('AMAZON.YesIntent'), 'settle-1');
    // Not "I'll tell you here": the session closes, so the customer is told where the news will come.
    expect(yes.said).toMatch(/couldn't confirm it yet.*never happen twice.*next time you open Smile/);
    expect(yes.said).not.toMatch(/tell you here|not placed|failed/);
    expect(yes.r.response.shouldEndSession).toBe(true);
    expect(events).toEqual([]);

    provider.delays.orders = 0;
    expect(await smile.engine.reconcilePending()).toEqual({ settled: 1, pending: 0 });
    await vi.waitFor(() => expect(events).toHaveLength(1), { timeout: 3000, interval: 50 });
    expect(events[0]).toMatchObject({
      event: { name: 'AMAZON.OrderStatus.Updated', payload: { state: { status: 'ORDER_RECEIVED' } } },
      relevantAudience: { type: 'Unicast', payload: { user: USER } },
    });

    // Nothing is said into the ended session; the next one (a launch) opens with the news, then the welcome.
    const launch = await ask(smile, { type: 'LaunchRequest' }, 'settle-2', true);
    expect(launch.said).toMatch(/^An update on the order you asked for: I've confirmed it went through/);
    expect(launch.said).toMatch(/Hi Alex/);
    expect(launch.said).not.toMatch(/ord-|-\d|_/);
    expect(launch.r.response.shouldEndSession).toBe(false);
    expect(launch.r.response.card?.content).toMatch(/went through/);
    // Said once: the session after that opens as usual.
    const again = await ask(smile, { type: 'LaunchRequest' }, 'settle-3', true);
    expect(again.said).not.toMatch(/An update/);
    expect(again.said).toMatch(/Hi Alex/);
    expect(provider.applied.size).toBe(1);
  }, 20_000);

  it('when the order is placed after Alexa had to be answered "still checking", then a one-shot request in a new session hears it first', async () => {
    // Alexa's answer is due after 1.2 s here; the shop answers the order after 2 s, inside the turn's own 2.5 s budget
    // for a change, so the turn goes on past the answer and ends with the order placed.
    const smile = await start({ ALEXA_ANSWER_WITHIN_MS: '1200', SMILE_API_TIMEOUT_MS: '8000' });
    expect((await ask(smile, intentRequest('ReorderIntent', { product: 'wipes' }), 'late-1', true)).said).toMatch(/Shall I place the order/);
    provider.delays.orders = 2000;
    const yes = await ask(smile, intentRequest('AMAZON.YesIntent'), 'late-1');
    expect(yes.ms).toBeLessThan(2000);
    expect(yes.said).toMatch(/still checking with the shop/);
    expect(yes.r.response.shouldEndSession).toBe(true);

    // The turn finishes after the answer: the order is placed once, and its news goes to the Alexa app.
    await vi.waitFor(() => expect(events).toHaveLength(1), { timeout: 8000, interval: 50 });
    expect(provider.applied.size).toBe(1);
    expect(events[0]).toMatchObject({ event: { payload: { state: { status: 'ORDER_RECEIVED' } } }, relevantAudience: { payload: { user: USER } } });

    // "Alexa, ask smile shopping where my order is": a new session, a one-shot request; the news comes first.
    const next = await ask(smile, intentRequest('OrderStatusIntent'), 'late-2', true);
    expect(next.said).toMatch(/^An update on what you asked me last time: .*placed/i);
    expect(next.said).not.toMatch(/ord-|-\d|still checking/);
    const later = await ask(smile, { type: 'LaunchRequest' }, 'late-3', true);
    expect(later.said).not.toMatch(/An update/);
  }, 20_000);

  it('when a late answer is not a finished change (a question, a status), then nothing is kept or sent', async () => {
    const smile = await start({ ALEXA_ANSWER_WITHIN_MS: '1200', SMILE_API_TIMEOUT_MS: '8000' });
    provider.delays.history = 2000;
    const slow = await ask(smile, intentRequest('ReorderIntent', { product: 'wipes' }), 'quiet-1', true);
    expect(slow.said).toMatch(/still checking/);
    await vi.waitFor(
      async () => expect((await smile.store.transcript.list('alexa:amzn1.echo-api.session.quiet-1')).some((e) => e.from === 'bot')).toBe(true),
      { timeout: 8000, interval: 100 },
    );
    provider.delays.history = 0;
    const launch = await ask(smile, { type: 'LaunchRequest' }, 'quiet-2', true);
    expect(launch.said).not.toMatch(/An update/);
    expect(events).toEqual([]);
  }, 20_000);
});
