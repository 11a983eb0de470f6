import { describe, expect, it } from 'vitest';
import { LOCALES } from '../domain/locale.js';
import { promptKeys, sayAny } from './index.js';

describe('prompts', () => {
  it('when a sentence exists in one language, then it exists in the other', () => {
    expect(promptKeys('ko-KR').sort()).toEqual(promptKeys('en-US').sort());
  });

  it('when every prompt is rendered with its parameters, then none is empty or shows a missing value', () => {
    const params = {
      name: 'Alex',
      first: 'F',
      intent: 'x',
      query: 'q',
      place: 'home',
      quantity: 2,
      product: 'P',
      total: '$1',
      subtotal: '$3',
      fee: '$4',
      threshold: '$5',
      destination: 'Home',
      window: 'Mon',
      orderId: 'o1',
      reason: 'r',
      hours: '05:30–24:00',
      due: 'D',
      count: 2,
      flow: 'F',
      from: 'A',
      to: 'B',
      note: 'N',
      saved: 'S',
      where: 'W',
      refund: '$2',
      code: '123456',
      link: 'https://shop.example/p/1',
      date: 'Dec 1',
      words: 'Pampers Wipes',
      choices: '1: A; 2: B',
      others: 'A and B',
      until: '3:40 PM',
      day: 'Mon, Nov 23',
      time: '9:00 AM',
      tail: '0142',
      agent: 'alice',
      last: 'hi',
      orders: 3,
      text: 'T',
      source: 'S',
      position: 2,
      wanted: 'size 3',
      usual: 3,
      nearest: 'Q',
      address: '42 Oak Street',
      topics: 'when refunds are paid and cancelled orders',
      caseId: 'esc-1',
      leftAt: 'Front door',
      problem: 'Damaged',
      description: 'the box was crushed',
      shipment: 'shp-1',
      proof: '2026-11-08T13:00:00Z · Front door · photo',
      url: 'https://smile.example/link/abc',
      interval: 'every 2 weeks',
      delivery: 'standard delivery',
      price: '$3',
      next: 'Dec 8',
      nth: 'first',
      weekday: 'Saturday',
      items: '1 × Wipes and 2 × Tide',
      open: '2',
    };
    for (const locale of LOCALES) {
      for (const key of promptKeys(locale)) {
        const text = sayAny(locale, key, Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])));
        expect(text.trim().length, `${locale} ${key}`).toBeGreaterThan(0);
        expect(text, `${locale} ${key}`).not.toMatch(/undefined|\[object/);
      }
    }
  });

  it('when a Korean sentence is rendered, then no particle is printed as a pair', () => {
    const params = Object.fromEntries(
      [
        'name',
        'flow',
        'product',
        'place',
        'destination',
        'query',
        'due',
        'total',
        'refund',
        'code',
        'window',
        'from',
        'to',
        'wanted',
        'nearest',
        'address',
        'agent',
        'interval',
        'delivery',
        'price',
        'next',
        'nth',
        'weekday',
        'hours',
        'others',
      ].map((k) => [k, k === 'code' ? '633402' : '물티슈']),
    );
    for (const key of promptKeys('ko-KR')) {
      const text = sayAny('ko-KR', key, { ...params, count: '2', orderId: 'ord-1' });
      expect(text, key).not.toMatch(/\((?:으|을|를|이|가|은|는|와|과)\)|을\(를\)|이\(가\)|은\(는\)/);
    }
  });
});
