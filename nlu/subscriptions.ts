import * as chrono from 'chrono-node';
import type { Entity, Locale } from './catalogue.js';
import type { Interval, SubscriptionAction } from '../domain/understanding.js';
import type { MonthlyOn } from '../domain/subscriptions.js';
import { KO_NUMBERS } from './lexicon.js';

type Found<V> = { value: V; text: string; start: number; end: number };

const EN_WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const KO_WEEKDAYS = ['일', '월', '화', '수', '목', '금', '토'];
const EN_NTH: Record<string, MonthlyOn['week']> = { first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4, last: -1 };
const KO_NTH: Record<string, MonthlyOn['week']> = {
  첫: 1,
  첫째: 1,
  첫번째: 1,
  둘째: 2,
  두번째: 2,
  셋째: 3,
  세번째: 3,
  넷째: 4,
  네번째: 4,
  마지막: -1,
};

const MONTH = 30;
const span = <V>(value: V, m: RegExpExecArray | RegExpMatchArray, text: string): Found<V> => {
  const start = m.index ?? 0;
  return { value, text: text.slice(start, start + m[0].length), start, end: start + m[0].length };
};

/**
 * English intervals. A duration after "every" ("every four weeks", "every 10 days", "every 2 months") is read by
 * chrono-node as "in <duration>" from a fixed day, so its number words and units are the library's; month units count
 * 30 days each. Words with no duration in them ("weekly", "every other week", "biweekly") are a closed list.
 */
/** "the first saturday of every month", "monthly on the second monday" (compiled once). */
let EN_MONTHLY: RegExp | undefined;
function english(text: string): Array<Found<Interval>> {
  const lower = text.toLowerCase();
  EN_MONTHLY ??= new RegExp(
    `\\b(?:(?:on\\s+)?(?:the\\s+|every\\s+)?(${Object.keys(EN_NTH).join('|')})\\s+(${EN_WEEKDAYS.join('|')})s?\\s+(?:of\\s+)?(?:each|every|the|a)\\s+month|(?:every\\s+month|monthly)\\s+on\\s+the\\s+(${Object.keys(EN_NTH).join('|')})\\s+(${EN_WEEKDAYS.join('|')}))\\b`,
  );
  const monthly = EN_MONTHLY.exec(lower);
  if (monthly) {
    const week = EN_NTH[monthly[1] ?? monthly[3] ?? 'first']!;
    const weekday = EN_WEEKDAYS.indexOf(monthly[2] ?? monthly[4] ?? 'monday');
    return [span({ everyDays: MONTH, monthlyOn: { week, weekday } }, monthly, text)];
  }
  const fixed: Array<[RegExp, number]> = [
    [/\b(?:every\s+other\s+week|every\s+second\s+week|bi-?weekly|fortnightly|every\s+fortnight)\b/, 14],
    [/\b(?:every\s+other\s+month|bi-?monthly)\b/, 60],
    [/\b(?:every\s+other\s+day)\b/, 2],
    [/\b(?:weekly|every\s+week|once\s+a\s+week)\b/, 7],
    [/\b(?:monthly|every\s+month|once\s+a\s+month)\b/, MONTH],
    [/\b(?:daily|every\s+day)\b/, 1],
  ];
  for (const [re, days] of fixed) {
    const m = re.exec(lower);
    if (m) return [span({ everyDays: days }, m, text)];
  }
  const every = /\b(?:every|once\s+(?:every|in))\s+((?:\d{1,3}|[a-z]+)\s+(days?|weeks?|months?))\b/.exec(lower);
  if (every) {
    const ref = new Date(Date.UTC(2026, 0, 5, 12));
    const at = chrono.parseDate(`in ${every[1]}`, ref);
    if (at) {
      const days = Math.round((at.getTime() - ref.getTime()) / 86_400_000);
      const everyDays = /month/.test(every[2]!) ? Math.round(days / 30.4) * MONTH : days;
      if (everyDays >= 1 && everyDays <= 365) return [span({ everyDays }, every, text)];
    }
  }
  return [];
}

const koNumber = (raw: string): number | undefined => (/^\d+$/.test(raw) ? Number(raw) : KO_NUMBERS[raw]);

/** Korean intervals, by hand (no date library reads them): 2주마다, 2주에 한 번, 격주로, 매주, 매달, 한 달에 한 번, 매달 첫째 주 토요일. */
/** "매달 첫째 주 토요일" and "2주마다", "3일에 한 번" (compiled once, on first use). */
let KO_MONTHLY: RegExp | undefined;
let KO_COUNTED: RegExp | undefined;
function korean(text: string): Array<Found<Interval>> {
  KO_MONTHLY ??= new RegExp(`(?:매달|매월|달마다|한 ?달에 한 ?번)?\\s*(${Object.keys(KO_NTH).join('|')})\\s*주\\s*(${KO_WEEKDAYS.join('|')})요일`);
  const monthly = KO_MONTHLY.exec(text);
  if (monthly) {
    return [span({ everyDays: MONTH, monthlyOn: { week: KO_NTH[monthly[1]!]!, weekday: KO_WEEKDAYS.indexOf(monthly[2]!) } }, monthly, text)];
  }
  KO_COUNTED ??= new RegExp(
    `(\\d{1,3}|${Object.keys(KO_NUMBERS)
      .sort((a, b) => b.length - a.length)
      .join('|')})\\s*(일|주일?|개월|달)\\s*(?:마다|에\\s*한\\s*번|간격|주기)`,
  );
  const counted = KO_COUNTED.exec(text);
  if (counted) {
    const n = koNumber(counted[1]!);
    const unit = counted[2]!;
    const everyDays = n === undefined ? undefined : unit === '일' ? n : unit.startsWith('주') ? n * 7 : n * MONTH;
    if (everyDays && everyDays <= 365) return [span({ everyDays }, counted, text)];
  }
  const fixed: Array<[RegExp, number]> = [
    [/격주/, 14],
    [/격월/, 60],
    [/매주|일주일마다|주마다|일주일에\s*한\s*번/, 7],
    [/매달|매월|달마다|한\s*달에\s*한\s*번/, MONTH],
    [/매일|날마다/, 1],
  ];
  for (const [re, days] of fixed) {
    const m = re.exec(text);
    if (m) return [span({ everyDays: days }, m, text)];
  }
  return [];
}

export function extractIntervals(text: string, locale: Locale): Array<Found<Interval>> {
  return locale === 'ko-KR' ? korean(text) : english(text);
}

/** What the customer asks of a subscription, from a closed set of phrases; the first that applies wins. */
const ACTIONS: Record<Locale, Array<[RegExp, SubscriptionAction]>> = {
  'en-US': [
    [/\bskip\b/i, 'skip'],
    [
      /\b(un-?pause|resume|restart|re-?start|start\s+(?:it|them|my\s+\w+(?:\s+subscription)?)\s+again|turn\s+(?:it|them)\s+back\s+on|back\s+on)\b/i,
      'resume',
    ],
    [/\b(pause|put\s+.*\bon\s+hold|hold\s+off|suspend|take\s+a\s+break)\b/i, 'pause'],
    [/\b(cancel|unsubscribe|end|stop|quit|terminate)\b/i, 'cancel'],
    [/\b(what|which|list|show|see|check|tell\s+me)\b.*\b(subscriptions?|subscribed|auto-?ships?|deliveries\s+do\s+i\s+have)\b/i, 'list'],
    [/\b(change|switch|make\s+it|move|update|instead|increase|decrease|reduce)\b/i, 'change'],
    [/\b(subscribe|subscription|auto-?ship|every|weekly|monthly|daily|regularly|on\s+a\s+schedule|fortnightly|bi-?weekly)\b/i, 'start'],
  ],
  'ko-KR': [
    // A verb stem is matched with the syllables its endings make of it (건너뛸래, 쉴게요, 뺄래요, 멈출래, 바꿀래).
    [/건너\s*[뛰뛸뛴뜀]|스킵|패스|이번(?:에는|엔| 회차는| 건은| 건)?\s*(?:안 받|[쉬쉴쉰쉼]|[빼뺄뺀])|한\s*번\s*[쉬쉴쉰쉼]/, 'skip'],
    [/다시\s*(?:시작|받|보내|재개)|재개|일시\s*정지\s*(?:풀|해제)/, 'resume'],
    [/일시\s*정지|잠깐\s*(?:멈|[쉬쉴]|중단)|잠시\s*(?:멈|[쉬쉴]|중단)|당분간\s*(?:멈|[쉬쉴]|안 받)|멈[춰출추]/, 'pause'],
    [/해지|취소|그만\s*받|끊[어을고]|없[애앨]|중단/, 'cancel'],
    [/(?:뭐|무엇|어떤|목록|보여|알려|확인|조회|몇\s*개|있어|있나)/, 'list'],
    [/바[꿔꾸꿀]|변경|늘[려릴]|줄[여일]|옮[겨길]|으로\s*해\s*줘|로\s*해\s*줘/, 'change'],
    [/정기\s*배송|정기\s*구독|구독|마다|매주|격주|매달|매월|주기적/, 'start'],
  ],
};

export function extractSubscriptionAction(text: string, locale: Locale): Array<Found<SubscriptionAction>> {
  for (const [re, action] of ACTIONS[locale]) {
    const m = re.exec(text);
    if (m) return [span(action, m, text)];
  }
  return [];
}

/** Both, as entities. */
export function subscriptionEntities(text: string, locale: Locale): Entity[] {
  return [
    ...extractIntervals(text, locale).map((e) => ({ type: 'interval' as const, ...e })),
    ...extractSubscriptionAction(text, locale).map((e) => ({ type: 'subscription_action' as const, ...e })),
  ];
}

/** Words a voice assistant's slots take for these (the Alexa interaction model's slot values). */
export const VOICE_INTERVAL_WORDS = [
  'every day',
  'every week',
  'every other week',
  'every two weeks',
  'every three weeks',
  'every four weeks',
  'every six weeks',
  'every month',
  'every other month',
  'every two months',
  'every three months',
  'every ten days',
  'weekly',
  'biweekly',
  'monthly',
  'on the first saturday of each month',
  'on the last friday of each month',
];
export const VOICE_ACTION_WORDS = [
  'skip',
  'pause',
  'resume',
  'unpause',
  'restart',
  'cancel',
  'unsubscribe',
  'end',
  'change',
  'switch',
  'list',
  'show',
];
