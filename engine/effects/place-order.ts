import type { EffectEnv, Executor } from './effect.js';

/** The courier note saved on the profile goes on every new delivery too; failing to add it never fails the order. */
async function applySavedInstructions(env: EffectEnv, orderId: string, key: string): Promise<void> {
  try {
    const note = (await env.store.preferences.get(env.customerId))?.courierInstructions;
    if (!note) return;
    const shipment = (await env.logistics.listShipments(env.customerId)).find((s) => s.orderId === orderId);
    if (shipment && shipment.instructions !== note) await env.logistics.updateShipment(shipment.id, { instructions: note }, `${key}:note`);
  } catch (err) {
    env.logger.warn({ err: err instanceof Error ? err.message : String(err), orderId }, 'could not add the saved courier note to a new delivery');
  }
}

/** Places the order under the dialog's idempotency key, then gives the new delivery the customer's saved courier note. */
export const placeOrder: Executor<'placeOrder'> = async (effect, env) => {
  const order = await env.commerce.placeOrder(effect.request, effect.idempotencyKey, { signal: env.signal });
  env.customers.ordersChanged(env.customerId);
  await applySavedInstructions(env, order.id, effect.idempotencyKey);
  return { type: 'placeOrder', ok: true, order };
};
