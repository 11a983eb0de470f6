import type { FixedKeysOf } from '../../prompts/keys.js';
import { isStartable, type StartableFlow } from '../flows/index.js';
import { yesNo } from '../kit/flow.js';
import { awaitingOf, offerPerson, promptOf } from '../kit/turns.js';
import { stack } from '../stack.js';
import type { DialogContext, DialogState, Say, StepResult, Utterance } from '../types.js';

/** How each request is offered when Smile asks which one was meant (the label tapped back is that request). */
export const CLARIFY: Record<StartableFlow, FixedKeysOf<'clarify.'>> = {
  reorder: 'clarify.reorder',
  order_status: 'clarify.order_status',
  change_delivery_slot: 'clarify.change_delivery_slot',
  change_delivery_place: 'clarify.change_delivery_place',
  schedule_return: 'clarify.schedule_return',
  cancel_order: 'clarify.cancel_order',
  manage_subscription: 'clarify.manage_subscription',
  report_delivery_problem: 'clarify.report_delivery_problem',
};
/** A meaning this likely is worth offering; below it, a guess would only confuse. */
const WORTH_OFFERING = 0.15;
/**
 * Understanding this sure a message is about something else (a bank card, a dentist appointment, the weather) has
 * understood it: Smile says what it is for rather than "I didn't get that", every time. It is no misunderstanding, so
 * it does not count towards the two turns after which a person is offered (the shop's people cannot move a dentist
 * appointment either); the button to reach one stays.
 */
const SURE_ELSEWHERE = 0.75;

/** The two likeliest requests, when understanding had some idea; nothing when it had none. */
function likeliest(event: Utterance | undefined): StartableFlow[] {
  const names = (event?.alternatives ?? [])
    .filter((a) => a.confidence >= WORTH_OFFERING)
    .map((a) => a.name)
    .filter(isStartable);
  return [...new Set(names)].slice(0, 2);
}

/**
 * Not understood: with no flow under way and some idea of what was meant, ask which of the two likeliest requests
 * it was; sure it is about something else, say what Smile is for; otherwise say so and ask again. The second time in a
 * row, offer a person.
 */
export function misunderstood(state: DialogState, ctx: DialogContext, event?: Utterance): StepResult {
  const top = stack.top(state);
  const options = top ? [] : likeliest(event);
  // On a speaker the short "didn't get that" stays: the list of what Smile does is too long to hear.
  const elsewhere = !top && !ctx.voice && event?.intent === 'out_of_scope' && event.confidence >= SURE_ELSEWHERE && options.length < 2;
  const count = elsewhere ? state.misunderstandings : state.misunderstandings + 1;
  if (count >= 2) return offerPerson({ ...state, misunderstandings: 0 }, ctx, 'misunderstood', [{ key: 'offer_person', suggestions: yesNo }]);
  const say: Say[] =
    options.length === 2
      ? [{ key: 'clarify', suggestions: options.map((o) => ({ kind: 'prompt' as const, key: CLARIFY[o] })) }]
      : top
        ? [{ key: 'not_understood.in_flow' }, ...promptOf(top)]
        : elsewhere
          ? [{ key: 'out_of_scope', suggestions: [{ kind: 'prompt', key: 'suggest.person' }] }]
          : [{ key: 'not_understood' }];
  return { state: { ...state, misunderstandings: count }, say, awaiting: awaitingOf(top) };
}
