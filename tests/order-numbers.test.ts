import { describe, expect, it } from 'vitest';
import { customerNumber, namesRecord } from '../domain/references.js';

describe('the number a customer sees for a record', () => {
  it.each([
    ['ord-2681d657', '2681D657'],
    ['ord-1001', '1001'],
    ['esc-9f0c1a2b3c4d5e6f', '9F0C1A2B3C4D5E6F'],
    ['ord-slow-1', 'SLOW-1'],
    ['o-shoes', 'SHOES'],
    ['2681D657', '2681D657'],
  ])('%s is shown as %s', (id, shown) => expect(customerNumber(id)).toBe(shown));

  it.each([
    ['2681D657', 'ord-2681d657', true],
    ['주문번호 2681d657 이요', 'ord-2681d657', true],
    ['2681D657번 주문 취소해 주세요', 'ord-2681d657', true],
    ['ord-2681d657', 'ord-2681d657', true],
    ['order number 2681D657 please', 'ord-2681d657', true],
    ['2681D65', 'ord-2681d657', false],
    ['2681D6570', 'ord-2681d657', false],
    ['1001', 'ord-1001', true],
    ['10011', 'ord-1001', false],
    ['두 번째', 'ord-1001', false],
  ])('"%s" names %s: %s', (text, id, named) => expect(namesRecord(text, id)).toBe(named));
});
