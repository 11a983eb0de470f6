import type { FixedKeysOf } from '../../prompts/keys.js';
import { isStartable, type FlowName, type StartableFlow } from '../flows/index.js';
import { stack } from '../stack.js';
import { FLOW_NAME, lapses, reply, resume } from '../kit/turns.js';
import type { Awaiting, Say, Utterance } from '../types.js';
import type { Pattern } from './pattern.js';

/**
 * Changing one's mind, a closed class of phrases: "never mind", "forget it", "leave it as it is", "원래대로",
 * "그냥 둘게요", "없던 걸로" stop the change in front without touching anything, whatever else understanding guessed.
 */
const KEEP_AS_IS =
  /\b(never ?mind|forget (it|that|about it)|(leave|keep) (it|them|that|everything) (as it is|as is|alone|be|the way it (was|is))|keep (the )?(current|same|original|old) (time|one|window|slot|place|address|date|day)|as it was|don'?t change (it|anything))\b|원래대로|그대로\s*(둘|두세요|둬|놔|유지)|그냥\s*(둘게|둘래|둘께|놔둘|놔 ?둬|놔두|냅둬|두세요|둬|두자|둘게요)|없던\s*걸로|안\s*바꿀래|바꾸지\s*마/i;

/**
 * The message read as "stop" when it is one of those phrases — except a no to "replace the saved note or keep both?",
 * whose own answer ("the saved note stays as it is") says more than "stopped".
 */
export const keepingAsIs = (event: Utterance, awaiting: Awaiting = null): Utterance =>
  KEEP_AS_IS.test(event.text) && event.intent !== 'stop' && !(awaiting === 'note' && event.intent === 'deny') ? { ...event, intent: 'stop' } : event;

/** What "stop" says for the flow it stopped. */
const STOPPED: Record<FlowName, FixedKeysOf<'stop.'>> = {
  reorder: 'stop.reorder',
  order_status: 'stop.order_status',
  change_delivery_slot: 'stop.change_delivery_slot',
  change_delivery_place: 'stop.change_delivery_place',
  schedule_return: 'stop.schedule_return',
  cancel_order: 'stop.cancel_order',
  report_delivery_problem: 'stop.report_delivery_problem',
  human_handoff: 'stop.idle',
  manage_subscription: 'stop.manage_subscription',
};

/**
 * "Stop" ends the flow in front (and a pending offer of a person), and the flows it had interrupted with it: a customer
 * who says "stop" wants to stop, not to be taken back to a question set aside earlier. Each one set aside is named
 * ("your return from earlier is set aside too"), so nothing ends without a word. A person under way stays.
 */
export const stop: Pattern = (state, event) => {
  if (event.intent !== 'stop') return null;
  let rest = state;
  while (lapses(stack.top(rest))) rest = stack.pop(rest);
  const stopped = stack.top(rest);
  rest = stack.pop(rest);
  const parked = rest.stack.filter((f) => isStartable(f.flow));
  rest = { ...rest, stack: rest.stack.filter((f) => !isStartable(f.flow)) };
  const setAside: Say[] = parked
    .reverse()
    .map((f) => ({ key: 'pending.dropped', params: { flow: { kind: 'prompt', key: FLOW_NAME[f.flow as StartableFlow] } } }));
  // A delivery whose new time was being chosen: the customer hears the time it keeps ("stays booked for Sat 9–12").
  const said: Say =
    stopped?.flow === 'change_delivery_slot' && 'shipment' in stopped
      ? {
          key: 'stop.change_delivery_slot.kept',
          params: { product: stopped.shipment.name, window: { kind: 'window', window: stopped.shipment.window } },
        }
      : { key: stopped ? STOPPED[stopped.flow] : 'stop.idle' };
  return reply(rest, [said, ...setAside, ...resume(rest)]);
};
