import type { FixedKeysOf } from '../../prompts/keys.js';
import { lapses, offerPerson, reply, resume } from '../kit/turns.js';
import { stack } from '../stack.js';
import { yesNo } from '../kit/flow.js';
import type { Pattern } from './pattern.js';

const OUTSIDE: Record<'exchange' | 'account', FixedKeysOf<'policy.outside.'>> = {
  exchange: 'policy.outside.exchange',
  account: 'policy.outside.account',
};

/** A policy question is answered where it is asked, from the policy documents; whatever was under way goes on. */
export const policy: Pattern = (state, event, ctx) => {
  if (!event.policy) return null;
  // A person offered for an earlier question is replaced by this answer's offer, never stacked under it.
  const base = lapses(stack.top(state)) ? stack.pop(state) : state;
  if ('notCovered' in event.policy) return offerPerson(base, ctx, 'policy_unknown', [{ key: 'policy.unknown', suggestions: yesNo }]);
  // What Smile cannot see or do (an exchange, the customer's account): what it can do instead, and a person.
  if ('outside' in event.policy) return offerPerson(base, ctx, 'policy_unknown', [{ key: OUTSIDE[event.policy.outside], suggestions: yesNo }]);
  const more = event.policy.more ? [{ key: 'policy.more' as const, params: { topics: event.policy.more } }] : [];
  // An offer standing when the question came (a person, another delivery time) lapses; a flow under way resumes.
  return reply(base, [{ key: 'policy.answer', params: { text: event.policy.text, source: event.policy.source } }, ...more, ...resume(base)]);
};
