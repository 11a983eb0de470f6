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
  extractEntities(text, locale, ctx(catalogue))
    .filter((e) => e.type === 'quantity')
    .map((e) => e.value as number);

describe('quantities in words and digits', () => {
  it.each([
    ['when a number word points at items, then it is the count', 'en-US', 'could I get four of those', [4]],
    ['when a dozen is asked for, then it is twelve', 'en-US', 'a dozen would be great', [12]],
    ['when half a dozen is asked for, then it is six', 'en-US', 'half a dozen of the formula', [6]],
    ['when dozens are counted, then they multiply', 'en-US', 'send two dozen', [24]],
    ['when a count has a unit, then it is the count', 'en-US', 'three bottles of detergent', [3]],
    ['when a multiplier follows the product ("times 2"), then it is the count', 'en-US', 'reorder the detergent times 2', [2]],
    ['when "x2" is written against the product, then it is the count', 'en-US', 'detergent x2 pls', [2]],
    ['when "× 3" is written, then it is the count', 'en-US', 'the wipes × 3', [3]],
    ['when "3x" is written before the product, then it is the count', 'en-US', '3x the formula', [3]],
    ['when a word ends in x ("box"), then no multiplier is read', 'en-US', 'the box 2 days ago', []],
    ['when "a pack" is asked for, then it is one', 'en-US', 'just a pack of wipes', [1]],
    ['when a Korean native number has a counter, then it is the count', 'ko-KR', '기저귀 네 개만 주세요', [4]],
    ['when a Korean count is of packs, then it is the count', 'ko-KR', '물티슈 두 팩 보내줘', [2]],
    ['when a Korean count is of tubs, then it is the count', 'ko-KR', '분유 세 통이요', [3]],
    ['when a Korean number is written against its counter, then it is the count', 'ko-KR', '다섯개 주문할게요', [5]],
    ['when a Korean count is "each", then it is the count', 'ko-KR', '라면이랑 생수 2개씩', [2]],
    ['when a Korean native count is in the tens, then it is the whole number', 'ko-KR', '생수 스무 병 보내 주세요', [20]],
    ['when a Korean native ten has a unit, then they add up', 'ko-KR', '기저귀 열세 팩이요', [13]],
    ['when a Korean native twenty has a unit, then they add up', 'ko-KR', '라면 스물다섯 개 담아 줘', [25]],
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

const products = (text: string, locale: 'en-US' | 'ko-KR', catalogue?: CatalogueItem[]): string[] =>
  extractEntities(text, locale, ctx(catalogue))
    .filter((e) => e.type === 'product')
    .map((e) => e.value as string);

describe("products with typos, spacing variants and casual names, matched against the customer's own history", () => {
  it.each([
    [
      'when the brand and the kind are both misspelt, then the diapers bought before are found',
      'en-US',
      'can you reorder the huggie diapres',
      ['huggies'],
    ],
    ['when two letters of "diapers" are swapped, then the diapers are found', 'en-US', 'need more daipers asap', ['huggies']],
    ['when a letter of "diapers" is missing, then the diapers are found', 'en-US', 'dipers again please', ['huggies']],
    ['when the brush heads go by their brand, then they are found', 'en-US', 'new sonicare heads please', ['sonicare']],
    ['when the brand is split in two, then it is still found', 'en-US', 'the sonic care heads', ['sonicare']],
    ['when the detergent is misspelt, then it is found', 'en-US', 'out of detergant again', ['tide']],
    ['when the formula is asked for in the plural, then it is found', 'en-US', 'two of the formulas', ['similac']],
    ['when a syllable of 기저귀 has a one-jamo typo, then the diapers are found', 'ko-KR', '기져귀 주문해줘', ['haggis']],
    ['when a consonant of 물티슈 is doubled, then the wipes are found', 'ko-KR', '물티쓔 두 팩 보내주세요', ['bebesup']],
    ['when formula is asked for casually, then it is found', 'ko-KR', '애기 분유 떨어졌어요', ['absolute']],
    ['when the multipack is written with a space, then the ramen is found', 'ko-KR', '신라면 멀티 팩 하나 더', ['shin']],
    ['when the brand of the shoes has a vowel typo, then the shoes are found', 'ko-KR', '에어멕스 반품할래요', ['airmax']],
    ['when the water brand has a doubled consonant, then the water is found', 'ko-KR', '삼다쑤 또 시켜줘', ['samdasoo']],
  ] as const)('%s', (_, locale, text, want) => {
    expect(products(text, locale, locale === 'ko-KR' ? HISTORY_KO : HISTORY_EN)).toEqual(want);
  });

  it.each([
    ['when a diaper bag is asked for, then it is not the diapers (a bag is another thing)', 'en-US', 'do you sell a diaper bag'],
    ['when the dentist is mentioned, then no product is invented', 'en-US', 'I have to go to the dentist tomorrow'],
    ['when a carrier is named, then no product is invented', 'en-US', 'is dhl bringing it'],
    ['when the driver is mentioned, then no product is invented', 'en-US', 'the driver was very kind'],
    ['when "similar" is said, then it is not the similac', 'en-US', 'do you have something similar'],
    ['when speakers are mentioned, then they are not sneakers', 'en-US', 'my speakers stopped working'],
    ['when a resolution is asked for, then it is not the Nike Revolution', 'en-US', 'I want a resolution to this'],
    ['when a meeting moves to the office, then no product is invented', 'en-US', 'meeting moved to the office'],
    ['when a bank card did not arrive, then no product is invented', 'en-US', "my bank card hasn't arrived at home"],
    ['when "later" is said, then it is not water', 'en-US', 'deliver it later'],
    ['when a school sports day is mentioned, then it is not the sneakers', 'ko-KR', '운동회 때문에 집에 없어요'],
    ['when a diaper bag is asked for in Korean, then it is not the diapers', 'ko-KR', '기저귀 가방도 파나요'],
    ['when a meeting moves to the office in Korean, then no product is invented', 'ko-KR', '회의가 사무실로 바뀌었어요'],
    ['when a Korean verb shares its first syllables with the sneakers, then it is not them', 'ko-KR', '저녁엔 운동하고 와서 늦어요'],
    ['when a Korean noun plus particle is one jamo from a product, then it is not it', 'ko-KR', '화장이 잘 안 먹어요'],
    ['when two Korean words are one typo from a brand only when joined, then they are not it', 'ko-KR', '하이 스피커 어디서 사요'],
    ['when Jeju is the island, then it is not the water from Jeju', 'ko-KR', '제주도 날씨 어때요'],
    ['when noodles are a soup, then they are not the ramen bought before', 'en-US', 'how do I make chicken noodle soup'],
  ] as const)('%s', (_, locale, text) => {
    expect(products(text, locale, locale === 'ko-KR' ? HISTORY_KO : HISTORY_EN)).toEqual([]);
    expect(products(text, locale)).toEqual([]);
  });

  it('when there is no history, then a misspelt product still names its category', () => {
    expect(products('huggie diapres', 'en-US')).toEqual(['diapers']);
    expect(products('물티쓔 있어요?', 'ko-KR')).toEqual(['wipes']);
  });

  it('when the customer bought a diaper bag, then "diaper bag" finds it by its own words', () => {
    expect(products('the diaper bag again', 'en-US', [...HISTORY_EN, { sku: 'bag', name: 'Skip Hop Forma Diaper Bag Backpack' }])).toEqual(['bag']);
  });
});

describe('courier notes', () => {
  const note = (text: string, locale: 'en-US' | 'ko-KR'): string | undefined =>
    extractEntities(text, locale, ctx()).find((e) => e.type === 'instructions')?.value as string | undefined;

  it.each([
    [
      'when a change of mind opens the note, then those words are left out',
      'en-US',
      'hmm, actually leave it with the doorman',
      'leave it with the doorman',
    ],
    ['when "instead" closes the note, then it is left out', 'en-US', 'ring the bell instead', 'ring the bell'],
    [
      'when a place is set aside before the note, then only the note is kept',
      'en-US',
      'not the office, just leave it at reception',
      'leave it at reception',
    ],
    [
      'when a place is set aside after the note, then the note stays whole',
      'en-US',
      'leave it at the back door, not the office',
      'leave it at the back door, not the office',
    ],
    ['when a front desk is named, then it is a note', 'en-US', 'drop them at the front desk please', 'drop them at the front desk please'],
    ['when 회사 is set aside before the note, then only the note is kept', 'ko-KR', '회사 말고 현관 앞에 두고 가 주세요', '현관 앞에 두고 가 주세요'],
    ['when 그냥 opens the note, then it is left out', 'ko-KR', '아 그냥 경비실에 맡겨 주세요', '경비실에 맡겨 주세요'],
  ])('%s', (_name, locale, text, expected) => {
    expect(note(text, locale as 'en-US' | 'ko-KR')).toBe(expected);
  });

  it.each([
    ['en-US', 'deliver it to the office, not home'],
    ['ko-KR', '편의점 말고 회사로 보내 주세요'],
  ])('when a place is chosen (%s "%s"), then it is no note', (locale, text) => {
    expect(note(text, locale as 'en-US' | 'ko-KR')).toBeUndefined();
  });
});
