/**
 * The notice and event queues as data grows: a store holding N sent notices and N processed events (and a few due
 * ones), then the time of one read of each queue (NotificationStore.dueNotices and .unprocessedEvents, which the
 * notification worker makes every few seconds). Read through an index, the time follows what is queued, not N.
 *   npx tsx bench/store-queues.ts                       (embedded store, in memory, N = 1,000 10,000 100,000)
 *   npx tsx bench/store-queues.ts --sizes 1000,10000
 *   MONGODB_URI=mongodb://127.0.0.1:27017/ npx tsx bench/store-queues.ts   (MongoDB, one database per size)
 */
import { parseArgs } from 'node:util';
import { EmbeddedStore } from '../store/embedded-store.js';
import { NotificationStore, type NoticeRecord } from '../store/notifications.js';
import type { Store } from '../store/port.js';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '1000,10000,100000' }, reads: { type: 'string', default: '20' } } });
const sizes = values.sizes.split(',').map(Number);
const reads = Number(values.reads);
const uri = process.env.MONGODB_URI;

async function open(size: number): Promise<Store> {
  if (!uri) return EmbeddedStore.open(null);
  const { MongoStore } = await import('../store/mongo-store.js');
  const db = `smile_queues_bench_${size}_${process.pid}`;
  return MongoStore.open(uri.replace(/\/?(\?|$)/, `/${db}$1`));
}

const at = (i: number): string => new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
const notice = (i: number, status: NoticeRecord['status']): NoticeRecord => ({
  id: `n${i}`,
  customerId: `c${i % 1000}`,
  kind: 'delay',
  channel: 'sms',
  locale: 'en-US',
  text: 'Your order is running late.',
  status,
  sendAfter: at(i),
  createdAt: at(i),
  to: { phone: '+15550100' },
  attempts: 0,
});
const event = (i: number, processedAt: string | null) => ({
  id: `e${i}`,
  event: { id: `e${i}`, type: 'shipped', shipmentId: `s${i}`, customerId: `c${i % 1000}`, occurredAt: at(i), data: {} },
  receivedAt: at(i),
  processedAt,
});

console.log(
  `${uri ? 'MongoDB' : 'embedded store (LMDB)'}: one read of each queue, median of ${reads}, with 10 due notices and 10 unprocessed events`,
);
console.log('| sent notices + processed events | dueNotices ms | unprocessedEvents ms |');
console.log('|---:|---:|---:|');
for (const size of sizes) {
  const store = await open(size);
  const rows = new NotificationStore(store);
  for (let i = 0; i < size; i += 1) {
    await store.documents.put('smile_notices', `n${i}`, { ...notice(i, 'sent'), schemaVersion: 1 });
    await store.documents.put('smile_logistics_events', `e${i}`, { ...event(i, at(i + 1)), schemaVersion: 1 });
  }
  for (let i = size; i < size + 10; i += 1) {
    await store.documents.put('smile_notices', `n${i}`, { ...notice(i, 'pending'), schemaVersion: 1 });
    await store.documents.put('smile_logistics_events', `e${i}`, { ...event(i, null), schemaVersion: 1 });
  }
  const time = async (read: () => Promise<unknown[]>): Promise<{ ms: number; n: number }> => {
    const ms: number[] = [];
    let n = 0;
    for (let r = 0; r < reads; r += 1) {
      const t0 = performance.now();
      n = (await read()).length;
      ms.push(performance.now() - t0);
    }
    return { ms: ms.sort((a, b) => a - b)[Math.floor(reads / 2)]!, n };
  };
  const due = await time(() => rows.dueNotices('2100-01-01T00:00:00.000Z'));
  const events = await time(() => rows.unprocessedEvents());
  if (due.n !== 10 || events.n !== 10) throw new Error(`expected 10 and 10 queued, read ${due.n} and ${events.n}`);
  console.log(`| ${size.toLocaleString('en-US')} | ${due.ms.toFixed(2)} | ${events.ms.toFixed(2)} |`);
  if ('dropDatabase' in store && typeof store.dropDatabase === 'function') await (store.dropDatabase as () => Promise<void>).call(store);
  await store.close();
}
