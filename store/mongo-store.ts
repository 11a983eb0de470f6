import mongoose, { type Connection, type Model } from 'mongoose';
import {
  StoreUnavailableError, VersionConflictError, type ChannelLink, type ConversationRecord, type Preferences, type ProcessedTurn, type Store, type TranscriptEvent,
} from './port.js';

export interface MongoStoreOptions {
  /** Database name; defaults to the one in the URI, else "smile". */
  dbName?: string;
  serverSelectionTimeoutMS?: number;
  maxPoolSize?: number;
  onEvent?: (event: 'disconnected' | 'reconnected' | 'index_skipped', detail?: string) => void;
}


const { Schema } = mongoose;
const isDuplicate = (err: unknown): boolean => (err as { code?: number }).code === 11000;
const toIso = (d: unknown): string => (d instanceof Date ? d.toISOString() : String(d));

/**
 * The production adapter: MongoDB through mongoose. Dates that drive retention are stored as BSON dates so a TTL
 * index can remove them; servers without TTL indexes (FerretDB v1) rely on purgeExpired, which runs everywhere.
 * Commands are not buffered while disconnected: a turn fails fast and politely, and the driver reconnects by itself.
 */
export class MongoStore implements Store {
  readonly kind = 'mongodb' as const;

  private constructor(
    private readonly conn: Connection,
    private readonly models: {
      conversations: Model<any>; transcript: Model<any>; turns: Model<any>; links: Model<any>; preferences: Model<any>; documents: Model<any>;
    },
  ) {}

  static async open(uri: string, options: MongoStoreOptions = {}): Promise<MongoStore> {
    const timeout = options.serverSelectionTimeoutMS ?? 5000;
    const dbName = options.dbName ?? (/^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]+)/.exec(uri)?.[1] || 'smile');
    const conn = mongoose.createConnection(uri, {
      serverSelectionTimeoutMS: timeout,
      maxPoolSize: options.maxPoolSize ?? 10,
      bufferCommands: false,
      autoIndex: false,
      autoCreate: false,
      dbName,
    });
    try {
      await conn.asPromise();
    } catch (err) {
      await conn.close().catch(() => undefined);
      const where = uri.replace(/\/\/[^@/]*@/, '//***@');
      throw new Error(`Could not reach MongoDB at ${where} within ${timeout} ms: ${(err as Error).message}`);
    }
    conn.on('disconnected', () => options.onEvent?.('disconnected'));
    conn.on('reconnected', () => options.onEvent?.('reconnected'));

    const opts = { versionKey: false, strict: true } as const;
    const conversations = conn.model('Conversation', new Schema({
      _id: String, channel: String, channelUserId: String, customerId: { type: String, default: null }, locale: String,
      state: Schema.Types.Mixed, version: Number, createdAt: String, updatedAt: String,
    }, { ...opts, collection: 'conversations', minimize: false }));
    conversations.schema.index({ channel: 1, channelUserId: 1, updatedAt: -1 });

    const transcript = conn.model('TranscriptEvent', new Schema({
      conversationId: String, at: String, from: String, text: String, messageId: String, intent: String, expiresAt: Date,
    }, { ...opts, collection: 'transcript_events' }));
    transcript.schema.index({ conversationId: 1, at: 1 });
    transcript.schema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

    const turns = conn.model('ProcessedTurn', new Schema({
      conversationId: String, messageId: String, reply: Schema.Types.Mixed, createdAt: String, expiresAt: Date,
    }, { ...opts, collection: 'processed_turns', minimize: false }));
    turns.schema.index({ conversationId: 1, messageId: 1 }, { unique: true });
    turns.schema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

    const links = conn.model('ChannelLink', new Schema({ channel: String, channelUserId: String, customerId: String, createdAt: String }, { ...opts, collection: 'channel_links' }));
    links.schema.index({ channel: 1, channelUserId: 1 }, { unique: true });

    const preferences = conn.model('Preferences', new Schema({ _id: String, locale: String, courierInstructions: String, voiceCodeFailures: Number, voiceLockedUntil: String, updatedAt: String }, { ...opts, collection: 'preferences' }));

    const documents = conn.model('Document', new Schema({ collectionName: String, id: String, doc: Schema.Types.Mixed }, { ...opts, collection: 'documents', minimize: false }));
    documents.schema.index({ collectionName: 1, id: 1 }, { unique: true });

    const store = new MongoStore(conn, { conversations, transcript, turns, links, preferences, documents });
    await store.ensureIndexes(options.onEvent);
    return store;
  }

  /** Creates every declared index; one the server does not support (a TTL index on FerretDB) is skipped and reported. */
  private async ensureIndexes(onEvent: MongoStoreOptions['onEvent']): Promise<void> {
    for (const model of Object.values(this.models)) {
      await model.createCollection().catch((err: unknown) => { if ((err as { codeName?: string }).codeName !== 'NamespaceExists') throw err; });
      for (const [fields, options] of model.schema.indexes()) {
        try {
          await model.collection.createIndex(fields as Record<string, 1 | -1>, options as Record<string, unknown>);
        } catch (err) {
          if (options && 'expireAfterSeconds' in options) onEvent?.('index_skipped', `${model.collection.name} TTL: ${(err as Error).message}`);
          else throw err;
        }
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

  conversations = {
    get: (id: string): Promise<ConversationRecord | null> => this.guard(`read conversation (${id})`, async () => {
      const d = await this.models.conversations.findById(id).lean<Record<string, unknown>>();
      if (!d) return null;
      const { _id, ...rest } = d;
      return { id: String(_id), ...rest } as unknown as ConversationRecord;
    }),
    save: (record: Omit<ConversationRecord, 'version'>, expectedVersion: number | null): Promise<ConversationRecord> =>
      this.guard(`save conversation (${record.id})`, async () => {
        const next: ConversationRecord = { ...record, version: (expectedVersion ?? 0) + 1 };
        const { id, ...fields } = next;
        if (expectedVersion === null) {
          try {
            await this.models.conversations.collection.insertOne({ _id: id as never, ...fields });
          } catch (err) {
            if (isDuplicate(err)) throw new VersionConflictError(id, null);
            throw err;
          }
          return next;
        }
        const r = await this.models.conversations.collection.updateOne({ _id: id as never, version: expectedVersion }, { $set: fields });
        if (r.matchedCount !== 1) throw new VersionConflictError(id, expectedVersion);
        return next;
      }),
  };

  transcript = {
    append: (events: TranscriptEvent[]): Promise<void> => this.guard('append transcript', async () => {
      if (events.length) await this.models.transcript.collection.insertMany(events.map((e) => ({ ...e, expiresAt: new Date(e.expiresAt) })));
    }),
    list: (conversationId: string, options: { limit?: number } = {}): Promise<TranscriptEvent[]> => this.guard(`read transcript (${conversationId})`, async () => {
      let q = this.models.transcript.find({ conversationId }).sort({ at: -1 });
      if (options.limit) q = q.limit(options.limit);
      const docs = await q.lean<Array<Record<string, unknown>>>();
      return docs.reverse().map(({ _id, expiresAt, ...rest }) => ({ ...rest, expiresAt: toIso(expiresAt) }) as unknown as TranscriptEvent);
    }),
  };

  turns = {
    get: (conversationId: string, messageId: string): Promise<ProcessedTurn | null> => this.guard('read processed turn', async () => {
      const d = await this.models.turns.findOne({ conversationId, messageId }).lean<Record<string, unknown>>();
      if (!d) return null;
      const { _id, expiresAt, ...rest } = d;
      return { ...rest, expiresAt: toIso(expiresAt) } as unknown as ProcessedTurn;
    }),
    put: (turn: ProcessedTurn): Promise<boolean> => this.guard('record processed turn', async () => {
      try {
        await this.models.turns.collection.insertOne({ ...turn, expiresAt: new Date(turn.expiresAt) });
        return true;
      } catch (err) {
        if (isDuplicate(err)) return false;
        throw err;
      }
    }),
  };

  links = {
    get: (channel: string, channelUserId: string): Promise<ChannelLink | null> => this.guard('read channel link', async () => {
      const d = await this.models.links.findOne({ channel, channelUserId }).lean<Record<string, unknown>>();
      if (!d) return null;
      const { _id, ...rest } = d;
      return rest as unknown as ChannelLink;
    }),
    put: (link: ChannelLink): Promise<void> => this.guard('write channel link', async () => {
      await this.models.links.collection.updateOne({ channel: link.channel, channelUserId: link.channelUserId }, { $set: link }, { upsert: true });
    }),
  };

  preferences = {
    get: (customerId: string): Promise<Preferences | null> => this.guard('read preferences', async () => {
      const d = await this.models.preferences.findById(customerId).lean<Record<string, unknown>>();
      if (!d) return null;
      const { _id, ...rest } = d;
      return { customerId: String(_id), ...rest } as unknown as Preferences;
    }),
    put: (prefs: Preferences): Promise<void> => this.guard('write preferences', async () => {
      const { customerId, ...rest } = prefs;
      await this.models.preferences.collection.replaceOne({ _id: customerId as never }, rest, { upsert: true });
    }),
  };

  documents = {
    get: <T>(collection: string, id: string): Promise<T | null> => this.guard(`read ${collection} (${id})`, async () => {
      const d = await this.models.documents.findOne({ collectionName: collection, id }).lean<{ doc: T }>();
      return d ? d.doc : null;
    }),
    put: <T>(collection: string, id: string, doc: T): Promise<void> => this.guard(`write ${collection} (${id})`, async () => {
      await this.models.documents.collection.updateOne({ collectionName: collection, id }, { $set: { collectionName: collection, id, doc } }, { upsert: true });
    }),
    insert: <T>(collection: string, id: string, doc: T): Promise<boolean> => this.guard(`insert ${collection} (${id})`, async () => {
      try {
        await this.models.documents.collection.insertOne({ collectionName: collection, id, doc });
        return true;
      } catch (err) {
        if (isDuplicate(err)) return false;
        throw err;
      }
    }),
    list: <T>(collection: string): Promise<T[]> => this.guard(`list ${collection}`, async () => {
      const docs = await this.models.documents.find({ collectionName: collection }).sort({ id: 1 }).lean<Array<{ doc: T }>>();
      return docs.map((d) => d.doc);
    }),
    remove: (collection: string, id: string): Promise<void> => this.guard(`remove ${collection} (${id})`, async () => {
      await this.models.documents.collection.deleteOne({ collectionName: collection, id });
    }),
    clear: (collection: string): Promise<void> => this.guard(`clear ${collection}`, async () => {
      await this.models.documents.collection.deleteMany({ collectionName: collection });
    }),
  };

  purgeExpired(now: Date): Promise<number> {
    return this.guard('purge expired records', async () => {
      const a = await this.models.transcript.collection.deleteMany({ expiresAt: { $lt: now } });
      const b = await this.models.turns.collection.deleteMany({ expiresAt: { $lt: now } });
      return a.deletedCount + b.deletedCount;
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

  /** Drops this store's database (tests only). */
  async dropDatabase(): Promise<void> {
    await this.conn.db?.dropDatabase();
  }

  async close(): Promise<void> {
    await this.conn.close();
  }
}
