import { offerPerson, reply, resume } from '../kit/turns.js';
import { yesNo } from '../kit/flow.js';
import type { Pattern } from './pattern.js';

/** A policy question is answered where it is asked, from the policy documents; whatever was under way goes on. */
export const policy: Pattern = (state, event, ctx) => {
  if (!event.policy) return null;
  if ('notCovered' in event.policy) return offerPerson(state, ctx, 'policy_unknown', [{ key: 'policy.unknown', suggestions: yesNo }]);
  return reply(state, [{ key: 'policy.answer', params: { text: event.policy.text, source: event.policy.source } }, ...resume(state)]);
};
