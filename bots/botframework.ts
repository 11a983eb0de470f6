import express, { type Router } from 'express';
import {
  CloudAdapter, ConfigurationBotFrameworkAuthentication, MessageFactory, TurnContext, type ConversationReference,
} from 'botbuilder';
import type { Logger } from 'pino';
import { z } from 'zod';
import { AppError, invalidRequest } from '../domain/errors.js';
import type { Engine } from '../engine/engine.js';
import { Locale } from '../nlu/catalogue.js';
import { botFrameworkChannel as channel } from './botframework-channel.js';
import { BfReference, type ChannelPort } from './channel-port.js';

export interface BotFrameworkOptions {
  engine: () => Engine;
  port: ChannelPort;
  logger: Logger;
  /** With an app id, incoming requests must carry a valid Bot Framework JWT; without one the endpoint is anonymous. */
  appId?: string; appPassword?: string; appTenantId?: string; appType: string;
}

const IncomingActivity = z.object({
  type: z.string().min(1),
  id: z.string().optional(),
  serviceUrl: z.string().url(),
  channelId: z.string().min(1),
  from: z.object({ id: z.string().min(1) }).passthrough(),
  conversation: z.object({ id: z.string().min(1) }).passthrough(),
  recipient: z.object({ id: z.string().min(1) }).passthrough(),
  text: z.string().max(2000).optional(),
  locale: z.string().optional(),
}).passthrough();

/**
 * POST /api/messages through botbuilder's CloudAdapter. botbuilder stays inside bots/: the Microsoft 365 Agents SDK
 * speaks the same Activity protocol and can replace it here without touching the engine.
 */
export function botFrameworkEndpoint(options: BotFrameworkOptions): {
  router: Router; sendProactive: (conversationId: string, text: string) => Promise<void>;
} {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: options.appId ?? '', MicrosoftAppPassword: options.appPassword ?? '',
    MicrosoftAppTenantId: options.appTenantId ?? '', MicrosoftAppType: options.appType,
  });
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context, err) => {
    options.logger.error({ err }, 'bot framework turn failed');
    const locale = Locale.safeParse(context.activity.locale ?? '');
    await context.sendActivities(channel.renderError(err, locale.success ? locale.data : 'en-US'));
  };

  const logic = async (context: TurnContext): Promise<void> => {
    const activity = context.activity;
    // Kept so Smile can write to this customer later (a person's reply during a handoff).
    const reference = BfReference.safeParse(TurnContext.getConversationReference(activity));
    if (reference.success) await options.port.channelState.put('bf_reference', channel.conversationId(activity), reference.data);
    else options.logger.warn({ issues: reference.error.issues.length }, 'bot framework conversation reference not kept: unexpected shape');
    const turn = channel.toTurn(activity);
    if (turn) await context.sendActivities(channel.render(await options.engine().handle(turn)));
  };

  const router = express.Router();
  router.post('/api/messages', async (req, res) => {
    const parsed = IncomingActivity.safeParse(req.body);
    if (!parsed.success) throw invalidRequest(parsed.error, 'invalid_activity');
    // With an app id every request must carry the channel's JWT; botbuilder validates it (and answers 401 itself).
    if (options.appId && !req.get('authorization')) throw new AppError('unauthorized', 'A Bot Framework token is required', 401);
    await adapter.process(req as never, res as never, logic);
  });

  /** A message Smile starts (a person's reply during a handoff), through the stored ConversationReference. */
  const sendProactive = async (conversationId: string, text: string): Promise<void> => {
    const stored = await options.port.channelState.get('bf_reference', conversationId);
    if (!stored) throw new Error(`No conversation reference for ${conversationId}`);
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
