import type { OrderQuote } from '../../domain/commerce.js';
import type { Param } from '../types.js';

const moneyOf = (amount: number, currency: string): Param => ({ kind: 'money', amount, currency });

/**
 * A total as the shop quoted it, with the delivery fee spelled out when there is one ("$12.99 + $5.99 delivery =
 * $18.98", "상품 12,900원 + 배송비 3,000원 = 15,900원"); a free delivery is not mentioned.
 */
export function totalOf(q: Pick<OrderQuote, 'subtotal' | 'deliveryFee' | 'total' | 'currency'>): Param {
  if (q.deliveryFee <= 0) return moneyOf(q.total, q.currency);
  return {
    kind: 'prompt',
    key: 'price.with_fee',
    params: { subtotal: moneyOf(q.subtotal, q.currency), fee: moneyOf(q.deliveryFee, q.currency), total: moneyOf(q.total, q.currency) },
  };
}

/** A card's line for an order that pays a fee: from what amount delivery is free (none when it is free, or always is). */
export function freeDeliveryLine(q: OrderQuote): Param[] {
  if (q.deliveryFee <= 0 || q.freeDeliveryFrom === null) return [];
  return [{ kind: 'prompt', key: 'card.field.free_delivery', params: { threshold: moneyOf(q.freeDeliveryFrom, q.currency) } }];
}
