import { z } from 'zod';
import { Money, PlaceType } from './commerce.js';
import { addDays, isoDate } from './time.js';

/**
 * Subscriptions (정기배송), PRODUCT.md section 8: a product sent again every `everyDays` days, or on the nth weekday of
 * each month ("매달 첫째 주 토요일"), from `nextDate` (a calendar date in the customer's zone) on.
 */
export const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');
export const SubscriptionStatus = z.enum(['active', 'paused', 'cancelled']);
export type SubscriptionStatus = z.infer<typeof SubscriptionStatus>;
/** The nth (1–4, or -1 for the last) weekday (0 = Sunday) of each month. */
export const MonthlyOn = z.object({
  week: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(-1)]),
  weekday: z.number().int().min(0).max(6),
});
export type MonthlyOn = z.infer<typeof MonthlyOn>;
/** Standard delivery, or dawn delivery (새벽배송: before 07:00) where the shop offers it. */
export const DeliveryKind = z.enum(['standard', 'dawn']);
export type DeliveryKind = z.infer<typeof DeliveryKind>;
export const EveryDays = z.number().int().min(1).max(365);

export const Subscription = z.object({
  id: z.string().min(1),
  customerId: z.string().min(1),
  sku: z.string().min(1),
  name: z.string().min(1),
  quantity: z.number().int().min(1).max(99),
  everyDays: EveryDays,
  monthlyOn: MonthlyOn.optional(),
  nextDate: IsoDay,
  status: SubscriptionStatus,
  place: z.object({ addressId: z.string().min(1), type: PlaceType, label: z.string().min(1) }),
  delivery: DeliveryKind,
  unitPrice: Money,
  currency: z.string().length(3),
  createdAt: z.string().datetime({ offset: true }),
  /** The last cycle ordered: its date and the order placed for it. */
  lastOrder: z.object({ cycleDate: IsoDay, orderId: z.string().min(1) }).optional(),
});
export type Subscription = z.infer<typeof Subscription>;

export const CreateSubscriptionRequest = z
  .object({
    customerId: z.string().min(1),
    sku: z.string().min(1),
    quantity: z.number().int().min(1).max(99),
    everyDays: EveryDays,
    monthlyOn: MonthlyOn.optional(),
    /** The first delivery's date; the shop picks the earliest it can when absent. */
    firstDate: IsoDay.optional(),
    shippingAddressId: z.string().min(1),
    delivery: DeliveryKind.default('standard'),
  })
  .strict();
export type CreateSubscriptionRequest = z.input<typeof CreateSubscriptionRequest>;

/** A change to a subscription: any of its terms, or its status (cancelled is final). */
export const SubscriptionPatch = z
  .object({
    quantity: z.number().int().min(1).max(99).optional(),
    everyDays: EveryDays.optional(),
    monthlyOn: MonthlyOn.nullable().optional(),
    nextDate: IsoDay.optional(),
    shippingAddressId: z.string().min(1).optional(),
    delivery: DeliveryKind.optional(),
    status: SubscriptionStatus.optional(),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'at least one change');
export type SubscriptionPatch = z.infer<typeof SubscriptionPatch>;

/** The order of one cycle, and the subscription moved on to its next one. */
export const CycleOrder = z.object({ orderId: z.string().min(1), subscription: Subscription });
export type CycleOrder = z.infer<typeof CycleOrder>;

/** The nth (or last) weekday of a month, as YYYY-MM-DD. */
export function nthWeekday(year: number, month: number, on: MonthlyOn): string {
  if (on.week === -1) {
    const last = new Date(Date.UTC(year, month, 0));
    const back = (last.getUTCDay() - on.weekday + 7) % 7;
    return isoDate(year, month, last.getUTCDate() - back);
  }
  const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  return isoDate(year, month, 1 + ((on.weekday - first + 7) % 7) + (on.week - 1) * 7);
}

/** The first cycle date on or after `from`: every `everyDays` from `from` itself, or the month's nth weekday. */
export function firstCycleOnOrAfter(from: string, schedule: { monthlyOn?: MonthlyOn }): string {
  if (!schedule.monthlyOn) return from;
  const [y, m] = from.split('-').map(Number) as [number, number];
  const here = nthWeekday(y, m, schedule.monthlyOn);
  return here >= from ? here : nthWeekday(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, schedule.monthlyOn);
}

/** The cycle after `date`. */
export function cycleAfter(date: string, schedule: { everyDays: number; monthlyOn?: MonthlyOn }): string {
  if (!schedule.monthlyOn) return addDays(date, schedule.everyDays);
  return firstCycleOnOrAfter(addDays(date, 1), schedule);
}

/** The first cycle on or after `today` counting from `date` (a resumed subscription does not owe the cycles it missed). */
export function nextCycleFrom(date: string, today: string, schedule: { everyDays: number; monthlyOn?: MonthlyOn }): string {
  let d = date;
  while (d < today) d = cycleAfter(d, schedule);
  return d;
}
