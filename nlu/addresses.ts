import type { Locale } from '../domain/locale.js';
import type { Entity, StreetAddress } from '../domain/understanding.js';

const EN_SUFFIX = 'street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|way|court|ct|place|pl|terrace|parkway|pkwy';
const EN_ABBREV: Record<string, string> = {
  st: 'Street',
  ave: 'Avenue',
  rd: 'Road',
  blvd: 'Boulevard',
  ln: 'Lane',
  dr: 'Drive',
  ct: 'Court',
  pl: 'Place',
  pkwy: 'Parkway',
};
// "42 Oak street", "1200 W San Carlos St, Apt 4, San Jose" (the number first, the kind of road last, then unit and city);
// a word that cannot be a city may follow it ("it's 17 elm st now", "… from now on", "… asap").
const EN_RE = new RegExp(
  `\\b(\\d{1,6})\\s+((?:[A-Za-z][A-Za-z.'-]*\\s+){0,3}?)(${EN_SUFFIX})\\b\\.?((?:,?\\s*(?:apt|apartment|suite|unit|#)\\.?\\s*[A-Za-z0-9-]+)?)(?:,\\s*([A-Za-z][A-Za-z ]{1,30}?))?(?=$|[.,!?;]|\\s+(?:please|pls|plz|instead|thanks|thank|thx|for|and|from|on|by|now|too|asap|going|then|if|so|because|as)\\b)`,
  'gi',
);
// "서울시 강남구 테헤란로 123", "강남구 역삼로 45-6", "테헤란로 427" (도로명 주소: the road and its building number).
const KO_RE =
  /((?:[가-힣]+(?:특별시|광역시|시|도)\s+)?(?:[가-힣]+(?:구|군)\s+)?[가-힣0-9]+(?:대로|로|길)\s*\d{1,5}(?:-\d{1,4})?)(?:\s*,?\s*(\d{1,3}층))?/g;

const title = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase();

/** A new street address in the words ("42 Oak street", "서울시 강남구 테헤란로 123"), as the customer wrote it, tidied. */
export function addressEntities(text: string, locale: Locale): Entity[] {
  const out: Entity[] = [];
  const push = (value: StreetAddress, m: RegExpMatchArray, length: number): void => {
    const at = m.index ?? 0;
    out.push({ type: 'address', value, text: text.slice(at, at + length), start: at, end: at + length });
  };
  for (const m of text.matchAll(EN_RE)) {
    const name = m[2]!.trim().split(/\s+/).filter(Boolean).map(title).join(' ');
    const suffix = EN_ABBREV[m[3]!.toLowerCase()] ?? title(m[3]!);
    const unit = m[4]?.replace(/^,?\s*/, '').trim();
    const line1 = [`${m[1]} ${name ? `${name} ` : ''}${suffix}`, unit].filter(Boolean).join(', ');
    const city = m[5]?.trim();
    push({ line1, ...(city ? { city: city.split(/\s+/).map(title).join(' ') } : {}) }, m, m[0].length);
  }
  if (locale === 'ko-KR') {
    for (const m of text.matchAll(KO_RE)) {
      const line1 = [
        m[1]!
          .replace(/\s+/g, ' ')
          .replace(/(대로|로|길)(\d)/, '$1 $2')
          .trim(),
        m[2],
      ]
        .filter(Boolean)
        .join(', ');
      push({ line1 }, m, m[0].length);
    }
  }
  return out;
}

/** The entities with any street address added; a number inside an address is not a date, time or quantity. */
export function withAddresses(entities: readonly Entity[], text: string, locale: Locale): Entity[] {
  const addresses = addressEntities(text, locale);
  const inside = (e: Entity): boolean => e.type !== 'product' && addresses.some((a) => e.start < a.end && e.end > a.start);
  return [...entities.filter((e) => !inside(e)), ...addresses];
}
