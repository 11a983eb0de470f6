import { z } from 'zod';

/** The intent catalogue of PRODUCT.md section 3. The names are part of the public interface. */
export const INTENTS = [
  'reorder', 'order_status', 'change_delivery_slot', 'change_delivery_place', 'schedule_return',
  'cancel_order', 'human_handoff', 'help', 'stop', 'affirm', 'deny', 'greet', 'thanks', 'out_of_scope',
] as const;
export const IntentName = z.enum(INTENTS);
export type IntentName = z.infer<typeof IntentName>;

/** Intents that lead towards a side effect; mistaking out-of-scope text for one of these is the costly error. */
export const ACTION_INTENTS: ReadonlySet<IntentName> = new Set<IntentName>([
  'reorder', 'order_status', 'change_delivery_slot', 'change_delivery_place', 'schedule_return', 'cancel_order', 'human_handoff',
]);

export { LOCALES, Locale } from '../domain/locale.js';

export const EntityType = z.enum(['product', 'quantity', 'date', 'time_window', 'place', 'return_reason', 'return_method', 'instructions']);
export type EntityType = z.infer<typeof EntityType>;

/** Conversation commands that are not intents of the catalogue: they steer the conversation itself. */
export type Command = 'repeat' | 'start_over' | 'language:en-US' | 'language:ko-KR';

export interface Entity {
  type: EntityType;
  /** Canonical value: a SKU or category for products, a number for quantities, ISO date, window key, place type. */
  value: string | number;
  /** The words of the utterance it came from. */
  text: string;
  start: number;
  end: number;
  /** Product matches: how well the words match (0..1). */
  score?: number;
}
