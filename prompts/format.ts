import type { TimeWindow } from '../domain/commerce.js';

const formats = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
/** Intl formatters are costly to build and safe to share. */
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let f = formats.get(key) as T | undefined;
  if (!f) { f = make(); formats.set(key, f); }
  return f;
}

export function money(amount: number, currency: string, locale: string): string {
  return cached(`money|${locale}|${currency}`, () => new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: currency === 'KRW' ? 0 : 2 })).format(amount);
}

/** "Tue, Nov 24, 9 AM – 12 PM" / "11월 24일 (화) 오전 9시~오후 12시", in the customer's time zone. */
export function windowText(w: TimeWindow, locale: string, timeZone: string): string {
  const day = cached(`day|${locale}|${timeZone}`, () => new Intl.DateTimeFormat(locale, { timeZone, weekday: 'short', month: 'short', day: 'numeric' })).format(new Date(w.start));
  if (locale === 'ko-KR') {
    const h24 = cached(`h23|${timeZone}`, () => new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', hourCycle: 'h23' }));
    const h = (iso: string): number => Number(h24.format(new Date(iso)));
    const ko = (n: number): string => `${n < 12 ? '오전' : '오후'} ${n % 12 === 0 ? 12 : n % 12}시`;
    return `${day} ${ko(h(w.start))}~${ko(h(w.end))}`;
  }
  const hour = cached(`hour|${locale}|${timeZone}`, () => new Intl.DateTimeFormat(locale, { timeZone, hour: 'numeric' }));
  return `${day}, ${hour.format(new Date(w.start))} – ${hour.format(new Date(w.end))}`;
}

/** "Sat, Dec 12" / "12월 12일 (토)", in the customer's time zone. */
export function dateText(iso: string, locale: string, timeZone: string): string {
  return cached(`day|${locale}|${timeZone}`, () => new Intl.DateTimeFormat(locale, { timeZone, weekday: 'short', month: 'short', day: 'numeric' })).format(new Date(iso));
}

/** "3:40 PM" / "오후 3:40", in the customer's time zone. */
export function timeText(iso: string, locale: string, timeZone: string): string {
  return cached(`time|${locale}|${timeZone}`, () => new Intl.DateTimeFormat(locale, { timeZone, hour: 'numeric', minute: '2-digit' })).format(new Date(iso));
}
