import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { open, type Database, type Key, type RootDatabase } from 'lmdb';
import { channelState } from './channel-state.js';
import { conversationVersions } from './conversation-versions.js';
import { takeLock } from './data-dir-lock.js';
import { escalationQueue, type EscalationRows } from './escalation-queue.js';
import { leasesOver } from './leases.js';
import { LEGACY_COLLECTIONS, moveLegacyDocuments } from './legacy-documents.js';
import { nedbFiles, readNedbFile, setNedbFilesAside } from './nedb-files.js';
import {
  type ChannelLink,
  type AuditFilter,
  type EscalationFilter,
  type Preferences,
  type AuditEntry,
  type ProcessedTurn,
  type RawCollection,
  type RawRowWriter,
  type Store,
  type Stored,
  type TranscriptEvent,
  INDEXED_DOCUMENT_FIELDS,
  type IndexedDocumentField,
} from './port.js';
import {
  EscalationClaimRow,
  EscalationRow,
  LinkRow,
  OpenEscalationRow,
  PendingEffectRow,
  PreferencesRow,
  AuditRow,
  readRow,
  toRow,
  TranscriptRow,
  TurnRow,
  type OnInvalidRow,
  type PendingEffect,
} from './schemas.js';

type Row = Record<string, unknown>;
type Pk = Key[];

export interface EmbeddedStoreOptions {
  /** Told about every row that does not parse (it is then read as absent); the composition root logs it. */
  onInvalid?: OnInvalidRow;
  /** Told the size (as JSON, key included) of every row and index entry written, by table: what a turn writes. */
  onWrite?: (table: string, bytes: number) => void;
  /** Told once when the store moved an older version's NeDB files into its database at open. */
  onMigrated?: (report: { tables: Record<string, number>; skippedLines: number; movedTo: string }) => void;
}

const TABLES = [
  'conversations',
  'transcript',
  'turns',
  'links',
  'preferences',
  'escalations',
  'escalation_open',
  'escalation_claims',
  'channel_state',
  'pending_effects',
  'leases',
  'audit',
  'documents',
] as const;
type Table = (typeof TABLES)[number];
const RAW: Record<RawCollection, Table> = {
  conversations: 'conversations',
  transcript: 'transcript',
  turns: 'turns',
  links: 'links',
  preferences: 'preferences',
  escalations: 'escalations',
  channelState: 'channel_state',
  pendingEffects: 'pending_effects',
};
/** The tables whose rows carry an `expiresAt` that purgeExpired honours. */
const EXPIRING: ReadonlySet<Table> = new Set(['transcript', 'turns', 'conversations', 'audit']);

/** Sorts after every string and number as the last element of an array key (ordered-binary writes it as byte 0xff). */
const AFTER = Uint8Array.of(0xff);
/** How an indexed null is kept in a key (a key element cannot be told apart from the separator when it is null). */
const NULL_KEY = false;

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '');
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);

/**
 * A transcript entry's key part after its conversation and time: this process's random prefix and a counter, padded so
 * that entries of the same instant keep the order they were written in.
 */
const TRANSCRIPT_KEY_PREFIX = randomBytes(6).toString('base64url');
let transcriptKeys = 0;
const transcriptKey = (): string => `${TRANSCRIPT_KEY_PREFIX}${(transcriptKeys++).toString(36).padStart(8, '0')}`;

/**
 * Each table's primary key, from the row itself (the row keeps the fields its key is made of). `_id` is only the key
 * older versions' NeDB files gave a row (and a test's raw row): used where the row has no field to key it by.
 */
function primaryKey(table: Table, row: Row): Pk {
  switch (table) {
    case 'conversations':
      return [str(row.id ?? row._id), num(row.version)];
    case 'transcript':
      return [str(row.conversationId), str(row.at), str(row._id ?? transcriptKey())];
    case 'turns':
      return [str(row.conversationId), str(row.messageId)];
    case 'links':
      return [str(row.channel), str(row.channelUserId)];
    case 'preferences':
      return [str(row.customerId ?? row._id)];
    case 'escalations':
      return [str(row.id ?? row._id)];
    case 'escalation_open':
      return [str(row.conversationId ?? row._id)];
    case 'escalation_claims':
      return [str(row.escalationId ?? row._id)];
    case 'channel_state':
      return [str(row._id)];
    case 'pending_effects':
      return [str(row.key ?? row._id)];
    case 'leases':
      return [str(row.name), num(row.term)];
    case 'audit':
      return [str(row.id ?? row._id)];
    case 'documents':
      return [str(row.collection), str(row.id)];
  }
}

/**
 * The secondary keys a row is found by, each `[index name, ...values]`; the row's primary key is appended to each so
 * entries stay unique, and the entry's value is the primary key. Every lookup the port needs beyond a primary key is
 * one of these ranges: nothing is listed and filtered in memory beyond what one key range holds.
 */
function secondaryKeys(table: Table, row: Row): Key[][] {
  const keys: Key[][] = [];
  if (EXPIRING.has(table) && typeof row.expiresAt === 'string') keys.push(['exp', table, row.expiresAt]);
  switch (table) {
    case 'transcript':
      if (typeof row.messageId === 'string') keys.push(['tx-msg', str(row.conversationId), row.messageId, str(row.at)]);
      break;
    case 'escalations':
      keys.push(['esc-status', str(row.status), str(row.createdAt)]);
      break;
    case 'pending_effects':
      keys.push(['pe-status', str(row.status), str(row.createdAt)]);
      keys.push(['pe-conv', str(row.conversationId)]);
      if (typeof row.customerId === 'string') keys.push(['pe-cust', row.customerId]);
      break;
    case 'audit':
      keys.push(['au-at', str(row.at)]);
      keys.push(['au-actor', str(row.actor), str(row.at)]);
      if (typeof row.escalationId === 'string') keys.push(['au-esc', row.escalationId, str(row.at)]);
      break;
    case 'links':
      keys.push(['link-cust', str(row.customerId)]);
      break;
    case 'documents': {
      const doc = row.doc as Row | null | undefined;
      if (doc && typeof doc === 'object') {
        if (typeof doc.customerId === 'string') keys.push(['doc-cust', str(row.collection), doc.customerId]);
        for (const field of INDEXED_DOCUMENT_FIELDS) {
          const v = doc[field];
          if (typeof v === 'string' || v === null) keys.push(['doc-f', field, str(row.collection), v ?? NULL_KEY]);
        }
      }
      break;
    }
    default:
      break;
  }
  return keys;
}

/** The range of keys that start with `prefix`, in key order (or reversed). */
const prefixRange = (prefix: Key[], reverse = false) =>
  reverse ? { start: [...prefix, AFTER], end: prefix, reverse: true } : { start: prefix, end: [...prefix, AFTER] };

/** Directories of stores opened without a folder (tests, the sandbox in memory), removed when closed or at exit. */
const scratchDirs = new Set<string>();
process.once('exit', () => {
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
});

/**
 * The embedded adapter: one LMDB database (lmdb-js: memory-mapped B-trees, transactional, crash-safe) in
 * SMILE_DATA_DIR, or in a scratch folder removed at close when no folder is given. One process owns the folder; for
 * several instances use MongoDB. Reads are synchronous lookups in the map; every write is a transaction (batched with
 * the other writes of the same event turn into one commit), and a write's promise resolves once it is committed, so
 * what a caller was told is written survives a killed process. The one-of-many steps (first save of a version, a turn
 * recorded once, open and claim markers, a lease) are an existence check and a write in one transaction.
 */
export class EmbeddedStore implements Store, RawRowWriter {
  readonly kind = 'embedded' as const;
  private readonly onInvalid: OnInvalidRow;
  private readonly onWrite: ((table: string, bytes: number) => void) | undefined;
  private release: () => void = () => undefined;
  private readonly root: RootDatabase;
  private readonly tables: Record<Table, Database<Row, Pk>>;
  /** Secondary keys (see secondaryKeys) → the row's primary key. */
  private readonly index: Database<Pk, Key[]>;

  private constructor(
    private readonly path: string,
    private readonly scratch: boolean,
    options: EmbeddedStoreOptions,
  ) {
    this.onInvalid = options.onInvalid ?? (() => undefined);
    this.onWrite = options.onWrite;
    this.root = open({
      path: join(path, 'smile.mdb'),
      noSubdir: true,
      maxDbs: TABLES.length + 4,
      // A scratch store is thrown away at close: no reason to flush it to disk.
      ...(scratch ? { noSync: true } : {}),
    });
    this.tables = Object.fromEntries(TABLES.map((t) => [t, this.root.openDB<Row, Pk>({ name: t })])) as Record<Table, Database<Row, Pk>>;
    this.index = this.root.openDB<Pk, Key[]>({ name: 'index' });
  }

  static async open(dir: string | null, options: EmbeddedStoreOptions = {}): Promise<EmbeddedStore> {
    let path: string;
    let release: () => void;
    if (dir) {
      mkdirSync(dir, { recursive: true });
      path = dir;
      release = takeLock(dir);
    } else {
      path = mkdtempSync(join(tmpdir(), 'smile-mem-'));
      scratchDirs.add(path);
      release = () => {
        scratchDirs.delete(path);
        rmSync(path, { recursive: true, force: true });
      };
    }
    let store: EmbeddedStore;
    try {
      store = new EmbeddedStore(path, !dir, options);
    } catch (err) {
      release();
      throw new Error(`Could not open the embedded store in ${dir ?? 'a scratch folder'}: ${err instanceof Error ? err.message : String(err)}`, {
        cause: err,
      });
    }
    store.release = release;
    try {
      if (dir) await store.migrateNedb(dir, options.onMigrated);
      await store.moveLegacyDocuments();
    } catch (err) {
      await store.close();
      throw err;
    }
    return store;
  }

  /**
   * An older Smile kept SMILE_DATA_DIR as NeDB files. They are read once here, every document written into this
   * database (all in one transaction), and then moved into `nedb-migrated/`, so the next open starts from the database
   * alone and nothing is lost or read twice. A migration cut short (a crash) leaves the files in place and is redone
   * (each row lands under the same key again).
   */
  private async migrateNedb(dir: string, onMigrated: EmbeddedStoreOptions['onMigrated']): Promise<void> {
    const known = new Set<string>([...TABLES]);
    const names = nedbFiles(dir).filter((n) => known.has(n));
    if (!names.length) return;
    const tables: Record<string, number> = {};
    let skippedLines = 0;
    const read = names.map((name) => {
      const { docs, skipped } = readNedbFile(join(dir, `${name}.db`));
      skippedLines += skipped;
      tables[name] = docs.length;
      return { table: name as Table, docs };
    });
    await this.root.transaction(() => {
      for (const { table, docs } of read) {
        for (const doc of docs) {
          // The documents file kept { _id, collection, id, doc }; every other row keeps its own fields (and NeDB's _id).
          if (table === 'documents')
            this.putIn('documents', [str(doc.collection), str(doc.id)], { collection: doc.collection, id: doc.id, doc: doc.doc });
          else this.putIn(table, primaryKey(table, doc), withoutId(doc));
        }
      }
    });
    const movedTo = setNedbFilesAside(dir, names);
    onMigrated?.({ tables, skippedLines, movedTo });
  }

  /** Moves what older versions kept in `documents` (escalations, channel references) to the typed collections. */
  private async moveLegacyDocuments(): Promise<void> {
    const legacy: Array<{ collection: string; id: string; doc: unknown }> = [];
    for (const collection of LEGACY_COLLECTIONS) {
      for (const { value } of this.tables.documents.getRange(prefixRange([collection]))) {
        legacy.push({ collection, id: str(value.id), doc: value.doc });
      }
    }
    if (!legacy.length) return;
    const moved = await moveLegacyDocuments(legacy, { escalations: this.escalationRows, channelState: this.channelState }, this.onInvalid);
    await this.root.transaction(() => {
      for (const d of moved) this.removeIn('documents', [d.collection, d.id]);
    });
  }

  // --- Writing: only inside a transaction callback (synchronous), so a row and its index entries change together. ---

  private putIn(table: Table, pk: Pk, row: Row): void {
    const db = this.tables[table];
    const old = db.get(pk);
    if (old !== undefined) for (const k of secondaryKeys(table, old)) void this.index.remove([...k, ...pk]);
    void db.put(pk, row);
    const keys = secondaryKeys(table, row);
    for (const k of keys) void this.index.put([...k, ...pk], pk);
    if (this.onWrite) {
      let bytes = JSON.stringify(pk).length + Buffer.byteLength(JSON.stringify(row));
      for (const k of keys) bytes += JSON.stringify(k).length + 2 * JSON.stringify(pk).length;
      this.onWrite(table, bytes);
    }
  }

  private removeIn(table: Table, pk: Pk): boolean {
    const db = this.tables[table];
    const old = db.get(pk);
    if (old === undefined) return false;
    for (const k of secondaryKeys(table, old)) void this.index.remove([...k, ...pk]);
    void db.remove(pk);
    this.onWrite?.(table, JSON.stringify(pk).length);
    return true;
  }

  private write<T>(action: () => T): Promise<T> {
    return this.root.transaction(action);
  }

  private insertOnce(table: Table, pk: Pk, row: Row): Promise<boolean> {
    return this.write(() => {
      if (this.tables[table].doesExist(pk)) return false;
      this.putIn(table, pk, row);
      return true;
    });
  }

  private async upsert(table: Table, pk: Pk, row: Row): Promise<void> {
    await this.write(() => this.putIn(table, pk, row));
  }

  // --- Reading ---

  private get(table: Table, pk: Pk): Row | null {
    return this.tables[table].get(pk) ?? null;
  }

  /** The primary keys an index range holds, in index order. */
  private *indexed(prefix: Key[], options: { reverse?: boolean; start?: Key[]; end?: Key[] } = {}): Generator<Pk> {
    const range = prefixRange(prefix, options.reverse);
    for (const { value } of this.index.getRange({
      ...range,
      ...(options.start ? { start: options.start } : {}),
      ...(options.end ? { end: options.end } : {}),
    })) {
      yield value;
    }
  }

  /** The rows an index range points to, in index order, up to `limit`. */
  private rowsBy(table: Table, prefix: Key[], options: { reverse?: boolean; limit?: number; where?: (row: Row) => boolean } = {}): Row[] {
    const out: Row[] = [];
    const db = this.tables[table];
    for (const pk of this.indexed(prefix, options)) {
      const row = db.get(pk);
      if (row === undefined || (options.where && !options.where(row))) continue;
      out.push(row);
      if (options.limit !== undefined && out.length >= options.limit) break;
    }
    return out;
  }

  /** Conversations as one row per version, keyed (id, version); see store/conversation-versions.ts. */
  conversations = conversationVersions(
    {
      insert: (row) => this.insertOnce('conversations', [row.id, row.version], row),
      head: async (id) => {
        for (const { value } of this.tables.conversations.getRange({ ...prefixRange([id], true), limit: 1 })) return value;
        return null;
      },
      supersede: async (id, below, expiresAt) => {
        await this.write(() => {
          // Newest first: every row below the last superseded one was shrunk by an earlier save.
          // (A reverse range includes its start: the new head itself is skipped.)
          for (const { key, value } of this.tables.conversations.getRange({ start: [id, below], end: [id], reverse: true })) {
            if (num(key[1]) >= below) continue;
            if (value.superseded === true) break;
            this.putIn('conversations', key, { id, version: value.version, superseded: true, expiresAt });
          }
        });
      },
    },
    (row) => this.onInvalid(row),
  );

  transcript = {
    append: async (events: TranscriptEvent[]): Promise<void> => {
      const rows = events.map((e) => toRow(TranscriptRow, e, `transcript event (${e.conversationId})`));
      if (!rows.length) return;
      await this.write(() => {
        for (const row of rows) this.putIn('transcript', [row.conversationId, row.at, transcriptKey()], row);
      });
    },
    list: async (conversationId: string, options: { limit?: number } = {}): Promise<Array<Stored<TranscriptEvent>>> => {
      // The newest N, read newest first and returned in time order.
      const out: Array<Stored<TranscriptEvent>> = [];
      const range = { ...prefixRange([conversationId], true), ...(options.limit ? { limit: options.limit } : {}) };
      for (const { key, value } of this.tables.transcript.getRange(range)) {
        const row = readRow(TranscriptRow, value, { collection: 'transcript event', id: `${conversationId}/${String(key[2])}` }, this.onInvalid);
        if (row) out.push(row);
      }
      return out.reverse();
    },
    forMessage: async (conversationId: string, messageId: string): Promise<Array<Stored<TranscriptEvent>>> =>
      this.rowsBy('transcript', ['tx-msg', conversationId, messageId]).flatMap(
        (d) => readRow(TranscriptRow, d, { collection: 'transcript event', id: `${conversationId}/${messageId}` }, this.onInvalid) ?? [],
      ),
  };

  turns = {
    get: async (conversationId: string, messageId: string): Promise<Stored<ProcessedTurn> | null> =>
      readRow(
        TurnRow,
        this.get('turns', [conversationId, messageId]),
        { collection: 'processed turn', id: `${conversationId}/${messageId}` },
        this.onInvalid,
      ),
    put: async (turn: ProcessedTurn): Promise<boolean> =>
      this.insertOnce(
        'turns',
        [turn.conversationId, turn.messageId],
        toRow(TurnRow, turn, `processed turn (${turn.conversationId}/${turn.messageId})`),
      ),
  };

  links = {
    get: async (channel: string, channelUserId: string): Promise<Stored<ChannelLink> | null> =>
      readRow(
        LinkRow,
        this.get('links', [channel, channelUserId]),
        { collection: 'channel link', id: `${channel}/${channelUserId}` },
        this.onInvalid,
      ),
    put: async (link: ChannelLink): Promise<void> =>
      this.upsert('links', [link.channel, link.channelUserId], toRow(LinkRow, link, `channel link (${link.channel}/${link.channelUserId})`)),
    customerIds: async (): Promise<string[]> => {
      // The index is ordered by customer: each customer once, read from the keys alone.
      const ids: string[] = [];
      for (const key of this.index.getKeys(prefixRange(['link-cust']))) {
        const id = key[1];
        if (typeof id === 'string' && id.length > 0 && ids.at(-1) !== id) ids.push(id);
      }
      return ids;
    },
    remove: async (channel: string, channelUserId: string): Promise<boolean> => this.write(() => this.removeIn('links', [channel, channelUserId])),
  };

  preferences = {
    get: async (customerId: string): Promise<Stored<Preferences> | null> =>
      readRow(PreferencesRow, this.get('preferences', [customerId]), { collection: 'preferences', id: customerId }, this.onInvalid),
    put: async (prefs: Preferences): Promise<void> =>
      this.upsert('preferences', [prefs.customerId], toRow(PreferencesRow, prefs, `preferences (${prefs.customerId})`)),
  };

  audit = {
    append: async (entry: AuditEntry): Promise<void> => {
      await this.insertOnce('audit', [entry.id], toRow(AuditRow, entry, `audit entry (${entry.id})`));
    },
    list: async (filter: AuditFilter): Promise<Array<Stored<AuditEntry>>> => {
      const { since, limit, actor, action, escalationId } = filter;
      // Newest first through the narrowest index the filter names; `since` bounds the range.
      const prefix = escalationId !== undefined ? ['au-esc', escalationId] : actor !== undefined ? ['au-actor', actor] : ['au-at'];
      const where = (row: Row) =>
        (actor === undefined || row.actor === actor) &&
        (action === undefined || row.action === action) &&
        (escalationId === undefined || row.escalationId === escalationId);
      const rows = this.rowsBy('audit', prefix, { reverse: true, limit, where, ...(since ? { end: [...prefix, since] } : {}) });
      return rows.flatMap((d) => readRow(AuditRow, d, { collection: 'audit entry', id: str(d.id) }, this.onInvalid) ?? []);
    },
  };

  private readonly escalationRows: EscalationRows = {
    insert: (row) => this.insertOnce('escalations', [row.id], row),
    put: (row) => this.upsert('escalations', [row.id], row),
    get: async (id) => readRow(EscalationRow, this.get('escalations', [id]), { collection: 'escalation', id }, this.onInvalid),
    remove: async (id) => {
      await this.write(() => this.removeIn('escalations', [id]));
    },
    list: async (filter: EscalationFilter) => {
      const where = (row: Row) =>
        (filter.status === undefined || row.status === filter.status) &&
        (filter.channel === undefined || row.channel === filter.channel) &&
        (filter.priority === undefined || row.priority === filter.priority);
      // By status through its index (oldest first); without one, every escalation's index entry in status order.
      let rows: Row[];
      if (filter.status !== undefined) rows = this.rowsBy('escalations', ['esc-status', filter.status], { where });
      else {
        rows = this.rowsBy('escalations', ['esc-status'], { where });
        rows.sort((a, b) => str(a.createdAt).localeCompare(str(b.createdAt)));
      }
      return rows.flatMap((d) => readRow(EscalationRow, d, { collection: 'escalation', id: str(d.id) }, this.onInvalid) ?? []);
    },
    insertOpen: (conversationId, escalationId) =>
      this.insertOnce(
        'escalation_open',
        [conversationId],
        toRow(OpenEscalationRow, { conversationId, escalationId }, `open escalation marker (${conversationId})`),
      ),
    openId: async (conversationId) =>
      readRow(
        OpenEscalationRow,
        this.get('escalation_open', [conversationId]),
        { collection: 'open escalation marker', id: conversationId },
        this.onInvalid,
      )?.escalationId ?? null,
    removeOpen: async (conversationId, escalationId) => {
      await this.write(() => {
        if (this.get('escalation_open', [conversationId])?.escalationId === escalationId) this.removeIn('escalation_open', [conversationId]);
      });
    },
    insertClaim: (escalationId, by, at) =>
      this.insertOnce('escalation_claims', [escalationId], toRow(EscalationClaimRow, { escalationId, by, at }, `escalation claim (${escalationId})`)),
    claimHolder: async (escalationId) =>
      readRow(EscalationClaimRow, this.get('escalation_claims', [escalationId]), { collection: 'escalation claim', id: escalationId }, this.onInvalid)
        ?.by ?? null,
  };

  escalations = escalationQueue(this.escalationRows);

  channelState = channelState(
    {
      get: async (k) => this.get('channel_state', [k]),
      put: (k, row) => this.upsert('channel_state', [k], row),
      insert: (k, row) => this.insertOnce('channel_state', [k], row),
      list: async (prefix) => {
        const out: Row[] = [];
        // Keys are `kind:id`; a prefix's keys are the strings from it up to it followed by the highest code point.
        for (const { value } of this.tables.channel_state.getRange({ start: [prefix], end: [`${prefix}\u{10ffff}`] })) out.push(value);
        return out;
      },
      remove: async (k) => this.write(() => this.removeIn('channel_state', [k])),
    },
    (row) => this.onInvalid(row),
  );

  pendingEffects = {
    add: async (effect: PendingEffect): Promise<boolean> =>
      this.insertOnce('pending_effects', [effect.key], toRow(PendingEffectRow, effect, `pending effect (${effect.key})`)),
    get: async (k: string): Promise<Stored<PendingEffect> | null> =>
      readRow(PendingEffectRow, this.get('pending_effects', [k]), { collection: 'pending effect', id: k }, this.onInvalid),
    due: async (now: string, limit: number): Promise<Array<Stored<PendingEffect>>> => {
      const free = (row: Row) => str(row.nextAttemptAt) <= now && (row.leaseUntil == null || str(row.leaseUntil) <= now);
      return this.rowsBy('pending_effects', ['pe-status', 'pending'], { where: free, limit }).flatMap(
        (d) => readRow(PendingEffectRow, d, { collection: 'pending effect', id: str(d.key) }, this.onInvalid) ?? [],
      );
    },
    lease: async (k: string, now: string, until: string): Promise<boolean> =>
      this.write(() => {
        const row = this.get('pending_effects', [k]);
        if (!row || row.status !== 'pending' || (row.leaseUntil != null && str(row.leaseUntil) > now)) return false;
        this.putIn('pending_effects', [k], { ...row, leaseUntil: until });
        return true;
      }),
    save: async (effect: PendingEffect): Promise<void> =>
      this.upsert('pending_effects', [effect.key], toRow(PendingEffectRow, effect, `pending effect (${effect.key})`)),
    untold: async (conversationId: string): Promise<Array<Stored<PendingEffect>>> => {
      const rows = this.rowsBy('pending_effects', ['pe-conv', conversationId], { where: (row) => row.status === 'settled' && row.told === false });
      rows.sort((a, b) => str(a.updatedAt).localeCompare(str(b.updatedAt)));
      return rows.flatMap((d) => readRow(PendingEffectRow, d, { collection: 'pending effect', id: str(d.key) }, this.onInvalid) ?? []);
    },
    pendingFor: async (customerId: string): Promise<Array<Stored<PendingEffect>>> => {
      const rows = this.rowsBy('pending_effects', ['pe-cust', customerId], { where: (row) => row.status === 'pending' });
      rows.sort((a, b) => str(a.createdAt).localeCompare(str(b.createdAt)));
      return rows.flatMap((d) => readRow(PendingEffectRow, d, { collection: 'pending effect', id: str(d.key) }, this.onInvalid) ?? []);
    },
  };

  /** Leases as one row per (name, term); see store/leases.ts. */
  leases = leasesOver(
    {
      insert: (row) => this.insertOnce('leases', [row.name, row.term], row),
      head: async (name) => {
        for (const { value } of this.tables.leases.getRange({ ...prefixRange([name], true), limit: 1 })) return value;
        return null;
      },
      prune: async (name, term, before) => {
        await this.write(() => {
          for (const { key, value } of this.tables.leases.getRange({ start: [name], end: [name, term] })) {
            if (str(value.until) < before) this.removeIn('leases', key);
          }
        });
      },
    },
    (row) => this.onInvalid(row),
  );

  /** The sandbox's documents: its own shapes, unvalidated here (the sandbox stands in for outside systems). */
  documents = {
    get: async <T>(collection: string, id: string): Promise<T | null> => (this.get('documents', [collection, id])?.doc as T | undefined) ?? null,
    put: async <T>(collection: string, id: string, doc: T): Promise<void> => this.upsert('documents', [collection, id], { collection, id, doc }),
    insert: async <T>(collection: string, id: string, doc: T): Promise<boolean> =>
      this.insertOnce('documents', [collection, id], { collection, id, doc }),
    list: async <T>(collection: string): Promise<T[]> => {
      const out: T[] = [];
      for (const { value } of this.tables.documents.getRange(prefixRange([collection]))) out.push(value.doc as T);
      return out;
    },
    byCustomer: async <T>(collection: string, customerId: string, options: { newestBy?: string; limit?: number } = {}): Promise<T[]> => {
      // The customer's documents through the index (by id); ordered by `newestBy` among those only.
      const rows = this.rowsBy('documents', ['doc-cust', collection, customerId], options.newestBy ? {} : { limit: options.limit });
      let docs = rows.map((row) => row.doc as Row);
      if (options.newestBy) {
        const field = options.newestBy;
        docs = docs
          .map((doc, i) => ({ doc, i }))
          .sort((a, b) => str(b.doc[field]).localeCompare(str(a.doc[field])) || a.i - b.i)
          .map((d) => d.doc);
        if (options.limit) docs = docs.slice(0, options.limit);
      }
      return docs as T[];
    },
    where: async <T>(collection: string, field: IndexedDocumentField, value: string | null): Promise<T[]> =>
      this.rowsBy('documents', ['doc-f', field, collection, value ?? NULL_KEY]).map((row) => row.doc as T),
    remove: async (collection: string, id: string): Promise<void> => {
      await this.write(() => this.removeIn('documents', [collection, id]));
    },
    clear: async (collection: string): Promise<void> => {
      await this.write(() => {
        for (const key of this.tables.documents.getKeys(prefixRange([collection]))) this.removeIn('documents', key);
      });
    },
  };

  async writeRawRow(collection: RawCollection, row: Row): Promise<void> {
    const table = RAW[collection];
    await this.upsert(table, primaryKey(table, row), withoutId(row));
  }

  async purgeExpired(now: Date): Promise<number> {
    const iso = now.toISOString();
    let removed = 0;
    // Conversations: only superseded versions carry an expiry. The audit log: entries past their retention.
    // In transactions of at most a few thousand rows, so a large purge does not hold the write lock long.
    for (const table of EXPIRING) {
      for (;;) {
        const batch = [...this.indexed(['exp', table], { end: ['exp', table, iso] })].slice(0, 2000);
        if (!batch.length) break;
        removed += await this.write(() => batch.filter((pk) => this.removeIn(table, pk)).length);
        if (batch.length < 2000) break;
      }
    }
    return removed;
  }

  async ping(): Promise<void> {
    this.root.doesExist('ping');
  }

  async close(): Promise<void> {
    try {
      await this.root.close();
    } finally {
      this.release();
      this.release = () => undefined;
    }
  }

  /** Writes many rows in transactions of `batch` (for seeding a benchmark store): the port's own writes, in bulk. */
  async bulk(write: (store: BulkWriter) => void): Promise<void> {
    await this.write(() => write(this.bulkWriter));
  }

  private readonly bulkWriter: BulkWriter = {
    put: (collection, row) => {
      const table = RAW[collection];
      this.putIn(table, primaryKey(table, row), row);
    },
    document: (collection, id, doc) => this.putIn('documents', [collection, id], { collection, id, doc }),
  };

  /** Where the database lives (its folder), for tests and the benchmark. */
  get folder(): string {
    return this.path;
  }

  /** Whether this store keeps nothing past close (opened without a folder). */
  get isScratch(): boolean {
    return this.scratch;
  }
}

/** Rows written straight into the tables inside one transaction, already shaped as the port writes them. */
export interface BulkWriter {
  put(collection: RawCollection, row: Row): void;
  document(collection: string, id: string, doc: unknown): void;
}

function withoutId(row: Row): Row {
  if (!('_id' in row)) return row;
  const { _id, ...rest } = row;
  void _id;
  return rest;
}
