import type { Locale } from './locale.js';

/**
 * A courier note as the courier will read it: the instruction only, written as an instruction. The customer's chat
 * around it — how they asked ("tell the driver to", "the note should say:", "기사님께 … 전해 주세요"), a sigh or an
 * emoticon — is not for the courier, and a Korean note reads as a shop writes one ("문 앞에 놔 주세요. 벨 누르지 마세요",
 * not "문앞에 놔주세요 벨 누르지 마시고").
 */
export function courierNote(said: string, locale: Locale): string {
  const bare = said
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[ㅠㅜㅎㅋ]{2,}|[~^]{2,}|[🙏🙂😊😅]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  // The note's own script decides (a Korean customer may write it in English); the locale only breaks a tie.
  return /[가-힣]/.test(bare) || (locale === 'ko-KR' && !/[a-z]/i.test(bare)) ? korean(bare) : english(bare);
}

/** How English asks for a note, before the note itself: left out. */
const EN_ASKING = [
  /^(?:ugh+|oh|hey|hi|hello|btw|ok(?:ay)?|so|also|and|plus|hmm+|um+|no|nah|actually|wait|sorry|one more thing)\b[,.!\s]+/i,
  /^(?:can|could|would|will) you\s+/i,
  /^(?:please|pls|plz)\s+/i,
  /^(?:tell|ask|let) (?:the|my|your|our) (?:courier|driver|delivery (?:guy|person|driver|man|people)|mail ?man|carrier)(?: know)?(?: (?:to|that))?\s+/i,
  /^(?:the|my) (?:note|instructions?|message)(?: for the (?:courier|driver))? (?:should |must |can |to |will )?(?:say|read)s?\b[:\s]*/i,
  /^(?:courier|driver|delivery) (?:instructions?|note)\b[:\s]*/i,
  /^(?:leave|add|put|write|save) (?:a|the|this) (?:note|message)(?: for the (?:courier|driver))?(?: (?:saying|that says|to say))?[:\s]+/i,
  /^(?:note|say|write)\s*:\s*/i,
  /^say\s+(?=["'])/i,
];

function english(text: string): string {
  let note = text;
  for (let before = ''; before !== note;) {
    before = note;
    for (const re of EN_ASKING) note = note.replace(re, '').trim();
  }
  note = note
    .replace(/^["'“”]+|["'“”]+$/g, '')
    .replace(/[,\s]+(?:please|pls|plz|thanks|thank you|thx)[.!]*$/i, '')
    .trim();
  return note.charAt(0).toUpperCase() + note.slice(1);
}

/** How Korean asks for a note around it ("기사님께 … 라고 전해 주세요", "요청사항은 …"): left out. */
const KO_ASKING_BEFORE = [
  /^(?:아+|어+|음+|참|그리고|아 그리고|그럼|그냥|그리고요)[,.!\s]+/,
  /^(?:택배\s*)?기사님(?:께|한테|에게|께서는)?\s+/,
  /^(?:배송\s*)?요청\s*사항(?:은|는|에|으로|:)?\s*/,
];
const KO_TELL = String.raw`\s*(?:전해|말해|말씀해|적어|남겨|써)\s*(?:주세요|줘요|줘|주실래요)[.!?]*$`;
/** "…라고 전해 주세요" leaves the words said; "…가 달라고 전해 주세요" leaves the request ("…가 주세요"). */
const KO_ASKING_AFTER = new RegExp(String.raw`\s*(?:이?라고|다고)` + KO_TELL);
const KO_ASKING_FOR = new RegExp(String.raw`\s*달라고` + KO_TELL);

function korean(text: string): string {
  let note = text;
  for (let before = ''; before !== note;) {
    before = note;
    for (const re of KO_ASKING_BEFORE) note = note.replace(re, '').trim();
  }
  note = note
    .replace(KO_ASKING_FOR, ' 주세요')
    .replace(KO_ASKING_AFTER, '')
    .replace(/^["'“”]+|["'“”]+$/g, '');
  return (
    note
      // Spacing as a shop writes it: 문 앞, and the helping verb apart ("놔 주세요", "맡겨 주세요").
      .replace(/문앞/g, '문 앞')
      .replace(/([가-힣])(주세요|주시고|주시면)/g, (m, a: string, b: string) =>
        a === '해' || /[아어여와워놔줘둬겨러봐춰]$/.test(a) ? `${a} ${b}` : m,
      )
      // A clause left hanging at the end on a joining ending ("…누르지 마시고", "…두시고") is a request of its own (one in
      // the middle, "벨 누르지 말고 문 앞에 두세요", is already good Korean).
      .replace(/지\s*(?:마시고|말고|말아\s*주시고)(?:요)?$/, '지 마세요')
      .replace(/(주|두|하|놓으|넣으)시고(?:요)?$/, '$1세요')
      // Two requests, two sentences.
      .replace(/(세요|해요|어요|아요)\s+(?=[가-힣])/g, '$1. ')
      .replace(/[\s.]+$/, '')
      .trim()
  );
}

/**
 * A correction of a note being confirmed ("say side gate not back door", "뒷문 말고 옆문이요"): the words set aside
 * are replaced in the note by the ones said instead. Null when the correction names nothing in the note.
 */
export function correctedNote(note: string, said: string): string | null {
  const en =
    /^(?:(?:actually|no|sorry|oops|wait)\b[,.!\s]*)*(?:(?:say|make it|put|write|it'?s)\s+)?(.+?)\s*,?\s+(?:not|instead of|rather than)\s+(?:the\s+)?(.+?)[.!]*$/i.exec(
      said.trim(),
    );
  const ko = /^(?:(?:아+|아니|아니요|아 아니다|정정)[,.!\s]*)*(.+?)\s*(?:말고|대신|아니고|아니라)\s*(.+?)(?:이요|요|으로요|로요|으로|로)?[.!]*$/.exec(
    said.trim(),
  );
  const swaps: Array<[string, string]> = [];
  if (en) swaps.push([en[2] ?? '', en[1] ?? '']);
  if (ko) swaps.push([ko[1] ?? '', ko[2] ?? '']);
  for (const [out, into] of swaps) {
    const at = note.toLowerCase().indexOf(out.toLowerCase().replace(/^the\s+/, ''));
    const word = out.replace(/^the\s+/i, '');
    if (!word.trim()) continue;
    if (at >= 0 && into.trim() && !note.toLowerCase().includes(into.toLowerCase())) {
      const edited = note.slice(0, at) + into.replace(/^the\s+/i, '') + note.slice(at + word.length);
      // "현관 앞에" corrected to "계단 옆" is "계단 옆에", not "계단 옆 앞에": a spot said with its own side keeps it.
      return edited.replace(/(옆|앞|뒤|안|위|아래|밑)\s+앞/g, '$1');
    }
  }
  return null;
}
