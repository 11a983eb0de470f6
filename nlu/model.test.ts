import { describe, expect, it } from 'vitest';
import { LOCALES } from './catalogue.js';
import { loadModel, MODEL_PATH, modelInputsHash } from './model.js';
import { Nlu } from './nlu.js';

const model = loadModel();
const nlu = new Nlu(model);
const now = new Date('2026-11-22T20:00:00Z');

describe('the committed NLU model', () => {
  it('when loaded, then it was trained from the project inputs as they are now', () => {
    expect(model.inputsHash, `${MODEL_PATH} was trained from other inputs (training phrases, features, corpus rules): run npm run nlu:train`).toBe(
      modelInputsHash(),
    );
    for (const locale of LOCALES) {
      const m = model.locales[locale];
      expect(m.vocabulary.length * m.intents.length).toBe(Buffer.from(m.weights, 'base64').length);
      expect(m.temperature).toBeGreaterThan(0);
    }
  });

  it('when it learned from the public corpora, then each is named with its licence', () => {
    for (const c of model.corpora) expect(c.licence).toMatch(/^CC BY(-SA)? 4\.0$/);
  });

  // Sentences written for this test, not taken from any training, evaluation or public set.
  it.each([
    ['en-US', 'please order those paper towels for me once more', 'reorder'],
    ['en-US', 'has the parcel with my shampoo left the warehouse yet', 'order_status'],
    ['en-US', 'i would like to speak with a real person', 'human_handoff'],
    ['en-US', 'what is the capital of australia', 'out_of_scope'],
    ['ko-KR', '지난번에 산 샴푸 한 번 더 주문해 줘', 'reorder'],
    ['ko-KR', '상담원이랑 직접 이야기하고 싶어요', 'human_handoff'],
    ['ko-KR', '내일 서울 날씨 어때', 'out_of_scope'],
  ] as const)('when %s "%s" is parsed, then the intent is %s', (locale, text, intent) => {
    expect(nlu.parse(text, locale, { now }).intent.name).toBe(intent);
  });

  it('when a message is parsed, then the two likeliest intents come with calibrated confidences', () => {
    const r = nlu.parse('move my delivery to friday morning', 'en-US', { now });
    expect(r.alternatives).toHaveLength(2);
    expect(r.alternatives[0]!.confidence).toBeGreaterThanOrEqual(r.alternatives[1]!.confidence);
    expect(r.alternatives[0]!.confidence + r.alternatives[1]!.confidence).toBeLessThanOrEqual(1.0001);
    expect(r.alternatives[0]!.name).toBe('change_delivery_slot');
  });
});
