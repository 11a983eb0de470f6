import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Smile } from '../app/server.js';
import { FIXED_NOW, post, startTestSmile } from './helpers.js';
import { envelope, intentRequest, spoken } from './alexa-envelopes.js';

/** Item 1 of issue 22: the customer is whoever the access token names, on every request. */
describe('an Alexa request acts on the account of its access token', () => {
  let smile: Smile;
  let now = FIXED_NOW.getTime();
  beforeAll(async () => {
    smile = await startTestSmile({ ALEXA_VERIFY: 'false' }, () => new Date(now));
  });
  afterAll(async () => {
    await smile.close();
  });
  beforeEach(async () => {
    now = FIXED_NOW.getTime();
    await post(smile, '/sandbox/reset', {});
  });

  const ask = async (request: Record<string, unknown>, o: { token?: string; session: string; user?: string }) =>
    (await post(smile, '/alexa', envelope(request, o))).json;
  const revoke = (token: string) => fetch(`${smile.url}/sandbox/commerce/v1/oauth/tokens/${token}`, { method: 'DELETE' });

  it('when the shop revokes the token, then the next request after the short cache is "not linked" with the link card, and nothing is read', async () => {
    const first = await ask(intentRequest('OrderStatusIntent'), { token: 'demo-token', session: 'rev-1' });
    expect(spoken(first)).toMatch(/Pampers|wipes|order/i);
    await revoke('demo-token');
    now += 61_000;
    const after = await ask(intentRequest('OrderStatusIntent'), { token: 'demo-token', session: 'rev-2' });
    expect(after.response.card).toEqual({ type: 'LinkAccount' });
    expect(after.response.shouldEndSession).toBe(true);
    expect(spoken(after)).not.toMatch(/Pampers|Sonicare|shipped|on the way/i);
  });

  it('when a token the shop never issued arrives, then it is "not linked" at once', async () => {
    const r = await ask(intentRequest('ReorderIntent', { product: 'wipes' }), { token: 'forged-token', session: 'forged' });
    expect(r.response.card).toEqual({ type: 'LinkAccount' });
  });

  it("when the same Alexa user carries another account's token, then that account is the one read and greeted", async () => {
    const user = 'amzn1.ask.account.SHARED';
    expect(spoken(await ask({ type: 'LaunchRequest' }, { token: 'demo-token', session: 'a-1', user }))).toMatch(/Alex/);
    const other = await ask({ type: 'LaunchRequest' }, { token: 'demo-ko-token', session: 'a-2', user });
    expect(spoken(other)).not.toMatch(/Alex/);
    expect(spoken(await ask(intentRequest('OrderStatusIntent'), { token: 'demo-ko-token', session: 'a-2', user }))).not.toMatch(/Pampers|Sonicare/);
  });

  it('when the customer unlinks and relinks another account, then the very next request uses it, with no wait for the cache', async () => {
    const user = 'amzn1.ask.account.RELINK';
    expect(spoken(await ask({ type: 'LaunchRequest' }, { token: 'demo-ko-token', session: 'r-1', user }))).not.toMatch(/Alex/);
    const unlinked = await ask({ type: 'LaunchRequest' }, { session: 'r-2', user });
    expect(unlinked.response.card).toEqual({ type: 'LinkAccount' });
    expect(spoken(await ask({ type: 'LaunchRequest' }, { token: 'demo-token', session: 'r-3', user }))).toMatch(/Alex/);
  });
});
