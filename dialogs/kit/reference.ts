import type { Entity } from '../../domain/understanding.js';
import { isStartable } from '../flows/index.js';
import type { DialogState, Frame, StepResult, Utterance } from '../types.js';
import { namedSkus } from './flow.js';

/** Words that point back at what was just discussed. */
const POINTS_BACK = /\b(it|that|this|them|those|the same)\b|그거|그것|그걸|이거|이것|저거|걔/i;
/** Words that ask about everything rather than one thing ("all my orders", "전부"). */
const EVERYTHING = /\b(all|every(thing)?|orders|deliveries|stuff)\b|전부|모두|다들|주문들/i;
/** Requests about one thing: said without naming it, they are about the thing just discussed. */
const ABOUT_ONE = new Set(['change_delivery_slot', 'change_delivery_place', 'cancel_order', 'schedule_return']);

/**
 * "It", "그거", or a change that names nothing ("모레 저녁으로 미뤄줘" after "물티슈 언제 와?") means the product the
 * previous turn was about: a new request naming no product is given it, as if it had been said.
 */
export function withReference(said: Utterance, state: DialogState): Utterance {
  const topic = state.topic ?? [];
  const event: Utterance = movesItToADay(said, state)
    ? { ...said, intent: 'change_delivery_slot' }
    : asksAboutOneAfterStatus(said, state)
      ? { ...said, intent: 'order_status' }
      : said;
  if (!topic.length || !isStartable(event.intent) || namedSkus(event.entities).length) return event;
  // A flow under way would take a carried product as a correction of its own request: only a fresh start gets one.
  const top = state.stack.at(-1);
  if (top && top.flow !== event.intent) return event;
  const pointed = POINTS_BACK.test(event.text);
  if (!pointed && (!ABOUT_ONE.has(event.intent) || EVERYTHING.test(event.text))) return event;
  const carried: Entity[] = topic.map((sku) => ({ type: 'product', value: sku, text: '', start: 0, end: 0, score: 1 }));
  return { ...event, entities: [...event.entities, ...carried] };
}

/** What may stand around a bare product name: particles, "and", "what about", a question mark. */
const BARE_REST = /^(?:[\s?.!~,]|what about|how about|and|the|my|은요|는요|이요|요|은|는|도요|도|건요|거요|것도)*$/i;
/**
 * Only a product's name ("운동화", "운동화는요?", "and the shoes?") right after Smile listed deliveries asks where that one
 * is; it is not a request to buy it again.
 */
function asksAboutOneAfterStatus(event: Utterance, state: DialogState): boolean {
  if (
    (event.intent !== 'reorder' && event.intent !== 'out_of_scope') ||
    state.stack.length > 0 ||
    !state.lastSaid?.some((s) => s.key.startsWith('status.'))
  )
    return false;
  const products = event.entities.filter((e) => e.type === 'product' && e.end > e.start);
  if (products.length === 0) return false;
  let rest = event.text;
  for (const p of [...products].sort((a, b) => b.start - a.start)) rest = rest.slice(0, p.start) + rest.slice(p.end);
  if (BARE_REST.test(rest.trim())) return true;
  // The rest of the product's own name ("the running shoes?" matched on "shoes"), but no word of doing anything.
  const words = rest.split(/[^\p{L}]+/u).filter((w) => w && !BARE_REST.test(w));
  return words.length <= 2 && !words.some((w) => ACTION_WORD.test(w));
}
/** Words that ask for something to be done, not which one: then it is the request it reads as. */
const ACTION_WORD =
  /^(?:re-?order|order|buy|get|send|again|more|another|cancel|return|move|change|want|need|please|pls|plz|주문|시켜|다시|사|보내|취소|반품|바꿔)/i;

/** A question, not a request ("what's that on tuesday?", "그거 언제예요?"). */
const ASKS = /\?\s*$|^(what|when|where|which|who|why|how|is|are|does|did)\b|언제|뭐|어디/i;

/**
 * "Can you push that to next tuesday", "move it to the weekend" right after a product's delivery was discussed, when
 * understanding had no request for it: a day or a time of day said about "it" is a change of that delivery's time.
 */
function movesItToADay(event: Utterance, state: DialogState): boolean {
  return (
    event.intent === 'out_of_scope' &&
    (state.topic ?? []).length > 0 &&
    state.stack.length === 0 &&
    POINTS_BACK.test(event.text) &&
    !ASKS.test(event.text.trim()) &&
    event.entities.some((e) => (e.type === 'date' || e.type === 'time_window') && !e.negated)
  );
}

/** The products a frame is about (the one chosen, or those asked for). */
function productsOf(frame: Frame | undefined): string[] {
  if (!frame) return [];
  const f = frame as { chosen?: { sku: string }; request?: { skus?: string[] } };
  return f.chosen ? [f.chosen.sku] : (f.request?.skus ?? []);
}

/** After a message: what it named, or else what the flow in front is about, is the topic of the next one. */
export function rememberTopic(result: StepResult, event: Utterance, before?: DialogState): StepResult {
  const named = namedSkus(event.entities);
  // A flow that ended on this message ("아니요" to a cancellation) leaves what it was about as the topic: "그냥 취소해
  // 주세요" next is still about that order.
  const ended = result.state.stack.length === 0 ? productsOf(before?.stack.at(-1)) : [];
  const found = named.length ? named : productsOf(result.state.stack.at(-1));
  const topic = found.length ? found : ended;
  const { topic: _old, ...rest } = result.state;
  return { ...result, state: topic.length ? { ...rest, topic } : rest };
}
