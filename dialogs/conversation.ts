import type { IntentName } from '../nlu/catalogue.js';
import { chooseOption, onReorderEvent, reorderAwaiting, reorderPrompt, startReorder, type FlowStep } from './reorder.js';
import type { Awaiting, DialogContext, DialogEvent, DialogState, Frame, HandoffOfferFrame, ReorderFrame, Say, StepResult } from './types.js';

/** Intents whose flows arrive with their own issue; until then Smile says so and offers a person. */
const NOT_YET: ReadonlySet<IntentName> = new Set<IntentName>(['order_status', 'change_delivery_slot', 'change_delivery_place', 'schedule_return', 'cancel_order']);

const yesNo: Say['suggestions'] = [{ kind: 'prompt', key: 'suggest.yes' }, { kind: 'prompt', key: 'suggest.no' }];

function promptOf(frame: Frame | undefined): Say[] {
  if (!frame) return [];
  if (frame.flow === 'reorder') return reorderPrompt(frame);
  return [{ key: 'offer_person', suggestions: yesNo }];
}

function awaitingOf(frame: Frame | undefined): Awaiting {
  if (!frame) return null;
  return frame.flow === 'reorder' ? reorderAwaiting(frame) : 'confirmation';
}

function withTop(state: DialogState, frame: Frame | null): DialogState {
  const rest = state.stack.slice(0, -1);
  return { ...state, stack: frame ? [...rest, frame] : rest };
}

function fromFlow(state: DialogState, step: FlowStep<Frame>, say: Say[] = []): StepResult {
  const next = withTop(state, step.frame);
  // A finished flow hands the floor back to the one it interrupted, which asks its question again.
  const resumed = !step.frame && next.stack.length > 0 && !step.effect ? promptOf(next.stack.at(-1)) : [];
  return {
    state: next, say: [...say, ...step.say, ...resumed], ...(step.effect ? { effect: step.effect } : {}),
    awaiting: step.frame ? step.awaiting : awaitingOf(next.stack.at(-1)),
  };
}

function offerPerson(state: DialogState, ctx: DialogContext, reason: string, say: Say[]): StepResult {
  const frame: HandoffOfferFrame = { flow: 'handoff_offer', id: ctx.messageId, reason };
  return { state: { ...state, stack: [...state.stack, frame] }, say: [...say], awaiting: 'confirmation' };
}

function escalate(state: DialogState, ctx: DialogContext, reason: string, intent: string | null): StepResult {
  const frame: HandoffOfferFrame = { flow: 'handoff_offer', id: ctx.messageId, reason };
  const top = state.stack.at(-1);
  const stack = top?.flow === 'handoff_offer' ? [...state.stack.slice(0, -1), frame] : [...state.stack, frame];
  return {
    state: { ...state, stack, misunderstandings: 0 }, say: [], awaiting: null,
    effect: { type: 'escalate', reason, intent, idempotencyKey: `${ctx.conversationId}:escalation` },
  };
}

/** Does this utterance answer the reorder flow's open question (rather than digress from it)? */
function answersReorder(frame: ReorderFrame, event: Extract<DialogEvent, { type: 'utterance' }>): boolean {
  if (['affirm', 'deny', 'reorder'].includes(event.intent)) return true;
  if (event.entities.some((e) => e.type === 'product' || e.type === 'quantity' || e.type === 'place')) return true;
  if (frame.step === 'choose_product') return Boolean(chooseOption(event.text, frame.candidates ?? []));
  if (frame.step === 'choose_place') return Boolean(chooseOption(event.text, frame.addresses ?? []));
  return false;
}

function misunderstood(state: DialogState, ctx: DialogContext): StepResult {
  const count = state.misunderstandings + 1;
  const top = state.stack.at(-1);
  if (count >= 2) return offerPerson({ ...state, misunderstandings: 0 }, ctx, 'misunderstood', [{ key: 'offer_person', suggestions: yesNo }]);
  const say: Say[] = top ? [{ key: 'not_understood.in_flow' }, ...promptOf(top)] : [{ key: 'not_understood' }];
  return { state: { ...state, misunderstandings: count }, say, awaiting: awaitingOf(top) };
}

/**
 * The whole conversation as one pure transition: global behaviour (stop, help, digressions, handoff offers)
 * around the flows. Returns what to say and at most one effect; the engine runs it and calls back with the result.
 */
export function step(state: DialogState, event: DialogEvent, ctx: DialogContext): StepResult {
  const top = state.stack.at(-1);

  if (event.type === 'result') {
    if (event.result.type === 'escalate') {
      const say: Say[] = [{ key: event.result.ok ? 'handoff.done' : 'handoff.failed' }];
      const popped = withTop(state, null);
      return { state: popped, say: [...say, ...promptOf(popped.stack.at(-1))], awaiting: awaitingOf(popped.stack.at(-1)) };
    }
    if (top?.flow === 'reorder') return fromFlow(state, onReorderEvent(top, event, ctx));
    return { state, say: [], awaiting: awaitingOf(top) };
  }

  const understood: DialogState = { ...state, misunderstandings: 0 };
  const intent = event.intent;

  if (intent === 'stop') {
    const say: Say[] = [{ key: top?.flow === 'reorder' ? 'stop.reorder' : 'stop.idle' }];
    return { state: { ...understood, stack: [] }, say, awaiting: null };
  }

  if (top?.flow === 'handoff_offer') {
    if (intent === 'affirm' || intent === 'human_handoff') return escalate(withTop(understood, top), ctx, top.reason, null);
    if (intent === 'deny') {
      const popped = withTop(understood, null);
      return { state: popped, say: [{ key: 'handoff.declined' }, ...promptOf(popped.stack.at(-1))], awaiting: awaitingOf(popped.stack.at(-1)) };
    }
    // Anything else: the offer lapses and the utterance is taken on its own.
    return step(withTop(state, null), event, ctx);
  }

  if (top?.flow === 'reorder' && answersReorder(top, event)) {
    return fromFlow(understood, onReorderEvent(top, event, ctx));
  }

  switch (intent) {
    case 'human_handoff':
      return escalate(understood, ctx, 'customer_request', intent);
    case 'help':
      return { state: understood, say: top ? [{ key: 'help' }, { key: 'help.in_flow' }, ...promptOf(top)] : [{ key: 'help' }], awaiting: awaitingOf(top) };
    case 'greet':
      return { state: understood, say: [{ key: 'greet' }, ...promptOf(top)], awaiting: awaitingOf(top) };
    case 'thanks':
      return { state: understood, say: [{ key: 'thanks' }, ...promptOf(top)], awaiting: awaitingOf(top) };
    case 'reorder': {
      const started = startReorder(event.entities, ctx);
      return { state: { ...understood, stack: [...understood.stack, started.frame!] }, say: [], effect: started.effect!, awaiting: null };
    }
    default:
      if (NOT_YET.has(intent)) {
        return offerPerson(understood, ctx, `unsupported:${intent}`, [{ key: 'not_available', params: { intent: { kind: 'prompt', key: `intent.${intent}` } }, suggestions: yesNo }]);
      }
      return misunderstood(state, ctx);
  }
}
