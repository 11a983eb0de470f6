import express, { type Request, type Router } from 'express';
import { jwtVerify } from 'jose';
import { z } from 'zod';
import { AppError, invalidRequest } from '../domain/errors.js';
import type { Engine } from '../engine/engine.js';
import type { ChannelPort } from './channel-port.js';
import { ChatRequest, restChannel as channel } from './rest-channel.js';
import { streamEvents } from '../support/agent-api.js';
import type { SupportEvent, SupportService } from '../support/escalations.js';

const Id = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9._:@-]+$/, 'letters, digits and . _ : @ - only');

/** How much of a conversation a reloaded web chat shows again. */
const HISTORY_LIMIT = 200;

export interface RestOptions {
  engine: () => Engine;
  port: ChannelPort;
  support: SupportService;
  jwtSecret?: string;
  /** The name the customer sees for the person answering this conversation now (their display name), if one is. */
  personName?: (conversationId: string) => Promise<string | null>;
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
export function restRouter(options: RestOptions): Router {
  const router = express.Router();
  const authenticate = async (req: Request): Promise<string | null> =>
    options.jwtSecret ? verifyShopToken(req.get('authorization'), options.jwtSecret) : null;

  // Rate-limited where the server is wired (per token subject, else per address), never per the body's userId.
  router.post('/v1/chat', async (req, res) => {
    const body = ChatRequest.safeParse(req.body);
    if (!body.success) {
      const tooLong = body.error.issues.some((i) => i.path[0] === 'text' && i.code === 'too_big');
      throw tooLong ? invalidRequest(body.error, 'text_too_long', 413) : invalidRequest(body.error);
    }
    const subject = await authenticate(req);
    if (subject && body.data.userId && body.data.userId !== subject) {
      throw new AppError('forbidden', 'userId does not match the signed-in customer', 403);
    }
    const userId = subject ?? body.data.userId;
    if (!userId) throw new AppError('invalid_request', 'userId: required', 400);
    // The shop signed the token, so its subject is the customer: the chat speaks for them without a stored link.
    res.json(channel.render(await options.engine().handle(channel.toTurn({ userId, body: body.data, ...(subject ? { customerId: subject } : {}) }))));
  });

  // What reaches a REST customer outside their own requests — a person's replies during a handoff — is read with
  // a cursor, or streamed. Only the conversation's own user may read it.
  const ownConversation = async (req: Request): Promise<string> => {
    const conversationId = Id.safeParse(req.params.id);
    if (!conversationId.success) throw invalidRequest(conversationId.error);
    const subject = await authenticate(req);
    const userId = subject ?? (typeof req.query.userId === 'string' ? req.query.userId : undefined);
    if (!userId) throw new AppError('invalid_request', 'userId: required', 400);
    const owner = await options.port.conversationOwner(conversationId.data);
    if (!owner || owner.channel !== 'rest' || owner.channelUserId !== userId) throw new AppError('not_found', 'No such conversation', 404);
    return conversationId.data;
  };
  router.get('/v1/conversations/:id/messages', async (req, res) => {
    const conversationId = await ownConversation(req);
    const after = typeof req.query.after === 'string' ? req.query.after : '';
    const events = await options.port.relayedMessages(conversationId, after);
    const person = events.some((e) => e.from === 'agent') && options.personName ? await options.personName(conversationId) : null;
    res.json({
      messages: events.map((e) => ({
        from: e.from,
        text: e.text,
        at: e.at,
        ...(e.from === 'agent' && person ? { name: person } : {}),
        ...(e.suggestions ? { suggestions: e.suggestions } : {}),
      })),
      cursor: events.at(-1)?.at ?? (after || null),
    });
  });
  // The whole conversation as the customer saw it (their words, Smile's answers with suggestions and cards, what
  // people wrote), so a web chat reloaded in the browser shows it again.
  router.get('/v1/conversations/:id/history', async (req, res) => {
    const conversationId = await ownConversation(req);
    const [events, person] = await Promise.all([
      options.port.history(conversationId, HISTORY_LIMIT),
      options.personName ? options.personName(conversationId) : Promise.resolve(null),
    ]);
    res.json({
      conversationId,
      messages: events.map((e) => (e.from === 'agent' && person ? { ...e, name: person } : e)),
      // The cursor /messages continues from: the last event it would relay (a person's, the system's, a resumed answer).
      cursor: events.filter((e) => e.from === 'agent' || e.from === 'system' || e.resumed).at(-1)?.at ?? null,
    });
  });
  router.get('/v1/conversations/:id/events', async (req, res) => {
    const conversationId = await ownConversation(req);
    streamEvents(req, res, (send) => {
      const relayed = new Set(['agent_message', 'resolved', 'handed_back', 'claimed', 'notice', 'resumed']);
      // The customer hears what happened in their conversation; who on the team did it (a sign-in name) stays inside.
      const listener = (event: SupportEvent): void => {
        if (!relayed.has(event.type)) return;
        const { by: _by, ...rest } = event;
        send(rest);
      };
      options.support.events.on(`conversation:${conversationId}`, listener);
      return () => options.support.events.off(`conversation:${conversationId}`, listener);
    });
  });
  return router;
}
