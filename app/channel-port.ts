import { parsedChannelState, type ChannelPort } from '../bots/channel-port.js';
import type { Store } from '../store/port.js';
import { BfReference, KakaoCursor } from '../store/schemas.js';
/** Enough of a conversation's transcript to hold what people wrote since the customer last read. */
const RELAY_WINDOW = 500;

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
      return events.flatMap((e) => ((e.from === 'agent' || e.from === 'system') && e.at > after ? [{ from: e.from, text: e.text, at: e.at }] : []));
    },
    async history(conversationId, limit) {
      const events = await store.transcript.list(conversationId, { limit });
      return events.map((e) => ({
        from: e.from,
        text: e.text,
        at: e.at,
        ...(e.suggestions ? { suggestions: e.suggestions } : {}),
        ...(e.card ? { card: e.card } : {}),
      }));
    },
    async conversationOwner(conversationId) {
      const record = await store.conversations.get(conversationId);
      return record ? { channel: record.channel, channelUserId: record.channelUserId } : null;
    },
  };
}
