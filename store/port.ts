/**
 * The persistence port. Two adapters implement it: the embedded one (first run, single node) and MongoDB
 * (production). tests/store-contract.ts runs the same suite against both.
 */
export interface ConversationRecord {
  id: string;
  channel: string;
  channelUserId: string;
  customerId: string | null;
  locale: string;
  /** The dialog state, a JSON document owned by the engine. */
  state: unknown;
  /** Incremented on every save; a save names the version it read, so two writers cannot overwrite each other. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface TranscriptEvent {
  conversationId: string;
  at: string;
  from: 'customer' | 'bot' | 'agent' | 'system';
  text: string;
  messageId?: string;
  intent?: string;
  expiresAt: string;
}

export interface ProcessedTurn {
  conversationId: string;
  messageId: string;
  reply: unknown;
  createdAt: string;
  expiresAt: string;
}

export interface ChannelLink { channel: string; channelUserId: string; customerId: string; createdAt: string }

export interface Preferences {
  customerId: string; locale?: string; courierInstructions?: string;
  /** Wrong voice purchase codes in a row, and until when voice ordering is locked after three. */
  voiceCodeFailures?: number; voiceLockedUntil?: string;
  updatedAt: string;
}

export class VersionConflictError extends Error {
  constructor(readonly conversationId: string, readonly expected: number | null) {
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

export interface Store {
  readonly kind: 'embedded' | 'mongodb';
  conversations: {
    get(id: string): Promise<ConversationRecord | null>;
    /** Saves when the stored version still equals `expectedVersion` (null: must not exist yet); returns the new record. */
    save(record: Omit<ConversationRecord, 'version'>, expectedVersion: number | null): Promise<ConversationRecord>;
  };
  transcript: {
    append(events: TranscriptEvent[]): Promise<void>;
    list(conversationId: string, options?: { limit?: number }): Promise<TranscriptEvent[]>;
  };
  turns: {
    get(conversationId: string, messageId: string): Promise<ProcessedTurn | null>;
    /** Records a turn once; returns false when that (conversationId, messageId) was already recorded. */
    put(turn: ProcessedTurn): Promise<boolean>;
  };
  links: {
    get(channel: string, channelUserId: string): Promise<ChannelLink | null>;
    put(link: ChannelLink): Promise<void>;
  };
  preferences: {
    get(customerId: string): Promise<Preferences | null>;
    put(preferences: Preferences): Promise<void>;
  };
  /** Plain documents by collection, for the sandbox services' own data (orders, shipments, idempotency records). */
  documents: {
    get<T>(collection: string, id: string): Promise<T | null>;
    put<T>(collection: string, id: string, doc: T): Promise<void>;
    /** Inserts only when absent; returns false when the id exists. */
    insert<T>(collection: string, id: string, doc: T): Promise<boolean>;
    list<T>(collection: string): Promise<T[]>;
    remove(collection: string, id: string): Promise<void>;
    clear(collection: string): Promise<void>;
  };
  /** Removes transcript events and processed turns whose expiresAt has passed; returns how many. */
  purgeExpired(now: Date): Promise<number>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
