import { describe, expect, it } from 'vitest';
import { extractEntities, type CatalogueItem } from './entities.js';

const now = new Date('2026-11-22T10:00:00Z');
const ctx = (catalogue?: CatalogueItem[]) => ({ now, timeZone: 'UTC', ...(catalogue ? { catalogue } : {}) });

/** The customers' histories of the embedded seed (PRODUCT.md section 6). */
const HISTORY_EN: CatalogueItem[] = [
  { sku: 'huggies', name: 'Huggies Little Snugglers Diapers, Size 2, 84 ct' },
  { sku: 'similac', name: 'Similac 360 Total Care Infant Formula, 30.8 oz' },
  { sku: 'tide', name: 'Tide Free & Gentle Laundry Detergent, 92 oz' },
  { sku: 'nike', name: 'Nike Revolution 7 Running Shoes, size 10' },
  { sku: 'pampers', name: 'Pampers Sensitive Baby Wipes, 12 packs' },
  { sku: 'sonicare', name: 'Philips Sonicare Replacement Brush Heads, 4 pk' },
];
const HISTORY_KO: CatalogueItem[] = [
  { sku: 'haggis', name: '하기스 네이처메이드 기저귀 3단계 64매' },
  { sku: 'absolute', name: '앱솔루트 명작 분유 2단계 800g' },
  { sku: 'airmax', name: '나이키 에어맥스 270 운동화 260mm' },
  { sku: 'samdasoo', name: '제주 삼다수 2L 12병' },
  { sku: 'bebesup', name: '베베숲 물티슈 캡형 70매 10팩' },
  { sku: 'shin', name: '신라면 멀티팩 5개입' },
];

const quantities = (text: string, locale: 'en-US' | 'ko-KR', catalogue?: CatalogueItem[]): number[] =>
  extractEntities(text, locale, ctx(catalogue)).filter((e) => e.type === 'quantity').map((e) => e.value as number);

describe('quantities in words and digits', () => {
  it.each([
    ['when a number word points at items, then it is the count', 'en-US', 'could I get four of those', [4]],
    ['when a dozen is asked for, then it is twelve', 'en-US', 'a dozen would be great', [12]],
    ['when half a dozen is asked for, then it is six', 'en-US', 'half a dozen of the formula', [6]],
    ['when dozens are counted, then they multiply', 'en-US', 'send two dozen', [24]],
    ['when a count has a unit, then it is the count', 'en-US', 'three bottles of detergent', [3]],
    ['when "a pack" is asked for, then it is one', 'en-US', 'just a pack of wipes', [1]],
    ['when a Korean native number has a counter, then it is the count', 'ko-KR', '기저귀 네 개만 주세요', [4]],
    ['when a Korean count is of packs, then it is the count', 'ko-KR', '물티슈 두 팩 보내줘', [2]],
    ['when a Korean count is of tubs, then it is the count', 'ko-KR', '분유 세 통이요', [3]],
    ['when a Korean number is written against its counter, then it is the count', 'ko-KR', '다섯개 주문할게요', [5]],
    ['when a Korean count is "each", then it is the count', 'ko-KR', '라면이랑 생수 2개씩', [2]],
  ] as const)('%s', (_, locale, text, want) => {
    expect(quantities(text, locale)).toEqual(want);
  });

  it.each([
    ['when a size is said, then it is no count', 'en-US', 'the size 2 diapers again'],
    ['when a model number is said, then it is no count', 'en-US', 'reorder the similac 360'],
    ['when a time is said, then it is no count', 'en-US', 'bring it at 5 pm'],
    ['when a duration is said in words, then it is no count', 'en-US', 'can it come in three hours'],
    ['when a day of the month is said, then it is no count', 'en-US', 'deliver on the 3rd'],
    ['when "one" is a pronoun, then it is no count', 'en-US', 'I want the cheaper one'],
    ['when a pack size from the name is repeated, then it is no count', 'en-US', 'the 12 packs wipes please'],
    ['when a Korean pack size is said, then it is no count', 'ko-KR', '신라면 5개입 그거요'],
    ['when Korean months are said, then they are no count', 'ko-KR', '3개월 뒤에 다시 알려줘'],
    ['when a Korean word merely starts with a number syllable, then it is no count', 'ko-KR', '세일 팩 있어요?'],
  ] as const)('%s', (_, locale, text) => {
    expect(quantities(text, locale, locale === 'ko-KR' ? HISTORY_KO : HISTORY_EN)).toEqual([]);
  });

  it('when a bottle count from the name comes with a count of its own, then only the latter is the count', () => {
    expect(quantities('삼다수 12병 두 개 주세요', 'ko-KR', HISTORY_KO)).toEqual([2]);
  });
});

