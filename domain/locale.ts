import { z } from 'zod';

/** The languages Smile speaks everywhere text is used. */
export const LOCALES = ['en-US', 'ko-KR'] as const;
export const Locale = z.enum(LOCALES);
export type Locale = z.infer<typeof Locale>;
