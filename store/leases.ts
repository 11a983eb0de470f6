import { z } from 'zod';
import type { Store } from './port.js';
import { readRow, SCHEMA_VERSION, toRow, type OnInvalidRow } from './schemas.js';

/**
 * A named lease (a scheduled job, a sweep) held by one instance at a time until it expires, kept as one row per term:
 * `(name, term)` inserted under a key unique to that pair. As with conversation versions (store/conversation-versions.ts),
 * an insert under a new key is the one step MongoDB, FerretDB v1 (whose conditional updates are read-modify-write) and
 * the embedded store (one LMDB transaction) all do atomically, so taking, renewing and releasing a lease are each the insert of the next term: of several
 * instances that read the same free term, exactly one inserts its successor. No update decides anything.
 */
export const LeaseRecord = z.object({
  name: z.string().min(1),
  term: z.number().int().positive(),
  /** Who holds it; null once released. */
  holder: z.string().nullable(),
  /** Held until then (ISO 8601); a lease past it is free. */
  until: z.string(),
  at: z.string(),
});
export type LeaseRecord = z.infer<typeof LeaseRecord>;
export const LeaseRow = LeaseRecord.extend({ schemaVersion: z.literal(SCHEMA_VERSION).default(SCHEMA_VERSION) });

/** What an adapter provides: rows keyed (name, term), the newest read by an index on (name, term). */
export interface LeaseRows {
  /** Inserts the row under the key of its (name, term); false when that term exists. */
  insert(row: z.output<typeof LeaseRow>): Promise<boolean>;
  /** The lease's row with the highest term, as stored (unparsed), or null. */
  head(name: string): Promise<unknown>;
  /** Removes the lease's rows below `term` that ended before `before` (long past any reader still holding one). */
  prune(name: string, term: number, before: string): Promise<void>;
}

/** How long an ended term's key is kept: far beyond the moment between reading a head and inserting its successor. */
export const ENDED_TERMS_KEPT_MS = 3_600_000;

export type Leases = Store['leases'];

export function leasesOver(rows: LeaseRows, onInvalid: OnInvalidRow): Leases {
  const head = async (name: string): Promise<LeaseRecord | null> =>
    readRow(LeaseRow, await rows.head(name), { collection: 'lease', id: name }, onInvalid);
  const held = (row: LeaseRecord | null, now: Date): row is LeaseRecord & { holder: string } =>
    Boolean(row?.holder && Date.parse(row.until) > now.getTime());

  /** Inserts the term after `current` for `holder` (null: released); false when another write took that term first. */
  const next = async (name: string, current: LeaseRecord | null, holder: string | null, until: Date, now: Date): Promise<boolean> => {
    const term = (current?.term ?? 0) + 1;
    const won = await rows.insert(toRow(LeaseRow, { name, term, holder, until: until.toISOString(), at: now.toISOString() }, `lease (${name})`));
    if (won && term > 2) await rows.prune(name, term - 1, new Date(now.getTime() - ENDED_TERMS_KEPT_MS).toISOString());
    return won;
  };

  return {
    acquire: async (name, holder, ttlMs, now) => {
      const current = await head(name);
      if (held(current, now) && current.holder !== holder) return false;
      return next(name, current, holder, new Date(now.getTime() + ttlMs), now);
    },
    renew: async (name, holder, ttlMs, now) => {
      const current = await head(name);
      if (!held(current, now) || current.holder !== holder) return false;
      return next(name, current, holder, new Date(now.getTime() + ttlMs), now);
    },
    release: async (name, holder, now) => {
      const current = await head(name);
      if (!held(current, now) || current.holder !== holder) return;
      await next(name, current, null, now, now);
    },
    holder: async (name, now) => {
      const current = await head(name);
      return held(current, now) ? { holder: current.holder, until: current.until } : null;
    },
  };
}
