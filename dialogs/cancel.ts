import { OPEN_STATUSES, orderName } from '../domain/orders.js';
import { chooseByText, failedWrite, failure, namedSkus, yesNo, type FlowModule, type FlowStep } from './flow.js';
import type { Awaiting, CancelFrame, DialogContext, DialogEvent, Say } from './types.js';

type OrderChoice = NonNullable<CancelFrame['order']>;

const whichSay = (frame: CancelFrame): Say => ({ key: 'cancel.which', suggestions: (frame.orders ?? []).map((o) => o.name) });
const confirmSay = (frame: CancelFrame): Say => ({
  key: 'cancel.confirm', suggestions: yesNo,
  params: { product: frame.order!.name, orderId: frame.order!.id, total: { kind: 'money', amount: frame.order!.total, currency: frame.order!.currency } },
});

/** Only an order that has not shipped can be cancelled; a shipped one gets the reason and the offer of a return. */
function decide(frame: CancelFrame, order: OrderChoice): FlowStep<CancelFrame> {
  if (order.status === 'placed') {
    const next: CancelFrame = { ...frame, step: 'confirm', order };
    return { frame: next, say: [confirmSay(next)], awaiting: 'confirmation' };
  }
  return { frame: null, say: [{ key: `cancel.not_cancellable.${order.status}`, params: { product: order.name } }], awaiting: null };
}

function onEvent(frame: CancelFrame, event: DialogEvent, ctx: DialogContext): FlowStep<CancelFrame> {
  if (event.type === 'result') {
    const r = event.result;
    if (!r.ok) {
      if (r.type === 'cancelOrder') {
        if (r.code === 'not_cancellable') return { frame: null, say: [{ key: 'cancel.not_cancellable.shipped', params: { product: frame.order!.name } }], awaiting: null };
        return failedWrite({ ...frame, step: 'confirm' }, r, 'cancel.failed');
      }
      return failure<CancelFrame>(null, r.transient, 'cancel.failed');
    }
    if (r.type === 'loadAccount') {
      const skus = frame.request.skus;
      const orders: OrderChoice[] = r.orders
        .filter((o) => (skus.length ? o.items.some((i) => skus.includes(i.sku)) : OPEN_STATUSES.has(o.status)))
        .filter((o) => o.status !== 'cancelled' || skus.length > 0)
        .map((o) => ({ id: o.id, name: orderName(o), status: o.status, total: o.total, currency: o.currency }));
      if (orders.length === 0) return { frame: null, say: [{ key: 'cancel.nothing_open' }], awaiting: null };
      // Of several orders of the named product, the newest one that can still be cancelled is meant.
      const cancellable = orders.filter((o) => o.status === 'placed');
      if (skus.length && cancellable.length === 1) return decide({ ...frame, orders }, cancellable[0]!);
      if (orders.length === 1) return decide({ ...frame, orders }, orders[0]!);
      const next: CancelFrame = { ...frame, step: 'choose_order', orders: orders.slice(0, 3) };
      return { frame: next, say: [whichSay(next)], awaiting: 'order' };
    }
    if (r.type === 'cancelOrder') {
      return { frame: null, say: [{ key: 'cancel.done', params: { product: frame.order!.name, total: { kind: 'money', amount: r.order.total, currency: r.order.currency } } }], awaiting: null };
    }
    return { frame, say: [], awaiting: awaiting(frame) };
  }

  if (frame.step === 'choose_order') {
    const skus = namedSkus(event.entities);
    const picked = chooseByText(event.text, frame.orders ?? [], (o) => o.name) ?? frame.orders?.find((o) => event.text.includes(o.id));
    if (picked) return decide(frame, picked);
    if (skus.length) return { frame: { ...frame, step: 'loading', request: { skus } }, say: [], effect: { type: 'loadAccount', customerId: ctx.customerId }, awaiting: null };
    return { frame, say: [{ key: 'not_understood.in_flow' }, whichSay(frame)], awaiting: 'order' };
  }
  if (event.intent === 'affirm') {
    return { frame: { ...frame, step: 'cancelling' }, say: [], awaiting: null, effect: { type: 'cancelOrder', orderId: frame.order!.id, idempotencyKey: `${ctx.conversationId}:${frame.id}:cancel:${frame.order!.id}` } };
  }
  if (event.intent === 'deny') return { frame: null, say: [{ key: 'cancel.declined' }], awaiting: null };
  return { frame, say: [{ key: 'confirm.again', suggestions: yesNo }], awaiting: 'confirmation' };
}

function awaiting(frame: CancelFrame): Awaiting {
  return frame.step === 'confirm' ? 'confirmation' : frame.step === 'choose_order' ? 'order' : null;
}

export const cancelFlow: FlowModule<CancelFrame> = {
  start(event, ctx) {
    return { frame: { flow: 'cancel_order', id: ctx.messageId, step: 'loading', request: { skus: namedSkus(event.entities) } }, say: [], effect: { type: 'loadAccount', customerId: ctx.customerId }, awaiting: null };
  },
  onEvent,
  prompt: (frame) => (frame.step === 'confirm' ? [confirmSay(frame)] : frame.step === 'choose_order' ? [whichSay(frame)] : []),
  awaiting,
  answers(frame, event) {
    if (['affirm', 'deny', 'cancel_order'].includes(event.intent)) return true;
    if (frame.step === 'choose_order') return Boolean(chooseByText(event.text, frame.orders ?? [], (o) => o.name)) || event.entities.some((e) => e.type === 'product');
    return false;
  },
};
