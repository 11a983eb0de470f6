import type { Order, PlaceType, Shipment } from '../../domain/commerce.js';
import { OPEN_STATUSES, orderName as domainOrderName } from '../../domain/orders.js';
import type { EscalationReason } from '../../domain/escalation.js';
import { OUTCOME_UNKNOWN } from '../../domain/errors.js';
import type { Entity, EntityOf } from '../../domain/understanding.js';
import type { FixedKey, FixedKeysOf } from '../../prompts/keys.js';
import type { Awaiting, Choice, DialogContext, DialogEvent, Effect, Param, Say, Utterance } from '../types.js';
import { customerNumber } from '../../domain/references.js';

/**
 * What a flow step decides: the frame that stays active (null: the flow is over), what to say, and at most one effect.
 * What Smile then waits for is not written here: it follows from the frame's step (the flow's step table).
 */
export interface FlowStep<F> {
  frame: F | null;
  say: Say[];
  effect?: Effect;
  /** The flow ended where a person can help; the reason sets the escalation's priority. */
  offerPerson?: EscalationReason;
  /** The flow ended and what was interrupted should not be taken up again in this reply (the customer was sent elsewhere). */
  resume?: false;
  /** The flow ended and took every interrupted one with it (a person now has the conversation: no form stays open). */
  endsAll?: true;
  /** The flow ended on a yes to another request it offered ("return it instead?"): that request starts, for these SKUs. */
  then?: { flow: 'schedule_return'; skus: string[] };
}

/** One step of a flow as data: what it waits for, and whether an unrelated message lets it lapse (an offer does). */
export interface StepSpec {
  awaiting: Awaiting;
  lapses?: boolean;
  /** A confirmation that checks a fact ("12개가 맞나요?"), where "괜찮아요" is a yes; otherwise it is an offer's polite no. */
  asks?: 'check';
}

/**
 * A flow: its step table, how it starts, how it takes each event, how it asks its open question again, and which
 * messages answer that question beyond the generic ones (yes/no to a confirmation, one of the suggestions offered).
 */
export interface FlowDef<F extends { flow: string; step: string }> {
  steps: { [S in F['step']]: StepSpec };
  start(event: Utterance, ctx: DialogContext): FlowStep<F>;
  interpret(frame: F, event: DialogEvent, ctx: DialogContext): FlowStep<F>;
  prompt(frame: F): Say[];
  answers?(frame: F, event: Utterance, ctx: DialogContext): boolean;
  /**
   * A confirmation taken up again — after a digression, or answered long after it was asked — first re-reads the
   * prices and windows it shows (null: nothing in it can change). With `answered`, the customer's "yes" waits on the
   * re-read: it acts if nothing changed, and otherwise what changed is said and the question asked again.
   */
  recheck?(frame: F, answered: boolean, ctx: DialogContext): FlowStep<F> | null;
}

/**
 * What the re-read of a confirmation taken up again found (see `FlowDef.recheck`): it still `holds` (the confirmation
 * frame, with any figure refreshed to what it is now), or something `changed`, said first, and `then` what follows —
 * the question asked again with what holds now, or the flow's end when what it would do is no longer possible.
 */
export type Reread<F> = { holds: F } | { changed: Say[]; then: FlowStep<F> };

/**
 * One rule for every flow's re-read: nothing changed and the customer's "yes" waiting → it acts; nothing changed and
 * no answer yet → the question is asked again as it was; something changed → what changed is said, then what follows
 * (never an action: a changed confirmation is always asked again or ended).
 */
export function afterRecheck<F>(answered: boolean, found: Reread<F>, ask: (f: F) => Say[], act: (f: F) => FlowStep<F>): FlowStep<F> {
  if ('holds' in found) return answered ? act(found.holds) : { frame: found.holds, say: ask(found.holds) };
  return { ...found.then, say: [...found.changed, ...found.then.say] };
}

const STANDARD_ANSWERS = new Set<string>(['suggest.yes', 'suggest.no', 'suggest.person', 'suggest.stop', 'suggest.keep_time']);

/**
 * Does this message answer the question the frame's step asks? A confirmation takes yes and no; a choice takes one
 * of its suggestions (by its words or an ordinal); the flow's own intent restates the request; the flow adds the rest.
 */
export function answersStep<F extends { flow: string; step: string }>(def: FlowDef<F>, frame: F, event: Utterance, ctx: DialogContext): boolean {
  const at: F['step'] = frame.step;
  const spec: StepSpec = def.steps[at];
  if (spec.awaiting === 'confirmation' && (event.intent === 'affirm' || event.intent === 'deny')) return true;
  if (event.intent === frame.flow) return true;
  const options = def
    .prompt(frame)
    .flatMap((s) => s.suggestions ?? [])
    .filter((p) => !(typeof p === 'object' && p.kind === 'prompt' && STANDARD_ANSWERS.has(p.key)));
  if (options.length && chooseByText(event.text, options, ctx.label)) return true;
  return def.answers?.(frame, event, ctx) ?? false;
}

/** How each kind of place is named in a sentence ("You don't have an office address saved"). */
export const PLACE_NAME = {
  home: 'place.home',
  office: 'place.office',
  locker: 'place.locker',
  convenience_store: 'place.convenience_store',
  car_trunk: 'place.car_trunk',
  in_home: 'place.in_home',
} as const satisfies Record<PlaceType, FixedKeysOf<'place.'>>;

/** A second order of the same product within this is confirmed with that fact (SMILE_REPEAT_ORDER_HOURS). */
export const DEFAULT_REPEAT_ORDER_WITHIN_MS = 24 * 3_600_000;

export const yesNo: Param[] = [
  { kind: 'prompt', key: 'suggest.yes' },
  { kind: 'prompt', key: 'suggest.no' },
];
export const yesNoPerson: Param[] = [...yesNo, { kind: 'prompt', key: 'suggest.person' }];

export { firstEntity } from '../../domain/understanding.js';

/** Words of moving a delivery in time ("move it to friday", "금요일로 옮겨줘", "미뤄줘"). */
export const MOVES = /\b(?:move|reschedule|push|postpone|change)\b|옮겨|옮기|미뤄|미루|바꿔|변경/i;

/** SKUs named by product entities; when several tie at the top score they are kept together. */
export function namedSkus(entities: Entity[]): string[] {
  const prods = entities.filter((e): e is EntityOf<'product'> => e.type === 'product').sort((a, b) => b.score - a.score);
  const best = prods[0]?.score ?? 0;
  return prods.filter((p) => p.score >= best - 0.05).map((p) => p.value);
}

// Later ordinals first, so "the second one" is not read as "one"; a bare number word only when it stands alone.
const ORDINALS: Array<[RegExp, number]> = [
  [/\b(third|3rd|last)\b|^three$|세 ?번째|셋째|마지막|^3$|3번/i, 2],
  [/\b(second|2nd|middle)\b|^two$|두 ?번째|둘째|^2$|2번/i, 1],
  [/\b(first|1st|top)\b|^one$|첫|^1$|1번/i, 0],
];

/** Weekdays as the customer says them, and as a rendered date shows them ("Mon, Nov 23", "11월 23일 (월)"). */
const WEEKDAYS: Array<[RegExp, RegExp]> = [
  [/\bmon(day)?\b|월요일/i, /\bMon\b|\(월\)/],
  [/\btue(s|sday)?\b|화요일/i, /\bTue\b|\(화\)/],
  [/\bwed(nesday)?\b|수요일/i, /\bWed\b|\(수\)/],
  [/\bthu(rs|rsday)?\b|목요일/i, /\bThu\b|\(목\)/],
  [/\bfri(day)?\b|금요일/i, /\bFri\b|\(금\)/],
  [/\bsat(urday)?\b|토요일/i, /\bSat\b|\(토\)/],
  [/\bsun(day)?\b|일요일/i, /\bSun\b|\(일\)/],
];
/** "Yes" to a question that offered a single option takes it. */
const YES = /^(yes|yeah|yep|ok(ay)?|sure|that one|네|예|응|그래|좋아요?|그거요?)[.!]*$/i;

/**
 * A choice among offered options by its own words (a suggestion sent back), an ordinal ("the second one", "두 번째"),
 * the detail that tells it apart (an order number, "the one arriving Monday"), or "yes" when only one was offered.
 */
export function chooseByText<T>(text: string, options: T[], label: (o: T) => string): T | undefined {
  const norm = (s: string): string => s.toLowerCase().replace(/\s+/g, ' ').trim();
  const t = norm(text);
  const exact = options.find((o) => norm(label(o)) === t);
  if (exact) return exact;
  for (const [re, idx] of ORDINALS) if (re.test(t) && options[idx]) return options[idx];
  if (options.length === 1 && YES.test(t)) return options[0];
  const only = (pick: (o: T) => boolean): T | undefined => {
    const hits = options.filter(pick);
    return hits.length === 1 ? hits[0] : undefined;
  };
  // A token with a digit in it (an order number) found in exactly one label.
  // An internal id typed ("ord-1003") is read as the number the customer is shown ("1003"); "2003번" as "2003".
  for (const token of t
    .split(/[\s,]+/)
    .flatMap((w) => [w, customerNumber(w.replace(/(번|번이요|번요|번으로)$/u, '')).toLowerCase()])
    .filter((w) => w.length >= 4 && /\d/.test(w))) {
    const hit = only((o) => norm(label(o)).includes(token));
    if (hit) return hit;
  }
  for (const [said, shown] of WEEKDAYS) {
    if (said.test(t)) {
      const hit = only((o) => shown.test(label(o)));
      if (hit) return hit;
    }
  }
  // A brand or part of a name ("앱솔", "nike", "베베숲꺼요"), or one slip of it ("나이끼", "nikey"), found in exactly one
  // of the options offered: among two or three choices, a word that close can only mean one.
  const said = nameTokens(t);
  if (said.length) {
    const words = new Map(options.map((o) => [o, nameTokens(norm(label(o)))]));
    // The option that more of the words fit than any other ("the seven eleven on elm" of two 7-Elevens).
    for (const fits of [startsWord, oneSlip]) {
      const fitting = options.map((o) => said.filter((w) => (words.get(o) ?? []).some((l) => fits(w, l))).length);
      const best = Math.max(...fitting);
      if (best > 0 && fitting.filter((n) => n === best).length === 1) return options[fitting.indexOf(best)];
    }
  }
  return undefined;
}

/**
 * None of the options offered, and others wanted ("other times?", "none of those work", "anything later?", "다른 시간은
 * 없어요?", "다른 날", "딴 거요", "더 있어요?"). A closed class of words about the offer itself, not a new request.
 */
const OTHERS = [
  /\b(other|others|another|different|else|more|later|earlier)\b.{0,20}\b(times?|slots?|windows?|days?|dates?|options?|ones?|stores?|shops?|lockers?|places?|locations?|spots?)\b/i,
  /\b(none|neither)\b( of (those|these|them))?\b/i,
  /^(any|anything|something|what about)\b.{0,12}\b(else|other|later|earlier)\b/i,
  /^(more|others|other ones|what else|anything else|next)\??$/i,
  /(다른|딴|또 ?다른)\s*(시간|날|날짜|요일|거|것|걸|데|곳|옵션|선택|편의점|택배함|보관함|지점|매장)/,
  /(더|또)\s*(있|없|보여|알려)/,
  /(다|모두|전부)?\s*(안 ?돼요|안 ?되는데|안 ?맞아요|별로예요)$/,
];
export const asksForOthers = (text: string): boolean => OTHERS.some((re) => re.test(text.trim()));

/** Words that name nothing in a choice ("the ones", "please", "그거요"), and short English words that are no brand. */
const FILLER = new Set(
  'the one ones that this those these please pls with for and size pack packs to my it at in on of me is be do or an by we us ok no so up go if as am hi'.split(
    ' ',
  ),
);
/** Particles and endings after a name ("베베숲꺼요", "나이키로", "앱솔이요"), taken off before comparing. */
const KO_TAIL = /(?:으로요|으로|로요|로|이요|꺼요|거요|걸로요|걸로|것요|꺼|거|요|이|가|을|를|은|는|도|만)$/;
function nameTokens(text: string): string[] {
  return (text.match(/[a-z]+|[가-힣]+/g) ?? [])
    .map((w) => (/[가-힣]/.test(w) && w.length > 2 ? w.replace(KO_TAIL, '') : w))
    .filter((w) => (/[가-힣]/.test(w) ? w.length >= 2 : w.length >= 2 && !FILLER.has(w)));
}
/** "앱솔" of "앱솔루트", "sonic" of "sonicare": the start of a word, at least half of it; two letters only as a whole word ("CU"). */
const startsWord = (said: string, word: string): boolean =>
  said === word || (word.startsWith(said) && said.length * 2 >= word.length && (said.length >= 3 || /[가-힣]/.test(said)));
/**
 * One letter (one syllable in Korean) added, missing, changed or two swapped: "nikey" / "nike", "나이끼" / "나이키".
 * Only words long enough to still be themselves (four letters, three syllables) and with the same first letter.
 */
function oneSlip(said: string, word: string): boolean {
  if (said === word || said[0] !== word[0] || Math.min(said.length, word.length) < (/[가-힣]/.test(word) ? 3 : 4)) return false;
  if (Math.abs(said.length - word.length) > 1) return false;
  let i = 0;
  while (i < said.length && said[i] === word[i]) i += 1;
  const a = said.slice(i);
  const b = word.slice(i);
  if (a.length === b.length) return a.slice(1) === b.slice(1) || (a[0] === b[1] && a[1] === b[0] && a.slice(2) === b.slice(2));
  return a.length > b.length ? a.slice(1) === b : a === b.slice(1);
}

/**
 * Store brands as customers say them: "씨유" is CU, "지에스" GS25, "세븐" 세븐일레븐, "seven eleven" 7-Eleven. Written
 * the way the shop's own labels spell them, so a brand answers a choice that contains it.
 */
const BRANDS: Array<[RegExp, string]> = [
  [/씨유/g, ' CU '],
  [/지에스\s*(?:25|이십오)?/g, ' GS25 '],
  [/세븐\s*(?:일레븐)?/g, ' 세븐일레븐 '],
  [/\b(?:seven|7)[\s-]*(?:eleven|11)\b/gi, ' 7-Eleven '],
  [/이마트\s*(?:24|이사)?/g, ' 이마트24 '],
];
const withBrands = (text: string): string =>
  BRANDS.reduce((t, [re, to]) => t.replace(re, to), text)
    .replace(/\s+/g, ' ')
    .trim();

/**
 * A pick-up point the customer names among those offered: by its label's words, its number or position, its full name,
 * or its brand as people say it ("CU로 할게", "씨유요", "the seven eleven one").
 */
export function pointNamed<T extends { name: string }>(points: T[], text: string, label: (p: T) => string = (p) => p.name): T | undefined {
  const said = withBrands(text);
  return (
    chooseByText(said, points, label) ??
    chooseByText(said, points, (p) => p.name) ??
    points.find((p) => said.toLowerCase().includes(p.name.toLowerCase()))
  );
}

/** Words that carry no choice ("I'll drop it off at the store" is chosen by "drop", "off" and "store"). */
const CHOICE_FILLER = new Set(
  "a an the at to of in on it i i'll ill id i'd me my please pls want like would will can could by via with and or do let's lets one that this just".split(
    ' ',
  ),
);
const wordsOf = (s: string): string[] =>
  s
    .toLowerCase()
    .split(/[^\p{L}\p{N}']+/u)
    .filter((w) => w.length >= 2 && !CHOICE_FILLER.has(w));

/**
 * The offered options a free answer points at by their words, best first: the options sharing the most words with it
 * ("drop off" → both drop-offs; "drop it off at a store" → the convenience store). A Korean word counts when one holds the
 * other ("편의점에" holds "편의점"). Empty when no word is shared, or when every option shares as many (nothing narrowed).
 */
export function narrowByWords<T>(text: string, options: T[], label: (o: T) => string): T[] {
  const said = wordsOf(text);
  if (said.length === 0) return [];
  const score = (o: T): number => {
    const shown = wordsOf(label(o));
    return said.filter((w) => shown.some((l) => l === w || (/[가-힣]/.test(w) && (w.includes(l) || l.includes(w))))).length;
  };
  const scored = options.map((o) => ({ o, n: score(o) }));
  const best = Math.max(0, ...scored.map((s) => s.n));
  const top = scored.filter((s) => s.n === best).map((s) => s.o);
  return best === 0 || top.length === options.length ? [] : top;
}

/**
 * Labels that can be told apart: where two options would read the same, each carries its details — every detail that
 * differs within the look-alikes (the first, such as an order number, always) — "Pampers … · order number 1003 · Mon, Nov 23".
 */
export function tellApart<T extends { name: string }>(items: T[], details: (item: T) => string[]): T[] {
  return items.map((item) => {
    const alike = items.filter((o) => o.name === item.name);
    if (alike.length < 2) return item;
    const mine = details(item);
    const columns = alike.map(details);
    const shown = mine.filter((d, i) => i === 0 || new Set(columns.map((c) => c[i])).size > 1);
    return { ...item, name: [item.name, ...shown].join(' · ') };
  });
}

export { OPEN_STATUSES, isOpenStatus } from '../../domain/orders.js';

/** An order's name in the customer's language: "Wipes (+1)", "물티슈 외 1건" (prompt 'order.name.more'). */
export function orderName(order: Order, ctx: Pick<DialogContext, 'label'>): string {
  return domainOrderName(order, (first, count) => ctx.label({ kind: 'prompt', key: 'order.name.more', params: { first, count } }));
}

/**
 * An order as the customer asked about it: the product they named when the order holds others too ("the running
 * shoes", not "Tide … (+1)" for the order they came in), else the order's own name.
 */
export function orderNameFor(order: Order, skus: readonly string[], ctx: Pick<DialogContext, 'label'>): string {
  const named = order.items.length > 1 && skus.length ? order.items.find((i) => skus.includes(i.sku)) : undefined;
  return named?.name ?? orderName(order, ctx);
}

/** Shipments that can still change, optionally only those carrying one of the named SKUs. */
export function openShipments(shipments: Shipment[], orders: Order[], skus: string[]): Array<{ shipment: Shipment; order: Order }> {
  return (
    shipments
      .filter((s) => OPEN_STATUSES.has(s.status))
      .map((shipment) => ({ shipment, order: orders.find((o) => o.id === shipment.orderId) }))
      .filter((x): x is { shipment: Shipment; order: Order } => Boolean(x.order))
      .filter((x) => skus.length === 0 || x.order.items.some((i) => skus.includes(i.sku)))
      // Soonest first; two arriving together in the order they were placed (the store's listing order is no order).
      .sort(
        (a, b) =>
          Date.parse(a.shipment.window.start) - Date.parse(b.shipment.window.start) ||
          a.order.placedAt.localeCompare(b.order.placedAt) ||
          a.shipment.id.localeCompare(b.shipment.id),
      )
  );
}

export const choiceOf =
  (ctx: Pick<DialogContext, 'label'>) =>
  (x: { shipment: Shipment; order: Order }): Choice => ({ id: x.shipment.id, name: orderName(x.order, ctx) });

/** Shipments offered to choose from, look-alikes told apart by order number, delivery date and destination. */
export function shipmentChoices<X extends { shipment: Shipment; order: Order }, C extends Choice>(
  xs: X[],
  ctx: DialogContext,
  make: (x: X) => C,
): C[] {
  const byId = new Map(xs.map((x) => [x.shipment.id, x]));
  return tellApart(xs.map(make), (c) => {
    const x = byId.get(c.id);
    return x
      ? [
          ctx.label({ kind: 'prompt', key: 'order.number', params: { orderId: customerNumber(x.order.id) } }),
          ctx.label({ kind: 'date', iso: x.shipment.window.start }),
          x.shipment.place.label,
        ]
      : [];
  });
}

/**
 * The polite answer to a failed effect. A change that failed for a passing reason keeps what the customer chose,
 * so "yes" tries again under the same idempotency key; anything else ends the flow with the offer of a person.
 */
export function failure<F>(frame: F | null, transient: boolean, key: FixedKey): FlowStep<F> {
  if (frame && transient) return { frame, say: [{ key: 'failure.retry', suggestions: yesNoPerson }] };
  return { frame: null, say: [{ key }], offerPerson: 'failed_effect' };
}

export { OUTCOME_UNKNOWN } from '../../domain/errors.js';

/**
 * A change sent whose outcome Smile could not learn in time: it is never called a failure. The flow ends (no stale
 * confirmation stays open, so a later "yes" cannot send it again) and the customer hears that Smile will check and tell
 * them; the engine keeps the change pending and settles it under the same key.
 */
export function outcomeUnknown<F>(voice = false): FlowStep<F> {
  // A speaker's session ends here, so "I'll tell you here" would not be true: the news waits for its next opening.
  return { frame: null, say: [{ key: voice ? 'outcome.unknown.voice' : 'outcome.unknown' }] };
}

/** A change that failed: a passing fault keeps the confirmation open for a retry; a refusal ends with a person offered. */
export function failedWrite<F>(frame: F, result: { transient: boolean; code: string }, key: FixedKey): FlowStep<F> {
  if (result.code === OUTCOME_UNKNOWN) return outcomeUnknown();
  if (result.transient) return failure(frame, true, key);
  // The provider's code is for the log and the agent, never for the customer.
  return { frame: null, say: [{ key }], offerPerson: 'failed_effect' };
}
