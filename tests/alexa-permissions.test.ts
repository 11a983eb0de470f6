import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Smile } from '../app/server.js';
import { NOTIFICATIONS_PERMISSION } from '../skills/alexa-skill.js';
import { get, post, startTestSmile } from './helpers.js';
import { envelope, intentRequest, spoken, words } from './alexa-envelopes.js';

/** Item 2 of issue 22's follow-up: the notifications permission is asked for once, when an order is placed by voice. */
describe('the notifications permission by voice', () => {
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
  const placed = async () => (await get(smile, '/sandbox/commerce/v1/customers/demo/orders')).orders.length as number;
  const send = async (body: Record<string, unknown>) => (await post(smile, '/alexa', body)).json;
  const ask = (request: Record<string, unknown>, user: string, session: string, extra?: (b: any) => void) => {
    const body = envelope(request, { session, user, token: 'demo-token', newSession: false }) as any;
    extra?.(body);
    return send(body);
  };
  /** A reorder confirmed with "yes" in its own session; both responses. */
  const reorder = async (user: string, session: string, product: string, extra?: (b: any) => void) => {
    const question = await ask(intentRequest('ReorderIntent', { product }), user, session, extra);
    expect(words(spoken(question)).join(' ')).toMatch(/Shall I place the order/);
    const done = await ask(intentRequest('AMAZON.YesIntent'), user, session, extra);
    return { question, done };
  };
  const consentCard = (r: any) => (r.response.card?.type === 'AskForPermissionsConsent' ? r.response.card : null);

  it('when a customer who has not allowed notifications places an order, then they are asked once, in one sentence with the consent card, and never again', async () => {
    const before = await placed();
    const first = await reorder('amzn1.ask.account.PERM-1', 'perm-a', 'wipes');
    // Not while the order is only being confirmed.
    expect(consentCard(first.question)).toBeNull();
    expect(consentCard(first.done)).toEqual({ type: 'AskForPermissionsConsent', permissions: [NOTIFICATIONS_PERMISSION] });
    const said = words(spoken(first.done)).join(' ');
    expect(said).toMatch(/placed/);
    expect(said).toMatch(/allow notifications for Smile in your Alexa app\.$/);
    expect(first.done.response.shouldEndSession).toBe(true);
    expect(await placed()).toBe(before + 1);
    // The next order, in a new session: the order's own card, no question about notifications.
    const second = await reorder('amzn1.ask.account.PERM-1', 'perm-b', 'detergent');
    expect(words(spoken(second.done)).join(' ')).toMatch(/placed/);
    expect(consentCard(second.done)).toBeNull();
    expect(second.done.response.card?.type).toBe('Simple');
    expect(words(spoken(second.done)).join(' ')).not.toMatch(/notifications/);
  });

  it('when the customer allowed notifications (a permission event, or the request says so), then an order asks nothing', async () => {
    // Alexa tells the skill when the permission is accepted in the app; the event gets no speech.
    const event = envelope(
      {
        type: 'AlexaSkillEvent.SkillPermissionAccepted',
        body: { acceptedPermissions: [{ scope: NOTIFICATIONS_PERMISSION }] },
      },
      { user: 'amzn1.ask.account.PERM-2' },
    ) as any;
    delete event.session;
    const ack = await send(event);
    expect(ack.response.outputSpeech).toBeUndefined();
    const granted = await reorder('amzn1.ask.account.PERM-2', 'perm-c', 'wipes');
    expect(words(spoken(granted.done)).join(' ')).toMatch(/placed/);
    expect(consentCard(granted.done)).toBeNull();
    // The request itself says it is granted.
    const scoped = await reorder('amzn1.ask.account.PERM-3', 'perm-d', 'wipes', (b) => {
      b.context.System.user.permissions = { scopes: { [NOTIFICATIONS_PERMISSION]: { status: 'GRANTED' } } };
    });
    expect(consentCard(scoped.done)).toBeNull();
    // Withdrawn later (the permission changed to none): the next order asks, once.
    const changed = envelope(
      { type: 'AlexaSkillEvent.SkillPermissionChanged', body: { acceptedPermissions: [] } },
      { user: 'amzn1.ask.account.PERM-2' },
    ) as any;
    delete changed.session;
    await send(changed);
    const withdrawn = await reorder('amzn1.ask.account.PERM-2', 'perm-e', 'detergent');
    expect(consentCard(withdrawn.done)).not.toBeNull();
  });

  it('when the customer says no to the order, then nothing is placed and no permission is asked', async () => {
    const before = await placed();
    await ask(intentRequest('ReorderIntent', { product: 'wipes' }), 'amzn1.ask.account.PERM-4', 'perm-f');
    const no = await ask(intentRequest('AMAZON.NoIntent'), 'amzn1.ask.account.PERM-4', 'perm-f');
    expect(consentCard(no)).toBeNull();
    expect(await placed()).toBe(before);
  });
});
