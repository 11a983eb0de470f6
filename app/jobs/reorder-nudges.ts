import { createHash } from 'node:crypto';
import type { ReorderNudge } from '../../domain/notices.js';
import { purchaseHistory } from '../../dialogs/flows/reorder/steps.js';
import { reorderSuggestions } from '../../engine/suggestions.js';
import { say } from '../../prompts/index.js';
import { dateText, money, windowText } from '../../prompts/format.js';
import type { Job, JobContext, JobOutcome } from './job.js';

/** A customer is nudged about a product they will run out of within this many days (by their own cadence). */
export const NUDGE_WITHIN_DAYS = 3;
/** Something that ran out longer ago than this is probably no longer used: it is not nudged about. */
export const NUDGE_OVERDUE_DAYS = 7;

/**
 * The nudge's key: one per customer, product and cycle (the cycle is the last purchase of it; a new order starts the
 * next one), and one more after each snooze ends ("remind me next week" reminds once, then). It is the notice's id, and
 * the notice row is inserted once, so a second run, or a run on another instance at the same moment, sends nothing more.
 */
export function nudgeId(customerId: string, sku: string, cycle: string, snoozedUntil: string | undefined): string {
  const key = [customerId, sku, cycle, snoozedUntil ?? ''].join('\n');
  return `nudge_${createHash('sha256').update(key).digest('hex').slice(0, 24)}`;
}

/**
 * Job `reorder-nudges` (PRODUCT.md section 8): each linked customer who will run out of something within three days by
 * their own purchase cadence gets one nudge per product per cycle — product, usual quantity, price and the earliest
 * delivery window, in their language — under their notice rules (quiet hours hold it, notices off keep it unsent).
 * Snoozed products wait until the snooze ends; products the customer asked not to be suggested are never nudged. A
 * nudge places nothing: it asks, and "yes" leads to the reorder confirmation in the conversation.
 */
export async function runReorderNudges(ctx: JobContext): Promise<JobOutcome> {
  const out: JobOutcome = { processed: 0, skipped: 0, failed: 0 };
  for (const customerId of await ctx.store.links.customerIds()) {
    try {
      const orders = await ctx.commerce.listOrders(customerId);
      const running = reorderSuggestions(orders, ctx.now, NUDGE_WITHIN_DAYS);
      if (!running.length) continue;
      const prefs = await ctx.store.preferences.get(customerId);
      // Long run out is no longer used, unless the customer asked to be reminded later: then they are, once.
      const due = running.filter((s) => s.daysLeft >= -NUDGE_OVERDUE_DAYS || prefs?.nudges?.snoozed[s.sku]);
      const history = purchaseHistory(orders);
      let window: { start: string; end: string } | undefined;
      let windowAsked = false;
      for (const s of due) {
        const snoozedUntil = prefs?.nudges?.snoozed[s.sku];
        if (prefs?.nudges?.stopped.includes(s.sku) || (snoozedUntil && Date.parse(snoozedUntil) > ctx.now.getTime())) {
          out.skipped += 1;
          continue;
        }
        const bought = history.find((h) => h.sku === s.sku);
        if (!bought) {
          out.skipped += 1;
          continue;
        }
        if (!windowAsked) {
          windowAsked = true;
          // The earliest window is a courtesy: without it the nudge still goes, and "yes" quotes one.
          window = await ctx.logistics.deliveryWindows(customerId).then(
            (ws) => ws[0],
            (err: unknown) => {
              ctx.log.warn({ err, customerId }, 'delivery windows unavailable; nudging without one');
              return undefined;
            },
          );
        }
        const nudge: ReorderNudge = {
          kind: 'reorder_nudge',
          sku: s.sku,
          name: bought.name,
          quantity: s.lastQuantity,
          unitPrice: bought.unitPrice,
          currency: bought.currency,
          dueAt: s.dueAt,
          ...(window ? { window } : {}),
        };
        const outcome = await ctx.notices.notify({
          id: nudgeId(customerId, s.sku, s.lastOrderedAt.slice(0, 10), snoozedUntil),
          customerId,
          kind: 'reorder_nudge',
          urgent: false,
          text: (locale, zone) => nudgeText(nudge, locale, zone),
          asks: nudge,
        });
        ctx.log.info({ customerId, sku: s.sku, daysLeft: s.daysLeft, outcome }, 'reorder nudge');
        if (outcome === 'duplicate') out.skipped += 1;
        else out.processed += 1;
      }
    } catch (err) {
      out.failed += 1;
      ctx.log.warn({ err, customerId }, 'reorder nudges for a customer failed; the next run tries again');
    }
  }
  return out;
}

/** The nudge as the customer reads it, in their language, with the date and window in their zone. */
export function nudgeText(nudge: ReorderNudge, locale: string, zone: string): string {
  const loc = locale === 'ko-KR' ? 'ko-KR' : 'en-US';
  const params = {
    product: nudge.name,
    quantity: String(nudge.quantity),
    total: money(Math.round(nudge.unitPrice * nudge.quantity * 100) / 100, nudge.currency, loc),
    date: dateText(nudge.dueAt, loc, zone),
  };
  return nudge.window
    ? say(loc, 'nudge.reorder', { ...params, window: windowText(nudge.window, loc, zone) })
    : say(loc, 'nudge.reorder.no_window', params);
}

export const reorderNudges: Job = { name: 'reorder-nudges', run: runReorderNudges };
