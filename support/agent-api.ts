import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { AppError, invalidRequest } from '../domain/errors.js';
import type { Agent, AgentDirectory } from './agents.js';
import { SESSION_COOKIE } from './agents.js';
import type { LlmPort } from '../ports/llm.js';
import type { SupportEvent, SupportService } from './escalations.js';

const Login = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) }).strict();
const Text = z.object({ text: z.string().trim().min(1).max(2000) }).strict();
const Filter = z.object({
  status: z.enum(['queued', 'active', 'resolved', 'handed_back']).optional(),
  channel: z.string().max(32).optional(),
  priority: z.enum(['high', 'normal']).optional(),
});
const Id = z.string().regex(/^esc-[0-9a-f]{16}$/);

/** Server-Sent Events: one line per event, a comment every 25 s so proxies keep the stream open. */
export function streamEvents(req: Request, res: Response, subscribe: (send: (event: SupportEvent) => void) => () => void): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
  res.write(': connected\n\n');
  const unsubscribe = subscribe((event) => res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`));
  const ping = setInterval(() => res.write(': ping\n\n'), 25_000);
  req.on('close', () => {
    clearInterval(ping);
    unsubscribe();
  });
}

/** /v1/agent/...: sign in, the queue, one conversation, claim, reply, notes, resolve, hand back, live events. */
export function agentApi(agents: AgentDirectory, support: SupportService, llm?: LlmPort): Router {
  const router = express.Router();
  const agentOf = (res: Response): Agent => res.locals.agent as Agent;
  const id = (req: Request): string => {
    const parsed = Id.safeParse(req.params.id);
    if (!parsed.success) throw new AppError('not_found', 'No such escalation', 404);
    return parsed.data;
  };
  const text = (req: Request): string => {
    const body = Text.safeParse(req.body);
    if (!body.success) throw invalidRequest(body.error);
    return body.data.text;
  };

  router.post('/v1/agent/login', async (req, res) => {
    const body = Login.safeParse(req.body);
    if (!body.success) throw invalidRequest(body.error);
    const { token, agent } = await agents.login(body.data.username, body.data.password);
    // req.secure is true for https, also behind a proxy named in SMILE_TRUST_PROXY (its X-Forwarded-Proto).
    res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: req.secure, maxAge: 8 * 3_600_000, path: '/' });
    res.json({ token, agent });
  });
  router.post('/v1/agent/logout', (req, res) => {
    res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/' }).json({ status: 'signed_out' });
  });

  router.use('/v1/agent', agents.authenticate());
  router.get('/v1/agent/me', (_req, res) => {
    res.json({ agent: agentOf(res) });
  });
  router.get('/v1/agent/escalations', async (req, res) => {
    const filter = Filter.safeParse(req.query);
    if (!filter.success) throw invalidRequest(filter.error);
    res.json({ escalations: await support.list(agentOf(res), filter.data) });
  });
  router.get('/v1/agent/escalations/:id', async (req, res) => {
    res.json(await support.detail(agentOf(res), id(req)));
  });
  router.get('/v1/agent/escalations/:id/assist', async (req, res) => {
    res.json(await support.assist(agentOf(res), id(req), llm));
  });
  router.post('/v1/agent/escalations/:id/claim', async (req, res) => {
    res.json({ escalation: await support.claim(agentOf(res), id(req)) });
  });
  router.post('/v1/agent/escalations/:id/messages', async (req, res) => {
    res.json({ escalation: await support.agentMessage(agentOf(res), id(req), text(req)) });
  });
  router.post('/v1/agent/escalations/:id/notes', async (req, res) => {
    res.json({ escalation: await support.note(agentOf(res), id(req), text(req)) });
  });
  router.post('/v1/agent/escalations/:id/resolve', async (req, res) => {
    res.json({ escalation: await support.close(agentOf(res), id(req), 'resolved') });
  });
  router.post('/v1/agent/escalations/:id/handback', async (req, res) => {
    res.json({ escalation: await support.close(agentOf(res), id(req), 'handed_back') });
  });
  router.get('/v1/agent/events', (req, res) => {
    const agent = agentOf(res);
    streamEvents(req, res, (send) => {
      // An agent hears of new escalations and of the conversations they hold; supervisors hear everything.
      const listener = (event: SupportEvent): void => {
        if (agent.role === 'supervisor' || event.type !== 'customer_message') {
          send(event);
          return;
        }
        support.openFor(event.conversationId).then(
          (esc) => {
            if (!esc || esc.claimedBy === agent.username || esc.status === 'queued') send(event);
          },
          () => undefined,
        );
      };
      support.events.on('event', listener);
      return () => support.events.off('event', listener);
    });
  });
  return router;
}
