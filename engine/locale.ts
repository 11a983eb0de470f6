import { Locale, localeOfText } from '../domain/locale.js';
import type { Customer } from '../domain/commerce.js';
import type { DialogState } from '../dialogs/types.js';
import type { ConversationRecord } from '../store/port.js';
import type { Turn } from './types.js';

/**
 * Words every language borrows ("ok", "yes", "thx", "GS25", a number): a message made only of them says nothing about
 * the customer's language, so the conversation keeps the one it has.
 */
const UNIVERSAL = new Set(['ok', 'okay', 'k', 'kk', 'yes', 'yep', 'no', 'nope', 'thx', 'thanks', 'hi', 'hello', 'bye', 'cu', 'gs', 'lol', 'ty']);

/**
 * The language a message is evidently written in, or null when it could be either: Latin words only of the kind
 * above, or a single Latin word (a brand or store answering a choice: "nike", "Huggies", "CU"). English is evident
 * from a sentence, two words or more.
 */
export function evidentLanguage(text: string): Locale | null {
  const script = localeOfText(text);
  if (script !== 'en-US') return script;
  const words = text.toLowerCase().match(/[a-z]+/g) ?? [];
  return words.filter((w) => !UNIVERSAL.has(w)).length >= 2 ? 'en-US' : null;
}

/**
 * The turn's languages. Replies: the language the customer chose ("in English please"), else the one they evidently
 * write in, else the conversation's, else the channel's hint, else the profile's. Understanding: the language the
 * message is written in (a Korean sentence on an English channel is read as Korean), else the reply language.
 */
export function chooseLocales(
  turn: Turn,
  record: ConversationRecord | null,
  state: DialogState,
  profile: Customer | null,
  text: string | undefined,
): { reply: Locale; understand: Locale } {
  const evident = text ? evidentLanguage(text) : null;
  const conversation = Locale.safeParse(record?.locale);
  const reply = state.language ?? evident ?? (conversation.success ? conversation.data : null) ?? turn.locale ?? profile?.locale ?? 'en-US';
  const script = text ? localeOfText(text) : null;
  return { reply, understand: script ?? reply };
}
