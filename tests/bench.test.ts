import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// A smoke run of the side-by-side benchmark (bench/compare.ts --quick): every variant starts, converses and is
// measured. Its figures are not checked here: numbers come from `npm run bench` on a quiet machine, never from a test.
describe('npm run bench -- --quick', () => {
  it('when run, then Smile (shipped and with the sandbox apart), the botbuilder-dialogs peer and the bare handler each answer every turn, and the peers place orders', () => {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/compare.ts', '--quick', '--json', '--base-port', String(port)], {
      encoding: 'utf8',
      timeout: 170_000,
    });
    expect(run.status, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as {
      summary: Array<{ key: string; turns: number; errors: number; orders: number; cpuPerTurn: number }>;
      parse: { httpCpuPerCall: number; inProcessCpuPerCall: number };
    };
    expect(out.summary.map((s) => s.key)).toEqual(['a', 'b', 'c', 'd']);
    for (const s of out.summary) {
      expect(s.errors, s.key).toBe(0);
      expect(s.turns, s.key).toBeGreaterThan(0);
      if (process.platform === 'linux') expect(s.cpuPerTurn, s.key).toBeGreaterThan(0);
    }
    for (const key of ['a', 'b', 'c']) expect(out.summary.find((s) => s.key === key)!.orders, key).toBeGreaterThan(0);
    expect(out.parse.inProcessCpuPerCall).toBeGreaterThan(0);
  }, 180_000);
});
