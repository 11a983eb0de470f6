/**
 * The soak: `npm run soak -- --minutes 10` (--concurrency 8, --sample-every 10 seconds). Steady mixed load in both
 * languages against Smile in its own process; prints a line per sample (RSS, heap, handles, event-loop delay, store
 * size, latency of that window) and the trend after warm-up. A leak shows as a slope that does not flatten.
 */
import { parseArgs } from 'node:util';
import { formatSample, runSoak, summary } from './soak-run.js';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '8' },
    'sample-every': { type: 'string', default: '10' },
  },
});
const minutes = Number(values.minutes);
const concurrency = Number(values.concurrency);
const every = Number(values['sample-every']);
if (!(minutes > 0) || !(concurrency > 0) || !(every > 0)) throw new Error('--minutes, --concurrency and --sample-every must be positive numbers');

console.log(`soak: ${minutes} min, ${concurrency} concurrent conversations, a sample every ${every} s (embedded store + sandbox, own process)`);
const result = await runSoak({ seconds: minutes * 60, sampleEverySeconds: every, concurrency, onSample: (s) => console.log(formatSample(s)) });
console.log(summary(result));
