import type { Order } from '../../../domain/commerce.js';
import type { KeysOf } from '../../../prompts/keys.js';
import {
  OPEN_STATUSES,
  afterRecheck,
  type Reread,
  chooseByText,
  failedWrite,
  failure,
  namedSkus,
  orderName,
  orderNameFor,
  tellApart,
  yesNo,
  type FlowDef,
  type FlowStep,
} from '../../kit/flow.js';
import type { DialogContext, DialogEvent, Say, Utterance } from '../../types.js';
import type { CancelFrame, OrderChoice } from './frame.js';
import { customerNumber, namesRecord } from '../../../domain/references.js';

type At<S extends CancelFrame['step']> = Extract<CancelFrame, { step: S }>;

const whichSay = (frame: At<'choose_order'>): Say => ({ key: 'cancel.which', suggestions: frame.orders.map(labelOf) });
const labelOf = (o: OrderChoice): string => o.label ?? o.name;
const confirmSay = ({ order }: At<'confirm'>): Say => ({
  key: 'cancel.confirm',
  suggestions: yesNo,
  params: { product: order.name, orderId: customerNumber(order.id), total: { kind: 'money', amount: order.total, currency: order.currency } },
});

/** Why an order past 'placed' cannot be cancelled. */
const NOT_CANCELLABLE: Record<Exclude<Order['status'], 'placed'>, KeysOf<'cancel.not_cancellable.'>> = {
  shipped: 'cancel.not_cancellable.shipped',
  out_for_delivery: 'cancel.not_cancellable.out_for_delivery',
  delivered: 'cancel.not_cancellable.delivered',
  cancelled: 'cancel.not_cancellable.cancelled',
  returned: 'cancel.not_cancellable.returned',
};

/** Only an order that has not shipped can be cancelled; a shipped one gets the reason and the offer of a return. */
function decide(frame: CancelFrame, order: OrderChoice): FlowStep<CancelFrame> {
  if (order.status === 'placed') {
    const next: At<'confirm'> = { flow: frame.flow, id: frame.id, request: frame.request, step: 'confirm', order };
    return { frame: next, say: [confirmSay(next)] };
  }
  if (order.status === 'delivered') {
    const offer: At<'offer_return'> = { flow: frame.flow, id: frame.id, request: frame.request, step: 'offer_return', order };
    return { frame: offer, say: [offerReturnSay(offer)] };
  }
  return { frame: null, say: [{ key: NOT_CANCELLABLE[order.status], params: { product: order.name } }] };
}

const offerReturnSay = ({ order }: At<'offer_return'>): Say => ({
  key: 'cancel.not_cancellable.delivered',
  params: { product: order.name },
  suggestions: yesNo,
});

/** The customer's orders that the request can mean: the named product's, or every open one. */
function candidates(orders: Order[], skus: string[], ctx: DialogContext): OrderChoice[] {
  const list = orders
    .filter((o) => (skus.length ? o.items.some((i) => skus.includes(i.sku)) : OPEN_STATUSES.has(o.status)))
    .filter((o) => o.status !== 'cancelled' || skus.length > 0)
    // An order that can still be cancelled is cancelled whole, so it is named whole ("Tide … (+1)"); one past that is
    // refused, or offered a return, for the product the customer asked about ("the running shoes").
    .map((o) => ({
      id: o.id,
      name: o.status === 'placed' ? orderName(o, ctx) : orderNameFor(o, skus, ctx),
      status: o.status,
      total: o.total,
      currency: o.currency,
    }));
  // Two orders of the same product are told apart, where they are offered, by the number the customer knows; sentences
  // keep the product's name (the confirmation gives the number once, and the store's own id is never shown).
  const told = tellApart(list, (o) => [ctx.label({ kind: 'prompt', key: 'order.number', params: { orderId: customerNumber(o.id) } })]);
  return list.map((o, i) => {
    const label = told[i]?.name ?? o.name;
    return label === o.name ? o : { ...o, label };
  });
}

function interpret(frame: CancelFrame, event: DialogEvent, ctx: DialogContext): FlowStep<CancelFrame> {
  if (event.type === 'result') {
    const r = event.result;
    if (r.type === 'loadAccount' && frame.step === 'loading') {
      if (!r.ok) return failure<CancelFrame>(null, r.transient, 'cancel.failed');
      const skus = frame.request.skus;
      const orders = candidates(r.orders, skus, ctx);
      // Of several orders of the named product, the newest one that can still be cancelled is meant.
      const cancellable = orders.filter((o) => o.status === 'placed');
      const only = cancellable.length === 1 ? cancellable[0] : orders.length === 1 ? orders[0] : undefined;
      if (only) return decide(frame, only);
      if (orders.length === 0) return { frame: null, say: [{ key: 'cancel.nothing_open' }] };
      // Everything open has shipped: said at once, rather than offered as choices that are all refused.
      if (cancellable.length === 0) return { frame: null, say: [{ key: 'cancel.none_cancellable' }] };
      // Only what can still be cancelled is offered (shipped orders are not: the question says so).
      const next: At<'choose_order'> = { ...frame, step: 'choose_order', orders: cancellable.slice(0, 3) };
      return { frame: next, say: [whichSay(next)] };
    }
    if (r.type === 'loadAccount' && frame.step === 'rechecking') {
      if (!r.ok) return failure<CancelFrame>(null, r.transient, 'cancel.failed');
      return afterRecheck<CancelFrame>(
        frame.answered,
        reread(frame, r.orders),
        (f) => (f.step === 'confirm' ? [confirmSay(f)] : []),
        (f) => (f.step === 'confirm' ? cancel(f, ctx) : { frame: f, say: [] }),
      );
    }
    if (r.type === 'cancelOrder' && frame.step === 'cancelling') {
      const confirm: At<'confirm'> = { ...frame, step: 'confirm' };
      if (r.ok)
        return {
          frame: null,
          say: [
            {
              key: 'cancel.done',
              params: { product: frame.order.name, total: { kind: 'money', amount: r.order.total, currency: r.order.currency } },
            },
          ],
        };
      if (r.code === 'not_cancellable')
        return { frame: null, say: [{ key: 'cancel.not_cancellable.shipped', params: { product: frame.order.name } }] };
      return failedWrite(confirm, r, 'cancel.failed');
    }
    return { frame, say: [] };
  }

  switch (frame.step) {
    case 'choose_order': {
      const picked = chooseByText(event.text, frame.orders, labelOf) ?? frame.orders.find((o) => namesRecord(event.text, o.id));
      if (picked) return decide(frame, picked);
      const skus = namedSkus(event.entities);
      if (skus.length)
        return { frame: { ...frame, step: 'loading', request: { skus } }, say: [], effect: { type: 'loadAccount', customerId: ctx.customerId } };
      return { frame, say: [{ key: 'not_understood.in_flow' }, whichSay(frame)] };
    }
    case 'confirm': {
      // "그거 말고 물티슈요", "no, the wipes one": another product named (not the one set aside) is the order meant.
      const other = otherProductNamed(frame, event);
      if (other.length)
        return {
          frame: { flow: frame.flow, id: frame.id, step: 'loading', request: { skus: other } },
          say: [],
          effect: { type: 'loadAccount', customerId: ctx.customerId },
        };
      if (event.intent === 'affirm') return cancel(frame, ctx);
      if (event.intent === 'deny') return { frame: null, say: [{ key: 'cancel.declined' }] };
      return { frame, say: [{ key: 'confirm.again', suggestions: yesNo }] };
    }
    case 'offer_return':
      // "Return it instead?": yes starts the return of what was named; no leaves it.
      if (event.intent === 'affirm') return { frame: null, say: [], resume: false, then: { flow: 'schedule_return', skus: frame.request.skus } };
      if (event.intent === 'deny') return { frame: null, say: [{ key: 'return.declined' }] };
      return { frame, say: [offerReturnSay(frame)] };
    case 'loading':
    case 'cancelling':
    case 'rechecking':
      return { frame, say: [] };
  }
}

/** Cancels the order confirmed, once (the key names the order). */
function cancel(frame: At<'confirm'>, ctx: DialogContext): FlowStep<CancelFrame> {
  const key = `${ctx.conversationId}:${frame.id}:cancel:${frame.order.id}`;
  return { frame: { ...frame, step: 'cancelling' }, say: [], effect: { type: 'cancelOrder', orderId: frame.order.id, idempotencyKey: key } };
}

/**
 * The order of a cancellation taken up again, as it is now: still not shipped and refunding the same → it holds; shipped
 * (or cancelled elsewhere) meanwhile → that is said and nothing is cancelled; another refund → said, and asked again.
 */
function reread(frame: At<'rechecking'>, orders: Order[]): Reread<CancelFrame> {
  const { answered: _answered, step: _step, ...rest } = frame;
  const fresh = orders.find((o) => o.id === frame.order.id);
  const was = frame.order;
  if (!fresh) return { changed: [{ key: 'pending.changed.since' }], then: { frame: null, say: [{ key: 'cancel.failed' }], offerPerson: 'dead_end' } };
  const order: OrderChoice = { ...was, status: fresh.status, total: fresh.total, currency: fresh.currency };
  const next: At<'confirm'> = { ...rest, step: 'confirm', order };
  if (fresh.status !== 'placed') return { changed: [{ key: 'pending.changed.since' }], then: decide(next, order) };
  if (Math.abs(fresh.total - was.total) >= 0.005 || fresh.currency !== was.currency) {
    const money = (amount: number, currency: string) => ({ kind: 'money' as const, amount, currency });
    return {
      changed: [
        {
          key: 'pending.changed.refund',
          params: { product: was.name, from: money(was.total, was.currency), to: money(fresh.total, fresh.currency) },
        },
      ],
      then: { frame: next, say: [confirmSay(next)] },
    };
  }
  return { holds: next };
}

/** What a correction of the order at the confirmation is understood as: an answer, or the same request again. */
const CORRECTING = new Set<string>(['deny', 'affirm', 'out_of_scope', 'cancel_order']);

/** Products a message names, not set aside by it, other than those the cancellation was asked for. */
function otherProductNamed(frame: CancelFrame, event: Utterance): string[] {
  // A request of its own about another product ("where are my wipes?") is a digression, not a correction.
  if (!CORRECTING.has(event.intent)) return [];
  const named = namedSkus(event.entities.filter((e) => !e.negated));
  return named.length && !named.some((sku) => frame.request.skus.includes(sku)) ? named : [];
}

/** Cancel an order that has not shipped: which order (when several), confirm, cancel once. */
export const cancelFlow: FlowDef<CancelFrame> = {
  steps: {
    loading: { awaiting: null },
    choose_order: { awaiting: 'order' },
    confirm: { awaiting: 'confirmation' },
    offer_return: { awaiting: 'confirmation', lapses: true },
    cancelling: { awaiting: null },
    rechecking: { awaiting: null },
  },
  start: (event, ctx) => ({
    frame: { flow: 'cancel_order', id: ctx.messageId, step: 'loading', request: { skus: namedSkus(event.entities) } },
    say: [],
    effect: { type: 'loadAccount', customerId: ctx.customerId },
  }),
  interpret,
  recheck(frame, answered, ctx) {
    if (frame.step !== 'confirm') return null;
    return { frame: { ...frame, step: 'rechecking', answered }, say: [], effect: { type: 'loadAccount', customerId: ctx.customerId } };
  },
  prompt(frame) {
    switch (frame.step) {
      case 'confirm':
        return [confirmSay(frame)];
      case 'choose_order':
        return [whichSay(frame)];
      case 'offer_return':
        return [offerReturnSay(frame)];
      case 'loading':
      case 'cancelling':
      case 'rechecking':
        return [];
    }
  },
  // An order named by its product answers "which order?", and corrects the order at the confirmation.
  answers: (frame, event) =>
    (frame.step === 'choose_order' && event.entities.some((e) => e.type === 'product')) ||
    (frame.step === 'confirm' && otherProductNamed(frame, event).length > 0),
};
