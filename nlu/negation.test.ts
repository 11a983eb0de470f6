import { describe, expect, it } from 'vitest';
import { firstEntity, wireValue, type Entity, type EntityType } from './catalogue.js';
import { extractEntities } from './entities.js';
import { Nlu } from './nlu.js';

// Sunday Nov 22 in both Los Angeles (2 am) and Seoul (7 pm): "tomorrow" is Monday Nov 23 in both.
const now = new Date('2026-11-22T10:00:00Z');
const LA = { now, timeZone: 'America/Los_Angeles' };
const SEOUL = { now, timeZone: 'Asia/Seoul' };

type Slot = Extract<EntityType, 'date' | 'time_window' | 'place'>;
const wanted = (entities: Entity[], type: Slot): string | number | undefined => {
  const e = firstEntity(entities, type);
  return e ? wireValue(e) : undefined;
};
const rejected = (entities: Entity[]): Array<string | number> => entities.filter((e) => e.negated).map(wireValue);

describe('the day, time or place the customer rejects is not taken as the one they want', () => {
  it.each([
    [
      'when a time is rejected for another, then the other time is wanted and the day carries over',
      'en-US',
      'no mornings tomorrow please — evenings are better',
      { date: '2026-11-23', time_window: 'evening' },
      ['morning'],
    ],
    [
      'when the customer will be out one morning and asks for the evening instead, then the evening is wanted',
      'en-US',
      "I'm not going to be in tomorrow morning. Could the parcel come tomorrow evening instead?",
      { date: '2026-11-23', time_window: 'evening' },
      ['2026-11-23', 'morning'],
    ],
    [
      'when the same is said without punctuation, as a voice assistant hears it, then the evening is still wanted',
      'en-US',
      "i won't be around tomorrow morning could it come tomorrow evening instead",
      { date: '2026-11-23', time_window: 'evening' },
      ['2026-11-23', 'morning'],
    ],
    [
      'when every day but one is fine, then no day is wanted and that one is rejected',
      'en-US',
      'any day but tuesday is fine with me',
      { date: undefined },
      ['2026-11-24'],
    ],
    [
      'when a day is called impossible and another one offered, then the other one is wanted',
      'en-US',
      "monday doesn't work for me, wednesday afternoon is fine",
      { date: '2026-11-25', time_window: 'afternoon' },
      ['2026-11-23'],
    ],
    [
      'when a place is rejected for another, then the other place is wanted',
      'en-US',
      "don't send it to my office, send it to the parcel locker",
      { place: 'locker' },
      ['office'],
    ],
    [
      'when the customer will not be at a place, then that place is never wanted, but the day still is',
      'en-US',
      "I'll not be at the office on friday, so leave it at home",
      { place: 'home', date: '2026-11-27' },
      ['office'],
    ],
    [
      'when "not" comes after the wanted time, then the time it precedes is the rejected one',
      'en-US',
      'evening works best, not the afternoon',
      { time_window: 'evening' },
      ['afternoon'],
    ],
    [
      'when a Korean place is rejected with 말고, then the place after it is wanted',
      'ko-KR',
      '회사 말고 편의점에서 찾을게요',
      { place: 'convenience_store' },
      ['office'],
    ],
    [
      'when a Korean customer is not home in the morning and wants the evening, then the evening is wanted and home is not',
      'ko-KR',
      '내일 오전에는 집에 아무도 없어요. 저녁에 와 주세요',
      { date: '2026-11-23', time_window: 'evening', place: undefined },
      ['home', 'morning'],
    ],
    [
      'when a Korean day is called difficult and another offered, then the other day is wanted',
      'ko-KR',
      '수요일은 어렵고 목요일 오후가 좋아요',
      { date: '2026-11-26', time_window: 'afternoon' },
      ['2026-11-25'],
    ],
    [
      'when a Korean time is rejected with 대신, then the time after it is wanted',
      'ko-KR',
      '오전 대신 밤에 받을게요',
      { time_window: 'night' },
      ['morning'],
    ],
    ['when a Korean customer asks not to deliver to a place, then it is rejected', 'ko-KR', '집으로 보내지 마세요', { place: undefined }, ['home']],
    [
      'when a Korean refusal stands in a clause of its own (a note for the courier), then the place in the clause before is still wanted',
      'ko-KR',
      '회사로 보내 주고 초인종은 누르지 마세요',
      { place: 'office' },
      [],
    ],
    [
      'when the clauses are joined by 그리고, then the place before is still wanted',
      'ko-KR',
      '편의점으로 바꿔 주세요 그리고 전화는 하지 마세요',
      { place: 'convenience_store' },
      [],
    ],
  ] as const)('%s', (_, locale, text, want, rejects) => {
    const entities = extractEntities(text, locale, locale === 'ko-KR' ? SEOUL : LA);
    for (const [type, value] of Object.entries(want) as Array<[Slot, string | undefined]>) expect(wanted(entities, type), type).toEqual(value);
    expect(rejected(entities)).toEqual(rejects);
  });

  it.each([
    ['when "no" answers a question, then what follows it is wanted', 'en-US', 'no, thursday morning', { date: '2026-11-26', time_window: 'morning' }],
    [
      'when the customer is unsure, then nothing is rejected',
      'en-US',
      'not sure, maybe saturday afternoon',
      { date: '2026-11-28', time_window: 'afternoon' },
    ],
    ['when the customer does not mind, then nothing is rejected', 'en-US', "I don't mind, the office is fine", { place: 'office' }],
    ['when the customer is out of a product, then they are not away', 'en-US', "I'm out of wipes, send some to my office", { place: 'office' }],
    ['when a past event is told, then its place is not rejected', 'en-US', "my bank card hasn't arrived at home yet", { place: 'home' }],
    [
      'when a Korean request ends in a polite question, then nothing is rejected',
      'ko-KR',
      '내일 저녁에 받으면 안 될까요?',
      { date: '2026-11-23', time_window: 'evening' },
    ],
    ['when a Korean customer says it is no problem, then nothing is rejected', 'ko-KR', '회사로 와도 상관없어요', { place: 'office' }],
  ] as const)('%s', (_, locale, text, want) => {
    const entities = extractEntities(text, locale, locale === 'ko-KR' ? SEOUL : LA);
    for (const [type, value] of Object.entries(want) as Array<[Slot, string]>) expect(wanted(entities, type), type).toEqual(value);
    expect(rejected(entities)).toEqual([]);
  });

  it('when a rejected entity is kept, then it is listed after the wanted one of its type', () => {
    const entities = extractEntities('편의점 말고 집 앞에 두세요', 'ko-KR', SEOUL).filter((e) => e.type === 'place');
    expect(entities.map((e) => [e.value, e.negated ?? false])).toEqual([
      ['home', false],
      ['convenience_store', true],
    ]);
  });
});

describe("through the whole understanding, with the customer's history", () => {
  const nlu = new Nlu();
  const catalogue = [
    { sku: 'wipes-12', name: 'Pampers Sensitive Baby Wipes, 12 packs' },
    { sku: 'diapers-84', name: 'Huggies Little Snugglers Diapers, Size 2, 84 ct' },
  ];
  it('when a customer away in the morning asks for the evening, then the dialog reads the evening, the day and the wipes', () => {
    const r = nlu.parse("I'll be out tomorrow morning, so could the wipes come tomorrow evening instead?", 'en-US', { ...LA, catalogue });
    expect(wanted(r.entities, 'time_window')).toBe('evening');
    expect(wanted(r.entities, 'date')).toBe('2026-11-23');
    expect(firstEntity(r.entities, 'product')?.value).toBe('wipes-12');
  });
  it('when a Korean customer rejects a place for another, then the dialog reads the other one', () => {
    const r = nlu.parse('회사 말고 집으로 보내 주세요', 'ko-KR', SEOUL);
    expect(wanted(r.entities, 'place')).toBe('home');
  });
});
