import { randomUUID } from 'node:crypto';
import { EmbeddedStore } from '../store/embedded-store.js';
import { MongoStore } from '../store/mongo-store.js';
import type { Store } from '../store/port.js';

export interface StoreKind {
  name: string;
  open(): Promise<Store>;
  dispose(store: Store): Promise<void>;
}

/** The adapters a cross-cutting test runs against: always the embedded one, MongoDB when MONGODB_URI is set. */
export function storeKinds(): StoreKind[] {
  const kinds: StoreKind[] = [{ name: 'embedded', open: () => EmbeddedStore.open(null), dispose: async (s) => s.close() }];
  const uri = process.env.MONGODB_URI;
  if (uri) {
    kinds.push({
      name: 'mongodb',
      open: () => MongoStore.open(uri, { dbName: `smile_test_${randomUUID().slice(0, 8)}`, serverSelectionTimeoutMS: 5000 }),
      dispose: async (s) => {
        await (s as MongoStore).dropDatabase();
        await s.close();
      },
    });
  }
  return kinds;
}
