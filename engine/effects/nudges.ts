import type { Executor } from './effect.js';

/** The customer's reorder-nudge settings, as saved in their preferences (read by the reorder-nudges job). */
async function saveNudges(
  env: Parameters<Executor<'stopNudge'>>[1],
  customerId: string,
  change: (nudges: { snoozed: Record<string, string>; stopped: string[] }) => { snoozed: Record<string, string>; stopped: string[] },
): Promise<void> {
  const prefs = await env.store.preferences.get(customerId);
  const current = { snoozed: prefs?.nudges?.snoozed ?? {}, stopped: prefs?.nudges?.stopped ?? [] };
  await env.store.preferences.put({ ...prefs, customerId, nudges: change(current), updatedAt: env.clock().toISOString() });
}

/** "not now", "remind me next week": no nudge about the product until then (the job nudges once more after). */
export const snoozeNudge: Executor<'snoozeNudge'> = async (effect, env) => {
  await saveNudges(env, effect.customerId, (n) => ({ ...n, snoozed: { ...n.snoozed, [effect.sku]: effect.until } }));
  return { type: 'snoozeNudge', ok: true, until: effect.until };
};

/** "stop suggesting this": never nudged about the product again. */
export const stopNudge: Executor<'stopNudge'> = async (effect, env) => {
  await saveNudges(env, effect.customerId, (n) => ({ ...n, stopped: n.stopped.includes(effect.sku) ? n.stopped : [...n.stopped, effect.sku] }));
  return { type: 'stopNudge', ok: true };
};
