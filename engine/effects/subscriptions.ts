import type { Executor } from './effect.js';

/** The customer, their history (products to subscribe to) and their subscriptions, read together. */
export const loadSubscriptions: Executor<'loadSubscriptions'> = async (effect, env) => {
  const [customer, orders, subscriptions] = await Promise.all([
    env.commerce.getCustomer(effect.customerId),
    env.commerce.listOrders(effect.customerId),
    env.commerce.listSubscriptions(effect.customerId),
  ]);
  return { type: 'loadSubscriptions', ok: true, customer, orders, subscriptions };
};

export const createSubscription: Executor<'createSubscription'> = async (effect, env) => {
  const subscription = await env.commerce.createSubscription(effect.request, effect.idempotencyKey, { signal: env.signal });
  return { type: 'createSubscription', ok: true, subscription };
};

/** A change of terms or status, or a skipped cycle, under the dialog's key. */
export const changeSubscription: Executor<'changeSubscription'> = async (effect, env) => {
  const options = { signal: env.signal };
  const subscription =
    effect.change.kind === 'skip'
      ? await env.commerce.skipSubscriptionCycle(effect.subscriptionId, effect.change.cycleDate, effect.idempotencyKey, options)
      : await env.commerce.updateSubscription(effect.subscriptionId, effect.change.patch, effect.idempotencyKey, options);
  return { type: 'changeSubscription', ok: true, subscription };
};
