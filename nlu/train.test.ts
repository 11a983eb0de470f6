import { describe, expect, it } from 'vitest';
import { INTENTS, type IntentName } from './catalogue.js';
import { chooseThreshold, SETTINGS, type Oof } from './train.js';

/** An out-of-fold score row: the given logits, every other intent far below. */
function row(y: IntentName, logits: Partial<Record<IntentName, number>>): Oof {
  return { logits: Float64Array.from(INTENTS, (i) => logits[i] ?? -20), y: INTENTS.indexOf(y), own: true, weight: 1 };
}

// A sure-ish request (reorder at 0.6 against out of scope) and an out-of-scope near-miss the model leans to reorder (0.4).
const oof: Oof[] = [
  ...Array.from({ length: 8 }, () => row('reorder', { reorder: 2, out_of_scope: 1.6 })),
  ...Array.from({ length: 2 }, () => row('out_of_scope', { reorder: 1, out_of_scope: 0.8, help: 0.6 })),
];

describe('choosing the action threshold and out-of-scope offset (nlu/train.ts)', () => {
  it('when out-of-scope messages are a fifth of what customers send, then the near-miss is not acted on and the request still is', () => {
    const c = chooseThreshold(oof, 1, { ...SETTINGS, oosOffsets: [0], oosShare: 0.2 });
    expect(c.threshold).toBeGreaterThan(0.4);
    expect(c.threshold).toBeLessThanOrEqual(0.6);
    expect(c.ownFalseActions).toBe(0);
    expect(c.ownInScopeAccuracy).toBe(1);
  });

  it('when false actions weigh nothing, then the lowest threshold keeping every request is chosen', () => {
    const c = chooseThreshold(oof, 1, { ...SETTINGS, oosOffsets: [0], oosShare: 0 });
    expect(c.threshold).toBe(0);
    expect(c.ownFalseActions).toBe(1);
  });
});
