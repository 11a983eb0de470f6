import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { MongoStore } from '../store/mongo-store.js';
import { storeContract } from './store-contract.js';

const uri = process.env.MONGODB_URI;

if (!uri) {
  console.log('store contract: MongoDB run skipped — MONGODB_URI is not set (.ci/run starts FerretDB and sets it)');
  describe.skip('store contract: mongodb (MONGODB_URI not set)', () => { it('needs MONGODB_URI', () => undefined); });
} else {
  beforeAll(async () => {
    const probe = await MongoStore.open(uri, { dbName: 'smile_contract_probe' });
    console.log(`store contract: running against ${await probe.serverFlavor()} at ${uri.replace(/\/\/[^@/]*@/, '//***@')}`);
    await probe.dropDatabase();
    await probe.close();
  });
  const opened: MongoStore[] = [];
  const names = new WeakMap<object, string>();
  storeContract(
    `mongodb (${uri.replace(/\/\/[^@/]*@/, '//***@')})`,
    async (options) => {
      const dbName = `smile_contract_${randomUUID().slice(0, 8)}`;
      const store = await MongoStore.open(uri, { dbName, serverSelectionTimeoutMS: 5000, ...options });
      names.set(store, dbName);
      opened.push(store);
      return store;
    },
    async (previous) => {
      const store = await MongoStore.open(uri, { dbName: names.get(previous)!, serverSelectionTimeoutMS: 5000 });
      opened.push(store);
      return store;
    },
  );
  afterAll(async () => {
    // Drop every database the suite made, through a fresh connection (the suite closed its own).
    for (const name of new Set(opened.map((s) => names.get(s)).filter(Boolean))) {
      const store = await MongoStore.open(uri, { dbName: name! });
      await store.dropDatabase();
      await store.close();
    }
  });
}
