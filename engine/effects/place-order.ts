import type { TimeWindow } from '../../domain/commerce.js';
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

/** The day and time the customer asked the new order for ("reorder tide, deliver it monday evening"). */
async function bookWindow(env: EffectEnv, orderId: string, window: TimeWindow, key: string): Promise<void> {
  const shipment = (await env.logistics.listShipments(env.customerId)).find((s) => s.orderId === orderId);
  if (shipment && (shipment.window.start !== window.start || shipment.window.end !== window.end))
    await env.logistics.updateShipment(shipment.id, { window }, `${key}:window`);
}

/** Places the order under the dialog's idempotency key, then gives the new delivery the customer's saved courier note. */
export const placeOrder: Executor<'placeOrder'> = async (effect, env) => {
  const order = await env.commerce.placeOrder(effect.request, effect.idempotencyKey, { signal: env.signal });
  env.customers.ordersChanged(env.customerId);
  await applySavedInstructions(env, order.id, effect.idempotencyKey);
  if (effect.window) await bookWindow(env, order.id, effect.window, effect.idempotencyKey);
  return { type: 'placeOrder', ok: true, order };
};
