import type { IntentName, Locale } from '../nlu/catalogue.js';

export interface Capabilities { voice: boolean; cards: boolean; quickReplies: boolean; liveChat: boolean }

export type TurnInput =
  | { type: 'text'; text: string }
  /**
   * A channel that understands for itself (a voice assistant) sends the intent and its slots' words; the engine
   * reads entities from those words exactly as from typed text, with the customer's catalogue.
   */
  | { type: 'intent'; intent: IntentName; slots: Record<string, string>; dates?: string[]; numbers?: number[] }
  | { type: 'event'; name: 'welcome' };

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
}

export interface ReplyMessage { text: string; suggestions?: string[]; card?: { title: string; lines: string[] } }

/** What the engine answers, before any channel renders it. */
export interface Reply {
  conversationId: string;
  messages: ReplyMessage[];
  flow: string | null;
  awaiting: string | null;
  locale: Locale;
  intent: { name: IntentName; confidence: number } | null;
  handoff?: { escalationId: string; status: string };
  endSession?: boolean;
}
