import type { Customer } from './commerce.js';

/** The zone a conversation is in when the customer's profile does not say (yet): the locale's home zone. */
export const DEFAULT_ZONE: Readonly<Record<Customer['locale'], string>> = { 'en-US': 'America/Los_Angeles', 'ko-KR': 'Asia/Seoul' };

/** Intl formatters are costly to build and safe to share; one per zone. */
const zoneFormats = new Map<string, Intl.DateTimeFormat>();
function zoneFormat(timeZone: string): Intl.DateTimeFormat {
  let f = zoneFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      hourCycle: 'h23',
      weekday: 'short',
    });
    zoneFormats.set(timeZone, f);
  }
  return f;
}

/** The calendar date, weekday (0 = Sunday) and UTC offset (minutes) of an instant in a time zone. */
export function zonedParts(instant: Date, timeZone: string): ZonedParts {
  // The parts change at most once a minute (offsets change on the minute): each turn's "now" asks for the same minute.
  const minute = Math.floor(instant.getTime() / 60_000);
  const last = lastParts.get(timeZone);
  if (last?.minute === minute) return { ...last.parts };
  const parts = computeZonedParts(instant, timeZone);
  lastParts.set(timeZone, { minute, parts });
  return { ...parts };
}
type ZonedParts = { y: number; m: number; d: number; weekday: number; offset: number };
const lastParts = new Map<string, { minute: number; parts: ZonedParts }>();

function computeZonedParts(instant: Date, timeZone: string): ZonedParts {
  const f = zoneFormat(timeZone);
  const parts = Object.fromEntries(f.formatToParts(instant).map((p) => [p.type, p.value]));
  const y = Number(parts.year),
    m = Number(parts.month),
    d = Number(parts.day);
  // The instant's own minute, seconds dropped on both sides, so the offset is the zone's whatever the seconds.
  const asUtc = Date.UTC(y, m - 1, d, Number(parts.hour), Number(parts.minute));
  const offset = Math.round((asUtc - Math.floor(instant.getTime() / 60_000) * 60_000) / 60000);
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.weekday ?? 'Sun');
  return { y, m, d, weekday, offset };
}

/** YYYY-MM-DD of a calendar date; out-of-range days and months roll over (2026-13-01 is 2027-01-01). */
export function isoDate(y: number, m: number, d: number): string {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.toISOString().slice(0, 10);
}

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(instant: Date, timeZone: string): string {
  const p = zonedParts(instant, timeZone);
  return isoDate(p.y, p.m, p.d);
}

/** The calendar date N days after (or before) a YYYY-MM-DD date. */
export function addDays(iso: string, days: number): string {
  const dt = new Date(`${iso}T00:00:00Z`);
  dt.setUTCDate(dt.getUTCDate() + days);
  return dt.toISOString().slice(0, 10);
}

/** An ISO 8601 instant with the zone's offset for a local date and hour ("2026-11-23", 9, "America/Los_Angeles"). */
export function zonedIso(date: string, hour: number, timeZone: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const guess = new Date(Date.UTC(y, m - 1, d, hour));
  const offset = zonedParts(guess, timeZone).offset;
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  const off = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${date}T${String(hour).padStart(2, '0')}:00:00${off}`;
}
