import type { Customer, Order } from '../../domain/commerce.js';
import { reorderSuggestions } from '../suggestions.js';
import type { EffectEnv, Executor } from './effect.js';

/** Profile, order history and what is running low, read fresh (and kept for understanding the next turns). */
export async function customerData(
  customerId: string,
  env: EffectEnv,
): Promise<{ customer: Customer; orders: Order[]; suggestions: Array<{ sku: string; name: string }> }> {
  const [customer, orders] = await Promise.all([env.commerce.getCustomer(customerId), env.commerce.listOrders(customerId)]);
  env.customers.remember(customer, orders);
  return { customer, orders, suggestions: reorderSuggestions(orders, env.clock()).map(({ sku, name }) => ({ sku, name })) };
}

export const loadCustomer: Executor<'loadCustomer'> = async (effect, env) => ({
  type: 'loadCustomer',
  ok: true,
  ...(await customerData(effect.customerId, env)),
});

export const loadAccount: Executor<'loadAccount'> = async (effect, env) => {
  const [data, shipments] = await Promise.all([customerData(effect.customerId, env), env.logistics.listShipments(effect.customerId)]);
  return { type: 'loadAccount', ok: true, ...data, shipments };
};
