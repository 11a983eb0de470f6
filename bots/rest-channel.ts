import { randomUUID } from 'node:crypto';
import express, { type Request, type Router } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { jwtVerify } from 'jose';
import { z } from 'zod';
import { AppError, invalidRequest } from '../domain/errors.js';
import type { Engine } from '../engine/engine.js';
import type { Reply } from '../engine/types.js';
import { Locale } from '../nlu/catalogue.js';
import type { Store } from '../store/port.js';
import { streamEvents } from '../support/agent-api.js';
import type { SupportEvent, SupportService } from '../support/escalations.js';

const Id = z.string().min(1).max(128).regex(/^[A-Za-z0-9._:@-]+$/, 'letters, digits and . _ : @ - only');
export const ChatRequest = z.object({
  userId: Id.optional(),
  text: z.string().trim().min(1, 'must not be empty').max(2000, 'must be at most 2,000 characters'),
  locale: Locale.optional(),
  conversationId: Id.optional(),
  messageId: Id.optional(),
}).strict();

export interface RestChannelOptions { engine: () => Engine; store: Store; support: SupportService; jwtSecret?: string; ratePerMinute: number }

/** The REST shape of a reply (PRODUCT.md section 4). */
export function toRest(reply: Reply): Record<string, unknown> {
  return {
    conversationId: reply.conversationId,
    messages: reply.messages,
    state: { flow: reply.flow, awaiting: reply.awaiting },
    locale: reply.locale,
    ...(reply.handoff ? { handoff: reply.handoff } : {}),
  };
}

/** The customer a shop-signed HS256 bearer token speaks for (its `sub`); 401 when absent or invalid. */
export async function verifyShopToken(header: string | undefined, secret: string): Promise<string> {
  const token = /^Bearer (.+)$/i.exec(header ?? '')?.[1];
  if (!token) throw new AppError('unauthorized', 'A bearer token signed by the shop is required', 401);
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), { algorithms: ['HS256'] });
    if (!payload.sub) throw new Error('no sub');
    return payload.sub;
  } catch {
    throw new AppError('unauthorized', 'The bearer token is invalid or expired', 401);
  }
}

/** The plain REST channel: POST /v1/chat. */
export function restChannel(options: RestChannelOptions): Router {
  const router = express.Router();
  const authenticate = async (req: Request): Promise<string | null> =>
    (options.jwtSecret ? verifyShopToken(req.get('authorization'), options.jwtSecret) : null);

  const limiter = rateLimit({
    windowMs: 60_000,
    limit: options.ratePerMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => (typeof req.body?.userId === 'string' ? `user:${req.body.userId}` : ipKeyGenerator(req.ip ?? '')),
    handler: (_req, res) => {
      res.status(429).json({ error: { code: 'rate_limited', message: 'Too many messages; please wait a moment' } });
    },
  });

  router.post('/v1/chat', limiter, async (req, res) => {
    const body = ChatRequest.safeParse(req.body);
    if (!body.success) {
      const tooLong = body.error.issues.some((i) => i.path[0] === 'text' && i.code === 'too_big');
      throw tooLong ? invalidRequest(body.error, 'text_too_long', 413) : invalidRequest(body.error);
    }
    const subject = await authenticate(req);
    if (subject && body.data.userId && body.data.userId !== subject) throw new AppError('forbidden', 'userId does not match the signed-in customer', 403);
    const userId = subject ?? body.data.userId;
    if (!userId) throw new AppError('invalid_request', 'userId: required', 400);
    const reply = await options.engine().handle({
      channel: 'rest', channelUserId: userId,
      conversationId: body.data.conversationId ?? `rest:${userId}`,
      messageId: body.data.messageId ?? randomUUID(),
      locale: body.data.locale ?? null,
      input: { type: 'text', text: body.data.text },
      capabilities: { voice: false, cards: true, quickReplies: true, liveChat: true },
    });
    res.json(toRest(reply));
  });

  // What reaches a REST customer outside their own requests — a person's replies during a handoff — is read with
  // a cursor, or streamed. Only the conversation's own user may read it.
  const ownConversation = async (req: Request): Promise<string> => {
    const conversationId = Id.safeParse(req.params.id);
    if (!conversationId.success) throw invalidRequest(conversationId.error);
    const subject = await authenticate(req);
    const userId = subject ?? (typeof req.query.userId === 'string' ? req.query.userId : undefined);
    if (!userId) throw new AppError('invalid_request', 'userId: required', 400);
    const record = await options.store.conversations.get(conversationId.data);
    if (!record || record.channel !== 'rest' || record.channelUserId !== userId) throw new AppError('not_found', 'No such conversation', 404);
    return conversationId.data;
  };
  router.get('/v1/conversations/:id/messages', async (req, res) => {
    const conversationId = await ownConversation(req);
    const after = typeof req.query.after === 'string' ? req.query.after : '';
    const events = (await options.store.transcript.list(conversationId, { limit: 500 })).filter((e) => (e.from === 'agent' || e.from === 'system') && e.at > after);
    res.json({ messages: events.map((e) => ({ from: e.from, text: e.text, at: e.at })), cursor: events.at(-1)?.at ?? (after || null) });
  });
  router.get('/v1/conversations/:id/events', async (req, res) => {
    const conversationId = await ownConversation(req);
    streamEvents(req, res, (send) => {
      const listener = (event: SupportEvent): void => { if (event.type === 'agent_message' || event.type === 'resolved' || event.type === 'handed_back' || event.type === 'claimed') send(event); };
      options.support.events.on(`conversation:${conversationId}`, listener);
      return () => options.support.events.off(`conversation:${conversationId}`, listener);
    });
  });
  return router;
}
