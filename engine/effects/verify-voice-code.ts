import type { Executor } from './effect.js';

const MAX_WRONG = 3;
const LOCK_MS = 10 * 60_000;

/**
 * A voice purchase code is checked by the commerce API; three wrong codes in a row lock voice ordering for the
 * customer (on every device and conversation) for ten minutes.
 */
export const verifyVoiceCode: Executor<'verifyVoiceCode'> = async (effect, env) => {
  const now = env.clock();
  const prefs = await env.store.preferences.get(effect.customerId);
  if (prefs?.voiceLockedUntil && prefs.voiceLockedUntil > now.toISOString()) {
    return { type: 'verifyVoiceCode', ok: true, valid: false, lockedUntil: prefs.voiceLockedUntil };
  }
  const valid = await env.commerce.verifyVoiceCode(effect.customerId, effect.code);
  const failures = valid ? 0 : (prefs?.voiceCodeFailures ?? 0) + 1;
  const lockedUntil = failures >= MAX_WRONG ? new Date(now.getTime() + LOCK_MS).toISOString() : null;
  await env.store.preferences.put({
    ...prefs,
    customerId: effect.customerId,
    updatedAt: now.toISOString(),
    voiceCodeFailures: lockedUntil ? 0 : failures,
    ...(lockedUntil ? { voiceLockedUntil: lockedUntil } : {}),
  });
  return { type: 'verifyVoiceCode', ok: true, valid, lockedUntil };
};
