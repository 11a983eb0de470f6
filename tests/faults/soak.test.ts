import { describe, expect, it } from 'vitest';
import { afterWarmUp, formatSample, runSoak, summary } from '../../bench/soak-run.js';

/**
 * The short soak (issue 17, item 5): ~20 s of steady mixed load in both languages against Smile in its own process,
 * sampled every 2 s. No timing is asserted — only that every turn is answered and that, after warm-up, nothing keeps
 * growing beyond generous bounds (heap and RSS compared by their lowest points, as the collector runs when it likes,
 * allowing for the data the embedded store holds in memory;
 * active handles). The long one: `npm run soak -- --minutes 10`.
 */
describe('a short soak', () => {
  it('when mixed conversations run steadily for ~20 s, then every turn is answered and memory and handles stay flat after warm-up', async () => {
    const result = await runSoak({ seconds: 20, sampleEverySeconds: 2, concurrency: 4 });
    console.log(`short soak figures:\n${result.samples.map(formatSample).join('\n')}\n${summary(result)}`);
    expect(result.failures).toBe(0);
    expect(result.turns).toBeGreaterThan(20);
    const warm = afterWarmUp(result.samples);
    expect(warm.length).toBeGreaterThanOrEqual(4);
    const low = (xs: number[]): number => Math.min(...xs);
    const early = warm.slice(0, 3);
    const late = warm.slice(-3);
    // The embedded store's pages are mapped into the process (LMDB), so RSS grows with the data written: what is
    // bounded is growth beyond twice the store's own growth over the same window (a leak grows without data).
    const storeMb = (late.at(-1)!.storeKb - early[0]!.storeKb) / 1024;
    expect(low(late.map((s) => s.heapMb)) - low(early.map((s) => s.heapMb))).toBeLessThan(24 + 2 * storeMb);
    expect(low(late.map((s) => s.rssMb)) - low(early.map((s) => s.rssMb))).toBeLessThan(64 + 2 * storeMb);
    expect(late.at(-1)!.handles).toBeLessThanOrEqual(Math.max(...early.map((s) => s.handles)) + 20);
  }, 120_000);
});
