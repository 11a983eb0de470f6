import { AppError } from '../../domain/errors.js';
import type { Effect, EffectResult } from '../../dialogs/types.js';
import { bookReturn, cancelOrder, saveAddress, saveInstructions, updateShipments } from './changes.js';
import type { EffectEnv, EffectOf, EffectType, Executors, SuccessOf } from './effect.js';
import { escalate, requestCallback } from './handoff.js';
import { loadAccount, loadCustomer } from './load-customer.js';
import { findVariant, loadPickupPoints, loadWindows, quoteDelivery, quoteOrder, validateAddress } from './lookups.js';
import { placeOrder } from './place-order.js';
import { isChange, pendingChange, settle, unknownResult, type ChangeType, type Settled } from './settle.js';
import { verifyVoiceCode } from './verify-voice-code.js';
import { setNotifications } from './notifications.js';
import { snoozeNudge, stopNudge } from './nudges.js';
import { offerSignIn, unlinkAccount } from './account.js';
import { changeSubscription, createSubscription, loadSubscriptions } from './subscriptions.js';

export type { EffectEnv } from './effect.js';

/** Every effect a dialog can name, and the one executor that carries it out. */
const EXECUTORS: Executors = {
  loadCustomer,
  loadAccount,
  quoteDelivery,
  quoteOrder,
  loadWindows,
  loadPickupPoints,
  placeOrder,
  updateShipments,
  saveInstructions,
  saveAddress,
  bookReturn,
  cancelOrder,
  verifyVoiceCode,
  escalate,
  requestCallback,
  findVariant,
  validateAddress,
  setNotifications,
  snoozeNudge,
  stopNudge,
  offerSignIn,
  unlinkAccount,
  loadSubscriptions,
  createSubscription,
  changeSubscription,
};

function execute<K extends EffectType>(effect: EffectOf<K>, env: EffectEnv): Promise<SuccessOf<K>> {
  const executor: Executors[K] = EXECUTORS[effect.type];
  return executor(effect, env);
}

export interface EffectMetrics {
  effect(name: string, outcome: 'ok' | 'error'): void;
}

/**
 * Runs one effect. A failure becomes a result the dialog answers (politely, keeping the customer's choices): a
 * passing fault (unreachable, a 5xx, a timeout) may be retried under the same key; a refusal may not.
 */
export async function runEffect(effect: Effect, env: EffectEnv, metrics?: EffectMetrics): Promise<EffectResult> {
  if (isChange(effect)) return runChange(effect, env, metrics);
  try {
    const result = await execute(effect, env);
    metrics?.effect(effect.type, 'ok');
    return result;
  } catch (err) {
    return failed(effect, err, env, metrics);
  }
}

function failed(effect: Effect, err: unknown, env: EffectEnv, metrics?: EffectMetrics): EffectResult {
  const code = err instanceof AppError ? err.code : 'internal_error';
  const transient = !(err instanceof AppError) || code === 'dependency_unavailable' || err.status >= 500;
  env.logger.warn(
    { effect: effect.type, code, err: err instanceof Error ? err.message : String(err), conversationId: env.turn.conversationId },
    'effect failed',
  );
  metrics?.effect(effect.type, 'error');
  return { type: effect.type, ok: false, code, transient };
}

/** Runs one change as the customer's reconciler would: a single settle attempt (repeats included) under its key. */
export function executeChange<K extends ChangeType>(effect: EffectOf<K>, env: EffectEnv): Promise<Settled<K>> {
  return settle(effect, env, execute);
}

/**
 * A change is settled before Smile answers: repeated under its key while the outcome is unknown and the turn has time.
 * Still unknown, it is kept pending (the reconciler settles it and tells the customer) and the dialog hears
 * `outcome_unknown`, never a failure.
 */
async function runChange(effect: EffectOf<ChangeType>, env: EffectEnv, metrics?: EffectMetrics): Promise<EffectResult> {
  // What the turn read before a change may no longer hold after it.
  env.reads?.clear();
  const settled = await executeChange(effect, env);
  if (settled.kind === 'done') {
    metrics?.effect(effect.type, 'ok');
    return settled.result;
  }
  if (settled.kind === 'failed') return failed(effect, settled.error, env, metrics);
  metrics?.effect(effect.type, 'error');
  const { turn } = env;
  const now = env.clock().toISOString();
  env.logger.warn(
    {
      effect: effect.type,
      key: effect.idempotencyKey,
      conversationId: turn.conversationId,
      err: settled.error instanceof Error ? settled.error.message : String(settled.error),
    },
    'change outcome unknown; kept pending',
  );
  try {
    await env.store.pendingEffects.add({
      key: effect.idempotencyKey,
      conversationId: turn.conversationId,
      customerId: env.customerId,
      channel: turn.channel,
      channelUserId: turn.channelUserId,
      locale: env.locale,
      timeZone: env.timeZone ?? 'UTC',
      change: pendingChange(effect),
      status: 'pending',
      attempts: 0,
      nextAttemptAt: now,
      leaseUntil: null,
      told: false,
      createdAt: now,
      updatedAt: now,
    });
  } catch (err) {
    env.logger.error({ key: effect.idempotencyKey, err: err instanceof Error ? err.message : String(err) }, 'could not keep a pending change');
  }
  return unknownResult(effect.type);
}
