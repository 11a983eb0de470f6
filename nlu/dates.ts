import * as chrono from 'chrono-node';
import { addDays, isoDate, zonedParts } from '../domain/time.js';
import type { DateValue, Locale, TimeValue } from './catalogue.js';
import { TIME_OF_DAY_WORDS, type TimeOfDay } from './lexicon.js';

export interface DateMention {
  value: DateValue;
  text: string;
  start: number;
  end: number;
}
export interface WindowMention {
  value: TimeValue;
  text: string;
  start: number;
  end: number;
}

const KO_WEEKDAYS = ['일요일', '월요일', '화요일', '수요일', '목요일', '금요일', '토요일'];
const KO_RELATIVE: Array<[RegExp, number]> = [
  [/오늘/g, 0],
  [/내일/g, 1],
  [/모레/g, 2],
  [/글피/g, 3],
];

type Today = { iso: string; weekday: number; y: number; m: number; d: number };

/** The calendar week runs Monday to Sunday (as Korean calendars and shops count it): this week's Monday. */
const mondayOf = (today: Today): string => addDays(today.iso, -((today.weekday + 6) % 7));
const lastOfMonth = (y: number, m: number): string => isoDate(y, m + 1, 0);
/** A run of days, or one day when the run is a single day; days already past are left out. */
function run(from: string, to: string, today: Today): DateValue | null {
  const start = from < today.iso ? today.iso : from;
  if (start > to) return null;
  return start === to ? { on: start } : { from: start, to };
}

/** Which week a word points at: this calendar week, the next one, or the one after that. */
const weekOffset = (word: string | undefined): number => (!word ? 0 : /다다음/.test(word) ? 2 : /다음|담|next/i.test(word) ? 1 : 0);

type RangeKind = 'weekend' | 'weekdays' | 'week' | 'month_end' | 'month_start' | 'last_day';

/** The days a range word means, counted from today on the customer's calendar (Monday to Sunday weeks). */
function rangeOf(kind: RangeKind, offset: number, today: Today): DateValue | null {
  const monday = addDays(mondayOf(today), 7 * offset);
  switch (kind) {
    case 'weekend':
      // On a Sunday, what is left of this weekend is today, too late for a delivery: the coming one is meant.
      if (today.weekday === 0 && offset === 0) return run(addDays(monday, 12), addDays(monday, 13), today);
      return run(addDays(monday, 5), addDays(monday, 6), today);
    case 'week':
      return run(monday, addDays(monday, 6), today);
    case 'weekdays': {
      // Weekdays said without a week are the ones left after today, or next week's when none are left.
      if (offset === 0) {
        const rest = run(addDays(today.iso, 1), addDays(monday, 4), today);
        if (rest) return rest;
        return run(addDays(monday, 7), addDays(monday, 11), today);
      }
      return run(monday, addDays(monday, 4), today);
    }
    case 'month_end':
    case 'last_day': {
      // The last week of the month (or of the next month when said so); 말일 is its very last day.
      const month = today.m + offset;
      const last = lastOfMonth(today.y, month);
      return kind === 'last_day' ? run(last, last, today) : run(addDays(last, -6), last, today);
    }
    case 'month_start': {
      // The first week of the next month: the start of this one has passed by the time anyone asks for it.
      const month = today.m + Math.max(1, offset);
      return run(isoDate(today.y, month, 1), isoDate(today.y, month, 7), today);
    }
  }
}

/** Runs of days in Korean, the longer phrase first: 다음 주 주말, 주말, 평일, 주중, 이번 주, 다음 주, 월말, 이달 말, 말일, 다음 달 초. */
const KO_RANGES: Array<[RegExp, RangeKind]> = [
  [/(?:(이번|요번|다음|담|다다음)\s*(?:주\s*)?)?주말/g, 'weekend'],
  [/(?:(이번|요번|다음|담|다다음)\s*주\s*)?평일/g, 'weekdays'],
  [/(?:(이번|요번|다음|담|다다음)\s*)?주중/g, 'weekdays'],
  // "다음 주에", "이번 주 안에": a week; never "이번 주문", "다음 주소" or an interval ("2주마다").
  [/(이번|요번|다음|담|다다음)\s*주(?=$|[^가-힣]|에|엔|중|까지|안|내|부터|쯤|나|로|는|도|동안|초)/g, 'week'],
  [/(?:(이번|다음|담)\s*달|이달)\s*(?:말일|마지막\s*날)/g, 'last_day'],
  [/(?:(이번|다음|담)\s*달|이달)\s*말(?!고)|월말/g, 'month_end'],
  [/말일/g, 'last_day'],
  [/(?:(다음|담)\s*달)\s*초|월초/g, 'month_start'],
];
/** The same runs in English: (this|next) weekend, weekdays, (this|next) week, (the) end of (the|this|next) month. */
const EN_RANGES: Array<[RegExp, RangeKind]> = [
  [/\b(?:(this|next|the)\s+)?weekend\b/gi, 'weekend'],
  [/\b(?:on\s+)?(?:a\s+)?weekdays?(?:\s+(next)\s+week)?\b|\bduring\s+the\s+week\b/gi, 'weekdays'],
  [/\b(this|next)\s+week\b/gi, 'week'],
  [/\b(?:the\s+)?last\s+day\s+of\s+(?:the\s+|this\s+|(next)\s+)?month\b/gi, 'last_day'],
  [/\b(?:(?:at|by|towards?|around)\s+)?(?:the\s+)?end\s+of\s+(?:the\s+|this\s+|(next)\s+)?month\b|\bmonth[-\s]end\b/gi, 'month_end'],
  [/\b(?:the\s+)?(?:start|beginning)\s+of\s+(?:the\s+|(next)\s+)?month\b|\bearly\s+next\s+month\b/gi, 'month_start'],
];

/** Runs of days the text names, where no day named already covers the words. */
function rangeDates(text: string, locale: Locale, today: Today, taken: DateMention[]): DateMention[] {
  const found: DateMention[] = [];
  const free = (start: number, end: number): boolean => ![...taken, ...found].some((o) => start < o.end && end > o.start);
  for (const [re, kind] of locale === 'ko-KR' ? KO_RANGES : EN_RANGES) {
    for (const mt of text.matchAll(re)) {
      const lead = mt[0].length - mt[0].trimStart().length;
      const start = mt.index + lead;
      const end = mt.index + mt[0].length;
      if (!free(start, end)) continue;
      // "the weekend" is this one; "다음 주말", "next month" move to the next week or month.
      const word = mt[1]?.toLowerCase() === 'the' ? undefined : mt[1];
      const offset = weekOffset(word);
      const value = rangeOf(kind, offset, today);
      if (value) found.push({ value, text: mt[0].trim(), start, end });
    }
  }
  return found;
}

/** Dates in Korean: 오늘/내일/모레/글피, (이번|다음) 주 X요일, N월 N일, N일, and runs of days (주말, 다음 주, 월말…). */
function koreanDates(text: string, today: Today): DateMention[] {
  const found: DateMention[] = [];
  for (const [re, days] of KO_RELATIVE) {
    for (const mt of text.matchAll(re))
      found.push({ value: { on: addDays(today.iso, days) }, text: mt[0], start: mt.index, end: mt.index + mt[0].length });
  }
  // Every weekday named ("월요일 말고 화요일"): which one is wanted is decided later. "다음 주 X요일" is that day of the
  // next calendar week (Monday to Sunday): on a Friday, 다음 주 월요일 is three days away.
  // Said as people type it too: "월욜", "담주 화욜", "요번 주 금욜".
  const weekdays = [...text.matchAll(/(다다음\s*주|다음\s*주|담\s*주|이번\s*주|요번\s*주)?\s*([월화수목금토일])(?:요일|욜)/g)];
  for (const wd of weekdays) {
    const target = KO_WEEKDAYS.indexOf(`${wd[2]}요일`);
    let on: string;
    if (wd[1]) {
      on = addDays(mondayOf(today), 7 * weekOffset(wd[1]) + ((target + 6) % 7));
      // "이번 주 월요일" said after Monday: the coming one.
      if (on < today.iso) on = addDays(on, 7);
    } else {
      let delta = (target - today.weekday + 7) % 7;
      if (delta === 0) delta = 7;
      on = addDays(today.iso, delta);
    }
    const lead = wd[0].length - wd[0].trimStart().length;
    found.push({ value: { on }, text: wd[0].trim(), start: wd.index + lead, end: wd.index + wd[0].length });
  }
  for (const md of text.matchAll(/(?:(\d{1,2})\s*월\s*)?(\d{1,2})\s*일(?![요])/g)) {
    const month = md[1] ? Number(md[1]) : today.m;
    const day = Number(md[2]);
    const year = today.y;
    let iso = isoDate(year, month, day);
    if (iso < today.iso) iso = md[1] ? isoDate(year + 1, month, day) : isoDate(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, day);
    if (day >= 1 && day <= 31) found.push({ value: { on: iso }, text: md[0], start: md.index, end: md.index + md[0].length });
  }
  found.push(...rangeDates(text, 'ko-KR', today, found));
  return found.sort((a, b) => a.start - b.start);
}

const EN_COUNT: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, couple: 2 };
const KO_COUNT: Record<string, number> = { 하루: 1, 이틀: 2, 사흘: 3, 나흘: 4 };

/** "push it back a day", "two days later", "하루 미뤄줘", "이틀 뒤로": a shift of the current date, "+Nd". */
function relativeShift(text: string, locale: Locale): DateMention | null {
  if (locale === 'ko-KR') {
    const m = /(하루|이틀|사흘|나흘|(\d)\s*일)\s*(?:만|정도)?\s*(?:더\s*)?(?:뒤로|뒤에|늦게|미뤄|미루|연기|늦춰)/.exec(text);
    if (!m) return null;
    const n = m[2] ? Number(m[2]) : (KO_COUNT[m[1]!] ?? 1);
    return { value: { shiftDays: n }, text: m[0], start: m.index, end: m.index + m[0].length };
  }
  const m =
    /\b(?:(?:push|move|put|set)\b[^.?!]*?\bback|postpone[^.?!]*?|delay[^.?!]*?)\s+(?:by\s+)?(a|an|one|two|three|couple of|\d)\s+days?\b|\b(a|one|two|three|\d)\s+days?\s+later\b/i.exec(
      text,
    );
  if (!m) return null;
  const raw = (m[1] ?? m[2] ?? 'a').toLowerCase().replace(' of', '');
  const n = /^\d$/.test(raw) ? Number(raw) : (EN_COUNT[raw] ?? 1);
  return { value: { shiftDays: n }, text: m[0], start: m.index, end: m.index + m[0].length };
}

/** The customer's calendar for a minute: every message of that minute reads the same today (formatToParts is costly). */
let lastParts: { key: string; parts: ReturnType<typeof zonedParts> } | undefined;
function partsOf(now: Date, timeZone: string): ReturnType<typeof zonedParts> {
  const key = `${timeZone}|${Math.floor(now.getTime() / 60000)}`;
  if (lastParts?.key !== key) lastParts = { key, parts: zonedParts(now, timeZone) };
  return lastParts.parts;
}

/**
 * What chrono can read as a day: a digit, a month or weekday name, or a word about days. A text with none of them
 * (most messages) is not handed to chrono, whose many parsers are most of a parse's cost; its results need a
 * certain day or weekday anyway.
 */
const MAY_NAME_A_DAY =
  /\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|yesterday|tomorrow|today|tonight|noon|midnight|day|days|week|weeks|weekend|christmas|eve|new year|fortnight|now|night|morning|evening|afternoon|ago|later|minutes?|hours?|mins?|hrs?|month|year|quarter)/i;

export function extractDates(text: string, locale: Locale, now: Date, timeZone: string): DateMention[] {
  const p = partsOf(now, timeZone);
  const today = { iso: isoDate(p.y, p.m, p.d), weekday: p.weekday, y: p.y, m: p.m, d: p.d };
  const shift = relativeShift(text, locale);
  if (shift) return [shift];
  if (locale === 'ko-KR') return koreanDates(text, today);
  // Days relative to today are counted on the customer's calendar; chrono is left the rest (weekdays, dates).
  // Every mention is kept ("not today — tomorrow", "not tomorrow, friday"): which one is wanted is decided later.
  const out: DateMention[] = [];
  const overlaps = (start: number, end: number): boolean => out.some((o) => start < o.end && end > o.start);
  for (const relative of text.matchAll(/\b(?:the\s+)?day\s+after\s+tomorrow\b|\btomorrow\b|\btoday\b|\btonight\b/gi)) {
    const word = relative[0].toLowerCase();
    const days = word.includes('after') ? 2 : word.includes('tomorrow') ? 1 : 0;
    out.push({ value: { on: addDays(today.iso, days) }, text: relative[0], start: relative.index, end: relative.index + relative[0].length });
  }
  // Runs of days ("this weekend", "next week", "end of the month") are read before chrono, which reads each as one day.
  const ranges = rangeDates(text, locale, today, out);
  out.push(...ranges);
  const results = MAY_NAME_A_DAY.test(text) ? chrono.parse(text, { instant: now, timezone: p.offset }, { forwardDate: true }) : [];
  for (const r of results) {
    const s = r.start;
    const end = r.index + r.text.length;
    // A weekday around a run ("friday next week") is that one day: it replaces the run inside it.
    const inside = ranges.filter((g) => g.start >= r.index && g.end <= end && end - r.index > g.end - g.start);
    if (inside.length && s.isCertain('weekday')) for (const g of inside) out.splice(out.indexOf(g), 1);
    if (overlaps(r.index, end)) continue;
    if (!s.isCertain('day') && !s.isCertain('weekday') && !/\b(today|tomorrow|tonight)\b/i.test(r.text)) continue;
    const y = s.get('year'),
      m = s.get('month'),
      d = s.get('day');
    if (y == null || m == null || d == null) continue;
    let on = isoDate(y, m, d);
    // "friday" said on a Friday is the coming one, as "금요일" is ("this friday" and "today" stay today).
    if (on === today.iso && s.isCertain('weekday') && !s.isCertain('day') && !/\b(this|today)\b/i.test(text.slice(Math.max(0, r.index - 6), end)))
      on = addDays(on, 7);
    out.push({ value: { on }, text: r.text, start: r.index, end: r.index + r.text.length });
  }
  // "on the 28th": a day of this month, or of the next one when it has passed.
  const ordinal = /\bthe\s+(\d{1,2})(?:st|nd|rd|th)\b/i.exec(text);
  if (ordinal && !overlaps(ordinal.index, ordinal.index + ordinal[0].length)) {
    const day = Number(ordinal[1]);
    let iso = isoDate(today.y, today.m, day);
    if (iso < today.iso) iso = isoDate(today.m === 12 ? today.y + 1 : today.y, today.m === 12 ? 1 : today.m + 1, day);
    if (day >= 1 && day <= 31) out.push({ value: { on: iso }, text: ordinal[0], start: ordinal.index, end: ordinal.index + ordinal[0].length });
  }
  return out.sort((a, b) => a.start - b.start);
}

const timeOfDayPatterns = new Map<string, RegExp>();
/** "evenings" too; "am" only after a number. Compiled once per word. */
function timeOfDayPattern(w: string): RegExp {
  let re = timeOfDayPatterns.get(w);
  if (!re) {
    re = w === 'am' ? /(?<=\d\s?)am\b/ : new RegExp(`\\b${w}s?\\b`);
    timeOfDayPatterns.set(w, re);
  }
  return re;
}

/** Time windows: a time of day ("evening", "오전") or a bound ("after 6 pm", "6시 이후"). */
export function extractWindows(text: string, locale: Locale): WindowMention[] {
  const lower = text.toLowerCase();
  const out: WindowMention[] = [];
  // A window said as its two ends ("오후 3시부터 6시", "3시~6시", "from 3 to 6 pm"): the one that starts at the first.
  const range =
    locale === 'ko-KR'
      ? /(오후|저녁|오전)?\s*(\d{1,2})\s*시\s*(?:부터|에서|~|-|–)\s*(?:오후|저녁|밤|오전)?\s*(\d{1,2})\s*시/.exec(lower)
      : /\b(?:from|between)\s+(\d{1,2})(?::00)?\s*(am|pm)?\s*(?:to|-|–|and|until|till)\s+(\d{1,2})(?::00)?\s*(am|pm)?/.exec(lower);
  if (range) {
    let hour = Number(range[locale === 'ko-KR' ? 2 : 1]);
    const end = Number(range[3]);
    const pm = locale === 'ko-KR' ? range[1] === '오후' || range[1] === '저녁' : range[2] === 'pm' || (!range[2] && range[4] === 'pm' && hour < end);
    const am = locale === 'ko-KR' ? range[1] === '오전' : range[2] === 'am';
    if (hour < 12 && (pm || (!am && hour < 8))) hour += 12;
    out.push({ value: { at: hour }, text: range[0], start: range.index, end: range.index + range[0].length });
    return out;
  }
  const after =
    locale === 'ko-KR'
      ? /(오후|저녁|오전)?\s*(\d{1,2})\s*시\s*(?:이후|넘어서|지나서|부터)/.exec(lower)
      : /\b(?:after|from|past)\s+(\d{1,2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?/.exec(lower);
  if (after) {
    let hour: number;
    if (locale === 'ko-KR') {
      hour = Number(after[2]);
      if ((after[1] === '오후' || after[1] === '저녁' || (!after[1] && hour < 8)) && hour < 12) hour += 12;
    } else {
      hour = Number(after[1]);
      const mer = after[3]?.replace(/\./g, '');
      if ((mer === 'pm' || (!mer && hour < 8)) && hour < 12) hour += 12;
    }
    out.push({ value: { after: hour }, text: after[0], start: after.index, end: after.index + after[0].length });
  }
  for (const [tod, words] of Object.entries(TIME_OF_DAY_WORDS) as Array<[TimeOfDay, { en: string[]; ko: string[] }]>) {
    for (const w of locale === 'ko-KR' ? words.ko : words.en) {
      // "am" is a time only after a number ("9 am"): "I am not home" says nothing about mornings.
      const re = timeOfDayPattern(w);
      const hit = locale === 'ko-KR' ? null : re.exec(lower);
      const idx = locale === 'ko-KR' ? lower.indexOf(w) : (hit?.index ?? -1);
      const len = hit?.[0].length ?? w.length;
      if (idx >= 0 && !out.some((o) => idx >= o.start && idx < o.end)) {
        out.push({ value: { part: tod }, text: text.slice(idx, idx + len), start: idx, end: idx + len });
        break;
      }
    }
  }
  return out;
}
