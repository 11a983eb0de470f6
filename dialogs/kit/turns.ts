import type { EscalationReason } from '../../domain/escalation.js';
import type { FixedKeysOf } from '../../prompts/keys.js';
import { flowOf, type StartableFlow } from '../flows/index.js';
import { escalationStart, offerFrame } from '../flows/human-handoff/steps.js';
import { stack } from '../stack.js';
import type { Awaiting, DialogContext, DialogEvent, DialogState, Frame, Say, StepResult } from '../types.js';
import { OUTCOME_UNKNOWN, outcomeUnknown, yesNo, type FlowStep } from './flow.js';

/** How a flow is named when Smile comes back to it ("Back to your return:"). */
export const FLOW_NAME: Record<StartableFlow, FixedKeysOf<'flow.'>> = {
  reorder: 'flow.reorder',
  order_status: 'flow.order_status',
  change_delivery_slot: 'flow.change_delivery_slot',
  change_delivery_place: 'flow.change_delivery_place',
  schedule_return: 'flow.schedule_return',
  cancel_order: 'flow.cancel_order',
  manage_subscription: 'flow.manage_subscription',
  report_delivery_problem: 'flow.report_delivery_problem',
};

/** The question the frame's step asks (again). */
export const promptOf = (frame: Frame | undefined): Say[] => (frame ? flowOf(frame.flow).prompt(frame) : []);

/** What Smile waits for: the top frame's step, looked up in its flow's step table. */
export const awaitingOf = (frame: Frame | undefined): Awaiting => (frame ? flowOf(frame.flow).steps[frame.step].awaiting : null);

/** What kind of yes/no question the frame's step asks: an offer (the default) or a check of a fact (nlu/answers.ts). */
export const questionOf = (frame: Frame | undefined): 'offer' | 'check' => (frame ? (flowOf(frame.flow).steps[frame.step].asks ?? 'offer') : 'offer');

/** Does the frame's step let an unrelated message pass it by (an offer does; a flow's question does not)? */
export const lapses = (frame: Frame | undefined): boolean => Boolean(frame && flowOf(frame.flow).steps[frame.step].lapses);

/** A reply that keeps the stack as it is and asks whatever the top frame asks. */
export const reply = (state: DialogState, say: Say[]): StepResult => ({ state, say, awaiting: awaitingOf(stack.top(state)) });

/** "Back to your return: …" — the interrupted flow asks its question again. */
export function resume(state: DialogState): Say[] {
  const top = stack.top(state);
  if (!top || lapses(top) || top.flow === 'human_handoff') return promptOf(top);
  const again = promptOf(top);
  return again.length ? [{ key: 'resume', params: { flow: { kind: 'prompt', key: FLOW_NAME[top.flow] } } }, ...again] : [];
}

function withYesNo(says: Say[]): Say[] {
  const last = says.at(-1);
  if (!last) return [{ key: 'offer_person', suggestions: yesNo }];
  return [...says.slice(0, -1), { ...last, suggestions: yesNo }];
}

/** A person offered for a reason: the offer goes on top and lapses if the customer moves on. */
export function offerPerson(state: DialogState, ctx: DialogContext, reason: EscalationReason, say: Say[]): StepResult {
  return { state: stack.push(state, offerFrame(ctx, reason)), say, awaiting: 'confirmation' };
}

/** Straight to a person: an offer on top is replaced by the escalation under way. */
export function escalate(state: DialogState, ctx: DialogContext, reason: EscalationReason, intent: string | null): StepResult {
  const base = lapses(stack.top(state)) ? stack.pop(state) : state;
  const started = escalationStart(ctx, reason, intent);
  return fromFlow(stack.push({ ...base, misunderstandings: 0 }, started.frame ?? offerFrame(ctx, reason)), started, ctx);
}

/**
 * Applies what the top flow decided: its frame replaces the top; a finished flow lets the one beneath resume; a flow
 * that ended on something Smile cannot fix offers a person.
 */
export function fromFlow(state: DialogState, step: FlowStep<Frame>, ctx: DialogContext, say: Say[] = []): StepResult {
  const next = step.endsAll && !step.frame ? stack.clear(state) : stack.replaceTop(state, step.frame);
  if (step.offerPerson && !step.frame) {
    const offered = offerPerson(next, ctx, step.offerPerson, []);
    return { ...offered, say: [...say, ...withYesNo(step.say)] };
  }
  const resumed = !step.frame && !step.effect && step.resume !== false ? resume(next) : [];
  return {
    state: next,
    say: [...say, ...step.say, ...resumed],
    ...(step.effect ? { effect: step.effect } : {}),
    awaiting: awaitingOf(stack.top(next)),
  };
}

/**
 * A change whose outcome is unknown ends the flow that asked for it the same way in every flow, before the flow's own
 * failure handling could call it failed or keep its confirmation open for a "yes".
 */
export function unknownOutcome(state: DialogState, event: DialogEvent, ctx: DialogContext): StepResult | null {
  if (event.type !== 'result' || event.result.ok || event.result.code !== OUTCOME_UNKNOWN || !stack.top(state)) return null;
  return fromFlow(state, outcomeUnknown<Frame>(ctx.voice), ctx);
}
