import { describe, expect, it } from 'vitest';
import { evaluate } from './eval.js';
import { Nlu } from './nlu.js';

const nlu = new Nlu();
const now = new Date('2026-11-22T20:00:00Z');

describe('NLU', () => {
  it('when scored on the held-out set, then each locale has at least 90% accuracy and at most 10% false actions', () => {
    for (const s of evaluate(nlu, 'heldout')) {
      expect(s.accuracy, `${s.locale}: ${s.misses.join(' | ')}`).toBeGreaterThanOrEqual(0.9);
      expect(s.falseActionRate, s.locale).toBeLessThanOrEqual(0.1);
    }
  });

  it('when a reorder names product, quantity and place, then each is an entity', () => {
    const en = nlu.parse('reorder two packs of the wipes to my office', 'en-US', { now });
    expect(en.intent.name).toBe('reorder');
    expect(en.entities).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'quantity', value: 2 }),
        expect.objectContaining({ type: 'product', value: 'wipes' }),
        expect.objectContaining({ type: 'place', value: 'office' }),
      ]),
    );
    const ko = nlu.parse('물티슈 두 팩 회사로 다시 주문해줘', 'ko-KR', { now });
    expect(ko.intent.name).toBe('reorder');
    expect(ko.entities).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'quantity', value: 2 }),
        expect.objectContaining({ type: 'product', value: 'wipes' }),
        expect.objectContaining({ type: 'place', value: 'office' }),
      ]),
    );
  });

  it('when a catalogue is given, then products resolve to its SKUs, and sizes in names are not quantities', () => {
    const catalogue = [
      { sku: 'sim', name: 'Similac 360 Total Care Infant Formula, 30.8 oz' },
      { sku: 'hug', name: 'Huggies Little Snugglers Diapers, Size 2' },
    ];
    const r = nlu.parse('get me the similac 360 again', 'en-US', { now, catalogue });
    expect(r.entities.filter((e) => e.type === 'product').map((e) => e.value)).toEqual(['sim']);
    expect(r.entities.some((e) => e.type === 'quantity')).toBe(false);
  });

  it("when dates are relative, then they resolve in the customer's time zone, month ends included", () => {
    const endOfMonth = new Date('2026-11-30T06:00:00Z'); // Nov 29 evening in Los Angeles, Nov 30 afternoon in Seoul
    expect(nlu.parse('deliver tomorrow evening', 'en-US', { now: endOfMonth, timeZone: 'America/Los_Angeles' }).entities).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'date', value: { on: '2026-11-30' } }),
        expect.objectContaining({ type: 'time_window', value: { part: 'evening' } }),
      ]),
    );
    expect(nlu.parse('모레 오전에 받을게', 'ko-KR', { now: endOfMonth, timeZone: 'Asia/Seoul' }).entities).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'date', value: { on: '2026-12-02' } }),
        expect.objectContaining({ type: 'time_window', value: { part: 'morning' } }),
      ]),
    );
  });
});
