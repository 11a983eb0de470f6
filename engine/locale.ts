import { Locale, localeOfText } from '../domain/locale.js';
import type { Customer } from '../domain/commerce.js';
import type { ConversationRecord } from '../store/port.js';
import type { Turn } from './types.js';

/**
 * The turn's language: the channel's assertion; else a customer who writes in the other language is answered in it;
 * else the conversation's language; else the profile's.
 */
export function chooseLocale(turn: Turn, record: ConversationRecord | null, profile: Customer | null, text: string | undefined): Locale {
  if (turn.locale) return turn.locale;
  const written = text ? localeOfText(text) : null;
  if (written && /[가-힣]/.test(text ?? '') === (written === 'ko-KR')) {
    if (!record || record.locale !== written) return written;
  }
  const stored = Locale.safeParse(record?.locale);
  if (stored.success) return stored.data;
  return profile?.locale ?? written ?? 'en-US';
}
