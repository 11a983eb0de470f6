import type { Executor } from './effect.js';

/** Saves the customer's notice settings in their preferences (read by the notification service at each event). */
export const setNotifications: Executor<'setNotifications'> = async (effect, env) => {
  const prefs = await env.store.preferences.get(effect.customerId);
  const current = prefs?.notifications;
  const enabled = effect.enabled ?? current?.enabled ?? true;
  const channel = effect.channel ?? current?.channel;
  await env.store.preferences.put({
    ...prefs,
    customerId: effect.customerId,
    notifications: { enabled, ...(channel ? { channel } : {}) },
    updatedAt: env.clock().toISOString(),
  });
  return { type: 'setNotifications', ok: true, enabled, channel: channel ?? null };
};
