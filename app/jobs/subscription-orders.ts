import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Customer } from '../../domain/commerce.js';
import { AppError } from '../../domain/errors.js';
import type { SubscriptionSkipOffer } from '../../domain/notices.js';
import type { Subscription } from '../../domain/subscriptions.js';
import { addDays, localDate } from '../../domain/time.js';
import type { CommercePort } from '../../ports/commerce.js';
import { dateText } from '../../prompts/format.js';
import { say } from '../../prompts/index.js';
import type { Store } from '../../store/port.js';
import type { CustomerNotices, JobOutcome } from './job.js';

/** How many failed placements of one cycle before the customer is told (and offered a person); the job keeps trying. */
export const FAILURES_BEFORE_TELLING = 3;
/** The reminder goes this many days before a cycle (PRODUCT.md section 8). */
export const REMIND_DAYS_BEFORE = 2;

/** What the job runs with: a `JobContext` does (the notices port applies the customer's rules: channel, quiet hours, opt-out). */
export interface SubscriptionOrdersContext {
  store: Store;
  commerce: Pick<CommercePort, 'dueSubscriptions' | 'getCustomer' | 'placeSubscriptionOrder'>;
  notices: CustomerNotices;
  now: Date;
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
  failuresBeforeTelling?: number;
}

/**
 * processed: cycles ordered by this run, and reminders made (sent, or held for quiet hours and sent by the notice sweep);
 * skipped: subscriptions with nothing to do now (already ordered or reminded, not due, notices turned off);
 * failed: placements that failed (retried on the next run).
 */
export type SubscriptionOrdersOutcome = JobOutcome;

/** What the job remembers per cycle, beside the commerce API's own record (which holds the order, once per key). */
const CycleRow = z.object({
  id: z.string(),
  subscriptionId: z.string(),
  customerId: z.string(),
  cycleDate: z.string(),
  attempts: z.number().int().nonnegative(),
  lastError: z.string().optional(),
  orderId: z.string().optional(),
  /** The customer was told the placement keeps failing. */
  toldFailure: z.boolean(),
  updatedAt: z.string(),
});
type CycleRow = z.infer<typeof CycleRow>;
const CYCLES = 'smile_subscription_cycles';

/** The idempotency key of a cycle's order: the subscription and the cycle's date, whoever places it. */
export const cycleKey = (subscriptionId: string, cycleDate: string): string => `subscription:${subscriptionId}:cycle:${cycleDate}`;

const noticeId = (kind: string, subscriptionId: string, cycleDate: string): string =>
  `ntc_${createHash('sha256').update(`${kind}\n${subscriptionId}\n${cycleDate}`).digest('hex').slice(0, 24)}`;

/**
 * The due-cycle work of subscriptions (job `subscription-orders`, PRODUCT.md section 8): every active subscription
 * whose cycle has come (in the customer's own zone) gets that cycle's order placed under `cycleKey`, so runs repeated or
 * racing on several instances place one order; one two days ahead gets one reminder that asks "skip this one?" — a
 * customer notice (`notices.notify`, once per cycle by its id) whose question the customer's next message may answer
 * ("yes" / "네" skips that cycle: engine/interceptors/open-ask.ts). A failed placement is left for the next run; after
 * `failuresBeforeTelling` failures the customer is told once (an urgent notice) and offered a person.
 */
export async function runSubscriptionOrders(ctx: SubscriptionOrdersContext): Promise<SubscriptionOrdersOutcome> {
  const outcome: SubscriptionOrdersOutcome = { processed: 0, skipped: 0, failed: 0 };
  // Zones run from UTC-12 to UTC+14: a day past UTC's covers every customer's "in two days".
  const dueBy = addDays(ctx.now.toISOString().slice(0, 10), REMIND_DAYS_BEFORE + 1);
  const customers = new Map<string, Promise<Customer>>();
  const customerOf = (id: string): Promise<Customer> => {
    let c = customers.get(id);
    if (!c) customers.set(id, (c = ctx.commerce.getCustomer(id)));
    return c;
  };
  for (const sub of await ctx.commerce.dueSubscriptions(dueBy)) {
    try {
      const customer = await customerOf(sub.customerId);
      const today = localDate(ctx.now, customer.timeZone);
      if (sub.nextDate <= today) await placeCycle(ctx, sub, customer, outcome);
      else if (sub.nextDate <= addDays(today, REMIND_DAYS_BEFORE)) await remind(ctx, sub, customer, outcome);
      else outcome.skipped += 1;
    } catch (err) {
      outcome.failed += 1;
      ctx.log.warn({ subscriptionId: sub.id, err: err instanceof Error ? err.message : String(err) }, 'subscription cycle not handled');
    }
  }
  ctx.log.info({ job: 'subscription-orders', ...outcome }, 'subscription cycles run');
  return outcome;
}

async function readCycle(store: Store, id: string): Promise<CycleRow | null> {
  const parsed = CycleRow.safeParse(await store.documents.get(CYCLES, id));
  return parsed.success ? parsed.data : null;
}

async function placeCycle(ctx: SubscriptionOrdersContext, sub: Subscription, customer: Customer, outcome: SubscriptionOrdersOutcome): Promise<void> {
  const id = `${sub.id}:${sub.nextDate}`;
  const row: CycleRow = (await readCycle(ctx.store, id)) ?? {
    id,
    subscriptionId: sub.id,
    customerId: sub.customerId,
    cycleDate: sub.nextDate,
    attempts: 0,
    toldFailure: false,
    updatedAt: ctx.now.toISOString(),
  };
  try {
    const placed = await ctx.commerce.placeSubscriptionOrder(sub.id, sub.nextDate, cycleKey(sub.id, sub.nextDate));
    await ctx.store.documents.put(CYCLES, id, { ...row, orderId: placed.orderId, updatedAt: ctx.now.toISOString() });
    outcome.processed += 1;
    ctx.log.info({ subscriptionId: sub.id, cycleDate: sub.nextDate, orderId: placed.orderId }, 'subscription cycle ordered');
  } catch (err) {
    // Another instance ordered it a moment ago and the subscription moved on: nothing is owed.
    if (err instanceof AppError && err.code === 'cycle_not_next') {
      outcome.skipped += 1;
      return;
    }
    const attempts = row.attempts + 1;
    const tell = attempts >= (ctx.failuresBeforeTelling ?? FAILURES_BEFORE_TELLING) && !row.toldFailure;
    const lastError = err instanceof AppError ? err.code : err instanceof Error ? err.message : String(err);
    await ctx.store.documents.put(CYCLES, id, {
      ...row,
      attempts,
      lastError,
      toldFailure: row.toldFailure || tell,
      updatedAt: ctx.now.toISOString(),
    });
    outcome.failed += 1;
    ctx.log.warn({ subscriptionId: sub.id, cycleDate: sub.nextDate, attempts, err: lastError }, 'subscription cycle not ordered; retried next run');
    if (tell) {
      // Made once (its id is the cycle's); a send that fails is kept and sent by the notice sweep.
      await tellFailure(ctx, customer, sub).catch(async (e: unknown) => {
        // Not even made (the store or the shop away): the next failure tells.
        await ctx.store.documents.put(CYCLES, id, { ...row, attempts, lastError, toldFailure: false, updatedAt: ctx.now.toISOString() });
        ctx.log.warn({ subscriptionId: sub.id, err: e instanceof Error ? e.message : String(e) }, 'subscription failure notice not made');
      });
    }
  }
}

/** Two days before a cycle: one reminder per cycle (its notice id), under the customer's notice rules. */
async function remind(ctx: SubscriptionOrdersContext, sub: Subscription, customer: Customer, outcome: SubscriptionOrdersOutcome): Promise<void> {
  const offer: SubscriptionSkipOffer = {
    kind: 'subscription_skip',
    subscriptionId: sub.id,
    name: sub.name,
    quantity: sub.quantity,
    cycleDate: sub.nextDate,
  };
  const made = await ctx.notices.notify({
    id: noticeId('reminder', sub.id, sub.nextDate),
    customerId: customer.id,
    kind: 'subscription_reminder',
    urgent: false,
    text: (locale, zone) =>
      say(locale, 'notify.subscription_reminder', { product: sub.name, quantity: String(sub.quantity), date: cycleDay(sub, locale, zone) }),
    asks: offer,
  });
  ctx.log.info({ subscriptionId: sub.id, cycleDate: sub.nextDate, outcome: made }, 'subscription reminder');
  if (made === 'duplicate' || made === 'suppressed') outcome.skipped += 1;
  else outcome.processed += 1;
}

/** The customer is told a cycle's order keeps failing (at once, whatever the hour: their delivery is at stake). */
async function tellFailure(ctx: SubscriptionOrdersContext, customer: Customer, sub: Subscription): Promise<void> {
  await ctx.notices.notify({
    id: noticeId('failed', sub.id, sub.nextDate),
    customerId: customer.id,
    kind: 'subscription_reminder',
    urgent: true,
    text: (locale, zone) => say(locale, 'notify.subscription_failed', { product: sub.name, date: cycleDay(sub, locale, zone) }),
  });
}

/** A cycle's date as the customer reads it (noon UTC keeps the calendar day in every zone Smile serves). */
const cycleDay = (sub: Subscription, locale: string, zone: string): string =>
  dateText(`${sub.nextDate}T12:00:00Z`, locale === 'ko-KR' ? 'ko-KR' : 'en-US', zone);
