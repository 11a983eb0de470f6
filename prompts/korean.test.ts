import { describe, expect, it } from 'vitest';
import { josa, particle, type ParticlePair } from './korean.js';

// [word, pair, expected]: Hangul by its final consonant, digits and units as they are read aloud, ㄹ before 으로/로.
const CASES: Array<[string, ParticlePair, string]> = [
  ['물티슈', '을/를', '물티슈를'],
  ['기저귀 3단계', '을/를', '기저귀 3단계를'],
  ['신라면', '을/를', '신라면을'],
  ['회사', '으로/로', '회사로'],
  ['집', '으로/로', '집으로'],
  ['서울', '으로/로', '서울로'],
  ['편의점', '으로/로', '편의점으로'],
  ['분유', '이/가', '분유가'],
  ['운동화', '은/는', '운동화는'],
  ['삼다수 2L', '이/가', '삼다수 2L가'],
  ['633402', '을/를', '633402를'],
  ['3', '을/를', '3을'],
  ['6', '이/가', '6이'],
  ['7', '으로/로', '7로'],
  ['분유 800g', '을/를', '분유 800g을'],
  ['운동화 260mm', '이/가', '운동화 260mm가'],
  ['59,800원', '이/가', '59,800원이'],
  ['친구', '와/과', '친구와'],
  ['동생', '와/과', '동생과'],
  ['커피 12oz', '을/를', '커피 12oz를'],
  ['기저귀 3단계 XL', '을/를', '기저귀 3단계 XL을'],
  ['기저귀 3단계 XL', '으로/로', '기저귀 3단계 XL로'],
  ['티셔츠 M', '이/가', '티셔츠 M이'],
  ['CU', '은/는', 'CU는'],
  ['반팔 S', '이에요/예요', '반팔 S예요'],
];

describe('Korean particles', () => {
  it.each(CASES)('when %s takes %s, then it reads %s', (word, pair, expected) => {
    expect(josa(word, pair)).toBe(expected);
  });

  it('when a word is quoted, then only the particle is given for it', () => {
    expect(`"${'세제'}"${particle('세제', '을/를')}`).toBe('"세제"를');
  });
});
