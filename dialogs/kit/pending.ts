import type { KeysOf } from '../../prompts/keys.js';
import { isStartable } from '../flows/index.js';
import type { DialogContext, DialogEvent, DialogState, Frame, Say, StepResult } from '../types.js';
import { awaitingOf, FLOW_NAME, lapses } from './turns.js';

/** A confirmation left open longer than this is dropped, not asked again. */
export const DEFAULT_CONFIRMATION_TTL_MS = 30 * 60_000;

/** Effects that change the world once confirmed: one confirmed, the other confirmations waiting are dropped. */
const CONFIRMED_CHANGES = new Set(['placeOrder', 'updateShipments', 'bookReturn', 'cancelOrder', 'saveInstructions', 'escalate']);

const keyOf = (f: Frame): string => `${f.flow}:${f.id}`;
/** A flow's confirmation (an offer of a person lapses by itself and is not counted). */
const confirming = (f: Frame): boolean => awaitingOf(f) === 'confirmation' && !lapses(f) && f.flow !== 'human_handoff';

/** Is the confirmation still what it says: not older than the limit, and its delivery window (if any) not begun? */
function stillValid(f: Frame, state: DialogState, ctx: DialogContext): boolean {
  const ttl = ctx.limits?.confirmationTtlMs ?? DEFAULT_CONFIRMATION_TTL_MS;
  const now = Date.parse(ctx.now);
  const asked = state.asked?.find((a) => a.frame === keyOf(f))?.at;
  if (asked && now - Date.parse(asked) > ttl) return false;
  const window = (f as { window?: { start: string } }).window;
  return !(window && Date.parse(window.start) <= now);
}

function dropped(frames: Frame[], key: KeysOf<'pending.'>): Say[] {
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
