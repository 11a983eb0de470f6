import { describe, expect, it } from 'vitest';
import { localDate, zonedIso, zonedParts } from '../domain/time.js';

describe('zoned time (kept for the minute it was asked in)', () => {
  it.each([
    // instant, zone, date, weekday, offset
    ['2026-11-27T10:00:00.000Z', 'America/Los_Angeles', [2026, 11, 27], 5, -480],
    ['2026-11-27T10:00:50.000Z', 'America/Los_Angeles', [2026, 11, 27], 5, -480],
    ['2026-11-27T10:00:59.999Z', 'America/Los_Angeles', [2026, 11, 27], 5, -480],
    ['2026-11-27T07:59:59.000Z', 'America/Los_Angeles', [2026, 11, 26], 4, -480],
    ['2026-11-27T15:00:30.000Z', 'Asia/Seoul', [2026, 11, 28], 6, 540],
    ['2026-11-27T14:59:30.000Z', 'Asia/Seoul', [2026, 11, 27], 5, 540],
    ['2026-07-01T12:00:45.000Z', 'America/Los_Angeles', [2026, 7, 1], 3, -420],
    ['2026-11-27T10:00:40.000Z', 'Asia/Kolkata', [2026, 11, 27], 5, 330],
  ] as const)('%s in %s', (iso, zone, [y, m, d], weekday, offset) => {
    // Asked twice (the second from what the first kept) and after another zone and minute: the same answer.
    for (let i = 0; i < 2; i += 1) expect(zonedParts(new Date(iso), zone)).toEqual({ y, m, d, weekday, offset });
    zonedParts(new Date(Date.parse(iso) + 60_000), zone);
    zonedParts(new Date(iso), 'Europe/London');
    expect(zonedParts(new Date(iso), zone)).toEqual({ y, m, d, weekday, offset });
  });

  it('when the minute turns over midnight, then the next minute is read afresh, not from what was kept', () => {
    expect(localDate(new Date('2026-11-27T07:59:30.000Z'), 'America/Los_Angeles')).toBe('2026-11-26');
    expect(localDate(new Date('2026-11-27T08:00:10.000Z'), 'America/Los_Angeles')).toBe('2026-11-27');
  });

  it('when a caller changes what it was given, then what was kept is not changed', () => {
    const p = zonedParts(new Date('2026-11-27T10:00:00.000Z'), 'America/Los_Angeles');
    p.d = 1;
    expect(zonedParts(new Date('2026-11-27T10:00:20.000Z'), 'America/Los_Angeles').d).toBe(27);
    expect(zonedIso('2026-11-27', 9, 'America/Los_Angeles')).toBe('2026-11-27T09:00:00-08:00');
  });
});
