/**
 * Cross-validates the WHOLE understanding, not only the classifier: for each of the 5 folds of the training data
 * (Smile's training phrases and the corpora's training rows; never a held-out set or a corpus's held-out slice), a
 * model is trained on the other folds and `Nlu.parse` — entities, grounding, the rules after the classifier — reads
 * the fold's own texts. Used to decide rules and lexicon changes on training data only:
 *   npm run nlu:cv            (per locale: own accuracy, own and corpus false actions, per intent, top confusions)
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { ACTION_INTENTS, INTENTS, LOCALES, type IntentName, type Locale } from './catalogue.js';
import type { LocaleModel } from './classifier.js';
import { loadModel, modelInputsHash } from './model.js';
import { Nlu } from './nlu.js';
import { chooseThreshold, fit, fitTemperature, SETTINGS, trainingRows, vocabularyOf, type Row } from './train.js';

const now = new Date('2026-11-22T20:00:00Z');

export interface PipelineCv {
  locale: Locale;
  ownAccuracy: number;
  ownFalseActions: number;
  corpusFalseActions: number;
  perIntent: Record<string, { total: number; correct: number }>;
  confusions: Record<string, number>;
}

/** The fold models of a locale, trained once per set of model inputs (SMILE_CV_CACHE names a file to keep them in). */
function foldModels(locale: Locale, rows: Row[]): LocaleModel[] {
  const s = SETTINGS;
  const cache = process.env.SMILE_CV_CACHE ? `${process.env.SMILE_CV_CACHE}.${locale}.json` : undefined;
  const key = modelInputsHash();
  if (cache && existsSync(cache)) {
    const kept = JSON.parse(readFileSync(cache, 'utf8')) as { key: string; models: LocaleModel[] };
    if (kept.key === key) return kept.models;
  }
  const vocabulary = vocabularyOf(rows, s.minCount);
  const trainers = Array.from({ length: s.folds }, (_, f) =>
    fit(
      rows.filter((r) => r.fold !== f),
      vocabulary,
      s,
    ),
  );
  const oof = rows.map((r) => ({
    logits: trainers[r.fold]!.logits(r.feats),
    y: INTENTS.indexOf(r.intent),
    own: r.own,
    weight: r.own ? 1 : r.weight,
  }));
  const T = fitTemperature(oof);
  const { threshold, oosOffset } = chooseThreshold(oof, T, s);
  const models = trainers.map((t) => t.quantise(T, threshold, oosOffset));
  if (cache) writeFileSync(cache, JSON.stringify({ key, models }));
  return models;
}

export function pipelineCv(locale: Locale, adjust: (m: LocaleModel) => LocaleModel = (m) => m): PipelineCv {
  const rows = trainingRows(locale, SETTINGS);
  const models = foldModels(locale, rows);
  const base = loadModel();
  const out: PipelineCv = { locale, ownAccuracy: 0, ownFalseActions: 0, corpusFalseActions: 0, perIntent: {}, confusions: {} };
  const n = { own: 0, ownOk: 0, ownOos: 0, ownFa: 0, corpusOos: 0, corpusFa: 0 };
  models.forEach((m, f) => {
    const nlu = new Nlu({ ...base, locales: { ...base.locales, [locale]: adjust(m) } });
    for (const r of rows) {
      if (r.fold !== f) continue;
      const got: IntentName = nlu.parse(r.text, locale, { now }).intent.name;
      if (r.own) {
        n.own += 1;
        const row = (out.perIntent[r.intent] ??= { total: 0, correct: 0 });
        row.total += 1;
        if (got === r.intent) {
          n.ownOk += 1;
          row.correct += 1;
        } else {
          const k = `${r.intent} → ${got}`;
          out.confusions[k] = (out.confusions[k] ?? 0) + 1;
        }
      }
      if (r.intent === 'out_of_scope') {
        if (r.own) n.ownOos += 1;
        else n.corpusOos += 1;
        if (ACTION_INTENTS.has(got)) {
          if (r.own) n.ownFa += 1;
          else n.corpusFa += 1;
        }
      }
    }
  });
  out.ownAccuracy = n.ownOk / (n.own || 1);
  out.ownFalseActions = n.ownFa / (n.ownOos || 1);
  out.corpusFalseActions = n.corpusFa / (n.corpusOos || 1);
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
  const locales = (process.argv[2] ? [process.argv[2]] : LOCALES) as Locale[];
  for (const locale of locales) {
    const r = pipelineCv(locale);
    console.log(
      `${locale}: whole understanding out of fold: own accuracy ${pct(r.ownAccuracy)}, own false actions ${pct(r.ownFalseActions)}, ` +
        `corpus false actions ${(r.corpusFalseActions * 100).toFixed(2)}%`,
    );
    console.log(
      '  per intent: ' +
        Object.entries(r.perIntent)
          .map(([i, v]) => `${i} ${pct(v.correct / v.total)}`)
          .join(', '),
    );
    console.log(
      '  top confusions: ' +
        Object.entries(r.confusions)
          .sort((a, b) => b[1] - a[1])
          .slice(0, 12)
          .map(([k, v]) => `${v} ${k}`)
          .join('; '),
    );
  }
}
