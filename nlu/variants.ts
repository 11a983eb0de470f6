import type { Variant } from '../domain/commerce.js';
import type { Locale } from '../domain/locale.js';
import type { Entity } from '../domain/understanding.js';

const KO_DIGITS: Record<string, number> = { 일: 1, 이: 2, 삼: 3, 사: 4, 오: 5, 육: 6, 한: 1, 두: 2, 세: 3, 네: 4 };

/**
 * Variants of a product ("size 3", "stage 2", "4단계", "260mm", "사이즈 3") and the quantities the general extractor
 * leaves out ("x2", "2x", "× 3"). Spans that overlap an entity already found are left to it.
 */
export function variantEntities(text: string, locale: Locale, found: readonly Entity[] = []): Entity[] {
  const out: Entity[] = [];
  const free = (start: number, end: number): boolean => ![...found, ...out].some((e) => start < e.end && end > e.start && e.type !== 'product');
  const add = (m: RegExpMatchArray, e: { type: 'variant'; value: Variant } | { type: 'quantity'; value: number }): void => {
    const start = m.index!;
    const end = start + m[0].length;
    if (free(start, end)) out.push({ ...e, text: m[0], start, end });
  };
  for (const m of text.matchAll(/\bsize\s*#?\s*(\d{1,2}(?:\.5)?)(?![\d.])/gi)) add(m, { type: 'variant', value: { size: m[1]! } });
  for (const m of text.matchAll(/\bstage\s*(\d)\b/gi)) add(m, { type: 'variant', value: { stage: Number(m[1]) } });
  for (const m of text.matchAll(/(?<![\p{L}\p{N}])(?:x|×)\s?(\d{1,2})(?!\d)|(?<![\p{L}\p{N}.])(\d{1,2})\s?(?:x|×)(?![\p{L}\p{N}])/gu)) {
    const value = Number(m[1] ?? m[2]);
    if (value > 0) add(m, { type: 'quantity', value });
  }
  if (locale === 'ko-KR') {
    for (const m of text.matchAll(/(\d|[일이삼사오육한두세네])\s*단계/g))
      add(m, { type: 'variant', value: { stage: /\d/.test(m[1]!) ? Number(m[1]) : KO_DIGITS[m[1]!]! } });
    for (const m of text.matchAll(/사이즈\s*(\d{1,3}(?:\.5)?)|(\d{3})\s*(?:mm|미리|밀리)/g)) {
      add(m, { type: 'variant', value: { size: m[2] ? `${m[2]}mm` : Number(m[1]) >= 200 ? `${m[1]}mm` : m[1]! } });
    }
  }
  return out;
}
