import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { DEFAULT_ZONE } from '../domain/time.js';
import { ACTION_INTENTS, IntentName, LOCALES, type Command, type Entity, type Locale } from './catalogue.js';
import { COMMAND_PATTERNS, DOMAIN_ANCHORS, FOOD_WORLD, FRUSTRATION_CUES, OTHER_WORLD, OWN_ORDER_WORDS } from './lexicon.js';
import { IntentClassifier } from './classifier.js';
import { loadModel, type ModelFile } from './model.js';
import { extractEntities, withCatalogue, type CatalogueItem } from './entities.js';
import { delexicalise } from './features.js';
import { variantEntities } from './variants.js';
import { markRejected, VARIANTS } from './negation.js';
import { placeOrReorder } from './routing.js';
import { withAddresses } from './addresses.js';
import { expandChat } from './chat.js';
import { readSlips } from './slips.js';

export interface ParseContext {
  now?: Date;
  timeZone?: string;
  catalogue?: CatalogueItem[];
}
export interface ParseResult {
  intent: { name: IntentName; confidence: number };
  /**
   * The two likeliest intents with calibrated confidences (one threshold means the same for each), best first,
   * so the dialog can ask which of the two was meant. They may differ from `intent` when an unsure action was
   * turned into out_of_scope.
   */
  alternatives: Array<{ name: IntentName; confidence: number }>;
  entities: Entity[];
  /** A conversation command ("repeat", "start over", "in English please"), when the text is one. */
  command?: Command;
  /** Clear frustration in the words ("this is useless", "답답해"). */
  frustrated?: boolean;
  /**
   * Words naming a kind of product the customer never bought ("칫솔" with no toothbrush in their orders), when a
   * catalogue was given and none of its products is named: a request about it is about nothing they have.
   */
  unbought?: string[];
}

/** Words that ask to report a problem with a delivery without naming it ("report a problem", "배송 사고 접수"). */
const PROBLEM_CUES = {
  en: /\b(problem|issue|claim|complain\w*|report\w*|lost|stolen|missing)\b/i,
  ko: /(문제|신고|사고|접수|불만|분실|도난|오배송|클레임)/,
};
/**
 * Words saying a parcel has not come YET ("still hasn't come", "not here yet", "아직 안 왔어요", "언제 와요"): a
 * message without them that the model reads as a problem report is a report ("my parcel went to the wrong flat").
 */
const NOT_YET_CUES = {
  en: /\b(?:yet|still|when|where|eta|not (?:come|arrived|here)|hasn'?t (?:come|arrived|shown)|haven'?t (?:come|arrived|gotten|got)|didn'?t (?:come|arrive|show)|isn'?t here|not here|on (?:its|the) way|been (?:a|an|two|three|four|five|\d+) (?:days?|weeks?)|for days|no (?:news|update|word))\b/i,
  ko: /(?:아직|언제|어디|안\s*(?:왔|와|오|옴|도착)|오지\s*않|도착\s*(?:안|전|하지)|안\s*보내|출발|소식|연락이?\s*없|며칠|일주일|넘었는데|지났는데|감감)/,
};
/**
 * A named problem (damaged, wrong item, wrong place, or "marked delivered" and not there; `DELIVERY_PROBLEM_WORDS`)
 * is a problem report when the model's two likeliest meanings are a problem report and one of these (none of which a
 * broken or wrong parcel is about): "you sent shampoo instead of the wipes" is not a reorder, "the box is crushed and a pack is gone" not out of scope.
 */
/** The words that make a problem report's next meaning the one meant (see `parse`). */
const NEXT_MEANING_CUES: Partial<Record<IntentName, { en: RegExp; ko: RegExp }>> = {
  order_status: NOT_YET_CUES,
  cancel_order: {
    en: /\b(?:cancel\w*|call (?:it )?off|don'?t (?:send|ship)|no longer (?:want|need))\b/i,
    ko: /(?:취소|보내지\s*마|안\s*보내도|필요\s*없)/,
  },
  schedule_return: {
    en: /\b(?:return\w*|refund\w*|(?:send|take|ship) (?:it |them |these |those |this )?back|exchange\w*)\b/i,
    ko: /(?:반품|환불|교환|돌려\s*보[내낼냈]|반송)/,
  },
  change_delivery_place: { en: /\b(?:address|deliver (?:it )?to|send (?:it )?to|moved)\b/i, ko: /(?:주소|이사|(?:로|으로)\s*(?:보내|배송|배달))/ },
};
const PROBLEM_OVER: ReadonlySet<IntentName> = new Set<IntentName>([
  'out_of_scope',
  'reorder',
  'order_status',
  'change_delivery_slot',
  'greet',
  'thanks',
  'affirm',
  'deny',
  'stop',
  'help',
]);

/** A question of when something comes: at what time, on what day ("몇 시에 와요?", "what time is it coming?"). */
const ARRIVAL_QUESTION = {
  en: /\b(?:what time)\b.{0,30}\b(?:come|coming|arrive|arriving|get here|be here|show up|turn up)\b/i,
  ko: /몇\s*시\s*(?:쯤|경|에|정도)*\s*(?:와|오|올|도착|받을)/,
};
/** Asked to be shown their orders ("주문 내역 보여 줘", "show me what i ordered"). */
const ORDERS_SHOWN = {
  en: /\b(?:show|list|see|tell)\b.{0,20}\b(?:orders|ordered|purchases|bought|order history)\b/i,
  ko: /(?:주문|구매|시킨|산)\S*\s*(?:거|것|건|내역|목록)?\s*(?:다|전부|모두)?\s*(?:보여|알려|확인)/,
};
/** Words of ordering again. */
const AGAIN = { en: /\b(?:again|re-?order|more|another)\b/i, ko: /다시|또|재주문|한\s*번\s*더|더\s*(?:주문|시켜)/ };
/** A no about one time next to another ("not tomorrow morning, evening please", "내일 말고 모레"). */
const CONTRAST_CUES = {
  en: /\b(?:not|instead|rather|but|prefer|better|won'?t be|can'?t do|doesn'?t work)\b/i,
  ko: /(?:말고|대신|아니고|아니라|안\s*돼|안\s*되|없어서|없으니|없는데|보다는)/,
};
/** Words that ask for another place even when only a time is named ("send it to my office on friday"). */
const PLACE_CHANGE_CUES = {
  en: /\b(?:address|place|location|deliver (?:it )?to|send (?:it )?to|ship (?:it )?to)\b/i,
  ko: /(?:주소|장소|배송지|(?:로|으로)\s*(?:보내|배송|배달))/,
};
/** Something that comes again and again. */
const RECURRENCE_CUES = {
  en: /\b(?:recurring|subscri\w*|auto-?ship\w*|auto-?deliver\w*|how often|weekly|monthly|biweekly|fortnightly|every (?:week|month|other|two|three|four|\d+))\b/i,
  ko: /(?:정기|구독|매달|매주|매월|격주|주기|회차|마다)/,
};
/** A subscription named as such. */
const SUBSCRIPTION_WORDS = { en: /\b(?:subscri\w*|recurring|auto-?ship\w*|standing order)\b/i, ko: /(?:정기\s*배송|정기\s*구독|구독)/ };
/** The readings a recurrence turns into the subscription. */
const SUBSCRIPTION_OVER: ReadonlySet<IntentName> = new Set<IntentName>([
  'out_of_scope',
  'cancel_order',
  'stop',
  'change_delivery_slot',
  'change_delivery_place',
]);

/** A variant set aside for another (negation.ts `VARIANTS`); the scopes are read only when two variants are named. */
function rejectVariants(entities: Entity[], text: string, locale: Locale): Entity[] {
  return entities.filter((e) => e.type === 'variant').length >= 2 ? markRejected(entities, text, locale, VARIANTS) : entities;
}

/** Readings that words calling off an order make a cancellation (see `parse`). */
const CANCEL_OVER: ReadonlySet<IntentName> = new Set<IntentName>([
  'stop',
  'deny',
  'out_of_scope',
  'change_delivery_place',
  'schedule_return',
  'order_status',
]);
/** Words that call an order off. */
const CANCEL_CUES = {
  en: /\b(?:cancel\w*|call (?:it |that |the order )?off|kill (?:the|my|that) (?:order|purchase)|scrap (?:the |my |that |yesterday'?s |today'?s )?(?:order|purchase)|stop the order|(?:don'?t|do not) (?:send|ship)|no longer (?:want|need))\b/i,
  ko: /(?:취소|보내지\s*마|안\s*보내도|발송\s*(?:하지\s*마|중지|멈춰)|주문\s*(?:철회|취소))/,
};
/** Words that say the thing has not gone out yet ("don't send", "보내지 마세요"). */
const NOT_SENT_CUES = { en: /\b(?:don'?t|do not) (?:send|ship)\b/i, ko: /보내지\s*마|안\s*보내도|발송/ };
/** An order or a purchase named as such. */
const ORDER_NOUNS = { en: /\b(?:orders?|purchases?|ordered|bought)\b/i, ko: /(?:주문|구매|시킨|산\s*거)/ };
/** "What can you do", "너 뭐 해줄 수 있어", "헬프". */
const ASKS_WHAT_YOU_DO = {
  en: /\bwhat (?:can|do|else can) (?:you|u) (?:do|help)\b|\bwhat are you (?:for|able to do)\b|\bwhat do you offer\b|^help\W*$/i,
  ko: /(?:뭐|뭘|무엇을?|어떤\s*(?:걸|것을?|일을?))\s*(?:해\s*줄\s*수|해\s*주는|해\s*줄수|도와\s*줄\s*수|할\s*수\s*있)|헬프|도움말|사용법|설명\s*좀/,
};
/** A question of translating words ("translate …", "how do you say … in French", "…를 영어로 뭐라고 해"). */
const TRANSLATION_CUES =
  /\b(?:translate|translation|how do (?:you|i) say)\b|\b(?:in|into) (?:french|spanish|japanese|chinese|german|italian)\b|번역|(?:영어|일본어|중국어|프랑스어|불어|독일어|스페인어|한국어|한국말)로\s*(?:뭐|어떻게|머라)/i;

/** Words that may stand beside a day or a time without asking anything ("on", "please", "요", "쯤"). */
const TIME_FILLER = {
  en: /^(?:on|at|in|by|for|the|this|that|next|coming|please|pls|maybe|perhaps|how about|what about|or|and|then|ok|okay|um|uh|hmm|oh|ah|yes|yeah|no|nope|i mean|i guess)$/i,
  ko: /^(?:요|에|에요|이요|예요|은|는|은요|는요|엔|엔요|에는|쯤|쯤요|로|으로|로요|으로요|도|도요|이나|나|까지|부터|좀|정도|아니|아니요|네|예|음|아|그럼|이번|다음)$/,
};
/** Words of moving a delivery, which a day's own words may hold ("push it back a day", "하루 미뤄 주세요"). */
const MOVE_WORDS = {
  en: /\b(?:move|moving|push|pushed|postpone|delay|reschedule|change|shift|bring|back|forward|later|earlier|instead|deliver\w*|come|arrive)\b/i,
  ko: /(?:미뤄|미루|옮겨|옮기|바꿔|바꾸|변경|늦춰|늦추|당겨|앞당|대신|배송|배달|받을|받고|와\s*주|오게)/,
};
/** Whether the message says nothing but its days and times (and filler). */
function onlyTimes(text: string, entities: readonly Entity[], lang: 'en' | 'ko'): boolean {
  if (MOVE_WORDS[lang].test(text) || entities.some((e) => e.type !== 'date' && e.type !== 'time_window')) return false;
  let rest = '';
  let at = 0;
  for (const e of [...entities].filter((x) => x.type === 'date' || x.type === 'time_window').sort((a, b) => a.start - b.start)) {
    if (e.start < at) continue;
    rest += ` ${text.slice(at, e.start)} `;
    at = e.end;
  }
  rest += text.slice(at);
  const words = rest.split(/[^\p{L}\p{N}']+/u).filter(Boolean);
  return words.every((w) => TIME_FILLER[lang].test(w));
}

const TrainingFile = z.record(IntentName, z.array(z.string().min(1)));
export type TrainingFile = z.infer<typeof TrainingFile>;
/** A measured set written before an intent existed has no phrases for it (and is never edited to add them). */
const EvalFile = z.partialRecord(IntentName, z.array(z.string().min(1)));
export type EvalFile = z.infer<typeof EvalFile>;

/** Smile's own phrase sets: `train` is trained on; the others are only ever measured (`npm run nlu:eval`). */
export const EVAL_SETS = [
  'heldout',
  'blind',
  'fresh',
  'stranger-2026-11-27',
  'stranger-2026-11-27b',
  'stranger-2026-11-27c',
  'stranger-2026-11-27d',
  'stranger-2026-11-27f',
  'stranger-2026-11-27g',
] as const;
/**
 * Sets whose misses `nlu:eval --verbose` does not print (only `--show-sealed` does): written blind by someone who
 * never saw the training phrases, they measure the model only while nobody develops against their sentences. The
 * second and third stranger sets (27b, 27c) were sealed while they were first measured and are development sets since
 * 2026-11-27 21:30 UTC (their misses are read; they are still never trained on, nor copied); the fifth (27f), measured
 * twice while sealed, is a development set since 2026-11-28 00:40 UTC. 27g was written then, before any change it
 * measures, by two more strangers (English and Korean) from the intent descriptions alone.
 */
export const SEALED_SETS: ReadonlySet<PhraseSet> = new Set<PhraseSet>(['stranger-2026-11-27d', 'stranger-2026-11-27g']);
export type PhraseSet = 'train' | (typeof EVAL_SETS)[number];

export function loadExamples(kind: 'train', locale: Locale): TrainingFile;
export function loadExamples(kind: PhraseSet, locale: Locale): EvalFile;
export function loadExamples(kind: PhraseSet, locale: Locale): TrainingFile | EvalFile {
  const path = fileURLToPath(new URL(`./data/${kind}.${locale}.json`, import.meta.url));
  const json: unknown = JSON.parse(readFileSync(path, 'utf8'));
  return kind === 'train' ? TrainingFile.parse(json) : EvalFile.parse(json);
}

/** Hangul in the text means Korean; Latin letters without Hangul mean English. */
export { localeOfText as detectLocale } from '../domain/locale.js';

export class Nlu {
  private readonly classifiers = new Map<Locale, IntentClassifier>();
  /** What the classifier is (the model file's version and hash), for logs and the evaluation report. */
  readonly modelInfo: string;

  /** The committed model (`nlu/model/`), or one given (a test's); nothing is trained here. */
  constructor(model: ModelFile = loadModel()) {
    for (const locale of LOCALES) this.classifiers.set(locale, new IntentClassifier(locale, model.locales[locale]));
    this.modelInfo = `model v${model.version} ${model.inputsHash.slice(0, 12)}, trained ${model.trainedAt}`;
  }

  /** Entities alone, for words that come without a sentence (a voice assistant's slot values). */
  entities(text: string, locale: Locale, ctx: ParseContext = {}): Entity[] {
    const found = extractEntities(text, locale, {
      now: ctx.now ?? new Date(),
      timeZone: ctx.timeZone ?? DEFAULT_ZONE[locale],
      ...(ctx.catalogue ? { catalogue: ctx.catalogue } : {}),
    });
    return withAddresses(rejectVariants([...found, ...variantEntities(text, locale, found)], text, locale), text, locale);
  }

  parse(typed: string, locale: Locale, ctx: ParseContext = {}): ParseResult {
    // Chat shorthand written out first ("wheres my pkg", "월욜", "ㄱㄴ?"), for every reading below.
    // …and slipped or borrowed words for what Smile does ("evning", "캔슬"), which the model's phrases spell properly.
    const text = readSlips(expandChat(typed, locale), locale);
    const now = ctx.now ?? new Date();
    const timeZone = ctx.timeZone ?? DEFAULT_ZONE[locale];
    const generic = extractEntities(text, locale, { now, timeZone });
    const catalogued = ctx.catalogue ? withCatalogue(generic, text, locale, ctx.catalogue) : generic;
    const unbought =
      ctx.catalogue && !catalogued.some((e) => e.type === 'product')
        ? generic.flatMap((e) => (e.type === 'product' && !e.negated ? [e.text] : []))
        : [];
    const entities = withAddresses(rejectVariants([...catalogued, ...variantEntities(text, locale, catalogued)], text, locale), text, locale);
    const classifier = this.classifiers.get(locale);
    if (!classifier) throw new Error(`No classifier for locale ${locale}`);
    let result = classifier.classify(delexicalise(text, generic));
    const alternatives = result.ranking.slice(0, 2).map((r) => ({ name: r.intent, confidence: Number(r.score.toFixed(3)) }));
    const lang = locale === 'ko-KR' ? 'ko' : 'en';
    const translation = TRANSLATION_CUES.test(text);
    const problem = generic.find((e) => e.type === 'delivery_problem');
    const [first, second] = result.ranking;
    // Over a status question, "not received" is a report unless the words say it has not come YET ("아직", "still",
    // "when", "안 왔어요"), which asks where it is; said so plainly ("택배 못 받았어요", "I never got my package") the
    // parcel is missing, whatever the second reading; said marked delivered, it is missing in any case.
    const missing =
      problem?.value === 'not_received' &&
      first?.intent === 'order_status' &&
      (!NOT_YET_CUES[lang].test(text) || /deliver|dropped|완료/i.test(problem.text));
    if (missing && first) {
      const report = result.ranking.find((r) => r.intent === 'report_delivery_problem')?.score ?? 0;
      result = { intent: 'report_delivery_problem', confidence: Math.max(report, first.score, 0.6), ranking: result.ranking };
    } else if (
      problem &&
      first &&
      PROBLEM_OVER.has(first.intent) &&
      (first.intent !== 'order_status' || problem.value !== 'not_received') &&
      second?.intent === 'report_delivery_problem' &&
      // A thing that came broken, wrong or to the wrong door is named plainly enough for a weaker second reading
      // ("계란 다 깨져서 옴") than a thing not received, which a bank's customer says of a card or a transfer too.
      second.score >= (problem.value === 'not_received' ? 0.1 : 0.05)
    ) {
      result = { intent: second.intent, confidence: second.score, ranking: result.ranking };
    }
    // Something wrong with what came ("주문한 거랑 다른 상품이 왔어요", "the box came crushed") read as a return when the
    // customer asks for none (no return, refund or exchange word): it is the shop's fault to report, not a return to book.
    const returnCues = NEXT_MEANING_CUES.schedule_return!;
    // A size that does not fit may be the customer's own pick, so it stays a return; so does a way of sending it back
    // ("can a courier pick them up").
    const sizeOnly = /\bsizes?\b|사이즈|치수|단계/i.test(text);
    const sendsBack = (lang === 'ko' ? returnCues.ko : returnCues.en).test(text) || generic.some((e) => e.type === 'return_method');
    if (problem && result.intent === 'schedule_return' && !sizeOnly && !sendsBack) {
      // As sure as the model was that the message is about what came.
      result = { intent: 'report_delivery_problem', confidence: result.confidence, ranking: result.ranking };
    }
    const times = generic.some((e) => e.type === 'date' || e.type === 'time_window');
    const places = generic.some((e) => e.type === 'place');
    // "put it back to tomorrow morning", "bring it back to saturday": a return with a day or time and nothing of a
    // return (no return, refund or exchange word, no reason, no way of sending it back) is a move of the delivery.
    if (result.intent === 'schedule_return' && times && !sendsBack && !generic.some((e) => e.type === 'return_reason')) {
      result = { intent: 'change_delivery_slot', confidence: result.confidence, ranking: result.ranking };
    }
    // "not tomorrow morning, evening please", "아니 내일 말고 모레 저녁에": a no about a time, with another time, is
    // a change of delivery time, not an answer to a question nobody asked (an answer to Smile's own question is read
    // by the dialog before this, from what it waits for).
    if ((result.intent === 'deny' || result.intent === 'stop') && times && CONTRAST_CUES[lang].test(text)) {
      result = { intent: 'change_delivery_slot', confidence: result.confidence, ranking: result.ranking };
    }
    // Between a new time and a new place, what the message names decides: a time and no place is the time.
    if (result.intent === 'change_delivery_place' && times && !places && !PLACE_CHANGE_CUES[lang].test(text)) {
      result = { intent: 'change_delivery_slot', confidence: result.confidence, ranking: result.ranking };
    }
    if (
      result.intent === 'change_delivery_slot' &&
      places &&
      !times &&
      !/\b(?:time|slot|window|day|date|later|earlier)\b|시간|날짜|요일|늦|일찍/i.test(text)
    ) {
      result = { intent: 'change_delivery_place', confidence: result.confidence, ranking: result.ranking };
    }
    // Something that comes again and again (recurring, every two weeks, 정기, 매달) held, skipped, changed or stopped is
    // the subscription, not one order's cancellation, time or place.
    // Asked about a subscription by name ("is my shampoo subscription still on?"), a status question is the subscription's.
    if (
      (SUBSCRIPTION_OVER.has(result.intent) || (result.intent === 'order_status' && SUBSCRIPTION_WORDS[lang].test(text))) &&
      (RECURRENCE_CUES[lang].test(text) || generic.some((e) => e.type === 'interval')) &&
      // Out of scope only when it is about the customer's goods ("how often should I water the plants" is not).
      (result.intent !== 'out_of_scope' ||
        generic.some((e) => e.type === 'product') ||
        OWN_ORDER_WORDS[lang].test(text) ||
        /\b(?:shipments?|deliver\w*)\b|배송|배달/i.test(text)) &&
      !FOOD_WORLD[lang].test(text)
    ) {
      const sub = result.ranking.find((r) => r.intent === 'manage_subscription')?.score ?? 0;
      result = { intent: 'manage_subscription', confidence: Math.max(sub, 0.5), ranking: result.ranking };
    }
    // An action about nothing in Smile's world (no shopping word, no product, place or quantity) is not trusted; a day
    // or a time of day is enough for a change of delivery time ("can we do thursday instead") and for nothing else.
    const grounded =
      generic.some((e) =>
        ['product', 'place', 'quantity', 'instructions', 'return_reason', 'return_method', 'interval', 'delivery_problem'].includes(e.type),
      ) ||
      DOMAIN_ANCHORS[lang].test(text) ||
      (result.intent === 'change_delivery_slot' && generic.some((e) => e.type === 'date' || e.type === 'time_window'));
    // An action about another world's thing (a bank card, a meeting, a clinic booking, a food app) is not Smile's,
    // unless the message also names a product or an order of the customer's.
    // Cooked food and food apps stay another shop's even when an order is named ("cancel my pizza order").
    const named = generic.some((e) => e.type === 'product');
    const otherWorld = !named && ((OTHER_WORLD[lang].test(text) && !OWN_ORDER_WORDS[lang].test(text)) || FOOD_WORLD[lang].test(text));
    // Another world's thing named is a sure reading (Smile says what it is for, and offers none of its own actions as
    // what was meant); an action about nothing is only an unsure one.
    let elsewhere = false;
    if (otherWorld && (result.intent === 'out_of_scope' || (ACTION_INTENTS.has(result.intent) && result.intent !== 'human_handoff'))) {
      elsewhere = true;
      result = {
        intent: 'out_of_scope',
        confidence: Math.max(0.9, result.intent === 'out_of_scope' ? result.confidence : 0),
        ranking: result.ranking,
      };
    } else if (ACTION_INTENTS.has(result.intent) && result.intent !== 'human_handoff' && !grounded) {
      result = { intent: 'out_of_scope', confidence: 0.5, ranking: result.ranking };
    }
    // A report that names nothing that went wrong ("says delivered", "damaged", "wrong item") and asks to report
    // nothing is the model's weakest reading: when its next meaning is what the words themselves ask for, that meaning
    // is taken — where the order is, for a parcel that has not come yet ("my order still hasn't come"); a cancellation,
    // a return or another address when the message says so ("I ordered two pairs, cancel one", "새 주소로 보내 주세요").
    // Any other next meaning is no better a reading ("someone took my package from the porch" is no out-of-scope message).
    if (result.intent === 'report_delivery_problem' && !problem && !PROBLEM_CUES[lang].test(text)) {
      const next = result.ranking.find((r) => r.intent !== 'report_delivery_problem');
      const cue = next && NEXT_MEANING_CUES[next.intent];
      if (next && cue?.[lang].test(text)) result = { intent: next.intent, confidence: next.score, ranking: result.ranking };
    }
    // "오늘 몇시에 와요?", "내일 몇시쯤 도착해요?", "what time is it coming tomorrow?": when something comes, asked with
    // no product, is where the customer's own deliveries are — never another world's ("몇 시에 와요" of a plumber is not
    // a shop's, so another world's words keep it out of scope).
    if (
      ARRIVAL_QUESTION[lang].test(text) &&
      !otherWorld &&
      // Said of a day ("오늘", "tomorrow") or of the customer's own things: a bus or a guest is not a delivery.
      (times || OWN_ORDER_WORDS[lang].test(text) || DOMAIN_ANCHORS[lang].test(text.replace(/\b(?:come|coming|arriv\w*|time)\b|[와오올]/g, ''))) &&
      (result.intent === 'out_of_scope' || result.intent === 'change_delivery_slot' || result.confidence < 0.6) &&
      // Moving it ("can it come at 6 instead?") stays a move.
      !CONTRAST_CUES[lang].test(text)
    ) {
      result = { intent: 'order_status', confidence: Math.max(0.7, result.confidence), ranking: result.ranking };
    }
    // "주문한 거 다 보여 주세요", "list everything i ordered": asked to be shown their orders, not to order again.
    if ((result.intent === 'reorder' || result.intent === 'out_of_scope') && ORDERS_SHOWN[lang].test(text) && !AGAIN[lang].test(text)) {
      result = { intent: 'order_status', confidence: Math.max(0.7, result.confidence), ranking: result.ranking };
    }
    // A day or a time alone ("yesterday", "목요일", "내일 저녁요") asks for nothing: it answers a question about a date,
    // which the dialog reads from what it waits for before any of this. Said with nothing asking for one, it is unsure,
    // with moving a delivery and where an order is as the two meanings to offer — never a move begun on its own.
    if (result.intent === 'change_delivery_slot' && times && onlyTimes(text, generic, lang)) {
      result = { intent: 'out_of_scope', confidence: 0.5, ranking: result.ranking };
    }
    // One variant of a product set aside for another ("분유 2단계 말고 3단계로", "the diapers, not size 2, size 3") picks what
    // to order: with no place and no other request in the words, it is a reorder, not a no or a move.
    if (
      ['deny', 'stop', 'affirm', 'out_of_scope', 'change_delivery_place', 'human_handoff'].includes(result.intent) &&
      entities.some((e) => e.type === 'variant' && e.negated) &&
      entities.some((e) => e.type === 'variant' && !e.negated) &&
      entities.some((e) => e.type === 'product') &&
      !places &&
      !elsewhere
    ) {
      const own = result.ranking.find((r) => r.intent === 'reorder')?.score ?? 0;
      result = { ...result, intent: 'reorder', confidence: Math.max(own, 0.6) };
    }
    // Calling off an order of something named ("please don't send the brush heads", "kill the order", "칫솔모 보내지 마세요"):
    // a cancellation, not a stop, a no, a move or nothing. Not a return: "don't send" is about what has not gone yet.
    if (
      CANCEL_OVER.has(result.intent) &&
      CANCEL_CUES[lang].test(text) &&
      (named || ORDER_NOUNS[lang].test(text)) &&
      !elsewhere &&
      (result.intent !== 'schedule_return' || NOT_SENT_CUES[lang].test(text))
    ) {
      const own = result.ranking.find((r) => r.intent === 'cancel_order')?.score ?? 0;
      result = { ...result, intent: 'cancel_order', confidence: Math.max(own, 0.6) };
    }
    // Asking what Smile can do ("what can you do for me", "너 뭐 해줄 수 있어", "헬프") is asking for help.
    if (result.intent === 'out_of_scope' && !elsewhere && ASKS_WHAT_YOU_DO[lang].test(text)) {
      result = { ...result, intent: 'help', confidence: Math.max(result.ranking.find((r) => r.intent === 'help')?.score ?? 0, 0.6) };
    }
    // A question of translation ("translate thank you into french", "감사합니다를 영어로 뭐라고 해") thanks, greets and
    // switches nobody's language: it is about something else.
    if (translation && ['thanks', 'greet', 'affirm', 'deny', 'help', 'stop'].includes(result.intent)) {
      result = { ...result, intent: 'out_of_scope', confidence: 0.9 };
    }
    // Words that decide between two readings of one order (a move or a new order, a new order or a cancellation) make
    // the chosen one as sure as the two together.
    const routed = placeOrReorder(result.intent, text, locale, entities);
    if (routed !== result.intent) {
      const own = result.ranking.find((r) => r.intent === routed)?.score ?? 0;
      result = { ...result, intent: routed, confidence: Math.min(1, result.confidence + own) };
    }
    const command = translation ? undefined : COMMAND_PATTERNS.find((c) => c.re.test(text.trim()))?.command;
    const frustrated = (locale === 'ko-KR' ? FRUSTRATION_CUES.ko : FRUSTRATION_CUES.en).test(text) || FRUSTRATION_CUES.en.test(text);
    return {
      intent: { name: result.intent, confidence: Number(result.confidence.toFixed(3)) },
      alternatives: elsewhere ? alternatives.filter((a) => !ACTION_INTENTS.has(a.name)) : alternatives,
      entities,
      ...(command ? { command } : {}),
      ...(frustrated ? { frustrated } : {}),
      ...(unbought.length ? { unbought } : {}),
    };
  }
}
