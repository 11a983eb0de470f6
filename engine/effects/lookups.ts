import type { Executor } from './effect.js';

export const quoteDelivery: Executor<'quoteDelivery'> = async (effect, env) => ({
  type: 'quoteDelivery',
  ok: true,
  windows: await (env.reads ? env.reads.windows(effect.customerId) : env.logistics.deliveryWindows(effect.customerId)),
});

export const loadWindows: Executor<'loadWindows'> = async (effect, env) => ({
  type: 'loadWindows',
  ok: true,
  windows: await env.logistics.shipmentWindows(effect.shipmentId),
});

export const loadPickupPoints: Executor<'loadPickupPoints'> = async (effect, env) => ({
  type: 'loadPickupPoints',
  ok: true,
  points: await env.logistics.pickupPoints(effect.customerId, effect.pointType),
});

export const findVariant: Executor<'findVariant'> = async (effect, env) => {
  const found = await env.commerce.searchProducts({ customerId: effect.customerId, name: effect.name, variant: effect.variant });
  return { type: 'findVariant', ok: true, match: found.match, nearest: found.nearest };
};

export const validateAddress: Executor<'validateAddress'> = async (effect, env) => ({
  type: 'validateAddress',
  ok: true,
  check: await env.logistics.validateAddress(effect.customerId, effect.address),
});
