import type { Order, Shipment } from '../../../domain/commerce.js';
import { failure, namedSkus, OPEN_STATUSES, orderNameFor, type FlowDef, type FlowStep } from '../../kit/flow.js';
import type { DialogContext, OrderStatusFrame, Say } from '../../types.js';
import { customerNumber } from '../../../domain/references.js';

type DeliveryLine = 'status.line.placed' | 'status.line.shipped' | 'status.line.out_for_delivery' | 'status.line.delivered';
/** The line each status gets: those on their way (or delivered) say when and where; the others only what happened. */
const STATUS_LINE: Record<
  Order['status'],
  { needs: 'delivery'; key: DeliveryLine } | { needs: 'product'; key: 'status.line.cancelled' | 'status.line.returned' }
> = {
  placed: { needs: 'delivery', key: 'status.line.placed' },
  shipped: { needs: 'delivery', key: 'status.line.shipped' },
  out_for_delivery: { needs: 'delivery', key: 'status.line.out_for_delivery' },
  delivered: { needs: 'delivery', key: 'status.line.delivered' },
  cancelled: { needs: 'product', key: 'status.line.cancelled' },
  returned: { needs: 'product', key: 'status.line.returned' },
};

/** A request for the orders as a whole, not only those on their way: "what did I order", "order history", "주문내역 전부". */
const ALL_ORDERS =
  /\b(?:what (?:did|have) (?:i|we) (?:order|buy|bought|purchase)\w*|(?:all|every one of) (?:of )?my (?:orders|purchases)|(?:order|purchase) history|past orders|previous orders|everything i (?:ordered|bought))\b|주문\s*내역|구매\s*내역|주문\s*목록|(?:주문|구매|산|시킨)\S*\s*(?:거|것|건)?\s*(?:전부|다|모두)|(?:전부|모두|다)\s*(?:보여|알려)|뭐\s*(?:주문|시켰|샀)/i;
/** How many orders already delivered a request for all of them shows, newest first. */
const RECENT_DONE = 5;

/** One order's status line: its product, where it is, when and where it arrives. */
export function statusLine(o: Order, shipments: Shipment[], skus: string[], ctx: DialogContext): Say {
  const s = shipments.find((x) => x.orderId === o.id);
  const product = orderNameFor(o, skus, ctx);
  const line = STATUS_LINE[o.status];
  if (line.needs === 'product') return { key: line.key, params: { product } };
  if (!s) return { key: 'status.line.no_shipment', params: { product, orderId: customerNumber(o.id) } };
  return { key: line.key, params: { product, window: { kind: 'window', window: s.window }, destination: s.place.label } };
}

/** The step table: what each step waits for. */
const STEPS: FlowDef<OrderStatusFrame>['steps'] = {
  loading: { awaiting: null },
};

/**
 * Where is my order: every active order, or the ones named ("where are my wipes"), with status, the carrier's
 * window in the customer's zone and the destination. Read-only, so it answers in one step.
 */
export const orderStatusFlow: FlowDef<OrderStatusFrame> = {
  start(event, ctx) {
    return {
      frame: {
        flow: 'order_status',
        id: ctx.messageId,
        step: 'loading',
        skus: namedSkus(event.entities),
        ...(ALL_ORDERS.test(event.text) ? { all: true } : {}),
        ...(event.type === 'utterance' && event.unbought?.[0] ? { unbought: event.unbought[0] } : {}),
      },
      say: [],
      effect: { type: 'loadAccount', customerId: ctx.customerId },
    };
  },

  steps: STEPS,

  interpret(frame, event, ctx): FlowStep<OrderStatusFrame> {
    if (event.type !== 'result') return { frame, say: [] };
    const r = event.result;
    if (!r.ok) return failure<OrderStatusFrame>(null, r.transient, 'status.failed');
    if (r.type !== 'loadAccount') return { frame, say: [] };
    const named = (skus: string[]) => (o: { items: Array<{ sku: string }> }) => skus.length === 0 || o.items.some((i) => skus.includes(i.sku));
    const orders = r.orders.filter(named(frame.skus));
    const active = orders.filter((o) => OPEN_STATUSES.has(o.status));
    // Asked about a product never ordered: no such order, and (in a line) what is on its way instead.
    if (frame.unbought && frame.skus.length === 0) {
      const names = active.map((o) => orderNameFor(o, [], ctx));
      const others = ctx.locale === 'ko-KR' ? names.join(', ') : new Intl.ListFormat('en-US').format(names);
      return {
        frame: null,
        say: [
          names.length
            ? { key: 'status.not_ordered', params: { product: frame.unbought, others } }
            : { key: 'status.not_ordered_none', params: { product: frame.unbought } },
        ],
      };
    }
    // Named products that are not on their way: say what happened to the latest one instead.
    const shown = active.length ? active : frame.skus.length ? orders.slice(0, 1) : [];
    // Asked for all of them: the recent ones already delivered (or cancelled, returned) follow those on their way.
    if (frame.all && frame.skus.length === 0) {
      const done = orders.filter((o) => !OPEN_STATUSES.has(o.status)).slice(0, RECENT_DONE);
      if (done.length) {
        const lines = [...active, ...done].map((o) => statusLine(o, r.shipments, frame.skus, ctx));
        const header: Say = { key: 'status.header.all', params: { count: active.length + done.length, open: String(active.length) } };
        return { frame: null, say: [header, ...lines] };
      }
    }
    if (shown.length === 0) return { frame: null, say: [{ key: 'status.none_active' }] };
    const lines: Say[] = shown.map((o) => statusLine(o, r.shipments, frame.skus, ctx));
    const header: Say = shown.length > 1 ? { key: 'status.header.many', params: { count: shown.length } } : { key: 'status.header.one' };
    return { frame: null, say: shown.length > 1 ? [header, ...lines] : lines };
  },

  prompt: () => [],
  answers: () => false,
};
