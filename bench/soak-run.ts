/**
 * A soak: steady mixed load on a Smile server in its own process (the embedded defaults with the sandbox, a fresh
 * data folder), sampled as it runs — RSS, heap, active handles, event-loop delay (from Smile's /metrics), the store's
 * size on disk, and the turns' latency per window. The heap is read after a full collection (bench/soak-gc.ts). Used by `npm run soak -- --minutes N` (bench/soak.ts) and, for
 * ~20 s, by tests/faults/soak.test.ts. Loopback only.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SoakOptions {
  seconds: number;
  sampleEverySeconds: number;
  concurrency: number;
  /** Told each sample as it is taken. */
  onSample?: (s: SoakSample) => void;
}

export interface SoakSample {
  atSeconds: number;
  rssMb: number;
  heapMb: number;
  handles: number;
  loopP99Ms: number;
  storeKb: number;
  turns: number;
  p50Ms: number;
  p99Ms: number;
}

export interface SoakResult {
  samples: SoakSample[];
  turns: number;
  /** Turns that were not answered 200 (a 5xx, a 4xx, no answer). */
  failures: number;
  conversations: number;
}

/** Mixed conversations in both languages: reorders with a correction and a yes, order status, small talk, a no. */
const SCRIPTS: Array<{ user: string; turns: string[] }> = [
  { user: 'demo', turns: ['reorder two packs of the wipes to my office', 'make it three', 'yes'] },
  { user: 'demo-ko', turns: ['물티슈 두 팩 회사로 다시 주문해줘', '세 개로 바꿔줘', '네'] },
  { user: 'demo', turns: ['where is my order?', 'thanks'] },
  { user: 'demo-ko', turns: ['주문 어디쯤 왔어?', '고마워요'] },
  { user: 'demo', turns: ['reorder the diapers', 'no'] },
  { user: 'demo-ko', turns: ['분유 다시 주문해 주세요', '아니요'] },
];

const pct = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

function metric(text: string, name: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  return line ? Number(line.split(' ').at(-1)) : NaN;
}

function dirBytes(dir: string): number {
  let total = 0;
  for (const f of readdirSync(dir)) total += statSync(join(dir, f)).size;
  return total;
}

export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'smile-soak-'));
  const server = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', '--import', './bench/soak-gc.ts', 'app/main.ts'], {
    env: {
      ...process.env,
      PORT: '0',
      SMILE_HOST: '127.0.0.1',
      SMILE_DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      SMILE_RATE_LIMIT_PER_MIN: '1000000',
      SMILE_BOTFRAMEWORK_ENABLED: 'false',
      COMMERCE_API_URL: '',
      LOGISTICS_API_URL: '',
      MONGODB_URI: '',
      OPENAI_API_KEY: '',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const base = await new Promise<string>((resolve, reject) => {
      let seen = '';
      server.stdout!.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        const url = /Smile is listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(seen)?.[1];
        if (url) resolve(url);
        if (seen.length > 100_000) seen = seen.slice(-10_000);
      });
      server.once('exit', (code) => reject(new Error(`Smile exited (${code}) before listening`)));
    });

    let window: number[] = [];
    let turns = 0;
    let failures = 0;
    let conversations = 0;
    const until = Date.now() + options.seconds * 1000;
    const worker = async (id: number): Promise<void> => {
      for (let round = 0; Date.now() < until; round++) {
        const script = SCRIPTS[(id + round) % SCRIPTS.length]!;
        const conversationId = `soak-${id}-${round}`;
        conversations++;
        for (const [i, text] of script.turns.entries()) {
          const t0 = performance.now();
          try {
            const res = await fetch(`${base}/v1/chat`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ userId: script.user, text, conversationId, messageId: `m${i}` }),
              signal: AbortSignal.timeout(30_000),
            });
            await res.arrayBuffer();
            if (!res.ok) failures++;
          } catch {
            failures++;
          }
          window.push(performance.now() - t0);
          turns++;
        }
      }
    };

    const samples: SoakSample[] = [];
    const started = Date.now();
    const sample = async (): Promise<void> => {
      // A full collection first (bench/soak-gc.ts), so the heap read is what is kept.
      server.kill('SIGUSR2');
      await new Promise((resolve) => setTimeout(resolve, 300));
      const text = await (await fetch(`${base}/metrics`)).text();
      const sorted = [...window].sort((a, b) => a - b);
      window = [];
      const s: SoakSample = {
        atSeconds: Math.round((Date.now() - started) / 1000),
        rssMb: metric(text, 'process_resident_memory_bytes') / 1_048_576,
        heapMb: metric(text, 'nodejs_heap_size_used_bytes') / 1_048_576,
        handles: metric(text, 'nodejs_active_handles_total'),
        loopP99Ms: metric(text, 'nodejs_eventloop_lag_p99_seconds') * 1000,
        storeKb: dirBytes(dataDir) / 1024,
        turns,
        p50Ms: pct(sorted, 50),
        p99Ms: pct(sorted, 99),
      };
      samples.push(s);
      options.onSample?.(s);
    };
    const load = Promise.all(Array.from({ length: options.concurrency }, (_, i) => worker(i)));
    const timer = setInterval(() => void sample().catch(() => undefined), options.sampleEverySeconds * 1000);
    await load;
    clearInterval(timer);
    await sample();
    return { samples, turns, failures, conversations };
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => (server.exitCode !== null ? resolve(null) : server.once('exit', resolve)));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Least-squares slope of `y` over minutes, of the samples after warm-up. */
export function slopePerMinute(samples: SoakSample[], y: (s: SoakSample) => number): number {
  const xs = samples.map((s) => s.atSeconds / 60);
  const ys = samples.map(y);
  const n = xs.length;
  if (n < 2) return 0;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  const num = xs.reduce((a, x, i) => a + (x - mx) * (ys[i]! - my), 0);
  const den = xs.reduce((a, x) => a + (x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

/** The samples after warm-up (the first third, at least one sample, is dropped). */
export const afterWarmUp = (samples: SoakSample[]): SoakSample[] => samples.slice(Math.max(1, Math.floor(samples.length / 3)));

export function formatSample(s: SoakSample): string {
  return (
    `${String(s.atSeconds).padStart(5)} s  rss ${s.rssMb.toFixed(0).padStart(4)} MB  heap ${s.heapMb.toFixed(0).padStart(4)} MB  ` +
    `handles ${String(s.handles).padStart(3)}  loop p99 ${s.loopP99Ms.toFixed(1).padStart(6)} ms  store ${s.storeKb.toFixed(0).padStart(7)} KB  ` +
    `turns ${String(s.turns).padStart(6)}  p50 ${s.p50Ms.toFixed(0).padStart(5)} ms  p99 ${s.p99Ms.toFixed(0).padStart(5)} ms`
  );
}

export function summary(result: SoakResult): string {
  const warm = afterWarmUp(result.samples);
  const first = warm[0];
  const last = warm.at(-1);
  if (!first || !last) return 'too short to say';
  return [
    `turns ${result.turns} in ${result.conversations} conversations, not answered 200: ${result.failures}`,
    `after warm-up (from ${first.atSeconds} s): rss ${slopePerMinute(warm, (s) => s.rssMb).toFixed(2)} MB/min, heap ${slopePerMinute(warm, (s) => s.heapMb).toFixed(2)} MB/min, ` +
      `handles ${first.handles} → ${last.handles}, loop p99 ${first.loopP99Ms.toFixed(1)} → ${last.loopP99Ms.toFixed(1)} ms, ` +
      `p50 ${first.p50Ms.toFixed(0)} → ${last.p50Ms.toFixed(0)} ms, store ${slopePerMinute(warm, (s) => s.storeKb).toFixed(0)} KB/min`,
  ].join('\n');
}
