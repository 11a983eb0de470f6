import { describe, expect, it } from 'vitest';
import { matchWindows } from '../dialogs/flows/delivery-slot/steps.js';
import { windowsFor } from '../sandbox/sandbox.js';
import { buildSeed } from '../sandbox/seed.js';
import { wireValue } from './catalogue.js';
import { extractDates, extractWindows } from './dates.js';

// 07:30 UTC on Nov 30 is still Nov 29 (23:30) in Los Angeles and already Nov 30 (16:30) in Seoul.
const now = new Date('2026-11-30T07:30:00Z');
const LA = 'America/Los_Angeles';
const SEOUL = 'Asia/Seoul';
// Written as the public parse API writes them: an ISO day, or "+Nd" for a shift.
const dates = (text: string, locale: 'en-US' | 'ko-KR', zone: string): Array<string | number> =>
  extractDates(text, locale, now, zone).map((d) => wireValue({ type: 'date', ...d }));

describe("dates in the customer's time zone, across a month end", () => {
  it.each([
    ['tomorrow', LA, '2026-11-30'],
    ['tomorrow', SEOUL, '2026-12-01'],
    ['the day after tomorrow', LA, '2026-12-01'],
    ['on monday', LA, '2026-11-30'],
    ['saturday morning', LA, '2026-12-05'],
    ['on the 2nd', LA, '2026-12-02'],
    ['on the 30th', LA, '2026-11-30'],
    ['this weekend', LA, '2026-12-05..2026-12-06'],
    ['push it back a day', LA, '+1d'],
    ['two days later', LA, '+2d'],
  ])('"%s" in %s is %s', (text, zone, want) => {
    expect(dates(text, 'en-US', zone)).toEqual([want]);
  });

  it.each([
    ['내일', '2026-12-01'],
    ['모레 오전', '2026-12-02'],
    ['글피', '2026-12-03'],
    ['다음 주 월요일', '2026-12-07'],
    ['금요일', '2026-12-04'],
    ['12월 3일', '2026-12-03'],
    ['2일', '2026-12-02'],
    ['주말에', '2026-12-05..2026-12-06'],
    ['하루 미뤄줘', '+1d'],
    ['이틀 뒤로', '+2d'],
  ])('"%s" in Seoul is %s', (text, want) => {
    expect(dates(text, 'ko-KR', SEOUL)).toEqual([want]);
  });

  it('times of day and bounds read the same in both languages', () => {
    expect(extractWindows('after 6 pm', 'en-US').map((w) => wireValue({ type: 'time_window', ...w }))).toEqual(['after:18:00']);
    expect(extractWindows('오후 6시 이후에', 'ko-KR').map((w) => wireValue({ type: 'time_window', ...w }))).toEqual(['after:18:00']);
    expect(extractWindows('퇴근 후에', 'ko-KR').map((w) => wireValue({ type: 'time_window', ...w }))).toEqual(['evening']);
    expect(extractWindows('tomorrow morning', 'en-US').map((w) => wireValue({ type: 'time_window', ...w }))).toEqual(['morning']);
  });
});

// Runs of days (issue 21, item 5): weeks run Monday to Sunday. On Friday 27 Nov 2026 (Seoul, 12:00):
describe('runs of days, from a Friday', () => {
  const friday = new Date('2026-11-27T03:00:00Z');
  const read = (text: string, locale: 'en-US' | 'ko-KR'): Array<string | number> =>
    extractDates(text, locale, friday, SEOUL).map((d) => wireValue({ type: 'date', ...d }));
  it.each([
    ['주말에 받을게요', ['2026-11-28..2026-11-29']],
    ['이번 주말', ['2026-11-28..2026-11-29']],
    ['다음 주말로요', ['2026-12-05..2026-12-06']],
    ['이번 주 안에', ['2026-11-27..2026-11-29']],
    ['다음 주에 주세요', ['2026-11-30..2026-12-06']],
    ['담주로 미뤄 주세요', ['2026-11-30..2026-12-06']],
    ['다음 주 월요일', ['2026-11-30']],
    ['다음 주 일요일', ['2026-12-06']],
    // As people type it: 월욜 … 일욜, 담주, 요번 주.
    ['월욜에 주세요', ['2026-11-30']],
    ['화욜', ['2026-12-01']],
    ['수욜 오후로', ['2026-12-02']],
    ['목욜', ['2026-12-03']],
    ['금욜', ['2026-12-04']],
    ['토욜로 바꿔 줘', ['2026-11-28']],
    ['일욜', ['2026-11-29']],
    ['담주 월욜로 미뤄 줘', ['2026-11-30']],
    ['담주 금욜', ['2026-12-04']],
    ['담 주 수욜', ['2026-12-02']],
    ['요번 주 일욜', ['2026-11-29']],
    ['요번 주말에', ['2026-11-28..2026-11-29']],
    ['평일에만 받을 수 있어요', ['2026-11-30..2026-12-04']],
    ['다음 주 평일', ['2026-11-30..2026-12-04']],
    ['월말쯤', ['2026-11-27..2026-11-30']],
    ['다음 달 말에', ['2026-12-25..2026-12-31']],
    ['말일에', ['2026-11-30']],
    ['다음 달 초', ['2026-12-01..2026-12-07']],
    ['주말 말고 평일에', ['2026-11-28..2026-11-29', '2026-11-30..2026-12-04']],
  ] as const)('"%s" is %j', (text, want) => {
    expect(read(text, 'ko-KR')).toEqual(want);
  });
  it.each([
    ['this weekend', ['2026-11-28..2026-11-29']],
    ['next weekend', ['2026-12-05..2026-12-06']],
    ['sometime next week', ['2026-11-30..2026-12-06']],
    ['this week', ['2026-11-27..2026-11-29']],
    ['friday next week', ['2026-12-04']],
    // The day's own name said on that day is the coming one, as in Korean.
    ['push it to friday', ['2026-12-04']],
    ['friday evening works', ['2026-12-04']],
    ['on a weekday', ['2026-11-30..2026-12-04']],
    ['by the end of the month', ['2026-11-27..2026-11-30']],
    ['end of next month', ['2026-12-25..2026-12-31']],
  ] as const)('"%s" is %j', (text, want) => {
    expect(read(text, 'en-US')).toEqual(want);
  });
  it.each([['이번 주문 취소해 주세요'], ['다음 주소로 보내 주세요'], ['2주마다 보내 주세요'], ['이번 달 말고요']])('"%s" names no day', (text) => {
    expect(read(text, 'ko-KR')).toEqual([]);
  });
  it("a weekend said on a Sunday is the coming one; weekdays said on a Saturday are next week's", () => {
    const sunday = new Date('2026-11-29T03:00:00Z');
    expect(extractDates('주말에', 'ko-KR', sunday, SEOUL).map((d) => d.value)).toEqual([{ from: '2026-12-05', to: '2026-12-06' }]);
    expect(extractDates('다음 주 월요일', 'ko-KR', sunday, SEOUL).map((d) => d.value)).toEqual([{ on: '2026-11-30' }]);
    const saturday = new Date('2026-11-28T03:00:00Z');
    expect(extractDates('평일에', 'ko-KR', saturday, SEOUL).map((d) => d.value)).toEqual([{ from: '2026-11-30', to: '2026-12-04' }]);
  });
});

describe('matching free windows', () => {
  const seed = buildSeed(now);
  const demo = seed.customers.find((c) => c.id === 'demo')!;
  const windows = windowsFor(demo, now); // Nov 30 – Dec 6 in Los Angeles
  it('when a day and a time are asked for, then only windows on that local day and time fit, across the month end', () => {
    expect(matchWindows(windows, { date: { on: '2026-12-01' }, time: { part: 'evening' } }).map((w) => w.start)).toEqual([
      '2026-12-01T18:00:00-08:00',
    ]);
    expect(matchWindows(windows, { date: { on: '2026-12-01' }, time: { part: 'afternoon' } })).toHaveLength(2);
    expect(matchWindows(windows, { time: { after: 15 } }).every((w) => Number(w.start.slice(11, 13)) >= 15)).toBe(true);
  });
  it('when the delivery is pushed back a day, then the same time on the next day is chosen, even into December', () => {
    const current = { start: '2026-11-30T12:00:00-08:00', end: '2026-11-30T15:00:00-08:00' };
    expect(matchWindows(windows, { date: { shiftDays: 1 } }, current).map((w) => w.start)).toEqual(['2026-12-01T12:00:00-08:00']);
  });
});

describe('every day mentioned is kept, in the order said, so a rejected one can be told from the wanted one', () => {
  it.each([
    ['when two relative days are contrasted, then both are read', 'not today but tomorrow please', 'en-US', LA, ['2026-11-29', '2026-11-30']],
    [
      'when a relative day and a weekday are contrasted, then both are read',
      'tomorrow is bad, wednesday works',
      'en-US',
      LA,
      ['2026-11-30', '2026-12-02'],
    ],
    [
      'when the same day is said twice, then it is read twice',
      'I am out tomorrow morning, so tomorrow night then',
      'en-US',
      LA,
      ['2026-11-30', '2026-11-30'],
    ],
    ['when two Korean weekdays are contrasted, then both are read', '화요일 말고 목요일에 주세요', 'ko-KR', SEOUL, ['2026-12-01', '2026-12-03']],
    [
      'when a Korean relative day and a weekday are contrasted, then both are read',
      '내일은 어렵고 금요일 괜찮아요',
      'ko-KR',
      SEOUL,
      ['2026-12-01', '2026-12-04'],
    ],
  ] as const)('%s', (_, text, locale, zone, want) => {
    expect(dates(text, locale, zone)).toEqual(want);
  });
});

describe('times of day are not read from ordinary words', () => {
  it.each([
    ['when "am" is the verb, then it is no morning', 'I am at the office all day', []],
    ['when "am" follows a number, then it is a morning', 'around 10 am would be good', ['morning']],
  ] as const)('%s', (_, text, want) => {
    expect(extractWindows(text, 'en-US').map((w) => wireValue({ type: 'time_window', ...w }))).toEqual(want);
  });
});

describe('a weekday said on that same day', () => {
  const fridayMorningLA = new Date('2026-11-27T18:00:00Z');
  it.each([
    ['push it to friday', '2026-12-04'],
    ['friday evening works', '2026-12-04'],
    ['next friday', '2026-12-04'],
  ])('"%s" on a Friday is %s (the coming one, as "금요일" is)', (text, want) => {
    expect(extractDates(text, 'en-US', fridayMorningLA, 'America/Los_Angeles').map((d) => d.value)).toEqual([{ on: want }]);
  });
});
