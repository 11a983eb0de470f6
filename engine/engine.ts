import { setTimeout as sleep } from 'node:timers/promises';
import { stack } from '../dialogs/stack.js';
import { AppError } from '../domain/errors.js';
import { localeOfText } from '../domain/locale.js';
import { say } from '../prompts/index.js';
import { nextEventTime, StoreUnavailableError, VersionConflictError, type TranscriptEvent } from '../store/port.js';
import { CustomerCache } from './customer-cache.js';
import { InProcessLock } from './turn-lock.js';
import type { TurnLock } from '../ports/shared.js';
import { handleTurn } from './handler.js';
import type { RequestInterceptor, ResponseInterceptor } from './interceptors/interceptor.js';
import { linkCustomer } from './interceptors/link.js';
import { loadConversation } from './interceptors/load.js';
import { observe, persist, saved } from './interceptors/persist.js';
import { relayToAgent } from './interceptors/relay.js';
import { markTold, settledNewsFirst } from './interceptors/settled-news.js';
import { closeAsk, openAsk } from './interceptors/open-ask.js';
import { Reconciler } from './reconciler.js';
import { buildReply } from './reply.js';
import { freshState, keptWords, recordedReply, replayRecord } from './stored-state.js';
import type { EngineDeps, Services, TurnContext } from './turn-context.js';
import { chooseLocales } from './locale.js';
import { ReplyFlow, type Reply, type Turn } from './types.js';
import { Understanding } from './understand.js';
import { TurnReads } from './turn-reads.js';

export type { EngineDeps, EngineMetrics } from './turn-context.js';

/**
 * The turn loop as a pipeline: a repeated message gets its first reply; turns of one conversation run one at a time;
 * then request interceptors (load, link, relay to a person), the handler (understand, step, effects), and response
 * interceptors (persist, observe).
 */
export class Engine {
  private readonly services: Services;
  private readonly understanding: Understanding;
  private readonly before: RequestInterceptor[];
  private readonly after: ResponseInterceptor[];
  private readonly lock: TurnLock;
  private readonly reconciler: Reconciler;

  constructor(deps: EngineDeps) {
    const clock = deps.clock ?? (() => new Date());
    this.services = { ...deps, clock, retentionDays: deps.retentionDays ?? 90, customers: new CustomerCache(clock, 60_000, deps.broadcast) };
    this.lock = deps.lock ?? new InProcessLock();
    this.understanding = new Understanding(this.services);
    this.before = [
      loadConversation(this.services),
      linkCustomer(this.services),
      settledNewsFirst(this.services),
      relayToAgent(this.services, (ctx) => this.understanding.policyWhileWaiting(ctx)),
      openAsk(this.services),
    ];
    this.after = [persist(this.services), markTold(this.services), closeAsk(this.services), observe(this.services), saved(this.services)];
    this.reconciler = new Reconciler(this.services, deps.reconcile ?? { leaseMs: 30_000, retryEveryMs: 15_000 });
  }

  /** Settles the changes whose outcome turns could not learn (run periodically by app/, on demand by tests). */
  reconcilePending(): Promise<{ settled: number; pending: number }> {
    return this.reconciler.runOnce();
  }

  async handle(turn: Turn): Promise<Reply> {
    try {
      return await this.once(turn);
    } catch (err) {
      if (!(err instanceof StoreUnavailableError)) throw err;
      // Nothing was recorded for this message, so the same message can be sent again once the store is back;
      // effects already sent carry idempotency keys and will not happen twice.
      this.services.logger.error({ err: err.message, conversationId: turn.conversationId }, 'store unavailable');
      this.services.metrics?.error('store_unavailable');
      const text = turn.input.type === 'text' ? turn.input.text : undefined;
      const locale = turn.locale ?? (text ? localeOfText(text) : null) ?? 'en-US';
      throw new AppError('temporarily_unavailable', say(locale, 'store_unavailable'), 503, { cause: err });
    }
  }

  /**
   * A processed message answers with its recorded reply; otherwise the turn runs, again on a version conflict. The
   * processed turn is read once, under the conversation's lock (a repeat sent while the first is running waits for it,
   * then replays its reply).
   */
  private async once(turn: Turn): Promise<Reply> {
    const { store } = this.services;
    return this.serialised(turn.conversationId, async () => {
      const again = await store.turns.get(turn.conversationId, turn.messageId);
      if (again) return this.replayed(again.reply, turn);
      for (let attempt = 0; ; attempt += 1) {
        try {
          return await this.run(turn);
        } catch (err) {
          // Another instance saved this conversation meanwhile: run the turn again on the fresh state, unless that
          // instance was answering this very message. Effects carry idempotency keys, so nothing happens twice.
          if (!(err instanceof VersionConflictError) || attempt >= 2) throw err;
          const answered = await store.turns.get(turn.conversationId, turn.messageId);
          if (answered) return this.replayed(answered.reply, turn);
        }
      }
    });
  }

  /** The recorded reply: the processed turn's record with the message's transcript entries (older rows hold it whole). */
  private async replayed(recorded: unknown, turn: Turn): Promise<Reply> {
    const reply = recordedReply(recorded, await this.services.store.transcript.forMessage(turn.conversationId, turn.messageId));
    if (!reply || reply.conversationId !== turn.conversationId) {
      throw new AppError('replay_unreadable', `Could not read the recorded reply of message (${turn.messageId})`, 500);
    }
    return reply;
  }

  /**
   * The conversation's saved state says this message is answered, by another instance that won the version (or by one
   * that crashed after saving it): the first reply is the answer, and nothing runs twice. Its processed turn is written
   * a moment after the state, so it is awaited; if it never comes (that instance crashed), the reply is rebuilt — from
   * the message's transcript entries, or, when the crash came before those were written, from the words the version
   * itself keeps (`said`: every answer to a change is short enough), which are then written to the transcript — and
   * recorded, once (an insert under the message's key), for later retries. A retry is never answered with silence.
   */
  private async answeredElsewhere(turn: Turn, ctx: TurnContext): Promise<Reply> {
    const { store } = this.services;
    // Called right after the load, before the turn's language is chosen: a rebuilt answer is in the customer's language
    // (the profile is not read for it: the conversation's and the words' language decide).
    ctx.locale = chooseLocales(turn, ctx.record, ctx.state, null, ctx.text).reply;
    for (let wait = 10; wait <= 640; wait *= 2) {
      const done = await store.turns.get(turn.conversationId, turn.messageId);
      if (done) return this.replayed(done.reply, turn);
      await sleep(wait);
    }
    const iso = ctx.now.toISOString();
    const expiresAt = new Date(ctx.now.getTime() + this.services.retentionDays * 86_400_000).toISOString();
    const entries = await store.transcript.forMessage(turn.conversationId, turn.messageId);
    const written = entries.filter((e) => e.from === 'bot');
    const kept = keptWords(ctx.stored).find((w) => w.messageId === turn.messageId)?.messages ?? [];
    // The words were lost with the process and not kept with the version (a long answer, no change's): say so.
    const messages = written.length
      ? written.map((e) => ({ text: e.text, ...(e.suggestions ? { suggestions: e.suggestions } : {}), ...(e.card ? { card: e.card } : {}) }))
      : kept.length
        ? kept
        : [{ text: say(ctx.locale, 'answer.lost') }];
    const flow = ReplyFlow.safeParse(stack.top(ctx.state)?.flow);
    const reply: Reply = {
      conversationId: turn.conversationId,
      locale: ctx.locale,
      intent: null,
      awaiting: null,
      flow: flow.success ? flow.data : null,
      messages,
    };
    this.services.logger.warn(
      {
        conversationId: turn.conversationId,
        messageId: turn.messageId,
        messages: messages.length,
        from: written.length ? 'transcript' : kept.length ? 'version' : 'none',
      },
      'answered message had no processed turn; rebuilt',
    );
    // The crash (or the store going away) came before the message's entries were written: the retry carries the
    // customer's words again, so they are written with the answer — an answered message is never missing from the
    // transcript (tests/faults/mongo-outage.test.ts).
    const spoken = turn.input.type === 'intent' ? turn.input.spoken : undefined;
    const words = entries.some((e) => e.from === 'customer') ? undefined : (ctx.text ?? (spoken ? `(${spoken.intent})` : undefined));
    if (!written.length || words) {
      const base = await nextEventTime(store, turn.conversationId, ctx.now);
      const events: TranscriptEvent[] = [];
      if (words)
        events.push({
          conversationId: turn.conversationId,
          at: new Date(base).toISOString(),
          from: 'customer',
          text: words,
          messageId: turn.messageId,
          ...(spoken ? { spoken } : {}),
          expiresAt,
        });
      if (!written.length)
        messages.forEach((m, i) =>
          events.push({
            conversationId: turn.conversationId,
            at: new Date(base + i + 1).toISOString(),
            from: 'bot',
            text: m.text,
            messageId: turn.messageId,
            ...(m.suggestions ? { suggestions: m.suggestions } : {}),
            ...(m.card ? { card: m.card } : {}),
            expiresAt,
          }),
        );
      await store.transcript.append(events);
    }
    if (
      await store.turns.put({ conversationId: turn.conversationId, messageId: turn.messageId, reply: replayRecord(reply), createdAt: iso, expiresAt })
    )
      return reply;
    const recorded = await store.turns.get(turn.conversationId, turn.messageId);
    return recorded ? this.replayed(recorded.reply, turn) : reply;
  }

  /** One turn of a conversation at a time: in this process (a mutex), or across instances (REDIS_URL: a short Redis lock). */
  private serialised<T>(key: string, fn: () => Promise<T>): Promise<T> {
    return this.lock.run(key, fn);
  }

  private async run(turn: Turn): Promise<Reply> {
    const input = turn.input;
    const text =
      input.type === 'text' ? input.text : input.type === 'intent' ? Object.values(input.slots).filter(Boolean).join(' ') || undefined : undefined;
    const stored = freshState();
    const ctx: TurnContext = {
      turn,
      now: this.services.clock(),
      started: process.hrtime.bigint(),
      text,
      record: null,
      stored,
      customerId: null,
      profile: null,
      locale: 'en-US',
      textLocale: 'en-US',
      timeZone: 'UTC',
      state: stored.dialog,
      says: [],
      intent: null,
      awaiting: null,
      relayed: false,
      answered: false,
      told: [],
      reads: new TurnReads(this.services.commerce, this.services.logistics),
    };
    for (const interceptor of this.before) {
      await interceptor.process(ctx);
      // The conversation remembers the messages it last answered, so one another instance has just answered is recognised.
      if (interceptor.name === 'load' && ctx.stored.answered.includes(turn.messageId)) return this.answeredElsewhere(turn, ctx);
    }
    await handleTurn(ctx, this.services, this.understanding);
    const reply = buildReply(ctx, () => this.services.support.staffedNow().staffed);
    for (const interceptor of this.after) await interceptor.process(ctx, reply);
    return reply;
  }
}
