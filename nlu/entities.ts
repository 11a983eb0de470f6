import type { Entity, Locale } from './catalogue.js';
import { extractDates, extractWindows } from './dates.js';
import { fuzzyFind } from './fuzzy.js';
import { markRejected } from './negation.js';
import { subscriptionEntities } from './subscriptions.js';
import {
  EN_NUMBERS,
  EN_UNITS,
  GENERIC_NAME_WORDS,
  INSTRUCTION_CUES,
  NOT_THE_PRODUCT,
  KO_COUNTERS,
  KO_NUMBERS,
  PLACE_WORDS,
  PRODUCT_CATEGORIES,
  PRODUCT_GROUPS,
  RETURN_METHOD_WORDS,
  RETURN_REASON_WORDS,
  DELIVERY_PROBLEM_WORDS,
  type PlaceType,
} from './lexicon.js';

export interface CatalogueItem {
  sku: string;
  name: string;
}
export interface EntityContext {
  now: Date;
  timeZone: string;
  catalogue?: CatalogueItem[];
}

const wordPatterns = new Map<string, RegExp>();
const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The text of the turn is looked up for hundreds of words: it is lowercased once, not per word. */
let lastText = '';
let lastLower = '';
const lowered = (text: string): string => {
  if (text !== lastText) {
    lastText = text;
    lastLower = text.toLowerCase();
  }
  return lastLower;
};
const HANGUL = /[가-힣]/;

/**
 * Finds a word or phrase: on word boundaries in English, as a substring in Korean (particles attach to nouns). A
 * contraction is found as typed on a phone too: without its apostrophe ("cant find", "isnt here") or with a curly one.
 */
export function findWord(text: string, word: string, locale: Locale): { start: number; end: number } | null {
  const hit = findExact(text, word, locale);
  if (hit || !/n't|'s\b/.test(word)) return hit;
  return findExact(text, word.replace(/'/g, ''), locale) ?? findExact(text, word.replace(/'/g, '\u2019'), locale);
}

function findExact(text: string, word: string, locale: Locale): { start: number; end: number } | null {
  const lower = lowered(text);
  // Most words are not in the text at all: a substring search says so before any pattern runs.
  const i = lower.indexOf(word);
  if (i < 0) return null;
  if (locale === 'ko-KR' && HANGUL.test(word)) return { start: i, end: i + word.length };
  let re = wordPatterns.get(word);
  if (!re) {
    re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(word)}(?![\\p{L}\\p{N}])`, 'u');
    if (wordPatterns.size < 50_000) wordPatterns.set(word, re);
  }
  const m = re.exec(lower);
  return m ? { start: m.index, end: m.index + m[0].length } : null;
}

/** "half a dozen", "a dozen", "two dozen": counts in dozens, read before single number words. */
const EN_DOZENS = /\b(?:(half)\s+(?:a\s+)?|(a|one|two|three|\d)\s+)?dozen\b/g;
/** A number followed by one of these is a time or a duration, not a count ("two days", "3 pm", "one hour"). */
const EN_NOT_COUNT_AFTER =
  /^\s*(?:pm|am|p\.m|a\.m|:\d|th\b|st\b|nd\b|rd\b|oz|ct|o'?clock|days?\b|hours?\b|hrs?\b|minutes?\b|mins?\b|weeks?\b|months?\b|years?\b|times?\b|-pack|pk\b|mm\b|cm\b|ml\b|l\b|lbs?\b|kg\b|g\b)/;
/** "the other one", "this one", "no one": a pronoun, not a count. */
const EN_ONE_PRONOUN =
  /\b(?:the|this|that|which|another|other|each|any|same|no|every|next|some|right|wrong|new|old|big|small|blue|black|white|red|first|second|last|cheaper|bigger|smaller|usual)\s+$/;
/** Korean numbers are read after a non-Hangul character ("세 통", "2개씩"), never inside a word ("세일 팩"). */
const KO_NUMBER_WORDS = Object.keys(KO_NUMBERS)
  .filter((w) => w !== '이')
  .sort((a, b) => b.length - a.length);
/** A counter followed by these is part of a size ("5개입", "3개월"), not a count. */
const KO_NOT_COUNT_AFTER = /^(?:입|월|매|단계|년)/;

const KO_QUANTITY = new RegExp(
  `(?<!\\d)(\\d{1,3})\\s*(${KO_COUNTERS.join('|')})|(?<![가-힣])(${KO_NUMBER_WORDS.join('|')})\\s*(${KO_COUNTERS.join('|')})`,
  'g',
);
const EN_COUNT_WORDS = Object.keys(EN_NUMBERS)
  .filter((w) => w !== 'a' && w !== 'an' && w !== 'dozen')
  .join('|');
const EN_UNIT = `(?:\\s+(?:${[...EN_UNITS].sort((a, b) => b.length - a.length).join('|')}))`;
// "two packs", "3 boxes", "a couple of", "four of those", "make it three", "a pack"
const EN_QUANTITY = new RegExp(
  `\\b(\\d{1,3}|${EN_COUNT_WORDS})\\b(${EN_UNIT}?)|\\b(?:make it|change it to|instead|only|just)\\s+(\\d{1,3}|${EN_COUNT_WORDS})\\b|\\ba (pack|box|bottle|case|bag)\\b`,
  'g',
);

const KO_ONLY_COUNT = /(?<![가-힣])(하나|둘|셋|넷|다섯)\s*만(?=요|이요|$|[\s.!?~])/g;

/** A multiplier written after the product: "x2", "× 3", "times two", "2x". */
const EN_TIMES = new RegExp(`(?:(?<![a-z])x|×|\\btimes)\\s*(\\d{1,3}|${EN_COUNT_WORDS})\\b|\\b(\\d{1,3})\\s*(?:x|×)(?![a-z0-9])`, 'g');

function quantities(text: string, locale: Locale): Entity[] {
  const out: Entity[] = [];
  if (locale === 'ko-KR') {
    for (const m of text.matchAll(KO_QUANTITY)) {
      const raw = m[1] ?? m[3] ?? '';
      const value = /^\d+$/.test(raw) ? Number(raw) : KO_NUMBERS[raw];
      if (KO_NOT_COUNT_AFTER.test(text.slice(m.index + m[0].length))) continue;
      if (value && value > 0) out.push({ type: 'quantity', value, text: m[0], start: m.index, end: m.index + m[0].length });
    }
    // A number word standing alone before 만 ("하나만", "둘만요"): how many, said as a limit.
    for (const m of text.matchAll(KO_ONLY_COUNT)) {
      const value = KO_NUMBERS[m[1] ?? ''];
      if (value && !out.some((q) => m.index < q.end && m.index + m[0].length > q.start))
        out.push({ type: 'quantity', value, text: m[0], start: m.index, end: m.index + m[0].length });
    }
    return out.sort((a, b) => a.start - b.start);
  }
  const lower = text.toLowerCase();
  for (const m of lower.matchAll(EN_DOZENS)) {
    const times = m[1] ? 0.5 : m[2] ? (/^\d$/.test(m[2]) ? Number(m[2]) : (EN_NUMBERS[m[2]] ?? 1)) : 1;
    out.push({
      type: 'quantity',
      value: Math.round(12 * times),
      text: text.slice(m.index, m.index + m[0].length),
      start: m.index,
      end: m.index + m[0].length,
    });
  }
  for (const m of lower.matchAll(EN_TIMES)) {
    const raw = m[1] ?? m[2] ?? '';
    const value = /^\d+$/.test(raw) ? Number(raw) : EN_NUMBERS[raw];
    if (value && value > 0)
      out.push({ type: 'quantity', value, text: text.slice(m.index, m.index + m[0].length), start: m.index, end: m.index + m[0].length });
  }
  for (const m of lower.matchAll(EN_QUANTITY)) {
    if (out.some((q) => m.index < q.end && m.index + m[0].length > q.start)) continue;
    const raw = m[1] ?? m[3];
    let value: number | undefined;
    if (raw) value = /^\d+$/.test(raw) ? Number(raw) : EN_NUMBERS[raw];
    else if (m[4]) value = 1;
    if (!value) continue;
    const before = lower.slice(Math.max(0, m.index - 12), m.index);
    const after = lower.slice(m.index + m[0].length);
    // A bare number without a unit is a size, a model or an order number ("size 10", "Similac 360"), not a count,
    // unless it stands alone as the answer or in a "make it N" correction.
    if (raw && /^\d+$/.test(raw) && !m[2] && !m[3] && (lower.trim() !== raw || /(size|#|order|no\.?)\s*$/.test(before))) continue;
    if (raw && !m[2] && EN_NOT_COUNT_AFTER.test(after)) continue;
    if (raw === 'one' && !m[2] && EN_ONE_PRONOUN.test(before)) continue;
    out.push({ type: 'quantity', value, text: text.slice(m.index, m.index + m[0].length), start: m.index, end: m.index + m[0].length });
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * A count that is part of a product's own name ("12 packs" of "Baby Wipes, 12 packs", "12병" of "삼다수 2L 12병")
 * is a size the customer repeats, not how many they want.
 */
function inCatalogueName(q: Entity, catalogue: CatalogueItem[]): boolean {
  const words = q.text.toLowerCase().trim().split(/\s+/).map(escapeRe).join('\\s*');
  if (!/^\d/.test(q.text.trim())) return false;
  const re = new RegExp(`(?<![\\d.])${words}`, 'i');
  return catalogue.some((item) => re.test(item.name));
}

/** Place words per locale, longer, more specific phrases first, so "car trunk" wins over "car" and "in-home" over "home". */
const PLACE_LIST = Object.fromEntries(
  (['en-US', 'ko-KR'] as const).map((locale) => {
    const all: Array<[PlaceType, string]> = [];
    for (const [type, words] of Object.entries(PLACE_WORDS) as Array<[PlaceType, { en: string[]; ko: string[] }]>) {
      for (const w of locale === 'ko-KR' ? [...words.ko, ...words.en] : words.en) all.push([type, w]);
    }
    return [locale, all.sort((a, b) => b[1].length - a[1].length)];
  }),
) as Record<Locale, Array<[PlaceType, string]>>;

function places(text: string, locale: Locale): Entity[] {
  const out: Entity[] = [];
  for (const [type, w] of PLACE_LIST[locale]) {
    const hit = findWord(text, w, locale);
    if (!hit || out.some((e) => hit.start < e.end && hit.end > e.start)) continue;
    // "home" inside "go home" is rare in shopping talk; but "at home" in "I won't be home" is not a destination.
    if (type === 'home' && locale === 'en-US' && /\b(?:be|being|am|i'm|not)\s+(?:at\s+)?home\b/i.test(text)) continue;
    if (type === 'office' && locale === 'en-US' && w === 'work' && !/\b(?:to|at|for)\s+(?:my\s+)?work\b/i.test(text)) continue;
    out.push({ type: 'place', value: type, text: text.slice(hit.start, hit.end), start: hit.start, end: hit.end });
  }
  return out;
}

/** Results that depend on a product's name alone, worked out once per name (a customer's history repeats on every turn). */
function memo<T>(compute: (name: string) => T): (name: string) => T {
  const cache = new Map<string, T>();
  return (name) => {
    let v = cache.get(name);
    if (v === undefined) {
      v = compute(name);
      if (cache.size >= 20_000) cache.clear();
      cache.set(name, v);
    }
    return v;
  };
}

/** The words of a product's own name that identify it (brand, kind), without sizes and counts. */
const nameWords = memo((name: string): string[] =>
  name
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .filter((w) => w.length >= 3 || /[가-힣]{2,}/.test(w))
    .filter((w) => !GENERIC_NAME_WORDS.has(w)),
);

export const categoriesOf = memo((name: string): string[] => {
  const lower = name.toLowerCase();
  return PRODUCT_CATEGORIES.filter((c) => [...c.en, ...c.ko].some((w) => (HANGUL.test(w) ? lower.includes(w) : findWord(lower, w, 'en-US')))).map(
    (c) => c.key,
  );
});

/** The single words of the lexicon that may be misspelt, with their category, per locale. */
const FUZZY_CATEGORY_WORDS: Record<Locale, Map<string, string>> = { 'en-US': new Map(), 'ko-KR': new Map() };
for (const c of PRODUCT_CATEGORIES) {
  for (const w of c.en)
    if (/^\p{L}+$/u.test(w)) {
      FUZZY_CATEGORY_WORDS['en-US'].set(w, c.key);
      FUZZY_CATEGORY_WORDS['ko-KR'].set(w, c.key);
    }
  for (const w of c.ko) if (/^\p{L}+$/u.test(w)) FUZZY_CATEGORY_WORDS['ko-KR'].set(w, c.key);
}

const FUZZY_CATEGORY_LIST: Record<Locale, string[]> = {
  'en-US': [...FUZZY_CATEGORY_WORDS['en-US'].keys()],
  'ko-KR': [...FUZZY_CATEGORY_WORDS['ko-KR'].keys()],
};
/** A category's words as Korean text is searched for them: its Korean words, then its English ones. */
const CATEGORY_WORDS_KO = new Map(PRODUCT_CATEGORIES.map((c) => [c, [...c.ko, ...c.en]]));
const GROUP_LIST = Object.entries(PRODUCT_GROUPS).map(([group, words]) => ({
  en: words.en,
  ko: [...words.ko, ...words.en],
  categories: PRODUCT_CATEGORIES.filter((c) => c.groups?.includes(group)).map((c) => c.key),
}));

type Mention = { categories: string[]; text: string; start: number; end: number; weight: number };

/** "diaper bag", "기저귀 가방": a product word that only describes another thing names no product of its category. */
const describesAnother = (text: string, end: number, locale: Locale): boolean =>
  (locale === 'ko-KR' ? NOT_THE_PRODUCT.ko : NOT_THE_PRODUCT.en).test(text.slice(end).toLowerCase());

/** Product mentions: categories and groups from the lexicon, and, given a catalogue, the SKUs they point to. */
function products(text: string, locale: Locale, catalogue: CatalogueItem[] | undefined): Entity[] {
  const mentions: Mention[] = [];
  for (const c of PRODUCT_CATEGORIES) {
    for (const w of locale === 'ko-KR' ? CATEGORY_WORDS_KO.get(c)! : c.en) {
      const hit = findWord(text, w, locale);
      if (hit) {
        mentions.push({ categories: [c.key], text: text.slice(hit.start, hit.end), ...hit, weight: 0.8 });
        break;
      }
    }
  }
  // Misspelt category words ("diapres", "기져귀"), where no word of the lexicon was found as written.
  const overlapsMention = (h: { start: number; end: number }): boolean => mentions.some((m) => h.start < m.end && h.end > m.start);
  const vocabulary = FUZZY_CATEGORY_WORDS[locale];
  for (const hit of fuzzyFind(text, FUZZY_CATEGORY_LIST[locale])) {
    const key = vocabulary.get(hit.word);
    if (!key || overlapsMention(hit) || mentions.some((m) => m.categories.length === 1 && m.categories[0] === key)) continue;
    mentions.push({ categories: [key], text: text.slice(hit.start, hit.end), start: hit.start, end: hit.end, weight: 0.7 });
  }
  for (const { ko, en, categories } of GROUP_LIST) {
    for (const w of locale === 'ko-KR' ? ko : en) {
      const hit = findWord(text, w, locale);
      if (hit) {
        mentions.push({ categories, text: text.slice(hit.start, hit.end), ...hit, weight: 0.5 });
      }
    }
  }
  // A mention followed by the thing it describes ("diaper bag") is dropped; a product the customer bought with that
  // thing in its name ("… Diaper Bag") still matches by its own words ("bag"), the describing word being skipped.
  const kept = mentions.filter((m) => !describesAnother(text, m.end, locale));
  if (!catalogue || catalogue.length === 0) {
    return kept.flatMap((m) =>
      m.categories.length === 1
        ? [{ type: 'product' as const, value: m.categories[0]!, text: m.text, start: m.start, end: m.end, score: m.weight }]
        : [],
    );
  }
  const out: Entity[] = [];
  const lowerText = text.toLowerCase();
  for (const item of catalogue) {
    const cats = categoriesOf(item.name);
    let score = 0;
    let span: { text: string; start: number; end: number } | undefined;
    for (const m of kept) {
      if (m.categories.some((c) => cats.includes(c)) && m.weight > score) {
        score = m.weight;
        span = m;
      }
    }
    // Distinctive words of the product's own name ("sonicare", "huggies", "삼다수") raise the score; a misspelt or
    // split one ("sonic care", "멀티 팩") a little less.
    const own = nameWords(item.name).filter((w) => !(categoriesOf(w).length > 0 && score > 0));
    const exact = new Set<string>();
    for (const w of own) {
      const hit = findWord(lowerText, w, /[가-힣]/.test(w) ? 'ko-KR' : 'en-US');
      // Words already read as a category or group ("baby" in "baby stuff") do not single out one product.
      if (hit && !mentions.some((m) => hit.start < m.end && hit.end > m.start)) {
        exact.add(w);
        score = Math.min(1, Math.max(score, 0.6) + 0.2);
        span ??= { text: text.slice(hit.start, hit.end), ...hit };
      } else if (hit) exact.add(w);
    }
    for (const hit of fuzzyFind(
      text,
      own.filter((w) => !exact.has(w)),
    )) {
      if (mentions.some((m) => hit.start < m.end && hit.end > m.start)) continue;
      score = Math.min(1, Math.max(score, 0.55) + 0.15);
      span ??= { text: text.slice(hit.start, hit.end), start: hit.start, end: hit.end };
    }
    if (score > 0 && span) out.push({ type: 'product', value: item.sku, text: span.text, start: span.start, end: span.end, score });
  }
  return out.sort((a, b) => (a.type === 'product' && b.type === 'product' ? b.score - a.score : 0));
}

/** The first word of a small lexicon found in the text, with the value it names. */
function fromLexicon<V extends string>(
  text: string,
  locale: Locale,
  lexicon: Record<V, { en: string[]; ko: string[] }>,
): Array<{ value: V; text: string; start: number; end: number }> {
  for (const value of Object.keys(lexicon).filter((k): k is V => k in lexicon)) {
    const words = lexicon[value];
    for (const w of locale === 'ko-KR' ? [...words.ko, ...words.en] : words.en) {
      const hit = findWord(text, w, locale);
      if (hit) return [{ value, text: text.slice(hit.start, hit.end), start: hit.start, end: hit.end }];
    }
  }
  return [];
}

/** A door or courier note in Korean: a spot at the door (문 앞, 현관, 경비실, 택배함) and a verb of leaving it there. */
const KO_DOOR_NOTE = /(?:문\s*앞|문앞|문고리|현관|경비실|택배함)[^.?!]*?(?:놔|놓아|놓고|놔두|두고|둬|두세요|맡겨|맡기|넣어)/;
/** "편의점 말고 집 앞에 두세요" weighs one place against another: a change of place, not a note. */
const KO_CONTRAST = /말고|대신|아니고|아니라/;

/** Words that open a change of mind ("actually, …", "hmm no, …", "아 그냥 …"): they are not for the courier. */
const CHANGE_OF_MIND = /^(?:(?:actually|oh|ah|hmm+|um+|well|no|nah|wait|instead|just|아+|음+|어+|그냥|아니(?:요)?|차라리)[,.!\s]+)+/i;

/** Where the first word that makes a message a note for the courier stands ("ring", "knock", "벨", "문 앞"); -1 if none. */
export function courierCueAt(text: string, locale: Locale): number {
  const cues = locale === 'ko-KR' ? [...INSTRUCTION_CUES.ko, ...INSTRUCTION_CUES.en] : INSTRUCTION_CUES.en;
  const at = Math.min(...cues.map((c) => findWord(text, c, locale)?.start ?? Infinity));
  return at === Infinity ? -1 : at;
}

/** A note for the courier: the customer's own words, when they carry a cue and name no place. */
function instructions(text: string, locale: Locale, placesFound: Entity[]): Entity[] {
  // A place only set aside ("회사 말고 문 앞에 두고 가주세요", "not the office, leave it at the front desk") names no
  // place; the words that set it aside are not for the courier.
  if (placesFound.some((p) => !p.negated)) return [];
  const at = courierCueAt(text, locale);
  if (at < 0) return [];
  // Only what sets a place aside before the note is cut ("leave it at the door, not the office" stays whole).
  const setAside = Math.max(0, ...placesFound.filter((p) => p.end <= at).map((p) => p.end));
  const note = text
    .slice(setAside)
    .replace(/^\s*(?:말고|대신|아니고|아니라)?[\s,.]*/, '')
    .trim()
    .replace(CHANGE_OF_MIND, '')
    .replace(/^(?:please\s+)?(?:tell the (?:courier|driver) (?:to\s+)?|courier instructions?:\s*|note:\s*)/i, '')
    .replace(/,?\s+instead[.!]*$/i, '')
    .slice(0, 200);
  return [{ type: 'instructions', value: note, text, start: 0, end: text.length }];
}

/**
 * Entities already read without a catalogue, with their products resolved to the customer's own SKUs instead.
 * The other entities stay as they were, but for counts that turn out to be part of a product's name ("12 packs").
 */
export function withCatalogue(entities: Entity[], text: string, locale: Locale, catalogue: CatalogueItem[]): Entity[] {
  return [
    ...products(text, locale, catalogue),
    ...entities.filter((e) => e.type !== 'product' && !(e.type === 'quantity' && inCatalogueName(e, catalogue))),
  ];
}

export function extractEntities(text: string, locale: Locale, ctx: EntityContext): Entity[] {
  const prods = products(text, locale, ctx.catalogue);
  const subs = subscriptionEntities(text, locale);
  const intervals = subs.filter((e) => e.type === 'interval');
  // A date inside an interval ("every four weeks", "매달 첫째 주 토요일") is not a day the customer named.
  const dates = extractDates(text, locale, ctx.now, ctx.timeZone).filter((d) => !intervals.some((i) => d.start < i.end && d.end > i.start));
  // Numbers inside a product's name, a date ("two days later") or an interval ("2주마다") are not quantities.
  const inProduct = (e: Entity): boolean => [...prods, ...dates, ...intervals].some((p) => e.start >= p.start && e.end <= p.end);
  // "집 문 앞에 놔 주세요", "현관 앞에 두고 가세요": where to leave it at the door is a note for the courier, not a new place.
  const placeEntities = locale === 'ko-KR' && KO_DOOR_NOTE.test(text) && !KO_CONTRAST.test(text) ? [] : places(text, locale);
  const entities: Entity[] = [
    ...prods,
    ...quantities(text, locale).filter((q) => !inProduct(q) && !(ctx.catalogue && inCatalogueName(q, ctx.catalogue))),
    ...placeEntities,
    ...fromLexicon(text, locale, RETURN_REASON_WORDS).map((e) => ({ type: 'return_reason' as const, ...e })),
    ...fromLexicon(text, locale, RETURN_METHOD_WORDS).map((e) => ({ type: 'return_method' as const, ...e })),
    ...fromLexicon(text, locale, DELIVERY_PROBLEM_WORDS).map((e) => ({ type: 'delivery_problem' as const, ...e })),
    // A place only set aside ("회사 말고 문 앞에 두고 가주세요", "not the office, leave it at the front desk") names no place.
    ...instructions(text, locale, markRejected(placeEntities, text, locale)),
    ...dates.map((d) => ({ type: 'date' as const, ...d })),
    ...extractWindows(text, locale).map((w) => ({ type: 'time_window' as const, ...w })),
    ...subs,
  ];
  return markRejected(entities, text, locale);
}
