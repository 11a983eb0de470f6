import { isIP } from 'node:net';
import type { Request, RequestHandler } from 'express';
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
  message?: string;
  /**
   * Where the counts are kept: this process's memory by default; a shared store (Redis) with several instances, so
   * the limit holds across them. A store that fails lets the request through (a limit is not worth an outage).
   */
  store?: Store;
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
  return rateLimit({
    windowMs: options.windowMs ?? 60_000,
    limit: options.limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skipSuccessfulRequests: options.countFailuresOnly ?? false,
    keyGenerator: (req) => limitKey(req, options.identity),
    ...(options.skip ? { skip: options.skip } : {}),
    ...(options.store ? { store: options.store, passOnStoreError: true } : {}),
    handler: (_req, _res, next) => {
      next(new AppError('rate_limited', message, 429));
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
