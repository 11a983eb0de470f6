import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { disassemble } from 'es-hangul';
import { distance } from 'fastest-levenshtein';
import wordListPath from 'word-list';

/**
 * Product words with typos and spacing variants ("huggie diapres", "sonic care", "기져귀", "물티쓔", "멀티 팩").
 *
 * Distance is Levenshtein (fastest-levenshtein) with one adjacent swap counted as one edit; Korean is compared on
 * its jamo (es-hangul's disassemble), so "져" for "저" or "쓔" for "슈" is one edit, not a whole syllable.
 *
 * What keeps unrelated words out:
 * - a word tolerates edits only when it is long enough: English 6-9 letters one edit, 10 or more two; Korean 3-4
 *   syllables one jamo, 5 or more two; shorter words ("tide", "nike", "분유", "라면") match exactly or not at all;
 * - the first letter (jamo in Korean) must be the same: typos seldom hit it, and "later" is not "water";
 * - an English word of the dictionary (word-list) is itself, not a typo: "similar" is not "similac", "speakers" not
 *   "sneakers", "resolution" not "revolution"; only the vocabulary word's own plural or singular passes;
 * - a Korean word ending in a particle or a verb ending where the product word has another syllable is a shorter
 *   word ("운동과", "운동하고" are not "운동화"), and a few Korean words one jamo away are kept as themselves ("운동회").
 */

const HANGUL = /[가-힣]/;

/** The initial consonant's index of a text's first character when it is a Hangul syllable, else -1. */
function initialOf(text: string): number {
  const code = text.charCodeAt(0) - 0xac00;
  return code >= 0 && code <= 11171 ? Math.floor(code / 588) : -1;
}
const TOKEN = /[\p{L}\p{N}]+/gu;

/** Korean words one jamo away from a product word that mean something else. */
const KO_NEAR_MISSES = ['운동회', '신라명', '분류', '자료'];

const jamoCache = new Map<string, string>();
function jamo(s: string): string {
  let j = jamoCache.get(s);
  if (j === undefined) {
    j = disassemble(s);
    if (jamoCache.size < 20_000) jamoCache.set(s, j);
  }
  return j;
}

let dictionary: Set<string> | undefined;
// English words (2.8 MB, ~0.2 s of CPU to index): read in the background a moment after the module loads, once the
// server is up rather than while it starts, so no customer's turn waits for them; a typo checked before that reads
// them at once.
setTimeout(() => {
  void readFile(wordListPath, 'utf8').then(
    (words) => {
      dictionary ??= new Set(words.split('\n'));
    },
    () => undefined,
  );
}, 1000).unref();
function isEnglishWord(word: string): boolean {
  dictionary ??= new Set(readFileSync(wordListPath, 'utf8').split('\n'));
  return dictionary.has(word);
}

/** Edits between two strings, one adjacent swap counting as one ("diapres" → "diapers"). */
export function edits(a: string, b: string): number {
  const d = distance(a, b);
  if (d !== 2 || a.length !== b.length) return d;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i += 1;
  return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2) ? 1 : d;
}

/** How many edits a vocabulary word tolerates (0: exact matches only, which findWord already makes). */
export function tolerance(word: string): number {
  if (HANGUL.test(word)) {
    const syllables = [...word].length;
    return syllables >= 5 ? 2 : syllables >= 3 ? 1 : 0;
  }
  if (!/^\p{L}+$/u.test(word)) return 0;
  return word.length >= 10 ? 2 : word.length >= 6 ? 1 : 0;
}

const tolerances = new Map<string, number>();
function toleranceOf(word: string): number {
  let t = tolerances.get(word);
  if (t === undefined) {
    t = tolerance(word);
    if (tolerances.size >= 20_000) tolerances.clear();
    tolerances.set(word, t);
  }
  return t;
}

/** The words of the text, split once per text (a turn's text is searched for every product of the history). */
let lastText: string | undefined;
let lastTokens: Token[] = [];
function tokensOf(text: string): Token[] {
  if (text !== lastText) {
    lastText = text;
    lastTokens = [...text.toLowerCase().matchAll(TOKEN)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
  }
  return lastTokens;
}

export interface FuzzyHit {
  word: string;
  start: number;
  end: number;
  edits: number;
}

interface Token {
  text: string;
  start: number;
  end: number;
}

const sameWordInflected = (token: string, word: string): boolean =>
  token === `${word}s` || token === `${word}es` || `${token}s` === word || `${token}es` === word;

function englishHit(candidate: string, word: string, tol: number): number | null {
  if (candidate[0] !== word[0] || Math.abs(candidate.length - word.length) > tol) return null;
  if (candidate === word) return 0;
  const d = edits(candidate, word);
  if (d > tol) return null;
  if (!sameWordInflected(candidate, word) && isEnglishWord(candidate)) return null;
  return d;
}

/** Particles and verb endings: a word whose last syllable is one of them is a shorter word with a particle
 * ("운동과", "운동하고", "화장이"), not a misspelt product word ("운동화", "화장지"). */
const KO_ENDINGS = new Set([...'이가을를은는과와하도만의에로랑고서']);

function koreanHit(candidate: string, word: string, tol: number): number | null {
  const last = candidate.at(-1) ?? '';
  if (last !== word.at(-1) && KO_ENDINGS.has(last)) return null;
  const a = jamo(candidate),
    b = jamo(word);
  if (a[0] !== b[0] || Math.abs(a.length - b.length) > tol) return null;
  const d = edits(a, b);
  return d <= tol && !KO_NEAR_MISSES.some((w) => candidate.startsWith(w)) ? d : null;
}

/**
 * The vocabulary words found in the text within their tolerance, the closest first. An English word is compared
 * with each word of the text and each pair written together ("sonic care"); a Korean one with the first syllables of
 * each word of the text (particles attach at the end: "기져귀를"), alone or joined to the next word ("멀티 팩").
 */
export function fuzzyFind(text: string, vocabulary: readonly string[]): FuzzyHit[] {
  const tokens = tokensOf(text);
  const hits: FuzzyHit[] = [];
  for (const word of vocabulary) {
    const tol = toleranceOf(word);
    if (tol === 0) continue;
    const korean = HANGUL.test(word);
    const syllables = [...word].length;
    let best: FuzzyHit | undefined;
    const lead = korean ? initialOf(word) : -1;
    for (const [i, t] of tokens.entries()) {
      const next = tokens[i + 1];
      if (t.text[0] !== word[0] && !korean) continue;
      // The first jamo must be the same (koreanHit): when both begin with a syllable, its initial consonant tells
      // without taking either apart, and most words of a text are passed over without allocating anything.
      if (korean && lead >= 0) {
        const own = initialOf(t.text);
        if (own >= 0 && own !== lead) continue;
      }
      const candidates: Token[] = [t];
      // Two words written apart ("sonic care", "멀티 팩"): English words of three letters or more each; in Korean
      // only exactly, as a typo across a space reads too much into two words ("하이 스마일" is not "하기스").
      const joined = next && next.start - t.end <= 1 && (korean || (t.text.length >= 3 && next.text.length >= 3));
      if (joined) candidates.push({ text: t.text + next.text, start: t.start, end: next.end });
      for (const c of candidates) {
        if (korean) {
          if (!HANGUL.test(c.text)) continue;
          const chars = [...c.text];
          for (let n = Math.max(2, syllables - 1); n <= Math.min(chars.length, syllables + 1); n += 1) {
            const prefix = chars.slice(0, n).join('');
            const d = koreanHit(prefix, word, c === t || n <= [...t.text].length ? tol : 0);
            if (d === null || (best && best.edits <= d)) continue;
            // The span ends after n syllables of the text, counting the space a joined pair skips.
            const own = [...t.text].length;
            const end = n <= own || !next ? t.start + Math.min(n, own) : next.start + (n - own);
            best = { word, start: c.start, end, edits: d };
          }
        } else {
          const d = englishHit(c.text, word, tol);
          if (d !== null && (!best || d < best.edits)) best = { word, start: c.start, end: c.end, edits: d };
        }
      }
    }
    if (best) hits.push(best);
  }
  return hits.sort((a, b) => a.edits - b.edits);
}
