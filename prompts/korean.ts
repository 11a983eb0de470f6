import { josa as hangulJosa } from 'es-hangul';

/** The particle pairs Smile's Korean sentences use; the first form follows a final consonant (받침). */
export type ParticlePair = '을/를' | '이/가' | '은/는' | '으로/로' | '와/과' | '이에요/예요';

// How digits and the units shops print after them are read aloud, by their last syllable's final consonant:
// "3" is 삼 (ㅁ), "800g" is 그램 (ㅁ), "2L" is 리터 (none), "260mm" is 밀리미터 (none).
const DIGIT_FINAL: Record<string, string> = { 0: 'ㅇ', 1: 'ㄹ', 2: '', 3: 'ㅁ', 4: '', 5: '', 6: 'ㄱ', 7: 'ㄹ', 8: 'ㄹ', 9: '' };
const UNIT_FINAL: Array<[RegExp, string]> = [
  [/\d\s*(?:g|kg|mg)$/i, 'ㅁ'],
  [/\d\s*(?:ml|l|mm|cm|km|m|oz)$/i, ''],
  [/\d\s*(?:ct|pk)$/i, 'ㅌ'],
];

// Capital letters at the end of a name are read as letters: "XL" is 엑스엘 (ㄹ), "CU" 씨유, "M" 엠 (ㅁ), "N" 엔 (ㄴ).
const LETTER_FINAL: Record<string, string> = { L: 'ㄹ', R: 'ㄹ', M: 'ㅁ', N: 'ㄴ', F: 'ㅍ', Z: 'ㅌ' };

/** The final consonant of the word as it is read, or null when its last character says nothing (a Latin word, a symbol). */
function finalSound(word: string): string | null {
  const trimmed = word.replace(/[\s"'”’)\]}.,!?]+$/u, '');
  for (const [re, final] of UNIT_FINAL) if (re.test(trimmed)) return final;
  // A size or a code in capitals ("기저귀 XL", "CU", "GS25 S"); a word in lower case ("iPhone") is left to es-hangul.
  const letters = /(?:^|[^A-Za-z])([A-Z]{1,4})$/.exec(trimmed)?.[1];
  if (letters) return LETTER_FINAL[letters.at(-1) ?? ''] ?? '';
  const last = trimmed.at(-1);
  if (last === undefined) return null;
  if (last in DIGIT_FINAL) return DIGIT_FINAL[last] ?? null;
  return null;
}

function chosen(word: string, pair: ParticlePair): string {
  const [first = '', second = ''] = pair.split('/');
  // es-hangul writes 와/과 with the vowel form first; every other pair has the consonant form first.
  const [withFinal, withoutFinal] = pair === '와/과' ? [second, first] : [first, second];
  const final = finalSound(word);
  if (final !== null) {
    // 으로/로: a word ending in ㄹ takes 로, as a vowel does.
    if (pair === '으로/로') return final === '' || final === 'ㄹ' ? withoutFinal : withFinal;
    return final === '' ? withoutFinal : withFinal;
  }
  return hangulJosa(word, pair).slice(word.length);
}

/** The word followed by the particle its last sound takes: josa('물티슈', '을/를') is "물티슈를", josa('3', '을/를') "3을". */
export function josa(word: string, pair: ParticlePair): string {
  return word + chosen(word, pair);
}

/** Only the particle, for a word that is quoted or formatted before it: `"${q}"${particle(q, '을/를')}`. */
export function particle(word: string, pair: ParticlePair): string {
  return chosen(word, pair);
}
