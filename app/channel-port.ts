import { parsedChannelState, type ChannelPort, type RelayedMessage } from '../bots/channel-port.js';
import type { Store } from '../store/port.js';
import { BfReference, KakaoCursor, type TranscriptEvent } from '../store/schemas.js';
/** Enough of a conversation's transcript to hold what people wrote since the customer last read. */
const RELAY_WINDOW = 500;

/**
 * Smile's answer to a request run again after the customer signed in (app/account-linking.ts, message id
 * `sign-in:{state}`): the customer was on the sign-in page, not in the chat, so the chat relays it like a person's words.
 */
export const RESUMED_PREFIX = 'sign-in:';
const resumed = (e: TranscriptEvent): boolean => e.from === 'bot' && (e.messageId?.startsWith(RESUMED_PREFIX) ?? false);

/** The channels' port over the store: links, channel state and people's messages, and nothing else. */
export function channelPortOver(store: Store): ChannelPort {
  return {
    links: { get: (channel, channelUserId) => store.links.get(channel, channelUserId), put: (link) => store.links.put(link) },
    channelState: parsedChannelState({
      // The store keeps each kind under its own schema (and moved what older versions kept in documents).
      get: (kind, id) => store.channelState.get(kind, id),
      put: (kind, id, value) =>
        kind === 'bf_reference'
          ? store.channelState.put(kind, id, BfReference.parse(value))
          : store.channelState.put(kind, id, KakaoCursor.parse(value)),
    }),
    async relayedMessages(conversationId, after) {
      const events = await store.transcript.list(conversationId, { limit: RELAY_WINDOW });
      return events.flatMap((e): RelayedMessage[] => {
        if (e.at <= after) return [];
        if (e.from === 'agent' || e.from === 'system') return [{ from: e.from, text: e.text, at: e.at }];
        if (resumed(e)) return [{ from: 'bot' as const, text: e.text, at: e.at, ...(e.suggestions ? { suggestions: e.suggestions } : {}) }];
        return [];
      });
    },
    async history(conversationId, limit) {
      const events = await store.transcript.list(conversationId, { limit });
      return events.map((e) => ({
        from: e.from,
        text: e.text,
        at: e.at,
        ...(e.suggestions ? { suggestions: e.suggestions } : {}),
        ...(e.card ? { card: e.card } : {}),
        ...(resumed(e) ? { resumed: true as const } : {}),
      }));
    },
    async conversationOwner(conversationId) {
      const record = await store.conversations.get(conversationId);
      return record ? { channel: record.channel, channelUserId: record.channelUserId } : null;
    },
  };
}
