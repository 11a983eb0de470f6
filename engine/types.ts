import { z } from 'zod';
import { Card } from '../domain/commerce.js';
import { Locale } from '../domain/locale.js';
import { ACTION_INTENT_NAMES, IntentName } from '../domain/understanding.js';
import { AwaitingSchema } from '../dialogs/types.js';

export interface Capabilities {
  voice: boolean;
  cards: boolean;
  quickReplies: boolean;
  liveChat: boolean;
}

export type TurnInput =
  | { type: 'text'; text: string }
  /**
   * A channel that understands for itself (a voice assistant) sends the intent and its slots' words; the engine
   * reads entities from those words exactly as from typed text, with the customer's catalogue.
   */
  | {
      type: 'intent';
      intent: IntentName;
      slots: Record<string, string>;
      dates?: string[];
      numbers?: number[];
      /** The assistant's own intent and slot values, as it resolved them (kept for a person taking over). */
      spoken?: SpokenTurn;
    }
  | { type: 'event'; name: 'welcome' };

/** What a voice assistant understood: its intent's name and each slot's value as resolved ("2026-11-28", "P1D"). */
export const SpokenTurn = z.object({ intent: z.string().max(100), slots: z.record(z.string(), z.string().max(500)) });
export type SpokenTurn = z.infer<typeof SpokenTurn>;

/** One customer message, as every channel hands it to the engine. */
export interface Turn {
  channel: string;
  channelUserId: string;
  conversationId: string;
  messageId: string;
  /** The locale the channel asserts, if any; otherwise the conversation's, the text's script, or the profile's. */
  locale: Locale | null;
  input: TurnInput;
  capabilities: Capabilities;
  /**
   * The customer, when the channel proves who it is on every request (a voice assistant's access token, resolved by
   * the shop for this turn): it wins over any stored link; null means the channel holds no valid account.
   */
  customerId?: string | null;
}

export const ReplyMessageSchema = z.object({
  text: z.string(),
  suggestions: z.array(z.string()).optional(),
  card: Card.optional(),
});
export type ReplyMessage = z.infer<typeof ReplyMessageSchema>;

/** The flows a reply can report: the customer flows, and human_handoff while a person is offered or answering. */
export const ReplyFlow = IntentName.extract(ACTION_INTENT_NAMES);

/** What the engine answers, before any channel renders it (also kept for replays, so it is a schema). */
export const ReplySchema = z.object({
  conversationId: z.string(),
  messages: z.array(ReplyMessageSchema),
  flow: ReplyFlow.nullable(),
  awaiting: AwaitingSchema,
  locale: Locale,
  intent: z.object({ name: IntentName, confidence: z.number() }).nullable(),
  handoff: z.object({ escalationId: z.string(), status: z.string() }).optional(),
  endSession: z.boolean().optional(),
});
export type Reply = z.infer<typeof ReplySchema>;
