import type { Locale } from './catalogue.js';

/**
 * Chat shorthand, written out before anything reads the message: customers type "pls", "pkg", "cncl", "wheres",
 * "y" / "n", "월욜", "ㄱㄴ?", "ㅇㅋ", and neither the classifier nor the lexicons know those spellings. Whole words
 * only (a word's own letters are never rewritten inside a longer word), so a product name is left alone.
 */
const EN_WORDS: Record<string, string> = {
  pls: 'please',
  plz: 'please',
  pleez: 'please',
  u: 'you',
  ur: 'your',
  r: 'are',
  thx: 'thanks',
  thnx: 'thanks',
  tnx: 'thanks',
  ty: 'thank you',
  tysm: 'thank you so much',
  pkg: 'package',
  pkgs: 'packages',
  pckg: 'package',
  parcle: 'parcel',
  cncl: 'cancel',
  cxl: 'cancel',
  canx: 'cancel',
  ord: 'order',
  addr: 'address',
  deliv: 'delivery',
  tmr: 'tomorrow',
  tmrw: 'tomorrow',
  tmw: 'tomorrow',
  tomoz: 'tomorrow',
  '2moro': 'tomorrow',
  '2morrow': 'tomorrow',
  tonite: 'tonight',
  b4: 'before',
  nvm: 'never mind',
  wheres: 'where is',
  whats: 'what is',
  hows: 'how is',
  whens: 'when is',
  wont: "won't",
  cant: "can't",
  dont: "don't",
  didnt: "didn't",
  isnt: "isn't",
  hasnt: "hasn't",
  havent: "haven't",
  im: "I'm",
  k: 'ok',
  kk: 'ok',
  okie: 'ok',
  y: 'yes',
  ya: 'yes',
  yh: 'yes',
  mhm: 'yes',
  mm_hmm: 'yes',
  uh_huh: 'yes',
  n: 'no',
  nah: 'no',
  nope: 'no',
  asap: 'as soon as possible',
  info: 'information',
  msg: 'message',
  ppl: 'people',
  rn: 'right now',
  smth: 'something',
  sth: 'something',
  agnt: 'agent',
};

const EN_RE = new RegExp(
  `(?<![\\w'-])(${Object.keys(EN_WORDS)
    .map((w) => w.replace(/[-_]/g, (c) => (c === '_' ? '[ -]' : '\\-')))
    .sort((a, b) => b.length - a.length)
    .join('|')})(?![\\w'-])`,
  'gi',
);

/** Korean shorthand: consonant-only words and shortened weekdays. */
const KO_RULES: Array<[RegExp, string]> = [
  // 월욜, 화욜 … 일욜 → 월요일 …
  [/([월화수목금토일])욜/g, '$1요일'],
  [/(?<![가-힣])낼(?=[\s?!.]|$|은|도|까지|로)/g, '내일'],
  [/ㅇㅇ|ㅇㅋ|ㅇㅈ/g, ' 네 '],
  [/ㄴㄴ|ㄴㄴㄴ/g, ' 아니요 '],
  [/(?<![가-힣])놉(?![가-힣])/g, '아니요'],
  [/ㄱㄴ/g, ' 가능 '],
  [/ㄱㄱ/g, ' 해줘 '],
  [/ㄱㅅ|ㄳ/g, ' 감사 '],
  [/ㅈㅅ/g, ' 죄송 '],
  [/ㅎㅇ/g, ' 안녕 '],
  [/ㅃㄹ/g, ' 빨리 '],
  // Laughter, sighs and dashes carry no request ("ㅋㅋ", "ㅠㅠ", "ㅡㅡ").
  [/[ㅋㅎㅠㅜㅡ]{2,}/g, ' '],
];

export function expandChat(text: string, locale: Locale): string {
  if (locale === 'ko-KR') {
    let out = text;
    for (const [re, by] of KO_RULES) out = out.replace(re, by);
    // English shorthand in a Korean message ("talk to agent pls").
    out = out.replace(EN_RE, (w) => EN_WORDS[w.toLowerCase().replace(/[ -]/g, '_')] ?? EN_WORDS[w.toLowerCase()] ?? w);
    return out === text ? text : out.replace(/\s+/g, ' ').trim();
  }
  return text.replace(EN_RE, (w) => EN_WORDS[w.toLowerCase().replace(/[ -]/g, '_')] ?? EN_WORDS[w.toLowerCase()] ?? w);
}
