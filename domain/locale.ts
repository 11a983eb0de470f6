import { z } from 'zod';

/** The languages Smile speaks everywhere text is used. */
export const LOCALES = ['en-US', 'ko-KR'] as const;
export const Locale = z.enum(LOCALES);
export type Locale = z.infer<typeof Locale>;

/** The language a message is written in, by its script: Hangul is Korean, Latin letters English; null when neither. */
export function localeOfText(text: string): Locale | null {
  if (/[가-힣ㄱ-ㅎ]/.test(text)) return 'ko-KR';
  if (/[a-z]/i.test(text)) return 'en-US';
  return null;
}
