import { isStartable } from '../flows/index.js';
import type { FlowStep } from './flow.js';
import type { DialogContext, DialogEvent, DialogState, Frame, Say, StepResult } from '../types.js';
import { flowOf } from '../flows/index.js';
import { awaitingOf, FLOW_NAME, fromFlow, lapses, promptOf } from './turns.js';

/** A confirmation left open longer than this is dropped, not asked again. */
export const DEFAULT_CONFIRMATION_TTL_MS = 30 * 60_000;

/** A "yes" given this long after its confirmation was asked re-reads the confirmation's prices and windows first. */
export const DEFAULT_RECHECK_AFTER_MS = 5 * 60_000;

/** Effects that change the world once confirmed: one confirmed, the other confirmations waiting are dropped. */
const CONFIRMED_CHANGES = new Set(['placeOrder', 'updateShipments', 'bookReturn', 'cancelOrder', 'saveInstructions', 'saveAddress', 'escalate']);

const keyOf = (f: Frame): string => `${f.flow}:${f.id}`;
/** A flow's confirmation (an offer of a person lapses by itself and is not counted). */
const confirming = (f: Frame): boolean => awaitingOf(f) === 'confirmation' && !lapses(f) && f.flow !== 'human_handoff';

/** Is the confirmation still what it says: not older than the limit, and its delivery window (if any) not begun? */
function stillValid(f: Frame, state: DialogState, ctx: DialogContext): boolean {
  const ttl = ctx.limits?.confirmationTtlMs ?? DEFAULT_CONFIRMATION_TTL_MS;
  const now = Date.parse(ctx.now);
  const asked = state.asked?.find((a) => a.frame === keyOf(f))?.at;
  if (asked && now - Date.parse(asked) > ttl) return false;
  // A window already begun makes the question void, unless the flow re-reads it before acting (then it is said what
  // holds now: a reorder's earliest window moves on, a move's chosen window is no longer offered).
  if ((flowOf(f.flow) as { recheck?: unknown }).recheck) return true;
  const window = (f as { window?: { start: string } }).window;
  return !(window && Date.parse(window.start) <= now);
}

function dropped(frames: Frame[], key: 'pending.expired' | 'pending.dropped'): Say[] {
  return frames.flatMap((f) => (isStartable(f.flow) ? [{ key, params: { flow: { kind: 'prompt' as const, key: FLOW_NAME[f.flow] } } }] : []));
}

/** Before a message is taken: confirmations grown stale leave the stack, and the customer hears which, once. */
export function expire(state: DialogState, event: DialogEvent, ctx: DialogContext): { state: DialogState; say: Say[]; topExpired: boolean } {
  if (event.type !== 'utterance') return { state, say: [], topExpired: false };
  const stale = state.stack.filter((f) => confirming(f) && !stillValid(f, state, ctx));
  if (!stale.length) return { state, say: [], topExpired: false };
  const top = state.stack.at(-1);
  return {
    state: { ...state, stack: state.stack.filter((f) => !stale.includes(f)) },
    say: dropped(stale, 'pending.expired'),
    topExpired: Boolean(top && stale.includes(top)),
  };
}

/**
 * After a step: a change confirmed (or the conversation going to a person) drops the other confirmations waiting
 * beneath, so none comes back later as if nothing had happened; the confirmation now asked is stamped with the time.
 */
export function settle(result: StepResult, ctx: DialogContext): StepResult {
  let { state } = result;
  let say = result.say;
  if (result.effect && CONFIRMED_CHANGES.has(result.effect.type)) {
    const beneath = state.stack.slice(0, -1).filter(confirming);
    if (beneath.length) {
      state = { ...state, stack: state.stack.filter((f) => !beneath.includes(f)) };
      say = [...say, ...dropped(beneath, 'pending.dropped')];
    }
  }
  const top = state.stack.at(-1);
  const fresh = top && confirming(top) && result.say.length ? keyOf(top) : null;
  const kept = (state.asked ?? []).filter((a) => a.frame !== fresh && state.stack.some((f) => keyOf(f) === a.frame));
  if (fresh) kept.push({ frame: fresh, at: ctx.now });
  const { asked: _old, ...rest } = state;
  state = kept.length ? { ...rest, asked: kept } : rest;
  return { ...result, state, say };
}

/** The flow's re-read of a confirmation, if it has one (it names its own frame type, so it is called through its flow). */
function recheckOf(frame: Frame, answered: boolean, ctx: DialogContext): FlowStep<Frame> | null {
  const def = flowOf(frame.flow) as { recheck?: (f: Frame, answered: boolean, ctx: DialogContext) => FlowStep<Frame> | null };
  return def.recheck?.(frame, answered, ctx) ?? null;
}

/**
 * A plain "yes" to a confirmation asked a while ago (more than `recheckAfterMs`): its prices and windows are re-read
 * before anything is done, so a yes never acts on figures that have since changed.
 */
export function recheckLate(state: DialogState, event: DialogEvent, ctx: DialogContext): StepResult | null {
  const top = state.stack.at(-1);
  if (event.type !== 'utterance' || event.intent !== 'affirm' || event.entities.length || !top || !confirming(top)) return null;
  const asked = state.asked?.find((a) => a.frame === keyOf(top))?.at;
  const after = ctx.limits?.recheckAfterMs ?? DEFAULT_RECHECK_AFTER_MS;
  if (!asked || Date.parse(ctx.now) - Date.parse(asked) <= after) return null;
  const rechecked = recheckOf(top, true, ctx);
  return rechecked ? fromFlow({ ...state, misunderstandings: 0 }, rechecked, ctx) : null;
}

const sameSay = (a: Say, b: Say): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * A confirmation (or a choice of windows) that comes back on top after something else (a digression ended, a flow above it finished) is not
 * asked from memory: its prices and windows are re-read, and its question asked with what holds now (what changed said
 * first). "Back to your reorder:" is kept; the question itself comes with the re-read.
 */
export function recheckResumed(before: DialogState, result: StepResult, ctx: DialogContext): StepResult {
  const top = result.state.stack.at(-1);
  const was = before.stack.at(-1);
  // A confirmation, or a choice whose options can be taken meanwhile (a return's pick-up windows): the flow decides.
  if (result.effect || !top || awaitingOf(top) === null || lapses(top) || (was && keyOf(was) === keyOf(top))) return result;
  const question = promptOf(top);
  const tail = result.say.slice(-question.length);
  if (!question.length || tail.length !== question.length || !tail.every((s, i) => sameSay(s, question[i]!))) return result;
  const rechecked = recheckOf(top, false, ctx);
  if (!rechecked) return result;
  return fromFlow(result.state, rechecked, ctx, result.say.slice(0, -question.length));
}
