import { stack } from '../stack.js';
import { offerPerson } from '../kit/turns.js';
import { yesNo } from '../kit/flow.js';
import type { Pattern } from './pattern.js';

/**
 * Clear frustration: say sorry and offer a person at once, keeping whatever was under way — unless the customer
 * also said to stop it, in which case it stops first. Asking for a person outright is the handoff pattern's.
 */
export const frustration: Pattern = (state, event, ctx) => {
  if (!event.frustrated || event.intent === 'human_handoff') return null;
  const kept = event.intent === 'stop' ? stack.clear(state) : state;
  return offerPerson(kept, ctx, 'frustration', [{ key: 'offer_person.frustrated', suggestions: yesNo }]);
};
