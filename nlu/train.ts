/**
 * Builds the NLU model file from the project's own training phrases (`nlu/data/train.*.json`) and, when
 * `../shared/corpora/` is present, the public corpora's training rows (never their fixed held-out slice) as
 * out-of-scope negatives and a few global intents:  npm run nlu:train
 *
 * Per locale: a multinomial logistic regression (`classifier.ts`), then 5-fold cross-validation on the training
 * data only, whose out-of-fold scores fit one softmax temperature (so a confidence means the same for every
 * intent) and choose the one action threshold. Smile's held-out, blind, fresh and stranger sets are never read.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DEFAULT_ZONE } from '../domain/time.js';
import { ACTION_INTENTS, INTENTS, IntentName, LOCALES, type Locale } from './catalogue.js';
import { DEFAULT_TRAIN, LinearTrainer, type Example, type LocaleModel, type TrainOptions } from './classifier.js';
import { CORPORA, CORPORA_DIR, corporaPresent, readCorpus } from './corpora.js';
import { extractEntities } from './entities.js';
import { delexicalise, features } from './features.js';
import { expandChat } from './chat.js';
import { MODEL_PATH, MODEL_VERSION, modelInputsHash, type ModelFile } from './model.js';
import { loadExamples } from './nlu.js';

export interface Settings extends TrainOptions {
  /** The corpora's rows together weigh this many times Smile's own phrases (each row at most 1). */
  corpusRatio: number;
  /** A feature seen fewer times than this in the corpora only is left out of the vocabulary. */
  minCount: number;
  /** The highest out-of-fold false-action rate on the corpora the threshold may allow. */
  maxFalseActions: number;
  /** Offsets to the out_of_scope logit that cross-validation chooses among (with the threshold). */
  oosOffsets: number[];
  /** How many missed requests one false action (out of scope taken for an action) costs when choosing. */
  falseActionCost: number;
  /**
   * The share of customers' messages that are out of scope, for weighing false actions against missed requests. Not
   * the share of out-of-scope phrases in the training data (that is how many we happened to write): about one in five
   * in the sets strangers wrote from the intent descriptions.
   */
  oosShare: number;
  folds: number;
  /** At most this many corpus rows per locale (every n-th training row), to keep training to about a minute. */
  maxCorpusRows: number;
}

export const SETTINGS: Settings = {
  ...DEFAULT_TRAIN,
  epochs: 30,
  learningRate: 2,
  corpusRatio: 0.25,
  minCount: 2,
  maxFalseActions: 0.01,
  oosOffsets: [0.5, 0.25, 0, -0.25, -0.5, -0.75, -1, -1.25, -1.5, -2],
  falseActionCost: 3,
  oosShare: 0.2,
  folds: 5,
  maxCorpusRows: 20_000,
};

const NOW = new Date('2026-11-22T20:00:00Z');

export interface Row extends Example {
  own: boolean;
  fold: number;
  /** The words, for a cross-validation of the whole understanding (`cv.ts`). */
  text: string;
}

function delex(typed: string, locale: Locale): string {
  const text = expandChat(typed, locale);
  return delexicalise(text, extractEntities(text, locale, { now: NOW, timeZone: DEFAULT_ZONE[locale] }));
}

/** Smile's own phrases (weight 1) and the corpora's training rows of the locale, each with its CV fold. */
export function trainingRows(locale: Locale, s: Settings = SETTINGS, withCorpora = corporaPresent()): Row[] {
  const rows: Row[] = [];
  for (const [intent, texts] of Object.entries(loadExamples('train', locale))) {
    texts.forEach((text, i) =>
      rows.push({
        feats: features(delex(text, locale), locale),
        intent: IntentName.parse(intent),
        weight: 1,
        own: true,
        fold: i % s.folds,
        text,
      }),
    );
  }
  if (!withCorpora) return rows;
  const own = rows.length;
  const raw = CORPORA.filter((c) => c.locale === locale)
    .flatMap((info) => readCorpus(info))
    .filter((r) => !r.heldOut && r.intent);
  const every = Math.max(1, Math.ceil(raw.length / s.maxCorpusRows));
  const kept: Row[] = raw
    .filter((_, i) => i % every === 0)
    .map((r) => ({
      feats: features(delex(r.text, locale), locale),
      intent: r.intent!,
      weight: 1,
      own: false,
      fold: Math.floor(r.index / 10) % s.folds,
      text: r.text,
    }));
  const weight = Math.min(1, (s.corpusRatio * own) / (kept.length || 1));
  for (const r of kept) r.weight = weight;
  return [...rows, ...kept];
}

export function vocabularyOf(rows: Row[], minCount: number): string[] {
  const counts = new Map<string, number>();
  const mine = new Set<string>();
  for (const r of rows)
    for (const f of new Set(r.feats)) {
      counts.set(f, (counts.get(f) ?? 0) + 1);
      if (r.own) mine.add(f);
    }
  return [...counts]
    .filter(([f, n]) => mine.has(f) || n >= minCount)
    .map(([f]) => f)
    .sort();
}

export function fit(rows: Row[], vocabulary: string[], s: Settings): LinearTrainer {
  const t = new LinearTrainer([...INTENTS], vocabulary);
  t.train(rows, s);
  return t;
}

export interface Oof {
  logits: Float64Array;
  y: number;
  own: boolean;
  weight: number;
}

/** Out-of-fold logits of every training row. */
export function crossValidate(rows: Row[], vocabulary: string[], s: Settings): Oof[] {
  const out: Oof[] = [];
  for (let f = 0; f < s.folds; f += 1) {
    const t = fit(
      rows.filter((r) => r.fold !== f),
      vocabulary,
      s,
    );
    for (const r of rows)
      if (r.fold === f) out.push({ logits: t.logits(r.feats), y: INTENTS.indexOf(r.intent), own: r.own, weight: r.own ? 1 : r.weight });
  }
  return out;
}

function probs(z: Float64Array, T: number): number[] {
  const m = Math.max(...z);
  const e = Array.from(z, (v) => Math.exp((v - m) / T));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

/** The temperature minimising the weighted negative log-likelihood of the out-of-fold scores. */
export function fitTemperature(oof: Oof[]): number {
  let best = { T: 1, nll: Infinity };
  for (let T = 0.2; T <= 5.0001; T += 0.05) {
    let nll = 0;
    for (const o of oof) nll -= o.weight * Math.log(Math.max(1e-12, probs(o.logits, T)[o.y]!));
    if (nll < best.nll) best = { T: Number(T.toFixed(2)), nll };
  }
  return best.T;
}

export interface CvReport {
  ownAccuracy: number;
  /** Accuracy on Smile's own in-scope phrases alone. */
  ownInScopeAccuracy: number;
  ownFalseActions: number;
  corpusFalseActions: number;
  threshold: number;
  temperature: number;
  oosOffset: number;
}

/** What the threshold does out of fold: Smile's own accuracy and the false-action rates. */
export function cvScores(oof: Oof[], T: number, threshold: number, oosOffset = 0): CvReport {
  let own = 0;
  let ownOk = 0;
  let ownIn = 0;
  let ownInOk = 0;
  let ownOos = 0;
  let ownFa = 0;
  let corpusOos = 0;
  let corpusFa = 0;
  const oos = INTENTS.indexOf('out_of_scope');
  for (const o of oof) {
    const z = oosOffset ? Float64Array.from(o.logits, (v, c) => (c === oos ? v + oosOffset : v)) : o.logits;
    const p = probs(z, T);
    let top = 0;
    for (let c = 1; c < p.length; c += 1) if (p[c]! > p[top]!) top = c;
    const action = ACTION_INTENTS.has(INTENTS[top]!) && p[top]! >= threshold;
    const got = ACTION_INTENTS.has(INTENTS[top]!) && !action ? oos : top;
    if (o.own) {
      own += 1;
      if (got === o.y) ownOk += 1;
      if (o.y !== oos) {
        ownIn += 1;
        if (got === o.y) ownInOk += 1;
      }
    }
    if (o.y === oos) {
      if (o.own) {
        ownOos += 1;
        if (action) ownFa += 1;
      } else {
        corpusOos += 1;
        if (action) corpusFa += 1;
      }
    }
  }
  return {
    ownAccuracy: ownOk / (own || 1),
    ownInScopeAccuracy: ownInOk / (ownIn || 1),
    ownFalseActions: ownFa / (ownOos || 1),
    corpusFalseActions: corpusFa / (corpusOos || 1),
    threshold,
    temperature: T,
    oosOffset,
  };
}

/**
 * The threshold and out-of-scope offset that do best out of fold on Smile's own phrases — accuracy, a false action
 * counting `falseActionCost` missed requests — among those keeping the corpora's false actions under the cap.
 */
export function chooseThreshold(oof: Oof[], T: number, s: Settings): CvReport {
  const thresholds = Array.from({ length: 19 }, (_, i) => Number((0.05 * i).toFixed(2)));
  const candidates = s.oosOffsets.flatMap((off) => thresholds.map((t) => cvScores(oof, T, t, off)));
  const ok = candidates.filter((c) => c.corpusFalseActions <= s.maxFalseActions);
  const pool = ok.length ? ok : [candidates.reduce((a, b) => (b.corpusFalseActions < a.corpusFalseActions ? b : a))];
  // The expected cost of a message: a missed in-scope request costs 1, a false action `falseActionCost`, each weighed
  // by how often customers send such a message (`oosShare`), not by how many of each the training data has.
  const value = (c: CvReport): number => (1 - s.oosShare) * c.ownInScopeAccuracy - s.oosShare * s.falseActionCost * c.ownFalseActions;
  return pool.reduce((a, b) => (value(b) > value(a) ? b : a));
}

export function trainLocale(
  locale: Locale,
  s: Settings = SETTINGS,
  withCorpora = corporaPresent(),
): { model: LocaleModel; cv: CvReport; rows: Row[] } {
  const rows = trainingRows(locale, s, withCorpora);
  const vocabulary = vocabularyOf(rows, s.minCount);
  const oof = crossValidate(rows, vocabulary, s);
  const T = fitTemperature(oof);
  const cv = chooseThreshold(oof, T, s);
  const model = fit(rows, vocabulary, s).quantise(T, cv.threshold, cv.oosOffset);
  return { model, cv, rows };
}

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const withCorpora = corporaPresent();
  if (!withCorpora) console.warn(`${CORPORA_DIR} not found: training on Smile's own phrases only (no learned out-of-scope negatives)`);
  const locales = {} as Record<Locale, LocaleModel>;
  const crossValidation: Record<string, CvReport> = {};
  const corpusRowsUsed: Record<string, number> = {};
  for (const locale of LOCALES) {
    const t0 = Date.now();
    const { model, cv, rows } = trainLocale(locale, SETTINGS, withCorpora);
    locales[locale] = model;
    crossValidation[locale] = cv;
    for (const r of rows) if (!r.own) corpusRowsUsed[locale] = (corpusRowsUsed[locale] ?? 0) + 1;
    console.log(
      `${locale}: ${rows.length} rows, ${model.vocabulary.length} features, T ${cv.temperature}, threshold ${cv.threshold}, ` +
        `out-of-scope offset ${cv.oosOffset}; ` +
        `out of fold: own accuracy ${(cv.ownAccuracy * 100).toFixed(1)}%, own false actions ${(cv.ownFalseActions * 100).toFixed(1)}%, ` +
        `corpus false actions ${(cv.corpusFalseActions * 100).toFixed(2)}% (${Date.now() - t0} ms)`,
    );
  }
  const perFile: Record<string, number> = {};
  if (withCorpora) for (const info of CORPORA) perFile[info.file] = readCorpus(info).filter((r) => !r.heldOut && r.intent).length;
  const file: ModelFile = {
    version: MODEL_VERSION,
    inputsHash: modelInputsHash(),
    trainedAt: new Date().toISOString(),
    corpora: withCorpora
      ? CORPORA.map((c) => ({
          file: c.file,
          sha256: sha256(`${CORPORA_DIR}/${c.file}`),
          licence: c.licence,
          source: c.source,
          rowsOutsideHeldOut: perFile[c.file] ?? 0,
        }))
      : [],
    settings: { ...SETTINGS, corpusRowsUsed },
    crossValidation,
    locales,
  };
  mkdirSync(dirname(MODEL_PATH), { recursive: true });
  writeFileSync(MODEL_PATH, `${JSON.stringify(file)}\n`);
  console.log(`wrote ${MODEL_PATH} (${(readFileSync(MODEL_PATH).length / 1024).toFixed(0)} KiB)`);
}
