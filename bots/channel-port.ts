import { z } from 'zod';

/**
 * Where a Bot Framework customer can be written to later. Only what botbuilder needs to continue a conversation is
 * kept, and it is parsed on the way back in: the row is outside data by the time it is read.
 */
export const BfReference = z.object({
  channelId: z.string().min(1),
  serviceUrl: z.string().url(),
  conversation: z.object({
    id: z.string().min(1),
    name: z.string().optional(),
    isGroup: z.boolean().optional(),
    conversationType: z.string().optional(),
    tenantId: z.string().optional(),
  }),
  bot: z.object({ id: z.string(), name: z.string().optional(), role: z.string().optional() }).optional(),
  user: z.object({ id: z.string(), name: z.string().optional(), role: z.string().optional(), aadObjectId: z.string().optional() }).optional(),
  activityId: z.string().optional(),
  locale: z.string().optional(),
});
export type BfReference = z.infer<typeof BfReference>;

/** How far a KakaoTalk customer has read what people wrote: Kakao cannot be written to unprompted. */
export const KakaoCursor = z.object({ at: z.string() });
export type KakaoCursor = z.infer<typeof KakaoCursor>;

interface ChannelStateValues {
  bf_reference: BfReference;
  kakao_cursor: KakaoCursor;
}
export type ChannelStateKind = keyof ChannelStateValues;
export type ChannelStateValue<K extends ChannelStateKind> = ChannelStateValues[K];
const SCHEMAS: { [K in ChannelStateKind]: z.ZodType<ChannelStateValues[K]> } = { bf_reference: BfReference, kakao_cursor: KakaoCursor };

export interface ChannelStatePort {
  get<K extends ChannelStateKind>(kind: K, id: string): Promise<ChannelStateValue<K> | null>;
  put<K extends ChannelStateKind>(kind: K, id: string, value: ChannelStateValue<K>): Promise<void>;
}

/**
 * Something that reached a conversation outside the customer's own requests — what a person (or the support system)
 * wrote, or the answer to a request resumed after sign-in — for channels that relay it themselves.
 */
export interface RelayedMessage {
  /** `bot`: Smile's answer to a request that waited for the customer to sign in (account linking), run without them. */
  from: 'agent' | 'system' | 'bot';
  text: string;
  at: string;
  suggestions?: string[];
}

/** One event of a conversation's transcript as the customer's channel may show it. */
export interface HistoryEvent {
  from: 'customer' | 'bot' | 'agent' | 'system';
  text: string;
  at: string;
  suggestions?: string[];
  card?: { title: string; lines: string[] };
  /** Smile's answer to a request resumed after sign-in: relayed like a person's message (see RelayedMessage). */
  resumed?: true;
}

/**
 * All a channel may read or write besides the engine: links of channel users to customers, its own state per
 * conversation, and what people wrote. Channels never see the Store, so they cannot reach other collections;
 * app/server.ts wires this to whichever store runs.
 */
export interface ChannelPort {
  links: {
    get(channel: string, channelUserId: string): Promise<{ customerId: string } | null>;
    put(link: { channel: string; channelUserId: string; customerId: string; createdAt: string }): Promise<void>;
  };
  channelState: ChannelStatePort;
  /** Messages from people after `after` (an ISO time; '' for all), oldest first. */
  relayedMessages(conversationId: string, after: string): Promise<RelayedMessage[]>;
  /** The conversation as its customer saw it, oldest first (the last `limit` events): what a web chat shows again after a reload. */
  history(conversationId: string, limit: number): Promise<HistoryEvent[]>;
  /** Which channel user a conversation belongs to, so a channel can refuse to show it to anyone else. */
  conversationOwner(conversationId: string): Promise<{ channel: string; channelUserId: string } | null>;
}

/**
 * A typed channel state over an untyped key-value store: each value is parsed with the schema it was written with, and
 * a row that no longer parses counts as absent (a channel then behaves as for a new conversation) instead of
 * reaching a channel as a wrong shape.
 */
export function parsedChannelState(raw: {
  get(kind: ChannelStateKind, id: string): Promise<unknown>;
  put(kind: ChannelStateKind, id: string, value: unknown): Promise<void>;
}): ChannelStatePort {
  return {
    async get<K extends ChannelStateKind>(kind: K, id: string): Promise<ChannelStateValue<K> | null> {
      const stored = await raw.get(kind, id);
      if (stored === null || stored === undefined) return null;
      const parsed = SCHEMAS[kind].safeParse(stored);
      return parsed.success ? parsed.data : null;
    },
    async put<K extends ChannelStateKind>(kind: K, id: string, value: ChannelStateValue<K>): Promise<void> {
      await raw.put(kind, id, SCHEMAS[kind].parse(value));
    },
  };
}
