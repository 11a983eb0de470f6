import { describe, expect, it } from 'vitest';
import { chooseByText, narrowByWords, tellApart } from './flow.js';

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

describe('a free answer narrowed to the options its words point at', () => {
  const en = ['Drop off at a convenience store', 'Drop off at a parcel locker', 'Courier pick-up'];
  const ko = ['편의점 접수', '무인택배함 접수', '기사님 방문 수거'];
  it.each([
    ['drop off', en, [0, 1]],
    ["I'll drop it off at the store", en, [0]],
    ['locker please', en, [1]],
    ['have the courier come', en, [2]],
    ['whatever', en, []],
    // A word every option shares narrows nothing.
    ['the', en, []],
    ['직접 접수할게요', ko, [0, 1]],
    ['편의점에 맡길게요', ko, [0]],
    ['기사님이 가져가 주세요', ko, [2]],
  ])('%s', (text, options, expected) => {
    expect(narrowByWords(text, options, (o) => o)).toEqual(expected.map((i) => options[i]));
  });
});
