import type { Entity, EntityType, Locale } from './catalogue.js';

/**
 * Negation and contrast: "not tomorrow morning — evening", "I won't be home tomorrow morning… evening instead",
 * "집 말고 편의점", "내일 오전엔 집에 없어서… 저녁에". The day, time or place the customer rejects is marked
 * `negated` and put after the wanted ones, so `firstEntity` (which skips rejected ones) yields what they want.
 */
export interface RejectedScope {
  /** The words the rejection covers (after "not" in English, before "말고" in Korean). */
  start: number;
  end: number;
  /** The customer says they will not be there ("won't be home", "집에 없어"): a place in it is never wanted. */
  absence: boolean;
  /** Where the rejected words stand from the cue: after it ("not X"), or before it ("X 말고", "tomorrow doesn't work"). */
  side: 'after' | 'before';
}

/**
 * The entity types a rejection applies to. Products are left to the dialog's own choice of items; a quantity is rejected
 * only for another one ("세 개 말고 두 개", "not three, two"), never on its own ("can't I get 2 packs?").
 */
const REJECTABLE = new Set<EntityType>(['date', 'time_window', 'place', 'quantity']);

// ---- English ----
/** Phrases with a negation word that reject nothing ("not sure", "no problem", "don't mind"). */
const EN_IDIOMS =
  /\b(?:not (?:sure|certain|a problem|too|only)|no (?:problem|worries|rush|need|later than|earlier than|more than)|not (?:later|earlier) than|why not|if not|or not|can[’']?t wait|cannot wait|(?:don[’']?t|do not) (?:mind|care|forget)|(?:doesn[’']?t|does not) matter)\b/gi;
/** Rejections of what was said before: "tomorrow doesn't work", "mornings are no good", "monday is bad". */
const EN_AFTERWORD =
  /\b(?:(?:does|do|will|would)(?:n[’']?t| not) (?:work|suit)|won[’']?t work|(?:is|are|'s)(?:n[’']?t| not| no) (?:good|ideal|possible|great|ok|okay|convenient)|(?:is|are|'s) (?:bad|impossible|out)|no good|no go)\b/gi;
/** Rejections of what follows: "not X", "anything but X", "instead of X", "don't send it to X". */
const EN_CUE =
  /\b(?:not|never|no|anything but|any (?:day|time) but|anytime but|everything but|except(?: for)?|other than|instead of|rather than|(?:won|don|can|isn|aren|wouldn|shouldn|couldn|doesn)[’']?t|cannot)\b/gi;
/** Being away: "I'm away monday", "I'll be out tomorrow" (not "I'm out of diapers"). */
const EN_AWAY =
  /\b(?:i[’']?m|i am|i[’']?ll be|i will be|we[’']?re|we are|we[’']?ll be|we will be|i[’']?m going to be)\s+(?:away|out(?!\s+of\b)|out of town|busy|traveling|travelling|on (?:vacation|holiday))\b/gi;
/** Where a rejected phrase ends: punctuation, or a word that starts the alternative ("but", "instead", "can you…"). */
const EN_END =
  /[.;!?…—–:,]|\s-\s|\b(?:but|so|instead|rather|then|can|could|would|will|please|how about|what about|make it|let[’']?s|maybe|perhaps|only|just|i[’']?d|i prefer|prefer|better|works|is fine|okay|ok)\b/gi;

function firstMatchFrom(re: RegExp, text: string, from: number): number {
  re.lastIndex = from;
  const m = re.exec(text);
  return m ? m.index : text.length;
}

function englishScopes(text: string): RejectedScope[] {
  const lower = text.toLowerCase();
  const idioms = [...lower.matchAll(EN_IDIOMS)].map((m) => [m.index, m.index + m[0].length] as const);
  const scopes: RejectedScope[] = [];
  const taken = (i: number): boolean => idioms.some(([s, e]) => i >= s && i < e);
  const after = [...lower.matchAll(EN_AFTERWORD)];
  for (const m of after) {
    if (taken(m.index)) continue;
    // From the last boundary before the cue.
    let start = 0;
    for (const b of lower.slice(0, m.index).matchAll(/[.;!?…—–:,]|\s-\s|\b(?:but|so|and)\b/g)) start = b.index + b[0].length;
    scopes.push({ start, end: m.index, absence: false, side: 'before' });
  }
  const inAfterword = (i: number): boolean => after.some((m) => i >= m.index && i < m.index + m[0].length);
  for (const re of [EN_CUE, EN_AWAY]) {
    for (const m of lower.matchAll(re)) {
      if (taken(m.index) || inAfterword(m.index)) continue;
      const cueEnd = m.index + m[0].length;
      // A "no" opening the message answers a question ("no, thursday morning"): it rejects nothing after it,
      // unless a plural follows ("no mornings", "no deliveries on monday").
      if (m[0] === 'no' && lower.slice(0, m.index).trim() === '' && !/^\s+\p{L}+s\b/u.test(lower.slice(cueEnd))) continue;
      const end = firstMatchFrom(EN_END, lower, cueEnd);
      const absence =
        re === EN_AWAY ||
        /^\s+(?:be|been|at|in|there|around|available)\b/.test(lower.slice(cueEnd)) ||
        /\b(?:i[’']?m|i am|we[’']?re|we are|i[’']?ll|i will|we[’']?ll)\s+$/.test(lower.slice(0, m.index));
      scopes.push({ start: cueEnd, end, absence, side: 'after' });
    }
  }
  return scopes;
}

// ---- Korean ----
/** Phrases with a negative word that reject nothing ("문제없어요", "상관없어요") or ask politely ("받으면 안 될까요?"). */
const KO_IDIOMS = /(?:문제\s*없|상관\s*없|걱정\s*없|관계\s*없|차이\s*없|수밖에\s*없|안\s*(?:될까|되나|되겠|돼요\?|되죠|될지))/g;
/** "X 말고", "X 아니고", "X 빼고", "X 대신", "X는 안 돼요", "X는 어려워요", "X로 보내지 마세요". */
const KO_REJECT = /(?:말고|말구|아니고|아니라|아니면|빼고|제외하고|대신|안\s*돼|안\s*되|어렵|곤란|힘들|싫|별로|불가|마세요|말아)/g;
/** "X에 없어서", "X에 부재", "X엔 못 받아": the customer is not there. */
const KO_ABSENT = /(?:없어|없을|없는|없으|없거|없습|없고|없음|부재|외출|못\s*받|안\s*계|비어|비워)/g;
/**
 * Where the words a Korean cue rejects begin: the last punctuation or clause ending before it — a joined clause too
 * ("회사로 보내고 벨은 누르지 마세요", "… 그리고 …"): a place in the clause before is not what 마세요 refuses; a sentence
 * ended without a full stop as well ("월요일에 받을게요 오전은 말고요": Monday is wanted).
 */
const KO_START =
  /[.?!,;…~\n]|(?:는데|은데|인데|니까|지만|거든요?|고요|어서|아서|해서|[가-힣]고|[게어아해세죠]요|니다)\s|(?:그리고|그러고|그\s?다음에?)\s*/g;

function koreanScopes(text: string): RejectedScope[] {
  const idioms = [...text.matchAll(KO_IDIOMS)].map((m) => [m.index, m.index + m[0].length] as const);
  const cues = [
    ...[...text.matchAll(KO_REJECT)].map((m) => ({ at: m.index, end: m.index + m[0].length, absence: false })),
    ...[...text.matchAll(KO_ABSENT)].map((m) => ({ at: m.index, end: m.index + m[0].length, absence: true })),
  ]
    .filter((c) => !idioms.some(([s, e]) => c.at >= s && c.at < e))
    .sort((a, b) => a.at - b.at);
  const scopes: RejectedScope[] = [];
  let previous = 0;
  for (const c of cues) {
    let start = previous;
    for (const b of text.slice(0, c.at).matchAll(KO_START)) start = Math.max(start, b.index + b[0].length);
    scopes.push({ start, end: c.at, absence: c.absence, side: 'before' });
    previous = c.end;
  }
  return scopes;
}

export function rejectedScopes(text: string, locale: Locale): RejectedScope[] {
  return locale === 'ko-KR' ? koreanScopes(text) : englishScopes(text);
}

/**
 * A product's variant set aside for another ("분유 2단계 말고 3단계로", "not the size 2, size 3"): rejected, like a
 * quantity, only when another variant is named (found apart from the other entities, nlu/variants.ts).
 */
export const VARIANTS: ReadonlySet<EntityType> = new Set<EntityType>(['variant']);

/**
 * Marks the days, times and places the customer rejects, and puts them after the wanted ones.
 *
 * A rejection covers the nearest day, time and place its words name. It rejects one of them when the customer
 * names another of the same kind elsewhere ("not tomorrow MORNING — EVENING": the time, not the day, which carries
 * over), when they name no alternative at all ("anything but monday"), and always the place they will not be at
 * ("I won't be at the office", "집에 없어서").
 */
export function markRejected(entities: Entity[], text: string, locale: Locale, types: ReadonlySet<EntityType> = REJECTABLE): Entity[] {
  const scopes = rejectedScopes(text, locale);
  if (scopes.length === 0) return entities;
  const covered = new Map<Entity, RejectedScope>();
  for (const s of scopes) {
    // An entity that starts inside the rejected words is in it, whatever it ends with ("not monday, tuesday": the day's
    // words may carry the comma that ends the rejection).
    const inside = entities.filter((e) => types.has(e.type) && e.start >= s.start && e.start < s.end && !covered.has(e));
    const nearestFirst = s.side === 'after' ? inside : [...inside].reverse();
    const seen = new Set<EntityType>();
    for (const e of nearestFirst) {
      if (seen.has(e.type)) continue;
      seen.add(e.type);
      covered.set(e, s);
    }
  }
  const alternatives = entities.filter((e) => types.has(e.type) && !covered.has(e));
  // A rejection of one thing alone ("monday but not in the morning", "월요일인데 오전은 말고") rejects it, whatever else
  // is wanted; one of several ("not tomorrow morning — monday") rejects only what has another of its kind.
  const alone = (s: RejectedScope): boolean => [...covered.values()].filter((c) => c === s).length === 1;
  const rejected = new Set<Entity>();
  for (const [e, s] of covered) {
    const other = alternatives.some((a) => a.type === e.type);
    if (
      e.type === 'quantity' || e.type === 'variant'
        ? other
        : (s.absence && e.type === 'place') || alternatives.length === 0 || other || (alone(s) && e.type !== 'place')
    )
      rejected.add(e);
  }
  if (rejected.size === 0) return entities;
  const marked = entities.map((e): Entity => (rejected.has(e) ? { ...e, negated: true } : e));
  return [...marked.filter((e) => !e.negated), ...marked.filter((e) => e.negated)];
}
