import type { Executor } from './effect.js';

export const quoteDelivery: Executor<'quoteDelivery'> = async (effect, env) =>
  ({ type: 'quoteDelivery', ok: true, windows: await env.logistics.deliveryWindows(effect.customerId) });

export const loadWindows: Executor<'loadWindows'> = async (effect, env) =>
  ({ type: 'loadWindows', ok: true, windows: await env.logistics.shipmentWindows(effect.shipmentId) });

export const loadPickupPoints: Executor<'loadPickupPoints'> = async (effect, env) =>
  ({ type: 'loadPickupPoints', ok: true, points: await env.logistics.pickupPoints(effect.customerId, effect.pointType) });
