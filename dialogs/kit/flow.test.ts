import { describe, expect, it } from 'vitest';
import { chooseByText, tellApart } from './flow.js';

const wipes = (id: string, date: string, place = 'Home') => ({ id, name: 'Pampers Wipes', details: [id, date, place] });

describe('choices that can be told apart', () => {
  it.each([
    [
      'two look-alikes on different days carry the order number and the date',
      [wipes('ord-1', 'Mon, Nov 23'), wipes('ord-2', 'Wed, Nov 25')],
      ['Pampers Wipes · ord-1 · Mon, Nov 23', 'Pampers Wipes · ord-2 · Wed, Nov 25'],
    ],
    [
      'two look-alikes on the same day to different places carry the order number and the place',
      [wipes('ord-1', 'Mon', 'Home'), wipes('ord-2', 'Mon', 'Office')],
      ['Pampers Wipes · ord-1 · Home', 'Pampers Wipes · ord-2 · Office'],
    ],
    [
      'different products keep their plain names',
      [wipes('ord-1', 'Mon'), { id: 'ord-2', name: 'Brush Heads', details: ['ord-2', 'Mon', 'Home'] }],
      ['Pampers Wipes', 'Brush Heads'],
    ],
  ])('%s', (_name, items, labels) => {
    expect(tellApart(items, (i) => i.details).map((i) => i.name)).toEqual(labels);
  });

  const options = ['Pampers Wipes · ord-1 · Mon, Nov 23', 'Pampers Wipes · ord-2 · Wed, Nov 25'];
  const kOptions = ['베베숲 물티슈 · ord-1 · 11월 23일 (월)', '베베숲 물티슈 · ord-2 · 11월 25일 (수)'];
  it.each([
    ['the one arriving Monday', options, 0],
    ['the wednesday one', options, 1],
    ['ord-2', options, 1],
    ['the one from ord-1 please', options, 0],
    ['the second one', options, 1],
    ['수요일에 오는 거', kOptions, 1],
    ['월요일 거요', kOptions, 0],
    ['yes', options, undefined],
    ['yes', [options[0]!], 0],
    ['네', [kOptions[1]!], 0],
    ['the one arriving Friday', options, undefined],
  ])('"%s" picks option %#', (text, opts, index) => {
    const picked = chooseByText(text, opts, (o) => o);
    expect(picked === undefined ? undefined : opts.indexOf(picked)).toBe(index);
  });
});
