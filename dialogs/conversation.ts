import type { EscalationReason } from '../domain/escalation.js';
import { cancelFlow } from './cancel.js';
import { deliveryPlaceFlow } from './delivery-place.js';
import { deliverySlotFlow } from './delivery-slot.js';
import { yesNo, type FlowModule, type FlowStep } from './flow.js';
import { orderStatusFlow } from './order-status.js';
import { reorderFlow } from './reorder.js';
import { returnFlow } from './return.js';
import type { FixedKeysOf } from '../prompts/keys.js';
import type { Awaiting, CallbackOfferFrame, DialogContext, DialogEvent, DialogState, Frame, HandoffOfferFrame, Say, StepResult, Utterance } from './types.js';

type FlowName = Exclude<Frame['flow'], 'handoff_offer' | 'callback_offer'>;
type OfferFrame = HandoffOfferFrame | CallbackOfferFrame;
const isOffer = (f: Frame | undefined): f is OfferFrame => f?.flow === 'handoff_offer' || f?.flow === 'callback_offer';

/** Every customer flow, by the intent that starts it. */
const FLOWS: { [K in FlowName]: FlowModule<Extract<Frame, { flow: K }>> } = {
  reorder: reorderFlow,
  order_status: orderStatusFlow,
  change_delivery_slot: deliverySlotFlow,
  change_delivery_place: deliveryPlaceFlow,
  schedule_return: returnFlow,
  cancel_order: cancelFlow,
};

/** What "stop" says for the flow it stopped. */
const STOPPED: Record<Frame['flow'], FixedKeysOf<'stop.'>> = {
  reorder: 'stop.reorder', order_status: 'stop.order_status', change_delivery_slot: 'stop.change_delivery_slot',
  change_delivery_place: 'stop.change_delivery_place', schedule_return: 'stop.schedule_return', cancel_order: 'stop.cancel_order',
  handoff_offer: 'stop.idle', callback_offer: 'stop.idle',
};
/** How a flow is named when Smile comes back to it ("Back to your return:"). */
const FLOW_NAME: Record<FlowName, FixedKeysOf<'flow.'>> = {
  reorder: 'flow.reorder', order_status: 'flow.order_status', change_delivery_slot: 'flow.change_delivery_slot',
  change_delivery_place: 'flow.change_delivery_place', schedule_return: 'flow.schedule_return', cancel_order: 'flow.cancel_order',
};

/** How many flows may wait under a digression; the oldest is dropped beyond that. */
const MAX_DEPTH = 3;

const isFlow = (intent: string): intent is FlowName => intent in FLOWS;
const moduleOf = (frame: Exclude<Frame, OfferFrame>): FlowModule<Frame> => FLOWS[frame.flow] as unknown as FlowModule<Frame>;
const phoneTail = (phone: string): string => phone.replace(/\D/g, '').slice(-4);

function promptOf(frame: Frame | undefined): Say[] {
  if (!frame) return [];
  if (frame.flow === 'handoff_offer') return [{ key: 'offer_person', suggestions: yesNo }];
  if (frame.flow === 'callback_offer') return [{ key: 'handoff.voice_offer', params: { tail: phoneTail(frame.phone) }, suggestions: yesNo }];
  return moduleOf(frame).prompt(frame);
}

function awaitingOf(frame: Frame | undefined): Awaiting {
  if (!frame) return null;
  return isOffer(frame) ? 'confirmation' : moduleOf(frame).awaiting(frame);
}

function withTop(state: DialogState, frame: Frame | null): DialogState {
  const rest = state.stack.slice(0, -1);
  return { ...state, stack: frame ? [...rest, frame] : rest };
}

/** "Back to your return: …" — the interrupted flow asks its question again. */
function resume(state: DialogState): Say[] {
  const top = state.stack.at(-1);
  if (!top || isOffer(top)) return promptOf(top);
  const again = promptOf(top);
  return again.length ? [{ key: 'resume', params: { flow: { kind: 'prompt', key: FLOW_NAME[top.flow] } } }, ...again] : [];
}

function fromFlow(state: DialogState, step: FlowStep<Frame>, ctx: DialogContext, say: Say[] = []): StepResult {
  const next = withTop(state, step.frame);
  if (step.offerPerson && !step.frame) {
    // The flow ended on something Smile cannot fix (not returnable, a refusal): a person is offered.
    const offer: HandoffOfferFrame = { flow: 'handoff_offer', id: ctx.messageId, reason: step.offerReason ?? 'dead_end' };
    return { state: { ...next, stack: [...next.stack, offer] }, say: [...say, ...withYesNo(step.say)], awaiting: 'confirmation' };
  }
  const resumed = !step.frame && !step.effect ? resume(next) : [];
  return {
    state: next, say: [...say, ...step.say, ...resumed], ...(step.effect ? { effect: step.effect } : {}),
    awaiting: step.frame ? step.awaiting : awaitingOf(next.stack.at(-1)),
  };
}

function withYesNo(says: Say[]): Say[] {
  if (says.length === 0) return [{ key: 'offer_person', suggestions: yesNo }];
  const last = says.at(-1)!;
  return [...says.slice(0, -1), { ...last, suggestions: yesNo }];
}

function offerPerson(state: DialogState, ctx: DialogContext, reason: EscalationReason, say: Say[]): StepResult {
  const frame: HandoffOfferFrame = { flow: 'handoff_offer', id: ctx.messageId, reason };
  return { state: { ...state, stack: [...state.stack, frame] }, say, awaiting: 'confirmation' };
}

function escalate(state: DialogState, ctx: DialogContext, reason: EscalationReason, intent: string | null): StepResult {
  const frame: HandoffOfferFrame = { flow: 'handoff_offer', id: ctx.messageId, reason };
  const top = state.stack.at(-1);
  const stack = isOffer(top) ? [...state.stack.slice(0, -1), frame] : [...state.stack, frame];
  return {
    state: { ...state, stack, misunderstandings: 0 }, say: [], awaiting: null,
    effect: { type: 'escalate', reason, intent, idempotencyKey: `${ctx.conversationId}:escalation` },
  };
}

function misunderstood(state: DialogState, ctx: DialogContext): StepResult {
  const count = state.misunderstandings + 1;
  const top = state.stack.at(-1);
  if (count >= 2) return offerPerson({ ...state, misunderstandings: 0 }, ctx, 'misunderstood', [{ key: 'offer_person', suggestions: yesNo }]);
  const say: Say[] = top ? [{ key: 'not_understood.in_flow' }, ...promptOf(top)] : [{ key: 'not_understood' }];
  return { state: { ...state, misunderstandings: count }, say, awaiting: awaitingOf(top) };
}

function onCommand(state: DialogState, event: Utterance): StepResult | null {
  const top = state.stack.at(-1);
  switch (event.command) {
    case 'repeat':
      return { state, say: state.lastSaid?.length ? state.lastSaid : [{ key: 'repeat.nothing' }], awaiting: awaitingOf(top) };
    case 'start_over':
      return { state: { ...state, stack: [], misunderstandings: 0 }, say: [{ key: 'start_over' }], awaiting: null };
    case 'language:en-US':
    case 'language:ko-KR':
      // The engine switches the conversation's language; the open question is asked again in it.
      return { state, say: [{ key: 'language.switched' }, ...promptOf(top)], awaiting: awaitingOf(top) };
    default:
      return null;
  }
}

/**
 * The whole conversation as one pure transition: global behaviour (stop, help, repeat, start over, language,
 * digressions, handoff offers) around the flows. Returns what to say and at most one effect; the engine runs
 * it and calls back with the result.
 */
export function step(state: DialogState, event: DialogEvent, ctx: DialogContext): StepResult {
  const top = state.stack.at(-1);

  if (event.type === 'result') {
    const r = event.result;
    if (r.type === 'escalate') {
      const popped = withTop(state, null);
      if (!r.ok) return { state: popped, say: [{ key: 'handoff.failed' }, ...resume(popped)], awaiting: awaitingOf(popped.stack.at(-1)) };
      if (!r.liveChat) {
        // A speaker cannot relay a chat: the escalation waits in the queue, and a person can call back.
        if (!r.phone) return { state: popped, say: [{ key: 'handoff.voice_no_phone' }], awaiting: null };
        const offer: CallbackOfferFrame = { flow: 'callback_offer', id: ctx.messageId, escalationId: r.escalationId, phone: r.phone };
        return { state: { ...popped, stack: [...popped.stack, offer] }, say: promptOf(offer), awaiting: 'confirmation' };
      }
      const said: Say = r.staffed ? { key: 'handoff.done' }
        : r.opensAt ? { key: 'handoff.queued_outside_hours', params: { day: { kind: 'date', iso: r.opensAt }, time: { kind: 'time', iso: r.opensAt } } }
          : { key: 'handoff.queued_outside_hours.unknown' };
      return { state: popped, say: [said, ...resume(popped)], awaiting: awaitingOf(popped.stack.at(-1)) };
    }
    if (r.type === 'requestCallback') {
      const offer = top?.flow === 'callback_offer' ? top : undefined;
      const popped = withTop(state, null);
      if (!r.ok) return { state: popped, say: [{ key: 'handoff.failed' }], awaiting: null };
      return {
        state: popped, awaiting: null,
        say: [r.opensAt
          ? { key: 'handoff.callback_booked_later', params: { tail: phoneTail(offer?.phone ?? ''), day: { kind: 'date', iso: r.opensAt }, time: { kind: 'time', iso: r.opensAt } } }
          : { key: 'handoff.callback_booked', params: { tail: phoneTail(offer?.phone ?? '') } }],
      };
    }
    if (top && !isOffer(top)) return fromFlow(state, moduleOf(top).onEvent(top, event, ctx), ctx);
    return { state, say: [], awaiting: awaitingOf(top) };
  }

  const understood: DialogState = { ...state, misunderstandings: 0 };
  const command = onCommand(understood, event);
  if (command) return command;

  if (event.policy) {
    // A policy question is answered where it is asked; whatever was under way goes on.
    if ('notCovered' in event.policy) return offerPerson(understood, ctx, 'policy_unknown', [{ key: 'policy.unknown', suggestions: yesNo }]);
    return { state: understood, say: [{ key: 'policy.answer', params: { text: event.policy.text, source: event.policy.source } }, ...resume(understood)], awaiting: awaitingOf(top) };
  }

  const intent = event.intent;
  if (event.frustrated && intent !== 'human_handoff') {
    // Clear frustration: say sorry and offer a person at once, keeping whatever was under way — unless the
    // customer also said to stop it, in which case it stops first.
    const kept = intent === 'stop' ? { ...understood, stack: [] } : understood;
    return offerPerson(kept, ctx, 'frustration', [{ key: 'offer_person.frustrated', suggestions: yesNo }]);
  }
  if (intent === 'stop') {
    // "Stop" ends the flow in front (and a pending offer of a person); a flow it had interrupted resumes.
    const stack = [...understood.stack];
    while (isOffer(stack.at(-1))) stack.pop();
    const stopped = stack.pop();
    const rest: DialogState = { ...understood, stack };
    return { state: rest, say: [{ key: stopped ? STOPPED[stopped.flow] : 'stop.idle' }, ...resume(rest)], awaiting: awaitingOf(stack.at(-1)) };
  }

  if (top?.flow === 'callback_offer') {
    if (intent === 'affirm') return { state: understood, say: [], awaiting: null, effect: { type: 'requestCallback', escalationId: top.escalationId, phone: top.phone } };
    if (intent === 'deny') return { state: withTop(understood, null), say: [{ key: 'handoff.voice_continue_in_app' }], awaiting: null };
    return step(withTop(state, null), event, ctx);
  }

  if (top?.flow === 'handoff_offer') {
    if (intent === 'affirm' || intent === 'human_handoff') return escalate(withTop(understood, top), ctx, top.reason, null);
    if (intent === 'deny') {
      const popped = withTop(understood, null);
      return { state: popped, say: [{ key: 'handoff.declined' }, ...resume(popped)], awaiting: awaitingOf(popped.stack.at(-1)) };
    }
    // Anything else: the offer lapses and the utterance is taken on its own.
    return step(withTop(state, null), event, ctx);
  }

  if (top && !isOffer(top) && moduleOf(top).answers(top, event, ctx)) return fromFlow(understood, moduleOf(top).onEvent(top, event, ctx), ctx);

  if (intent === 'human_handoff') return escalate(understood, ctx, event.frustrated ? 'frustration' : 'customer_request', intent);
  if (intent === 'help') return { state: understood, say: top ? [{ key: 'help' }, { key: 'help.in_flow' }, ...promptOf(top)] : [{ key: 'help' }], awaiting: awaitingOf(top) };
  if (intent === 'greet' || intent === 'thanks') return { state: understood, say: [intent === 'greet' ? { key: 'greet', params: { name: '' } } : { key: 'thanks' }, ...promptOf(top)], awaiting: awaitingOf(top) };
  if (isFlow(intent)) {
    // A new request in the middle of another one is a digression: it runs on top and the other resumes after.
    const started = (FLOWS[intent] as unknown as FlowModule<Frame>).start(event, ctx);
    const pushed: DialogState = { ...understood, stack: [...understood.stack.slice(-(MAX_DEPTH - 1)), started.frame!] };
    return { state: pushed, say: started.say, ...(started.effect ? { effect: started.effect } : {}), awaiting: started.awaiting };
  }
  return misunderstood(state, ctx);
}
