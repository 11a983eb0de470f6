import { stack } from '../stack.js';
import type { FixedKeysOf } from '../../prompts/keys.js';
import { awaitingOf, promptOf, reply } from '../kit/turns.js';
import type { Awaiting } from '../types.js';
import type { Pattern } from './pattern.js';
import { stop } from './stop.js';

/** What "help" explains while Smile waits for an answer: how to give that answer. */
const STEP_HELP: Record<NonNullable<Awaiting>, FixedKeysOf<'help.step.'>> = {
  confirmation: 'help.step.confirmation',
  product: 'help.step.product',
  place: 'help.step.place',
  order: 'help.step.order',
  window: 'help.step.window',
  pickup_point: 'help.step.pickup_point',
  item: 'help.step.item',
  reason: 'help.step.reason',
  method: 'help.step.method',
  voice_code: 'help.step.voice_code',
  interval: 'help.step.interval',
  subscription: 'help.step.subscription',
  change: 'help.step.change',
  problem: 'help.step.problem',
  description: 'help.step.description',
  note: 'help.step.note',
  opened: 'help.step.opened',
};

/**
 * Help (in a flow: how to answer its question), hello and thanks; whatever was under way asks its question again. A yes
 * or no with nothing under way is acknowledged.
 */
export const smallTalk: Pattern = (state, event, ctx) => {
  const top = stack.top(state);
  switch (event.intent) {
    case 'help': {
      const waiting = awaitingOf(top);
      if (waiting) return reply(state, [{ key: STEP_HELP[waiting] }, ...promptOf(top)]);
      return reply(state, top ? [{ key: 'help' }, { key: 'help.in_flow' }, ...promptOf(top)] : [{ key: 'help' }]);
    }
    case 'greet':
      return reply(state, [{ key: 'greet', params: { name: '' } }, ...promptOf(top)]);
    case 'thanks':
      return reply(state, [{ key: 'thanks' }, ...promptOf(top)]);
    // A yes or a no with nothing asked ("ok" after an answer, a stray "yes"): taken as an acknowledgement, not as a
    // misunderstanding. Under a flow, the flow's own question already had its chance at it.
    case 'affirm': {
      if (!top) return reply(state, [{ key: 'ack' }]);
      // A bare "yes" to a question with several answers ("which time?", "which store?") wants to go on: the question is
      // asked again with its options, not "I didn't get that" (and it does not count towards offering a person).
      // A stale yes (to a confirmation overtaken meanwhile) is met the same way: nothing is done.
      const waiting = awaitingOf(top);
      return waiting && waiting !== 'confirmation' && event.entities.length === 0 ? reply(state, promptOf(top)) : null;
    }
    // A bare "no" to a question that is not a yes/no one ("which delivery?", "where should it go?") that the flow did
    // not take: the customer does not want to go on, and the flow in front stops as "stop" would stop it.
    case 'deny': {
      if (!top) return reply(state, [{ key: 'ack' }]);
      const waiting = awaitingOf(top);
      return waiting && waiting !== 'confirmation' && event.entities.length === 0 ? stop(state, { ...event, intent: 'stop' }, ctx) : null;
    }
    default:
      return null;
  }
};
