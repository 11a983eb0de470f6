import { awaitingOf, promptOf, reply } from '../kit/turns.js';
import { stack } from '../stack.js';
import type { Pattern } from './pattern.js';

/**
 * A question about what is being confirmed: its price ("how much is that?", "얼마예요?", "total?"), or when it comes
 * ("when would it arrive?", "언제 와요?"). Every confirmation carries both, so it is said again. The whole message is the
 * question (a closed class): "how much do refunds take" or "when did my wipes ship" are not in it.
 */
const ABOUT_PENDING =
  /^(?:(?:and |so |wait,? |um+,? |ok(?:ay)?,? )?(?:how much(?: (?:is|was|will) (?:that|it|this|the total|that be|it be))?(?: in total| altogether| all together)?|what(?:'s| is| was| will be) the (?:total|price|cost|damage)|what does (?:it|that) cost|(?:the )?(?:total|price|cost)|how much does (?:it|that) cost|when (?:would|will|does|did you say) (?:it|that|they) (?:arrive|come|get here|be here)|when is (?:it|that) (?:arriving|coming))\??|(?:그래서 |근데 |아 )?(?:얼마(?:예요|에요|야|지|죠|인가요|라고요?|라구요?)?|총 ?얼마(?:예요|야|죠)?|가격(?:은|이)? ?(?:얼마(?:예요|야)?|어떻게 돼요)?|금액(?:은|이)? ?(?:얼마(?:예요|야)?|어떻게 돼요)?|전부 ?얼마(?:예요|야)?|언제 (?:와요|오나요|와|도착해요|도착하나요|받을 수 있어요|받아요))\??)[.!~ ]*$/i;

export const asksAboutPending = (text: string): boolean => ABOUT_PENDING.test(text.trim());

export const pendingQuestion: Pattern = (state, event) => {
  const top = stack.top(state);
  if (!top || awaitingOf(top) !== 'confirmation' || !asksAboutPending(event.text)) return null;
  return reply(state, [{ key: 'confirm.details' }, ...promptOf(top)]);
};
