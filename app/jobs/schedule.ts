const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const ENTRY = /^(?<name>[a-z0-9][a-z0-9-]*)\s*=\s*(?:(?<off>off)|(?<amount>\d+(?:\.\d+)?)\s*(?<unit>ms|s|m|h|d))$/i;

/**
 * `SMILE_JOB_SCHEDULE`: `name=every` pairs separated by commas, `every` a number with ms, s, m, h or d, or `off`
 * ("reorder-nudges=24h,subscription-orders=24h"). Returns each job's interval in ms (null: not scheduled).
 */
export function parseSchedule(spec: string): Map<string, number | null> {
  const out = new Map<string, number | null>();
  const parts = spec
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  for (const part of parts) {
    const g = ENTRY.exec(part)?.groups;
    if (!g?.name) throw new Error(`"${part}" must be name=<number><ms|s|m|h|d> or name=off`);
    const ms = g.off ? null : Number(g.amount) * (UNIT_MS[(g.unit ?? '').toLowerCase()] ?? Number.NaN);
    if (ms !== null && !(ms >= 1000)) throw new Error(`"${part}": a job runs at most once a second`);
    out.set(g.name.toLowerCase(), ms);
  }
  return out;
}
