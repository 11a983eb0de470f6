import type { Order, Shipment } from '../domain/commerce.js';
import { OPEN_STATUSES, orderName } from '../domain/orders.js';
import type { Entity } from '../nlu/catalogue.js';
import type { Awaiting, Choice, DialogContext, DialogEvent, Effect, Frame, Param, Say, Utterance } from './types.js';

/** What a flow step decides: the frame that stays active (null: the flow is over), what to say, what to do. */
export interface FlowStep<F> {
  frame: F | null; say: Say[]; effect?: Effect; awaiting: Awaiting;
  /** The flow ended where a person can help; the reason sets the escalation's priority. */
  offerPerson?: boolean; offerReason?: 'failed_effect' | 'dead_end';
}

/** A flow: how it starts, how it takes each event, how it asks its open question again, and what belongs to it. */
export interface FlowModule<F extends Frame> {
  start(event: Utterance, ctx: DialogContext): FlowStep<F>;
  onEvent(frame: F, event: DialogEvent, ctx: DialogContext): FlowStep<F>;
  prompt(frame: F): Say[];
  awaiting(frame: F): Awaiting;
  /** Does this utterance answer the flow's open question (rather than digress from it)? */
  answers(frame: F, event: Utterance, ctx: DialogContext): boolean;
}

export const yesNo: Param[] = [{ kind: 'prompt', key: 'suggest.yes' }, { kind: 'prompt', key: 'suggest.no' }];
export const yesNoPerson: Param[] = [...yesNo, { kind: 'prompt', key: 'suggest.person' }];

export const firstEntity = (entities: Entity[], type: Entity['type']): Entity | undefined => entities.find((e) => e.type === type);

/** SKUs named by product entities; when several tie at the top score they are kept together. */
export function namedSkus(entities: Entity[]): string[] {
  const prods = entities.filter((e) => e.type === 'product').sort((a, b) => (b.score ?? 0) - (a.score ?? 0));
  const best = prods[0]?.score ?? 0;
  return prods.filter((p) => (p.score ?? 0) >= best - 0.05).map((p) => String(p.value));
}

// Later ordinals first, so "the second one" is not read as "one"; a bare number word only when it stands alone.
const ORDINALS: Array<[RegExp, number]> = [
  [/\b(third|3rd|last)\b|^three$|세 ?번째|셋째|마지막|^3$|3번/i, 2],
  [/\b(second|2nd|middle)\b|^two$|두 ?번째|둘째|^2$|2번/i, 1],
  [/\b(first|1st|top)\b|^one$|첫|^1$|1번/i, 0],
];

/** A choice among offered options by its own words (a suggestion sent back) or an ordinal ("the second one", "두 번째"). */
export function chooseByText<T>(text: string, options: T[], label: (o: T) => string): T | undefined {
  const norm = (s: string): string => s.toLowerCase().replace(/\s+/g, ' ').trim();
  const t = norm(text);
  const exact = options.find((o) => norm(label(o)) === t);
  if (exact) return exact;
  for (const [re, idx] of ORDINALS) if (re.test(t) && options[idx]) return options[idx];
  return undefined;
}

/** Shipments that can still change, optionally only those carrying one of the named SKUs. */
export function openShipments(shipments: Shipment[], orders: Order[], skus: string[]): Array<{ shipment: Shipment; order: Order }> {
  return shipments
    .filter((s) => OPEN_STATUSES.has(s.status))
    .map((shipment) => ({ shipment, order: orders.find((o) => o.id === shipment.orderId) }))
    .filter((x): x is { shipment: Shipment; order: Order } => Boolean(x.order))
    .filter((x) => skus.length === 0 || x.order.items.some((i) => skus.includes(i.sku)))
    .sort((a, b) => Date.parse(a.shipment.window.start) - Date.parse(b.shipment.window.start));
}

export const choiceOf = (x: { shipment: Shipment; order: Order }): Choice => ({ id: x.shipment.id, name: orderName(x.order) });

/**
 * The polite answer to a failed effect. A change that failed for a passing reason keeps what the customer chose,
 * so "yes" tries again under the same idempotency key; anything else ends the flow with the offer of a person.
 */
export function failure<F>(frame: F | null, transient: boolean, key: string, awaiting: Awaiting = null): FlowStep<F> {
  if (frame && transient) return { frame, say: [{ key: 'failure.retry', suggestions: yesNoPerson }], awaiting };
  return { frame: null, say: [{ key }], awaiting: null, offerPerson: true, offerReason: 'failed_effect' };
}

/** A change that failed: a passing fault keeps the confirmation open for a retry; a refusal ends with a person offered. */
export function failedWrite<F>(frame: F, result: { transient: boolean; code: string }, key: string): FlowStep<F> {
  if (result.transient) return failure(frame, true, key, 'confirmation');
  return { frame: null, say: [{ key, params: { reason: result.code } }], awaiting: null, offerPerson: true, offerReason: 'failed_effect' };
}
