import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedStore } from '../store/embedded-store.js';
import { describe, expect, it } from 'vitest';
import { storeContract } from './store-contract.js';

storeContract('embedded, in memory', (options) => EmbeddedStore.open(null, options));

const dirs = new WeakMap<object, string>();
storeContract(
  'embedded, on disk',
  async (options) => {
    const dir = mkdtempSync(join(tmpdir(), 'smile-store-'));
    const store = await EmbeddedStore.open(dir, options);
    dirs.set(store, dir);
    return store;
  },
  (previous) => EmbeddedStore.open(dirs.get(previous)!),
);

describe('a data folder an older version kept as NeDB files', () => {
  const at = '2026-11-27T10:00:00.000Z';
  const line = (doc: object) => `${JSON.stringify(doc)}\n`;
  /** The files as NeDB wrote them: JSON lines by _id, a later line replacing an earlier one, $$deleted, index lines. */
  function writeNedbFolder(dir: string): void {
    const conversation = { id: 'c1', channel: 'rest', channelUserId: 'u1', customerId: 'cust-1', locale: 'ko-KR', createdAt: at, updatedAt: at };
    writeFileSync(
      join(dir, 'conversations.db'),
      line({ $$indexCreated: { fieldName: 'id' } }) +
        line({ _id: 'c1\u00001', ...conversation, version: 1, state: { step: 'old' }, schemaVersion: 1 }) +
        line({ _id: 'c1\u00002', ...conversation, version: 2, state: { step: 'ask', quantity: 3 }, schemaVersion: 1 }) +
        line({ _id: 'c1\u00001', id: 'c1', version: 1, superseded: true, expiresAt: '2026-11-28T10:00:00.000Z' }),
    );
    writeFileSync(
      join(dir, 'transcript.db'),
      line({
        _id: 'r1',
        conversationId: 'c1',
        at,
        from: 'customer',
        text: '물티슈 다시 주문해 주세요',
        messageId: 'm1',
        expiresAt: '2027-01-01T00:00:00.000Z',
        schemaVersion: 1,
      }) +
        line({
          _id: 'r2',
          conversationId: 'c1',
          at: '2026-11-27T10:00:01.000Z',
          from: 'bot',
          text: '몇 개 주문할까요?',
          messageId: 'm1',
          expiresAt: '2027-01-01T00:00:00.000Z',
          schemaVersion: 1,
        }),
    );
    writeFileSync(
      join(dir, 'links.db'),
      line({ _id: 'rest\u0000u1', channel: 'rest', channelUserId: 'u1', customerId: 'cust-1', createdAt: at, schemaVersion: 1 }) +
        line({ _id: 'rest\u0000u2', channel: 'rest', channelUserId: 'u2', customerId: 'cust-2', createdAt: at, schemaVersion: 1 }) +
        line({ _id: 'rest\u0000u2', $$deleted: true }) +
        // A process killed while writing left its last line cut short.
        '{"_id":"rest\\u0000u3","channel":"rest","channelUs',
    );
    writeFileSync(
      join(dir, 'documents.db'),
      line({ _id: 'orders\u0000o1', collection: 'orders', id: 'o1', doc: { id: 'o1', customerId: 'cust-1', placedAt: '2026-11-20T00:00:00.000Z' } }) +
        line({
          _id: 'orders\u0000o2',
          collection: 'orders',
          id: 'o2',
          doc: { id: 'o2', customerId: 'cust-1', placedAt: '2026-11-25T00:00:00.000Z' },
        }) +
        line({ _id: 'notices\u0000n1', collection: 'notices', id: 'n1', doc: { id: 'n1', status: 'pending' } }),
    );
  }

  it('when the store opens such a folder, then every document is moved into the database once and the files are set aside', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'smile-nedb-'));
    writeNedbFolder(dir);
    const reports: unknown[] = [];
    let store = await EmbeddedStore.open(dir, { onMigrated: (r) => reports.push(r) });
    expect(reports).toEqual([
      { tables: { conversations: 2, documents: 3, links: 1, transcript: 2 }, skippedLines: 1, movedTo: join(dir, 'nedb-migrated') },
    ]);
    expect(readdirSync(dir).filter((f) => f.endsWith('.db'))).toEqual([]);
    expect(readdirSync(join(dir, 'nedb-migrated')).sort()).toEqual(['conversations.db', 'documents.db', 'links.db', 'transcript.db']);
    await store.close();

    // Reopened: read from the database alone (nothing migrated twice), every lookup served as before.
    store = await EmbeddedStore.open(dir, { onMigrated: (r) => reports.push(r) });
    expect(reports).toHaveLength(1);
    expect(await store.conversations.get('c1')).toMatchObject({ version: 2, state: { step: 'ask', quantity: 3 } });
    await expect(store.conversations.save({ ...(await store.conversations.get('c1'))!, state: { step: 'done' } }, 1)).rejects.toThrow(
      /changed since version 1/,
    );
    expect((await store.conversations.save({ ...(await store.conversations.get('c1'))!, state: { step: 'done' } }, 2)).version).toBe(3);
    expect((await store.transcript.list('c1')).map((e) => e.text)).toEqual(['물티슈 다시 주문해 주세요', '몇 개 주문할까요?']);
    expect((await store.transcript.forMessage('c1', 'm1')).map((e) => e.from)).toEqual(['customer', 'bot']);
    expect(await store.links.get('rest', 'u1')).toMatchObject({ customerId: 'cust-1' });
    expect(await store.links.get('rest', 'u2')).toBeNull();
    expect(await store.links.customerIds()).toEqual(['cust-1']);
    expect((await store.documents.byCustomer<{ id: string }>('orders', 'cust-1', { newestBy: 'placedAt' })).map((o) => o.id)).toEqual(['o2', 'o1']);
    expect((await store.documents.where<{ id: string }>('notices', 'status', 'pending')).map((n) => n.id)).toEqual(['n1']);
    await store.close();
  });

  it('when a folder holds no NeDB files, then nothing is migrated', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'smile-nedb-'));
    const reports: unknown[] = [];
    const store = await EmbeddedStore.open(dir, { onMigrated: (r) => reports.push(r) });
    await store.links.put({ channel: 'rest', channelUserId: 'x', customerId: 'c-x', createdAt: at });
    await store.close();
    expect(reports).toEqual([]);
    expect(readdirSync(dir).sort()).toEqual(['smile.mdb', 'smile.mdb-lock']);
  });
});
