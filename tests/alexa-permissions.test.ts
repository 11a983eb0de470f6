import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Smile } from '../app/server.js';
import { NOTIFICATIONS_PERMISSION } from '../skills/alexa-skill.js';
import { get, post, startTestSmile } from './helpers.js';
import { envelope, intentRequest, spoken, words } from './alexa-envelopes.js';

/**
 * Item 2 of issue 22's follow-up: the notifications permission is asked for once, after an order placed by voice — at
 * the next session's opening, so the order's receipt card is never pushed out by the consent card.
 */
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
  /** A new session opened with "Alexa, open smile shopping". */
  const opening = (user: string, session: string, extra?: (b: any) => void) => {
    const body = envelope({ type: 'LaunchRequest' }, { session, user, token: 'demo-token', newSession: true }) as any;
    extra?.(body);
    return send(body);
  };

  it('when a customer who has not allowed notifications places an order, then the order keeps its receipt card and the next opening asks, once, before its question', async () => {
    const before = await placed();
    const first = await reorder('amzn1.ask.account.PERM-1', 'perm-a', 'wipes');
    expect(consentCard(first.question)).toBeNull();
    // The order's facts come first: its receipt card, and no question about notifications over it.
    expect(consentCard(first.done)).toBeNull();
    expect(first.done.response.card?.type).toBe('Simple');
    expect(first.done.response.card?.content).toMatch(/Pampers/);
    const said = words(spoken(first.done)).join(' ');
    expect(said).toMatch(/placed/);
    expect(said).not.toMatch(/notifications/);
    expect(first.done.response.shouldEndSession).toBe(true);
    expect(await placed()).toBe(before + 1);
    // The next opening: one sentence and the consent card, then the greeting's own question, the microphone open.
    const next = await opening('amzn1.ask.account.PERM-1', 'perm-o1');
    expect(consentCard(next)).toEqual({ type: 'AskForPermissionsConsent', permissions: [NOTIFICATIONS_PERMISSION] });
    const greeting = words(spoken(next)).join(' ');
    expect(greeting).toBe('Welcome back! To hear when your orders ship, allow notifications for Smile in your Alexa app. What would you like to do?');
    expect(next.response.reprompt).toBeDefined();
    expect(next.response.shouldEndSession).toBe(false);
    // Asked once: neither the opening after nor another order asks again.
    expect(consentCard(await opening('amzn1.ask.account.PERM-1', 'perm-o2'))).toBeNull();
    const second = await reorder('amzn1.ask.account.PERM-1', 'perm-o3', 'detergent');
    expect(consentCard(second.done)).toBeNull();
    expect(second.done.response.card?.type).toBe('Simple');
    expect(words(spoken(await opening('amzn1.ask.account.PERM-1', 'perm-o4'))).join(' ')).not.toMatch(/notifications/);
  });

  it('when the question is due and the next session opens with a one-shot request, then an answer with its own card keeps it and the question waits; one without is preceded by it', async () => {
    await reorder('amzn1.ask.account.PERM-6', 'perm-h', 'wipes');
    const oneShot = (request: Record<string, unknown>, session: string) =>
      send(envelope(request, { session, user: 'amzn1.ask.account.PERM-6', token: 'demo-token', newSession: true }));
    // "Alexa, ask smile shopping to reorder the detergent": the confirmation's card stays, nothing about notifications.
    const confirm = await oneShot(intentRequest('ReorderIntent', { product: 'detergent' }), 'perm-h2');
    expect(consentCard(confirm)).toBeNull();
    expect(words(spoken(confirm)).join(' ')).not.toMatch(/notifications/);
    // "Alexa, ask smile shopping for help": no card of its own, so the question comes first and help ends on its question.
    const help = await oneShot(intentRequest('AMAZON.HelpIntent'), 'perm-h3');
    expect(consentCard(help)).not.toBeNull();
    expect(words(spoken(help)).join(' ')).toMatch(/^To hear when your orders ship, allow notifications for Smile in your Alexa app\. .*\?$/);
    expect(help.response.shouldEndSession).toBe(false);
  });

  it('when a customer who placed no order opens the skill, then nothing about notifications is said', async () => {
    const r = await opening('amzn1.ask.account.PERM-5', 'perm-g');
    expect(consentCard(r)).toBeNull();
    expect(words(spoken(r)).join(' ')).not.toMatch(/notifications/);
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
    expect(consentCard(await opening('amzn1.ask.account.PERM-2', 'perm-c2'))).toBeNull();
    // The request itself says it is granted.
    const grant = (b: any) => {
      b.context.System.user.permissions = { scopes: { [NOTIFICATIONS_PERMISSION]: { status: 'GRANTED' } } };
    };
    await reorder('amzn1.ask.account.PERM-3', 'perm-d', 'wipes', grant);
    expect(consentCard(await opening('amzn1.ask.account.PERM-3', 'perm-d2', grant))).toBeNull();
    // Withdrawn later (the permission changed to none): the next order asks, once.
    const changed = envelope(
      { type: 'AlexaSkillEvent.SkillPermissionChanged', body: { acceptedPermissions: [] } },
      { user: 'amzn1.ask.account.PERM-2' },
    ) as any;
    delete changed.session;
    await send(changed);
    const withdrawn = await reorder('amzn1.ask.account.PERM-2', 'perm-e', 'detergent');
    expect(consentCard(withdrawn.done)).toBeNull();
    expect(consentCard(await opening('amzn1.ask.account.PERM-2', 'perm-e2'))).not.toBeNull();
  });

  it('when the customer says no to the order, then nothing is placed and no permission is asked', async () => {
    const before = await placed();
    await ask(intentRequest('ReorderIntent', { product: 'wipes' }), 'amzn1.ask.account.PERM-4', 'perm-f');
    const no = await ask(intentRequest('AMAZON.NoIntent'), 'amzn1.ask.account.PERM-4', 'perm-f');
    expect(consentCard(no)).toBeNull();
    expect(await placed()).toBe(before);
    expect(consentCard(await opening('amzn1.ask.account.PERM-4', 'perm-f2'))).toBeNull();
  });
});
