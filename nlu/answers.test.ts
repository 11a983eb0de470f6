import { describe, expect, it } from 'vitest';
import { yesNoAnswer } from './answers.js';
import { chooseLocales, evidentLanguage } from '../engine/locale.js';
import { initialState } from '../dialogs/types.js';
import type { Turn } from '../engine/types.js';
import type { ConversationRecord } from '../store/port.js';

describe('one-word and jamo answers to a yes/no question', () => {
  it.each([
    '응',
    '응응',
    '응응응',
    'ㅇㅇ',
    'ㅇㅋ',
    'ㅇㅋㅇㅋ',
    '네',
    '넵',
    '넵!',
    '네~',
    '좋아요',
    '좋아요ㅎㅎ',
    '그래요',
    '네 좋아요',
    'ok',
    'OK',
    'Ok!',
    'okay',
    'yes',
    'yep',
    '👍 네',
  ])('when the customer answers "%s", then it is yes', (text) => expect(yesNoAnswer(text)).toBe('affirm'));

  it.each(['아니', '아니요', '아뇨', 'ㄴㄴ', 'ㄴㄴㄴ', '괜찮아요', '됐어요', '아니 그냥 둘게요', '아니요, 괜찮아요.', 'no', 'No thanks', 'nope'])(
    'when the customer answers "%s", then it is no',
    (text) => expect(yesNoAnswer(text)).toBe('deny'),
  );

  it.each(['아니 금요일 저녁으로', '네 근데 회사로 보내 주세요', '두 개로 해 줘', 'no, to my office', 'CU', 'GS25', '상담원 연결', '물티슈'])(
    'when the answer says more ("%s"), then it is left to the classifier',
    (text) => expect(yesNoAnswer(text)).toBeNull(),
  );
});

describe("a one-word Latin answer keeps the conversation's language", () => {
  const turn = { locale: undefined } as unknown as Turn;
  const record = { locale: 'ko-KR' } as unknown as ConversationRecord;
  it.each(['ok', 'OK', 'CU', 'GS25', 'yes', 'nike', 'Huggies', 'sonicaer'])(
    'when a Korean conversation gets "%s", then replies stay Korean',
    (text) => {
      expect(evidentLanguage(text)).toBeNull();
      expect(chooseLocales(turn, record, initialState(), null, text).reply).toBe('ko-KR');
    },
  );
});

describe('a whole sentence in the other language changes the reply language', () => {
  const turn = { locale: undefined } as unknown as Turn;
  const record = { locale: 'ko-KR' } as unknown as ConversationRecord;
  it.each(['the nike ones', 'where is my order', 'Huggies please'])('when a Korean conversation gets "%s", then replies are English', (text) => {
    expect(chooseLocales(turn, record, initialState(), null, text).reply).toBe('en-US');
  });
  it('when an English conversation gets a Korean word, then replies are Korean', () => {
    const en = { locale: 'en-US' } as unknown as ConversationRecord;
    expect(chooseLocales(turn, en, initialState(), null, '네').reply).toBe('ko-KR');
  });
});
