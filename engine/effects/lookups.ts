import type { Executor } from './effect.js';

export const quoteDelivery: Executor<'quoteDelivery'> = async (effect, env) => ({
  type: 'quoteDelivery',
  ok: true,
  windows: await (env.reads ? env.reads.windows(effect.customerId) : env.logistics.deliveryWindows(effect.customerId)),
});

/** The shop's price of the order (its delivery fee included) and the earliest windows, asked at once. */
export const quoteOrder: Executor<'quoteOrder'> = async (effect, env) => {
  const customerId = effect.request.customerId;
  const [windows, quote] = await Promise.all([
    env.reads ? env.reads.windows(customerId) : env.logistics.deliveryWindows(customerId),
    env.commerce.quoteOrder(effect.request),
  ]);
  return { type: 'quoteOrder', ok: true, windows, quote };
};

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
