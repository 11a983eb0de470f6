import type { Say } from '../dialogs/types.js';
import { Locale } from '../domain/locale.js';
import { nextEventTime, type PendingEffect, type Stored } from '../store/port.js';
import { executeChange } from './effects/index.js';
import type { EffectEnv } from './effects/index.js';
import { refused, referenceOf } from './effects/settle.js';
import { render } from './render.js';
import type { ReconcilerOptions, Services } from './turn-context.js';
import { customerNumber } from '../domain/references.js';

export type { ReconcilerOptions } from './turn-context.js';

const DAY_MS = 86_400_000;

/** The news of a settled change, as the customer hears it. */
export function settledNews(p: PendingEffect): Say {
  if (!p.outcome?.applied) return { key: 'outcome.settled.refused' };
  if (p.change.type === 'placeOrder') return { key: 'outcome.settled.placeOrder', params: { orderId: customerNumber(p.outcome.reference ?? '') } };
  return { key: `outcome.settled.${p.change.type}` };
}

/**
 * Settles the changes whose outcome a turn could not learn: each due one is leased, its request repeated under the
 * same idempotency key (so it never happens twice), and once the provider answers clearly the outcome is written to the
 * conversation's transcript as the bot's message; the engine says it again on the customer's next turn.
 */
export class Reconciler {
  constructor(
    private readonly services: Services,
    private readonly options: ReconcilerOptions,
  ) {}

  /** One pass over what is due; returns how many were settled and how many are still pending. */
  async runOnce(): Promise<{ settled: number; pending: number }> {
    const { store, clock } = this.services;
    const now = clock();
    const due = await store.pendingEffects.due(now.toISOString(), this.options.batch ?? 20);
    let settled = 0;
    let pending = 0;
    for (const p of due) {
      const until = new Date(now.getTime() + this.options.leaseMs).toISOString();
      if (!(await store.pendingEffects.lease(p.key, now.toISOString(), until))) continue;
      if (await this.settleOne(p)) settled += 1;
      else pending += 1;
    }
    return { settled, pending };
  }

  private async settleOne(p: Stored<PendingEffect>): Promise<boolean> {
    const { store, clock, logger } = this.services;
    const locale = Locale.catch('en-US').parse(p.locale);
    const env: EffectEnv = {
      ...this.services,
      customerId: p.customerId,
      locale,
      timeZone: p.timeZone,
      deadline: performance.now() + (this.options.attemptMs ?? 10_000),
      turn: {
        channel: p.channel,
        channelUserId: p.channelUserId,
        conversationId: p.conversationId,
        messageId: `reconcile:${p.key}`,
        locale,
        input: { type: 'event', name: 'welcome' },
        capabilities: { voice: false, cards: false, quickReplies: false, liveChat: false },
      },
    };
    const settled = await executeChange(p.change, env).catch((error: unknown) => ({ kind: 'unknown' as const, error }));
    const now = clock();
    const { schemaVersion: _v, ...record } = p;
    if (settled.kind === 'unknown' || (settled.kind === 'failed' && !refused(settled.error))) {
      const attempts = p.attempts + 1;
      const wait = this.options.retryEveryMs * 2 ** Math.min(attempts - 1, 4);
      await store.pendingEffects.save({
        ...record,
        attempts,
        leaseUntil: null,
        nextAttemptAt: new Date(now.getTime() + wait).toISOString(),
        updatedAt: now.toISOString(),
      });
      logger.warn({ key: p.key, attempts }, 'pending change still unknown');
      return false;
    }
    const reference = settled.kind === 'done' ? referenceOf(settled.result) : undefined;
    const outcome: PendingEffect['outcome'] =
      settled.kind === 'done'
        ? { applied: true, ...(reference ? { reference } : {}) }
        : { applied: false, code: settled.kind === 'failed' && refused(settled.error) ? settled.error.code : 'refused' };
    const done: PendingEffect = { ...record, status: 'settled', outcome, leaseUntil: null, attempts: p.attempts + 1, updatedAt: now.toISOString() };
    await store.pendingEffects.save(done);
    // The customer is told in the conversation: REST and the web chat read its transcript.
    const [message] = render([settledNews(done)], locale, p.timeZone);
    const at = await nextEventTime(store, p.conversationId, now);
    const expiresAt = new Date(now.getTime() + this.services.retentionDays * DAY_MS).toISOString();
    await store.transcript.append([
      { conversationId: p.conversationId, at: new Date(at).toISOString(), from: 'bot', text: message!.text, expiresAt },
    ]);
    logger.info({ key: p.key, applied: outcome.applied }, 'pending change settled');
    const told = await this.options.tellElsewhere?.(done, message?.text ?? '').catch((err: unknown) => {
      // Kept in the transcript and untold: a later turn of the conversation still says it.
      logger.warn({ err, key: p.key }, 'settled news not handed on');
      return false;
    });
    if (told) await store.pendingEffects.save({ ...done, told: true, updatedAt: now.toISOString() });
    return true;
  }
}
