import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoStore } from '../store/mongo-store.js';
import { storeContract } from './store-contract.js';

const uri = process.env.MONGODB_URI;

if (!uri) {
  console.log('store contract: MongoDB run skipped — MONGODB_URI is not set (.ci/run starts FerretDB and sets it)');
  describe.skip('store contract: mongodb (MONGODB_URI not set)', () => {
    it('needs MONGODB_URI', () => undefined);
  });
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
  it("when conversations were stored one row each (before versions had rows), then opening makes each its version's row", async () => {
    const dbName = `smile_contract_${randomUUID().slice(0, 8)}`;
    const store = await MongoStore.open(uri, { dbName });
    const legacy = {
      channel: 'rest',
      channelUserId: 'u1',
      customerId: 'demo',
      locale: 'en-US',
      state: { s: 1 },
      version: 4,
      createdAt: '2026-11-01T00:00:00.000Z',
      updatedAt: '2026-11-02T00:00:00.000Z',
      schemaVersion: 1,
    };
    await store.writeRawRow('conversations', { _id: 'legacy-1', ...legacy });
    await store.close();
    const again = await MongoStore.open(uri, { dbName });
    try {
      expect(await again.conversations.get('legacy-1')).toEqual({ id: 'legacy-1', ...legacy });
      await expect(again.conversations.save({ ...legacy, id: 'legacy-1' }, 3)).rejects.toThrow(/changed since version 3/);
      expect((await again.conversations.save({ ...legacy, id: 'legacy-1', state: { s: 2 } }, 4)).version).toBe(5);
      expect(await again.conversations.get('legacy-1')).toMatchObject({ version: 5, state: { s: 2 } });
    } finally {
      await again.dropDatabase();
      await again.close();
    }
  });

  it('when the store opens, then the audit log is indexed for its queries, with a TTL index where the server has them', async () => {
    const dbName = `smile_contract_${randomUUID().slice(0, 8)}`;
    const store = await MongoStore.open(uri, { dbName });
    try {
      const indexes = await store.indexesOf('audit_log');
      const keys = indexes.map((i) => JSON.stringify(i.key));
      for (const key of [{ at: -1 }, { actor: 1, at: -1 }, { action: 1, at: -1 }, { escalationId: 1, at: -1 }])
        expect(keys).toContain(JSON.stringify(key));
      // FerretDB v1 has no TTL indexes (the hourly purge stands in, as the contract shows); MongoDB has.
      const ttl = indexes.find((i) => JSON.stringify(i.key) === JSON.stringify({ expiresAt: 1 }));
      if ((await store.serverFlavor()) === 'mongodb') expect(ttl?.expireAfterSeconds).toBe(0);
    } finally {
      await store.dropDatabase();
      await store.close();
    }
  });

  afterAll(async () => {
    // Drop every database the suite made, through a fresh connection (the suite closed its own).
    for (const name of new Set(opened.map((s) => names.get(s)).filter(Boolean))) {
      const store = await MongoStore.open(uri, { dbName: name! });
      await store.dropDatabase();
      await store.close();
    }
  });
}
