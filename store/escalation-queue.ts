import { setTimeout as sleep } from 'node:timers/promises';
import type { ClaimResult, ClosedEscalation, EscalationFilter, Store } from './port.js';
import { EscalationRow, toRow, type Escalation, type Stored } from './schemas.js';

/**
 * What an adapter provides for the escalation queue: rows and two insert-once markers. Inserting a marker is the only
 * atomic step needed (a unique key on every server, FerretDB included, where conditional updates are not atomic), so
 * the protocol on top of it lives here once for both adapters. Every read returns a parsed row or null.
 */
export interface EscalationRows {
  insert(row: Stored<Escalation>): Promise<boolean>;
  put(row: Stored<Escalation>): Promise<void>;
  get(id: string): Promise<Stored<Escalation> | null>;
  remove(id: string): Promise<void>;
  list(filter: EscalationFilter): Promise<Array<Stored<Escalation>>>;
  /** Inserts the conversation's open marker; false when the conversation already has one. */
  insertOpen(conversationId: string, escalationId: string): Promise<boolean>;
  openId(conversationId: string): Promise<string | null>;
  /** Removes the marker only while it still names this escalation, so a stale release cannot free a newer one. */
  removeOpen(conversationId: string, escalationId: string): Promise<void>;
  insertClaim(escalationId: string, by: string, at: string): Promise<boolean>;
  claimHolder(escalationId: string): Promise<string | null>;
}

const isOpen = (e: Escalation): boolean => e.status === 'queued' || e.status === 'active';
/** How often openOnce tries again while other turns open and close escalations of the same conversation around it. */
const ATTEMPTS = 6;

export function escalationQueue(rows: EscalationRows): Store['escalations'] {
  const openFor = async (conversationId: string): Promise<Stored<Escalation> | null> => {
    const id = await rows.openId(conversationId);
    const esc = id ? await rows.get(id) : null;
    return esc && isOpen(esc) ? esc : null;
  };

  return {
    openFor,
    get: (id) => rows.get(id),
    list: (filter = {}) => rows.list(filter),

    openOnce: async (escalation) => {
      const row = toRow(EscalationRow, escalation, `escalation (${escalation.id})`);
      for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
        // The row is written before the marker, so whoever sees a marker can read its escalation.
        if (await rows.insert(row)) {
          if (await rows.insertOpen(row.conversationId, row.id)) return { escalation: row, created: true };
          await rows.remove(row.id);
        }
        const heldBy = await rows.openId(row.conversationId);
        const existing = heldBy ? await rows.get(heldBy) : null;
        if (existing && isOpen(existing)) return { escalation: existing, created: false };
        // The marker names no open escalation. Its row is written before the marker, so this is not a turn still
        // opening one: the escalation was closed (and the release is late, or was lost to a crash) or its row is
        // unreadable. Free the conversation from that marker only (a newer one stays), and try again.
        if (heldBy) await rows.removeOpen(row.conversationId, heldBy);
        else await sleep(5 * attempt);
      }
      throw new Error(`Could not open an escalation for conversation (${row.conversationId}): it kept changing under ${ATTEMPTS} attempts`);
    },

    save: async (escalation) => {
      await rows.put(toRow(EscalationRow, escalation, `escalation (${escalation.id})`));
    },

    claim: async (id, agent, at): Promise<ClaimResult> => {
      if (!(await rows.insertClaim(id, agent, at))) return { won: false, holder: await rows.claimHolder(id) };
      const esc = await rows.get(id);
      if (!esc) throw new Error(`Could not claim escalation (${id}): it is missing or unreadable`);
      const claimed = toRow(EscalationRow, { ...esc, status: 'active', claimedBy: agent, claimedAt: at }, `escalation (${id})`);
      await rows.put(claimed);
      return { won: true, escalation: claimed };
    },

    close: async (escalation: ClosedEscalation) => {
      const closed = toRow(EscalationRow, escalation, `escalation (${escalation.id})`);
      await rows.put(closed);
      await rows.removeOpen(closed.conversationId, closed.id);
      return closed;
    },
  };
}
