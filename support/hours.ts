import { addDays, localDate, zonedIso, zonedParts } from '../domain/time.js';

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

export interface StaffedHours {
  timeZone: string;
  /** Minutes from midnight, per weekday (0 = Sunday): [open, close) ranges. */
  week: Array<Array<[number, number]>>;
  holidays: Set<string>;
}

/**
 * Parses "mon-fri 09:00-18:00; sat 10:00-14:00" (days as ranges or lists, times in the support time zone).
 * Throws with the offending part, so a bad setting stops the start.
 */
export function parseHours(spec: string, timeZone: string, holidays: string): StaffedHours {
  const week: StaffedHours['week'] = DAYS.map(() => []);
  for (const part of spec
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^([a-z]{3})(?:-([a-z]{3}))?((?:,[a-z]{3})*)\s+(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/i.exec(part);
    if (!m) throw new Error(`staffed hours: cannot read "${part}" (like "mon-fri 09:00-18:00")`);
    const from = DAYS.indexOf(m[1]!.toLowerCase() as (typeof DAYS)[number]);
    const to = m[2] ? DAYS.indexOf(m[2].toLowerCase() as (typeof DAYS)[number]) : from;
    const extra = (m[3] ?? '')
      .split(',')
      .filter(Boolean)
      .map((d) => DAYS.indexOf(d.toLowerCase() as (typeof DAYS)[number]));
    if (from < 0 || to < 0 || extra.some((d) => d < 0)) throw new Error(`staffed hours: unknown day in "${part}"`);
    const open = Number(m[4]) * 60 + Number(m[5]);
    const close = Number(m[6]) * 60 + Number(m[7]);
    if (close <= open || close > 24 * 60) throw new Error(`staffed hours: "${part}" closes before it opens`);
    const days: number[] = [];
    for (let d = from; ; d = (d + 1) % 7) {
      days.push(d);
      if (d === to) break;
    }
    for (const d of [...days, ...extra]) week[d]!.push([open, close]);
  }
  const hol = new Set(
    holidays
      .split(',')
      .map((h) => h.trim())
      .filter(Boolean),
  );
  for (const h of hol) if (!/^\d{4}-\d{2}-\d{2}$/.test(h)) throw new Error(`staffed hours: holiday "${h}" is not YYYY-MM-DD`);
  return { timeZone, week, holidays: hol };
}

function local(now: Date, zone: string): { date: string; weekday: number; minutes: number } {
  const p = zonedParts(now, zone);
  const date = localDate(now, zone);
  const shifted = new Date(now.getTime() + p.offset * 60_000);
  return { date, weekday: p.weekday, minutes: shifted.getUTCHours() * 60 + shifted.getUTCMinutes() };
}

export function isStaffed(hours: StaffedHours, now: Date): boolean {
  const l = local(now, hours.timeZone);
  if (hours.holidays.has(l.date)) return false;
  return hours.week[l.weekday]!.some(([open, close]) => l.minutes >= open && l.minutes < close);
}

/** When people next answer (now, when staffed); null when the schedule is empty. */
export function nextOpening(hours: StaffedHours, now: Date): Date | null {
  if (isStaffed(hours, now)) return now;
  const l = local(now, hours.timeZone);
  for (let day = 0; day < 14; day += 1) {
    const date = addDays(l.date, day);
    if (hours.holidays.has(date)) continue;
    const weekday = (l.weekday + day) % 7;
    const opens = hours.week[weekday]!.map(([open]) => open)
      .filter((open) => day > 0 || open > l.minutes)
      .sort((a, b) => a - b);
    if (opens.length) {
      const open = opens[0]!;
      const iso = zonedIso(date, Math.floor(open / 60), hours.timeZone);
      return new Date(Date.parse(iso) + (open % 60) * 60_000);
    }
  }
  return null;
}
