import { randomUUID } from 'node:crypto';
import express, { type Router } from 'express';
import { DefaultApiClient, SkillBuilders, type HandlerInput, type RequestHandler } from 'ask-sdk-core';
import { SkillRequestSignatureVerifier, TimestampVerifier, type Verifier } from 'ask-sdk-express-adapter';
import type { IntentRequest, Response as AlexaResponse, Slot } from 'ask-sdk-model';
import type { Logger } from 'pino';
import { z } from 'zod';
import { AppError } from '../domain/errors.js';
import type { Engine } from '../engine/engine.js';
import type { Reply } from '../engine/types.js';
import type { CommercePort } from '../integrations/ports.js';
import type { IntentName } from '../nlu/catalogue.js';
import { say } from '../prompts/index.js';
import type { Store } from '../store/port.js';

/** Alexa intents of the interaction model and the catalogue intents they stand for (PRODUCT.md section 3). */
export const VOICE_INTENTS: Record<string, IntentName> = {
  ReorderIntent: 'reorder', OrderStatusIntent: 'order_status', ChangeDeliverySlotIntent: 'change_delivery_slot',
  ChangeDeliveryPlaceIntent: 'change_delivery_place', ScheduleReturnIntent: 'schedule_return', CancelOrderIntent: 'cancel_order',
  TalkToAgentIntent: 'human_handoff', 'AMAZON.YesIntent': 'affirm', 'AMAZON.NoIntent': 'deny', 'AMAZON.HelpIntent': 'help',
  'AMAZON.StopIntent': 'stop', 'AMAZON.CancelIntent': 'stop', 'AMAZON.FallbackIntent': 'out_of_scope',
  // An answer to "which one?" ("the second one"): no catalogue intent, the flow reads the words.
  ChooseOptionIntent: 'out_of_scope',
  // The 4-digit voice purchase code: the reorder flow reads the digits.
  VoiceCodeIntent: 'out_of_scope',
};

const escapeSsml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** A reply as speech: sentences in order; a finite choice read out, since a speaker has no buttons. */
export function toSpeech(reply: Reply): { ssml: string; reprompt: string | null } {
  const parts = reply.messages.map((m) => escapeSsml(m.text));
  const last = reply.messages.at(-1);
  const choices = reply.awaiting && reply.awaiting !== 'confirmation' ? last?.suggestions?.slice(0, 3) : undefined;
  if (choices?.length) parts.push(escapeSsml(say('en-US', 'voice.choices', { choices: choices.map((c, i) => `${i + 1}: ${c}`).join('; ') })));
  const ssml = parts.join('<break time="300ms"/>');
  const reprompt = reply.awaiting ? escapeSsml(last?.text ?? '') : null;
  return { ssml, reprompt };
}

function slotWords(slots: Record<string, Slot> | undefined): { words: Record<string, string>; dates: string[]; numbers: number[] } {
  const words: Record<string, string> = {}; const dates: string[] = []; const numbers: number[] = [];
  for (const [name, slot] of Object.entries(slots ?? {})) {
    if (!slot.value) continue;
    if (name === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(slot.value)) dates.push(slot.value);
    else if (name === 'quantity' && /^\d+$/.test(slot.value)) numbers.push(Number(slot.value));
    else if (name === 'option') words[name] = /^\d+$/.test(slot.value) ? slot.value : slot.value;
    else words[name] = slot.value;
  }
  return { words, dates, numbers };
}

export interface AlexaOptions {
  engine: () => Engine;
  commerce: () => CommercePort;
  store: Store;
  logger: Logger;
  /** Signature and timestamp verification; off only for local testing (ALEXA_VERIFY=false). */
  verify: boolean;
  /** After this long without an answer, Alexa is told "one moment" through a progressive response. */
  progressiveAfterMs?: number;
}

/**
 * The Alexa skill: thin ask-sdk-core handlers that turn a request into a Turn and a Reply into speech, a reprompt,
 * a card and the session flag. Flows live in the engine, as for every channel.
 */
export function alexaSkill(options: AlexaOptions) {
  const linkCustomer = async (input: HandlerInput): Promise<string | null> => {
    const user = input.requestEnvelope.context.System.user;
    const token = user.accessToken;
    if (!token) return null;
    const known = await options.store.links.get('alexa', user.userId);
    if (known) return known.customerId;
    const customerId = await options.commerce().customerForToken(token);
    if (!customerId) return null;
    await options.store.links.put({ channel: 'alexa', channelUserId: user.userId, customerId, createdAt: new Date().toISOString() });
    return customerId;
  };

  const progressive = (input: HandlerInput): (() => void) => {
    const after = options.progressiveAfterMs ?? 1200;
    const timer = setTimeout(() => {
      const client = input.serviceClientFactory?.getDirectiveServiceClient();
      const requestId = input.requestEnvelope.request.requestId;
      client?.enqueue({ header: { requestId }, directive: { type: 'VoicePlayer.Speak', speech: escapeSsml(say('en-US', 'voice.one_moment')) } })
        .catch((err: Error) => options.logger.warn({ err: err.message }, 'progressive response failed'));
    }, after);
    return () => clearTimeout(timer);
  };

  const respond = async (input: HandlerInput, build: (customerLinked: boolean) => Promise<Reply | null>): Promise<AlexaResponse> => {
    const customerId = await linkCustomer(input);
    if (!customerId) {
      return input.responseBuilder.speak(escapeSsml(say('en-US', 'voice.link_account'))).withLinkAccountCard().withShouldEndSession(true).getResponse();
    }
    const done = progressive(input);
    let reply: Reply | null;
    try {
      reply = await build(true);
    } catch (err) {
      const message = err instanceof AppError && err.status < 500 ? err.message : say('en-US', 'voice.error');
      return input.responseBuilder.speak(escapeSsml(message)).withShouldEndSession(true).getResponse();
    } finally {
      done();
    }
    if (!reply) return input.responseBuilder.getResponse();
    const { ssml, reprompt } = toSpeech(reply);
    const rb = input.responseBuilder.speak(ssml);
    // The session stays open while Smile waits for an answer, and after a welcome, help or a misunderstanding,
    // where the customer is expected to say what they want next.
    const keepOpen = Boolean(reply.awaiting) || reply.intent === null || ['help', 'greet', 'out_of_scope'].includes(reply.intent.name);
    if (reprompt) rb.reprompt(reprompt);
    else if (keepOpen) rb.reprompt(escapeSsml(say('en-US', 'voice.what_next')));
    const card = reply.messages.find((m) => m.card)?.card;
    if (card) rb.withSimpleCard(card.title, card.lines.join('\n'));
    return rb.withShouldEndSession(!keepOpen).getResponse();
  };

  const turnBase = (input: HandlerInput) => {
    const env = input.requestEnvelope;
    return {
      channel: 'alexa', channelUserId: env.context.System.user.userId,
      conversationId: `alexa:${env.session?.sessionId ?? env.context.System.user.userId}`,
      messageId: env.request.requestId ?? randomUUID(), locale: 'en-US' as const,
      capabilities: { voice: true, cards: true, quickReplies: false, liveChat: false },
    };
  };

  const launch: RequestHandler = {
    canHandle: (input) => input.requestEnvelope.request.type === 'LaunchRequest',
    handle: (input) => respond(input, async () => options.engine().handle({ ...turnBase(input), input: { type: 'event', name: 'welcome' } })),
  };
  const intent: RequestHandler = {
    canHandle: (input) => input.requestEnvelope.request.type === 'IntentRequest',
    handle: (input) => respond(input, async () => {
      const request = input.requestEnvelope.request as IntentRequest;
      const name = VOICE_INTENTS[request.intent.name] ?? 'out_of_scope';
      const { words, dates, numbers } = slotWords(request.intent.slots);
      return options.engine().handle({ ...turnBase(input), input: { type: 'intent', intent: name, slots: words, dates, numbers } });
    }),
  };
  const ended: RequestHandler = {
    canHandle: (input) => input.requestEnvelope.request.type === 'SessionEndedRequest',
    handle: (input) => input.responseBuilder.getResponse(),
  };

  return SkillBuilders.custom()
    .addRequestHandlers(launch, intent, ended)
    .addErrorHandlers({
      canHandle: () => true,
      handle: (input, err) => {
        options.logger.error({ err: err.message }, 'alexa handler failed');
        return input.responseBuilder.speak(escapeSsml(say('en-US', 'voice.error'))).withShouldEndSession(true).getResponse();
      },
    })
    .withApiClient(new DefaultApiClient())
    .withCustomUserAgent('smile')
    .create();
}

const Envelope = z.object({
  version: z.string(),
  context: z.object({ System: z.object({ user: z.object({ userId: z.string().min(1) }).passthrough() }).passthrough() }).passthrough(),
  request: z.object({ type: z.string(), requestId: z.string().optional(), timestamp: z.string().optional() }).passthrough(),
}).passthrough();

/**
 * POST /alexa: the raw body is verified (signature and timestamp, with ask-sdk-express-adapter's verifiers), then
 * validated, then dispatched. Refusals use Smile's error shape.
 */
export function alexaRouter(options: AlexaOptions): Router {
  const skill = alexaSkill(options);
  const verifiers: Verifier[] = options.verify ? [new SkillRequestSignatureVerifier(), new TimestampVerifier()] : [];
  const router = express.Router();
  router.post('/alexa', express.text({ type: '*/*', limit: '256kb' }), async (req, res) => {
    const raw = typeof req.body === 'string' ? req.body : '';
    try {
      await Promise.all(verifiers.map((v) => v.verify(raw, req.headers)));
    } catch (err) {
      throw new AppError('alexa_verification_failed', `Request verification failed: ${(err as Error).message}`, 400);
    }
    let json: unknown;
    try { json = JSON.parse(raw); } catch { throw new AppError('invalid_json', 'The body is not valid JSON', 400); }
    const envelope = Envelope.safeParse(json);
    if (!envelope.success) throw new AppError('invalid_request', 'Not an Alexa request envelope', 400);
    res.json(await skill.invoke(envelope.data as never));
  });
  return router;
}
