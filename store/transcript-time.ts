import type { Store } from './port.js';

/**
 * The time to stamp the next transcript event of a conversation with: now, or just after the last event when the
 * clock has not moved past it, so a conversation's events keep their order whoever writes them (bot or person).
 */
export async function nextEventTime(store: Store, conversationId: string, now: Date): Promise<number> {
  const last = (await store.transcript.list(conversationId, { limit: 1 })).at(-1)?.at;
  return last && Date.parse(last) >= now.getTime() ? Date.parse(last) + 1 : now.getTime();
}
