import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedStore } from '../store/embedded-store.js';
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
