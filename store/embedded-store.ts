import { createRequire } from 'node:module';
import type NedbModule from '@seald-io/nedb';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  VersionConflictError, type ChannelLink, type ConversationRecord, type Preferences, type ProcessedTurn, type Store, type TranscriptEvent,
} from './port.js';

type Doc<T> = T & { _id: string };
// NeDB is CommonJS whose typings declare an ES default export; under NodeNext the class is reached through require.
type Datastore<S> = NedbModule.default<S>;
const Datastore = createRequire(import.meta.url)('@seald-io/nedb') as typeof NedbModule.default;

/**
 * The embedded adapter: NeDB files in SMILE_DATA_DIR (append-only, compacted periodically), or memory only.
 * One process owns the folder; for several instances use MongoDB.
 */
export class EmbeddedStore implements Store {
  readonly kind = 'embedded' as const;
  private readonly dbs = new Map<string, Datastore<Record<string, any>>>();

  private constructor(private readonly dir: string | null) {}

  static async open(dir: string | null): Promise<EmbeddedStore> {
    if (dir) mkdirSync(dir, { recursive: true });
    const store = new EmbeddedStore(dir);
    for (const name of ['conversations', 'transcript', 'turns', 'links', 'preferences', 'documents']) await store.db(name);
    await store.db('transcript').then((db) => db.ensureIndexAsync({ fieldName: 'conversationId' }));
    await store.db('documents').then((db) => db.ensureIndexAsync({ fieldName: 'collection' }));
    return store;
  }

  private async db(name: string): Promise<Datastore<Record<string, any>>> {
    let db = this.dbs.get(name);
    if (!db) {
      db = new Datastore<Record<string, any>>(this.dir ? { filename: join(this.dir, `${name}.db`) } : { inMemoryOnly: true });
      this.dbs.set(name, db);
      try {
        await db.loadDatabaseAsync();
      } catch (err) {
        throw new Error(`Could not open embedded collection (${name}) in ${this.dir ?? 'memory'}: ${(err as Error).message}`);
      }
      if (this.dir) db.setAutocompactionInterval(10 * 60_000);
    }
    return db;
  }

  private static strip<T>(doc: Doc<T> | null): T | null {
    if (!doc) return null;
    const { _id, ...rest } = doc as Doc<T> & Record<string, unknown>;
    void _id;
    return rest as T;
  }

  conversations = {
    get: async (id: string): Promise<ConversationRecord | null> =>
      EmbeddedStore.strip(await (await this.db('conversations')).findOneAsync({ _id: id }) as Doc<ConversationRecord> | null),
    save: async (record: Omit<ConversationRecord, 'version'>, expectedVersion: number | null): Promise<ConversationRecord> => {
      const db = await this.db('conversations');
      const next: ConversationRecord = { ...record, version: (expectedVersion ?? 0) + 1 };
      if (expectedVersion === null) {
        try {
          await db.insertAsync({ _id: record.id, ...next });
        } catch {
          throw new VersionConflictError(record.id, expectedVersion);
        }
        return next;
      }
      const { numAffected } = await db.updateAsync({ _id: record.id, version: expectedVersion }, { _id: record.id, ...next });
      if (numAffected !== 1) throw new VersionConflictError(record.id, expectedVersion);
      return next;
    },
  };

  transcript = {
    append: async (events: TranscriptEvent[]): Promise<void> => {
      if (events.length) await (await this.db('transcript')).insertAsync(events.map((e) => ({ ...e })));
    },
    list: async (conversationId: string, options: { limit?: number } = {}): Promise<TranscriptEvent[]> => {
      const db = await this.db('transcript');
      // The newest N, read newest first and returned in time order.
      const cursor = db.findAsync({ conversationId }).sort({ at: -1 });
      const docs = await (options.limit ? cursor.limit(options.limit) : cursor);
      return (docs as unknown as Array<Doc<TranscriptEvent>>).map((d) => EmbeddedStore.strip(d)!).reverse();
    },
  };

  turns = {
    get: async (conversationId: string, messageId: string): Promise<ProcessedTurn | null> =>
      EmbeddedStore.strip(await (await this.db('turns')).findOneAsync({ _id: `${conversationId}\u0000${messageId}` }) as Doc<ProcessedTurn> | null),
    put: async (turn: ProcessedTurn): Promise<boolean> => {
      try {
        await (await this.db('turns')).insertAsync({ _id: `${turn.conversationId}\u0000${turn.messageId}`, ...turn });
        return true;
      } catch (err) {
        if ((err as { errorType?: string }).errorType === 'uniqueViolated') return false;
        throw err;
      }
    },
  };

  links = {
    get: async (channel: string, channelUserId: string): Promise<ChannelLink | null> =>
      EmbeddedStore.strip(await (await this.db('links')).findOneAsync({ _id: `${channel}\u0000${channelUserId}` }) as Doc<ChannelLink> | null),
    put: async (link: ChannelLink): Promise<void> => {
      const _id = `${link.channel}\u0000${link.channelUserId}`;
      await (await this.db('links')).updateAsync({ _id }, { _id, ...link }, { upsert: true });
    },
  };

  preferences = {
    get: async (customerId: string): Promise<Preferences | null> =>
      EmbeddedStore.strip(await (await this.db('preferences')).findOneAsync({ _id: customerId }) as Doc<Preferences> | null),
    put: async (prefs: Preferences): Promise<void> => {
      await (await this.db('preferences')).updateAsync({ _id: prefs.customerId }, { _id: prefs.customerId, ...prefs }, { upsert: true });
    },
  };

  documents = {
    get: async <T>(collection: string, id: string): Promise<T | null> => {
      const doc = await (await this.db('documents')).findOneAsync({ _id: `${collection}\u0000${id}` }) as unknown as { doc: T } | null;
      return doc ? doc.doc : null;
    },
    put: async <T>(collection: string, id: string, doc: T): Promise<void> => {
      const _id = `${collection}\u0000${id}`;
      await (await this.db('documents')).updateAsync({ _id }, { _id, collection, id, doc }, { upsert: true });
    },
    insert: async <T>(collection: string, id: string, doc: T): Promise<boolean> => {
      try {
        await (await this.db('documents')).insertAsync({ _id: `${collection}\u0000${id}`, collection, id, doc });
        return true;
      } catch (err) {
        if ((err as { errorType?: string }).errorType === 'uniqueViolated') return false;
        throw err;
      }
    },
    list: async <T>(collection: string): Promise<T[]> => {
      const docs = await (await this.db('documents')).findAsync({ collection }).sort({ id: 1 });
      return (docs as unknown as Array<{ doc: T }>).map((d) => d.doc);
    },
    remove: async (collection: string, id: string): Promise<void> => {
      await (await this.db('documents')).removeAsync({ _id: `${collection}\u0000${id}` }, {});
    },
    clear: async (collection: string): Promise<void> => {
      await (await this.db('documents')).removeAsync({ collection }, { multi: true });
    },
  };

  async purgeExpired(now: Date): Promise<number> {
    const iso = now.toISOString();
    let removed = 0;
    for (const name of ['transcript', 'turns']) removed += await (await this.db(name)).removeAsync({ expiresAt: { $lt: iso } }, { multi: true });
    return removed;
  }

  async ping(): Promise<void> {
    await (await this.db('conversations')).countAsync({});
  }

  async close(): Promise<void> {
    for (const db of this.dbs.values()) {
      db.stopAutocompaction();
      if (this.dir) await db.compactDatafileAsync();
    }
  }
}
