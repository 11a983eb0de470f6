import { VersionConflictError, type ConversationRecord, type Store, type Stored } from './port.js';
import { ConversationRow, readRow, toRow, type OnInvalidRow } from './schemas.js';

/**
 * What an adapter provides for conversations: one row per (conversation, version), inserted under a key unique to that
 * pair. Inserting a row with a key that must be new is the one step every server does atomically — MongoDB, FerretDB v1
 * (whose conditional updates are read-modify-write, so of 30 concurrent `updateOne({_id, version})` several match) and
 * the embedded store (an existence check and a write in one LMDB transaction) — so it is the claim on the next version and the write of its state at once: a save either inserts
 * `(conversation, version + 1)` with the new state, or finds that version taken and is a conflict. No update decides
 * anything.
 */
export interface VersionRows {
  /** Inserts the row under the key of its (id, version); false when that version exists (even superseded). */
  insert(row: Stored<ConversationRecord>): Promise<boolean>;
  /** The conversation's row with the highest version, as stored (unparsed), or null. */
  head(id: string): Promise<unknown>;
  /**
   * Shrinks every full row of the conversation below `version` to a marker (its state dropped, `superseded`, `expiresAt`):
   * its key must stay taken (or a writer still holding that version could insert its successor again and be told it
   * won), but its state is no longer needed. The marker is purged after `expiresAt`.
   */
  supersede(id: string, below: number, expiresAt: string): Promise<void>;
}

/**
 * How long a superseded version's key is kept. A writer holds the version it read for one turn (seconds); a day is far
 * beyond that, and within it a stale writer finds its next version taken.
 */
export const SUPERSEDED_KEPT_MS = 86_400_000;

export function conversationVersions(rows: VersionRows, onInvalid: OnInvalidRow): Store['conversations'] {
  return {
    get: async (id) => readRow(ConversationRow, await rows.head(id), { collection: 'conversation', id }, onInvalid),

    save: async (record, expectedVersion) => {
      const next = toRow(ConversationRow, { ...record, version: (expectedVersion ?? 0) + 1 }, `conversation (${record.id})`);
      if (!(await rows.insert(next))) throw new VersionConflictError(record.id, expectedVersion);
      // The save is won and complete here. Shrinking older rows is housekeeping: a crash before it leaves one full
      // row below the head, never read (reads take the highest version), and the next save shrinks every row below it.
      if (next.version > 1) await rows.supersede(record.id, next.version, new Date(Date.parse(record.updatedAt) + SUPERSEDED_KEPT_MS).toISOString());
      return next;
    },
  };
}
