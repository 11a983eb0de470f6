/**
 * The persistence port. Two adapters implement it: the embedded one (first run, single node) and MongoDB
 * (production). tests/store-contract.ts runs the same suite against both. Rows are shaped by store/schemas.ts: written
 * with `schemaVersion`, parsed on every read; a row that does not parse is reported through the adapter's `onInvalid`
 * and read as absent.
 */
import type {
  AuditAction,
  AuditEntry,
  ChannelLink,
  ChannelListItem,
  ChannelListKind,
  ChannelStateKind,
  ChannelStateValue,
  ConversationRecord,
  Escalation,
  EscalationStatus,
  PendingEffect,
  Preferences,
  Priority,
  ProcessedTurn,
  Stored,
  TranscriptEvent,
} from './schemas.js';

export {
  type AuditAction,
  type AuditEntry,
  type BfReference,
  type ChannelLink,
  type ChannelStateKind,
  type ChannelStateValue,
  type ConversationRecord,
  type Escalation,
  type EscalationStatus,
  type InvalidRow,
  type KakaoCursor,
  type OnInvalidRow,
  type PendingChange,
  type PendingEffect,
  type Preferences,
  type Priority,
  type ProcessedTurn,
  type Stored,
  type TranscriptEvent,
} from './schemas.js';

export class VersionConflictError extends Error {
  constructor(
    readonly conversationId: string,
    readonly expected: number | null,
  ) {
    super(`Could not save conversation (${conversationId}): it changed since version ${expected ?? 'none'} was read`);
    this.name = 'VersionConflictError';
  }
}

/** The store could not be reached; the turn can be retried once it is back. */
export class StoreUnavailableError extends Error {
  constructor(what: string, cause: unknown) {
    super(`Could not ${what}: ${(cause as Error).message}`, { cause });
    this.name = 'StoreUnavailableError';
  }
}

/** A closed escalation: how it ended, when and by whom. */
export type ClosedEscalation = Escalation & { status: 'resolved' | 'handed_back'; closedAt: string; closedBy: string };

/** The outcome of a claim: the claimed escalation, or who holds it (null when the holder's row cannot be read). */
export type ClaimResult = { won: true; escalation: Stored<Escalation> } | { won: false; holder: string | null };

export interface EscalationFilter {
  status?: EscalationStatus;
  channel?: string;
  priority?: Priority;
}

export interface AuditFilter {
  actor?: string;
  action?: AuditAction;
  escalationId?: string;
  /** ISO time: entries at or after it. */
  since?: string;
  /** At most this many (newest first). */
  limit: number;
}

/** The document fields both adapters index (besides `customerId`), for documents.where. */
export const INDEXED_DOCUMENT_FIELDS = ['status', 'processedAt'] as const;
export type IndexedDocumentField = (typeof INDEXED_DOCUMENT_FIELDS)[number];

export interface Store {
  readonly kind: 'embedded' | 'mongodb';
  conversations: {
    get(id: string): Promise<Stored<ConversationRecord> | null>;
    /** Saves when the stored version still equals `expectedVersion` (null: must not exist yet); returns the new record. */
    save(record: Omit<ConversationRecord, 'version'>, expectedVersion: number | null): Promise<Stored<ConversationRecord>>;
  };
  transcript: {
    append(events: TranscriptEvent[]): Promise<void>;
    list(conversationId: string, options?: { limit?: number }): Promise<Array<Stored<TranscriptEvent>>>;
    /** The events of one customer message (their words and Smile's answer), in time order. */
    forMessage(conversationId: string, messageId: string): Promise<Array<Stored<TranscriptEvent>>>;
  };
  turns: {
    get(conversationId: string, messageId: string): Promise<Stored<ProcessedTurn> | null>;
    /** Records a turn once; returns false when that (conversationId, messageId) was already recorded. */
    put(turn: ProcessedTurn): Promise<boolean>;
  };
  links: {
    get(channel: string, channelUserId: string): Promise<Stored<ChannelLink> | null>;
    put(link: ChannelLink): Promise<void>;
    /** Every customer with a linked channel identity (those Smile can speak to first), each once, sorted. */
    customerIds(): Promise<string[]>;
    /** Forgets the channel user's link ("unlink my account"); false when there was none. */
    remove(channel: string, channelUserId: string): Promise<boolean>;
  };
  preferences: {
    get(customerId: string): Promise<Stored<Preferences> | null>;
    put(preferences: Preferences): Promise<void>;
  };
  /** The handoff queue: at most one open (queued or active) escalation per conversation, and claims only one agent wins. */
  escalations: {
    /**
     * Opens `escalation` unless its conversation already has an open one; atomic, so of two turns escalating at once
     * exactly one creates it. Returns the conversation's open escalation and whether this call created it.
     */
    openOnce(escalation: Escalation): Promise<{ escalation: Stored<Escalation>; created: boolean }>;
    get(id: string): Promise<Stored<Escalation> | null>;
    /** The conversation's queued or active escalation, if any. */
    openFor(conversationId: string): Promise<Stored<Escalation> | null>;
    /** Overwrites an escalation's fields (first reply, notes, callback); status changes go through claim and close. */
    save(escalation: Escalation): Promise<void>;
    /** Atomic: of agents claiming the same escalation at once exactly one wins and it becomes active, claimed by them. */
    claim(id: string, agent: string, at: string): Promise<ClaimResult>;
    /** Writes the closed escalation and frees its conversation for a new one. */
    close(escalation: ClosedEscalation): Promise<Stored<Escalation>>;
    /** Escalations matching every given field, oldest first. */
    list(filter?: EscalationFilter): Promise<Array<Stored<Escalation>>>;
  };
  /** Small per-channel values keyed by (kind, id): a Bot Framework conversation reference, a Kakao relay cursor. */
  channelState: {
    get<K extends ChannelStateKind>(kind: K, id: string): Promise<ChannelStateValue<K> | null>;
    put<K extends ChannelStateKind>(kind: K, id: string, value: ChannelStateValue<K>): Promise<void>;
    /**
     * Atomic: appends the item unless one with its id is kept, keeping the newest `keep`; writers appending to one row
     * at once all land (up to `keep`), none overwrites another.
     */
    append<K extends ChannelListKind>(kind: K, id: string, item: ChannelListItem<K>, keep: number): Promise<void>;
    /** Atomic: the items kept, oldest first, emptied in the same step, so two readers never both get one. */
    take<K extends ChannelListKind>(kind: K, id: string): Promise<Array<ChannelListItem<K>>>;
  };
  /** Changes whose outcome is not known yet, by idempotency key (see PendingEffect); settled by the reconciler. */
  pendingEffects: {
    /** Keeps it unless one with its key exists; false then. */
    add(effect: PendingEffect): Promise<boolean>;
    get(key: string): Promise<Stored<PendingEffect> | null>;
    /** Pending ones whose next attempt is due at `now` and whose lease is free, oldest first. */
    due(now: string, limit: number): Promise<Array<Stored<PendingEffect>>>;
    /** Atomic: takes a pending one's lease until `until` when it is free (none, or expired at `now`); false when held. */
    lease(key: string, now: string, until: string): Promise<boolean>;
    /** Overwrites it (its lease holder does: the outcome, the next attempt). */
    save(effect: PendingEffect): Promise<void>;
    /** Settled ones of the conversation whose news was not yet said on a turn. */
    untold(conversationId: string): Promise<Array<Stored<PendingEffect>>>;
    /** The customer's changes still pending (from any conversation or channel), oldest first. */
    pendingFor(customerId: string): Promise<Array<Stored<PendingEffect>>>;
  };
  /** The agents' audit log (AuditEntry): appended once per id, listed newest first. */
  audit: {
    append(entry: AuditEntry): Promise<void>;
    list(filter: AuditFilter): Promise<Array<Stored<AuditEntry>>>;
  };
  /**
   * Plain documents by collection, for the sandbox services' own data only (orders, shipments, idempotency records):
   * the sandbox stands in for outside systems and owns its shapes. Smile's own data has typed collections above.
   */
  documents: {
    get<T>(collection: string, id: string): Promise<T | null>;
    put<T>(collection: string, id: string, doc: T): Promise<void>;
    /** Inserts only when absent; returns false when the id exists. */
    insert<T>(collection: string, id: string, doc: T): Promise<boolean>;
    list<T>(collection: string): Promise<T[]>;
    /**
     * The collection's documents whose `customerId` field is `customerId`, read through an index (not a scan of the
     * collection): newest first by the string field `newestBy` when given (else by id), at most `limit` of them.
     */
    byCustomer<T>(collection: string, customerId: string, options?: { newestBy?: string; limit?: number }): Promise<T[]>;
    /**
     * The collection's documents whose field `field` is `value` (null: a field that is null, not a missing one), read through an index
     * (not a scan of the collection), by id: how a queue is read (notices not sent yet, events not processed yet,
     * active subscriptions), so it costs what is queued, not what was ever written.
     */
    where<T>(collection: string, field: IndexedDocumentField, value: string | null): Promise<T[]>;
    remove(collection: string, id: string): Promise<void>;
    clear(collection: string): Promise<void>;
  };
  /**
   * Named leases with expiry (store/leases.ts): a scheduled job or sweep runs under one, so that of several instances
   * exactly one runs it at a time. Each call is atomic on every adapter: of holders racing for a free lease, one wins.
   */
  leases: {
    /** Takes the lease for `holder` until `now + ttlMs` when it is free (never taken, released or expired) or already theirs. */
    acquire(name: string, holder: string, ttlMs: number, now: Date): Promise<boolean>;
    /** Extends the holder's unexpired lease to `now + ttlMs`; false when it is not (or no longer) theirs. */
    renew(name: string, holder: string, ttlMs: number, now: Date): Promise<boolean>;
    /** Frees the lease when the holder still has it; otherwise nothing. */
    release(name: string, holder: string, now: Date): Promise<void>;
    /** Who holds it now and until when; null when it is free. */
    holder(name: string, now: Date): Promise<{ holder: string; until: string } | null>;
  };
  /** Removes transcript events and processed turns whose expiresAt has passed; returns how many. */
  purgeExpired(now: Date): Promise<number>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** The logical collections a test can plant a raw row in, to see how adapters treat rows they cannot read. */
export type RawCollection = 'conversations' | 'transcript' | 'turns' | 'links' | 'preferences' | 'escalations' | 'channelState' | 'pendingEffects';

/** Test-only access to an adapter's underlying handle: writes a row as-is, bypassing the schemas. */
export interface RawRowWriter {
  writeRawRow(collection: RawCollection, row: Record<string, unknown>): Promise<void>;
}

/**
 * The time to stamp the next transcript event of a conversation with: now, or just after the last event when the
 * clock has not moved past it, so a conversation's events keep their order whoever writes them (bot or person).
 */
export async function nextEventTime(store: Pick<Store, 'transcript'>, conversationId: string, now: Date): Promise<number> {
  const last = (await store.transcript.list(conversationId, { limit: 1 })).at(-1)?.at;
  return last && Date.parse(last) >= now.getTime() ? Date.parse(last) + 1 : now.getTime();
}
