import type { Entity } from '../../domain/understanding.js';
import { namedSkus } from '../kit/flow.js';
import { awaitingOf, lapses } from '../kit/turns.js';
import { stack } from '../stack.js';
import type { DialogEvent, DialogState, LastDone, SlotFrame, StepResult, Utterance } from '../types.js';
import { newRequest } from './new-request.js';
import type { Pattern } from './pattern.js';

/**
 * Words that take back what was just done, or call off an order ("cancel that", "undo it", "put it back", "그거 취소해
 * 주세요", "되돌려 줘", "원래대로 해 줘"). With nothing under way they cannot mean "stop this conversation": there is
 * nothing to stop, so "Okay" would read as "done" while nothing was.
 */
const TAKES_BACK =
  /\b(?:cancel\w*|undo|revert|reverse|call (?:it|that|this) off|take (?:it|that|this) back|(?:move|put|change|switch|set) (?:it|that|this|them) back)\b|취소|캔슬|되돌|돌려\s*(?:놔|놓|줘|주세요)|원래대로|무를|물러/i;
/** Words that call off an order ("cancel", "취소"), as opposed to moving something back. */
const CANCELS = /\b(?:cancel\w*|call (?:it|that|this) off)\b|취소|캔슬/i;
/** A bare command ("cancel", "stop", "그만", "취소") with nothing under way stays the plain "nothing to stop". */
const BARE = /^\s*(?:cancel|stop|undo|취소|그만|캔슬)\s*[.!]*\s*$/i;
const READS_AS = new Set(['stop', 'deny', 'cancel_order', 'out_of_scope', 'change_delivery_slot', 'manage_subscription', 'affirm']);

const said = (e: Entity): boolean => e.end > e.start;
const product = (sku: string): Entity => ({ type: 'product', value: sku, text: '', start: 0, end: 0, score: 1 });

/**
 * "Cancel that" / "undo that" with nothing under way: it is about the change Smile just made (the order placed is
 * offered for cancellation, the delivery moved is offered back to its old time, the subscription started or changed is
 * offered for cancellation), or, with none, about what the last turn was about ("그냥 취소해주세요" after a declined
 * cancellation asks again). Each is a new request that confirms first; nothing is changed on these words alone.
 */
export const undoLast: Pattern = (state, event, ctx) => {
  let rest = state;
  while (lapses(stack.top(rest))) rest = stack.pop(rest);
  if (stack.top(rest) || !READS_AS.has(event.intent) || !TAKES_BACK.test(event.text) || BARE.test(event.text)) return null;
  const named = namedSkus(event.entities.filter(said));
  const done = state.lastDone;
  // Another product named ("cancel the brush heads") is its own request.
  if (done && named.some((sku) => !done.skus.includes(sku))) return null;
  const start = (intent: Utterance['intent'], entities: Entity[]): StepResult | null =>
    newRequest(rest, { ...event, intent, confidence: 1, entities: [...entities, ...event.entities.filter((e) => e.type !== 'product')] }, ctx);
  if (done?.kind === 'move') return moveBack(rest, done, ctx.messageId);
  if (done?.kind === 'subscription') {
    const action: Entity = { type: 'subscription_action', value: 'cancel', text: '', start: 0, end: 0 };
    return start('manage_subscription', [...done.skus.map(product), action]);
  }
  if (done?.kind === 'order') return start('cancel_order', done.skus.map(product));
  // Nothing done: "cancel" words about what was just discussed call off its order.
  const topic = named.length ? named : (state.topic ?? []);
  if (topic.length && CANCELS.test(event.text)) return start('cancel_order', topic.map(product));
  return null;
};

/** "Move it back": the old window, re-read (is it still free?) and then asked as any move is. */
function moveBack(state: DialogState, done: Extract<LastDone, { kind: 'move' }>, id: string): StepResult {
  const frame: SlotFrame = {
    flow: 'change_delivery_slot',
    id,
    step: 'rechecking',
    answered: false,
    request: { skus: done.skus },
    shipment: { id: done.shipmentId, name: done.name, window: done.to },
    options: [],
    window: done.from,
  };
  const pushed = stack.push(state, frame);
  return { state: pushed, say: [], effect: { type: 'loadWindows', shipmentId: done.shipmentId }, awaiting: awaitingOf(frame) };
}

/**
 * What a turn's effect result did, kept for "undo that": an order placed, a delivery moved, a subscription started or
 * changed. A cancellation leaves nothing to take back.
 */
export function remember(before: DialogState, event: DialogEvent, after: StepResult): StepResult {
  if (event.type !== 'result' || !event.result.ok) return after;
  const r = event.result;
  const top = stack.top(before);
  const skus = before.topic ?? [];
  let done: LastDone | undefined;
  if (r.type === 'placeOrder') done = { kind: 'order', orderId: r.order.id, skus: r.order.items.map((i) => i.sku) };
  else if (r.type === 'createSubscription' || r.type === 'changeSubscription')
    done = { kind: 'subscription', subscriptionId: r.subscription.id, skus: [r.subscription.sku] };
  else if (r.type === 'updateShipments' && top?.flow === 'change_delivery_slot' && top.step === 'saving')
    done = { kind: 'move', shipmentId: top.shipment.id, name: top.shipment.name, skus, from: top.shipment.window, to: top.window };
  else if (r.type === 'cancelOrder' || r.type === 'bookReturn') {
    const { lastDone: _gone, ...state } = after.state;
    return { ...after, state };
  }
  return done ? { ...after, state: { ...after.state, lastDone: done } } : after;
}
