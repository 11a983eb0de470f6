import type { Order, PickupPoint, Shipment } from './commerce.js';

/** Statuses of an order or shipment that can still change (be moved, redirected, cancelled); the others are final. */
export const OPEN_STATUSES: ReadonlySet<Shipment['status']> = new Set(['placed', 'shipped', 'out_for_delivery']);

/** The same test for a status read as plain text (an order summary whose status is not narrowed to the enum). */
export function isOpenStatus(status: string): boolean {
  const open: ReadonlySet<string> = OPEN_STATUSES;
  return open.has(status);
}

/** How an order reads: its first item's name, "and N more" when it holds several. */
export function orderName(order: Order): string {
  const [first, ...rest] = order.items;
  return rest.length ? `${first!.name} (+${rest.length})` : first!.name;
}

/** How a pickup point (locker, convenience store) is offered: its name and opening hours. */
export const pointLabel = (p: PickupPoint): string => `${p.name} · ${p.hours}`;
