import { AppError } from '../../domain/errors.js';
import type { Effect, EffectResult } from '../../dialogs/types.js';
import { bookReturn, cancelOrder, saveInstructions, updateShipments } from './changes.js';
import type { EffectEnv, EffectOf, EffectType, Executors, SuccessOf } from './effect.js';
import { escalate, requestCallback } from './handoff.js';
import { loadAccount, loadCustomer } from './load-customer.js';
import { loadPickupPoints, loadWindows, quoteDelivery } from './lookups.js';
import { placeOrder } from './place-order.js';
import { verifyVoiceCode } from './verify-voice-code.js';

export type { EffectEnv } from './effect.js';

/** Every effect a dialog can name, and the one executor that carries it out. */
const EXECUTORS: Executors = {
  loadCustomer, loadAccount, quoteDelivery, loadWindows, loadPickupPoints, placeOrder, updateShipments, saveInstructions,
  bookReturn, cancelOrder, verifyVoiceCode, escalate, requestCallback,
};

function execute<K extends EffectType>(effect: EffectOf<K>, env: EffectEnv): Promise<SuccessOf<K>> {
  const executor: Executors[K] = EXECUTORS[effect.type];
  return executor(effect, env);
}

export interface EffectMetrics { effect(name: string, outcome: 'ok' | 'error'): void }

/**
 * Runs one effect. A failure becomes a result the dialog answers (politely, keeping the customer's choices): a
 * passing fault (unreachable, a 5xx, a timeout) may be retried under the same key; a refusal may not.
 */
export async function runEffect(effect: Effect, env: EffectEnv, metrics?: EffectMetrics): Promise<EffectResult> {
  try {
    const result = await execute(effect, env);
    metrics?.effect(effect.type, 'ok');
    return result;
  } catch (err) {
    const code = err instanceof AppError ? err.code : 'internal_error';
    const transient = !(err instanceof AppError) || code === 'dependency_unavailable' || err.status >= 500;
    env.logger.warn({ effect: effect.type, code, err: err instanceof Error ? err.message : String(err), conversationId: env.turn.conversationId }, 'effect failed');
    metrics?.effect(effect.type, 'error');
    return { type: effect.type, ok: false, code, transient };
  }
}
