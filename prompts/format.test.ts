import { describe, expect, it } from 'vitest';
import type { Order } from '../domain/commerce.js';
import { orderName } from '../domain/orders.js';
import { say } from './index.js';
import { dateText, koTime, money, timeText, windowText } from './format.js';

const SEOUL = 'Asia/Seoul';
const w = (start: string, end: string) => ({ start: `2026-11-28T${start}:00+09:00`, end: `2026-11-28T${end}:00+09:00` });

describe("Korean formats are Smile's own", () => {
  it.each([
    [w('09:00', '12:00'), '11월 28일(토) 오전 9시~낮 12시'],
    [w('12:00', '15:00'), '11월 28일(토) 낮 12시~오후 3시'],
    [w('18:30', '21:00'), '11월 28일(토) 오후 6시 30분~밤 9시'],
    [w('06:00', '09:00'), '11월 28일(토) 오전 6시~9시'],
    [w('15:00', '18:00'), '11월 28일(토) 오후 3시~6시'],
  ])('when a window is shown, then it reads %#', (window, expected) => {
    expect(windowText(window, 'ko-KR', SEOUL)).toBe(expected);
  });

  it('when a window is a dawn delivery, then it is named by when it is at the door, never by a 2 AM start', () => {
    expect(windowText(w('02:00', '07:00'), 'ko-KR', SEOUL)).toBe('11월 28일(토) 새벽배송(오전 7시 전)');
    expect(windowText(w('00:00', '06:30'), 'ko-KR', SEOUL)).toBe('11월 28일(토) 새벽배송(오전 6시 30분 전)');
    expect(windowText(w('05:00', '09:00'), 'ko-KR', SEOUL)).toBe('11월 28일(토) 새벽 5시~오전 9시');
    expect(windowText(w('02:00', '07:00'), 'en-US', SEOUL)).toBe('Sat, Nov 28, early morning (by 7 AM)');
  });

  it('when a price in won is shown, then the won follows the number', () => {
    expect(money(59800, 'KRW', 'ko-KR')).toBe('59,800원');
    expect(money(9000, 'KRW', 'ko-KR')).toBe('9,000원');
    expect(money(1234567, 'KRW', 'ko-KR')).toBe('1,234,567원');
  });

  it('when a date or a time is shown, then there is no space before the weekday and no AM/PM', () => {
    expect(dateText('2026-11-30T09:00:00+09:00', 'ko-KR', SEOUL)).toBe('11월 30일(월)');
    expect(timeText('2026-11-30T09:00:00+09:00', 'ko-KR', SEOUL)).toBe('오전 9시');
    expect(timeText('2026-11-30T15:40:00+09:00', 'ko-KR', SEOUL)).toBe('오후 3시 40분');
    expect(timeText('2026-11-30T12:05:00+09:00', 'ko-KR', SEOUL)).toBe('낮 12시 5분');
    expect(timeText('2026-11-30T00:00:00+09:00', 'ko-KR', SEOUL)).toBe('밤 12시');
    expect([koTime(0, 0), koTime(11, 59), koTime(12, 0), koTime(18, 0), koTime(19, 0), koTime(23, 0)]).toEqual([
      '밤 12시',
      '오전 11시 59분',
      '낮 12시',
      '오후 6시',
      '밤 7시',
      '밤 11시',
    ]);
  });

  it('when the customer is English, then the formats are unchanged', () => {
    const la = 'America/Los_Angeles';
    expect(money(59.8, 'USD', 'en-US')).toBe('$59.80');
    expect(windowText({ start: '2026-11-28T09:00:00-08:00', end: '2026-11-28T12:00:00-08:00' }, 'en-US', la)).toBe('Sat, Nov 28, 9 AM – 12 PM');
    expect(dateText('2026-11-28T09:00:00-08:00', 'en-US', la)).toBe('Sat, Nov 28');
  });
});

describe('an order of several items', () => {
  const order = { items: [{ name: '하기스 네이처메이드 기저귀 3단계 64매' }, { name: '앱솔루트 명작 분유 2단계 800g' }] } as unknown as Order;
  it("when it is named, then the count of the others is said the customer's way", () => {
    const named = (locale: 'ko-KR' | 'en-US') => orderName(order, (first, count) => say(locale, 'order.name.more', { first, count: String(count) }));
    expect(named('ko-KR')).toBe('하기스 네이처메이드 기저귀 3단계 64매 외 1건');
    expect(named('en-US')).toBe('하기스 네이처메이드 기저귀 3단계 64매 (+1)');
  });
});
