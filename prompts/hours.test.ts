import { describe, expect, it } from 'vitest';
import { openingHours } from './format.js';

describe('opening hours of a pick-up point, the shop’s way', () => {
  it.each([
    ['05:30–24:00', '오전 5시 30분~자정', '5:30 AM – midnight'],
    ['6:00–23:00', '오전 6시~오후 11시', '6 AM – 11 PM'],
    ['07:00-22:30', '오전 7시~오후 10시 30분', '7 AM – 10:30 PM'],
    ['10:00 ~ 12:00', '오전 10시~낮 12시', '10 AM – noon'],
    ['00:00–24:00', '24시간', 'Open 24 hours'],
    ['24/7', '24시간', 'Open 24 hours'],
    ['24시간', '24시간', 'Open 24 hours'],
    ['24h', '24시간', 'Open 24 hours'],
    // Not a pair of clock times: shown as it came, never guessed at.
    ['평일 09:00–18:00', '평일 09:00–18:00', '평일 09:00–18:00'],
    ['25:00–26:00', '25:00–26:00', '25:00–26:00'],
  ])('%s → %s / %s', (raw, ko, en) => {
    expect(openingHours(raw, 'ko-KR')).toBe(ko);
    expect(openingHours(raw, 'en-US')).toBe(en);
  });

  it('never prints a raw 24:00 or an en dash in Korean', () => {
    for (const raw of ['05:30–24:00', '18:00–24:00', '00:00–06:00']) expect(openingHours(raw, 'ko-KR')).not.toMatch(/24:00|–|\d:\d/);
  });
});
