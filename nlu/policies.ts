import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Locale } from './catalogue.js';
import { StopwordsEn } from '@nlpjs/lang-en-min';
import { features } from './features.js';

const stopwords = new StopwordsEn();
/** Question words mean time or money in a policy ("how long" is about days). */
const EXPANSIONS: Array<[RegExp, string]> = [
  [/\bhow long\b|\btake\b|얼마나 걸|며칠|언제까지/i, ' days within 일 이내 기간 '],
  [/\bhow much\b|\bcost\b|\bfees?\b|\bcharge\b|\bpay\b|\bshipping\b|얼마(?!나)|비용|수수료|배송비|내야/i, ' fee free 무료 배송비 '],
  // How long a delivery takes is what the delivery policy calls its earliest window ("usually the next day").
  [
    /(배송|배달|택배|\bdeliver\w*|\bship\w*).*(얼마나 걸|며칠|\bhow long\b|\bhow fast\b)|(얼마나 걸|며칠|\bhow long\b|\bhow fast\b).*(배송|배달|택배|\bdeliver\w*|\bship\w*|\barrive\b)/i,
    ' earliest window next day 가장 빠른 시간대 다음 날 ',
  ],
  [/\bkeep\b|\bwait\b|\bhold\b|보관/i, ' wait days 보관 '],
  // An opened item is what the returns policy calls opened (개봉): "뜯은 상품", "뜯어 봤는데".
  [/뜯은|뜯어|뜯었|개봉|\bopened\b|\bused\b/i, ' 개봉한 opened '],
];

export interface Passage {
  source: string;
  title: string;
  text: string;
}
export interface Retrieved extends Passage {
  score: number;
}

const DIR = fileURLToPath(new URL('../prompts/policies/', import.meta.url));

/** The policy documents of a locale, one passage per section ("## ..."), each named by file and section. */
export function loadPolicies(locale: Locale, dir = DIR): Passage[] {
  const out: Passage[] = [];
  for (const file of readdirSync(`${dir}/${locale}`)
    .filter((f) => f.endsWith('.md'))
    .sort()) {
    const raw = readFileSync(`${dir}/${locale}/${file}`, 'utf8');
    const doc = /^#\s+(.+)$/m.exec(raw)?.[1]?.trim() ?? file;
    for (const section of raw.split(/^##\s+/m).slice(1)) {
      const [heading = '', ...body] = section.split('\n');
      const text = body.join(' ').replace(/\s+/g, ' ').trim();
      if (text)
        out.push({
          source: `${file.replace(/\.md$/, '')}#${heading
            .trim()
            .toLowerCase()
            .replace(/[^\p{L}\p{N}]+/gu, '-')}`,
          title: `${doc} — ${heading.trim()}`,
          text,
        });
    }
  }
  return out;
}

/** TF-IDF over Smile's own features (English stems, Korean character n-grams), cosine similarity. */
export class PolicyIndex {
  private readonly docs: Array<{ passage: Passage; weights: Map<string, number>; norm: number }> = [];
  private readonly idf = new Map<string, number>();

  constructor(
    private readonly locale: Locale,
    passages: Passage[] = loadPolicies(locale),
  ) {
    const tfs = passages.map((p) => this.tf(`${p.title} ${p.text}`));
    const df = new Map<string, number>();
    for (const tf of tfs) for (const f of tf.keys()) df.set(f, (df.get(f) ?? 0) + 1);
    for (const [f, n] of df) this.idf.set(f, Math.log(1 + passages.length / n));
    passages.forEach((passage, i) => {
      const weights = new Map([...tfs[i]!].map(([f, c]) => [f, c * (this.idf.get(f) ?? 0)]));
      this.docs.push({ passage, weights, norm: Math.hypot(...weights.values()) || 1 });
    });
  }

  private tf(text: string): Map<string, number> {
    const counts = new Map<string, number>();
    for (const f of features(text.toLowerCase(), this.locale)) {
      // Bigrams across a space serve the classifier (chat spacing); in a passage they only dilute the words it shares.
      if (f.includes('_') || f.startsWith('b:') || (this.locale === 'en-US' && stopwords.isStopword(f))) continue;
      counts.set(f, (counts.get(f) ?? 0) + 1);
    }
    return counts;
  }

  /** A document's sections, in the order it gives them. */
  sections(document: string): Passage[] {
    return this.docs.filter((d) => d.passage.source.startsWith(`${document}#`)).map((d) => d.passage);
  }

  /** The best passages for a question, from the named documents only when some are given. */
  search(question: string, k = 3, documents: readonly string[] = []): Retrieved[] {
    const expanded = EXPANSIONS.reduce((t, [re, extra]) => (re.test(question) ? t + extra : t), question);
    const q = new Map([...this.tf(expanded)].map(([f, c]) => [f, c * (this.idf.get(f) ?? 0)]));
    const qNorm = Math.hypot(...q.values()) || 1;
    return this.docs
      .filter((d) => documents.length === 0 || documents.some((doc) => d.passage.source.startsWith(`${doc}#`)))
      .map((d) => {
        let dot = 0;
        for (const [f, w] of q) dot += w * (d.weights.get(f) ?? 0);
        return { ...d.passage, score: dot / (qNorm * d.norm) };
      })
      .sort((a, b) => b.score - a.score)
      .slice(0, k);
  }
}

/**
 * What a question is about. The documents cover returns, refunds and delivery; an exchange and the customer's account
 * (points, payment methods, receipts, membership) are outside them and get an honest answer instead of a passage.
 */
export type PolicySubject = 'returns' | 'refunds' | 'delivery' | 'exchange' | 'account';
const SUBJECTS: Array<[PolicySubject, { en: RegExp; ko: RegExp }]> = [
  ['exchange', { en: /\bexchang\w*|\bswap\b/i, ko: /교환/ }],
  [
    'account',
    {
      // Which card is charged is the account's too ("what card do you bill", "어느 카드로 결제돼요?"), not a policy gap.
      en: /\b(points?|store credit|rewards?|payment methods?|card on file|receipts?|invoices?|membership|subscription fee|coupons?|billing|(?:which|what) (?:credit |debit )?card|charge (?:it |this |that |them )?(?:to|on) (?:my|a|another|the) (?:card|account))\b/i,
      ko: /(적립금|포인트|결제 ?수단|결제 ?카드|카드 ?(변경|바꾸)|영수증|세금 ?계산서|멤버십|회원 ?등급|쿠폰|(어느|무슨|어떤) ?카드로? ?(결제|나가|빠져|청구)|카드로 결제(돼|되|하))/,
    },
  ],
  ['returns', { en: /\breturn(s|ed|ing)?\b|\bsend (it |them )?back\b|\bopened\b/i, ko: /(반품|반송|개봉|뜯은|뜯어|뜯었)/ }],
  ['refunds', { en: /\brefund\w*|\bmoney back\b/i, ko: /환불/ }],
  ['delivery', { en: /\b(deliver\w*|shipping|ship\w*|courier|locker|parcel|package|pick-?up point)\b/i, ko: /(배송|택배|배달|무인택배함|편의점)/ }],
];

/** The subjects a message names; the cost of sending a return back is about returns, not delivery ("반품 배송비"). */
export function policySubjects(text: string, locale: Locale): PolicySubject[] {
  const found = SUBJECTS.filter(([, re]) => (locale === 'ko-KR' ? re.ko.test(text) || re.en.test(text) : re.en.test(text))).map(([s]) => s);
  return found.includes('returns') ? found.filter((s) => s !== 'delivery') : found;
}

/** The document each covered subject is answered from (prompts/policies/<locale>/<file>.md). */
export const SUBJECT_DOCUMENT: Record<Exclude<PolicySubject, 'exchange' | 'account'>, string> = {
  returns: 'returns',
  refunds: 'refunds',
  delivery: 'delivery',
};

/** A question about how things work (time limits, fees, what is allowed), not a request to do something. */
export function isPolicyQuestion(text: string, locale: Locale): boolean {
  const t = text.trim().toLowerCase();
  if (locale === 'ko-KR') {
    const question = /[?？]$|(나요|까요|가요|인가요|있나요|되나요|돼요|어때요|뭐예요|얼마예요|언제예요)\s*[?？]?$/.test(t);
    // A request to be told the rules ("반품 규정 알려줘", "교환 정책 설명해 주세요") asks the same as the question.
    const askToTell = /(알려|설명해|안내해|가르쳐)/.test(t) && /(정책|규정|기간|기한|수수료|배송비)/.test(t);
    // Where Smile delivers at all (abroad, islands, other regions) is a question about the service, never an order.
    return (
      (question || askToTell) &&
      /(정책|기간|얼마나|언제까지|며칠|수수료|배송비|무료|환불|보관|규정|기한|개봉|뜯은|뜯어|되나요|돼요|가능|해외|외국|국제|제주|도서\s*산간|산간|섬\s*(?:지역|으로|에도|까지)|지역)/.test(
        t,
      )
    );
  }
  const question = /\?$/.test(t) || /^(how|what|whats|what's|when|is|are|do|does|can|could|will|which|why)\b/.test(t);
  const askToTell = /\b(tell me|explain|walk me through|remind me)\b/.test(t) && /\b(polic(y|ies)|rules?|fees?|window|deadline)\b/.test(t);
  return (
    (question || askToTell) &&
    /\b(policy|policies|how long|how many days|how much|fees?|cost|charge|free|within|deadline|refunds?|return window|allowed|can i return|what can('|no)t|kept|keep|wait|pay|paid|opened|abroad|overseas|international(ly)?|other countries|islands?|rural|po box)\b/.test(
      t,
    )
  );
}
