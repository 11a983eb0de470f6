import type { Entity, IntentName, Locale } from '../nlu/catalogue.js';

export interface Capabilities { voice: boolean; cards: boolean; quickReplies: boolean; liveChat: boolean }

export type TurnInput =
  | { type: 'text'; text: string }
  | { type: 'intent'; intent: IntentName; entities: Entity[]; text?: string }
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
