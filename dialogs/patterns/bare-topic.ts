import type { StartableFlow } from '../flows/index.js';
import { stack } from '../stack.js';
import { awaitingOf } from '../kit/turns.js';
import { CLARIFY } from './misunderstood.js';
import type { Pattern } from './pattern.js';

/**
 * A message that is only the name of an area ("order", "delivery?", "주문", "배송이요", "택배") says what it is about,
 * not what to do: the requests of that area are offered as buttons, instead of guessing one (a lone "order" had started
 * a cancellation, "delivery" a move). A request with a verb, a product or a time is taken as it is.
 */
const TOPICS: Array<[RegExp, StartableFlow[]]> = [
  [/^(my )?orders?$|^주문(이요|요|건|내역)?$/i, ['order_status', 'reorder', 'cancel_order']],
  [
    /^(my )?(deliver(y|ies)|shipping|shipment|package|parcel)s?$|^(배송|택배|배달)(이요|요|건)?$/i,
    ['order_status', 'change_delivery_slot', 'change_delivery_place', 'report_delivery_problem'],
  ],
];

export const bareTopic: Pattern = (state, event) => {
  const text = event.text
    .trim()
    .replace(/[?？!.~\s]+$/u, '')
    .replace(/^(about|re:?)\s+/i, '');
  const found = TOPICS.find(([re]) => re.test(text));
  if (!found) return null;
  return {
    state: { ...state, misunderstandings: 0 },
    say: [{ key: 'clarify.topic', suggestions: found[1].map((flow) => ({ kind: 'prompt' as const, key: CLARIFY[flow] })) }],
    awaiting: awaitingOf(stack.top(state)),
  };
};
