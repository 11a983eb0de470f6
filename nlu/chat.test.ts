import { describe, expect, it } from 'vitest';
import { expandChat } from './chat.js';

// Sentences written for this test.
describe('chat shorthand is written out before the message is read', () => {
  it.each([
    ['en-US', 'pls cncl the toothbrush heads', 'please cancel the toothbrush heads'],
    ['en-US', 'wheres my pkg?', 'where is my package?'],
    ['en-US', 'can u move it to tmrw', 'can you move it to tomorrow'],
    ['en-US', 'y', 'yes'],
    ['en-US', 'N', 'no'],
    ['en-US', 'thx!', 'thanks!'],
    // Whole words only: letters inside longer words and product names stay.
    ['en-US', 'reorder the Yummy Pocky sticks', 'reorder the Yummy Pocky sticks'],
    ['en-US', "the n95 masks haven't come", "the n95 masks haven't come"],
    ['ko-KR', '월욜 대신 금욜에 받을래요', '월요일 대신 금요일에 받을래요'],
    ['ko-KR', '검정으로 교환 ㄱㄴ?', '검정으로 교환 가능 ?'],
    ['ko-KR', 'ㅇㅋ', '네'],
    ['ko-KR', '놉', '아니요'],
    ['ko-KR', '물티슈 언제 와요ㅠㅠ', '물티슈 언제 와요'],
    ['ko-KR', '상담원 연결 pls', '상담원 연결 please'],
    ['ko-KR', '노트북 거치대 다시 주문해 줘', '노트북 거치대 다시 주문해 줘'],
  ] as const)('%s "%s" reads as "%s"', (locale, typed, read) => {
    expect(expandChat(typed, locale)).toBe(read);
  });
});
