import type { Locale } from './catalogue.js';

/**
 * Words customers use for what Smile does, written the way Smile reads them, after the chat shorthand (chat.ts):
 * slipped parts of the day ("tmrw evning", "mornin") and loanwords for its actions ("신라면 캔슬 가능?" asks to cancel,
 * never to order again; "리턴" is a return). Applied when a message is understood, not when the model is trained
 * (the training phrases use the proper words), so the committed model stays what it was trained from.
 */
const EN_PARTS: Record<string, string> = {
  evning: 'evening',
  evenin: 'evening',
  evng: 'evening',
  eve: 'evening',
  mornin: 'morning',
  morng: 'morning',
  mrng: 'morning',
  morninng: 'morning',
  aftrnoon: 'afternoon',
  afternon: 'afternoon',
  arvo: 'afternoon',
};
const EN_RE = new RegExp(`(?<![\\w'-])(${Object.keys(EN_PARTS).join('|')})(?![\\w'-])`, 'gi');

const KO_RULES: Array<[RegExp, string]> = [
  [/캔슬|캔쓸|켄슬/g, '취소'],
  [/(?<![가-힣])리턴/g, '반품'],
];

export function readSlips(text: string, locale: Locale): string {
  if (locale === 'ko-KR') {
    let out = text;
    for (const [re, by] of KO_RULES) out = out.replace(re, by);
    return out;
  }
  return text.replace(EN_RE, (w) => EN_PARTS[w.toLowerCase()] ?? w);
}
