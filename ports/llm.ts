import { z } from 'zod';
import type { Locale } from '../domain/locale.js';
import { IntentName, TimeOfDay } from '../domain/understanding.js';

/** What the LLM may say about an utterance: an intent of the catalogue and the words it found. Nothing else. */
export const Understanding = z.object({
  intent: IntentName,
  product: z.string().max(120).nullable(),
  quantity: z.number().int().min(1).max(99).nullable(),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable(),
  timeOfDay: TimeOfDay.nullable(),
  place: z.string().max(80).nullable(),
  reason: z.string().max(200).nullable(),
});
export type Understanding = z.infer<typeof Understanding>;

export const PolicyAnswer = z.object({ covered: z.boolean(), answer: z.string().max(1200), source: z.string().max(200) });
export type PolicyAnswer = z.infer<typeof PolicyAnswer>;

export const Assist = z.object({ summary: z.string().min(1).max(600), replies: z.array(z.string().min(1).max(400)).max(3) });
export type Assist = z.infer<typeof Assist>;

/** The optional LLM, as the rest of Smile sees it. Every method answers null when it cannot help in time. */
export interface LlmPort {
  understand(text: string, locale: Locale, today: string, budgetMs?: number): Promise<Understanding | null>;
  answerPolicy(question: string, passages: Array<{ source: string; text: string }>, locale: Locale): Promise<PolicyAnswer | null>;
  assist(transcript: Array<{ from: string; text: string }>, locale: Locale): Promise<Assist | null>;
}
