import { ACCESS_PLACES, type Shipment } from '../../domain/commerce.js';
import type { Executor } from './effect.js';

/** Each shipment is changed under its own key derived from the dialog's, so a retry changes none twice. */
export const updateShipments: Executor<'updateShipments'> = async (effect, env) => {
  const shipments: Shipment[] = [];
  for (const id of effect.shipmentIds) {
    const key = `${effect.idempotencyKey}:${id}`;
    const shipment = await env.logistics.updateShipment(id, effect.patch, key, { signal: env.signal });
    // Booked into a home or a car trunk, or such a delivery moved: the courier needs a code for the (new) window. Under
    // its own key, so a retry of the whole change asks for it once.
    if (ACCESS_PLACES.has(shipment.place.type) && (effect.patch.place || effect.patch.window)) {
      await env.logistics.accessCode(id, `${key}:access`, { signal: env.signal });
    }
    shipments.push(shipment);
  }
  return { type: 'updateShipments', ok: true, shipments };
};

/** The courier note on the profile, for every later delivery (placeOrder applies it). */
export const saveInstructions: Executor<'saveInstructions'> = async (effect, env) => {
  const prefs = await env.store.preferences.get(effect.customerId);
  await env.store.preferences.put({
    ...prefs,
    customerId: effect.customerId,
    courierInstructions: effect.instructions,
    updatedAt: env.clock().toISOString(),
  });
  return { type: 'saveInstructions', ok: true };
};

export const bookReturn: Executor<'bookReturn'> = async (effect, env) => {
  const booked = await env.logistics.bookReturn(effect.request, effect.idempotencyKey, { signal: env.signal });
  env.customers.ordersChanged(env.customerId);
  return { type: 'bookReturn', ok: true, booked };
};

export const cancelOrder: Executor<'cancelOrder'> = async (effect, env) => {
  const order = await env.commerce.cancelOrder(effect.orderId, effect.idempotencyKey, { signal: env.signal });
  env.customers.ordersChanged(env.customerId);
  return { type: 'cancelOrder', ok: true, order };
};

/** A street address saved on the customer's profile; what was read or kept of their profile is read afresh after it. */
export const saveAddress: Executor<'saveAddress'> = async (effect, env) => {
  const customer = await env.commerce.saveAddress(effect.customerId, effect.placeType, effect.address, effect.idempotencyKey, { signal: env.signal });
  env.reads?.clear();
  env.customers.profiles.delete(effect.customerId);
  env.customers.ordersChanged(effect.customerId);
  const address = customer.addresses.find((a) => a.type === effect.placeType);
  if (!address) throw new Error(`the saved ${effect.placeType} address is missing from the profile`);
  return { type: 'saveAddress', ok: true, address };
};
