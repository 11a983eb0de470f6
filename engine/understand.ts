import { localDate } from '../domain/time.js';
import { Locale, LOCALES } from '../domain/locale.js';
import { CLARIFY } from '../dialogs/patterns/misunderstood.js';
import { say } from '../prompts/index.js';
import { dateValueOf, type Entity, type IntentName } from '../domain/understanding.js';
import type { Awaiting, DialogEvent, Frame, Say } from '../dialogs/types.js';
import { courierCueAt, type CatalogueItem } from '../nlu/entities.js';
import { politeRefusal, yesNoAnswer } from '../nlu/answers.js';
import { awaitingOf, questionOf } from '../dialogs/kit/turns.js';
import { stack } from '../dialogs/stack.js';
import { isPolicyQuestion, PolicyIndex, policySubjects, SUBJECT_DOCUMENT, type PolicySubject } from '../nlu/policies.js';
import type { Services, TurnContext } from './turn-context.js';
import type { TurnReads } from './turn-reads.js';

/** Below this, the local classifier is unsure and the LLM (when configured) is asked. */
const UNSURE_BELOW = 0.6;
/** Words that make a question about the customer's own order: "my", "제", what they ordered, a parcel of theirs. */
const OWN_ORDER: Record<Locale, RegExp> = {
  'en-US': /\b(my|mine|our|i ordered|i bought|we ordered|it|they|them)\b/i,
  'ko-KR': /(^|\s)(제|내|저희|우리)\s|제꺼|내꺼|시킨|주문한|주문했|구매한|샀|택배|물건|그거|언제\s*(와|오|도착)/,
};
/** A speaker must answer within about 2.5 s in all. */
const VOICE_BUDGET_MS = 2500;
/** Intents about the customer's own orders and deliveries. */
const ORDER_INTENTS: ReadonlySet<IntentName> = new Set<IntentName>([
  'order_status',
  'change_delivery_slot',
  'change_delivery_place',
  'schedule_return',
  'cancel_order',
  'reorder',
  'report_delivery_problem',
]);
/** Requests a message can start. */
const STARTABLE: ReadonlySet<IntentName> = new Set<IntentName>([...ORDER_INTENTS, 'human_handoff']);
/** The least retrieval score at which a policy passage is taken to answer a question. */
const POLICY_MIN_SCORE = 0.2;
/** The same for a question that names no subject of the documents ("what is your policy on price matching?"). */
const SUBJECTLESS_MIN_SCORE = 0.3;

const squash = (t: string): string => t.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
/** The requests Smile offers as buttons (which one was meant, a person), by their labels in either language. */
const LABELLED: ReadonlyMap<string, IntentName> = new Map(
  LOCALES.flatMap((locale) => [
    ...Object.entries(CLARIFY).map(([flow, key]): [string, IntentName] => [squash(say(locale, key)), flow as IntentName]),
    [squash(say(locale, 'suggest.person')), 'human_handoff'] as [string, IntentName],
  ]),
);

/** Words that ask for a policy as a whole rather than one point of it. */
const WHOLE_POLICY = /\b(polic(y|ies)|rules?)\b|정책|규정/i;

type Understood = { intent: { name: IntentName; confidence: number }; entities: Entity[] };

/**
 * Understanding: what the customer's message means to the dialog. Local first (classifier, entities with the
 * customer's own catalogue, policy retrieval); the optional LLM only when the local parse is unsure, within the
 * channel's time budget. It never acts: the dialog still confirms.
 */
/** Steps whose own question takes a no: "replace the saved note or keep both?", "anything to add?", "have you opened it?". */
const TAKES_NO = new Set<Awaiting>(['note', 'description', 'opened']);
/** Steps where a polite refusal is an answer in its own right, never "never mind" ("필요 없어요" is a return reason). */
const OWN_WORDS = new Set<Awaiting>(['reason', 'voice_code']);

/**
 * The closed-class reply to the question in front, if the message is one (nlu/answers.ts): a yes or a no to a
 * confirmation or an offer — "괜찮아요" is a polite no to an offer and a yes to a check of a fact ("12개가 맞나요?") —;
 * a no to "replace or keep both?"; and "됐어요", "괜찮아요", "그냥 둘게요" to any other question ("which time?") are
 * "never mind". With nothing under way, a yes or a no is acknowledged.
 */
function closedAnswer(text: string, top: Frame | undefined): 'affirm' | 'deny' | 'stop' | null {
  const awaiting = awaitingOf(top);
  if (!top || awaiting === 'confirmation') return yesNoAnswer(text, questionOf(top));
  if (awaiting && TAKES_NO.has(awaiting)) return yesNoAnswer(text) === 'deny' ? 'deny' : null;
  if (awaiting && !OWN_WORDS.has(awaiting) && politeRefusal(text)) return 'stop';
  return null;
}

/**
 * Where one message may hold two requests: a strong joint ("and then", "그리고") joins any two; a weak one (a bare
 * "and", a comma, "…고") only a move and a courier note, which would otherwise read as one request.
 */
const JOINTS: Record<Locale, Array<[RegExp, boolean]>> = {
  'en-US': [
    [/\s*(?:,?\s*and then|,?\s*and also|,\s*then|;\s*also|\. also|\. and|,?\s*plus)\s+/i, true],
    [/\s*(?:,?\s+and|,)\s+/i, false],
  ],
  'ko-KR': [
    [/\s*(?:그리고|그 다음에|그다음에|하고 나서|한 다음에|그리고 나서)\s*/, true],
    // "…보내 주고 …", but not "회사 말고 …", "집 빼고 …", "편의점 아니고 …" (which set a place aside).
    [/(?<=[가-힣])(?<!말|빼|아니|하지)(?:고|구)\s+|,\s*/, false],
  ],
};

/** Verbs that start a request of Smile's: a second request after a weak joint starts with one (English), or the first ends with one (Korean). */
const REQUEST_VERB_EN =
  /^(?:(?:also|then|pls|please|can you|could you|you can|and)\s+)*(?:cancel|return|re-?order|move|send|change|reschedule|push|order|skip|pause|resume|refund|exchange|tell me|where|when|what)\b/i;
const REQUEST_VERB_KO =
  /(?:취소|반품|환불|주문|재주문|변경|배송|해지|정지)\s*하$|(?:바꾸|보내|옮기|시키|미루|당기|알려\s*주|취소해\s*주|보내\s*주|바꿔\s*주)$/;
function joinsTwoVerbs(first: string, second: string, locale: Locale): boolean {
  return locale === 'ko-KR' ? REQUEST_VERB_KO.test(first) : REQUEST_VERB_EN.test(second);
}

export class Understanding {
  private readonly policies: Partial<Record<Locale, PolicyIndex>> = {};

  constructor(private readonly services: Services) {}

  /** The products the customer has bought, which is what reorder and returns can name. */
  private async catalogue(customerId: string | null, reads: TurnReads): Promise<CatalogueItem[] | undefined> {
    const { customers } = this.services;
    if (!customerId) return undefined;
    let orders = customers.histories.get(customerId);
    if (!orders) {
      try {
        orders = await reads.orders(customerId);
        customers.histories.set(customerId, orders);
      } catch {
        return undefined;
      }
    }
    const seen = new Map<string, CatalogueItem>();
    for (const o of orders) for (const i of o.items) if (!seen.has(i.sku)) seen.set(i.sku, { sku: i.sku, name: i.name });
    return [...seen.values()];
  }

  /** The dialog event for the turn's input; a language command also switches the turn's locale. */
  /**
   * Two requests in one message: the text split at a joining word into two parts that each read, with confidence, as
   * a different request Smile can start. Null when it is one request (or the parts are not clearly two).
   */
  split(ctx: TurnContext): [string, string] | null {
    const text = ctx.text;
    if (!text || ctx.turn.input.type !== 'text') return null;
    const { nlu } = this.services;
    const sure = (i: { name: IntentName; confidence: number }): boolean => STARTABLE.has(i.name) && i.confidence >= UNSURE_BELOW;
    // A move and a note for the courier in one message ("send it to my office and don't ring", "회사로 보내 주고 벨은
    // 누르지 마세요") are one intent but two changes: the move first, then the note, each confirmed on its own.
    const names = (read: ReturnType<typeof nlu.parse>, type: 'place' | 'instructions'): boolean =>
      read.entities.some((e) => e.type === type && !e.negated);
    const moveThenNote = (a: ReturnType<typeof nlu.parse>, b: ReturnType<typeof nlu.parse>): boolean =>
      a.intent.name === 'change_delivery_place' && names(a, 'place') && !names(a, 'instructions') && names(b, 'instructions') && !names(b, 'place');
    for (const [joint, strong] of JOINTS[ctx.textLocale]) {
      const m = joint.exec(text);
      if (!m || m.index === 0) continue;
      const first = text.slice(0, m.index).trim();
      const second = text.slice(m.index + m[0].length).trim();
      if (first.length < 4 || second.length < 4) continue;
      // A weak joint splits off a courier note, or a second request that starts with its own verb ("…, and cancel the
      // brush heads", "신라면 취소하고 기저귀 주문해 줘"): without a cue for one, nothing is parsed (this runs every turn).
      const verbs = !strong && joinsTwoVerbs(first, second, ctx.textLocale);
      if (!strong && !verbs && courierCueAt(second, ctx.textLocale) < 0) continue;
      const a = nlu.parse(first, ctx.textLocale);
      const b = nlu.parse(second, ctx.textLocale);
      // When and where a new order comes is the order's own ("reorder tide, and have it come monday"), not a second request.
      const ordersWhen =
        a.intent.name === 'reorder' &&
        (b.intent.name === 'change_delivery_slot' || b.intent.name === 'change_delivery_place') &&
        !b.entities.some((e) => e.type === 'product');
      if ((strong || verbs) && !ordersWhen && sure(a.intent) && sure(b.intent) && a.intent.name !== b.intent.name) return [first, second];
      if (sure(a.intent) && moveThenNote(a, b)) return [first, second];
    }
    return null;
  }

  async event(ctx: TurnContext, customerId: string | null, words?: string): Promise<DialogEvent> {
    const { nlu } = this.services;
    const { turn, now, timeZone } = ctx;
    const catalogue = await this.catalogue(customerId, ctx.reads);
    if (turn.input.type === 'intent') {
      ctx.intent = { name: turn.input.intent, confidence: 1 };
      const words = ctx.text ?? '';
      const entities = words ? nlu.entities(words, ctx.textLocale, { now, timeZone, ...(catalogue ? { catalogue } : {}) }) : [];
      // Dates and numbers the assistant already resolved are taken as they are.
      for (const d of turn.input.dates ?? []) {
        const value = dateValueOf(d);
        if (value) entities.push({ type: 'date', value, text: d, start: 0, end: 0 });
      }
      const n = turn.input.numbers?.[0];
      if (n !== undefined && !entities.some((e) => e.type === 'quantity'))
        entities.push({ type: 'quantity', value: n, text: String(n), start: 0, end: 0 });
      return { type: 'utterance', text: words, intent: turn.input.intent, confidence: 1, entities };
    }
    const text = words ?? ctx.text ?? '';
    const read = nlu.parse(text, ctx.textLocale, { now, timeZone, ...(catalogue ? { catalogue } : {}) });
    // A request Smile offered as a button, tapped or typed back, is that request whatever the classifier makes of it.
    const labelled = LABELLED.get(squash(text));
    const parsed = labelled ? { ...read, intent: { name: labelled, confidence: 1 } } : read;
    // "한국어로 해줘" / "in English please": the conversation continues in that language until the customer asks again.
    if (parsed.command === 'language:en-US' || parsed.command === 'language:ko-KR') {
      ctx.locale = Locale.parse(parsed.command.slice('language:'.length));
      ctx.state = { ...ctx.state, language: ctx.locale };
    }
    // A question about the customer's own orders is answered from their orders, not from the policy documents.
    // ("where is my wipes order?" asks where it is; "how long do returns take?" asks the policy.)
    // Asked about delivery in general ("해외 배송도 되나요?", "how long does shipping take?"), with nothing that makes it the
    // customer's own order, it asks the policy (and is answered, or a person offered, with or without an account).
    const aboutOrders =
      (parsed.intent.name === 'order_status' && parsed.intent.confidence >= UNSURE_BELOW && OWN_ORDER[ctx.textLocale].test(text)) ||
      (ORDER_INTENTS.has(parsed.intent.name) && parsed.entities.some((e) => e.type === 'product'));
    // An exchange or the customer's account (points, payment methods, receipts) is outside what Smile can see or do:
    // it is said so honestly, asked or requested, and never taken for a delivery change or a return.
    const subjects = policySubjects(text, ctx.textLocale);
    const outside = subjects.find((s): s is 'exchange' | 'account' => s === 'exchange' || s === 'account');
    const policy =
      outside && !parsed.command
        ? { outside }
        : !aboutOrders && isPolicyQuestion(text, ctx.textLocale)
          ? await this.policyAnswer(text, ctx.locale, subjects)
          : undefined;
    let understood: Understood = { intent: parsed.intent, entities: parsed.entities };
    // A reply of the closed class ("응응", "ㅇㅋ", "괜찮아요", "아니 그냥 둘게요", "ok") answers the question in front,
    // whatever the classifier made of it (closedAnswer below). With nothing under way it is one too (an "ok" after an
    // answer is acknowledged, not misunderstood).
    const top = stack.top(ctx.state);
    const answer = parsed.command ? null : closedAnswer(text, top);
    if (answer) {
      ctx.intent = { name: answer, confidence: 1 };
      return {
        type: 'utterance',
        text,
        intent: answer,
        confidence: 1,
        entities: parsed.entities,
        ...(parsed.frustrated ? { frustrated: true } : {}),
      };
    }
    if (!policy && !parsed.command && (parsed.intent.confidence < UNSURE_BELOW || parsed.intent.name === 'out_of_scope')) {
      const budget = turn.capabilities.voice ? VOICE_BUDGET_MS - Number(process.hrtime.bigint() - ctx.started) / 1e6 : undefined;
      understood = (await this.askLlm(text, ctx, catalogue, budget)) ?? understood;
    }
    ctx.intent = understood.intent;
    return {
      type: 'utterance',
      text,
      intent: understood.intent.name,
      confidence: understood.intent.confidence,
      entities: understood.entities,
      ...(parsed.command ? { command: parsed.command } : {}),
      ...(parsed.frustrated ? { frustrated: true } : {}),
      ...(policy ? { policy } : {}),
      ...(parsed.unbought && understood.intent.name === parsed.intent.name ? { unbought: parsed.unbought } : {}),
      // The two likeliest meanings, for a clarifying question when the reading is unsure (dialogs/patterns/misunderstood.ts).
      ...(understood.intent === parsed.intent && parsed.alternatives.length ? { alternatives: parsed.alternatives } : {}),
    };
  }

  /**
   * A question about the shop's rules asked while the customer waits for a person ("how long do refunds take?"): its
   * answer from the policy documents, or null when the message is no such question or the documents do not answer it
   * (the person will). Nothing else is read: the customer's words are for the person.
   */
  async policyWhileWaiting(ctx: TurnContext): Promise<Say | null> {
    const text = ctx.text;
    if (!text || ctx.turn.input.type !== 'text' || !isPolicyQuestion(text, ctx.textLocale)) return null;
    const subjects = policySubjects(text, ctx.textLocale);
    if (subjects.some((s) => s === 'exchange' || s === 'account')) return null;
    const answer = await this.policyAnswer(text, ctx.locale, subjects);
    return 'text' in answer ? { key: 'policy.answer', params: { text: answer.text, source: answer.source } } : null;
  }

  /** The LLM names the intent and the words it found; the words go through Smile's own entity extraction. */
  private async askLlm(text: string, ctx: TurnContext, catalogue: CatalogueItem[] | undefined, budgetMs?: number): Promise<Understood | null> {
    const { llm, nlu, logger } = this.services;
    if (!llm || (budgetMs !== undefined && budgetMs < 300)) return null;
    const { now, timeZone, textLocale: locale } = ctx;
    const u = await llm.understand(text, locale, localDate(now, timeZone), budgetMs);
    if (!u) return null;
    const words = [u.product, u.place, u.reason, u.timeOfDay].filter(Boolean).join(' ');
    const entities: Entity[] = words
      ? nlu.entities(words, locale, { now, timeZone, ...(catalogue ? { catalogue } : {}) }).map((e) => ({ ...e, start: 0, end: 0 }))
      : [];
    if (u.quantity) entities.push({ type: 'quantity', value: u.quantity, text: String(u.quantity), start: 0, end: 0 });
    const date = u.date ? dateValueOf(u.date) : null;
    if (u.date && date) entities.push({ type: 'date', value: date, text: u.date, start: 0, end: 0 });
    if (u.timeOfDay && !entities.some((e) => e.type === 'time_window')) {
      entities.push({ type: 'time_window', value: { part: u.timeOfDay }, text: u.timeOfDay, start: 0, end: 0 });
    }
    logger.info({ intent: u.intent }, 'intent from the LLM fallback');
    return { intent: { name: u.intent, confidence: 0.7 }, entities };
  }

  /** Policy questions are answered only from the policy documents: by the LLM over the best passages, or by the best passage. */
  private async policyAnswer(
    question: string,
    locale: Locale,
    subjects: PolicySubject[],
  ): Promise<{ text: string; source: string } | { notCovered: true }> {
    const index = (this.policies[locale] ??= new PolicyIndex(locale));
    // The passage must be about what was asked: "반품 배송비" is answered from the returns policy or not at all.
    const documents = subjects.flatMap((s) => (s === 'exchange' || s === 'account' ? [] : [SUBJECT_DOCUMENT[s]]));
    const passages = index.search(question, 3, documents);
    if (this.services.llm) {
      const answer = await this.services.llm.answerPolicy(question, passages, locale);
      if (answer) {
        if (!answer.covered) return { notCovered: true };
        return { text: answer.answer, source: passages.find((p) => p.source === answer.source)?.title ?? answer.source };
      }
    }
    const best = passages[0];
    // Asked for one document's rules as a whole ("환불 규정 알려 주세요", "explain the refund policy"): its closest
    // section, and the others named, so the customer can ask on (however closely that section matched).
    const [only] = documents;
    if (best && documents.length === 1 && only && WHOLE_POLICY.test(question)) {
      const others = index.sections(only).filter((p) => p.source !== best.source);
      const heading = (p: { title: string }): string => {
        const h = p.title.split(' — ').pop() ?? p.title;
        return locale === 'en-US' ? h.charAt(0).toLowerCase() + h.slice(1) : h;
      };
      const more = locale === 'en-US' ? new Intl.ListFormat('en-US').format(others.map(heading)) : others.map(heading).join(', ');
      return { text: best.text, source: best.title, ...(more ? { more } : {}) };
    }
    // A question that names none of the documents' subjects must match a passage more closely to be answered by it.
    const least = documents.length ? POLICY_MIN_SCORE : SUBJECTLESS_MIN_SCORE;
    if (best && best.score >= least) return { text: best.text, source: best.title };
    return { notCovered: true };
  }
}
