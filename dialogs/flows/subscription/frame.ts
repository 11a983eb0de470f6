import { z } from 'zod';
import { Address, OrderQuote, PlaceType } from '../../../domain/commerce.js';
import { SubscriptionSkipOffer } from '../../../domain/notices.js';
import { DeliveryKind, IsoDay, Subscription, SubscriptionPatch } from '../../../domain/subscriptions.js';
import { Interval, SubscriptionAction } from '../../../domain/understanding.js';

/** What the customer asked: the action, the named products (SKUs of the history), and any terms they said. */
export const SubscriptionRequest = z.object({
  action: SubscriptionAction.optional(),
  skus: z.array(z.string()),
  quantity: z.number().int().min(1).max(99).optional(),
  interval: Interval.optional(),
  /** A day named for the first (or next) delivery. */
  date: IsoDay.optional(),
  placeType: PlaceType.optional(),
  /** 새벽배송 asked for. */
  dawn: z.boolean().optional(),
  /** The message began with a yes ("yes, skip"): the answer to a reminder that asked "skip this one?". */
  yes: z.boolean().optional(),
});
export type SubscriptionRequest = z.infer<typeof SubscriptionRequest>;

/** A product of the customer's history at its last price, with the quantity last bought. */
export const Bought = z.object({ sku: z.string(), name: z.string(), unitPrice: z.number(), currency: z.string(), quantity: z.number() });
export type Bought = z.infer<typeof Bought>;

/** What the flow learned of the account when it loaded. */
export const Account = z.object({
  /** The customer's local date when the flow loaded, and their zone. */
  today: IsoDay,
  addresses: z.array(Address),
  bought: z.array(Bought),
  subscriptions: z.array(Subscription),
});
export type Account = z.infer<typeof Account>;

/** The change to confirm. */
export const Plan = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('create'),
    product: Bought,
    quantity: z.number().int().min(1).max(99),
    interval: Interval,
    firstDate: IsoDay,
    address: Address,
    delivery: DeliveryKind,
    /** The shop's price of one delivery (its delivery fee included), read before the plan is confirmed. */
    quote: OrderQuote.optional(),
  }),
  z.object({ kind: z.literal('patch'), subscription: Subscription, patch: SubscriptionPatch, preview: Subscription }),
  z.object({ kind: z.literal('skip'), subscription: Subscription, cycleDate: IsoDay, next: IsoDay }),
  z.object({ kind: z.literal('status'), subscription: Subscription, status: z.enum(['active', 'paused', 'cancelled']), next: IsoDay }),
]);
export type Plan = z.infer<typeof Plan>;

const base = { flow: z.literal('manage_subscription'), id: z.string(), request: SubscriptionRequest };
const loaded = { ...base, account: Account };

/** Managing subscriptions (정기배송), typed by its step: each step carries exactly what it has established. */
export const SubscriptionFrame = z.discriminatedUnion('step', [
  z.object({ ...base, step: z.literal('loading') }),
  // A reminder's "skip this one?" on the stack (engine/interceptors/open-ask.ts): "yes" skips that cycle, once.
  z.object({ ...base, step: z.literal('reminded'), offer: SubscriptionSkipOffer }),
  z.object({ ...base, step: z.literal('reminder_saving'), offer: SubscriptionSkipOffer }),
  z.object({ ...loaded, step: z.literal('choose_product'), candidates: z.array(Bought).min(1) }),
  z.object({ ...loaded, step: z.literal('ask_interval'), product: Bought }),
  z.object({ ...loaded, step: z.literal('choose_subscription'), options: z.array(Subscription).min(1) }),
  z.object({ ...loaded, step: z.literal('ask_change'), subscription: Subscription }),
  // A new subscription is priced by the shop (one delivery, its fee included) before it is confirmed.
  z.object({ ...loaded, step: z.literal('pricing'), plan: Plan }),
  z.object({ ...loaded, step: z.literal('confirm'), plan: Plan }),
  z.object({ ...loaded, step: z.literal('saving'), plan: Plan }),
  // The confirmation taken up again: the subscriptions are re-read (changed elsewhere meanwhile? the same price?).
  z.object({ ...loaded, step: z.literal('rechecking'), plan: Plan, answered: z.boolean() }),
]);
export type SubscriptionFrame = z.infer<typeof SubscriptionFrame>;
