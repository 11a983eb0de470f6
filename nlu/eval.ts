/**
 * Scores the NLU on utterances it was never trained on:  npm run nlu:eval  (--verbose lists the misses)
 *
 * - Smile's own in-scope sets, per locale: `heldout` (written with the training set; its misses once guided the
 *   feature design), `blind` and `fresh` (written later), `stranger-2026-11-27` (written blind by someone outside
 *   the project from the intent descriptions alone) and `stranger-2026-11-27b` (written the same way by another
 *   stranger, for all intents including manage_subscription and report_delivery_problem, before the changes it
 *   measures) and `stranger-2026-11-27c` (a third stranger, the same way), `stranger-2026-11-27d` (a fourth) and `27f`, `27g` (more, the same way). 27d and 27g are sealed now: `--verbose`
 *   does not list its misses, and the per-intent figures and top confusions leave it out (`--show-sealed` shows all),
 *   so only its total is seen while the model is developed (27b and 27c were sealed while first measured and are
 *   development sets since). None of them is ever trained on.
 * - The fixed held-out slice of each public corpus (every tenth row, `corpora.ts`), when `../shared/corpora/` is
 *   present: the out-of-scope false-action rate (an out-of-scope message taken for an action intent) and the
 *   accuracy on rows whose label is one of Smile's global intents.
 * - The cost of `parse` per utterance (p50 / p99 over every utterance scored): the process's CPU time, which the
 *   target is judged on, and the wall clock, which on a shared machine adds the time spent waiting for a core.
 *
 * Exit code 1 when a target is missed: in-scope accuracy >= 95% on `heldout`, <= 3% false actions, p99 <= 2 ms.
 */
import { cpus, loadavg } from 'node:os';
import { ACTION_INTENTS, LOCALES, type IntentName, type Locale } from './catalogue.js';
import { CORPORA, corporaPresent, readCorpus } from './corpora.js';
import { detectLocale, EVAL_SETS, loadExamples, Nlu, SEALED_SETS } from './nlu.js';

export const TARGETS = { accuracy: 0.95, falseActionRate: 0.03, p99Ms: 2 };

export interface Score {
  set: string;
  locale: Locale;
  total: number;
  correct: number;
  accuracy: number;
  outOfScope: number;
  falseActions: number;
  falseActionRate: number;
  perIntent: Record<string, { total: number; correct: number }>;
  confusions: Record<string, number>;
  misses: string[];
  timesMs: number[];
  /** The process's CPU time per parse: the cost itself, without the waits for a core that a shared machine adds. */
  cpuMs: number[];
  /** The set's sentences that are not, once case, spaces and punctuation are set aside, also a training phrase. */
  novel: { total: number; correct: number };
}

function emptyScore(set: string, locale: Locale): Score {
  return {
    set,
    locale,
    total: 0,
    correct: 0,
    accuracy: 0,
    outOfScope: 0,
    falseActions: 0,
    falseActionRate: 0,
    perIntent: {},
    confusions: {},
    misses: [],
    timesMs: [],
    cpuMs: [],
    novel: { total: 0, correct: 0 },
  };
}

/**
 * A sentence written blind can still be one of the training phrases ("thanks", "where is my order"): such a
 * sentence measures memory, not generalisation, so each set is also scored without them.
 */
const squash = (t: string): string => t.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
const trained = new Map<Locale, Set<string>>();
function isTrainingPhrase(text: string, locale: Locale): boolean {
  let set = trained.get(locale);
  if (!set) trained.set(locale, (set = new Set(Object.values(loadExamples('train', locale)).flat().map(squash))));
  return set.has(squash(text));
}

const now = new Date('2026-11-22T20:00:00Z');

function score(nlu: Nlu, s: Score, text: string, expected: IntentName): void {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  // Read in the language it is written in, as the engine does (`chooseLocales`: a Korean sentence in an English set,
  // "talk to agent please" in a Korean one), and counted under the set's language.
  const got = nlu.parse(text, detectLocale(text) ?? s.locale, { now }).intent.name;
  s.timesMs.push(Number(process.hrtime.bigint() - t0) / 1e6);
  const c = process.cpuUsage(c0);
  s.cpuMs.push((c.user + c.system) / 1000);
  const row = (s.perIntent[expected] ??= { total: 0, correct: 0 });
  row.total += 1;
  s.total += 1;
  const novel = !s.set.startsWith('corpus') && !isTrainingPhrase(text, s.locale);
  if (novel) s.novel.total += 1;
  if (got === expected) {
    row.correct += 1;
    s.correct += 1;
    if (novel) s.novel.correct += 1;
  } else {
    s.misses.push(`${expected} → ${got}: ${text}`);
    const key = `${expected} → ${got}`;
    s.confusions[key] = (s.confusions[key] ?? 0) + 1;
  }
  if (expected === 'out_of_scope') {
    s.outOfScope += 1;
    if (ACTION_INTENTS.has(got)) s.falseActions += 1;
  }
}

function finish(s: Score): Score {
  s.accuracy = s.total ? s.correct / s.total : 0;
  s.falseActionRate = s.outOfScope ? s.falseActions / s.outOfScope : 0;
  return s;
}

/** One of Smile's own phrase sets, per locale. */
export function evaluate(nlu: Nlu, set: (typeof EVAL_SETS)[number] = 'heldout'): Score[] {
  return LOCALES.map((locale) => {
    const s = emptyScore(set, locale);
    for (const [intent, texts] of Object.entries(loadExamples(set, locale))) {
      for (const text of texts) score(nlu, s, text, intent as IntentName);
    }
    return finish(s);
  });
}

/** The held-out slice of each public corpus: rows Smile calls out of scope, and rows that are global intents. */
export function evaluateCorpora(nlu: Nlu): Score[] {
  if (!corporaPresent()) return [];
  return CORPORA.map((info) => {
    const s = emptyScore(`corpus ${info.file}`, info.locale);
    for (const row of readCorpus(info)) if (row.heldOut && row.intent) score(nlu, s, row.text, row.intent);
    return finish(s);
  });
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : 0;
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

if (import.meta.url === `file://${process.argv[1]}`) {
  const verbose = process.argv.includes('--verbose');
  const showSealed = process.argv.includes('--show-sealed');
  const t0 = Date.now();
  const nlu = new Nlu();
  console.log(`NLU ready in ${Date.now() - t0} ms${nlu.modelInfo ? ` (${nlu.modelInfo})` : ''}`);
  // Warm up the JIT before timing.
  for (const locale of LOCALES)
    for (const texts of Object.values(loadExamples('train', locale))) for (const t of texts) nlu.parse(t, locale, { now });
  const own = EVAL_SETS.flatMap((set) => evaluate(nlu, set));
  const corpora = evaluateCorpora(nlu);
  let ok = true;
  for (const locale of LOCALES) {
    console.log(`\n=== ${locale}`);
    const mine = own.filter((s) => s.locale === locale);
    const theirs = corpora.filter((s) => s.locale === locale);
    for (const s of mine) {
      console.log(
        `${s.set.padEnd(28)} intent accuracy ${pct(s.accuracy).padStart(6)} (${s.correct}/${s.total}), ` +
          `out-of-scope taken for an action ${pct(s.falseActionRate)} (${s.falseActions}/${s.outOfScope}); ` +
          `not a training phrase ${pct(s.novel.correct / (s.novel.total || 1))} (${s.novel.correct}/${s.novel.total})`,
      );
    }
    for (const s of theirs) {
      const oos = s.perIntent.out_of_scope ?? { total: 0, correct: 0 };
      const globals = Object.entries(s.perIntent).filter(([i]) => i !== 'out_of_scope');
      const g = globals.reduce((a, [, r]) => ({ total: a.total + r.total, correct: a.correct + r.correct }), { total: 0, correct: 0 });
      console.log(
        `${s.set.padEnd(28)} out-of-scope taken for an action ${pct(s.falseActionRate).padStart(5)} (${s.falseActions}/${s.outOfScope}), ` +
          `called out_of_scope ${pct(oos.correct / (oos.total || 1))}` +
          (g.total ? `; global intents ${pct(g.correct / g.total)} (${g.correct}/${g.total})` : ''),
      );
    }
    const all = [...mine, ...theirs];
    const open = all.filter((s) => showSealed || !SEALED_SETS.has(s.set as (typeof EVAL_SETS)[number]));
    const times = all.flatMap((s) => s.timesMs);
    const cpu = all.flatMap((s) => s.cpuMs);
    const p99 = percentile(cpu, 99);
    console.log(
      `parse cost over ${times.length} utterances: CPU time p50 ${percentile(cpu, 50).toFixed(3)} ms, p99 ${p99.toFixed(3)} ms; ` +
        `wall clock p50 ${percentile(times, 50).toFixed(3)} ms, p99 ${percentile(times, 99).toFixed(3)} ms (load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores)`,
    );

    const perIntent: Record<string, { total: number; correct: number }> = {};
    for (const s of mine.filter((m) => open.includes(m)))
      for (const [i, r] of Object.entries(s.perIntent)) {
        const row = (perIntent[i] ??= { total: 0, correct: 0 });
        row.total += r.total;
        row.correct += r.correct;
      }
    console.log(`per intent, all in-scope sets together${showSealed ? '' : ' (sealed sets left out)'}:`);
    for (const [i, r] of Object.entries(perIntent)) console.log(`  ${i.padEnd(22)} ${pct(r.correct / r.total).padStart(6)}  ${r.correct}/${r.total}`);
    const confusions: Record<string, number> = {};
    for (const s of open) for (const [k, n] of Object.entries(s.confusions)) confusions[k] = (confusions[k] ?? 0) + n;
    console.log(`top confusions (expected → got), all sets${showSealed ? '' : ' but the sealed ones'} and corpus slices:`);
    for (const [k, n] of Object.entries(confusions)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10))
      console.log(`  ${String(n).padStart(4)}  ${k}`);
    if (verbose)
      for (const s of open) {
        for (const m of s.misses.slice(0, s.set.startsWith('corpus') ? 40 : undefined)) console.log(`  miss [${s.set}] ${m}`);
      }

    const heldout = mine.find((s) => s.set === 'heldout')!;
    const far = Math.max(...all.map((s) => s.falseActionRate));
    const met = heldout.accuracy >= TARGETS.accuracy && far <= TARGETS.falseActionRate && p99 <= TARGETS.p99Ms;
    console.log(`targets (held-out accuracy >= 95%, <= 3% false actions on every set, CPU p99 <= 2 ms): ${met ? 'met' : 'MISSED'}`);
    if (!met) ok = false;
  }
  if (corpora.length === 0) console.log('\n(../shared/corpora/ not found: corpus slices not scored)');
  process.exitCode = ok ? 0 : 1;
}
