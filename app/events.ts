import { createHmac, timingSafeEqual } from 'node:crypto';
import express, { type Router } from 'express';
import { AppError, invalidRequest } from '../domain/errors.js';
import { LogisticsEvent } from '../domain/notices.js';
import type { NotificationService } from './notifications.js';

/** How old a signature's timestamp may be (either way, for clock skew): Stripe's default. */
export const SIGNATURE_TOLERANCE_S = 300;

/**
 * Checks a `Smile-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` header (several v1 values are
 * allowed, for a secret being rotated). False for a missing, malformed, wrong or stale one.
 */
export function verifySignature(header: string | undefined, rawBody: Buffer, secret: string, now: Date): boolean {
  if (!header) return false;
  const parts = header.split(',').map((p) => p.trim().split('='));
  const t = parts.find(([k]) => k === 't')?.[1];
  const signatures = parts.filter(([k, v]) => k === 'v1' && v && /^[0-9a-f]{64}$/i.test(v)).map(([, v]) => Buffer.from(v ?? '', 'hex'));
  if (!t || !/^\d{1,12}$/.test(t) || signatures.length === 0) return false;
  if (Math.abs(Math.floor(now.getTime() / 1000) - Number(t)) > SIGNATURE_TOLERANCE_S) return false;
  const expected = createHmac('sha256', secret).update(`${t}.`).update(rawBody).digest();
  return signatures.some((s) => s.length === expected.length && timingSafeEqual(s, expected));
}

export interface EventsOptions {
  secret: string;
  notifications: NotificationService;
  clock: () => Date;
}

/**
 * POST /v1/events/logistics: the logistics provider's webhook (PRODUCT.md section 8). The signature is checked over
 * the raw bytes before anything is read or kept (401, nothing changed); a body that is not an event is 400; a
 * repeated event id is 200 and nothing more; an accepted event is stored before the answer.
 */
export function eventsRouter(options: EventsOptions): Router {
  const router = express.Router();
  router.post('/v1/events/logistics', express.raw({ type: () => true, limit: '64kb' }), async (req, res) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (!verifySignature(req.get('smile-signature'), raw, options.secret, options.clock())) {
      throw new AppError('invalid_signature', 'The Smile-Signature header is missing, wrong or too old', 401);
    }
    let json: unknown;
    try {
      json = JSON.parse(raw.toString('utf8'));
    } catch {
      throw new AppError('invalid_json', 'The body is not valid JSON', 400);
    }
    const event = LogisticsEvent.safeParse(json);
    if (!event.success) throw invalidRequest(event.error);
    const accepted = await options.notifications.accept(event.data);
    res.json({ received: true, duplicate: !accepted });
  });
  return router;
}
