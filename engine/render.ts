import type { Param, Say } from '../dialogs/types.js';
import { sayAny } from '../prompts/index.js';
import type { Locale } from '../domain/locale.js';
import { dateText, money, timeText, windowText } from '../prompts/format.js';
import type { ReplyMessage } from './types.js';

export function renderParam(p: Param, locale: Locale, timeZone: string): string {
  if (typeof p === 'string') return p;
  if (typeof p === 'number') return String(p);
  if (p.kind === 'money') return money(p.amount, p.currency, locale);
  if (p.kind === 'window') return windowText(p.window, locale, timeZone);
  if (p.kind === 'date') return dateText(p.iso, locale, timeZone);
  if (p.kind === 'time') return timeText(p.iso, locale, timeZone);
  const params = Object.fromEntries(Object.entries(p.params ?? {}).map(([k, v]) => [k, renderParam(v, locale, timeZone)]));
  return sayAny(locale, p.key, params);
}

/** Turns the dialog's prompt keys into sentences in the customer's locale and time zone. */
export function render(says: Say[], locale: Locale, timeZone: string): ReplyMessage[] {
  return says.map((s) => {
    const params = Object.fromEntries(Object.entries(s.params ?? {}).map(([k, v]) => [k, renderParam(v, locale, timeZone)]));
    const msg: ReplyMessage = { text: sayAny(locale, s.key, params) };
    if (s.suggestions?.length) msg.suggestions = s.suggestions.map((x) => renderParam(x, locale, timeZone));
    if (s.card) {
      msg.card = { title: renderParam(s.card.title, locale, timeZone), lines: s.card.lines.map((l) => renderParam(l, locale, timeZone)) };
      if (s.card.products?.length) msg.card.products = s.card.products;
    }
    return msg;
  });
}
