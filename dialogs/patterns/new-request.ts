import { flowOf, isStartable } from '../flows/index.js';
import { stack } from '../stack.js';
import { awaitingOf } from '../kit/turns.js';
import type { Pattern } from './pattern.js';

/** A new request, also in the middle of another one: it runs on top and the other resumes after (a digression). */
export const newRequest: Pattern = (state, event, ctx) => {
  if (!isStartable(event.intent)) return null;
  const started = flowOf(event.intent).start(event, ctx);
  if (!started.frame) return { state, say: started.say, awaiting: awaitingOf(stack.top(state)) };
  const pushed = stack.push(state, started.frame);
  return { state: pushed, say: started.say, ...(started.effect ? { effect: started.effect } : {}), awaiting: awaitingOf(started.frame) };
};
