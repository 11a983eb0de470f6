import mongoose, { type Connection, type Model } from 'mongoose';
import { channelState } from './channel-state.js';
import { conversationVersions } from './conversation-versions.js';
import { escalationQueue, type EscalationRows } from './escalation-queue.js';
import { leasesOver } from './leases.js';
import { LEGACY_COLLECTIONS, moveLegacyDocuments } from './legacy-documents.js';
import {
  StoreUnavailableError,
  VersionConflictError,
  type ChannelLink,
  type AuditFilter,
  type EscalationFilter,
  type Preferences,
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
  AuditRow,
  PreferencesRow,
  readRow,
  toRow,
  TranscriptRow,
  TurnRow,
  type OnInvalidRow,
  type PendingEffect,
  type AuditEntry,
} from './schemas.js';

export interface MongoStoreOptions {
  /** Database name; defaults to the one in the URI, else "smile". */
  dbName?: string;
  serverSelectionTimeoutMS?: number;
  /**
   * How long a new connection, or the monitor's check on its own connection, may go unanswered before it counts as
   * dead (default 5000; the driver's own default is 30 s). A socket left half-open by an outage (no reset reaches the
   * client) holds the monitor's check that long, and until it fails the server stays unknown: /readyz and every turn
   * answer 503 although the store is back. A `connectTimeoutMS` in the URI wins.
   */
  connectTimeoutMS?: number;
  maxPoolSize?: number;
  onEvent?: (event: 'disconnected' | 'reconnected' | 'index_skipped' | 'monitor_stuck', detail?: string) => void;
  /** How long a server check may hang before the client is opened again (see superviseMonitor; tests shorten it). */
  monitorStuckAfterMs?: number;
  /** Told about every row that does not parse (it is then read as absent); the composition root logs it. */
  onInvalid?: OnInvalidRow;
  /** Told the BSON size of every insert, update and delete sent, by collection (to measure what a turn writes). */
  onWrite?: (collection: string, bytes: number) => void;
}

type Row = Record<string, unknown>;
/** A row keyed by a string of Smile's (conversation id, escalation id, ...) rather than a generated ObjectId. */
interface KeyedRow {
  _id: string;
  [field: string]: unknown;
}
const RAW: Record<RawCollection, string> = {
  conversations: 'conversations',
  transcript: 'transcript_events',
  turns: 'processed_turns',
  links: 'channel_links',
  preferences: 'preferences',
  escalations: 'escalations',
  channelState: 'channel_state',
  pendingEffects: 'pending_effects',
};

const { Schema } = mongoose;
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const isDuplicate = (err: unknown): boolean => typeof err === 'object' && err !== null && 'code' in err && err.code === 11000;
/** Retention dates are BSON dates in MongoDB and ISO strings in Smile; anything else is left for the schema to refuse. */
const toIso = (d: unknown): unknown => (d instanceof Date ? d.toISOString() : d);
const withoutKey = ({ _id, ...rest }: Row): Row => {
  void _id;
  return rest;
};
/** A conversation version's key. The version is a number, so the last ":" separates it whatever the id holds. */
const versionKey = (id: string, version: number): string => `${id}:${version}`;

/** Reports the payload of every write command: the documents inserted, the updates and the deletes, in BSON bytes. */
function watchWrites(client: mongoose.mongo.MongoClient, onWrite: (collection: string, bytes: number) => void): void {
  const payload: Record<string, string> = { insert: 'documents', update: 'updates', delete: 'deletes' };
  client.on('commandStarted', (ev) => {
    const field = payload[ev.commandName];
    if (!field) return;
    const items = (ev.command[field] ?? []) as mongoose.mongo.BSON.Document[];
    onWrite(
      String(ev.command[ev.commandName]),
      items.reduce((sum, d) => sum + mongoose.mongo.BSON.calculateObjectSize(d), 0),
    );
  });
}

/**
 * Watches the driver's server monitor and opens the client again when a check hangs for good. In mongodb 7.8 a
 * connection closed while a heartbeat is being written (an outage dropping sockets at that instant) leaves the check
 * waiting for a 'drain' the destroyed socket never emits; no timeout covers it, so the server stays unknown and every
 * command fails although the store is back. A check that has neither succeeded nor failed after `stuckAfterMs` is
 * such a hang: the client is closed and opened again (mongoose binds the models to the new one), and tried again
 * every few seconds while the server is still away.
 */
function superviseMonitor(
  conn: Connection,
  hooks: {
    reopen: () => Promise<void>;
    stuckAfterMs: number;
    onClient: (client: mongoose.mongo.MongoClient) => void;
    onEvent: MongoStoreOptions['onEvent'];
  },
): { stop(): void } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const settle = (): void => {
    clearTimeout(timer);
    timer = undefined;
  };
  const restart = async (): Promise<void> => {
    if (stopped) return;
    hooks.onEvent?.('monitor_stuck', `no answer to a server check in ${hooks.stuckAfterMs} ms: opening the client again`);
    await conn.close().catch(() => undefined);
    if (stopped) return;
    try {
      await hooks.reopen();
      watch();
    } catch {
      if (!stopped) timer = setTimeout(() => void restart(), 2_000).unref();
    }
  };
  const watch = (): void => {
    const client = conn.getClient();
    hooks.onClient(client);
    client.on('serverHeartbeatStarted', () => {
      settle();
      if (!stopped) timer = setTimeout(() => void restart(), hooks.stuckAfterMs).unref();
    });
    client.on('serverHeartbeatSucceeded', settle);
    client.on('serverHeartbeatFailed', settle);
  };
  watch();
  return {
    stop: () => {
      stopped = true;
      settle();
    },
  };
}

/**
 * The production adapter: MongoDB through mongoose. Dates that drive retention are stored as BSON dates so a TTL
 * index can remove them; servers without TTL indexes (FerretDB v1) rely on purgeExpired, which runs everywhere.
 * Commands are not buffered while disconnected: a turn fails fast and politely, and the driver reconnects by itself.
 */
export class MongoStore implements Store, RawRowWriter {
  readonly kind = 'mongodb' as const;
  private readonly onInvalid: OnInvalidRow;

  private constructor(
    private readonly conn: Connection,
    private readonly models: {
      conversations: Model<any>;
      transcript: Model<any>;
      turns: Model<any>;
      links: Model<any>;
      preferences: Model<any>;
      documents: Model<any>;
      escalations: Model<any>;
      escalationOpen: Model<any>;
      escalationClaims: Model<any>;
      channelState: Model<any>;
      leases: Model<any>;
    },
    onInvalid: OnInvalidRow | undefined,
    private readonly supervisor: { stop(): void },
  ) {
    this.onInvalid = onInvalid ?? (() => undefined);
  }

  static async open(uri: string, options: MongoStoreOptions = {}): Promise<MongoStore> {
    const timeout = options.serverSelectionTimeoutMS ?? 5000;
    const dbName = options.dbName ?? (/^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]+)/.exec(uri)?.[1] || 'smile');
    const connectOptions: mongoose.ConnectOptions = {
      serverSelectionTimeoutMS: timeout,
      ...(/[?&]connectTimeoutMS=/i.test(uri) ? {} : { connectTimeoutMS: options.connectTimeoutMS ?? 5000 }),
      maxPoolSize: options.maxPoolSize ?? 10,
      bufferCommands: false,
      autoIndex: false,
      autoCreate: false,
      dbName,
      ...(options.onWrite ? { monitorCommands: true } : {}),
    };
    const conn = mongoose.createConnection(uri, connectOptions);
    try {
      await conn.asPromise();
    } catch (err) {
      await conn.close().catch(() => undefined);
      const where = uri.replace(/\/\/[^@/]*@/, '//***@');
      throw new Error(`Could not reach MongoDB at ${where} within ${timeout} ms: ${(err as Error).message}`);
    }
    const supervisor = superviseMonitor(conn, {
      reopen: () => conn.openUri(uri, connectOptions).then(() => undefined),
      // An awaited (streaming) check legitimately waits up to heartbeatFrequencyMS (10 s) for news.
      stuckAfterMs: options.monitorStuckAfterMs ?? (options.connectTimeoutMS ?? 5000) + 10_000 + 2_000,
      onClient: (client) => {
        if (options.onWrite) watchWrites(client, options.onWrite);
      },
      onEvent: options.onEvent,
    });
    conn.on('disconnected', () => options.onEvent?.('disconnected'));
    conn.on('reconnected', () => options.onEvent?.('reconnected'));

    const opts = { versionKey: false, strict: true } as const;
    // One row per version (see store/conversation-versions.ts); superseded versions keep only their key until expiresAt.
    const conversations = conn.model(
      'Conversation',
      new Schema(
        {
          _id: String,
          id: String,
          channel: String,
          channelUserId: String,
          customerId: { type: String, default: null },
          locale: String,
          state: Schema.Types.Mixed,
          version: Number,
          createdAt: String,
          updatedAt: String,
          schemaVersion: Number,
          superseded: Boolean,
          expiresAt: Date,
        },
        { ...opts, collection: 'conversations', minimize: false },
      ),
    );
    conversations.schema.index({ id: 1, version: -1 });
    conversations.schema.index({ channel: 1, channelUserId: 1, updatedAt: -1 });
    conversations.schema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

    const transcript = conn.model(
      'TranscriptEvent',
      new Schema(
        {
          conversationId: String,
          at: String,
          from: String,
          text: String,
          messageId: String,
          intent: String,
          spoken: Schema.Types.Mixed,
          suggestions: [String],
          card: Schema.Types.Mixed,
          say: Schema.Types.Mixed,
          expiresAt: Date,
          schemaVersion: Number,
        },
        { ...opts, collection: 'transcript_events' },
      ),
    );
    transcript.schema.index({ conversationId: 1, at: 1 });
    transcript.schema.index({ conversationId: 1, messageId: 1 });
    transcript.schema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

    const turns = conn.model(
      'ProcessedTurn',
      new Schema(
        {
          conversationId: String,
          messageId: String,
          reply: Schema.Types.Mixed,
          createdAt: String,
          expiresAt: Date,
          schemaVersion: Number,
        },
        { ...opts, collection: 'processed_turns', minimize: false },
      ),
    );
    turns.schema.index({ conversationId: 1, messageId: 1 }, { unique: true });
    turns.schema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

    const links = conn.model(
      'ChannelLink',
      new Schema(
        {
          channel: String,
          channelUserId: String,
          customerId: String,
          createdAt: String,
          schemaVersion: Number,
        },
        { ...opts, collection: 'channel_links' },
      ),
    );
    links.schema.index({ channel: 1, channelUserId: 1 }, { unique: true });
    // Which chats a customer is linked from (support, unlinking everywhere).
    links.schema.index({ customerId: 1 });

    const preferences = conn.model(
      'Preferences',
      new Schema(
        {
          _id: String,
          locale: String,
          courierInstructions: String,
          voiceCodeFailures: Number,
          voiceLockedUntil: String,
          updatedAt: String,
          schemaVersion: Number,
          // Proactive notices (issue 13): { enabled, channel? }.
          notifications: Schema.Types.Mixed,
          // Reorder nudges (issue 14): { snoozed, stopped }, and the open question of the last nudge sent.
          nudges: Schema.Types.Mixed,
          ask: Schema.Types.Mixed,
        },
        { ...opts, collection: 'preferences' },
      ),
    );

    const documents = conn.model(
      'Document',
      new Schema({ collectionName: String, id: String, doc: Schema.Types.Mixed }, { ...opts, collection: 'documents', minimize: false }),
    );
    documents.schema.index({ collectionName: 1, id: 1 }, { unique: true });
    // A customer's orders, shipments, returns and messages (documents.byCustomer).
    documents.schema.index({ collectionName: 1, 'doc.customerId': 1 });
    // Queues: notices to send, events to process, active subscriptions (documents.where).
    for (const field of INDEXED_DOCUMENT_FIELDS) documents.schema.index({ collectionName: 1, [`doc.${field}`]: 1, id: 1 });

    // The handoff queue: rows keyed by escalation id, plus two insert-once markers (see store/escalation-queue.ts).
    const escalations = conn.model(
      'Escalation',
      new Schema(
        {
          _id: String,
          conversationId: String,
          status: String,
          priority: String,
          channel: String,
          createdAt: String,
          schemaVersion: Number,
        },
        { ...opts, strict: false, collection: 'escalations' },
      ),
    );
    escalations.schema.index({ status: 1, createdAt: 1 });
    escalations.schema.index({ conversationId: 1 });
    const escalationOpen = conn.model(
      'EscalationOpen',
      new Schema(
        {
          _id: String,
          conversationId: String,
          escalationId: String,
          schemaVersion: Number,
        },
        { ...opts, collection: 'escalation_open' },
      ),
    );
    const escalationClaims = conn.model(
      'EscalationClaim',
      new Schema(
        {
          _id: String,
          escalationId: String,
          by: String,
          at: String,
          schemaVersion: Number,
        },
        { ...opts, collection: 'escalation_claims' },
      ),
    );
    const channelStates = conn.model(
      'ChannelState',
      new Schema(
        {
          _id: String,
          kind: String,
          id: String,
          value: Schema.Types.Mixed,
          updatedAt: String,
          schemaVersion: Number,
        },
        { ...opts, collection: 'channel_state', minimize: false },
      ),
    );

    // Leases: one row per (name, term), keyed `${name}:${term}`; see store/leases.ts.
    const leaseRows = conn.model(
      'Lease',
      new Schema(
        { _id: String, name: String, term: Number, holder: String, until: String, at: String, schemaVersion: Number },
        { ...opts, collection: 'leases' },
      ),
    );
    leaseRows.schema.index({ name: 1, term: -1 });

    const store = new MongoStore(
      conn,
      {
        conversations,
        transcript,
        turns,
        links,
        preferences,
        documents,
        escalations,
        escalationOpen,
        escalationClaims,
        channelState: channelStates,
        leases: leaseRows,
      },
      options.onInvalid,
      supervisor,
    );
    await store.ensureIndexes(options.onEvent);
    await store.moveLegacyDocuments();
    await store.moveLegacyConversations();
    return store;
  }

  /**
   * Conversations written before versions had rows of their own are keyed by the conversation alone and carry no `id`:
   * each becomes the row of its version. Insert first, then delete, so a crash in between leaves a row that the next
   * open finds again (its version's row then exists, and it is only deleted).
   */
  private async moveLegacyConversations(): Promise<void> {
    const rows = this.keyed(this.models.conversations);
    for (const d of await rows.find({ id: { $exists: false } }).toArray()) {
      if (typeof d.version === 'number') {
        await this.insertOnce(this.models.conversations, versionKey(d._id, d.version), { ...withoutKey(d), id: d._id });
        await rows.deleteOne({ _id: d._id });
      } else {
        // Not a row Smile wrote: keep it findable, so reading it reports it.
        await rows.updateOne({ _id: d._id }, { $set: { id: d._id } });
      }
    }
  }

  /** Moves what older versions kept in `documents` (escalations, channel references) to the typed collections. */
  private async moveLegacyDocuments(): Promise<void> {
    const legacy = await this.models.documents.find({ collectionName: { $in: LEGACY_COLLECTIONS } }).lean<Row[]>();
    if (!legacy.length) return;
    const entries = legacy.map((d) => ({ collection: String(d.collectionName), id: String(d.id), doc: d.doc }));
    const moved = await moveLegacyDocuments(entries, { escalations: this.escalationRows, channelState: this.channelState }, this.onInvalid);
    for (const d of moved) await this.models.documents.collection.deleteOne({ collectionName: d.collection, id: d.id });
  }

  /** Creates every declared index; one the server does not support (a TTL index on FerretDB) is skipped and reported. */
  private async ensureIndexes(onEvent: MongoStoreOptions['onEvent']): Promise<void> {
    for (const model of Object.values(this.models)) {
      await model.createCollection().catch((err: unknown) => {
        if ((err as { codeName?: string }).codeName !== 'NamespaceExists') throw err;
      });
      for (const [fields, options] of model.schema.indexes()) {
        try {
          await model.collection.createIndex(fields as Record<string, 1 | -1>, options as Record<string, unknown>);
        } catch (err) {
          if (options && 'expireAfterSeconds' in options) onEvent?.('index_skipped', `${model.collection.name} TTL: ${(err as Error).message}`);
          else throw err;
        }
      }
    }
    // pending_effects has no model: the turn asks for a conversation's settled news, the reconciler for what is due.
    if (this.conn.db) {
      await this.pending().createIndex({ conversationId: 1, status: 1 });
      await this.pending().createIndex({ status: 1, nextAttemptAt: 1 });
      // audit_log has no model either: listed newest first, by actor, action or escalation (GET /v1/agent/audit);
      // expired entries removed by the server (TTL on the Date kept in expiresAt) where it can, else by the purge.
      const audit = this.auditLog();
      await audit.createIndex({ at: -1 });
      await audit.createIndex({ actor: 1, at: -1 });
      await audit.createIndex({ action: 1, at: -1 });
      await audit.createIndex({ escalationId: 1, at: -1 }, { sparse: true });
      try {
        await audit.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 });
      } catch (err) {
        onEvent?.('index_skipped', `audit_log TTL: ${(err as Error).message}`);
      }
    }
  }

  private async guard<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof VersionConflictError) throw err;
      // A command the server refused (MongoServerError) or a bug in Smile is not an outage; anything else —
      // selection timeouts, network errors, a socket closed under the driver — is, and the turn can be retried.
      const name = (err as Error).name ?? '';
      if (name === 'MongoServerError' || err instanceof TypeError || err instanceof RangeError || err instanceof ReferenceError) throw err;
      throw new StoreUnavailableError(`${what} in MongoDB`, err);
    }
  }

  private keyed(model: Model<any>): mongoose.mongo.Collection<KeyedRow> {
    if (!this.conn.db) throw new Error(`Could not reach collection (${model.collection.name}): not connected`);
    return this.conn.db.collection<KeyedRow>(model.collection.name);
  }

  /** Inserts a row under a key that must be new; false when the key is taken. */
  private async insertOnce(model: Model<any>, _id: string, row: object): Promise<boolean> {
    try {
      await this.keyed(model).insertOne({ ...row, _id });
      return true;
    } catch (err) {
      if (isDuplicate(err)) return false;
      throw err;
    }
  }

  private async findById(model: Model<any>, _id: string): Promise<Row | null> {
    return model.findById(_id).lean<Row>();
  }

  /** Conversations as one row per version, keyed `${id}:${version}`; see store/conversation-versions.ts. */
  conversations = conversationVersions(
    {
      insert: (row) =>
        this.guard(`save conversation (${row.id})`, () => this.insertOnce(this.models.conversations, versionKey(row.id, row.version), row)),
      head: (id) =>
        this.guard(`read conversation (${id})`, async () => {
          const [d] = await this.keyed(this.models.conversations).find({ id }).sort({ version: -1 }).limit(1).toArray();
          return d ? withoutKey(d) : null;
        }),
      supersede: (id, below, expiresAt) =>
        this.guard(`supersede old versions of conversation (${id})`, async () => {
          await this.keyed(this.models.conversations).updateMany(
            { id, version: { $lt: below }, superseded: { $exists: false } },
            // Only the state is dropped: the rest is small, and the marker goes after a day.
            { $unset: { state: '' }, $set: { superseded: true, expiresAt: new Date(expiresAt) } },
          );
        }),
    },
    (row) => this.onInvalid(row),
  );

  transcript = {
    append: (events: TranscriptEvent[]): Promise<void> =>
      this.guard('append transcript', async () => {
        const rows = events.map((e) => toRow(TranscriptRow, e, `transcript event (${e.conversationId})`));
        if (rows.length) await this.models.transcript.collection.insertMany(rows.map((e) => ({ ...e, expiresAt: new Date(e.expiresAt) })));
      }),
    list: (conversationId: string, options: { limit?: number } = {}): Promise<Array<Stored<TranscriptEvent>>> =>
      this.guard(`read transcript (${conversationId})`, async () => {
        let q = this.models.transcript.find({ conversationId }).sort({ at: -1 });
        if (options.limit) q = q.limit(options.limit);
        const docs = await q.lean<Row[]>();
        return docs
          .reverse()
          .flatMap(
            (d) =>
              readRow(
                TranscriptRow,
                { ...withoutKey(d), expiresAt: toIso(d.expiresAt) },
                { collection: 'transcript event', id: `${conversationId}/${String(d._id)}` },
                this.onInvalid,
              ) ?? [],
          );
      }),
    forMessage: (conversationId: string, messageId: string): Promise<Array<Stored<TranscriptEvent>>> =>
      this.guard(`read transcript of message (${conversationId}/${messageId})`, async () => {
        const docs = await this.models.transcript.find({ conversationId, messageId }).sort({ at: 1 }).lean<Row[]>();
        return docs.flatMap(
          (d) =>
            readRow(
              TranscriptRow,
              { ...withoutKey(d), expiresAt: toIso(d.expiresAt) },
              { collection: 'transcript event', id: `${conversationId}/${String(d._id)}` },
              this.onInvalid,
            ) ?? [],
        );
      }),
  };

  turns = {
    get: (conversationId: string, messageId: string): Promise<Stored<ProcessedTurn> | null> =>
      this.guard('read processed turn', async () => {
        const d = await this.models.turns.findOne({ conversationId, messageId }).lean<Row>();
        const where = { collection: 'processed turn', id: `${conversationId}/${messageId}` };
        return d && readRow(TurnRow, { ...withoutKey(d), expiresAt: toIso(d.expiresAt) }, where, this.onInvalid);
      }),
    put: (turn: ProcessedTurn): Promise<boolean> =>
      this.guard('record processed turn', async () => {
        const row = toRow(TurnRow, turn, `processed turn (${turn.conversationId}/${turn.messageId})`);
        try {
          await this.models.turns.collection.insertOne({ ...row, expiresAt: new Date(row.expiresAt) });
          return true;
        } catch (err) {
          if (isDuplicate(err)) return false;
          throw err;
        }
      }),
  };

  links = {
    get: (channel: string, channelUserId: string): Promise<Stored<ChannelLink> | null> =>
      this.guard('read channel link', async () => {
        const d = await this.models.links.findOne({ channel, channelUserId }).lean<Row>();
        return d && readRow(LinkRow, withoutKey(d), { collection: 'channel link', id: `${channel}/${channelUserId}` }, this.onInvalid);
      }),
    put: (link: ChannelLink): Promise<void> =>
      this.guard('write channel link', async () => {
        const row = toRow(LinkRow, link, `channel link (${link.channel}/${link.channelUserId})`);
        await this.models.links.collection.updateOne({ channel: row.channel, channelUserId: row.channelUserId }, { $set: row }, { upsert: true });
      }),
    customerIds: (): Promise<string[]> =>
      this.guard('list linked customers', async () => {
        const ids: unknown[] = await this.models.links.collection.distinct('customerId');
        return ids.filter((c): c is string => typeof c === 'string' && c.length > 0).sort();
      }),
    remove: (channel: string, channelUserId: string): Promise<boolean> =>
      this.guard('remove channel link', async () => (await this.models.links.deleteOne({ channel, channelUserId })).deletedCount > 0),
  };

  preferences = {
    get: (customerId: string): Promise<Stored<Preferences> | null> =>
      this.guard('read preferences', async () => {
        const d = await this.findById(this.models.preferences, customerId);
        return d && readRow(PreferencesRow, { ...withoutKey(d), customerId: d._id }, { collection: 'preferences', id: customerId }, this.onInvalid);
      }),
    put: (prefs: Preferences): Promise<void> =>
      this.guard('write preferences', async () => {
        const { customerId, ...rest } = toRow(PreferencesRow, prefs, `preferences (${prefs.customerId})`);
        await this.keyed(this.models.preferences).replaceOne({ _id: customerId }, rest, { upsert: true });
      }),
  };

  private readonly escalationRows: EscalationRows = {
    insert: (row) => this.guard(`insert escalation (${row.id})`, () => this.insertOnce(this.models.escalations, row.id, row)),
    put: (row) =>
      this.guard(`write escalation (${row.id})`, async () => {
        await this.keyed(this.models.escalations).replaceOne({ _id: row.id }, row, { upsert: true });
      }),
    get: (id) =>
      this.guard(`read escalation (${id})`, async () => {
        const d = await this.findById(this.models.escalations, id);
        return d && readRow(EscalationRow, withoutKey(d), { collection: 'escalation', id }, this.onInvalid);
      }),
    remove: (id) =>
      this.guard(`remove escalation (${id})`, async () => {
        await this.keyed(this.models.escalations).deleteOne({ _id: id });
      }),
    list: (filter: EscalationFilter) =>
      this.guard('list escalations', async () => {
        const query = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined));
        const docs = await this.models.escalations.find(query).sort({ createdAt: 1 }).lean<Row[]>();
        return docs.flatMap((d) => readRow(EscalationRow, withoutKey(d), { collection: 'escalation', id: String(d._id) }, this.onInvalid) ?? []);
      }),
    insertOpen: (conversationId, escalationId) =>
      this.guard(`open escalation for conversation (${conversationId})`, () =>
        this.insertOnce(
          this.models.escalationOpen,
          conversationId,
          toRow(OpenEscalationRow, { conversationId, escalationId }, `open escalation marker (${conversationId})`),
        ),
      ),
    openId: (conversationId) =>
      this.guard(`read open escalation of conversation (${conversationId})`, async () => {
        const d = await this.findById(this.models.escalationOpen, conversationId);
        const where = { collection: 'open escalation marker', id: conversationId };
        return (d && readRow(OpenEscalationRow, withoutKey(d), where, this.onInvalid)?.escalationId) ?? null;
      }),
    removeOpen: (conversationId, escalationId) =>
      this.guard(`release conversation (${conversationId})`, async () => {
        await this.keyed(this.models.escalationOpen).deleteOne({ _id: conversationId, escalationId });
      }),
    insertClaim: (escalationId, by, at) =>
      this.guard(`claim escalation (${escalationId})`, () =>
        this.insertOnce(
          this.models.escalationClaims,
          escalationId,
          toRow(EscalationClaimRow, { escalationId, by, at }, `escalation claim (${escalationId})`),
        ),
      ),
    claimHolder: (escalationId) =>
      this.guard(`read claim of escalation (${escalationId})`, async () => {
        const d = await this.findById(this.models.escalationClaims, escalationId);
        return (d && readRow(EscalationClaimRow, withoutKey(d), { collection: 'escalation claim', id: escalationId }, this.onInvalid)?.by) ?? null;
      }),
  };

  escalations = escalationQueue(this.escalationRows);

  channelState = channelState(
    {
      get: (key) =>
        this.guard(`read channel state (${key})`, async () => {
          const d = await this.findById(this.models.channelState, key);
          return d && withoutKey(d);
        }),
      put: (key, row) =>
        this.guard(`write channel state (${row.kind} ${row.id})`, async () => {
          await this.keyed(this.models.channelState).replaceOne({ _id: key }, row, { upsert: true });
        }),
      insert: (key, row) => this.guard(`write channel state (${row.kind} ${row.id})`, () => this.insertOnce(this.models.channelState, key, row)),
      list: (prefix) =>
        this.guard(`read channel state (${prefix}…)`, async () =>
          (
            await this.keyed(this.models.channelState)
              .find({ _id: { $regex: `^${escapeRegExp(prefix)}` } })
              .toArray()
          ).map((d) => withoutKey(d)),
        ),
      remove: (key) =>
        this.guard(
          `remove channel state (${key})`,
          async () => (await this.keyed(this.models.channelState).deleteOne({ _id: key })).deletedCount === 1,
        ),
    },
    (row) => this.onInvalid(row),
  );

  /** Pending effects keyed by their idempotency key, in the driver's collection (conditional updates make the lease atomic). */
  private pending(): mongoose.mongo.Collection<KeyedRow> {
    if (!this.conn.db) throw new Error('Could not reach collection (pending_effects): not connected');
    return this.conn.db.collection<KeyedRow>('pending_effects');
  }

  private readPending(d: KeyedRow | null): Stored<PendingEffect> | null {
    return d && readRow(PendingEffectRow, withoutKey(d), { collection: 'pending effect', id: d._id }, this.onInvalid);
  }

  pendingEffects = {
    add: (effect: PendingEffect): Promise<boolean> =>
      this.guard('add a pending effect', async () => {
        try {
          await this.pending().insertOne({ ...toRow(PendingEffectRow, effect, `pending effect (${effect.key})`), _id: effect.key });
          return true;
        } catch (err) {
          if ((err as { code?: number }).code === 11000) return false;
          throw err;
        }
      }),
    get: (k: string): Promise<Stored<PendingEffect> | null> =>
      this.guard('read a pending effect', async () => this.readPending(await this.pending().findOne({ _id: k }))),
    due: (now: string, limit: number): Promise<Array<Stored<PendingEffect>>> =>
      this.guard('list due pending effects', async () => {
        const docs = await this.pending()
          .find({ status: 'pending', nextAttemptAt: { $lte: now }, $or: [{ leaseUntil: null }, { leaseUntil: { $lte: now } }] })
          .sort({ createdAt: 1 })
          .limit(limit)
          .toArray();
        return docs.flatMap((d) => this.readPending(d) ?? []);
      }),
    lease: (k: string, now: string, until: string): Promise<boolean> =>
      this.guard('lease a pending effect', async () => {
        const r = await this.pending().updateOne(
          { _id: k, status: 'pending', $or: [{ leaseUntil: null }, { leaseUntil: { $lte: now } }] },
          { $set: { leaseUntil: until } },
        );
        return r.modifiedCount === 1;
      }),
    save: (effect: PendingEffect): Promise<void> =>
      this.guard('save a pending effect', async () => {
        const row = toRow(PendingEffectRow, effect, `pending effect (${effect.key})`);
        await this.pending().replaceOne({ _id: effect.key }, row, { upsert: true });
      }),
    untold: (conversationId: string): Promise<Array<Stored<PendingEffect>>> =>
      this.guard('list settled pending effects', async () => {
        const docs = await this.pending().find({ conversationId, status: 'settled', told: false }).sort({ updatedAt: 1 }).toArray();
        return docs.flatMap((d) => this.readPending(d) ?? []);
      }),
    pendingFor: (customerId: string): Promise<Array<Stored<PendingEffect>>> =>
      this.guard('list pending effects of a customer', async () => {
        const docs = await this.pending().find({ customerId, status: 'pending' }).sort({ createdAt: 1 }).toArray();
        return docs.flatMap((d) => this.readPending(d) ?? []);
      }),
  };

  /** Leases as one row per (name, term), keyed `${name}:${term}`; see store/leases.ts. */
  leases = leasesOver(
    {
      insert: (row) => this.guard(`take lease (${row.name})`, () => this.insertOnce(this.models.leases, `${row.name}:${row.term}`, row)),
      head: (name) =>
        this.guard(`read lease (${name})`, async () => {
          const [d] = await this.keyed(this.models.leases).find({ name }).sort({ term: -1 }).limit(1).toArray();
          return d ? withoutKey(d) : null;
        }),
      prune: (name, term, before) =>
        this.guard(`prune lease (${name})`, async () => {
          await this.keyed(this.models.leases).deleteMany({ name, term: { $lt: term }, until: { $lt: before } });
        }),
    },
    (row) => this.onInvalid(row),
  );
  /** The audit log, in the driver's collection `audit_log`, keyed by entry id. */
  private auditLog(): mongoose.mongo.Collection<KeyedRow> {
    if (!this.conn.db) throw new Error('Could not reach collection (audit_log): not connected');
    return this.conn.db.collection<KeyedRow>('audit_log');
  }

  audit = {
    append: (entry: AuditEntry): Promise<void> =>
      this.guard('write an audit entry', async () => {
        try {
          const row = toRow(AuditRow, entry, `audit entry (${entry.id})`);
          // A TTL index removes documents by a Date field: the expiry is stored as one, and read back as ISO text.
          await this.auditLog().insertOne({ ...row, ...(entry.expiresAt ? { expiresAt: new Date(entry.expiresAt) } : {}), _id: entry.id });
        } catch (err) {
          if ((err as { code?: number }).code !== 11000) throw err;
        }
      }),
    list: (filter: AuditFilter): Promise<Array<Stored<AuditEntry>>> =>
      this.guard('list audit entries', async () => {
        const { since, limit, ...fields } = filter;
        const query: Record<string, unknown> = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
        if (since) query.at = { $gte: since };
        const docs = await this.auditLog().find(query).sort({ at: -1 }).limit(limit).toArray();
        return docs.flatMap((d) => {
          const row = withoutKey(d);
          if (row.expiresAt instanceof Date) row.expiresAt = row.expiresAt.toISOString();
          return readRow(AuditRow, row, { collection: 'audit entry', id: d._id }, this.onInvalid) ?? [];
        });
      }),
  };

  /** The sandbox's documents: its own shapes, unvalidated here (the sandbox stands in for outside systems). */
  documents = {
    get: <T>(collection: string, id: string): Promise<T | null> =>
      this.guard(`read ${collection} (${id})`, async () => {
        const d = await this.models.documents.findOne({ collectionName: collection, id }).lean<{ doc: T }>();
        return d ? d.doc : null;
      }),
    put: <T>(collection: string, id: string, doc: T): Promise<void> =>
      this.guard(`write ${collection} (${id})`, async () => {
        await this.models.documents.collection.updateOne(
          { collectionName: collection, id },
          { $set: { collectionName: collection, id, doc } },
          { upsert: true },
        );
      }),
    insert: <T>(collection: string, id: string, doc: T): Promise<boolean> =>
      this.guard(`insert ${collection} (${id})`, async () => {
        try {
          await this.models.documents.collection.insertOne({ collectionName: collection, id, doc });
          return true;
        } catch (err) {
          if (isDuplicate(err)) return false;
          throw err;
        }
      }),
    list: <T>(collection: string): Promise<T[]> =>
      this.guard(`list ${collection}`, async () => {
        const docs = await this.models.documents.find({ collectionName: collection }).sort({ id: 1 }).lean<Array<{ doc: T }>>();
        return docs.map((d) => d.doc);
      }),
    byCustomer: <T>(collection: string, customerId: string, options: { newestBy?: string; limit?: number } = {}): Promise<T[]> =>
      this.guard(`list ${collection} of ${customerId}`, async () => {
        const query = this.models.documents
          .find({ collectionName: collection, 'doc.customerId': customerId })
          .sort(options.newestBy ? { [`doc.${options.newestBy}`]: -1, id: 1 } : { id: 1 });
        const docs = await (options.limit ? query.limit(options.limit) : query).lean<Array<{ doc: T }>>();
        return docs.map((d) => d.doc);
      }),
    where: <T>(collection: string, field: IndexedDocumentField, value: string | null): Promise<T[]> =>
      this.guard(`list ${collection} by ${field}`, async () => {
        const docs = await this.models.documents
          // null is a field that is null, not one that is missing (as the embedded store's index has it).
          .find({ collectionName: collection, [`doc.${field}`]: value === null ? { $type: 'null' } : value })
          .sort({ id: 1 })
          .lean<Array<{ doc: T }>>();
        return docs.map((d) => d.doc);
      }),
    remove: (collection: string, id: string): Promise<void> =>
      this.guard(`remove ${collection} (${id})`, async () => {
        await this.models.documents.collection.deleteOne({ collectionName: collection, id });
      }),
    clear: (collection: string): Promise<void> =>
      this.guard(`clear ${collection}`, async () => {
        await this.models.documents.collection.deleteMany({ collectionName: collection });
      }),
  };

  async writeRawRow(collection: RawCollection, row: Row): Promise<void> {
    if (!this.conn.db) throw new Error(`Could not write a raw ${collection} row: not connected`);
    await this.conn.db.collection(RAW[collection]).insertOne({ ...row });
  }

  purgeExpired(now: Date): Promise<number> {
    return this.guard('purge expired records', async () => {
      const a = await this.models.transcript.collection.deleteMany({ expiresAt: { $lt: now } });
      const b = await this.models.turns.collection.deleteMany({ expiresAt: { $lt: now } });
      // Conversations: only superseded versions carry an expiry.
      const c = await this.models.conversations.collection.deleteMany({ expiresAt: { $lt: now } });
      // The audit log past its retention (the TTL index does this too, on servers that have one).
      const d = await this.auditLog().deleteMany({ expiresAt: { $lt: now } });
      return a.deletedCount + b.deletedCount + c.deletedCount + d.deletedCount;
    });
  }

  ping(): Promise<void> {
    return this.guard('ping', async () => {
      if (!this.conn.db) throw new Error('not connected');
      await this.conn.db.admin().ping();
    });
  }

  /** 'ferretdb' when the server is FerretDB (no TTL indexes; updates are read-modify-write), else 'mongodb'. */
  async serverFlavor(): Promise<'mongodb' | 'ferretdb'> {
    const info = await this.conn.db!.admin().command({ buildInfo: 1 });
    return 'ferretdbVersion' in info ? 'ferretdb' : 'mongodb';
  }

  /** The indexes of one of the driver's collections, as the server reports them (tests and operators). */
  async indexesOf(collection: 'audit_log' | 'pending_effects'): Promise<Array<{ key: Record<string, unknown>; expireAfterSeconds?: number }>> {
    if (!this.conn.db) throw new Error('not connected');
    const list = (await this.conn.db.collection(collection).listIndexes().toArray()) as Array<Record<string, unknown>>;
    return list.map((i) => ({
      key: (i.key ?? {}) as Record<string, unknown>,
      ...(typeof i.expireAfterSeconds === 'number' ? { expireAfterSeconds: i.expireAfterSeconds } : {}),
    }));
  }

  /** Drops this store's database (tests only). */
  async dropDatabase(): Promise<void> {
    await this.conn.db?.dropDatabase();
  }

  async close(): Promise<void> {
    this.supervisor.stop();
    await this.conn.close();
  }
}
