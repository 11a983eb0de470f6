/**
 * Start time: wall-clock time from spawning a command to the first 200 from /readyz, and the CPU time the command's
 * whole process tree (npm, tsx's loader process, the server) had used by then (utime + stime from /proc, Linux only).
 * Each command on a fresh data folder, `--runs` times, alternating; medians.
 *   npx tsx bench/start-time.ts                          (npm start, and npm run serve when dist/ is built)
 *   npm run build && npx tsx bench/start-time.ts --runs 5
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, port: { type: 'string', default: '4180' } } });
const runs = Number(values.runs);
const port = Number(values.port);
const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK']).stdout?.toString().trim()) || 100;

/** CPU ms of `pid` and every descendant still running. */
function treeCpuMs(pid: number): number {
  const children = new Map<number, number[]>();
  const cpu = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ppid = Number(fields[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
      // utime, stime, and the children's that were waited for (cutime, cstime).
      cpu.set(Number(entry), ((Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) * 1000) / CLK_TCK);
    } catch {
      /* gone */
    }
  }
  const sum = (p: number): number => (cpu.get(p) ?? 0) + (children.get(p) ?? []).reduce((s, c) => s + sum(c), 0);
  return sum(pid);
}

async function once(command: string[]): Promise<{ wallMs: number; cpuMs: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'smile-start-'));
  const t0 = performance.now();
  const child = spawn(command[0]!, command.slice(1), {
    env: { ...process.env, PORT: String(port), SMILE_HOST: '127.0.0.1', SMILE_DATA_DIR: dir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${command.join(' ')} exited with ${child.exitCode}`);
      try {
        if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) break;
      } catch {
        /* starting */
      }
      await new Promise((r) => setTimeout(r, 20));
      if (performance.now() - t0 > 300_000) throw new Error(`${command.join(' ')} not ready in 5 minutes`);
    }
    return { wallMs: performance.now() - t0, cpuMs: treeCpuMs(child.pid!) };
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      process.kill(-child.pid!, 'SIGTERM');
      await exited;
    }
    // Until the port is free: the next run must not be answered by this one's server while it shuts down.
    for (let i = 0; i < 500; i += 1) {
      try {
        await fetch(`http://127.0.0.1:${port}/readyz`);
        await new Promise((r) => setTimeout(r, 20));
      } catch {
        break;
      }
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

const commands: Array<[string, string[]]> = [['npm start', ['npm', 'start']]];
if (existsSync('dist/app/main.js')) commands.push(['npm run serve', ['npm', 'run', 'serve']]);
else console.log('dist/ is not built (npm run build): npm run serve is left out');
const results = new Map<string, Array<{ wallMs: number; cpuMs: number }>>(commands.map(([name]) => [name, []]));
for (let r = 0; r < runs; r += 1) for (const [name, command] of commands) results.get(name)!.push(await once(command));
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(`to the first /readyz 200, medians of ${runs} (load average ${load})`);
for (const [name, rs] of results) {
  console.log(
    `${name.padEnd(14)} wall ${(median(rs.map((x) => x.wallMs)) / 1000).toFixed(2)} s, CPU ${(median(rs.map((x) => x.cpuMs)) / 1000).toFixed(2)} s (runs: ${rs.map((x) => (x.wallMs / 1000).toFixed(1)).join(', ')} s)`,
  );
}
