import { setTimeout as pause } from 'node:timers/promises';
import { AppError, DEPENDENCY_OUTCOME_UNKNOWN, OUTCOME_UNKNOWN } from '../../domain/errors.js';
import type { Effect, EffectResult } from '../../dialogs/types.js';
import type { PendingChange } from '../../store/port.js';
import type { EffectEnv, EffectOf, EffectType, SuccessOf } from './effect.js';

/** The effects that change something at a provider; their outcome must be known before Smile says it failed. */
export type ChangeType = PendingChange['type'];
const CHANGES = new Set<EffectType>(['placeOrder', 'updateShipments', 'bookReturn', 'cancelOrder']);
export const isChange = (effect: Effect): effect is EffectOf<ChangeType> => CHANGES.has(effect.type);

/** Below this much time left a repeat is not started: it could not finish, and the answer would be late. */
const MIN_REPEAT_MS = 300;
const REPEAT_PAUSE_MS = 150;

/** Without a channel's deadline (a test, a job), a change is settled for this long. */
export const DEFAULT_SETTLE_MS = 8000;

/** The provider said plainly that it did not make the change (a refusal other than "still in progress"). */
export const refused = (err: unknown): err is AppError => err instanceof AppError && err.status < 500 && err.code !== 'idempotency_in_progress';

/** The change may have been made: no clear answer, or the provider is still working on this key. */
export const ambiguous = (err: unknown): boolean =>
  err instanceof AppError && (err.code === DEPENDENCY_OUTCOME_UNKNOWN || err.code === 'idempotency_in_progress');

export type Settled<K extends ChangeType> =
  { kind: 'done'; result: SuccessOf<K> } | { kind: 'failed'; error: unknown } | { kind: 'unknown'; error: unknown };

/**
 * Runs a change and, when its outcome is unknown (a timeout after sending, an ambiguous 5xx), repeats the same request
 * under the same idempotency key — safe by design — until the provider answers clearly or the turn's time is up.
 * A failure before anything could have reached the provider stays an ordinary failure.
 */
export async function settle<K extends ChangeType>(
  effect: EffectOf<K>,
  env: EffectEnv,
  run: (effect: EffectOf<K>, env: EffectEnv) => Promise<SuccessOf<K>>,
): Promise<Settled<K>> {
  const deadline = env.deadline ?? performance.now() + DEFAULT_SETTLE_MS;
  let unsure = false;
  for (;;) {
    const left = Math.max(1, Math.floor(deadline - performance.now()));
    try {
      return { kind: 'done', result: await run(effect, { ...env, signal: AbortSignal.timeout(left) }) };
    } catch (err) {
      if (refused(err)) return { kind: 'failed', error: err };
      // Once a try may have been applied, a later try that fails to reach the provider does not make it "not applied".
      unsure ||= ambiguous(err);
      if (!unsure) return { kind: 'failed', error: err };
      if (deadline - performance.now() < MIN_REPEAT_MS + REPEAT_PAUSE_MS) return { kind: 'unknown', error: err };
      await pause(REPEAT_PAUSE_MS);
    }
  }
}

/** The result the dialog answers for a change still unknown: never "it failed". */
export const unknownResult = (type: EffectType): EffectResult => ({ type, ok: false, code: OUTCOME_UNKNOWN, transient: true });

/** The change as kept in the store while pending (the effect minus nothing: the request exactly as sent). */
export function pendingChange(effect: EffectOf<ChangeType>): PendingChange {
  switch (effect.type) {
    case 'placeOrder':
      return { type: 'placeOrder', request: effect.request, idempotencyKey: effect.idempotencyKey };
    case 'updateShipments':
      return { type: 'updateShipments', shipmentIds: effect.shipmentIds, patch: effect.patch, idempotencyKey: effect.idempotencyKey };
    case 'bookReturn':
      return { type: 'bookReturn', request: effect.request, idempotencyKey: effect.idempotencyKey };
    case 'cancelOrder':
      return { type: 'cancelOrder', orderId: effect.orderId, idempotencyKey: effect.idempotencyKey };
  }
}

/** What a settled change is known by: the new order's id, the return's id; for the customer's news and the log. */
export function referenceOf(result: SuccessOf<ChangeType>): string | undefined {
  if (result.type === 'placeOrder') return result.order.id;
  if (result.type === 'bookReturn') return result.booked.id;
  if (result.type === 'cancelOrder') return result.order.id;
  return undefined;
}
