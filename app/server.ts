import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseCookie } from 'cookie';
import express, { type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import helmet from 'helmet';
import { pino, type Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { z } from 'zod';
import type { BotFrameworkEndpoint } from '../bots/botframework.js';
import { kakaoRouter } from '../bots/kakao.js';
import { restRouter, verifyShopToken } from '../bots/rest.js';
import { webChatRouter } from '../bots/web-chat.js';
import { alexaRouter } from '../skills/alexa-skill.js';
import { reorderSuggestions } from '../engine/suggestions.js';
import { AppError, invalidRequest } from '../domain/errors.js';
import { Engine, type EngineDeps } from '../engine/engine.js';
import { CommerceClient } from '../integrations/commerce-client.js';
import { LogisticsClient } from '../integrations/logistics-client.js';
import { Locale, wireValue } from '../nlu/catalogue.js';
import { Nlu } from '../nlu/nlu.js';
import { Sandbox } from '../sandbox/sandbox.js';
import { SandboxCourier } from '../sandbox/courier.js';
import { SandboxNotifyProvider } from '../sandbox/notify.js';
import { runSubscriptionOrders } from './jobs/subscription-orders.js';
import { SandboxIdentityProvider } from '../sandbox/identity.js';
import { AccountLinking, type ShopOAuth } from './account-linking.js';
import { VoiceNews } from './voice-news.js';
import { productImages, productImageUrls } from '../sandbox/product-images.js';
import { parseQuietHours } from '../domain/notices.js';
import { eventsRouter } from './events.js';
import { NotificationService } from './notifications.js';
import { EmbeddedStore } from '../store/embedded-store.js';
import type { OnInvalidRow, Store } from '../store/port.js';
import { agentApi, type CustomerDesk } from '../support/agent-api.js';
import { AuditLog } from '../support/audit.js';
import { LoginGuard } from '../support/login-guard.js';
import { AgentDirectory, SESSION_COOKIE } from '../support/agents.js';
import { agentConsole } from '../support/console.js';
import { say } from '../prompts/index.js';
import { SupportService } from '../support/escalations.js';
import { parseHours } from '../support/hours.js';
import { channelPortOver, RESUMED_PREFIX } from './channel-port.js';
import type { Config } from './config.js';
import { createMetrics } from './metrics.js';
import { adminRouter } from './jobs/admin.js';
import type { Job } from './jobs/job.js';
import { reorderNudges } from './jobs/reorder-nudges.js';
import { JobRunner } from './jobs/runner.js';
import { parseSchedule } from './jobs/schedule.js';
import { channelNotifier } from './notifiers.js';
import { NoticeNotDeliverable } from '../integrations/notify/sender.js';
import { isLoopback, limiter, limitsByPath, throttledText, type IdentityOf, type LimitOptions } from './rate-limits.js';
import { inProcessLayer } from './shared/in-process.js';
import type { RedisLayer } from './shared/redis.js';
import type { SharedLayer } from '../ports/shared.js';

export interface Smile {
  url: string;
  support: SupportService;
  agents: AgentDirectory;
  server: Server;
  store: Store;
  engine: Engine;
  sandbox: Sandbox | null;
  /** Proactive notices: logistics events in, notices out (sendDue runs held and unsent ones now). */
  notifications: NotificationService;
  /** Scheduled jobs, each run under its lease in the store (POST /v1/admin/jobs/{name}/run). */
  jobs: JobRunner;
  logger: Logger;
  /** What instances share besides the store: in-process without REDIS_URL, Redis with it. */
  shared: SharedLayer;
  close(): Promise<void>;
}

export interface StartOptions {
  /** A store to use instead of the configured one (tests pass an in-memory one). */
  store?: Store;
  nlu?: Nlu;
  logger?: Logger;
  clock?: () => Date;
  host?: string;
}

/** Channel identities the sandbox links to its seed customers (PRODUCT.md section 6). */
const SANDBOX_LINKS: Array<[string, string, string]> = [
  ['rest', 'demo', 'demo'],
  ['rest', 'demo-ko', 'demo-ko'],
  ['botframework', 'demo', 'demo'],
  ['botframework', 'demo-ko', 'demo-ko'],
  ['kakao', 'demo-ko', 'demo-ko'],
  ['alexa', 'demo-token', 'demo'],
];

/** body-parser's refusals, by their `type`: each is the client's mistake, said in the error shape. */
const BODY_REFUSALS: Record<string, { status: number; code: string; message: string }> = {
  'entity.parse.failed': { status: 400, code: 'invalid_json', message: 'The body is not valid JSON' },
  'entity.too.large': { status: 413, code: 'body_too_large', message: 'The body is too large' },
  'encoding.unsupported': { status: 415, code: 'unsupported_media_type', message: 'Content-Encoding must be gzip, deflate, br or none' },
  'charset.unsupported': { status: 415, code: 'unsupported_media_type', message: 'The body must be UTF-8' },
  'request.aborted': { status: 400, code: 'invalid_body', message: 'The request ended before its body did' },
  'request.size.invalid': { status: 400, code: 'invalid_body', message: 'The body is not as long as its Content-Length says' },
};
const BodyParserError = z.object({ type: z.string().optional(), status: z.number().int().min(400).max(499), expose: z.literal(true) });

/**
 * A body that could not be read is a 4xx, never a 500: a type body-parser names, or any other refusal it raised while
 * reading (a gzip, deflate or br body that is not what its Content-Encoding says comes as zlib's error with status 400).
 */
function bodyRefusal(err: unknown): { status: number; code: string; message: string } | null {
  const parsed = BodyParserError.safeParse(err);
  if (!parsed.success) return null;
  return (
    BODY_REFUSALS[parsed.data.type ?? ''] ?? {
      status: 400,
      code: 'invalid_body',
      message: 'The body could not be read as sent (check Content-Encoding)',
    }
  );
}

/** A listen failure said with the address: a port in use, or one this user may not open. */
function listenError(err: unknown, port: number, host: string): Error {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') {
    return new Error(
      `port ${port} on ${host} is already in use (EADDRINUSE): another Smile or another program is listening there. ` +
        `Stop it, or set PORT to a free port.`,
    );
  }
  if (code === 'EACCES') return new Error(`port ${port} on ${host} may not be opened by this user (EACCES): set PORT to 1024 or above.`);
  if (code === 'EADDRNOTAVAIL') return new Error(`address ${host} is not on this machine (EADDRNOTAVAIL): check SMILE_HOST.`);
  return err instanceof Error ? err : new Error(String(err));
}

/**
 * helmet on every response: a CSP under which only Smile's own files run (the pages keep their scripts and styles in
 * web/, so nothing inline runs, and there is no 'unsafe-inline'), frame-ancestors from SMILE_FRAME_ANCESTORS (shops embedding the web chat), nosniff,
 * Referrer-Policy no-referrer, and helmet's other defaults.
 */
function securityHeaders(frameAncestors: string[]): RequestHandler {
  const onlySelf = frameAncestors.length === 1 && frameAncestors[0] === "'self'";
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
        formAction: ["'self'"],
        connectSrc: ["'self'"],
        // Product pictures come from the shop's commerce API (its CDN, over https).
        imgSrc: ["'self'", 'data:', 'https:'],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'"],
        frameAncestors,
      },
    },
    // X-Frame-Options knows only one origin; when shops may frame the chat, CSP frame-ancestors alone decides.
    xFrameOptions: onlySelf ? { action: 'sameorigin' } : false,
    referrerPolicy: { policy: 'no-referrer' },
  });
}

let sharedNlu: Nlu | undefined;
/** The committed model file is read once; one model serves every server in the process. */
export function defaultNlu(): Nlu {
  sharedNlu ??= new Nlu();
  return sharedNlu;
}

export async function startSmile(config: Config, options: StartOptions = {}): Promise<Smile> {
  const logger = options.logger ?? pino({ level: config.LOG_LEVEL, redact: ['req.headers.authorization', 'req.headers.cookie'] });
  // A stored row that no longer fits its schema is read as absent; someone should hear about it.
  const onInvalid: OnInvalidRow = (row) => logger.warn({ collection: row.collection, id: row.id }, row.message);
  const store =
    options.store ??
    (config.MONGODB_URI
      ? // Loaded only when used, as is the LLM client below: each costs a fraction of a second at start.
        await (
          await import('../store/mongo-store.js')
        ).MongoStore.open(config.MONGODB_URI, {
          serverSelectionTimeoutMS: config.MONGODB_SERVER_SELECTION_TIMEOUT_MS,
          maxPoolSize: config.MONGODB_POOL_SIZE,
          onEvent: (event, detail) => logger[event === 'reconnected' ? 'info' : 'warn']({ event, detail }, `mongodb ${event}`),
          onInvalid,
        })
      : await EmbeddedStore.open(config.SMILE_DATA_DIR, {
          onInvalid,
          onMigrated: (report) =>
            logger.warn(report, `moved an older version's NeDB files into the embedded database; the old files are kept in ${report.movedTo}`),
        }));
  // Several instances share Redis (REDIS_URL); one alone keeps the same things in its own memory.
  // ioredis loads only when Redis is configured.
  const openRedis = async (url: string): Promise<SharedLayer> =>
    (await import('./shared/redis.js')).RedisLayer.open(url, { logger, prefix: config.SMILE_REDIS_PREFIX }).catch(async (err: unknown) => {
      if (!options.store) await store.close().catch(() => undefined);
      throw err;
    });
  const shared: SharedLayer = config.REDIS_URL ? await openRedis(config.REDIS_URL) : inProcessLayer();
  const nlu = options.nlu ?? defaultNlu();
  const clock = options.clock ?? (() => new Date());
  const metrics = createMetrics();
  const useSandbox = !config.COMMERCE_API_URL || !config.LOGISTICS_API_URL;
  const hours = parseHours(config.SMILE_SUPPORT_HOURS, config.SMILE_SUPPORT_TIMEZONE, config.SMILE_SUPPORT_HOLIDAYS);
  const support = new SupportService(store, hours, clock, config.SMILE_AGENT_LOCALE, metrics.support);
  support.shareEventsThrough(shared.broadcast);
  metrics.watchQueue(() => support.queueLength());
  const agents = new AgentDirectory(config.SMILE_AGENTS, config.SMILE_AGENT_TOKEN_SECRET);
  // The customer sees the display name of the person who claimed their conversation, never a sign-in name.
  const personName = async (conversationId: string): Promise<string | null> => {
    const esc = await support.openFor(conversationId);
    return esc?.claimedBy ? agents.shownName(esc.claimedBy, esc.locale) : null;
  };
  const llm = config.OPENAI_API_KEY
    ? new (await import('../integrations/llm.js')).OpenAiLlm(
        { apiKey: config.OPENAI_API_KEY, baseURL: config.OPENAI_BASE_URL, model: config.OPENAI_MODEL, timeoutMs: config.LLM_TIMEOUT_MS },
        logger,
        clock,
      )
    : undefined;
  for (const g of agents.generated) {
    // Printed once: no agents were configured, so these exist only until the next start.
    logger.warn(`agent console account created for this run: ${g.username} (${g.role}) password ${g.password} — set SMILE_AGENTS to keep accounts`);
  }
  const stall = config.SMILE_TEST_SANDBOX_STALL_AFTER_CLAIM;
  const sandbox = useSandbox
    ? new Sandbox(store, clock, {
        claimLeaseMs: config.SMILE_LEASE_MS,
        ...(stall ? { stallAfterClaim: stall, onStall: (id: string) => logger.warn({ id }, 'sandbox stalled after claim (test hook)') } : {}),
      })
    : null;

  const app = express();
  app.disable('x-powered-by');
  // No ETag on answers: each JSON answer would be hashed (SHA-1) for a validator no client sends back. Static files
  // (web/) keep theirs (serve-static sets its own).
  app.set('etag', false);
  app.use(securityHeaders(config.SMILE_FRAME_ANCESTORS));
  // Behind a configured proxy, req.ip is the client's address and req.secure whether the client used https.
  app.set('trust proxy', config.SMILE_TRUST_PROXY);
  let engine: Engine | undefined;
  let clients: { commerce: CommerceClient; logistics: LogisticsClient } | undefined;
  const engineRef = (): Engine => {
    if (!engine) throw new AppError('not_ready', 'Smile is starting', 503);
    return engine;
  };
  const requestId = (req: IncomingMessage, res: ServerResponse): string => {
    const id = (typeof req.headers['x-request-id'] === 'string' && req.headers['x-request-id'].slice(0, 64)) || randomUUID();
    res.setHeader('x-request-id', id);
    return id;
  };
  // Request and response bodies hold customers' words; logs keep ids and outcomes only.
  const reqFields = (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url });
  if (logger.isLevelEnabled('info')) {
    app.use(
      pinoHttp({
        logger,
        genReqId: requestId,
        serializers: { req: reqFields, res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }) },
        autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/metrics' },
      }),
    );
  } else {
    // A line per request is an info line: below that level no request is logged, so none gets a logger of its own
    // (pino-http builds two per request). Each still gets its id (the x-request-id header) and, when it fails, a
    // logger with the same request fields as pino-http's.
    app.use((req, res, next) => {
      const id = requestId(req, res);
      req.id = id;
      let log: Logger | undefined;
      Object.defineProperty(req, 'log', {
        configurable: true,
        get: () => (log ??= logger.child({ req: reqFields({ id, method: req.method, url: req.originalUrl }) })),
        set: (value: Logger) => {
          log = value;
        },
      });
      next();
    });
  }

  // Every public route is limited, per verified identity when there is one, else per client address; one setting
  // (SMILE_RATE_LIMIT_PER_MIN) for all. Each group of routes counts apart, so a chat does not use up the agent console.
  const perMinute = config.SMILE_RATE_LIMIT_PER_MIN;
  const restSecret = config.SMILE_REST_JWT_SECRET;
  const shopCustomer: IdentityOf = async (req) => (restSecret ? `rest:${await verifyShopToken(req.get('authorization'), restSecret)}` : null);
  const signedInAgent: IdentityOf = async (req) => {
    const token = /^Bearer (.+)$/i.exec(req.get('authorization') ?? '')?.[1] ?? parseCookie(req.get('cookie') ?? '')[SESSION_COOKIE];
    return token ? `agent:${(await agents.verify(token)).username}` : null;
  };
  // With REDIS_URL every limiter counts in Redis under its own name, so N instances still give the limit once.
  // Redis away lets requests through (README, Many instances); that is said in Smile's log at warn level, not on stderr.
  const onStoreError =
    (name: string) =>
    (err: unknown): void =>
      logger.warn({ limiter: name, err: err instanceof Error ? err.message : String(err) }, 'rate limit store failed: request let through');
  const limit = (name: string, options: LimitOptions): RequestHandler =>
    limiter({
      ...options,
      ...(shared.kind === 'redis' ? { store: (shared as RedisLayer).rateLimitStore(name), onStoreError: onStoreError(name) } : {}),
    });
  const rateLimit = (name: string, identity?: IdentityOf) => limit(name, { limit: perMinute, ...(identity ? { identity } : {}) });
  app.use(
    limitsByPath(
      [
        [
          ['/v1/chat', '/v1/conversations', '/v1/customers', '/v1/web-chat'],
          limit('rest', { limit: perMinute, identity: shopCustomer, message: throttledText }),
        ],
        [['/v1/agent'], rateLimit('agent', signedInAgent)],
        [['/v1/nlu'], rateLimit('nlu')],
        // A chat channel shows the refusal as a chat text in the customer's language, never as an error.
        [['/kakao'], limit('kakao', { limit: perMinute, message: throttledText, answer: kakaoThrottled })],
        [['/alexa'], limit('alexa', { limit: perMinute, message: throttledText, answer: alexaThrottled })],
        // Bot Framework's limit sits on its route, after the body is read: its verified user is in the activity.
        ...(config.SMILE_BOTFRAMEWORK_ENABLED
          ? [
              [
                ['/api/messages'],
                (_req, _res, next) => {
                  next();
                },
              ] satisfies [string[], RequestHandler],
            ]
          : []),
        // Smile calls its own sandbox over loopback on every turn; those calls are not a client's.
        [['/sandbox'], limit('sandbox', { limit: perMinute, skip: (req) => isLoopback(req.ip) })],
      ],
      rateLimit('pages'),
    ),
  );

  app.use((req, _res, next) => {
    if (
      ['POST', 'PUT', 'PATCH'].includes(req.method) &&
      // OAuth's authorize form and token requests are form-encoded by the protocol.
      !req.path.startsWith('/sandbox/idp/') &&
      req.headers['content-length'] !== '0' &&
      !req.is('application/json') &&
      req.headers['content-type']
    ) {
      next(new AppError('unsupported_media_type', 'Send the body as application/json', 415));
      return;
    }
    next();
  });
  // Live streams (SSE: the agent console's, a customer's conversation) never end by themselves: they are kept here so
  // a shutdown can end them, and the browsers reconnect to another instance.
  const streams = new Set<express.Response>();
  app.use((req, res, next) => {
    if (req.method === 'GET' && req.path.endsWith('/events')) {
      streams.add(res);
      res.on('close', () => streams.delete(res));
    }
    next();
  });
  // Channels reach the store only through this port: links, their own state, and what people wrote.
  const channelPort = channelPortOver(store);
  // Account linking (issue 16): the shop's identity provider (SHOP_OAUTH_*), else the sandbox's, else none.
  const publicUrl = (): string => config.SMILE_PUBLIC_URL?.replace(/\/$/, '') ?? url ?? '';
  const sandboxIdpSecret = randomBytes(24).toString('base64url');
  const shopOAuth: (() => ShopOAuth) | null = config.SHOP_OAUTH_AUTHORIZE_URL
    ? () => ({
        issuer: config.SHOP_OAUTH_ISSUER ?? new URL(config.SHOP_OAUTH_AUTHORIZE_URL!).origin,
        authorizeUrl: config.SHOP_OAUTH_AUTHORIZE_URL!,
        tokenUrl: config.SHOP_OAUTH_TOKEN_URL!,
        userinfoUrl: config.SHOP_OAUTH_USERINFO_URL!,
        clientId: config.SHOP_OAUTH_CLIENT_ID!,
        clientSecret: config.SHOP_OAUTH_CLIENT_SECRET!,
        ...(config.SHOP_OAUTH_SCOPE ? { scope: config.SHOP_OAUTH_SCOPE } : {}),
        allowHttp: false,
      })
    : sandbox
      ? () => ({
          issuer: `${url}/sandbox/idp/v1`,
          authorizeUrl: `${publicUrl()}/sandbox/idp/v1/authorize`,
          tokenUrl: `${url}/sandbox/idp/v1/token`,
          userinfoUrl: `${url}/sandbox/idp/v1/userinfo`,
          clientId: 'smile-sandbox',
          clientSecret: sandboxIdpSecret,
          allowHttp: true,
        })
      : null;
  const linking = shopOAuth
    ? new AccountLinking({
        store,
        clock,
        logger,
        oauth: shopOAuth,
        publicUrl,
        resume: async (signIn, state) => {
          // The message that needed the account, run again now that the chat speaks for the customer. Its id is the
          // sign-in's, so a repeated callback cannot run it twice.
          const capabilities = { voice: false, cards: true, quickReplies: true, liveChat: true };
          const reply = await engineRef().handle({
            channel: signIn.channel,
            channelUserId: signIn.channelUserId,
            conversationId: signIn.conversationId,
            messageId: `${RESUMED_PREFIX}${state}`,
            locale: null,
            input: { type: 'text', text: signIn.text },
            capabilities,
          });
          const texts = reply.messages.map((m) => m.text);
          // REST and the web chat: the conversation's stream says so and the panel reads it (/messages relays it);
          // KakaoTalk, which cannot be written to unprompted, gets it ahead of the answer to the customer's next message.
          support.announce(signIn.conversationId, 'resumed');
          const push = deliveries.get(signIn.channel);
          // The answer is on the page in any case; a channel that cannot be reached now only misses the copy.
          if (push)
            for (const text of texts)
              await push(signIn.conversationId, text).catch((err: unknown) =>
                logger.warn({ err: err instanceof Error ? err.message : String(err), channel: signIn.channel }, 'resumed answer not pushed'),
              );
          return texts;
        },
      })
    : null;
  /** Channels that can be written to unprompted (Bot Framework): the resumed request's answer goes there too. */
  const deliveries = new Map<string, (conversationId: string, text: string) => Promise<void>>();
  if (sandbox) {
    const idp = new SandboxIdentityProvider(store, clock, () => ({
      clientId: 'smile-sandbox',
      clientSecret: sandboxIdpSecret,
      redirectUri: `${publicUrl()}/link/callback`,
    }));
    app.use('/sandbox/idp/v1', idp.router());
  }
  if (linking) app.use(linking.router());
  // News for a voice customer whose session has ended: said when they next open the skill, and sent as a notice.
  const voiceNews = new VoiceNews({ store, notices: () => notifications, clock, logger });
  // The Alexa endpoint verifies the request's signature over the raw body, so it reads the body itself.
  app.use(
    alexaRouter({
      news: voiceNews,
      permissions: {
        get: (userId) => store.channelState.get('alexa_permissions', userId),
        put: (userId, value) => store.channelState.put('alexa_permissions', userId, value),
      },
      engine: () => engineRef(),
      commerce: () => {
        if (!clients) throw new AppError('not_ready', 'Smile is starting', 503);
        return clients.commerce;
      },
      port: channelPort,
      logger,
      verify: config.ALEXA_VERIFY,
      progressiveAfterMs: config.ALEXA_PROGRESSIVE_AFTER_MS,
      answerWithinMs: config.ALEXA_ANSWER_WITHIN_MS,
      clock,
    }),
  );
  if (!config.ALEXA_VERIFY)
    logger.warn('ALEXA_VERIFY=false: Alexa request signatures and timestamps are NOT checked. Use this only for local testing.');
  // Proactive notices (issue 13). The webhook verifies its signature over the raw body, so it reads the body itself.
  const eventsSecret = config.SMILE_EVENTS_SECRET ?? randomBytes(32).toString('hex');
  if (!config.SMILE_EVENTS_SECRET && !sandbox) logger.warn('SMILE_EVENTS_SECRET is not set: the logistics webhook refuses every event until it is.');
  const notifyProvider = sandbox ? new SandboxNotifyProvider(store) : null;
  // Bot Framework's proactive sender exists once its endpoint does (below); notices look it up when they go.
  let sendToBotFramework: ((conversationId: string, text: string) => Promise<void>) | null = null;
  const notifier = channelNotifier(config, clock, notifyProvider, (conversationId, text) => {
    if (!sendToBotFramework) throw new NoticeNotDeliverable('botframework', 'the Bot Framework endpoint is off');
    return sendToBotFramework(conversationId, text);
  });
  const notifications = new NotificationService({
    store,
    clock,
    logger,
    onSent: (notice) => {
      // A notice written into a web chat conversation reaches an open panel at once (it reads it from /messages).
      if (notice.conversationId) support.announce(notice.conversationId, 'notice');
    },
    quietHours: parseQuietHours(config.SMILE_QUIET_HOURS),
    retentionDays: config.SMILE_RETENTION_DAYS,
    notifier,
    retry: { attempts: config.SMILE_NOTIFY_ATTEMPTS, firstDelayMs: config.SMILE_NOTIFY_RETRY_MS, maxDelayMs: 3_600_000 },
    metrics: metrics.notices,
    commerce: () => {
      if (!clients) throw new AppError('not_ready', 'Smile is starting', 503);
      return clients.commerce;
    },
    logistics: () => {
      if (!clients) throw new AppError('not_ready', 'Smile is starting', 503);
      return clients.logistics;
    },
  });
  app.use(eventsRouter({ secret: eventsSecret, notifications, clock }));
  app.use(express.json({ limit: '64kb' }));
  app.use(
    webChatRouter({
      port: channelPort,
      orders: (customerId) => {
        if (!clients) throw new AppError('not_ready', 'Smile is starting', 503);
        return clients.commerce.listOrders(customerId);
      },
      clock,
      ...(config.SMILE_REST_JWT_SECRET ? { jwtSecret: config.SMILE_REST_JWT_SECRET } : {}),
    }),
  );
  // Scheduled work (issue 14): each job runs under a lease in the store, so once across instances.
  const jobs = new JobRunner({
    store,
    clock,
    logger,
    registry: metrics.registry,
    leaseMs: config.SMILE_LEASE_MS,
    context: () => {
      if (!clients) throw new AppError('not_ready', 'Smile is starting', 503);
      return { store, commerce: clients.commerce, logistics: clients.logistics, notifier, notices: notifications };
    },
  });
  app.use(adminRouter({ token: config.SMILE_ADMIN_TOKEN, jobs }));
  if (config.SMILE_BOTFRAMEWORK_ENABLED) {
    // The same route, settings and channel through either SDK (SMILE_BF_SDK): botbuilder, or its successor. Either
    // SDK is some 200–400 modules (0.4–0.8 s of CPU to load), so it is loaded by the first activity (or the first
    // message Smile starts there), not at start; its route keeps its place among the others. Not in the background
    // after start either: loading holds the event loop for that long, which held up turns and Redis connections.
    let loading: Promise<BotFrameworkEndpoint> | null = null;
    const endpoint = (): Promise<BotFrameworkEndpoint> =>
      (loading ??= (async () => {
        const make =
          config.SMILE_BF_SDK === 'agents'
            ? (await import('../bots/agents-sdk.js')).agentsSdkEndpoint
            : (await import('../bots/botframework.js')).botFrameworkEndpoint;
        return make({
          engine: () => engineRef(),
          port: channelPort,
          logger,
          appId: config.MicrosoftAppId,
          appPassword: config.MicrosoftAppPassword,
          appTenantId: config.MicrosoftAppTenantId,
          appType: config.MicrosoftAppType,
          serviceUrlHosts: config.SMILE_BF_SERVICE_URL_HOSTS,
          rateLimit: (identity) => limit('botframework', { limit: perMinute, identity, message: throttledText }),
        });
      })());
    let loaded: BotFrameworkEndpoint | null = null;
    const botFramework = { sendProactive: async (conversationId: string, text: string) => (await endpoint()).sendProactive(conversationId, text) };
    app.use((req, res, next) => {
      if (loaded) return loaded.router(req, res, next);
      // Only its one route waits for the SDK; every other request goes on at once.
      if (req.path.replace(/\/+$/, '').toLowerCase() !== '/api/messages') return next();
      endpoint().then((e) => {
        loaded = e;
        e.router(req, res, next);
      }, next);
    });
    // A person's words are marked as theirs ("Alice Kim from our support team: …"): the bot posts them.
    support.registerDelivery('botframework', (esc, text, from) =>
      botFramework.sendProactive(
        esc.conversationId,
        from === 'agent'
          ? say(esc.locale, 'agent.says', {
              agent: esc.claimedBy ? agents.shownName(esc.claimedBy, esc.locale) : say(esc.locale, 'agent.unnamed'),
              text,
            })
          : text,
      ),
    );
    deliveries.set('botframework', (conversationId, text) => botFramework.sendProactive(conversationId, text));
    sendToBotFramework = botFramework.sendProactive;
    if (!config.MicrosoftAppId) logger.warn('Bot Framework is anonymous (no MicrosoftAppId): only the Emulator on loopback is served.');
  }
  // Guessing passwords (issue 17): within an instance, the guard below locks a name and address out after 5 failed
  // attempts and doubles each lockout; across instances (with REDIS_URL) this window is the backstop, counted once
  // (20 refused attempts — wrong passwords and the guard's refusals — per name and address in 15 minutes).
  app.post(
    '/v1/agent/login',
    limit('login', {
      limit: 20,
      windowMs: 15 * 60_000,
      countFailuresOnly: true,
      message: 'Too many sign-in attempts; try again in 15 minutes',
      identity: (req) => {
        const body: unknown = req.body;
        const username =
          body && typeof body === 'object' && 'username' in body && typeof body.username === 'string' ? body.username.slice(0, 64) : '';
        return `login:${username}@${ipKeyGenerator(req.ip ?? '')}`;
      },
    }),
  );
  // The console's customer panel: who the customer is, their orders, shipments, returns and the notices sent to them.
  const desk: CustomerDesk = {
    profile: async (customerId) => {
      if (!clients) return null;
      const c = await clients.commerce.getCustomer(customerId);
      return { name: c.name, locale: c.locale };
    },
    panel: async (customerId) => {
      if (!clients) throw new AppError('not_ready', 'Smile is starting', 503);
      const { commerce, logistics } = clients;
      const settle = <T>(p: Promise<T[]>): Promise<T[]> => p.catch(() => []);
      const [orders, shipments, returns, notices] = await Promise.all([
        settle(commerce.listOrders(customerId)),
        settle(logistics.listShipments(customerId)),
        settle(logistics.listReturns(customerId)),
        settle(notifications.rows.noticesFor(customerId)),
      ]);
      return {
        orders: orders.sort((a, b) => b.placedAt.localeCompare(a.placedAt)).slice(0, 10),
        shipments,
        returns,
        notices: notices
          .filter((n) => n.status === 'sent')
          .slice(-10)
          .reverse()
          .map((n) => ({ kind: n.kind, channel: n.channel, text: n.text, sentAt: n.sentAt })),
      };
    },
  };
  const loginGuard = new LoginGuard({ now: () => clock().getTime() });
  const audit = new AuditLog(store, clock, logger, config.SMILE_AUDIT_RETENTION_DAYS);
  app.use(agentApi(agents, support, { guard: loginGuard, audit }, llm, { desk, agentLocale: config.SMILE_AGENT_LOCALE }));
  // The notices a customer was sent (issue 13 item 7), for the agent handling them: what, where, when, and whether it
  // arrived — never the phone number or the provider's address.
  app.get('/v1/agent/customers/:id/notifications', agents.authenticate(), async (req, res) => {
    const id = z.string().min(1).max(200).safeParse(req.params.id);
    if (!id.success) throw new AppError('not_found', 'No such customer', 404);
    const rows = await notifications.rows.noticesFor(id.data);
    res.json({
      notifications: rows.map((n) => ({
        id: n.id,
        kind: n.kind,
        channel: n.channel,
        ...(n.fallbackFrom ? { fallbackFrom: n.fallbackFrom } : {}),
        status: n.status,
        locale: n.locale,
        text: n.text,
        createdAt: n.createdAt,
        ...(n.sentAt ? { sentAt: n.sentAt } : {}),
      })),
    });
  });
  app.use(agentConsole(config.SMILE_AGENT_LOCALE));
  app.use(
    kakaoRouter({
      engine: () => engineRef(),
      port: channelPort,
      logger,
      callbackHosts: config.SMILE_KAKAO_CALLBACK_HOSTS,
      answerWithinMs: config.KAKAO_ANSWER_WITHIN_MS,
      secret: config.SMILE_KAKAO_SECRET,
      botIds: config.SMILE_KAKAO_BOT_ID,
      personName,
    }),
  );
  if (!config.SMILE_KAKAO_SECRET)
    logger.warn(
      'SMILE_KAKAO_SECRET is not set: /kakao/skill answers anyone. Set it and send it from Open Builder as the X-Smile-Kakao-Secret header.',
    );

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const checks: Record<string, string> = {};
    try {
      await store.ping();
      checks.store = 'ok';
    } catch (err) {
      checks.store = (err as Error).message;
    }
    checks.engine = engine ? 'ok' : 'starting';
    // Redis away: turns still run (the store's version check serialises them), so this instance stays in service.
    if (shared.kind === 'redis') checks.redis = await shared.health();
    if (clients) {
      // An open circuit is tried again here once its cooldown has passed, so readiness comes back by itself.
      const [commerce, logistics] = await Promise.all([clients.commerce.probe(), clients.logistics.probe()]);
      checks.commerce = commerce ? 'ok' : 'circuit open';
      checks.logistics = logistics ? 'ok' : 'circuit open';
    }
    const ready = Object.entries(checks).every(([name, v]) => v === 'ok' || name === 'redis');
    const status = !ready ? 'not_ready' : checks.redis && checks.redis !== 'ok' ? 'degraded' : 'ready';
    res.status(ready ? 200 : 503).json({ status, checks });
  });
  app.get('/metrics', async (_req, res) => {
    res.set('content-type', metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  const ParseRequest = z.object({ text: z.string().trim().min(1).max(2000), locale: Locale }).strict();
  app.post('/v1/nlu/parse', (req, res) => {
    const body = ParseRequest.safeParse(req.body);
    if (!body.success) throw invalidRequest(body.error);
    const r = nlu.parse(body.data.text, body.data.locale, { now: clock() });
    res.json({
      intent: r.intent,
      entities: r.entities.map((e) => ({ type: e.type, value: wireValue(e), text: e.text, ...(e.negated ? { negated: true } : {}) })),
    });
  });

  app.use(
    restRouter({
      engine: engineRef,
      port: channelPort,
      support,
      jwtSecret: config.SMILE_REST_JWT_SECRET,
      personName,
    }),
  );

  // What each customer probably runs out of soon, from their purchase cadence. With SMILE_REST_JWT_SECRET set,
  // only the customer linked to the token's subject may read their own list.
  const CustomerId = z
    .string()
    .min(1)
    .max(128)
    .regex(/^[A-Za-z0-9._:@-]+$/);
  app.get('/v1/customers/:id/suggestions', async (req, res) => {
    const id = CustomerId.safeParse(req.params.id);
    if (!id.success) throw invalidRequest(id.error);
    if (config.SMILE_REST_JWT_SECRET) {
      const subject = await verifyShopToken(req.get('authorization'), config.SMILE_REST_JWT_SECRET);
      // The token's subject is the customer id (the shop signed it).
      if (subject !== id.data) throw new AppError('forbidden', 'You can only read your own suggestions', 403);
    }
    if (!clients) throw new AppError('not_ready', 'Smile is starting', 503);
    const orders = await clients.commerce.listOrders(id.data);
    res.json({ customerId: id.data, suggestions: reorderSuggestions(orders, clock()) });
  });

  if (sandbox) {
    await sandbox.seedIfEmpty();
    for (const [channel, channelUserId, customerId] of SANDBOX_LINKS) {
      await store.links.put({ channel, channelUserId, customerId, createdAt: clock().toISOString() });
    }
    app.use('/sandbox/commerce/v1', productImages());
    app.use(
      '/sandbox/commerce/v1',
      productImageUrls(() => config.SMILE_PUBLIC_URL?.replace(/\/$/, '') ?? ''),
    );
    app.use('/sandbox/commerce/v1', sandbox.commerceRouter());
    app.use('/sandbox/logistics/v1', sandbox.logisticsRouter());
    // The courier tells Smile about each step over HTTP, signed, like a real provider (issue 13).
    app.use(
      '/sandbox/logistics/v1',
      new SandboxCourier(store, clock, () => (url ? { url: `${url}/v1/events/logistics`, secret: eventsSecret } : null)).router(),
    );
    if (notifyProvider) app.use('/sandbox/notify/v1', notifyProvider.router());
    app.post('/sandbox/reset', async (_req, res) => {
      await sandbox.reset();
      await notifyProvider?.reset();
      res.json({ status: 'reset' });
    });
  }

  app.use((_req, _res, next) => {
    next(new AppError('not_found', 'No such route', 404));
  });
  const CUSTOMER_FACING_5XX = new Set(['not_ready', 'temporarily_unavailable']);
  const onError: ErrorRequestHandler = (err, req, res, _next) => {
    void _next;
    let status = 500;
    let code = 'internal_error';
    let message = 'Something went wrong on our side';
    if (err instanceof AppError) {
      status = err.status;
      code = err.code;
      message = err.message;
    } else if (err instanceof URIError) {
      // A path parameter that is not valid percent-encoding ("/v1/conversations/%/messages"): the router cannot decode it.
      status = 400;
      code = 'invalid_request';
      message = 'The address is not valid percent-encoding';
    } else {
      const refused = bodyRefusal(err);
      if (refused) ({ status, code, message } = refused);
    }
    if (status >= 500) req.log?.error({ err }, 'request failed');
    else req.log?.warn({ code }, 'request refused');
    // Only a refusal's message is meant for the caller; a 5xx message can hold a dependency's or driver's own text.
    // Smile's own 503s are written for the customer (from prompts/, in their language) and are kept.
    if (status >= 500 && !CUSTOMER_FACING_5XX.has(code)) message = 'Something went wrong on our side';
    metrics.engine.error(code);
    // A failure on Smile's side shows only the request id; what went wrong is in the log under that id.
    res.status(status).json({ error: { code, message, ...(status >= 500 ? { requestId: typeof req.id === 'object' ? '' : String(req.id) } : {}) } });
  };
  app.use(onError);

  let url: string | undefined;
  const host = options.host ?? config.SMILE_HOST;
  // Express 5 hands a listen error to the callback: without looking at it, the start went on with no address.
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.PORT, host, (err?: Error) => {
      if (err) reject(err);
      else resolve(s);
    });
  }).catch(async (err: unknown) => {
    if (!options.store) await store.close().catch(() => undefined);
    await shared.close();
    throw listenError(err, config.PORT, host);
  });
  const port = (server.address() as AddressInfo).port;
  url = `http://127.0.0.1:${port}`;
  const timeoutMs = config.SMILE_API_TIMEOUT_MS;
  const breaker = { breakerThreshold: config.SMILE_BREAKER_THRESHOLD, breakerCooldownMs: config.SMILE_BREAKER_COOLDOWN_MS };
  const commerce = new CommerceClient({ baseUrl: config.COMMERCE_API_URL ?? `${url}/sandbox/commerce/v1`, timeoutMs, ...breaker });
  const logistics = new LogisticsClient({ baseUrl: config.LOGISTICS_API_URL ?? `${url}/sandbox/logistics/v1`, timeoutMs, ...breaker });
  clients = { commerce, logistics };
  // A conversation's first turn counts it (containment and handoff rates are per conversation), and the chat each
  // customer last wrote from is where a notice goes when they chose no channel: both from what the turn already read.
  const onTurnSaved: EngineDeps['onTurnSaved'] = async (turn, { customerId, firstTurn }) => {
    if (firstTurn) metrics.operators.conversation(turn.channel);
    await notifications.noteTurn(turn, customerId).catch((err: unknown) => logger.warn({ err }, 'last contact not noted'));
  };
  engine = new Engine({
    store,
    nlu,
    commerce,
    logistics,
    support,
    logger,
    metrics: metrics.engine,
    clock,
    ...(llm ? { llm } : {}),
    retentionDays: config.SMILE_RETENTION_DAYS,
    reconcile: {
      leaseMs: config.SMILE_LEASE_MS,
      retryEveryMs: config.SMILE_RECONCILE_EVERY_MS,
      // An Alexa session is over by the time a change settles: its news waits for the next one and goes as a notice.
      tellElsewhere: async (p, text) => {
        if (p.channel !== 'alexa') return false;
        const placed = p.change.type === 'placeOrder' && p.outcome?.applied === true;
        await voiceNews.add({ id: p.key, customerId: p.customerId, kind: placed ? 'order_placed' : 'change_settled', text });
        return true;
      },
    },
    budgets: { messenger: config.SMILE_CHAT_BUDGET_MS },
    ...(linking ? { linking } : {}),
    lock: shared.lock,
    broadcast: shared.broadcast,
    onTurnSaved,
    limits: {
      confirmationTtlMs: config.SMILE_CONFIRMATION_TTL_MIN * 60_000,
      repeatOrderWithinMs: config.SMILE_REPEAT_ORDER_HOURS * 3_600_000,
      recheckAfterMs: config.SMILE_RECHECK_AFTER_MIN * 60_000,
    },
  });
  const handle = engine.handle.bind(engine);
  engine.handle = async (turn) => {
    const reply = await handle(turn);
    if (reply.intent) metrics.operators.understood(turn.channel, reply.intent.confidence);
    return reply;
  };
  // The periodic sweeps are jobs too, so each runs once across instances (a lease in the store per job).
  const running = engine;
  const sweeps: Array<[Job, number]> = [
    // Held notices go when quiet hours end; events a crash left unprocessed are processed (a held one survives a restart).
    [{ name: 'send-notices', run: async () => ({ skipped: 0, ...(await notifications.sendDue()) }) }, config.SMILE_NOTIFY_EVERY_MS],
    [{ name: 'purge-expired', run: async ({ now }) => ({ processed: await store.purgeExpired(now), skipped: 0, failed: 0 }) }, 3_600_000],
    // Changes whose outcome a turn could not learn are asked about again until settled, and the customer is told.
    [
      {
        name: 'reconcile-pending',
        run: async () => {
          const r = await running.reconcilePending();
          return { processed: r.settled, skipped: r.pending, failed: 0 };
        },
      },
      config.SMILE_RECONCILE_EVERY_MS,
    ],
  ];
  for (const [job, everyMs] of sweeps) jobs.register(job).every(job.name, everyMs);
  jobs.register(reorderNudges);
  // 정기배송 (issue 14): each due cycle ordered once (key: subscription + cycle date), a reminder two days before.
  jobs.register({ name: 'subscription-orders', run: runSubscriptionOrders });
  for (const [name, everyMs] of parseSchedule(config.SMILE_JOB_SCHEDULE)) {
    if (everyMs === null) continue;
    if (jobs.has(name)) jobs.every(name, everyMs);
    else logger.warn({ job: name }, 'SMILE_JOB_SCHEDULE names a job that does not exist here; not scheduled');
  }
  jobs.background('send-notices', 'start');
  // Ready now: the agents' passwords are hashed in the background (a sign-in before that hashes its own).
  setImmediate(() => agents.hashNow());

  return {
    url,
    server,
    store,
    engine,
    sandbox,
    notifications,
    jobs,
    logger,
    support,
    agents,
    shared,
    async close() {
      await jobs.stop();
      await new Promise<void>((resolve) => {
        // No new connections; requests in flight finish (a turn, a sign-in); idle keep-alive connections and live
        // streams end now. Whatever is still open after SMILE_SHUTDOWN_GRACE_MS is cut, so a shutdown always ends.
        // A connection whose request finishes later is idle then, and kept alive by its client: it is closed then.
        const idle = setInterval(() => server.closeIdleConnections(), 50);
        const cut = setTimeout(() => server.closeAllConnections(), config.SMILE_SHUTDOWN_GRACE_MS);
        server.close(() => {
          clearInterval(idle);
          clearTimeout(cut);
          resolve();
        });
        for (const res of streams) res.end();
        server.closeIdleConnections();
      });
      await shared.close();
      await store.close();
    },
  };
}

/** KakaoTalk shows a refusal as a bubble: Open Builder takes only a 200 with a skill response. */
function kakaoThrottled(_req: Request, res: Response, text: string): boolean {
  res.status(200).json({ version: '2.0', template: { outputs: [{ simpleText: { text } }] } });
  return true;
}

/** Alexa says a refusal: a skill that answers an error is "a problem with the requested skill's response". */
function alexaThrottled(_req: Request, res: Response, text: string): boolean {
  res.status(200).json({ version: '1.0', response: { outputSpeech: { type: 'PlainText', text }, shouldEndSession: true } });
  return true;
}
