import type { FixedKeysOf } from '../../prompts/keys.js';
import type { FlowName } from '../flows/index.js';
import { stack } from '../stack.js';
import { lapses, reply, resume } from '../kit/turns.js';
import type { Pattern } from './pattern.js';

/** What "stop" says for the flow it stopped. */
const STOPPED: Record<FlowName, FixedKeysOf<'stop.'>> = {
  reorder: 'stop.reorder', order_status: 'stop.order_status', change_delivery_slot: 'stop.change_delivery_slot',
  change_delivery_place: 'stop.change_delivery_place', schedule_return: 'stop.schedule_return', cancel_order: 'stop.cancel_order',
  human_handoff: 'stop.idle',
};

/** "Stop" ends the flow in front (and a pending offer of a person); a flow it had interrupted resumes. */
export const stop: Pattern = (state, event) => {
  if (event.intent !== 'stop') return null;
  let rest = state;
  while (lapses(stack.top(rest))) rest = stack.pop(rest);
  const stopped = stack.top(rest);
  rest = stack.pop(rest);
  return reply(rest, [{ key: stopped ? STOPPED[stopped.flow] : 'stop.idle' }, ...resume(rest)]);
};
