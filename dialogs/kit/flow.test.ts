import { describe, expect, it } from 'vitest';
import { chooseByText, narrowByWords, pointNamed, tellApart } from './flow.js';

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

describe('a brand, part of a name or one slip of it answers a choice (issue 21)', () => {
  const ko = ['앱솔루트 명작 분유 2단계 800g', '제주 삼다수 2L 12병', '신라면 멀티팩 5개입'];
  const en = ['Tide Free & Gentle Laundry Detergent, 92 oz', 'Nike Revolution 7 Running Shoes, size 10'];
  it.each([
    ['앱솔', ko, 0],
    ['삼다수로요', ko, 1],
    ['삼다스', ko, 1],
    ['신라면이요', ko, 2],
    ['nike', en, 1],
    ['the nikey ones', en, 1],
    ['tide please', en, 0],
    ['NIKE', en, 1],
    // Nothing close enough, or close to more than one.
    ['where is my order', en, undefined],
    ['the ones', en, undefined],
    ['배송 언제 와요', ko, undefined],
    ['멀티', ['신라면 멀티팩 5개입', '진라면 멀티팩 5개입'], undefined],
    ['ti', en, undefined],
    ['tid', en, 0],
  ] as const)('"%s" picks option %#', (text, opts, index) => {
    const list: string[] = [...opts];
    const picked = chooseByText(text, list, (o) => o);
    expect(picked === undefined ? undefined : list.indexOf(picked)).toBe(index);
  });
});

describe('a pick-up point is answered by its brand as people say it', () => {
  const stores = [{ name: 'CU 역삼중앙점' }, { name: 'GS25 테헤란점' }];
  const lockers = [{ name: 'GS25 역삼점 무인택배함' }, { name: '세븐일레븐 선릉점 무인택배함' }];
  const us = [{ name: '7-Eleven Elm & 2nd' }, { name: 'Oak Plaza Parcel Locker' }];
  it.each([
    ['CU로 할게', stores, 0],
    ['씨유요', stores, 0],
    ['cu', stores, 0],
    ['지에스로 해 주세요', stores, 1],
    ['GS로 할게요', stores, 1],
    ['세븐에 맡길게요', lockers, 1],
    ['the seven eleven one', us, 0],
    ['7-11 please', us, 0],
    ['oak plaza', us, 1],
    // A brand offered twice, or none offered, chooses nothing.
    ['GS25', [{ name: 'GS25 역삼점' }, { name: 'GS25 테헤란점' }], undefined],
    ['이마트요', stores, undefined],
    ['그만할게요', stores, undefined],
  ] as const)('"%s" picks point %#', (text, points, index) => {
    const list = [...points];
    const picked = pointNamed(list, text);
    expect(picked === undefined ? undefined : list.indexOf(picked)).toBe(index);
  });
});
