import { z } from 'zod';
import { PlaceType, TimeWindow } from './commerce.js';
import { IsoDay } from './subscriptions.js';

/**
 * Logistics events in and notices out (PRODUCT.md section 8). The event body is the public webhook contract:
 * `{ id, type, shipmentId, customerId, occurredAt, data }`, with `data` shaped by `type`.
 */
const base = {
  id: z.string().min(1).max(200),
  shipmentId: z.string().min(1).max(200),
  customerId: z.string().min(1).max(200),
  occurredAt: z.string().datetime({ offset: true }),
};
export const LogisticsEvent = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('shipped'), data: z.object({}).loose().default({}) }),
  z.object({ ...base, type: z.literal('out_for_delivery'), data: z.object({ window: TimeWindow }) }),
  z.object({
    ...base,
    type: z.literal('arrived_at_pickup_point'),
    data: z.object({ pickupPointId: z.string().min(1), code: z.string().regex(/^\d{6}$/), holdUntil: z.string().datetime({ offset: true }) }),
  }),
  // In-home and car-trunk deliveries: the courier is at the door or the car and about to open it with the access code.
  z.object({ ...base, type: z.literal('courier_arrived'), data: z.object({ placeType: PlaceType }) }),
  z.object({
    ...base,
    type: z.literal('delivered'),
    // `secured`: an in-home or car-trunk delivery, the door or trunk locked again after it.
    data: z.object({
      place: z.string().min(1),
      photoUrl: z.string().url().optional(),
      placeType: PlaceType.optional(),
      secured: z.boolean().optional(),
    }),
  }),
  z.object({ ...base, type: z.literal('delayed'), data: z.object({ window: TimeWindow }) }),
  z.object({ ...base, type: z.literal('delivery_failed'), data: z.object({ reason: z.string().min(1) }) }),
  z.object({ ...base, type: z.literal('return_received'), data: z.object({ returnId: z.string().min(1) }) }),
  z.object({
    ...base,
    type: z.literal('refund_issued'),
    data: z.object({ returnId: z.string().min(1), amount: z.number().nonnegative(), currency: z.string().length(3) }),
  }),
]);
export type LogisticsEvent = z.infer<typeof LogisticsEvent>;
export type LogisticsEventType = LogisticsEvent['type'];

/**
 * What a notice is about. `order_placed` and `change_settled` carry the outcome of something the customer asked for
 * that was not known while they were there (an Alexa session that had ended).
 */
export const NoticeKind = z.enum([
  'delivery_update',
  'pickup_code',
  'delay',
  'refund',
  'reorder_nudge',
  'subscription_reminder',
  'order_placed',
  'change_settled',
]);
export type NoticeKind = z.infer<typeof NoticeKind>;

/** Where a notice can go: the customer's chat channels, or a text message. */
export const NoticeChannel = z.enum(['rest', 'webchat', 'botframework', 'kakao', 'alexa', 'sms']);
export type NoticeChannel = z.infer<typeof NoticeChannel>;

/**
 * Why a courier could not deliver, as the logistics API codes it (`delivery_failed.data.reason`). Each code is said to
 * the customer as a sentence of its own (prompts `failed.reason.<code>`); a code not in this list is said as a general
 * sentence, never as the courier's raw text.
 */
export const FAILURE_REASONS = [
  'recipient_absent',
  'no_access',
  'address_not_found',
  'address_incomplete',
  'refused',
  'business_closed',
  'pickup_point_full',
  'damaged_in_transit',
  'weather',
] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];
export const isFailureReason = (code: string): code is FailureReason => (FAILURE_REASONS as readonly string[]).includes(code);

/** What each event tells the customer, and whether it may wake them (urgent notices ignore quiet hours). */
export const EVENT_NOTICE: Record<LogisticsEventType, { kind: NoticeKind; urgent: boolean }> = {
  shipped: { kind: 'delivery_update', urgent: false },
  out_for_delivery: { kind: 'delivery_update', urgent: false },
  // The hold clock runs from arrival (3 days at a locker), and the customer may be on their way to collect it.
  arrived_at_pickup_point: { kind: 'pickup_code', urgent: true },
  // Someone is opening the customer's home or car: they are told at once, whatever the hour.
  courier_arrived: { kind: 'delivery_update', urgent: true },
  delivered: { kind: 'delivery_update', urgent: false },
  // A new window can start before quiet hours end; the customer needs the chance to pick another one.
  delayed: { kind: 'delay', urgent: true },
  delivery_failed: { kind: 'delivery_update', urgent: true },
  return_received: { kind: 'refund', urgent: false },
  refund_issued: { kind: 'refund', urgent: false },
};

/**
 * What a reorder nudge offers (PRODUCT.md section 8): a product the customer runs out of soon by their own cadence, the
 * quantity they usually buy, its last price, and the earliest delivery window when it was known. The customer's next
 * message may answer it ("yes", "not now", "stop suggesting this").
 */
export const ReorderNudge = z.object({
  kind: z.literal('reorder_nudge'),
  sku: z.string().min(1),
  name: z.string().min(1),
  quantity: z.number().int().positive(),
  unitPrice: z.number().nonnegative(),
  currency: z.string().length(3),
  /** When it probably runs out (ISO 8601). */
  dueAt: z.string(),
  window: TimeWindow.optional(),
});
export type ReorderNudge = z.infer<typeof ReorderNudge>;

/** A delay notice's question: "…now arrives Thursday 9–12. Would you like to pick another time?" */
export const DelayOffer = z.object({
  kind: z.literal('delay_offer'),
  shipmentId: z.string().min(1),
  /** The shipment as the notice named it (its product, "… and 1 more"). */
  name: z.string().min(1),
  /** The new window the delay gave it. */
  window: TimeWindow,
});
export type DelayOffer = z.infer<typeof DelayOffer>;

/** A subscription reminder's question: "Your subscription sends 1 × Tide on Tue, Nov 24. Skip this one?" */
export const SubscriptionSkipOffer = z.object({
  kind: z.literal('subscription_skip'),
  subscriptionId: z.string().min(1),
  /** The product, as the reminder named it. */
  name: z.string().min(1),
  quantity: z.number().int().positive(),
  /** The cycle the reminder is about (YYYY-MM-DD): "yes" skips this one, and only this one. */
  cycleDate: IsoDay,
});
export type SubscriptionSkipOffer = z.infer<typeof SubscriptionSkipOffer>;

/** What a notice asks; once it is sent, the customer's next message, in any chat, may answer it. */
export const NoticeAsk = z.discriminatedUnion('kind', [ReorderNudge, DelayOffer, SubscriptionSkipOffer]);
export type NoticeAsk = z.infer<typeof NoticeAsk>;

/** A notice as a provider receives it. `id` is stable per (event, customer): a provider may use it to drop repeats. */
export interface OutgoingNotice {
  id: string;
  customerId: string;
  channel: NoticeChannel;
  locale: string;
  text: string;
  eventId?: string;
  kind: NoticeKind;
  /** Where on that channel: a phone number (text messages, 알림톡), the channel's user id (Alexa), a conversation (chats). */
  to: NoticeAddress;
}

export interface NoticeAddress {
  phone?: string;
  channelUserId?: string;
  conversationId?: string;
}

/** Quiet hours as local minutes since midnight; `start > end` spans midnight (21:00–08:00). */
export interface QuietHours {
  start: number;
  end: number;
}

export function parseQuietHours(spec: string): QuietHours | null {
  if (spec.trim().toLowerCase() === 'off') return null;
  const m = /^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$/.exec(spec);
  if (!m) throw new Error('must be HH:MM-HH:MM (customer-local) or off');
  const [h1, m1, h2, m2] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
  if (h1 > 24 || h2 > 24 || m1 > 59 || m2 > 59) throw new Error('must be HH:MM-HH:MM with real times');
  return { start: h1 * 60 + m1, end: h2 * 60 + m2 };
}

/** Minutes from now until quiet hours end, when `localMinutes` (minutes since local midnight) is inside them; else 0. */
export function minutesUntilQuietEnds(q: QuietHours | null, localMinutes: number): number {
  if (!q || q.start === q.end) return 0;
  const inside = q.start < q.end ? localMinutes >= q.start && localMinutes < q.end : localMinutes >= q.start || localMinutes < q.end;
  if (!inside) return 0;
  return (q.end - localMinutes + 24 * 60) % (24 * 60);
}
