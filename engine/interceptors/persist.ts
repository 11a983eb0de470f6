import { nextEventTime, type TranscriptEvent } from '../../store/port.js';
import { keptWords, noteSavedHere, replayRecord, storedState, type KeptWords } from '../stored-state.js';
import type { Services } from '../turn-context.js';
import type { ResponseInterceptor } from './interceptor.js';

const DAY_MS = 86_400_000;

/**
 * What a turn writes, and only that: the conversation's next version (the dialog state and the ids of the last messages
 * answered, a few hundred bytes whatever the replies' size), saved with the version it was read at (another instance's
 * save in between is a conflict, and the turn runs again); then the turn's transcript entries, Smile's carrying each
 * message whole (text, suggestions, card) and what it was rendered from; then the processed turn, which records the
 * reply without its messages (a replay reads them from the transcript).
 *
 * The version is the commit. A crash after it and before the processed turn leaves a message answered (its id is in the
 * saved state) with its record missing: the engine, asked the same message again, does not run it twice; it rebuilds the
 * reply from the transcript entries written (see Engine.answeredElsewhere).
 */
export const persist = (services: Services): ResponseInterceptor => ({
  name: 'persist',
  async process(ctx, reply) {
    const { store } = services;
    const { turn, now, record, text } = ctx;
    const iso = now.toISOString();
    const expiresAt = new Date(now.getTime() + services.retentionDays * DAY_MS).toISOString();
    // Words the loaded version kept for an earlier message stay kept while that message has no processed turn (its
    // words were lost in a crash and its retry has not come yet); a point read each, only after a turn that kept some.
    const unrecorded: KeptWords[] = [];
    for (const w of keptWords(ctx.stored)) {
      if (w.messageId !== turn.messageId && !(await store.turns.get(turn.conversationId, w.messageId))) unrecorded.push(w);
    }
    const saved = await store.conversations.save(
      {
        id: turn.conversationId,
        channel: turn.channel,
        channelUserId: turn.channelUserId,
        customerId: ctx.customerId,
        locale: ctx.locale,
        state: storedState(ctx.stored, ctx.state, turn.messageId, ctx.says, ctx.changed ? reply.messages : [], unrecorded),
        createdAt: record?.createdAt ?? iso,
        updatedAt: iso,
      },
      record?.version ?? null,
    );
    noteSavedHere(store, saved.id, saved.version);
    // A conversation's events keep their order whoever writes them (bot or person): never before the last one.
    const base = await nextEventTime(store, turn.conversationId, now);
    const events: TranscriptEvent[] = [];
    const { conversationId, messageId } = turn;
    // A voice assistant's intent without slots ("yes", "talk to a person") is kept too, named by the intent.
    const spoken = turn.input.type === 'intent' ? turn.input.spoken : undefined;
    const said = text ?? (spoken ? `(${spoken.intent})` : undefined);
    if (said) {
      events.push({
        conversationId,
        at: new Date(base).toISOString(),
        from: 'customer',
        text: said,
        messageId,
        ...(ctx.intent ? { intent: ctx.intent.name } : {}),
        ...(spoken ? { spoken } : {}),
        expiresAt,
      });
    }
    reply.messages.forEach((m, i) =>
      events.push({
        conversationId,
        at: new Date(base + i + 1).toISOString(),
        from: 'bot',
        text: m.text,
        messageId,
        ...(m.suggestions ? { suggestions: m.suggestions } : {}),
        ...(m.card ? { card: m.card } : {}),
        ...(ctx.says[i] ? { say: ctx.says[i] } : {}),
        expiresAt,
      }),
    );
    await store.transcript.append(events);
    await store.turns.put({ conversationId, messageId, reply: replayRecord(reply), createdAt: iso, expiresAt });
  },
});

/** The turn's duration and intent in the metrics, and one log line without the customer's words. */
export const observe = (services: Services): ResponseInterceptor => ({
  name: 'observe',
  async process(ctx, reply) {
    const seconds = Number(process.hrtime.bigint() - ctx.started) / 1e9;
    services.metrics?.turn(ctx.turn.channel, ctx.intent?.name ?? 'none', seconds);
    services.logger.info(
      {
        conversationId: ctx.turn.conversationId,
        messageId: ctx.turn.messageId,
        channel: ctx.turn.channel,
        intent: ctx.intent?.name,
        confidence: ctx.intent?.confidence,
        flow: reply.flow,
        ms: Math.round(seconds * 1000),
      },
      'turn',
    );
  },
});

/** Tells the composition root the turn is saved (engine deps `onTurnSaved`): the customer as read, and whether it was the first. */
export const saved = (services: Services): ResponseInterceptor => ({
  name: 'saved',
  async process(ctx) {
    await services.onTurnSaved?.(ctx.turn, { customerId: ctx.customerId, firstTurn: ctx.record === null });
  },
});
