import { firstEntity } from '../../domain/understanding.js';
import { flowOf, isStartable, type StartableFlow } from '../flows/index.js';
import { withReference } from '../kit/reference.js';
import { FLOW_NAME, lapses } from '../kit/turns.js';
import { stack } from '../stack.js';
import { MOVES } from '../kit/flow.js';
import type { Utterance } from '../types.js';
import { newRequest } from './new-request.js';
import type { Pattern } from './pattern.js';

/** A message that opens by taking back what is under way: "actually no, …", "no, just …", "아니 그냥 …", "아 아니요, …". */
const TAKES_BACK = /^\s*(?:actually[\s,]+no\b|no\b|nope\b|nah\b|wait[\s,]+no\b)|^\s*(?:아|앗)?\s*(?:아니|아뇨|아냐)/i;

/** Requests whose words (a place, a time, a product, a quantity) can also be a correction of the task in front. */
const CORRECTIONS: ReadonlySet<StartableFlow> = new Set<StartableFlow>(['change_delivery_place', 'change_delivery_slot', 'reorder']);

/** The request the rest of the message makes: understanding's, or a move when it names a day or time with a verb of moving. */
function requestOf(event: Utterance): StartableFlow | null {
  if (isStartable(event.intent)) return event.intent;
  const when = firstEntity(event.entities, 'date') ?? firstEntity(event.entities, 'time_window');
  return when && MOVES.test(event.text) ? 'change_delivery_slot' : null;
}

/**
 * Changing one's mind to another task in the middle of one ("actually no, just move it to friday" at a reorder's
 * confirmation, "아니 그냥 금요일로 옮겨줘"): the task in front is dropped with a word (nothing was done there) instead
 * of waiting beneath as a digression would, and the new request starts, about what was being discussed.
 */
export const switchTask: Pattern = (state, event, ctx) => {
  const top = stack.top(state);
  if (!top || top.flow === 'human_handoff' || lapses(top) || !TAKES_BACK.test(event.text)) return null;
  const wanted = requestOf(event);
  if (!wanted || wanted === top.flow) return null;
  // A correction the flow in front takes itself ("no, a locker", "no, make it three") stays in it — unless the message
  // asks plainly for a task that is no correction of anything ("no, I want to return the wipes" at a reorder's
  // confirmation names the wipes, but it is a return, not the reorder's product).
  const def = flowOf(top.flow) as { answers?: (f: typeof top, e: Utterance, c: typeof ctx) => boolean };
  const another = !CORRECTIONS.has(wanted) && event.intent === wanted && event.confidence >= 0.7;
  if (!another && def.answers?.(top, event, ctx)) return null;
  const rest = stack.pop(state);
  const started = newRequest(rest, withReference({ ...event, intent: wanted }, rest), ctx);
  if (!started) return null;
  return { ...started, say: [{ key: 'switch.dropped', params: { flow: { kind: 'prompt', key: FLOW_NAME[top.flow] } } }, ...started.say] };
};
