import { yesNo } from '../kit/flow.js';
import { offerPerson, promptOf, awaitingOf } from '../kit/turns.js';
import { stack } from '../stack.js';
import type { DialogContext, DialogState, StepResult } from '../types.js';

/** Not understood: say so and ask again; the second time in a row, offer a person. */
export function misunderstood(state: DialogState, ctx: DialogContext): StepResult {
  const count = state.misunderstandings + 1;
  const top = stack.top(state);
  if (count >= 2) return offerPerson({ ...state, misunderstandings: 0 }, ctx, 'misunderstood', [{ key: 'offer_person', suggestions: yesNo }]);
  const say = top ? [{ key: 'not_understood.in_flow' } as const, ...promptOf(top)] : [{ key: 'not_understood' } as const];
  return { state: { ...state, misunderstandings: count }, say, awaiting: awaitingOf(top) };
}
