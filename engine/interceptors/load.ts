import { AppError } from '../../domain/errors.js';
import { lastSaidFrom, loadStoredState } from '../stored-state.js';
import type { Services } from '../turn-context.js';
import type { RequestInterceptor } from './interceptor.js';

/**
 * The conversation as stored: its owner (a conversation belongs to the channel user who started it), its dialog
 * state read with its schema (an unreadable one starts afresh, with an apology), and the replies it already gave.
 */
export const loadConversation = (services: Services): RequestInterceptor => ({
  name: 'load',
  async process(ctx) {
    const { turn } = ctx;
    const record = await services.store.conversations.get(turn.conversationId);
    if (record && (record.channel !== turn.channel || record.channelUserId !== turn.channelUserId)) {
      throw new AppError('conversation_forbidden', 'This conversation belongs to someone else', 403);
    }
    ctx.record = record;
    const { stored, unreadable } = loadStoredState(services.store, record);
    if (unreadable) {
      services.logger.warn({ conversationId: turn.conversationId }, 'stored dialog state unreadable; starting the conversation afresh');
      services.metrics?.error('state_unreadable');
      ctx.says.push({ key: 'state.reset' });
    }
    // What Smile said last is kept in that message's transcript entries, not rewritten with the state every turn.
    if (stored.lastSaidBy) {
      const lastSaid = lastSaidFrom(await services.store.transcript.forMessage(turn.conversationId, stored.lastSaidBy));
      stored.dialog = { ...stored.dialog, ...(lastSaid ? { lastSaid } : {}) };
    }
    ctx.stored = stored;
    ctx.state = stored.dialog;
  },
});
