import type { Order, Shipment } from './commerce.js';

/** Statuses of an order or shipment that can still change (be moved, redirected, cancelled); the others are final. */
export const OPEN_STATUSES: ReadonlySet<Shipment['status']> = new Set(['placed', 'shipped', 'out_for_delivery']);

/** The same test for a status read as plain text (an order summary whose status is not narrowed to the enum). */
export function isOpenStatus(status: string): boolean {
  const open: ReadonlySet<string> = OPEN_STATUSES;
  return open.has(status);
}

/**
 * How an order reads: its first item's name, and how many more it holds said the customer's way ("… (+1)",
 * "… 외 1건"), by the `more` the caller gives from its prompts.
 */
export function orderName(order: Order, more: (first: string, count: number) => string = (first, count) => `${first} (+${count})`): string {
  const [first, ...rest] = order.items;
  return rest.length ? more(first!.name, rest.length) : first!.name;
}
