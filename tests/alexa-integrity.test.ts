import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Smile } from '../app/server.js';
import { get, post, startTestSmile } from './helpers.js';
import { envelope, intentRequest, spoken } from './alexa-envelopes.js';

/** Item 2 of issue 22: an item with an open return is not returned twice, whichever session asks. */
describe('a return by voice, asked for again from a new session', () => {
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
});
