import type { TranscriptEvent } from '../../store/port.js';
import { storedState } from '../stored-state.js';
import type { Services } from '../turn-context.js';
import type { ResponseInterceptor } from './interceptor.js';

const RECENT_REPLIES = 10;
const DAY_MS = 86_400_000;

/**
 * The conversation saved with the version it was read at (another instance's save in between is a conflict, and the
 * turn runs again), its last replies kept with it for replays; then the transcript and the processed turn.
 */
export const persist = (services: Services): ResponseInterceptor => ({
  name: 'persist',
  async process(ctx, reply) {
    const { store } = services;
    const { turn, now, record, text } = ctx;
    const iso = now.toISOString();
    const expiresAt = new Date(now.getTime() + services.retentionDays * DAY_MS).toISOString();
    const recent = [...ctx.stored.recent, { messageId: turn.messageId, reply }].slice(-RECENT_REPLIES);
    await store.conversations.save({
      id: turn.conversationId, channel: turn.channel, channelUserId: turn.channelUserId, customerId: ctx.customerId, locale: ctx.locale,
      state: storedState(ctx.state, recent), createdAt: record?.createdAt ?? iso, updatedAt: iso,
    }, record?.version ?? null);
    // A conversation's events keep their order whoever writes them (bot or person): never before the last one.
    const last = (await store.transcript.list(turn.conversationId, { limit: 1 })).at(-1)?.at;
    const base = last && Date.parse(last) >= now.getTime() ? Date.parse(last) + 1 : now.getTime();
    const events: TranscriptEvent[] = [];
    if (text) {
      events.push({
        conversationId: turn.conversationId, at: new Date(base).toISOString(), from: 'customer', text, messageId: turn.messageId,
        ...(ctx.intent ? { intent: ctx.intent.name } : {}), expiresAt,
      });
    }
    reply.messages.forEach((m, i) => events.push({ conversationId: turn.conversationId, at: new Date(base + i + 1).toISOString(), from: 'bot', text: m.text, expiresAt }));
    await store.transcript.append(events);
    await store.turns.put({ conversationId: turn.conversationId, messageId: turn.messageId, reply, createdAt: iso, expiresAt });
  },
});

/** The turn's duration and intent in the metrics, and one log line without the customer's words. */
export const observe = (services: Services): ResponseInterceptor => ({
  name: 'observe',
  async process(ctx, reply) {
    const seconds = Number(process.hrtime.bigint() - ctx.started) / 1e9;
    services.metrics?.turn(ctx.turn.channel, ctx.intent?.name ?? 'none', seconds);
    services.logger.info({
      conversationId: ctx.turn.conversationId, messageId: ctx.turn.messageId, channel: ctx.turn.channel, intent: ctx.intent?.name,
      confidence: ctx.intent?.confidence, flow: reply.flow, ms: Math.round(seconds * 1000),
    }, 'turn');
  },
});
