import { describe, expect, it } from 'vitest';
import { Nlu } from './nlu.js';

const catalogue = [
  { sku: 'pampers-sens-12', name: 'Pampers Sensitive Baby Wipes, 12 packs' },
  { sku: 'tide-free-92oz', name: 'Tide Free & Gentle Laundry Detergent, 92 oz' },
  { sku: 'bebesup-cap-70-10', name: '베베숲 물티슈 캡형 70매 10팩' },
];

describe('a reorder with a destination is not a move of the open delivery', () => {
  const nlu = new Nlu();
  it.each([
    ['reorder the wipes to my office', 'en-US', 'reorder'],
    ['order the detergent again, to the office this time', 'en-US', 'reorder'],
    ['get the wipes again and have them sent to my office', 'en-US', 'reorder'],
    ['move the wipes delivery to my office', 'en-US', 'change_delivery_place'],
    ['deliver the wipes to my office instead', 'en-US', 'change_delivery_place'],
    ['the package with the wipes should go to my office', 'en-US', 'change_delivery_place'],
    ['물티슈 회사로 다시 주문해줘', 'ko-KR', 'reorder'],
    ['물티슈 또 시켜줘, 회사로', 'ko-KR', 'reorder'],
    ['물티슈 배송지를 회사로 바꿔줘', 'ko-KR', 'change_delivery_place'],
    ['주문한 물티슈 회사로 보내줘', 'ko-KR', 'change_delivery_place'],
  ] as const)('"%s" (%s) is %s', (text, locale, intent) => {
    const r = nlu.parse(text, locale, { catalogue });
    expect(r.intent.name).toBe(intent);
    expect(r.entities.some((e) => e.type === 'place' && e.value === 'office')).toBe(true);
  });
});
