import type { Customer, Order } from '../../domain/commerce.js';
import { reorderSuggestions } from '../suggestions.js';
import type { EffectEnv, Executor } from './effect.js';

/** Profile, order history and what is running low, read fresh (and kept for understanding the next turns). */
export async function customerData(
  customerId: string,
  env: EffectEnv,
): Promise<{ customer: Customer; orders: Order[]; suggestions: Array<{ sku: string; name: string }> }> {
  // Read in this turn already (the link, understanding) or read now, both at once; on a speaker the delivery windows
  // a reorder quotes next are read alongside.
  const reads = env.reads;
  if (reads && env.turn.capabilities.voice) reads.ahead(customerId, ['windows']);
  const [customer, orders] = await Promise.all([
    reads ? reads.customer(customerId) : env.commerce.getCustomer(customerId),
    reads ? reads.orders(customerId) : env.commerce.listOrders(customerId),
  ]);
  env.customers.remember(customer, orders);
  return { customer, orders, suggestions: reorderSuggestions(orders, env.clock()).map(({ sku, name }) => ({ sku, name })) };
}

/**
 * Orders the customer placed whose outcome is still being checked (from any conversation or channel): a reorder of
 * the same thing from a new session is told it is being checked, never placed a second time by accident.
 */
async function pendingOrders(customerId: string, env: EffectEnv): Promise<Array<{ sku: string; since: string }>> {
  const pending = await env.store.pendingEffects.pendingFor(customerId);
  return pending.flatMap((p) => (p.change.type === 'placeOrder' ? p.change.request.items.map((i) => ({ sku: i.sku, since: p.createdAt })) : []));
}

export const loadCustomer: Executor<'loadCustomer'> = async (effect, env) => {
  const [data, pending] = await Promise.all([customerData(effect.customerId, env), pendingOrders(effect.customerId, env)]);
  return { type: 'loadCustomer', ok: true, ...data, ...(pending.length ? { pending } : {}) };
};

export const loadAccount: Executor<'loadAccount'> = async (effect, env) => {
  const [data, shipments, returns, prefs] = await Promise.all([
    customerData(effect.customerId, env),
    env.logistics.listShipments(effect.customerId),
    effect.returns ? env.logistics.listReturns(effect.customerId) : undefined,
    effect.note ? env.store.preferences.get(effect.customerId) : undefined,
  ]);
  const note = prefs?.courierInstructions;
  return { type: 'loadAccount', ok: true, ...data, shipments, ...(returns ? { returns } : {}), ...(note ? { note } : {}) };
};
