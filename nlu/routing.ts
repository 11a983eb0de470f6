import type { Locale } from '../domain/locale.js';
import type { Entity, IntentName } from '../domain/understanding.js';

// Words that ask for a new order of something bought before, and words about a delivery already on its way.
const REORDER_WORDS: Record<Locale, RegExp> = {
  'en-US':
    /\b(?:re-?order|reoder|reordr|order\s+(?:\w+\s+){0,3}(?:again|more)|buy\s+(?:\w+\s+){0,3}(?:again|more)|get\s+(?:\w+\s+){0,3}again|another\s+(?:pack|box|bottle|one|order))\b/i,
  'ko-KR':
    /재주문|다시\s*(?:주문|시켜|사|구매)|또\s*(?:주문|시켜|사)|한\s*번\s*더|주문\s*(?:해|할|하고|하려|하고\s*싶|해\s*줘|부탁)|시켜\s*(?:줘|주세요|줄래)|시킬게|구매\s*(?:해|할)/,
};
const DELIVERY_WORDS: Record<Locale, RegExp> = {
  'en-US':
    /\b(?:deliver(?:y|ies|ed|ing)?|package|parcel|shipment|shipping|shipped|in transit|on (?:its|the) way|coming|arriv\w*|reroute|redirect|the order i (?:placed|made)|my (?:open|current) order)\b/i,
  'ko-KR': /배송|택배|배달|도착|오는|오고\s*있는|주문한|주문했|시킨|보낸/,
};

// Words that call an order off.
const CANCEL_WORDS: Record<Locale, RegExp> = {
  'en-US': /\b(?:cancel\w*|call (?:it |that |the order )?off)\b/i,
  'ko-KR': /취소|주문\s*철회/,
};

// Words that ask for a delivery to go somewhere: without them a street address alone ("I am at 500 Market Street") changes nothing.
const ADDRESS_CHANGE_WORDS: Record<Locale, RegExp> = {
  'en-US': /\b(?:address|adress|addres|deliver\w*|ship\w*|send|sent|bring|drop|package|parcel|redirect|reroute)\b/i,
  'ko-KR': /주소|배송|배달|택배|보내|받을|받고|옮겨/,
};

/**
 * A reorder with a destination is not a move. "reorder the wipes to my office" names a place, which makes it look like
 * a change of delivery place; without any word about a delivery on its way, a request that asks to order again is a
 * reorder. Moving an open shipment needs words about that delivery ("move the wipes delivery", "주문한 물티슈").
 */
export function placeOrReorder(intent: IntentName, text: string, locale: Locale, entities: readonly Entity[] = []): IntentName {
  // A new street address to deliver to is a change of place ("change my delivery adress to 42 Oak street"), not of time,
  // nor a new order when nothing asks to order again ("물티슈 서울시 마포구 월드컵로 55로 보내 주세요").
  if (
    entities.some((e) => e.type === 'address') &&
    !REORDER_WORDS[locale].test(text) &&
    ['change_delivery_slot', 'order_status', 'out_of_scope', 'reorder'].includes(intent) &&
    ADDRESS_CHANGE_WORDS[locale].test(text)
  ) {
    return 'change_delivery_place';
  }
  // "reorder tide, deliver it monday evening", "삼다수 다시 주문해 줘 월요일 저녁에 오게": a request to order again, said
  // first, with when (or where) the new order should come — the words about a delivery are the new order's.
  const reorderAt = REORDER_WORDS[locale].exec(text)?.index;
  const deliveryAt = DELIVERY_WORDS[locale].exec(text)?.index;
  if (
    (intent === 'change_delivery_slot' || intent === 'change_delivery_place') &&
    reorderAt !== undefined &&
    deliveryAt !== undefined &&
    reorderAt < deliveryAt &&
    entities.some((e) => e.type === 'product')
  ) {
    return 'reorder';
  }
  // A thing bought and a word to cancel it ("삼다수 시킨 거 취소해 주세요", "cancel the detergent I got") is a cancellation:
  // the words of a past order ("시킨", "ordered") read as a reorder only when nothing undoes it and nothing asks again.
  if (intent === 'reorder' && CANCEL_WORDS[locale].test(text) && !REORDER_WORDS[locale].test(text)) return 'cancel_order';
  if (intent !== 'change_delivery_place') return intent;
  return REORDER_WORDS[locale].test(text) && !DELIVERY_WORDS[locale].test(text) ? 'reorder' : intent;
}
