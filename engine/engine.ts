import { Mutex } from 'async-mutex';
import { AppError } from '../domain/errors.js';
import { localeOfText } from '../domain/locale.js';
import { say } from '../prompts/index.js';
import { StoreUnavailableError, VersionConflictError } from '../store/port.js';
import { CustomerCache } from './customer-cache.js';
import { handleTurn } from './handler.js';
import type { RequestInterceptor, ResponseInterceptor } from './interceptors/interceptor.js';
import { linkCustomer } from './interceptors/link.js';
import { loadConversation } from './interceptors/load.js';
import { observe, persist } from './interceptors/persist.js';
import { relayToAgent } from './interceptors/relay.js';
import { markTold, settledNewsFirst } from './interceptors/settled-news.js';
import { Reconciler } from './reconciler.js';
import { buildReply } from './reply.js';
import { freshState } from './stored-state.js';
import type { EngineDeps, Services, TurnContext } from './turn-context.js';
import { ReplySchema, type Reply, type Turn } from './types.js';
import { Understanding } from './understand.js';

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
  private readonly locks = new Map<string, { mutex: Mutex; users: number }>();
  private readonly reconciler: Reconciler;

  constructor(deps: EngineDeps) {
    const clock = deps.clock ?? (() => new Date());
    this.services = { ...deps, clock, retentionDays: deps.retentionDays ?? 90, customers: new CustomerCache(clock) };
    this.understanding = new Understanding(this.services);
    this.before = [loadConversation(this.services), linkCustomer(this.services), settledNewsFirst(this.services), relayToAgent(this.services)];
    this.after = [persist(this.services), markTold(this.services), observe(this.services)];
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

  /** A processed message answers with its recorded reply; otherwise the turn runs, again on a version conflict. */
  private async once(turn: Turn): Promise<Reply> {
    const { store } = this.services;
    const done = await store.turns.get(turn.conversationId, turn.messageId);
    if (done) return this.replayed(done.reply, turn);
    return this.serialised(turn.conversationId, async () => {
      const again = await store.turns.get(turn.conversationId, turn.messageId);
      if (again) return this.replayed(again.reply, turn);
      for (let attempt = 0; ; attempt += 1) {
        try {
          return await this.run(turn);
        } catch (err) {
          // Another instance saved this conversation meanwhile: run the turn again on the fresh state.
          // Effects carry idempotency keys, so nothing happens twice.
          if (err instanceof VersionConflictError && attempt < 2) continue;
          throw err;
        }
      }
    });
  }

  private replayed(reply: unknown, turn: Turn): Reply {
    const parsed = ReplySchema.safeParse(reply);
    if (!parsed.success || parsed.data.conversationId !== turn.conversationId) {
      throw new AppError('replay_unreadable', `Could not read the recorded reply of message (${turn.messageId})`, 500);
    }
    return parsed.data;
  }

  private async serialised<T>(key: string, fn: () => Promise<T>): Promise<T> {
    let entry = this.locks.get(key);
    if (!entry) {
      entry = { mutex: new Mutex(), users: 0 };
      this.locks.set(key, entry);
    }
    entry.users += 1;
    try {
      return await entry.mutex.runExclusive(fn);
    } finally {
      entry.users -= 1;
      if (entry.users === 0) this.locks.delete(key);
    }
  }

  private async run(turn: Turn): Promise<Reply> {
    const input = turn.input;
    const text = input.type === 'text' ? input.text : input.type === 'intent' ? Object.values(input.slots).filter(Boolean).join(' ') || undefined : undefined;
    const stored = freshState();
    const ctx: TurnContext = {
      turn, now: this.services.clock(), started: process.hrtime.bigint(), text, record: null, stored, customerId: null, profile: null,
      locale: 'en-US', textLocale: 'en-US', timeZone: 'UTC', state: stored.dialog, says: [], intent: null, awaiting: null, relayed: false, answered: false,
      told: [],
    };
    for (const interceptor of this.before) {
      await interceptor.process(ctx);
      // The conversation remembers its last replies, so a message another instance has just answered is recognised.
      if (interceptor.name === 'load') {
        const seen = ctx.stored.recent.find((r) => r.messageId === turn.messageId);
        if (seen) return seen.reply;
      }
    }
    await handleTurn(ctx, this.services, this.understanding);
    const reply = buildReply(ctx, () => this.services.support.staffedNow().staffed);
    for (const interceptor of this.after) await interceptor.process(ctx, reply);
    return reply;
  }
}
