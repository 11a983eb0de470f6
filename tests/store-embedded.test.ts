import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
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

describe('embedded files at start', () => {
  const link = (user: string) => ({ channel: 'rest', channelUserId: user, customerId: `c-${user}`, createdAt: '2026-11-27T10:00:00.000Z' });

  it('when a file ends with whole lines, then it is read as it is, not rewritten, and what was written stays readable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'smile-store-'));
    let store = await EmbeddedStore.open(dir);
    await store.links.put(link('a'));
    await store.links.put({ ...link('a'), customerId: 'c-a2' });
    await store.close();
    const before = readFileSync(join(dir, 'links.db'), 'utf8');
    store = await EmbeddedStore.open(dir);
    expect(await store.links.get('rest', 'a')).toMatchObject({ customerId: 'c-a2' });
    await store.close();
    // Not compacted at start: the two writes are both still there (the periodic compaction folds them later).
    expect(readFileSync(join(dir, 'links.db'), 'utf8').startsWith(before)).toBe(true);
  });

  it('when a file ends mid-line (a process killed while writing), then the cut line is dropped and the next writes are read after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'smile-store-'));
    let store = await EmbeddedStore.open(dir);
    await store.links.put(link('a'));
    // NeDB refuses a file more than 10% corrupt: one cut line among many, as after a kill.
    for (let i = 0; i < 20; i += 1) await store.links.put(link(`other-${i}`));
    await store.close();
    appendFileSync(join(dir, 'links.db'), '{"channel":"rest","channelUserId":"b","custo');
    store = await EmbeddedStore.open(dir);
    expect(await store.links.get('rest', 'b')).toBeNull();
    await store.links.put(link('c'));
    await store.close();
    store = await EmbeddedStore.open(dir);
    expect(await store.links.get('rest', 'a')).toMatchObject({ customerId: 'c-a' });
    expect(await store.links.get('rest', 'c')).toMatchObject({ customerId: 'c-c' });
    await store.close();
  });
});
