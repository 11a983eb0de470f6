import { isIP } from 'node:net';
import express, { type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { localeOfText, type Locale } from '../domain/locale.js';
import { say } from '../prompts/index.js';
import { ipKeyGenerator, rateLimit, type Store } from 'express-rate-limit';
import { AppError } from '../domain/errors.js';

/**
 * Who a request counts against, when the server has verified it (a JWT's subject, a signed-in agent); null when
 * nobody is verified, and then the client's address counts. Never something the client merely says: a `userId` in
 * the body can be rotated at will, and with it the limit would be gone.
 */
export type IdentityOf = (req: Request) => Promise<string | null> | string | null;

export interface LimitOptions {
  /** Requests a minute (for attempts, per window). */
  limit: number;
  windowMs?: number;
  identity?: IdentityOf;
  /** Count only the refused requests (sign-in attempts). */
  countFailuresOnly?: boolean;
  skip?: (req: Request) => boolean;
  /** What a refused client is told (a function: in the customer's language, read from the request). */
  message?: string | ((req: Request) => string | Promise<string>);
  /**
   * A channel that shows a chat text rather than an error (KakaoTalk, Alexa) answers the refusal itself; it returns
   * false to leave it to the 429.
   */
  answer?: (req: Request, res: Response, message: string) => boolean;
  /**
   * Where the counts are kept: this process's memory by default; a shared store (Redis) with several instances, so
   * the limit holds across them. A store that fails lets the request through (a limit is not worth an outage).
   */
  store?: Store;
  /** Where a failing store is reported (express-rate-limit writes to the console otherwise, once a request). */
  onStoreError?: (err: unknown) => void;
}

/** The key a request counts under: `id:<identity>` or `ip:<address>` (an IPv6 client by its /56, as ISPs hand them out). */
export async function limitKey(req: Request, identity?: IdentityOf): Promise<string> {
  // A failing identity check is the route's to report (401); here it only means "count the address".
  const who = identity
    ? await Promise.resolve()
        .then(() => identity(req))
        .catch(() => null)
    : null;
  return who ? `id:${who}` : `ip:${ipKeyGenerator(req.ip ?? req.socket.remoteAddress ?? '')}`;
}

/** A fixed window of requests per key; over it, 429 `rate_limited` through the error handler (so in the error shape). */
export function limiter(options: LimitOptions): RequestHandler {
  const message = options.message ?? 'Too many requests; please wait a moment';
  const text = (req: Request): Promise<string> => Promise.resolve(typeof message === 'function' ? message(req) : message);
  return rateLimit({
    windowMs: options.windowMs ?? 60_000,
    limit: options.limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skipSuccessfulRequests: options.countFailuresOnly ?? false,
    keyGenerator: (req) => limitKey(req, options.identity),
    ...(options.skip ? { skip: options.skip } : {}),
    ...(options.store ? { store: options.store, passOnStoreError: true } : {}),
    ...(options.onStoreError ? { logger: { error: options.onStoreError, warn: options.onStoreError } } : {}),
    handler: (req, res, next) => {
      text(req)
        .catch(() => 'Too many requests; please wait a moment')
        .then((said) => {
          if (!options.answer?.(req, res, said)) next(new AppError('rate_limited', said, 429));
        })
        .catch(next);
    },
    // Any client may send X-Forwarded-For; whether it is believed is SMILE_TRUST_PROXY's, not worth a warning a request.
    validate: { xForwardedForHeader: false },
  });
}

/** 127.0.0.0/8 or ::1, also as an IPv4-mapped IPv6 address. */
export function isLoopback(ip: string | undefined): boolean {
  const v4 = (ip ?? '').replace(/^::ffff:/, '');
  return ip === '::1' || (isIP(v4) === 4 && v4.startsWith('127.'));
}

/**
 * One limiter for each group of routes, chosen by path prefix; the probes (`/healthz`, `/readyz`, `/metrics`) are
 * never limited, and a path no group names counts in the fallback's.
 */
export function limitsByPath(groups: Array<[prefixes: string[], handler: RequestHandler]>, fallback: RequestHandler): RequestHandler {
  const probes = new Set(['/healthz', '/readyz', '/metrics']);
  const matches = (path: string, prefix: string): boolean => path === prefix || path.startsWith(`${prefix}/`);
  return (req, res, next) => {
    if (probes.has(req.path)) {
      next();
      return;
    }
    const group = groups.find(([prefixes]) => prefixes.some((p) => matches(req.path, p)));
    (group?.[1] ?? fallback)(req, res, next);
  };
}

const readBody = express.json({ limit: '64kb' });
/** Where the channels' bodies say the language or carry the words (anything else in them is ignored here). */
const RequestWords = z
  .object({
    locale: z.string().optional(),
    text: z.string().optional(),
    request: z.object({ locale: z.string().optional() }).optional(),
    userRequest: z.object({ lang: z.string().optional(), utterance: z.string().optional() }).optional(),
  })
  .catch({});

/**
 * The language of a refused request, as far as it says: the locale a channel sends (the chat's `locale`, KakaoTalk's
 * `lang`, Alexa's and Bot Framework's `locale`), else the words' own script, else Accept-Language; English otherwise.
 * The body is read here when no route has read it yet (limits run first).
 */
export async function requestLocale(req: Request): Promise<Locale> {
  if (req.body === undefined && req.is('application/json')) {
    await new Promise<void>((resolve) => {
      readBody(req, {} as Response, () => resolve());
    });
  }
  const body = RequestWords.safeParse(req.body).data ?? {};
  const named = [body.locale, body.request?.locale, body.userRequest?.lang]
    .map((v) => (v?.toLowerCase().startsWith('ko') ? 'ko-KR' : v?.toLowerCase().startsWith('en') ? 'en-US' : null))
    .find((v): v is Locale => v !== null);
  if (named) return named;
  const words = body.text ?? body.userRequest?.utterance;
  const byText = words ? localeOfText(words) : null;
  if (byText) return byText;
  return /^\s*ko\b/i.test(req.get('accept-language') ?? '') ? 'ko-KR' : 'en-US';
}

/** "Too many messages" in the customer's language, for every chat channel. */
export const throttledText = async (req: Request): Promise<string> => say(await requestLocale(req), 'rate_limited');
