/**
 * The cost of understanding one message (`Nlu.parse`, the committed model): per utterance, wall clock and the
 * process's CPU time, p50 / p99 / max, per locale.
 *   npx tsx bench/nlu-parse.ts            (utterances: the training phrases, and the corpora's training rows when
 *                                          ../shared/corpora/ or SMILE_CORPORA_DIR is present; never a held-out set)
 * Wall clock on a shared machine includes waiting for a core; CPU time does not (the load average is printed).
 */
import { loadavg } from 'node:os';
import { LOCALES, type Locale } from '../nlu/catalogue.js';
import { CORPORA, corporaPresent, readCorpus } from '../nlu/corpora.js';
import { loadExamples, Nlu } from '../nlu/nlu.js';

const now = new Date('2026-11-22T20:00:00Z');
const nlu = new Nlu();
const perLocale = Number(process.env.BENCH_N ?? 4000);

function utterances(locale: Locale): string[] {
  const own = Object.values(loadExamples('train', locale)).flat();
  const corpus = corporaPresent()
    ? CORPORA.filter((c) => c.locale === locale)
        .flatMap((c) => readCorpus(c))
        .filter((r) => !r.heldOut)
        .map((r) => r.text)
    : [];
  const every = Math.max(1, Math.floor(corpus.length / Math.max(1, perLocale - own.length)));
  return [...own, ...corpus.filter((_, i) => i % every === 0)].slice(0, perLocale);
}

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0;
};

for (const locale of LOCALES) {
  const texts = utterances(locale);
  for (const t of texts) nlu.parse(t, locale, { now }); // warm-up: JIT, caches
  const wall: number[] = [];
  const cpu: number[] = [];
  for (const t of texts) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    nlu.parse(t, locale, { now });
    wall.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const f = (xs: number[]): string => `p50 ${pct(xs, 50).toFixed(3)} ms, p99 ${pct(xs, 99).toFixed(3)} ms, max ${Math.max(...xs).toFixed(1)} ms`;
  console.log(`${locale}: ${texts.length} utterances; wall clock ${f(wall)}; CPU time ${f(cpu)}`);
}
console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on ${(await import('node:os')).cpus().length} cores`,
);
