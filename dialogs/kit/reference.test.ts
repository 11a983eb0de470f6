import { describe, expect, it } from 'vitest';
import type { IntentName } from '../../domain/understanding.js';
import { keepingAsIs } from '../patterns/stop.js';
import { initialState, type Utterance } from '../types.js';
import { withReference } from './reference.js';

const u = (intent: IntentName, text: string): Utterance => ({ type: 'utterance', intent, text, confidence: 1, entities: [] });
const skus = (e: Utterance): string[] => e.entities.filter((x) => x.type === 'product').map((x) => String(x.value));
const afterWipes = { ...initialState(), topic: ['wipes'] };

describe('references across turns', () => {
  it.each([
    ['change_delivery_slot', 'push it back a day', ['wipes']],
    ['change_delivery_slot', '모레 저녁으로 미뤄줘', ['wipes']],
    ['reorder', '그거 다시 주문해줘', ['wipes']],
    ['reorder', 'reorder something', []],
    ['order_status', 'where are my orders', []],
    ['change_delivery_slot', 'move all my deliveries to friday', []],
  ] as Array<[IntentName, string, string[]]>)('%s "%s" is about %j', (intent, text, expected) => {
    expect(skus(withReference(u(intent, text), afterWipes))).toEqual(expected);
  });
  it('nothing is carried when the previous turn was about nothing', () => {
    expect(skus(withReference(u('change_delivery_slot', 'push it back a day'), initialState()))).toEqual([]);
  });
  it.each(['never mind', 'oh forget it', 'leave it as it is', '아 그냥 원래대로 둘게요', '그냥 둘게요', '없던 걸로 해줘'])('"%s" stops', (text) => {
    expect(keepingAsIs(u('change_delivery_slot', text)).intent).toBe('stop');
  });
  it.each(['leave it at the door', 'forget the wipes, reorder diapers'])('"%s" does not', (text) => {
    expect(keepingAsIs(u('change_delivery_place', text)).intent).toBe('change_delivery_place');
  });
});

describe('only a product named right after the list of deliveries asks where it is', () => {
  const afterStatus = { ...initialState(), lastSaid: [{ key: 'status.header.many' as const, params: { count: 2 } }] };
  const named = (intent: IntentName, text: string, word: string): Utterance => {
    const start = text.indexOf(word);
    return { ...u(intent, text), entities: [{ type: 'product', value: 'shoes', text: word, start, end: start + word.length, score: 1 }] };
  };
  it.each([
    ['reorder', '운동화는요?', '운동화', 'order_status'],
    ['reorder', 'the running shoes?', 'shoes', 'order_status'],
    ['out_of_scope', 'and the shoes?', 'shoes', 'order_status'],
    ['reorder', '운동화 다시 주문해 줘', '운동화', 'reorder'],
    ['reorder', 'reorder the shoes', 'shoes', 'reorder'],
    ['reorder', 'i need more shoes', 'shoes', 'reorder'],
  ] as Array<[IntentName, string, string, IntentName]>)('%s "%s" is %s', (intent, text, word, expected) => {
    expect(withReference(named(intent, text, word), afterStatus).intent).toBe(expected);
  });
  it('without the list just before, a bare product stays what understanding read', () => {
    expect(withReference(named('reorder', '운동화는요?', '운동화'), initialState()).intent).toBe('reorder');
  });
});
