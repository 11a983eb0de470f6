import { ACTION_INTENTS, IntentName, type Locale } from './catalogue.js';
import { features } from './features.js';

export interface Ranked {
  intent: IntentName;
  score: number;
}
export interface Classification {
  intent: IntentName;
  confidence: number;
  ranking: Ranked[];
}

/**
 * One locale's trained model as the model file stores it: a multinomial logistic regression over Smile's
 * features (`features.ts`), weights quantised to 8 bits (`weights` is base64 of an Int8Array, feature-major:
 * vocabulary.length × intents.length, times `scale`), a softmax temperature fitted by cross-validation so one
 * threshold means the same for every intent, and that threshold.
 */
export interface LocaleModel {
  intents: IntentName[];
  vocabulary: string[];
  bias: number[];
  weights: string;
  scale: number;
  temperature: number;
  /** The lowest calibrated confidence an action intent is acted on with; below it, out_of_scope. */
  threshold: number;
}

export interface Example {
  feats: string[];
  intent: IntentName;
  weight: number;
}

export interface TrainOptions {
  epochs: number;
  /** L2 penalty per example step. */
  l2: number;
  learningRate: number;
  seed: number;
}

export const DEFAULT_TRAIN: TrainOptions = { epochs: 12, l2: 1e-5, learningRate: 0.5, seed: 7 };

/** A small deterministic PRNG (mulberry32), so the same inputs train the same model. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function softmax(z: Float64Array, temperature = 1): Float64Array {
  let max = -Infinity;
  for (const v of z) if (v > max) max = v;
  const out = new Float64Array(z.length);
  let sum = 0;
  for (let i = 0; i < z.length; i += 1) {
    out[i] = Math.exp((z[i]! - max) / temperature);
    sum += out[i]!;
  }
  for (let i = 0; i < z.length; i += 1) out[i]! /= sum;
  return out;
}

/** Float weights while training; `quantise` turns them into a LocaleModel. */
export class LinearTrainer {
  readonly index = new Map<string, number>();
  W = new Float64Array(0);
  b: Float64Array;

  constructor(
    readonly intents: IntentName[],
    vocabulary: string[],
  ) {
    vocabulary.forEach((f, i) => this.index.set(f, i));
    this.W = new Float64Array(vocabulary.length * intents.length);
    this.b = new Float64Array(intents.length);
  }

  private ids(feats: string[]): number[] {
    const ids = new Set<number>();
    for (const f of feats) {
      const i = this.index.get(f);
      if (i !== undefined) ids.add(i);
    }
    return [...ids];
  }

  logits(feats: string[]): Float64Array {
    const k = this.intents.length;
    const ids = this.ids(feats);
    const x = ids.length ? 1 / Math.sqrt(ids.length) : 0;
    const z = Float64Array.from(this.b);
    for (const i of ids) for (let c = 0; c < k; c += 1) z[c]! += x * this.W[i * k + c]!;
    return z;
  }

  /** Weighted softmax regression by SGD with a decaying step; one pass order per epoch from the seeded PRNG. */
  train(examples: Example[], o: TrainOptions = DEFAULT_TRAIN): void {
    const k = this.intents.length;
    const cls = new Map(this.intents.map((c, i) => [c, i]));
    const data = examples.map((e) => ({ ids: this.ids(e.feats), y: cls.get(e.intent)!, w: e.weight }));
    const rand = rng(o.seed);
    const order = data.map((_, i) => i);
    let step = 0;
    const total = o.epochs * data.length;
    for (let epoch = 0; epoch < o.epochs; epoch += 1) {
      for (let i = order.length - 1; i > 0; i -= 1) {
        const j = Math.floor(rand() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      for (const n of order) {
        const d = data[n]!;
        const lr = (o.learningRate * (1 - step / total) + 0.01) * d.w;
        step += 1;
        const x = d.ids.length ? 1 / Math.sqrt(d.ids.length) : 0;
        const z = Float64Array.from(this.b);
        for (const i of d.ids) for (let c = 0; c < k; c += 1) z[c]! += x * this.W[i * k + c]!;
        const p = softmax(z);
        for (let c = 0; c < k; c += 1) {
          const g = p[c]! - (c === d.y ? 1 : 0);
          this.b[c]! -= lr * g;
          for (const i of d.ids) {
            const at = i * k + c;
            this.W[at]! -= lr * (g * x + o.l2 * this.W[at]!);
          }
        }
      }
    }
  }

  /** 8-bit weights; features whose every weight rounds to 0 are dropped from the vocabulary. */
  /**
   * `oosOffset` is added to the out_of_scope bias: the corpora's many rows make "out of scope" likelier a priori than
   * Smile's phrases say it is, and cross-validation chooses how much of that prior to take back (`train.ts`).
   */
  quantise(temperature: number, threshold: number, oosOffset = 0): LocaleModel {
    const k = this.intents.length;
    let max = 0;
    for (const w of this.W) if (Math.abs(w) > max) max = Math.abs(w);
    const scale = max / 127 || 1;
    const vocabulary: string[] = [];
    const bytes: number[] = [];
    for (const [f, i] of this.index) {
      const q = Array.from({ length: k }, (_, c) => Math.round(this.W[i * k + c]! / scale));
      if (q.every((v) => v === 0)) continue;
      vocabulary.push(f);
      bytes.push(...q);
    }
    return {
      intents: this.intents,
      vocabulary,
      bias: Array.from(this.b, (v, c) => Number((v + (this.intents[c] === 'out_of_scope' ? oosOffset : 0)).toFixed(5))),
      weights: Buffer.from(Int8Array.from(bytes).buffer).toString('base64'),
      scale,
      temperature,
      threshold,
    };
  }
}

/** A trained model, loaded from the model file: classification is a sparse dot product and a softmax. */
export class IntentClassifier {
  private readonly index = new Map<string, number>();
  private readonly weights: Int8Array;
  private readonly k: number;

  constructor(
    private readonly locale: Locale,
    private readonly model: LocaleModel,
  ) {
    model.vocabulary.forEach((f, i) => this.index.set(f, i));
    const buf = Buffer.from(model.weights, 'base64');
    this.weights = new Int8Array(buf.buffer, buf.byteOffset, buf.byteLength);
    this.k = model.intents.length;
    if (this.weights.length !== model.vocabulary.length * this.k)
      throw new Error(`NLU model for ${locale}: weights do not match its vocabulary; run npm run nlu:train`);
  }

  get threshold(): number {
    return this.model.threshold;
  }

  /** Calibrated probabilities, best first. */
  rank(delexicalised: string): Ranked[] {
    const ids = new Set<number>();
    for (const f of features(delexicalised, this.locale)) {
      const i = this.index.get(f);
      if (i !== undefined) ids.add(i);
    }
    const { k } = this;
    const x = ids.size ? this.model.scale / Math.sqrt(ids.size) : 0;
    const z = Float64Array.from(this.model.bias);
    for (const i of ids) for (let c = 0; c < k; c += 1) z[c]! += x * this.weights[i * k + c]!;
    const p = softmax(z, this.model.temperature);
    return this.model.intents.map((intent, c) => ({ intent, score: p[c]! })).sort((a, b) => b.score - a.score);
  }

  /**
   * The likeliest intent; an action intent below the threshold is not acted on (out_of_scope, with the
   * confidence that it is not that action), but the ranking still names it for a clarifying question.
   */
  classify(delexicalised: string): Classification {
    const ranking = this.rank(delexicalised);
    const top = ranking[0]!;
    if (ACTION_INTENTS.has(top.intent) && top.score < this.model.threshold) {
      return { intent: 'out_of_scope', confidence: 1 - top.score, ranking };
    }
    return { intent: top.intent, confidence: top.score, ranking };
  }
}

export { IntentName };
