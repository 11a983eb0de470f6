import { randomUUID } from 'node:crypto';
import type { HandlerInput } from 'ask-sdk-core';
import type { Slot } from 'ask-sdk-model';
import type { Channel } from '../bots/channel.js';
import { endsOnQuestion, present, presentError, sentences, type PresentedCard, type Presentation } from '../bots/presentation.js';
import { say } from '../prompts/index.js';
import type { Capabilities, Reply, Turn } from '../engine/types.js';
import type { IntentName } from '../nlu/catalogue.js';
import type { Locale } from '../domain/locale.js';

/** Alexa intents of the interaction model and the catalogue intents they stand for (PRODUCT.md section 3). */
export const VOICE_INTENTS: Record<string, IntentName> = {
  ReorderIntent: 'reorder',
  OrderStatusIntent: 'order_status',
  ChangeDeliverySlotIntent: 'change_delivery_slot',
  ChangeDeliveryPlaceIntent: 'change_delivery_place',
  CourierNoteIntent: 'change_delivery_place',
  ScheduleReturnIntent: 'schedule_return',
  CancelOrderIntent: 'cancel_order',
  ReportProblemIntent: 'report_delivery_problem',
  TalkToAgentIntent: 'human_handoff',
  SubscriptionIntent: 'manage_subscription',
  'AMAZON.YesIntent': 'affirm',
  'AMAZON.NoIntent': 'deny',
  'AMAZON.HelpIntent': 'help',
  'AMAZON.StopIntent': 'stop',
  'AMAZON.CancelIntent': 'stop',
  'AMAZON.NavigateHomeIntent': 'stop',
  'AMAZON.FallbackIntent': 'out_of_scope',
  // An answer to "which one?" ("the second one"): no catalogue intent, the flow reads the words.
  ChooseOptionIntent: 'out_of_scope',
  // The 4-digit voice purchase code: the reorder flow reads the digits.
  VoiceCodeIntent: 'out_of_scope',
  // A bare answer ("tomorrow", "the office", "because they're too small"): it answers the open question, or is not
  // understood — it never starts a flow.
  AnswerIntent: 'out_of_scope',
  // "make it three": a new quantity for what is being confirmed.
  CorrectionIntent: 'out_of_scope',
};

export const escapeSsml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** What an Alexa response says and does, before ask-sdk's response builder writes it. */
export interface AlexaSpeech {
  ssml: string;
  reprompt: string | null;
  card: { title: string; content: string } | null;
  endSession: boolean;
  /** The choices Smile offered, kept in the Alexa session so the next answer can name one. */
  offered: string[];
  /** The slot a bare answer to Smile's question fills (Dialog.ElicitSlot), when the question wants a value. */
  elicit: Elicited | null;
}

/** A slot of the interaction model that Smile asks Alexa to listen for: the answer to its open question. */
export interface Elicited {
  intent: string;
  slot: string;
}

/**
 * What Smile's open question asks for, as the slot whose value answers it: Alexa is told (Dialog.ElicitSlot) to hear
 * the next words as that value, so a bare "friday", "the office" or "they're too small" answers the question and never
 * starts another flow. The interaction model's dialog section is made from this table. A yes/no question, a free
 * description or a choice between saved and new notes elicits nothing.
 */
export const ELICIT: Partial<Record<NonNullable<Reply['awaiting']>, Elicited>> = {
  window: { intent: 'AnswerIntent', slot: 'date' },
  place: { intent: 'AnswerIntent', slot: 'place' },
  product: { intent: 'AnswerIntent', slot: 'product' },
  item: { intent: 'AnswerIntent', slot: 'product' },
  order: { intent: 'AnswerIntent', slot: 'product' },
  reason: { intent: 'AnswerIntent', slot: 'reason' },
  method: { intent: 'AnswerIntent', slot: 'method' },
  pickup_point: { intent: 'ChooseOptionIntent', slot: 'choice' },
  problem: { intent: 'ChooseOptionIntent', slot: 'choice' },
  voice_code: { intent: 'VoiceCodeIntent', slot: 'code' },
};

const STOP_WORDS = new Set([
  'the',
  'a',
  'an',
  'one',
  'at',
  'to',
  'of',
  'my',
  'please',
  'i',
  'll',
  'take',
  'want',
  'that',
  'off',
  'drop',
  'with',
  'it',
  'and',
  'on',
  'in',
]);
const wordsOf = (text: string): string[] =>
  text
    .toLowerCase()
    .normalize('NFKD')
    .split(/[^a-z0-9가-힣]+/)
    .filter((w) => w && !STOP_WORDS.has(w));

/**
 * An option named in the customer's words ("the parcel locker", "Oak Plaza"): the offered option that holds the most
 * of those words, when exactly one does; else none, and the flow asks again.
 */
export function optionNamed(said: string, offered: string[]): string | undefined {
  const said_ = new Set(wordsOf(said));
  if (said_.size === 0) return undefined;
  const scored = offered.map((o) => ({ o, hits: wordsOf(o).filter((w) => said_.has(w) || said_.has(w.replace(/s$/, ''))).length }));
  const best = Math.max(0, ...scored.map((x) => x.hits));
  const top = scored.filter((x) => x.hits === best);
  return best > 0 && top.length === 1 ? top[0]?.o : undefined;
}

/** ChooseOptionIntent's words as the option itself: by position ({option} is an ordinal) or by name ({choice}). */
function chosen(slots: Record<string, string>, offered: string[]): Record<string, string> {
  const position = slots.option && /^\d+$/.test(slots.option) ? offered[Number(slots.option) - 1] : undefined;
  const named = slots.choice ? optionNamed(slots.choice, offered) : undefined;
  const option = position ?? named;
  return option ? { option } : slots;
}

function offeredIn(attributes: unknown): string[] {
  const offered = (attributes as { offered?: unknown } | undefined)?.offered;
  return Array.isArray(offered) ? offered.filter((o): o is string => typeof o === 'string' && o.length <= 200).slice(0, 20) : [];
}

const CAPABILITIES: Capabilities = { voice: true, cards: true, quickReplies: false, liveChat: false };

/** A closed microphone never ends on a question: trailing questions and invitations are left unsaid. */
function withoutTrailingQuestions(texts: string[]): string[] {
  const out = [...texts];
  while (out.length) {
    const kept = sentences(out.at(-1) ?? '');
    while (kept.length && endsOnQuestion(kept.at(-1) ?? '')) kept.pop();
    if (kept.length) {
      out[out.length - 1] = kept.join(' ');
      break;
    }
    out.pop();
  }
  return out;
}

const DAYS: Record<string, string> = {
  Mon: 'Monday',
  Tue: 'Tuesday',
  Wed: 'Wednesday',
  Thu: 'Thursday',
  Fri: 'Friday',
  Sat: 'Saturday',
  Sun: 'Sunday',
};
const MONTHS: Record<string, string> = {
  Jan: 'January',
  Feb: 'February',
  Mar: 'March',
  Apr: 'April',
  May: 'May',
  Jun: 'June',
  Jul: 'July',
  Aug: 'August',
  Sep: 'September',
  Oct: 'October',
  Nov: 'November',
  Dec: 'December',
};

/**
 * Chat text as words for the ear: no internal ids or error codes, no symbols or parentheticals, dates and ranges as
 * words. The result is still plain text; digits are marked for say-as when it is escaped.
 */
export function forTheEar(text: string): string {
  return (
    text
      .replace(/\s*\((?:Source|출처):[^)]*\)/g, '')
      // A total with its delivery fee, short for the ear: "$12.99 + $5.99 delivery = $18.98" → "$18.98 with $5.99 delivery".
      .replace(/(\$\d+(?:,\d{3})*(?:\.\d+)?)\s*\+\s*(\$\d+(?:,\d{3})*(?:\.\d+)?) delivery\s*=\s*(\$\d+(?:,\d{3})*(?:\.\d+)?)/g, '$3 with $2 delivery')
      // A line break after words with no stop ends a sentence ("… Baby Wipes\nWhich one?"), else it runs on.
      .replace(/([^\s.!?:,;])[ \t]*\n+\s*(?=\S)/g, '$1. ')
      // Short spoken product names: a pack count is for the card ("Huggies Little Snugglers Diapers, Size 2, 84 ct").
      // So is a size in units ("Tide Free & Gentle Laundry Detergent, 92 oz"); a clothing or diaper size is kept.
      .replace(/,\s*\d+(?:\.\d+)?\s*(?:ct|count|pk|packs?|pieces|fl\.? oz|oz|ml|lbs?|kg|g|l)\b(?=[\s,.;:?!]|$)/gi, '')
      // An order number is for the card, not the ear ("placed (order number 2681D657, $24.99)" → "placed, $24.99").
      .replace(/\s*\((?:order number|주문번호) [A-Z0-9-]+\)/gi, '')
      .replace(/\((?:order number|주문번호) [A-Z0-9-]+,\s*/gi, '(')
      .replace(/\b(?:your )?order number [A-Z0-9]+(?:-[A-Z0-9]+)*\b/gi, 'your order')
      // An id may have hyphens of its own ("ord-slow-1"); none of it is said.
      .replace(/\b(?:your )?order (ord|shp)-[a-z0-9]+(?:-[a-z0-9]+)*\b/gi, 'your order')
      .replace(/\s*\(?\b(order )?(ord|shp|esc|ret|rtn|pp)-[a-z0-9-]+\b\)?/gi, '')
      .replace(/\b[a-z]+(_[a-z]+)+\b/g, '')
      .replace(/\b24\/7\b/g, 'open all day')
      // "Tide … Detergent, +1" (and one more item in that order), and opening hours on a 24-hour clock, as words.
      .replace(/,?\s*\+(\d+)\b/g, ' and $1 more')
      .replace(/\b([01]?\d|2[0-3]):([0-5]\d)\b(?!\s*(?:AM|PM|am|pm))/g, (_m, h: string, mm: string) => {
        const hour = Number(h);
        return `${hour % 12 || 12}${mm === '00' ? '' : `:${mm}`} ${hour < 12 ? 'AM' : 'PM'}`;
      })
      .replace(/\s*\(([^)]*)\)/g, ', $1,')
      .replace(/\s*·\s*/g, ', ')
      .replace(/\s*[–—]\s*(?=\d)/g, ' to ')
      .replace(/\s*[—–]\s*/g, ', ')
      .replace(/(\d)\s*×\s*/g, '$1 of ')
      .replace(/\s*&\s*/g, ' and ')
      .replace(/\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b,?/g, (_m, d: string) => `${DAYS[d] ?? d},`)
      .replace(/\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{1,2})\b/g, (_m, mo: string, day: string) => `${MONTHS[mo] ?? mo} ${day}`)
      .replace(/[→#*_|\\/]/g, ' ')
      .replace(/\s+([,.!?:;])/g, '$1')
      .replace(/[,:;]+([,.!?:;])/g, '$1')
      .replace(/:\s*,/g, ':')
      .replace(/\s{2,}/g, ' ')
      .trim()
  );
}

/** A message said on its own ends as a sentence: "… are:" before the options, or a list with no full stop, runs on. */
const asSentence = (text: string): string => (!text || /[.!?]$/.test(text) ? text : `${text.replace(/[\s,:;]+$/, '')}.`);

/** Escaped for SSML, with codes and phone digits read digit by digit; `whole`: a message said as a sentence of its own. */
const ssmlOf = (text: string, whole = false): string =>
  escapeSsml(whole ? asSentence(forTheEar(text)) : forTheEar(text))
    .replace(/(?<![$\d.,:])\b(\d{4,})\b(?![.,:]\d)/g, '<say-as interpret-as="digits">$1</say-as>')
    .replace(/\b([A-Z]{1,4}\d[A-Z\d]{2,}|[A-Z]{1,4}-\d{3,})\b/g, '<say-as interpret-as="characters">$1</say-as>')
    // A reference number of digits and capitals ("9F0C1A2B", a case's number) is spelled out, character by character.
    .replace(/\b((?=[A-Z\d]*[A-Z])(?=[A-Z\d]*\d)\d[A-Z\d]{5,})\b/g, '<say-as interpret-as="characters">$1</say-as>');

/** A status line's product said short: "Pampers Sensitive Baby Wipes, 12 packs: shipped…" → "Pampers Sensitive Baby Wipes: shipped…". */
const shortLine = (text: string): string => text.replace(/^([^:,]+),[^:]*:/, '$1:');
const wordCount = (text: string): number => text.split(/\s+/).filter(Boolean).length;
/** The most a status answer says before the rest is left to the card. */
const STATUS_WORDS = 40;

/**
 * What Alexa says for a reply whose chat text is long: help in two sentences and a question; a status summarised
 * first, with as many of its orders as fit the word budget (at most three) and the rest counted and sent as a card.
 */
function spokenMessages(reply: Reply, p: Presentation): { texts: string[]; card: PresentedCard | null } {
  const texts = p.messages.map((m) => m.text);
  if (reply.intent?.name === 'help' && reply.awaiting === null) return { texts: [say(p.locale, 'voice.help')], card: p.card };
  if (reply.flow === 'order_status' || (reply.intent?.name === 'order_status' && texts.length > 2)) {
    const [header, ...lines] = texts;
    if (!header || lines.length < 2) return { texts: texts.map(shortLine), card: p.card };
    const tail = (n: number) => say(p.locale, 'voice.status_more', { count: String(n) });
    // As many as fit the budget, at most three, with "and N more" said only when some are left.
    const short = lines.slice(0, 3).map(shortLine);
    const fits = (k: number) =>
      wordCount(forTheEar(header)) +
        short.slice(0, k).reduce((n, l) => n + wordCount(forTheEar(l)), 0) +
        (k < lines.length ? wordCount(tail(lines.length - k)) : 0) <=
      STATUS_WORDS;
    let k = short.length;
    while (k > 1 && !fits(k)) k -= 1;
    const read = short.slice(0, k);
    const others = lines.length - read.length;
    return {
      texts: [header, ...read, ...(others > 0 ? [tail(others)] : [])],
      card: others > 0 ? { title: say(p.locale, 'voice.card.orders'), lines } : p.card,
    };
  }
  return { texts, card: p.card };
}

/** A presentation as speech: sentences in order, a choice read out, a reprompt while the session stays open. */
function toSpeech(p: Presentation, reply?: Reply): AlexaSpeech {
  const spoken = reply ? spokenMessages(reply, p) : { texts: p.messages.map((m) => m.text), card: p.card };
  let texts = spoken.texts;
  if (p.spokenOptions) {
    // A header that introduced the chat's list ("The earliest free windows are:") goes when the question was asked
    // already: the options are read instead of the list.
    const header = texts.at(-1) ?? '';
    const asked = (t: string) => /\?\s*$/.test(t);
    if (/:\s*$/.test(header)) {
      const parts = sentences(header);
      if (parts.length > 1 && parts.slice(0, -1).some(asked)) texts = [...texts.slice(0, -1), parts.slice(0, -1).join(' ')];
      else if (texts.length > 1 && texts.slice(0, -1).some(asked)) texts = texts.slice(0, -1);
    }
    texts.push(p.spokenOptions);
  }
  if (p.endSession) texts = withoutTrailingQuestions(texts);
  // Options read out ("You can say …") already hand the turn back: no second, other question after them.
  if (p.closing && !p.spokenOptions && !endsOnQuestion(texts.at(-1) ?? '')) texts.push(p.closing);
  if (texts.length === 0) texts = [say(p.locale, 'voice.okay')];
  return {
    ssml: texts
      .map((t) => ssmlOf(t, true))
      .filter(Boolean)
      .join('<break time="300ms"/>'),
    reprompt: p.reprompt === null ? null : ssmlOf(p.reprompt),
    card: spoken.card ? { title: spoken.card.title, content: spoken.card.lines.join('\n') } : null,
    endSession: p.endSession,
    offered: p.endSession ? [] : p.choices,
    elicit: !p.endSession && reply?.awaiting ? (ELICIT[reply.awaiting] ?? null) : null,
  };
}

const PERIODS: Record<string, string> = { MO: 'morning', AF: 'afternoon', EV: 'evening', NI: 'night' };
/** AMAZON.TIME as the words it was ("18:00" was "after 6 pm": the model's only time samples say "after"). */
function timeWords(value: string): string {
  const hm = /^(\d{2}):(\d{2})$/.exec(value);
  if (!hm) return PERIODS[value] ?? value;
  const h = Number(hm[1]);
  const m = hm[2] === '00' ? '' : `:${hm[2]}`;
  return `after ${h % 12 === 0 ? 12 : h % 12}${m} ${h < 12 ? 'am' : 'pm'}`;
}

const isoDay = (d: Date): string => d.toISOString().slice(0, 10);
/**
 * AMAZON.DATE's week and weekend values ("next week" is 2026-W49, "this weekend" 2026-W48-WE) as a run of days,
 * "first..last" (ISO weeks start on Monday); null for any other value.
 */
export function weekRange(value: string): string | null {
  const m = /^(\d{4})-W(\d{2})(-WE)?$/.exec(value);
  if (!m) return null;
  const year = Number(m[1]);
  const week = Number(m[2]);
  // Monday of ISO week 1 is the Monday on or before January 4th.
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86_400_000 + (week - 1) * 7 * 86_400_000);
  const day = (n: number) => isoDay(new Date(monday.getTime() + n * 86_400_000));
  return m[3] ? `${day(5)}..${day(6)}` : `${day(0)}..${day(6)}`;
}

/** AMAZON.DURATION in days ("a day later" is P1D, "a week later" P1W) as a shift, "+Nd"; null for hours or longer spans. */
export function shiftOf(value: string): string | null {
  const m = /^P(?:(\d{1,2})W)?(?:(\d{1,2})D)?$/.exec(value);
  if (!m || (!m[1] && !m[2])) return null;
  const days = Number(m[1] ?? 0) * 7 + Number(m[2] ?? 0);
  return days > 0 && days <= 14 ? `+${days}d` : null;
}

function slotWords(slots: Record<string, Slot> | undefined): { words: Record<string, string>; dates: string[]; numbers: number[] } {
  const words: Record<string, string> = {};
  const dates: string[] = [];
  const numbers: number[] = [];
  for (const [name, slot] of Object.entries(slots ?? {})) {
    if (!slot.value) continue;
    const week = name === 'date' ? weekRange(slot.value) : null;
    const shift = name === 'shift' ? shiftOf(slot.value) : null;
    if (week) dates.push(week);
    else if (shift) dates.push(shift);
    else if (name === 'shift') words.shift = `${slot.value} later`;
    else if (name === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(slot.value)) dates.push(slot.value);
    else if (name === 'quantity' && /^\d+$/.test(slot.value)) numbers.push(Number(slot.value));
    else if (name === 'time') words.time = timeWords(slot.value);
    // A courier note keeps the words that carried it, as the customer would type them.
    else if (name === 'note') words.note = `tell the courier to ${slot.value}`;
    else words[name] = slot.value;
  }
  return { words, dates, numbers };
}

/** Policy questions by voice: each slot's carrier is how its question is put to the policy answers, as typed text. */
export const POLICY_CARRIERS: Record<string, (words: string) => string> = {
  topic: (w) => `What is your policy on ${w}?`,
  howLong: (w) => `How long do I have to ${w}?`,
  cost: (w) => `How much does ${w} cost?`,
};

/** How many of the offered choices have been read out (the first three with the question, three more per "more"). */
const READ_AT_ONCE = 3;

function heardIn(attributes: unknown): number {
  const heard = (attributes as { heard?: unknown } | undefined)?.heard;
  return typeof heard === 'number' && Number.isInteger(heard) && heard >= 0 ? heard : READ_AT_ONCE;
}

/**
 * "more" / "what else": the next three of the choices offered, read from the Alexa session (the dialog still waits for
 * its answer, by name or position); null when nothing was offered, and the engine answers as for any other words.
 */
export function moreChoices(attributes: unknown): { speech: AlexaSpeech; heard: number } | null {
  const offered = offeredIn(attributes);
  if (offered.length === 0) return null;
  const heard = heardIn(attributes);
  const next = offered.slice(heard, heard + READ_AT_ONCE);
  const left = offered.length - heard - next.length;
  const list = next.length > 1 ? `${next.slice(0, -1).join(', ')}, ${say('en-US', 'voice.or')} ${next.at(-1)}` : next.join('');
  const text = next.length
    ? left > 0
      ? say('en-US', 'voice.more_choices_left', { choices: list, count: String(left) })
      : say('en-US', 'voice.more_choices', { choices: list })
    : say('en-US', 'voice.no_more_choices');
  return {
    speech: { ssml: ssmlOf(text), reprompt: ssmlOf(say('en-US', 'voice.which_one')), card: null, endSession: false, offered, elicit: null },
    heard: heard + next.length,
  };
}

const conversationId = (input: HandlerInput): string =>
  `alexa:${input.requestEnvelope.session?.sessionId ?? input.requestEnvelope.context.System.user.userId}`;

/** Alexa: a launch is a welcome; an intent arrives understood, with its slots' words. */
export const alexaChannel = {
  name: 'alexa',
  capabilities: CAPABILITIES,
  conversationId,
  toTurn(input: HandlerInput): Turn | null {
    const env = input.requestEnvelope;
    const request = env.request;
    let turnInput: Turn['input'];
    if (request.type === 'LaunchRequest') turnInput = { type: 'event', name: 'welcome' };
    else if (request.type === 'IntentRequest' && request.intent.name === 'PolicyQuestionIntent') {
      // Asked as the customer would type it, so the policy answers take it as any other question.
      const [name, slot] = Object.entries(request.intent.slots ?? {}).find(([n, s]) => s.value && POLICY_CARRIERS[n]) ?? [];
      turnInput =
        name && slot?.value ? { type: 'text', text: POLICY_CARRIERS[name]!(slot.value) } : { type: 'intent', intent: 'out_of_scope', slots: {} };
    } else if (request.type === 'IntentRequest') {
      const slots = slotWords(request.intent.slots);
      const { dates, numbers } = slots;
      const words = request.intent.name === 'ChooseOptionIntent' ? chosen(slots.words, offeredIn(env.session?.attributes)) : slots.words;
      // Kept as Alexa resolved it, for a person who takes the conversation over (issue 22, item 7).
      const spoken = {
        intent: request.intent.name,
        slots: Object.fromEntries(Object.entries(request.intent.slots ?? {}).flatMap(([k, v]) => (v.value ? [[k, v.value.slice(0, 500)]] : []))),
      };
      turnInput = { type: 'intent', intent: VOICE_INTENTS[request.intent.name] ?? 'out_of_scope', slots: words, dates, numbers, spoken };
    } else return null;
    return {
      channel: 'alexa',
      channelUserId: env.context.System.user.userId,
      conversationId: conversationId(input),
      messageId: request.requestId ?? randomUUID(),
      locale: 'en-US',
      input: turnInput,
      capabilities: CAPABILITIES,
    };
  },
  render: (reply: Reply) => toSpeech(present(reply, CAPABILITIES), reply),
  renderError: (err, locale) => toSpeech(presentError(err, locale)),
} satisfies Channel<HandlerInput, AlexaSpeech>;

/** News that waited for this session, said before the answer (its own card when the answer has none). */
export function withNews(news: string[], speech: AlexaSpeech): AlexaSpeech {
  const said = news.slice(-2);
  return {
    ...speech,
    ssml: [...said.map((n) => ssmlOf(n, true)), speech.ssml].filter(Boolean).join('<break time="500ms"/>'),
    card: speech.card ?? { title: say('en-US', 'voice.card.news'), content: news.join('\n') },
  };
}

/** The answer was not ready within Alexa's time: the turn goes on, and nothing it does is done twice. */
export const stillChecking = (locale: Locale): AlexaSpeech => ({
  ssml: ssmlOf(say(locale, 'voice.still_checking')),
  reprompt: null,
  card: null,
  endSession: true,
  offered: [],
  elicit: null,
});
