import type { TimeWindow } from '../domain/commerce.js';

const formats = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
/** Intl formatters are costly to build and safe to share. */
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let f = formats.get(key) as T | undefined;
  if (!f) {
    f = make();
    formats.set(key, f);
  }
  return f;
}

/*
 * Korean is formatted by Smile itself, never by Intl's Korean patterns: ICU versions differ (some print "AM 9:00" for
 * ko-KR, some "오후 12시" for noon, all put a space before the weekday's parenthesis), and a Korean shop writes
 * 59,800원, 11월 28일(토), 오전 9시~낮 12시, 오후 6시 30분. Intl is used only for the parts (numbers in a time zone).
 */

const WEEKDAY_KO = ['일', '월', '화', '수', '목', '금', '토'] as const;

type Parts = { month: number; day: number; weekday: number; hour: number; minute: number };
/**
 * The parts of the instants lately formatted: a window's ends are read several times per answer (dawn or not, the
 * date, the hours) and the same windows come back turn after turn. Bounded: emptied when it reaches 1,000.
 */
const recentParts = new Map<string, Parts>();

/** The calendar date, weekday, hour and minute of an instant in a time zone, as numbers. */
function partsIn(iso: string, timeZone: string): Parts {
  const key = `${timeZone}|${iso}`;
  const known = recentParts.get(key);
  if (known) return known;
  const f = cached(
    `parts|${timeZone}`,
    () =>
      new Intl.DateTimeFormat('en-US', {
        timeZone,
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        weekday: 'short',
        hourCycle: 'h23',
      }),
  );
  const parts = Object.fromEntries(f.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.weekday ?? '');
  const result = Object.freeze({
    month: Number(parts.month),
    day: Number(parts.day),
    weekday,
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
  });
  if (recentParts.size >= 1000) recentParts.clear();
  recentParts.set(key, result);
  return result;
}

/** "11월 28일(토)": no space before the parenthesis. */
function koDate(iso: string, timeZone: string): string {
  const p = partsIn(iso, timeZone);
  return `${p.month}월 ${p.day}일(${WEEKDAY_KO[p.weekday] ?? ''})`;
}

/**
 * "오전 9시", "낮 12시", "오후 6시 30분", "밤 9시": 오전 before noon, 낮 for the noon hour, 오후 until 7 pm, 밤 after it
 * and for midnight ("밤 12시", the end of a window that runs to midnight).
 */
export function koTime(hour: number, minute: number): string {
  const h = ((hour % 24) + 24) % 24;
  const period = h === 0 ? '밤' : h < 6 ? '새벽' : h < 12 ? '오전' : h === 12 ? '낮' : h < 19 ? '오후' : '밤';
  const h12 = h % 12 === 0 ? 12 : h % 12;
  return `${period} ${h12}시${minute ? ` ${minute}분` : ''}`;
}

export function money(amount: number, currency: string, locale: string): string {
  // "59,800원": the won is written after the number, as every Korean shop prints a price.
  if (locale === 'ko-KR' && currency === 'KRW')
    return `${cached('won', () => new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })).format(Math.round(amount))}원`;
  return cached(
    `money|${locale}|${currency}`,
    () => new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: currency === 'KRW' ? 0 : 2 }),
  ).format(amount);
}

/**
 * A dawn delivery (새벽배송) is driven through the night and is at the door by the time its window ends: the shop
 * promises "before 7 AM", never a start at 2 AM. A window that starts after midnight and before 6 AM and ends by 8 AM
 * is named by its end only.
 */
function isDawn(w: TimeWindow, timeZone: string): boolean {
  const s = partsIn(w.start, timeZone);
  const e = partsIn(w.end, timeZone);
  return s.hour < 6 && e.hour <= 8 && e.hour > s.hour && (s.day === e.day || s.hour === 0);
}

/** "Tue, Nov 24, 9 AM – 12 PM" / "11월 24일(화) 오전 9시~낮 12시", in the customer's time zone. */
export function windowText(w: TimeWindow, locale: string, timeZone: string): string {
  if (locale === 'ko-KR') return `${koDate(w.start, timeZone)} ${windowHoursKo(w, timeZone)}`;
  const day = cached(
    `day|${locale}|${timeZone}`,
    () => new Intl.DateTimeFormat(locale, { timeZone, weekday: 'short', month: 'short', day: 'numeric' }),
  ).format(new Date(w.start));
  const hour = cached(`hour|${locale}|${timeZone}`, () => new Intl.DateTimeFormat(locale, { timeZone, hour: 'numeric' }));
  if (isDawn(w, timeZone)) return `${day}, early morning (by ${hour.format(new Date(w.end))})`;
  return `${day}, ${hour.format(new Date(w.start))} – ${hour.format(new Date(w.end))}`;
}

/** Only the hours of a Korean window: "오전 9시~낮 12시" (a label under a date said once); dawn: "새벽배송(오전 7시 전)". */
export function windowHoursKo(w: TimeWindow, timeZone: string): string {
  const s = partsIn(w.start, timeZone);
  const e = partsIn(w.end, timeZone);
  if (isDawn(w, timeZone)) return `새벽배송(${koTime(e.hour, e.minute)} 전)`;
  const from = koTime(s.hour, s.minute);
  const to = koTime(e.hour, e.minute);
  // "오후 3시~6시": the period is said once when both ends share it; "오전 9시~낮 12시" keeps both.
  const period = from.split(' ')[0] ?? '';
  return to.startsWith(`${period} `) ? `${from}~${to.slice(period.length + 1)}` : `${from}~${to}`;
}

/** "Sat, Dec 12" / "12월 12일(토)", in the customer's time zone. */
export function dateText(iso: string, locale: string, timeZone: string): string {
  if (locale === 'ko-KR') return koDate(iso, timeZone);
  return cached(
    `day|${locale}|${timeZone}`,
    () => new Intl.DateTimeFormat(locale, { timeZone, weekday: 'short', month: 'short', day: 'numeric' }),
  ).format(new Date(iso));
}

/** "3:40 PM" / "오후 3시 40분", in the customer's time zone. */
export function timeText(iso: string, locale: string, timeZone: string): string {
  if (locale === 'ko-KR') {
    const p = partsIn(iso, timeZone);
    return koTime(p.hour, p.minute);
  }
  return cached(`time|${locale}|${timeZone}`, () => new Intl.DateTimeFormat(locale, { timeZone, hour: 'numeric', minute: '2-digit' })).format(
    new Date(iso),
  );
}

/** A clock time of opening hours ("05:30", "24:00"), as hours and minutes; null when it is not one. */
function clock(text: string): { h: number; m: number } | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  return h <= 24 && min < 60 && !(h === 24 && min > 0) ? { h, m: min } : null;
}

/** "오전 5시 30분", "오후 11시", "낮 12시"; midnight (0:00 or 24:00) is 자정. */
function koClock({ h, m }: { h: number; m: number }): string {
  if ((h === 0 || h === 24) && m === 0) return '자정';
  const period = h < 12 ? '오전' : h === 12 ? '낮' : '오후';
  const h12 = h % 12 === 0 ? 12 : h % 12;
  return `${period} ${h12}시${m ? ` ${m}분` : ''}`;
}

/** "5:30 AM", "11 PM", "noon", "midnight". */
function enClock({ h, m }: { h: number; m: number }): string {
  if ((h === 0 || h === 24) && m === 0) return 'midnight';
  if (h === 12 && m === 0) return 'noon';
  const h12 = h % 12 === 0 ? 12 : h % 12;
  return `${h12}${m ? `:${String(m).padStart(2, '0')}` : ''} ${h < 12 ? 'AM' : 'PM'}`;
}

/** Open round the clock, as providers write it: "24/7", "24h", "24 hours", "24시간", "연중무휴". */
const ALWAYS_OPEN = /^(?:24\s*\/\s*7|24\s*h(?:ours?)?|open 24 hours|24시간(?:\s*영업)?|연중무휴(?:\s*24시간)?)$/i;

/**
 * A pick-up point's opening hours as the provider writes them ("05:30–24:00", "6:00-23:00", "24/7"), the shop's way:
 * "오전 5시 30분~자정" / "5:30 AM – midnight", "24시간" / "Open 24 hours". Anything else is shown as it came.
 */
export function openingHours(raw: string, locale: string): string {
  const text = raw.trim();
  if (ALWAYS_OPEN.test(text)) return locale === 'ko-KR' ? '24시간' : 'Open 24 hours';
  const [from, to, ...rest] = text.split(/\s*[–—~-]\s*/);
  const a = from === undefined ? null : clock(from);
  const b = to === undefined ? null : clock(to);
  if (!a || !b || rest.length) return text;
  if (a.h === 0 && a.m === 0 && b.h === 24) return locale === 'ko-KR' ? '24시간' : 'Open 24 hours';
  return locale === 'ko-KR' ? `${koClock(a)}~${koClock(b)}` : `${enClock(a)} – ${enClock(b)}`;
}
