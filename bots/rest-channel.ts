import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../domain/errors.js';
import type { Capabilities, Reply, Turn } from '../engine/types.js';
import { Locale } from '../domain/locale.js';
import type { Channel } from './channel.js';
import { presentError } from './presentation.js';

const Id = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9._:@-]+$/, 'letters, digits and . _ : @ - only');
export const ChatRequest = z
  .object({
    userId: Id.optional(),
    text: z.string().trim().min(1, 'must not be empty').max(2000, 'must be at most 2,000 characters'),
    locale: Locale.optional(),
    conversationId: Id.optional(),
    messageId: Id.optional(),
  })
  .strict();
export type ChatRequest = z.infer<typeof ChatRequest>;

/** A chat request once the customer it speaks for is known (from the shop's token, or the body). */
export interface RestRequest {
  userId: string;
  body: ChatRequest;
  /** With SMILE_REST_JWT_SECRET: the verified token's `sub`, which is the shop's customer id (no link needed). */
  customerId?: string;
}

const CAPABILITIES: Capabilities = { voice: false, cards: true, quickReplies: true, liveChat: true };

/**
 * The REST channel. Its JSON mirrors the Reply (PRODUCT.md section 4): suggestions stay on their messages and the
 * client draws them, so it needs no presentation decision; the state tells a client what Smile waits for.
 */
export const restChannel = {
  name: 'rest',
  capabilities: CAPABILITIES,
  conversationId: (r) => r.body.conversationId ?? `rest:${r.userId}`,
  toTurn: (r): Turn => ({
    channel: 'rest',
    channelUserId: r.userId,
    conversationId: r.body.conversationId ?? `rest:${r.userId}`,
    messageId: r.body.messageId ?? randomUUID(),
    locale: r.body.locale ?? null,
    input: { type: 'text', text: r.body.text },
    capabilities: CAPABILITIES,
    ...(r.customerId ? { customerId: r.customerId } : {}),
  }),
  render: (reply: Reply) => ({
    conversationId: reply.conversationId,
    messages: reply.messages,
    state: { flow: reply.flow, awaiting: reply.awaiting },
    locale: reply.locale,
    ...(reply.handoff ? { handoff: reply.handoff } : {}),
  }),
  renderError: (err, locale) => ({
    error: {
      code: err instanceof AppError && err.status < 500 ? err.code : 'internal_error',
      message: presentError(err, locale).messages[0]?.text ?? '',
    },
  }),
} satisfies Channel<RestRequest, Record<string, unknown>>;
