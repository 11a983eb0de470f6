import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Smile } from '../app/server.js';
import { get, post, startTestSmile } from './helpers.js';
import { envelope, intentRequest, spoken } from './alexa-envelopes.js';

/** Item 2 of issue 22: an item with an open return is not returned twice, a reorder just placed is named before another, whichever session asks; a quantity far above the customer's history is asked on its own. */
describe('effects by voice: a return or a reorder asked for again from a new session, a quantity far above the usual', () => {
  let smile: Smile;
  beforeAll(async () => {
    smile = await startTestSmile({ ALEXA_VERIFY: 'false' });
    await post(smile, '/sandbox/reset', {});
  });
  afterAll(async () => {
    await smile.close();
  });
  const ask = async (request: Record<string, unknown>, session: string) =>
    (await post(smile, '/alexa', envelope(request, { session, token: 'demo-token' }))).json;
  const returns = async () => (await get(smile, '/sandbox/logistics/v1/returns?customerId=demo')).returns as unknown[];

  it('when the shoes are returned by voice, then a second "return the shoes" in a new session says it is booked and books nothing', async () => {
    expect(spoken(await ask(intentRequest('ScheduleReturnIntent', { product: 'shoes', reason: 'too small' }), 'first'))).toMatch(
      /How would you like/,
    );
    expect(spoken(await ask(intentRequest('ChooseOptionIntent', { option: '1' }), 'first'))).toMatch(/store/i);
    expect(spoken(await ask(intentRequest('ChooseOptionIntent', { option: '1' }), 'first'))).toMatch(/\?<\/speak>$/);
    const booked = await ask(intentRequest('AMAZON.YesIntent'), 'first');
    expect(spoken(booked)).toMatch(/booked|drop-off code/i);
    expect(await returns()).toHaveLength(1);

    const again = await ask(intentRequest('ScheduleReturnIntent', { product: 'shoes' }), 'second');
    expect(spoken(again)).toMatch(/A return of Nike[^.]* is already booked/);
    expect(spoken(await ask(intentRequest('AMAZON.NoIntent'), 'second'))).not.toMatch(/booked your return/i);
    expect(await returns()).toHaveLength(1);
  });

  const orders = async () => (await get(smile, '/sandbox/commerce/v1/customers/demo/orders')).orders as unknown[];

  it('when a quantity far above the customer\'s history is said, then it is asked on its own first, and "no" orders nothing', async () => {
    await post(smile, '/sandbox/reset', {});
    const before = (await orders()).length;
    const asked = await ask(intentRequest('ReorderIntent', { product: 'wipes', quantity: '40' }), 'many');
    // The quantity alone, before any confirmation of the order: a question, the microphone open.
    expect(spoken(asked)).toMatch(/far more than the \d+ you usually order\. Is 40 right\?<\/speak>$/);
    expect(spoken(asked)).not.toMatch(/Shall I place the order/);
    expect(asked.response.shouldEndSession).toBe(false);
    expect(spoken(await ask(intentRequest('AMAZON.NoIntent'), 'many'))).not.toMatch(/is placed/);
    expect(await orders()).toHaveLength(before);
  });

  it('when a reorder placed by voice is asked for again from a new session minutes later, then the customer is told it was just ordered and nothing more is ordered without a yes', async () => {
    await post(smile, '/sandbox/reset', {});
    const before = (await orders()).length;
    expect(spoken(await ask(intentRequest('ReorderIntent', { product: 'wipes' }), 'once'))).toMatch(/Shall I place the order/);
    expect(spoken(await ask(intentRequest('AMAZON.YesIntent'), 'once'))).toMatch(/is placed/);
    expect(await orders()).toHaveLength(before + 1);
    const again = await ask(intentRequest('ReorderIntent', { product: 'wipes' }), 'twice');
    expect(spoken(again)).toMatch(/you ordered [^.]*(a minute|\d+ minutes) ago/i);
    expect(again.response.shouldEndSession).toBe(false);
    await ask(intentRequest('AMAZON.NoIntent'), 'twice');
    expect(await orders()).toHaveLength(before + 1);
  });
});
