import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import type NedbModule from '@seald-io/nedb';
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { holdAppendFile } from './append-file.js';
import { channelState } from './channel-state.js';
import { conversationVersions } from './conversation-versions.js';
import { escalationQueue, type EscalationRows } from './escalation-queue.js';
import { leasesOver } from './leases.js';
import { LEGACY_COLLECTIONS, moveLegacyDocuments } from './legacy-documents.js';
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

// NeDB is CommonJS whose typings declare an ES default export; under NodeNext the class is reached through require.
type Datastore<S> = NedbModule.default<S>;
const Datastore = createRequire(import.meta.url)('@seald-io/nedb') as typeof NedbModule.default;
type Row = Record<string, unknown>;
/** A sandbox document: `doc` is whatever shape the sandbox put there, handed back to it as its own type. */
interface SandboxDocument {
  _id?: string;
  collection: string;
  id: string;
  doc: any;
}

export interface EmbeddedStoreOptions {
  /** Told about every row that does not parse (it is then read as absent); the composition root logs it. */
  onInvalid?: OnInvalidRow;
}

const NAMES = [
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
] as const;
type Name = (typeof NAMES)[number];
const RAW: Record<RawCollection, Name> = {
  conversations: 'conversations',
  transcript: 'transcript',
  turns: 'turns',
  links: 'links',
  preferences: 'preferences',
  escalations: 'escalations',
  channelState: 'channel_state',
  pendingEffects: 'pending_effects',
};

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const isUniqueViolation = (err: unknown): boolean =>
  typeof err === 'object' && err !== null && 'errorType' in err && err.errorType === 'uniqueViolated';
/** A NeDB document without its key, which every row also carries as a field of its own (or does not need). */
const withoutKey = ({ _id, ...rest }: Row): Row => {
  void _id;
  return rest;
};
const key = (...parts: string[]): string => parts.join('\u0000');
/**
 * A transcript entry's key: this process's random prefix and a counter. NeDB would draw random bytes for each entry
 * (several per turn); the key is only ever a key (entries are found by conversation and message, ordered by time).
 */
const TRANSCRIPT_KEY_PREFIX = randomBytes(9).toString('base64url');
let transcriptKeys = 0;
const transcriptKey = (): string => `${TRANSCRIPT_KEY_PREFIX}${(transcriptKeys++).toString(36)}`;
/** What a superseded conversation version no longer needs: everything but its key, id and version. */
const SUPERSEDED_FIELDS = Object.fromEntries(
  ['channel', 'channelUserId', 'customerId', 'locale', 'state', 'createdAt', 'updatedAt', 'schemaVersion'].map((f) => [f, true]),
);

/**
 * The embedded adapter: NeDB files in SMILE_DATA_DIR (append-only, compacted periodically), or memory only.
 * One process owns the folder; for several instances use MongoDB. NeDB runs one operation at a time, and a unique
 * `_id` insert is what makes the one-of-many steps (first save, a turn recorded once, open and claim markers) atomic.
 */
/** The folders this process holds the lock of (a lock file naming this pid but not listed here is a dead run's). */
const heldHere = new Set<string>();
const LOCK_FILE = 'smile.lock';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One process at a time: an exclusive create of `smile.lock` holding the pid. A lock whose process is gone (a crash,
 * `kill -9`, a container restarted under the same pid) is taken over; a live one stops the open with what to do.
 */
function takeLock(dir: string): () => void {
  const path = join(dir, LOCK_FILE);
  const key = resolve(dir);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      heldHere.add(key);
      return () => {
        heldHere.delete(key);
        try {
          unlinkSync(path);
        } catch {
          /* already gone */
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    let holder: number;
    try {
      holder = Number.parseInt(readFileSync(path, 'utf8'), 10);
    } catch {
      continue; /* released meanwhile */
    }
    const live = Number.isInteger(holder) && holder > 0 && (holder === process.pid ? heldHere.has(key) : isAlive(holder));
    if (live) {
      throw new Error(
        `The embedded store in ${dir} is in use by process ${holder}${holder === process.pid ? ' (this one)' : ''}. ` +
          'It serves one process at a time: talk to the running Smile through its REST API (POST /v1/chat), stop it first, ' +
          `or set SMILE_DATA_DIR to another folder. If no Smile is running, delete ${path}.`,
      );
    }
    try {
      unlinkSync(path);
    } catch {
      /* another process took it over first */
    }
  }
  throw new Error(`Could not take the lock ${path}: another process keeps taking it; set SMILE_DATA_DIR to another folder`);
}

/** Whether a collection file is absent, empty or ends with a newline (no line cut short by a crash). */
function endsWholeLine(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return true;
  }
  try {
    const size = fstatSync(fd).size;
    if (size === 0) return true;
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, size - 1);
    return last[0] === 0x0a;
  } finally {
    closeSync(fd);
  }
}

export class EmbeddedStore implements Store, RawRowWriter {
  readonly kind = 'embedded' as const;
  private readonly dbs = new Map<Name, Datastore<Row>>();
  private sandboxDocuments: Datastore<SandboxDocument> | null = null;
  private readonly onInvalid: OnInvalidRow;

  private release: () => void = () => undefined;
  /** Closes the collections' held-open files (see store/append-file.ts). */
  private readonly fileClosers: Array<() => void> = [];

  private constructor(
    private readonly dir: string | null,
    options: EmbeddedStoreOptions,
  ) {
    this.onInvalid = options.onInvalid ?? (() => undefined);
  }

  static async open(dir: string | null, options: EmbeddedStoreOptions = {}): Promise<EmbeddedStore> {
    if (dir) mkdirSync(dir, { recursive: true });
    const store = new EmbeddedStore(dir, options);
    if (dir) store.release = takeLock(dir);
    try {
      await store.loadAll();
    } catch (err) {
      for (const closeFile of store.fileClosers.splice(0)) closeFile();
      store.release();
      throw err;
    }
    return store;
  }

  /** Every collection loaded and indexed, and what older versions kept moved over. */
  private async loadAll(): Promise<void> {
    for (const name of NAMES) await this.db(name);
    await this.db('conversations').then((db) => db.ensureIndexAsync({ fieldName: 'id' }));
    await this.db('transcript').then((db) => db.ensureIndexAsync({ fieldName: 'conversationId' }));
    await this.db('escalations').then((db) => db.ensureIndexAsync({ fieldName: 'status' }));
    await this.docs().then((db) => db.ensureIndexAsync({ fieldName: 'collection' }));
    await this.db('leases').then((db) => db.ensureIndexAsync({ fieldName: 'name' }));
    // A customer's documents (orders, shipments, returns, messages) are read by this index; see documents.byCustomer.
    await this.docs().then((db) => db.ensureIndexAsync({ fieldName: 'doc.customerId', sparse: true }));
    // Queues (notices to send, events to process, active subscriptions) are read by these; see documents.where.
    for (const field of INDEXED_DOCUMENT_FIELDS) await this.docs().then((db) => db.ensureIndexAsync({ fieldName: `doc.${field}`, sparse: true }));
    await this.db('pending_effects').then((db) => db.ensureIndexAsync({ fieldName: 'conversationId' }));
    await this.db('pending_effects').then((db) => db.ensureIndexAsync({ fieldName: 'status' }));
    for (const name of ['transcript', 'turns', 'conversations', 'audit'] as const) {
      await this.db(name).then((db) => db.ensureIndexAsync({ fieldName: 'expiresAt', sparse: true }));
    }
    // The audit log is listed newest first, filtered by actor, action or escalation (GET /v1/agent/audit).
    for (const fieldName of ['at', 'actor', 'escalationId']) {
      await this.db('audit').then((db) => db.ensureIndexAsync({ fieldName, sparse: fieldName === 'escalationId' }));
    }
    await this.moveLegacyDocuments();
  }

  /** Moves what older versions kept in `documents` (escalations, channel references) to the typed collections. */
  private async moveLegacyDocuments(): Promise<void> {
    const docs = await this.docs();
    const legacy = await docs.findAsync({ collection: { $in: LEGACY_COLLECTIONS } });
    if (!legacy.length) return;
    const moved = await moveLegacyDocuments(legacy, { escalations: this.escalationRows, channelState: this.channelState }, this.onInvalid);
    for (const d of moved) await docs.removeAsync({ _id: key(d.collection, d.id) }, {});
  }

  private async load<S>(name: string): Promise<Datastore<S>> {
    const filename = this.dir ? join(this.dir, `${name}.db`) : null;
    const db = new Datastore<S>(filename ? { filename } : { inMemoryOnly: true });
    // NeDB rewrites the whole file after loading it (a compaction). A file whose every line is whole does not need it
    // at start (the periodic compaction still runs): at 100k conversations that rewrite was a third of the start. A
    // file cut mid-line (a killed process) is compacted at load as before, so the next append starts on a new line.
    const persistence = db.persistence as unknown as { persistCachedDatabaseAsync: () => Promise<void> };
    const compact = persistence.persistCachedDatabaseAsync;
    if (filename && endsWholeLine(filename)) persistence.persistCachedDatabaseAsync = async () => undefined;
    try {
      await db.loadDatabaseAsync();
    } catch (err) {
      throw new Error(`Could not open embedded collection (${name}) in ${this.dir ?? 'memory'}: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      persistence.persistCachedDatabaseAsync = compact;
    }
    if (filename) {
      this.fileClosers.push(holdAppendFile(db, filename));
      db.setAutocompactionInterval(10 * 60_000);
    }
    return db;
  }

  private async db(name: Name): Promise<Datastore<Row>> {
    let db = this.dbs.get(name);
    if (!db) {
      db = await this.load<Row>(name);
      this.dbs.set(name, db);
    }
    return db;
  }

  private async docs(): Promise<Datastore<SandboxDocument>> {
    this.sandboxDocuments ??= await this.load<SandboxDocument>('documents');
    return this.sandboxDocuments;
  }

  private async findOne(name: Name, query: Row): Promise<Row | null> {
    const doc = await (await this.db(name)).findOneAsync(query);
    return doc ? withoutKey(doc) : null;
  }

  /** Inserts a row under a key that must be new; false when the key is taken. */
  private async insertOnce(name: Name, _id: string, row: object): Promise<boolean> {
    try {
      await (await this.db(name)).insertAsync({ ...row, _id });
      return true;
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
  }

  private async upsert(name: Name, _id: string, row: object): Promise<void> {
    await (await this.db(name)).updateAsync({ _id }, { ...row, _id }, { upsert: true });
  }

  /** Conversations as one row per version, keyed (id, version); see store/conversation-versions.ts. */
  conversations = conversationVersions(
    {
      insert: (row) => this.insertOnce('conversations', key(row.id, String(row.version)), row),
      head: async (id) => {
        const [doc] = await (await this.db('conversations')).findAsync({ id }).sort({ version: -1 }).limit(1);
        return doc ? withoutKey(doc) : null;
      },
      supersede: async (id, below, expiresAt) => {
        await (
          await this.db('conversations')
        ).updateAsync(
          { id, version: { $lt: below }, superseded: { $exists: false } },
          { $unset: SUPERSEDED_FIELDS, $set: { superseded: true, expiresAt } },
          { multi: true },
        );
      },
    },
    (row) => this.onInvalid(row),
  );

  transcript = {
    append: async (events: TranscriptEvent[]): Promise<void> => {
      const rows = events.map((e) => ({ ...toRow(TranscriptRow, e, `transcript event (${e.conversationId})`), _id: transcriptKey() }));
      if (rows.length) await (await this.db('transcript')).insertAsync(rows);
    },
    list: async (conversationId: string, options: { limit?: number } = {}): Promise<Array<Stored<TranscriptEvent>>> => {
      const db = await this.db('transcript');
      // The newest N, read newest first and returned in time order.
      const cursor = db.findAsync({ conversationId }).sort({ at: -1 });
      const docs = await (options.limit ? cursor.limit(options.limit) : cursor);
      const where = (d: Row) => ({ collection: 'transcript event', id: `${conversationId}/${String(d._id)}` });
      return docs.flatMap((d) => readRow(TranscriptRow, withoutKey(d), where(d), this.onInvalid) ?? []).reverse();
    },
    forMessage: async (conversationId: string, messageId: string): Promise<Array<Stored<TranscriptEvent>>> => {
      const docs = await (await this.db('transcript')).findAsync({ conversationId, messageId }).sort({ at: 1 });
      const where = (d: Row) => ({ collection: 'transcript event', id: `${conversationId}/${String(d._id)}` });
      return docs.flatMap((d) => readRow(TranscriptRow, withoutKey(d), where(d), this.onInvalid) ?? []);
    },
  };

  turns = {
    get: async (conversationId: string, messageId: string): Promise<Stored<ProcessedTurn> | null> =>
      readRow(
        TurnRow,
        await this.findOne('turns', { _id: key(conversationId, messageId) }),
        { collection: 'processed turn', id: `${conversationId}/${messageId}` },
        this.onInvalid,
      ),
    put: async (turn: ProcessedTurn): Promise<boolean> =>
      this.insertOnce(
        'turns',
        key(turn.conversationId, turn.messageId),
        toRow(TurnRow, turn, `processed turn (${turn.conversationId}/${turn.messageId})`),
      ),
  };

  links = {
    get: async (channel: string, channelUserId: string): Promise<Stored<ChannelLink> | null> =>
      readRow(
        LinkRow,
        await this.findOne('links', { _id: key(channel, channelUserId) }),
        { collection: 'channel link', id: `${channel}/${channelUserId}` },
        this.onInvalid,
      ),
    put: async (link: ChannelLink): Promise<void> =>
      this.upsert('links', key(link.channel, link.channelUserId), toRow(LinkRow, link, `channel link (${link.channel}/${link.channelUserId})`)),
    customerIds: async (): Promise<string[]> => {
      const docs = await (await this.db('links')).findAsync({}, { customerId: 1 });
      return [...new Set(docs.map((d) => d.customerId).filter((c): c is string => typeof c === 'string' && c.length > 0))].sort();
    },
    remove: async (channel: string, channelUserId: string): Promise<boolean> =>
      (await (await this.db('links')).removeAsync({ _id: key(channel, channelUserId) }, {})) > 0,
  };

  preferences = {
    get: async (customerId: string): Promise<Stored<Preferences> | null> =>
      readRow(PreferencesRow, await this.findOne('preferences', { _id: customerId }), { collection: 'preferences', id: customerId }, this.onInvalid),
    put: async (prefs: Preferences): Promise<void> =>
      this.upsert('preferences', prefs.customerId, toRow(PreferencesRow, prefs, `preferences (${prefs.customerId})`)),
  };

  audit = {
    append: async (entry: AuditEntry): Promise<void> => {
      await this.insertOnce('audit', entry.id, toRow(AuditRow, entry, `audit entry (${entry.id})`));
    },
    list: async (filter: AuditFilter): Promise<Array<Stored<AuditEntry>>> => {
      const { since, limit, ...fields } = filter;
      const query: Row = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
      if (since) query.at = { $gte: since };
      const docs = await (await this.db('audit')).findAsync(query).sort({ at: -1 }).limit(limit);
      return docs.flatMap((d) => readRow(AuditRow, withoutKey(d), { collection: 'audit entry', id: String(d._id) }, this.onInvalid) ?? []);
    },
  };

  private readonly escalationRows: EscalationRows = {
    insert: (row) => this.insertOnce('escalations', row.id, row),
    put: (row) => this.upsert('escalations', row.id, row),
    get: async (id) => readRow(EscalationRow, await this.findOne('escalations', { _id: id }), { collection: 'escalation', id }, this.onInvalid),
    remove: async (id) => {
      await (await this.db('escalations')).removeAsync({ _id: id }, {});
    },
    list: async (filter: EscalationFilter) => {
      const query = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined));
      const docs = await (await this.db('escalations')).findAsync(query).sort({ createdAt: 1 });
      return docs.flatMap((d) => readRow(EscalationRow, withoutKey(d), { collection: 'escalation', id: String(d._id) }, this.onInvalid) ?? []);
    },
    insertOpen: (conversationId, escalationId) =>
      this.insertOnce(
        'escalation_open',
        conversationId,
        toRow(OpenEscalationRow, { conversationId, escalationId }, `open escalation marker (${conversationId})`),
      ),
    openId: async (conversationId) =>
      readRow(
        OpenEscalationRow,
        await this.findOne('escalation_open', { _id: conversationId }),
        { collection: 'open escalation marker', id: conversationId },
        this.onInvalid,
      )?.escalationId ?? null,
    removeOpen: async (conversationId, escalationId) => {
      await (await this.db('escalation_open')).removeAsync({ _id: conversationId, escalationId }, {});
    },
    insertClaim: (escalationId, by, at) =>
      this.insertOnce('escalation_claims', escalationId, toRow(EscalationClaimRow, { escalationId, by, at }, `escalation claim (${escalationId})`)),
    claimHolder: async (escalationId) =>
      readRow(
        EscalationClaimRow,
        await this.findOne('escalation_claims', { _id: escalationId }),
        { collection: 'escalation claim', id: escalationId },
        this.onInvalid,
      )?.by ?? null,
  };

  escalations = escalationQueue(this.escalationRows);

  channelState = channelState(
    {
      get: (k) => this.findOne('channel_state', { _id: k }),
      put: (k, row) => this.upsert('channel_state', k, row),
      insert: (k, row) => this.insertOnce('channel_state', k, row),
      list: async (prefix) =>
        (await (await this.db('channel_state')).findAsync({ _id: { $regex: new RegExp(`^${escapeRegExp(prefix)}`) } })).map(withoutKey),
      remove: async (k) => (await (await this.db('channel_state')).removeAsync({ _id: k }, {})) === 1,
    },
    (row) => this.onInvalid(row),
  );

  pendingEffects = {
    add: async (effect: PendingEffect): Promise<boolean> =>
      this.insertOnce('pending_effects', effect.key, toRow(PendingEffectRow, effect, `pending effect (${effect.key})`)),
    get: async (k: string): Promise<Stored<PendingEffect> | null> =>
      readRow(PendingEffectRow, await this.findOne('pending_effects', { _id: k }), { collection: 'pending effect', id: k }, this.onInvalid),
    due: async (now: string, limit: number): Promise<Array<Stored<PendingEffect>>> => {
      const docs = await (
        await this.db('pending_effects')
      )
        .findAsync({ status: 'pending', nextAttemptAt: { $lte: now }, $or: [{ leaseUntil: null }, { leaseUntil: { $lte: now } }] })
        .sort({ createdAt: 1 })
        .limit(limit);
      return docs.flatMap((d) => readRow(PendingEffectRow, withoutKey(d), { collection: 'pending effect', id: String(d._id) }, this.onInvalid) ?? []);
    },
    lease: async (k: string, now: string, until: string): Promise<boolean> => {
      // NeDB runs one operation at a time, so the conditional update is the atomic step.
      const { numAffected } = await (
        await this.db('pending_effects')
      ).updateAsync({ _id: k, status: 'pending', $or: [{ leaseUntil: null }, { leaseUntil: { $lte: now } }] }, { $set: { leaseUntil: until } });
      return numAffected === 1;
    },
    save: async (effect: PendingEffect): Promise<void> =>
      this.upsert('pending_effects', effect.key, toRow(PendingEffectRow, effect, `pending effect (${effect.key})`)),
    untold: async (conversationId: string): Promise<Array<Stored<PendingEffect>>> => {
      const docs = await (await this.db('pending_effects')).findAsync({ status: 'settled', told: false, conversationId }).sort({ updatedAt: 1 });
      return docs.flatMap((d) => readRow(PendingEffectRow, withoutKey(d), { collection: 'pending effect', id: String(d._id) }, this.onInvalid) ?? []);
    },
    pendingFor: async (customerId: string): Promise<Array<Stored<PendingEffect>>> => {
      const docs = await (await this.db('pending_effects')).findAsync({ customerId, status: 'pending' }).sort({ createdAt: 1 });
      return docs.flatMap((d) => readRow(PendingEffectRow, withoutKey(d), { collection: 'pending effect', id: String(d._id) }, this.onInvalid) ?? []);
    },
  };

  /** Leases as one row per (name, term); see store/leases.ts. */
  leases = leasesOver(
    {
      insert: (row) => this.insertOnce('leases', key(row.name, String(row.term)), row),
      head: async (name) => {
        const [doc] = await (await this.db('leases')).findAsync({ name }).sort({ term: -1 }).limit(1);
        return doc ? withoutKey(doc) : null;
      },
      prune: async (name, term, before) => {
        await (await this.db('leases')).removeAsync({ name, term: { $lt: term }, until: { $lt: before } }, { multi: true });
      },
    },
    (row) => this.onInvalid(row),
  );

  /** The sandbox's documents: its own shapes, unvalidated here (the sandbox stands in for outside systems). */
  documents = {
    get: async <T>(collection: string, id: string): Promise<T | null> => {
      const row = await (await this.docs()).findOneAsync({ _id: key(collection, id) });
      return row ? row.doc : null;
    },
    put: async <T>(collection: string, id: string, doc: T): Promise<void> => {
      const _id = key(collection, id);
      await (await this.docs()).updateAsync({ _id }, { _id, collection, id, doc }, { upsert: true });
    },
    insert: async <T>(collection: string, id: string, doc: T): Promise<boolean> => {
      try {
        await (await this.docs()).insertAsync({ _id: key(collection, id), collection, id, doc });
        return true;
      } catch (err) {
        if (isUniqueViolation(err)) return false;
        throw err;
      }
    },
    list: async <T>(collection: string): Promise<T[]> => {
      const rows = await (await this.docs()).findAsync({ collection }).sort({ id: 1 });
      return rows.map((row): T => row.doc);
    },
    byCustomer: async <T>(collection: string, customerId: string, options: { newestBy?: string; limit?: number } = {}): Promise<T[]> => {
      // NeDB serves a query from the index of its LAST indexed field: the customer's, not the whole collection's.
      const cursor = (await this.docs())
        .findAsync({ collection, 'doc.customerId': customerId })
        .sort(options.newestBy ? { [`doc.${options.newestBy}`]: -1, id: 1 } : { id: 1 });
      const rows = await (options.limit ? cursor.limit(options.limit) : cursor);
      return rows.map((row): T => row.doc);
    },
    where: async <T>(collection: string, field: IndexedDocumentField, value: string | null): Promise<T[]> => {
      // The indexed field last, as above: NeDB picks the candidates by it.
      const rows = await (await this.docs()).findAsync({ collection, [`doc.${field}`]: value }).sort({ id: 1 });
      return rows.map((row): T => row.doc);
    },
    remove: async (collection: string, id: string): Promise<void> => {
      await (await this.docs()).removeAsync({ _id: key(collection, id) }, {});
    },
    clear: async (collection: string): Promise<void> => {
      await (await this.docs()).removeAsync({ collection }, { multi: true });
    },
  };

  async writeRawRow(collection: RawCollection, row: Row): Promise<void> {
    await (await this.db(RAW[collection])).insertAsync({ ...row });
  }

  async purgeExpired(now: Date): Promise<number> {
    const iso = now.toISOString();
    let removed = 0;
    // Conversations: only superseded versions carry an expiry.
    // The audit log: entries past their retention (SMILE_AUDIT_RETENTION_DAYS).
    for (const name of ['transcript', 'turns', 'conversations', 'audit'] as const) {
      removed += await (await this.db(name)).removeAsync({ expiresAt: { $lt: iso } }, { multi: true });
    }
    return removed;
  }

  async ping(): Promise<void> {
    await (await this.db('conversations')).countAsync({});
  }

  async close(): Promise<void> {
    for (const db of [...this.dbs.values(), ...(this.sandboxDocuments ? [this.sandboxDocuments] : [])]) {
      db.stopAutocompaction();
      if (this.dir) await db.compactDatafileAsync();
    }
    for (const closeFile of this.fileClosers.splice(0)) closeFile();
    this.release();
    this.release = () => undefined;
  }
}
