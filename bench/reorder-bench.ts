/**
 * Full HTTP reorder conversations against a Smile server on the embedded defaults (its own process),
 * CONVERSATIONS at once, each: one-utterance reorder, a correction, "yes". Prints turns/s, turn latency, and the bytes
 * a turn appends to the store's files: Smile's own rows (dialog state, replay record, markers) apart from the transcript
 * and from the sandbox's documents (the orders it stands in for).
 *   npm run bench                       (50 concurrent conversations, 20 s)
 *   npm run bench -- --concurrency 10 --seconds 5
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { concurrency: { type: 'string', default: '50' }, seconds: { type: 'string', default: '20' }, port: { type: 'string', default: '3999' } },
});
const concurrency = Number(values.concurrency);
const seconds = Number(values.seconds);
const port = Number(values.port);
const base = `http://127.0.0.1:${port}`;
const dataDir = mkdtempSync(join(tmpdir(), 'smile-bench-'));

const server = spawn(
  process.execPath,
  [...(process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROF] : []), '--import', 'tsx', 'app/main.ts'],
  {
    env: { ...process.env, PORT: String(port), SMILE_DATA_DIR: dataDir, LOG_LEVEL: 'warn', SMILE_RATE_LIMIT_PER_MIN: '1000000' },
    stdio: ['ignore', 'ignore', 'inherit'],
  },
);

async function ready(): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    try {
      if ((await fetch(`${base}/readyz`)).ok) return;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not become ready');
}

const SCRIPTS: Array<{ user: string; turns: string[] }> = [
  { user: 'demo', turns: ['reorder two packs of the wipes to my office', 'make it three', 'yes'] },
  { user: 'demo-ko', turns: ['물티슈 두 팩 회사로 다시 주문해줘', '세 개로 바꿔줘', '네'] },
];

const latencies: number[] = [];
let errors = 0;
let orders = 0;

async function worker(id: number, until: number): Promise<void> {
  let round = 0;
  while (Date.now() < until) {
    const script = SCRIPTS[(id + round) % SCRIPTS.length]!;
    const conversationId = `bench-${id}-${round}`;
    round += 1;
    for (const [i, text] of script.turns.entries()) {
      const t0 = performance.now();
      try {
        const res = await fetch(`${base}/v1/chat`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ userId: script.user, text, conversationId, messageId: `m${i}` }),
        });
        const body = (await res.json()) as { state?: { flow: string | null } };
        latencies.push(performance.now() - t0);
        if (!res.ok) errors += 1;
        else if (i === script.turns.length - 1 && body.state?.flow === null) orders += 1;
      } catch {
        errors += 1;
      }
    }
  }
}

/**
 * Bytes in the store's folder. The embedded store is one LMDB file that grows by pages (and reuses freed ones), so
 * this is an average over the run of everything written (Smile's rows, the transcript, the sandbox's documents);
 * tests/store-bytes.test.ts measures a turn's rows one by one.
 */
function storeBytes(): number {
  let total = 0;
  for (const f of readdirSync(dataDir)) total += statSync(join(dataDir, f)).size;
  return total;
}

const pct = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

try {
  await ready();
  // Warm-up: one conversation per script, not measured.
  await Promise.all([0, 1].map((i) => worker(1000 + i, Date.now() + 1)));
  latencies.length = 0;
  errors = 0;
  orders = 0;
  const bytesBefore = storeBytes();
  const started = Date.now();
  await Promise.all(Array.from({ length: concurrency }, (_, i) => worker(i, started + seconds * 1000)));
  const elapsed = (Date.now() - started) / 1000;
  const sorted = [...latencies].sort((a, b) => a - b);
  console.log(`reorder conversations over HTTP, embedded store + sandbox, ${concurrency} concurrent, ${elapsed.toFixed(1)} s`);
  console.log(`turns: ${latencies.length}  turns/s: ${(latencies.length / elapsed).toFixed(1)}  orders placed: ${orders}  errors: ${errors}`);
  const bytesAfter = storeBytes();
  console.log(
    `store file growth per turn: ${((bytesAfter - bytesBefore) / latencies.length).toFixed(0)} bytes (LMDB pages; Smile's rows, transcript and sandbox documents together)`,
  );
  console.log(
    `turn latency ms: p50 ${pct(sorted, 50).toFixed(1)}  p90 ${pct(sorted, 90).toFixed(1)}  p99 ${pct(sorted, 99).toFixed(1)}  max ${sorted.at(-1)?.toFixed(1)}`,
  );
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
}
