/**
 * The shop's delivery fees by currency: the fee under a threshold, free from it. The one place the figures live: the
 * sandbox prices quotes and orders with them, and a test holds the policy documents (prompts/policies/<locale>/
 * delivery.md) to the same figures, so what Smile quotes and what the policy says cannot drift apart.
 */
export const DELIVERY_FEES: Readonly<Record<string, { fee: number; freeFrom: number }>> = {
  USD: { fee: 5.99, freeFrom: 35 },
  KRW: { fee: 3000, freeFrom: 30_000 },
};

const cents = (n: number): number => Math.round(n * 100) / 100;

/** The fee an order of this subtotal pays, and the threshold of free delivery (null: this currency has no fee). */
export function deliveryFeeFor(currency: string, subtotal: number): { fee: number; freeFrom: number | null } {
  const rule = DELIVERY_FEES[currency];
  if (!rule) return { fee: 0, freeFrom: null };
  return { fee: subtotal >= rule.freeFrom ? 0 : rule.fee, freeFrom: rule.freeFrom };
}

/** The sum of the lines, the fee and the total, each rounded to the cent. */
export function priceOf(
  currency: string,
  lines: Array<{ quantity: number; unitPrice: number }>,
): {
  subtotal: number;
  deliveryFee: number;
  total: number;
  freeDeliveryFrom: number | null;
} {
  const subtotal = cents(lines.reduce((s, l) => s + l.quantity * l.unitPrice, 0));
  const { fee, freeFrom } = deliveryFeeFor(currency, subtotal);
  return { subtotal, deliveryFee: fee, total: cents(subtotal + fee), freeDeliveryFrom: freeFrom };
}
