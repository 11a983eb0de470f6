import { randomUUID } from 'node:crypto';
import express, { type Router } from 'express';
import {
  ActivityTypes, CardFactory, CloudAdapter, ConfigurationBotFrameworkAuthentication, MessageFactory, TurnContext,
  type Activity, type Attachment, type CardAction,
} from 'botbuilder';
import type { Logger } from 'pino';
import { z } from 'zod';
import { AppError } from '../domain/errors.js';
import type { Engine } from '../engine/engine.js';
import type { Reply, Turn } from '../engine/types.js';
import { Locale } from '../nlu/catalogue.js';
import type { Store } from '../store/port.js';
import { BfReference } from '../store/schemas.js';

export interface BotFrameworkOptions {
  engine: () => Engine;
  store: Store;
  logger: Logger;
  /** With an app id, incoming requests must carry a valid Bot Framework JWT; without one the endpoint is anonymous. */
  appId?: string; appPassword?: string; appTenantId?: string; appType: string;
}

const imBack = (text: string): CardAction => ({ type: 'imBack', title: text, value: text });

/**
 * A reply as Bot Framework activities: text; a hero card with the buttons when Smile asks yes/no; a carousel of
 * hero cards for a choice; suggested actions for every finite answer.
 */
export function toActivities(reply: Reply): Array<Partial<Activity>> {
  return reply.messages.map((m, i) => {
    const options = i === reply.messages.length - 1 ? m.suggestions ?? [] : [];
    const choosing = options.length > 0 && reply.awaiting !== null && reply.awaiting !== 'confirmation';
    let activity: Partial<Activity>;
    if (choosing) {
      activity = MessageFactory.carousel(options.map((o) => CardFactory.heroCard(o, undefined, [imBack(o)])), m.text);
    } else if (m.card || options.length) {
      // A confirmation (or a summary) as one hero card, with the yes/no buttons on it.
      const card: Attachment = CardFactory.heroCard(m.card?.title ?? '', m.card ? m.card.lines.join('\n') : m.text, undefined, options.map(imBack));
      activity = MessageFactory.attachment(card, m.text);
    } else {
      activity = MessageFactory.text(m.text);
    }
    if (options.length) activity.suggestedActions = { to: [], actions: options.map(imBack) };
    activity.locale = reply.locale;
    return activity;
  });
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
export function botFrameworkChannel(options: BotFrameworkOptions): { router: Router; sendProactive: (conversationId: string, text: string) => Promise<void> } {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: options.appId ?? '', MicrosoftAppPassword: options.appPassword ?? '',
    MicrosoftAppTenantId: options.appTenantId ?? '', MicrosoftAppType: options.appType,
  });
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context, err) => {
    options.logger.error({ err: (err as Error).message }, 'bot framework turn failed');
    const message = err instanceof AppError && err.status < 500 ? err.message : 'Sorry, something went wrong on my side. Please try again in a moment.';
    await context.sendActivity(message);
  };

  const toTurn = (activity: Activity, input: Turn['input']): Turn => {
    const locale = Locale.safeParse(activity.locale ?? '');
    return {
      channel: 'botframework', channelUserId: activity.from.id, conversationId: `bf:${activity.channelId}:${activity.conversation.id}`,
      messageId: activity.id ?? randomUUID(), locale: locale.success ? locale.data : null, input,
      capabilities: { voice: false, cards: true, quickReplies: true, liveChat: true },
    };
  };

  const logic = async (context: TurnContext): Promise<void> => {
    const activity = context.activity;
    // Kept so Smile can write to this customer later (a person's reply during a handoff).
    const reference = TurnContext.getConversationReference(activity);
    await options.store.channelState.put('bf_reference', `bf:${activity.channelId}:${activity.conversation.id}`, BfReference.parse(reference));
    let reply: Reply | null = null;
    if (activity.type === ActivityTypes.Message && activity.text?.trim()) {
      reply = await options.engine().handle(toTurn(activity, { type: 'text', text: activity.text.trim() }));
    } else if (activity.type === ActivityTypes.ConversationUpdate && activity.membersAdded?.some((m) => m.id !== activity.recipient.id)) {
      reply = await options.engine().handle(toTurn(activity, { type: 'event', name: 'welcome' }));
    }
    if (reply) await context.sendActivities(toActivities(reply));
  };

  const router = express.Router();
  router.post('/api/messages', async (req, res) => {
    const parsed = IncomingActivity.safeParse(req.body);
    if (!parsed.success) throw new AppError('invalid_activity', parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '), 400);
    // With an app id every request must carry the channel's JWT; botbuilder validates it (and answers 401 itself).
    if (options.appId && !req.get('authorization')) throw new AppError('unauthorized', 'A Bot Framework token is required', 401);
    await adapter.process(req as never, res as never, logic);
  });

  /** A message Smile starts (a person's reply during a handoff), through the stored ConversationReference. */
  const sendProactive = async (conversationId: string, text: string): Promise<void> => {
    const reference = await options.store.channelState.get('bf_reference', conversationId);
    if (!reference) throw new Error(`No conversation reference for ${conversationId}`);
    await adapter.continueConversationAsync(options.appId ?? '', reference, async (context) => { await context.sendActivity(MessageFactory.text(text)); });
  };
  return { router, sendProactive };
}
