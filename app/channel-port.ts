import { parsedChannelState, type ChannelPort, type ChannelStateKind } from '../bots/channel-port.js';
import type { Store } from '../store/port.js';

/** The collections the channel states have always been kept in, so existing conversations keep their state. */
const COLLECTIONS: Record<ChannelStateKind, string> = { bf_reference: 'bf_references', kakao_cursor: 'kakao_cursor' };
/** Enough of a conversation's transcript to hold what people wrote since the customer last read. */
const RELAY_WINDOW = 500;

/** The channels' port over the store: links, channel state and people's messages, and nothing else. */
export function channelPortOver(store: Store): ChannelPort {
  return {
    links: { get: (channel, channelUserId) => store.links.get(channel, channelUserId), put: (link) => store.links.put(link) },
    channelState: parsedChannelState({
      get: (kind, id) => store.documents.get<unknown>(COLLECTIONS[kind], id),
      put: (kind, id, value) => store.documents.put(COLLECTIONS[kind], id, value),
    }),
    async relayedMessages(conversationId, after) {
      const events = await store.transcript.list(conversationId, { limit: RELAY_WINDOW });
      return events.flatMap((e) => ((e.from === 'agent' || e.from === 'system') && e.at > after ? [{ from: e.from, text: e.text, at: e.at }] : []));
    },
    async conversationOwner(conversationId) {
      const record = await store.conversations.get(conversationId);
      return record ? { channel: record.channel, channelUserId: record.channelUserId } : null;
    },
  };
}
