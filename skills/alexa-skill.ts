import { createHash } from 'node:crypto';
import express, { type Router } from 'express';
import { DefaultApiClient, SkillBuilders, type HandlerInput, type RequestHandler } from 'ask-sdk-core';
import type { Verifier } from 'ask-sdk-express-adapter';
import type { RequestEnvelope, Response as AlexaResponse } from 'ask-sdk-model';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { ChannelPort } from '../bots/channel-port.js';
import { AppError } from '../domain/errors.js';
import type { Engine } from '../engine/engine.js';
import type { CommercePort } from '../ports/commerce.js';
import { say } from '../prompts/index.js';
import type { Reply, Turn } from '../engine/types.js';
import { ACTION_INTENTS } from '../domain/understanding.js';
import { alexaChannel as channel, escapeSsml, moreChoices, stillChecking, withNews, type AlexaSpeech } from './alexa-channel.js';
import { slotsOf } from './interaction-model.js';

/** The first request of an Alexa session: a launch, or a one-shot request ("ask smile shopping to …"). */
const opensSession = (input: HandlerInput): boolean =>
  input.requestEnvelope.request.type === 'LaunchRequest' || input.requestEnvelope.session?.new === true;

/** A request that will reach the shop: a flow's request, a "yes" to a change, or an answer to Smile's question. */
function reachesTheShop(turn: Turn): boolean {
  const input = turn.input;
  if (input.type !== 'intent') return false;
  return ACTION_INTENTS.has(input.intent) || input.intent === 'affirm' || Object.keys(input.slots).length > 0 || Boolean(input.dates?.length);
}

/** News of something the customer asked for by voice, learnt after their session ended. */
export interface VoiceNewsItem {
  /** Unique per piece of news (a turn's request id, a pending change's key): the same news is kept and sent once. */
  id: string;
  customerId: string;
  kind: 'order_placed' | 'change_settled';
  /** As the chat would say it; the speech is rendered for the ear when it is said. */
  text: string;
}

/**
 * Where news goes that arrives after an Alexa session ended: an ended session is never spoken to, so the news is kept
 * for the customer's next session (said first, then forgotten) and sent as a notice (app/voice-news.ts).
 */
export interface VoiceNewsPort {
  add(item: VoiceNewsItem): Promise<void>;
  /** What is waiting for the customer, oldest first; taken, so it is said once. */
  take(customerId: string): Promise<string[]>;
}

/** A "yes" (or the voice code) commits a change: its answer, when it came too late to be spoken, is news. */
function commits(turn: Turn): boolean {
  const input = turn.input;
  return input.type === 'intent' && (input.intent === 'affirm' || input.spoken?.intent === 'VoiceCodeIntent');
}

/**
 * A committed turn's answer that came after Alexa's time was up, as news for the next session: a finished change
 * (nothing awaited). An outcome still unknown is not news yet: the reconciler settles it and tells it.
 */
export function lateNews(turn: Turn, reply: Reply): VoiceNewsItem | null {
  if (!commits(turn) || !turn.customerId || reply.awaiting !== null || reply.messages.length === 0) return null;
  const texts = reply.messages.map((m) => m.text);
  const unknown = [say(reply.locale, 'outcome.unknown'), say(reply.locale, 'outcome.unknown.voice')];
  if (texts.some((t) => unknown.some((u) => t.includes(u)))) return null;
  const placed = reply.messages.some((m) => m.card?.title === say(reply.locale, 'card.order'));
  return {
    id: turn.messageId,
    customerId: turn.customerId,
    kind: placed ? 'order_placed' : 'change_settled',
    text: say(reply.locale, 'voice.news.late', { text: texts.join(' ') }),
  };
}

/** Alexa's permission for Smile's notifications (Proactive Events): the manifest asks for it, the customer grants it. */
export const NOTIFICATIONS_PERMISSION = 'alexa::devices:all:notifications:write';

/** What an Alexa user allowed Smile, and whether Smile has asked them for notifications (per Alexa user id). */
export interface VoicePermissionsRecord {
  notifications: boolean;
  /** When Smile asked for notifications (once ever). */
  askedAt?: string;
  /** When an order placed by voice made the question due: it is asked at the next session's opening. */
  owedAt?: string;
}
export interface VoicePermissionsPort {
  get(alexaUserId: string): Promise<VoicePermissionsRecord | null>;
  put(alexaUserId: string, value: VoicePermissionsRecord): Promise<void>;
}

/** The notifications permission as the request says it, when Alexa says it (`permissions.scopes`); else null. */
function grantedInRequest(input: HandlerInput): boolean | null {
  const scopes = (input.requestEnvelope.context.System.user.permissions as { scopes?: Record<string, { status?: string }> } | undefined)?.scopes;
  const status = scopes?.[NOTIFICATIONS_PERMISSION]?.status;
  return status ? status === 'GRANTED' : null;
}

/** A "yes" (or the voice code) whose answer is a finished order: nothing more asked, the order's card shown. */
const placedAnOrder = (turn: Turn, reply: Reply): boolean =>
  commits(turn) && reply.awaiting === null && reply.messages.some((m) => m.card?.title === say(reply.locale, 'card.order'));

export interface AlexaOptions {
  engine: () => Engine;
  commerce: () => CommercePort;
  port: ChannelPort;
  logger: Logger;
  /** Signature and timestamp verification; off only for local testing (ALEXA_VERIFY=false). */
  verify: boolean;
  /**
   * After this long without an answer, Alexa is told "one moment" through a progressive response; a request that
   * reaches the shop (a flow's request, a "yes", an answer) is told at once.
   */
  progressiveAfterMs?: number;
  /**
   * Alexa waits about eight seconds: an answer not ready by then is replaced by "still checking" (the turn goes on and
   * its outcome is kept and told later), so every response is inside Alexa's time. Default 6000.
   */
  answerWithinMs?: number;
  /** How long the customer an access token names is reused before the shop is asked again (default a minute). */
  tokenTtlMs?: number;
  clock?: () => Date;
  /** News learnt after a session ended: kept for the next session and sent as a notice. */
  news?: VoiceNewsPort;
  /** What each Alexa user allowed (from skill permission events); without it Smile never asks for notifications. */
  permissions?: VoicePermissionsPort;
}

/**
 * The Alexa skill: thin ask-sdk-core handlers that turn a request into a Turn and a Reply into speech, a reprompt,
 * a card and the session flag. Flows live in the engine, as for every channel.
 */
export function alexaSkill(options: AlexaOptions) {
  // The account is the token's: every request's access token is resolved by the shop, never remembered per Alexa
  // user, so an unlinked, revoked or relinked account takes effect on the next request. A resolution is reused for
  // a short while (by a hash of the token) to spare the shop a call per turn; a rejected token is never remembered.
  const tokenTtlMs = options.tokenTtlMs ?? 60_000;
  const now = options.clock ?? (() => new Date());
  const resolved = new Map<string, { customerId: string; until: number }>();
  const customerOf = async (input: HandlerInput): Promise<string | null> => {
    const token = input.requestEnvelope.context.System.user.accessToken;
    if (!token) return null;
    const key = createHash('sha256').update(token).digest('base64url');
    const at = now().getTime();
    const hit = resolved.get(key);
    if (hit && hit.until > at) return hit.customerId;
    resolved.delete(key);
    const customerId = await options.commerce().customerForToken(token);
    if (!customerId) return null;
    if (resolved.size >= 10_000) for (const [k, v] of resolved) if (v.until <= at) resolved.delete(k);
    if (resolved.size < 10_000) resolved.set(key, { customerId, until: at + tokenTtlMs });
    return customerId;
  };

  // A progressive response (Alexa's directive service) is spoken while the turn runs: at once when the request will
  // reach the shop, else only when the answer is slow. It is sent before the answer, never after.
  const progressive = (input: HandlerInput, atOnce: boolean): (() => void) => {
    let answered = false;
    const send = () => {
      if (answered) return;
      const client = input.serviceClientFactory?.getDirectiveServiceClient();
      const requestId = input.requestEnvelope.request.requestId;
      client
        ?.enqueue({
          header: { requestId },
          directive: { type: 'VoicePlayer.Speak', speech: `<speak>${escapeSsml(say('en-US', 'voice.one_moment'))}</speak>` },
        })
        .catch((err: Error) => options.logger.warn({ err: err.message }, 'progressive response failed'));
    };
    if (atOnce) send();
    const timer = atOnce ? undefined : setTimeout(send, options.progressiveAfterMs ?? 1200);
    return () => {
      answered = true;
      clearTimeout(timer);
    };
  };

  /** The engine's reply, or null when it is not ready within Alexa's time (the turn goes on; its outcome is kept). */
  const within = async (turn: Turn, started: number): Promise<Reply | null> => {
    let timer: NodeJS.Timeout | undefined;
    const handled = options.engine().handle(turn);
    // Alexa's clock runs from its request, so the time the account took to resolve is already spent.
    const left = Math.max(0, (options.answerWithinMs ?? 6000) - (performance.now() - started));
    const late = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), left);
    });
    try {
      const reply = await Promise.race([handled, late]);
      // Alexa has had its answer and the session is closed: what the turn ends with is never spoken into it, but a
      // finished change is news for the customer's next session and their Alexa app.
      if (reply === null)
        handled
          .then(async (answer) => {
            const news = lateNews(turn, answer);
            if (news) await options.news?.add(news);
          })
          .catch((err: unknown) => options.logger.error({ err }, 'alexa turn failed after its answer was given up'));
      return reply;
    } finally {
      clearTimeout(timer);
    }
  };

  const waitingNews = async (customerId: string): Promise<string[]> => {
    try {
      return (await options.news?.take(customerId)) ?? [];
    } catch (err) {
      // Not said this time; it is still in the Alexa app and the transcript.
      options.logger.warn({ err }, 'voice news not read');
      return [];
    }
  };

  /**
   * The notifications permission, asked for once and never over an order's receipt: an order placed by a customer who
   * has not allowed notifications (as the request or Alexa's permission events say) makes the question due, and it is
   * asked at the next session's opening, when that response has no card of its own (Alexa shows one card, and the
   * consent card must not push out a receipt, a status or news). Asking is recorded first, so it happens once. Never
   * when unsure of the record (the store failing): a missed question is better than one asked on every order.
   */
  const oweNotificationsQuestion = async (input: HandlerInput): Promise<void> => {
    const permissions = options.permissions;
    if (!permissions || grantedInRequest(input) === true) return;
    const userId = input.requestEnvelope.context.System.user.userId;
    try {
      const known = await permissions.get(userId);
      if (known?.notifications || known?.askedAt || known?.owedAt) return;
      await permissions.put(userId, { notifications: false, owedAt: now().toISOString() });
    } catch (err) {
      options.logger.warn({ err }, 'alexa permissions not kept');
    }
  };
  const askOwedNotifications = async (input: HandlerInput): Promise<boolean> => {
    const permissions = options.permissions;
    if (!permissions || grantedInRequest(input) === true) return false;
    const userId = input.requestEnvelope.context.System.user.userId;
    try {
      const known = await permissions.get(userId);
      if (!known?.owedAt || known.notifications || known.askedAt) return false;
      await permissions.put(userId, { ...known, askedAt: now().toISOString() });
      return true;
    } catch (err) {
      options.logger.warn({ err }, 'alexa permissions not read');
      return false;
    }
  };

  const respond = async (input: HandlerInput): Promise<AlexaResponse> => {
    const started = performance.now();
    const customerId = await customerOf(input);
    if (!customerId) {
      const rb = input.responseBuilder.speak(escapeSsml(say('en-US', 'voice.link_account')));
      return rb.withLinkAccountCard().withShouldEndSession(true).getResponse();
    }
    const request = input.requestEnvelope.request;
    if (request.type === 'IntentRequest' && request.intent.name === 'MoreOptionsIntent') {
      const more = moreChoices(input.attributesManager.getSessionAttributes());
      if (more) {
        input.attributesManager.setSessionAttributes({ offered: more.speech.offered, heard: more.heard });
        return input.responseBuilder
          .speak(more.speech.ssml)
          .reprompt(more.speech.reprompt ?? '')
          .withShouldEndSession(false)
          .getResponse();
      }
    }
    const understood = channel.toTurn(input);
    if (!understood) return input.responseBuilder.getResponse();
    const turn = { ...understood, customerId };
    const done = progressive(input, reachesTheShop(turn));
    let speech: AlexaSpeech;
    let placed = false;
    try {
      const reply = await within(turn, started);
      speech = reply ? channel.render(reply) : stillChecking('en-US');
      placed = reply !== null && placedAnOrder(turn, reply);
    } catch (err) {
      options.logger.error({ err }, 'alexa turn failed');
      speech = channel.renderError(err, 'en-US');
    } finally {
      done();
    }
    // A new session first hears what happened since the last one ended ("An update on the order you asked for…").
    const news = opensSession(input) ? await waitingNews(customerId) : [];
    if (news.length) speech = withNews(news, speech);
    // An order placed is when notifications start to matter ("it shipped"); its receipt card stays, and a customer who
    // has not allowed them is asked at the next opening, once: one sentence before the answer (which may end on a
    // question), with Alexa's consent card, when the opening's answer has no card of its own.
    if (placed) await oweNotificationsQuestion(input);
    const consent = opensSession(input) && !speech.card && (await askOwedNotifications(input));
    // "Open smile shopping": the question takes the place of the list of what Smile does (the opening stays short);
    // a one-shot request hears it before its answer.
    if (consent && request.type === 'LaunchRequest') speech = { ...speech, ssml: escapeSsml(say('en-US', 'voice.welcome_notifications')) };
    else if (consent) speech = { ...speech, ssml: `${escapeSsml(say('en-US', 'voice.allow_notifications'))}<break time="300ms"/>${speech.ssml}` };
    const rb = input.responseBuilder.speak(speech.ssml);
    if (speech.reprompt) rb.reprompt(speech.reprompt);
    if (consent) rb.withAskForPermissionsConsentCard([NOTIFICATIONS_PERMISSION]);
    else if (speech.card) rb.withSimpleCard(speech.card.title, speech.card.content);
    // The question wants a value: Alexa hears the next words as that slot's value (a bare "friday" is the pick-up day,
    // never a new delivery move). Only in answer to an intent, as Alexa allows; every slot listed, none filled, so the
    // answer arrives with only what was said to it.
    if (speech.elicit && request.type === 'IntentRequest' && !speech.endSession) {
      const slots = Object.fromEntries(slotsOf(speech.elicit.intent).map((name) => [name, { name, confirmationStatus: 'NONE' as const }]));
      rb.addElicitSlotDirective(speech.elicit.slot, { name: speech.elicit.intent, confirmationStatus: 'NONE', slots });
    }
    input.attributesManager.setSessionAttributes(speech.offered.length ? { offered: speech.offered, heard: Math.min(3, speech.offered.length) } : {});
    return rb.withShouldEndSession(speech.endSession).getResponse();
  };

  const turn: RequestHandler = {
    canHandle: (input) => ['LaunchRequest', 'IntentRequest'].includes(input.requestEnvelope.request.type),
    handle: respond,
  };
  // Requests that take no speech: the session has ended (the customer left, or it timed out), Alexa reports an error
  // in Smile's last response, or a skill event arrives outside any session. Alexa ignores (or refuses) anything said.
  const silent: RequestHandler = {
    canHandle: (input) => {
      const type = input.requestEnvelope.request.type;
      return type === 'SessionEndedRequest' || type === 'System.ExceptionEncountered' || type.startsWith('AlexaSkillEvent.');
    },
    handle: async (input) => {
      const request = input.requestEnvelope.request;
      // The customer allowed (or withdrew) permissions in the Alexa app: kept, so Smile asks for notifications only
      // when they are not allowed.
      if (request.type === 'AlexaSkillEvent.SkillPermissionAccepted' || request.type === 'AlexaSkillEvent.SkillPermissionChanged') {
        const accepted = request.body?.acceptedPermissions ?? [];
        const userId = input.requestEnvelope.context.System.user.userId;
        try {
          const known = await options.permissions?.get(userId);
          await options.permissions?.put(userId, {
            notifications: accepted.some((p) => p.scope === NOTIFICATIONS_PERMISSION),
            ...(known?.askedAt ? { askedAt: known.askedAt } : {}),
            ...(known?.owedAt ? { owedAt: known.owedAt } : {}),
          });
        } catch (err) {
          options.logger.warn({ err }, 'alexa permission event not kept');
        }
      }
      if (request.type === 'System.ExceptionEncountered')
        options.logger.warn({ error: request.error?.type }, 'alexa reported an error in a response');
      if (request.type === 'SessionEndedRequest' && request.reason === 'ERROR')
        options.logger.warn({ error: request.error?.type }, 'alexa session ended on an error');
      return input.responseBuilder.getResponse();
    },
  };

  return SkillBuilders.custom()
    .addRequestHandlers(turn, silent)
    .addErrorHandlers({
      canHandle: () => true,
      handle: (input, err) => {
        // A request type Smile has no handler for (System.ExceptionEncountered, a new Alexa request) is not Smile failing.
        const unhandled = err.name.startsWith('AskSdk.') && /suitable request handler/.test(err.message);
        if (unhandled) {
          // Nothing is said to a request that is not the customer speaking (a new kind of Alexa request or event).
          options.logger.warn({ requestType: input.requestEnvelope.request.type.slice(0, 64) }, 'alexa request type not handled');
          return input.responseBuilder.getResponse();
        }
        options.logger.error({ err: err.message }, 'alexa handler failed');
        return input.responseBuilder
          .speak(escapeSsml(say('en-US', 'voice.error')))
          .withShouldEndSession(true)
          .getResponse();
      },
    })
    .withApiClient(new DefaultApiClient())
    .withCustomUserAgent('smile')
    .create();
}

const EnvelopeShape = z
  .object({
    version: z.string(),
    context: z.object({ System: z.object({ user: z.object({ userId: z.string().min(1) }).passthrough() }).passthrough() }).passthrough(),
    request: z.object({ type: z.string(), requestId: z.string().optional(), timestamp: z.string().optional() }).passthrough(),
  })
  .passthrough();
/**
 * An Alexa request envelope: checked for the fields Smile reads (the rest passes through to ask-sdk as Alexa sent it),
 * and typed as ask-sdk's RequestEnvelope only once that check has passed.
 */
const Envelope = z.custom<RequestEnvelope>((v) => EnvelopeShape.safeParse(v).success);

/**
 * POST /alexa: the raw body is verified (signature and timestamp, with ask-sdk-express-adapter's verifiers), then
 * validated, then dispatched. Refusals use Smile's error shape.
 */
export function alexaRouter(options: AlexaOptions): Router {
  const skill = alexaSkill(options);
  // The verifiers' package (with node-forge, ~0.15 s to load) is loaded by the first request, not at start.
  let verifying: Promise<Verifier[]> | null = null;
  const verifiers = (): Promise<Verifier[]> =>
    (verifying ??= options.verify
      ? import('ask-sdk-express-adapter').then(({ SkillRequestSignatureVerifier, TimestampVerifier }) => [
          new SkillRequestSignatureVerifier(),
          new TimestampVerifier(),
        ])
      : Promise.resolve([]));
  const router = express.Router();
  router.post('/alexa', express.text({ type: '*/*', limit: '256kb' }), async (req, res) => {
    const raw = typeof req.body === 'string' ? req.body : '';
    const checks = await verifiers();
    try {
      await Promise.all(checks.map((v) => v.verify(raw, req.headers)));
    } catch (err) {
      throw new AppError('alexa_verification_failed', `Request verification failed: ${(err as Error).message}`, 400);
    }
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new AppError('invalid_json', 'The body is not valid JSON', 400);
    }
    const envelope = Envelope.safeParse(json);
    if (!envelope.success) throw new AppError('invalid_request', 'Not an Alexa request envelope', 400);
    res.json(await skill.invoke(envelope.data));
  });
  return router;
}
