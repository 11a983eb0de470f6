/**
 * Answers to a yes/no question, in both languages: a closed class of the short replies customers actually send
 * ("응응", "ㅇㅋ", "넵", "좋아요", "괜찮아요", "됐어요", "아니 그냥 둘게요", "ok", "nope"). It is asked only while Smile
 * waits for a confirmation (engine/understand.ts), where such a reply can mean nothing else; a message with anything
 * more in it ("아니 금요일 저녁으로", "no, to my office") is not in the class and goes to the classifier as usual.
 */
export type YesNo = 'affirm' | 'deny';

/** Whole replies, as they are written once decorations ("!", "~", "ㅎㅎ") are taken off. */
const AFFIRM = new Set([
  '응',
  '웅',
  '어',
  '엉',
  'ㅇ',
  'ㅇㅋ',
  '오키',
  '오케이',
  '콜',
  '네',
  '넵',
  '넹',
  '네네',
  '예',
  '예스',
  '좋아',
  '좋아요',
  '좋습니다',
  '그래',
  '그래요',
  '그럼요',
  '맞아',
  '맞아요',
  '그렇게 해',
  '그렇게 해 줘',
  '그렇게 해 주세요',
  '그렇게 해줘',
  '그렇게 해주세요',
  '해 주세요',
  '해주세요',
  '진행해 주세요',
  '진행해주세요',
  '진행해',
  '부탁해요',
  '부탁드려요',
  '부탁합니다',
  '네 부탁해요',
  '네 좋아요',
  '응 좋아',
  '네 그렇게 해 주세요',
  '네 맞아요',
  '확인',
  '주문해 주세요',
  '주문해주세요',
  'yes',
  'y',
  'yeah',
  'yea',
  'yep',
  'yup',
  'sure',
  'ok',
  'okay',
  'okey',
  'k',
  'kk',
  'alright',
  'go ahead',
  'please do',
  'yes please',
  'ok please',
  'sounds good',
  'do it',
  'confirm',
]);
const DENY = new Set([
  '아니',
  '아니요',
  '아뇨',
  '아니오',
  '아니에요',
  'ㄴ',
  'ㄴㄴ',
  '노',
  '놉',
  '괜찮아',
  '괜찮아요',
  '괜찮습니다',
  '됐어',
  '됐어요',
  '됐습니다',
  '그냥 둘게요',
  '그냥 둘래요',
  '그냥 놔둘게요',
  '그냥 두세요',
  '그대로 둘게요',
  '그대로 두세요',
  '안 할래요',
  '안할래요',
  '안 해요',
  '안 할게요',
  '싫어',
  '싫어요',
  '필요 없어요',
  '필요없어요',
  '아니 괜찮아요',
  '아니요 괜찮아요',
  '아니 됐어요',
  '아니요 됐어요',
  '아니 그냥 둘게요',
  '아니요 그냥 둘게요',
  '아니 괜찮아',
  '아니 됐어',
  '아니 그냥 둘래요',
  '아니요 그냥 두세요',
  '하지 마세요',
  '하지마세요',
  'no',
  'n',
  'nope',
  'nah',
  'no thanks',
  'no thank you',
  'not now',
  'no need',
  "don't",
  'dont',
]);

/** Takes off what decorates a short reply: end punctuation, laughter after a word, emoji, doubled spaces. */
function normalise(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\p{Extended_Pictographic}\uFE0F]/gu, '')
    .replace(/[.!?~…^;,]+/g, ' ')
    .replace(/(?<=[가-힣a-z])[ㅎㅋ]+(?=\s|$)/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * What a question asks, for the replies whose meaning depends on it. An offer or a request to confirm ("이대로 주문할까요?",
 * "상담원을 연결해 드릴까요?") takes "괜찮아요" / "됐어요" as a polite no; a check of a fact ("12개가 맞나요?", "is that
 * time all right?") takes "괜찮아요" (it is fine) as a yes.
 */
export type QuestionKind = 'offer' | 'check';

/** "It is fine": a no thank-you to an offer, a yes to a check. */
const FINE = new Set(['괜찮아', '괜찮아요', '괜찮습니다', '괜찮네요']);

/**
 * The polite refusals of the closed class: "괜찮아요", "됐어요", "그냥 둘게요", "필요 없어요", "no thanks". Said to a
 * question that is not a yes/no one ("which time?", "which item?") they mean "never mind"; a bare "아니요" or "no" is
 * left out, since it often starts a correction of the choice ("no, the other one").
 */
export function politeRefusal(text: string): boolean {
  const t = normalise(text);
  if (!DENY.has(t)) return false;
  return !/^(?:아니|아니요|아뇨|아니오|아니에요|ㄴ|ㄴㄴ|노|놉|no|n|nope|nah|don't|dont)$/.test(t);
}

/** "affirm" or "deny" when the whole message is a yes or a no, else null. */
export function yesNoAnswer(text: string, question: QuestionKind = 'offer'): YesNo | null {
  const t = normalise(text);
  if (!t || t.length > 24) return null;
  if (question === 'check' && FINE.has(t)) return 'affirm';
  if (FINE.has(t)) return 'deny';
  if (AFFIRM.has(t)) return 'affirm';
  if (DENY.has(t)) return 'deny';
  // Repeated and doubled forms: "응응응", "ㅇㅇㅇ", "ㅇㅋㅇㅋ", "넵넵", "ㄴㄴㄴ", "네 네".
  const squashed = t.replace(/\s+/g, '');
  if (/^(?:응|웅|네|넵|넹|예|ㅇ|ㅇㅋ|ok|yes)+$/.test(squashed)) return 'affirm';
  if (/^(?:ㄴ|아니|아뇨|no)+$/.test(squashed)) return 'deny';
  return null;
}
