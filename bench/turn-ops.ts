/**
 * What one turn costs, counted rather than timed (counts do not depend on the machine's load): the store calls and the
 * commerce and logistics calls of Smile's chat process on the benchmark's conversations (the reorder, "make it
 * three", "yes"; English and Korean), with the sandbox in another Smile in this process. Also the CPU time per turn
 * of the whole process (both Smiles and this client), for orientation only.
 *   npx tsx bench/turn-ops.ts                      (20 conversations of each language after 10 warm-up ones)
 *   npx tsx bench/turn-ops.ts --conversations 50
 */
import diagnostics from 'node:diagnostics_channel';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { ConfigSchema } from '../app/config.js';
import { startSmile, type Smile } from '../app/server.js';
import { EmbeddedStore } from '../store/embedded-store.js';
import type { Store } from '../store/port.js';

const { values } = parseArgs({ options: { conversations: { type: 'string', default: '20' } } });
const conversations = Number(values.conversations);
const logger = pino({ level: 'silent' });
const config = (env: Record<string, string> = {}) =>
  ConfigSchema.parse({ PORT: '0', LOG_LEVEL: 'silent', SMILE_RATE_LIMIT_PER_MIN: '10000000', ...env });

/** Counts each call of the store's methods ("transcript.append"), passing it through. */
function counting(store: Store, counts: Map<string, number>): Store {
  const wrap = <T extends object>(target: T, prefix: string): T =>
    new Proxy(target, {
      get(t, key, receiver) {
        const v = Reflect.get(t, key, receiver) as unknown;
        if (typeof key !== 'string') return v;
        if (typeof v === 'function')
          return (...args: unknown[]) => {
            counts.set(`${prefix}${key}`, (counts.get(`${prefix}${key}`) ?? 0) + 1);
            return (v as (...a: unknown[]) => unknown).apply(t, args);
          };
        if (v && typeof v === 'object' && !prefix) return wrap(v, `${key}.`);
        return v;
      },
    });
  return wrap(store, '');
}

const sandbox: Smile = await startSmile(config(), { store: await EmbeddedStore.open(null), logger, host: '127.0.0.1' });
const storeCalls = new Map<string, number>();
const httpCalls = new Map<string, number>();
// Smile's provider calls, seen on node's HTTP client channel (integrations/http-transport.ts sends through node:http).
diagnostics.subscribe('http.client.request.start', (message) => {
  const { request } = message as { request: { method: string; path: string } };
  if (request.path.includes('/sandbox/')) {
    const path = `${request.method} ${request.path
      .replace(/\?.*$/, '')
      .replace(/\/sandbox\/(commerce|logistics)\/v1/, '$1')
      .replace(/(demo-ko|demo|ord-[\w-]+)/g, ':id')}`;
    httpCalls.set(path, (httpCalls.get(path) ?? 0) + 1);
  }
});
const smileStore = await EmbeddedStore.open(null);
for (const user of ['demo', 'demo-ko']) {
  await smileStore.links.put({ channel: 'rest', channelUserId: user, customerId: user, createdAt: new Date().toISOString() });
}
const smile = await startSmile(
  config({ COMMERCE_API_URL: `${sandbox.url}/sandbox/commerce/v1`, LOGISTICS_API_URL: `${sandbox.url}/sandbox/logistics/v1` }),
  { store: counting(smileStore, storeCalls), logger, host: '127.0.0.1' },
);

const SCRIPTS = [
  { user: 'demo', turns: ['reorder two packs of the wipes to my office', 'make it three', 'yes'] },
  { user: 'demo-ko', turns: ['물티슈 두 팩 회사로 다시 주문해줘', '세 개로 바꿔줘', '네'] },
];
let orders = 0;
async function run(n: number, tag: string): Promise<number> {
  let turns = 0;
  for (let i = 0; i < n; i += 1) {
    for (const script of SCRIPTS) {
      for (const [m, text] of script.turns.entries()) {
        const res = await fetch(`${smile.url}/v1/chat`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ userId: script.user, text, conversationId: `${tag}-${i}-${script.user}`, messageId: `m${m}` }),
        });
        const body = await res.text();
        if (!res.ok) throw new Error(`chat answered ${res.status}: ${body}`);
        if (m === script.turns.length - 1 && /is placed \(order number|주문번호/.test(body)) orders += 1;
        turns += 1;
      }
    }
  }
  return turns;
}

await run(10, 'warm');
storeCalls.clear();
httpCalls.clear();
orders = 0;
const c0 = process.cpuUsage();
const turns = await run(conversations, 'run');
const cpu = process.cpuUsage(c0);
await smile.close();
await sandbox.close();

const per = (m: Map<string, number>): string =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `  ${(v / turns).toFixed(2).padStart(6)}  ${k}`)
    .join('\n');
const total = (m: Map<string, number>): number => [...m.values()].reduce((s, v) => s + v, 0) / turns;
console.log(`${turns} turns (${orders} of ${turns / 3} conversations placed their order)`);
console.log(`store calls per turn: ${total(storeCalls).toFixed(2)}\n${per(storeCalls)}`);
console.log(`commerce and logistics calls per turn: ${total(httpCalls).toFixed(2)}\n${per(httpCalls)}`);
console.log(`CPU per turn, whole process (both Smiles and the client): ${((cpu.user + cpu.system) / 1000 / turns).toFixed(2)} ms`);
