import { describe, expect, it } from 'vitest';
import { promptKeys, sayAny } from './index.js';
import { dateText, money, timeText, windowText } from './format.js';
import { particle, type ParticlePair } from './korean.js';

/*
 * The Korean copy test: every Korean prompt rendered with sample values — words with and without a final consonant,
 * ending in ㄹ, numbers ending in every digit, units read aloud (g, L, mm) — fails on a particle pair, a wrong particle
 * after a value, ₩, AM/PM, or an English word that is not part of a value (product and store names, order numbers).
 */
const SEOUL = 'Asia/Seoul';
const WORDS = [
  '물티슈',
  '신라면 멀티팩 5개입',
  '서울',
  '분유 800g',
  '삼다수 2L',
  '운동화 260mm',
  'GS25 역삼점',
  'CU 역삼중앙점',
  '기저귀 3단계',
  '물티슈 10팩',
];
const window = (d: number, h: number, m = 0) => ({
  start: `2026-11-${20 + d}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00+09:00`,
  end: `2026-11-${20 + d}T${String(h + 3).padStart(2, '0')}:00:00+09:00`,
});

function samples(i: number): Record<string, string> {
  const word = WORDS[i % WORDS.length]!;
  const other = WORDS[(i + 3) % WORDS.length]!;
  const iso = `2026-11-2${i % 8}T${String(9 + i).padStart(2, '0')}:${i % 2 ? '30' : '00'}:00+09:00`;
  return {
    name: i % 2 ? '민준' : '서연',
    first: word,
    intent: '반품 신청',
    query: word,
    place: other,
    quantity: String(i + 1),
    product: word,
    total: money(59800 + i * 1001, 'KRW', 'ko-KR'),
    subtotal: money(12900 + i * 1001, 'KRW', 'ko-KR'),
    fee: money(3000, 'KRW', 'ko-KR'),
    threshold: money(30000, 'KRW', 'ko-KR'),
    destination: other,
    window: windowText(window(i % 8, 6 + i), 'ko-KR', SEOUL),
    orderId: `2681D65${i}`,
    reason: ['사이즈 맞지 않음', '단순 변심', '"색이 사진이랑 달라요"'][i % 3]!,
    hours: ['05:30–24:00', '24/7', '6:00–23:00'][i % 3]!,
    due: word,
    count: String(10 + i),
    open: String(1 + (i % 3)),
    flow: ['재주문', '배송지 변경', '반품 신청'][i % 3]!,
    from: windowText(window(i % 8, 9), 'ko-KR', SEOUL),
    to: windowText(window((i + 1) % 8, 12 + (i % 7), i % 2 ? 30 : 0), 'ko-KR', SEOUL),
    note: '문 앞에 놓아 주세요',
    saved: '경비실에 맡겨 주세요',
    where: other,
    refund: money(169000 + i, 'KRW', 'ko-KR'),
    code: `63340${i}`,
    link: 'https://shop.example/p/1',
    date: dateText(iso, 'ko-KR', SEOUL),
    words: word,
    choices: `1: ${word}; 2: ${other}`,
    others: `${word}, ${other}`,
    until: timeText(iso, 'ko-KR', SEOUL),
    day: dateText(iso, 'ko-KR', SEOUL),
    time: timeText(iso, 'ko-KR', SEOUL),
    tail: `014${i}`,
    agent: '김하나',
    last: '배송이 너무 늦게 왔어요',
    orders: String(i),
    text: '대부분의 상품은 30일 안에 반품할 수 있어요.',
    source: '반품 정책',
    topics: '환불 시점, 주문 취소',
    position: String(i + 1),
    address: '서울시 강남구 테헤란로 12' + String(i),
    nearest: other,
    wanted: `${i + 1}단계`,
    caseId: `3F2A9C0D1E5B770${i}`,
    leftAt: ['현관 앞', '경비실', '무인택배함', '문 앞'][i % 4]!,
    problem: ['상품 미수령', '상품 파손'][i % 2]!,
    description: '상자가 찌그러져서 왔어요',
    shipment: `shp-200${i}`,
    proof: `${dateText(iso, 'ko-KR', SEOUL)} ${timeText(iso, 'ko-KR', SEOUL)}, 현관 앞, 사진`,
    usual: String(i + 1),
    url: `https://smile.example/link/abc${i}`,
    interval: ['2주마다', '매달 첫째 주 토요일', '10일마다'][i % 3]!,
    delivery: i % 2 ? '새벽배송(오전 7시 전 도착)' : '일반 배송',
    price: money(25800 + i * 100, 'KRW', 'ko-KR'),
    next: dateText(iso, 'ko-KR', SEOUL),
    nth: ['첫째', '둘째', '마지막'][i % 3]!,
    weekday: ['토요일', '월요일'][i % 2]!,
    items: `${word} · ${i + 1}개, ${other} · 1개`,
  };
}

const PAIRED = /\((?:으|을|를|이|가|은|는|와|과)\)|(?:을|이|은|으로|와|과)\/(?:를|가|는|로|과|와)/;
/** Particles as they are written after a value, longest first, with the pair each belongs to. */
const FORMS: Array<[string, ParticlePair]> = [
  ['으로', '으로/로'],
  ['이에요', '이에요/예요'],
  ['예요', '이에요/예요'],
  ['로', '으로/로'],
  ['을', '을/를'],
  ['를', '을/를'],
  ['은', '은/는'],
  ['는', '은/는'],
  ['이', '이/가'],
  ['가', '이/가'],
  ['과', '와/과'],
  ['와', '와/과'],
];

/** Every particle written right after a sample value that is not the one the value takes. */
function wrongParticles(text: string, values: string[]): string[] {
  const wrong: string[] = [];
  for (const v of new Set(values)) {
    if (!/[\p{L}\p{N}]$/u.test(v)) continue;
    for (let at = text.indexOf(v); at >= 0; at = text.indexOf(v, at + 1)) {
      const rest = text.slice(at + v.length);
      const form = FORMS.find(([f]) => rest.startsWith(f));
      // "물티슈가" is checked; "물티슈 가져가서" is not a particle (a space follows the value).
      if (form && particle(v, form[1]) !== form[0] && !(form[0] === '이' && rest.startsWith('이에요'))) wrong.push(`${v}${form[0]}`);
    }
  }
  return wrong;
}

describe('every Korean prompt, rendered with sample values', () => {
  const keys = promptKeys('ko-KR');
  it.each(Array.from({ length: 10 }, (_, i) => i))(
    'when sample set %i is used, then the copy has no pair, wrong particle, ₩, AM/PM or stray English',
    (i) => {
      const params = samples(i);
      const values = Object.values(params);
      for (const key of keys) {
        const text = sayAny('ko-KR', key, params);
        expect(text, key).not.toMatch(PAIRED);
        expect(wrongParticles(text, values), `${key}: ${text}`).toEqual([]);
        expect(text, key).not.toMatch(/₩|\b[AP]M\b|\d{1,2}:\d{2}/);
        const withoutValues = values
          .filter((v) => v.length > 1)
          .sort((a, b) => b.length - a.length)
          .reduce((t, v) => t.split(v).join(' '), text);
        expect(withoutValues.match(/[A-Za-z]{2,}/g), `${key}: English in "${text}"`).toBeNull();
      }
    },
  );

  it('when a Korean line is read by a messenger customer, then it never sends them to the Alexa app (voice is English-only)', () => {
    const params = samples(0);
    // The agent console and the agent's summary name the channel a conversation came from; only agents read them.
    const customerKeys = keys.filter((k) => !k.startsWith('console.') && !k.startsWith('summary.'));
    const naming = customerKeys.filter((k) => /알렉사|Alexa|스피커/.test(sayAny('ko-KR', k, params)));
    expect(naming).toEqual([]);
  });

  it('when a Korean line tells the customer where a reply will come, then it is this chat, not "the shop app\'s chat"', () => {
    const params = samples(0);
    const elsewhere = keys.filter((k) => !k.startsWith('handoff.voice') && /쇼핑몰 앱 (?:대화방|채팅)/.test(sayAny('ko-KR', k, params)));
    expect(elsewhere).toEqual([]);
  });

  it('when Smile speaks first (a notice or a reorder nudge), then the bubble is short: what happened first, one question at most, last', () => {
    // A KakaoTalk bubble is read at a glance: the product and what happened on the first line, the details on their own
    // labelled lines, and one thing to do. Long links are values, not copy.
    const params = { ...samples(3), product: '베베숲 물티슈 캡형 70매 10팩', link: 'L' };
    const proactive = keys.filter((k) => k.startsWith('notify.') || k.startsWith('nudge.reorder'));
    expect(proactive.length).toBeGreaterThan(10);
    for (const key of proactive) {
      const lines = sayAny('ko-KR', key, params).split('\n');
      expect(lines.length, key).toBeLessThanOrEqual(4);
      for (const line of lines) expect(line.length, `${key}: "${line}"`).toBeLessThanOrEqual(60);
      const asks = lines.filter((l) => l.includes('?'));
      expect(asks.length, key).toBeLessThanOrEqual(1);
      if (asks.length) expect(lines.at(-1), key).toMatch(/\?$/);
    }
  });

  it('when a Korean prompt is a button, then KakaoTalk shows it whole (at most 14 characters) and apart from the others offered with it', () => {
    // The prompts Smile offers as quick replies, grouped as they are offered together.
    const groups = ['suggest.', 'clarify.', 'method.', 'problem.kind.', 'place.option.', 'place.note_merge.', 'nudge.suggest.', 'reason.'].map(
      (prefix) => keys.filter((k) => k.startsWith(prefix) && !k.startsWith('reason.handoff.')),
    );
    for (const group of groups) {
      expect(group.length).toBeGreaterThan(1);
      const labels = group.map((k) => sayAny('ko-KR', k, {}));
      for (const [i, label] of labels.entries()) expect(label.length, `${group[i]}: "${label}"`).toBeLessThanOrEqual(14);
      expect(new Set(labels).size, labels.join(' | ')).toBe(labels.length);
    }
  });

  it('when the checker meets a wrong particle, then it reports it (the test can fail)', () => {
    expect(wrongParticles('물티슈을 보낼게요', ['물티슈'])).toEqual(['물티슈을']);
    expect(wrongParticles('분유 800g를 보낼게요', ['분유 800g'])).toEqual(['분유 800g를']);
    expect(wrongParticles('서울으로 갈게요', ['서울'])).toEqual(['서울으로']);
    expect(wrongParticles('633401를 보여 주세요', ['633401'])).toEqual(['633401를']);
    expect(wrongParticles('물티슈를 보낼게요. 집으로 가요', ['물티슈', '집'])).toEqual([]);
  });
});
