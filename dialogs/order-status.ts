import { OPEN_STATUSES, orderName } from '../domain/orders.js';
import { failure, namedSkus, type FlowModule, type FlowStep } from './flow.js';
import type { OrderStatusFrame, Say } from './types.js';

/**
 * Where is my order: every active order, or the ones named ("where are my wipes"), with status, the carrier's
 * window in the customer's zone and the destination. Read-only, so it answers in one step.
 */
export const orderStatusFlow: FlowModule<OrderStatusFrame> = {
  start(event, ctx) {
    return {
      frame: { flow: 'order_status', id: ctx.messageId, step: 'loading', skus: namedSkus(event.entities) },
      say: [], effect: { type: 'loadAccount', customerId: ctx.customerId }, awaiting: null,
    };
  },

  onEvent(frame, event): FlowStep<OrderStatusFrame> {
    if (event.type !== 'result') return { frame, say: [], awaiting: null };
    const r = event.result;
    if (!r.ok) return failure<OrderStatusFrame>(null, r.transient, 'status.failed');
    if (r.type !== 'loadAccount') return { frame, say: [], awaiting: null };
    const named = (skus: string[]) => (o: { items: Array<{ sku: string }> }) => skus.length === 0 || o.items.some((i) => skus.includes(i.sku));
    const orders = r.orders.filter(named(frame.skus));
    const active = orders.filter((o) => OPEN_STATUSES.has(o.status));
    // Named products that are not on their way: say what happened to the latest one instead.
    const shown = active.length ? active : frame.skus.length ? orders.slice(0, 1) : [];
    if (shown.length === 0) return { frame: null, say: [{ key: 'status.none_active' }], awaiting: null };
    const lines: Say[] = shown.map((o) => {
      const s = r.shipments.find((x) => x.orderId === o.id);
      return {
        key: s ? `status.line.${o.status}` : 'status.line.no_shipment',
        params: {
          product: orderName(o), orderId: o.id,
          ...(s ? { window: { kind: 'window' as const, window: s.window }, destination: s.place.label } : {}),
        },
      };
    });
    const header: Say = { key: shown.length > 1 ? 'status.header.many' : 'status.header.one', params: { count: shown.length } };
    return { frame: null, say: shown.length > 1 ? [header, ...lines] : lines, awaiting: null };
  },

  prompt: () => [],
  awaiting: () => null,
  answers: () => false,
};
