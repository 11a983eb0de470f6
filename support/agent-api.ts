import express, { type Request, type Response, type Router } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import { z } from 'zod';
import { AppError, invalidRequest } from '../domain/errors.js';
import type { Agent, AgentDirectory } from './agents.js';
import { SESSION_COOKIE } from './agents.js';
import type { LlmPort } from '../ports/llm.js';
import type { Escalation, SupportEvent, SupportService } from './escalations.js';
import { Locale } from '../domain/locale.js';
import { say } from '../prompts/index.js';
import { AuditAction, type AuditLog } from './audit.js';
import { LoginGuard } from './login-guard.js';
import { customerNumber } from '../domain/references.js';

const Login = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) }).strict();
const Text = z.object({ text: z.string().trim().min(1).max(2000) }).strict();
const Filter = z.object({
  status: z.enum(['queued', 'active', 'resolved', 'handed_back']).optional(),
  channel: z.string().max(32).optional(),
  priority: z.enum(['high', 'normal']).optional(),
});
const Id = z.string().regex(/^esc-[0-9a-f]{16}$/);
const PresenceBody = z.object({ status: z.enum(['available', 'away']) }).strict();
const Search = z.object({ q: z.string().trim().min(2, 'at least 2 characters').max(100) });

/** Who a customer is, and what they have with the shop: the console's customer panel (issue 18). */
export interface CustomerDesk {
  profile(customerId: string): Promise<{ name: string; locale: string } | null>;
  panel(customerId: string): Promise<Record<'orders' | 'shipments' | 'returns' | 'notices', unknown[]>>;
}

const CANNED = ['greet', 'order_check', 'refund', 'anything_else', 'closing'] as const;

/**
 * Canned replies for one conversation: the title in the agent's language, the text in the customer's, filled with
 * the customer's name, the agent's display name, their latest order and its product; a reply whose value is not
 * known (no orders) is left out.
 */
export function cannedReplies(
  esc: Escalation,
  customerName: string | null,
  agent: Agent,
  agentLocale: Locale,
): Array<{ key: string; title: string; text: string }> {
  const locale = esc.locale;
  const name = customerName ? (locale === 'ko-KR' ? customerName : (customerName.split(' ')[0] ?? customerName)) : null;
  const agentName = agent.displayName ?? say(locale, 'agent.unnamed');
  const order = esc.orders[0];
  const product = order?.items
    .split(/, (?=\d+ × )/)[0]
    ?.replace(/^\d+ × /, '')
    .split(', ')[0];
  const out: Array<{ key: string; title: string; text: string }> = [];
  for (const key of CANNED) {
    const text =
      key === 'greet'
        ? name && say(locale, 'canned.greet', { name, agent: agentName })
        : key === 'order_check'
          ? order && say(locale, 'canned.order_check', { orderId: customerNumber(order.id) })
          : key === 'refund'
            ? product && say(locale, 'canned.refund', { product })
            : key === 'closing'
              ? name && say(locale, 'canned.closing', { name })
              : say(locale, 'canned.anything_else');
    if (text) out.push({ key, title: say(agentLocale, `canned.title.${key}`), text });
  }
  return out;
}

const AuditQuery = z
  .object({
    actor: z.string().min(1).max(64).optional(),
    action: AuditAction.optional(),
    escalationId: Id.optional(),
    since: z.iso.datetime().optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

/** What guards the agent API besides the session: failed sign-ins (back-off, lockout) and the audit log. */
export interface AgentApiSecurity {
  guard: LoginGuard;
  audit: AuditLog;
}

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
export function agentApi(
  agents: AgentDirectory,
  support: SupportService,
  security: AgentApiSecurity,
  llm?: LlmPort,
  options: { desk?: CustomerDesk; agentLocale?: Locale } = {},
): Router {
  const router = express.Router();
  const agentLocale = options.agentLocale ?? 'en-US';
  // Names change rarely and the queue is read often: a customer's profile is looked up once a few minutes.
  const profiles = new Map<string, { at: number; value: Promise<{ name: string; locale: string } | null> }>();
  const profile = (customerId: string | null): Promise<{ name: string; locale: string } | null> => {
    if (!customerId || !options.desk) return Promise.resolve(null);
    const cached = profiles.get(customerId);
    if (cached && Date.now() - cached.at < 300_000) return cached.value;
    const value = options.desk.profile(customerId).catch(() => null);
    profiles.set(customerId, { at: Date.now(), value });
    return value;
  };
  const { guard, audit } = security;
  // An IPv6 client counts by its /56, as ISPs hand them out (else each of its addresses would get its own attempts).
  const addressOf = (req: Request): string => ipKeyGenerator(req.ip ?? req.socket.remoteAddress ?? '');
  /** Records what an agent did to an escalation, once it is done. */
  const done = async (req: Request, res: Response, action: AuditAction, esc: Escalation): Promise<Escalation> => {
    await audit.record(action, agentOf(res).username, { address: addressOf(req), escalationId: esc.id, conversationId: esc.conversationId });
    return esc;
  };
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
    const { username, password } = body.data;
    const address = addressOf(req);
    const key = LoginGuard.key(username, address);
    const wait = guard.waitFor(key);
    if (wait > 0) {
      await audit.record('login_refused', username, { address });
      res.set('retry-after', String(Math.ceil(wait / 1000)));
      throw new AppError('rate_limited', `Too many failed sign-in attempts; try again in ${Math.ceil(wait / 60_000)} minutes`, 429);
    }
    let signedIn: Awaited<ReturnType<AgentDirectory['login']>>;
    try {
      signedIn = await agents.login(username, password);
    } catch (err) {
      if (err instanceof AppError && err.code === 'invalid_credentials') {
        guard.failed(key);
        await audit.record('login_failed', username, { address });
      }
      throw err;
    }
    guard.succeeded(key);
    const { token, agent } = signedIn;
    await audit.record('login', agent.username, { address });
    // req.secure is true for https, also behind a proxy named in SMILE_TRUST_PROXY (its X-Forwarded-Proto).
    res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: req.secure, maxAge: 8 * 3_600_000, path: '/' });
    res.json({ token, agent });
  });
  router.post('/v1/agent/logout', (req, res) => {
    res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/' }).json({ status: 'signed_out' });
  });

  router.use('/v1/agent', agents.authenticate());
  router.get('/v1/agent/me', (_req, res) => {
    // The language the console starts in (the agent may switch it; summaries and canned titles then follow ?locale=).
    res.json({ agent: agentOf(res), locale: agentLocale });
  });
  /** The agent's language for this request: ?locale=en-US|ko-KR from their console, else Smile's setting. */
  const localeOf = (req: Request): Locale => {
    if (req.query.locale === undefined) return agentLocale;
    const parsed = Locale.safeParse(req.query.locale);
    if (!parsed.success) throw new AppError('invalid_request', 'locale: en-US or ko-KR', 400);
    return parsed.data;
  };
  router.get('/v1/agent/escalations', async (req, res) => {
    const filter = Filter.safeParse(req.query);
    if (!filter.success) throw invalidRequest(filter.error);
    const list = await support.list(agentOf(res), filter.data);
    res.json({ escalations: await Promise.all(list.map(async (e) => ({ ...e, customer: await profile(e.customerId) }))) });
  });
  router.get('/v1/agent/history', async (req, res) => {
    const query = Search.safeParse(req.query);
    if (!query.success) throw invalidRequest(query.error);
    const found = await support.searchClosed(agentOf(res), query.data.q);
    res.json({ escalations: await Promise.all(found.map(async (e) => ({ ...e, customer: await profile(e.customerId) }))) });
  });
  router.get('/v1/agent/team', (_req, res) => {
    res.json({ team: support.team(), staffed: support.staffedNow() });
  });
  router.post('/v1/agent/presence', (req, res) => {
    const body = PresenceBody.safeParse(req.body);
    if (!body.success) throw invalidRequest(body.error);
    support.setPresence(agentOf(res), body.data.status);
    res.json({ status: body.data.status, staffed: support.staffedNow() });
  });
  router.get('/v1/agent/escalations/:id', async (req, res) => {
    const detail = await support.detail(agentOf(res), id(req), localeOf(req));
    res.json({ ...detail, customer: await profile(detail.escalation.customerId) });
  });
  router.get('/v1/agent/escalations/:id/customer', async (req, res) => {
    const { escalation } = await support.detail(agentOf(res), id(req));
    if (!escalation.customerId || !options.desk) {
      res.json({ customer: null, orders: [], shipments: [], returns: [], notices: [] });
      return;
    }
    res.json({ customer: await profile(escalation.customerId), ...(await options.desk.panel(escalation.customerId)) });
  });
  router.get('/v1/agent/escalations/:id/canned', async (req, res) => {
    const agent = agentOf(res);
    const { escalation } = await support.detail(agent, id(req));
    const who = await profile(escalation.customerId);
    res.json({ replies: cannedReplies(escalation, who?.name ?? null, agent, localeOf(req)) });
  });
  router.get('/v1/agent/escalations/:id/assist', async (req, res) => {
    res.json(await support.assist(agentOf(res), id(req), llm));
  });
  router.post('/v1/agent/escalations/:id/claim', async (req, res) => {
    res.json({ escalation: await done(req, res, 'claim', await support.claim(agentOf(res), id(req))) });
  });
  router.post('/v1/agent/escalations/:id/messages', async (req, res) => {
    res.json({ escalation: await done(req, res, 'reply', await support.agentMessage(agentOf(res), id(req), text(req))) });
  });
  router.post('/v1/agent/escalations/:id/notes', async (req, res) => {
    res.json({ escalation: await done(req, res, 'note', await support.note(agentOf(res), id(req), text(req))) });
  });
  router.post('/v1/agent/escalations/:id/resolve', async (req, res) => {
    res.json({ escalation: await done(req, res, 'resolve', await support.close(agentOf(res), id(req), 'resolved')) });
  });
  router.post('/v1/agent/escalations/:id/handback', async (req, res) => {
    res.json({ escalation: await done(req, res, 'handback', await support.close(agentOf(res), id(req), 'handed_back')) });
  });
  // The audit log, for supervisors: newest first, filtered by agent, action, escalation and time.
  router.get('/v1/agent/audit', async (req, res) => {
    if (agentOf(res).role !== 'supervisor') throw new AppError('forbidden', 'Only a supervisor can read the audit log', 403);
    const query = AuditQuery.safeParse(req.query);
    if (!query.success) throw invalidRequest(query.error);
    const { limit, ...filter } = query.data;
    const entries = await audit.list({ ...Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)), limit });
    res.json({ entries: entries.map(({ schemaVersion, ...e }) => (void schemaVersion, e)) });
  });
  router.get('/v1/agent/events', (req, res) => {
    const agent = agentOf(res);
    support.connected(agent, true);
    req.on('close', () => support.connected(agent, false));
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
