import express, { type Router } from 'express';
import { DefaultApiClient, SkillBuilders, type HandlerInput, type RequestHandler } from 'ask-sdk-core';
import { SkillRequestSignatureVerifier, TimestampVerifier, type Verifier } from 'ask-sdk-express-adapter';
import type { RequestEnvelope, Response as AlexaResponse } from 'ask-sdk-model';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { ChannelPort } from '../bots/channel-port.js';
import { AppError } from '../domain/errors.js';
import type { Engine } from '../engine/engine.js';
import type { CommercePort } from '../ports/commerce.js';
import { say } from '../prompts/index.js';
import { alexaChannel as channel, escapeSsml, type AlexaSpeech } from './alexa-channel.js';

export interface AlexaOptions {
  engine: () => Engine;
  commerce: () => CommercePort;
  port: ChannelPort;
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
    const known = await options.port.links.get('alexa', user.userId);
    if (known) return known.customerId;
    const customerId = await options.commerce().customerForToken(token);
    if (!customerId) return null;
    await options.port.links.put({ channel: 'alexa', channelUserId: user.userId, customerId, createdAt: new Date().toISOString() });
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

  const respond = async (input: HandlerInput): Promise<AlexaResponse> => {
    const customerId = await linkCustomer(input);
    if (!customerId) {
      const rb = input.responseBuilder.speak(escapeSsml(say('en-US', 'voice.link_account')));
      return rb.withLinkAccountCard().withShouldEndSession(true).getResponse();
    }
    const turn = channel.toTurn(input);
    if (!turn) return input.responseBuilder.getResponse();
    const done = progressive(input);
    let speech: AlexaSpeech;
    try {
      speech = channel.render(await options.engine().handle(turn));
    } catch (err) {
      options.logger.error({ err }, 'alexa turn failed');
      speech = channel.renderError(err, 'en-US');
    } finally {
      done();
    }
    const rb = input.responseBuilder.speak(speech.ssml);
    if (speech.reprompt) rb.reprompt(speech.reprompt);
    if (speech.card) rb.withSimpleCard(speech.card.title, speech.card.content);
    return rb.withShouldEndSession(speech.endSession).getResponse();
  };

  const turn: RequestHandler = {
    canHandle: (input) => ['LaunchRequest', 'IntentRequest'].includes(input.requestEnvelope.request.type),
    handle: respond,
  };
  const ended: RequestHandler = {
    canHandle: (input) => input.requestEnvelope.request.type === 'SessionEndedRequest',
    handle: (input) => input.responseBuilder.getResponse(),
  };

  return SkillBuilders.custom()
    .addRequestHandlers(turn, ended)
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

const EnvelopeShape = z.object({
  version: z.string(),
  context: z.object({ System: z.object({ user: z.object({ userId: z.string().min(1) }).passthrough() }).passthrough() }).passthrough(),
  request: z.object({ type: z.string(), requestId: z.string().optional(), timestamp: z.string().optional() }).passthrough(),
}).passthrough();
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
    res.json(await skill.invoke(envelope.data));
  });
  return router;
}
