/**
 * Chooses the classifier's out-of-scope settings by 5-fold cross-validation on the TRAINING phrases only,
 * so the held-out and blind sets stay unseen:  npx tsx nlu/tune.ts
 */
import { ACTION_INTENTS, IntentName, LOCALES, type Locale } from './catalogue.js';
import { IntentClassifier } from './classifier.js';
import { extractEntities } from './entities.js';
import { delexicalise } from './features.js';
import { loadExamples } from './nlu.js';

const now = new Date('2026-11-22T20:00:00Z');
function folds(locale: Locale, k: number): Array<{ train: Array<{ text: string; intent: IntentName }>; test: Array<{ text: string; intent: IntentName }> }> {
  const all = Object.entries(loadExamples('train', locale)).flatMap(([intent, texts]) =>
    texts.map((t, i) => ({ text: delexicalise(t, extractEntities(t, locale, { now, timeZone: 'UTC' })), intent: IntentName.parse(intent), fold: i % k })));
  return Array.from({ length: k }, (_, f) => ({ train: all.filter((x) => x.fold !== f), test: all.filter((x) => x.fold === f) }));
}

const grid: Array<[number, number, number]> = [];
for (const t of [0.4, 0.45, 0.5, 0.55, 0.6]) for (const m of [0.2, 0.3, 0.4]) for (const w of [0.25, 0.5, 1]) grid.push([t, m, w]);

for (const locale of LOCALES) {
  const fs = folds(locale, 5);
  const trained = fs.map((f) => f.train);
  const rows = grid.map(([t, m, w]) => {
    let correct = 0; let total = 0; let oos = 0; let falseActions = 0;
    fs.forEach((f, i) => {
      const c = new IntentClassifier(locale, t, m, w);
      c.train(trained[i]!);
      for (const ex of f.test) {
        const got = c.classify(ex.text).intent;
        total += 1; if (got === ex.intent) correct += 1;
        if (ex.intent === 'out_of_scope') { oos += 1; if (ACTION_INTENTS.has(got)) falseActions += 1; }
      }
    });
    return { t, m, w, acc: correct / total, far: falseActions / oos };
  });
  // Best accuracy among settings that keep false actions at or under 5%.
  rows.sort((a, b) => (a.far <= 0.05 ? 0 : 1) - (b.far <= 0.05 ? 0 : 1) || b.acc - a.acc);
  console.log(locale);
  for (const r of rows.slice(0, 5)) console.log(`  threshold ${r.t} minKnown ${r.m} noneWeight ${r.w}: accuracy ${(r.acc * 100).toFixed(1)}%, false actions ${(r.far * 100).toFixed(1)}%`);
}
