import type { Order } from '../domain/commerce.js';
import { OPEN_STATUSES } from '../domain/orders.js';
import { categoriesOf } from '../nlu/entities.js';
import { DEFAULT_CADENCE_DAYS } from '../nlu/lexicon.js';

export interface Suggestion {
  sku: string;
  name: string;
  lastOrderedAt: string;
  lastQuantity: number;
  /** Days between purchases: the median of the customer's own intervals, else a typical one for the kind of product. */
  cadenceDays: number;
  cadenceSource: 'history' | 'typical';
  /** When it probably runs out. */
  dueAt: string;
  daysLeft: number;
}

const DAY = 86_400_000;
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/**
 * What the customer probably runs out of soon, from their purchase cadence: the median interval between orders
 * of the same product. A product bought once uses a typical interval for its kind (scaled by the quantity bought);
 * products with neither (shoes) are never suggested. Due within `horizonDays`, soonest first.
 */
export function reorderSuggestions(orders: Order[], now: Date, horizonDays = 5): Suggestion[] {
  const bySku = new Map<string, Array<{ at: number; quantity: number; name: string }>>();
  for (const o of orders) {
    if (o.status === 'cancelled' || o.status === 'returned') continue;
    for (const i of o.items) {
      const list = bySku.get(i.sku) ?? [];
      list.push({ at: Date.parse(o.placedAt), quantity: i.quantity, name: i.name });
      bySku.set(i.sku, list);
    }
  }
  // Something already on its way is not running out.
  const coming = new Set(orders.filter((o) => OPEN_STATUSES.has(o.status)).flatMap((o) => o.items.map((i) => i.sku)));
  const out: Suggestion[] = [];
  for (const [sku, buys] of bySku) {
    if (coming.has(sku)) continue;
    buys.sort((a, b) => a.at - b.at);
    const last = buys.at(-1)!;
    let cadenceDays: number;
    let cadenceSource: Suggestion['cadenceSource'];
    if (buys.length >= 2) {
      cadenceDays = median(buys.slice(1).map((b, i) => (b.at - buys[i]!.at) / DAY));
      cadenceSource = 'history';
    } else {
      const typical = categoriesOf(last.name)
        .map((c) => DEFAULT_CADENCE_DAYS[c])
        .find((d): d is number => d !== undefined);
      if (!typical) continue;
      cadenceDays = typical * Math.max(1, last.quantity);
      cadenceSource = 'typical';
    }
    const dueAt = last.at + cadenceDays * DAY;
    const daysLeft = Math.round((dueAt - now.getTime()) / DAY);
    if (daysLeft <= horizonDays) {
      out.push({
        sku,
        name: last.name,
        lastOrderedAt: new Date(last.at).toISOString(),
        lastQuantity: last.quantity,
        cadenceDays: Math.round(cadenceDays),
        cadenceSource,
        dueAt: new Date(dueAt).toISOString(),
        daysLeft,
      });
    }
  }
  return out.sort((a, b) => a.daysLeft - b.daysLeft);
}
