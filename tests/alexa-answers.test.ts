import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Smile } from '../app/server.js';
import { shiftOf, weekRange } from '../skills/alexa-channel.js';
import { slotsOf } from '../skills/interaction-model.js';
import { get, post, startTestSmile } from './helpers.js';
import { envelope, intentRequest, spoken, words } from './alexa-envelopes.js';

/** Item 5 of issue 22: what was said reaches the open question, raw Alexa envelopes as the service sends them. */
describe('answers, shifts, weeks, corrections, policy questions and "more" by voice', () => {
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
  const ask = async (request: Record<string, unknown>, session: string, attributes?: Record<string, unknown>) => {
    const body = envelope(request, { session, token: 'demo-token' }) as any;
    if (attributes) body.session.attributes = attributes;
    return (await post(smile, '/alexa', body)).json;
  };
  const text = (r: any): string => {
    const t = words(spoken(r)).join(' ');
    if (process.env.SHOW_SPEECH) console.log(t);
    return t;
  };

  it('when Alexa sends a week or a weekend, or a duration in days, then they are a run of days and a shift', () => {
    expect(weekRange('2026-W49')).toBe('2026-11-30..2026-12-06');
    expect(weekRange('2026-W48-WE')).toBe('2026-11-28..2026-11-29');
    expect(weekRange('2027-W01')).toBe('2027-01-04..2027-01-10');
    expect(weekRange('2026-11-28')).toBeNull();
    expect(shiftOf('P1D')).toBe('+1d');
    expect(shiftOf('P1W')).toBe('+7d');
    expect(shiftOf('PT2H')).toBeNull();
  });

  it('when a bare date answers the return pick-up question, then it picks the pick-up day and starts no delivery move', async () => {
    expect(text(await ask(intentRequest('ScheduleReturnIntent', { product: 'shoes', reason: 'too small' }), 'pickup'))).toMatch(/How would you like/);
    const windows = await ask(intentRequest('AnswerIntent', { method: 'pick-up' }), 'pickup');
    expect(text(windows)).toMatch(/pick/i);
    const day = /(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), (November|December) (\d+)/.exec(text(windows));
    expect(day, text(windows)).not.toBeNull();
    const iso = `2026-${day![2] === 'November' ? '11' : '12'}-${day![3]!.padStart(2, '0')}`;
    const answered = await ask(intentRequest('AnswerIntent', { date: iso }), 'pickup');
    expect(text(answered)).not.toMatch(/delivery|Which order|didn't get/i);
    expect(text(answered)).toMatch(/When should the courier pick it up/);
    expect(answered.response.shouldEndSession).toBe(false);
    // The day with its time of day picks the window, and the return is confirmed with it.
    const picked = await ask(intentRequest('AnswerIntent', { date: iso, timeOfDay: 'morning' }), 'pickup');
    expect(text(picked)).toMatch(/9 AM to 12 PM/);
    expect(text(picked)).toMatch(/\?$/);
    expect(text(picked)).not.toMatch(/delivery/i);
  });

  /** The answer to an elicited slot as Alexa sends it: the dialog in progress, every slot of the intent listed, one filled. */
  const elicited = (intent: string, filled: Record<string, string>) => {
    const r: any = intentRequest(intent, filled);
    r.dialogState = 'IN_PROGRESS';
    for (const name of slotsOf(intent)) r.intent.slots[name] ??= { name, confirmationStatus: 'NONE' };
    return r;
  };
  const elicits = (r: any) => (r.response.directives ?? []).filter((d: any) => d.type === 'Dialog.ElicitSlot');

  it('when Smile asks for a reason, a method and a day, then each question elicits its slot and the bare answers carry the return to its confirmation', async () => {
    const why = await ask(intentRequest('ScheduleReturnIntent', { product: 'shoes' }), 'elicit-return');
    expect(text(why)).toMatch(/Why/);
    expect(elicits(why)).toEqual([
      {
        type: 'Dialog.ElicitSlot',
        slotToElicit: 'reason',
        updatedIntent: {
          name: 'AnswerIntent',
          confirmationStatus: 'NONE',
          slots: expect.objectContaining({ reason: { name: 'reason', confirmationStatus: 'NONE' } }),
        },
      },
    ]);
    expect(Object.keys(elicits(why)[0].updatedIntent.slots).sort()).toEqual([...slotsOf('AnswerIntent')].sort());
    expect(why.response.shouldEndSession).toBe(false);
    const how = await ask(elicited('AnswerIntent', { reason: 'the wrong size' }), 'elicit-return');
    expect(text(how)).toMatch(/How would you like/);
    expect(elicits(how)[0]).toMatchObject({ slotToElicit: 'method', updatedIntent: { name: 'AnswerIntent' } });
    const when = await ask(elicited('AnswerIntent', { method: 'courier' }), 'elicit-return');
    expect(text(when)).toMatch(/When should the courier pick it up/);
    expect(elicits(when)[0]).toMatchObject({ slotToElicit: 'date', updatedIntent: { name: 'AnswerIntent' } });
    const day = /(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), (November|December) (\d+)/.exec(text(when));
    expect(day, text(when)).not.toBeNull();
    const iso = `2026-${day![2] === 'November' ? '11' : '12'}-${day![3]!.padStart(2, '0')}`;
    const confirm = await ask(elicited('AnswerIntent', { date: iso, timeOfDay: 'morning' }), 'elicit-return');
    expect(text(confirm)).toMatch(/picked up/);
    expect(text(confirm)).not.toMatch(/delivery/i);
    // A yes/no question elicits nothing: "yes" is AMAZON.YesIntent, not a value.
    expect(elicits(confirm)).toEqual([]);
    expect(confirm.response.shouldEndSession).toBe(false);
  });

  it('when Smile asks where a delivery should go, then the place is elicited and a bare "the office" answers it, not a new request', async () => {
    const where = await ask(intentRequest('ChangeDeliveryPlaceIntent', { product: 'wipes' }), 'elicit-place');
    expect(elicits(where)[0], text(where)).toMatchObject({ slotToElicit: 'place', updatedIntent: { name: 'AnswerIntent' } });
    const answered = await ask(elicited('AnswerIntent', { place: 'office' }), 'elicit-place');
    expect(text(answered)).toMatch(/office/i);
    expect(text(answered)).toMatch(/\?$/);
    // A response that ends the session never elicits anything.
    const stop = await ask(intentRequest('AMAZON.StopIntent'), 'elicit-place');
    expect(stop.response.shouldEndSession).toBe(true);
    expect(elicits(stop)).toEqual([]);
  });

  it('when no question is open, then a bare answer starts nothing and Smile asks what the customer wants', async () => {
    const r = await ask(intentRequest('AnswerIntent', { date: '2026-11-24' }), 'bare');
    expect(text(r)).not.toMatch(/move|Shall I|placed/i);
    expect(r.response.shouldEndSession).toBe(false);
  });

  it('when "push it back a day" comes as a duration, then the delivery moves a day later than its window', async () => {
    const r = await ask(intentRequest('ChangeDeliverySlotIntent', { product: 'wipes', shift: 'P1D' }), 'shift');
    expect(text(r)).toMatch(/Move|move/);
    expect(text(r)).toMatch(/Monday, November 23|Tuesday, November 24/);
    expect(r.response.shouldEndSession).toBe(false);
  });

  it('when "this weekend" comes as a week value, then the windows offered are inside that weekend', async () => {
    const r = await ask(intentRequest('ChangeDeliverySlotIntent', { product: 'wipes', date: '2026-W48-WE' }), 'weekend');
    const said = text(r);
    expect(said).not.toMatch(/Monday|Tuesday|Wednesday|Thursday|Friday/);
    expect(said).toMatch(/Saturday, November 28|Sunday, November 29|no free|not free|closest|nothing/i);
  });

  it('when the customer says "make it three" at the confirmation, then the order is confirmed again for three', async () => {
    const placed = async () => (await get(smile, '/sandbox/commerce/v1/customers/demo/orders')).orders.length as number;
    const before = await placed();
    expect(text(await ask(intentRequest('ReorderIntent', { product: 'wipes' }), 'correct'))).toMatch(/Reorder 1 of/);
    const r = await ask(intentRequest('CorrectionIntent', { quantity: '3' }), 'correct');
    expect(text(r)).toMatch(/Reorder 3 of/);
    expect(text(await ask(intentRequest('AMAZON.NoIntent'), 'correct'))).toMatch(/won't|Nothing was ordered|Okay/);
    expect(await placed()).toBe(before);
  });

  it('when a policy question is asked by voice, then the policy answers it and nothing starts', async () => {
    const r = await ask(intentRequest('PolicyQuestionIntent', { howLong: 'return something' }), 'policy');
    expect(text(r)).toMatch(/returned within 30 days of delivery/);
    expect(text(r)).not.toMatch(/Source|[()]/);
    expect(text(r)).not.toMatch(/Which order|Shall I/);
  });

  it('when the customer says "more", then the next three options are read and the answer by name still works', async () => {
    const offered = ['Elm Street', 'Oak Plaza', 'Market Square', 'Pine Hill', 'River Road', 'Birch Lane', 'Cedar Court'];
    const first = await ask(intentRequest('MoreOptionsIntent'), 'more', { offered, heard: 3 });
    expect(text(first)).toBe(
      'You can also say Pine Hill, River Road, or Birch Lane, or say more to hear the other 1.'.replace('say more', 'say "more"').replace(/"/g, "'"),
    );
    expect(first.response.shouldEndSession).toBe(false);
    expect(first.sessionAttributes).toEqual({ offered, heard: 6 });
    const last = await ask(intentRequest('MoreOptionsIntent'), 'more', first.sessionAttributes);
    expect(text(last)).toBe('You can also say Cedar Court.');
    const none = await ask(intentRequest('MoreOptionsIntent'), 'more', last.sessionAttributes);
    expect(text(none)).toMatch(/all of them/);
    // Nothing offered: "more" is taken as any other words, and nothing starts.
    const idle = await ask(intentRequest('MoreOptionsIntent'), 'idle-more');
    expect(text(idle)).not.toMatch(/Shall I|placed/);
  });
});
