import { isIP } from 'node:net';
import { parseQuietHours } from '../domain/notices.js';
import { parseSchedule } from './jobs/schedule.js';
import { parseHours } from '../support/hours.js';
import { z } from 'zod';

const url = z.string().url();
const optionalUrl = z.preprocess((v) => (v === '' ? undefined : v), url.optional());
const optionalString = z.preprocess((v) => (v === '' ? undefined : v), z.string().min(1).optional());
/** A comma-separated list of host names, each exact (`bot-api.kakao.com`) or a wildcard under a domain (`*.botframework.com`). */
const hostList = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((v) =>
      v
        .split(',')
        .map((h) => h.trim())
        .filter(Boolean),
    )
    .refine(
      (hosts) => hosts.length > 0 && hosts.every((h) => /^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(h)),
      'must be host names or *.domain, comma-separated',
    );

/** Express's names for address ranges a proxy may sit in. */
const PROXY_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);
const isProxyAddress = (entry: string): boolean => {
  if (PROXY_RANGES.has(entry)) return true;
  const [address = '', bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
};
/**
 * Which hops in front of Smile may say who the client is (X-Forwarded-For) and whether it came over https
 * (X-Forwarded-Proto): nothing (unset), a hop count, or the proxies' addresses. Never "every hop": then any client
 * could name its own address and step around the rate limits.
 */
const trustProxy = z.preprocess(
  (v) => (v === '' || v === undefined ? 'false' : v),
  z.string().transform((v, ctx): false | number | string[] => {
    const value = v.trim();
    if (value === 'false') return false;
    if (/^\d+$/.test(value)) return Number(value) === 0 ? false : Number(value);
    const entries = value
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean);
    if (value !== 'true' && entries.length > 0 && entries.every(isProxyAddress)) return entries;
    ctx.addIssue({
      code: 'custom',
      message:
        "must be a hop count (1), or the proxies' addresses: IPs, CIDRs, loopback, linklocal, uniquelocal, comma-separated " +
        '(not "true": trusting every hop lets any client choose its address)',
    });
    return z.NEVER;
  }),
);

/**
 * The hosts Bot Framework channels call from (Azure Bot Service channels, Teams in the public and US government clouds).
 * Not `*.trafficmanager.net`: anyone can create a Traffic Manager profile under it.
 */
export const BF_SERVICE_URL_HOSTS = [
  '*.botframework.com',
  '*.botframework.us',
  '*.botframework.azure.us',
  'smba.trafficmanager.net',
  '*.teams.trafficmanager.net',
  'smba.infra.gcc.teams.microsoft.com',
  'smba.infra.gov.teams.microsoft.us',
  'smba.infra.dod.teams.microsoft.us',
].join(',');
/** Kakao i Open Builder issues one-time callback URLs on its bot API host. */
export const KAKAO_CALLBACK_HOSTS = 'bot-api.kakao.com';

export const ConfigSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    /** The interface to listen on (127.0.0.1 keeps a local run off the network). */
    SMILE_HOST: z.string().min(1).default('0.0.0.0'),
    SMILE_DATA_DIR: z.string().min(1).default('./.smile-data'),
    MONGODB_URI: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z
        .string()
        .regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://')
        .optional(),
    ),
    /** Multi-instance mode: live events, rate limits, turn locks and cache invalidation through this Redis. */
    REDIS_URL: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z
        .string()
        .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
        .optional(),
    ),
    /** Where customers reach Smile (sign-in links, the OAuth redirect `…/link/callback`); default: the listening address. */
    SMILE_PUBLIC_URL: optionalUrl,
    /** The shop's OAuth 2.0 identity provider for account linking (authorization code + PKCE); all or none. */
    SHOP_OAUTH_ISSUER: optionalUrl,
    SHOP_OAUTH_AUTHORIZE_URL: optionalUrl,
    SHOP_OAUTH_TOKEN_URL: optionalUrl,
    SHOP_OAUTH_USERINFO_URL: optionalUrl,
    SHOP_OAUTH_CLIENT_ID: optionalString,
    SHOP_OAUTH_CLIENT_SECRET: optionalString,
    SHOP_OAUTH_SCOPE: optionalString,
    /** Prefix of Smile's keys and channels in that Redis (several deployments may share one). */
    SMILE_REDIS_PREFIX: z.string().min(1).max(64).default('smile:'),
    MONGODB_SERVER_SELECTION_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
    MONGODB_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10),
    COMMERCE_API_URL: optionalUrl,
    LOGISTICS_API_URL: optionalUrl,
    OPENAI_API_KEY: optionalString,
    OPENAI_BASE_URL: optionalUrl,
    OPENAI_MODEL: z.string().min(1).default('gpt-4o-mini'),
    LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(2000),
    KAKAO_ANSWER_WITHIN_MS: z.coerce.number().int().positive().default(3500),
    ALEXA_PROGRESSIVE_AFTER_MS: z.coerce.number().int().positive().default(1200),
    ALEXA_ANSWER_WITHIN_MS: z.coerce.number().int().min(500).max(7500).default(6000),
    ALEXA_VERIFY: z
      .enum(['true', 'false'])
      .default('true')
      .transform((v) => v === 'true'),
    MicrosoftAppId: optionalString,
    MicrosoftAppPassword: optionalString,
    MicrosoftAppTenantId: optionalString,
    MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
    SMILE_BOTFRAMEWORK_ENABLED: z
      .enum(['true', 'false'])
      .default('true')
      .transform((v) => v === 'true'),
    /** Which SDK serves /api/messages: botbuilder (archived by Microsoft, what runs today) or the Microsoft 365 Agents SDK. */
    SMILE_BF_SDK: z.enum(['botbuilder', 'agents']).default('botbuilder'),
    SMILE_BF_SERVICE_URL_HOSTS: hostList(BF_SERVICE_URL_HOSTS),
    SMILE_KAKAO_CALLBACK_HOSTS: hostList(KAKAO_CALLBACK_HOSTS),
    /** The value Open Builder sends in the skill's `X-Smile-Kakao-Secret` header; without it, /kakao/skill answers 401. */
    SMILE_KAKAO_SECRET: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(16, 'must be at least 16 characters').optional()),
    /** When set, a skill request whose `bot.id` differs is refused with 401 (comma-separated for several bots). */
    SMILE_KAKAO_BOT_ID: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z
        .string()
        .min(1)
        .transform((v) =>
          v
            .split(',')
            .map((id) => id.trim())
            .filter(Boolean),
        )
        .optional(),
    ),
    /** Who may put the web chat in a frame: CSP frame-ancestors sources, space- or comma-separated ('self' by default). */
    SMILE_FRAME_ANCESTORS: z
      .string()
      .default("'self'")
      .transform((v) => v.split(/[\s,]+/).filter(Boolean))
      .refine(
        (sources) => sources.length > 0 && sources.every((s) => /^('self'|'none'|https?:\/\/[a-z0-9.*-]+(:\d+)?|https?:)$/i.test(s)),
        "must be 'self', 'none' or origins like https://shop.example, separated by spaces or commas",
      ),
    NODE_ENV: optionalString,
    SMILE_AGENTS: optionalString,
    SMILE_AGENT_TOKEN_SECRET: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(16, 'must be at least 16 characters').optional()),
    SMILE_AGENT_LOCALE: z.enum(['en-US', 'ko-KR']).default('en-US'),
    SMILE_SUPPORT_TIMEZONE: z
      .string()
      .default('America/Los_Angeles')
      .refine((tz) => {
        try {
          new Intl.DateTimeFormat('en-US', { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, 'must be an IANA time zone'),
    SMILE_SUPPORT_HOURS: z
      .string()
      .default('mon-sun 00:00-24:00')
      .superRefine((v, ctx) => {
        try {
          parseHours(v, 'UTC', '');
        } catch (err) {
          ctx.addIssue({ code: 'custom', message: (err as Error).message });
        }
      }),
    SMILE_SUPPORT_HOLIDAYS: z
      .string()
      .default('')
      .superRefine((v, ctx) => {
        try {
          parseHours('mon 00:00-01:00', 'UTC', v);
        } catch (err) {
          ctx.addIssue({ code: 'custom', message: (err as Error).message });
        }
      }),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    SMILE_REST_JWT_SECRET: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(16, 'must be at least 16 characters').optional()),
    /** Minutes a confirmation stays open; after that "yes" no longer acts on it and it is not asked again. */
    SMILE_CONFIRMATION_TTL_MIN: z.coerce.number().positive().default(30),
    /** Hours within which a second order of the same product is confirmed with that fact. */
    SMILE_REPEAT_ORDER_HOURS: z.coerce.number().min(0).default(24),
    /** A "yes" this many minutes after its confirmation was asked re-reads its prices and windows before acting. */
    SMILE_RECHECK_AFTER_MIN: z.coerce.number().min(0).default(5),
    /** The explicit acknowledgement that the REST channel runs open (no token) under NODE_ENV=production. */
    SMILE_REST_OPEN: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),
    SMILE_RATE_LIMIT_PER_MIN: z.coerce.number().int().positive().default(60),
    SMILE_TRUST_PROXY: trustProxy,
    SMILE_API_TIMEOUT_MS: z.coerce.number().int().positive().default(3000),
    /** After this many failed calls in a row (each try of a retried call counts) a provider's circuit opens. */
    SMILE_BREAKER_THRESHOLD: z.coerce.number().int().min(1).max(1000).default(5),
    /** How long an open circuit refuses calls; then one call is let through to try again. */
    SMILE_BREAKER_COOLDOWN_MS: z.coerce.number().int().positive().default(10_000),
    SMILE_RETENTION_DAYS: z.coerce.number().int().positive().default(90),
    /** On SIGTERM, how long requests in flight may take to finish before every connection is cut. */
    SMILE_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
    /** How long the agents' audit log keeps an entry (sign-ins, claims, replies…): then MongoDB's TTL index or the purge removes it. */
    SMILE_AUDIT_RETENTION_DAYS: z.coerce.number().int().positive().max(3650).default(365),
    /** How long a claimed idempotency key (the sandbox's) or a pending change being settled (Smile's) stays locked. */
    SMILE_LEASE_MS: z.coerce.number().int().positive().default(30_000),
    /** How long a chat turn (REST, Bot Framework) may spend settling a change before answering (voice keeps ~2.5 s). */
    SMILE_CHAT_BUDGET_MS: z.coerce.number().int().positive().default(8000),
    /** How often pending changes whose outcome was unknown are asked about again. */
    SMILE_RECONCILE_EVERY_MS: z.coerce.number().int().positive().default(15_000),
    /**
     * Proactive notices (PRODUCT.md section 8). The logistics webhook's signing secret; with the embedded sandbox and no
     * value, one is generated at start and shared with the sandbox courier.
     */
    SMILE_EVENTS_SECRET: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(16, 'must be at least 16 characters').optional()),
    /** Customer-local hours that hold non-urgent notices until they end (HH:MM-HH:MM, may span midnight), or `off`. */
    SMILE_QUIET_HOURS: z
      .string()
      .default('21:00-08:00')
      .superRefine((v, ctx) => {
        try {
          parseQuietHours(v);
        } catch (err) {
          ctx.addIssue({ code: 'custom', message: (err as Error).message });
        }
      }),
    /** How often held notices (quiet hours) and events not yet processed are looked at. */
    SMILE_NOTIFY_EVERY_MS: z.coerce.number().int().positive().default(60_000),
    /** The operator's bearer token for /v1/admin (running a job now); unset: those routes answer 401. */
    SMILE_ADMIN_TOKEN: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(16, 'must be at least 16 characters').optional()),
    /** How often each scheduled job runs: `name=24h` pairs (ms, s, m, h, d) or `name=off`, comma-separated. */
    SMILE_JOB_SCHEDULE: z
      .string()
      .default('reorder-nudges=24h,subscription-orders=24h')
      .superRefine((v, ctx) => {
        try {
          parseSchedule(v);
        } catch (err) {
          ctx.addIssue({ code: 'custom', message: (err as Error).message });
        }
      }),
    /** Failed sends of a notice on its channel before it falls back to a text message, and the first retry delay (doubling, at most an hour). */
    SMILE_NOTIFY_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(4),
    SMILE_NOTIFY_RETRY_MS: z.coerce.number().int().positive().default(60_000),
    /** KakaoTalk business messages (알림톡) through a SENS-compatible provider: the messages URL, `accessKey:secretKey`, the channel id. */
    KAKAO_NOTIFY_URL: optionalUrl,
    KAKAO_NOTIFY_KEY: optionalString,
    KAKAO_NOTIFY_CHANNEL_ID: optionalString,
    /** Approved template codes per notice kind, `kind=CODE,kind=CODE` (default `smile_<kind>`). */
    KAKAO_NOTIFY_TEMPLATES: z
      .string()
      .default('')
      .transform((v, ctx) => {
        const out: Record<string, string> = {};
        for (const pair of v
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean)) {
          const [kind, code] = pair.split('=').map((x) => x.trim());
          if (!kind || !code) ctx.addIssue({ code: 'custom', message: `"${pair}" is not kind=CODE` });
          else out[kind] = code;
        }
        return out;
      }),
    /** Text messages through a SENS-compatible provider: the messages URL, `accessKey:secretKey`, the sending number. */
    SMS_API_URL: optionalUrl,
    SMS_API_KEY: optionalString,
    SMS_API_FROM: optionalString,
    /** Alexa Proactive Events: the skill's Login with Amazon client credentials and the events endpoint (development stage by default). */
    ALEXA_EVENTS_CLIENT_ID: optionalString,
    ALEXA_EVENTS_CLIENT_SECRET: optionalString,
    ALEXA_EVENTS_URL: z.string().url().default('https://api.amazonalexa.com/v1/proactiveEvents/stages/development'),
    ALEXA_EVENTS_SELLER: z.string().min(1).default('Smile'),
    /** Test hook only: the sandbox stops for good after claiming a key of this scope ("orders"), for the crash test. */
    SMILE_TEST_SANDBOX_STALL_AFTER_CLAIM: optionalString,
  })
  .superRefine((c, ctx) => {
    const oauthVars = [
      'SHOP_OAUTH_AUTHORIZE_URL',
      'SHOP_OAUTH_TOKEN_URL',
      'SHOP_OAUTH_USERINFO_URL',
      'SHOP_OAUTH_CLIENT_ID',
      'SHOP_OAUTH_CLIENT_SECRET',
    ] as const;
    const missing = oauthVars.filter((v) => !c[v]);
    if (missing.length > 0 && missing.length < oauthVars.length) {
      ctx.addIssue({
        code: 'custom',
        path: [missing[0]!],
        message: `account linking needs all of ${oauthVars.join(', ')}; missing ${missing.join(', ')}`,
      });
    }
    // Without an app id the Bot Framework endpoint is anonymous: fit for the Emulator on a laptop, never for production.
    if (c.NODE_ENV === 'production' && c.SMILE_BOTFRAMEWORK_ENABLED && !c.MicrosoftAppId) {
      ctx.addIssue({
        code: 'custom',
        path: ['MicrosoftAppId'],
        message:
          'required when NODE_ENV=production (anonymous Bot Framework is only for the Emulator on loopback); ' +
          'set MicrosoftAppId and MicrosoftAppPassword, or SMILE_BOTFRAMEWORK_ENABLED=false',
      });
    }
    // A notification provider half configured would fail every send: say so at start instead.
    const together: Array<[keyof typeof c, Array<keyof typeof c>]> = [
      ['KAKAO_NOTIFY_URL', ['KAKAO_NOTIFY_KEY', 'KAKAO_NOTIFY_CHANNEL_ID']],
      ['SMS_API_URL', ['SMS_API_KEY', 'SMS_API_FROM']],
      ['ALEXA_EVENTS_CLIENT_ID', ['ALEXA_EVENTS_CLIENT_SECRET']],
    ];
    for (const [first, rest] of together) {
      for (const name of rest) {
        if (c[first] && !c[name]) ctx.addIssue({ code: 'custom', path: [name], message: `required when ${first} is set` });
      }
    }
    for (const name of ['KAKAO_NOTIFY_KEY', 'SMS_API_KEY'] as const) {
      const key = c[name];
      if (key && !/^[^:]+:.+$/.test(key)) ctx.addIssue({ code: 'custom', path: [name], message: 'must be accessKey:secretKey' });
    }
    // Without a shared secret anyone who finds /kakao/skill speaks as any KakaoTalk user.
    if (c.NODE_ENV === 'production' && !c.SMILE_KAKAO_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['SMILE_KAKAO_SECRET'],
        message:
          'required when NODE_ENV=production (without it anyone can call /kakao/skill as any user); set a random value of ' +
          '16+ characters and send it from Open Builder as the skill header X-Smile-Kakao-Secret',
      });
    }
    // Several instances (REDIS_URL) must accept each other's agent sessions and know the same agents: without a shared
    // secret and accounts, each instance makes up its own and an agent signed in on one is refused by the next.
    if (c.NODE_ENV === 'production' && c.REDIS_URL) {
      for (const name of ['SMILE_AGENT_TOKEN_SECRET', 'SMILE_AGENTS'] as const) {
        if (!c[name]) {
          ctx.addIssue({
            code: 'custom',
            path: [name],
            message:
              'required with REDIS_URL when NODE_ENV=production (every instance must have the same value, or agent sign-ins work on one instance only)',
          });
        }
      }
    }
    // The open REST channel lets anyone who knows a user id speak as that user and read their messages.
    if (c.NODE_ENV === 'production' && !c.SMILE_REST_JWT_SECRET && !c.SMILE_REST_OPEN) {
      ctx.addIssue({
        code: 'custom',
        path: ['SMILE_REST_JWT_SECRET'],
        message:
          "required when NODE_ENV=production (without it anyone can read and write any user's conversation on /v1); " +
          'set SMILE_REST_JWT_SECRET, or SMILE_REST_OPEN=true to run the REST channel open on purpose',
      });
    }
  });
export type Config = z.infer<typeof ConfigSchema>;

/** Reads and validates the environment; a bad value stops the start with a message naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
