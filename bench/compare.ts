/**
 * Side by side, over HTTP, the same 3-turn reorder conversations (English and Korean: the reorder, a correction, "yes")
 * against:
 *   (a) Smile as shipped (`npm start`: embedded store, sandbox in the same process)
 *   (b) Smile with the sandbox in its own process (the chat process's CPU is then Smile's alone)
 *   (c) bench/peer/bot.ts: the same conversation on botbuilder + botbuilder-dialogs, calling the same sandbox process
 *   (d) bench/bare.ts: a bare express JSON handler (the ceiling)
 *   and with --grow N, (a) again on a store seeded with N conversations, transcripts and orders (bench/grow.ts).
 * Servers run pinned to core 0 and this client (with the shared sandbox process) to core 1, where `taskset` and two
 * cores exist. Rounds are interleaved (each round runs every variant, starting with a different one); the figures are
 * the medians over rounds. CPU per turn is the chat process's own (utime + stime from /proc/<pid>/stat) over the round.
 * Also the CPU of POST /v1/nlu/parse per call on (a), and of Nlu.parse in this process.
 *   npm run bench                                  (3 rounds × 8 s per variant, 50 concurrent conversations)
 *   npm run bench -- --grow 100000                 (adds Smile on a grown store)
 *   npm run bench -- --rounds 5 --seconds 10 --concurrency 50
 *   npm run bench -- --quick                       (a smoke run: 1 round of 1 s, 4 concurrent)
 *   npm run bench -- --only b,c                    (some variants only, for measuring one change quickly)
 *   npm run bench -- --only b --baseline ../base   (adds (b) run from another checkout, interleaved: before/after)
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { EmbeddedStore } from '../store/embedded-store.js';
import { grow } from './grow.js';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '8' },
    concurrency: { type: 'string', default: '50' },
    grow: { type: 'string', default: '0' },
    quick: { type: 'boolean', default: false },
    'base-port': { type: 'string', default: '4100' },
    json: { type: 'boolean', default: false },
    only: { type: 'string', default: '' },
    baseline: { type: 'string', default: '' },
  },
});
const quick = values.quick;
const rounds = quick ? 1 : Number(values.rounds);
const seconds = quick ? 1 : Number(values.seconds);
const concurrency = quick ? 4 : Number(values.concurrency);
const growBy = Number(values.grow);
const basePort = Number(values['base-port']);
const only = new Set(values.only ? values.only.split(',') : ['a', 'b', 'c', 'd', 'g']);
const log = (line: string): void => {
  if (!values.json) console.log(line);
};

// ---- pinning and CPU accounting ----------------------------------------------------------------------------------
const canPin = process.platform === 'linux' && availableParallelism() >= 2 && spawnSync('taskset', ['-V']).status === 0;
if (canPin) spawnSync('taskset', ['-p', '-c', '1', String(process.pid)]);
const pinned = (core: number, argv: string[]): [string, string[]] =>
  canPin ? ['taskset', ['-c', String(core), ...argv]] : [argv[0]!, argv.slice(1)];
const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK']).stdout?.toString().trim()) || 100;
/** The process's CPU time so far in ms (user + system), or NaN where /proc is not there. */
function cpuMs(pid: number): number {
  const path = `/proc/${pid}/stat`;
  if (!existsSync(path)) return NaN;
  // Fields after the command name (which may hold spaces, so split after its closing parenthesis): utime is 14th, stime 15th.
  const fields = readFileSync(path, 'utf8')
    .slice(readFileSync(path, 'utf8').lastIndexOf(')') + 2)
    .split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
}

// ---- processes ---------------------------------------------------------------------------------------------------
const dirs: string[] = [];
const children: ChildProcess[] = [];
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'smile-bench-'));
  dirs.push(d);
  return d;
};
/** BENCH_PROF=dir writes a CPU profile of one chat process (BENCH_PROF_VARIANT: a, b (default), c, d) into dir. */
const profile = (key: string): string[] =>
  process.env.BENCH_PROF && key === (process.env.BENCH_PROF_VARIANT ?? 'b') ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROF] : [];

function start(name: string, core: number, script: string, env: Record<string, string>, cwd?: string): ChildProcess {
  const [cmd, args] = pinned(core, [process.execPath, ...profile(name), '--import', 'tsx', script]);
  const child = spawn(cmd, args, {
    ...(cwd ? { cwd } : {}),
    env: { ...process.env, LOG_LEVEL: 'warn', SMILE_RATE_LIMIT_PER_MIN: '10000000', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr?.on('data', (b: Buffer) => {
    err = (err + b.toString()).slice(-4000);
  });
  child.once('exit', (code, signal) => {
    // A server killed by a signal (its heap's limit reached: SIGABRT) says so too, with the end of what it wrote.
    if ((code || signal) && !stopping) console.error(`${name} (${script}) exited with ${code ?? signal}: ${err}`);
  });
  children.push(child);
  return child;
}

async function ready(base: string, child: ChildProcess, withinMs = 120_000): Promise<void> {
  for (let i = 0; i < withinMs / 100; i += 1) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${base} exited before it was ready`);
    try {
      if ((await fetch(`${base}/readyz`)).ok) return;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${base} did not become ready`);
}

const smileEnv = (port: number, dataDir: string, extra: Record<string, string> = {}): Record<string, string> => ({
  PORT: String(port),
  SMILE_HOST: '127.0.0.1',
  SMILE_DATA_DIR: dataDir,
  ...extra,
});

interface Variant {
  key: string;
  label: string;
  base: string;
  child: ChildProcess;
}

// ---- load --------------------------------------------------------------------------------------------------------
const SCRIPTS: Array<{ user: string; turns: string[] }> = [
  { user: 'demo', turns: ['reorder two packs of the wipes to my office', 'make it three', 'yes'] },
  { user: 'demo-ko', turns: ['물티슈 두 팩 회사로 다시 주문해줘', '세 개로 바꿔줘', '네'] },
];

interface RoundResult {
  turns: number;
  errors: number;
  /** Conversations whose "yes" got an order placed (its ord- number in the answer). */
  orders: number;
  elapsed: number;
  p50: number;
  p99: number;
  cpuPerTurn: number;
}

const pct = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function load(v: Variant, tag: string, secs: number): Promise<RoundResult> {
  const latencies: number[] = [];
  let errors = 0;
  let orders = 0;
  const worker = async (id: number, until: number): Promise<void> => {
    for (let round = 0; Date.now() < until; round += 1) {
      const script = SCRIPTS[(id + round) % SCRIPTS.length]!;
      const conversationId = `${tag}-${id}-${round}`;
      for (const [i, text] of script.turns.entries()) {
        const t0 = performance.now();
        try {
          const res = await fetch(`${v.base}/v1/chat`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ userId: script.user, text, conversationId, messageId: `m${i}` }),
          });
          const body = await res.text();
          latencies.push(performance.now() - t0);
          if (!res.ok) errors += 1;
          else if (i === script.turns.length - 1 && /is placed \(order number|주문번호/.test(body)) orders += 1;
        } catch {
          errors += 1;
        }
      }
    }
  };
  const cpu0 = cpuMs(v.child.pid!);
  const t0 = performance.now();
  const until = Date.now() + secs * 1000;
  await Promise.all(Array.from({ length: concurrency }, (_, i) => worker(i, until)));
  const elapsed = (performance.now() - t0) / 1000;
  const cpu = cpuMs(v.child.pid!) - cpu0;
  const sorted = latencies.sort((a, b) => a - b);
  return { turns: latencies.length, errors, orders, elapsed, p50: pct(sorted, 50), p99: pct(sorted, 99), cpuPerTurn: cpu / latencies.length };
}

/** CPU per call of POST /v1/nlu/parse on `v`, `concurrent` calls at a time for `secs`. */
const PARSE_TEXTS: Array<[string, 'en-US' | 'ko-KR']> = [
  ['reorder two packs of the wipes to my office', 'en-US'],
  ['where is my order', 'en-US'],
  ['can you move the delivery to friday afternoon', 'en-US'],
  ['I want to return the shoes, they are too small', 'en-US'],
  ['let me talk to a person', 'en-US'],
  ['make it three', 'en-US'],
  ['물티슈 두 팩 회사로 다시 주문해줘', 'ko-KR'],
  ['주문한 거 언제 와요?', 'ko-KR'],
  ['배송 금요일 오후로 바꿔 주세요', 'ko-KR'],
  ['상담원 연결해 주세요', 'ko-KR'],
];
async function parseCost(v: Variant, secs: number): Promise<{ calls: number; cpuPerCall: number }> {
  let calls = 0;
  const until = Date.now() + secs * 1000;
  const cpu0 = cpuMs(v.child.pid!);
  await Promise.all(
    Array.from({ length: 8 }, async (_, w) => {
      for (let i = w; Date.now() < until; i += 1) {
        const [text, locale] = PARSE_TEXTS[i % PARSE_TEXTS.length]!;
        const res = await fetch(`${v.base}/v1/nlu/parse`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ text, locale }),
        });
        await res.arrayBuffer();
        if (res.ok) calls += 1;
      }
    }),
  );
  return { calls, cpuPerCall: (cpuMs(v.child.pid!) - cpu0) / calls };
}

async function parseInProcess(): Promise<number> {
  const { defaultNlu } = await import('../app/server.js');
  const nlu = defaultNlu();
  const now = new Date();
  for (let i = 0; i < 2000; i += 1) nlu.parse(...PARSE_TEXTS[i % PARSE_TEXTS.length]!, { now });
  const n = quick ? 2000 : 20_000;
  const c0 = process.cpuUsage();
  for (let i = 0; i < n; i += 1) nlu.parse(...PARSE_TEXTS[i % PARSE_TEXTS.length]!, { now });
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000 / n;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

// ---- run ---------------------------------------------------------------------------------------------------------
let stopping = false;
try {
  const port = (i: number): number => basePort + i;
  const url = (p: number): string => `http://127.0.0.1:${p}`;
  const variants: Variant[] = [];

  if (only.has('a')) {
    const a = start('a', 0, 'app/main.ts', smileEnv(port(0), tempDir()));
    variants.push({ key: 'a', label: '(a) Smile as shipped', base: url(port(0)), child: a });
  }

  const sandbox = start('sandbox', 1, 'app/main.ts', smileEnv(port(1), tempDir()));
  const sandboxBase = `${url(port(1))}/sandbox`;

  // (b) has no sandbox of its own, so the channel identities the sandbox would link are written before it starts.
  if (only.has('b')) {
    const bDir = tempDir();
    const bStore = await EmbeddedStore.open(bDir);
    for (const user of ['demo', 'demo-ko']) {
      await bStore.links.put({ channel: 'rest', channelUserId: user, customerId: user, createdAt: new Date().toISOString() });
    }
    await bStore.close();
    const b0Dir = tempDir();
    cpSync(bDir, b0Dir, { recursive: true });
    // A baseline from before the LMDB store reads NeDB files: the same links as lines of links.db (a later baseline
    // moves them into its database at open, as it would an older version's folder).
    const links = ['demo', 'demo-ko'].map((user) =>
      JSON.stringify({
        _id: `rest\u0000${user}`,
        channel: 'rest',
        channelUserId: user,
        customerId: user,
        createdAt: new Date().toISOString(),
        schemaVersion: 1,
      }),
    );
    writeFileSync(join(b0Dir, 'links.db'), `${links.join('\n')}\n`);
    const b = start(
      'b',
      0,
      'app/main.ts',
      smileEnv(port(2), bDir, { COMMERCE_API_URL: `${sandboxBase}/commerce/v1`, LOGISTICS_API_URL: `${sandboxBase}/logistics/v1` }),
    );
    variants.push({ key: 'b', label: '(b) Smile, sandbox in its own process', base: url(port(2)), child: b });
    if (values.baseline) {
      // The same, from another checkout (the code before a change), on a copy of the same store.
      const b0 = start(
        'b0',
        0,
        'app/main.ts',
        smileEnv(port(6), b0Dir, { COMMERCE_API_URL: `${sandboxBase}/commerce/v1`, LOGISTICS_API_URL: `${sandboxBase}/logistics/v1` }),
        values.baseline,
      );
      variants.push({ key: 'b0', label: `(b) from ${values.baseline}`, base: url(port(6)), child: b0 });
    }
  }

  if (only.has('c')) {
    const c = start('c', 0, 'bench/peer/bot.ts', { PORT: String(port(3)), SANDBOX_URL: sandboxBase });
    variants.push({ key: 'c', label: '(c) botbuilder-dialogs peer', base: url(port(3)), child: c });
  }
  if (only.has('d')) {
    const d = start('d', 0, 'bench/bare.ts', { PORT: String(port(4)) });
    variants.push({ key: 'd', label: '(d) bare express handler', base: url(port(4)), child: d });
  }

  if (growBy > 0 && only.has('g')) {
    const gDir = tempDir();
    const t0 = performance.now();
    const gStore = await EmbeddedStore.open(gDir);
    await grow(gStore, growBy);
    await gStore.close();
    log(`seeded ${growBy} conversations, transcripts and orders in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const t1 = performance.now();
    const g = start('g', 0, 'app/main.ts', smileEnv(port(5), gDir));
    await ready(url(port(5)), g, 600_000); // LMDB maps the file: a grown store opens as fast as a fresh one
    log(`grown Smile ready in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
    variants.push({ key: 'g', label: `(a) Smile as shipped, ${growBy} grown`, base: url(port(5)), child: g });
  }

  await ready(url(port(1)), sandbox);
  for (const v of variants) await ready(v.base, v.child);

  const cpuModel = cpus()[0]?.model ?? 'unknown CPU';
  log(
    `${cpus().length} × ${cpuModel}, Node ${process.version}; ${canPin ? 'servers on core 0, client and sandbox on core 1' : 'not pinned (needs Linux, taskset and 2 cores)'}`,
  );
  log(`${concurrency} concurrent 3-turn reorder conversations (en, ko), ${rounds} interleaved round(s) of ${seconds} s per variant`);

  // Warm-up (JIT, caches, first conversations), not measured.
  for (const v of variants) await load(v, `warm-${v.key}`, quick ? 0.5 : 2);

  const results = new Map<string, RoundResult[]>(variants.map((v) => [v.key, []]));
  for (let r = 0; r < rounds; r += 1) {
    for (let k = 0; k < variants.length; k += 1) {
      const v = variants[(r + k) % variants.length]!;
      results.get(v.key)!.push(await load(v, `r${r}-${v.key}`, seconds));
    }
  }
  const smile = variants.find((v) => v.key === 'a' || v.key === 'b');
  const parse = smile ? await parseCost(smile, quick ? 0.5 : Math.max(2, seconds / 2)) : { calls: 0, cpuPerCall: NaN };
  const parseLocal = await parseInProcess();

  const summary = variants.map((v) => {
    const rs = results.get(v.key)!;
    return {
      key: v.key,
      label: v.label,
      turnsPerSecond: median(rs.map((x) => x.turns / x.elapsed)),
      p50: median(rs.map((x) => x.p50)),
      p99: median(rs.map((x) => x.p99)),
      cpuPerTurn: median(rs.map((x) => x.cpuPerTurn)),
      turns: rs.reduce((s, x) => s + x.turns, 0),
      errors: rs.reduce((s, x) => s + x.errors, 0),
      orders: rs.reduce((s, x) => s + x.orders, 0),
    };
  });
  const by = (k: string) => summary.find((s) => s.key === k);
  /** CPU per turn of a variant, NaN when it was not run (--only). */
  const cpu = (k: string): number => by(k)?.cpuPerTurn ?? NaN;
  const ratios = {
    cpuSmileVsPeer: cpu('b') / cpu('c'),
    cpuShippedVsPeer: cpu('a') / cpu('c'),
    cpuPeerVsBare: cpu('c') / cpu('d'),
    cpuSmileVsBare: cpu('b') / cpu('d'),
    ...(by('b0') ? { cpuSmileVsBaseline: cpu('b') / cpu('b0') } : {}),
    ...(by('g') ? { grownVsFresh: by('g')!.turnsPerSecond / (by('a')?.turnsPerSecond ?? NaN) } : {}),
  };
  if (values.json) {
    console.log(JSON.stringify({ summary, ratios, parse: { httpCpuPerCall: parse.cpuPerCall, inProcessCpuPerCall: parseLocal }, pinned: canPin }));
  } else {
    const f = (n: number, d = 1): string => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');
    console.log('');
    console.log('| per turn, medians of rounds | turns/s | p50 ms | p99 ms | chat-process CPU ms | turns | orders | errors |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
    for (const s of summary) {
      console.log(
        `| ${s.label} | ${f(s.turnsPerSecond)} | ${f(s.p50)} | ${f(s.p99)} | ${f(s.cpuPerTurn, 2)} | ${s.turns} | ${s.orders} | ${s.errors} |`,
      );
    }
    console.log('');
    console.log(`CPU per turn, Smile (b) / botbuilder-dialogs peer (c): ${f(ratios.cpuSmileVsPeer, 2)} (target <= 0.5)`);
    console.log(`CPU per turn, Smile as shipped (a, sandbox included) / peer (c): ${f(ratios.cpuShippedVsPeer, 2)}`);
    console.log(`CPU per turn over the bare handler: Smile (b) ${f(ratios.cpuSmileVsBare, 1)}x, peer (c) ${f(ratios.cpuPeerVsBare, 1)}x`);
    console.log(`p99 of Smile (b) at ${concurrency} concurrent: ${f(by('b')?.p99 ?? NaN)} ms (target <= 50 ms)`);
    if (ratios.cpuSmileVsBaseline !== undefined)
      console.log(`CPU per turn, Smile (b) / the same from ${values.baseline}: ${f(ratios.cpuSmileVsBaseline, 2)}`);
    if (ratios.grownVsFresh !== undefined) {
      console.log(`turns/s of Smile as shipped, grown by ${growBy} / fresh: ${f(ratios.grownVsFresh, 2)} (target >= 0.90)`);
    }
    console.log(
      `POST /v1/nlu/parse: ${f(parse.cpuPerCall, 3)} ms chat-process CPU per call over HTTP (${parse.calls} calls); Nlu.parse alone ${f(parseLocal, 3)} ms (target <= 0.3)`,
    );
  }
} finally {
  stopping = true;
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    ),
  );
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
}
