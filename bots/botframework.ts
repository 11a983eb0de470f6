import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import type { Channel } from './channel.js';
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  MessageFactory,
  TurnContext,
  type ConversationReference,
  type Response as BfResponse,
} from 'botbuilder';
import type { Logger } from 'pino';
import { z } from 'zod';
import { AppError, invalidRequest } from '../domain/errors.js';
import type { Engine } from '../engine/engine.js';
import { Locale } from '../domain/locale.js';
import { botFrameworkChannel as channel } from './botframework-channel.js';
import { BfReference, type ChannelPort } from './channel-port.js';
import { admitUrl, serviceUrlRule } from './url-policy.js';

export interface BotFrameworkOptions {
  engine: () => Engine;
  port: ChannelPort;
  logger: Logger;
  /** With an app id, incoming requests must carry a valid Bot Framework JWT; without one, only the Emulator on loopback. */
  appId?: string;
  appPassword?: string;
  appTenantId?: string;
  appType: string;
  /** With an app id, the hosts a serviceUrl may name (config SMILE_BF_SERVICE_URL_HOSTS). */
  serviceUrlHosts: string[];
  /** The rate limit, counted per the user a verified request speaks for, else per client address. */
  rateLimit?: (identity: (req: Request) => Promise<string | null>) => RequestHandler;
}

/** What either SDK's endpoint accepts before its SDK sees the activity (bots/agents-sdk.ts checks the same). */
export const IncomingActivity = z
  .object({
    type: z.string().min(1),
    id: z.string().optional(),
    serviceUrl: z.string().url(),
    channelId: z.string().min(1),
    from: z.object({ id: z.string().min(1) }).passthrough(),
    conversation: z.object({ id: z.string().min(1) }).passthrough(),
    recipient: z.object({ id: z.string().min(1) }).passthrough(),
    text: z.string().max(2000).optional(),
    locale: z.string().optional(),
  })
  .passthrough();

/**
 * What either SDK's endpoint checks before its SDK sees the activity: a well-formed activity, a token when an app id is
 * set, and a serviceUrl the policy admits (so a refused one causes no outbound request at all, no token fetch either).
 */
export function admitActivity(
  req: Request,
  appId: string | undefined,
  admits: (serviceUrl: string) => unknown,
  refusal: () => Error,
): IncomingActivity {
  const parsed = IncomingActivity.safeParse(req.body);
  if (!parsed.success) throw invalidRequest(parsed.error, 'invalid_activity');
  if (appId && !req.get('authorization')) throw new AppError('unauthorized', 'A Bot Framework token is required', 401);
  if (!admits(parsed.data.serviceUrl)) throw refusal();
  return parsed.data;
}
export type IncomingActivity = z.infer<typeof IncomingActivity>;

/**
 * Either SDK's turn: the conversation reference kept (so Smile can write to this customer later: a person's reply, a
 * notice, a resumed request after sign-in), then the engine's answer drawn as activities and sent.
 */
export async function answerActivity<A, O>(
  options: Pick<BotFrameworkOptions, 'engine' | 'port' | 'logger'>,
  sdk: { channel: Channel<A, O[]>; reference: unknown; send: (activities: O[]) => Promise<unknown> },
  activity: A,
): Promise<void> {
  const reference = BfReference.safeParse(sdk.reference);
  if (reference.success) await options.port.channelState.put('bf_reference', sdk.channel.conversationId(activity), reference.data);
  else options.logger.warn({ issues: reference.error.issues.length }, 'bot framework conversation reference not kept: unexpected shape');
  const turn = sdk.channel.toTurn(activity);
  if (turn) await sdk.send(sdk.channel.render(await options.engine().handle(turn)));
}

/** Either SDK's failed turn: logged, and the customer gets the apology (or the refusal Smile explains) in their language. */
export async function answerTurnError<A, O>(
  options: Pick<BotFrameworkOptions, 'logger'>,
  channel: Channel<A, O[]>,
  locale: string | undefined,
  err: unknown,
  send: (activities: O[]) => Promise<unknown>,
): Promise<void> {
  options.logger.error({ err }, 'bot framework turn failed');
  const parsed = Locale.safeParse(locale ?? '');
  await send(channel.renderError(err, parsed.success ? parsed.data : 'en-US'));
}

/**
 * What the SDK wrote into the capture, as Smile's answer: a refused token is a 401 with Smile's error, an internal
 * failure an error (its text never reaches the caller), anything else the SDK's own status and body.
 */
export function answerCaptured(captured: { status: number; body: unknown }, res: Response): void {
  if (captured.status === 401 || captured.status === 403) throw new AppError('unauthorized', 'The Bot Framework token is invalid', 401);
  if (captured.status >= 500) throw new Error(`bot framework turn failed: ${String(captured.body)}`);
  if (captured.body === undefined) res.status(captured.status).end();
  else res.status(captured.status).json(captured.body);
}

/** POST /api/messages and the proactive sender, whichever SDK serves them (SMILE_BF_SDK). */
export interface BotFrameworkEndpoint {
  router: Router;
  sendProactive: (conversationId: string, text: string) => Promise<void>;
}

/**
 * POST /api/messages through botbuilder's CloudAdapter (SMILE_BF_SDK=botbuilder, the default). botbuilder stays inside
 * bots/; the Microsoft 365 Agents SDK serves the same route from bots/agents-sdk.ts with SMILE_BF_SDK=agents.
 */
export function botFrameworkEndpoint(options: BotFrameworkOptions): BotFrameworkEndpoint {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: options.appId ?? '',
    MicrosoftAppPassword: options.appPassword ?? '',
    MicrosoftAppTenantId: options.appTenantId ?? '',
    MicrosoftAppType: options.appType,
  });
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = (context, err) =>
    answerTurnError(options, channel, context.activity.locale, err, (activities) => context.sendActivities(activities));

  const logic = (context: TurnContext): Promise<void> =>
    answerActivity(
      options,
      { channel, reference: TurnContext.getConversationReference(context.activity), send: (activities) => context.sendActivities(activities) },
      context.activity,
    );

  // Anonymous mode serves the Emulator on this machine only; with an app id, only Bot Framework channel hosts.
  const { policy, refusal } = serviceUrlRule(options.appId, options.serviceUrlHosts);

  /**
   * With an app id, the channel's JWT vouches for the activity, so its user is who counts (Azure sends every
   * customer's messages from a few addresses). botbuilder checks the token again when it processes the activity.
   */
  const verifiedUser = async (req: Request): Promise<string | null> => {
    const parsed = IncomingActivity.safeParse(req.body);
    if (!options.appId || !parsed.success) return null;
    // The token alone, for the activity's channel (botbuilder's check without the activity object).
    await auth.authenticateStreamingRequest(req.get('authorization') ?? '', parsed.data.channelId);
    return `bf:${parsed.data.channelId}:${parsed.data.from.id}`;
  };

  const router = express.Router();
  if (options.rateLimit) router.post('/api/messages', options.rateLimit(verifiedUser));
  router.post('/api/messages', async (req, res) => {
    // With an app id every request must carry the channel's JWT; botbuilder validates it.
    const activity = admitActivity(req, options.appId, (url) => admitUrl(url, policy), refusal);
    // botbuilder writes into this capture, not into the HTTP response: its own writer would put an internal error's
    // text (`connect ECONNREFUSED …`) in the body. Smile answers from what was captured.
    const captured: { status: number; body: unknown } = { status: 200, body: undefined };
    const capture: BfResponse = {
      socket: req.socket,
      status: (code: number) => {
        captured.status = code;
      },
      send: (body: unknown) => {
        captured.body = body;
      },
      header: () => undefined,
      end: () => undefined,
    };
    // The activity as validated (passthrough keeps every field botbuilder reads).
    const body: Record<string, unknown> = activity;
    await adapter.process({ body, headers: req.headers, method: req.method }, capture, logic);
    answerCaptured(captured, res);
  });

  /** A message Smile starts (a person's reply during a handoff), through the stored ConversationReference. */
  const sendProactive = async (conversationId: string, text: string): Promise<void> => {
    const stored = await options.port.channelState.get('bf_reference', conversationId);
    if (!stored) throw new Error(`No conversation reference for ${conversationId}`);
    // The reference came from a request once; it is held to the same rule when Smile writes to it.
    if (!admitUrl(stored.serviceUrl, policy)) throw new Error(`Refused to write to conversation ${conversationId}: its serviceUrl is not allowed`);
    const reference: Partial<ConversationReference> = {
      ...stored,
      conversation: { isGroup: false, conversationType: '', name: '', ...stored.conversation },
      bot: stored.bot ? { name: '', ...stored.bot } : undefined,
      user: stored.user ? { name: '', ...stored.user } : undefined,
    };
    await adapter.continueConversationAsync(options.appId ?? '', reference, async (context) => {
      await context.sendActivity(MessageFactory.text(text));
    });
  };
  return { router, sendProactive };
}
