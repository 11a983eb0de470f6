import { AppError } from '../domain/errors.js';
import type { Capabilities, Reply } from '../engine/types.js';
import type { Locale } from '../domain/locale.js';
import type { CardProduct } from '../domain/commerce.js';
import { say, type PromptKey } from '../prompts/index.js';

export interface PresentedCard {
  title: string;
  lines: string[];
  /** The products it is about, each with its picture when the shop has one. */
  products?: CardProduct[];
}

/**
 * A reply as every channel shows it, decided once from the reply and the channel's capabilities (as botbuilder's
 * ChoiceFactory.forChannel decides how a choice looks): is Smile asking yes/no, asking to pick one of a few, or just
 * saying something; which finite answers it offers; whether a voice session ends. Channels only draw it.
 */
export interface Presentation {
  kind: 'confirm' | 'choice' | 'statement';
  locale: Locale;
  messages: Array<{ text: string; card?: PresentedCard }>;
  /** The finite answers offered with the last message (yes/no, the choices, or plain suggestions), capped for the channel. */
  options: string[];
  /** The first card of the reply with lines, for channels that show one card a response. */
  card: PresentedCard | null;
  /** The products of the reply's cards (a confirmation's, or a choice's options), for channels that show pictures. */
  products: CardProduct[];
  /** A choice on a channel without buttons is read out: "You can say 1: …; 2: …". */
  spokenOptions: string | null;
  /** Voice: what is asked again when the customer says nothing; null when the session ends. */
  reprompt: string | null;
  endSession: boolean;
  /** Voice: a question added after the speech when the session stays open and the words did not end on one. */
  closing: string | null;
  /** Every choice offered when Smile waits for one (not only those read out), so an answer by name can be matched. */
  choices: string[];
  /** Voice: the customer said stop, so the speech ends quietly, with no question. */
  quiet: boolean;
  handoff: Reply['handoff'] | null;
}

/** A speaker can hold only a few choices in mind; buttons can offer more. */
const VOICE_OPTIONS = 3;
/** The longest question a reprompt repeats as it is. */
const REPROMPT_WORDS = 12;
/** After these the customer is invited to say what they want next, so a voice session stays open. */
const OPEN_AFTER = new Set(['help', 'greet', 'out_of_scope']);
/** Words that hand the turn back to the customer: a question, or an explicit invitation to speak. */
const INVITES = /\?$|^(please )?(you can (also )?say|say|tell me|just say)\b/i;

/** The sentences of a text, in order (a sentence ends at . ! or ? followed by a space). */
export const sentences = (text: string): string[] =>
  text
    .split(/(?<=[.!?])\s+/)
    .map((x) => x.trim())
    .filter(Boolean);
/** Does this speech end by handing the turn to the customer? */
export const endsOnQuestion = (text: string): boolean => INVITES.test(sentences(text).at(-1) ?? '');
/** The last question of a text, if it has one. */
const lastQuestion = (text: string): string | null => [...sentences(text)].reverse().find((x) => x.endsWith('?')) ?? null;

export function present(reply: Reply, capabilities: Capabilities): Presentation {
  const last = reply.messages.at(-1);
  const suggested = last?.suggestions ?? [];
  const kind = suggested.length === 0 || reply.awaiting === null ? 'statement' : reply.awaiting === 'confirmation' ? 'confirm' : 'choice';
  const speaker = capabilities.voice && !capabilities.quickReplies;
  const options = speaker ? suggested.slice(0, VOICE_OPTIONS) : suggested;
  const others = suggested.length - options.length;
  // A speaker reads at most three options as phrases ("a, b, or c") and says how many more there are; all of them
  // go to the Alexa app as a card.
  const spokenList = options.length > 1 ? `${options.slice(0, -1).join(', ')}, ${say(reply.locale, 'voice.or')} ${options.at(-1)}` : options.join('');
  const spokenOptions =
    kind === 'choice' && speaker
      ? others > 0
        ? say(reply.locale, 'voice.choices_more', { choices: spokenList, count: String(others) })
        : say(reply.locale, 'voice.choices', { choices: spokenList })
      : null;
  const listCard = spokenOptions && others > 0 ? { title: say(reply.locale, 'voice.card.choices'), lines: suggested } : null;
  // A choice's card holds only its options' pictures (no lines): it is not a card of its own.
  const card = reply.messages.find((m) => m.card?.lines.length)?.card ?? listCard;
  const products = reply.messages.flatMap((m) => m.card?.products ?? []);
  // The microphone follows the words: the session stays open exactly when the speech hands the turn back — Smile
  // waits for an answer, or its last words are a question or an invitation. Stop ends quietly, and a finished change
  // (it carries a card) ends the session whichever intent carried the "yes".
  const quiet = reply.intent?.name === 'stop';
  const spokenLast = spokenOptions ?? last?.text ?? '';
  const invites =
    !quiet && !card && reply.awaiting === null && !endsOnQuestion(spokenLast) && (reply.intent === null || OPEN_AFTER.has(reply.intent.name));
  const endSession = reply.endSession ?? (quiet || !(reply.awaiting !== null || endsOnQuestion(spokenLast) || invites));
  // A reprompt's question is short: a long one (a whole confirmation) becomes the plain question it stands for.
  const asked = (last?.text && lastQuestion(last.text)) || null;
  const question =
    asked && asked.split(/\s+/).length > REPROMPT_WORDS
      ? say(reply.locale, kind === 'confirm' || reply.awaiting === 'confirmation' ? 'voice.go_ahead' : 'voice.which_one')
      : asked;
  // While Smile waits it asks again short — the question and its likeliest answers, never the whole confirmation;
  // otherwise it asks what is next.
  const reprompt = endSession
    ? null
    : reply.awaiting && question
      ? [
          question,
          kind === 'confirm'
            ? say(reply.locale, 'voice.yes_or_no')
            : kind === 'choice' && speaker
              ? say(reply.locale, 'voice.choices', { choices: spokenList })
              : '',
        ]
          .filter(Boolean)
          .join(' ')
      : reply.awaiting && last?.text
        ? last.text
        : say(reply.locale, 'voice.what_next');
  return {
    kind,
    locale: reply.locale,
    messages: reply.messages.map((m) => (m.card?.lines.length ? { text: m.text, card: m.card } : { text: m.text })),
    options,
    card,
    products,
    spokenOptions,
    reprompt,
    endSession,
    handoff: reply.handoff ?? null,
    closing: endSession
      ? null
      : invites
        ? say(reply.locale, 'voice.what_next')
        : reply.awaiting !== null && !endsOnQuestion(spokenLast)
          ? say(reply.locale, reply.awaiting === 'confirmation' ? 'voice.yes_or_no' : 'voice.what_next')
          : null,
    quiet,
    choices: kind === 'choice' ? suggested : [],
  };
}

/**
 * A failure as a presentation: a refusal Smile chose to explain says why, from prompts/ in the customer's language;
 * anything else (a provider's refusal, a stack, a host name, a driver's message) is a plain apology, so no internal
 * or English text reaches a customer. The session ends.
 */
/** The refusals Smile explains to a customer, each in the customer's words; every other failure is an apology. */
const EXPLAINED = {
  text_too_long: 'error.too_long',
  rate_limited: 'rate_limited',
  temporarily_unavailable: 'store_unavailable',
  conversation_forbidden: 'error.forbidden',
} as const satisfies Record<string, PromptKey>;

export function presentError(err: unknown, locale: Locale): Presentation {
  const code = err instanceof AppError ? err.code : '';
  const text = say(locale, Object.hasOwn(EXPLAINED, code) ? EXPLAINED[code as keyof typeof EXPLAINED] : 'voice.error');
  return {
    kind: 'statement',
    locale,
    messages: [{ text }],
    options: [],
    card: null,
    products: [],
    spokenOptions: null,
    reprompt: null,
    endSession: true,
    closing: null,
    quiet: false,
    choices: [],
    handoff: null,
  };
}
