import { describe, expect, it } from 'vitest';
import { isStaffed, nextOpening, parseHours } from './hours.js';

describe('staffed hours', () => {
  const hours = parseHours('mon-fri 09:00-18:00; sat 10:00-14:00', 'Asia/Seoul', '2026-12-25');
  it('when inside a weekday window in the support zone, then staffed', () => {
    expect(isStaffed(hours, new Date('2026-11-23T01:00:00Z'))).toBe(true); // Mon 10:00 in Seoul
    expect(isStaffed(hours, new Date('2026-11-23T09:30:00Z'))).toBe(false); // Mon 18:30
  });
  it('when outside, then the next opening is found across weekends and holidays', () => {
    expect(nextOpening(hours, new Date('2026-11-21T06:00:00Z'))?.toISOString()).toBe('2026-11-23T00:00:00.000Z'); // Sat 15:00 → Mon 09:00
    expect(nextOpening(hours, new Date('2026-12-24T10:00:00Z'))?.toISOString()).toBe('2026-12-26T01:00:00.000Z'); // Thu 19:00, Fri holiday → Sat 10:00
  });
  it('when the setting is malformed, then it says which part', () => {
    expect(() => parseHours('weekdays 9-5', 'UTC', '')).toThrow(/cannot read "weekdays 9-5"/);
    expect(() => parseHours('mon 18:00-09:00', 'UTC', '')).toThrow(/closes before it opens/);
    expect(() => parseHours('mon 09:00-18:00', 'UTC', 'Dec 25')).toThrow(/holiday/);
  });
});
