import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Customer } from '../../domain/commerce.js';
import { AppError } from '../../domain/errors.js';
import { Locale } from '../../domain/locale.js';
import { minutesUntilQuietEnds, NoticeChannel, type NoticeKind, type QuietHours } from '../../domain/notices.js';
import type { Subscription } from '../../domain/subscriptions.js';
import { addDays, localDate, zonedParts } from '../../domain/time.js';
import type { CommercePort } from '../../ports/commerce.js';
import type { Notifier } from '../../ports/notifier.js';
import { dateText } from '../../prompts/format.js';
import { say } from '../../prompts/index.js';
import type { Store } from '../../store/port.js';

const NOTICE_KIND: NoticeKind = 'subscription_reminder';

/** How many failed placements of one cycle before the customer is told (and offered a person); the job keeps trying. */
export const FAILURES_BEFORE_TELLING = 3;
/** The reminder goes this many days before a cycle (PRODUCT.md section 8). */
export const REMIND_DAYS_BEFORE = 2;

export interface SubscriptionOrdersContext {
  store: Store;
  commerce: Pick<CommercePort, 'dueSubscriptions' | 'getCustomer' | 'placeSubscriptionOrder'>;
  notifier: Notifier;
  now: Date;
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
  /** Customer-local quiet hours: reminders wait until they end (null: none). Failure notices go at once. */
  quietHours?: QuietHours | null;
  failuresBeforeTelling?: number;
}

export interface SubscriptionOrdersOutcome {
  /** Cycles ordered by this run, and reminders sent. */
  processed: number;
  /** Subscriptions with nothing to do now: already ordered or reminded, not due, held by quiet hours or opted out. */
  skipped: number;
  /** Placements that failed (retried on the next run). */
  failed: number;
}

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
/** A marker per reminded cycle, inserted before the reminder is sent: of two runs at once, one sends it. */
const REMINDERS = 'smile_subscription_reminders';

/** The idempotency key of a cycle's order: the subscription and the cycle's date, whoever places it. */
export const cycleKey = (subscriptionId: string, cycleDate: string): string => `subscription:${subscriptionId}:cycle:${cycleDate}`;

const noticeId = (kind: string, subscriptionId: string, cycleDate: string): string =>
  `ntc_${createHash('sha256').update(`${kind}\n${subscriptionId}\n${cycleDate}`).digest('hex').slice(0, 24)}`;

/**
 * The due-cycle work of subscriptions (job `subscription-orders`, PRODUCT.md section 8): every active subscription
 * whose cycle has come (in the customer's own zone) gets that cycle's order placed under `cycleKey`, so runs repeated or
 * racing on several instances place one order; one two days ahead gets one reminder that asks "skip this one?" (the
 * answer is the `manage_subscription` flow's "yes, skip"). A failed placement is left for the next run; after
 * `failuresBeforeTelling` failures the customer is told once and offered a person.
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
      await send(ctx, customer, sub, 'failed').catch((e: unknown) => {
        // Not told this time: the next failure tells.
        void ctx.store.documents.put(CYCLES, id, { ...row, attempts, lastError, toldFailure: false, updatedAt: ctx.now.toISOString() });
        ctx.log.warn({ subscriptionId: sub.id, err: e instanceof Error ? e.message : String(e) }, 'subscription failure notice not sent');
      });
    }
  }
}

async function remind(ctx: SubscriptionOrdersContext, sub: Subscription, customer: Customer, outcome: SubscriptionOrdersOutcome): Promise<void> {
  const marker = `${sub.id}:${sub.nextDate}`;
  if (await ctx.store.documents.get(REMINDERS, marker)) {
    outcome.skipped += 1;
    return;
  }
  const prefs = await ctx.store.preferences.get(customer.id);
  const local = zonedParts(ctx.now, customer.timeZone);
  const localMinutes = (((ctx.now.getUTCHours() * 60 + ctx.now.getUTCMinutes() + local.offset) % 1440) + 1440) % 1440;
  if (prefs?.notifications?.enabled === false || minutesUntilQuietEnds(ctx.quietHours ?? null, localMinutes) > 0) {
    outcome.skipped += 1;
    return;
  }
  if (!(await ctx.store.documents.insert(REMINDERS, marker, { at: ctx.now.toISOString() }))) {
    outcome.skipped += 1;
    return;
  }
  try {
    await send(ctx, customer, sub, 'reminder');
    outcome.processed += 1;
  } catch (err) {
    // Not sent: the marker goes, so the next run sends it (the provider drops a repeated notice id).
    await ctx.store.documents.remove(REMINDERS, marker);
    throw err;
  }
}

/** A notice about a subscription's cycle (both kinds are `subscription_reminder` notices to the provider). */
async function send(ctx: SubscriptionOrdersContext, customer: Customer, sub: Subscription, kind: 'reminder' | 'failed'): Promise<void> {
  const prefs = await ctx.store.preferences.get(customer.id);
  const locale = Locale.safeParse(prefs?.locale).data ?? customer.locale;
  const date = dateText(`${sub.nextDate}T12:00:00Z`, locale, customer.timeZone);
  const text =
    kind === 'reminder'
      ? say(locale, 'notify.subscription_reminder', { product: sub.name, quantity: String(sub.quantity), date })
      : say(locale, 'notify.subscription_failed', { product: sub.name, date });
  const channel: NoticeChannel = prefs?.notifications?.channel ?? 'sms';
  await ctx.notifier.send(
    {
      id: noticeId(kind, sub.id, sub.nextDate),
      customerId: customer.id,
      channel,
      locale,
      text,
      kind: NOTICE_KIND,
      to: customer.phone ? { phone: customer.phone } : {},
    },
    ctx.now,
  );
}
