import { NeuralNetwork } from '@nlpjs/neural';
import type { IntentName, Locale } from './catalogue.js';
import { features } from './features.js';

export interface Classification { intent: IntentName; confidence: number; ranking: Array<{ intent: IntentName; score: number }> }
export type TrainingSet = Partial<Record<IntentName, string[]>>;

/**
 * One small neural classifier (nlp.js) per locale over Smile's own features. Words it never saw in
 * training add weight to a "none" feature, so unfamiliar text drifts towards out_of_scope instead of
 * being forced into the nearest action.
 */
export class IntentClassifier {
  private readonly net = new NeuralNetwork({ log: false });
  private readonly vocabulary = new Set<string>();
  private readonly examples: Array<{ feats: Set<string>; intent: IntentName }> = [];

  /**
   * threshold: the lowest share of the top intent that is acted on; minKnown: the lowest share of features seen
   * in training; noneWeight: how strongly unknown features pull towards out_of_scope.
   */
  constructor(
    private readonly locale: Locale,
    private readonly threshold = 0.4,
    private readonly minKnown = 0.3,
    private readonly noneWeight = 1,
  ) {}

  train(examples: Array<{ text: string; intent: IntentName }>): void {
    const corpus = examples.map(({ text, intent }) => {
      const input: Record<string, number> = {};
      const feats = features(text, this.locale);
      for (const f of feats) { input[f] = 1; this.vocabulary.add(f); }
      this.examples.push({ feats: new Set(feats), intent });
      return { input, output: { [intent]: 1 } };
    });
    corpus.push({ input: { NONE: 1 }, output: { out_of_scope: 1 } });
    this.net.train(corpus);
  }

  /** The most similar training phrase by Jaccard similarity of features. */
  private nearest(feats: Set<string>): { intent: IntentName; similarity: number } | null {
    let best: { intent: IntentName; similarity: number } | null = null;
    for (const ex of this.examples) {
      let shared = 0;
      for (const f of feats) if (ex.feats.has(f)) shared += 1;
      const similarity = shared / (feats.size + ex.feats.size - shared || 1);
      if (!best || similarity > best.similarity) best = { intent: ex.intent, similarity };
    }
    return best;
  }

  classify(delexicalised: string): Classification {
    const feats = features(delexicalised, this.locale);
    const input: Record<string, number> = {};
    let unknown = 0;
    for (const f of feats) {
      if (this.vocabulary.has(f)) input[f] = 1; else unknown += 1;
    }
    const knownShare = feats.length === 0 ? 0 : (feats.length - unknown) / feats.length;
    if (unknown > 0) input.NONE = this.noneWeight * (1 - knownShare);
    const raw = Object.keys(input).length > 0 ? this.net.run(input) ?? {} : {};
    const entries = Object.entries(raw).filter(([, s]) => s > 0) as Array<[IntentName, number]>;
    const total = entries.reduce((s, [, v]) => s + v, 0) || 1;
    const ranking = entries.map(([intent, s]) => ({ intent, score: s / total })).sort((a, b) => b.score - a.score);
    let top = ranking[0];
    // The perceptrons can cancel each other out on a familiar sentence in a new combination ("deliver the
    // ENTPRODUCT to my ENTPLACE"): then the nearest training phrase decides, if it is near enough.
    if ((!top || top.score < this.threshold) && knownShare >= 0.6) {
      const near = this.nearest(new Set(feats));
      if (near && near.similarity >= 0.5 && near.intent !== 'out_of_scope') {
        top = { intent: near.intent, score: near.similarity };
        return { intent: top.intent, confidence: top.score, ranking: [top, ...ranking.filter((r) => r.intent !== top!.intent)] };
      }
    }
    if (!top || top.score < this.threshold || knownShare < this.minKnown) {
      return { intent: 'out_of_scope', confidence: top?.intent === 'out_of_scope' ? top.score : 1 - (top?.score ?? 0), ranking };
    }
    return { intent: top.intent, confidence: top.score, ranking };
  }
}
