import { createHash } from 'node:crypto';
import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  TaskCancelledError,
  TimeoutStrategy,
  circuitBreaker,
  handleWhen,
  retry,
  timeout,
  wrap,
  type IPolicy,
} from 'cockatiel';
import type { z } from 'zod';
import { AppError, DEPENDENCY_OUTCOME_UNKNOWN } from '../domain/errors.js';
import { originOf, send, WireError, type Origin, type WireResponse } from './http-transport.js';

export interface HttpClientOptions {
  /** Provider name, for errors and metrics ("commerce", "logistics"). */
  name: string;
  baseUrl: string;
  timeoutMs?: number;
  retries?: number;
  /** Consecutive failures that open the circuit, and how long it stays open. */
  breakerThreshold?: number;
  breakerCooldownMs?: number;
  headers?: Record<string, string>;
}

/** A failure worth retrying: no answer, a timeout, or a 5xx / 429 from the provider. */
export class TransientHttpError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'TransientHttpError';
  }
}

/**
 * Idempotency keys travel in a header: printable ASCII up to 200 characters is sent as it is, anything else
 * (a Korean address label, a long composite key) as its SHA-256, which is just as stable.
 */
export function headerSafeKey(key: string): string {
  return /^[\x21-\x7e]{1,200}$/.test(key) ? key : `sha256-${createHash('sha256').update(key).digest('hex')}`;
}

export interface CallOptions<T> {
  method?: 'GET' | 'POST' | 'PATCH';
  body?: unknown;
  /** A form body (application/x-www-form-urlencoded) instead of JSON, for the OAuth token endpoints that want one. */
  form?: Record<string, string>;
  idempotencyKey?: string;
  /** A POST that changes nothing (a price quote): retried like a GET. */
  repeatable?: boolean;
  /** Extra headers for this call (an end user's bearer token). */
  headers?: Record<string, string>;
  schema: z.ZodType<T>;
  /** Stops the call (and its retries) when aborted: the caller's time budget. */
  signal?: AbortSignal;
}

/** Errors of a connection that never reached the provider: a write sent this way cannot have been applied. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const notSent = (err: unknown): boolean => {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | null;
  const code = e?.code ?? e?.cause?.code;
  return typeof code === 'string' && NOT_SENT.has(code);
};

/**
 * A write that may or may not have been applied: an attempt timed out or lost its connection after sending, or the
 * provider failed in a way that does not say it refused (500, 502, 504). Repeating it under its key settles it.
 */
export const OUTCOME_UNKNOWN = DEPENDENCY_OUTCOME_UNKNOWN;

/**
 * A provider's HTTP client: every call has a timeout; calls that are safe to repeat (GETs, and writes carrying
 * an Idempotency-Key) are retried with backoff; repeated failures open a circuit so a dead provider is not
 * hammered; every answer is validated with zod before anyone reads it.
 */
export class HttpClient {
  private readonly breaker;
  private readonly retrying: IPolicy;
  private readonly once: IPolicy;
  private readonly timeoutMs: number;
  private readonly origin: Origin;

  constructor(private readonly options: HttpClientOptions) {
    this.timeoutMs = options.timeoutMs ?? 3000;
    this.origin = originOf(options.baseUrl);
    const transient = handleWhen((err) => err instanceof TransientHttpError || err instanceof TaskCancelledError);
    this.breaker = circuitBreaker(transient, {
      halfOpenAfter: options.breakerCooldownMs ?? 10_000,
      breaker: new ConsecutiveBreaker(options.breakerThreshold ?? 5),
    });
    // Each attempt reads its whole answer before it returns, so nothing is left to abort then: by default cockatiel
    // aborts the attempt's signal anyway, building a DOMException per call (~1% of a turn's CPU) for nothing.
    const perTry = timeout(this.timeoutMs, { strategy: TimeoutStrategy.Aggressive, abortOnReturn: false });
    this.retrying = wrap(
      retry(transient, { maxAttempts: options.retries ?? 2, backoff: new ExponentialBackoff({ initialDelay: 100, maxDelay: 1000 }) }),
      this.breaker,
      perTry,
    );
    this.once = wrap(this.breaker, perTry);
  }

  get circuitOpen(): boolean {
    return this.breaker.state === CircuitState.Open;
  }

  /**
   * Whether the provider can be called, trying it if need be: while the circuit is open and its cooldown has not
   * passed, no call is made (the breaker refuses at once); once it has, one GET of the base URL goes through the
   * breaker, and any answer but a 5xx, a 429 or none (a 404 of an unknown path included) closes the circuit.
   * Without this, a readiness probe would report an open circuit until some customer's call tried the provider.
   */
  async probe(): Promise<boolean> {
    if (!this.circuitOpen) return true;
    try {
      await this.once.execute(async ({ signal }) => {
        let res: WireResponse;
        try {
          res = await send(this.origin, '', { method: 'GET', signal, headers: { accept: 'application/json', ...this.options.headers } });
        } catch (err) {
          throw new TransientHttpError(`GET ${this.options.name} (probe): ${(err as Error).message}`);
        }
        if (res.status >= 500 || res.status === 429) throw new TransientHttpError(`GET ${this.options.name} (probe): HTTP ${res.status}`, res.status);
      });
    } catch {
      // Still down (or still cooling down): the circuit says so.
    }
    return !this.circuitOpen;
  }

  async call<T>(path: string, opts: CallOptions<T>): Promise<T> {
    const method = opts.method ?? 'GET';
    // A GET, or a POST that changes nothing (a quote): a failure of it is a failure, never an unknown outcome.
    const reads = method === 'GET' || opts.repeatable === true;
    const safeToRepeat = reads || Boolean(opts.idempotencyKey);
    const policy = safeToRepeat ? this.retrying : this.once;
    const what = `${method} ${this.options.name} ${path}`;
    // Whether some attempt of this write may have reached the provider and been applied (see OUTCOME_UNKNOWN).
    let maybeApplied = false;
    let inFlight = false;
    let raw: unknown;
    try {
      raw = await policy.execute(async ({ signal }) => {
        let res: WireResponse;
        if (inFlight) maybeApplied = true; // the previous attempt was cut off by the timeout while in flight
        inFlight = true;
        try {
          res = await send(this.origin, path, {
            method,
            signal,
            headers: {
              accept: 'application/json',
              ...(opts.form
                ? { 'content-type': 'application/x-www-form-urlencoded' }
                : opts.body !== undefined
                  ? { 'content-type': 'application/json' }
                  : {}),
              ...(opts.idempotencyKey ? { 'idempotency-key': headerSafeKey(opts.idempotencyKey) } : {}),
              ...this.options.headers,
              ...opts.headers,
            },
            body: opts.form ? new URLSearchParams(opts.form).toString() : opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
          });
        } catch (err) {
          inFlight = false;
          // An answer whose body could not be read fails as reading fetch's body did: not retried, outcome as is.
          if (err instanceof WireError && err.phase === 'body') throw err;
          if (!notSent(err)) maybeApplied = true;
          throw new TransientHttpError(`${what}: ${(err as Error).message}`);
        }
        inFlight = false;
        const text = res.text;
        const ok = res.status >= 200 && res.status < 300;
        // 503 and 429 say the provider did not take the request; other 5xx do not say whether it was applied.
        if (res.status >= 500 && res.status !== 503) maybeApplied = true;
        if (res.status >= 500 || res.status === 429) throw new TransientHttpError(`${what}: HTTP ${res.status}`, res.status);
        let json: unknown;
        try {
          json = text ? JSON.parse(text) : null;
        } catch {
          // A change the provider answered 2xx was taken; only its answer cannot be read (cut short, garbled). That is
          // not a refusal: repeated under its key it is read again, and otherwise its outcome is unknown, never "failed".
          if (!reads && ok) {
            maybeApplied = true;
            throw new TransientHttpError(`${what}: HTTP ${res.status} with an answer that is not JSON`, res.status);
          }
          throw new AppError('dependency_bad_response', `${what}: the answer is not JSON`, 502);
        }
        if (!ok) {
          const err = (json as { error?: { code?: string; message?: string } } | null)?.error;
          throw new AppError(err?.code ?? 'dependency_rejected', `${what}: HTTP ${res.status} ${err?.message ?? ''}`.trim(), res.status);
        }
        return json;
      }, opts.signal);
    } catch (err) {
      if (err instanceof AppError) throw err;
      if (!reads && (maybeApplied || inFlight)) {
        throw new AppError(OUTCOME_UNKNOWN, `${what}: no clear answer, the change may have been applied (${(err as Error).message})`, 504, {
          cause: err,
        });
      }
      if (err instanceof BrokenCircuitError)
        throw new AppError('dependency_unavailable', `${what}: circuit open after repeated failures`, 503, { cause: err });
      if (err instanceof TaskCancelledError)
        throw new AppError('dependency_unavailable', `${what}: no answer within ${this.timeoutMs} ms`, 504, { cause: err });
      throw new AppError('dependency_unavailable', (err as Error).message, 503, { cause: err });
    }
    const parsed = opts.schema.safeParse(raw);
    if (!parsed.success) {
      throw new AppError(
        // A change answered 2xx in a shape Smile cannot read was still taken: its outcome is unknown, not failed.
        !reads ? OUTCOME_UNKNOWN : 'dependency_bad_response',
        `${what}: unexpected answer (${parsed.error.issues
          .slice(0, 3)
          .map((i) => `${i.path.join('.')}: ${i.message}`)
          .join('; ')})`,
        !reads ? 504 : 502,
      );
    }
    return parsed.data;
  }
}
