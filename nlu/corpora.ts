/**
 * The public utterance corpora of `../shared/corpora/` (see its README), read only when present: by `npm run
 * nlu:train` as out-of-scope negatives (and a few global intents), and by `npm run nlu:eval` on a held-out slice.
 * Nothing here copies a corpus sentence into the project; the files are read at training and evaluation time.
 *
 * The held-out slice is fixed by line index and was decided before any score was looked at: every tenth row
 * (0-based line index divisible by 10) of every file is never trained on.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { IntentName, Locale } from './catalogue.js';

/**
 * `../shared/corpora/` next to the repository (a git worktree one level deeper finds it one level further up), or
 * SMILE_CORPORA_DIR.
 */
export const CORPORA_DIR =
  process.env.SMILE_CORPORA_DIR ??
  ['../../shared/corpora/', '../../../shared/corpora/'].map((p) => fileURLToPath(new URL(p, import.meta.url))).find((d) => existsSync(d)) ??
  fileURLToPath(new URL('../../shared/corpora/', import.meta.url));

export interface CorpusInfo {
  file: string;
  locale: Locale;
  source: string;
  licence: 'CC BY 4.0' | 'CC BY-SA 4.0';
}

export const CORPORA: readonly CorpusInfo[] = [
  {
    file: 'hwu64.en.jsonl',
    locale: 'en-US',
    licence: 'CC BY 4.0',
    source: 'Liu et al. 2019, "Benchmarking Natural Language Understanding Services", github.com/xliuhw/NLU-Evaluation-Data (f6071b4)',
  },
  {
    file: 'banking77.en.jsonl',
    locale: 'en-US',
    licence: 'CC BY 4.0',
    source: 'Casanueva et al. 2020, github.com/PolyAI-LDN/task-specific-datasets (57ec275)',
  },
  { file: '3i4k.ko.jsonl', locale: 'ko-KR', licence: 'CC BY-SA 4.0', source: 'Cho et al. 2018, github.com/warnikchow/3i4k (cfa90c1)' },
  { file: 'sae4k.ko.jsonl', locale: 'ko-KR', licence: 'CC BY-SA 4.0', source: 'Cho et al. 2020, github.com/warnikchow/sae4k (4d55f8f)' },
];

/** The fixed held-out slice: every tenth row by line index. */
export function isHeldOut(lineIndex: number): boolean {
  return lineIndex % 10 === 0;
}

/**
 * What a corpus row means to Smile. `out_of_scope` and the global intents are trained on (outside the held-out
 * slice); `null` rows are never trained on and not counted as out-of-scope either, because they may really be
 * a Smile request ("how long until my order arrives" in hwu64's takeaway_query, "집에 택배 왔니").
 */
const HWU_GLOBAL: Record<string, IntentName | null> = {
  general_affirm: 'affirm',
  general_negate: 'deny',
  general_commandstop: 'stop',
  general_praise: 'thanks',
  // "explain your answer" and "say it again" are neither Smile's help nor out of scope; repeat is a command pattern.
  general_explain: null,
  general_repeat: null,
  // Often "where is my (food) order": too close to order_status to call either way.
  takeaway_query: null,
};
/** Korean shopping words; such a row is a hard negative only when another sense (mail, calendar, booking) is named. */
const KO_SHOPPING = /주문|배송|택배|반품|환불|교환|배달|구매/;
const KO_OTHER_SENSE = /메일|편지|일정|예약|알람|캘린더|달력|입력|메모|문자|메시지|검색|삭제|스케줄|회의|모닝콜|약속|모임|호텔|전송/;

/**
 * banking77 rows in shopping words that name nothing of a bank's ("I want to return an item for a refund", "can I
 * have it delivered on a specific date?", "can I cancel this purchase?"): the bank's label is a card refund or a
 * card delivery, but the words are a Smile customer's request; trained as out of scope they taught the model that
 * return, refund, purchase and delivery mean out of scope. Like takeaway_query, they are neither trained on nor
 * counted (311 of 13,083 rows; the rest, with a card, a transfer or money named, stay the hard negatives they are).
 */
const EN_SHOPPING = /\b(?:refund\w*|return\w*|purchas\w*|orders?|ordered|deliver\w*|items?|arriv\w*|cancel\w*|package|parcel|ship\w*)\b/i;
const EN_BANK_SENSE =
  /\b(?:cards?|accounts?|transfer\w*|money|bank\w*|top.?up\w*|topping|pin|atm|cash|fees?|charged?|charges|payments?|exchange rate|currenc\w*|balance|transactions?|deposit\w*|withdr\w*|identity|verif\w*|app|statement|funds?|salary|cheque|check|apple pay|google pay|virtual|disposable|contactless|mastercard|visa|euro\w*|dollar\w*|gbp|usd|pound\w*|paid|pay|payed|rate|crypto|beneficiary|passcode|password|phone|declined|limit|wallet)\b/i;

export function smileLabel(file: string, label: string, text: string): IntentName | null {
  if (file.startsWith('hwu64')) return label in HWU_GLOBAL ? HWU_GLOBAL[label]! : 'out_of_scope';
  if (file.startsWith('banking77')) return EN_SHOPPING.test(text) && !EN_BANK_SENSE.test(text) ? null : 'out_of_scope';
  return KO_SHOPPING.test(text) && !KO_OTHER_SENSE.test(text) ? null : 'out_of_scope';
}

export interface CorpusRow {
  file: string;
  index: number;
  text: string;
  label: string;
  intent: IntentName | null;
  heldOut: boolean;
}

export function corporaPresent(dir = CORPORA_DIR): boolean {
  return CORPORA.every((c) => existsSync(`${dir}/${c.file}`));
}

export function readCorpus(info: CorpusInfo, dir = CORPORA_DIR): CorpusRow[] {
  return readFileSync(`${dir}/${info.file}`, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line, index) => {
      const row = JSON.parse(line) as { text: string; label: string };
      return {
        file: info.file,
        index,
        text: row.text,
        label: row.label,
        intent: smileLabel(info.file, row.label, row.text),
        heldOut: isHeldOut(index),
      };
    });
}
