import { z } from 'zod';
import type {
  Address,
  AddressCheck,
  CatalogueProduct,
  Customer,
  Order,
  OrderQuote,
  PickupPoint,
  PlaceOrderRequest,
  ReturnRecord,
  Shipment,
  TimeWindow,
  ValidatedAddress,
  Variant,
} from '../domain/commerce.js';
import type { Command, Entity, IntentName, StreetAddress } from '../domain/understanding.js';
import type { Locale } from '../domain/locale.js';
import type { DeliveryReport, EscalationReason } from '../domain/escalation.js';
import type { NoticeChannel } from '../domain/notices.js';
import type { CancelFrame } from './flows/cancel/frame.js';
import type { ProblemFrame } from './flows/delivery-problem/frame.js';
import type { PlaceFrame } from './flows/delivery-place/frame.js';
import type { ReturnFrame } from './flows/return/frame.js';
import type { HandoffFrame } from './flows/human-handoff/frame.js';
import type { OrderStatusFrame } from './flows/order-status/frame.js';
import type { Param, Say } from '../prompts/keys.js';
import type { ReorderFrame } from './flows/reorder/frame.js';
import type { SlotFrame } from './flows/delivery-slot/frame.js';
import type { SubscriptionFrame } from './flows/subscription/frame.js';
import type { CreateSubscriptionRequest, Subscription, SubscriptionPatch } from '../domain/subscriptions.js';

export type { Param, Say } from '../prompts/keys.js';
export type { ReorderFrame, SlotFrame };
/** What Smile waits for: yes/no, or the name of the slot it asked for. */
export const AwaitingSchema = z
  .enum([
    'confirmation',
    'product',
    'place',
    'order',
    'window',
    'pickup_point',
    'item',
    'reason',
    'method',
    'voice_code',
    'interval',
    'subscription',
    'change',
    'problem',
    'description',
    /** Whether a new courier note replaces the saved one or is added to it. */
    'note',
    /** Whether a hygiene product to be returned has been opened (only an unopened one can go back). */
    'opened',
  ])
  .nullable();
export type Awaiting = z.infer<typeof AwaitingSchema>;

/** An order or shipment offered by name ("Pampers Sensitive Baby Wipes", "Philips Sonicare … and 1 more"). */
export interface Choice {
  id: string;
  name: string;
}

export type Frame =
  ReorderFrame | OrderStatusFrame | SlotFrame | PlaceFrame | ReturnFrame | CancelFrame | ProblemFrame | HandoffFrame | SubscriptionFrame;
export type { SubscriptionFrame };
export type { CancelFrame, HandoffFrame, OrderStatusFrame, ProblemFrame };
export type { PlaceFrame, ReturnFrame };

export interface DialogState {
  /** The active flow is the last frame; earlier frames wait to be resumed. */
  stack: Frame[];
  misunderstandings: number;
  /** What Smile said last, for "repeat". */
  lastSaid?: Say[];
  /** The language the customer asked for ("한국어로 해줘"): it holds until they ask for another, over any channel hint. */
  language?: Locale;
  /** The second of two requests in one message ("move the wipes to friday and cancel the brush heads"), done next. */
  queued?: string;
  /** When each waiting frame last asked its confirmation (`flow:id`, ISO time), so an old one expires instead of coming back. */
  asked?: Array<{ frame: string; at: string }>;
  /** The products the previous turn was about, for "it", "그거" or a request that names none. */
  topic?: string[];
  /** The change Smile last made here, for "cancel that", "undo that", "그거 취소해 줘" said right after it. */
  lastDone?: LastDone;
}

/** A change made: an order placed, a delivery moved (from one window to another), a subscription started or changed. */
export type LastDone =
  | { kind: 'order'; orderId: string; skus: string[] }
  | { kind: 'move'; shipmentId: string; name: string; skus: string[]; from: TimeWindow; to: TimeWindow }
  | { kind: 'subscription'; subscriptionId: string; skus: string[] };

export const initialState = (): DialogState => ({ stack: [], misunderstandings: 0 });

export type Effect =
  | { type: 'loadCustomer'; customerId: string }
  /** The profile, orders and shipments; with `returns`, the returns already booked too (a return flow never books one twice). */
  | { type: 'loadAccount'; customerId: string; returns?: true; /** The courier note saved on the profile, too. */ note?: true }
  | { type: 'quoteDelivery'; customerId: string }
  /** A new order priced by the shop (items, delivery fee, total) and its earliest delivery window, before it is confirmed. */
  | { type: 'quoteOrder'; request: PlaceOrderRequest }
  | { type: 'loadWindows'; shipmentId: string }
  | { type: 'loadPickupPoints'; customerId: string; pointType: PickupPoint['type'] }
  /** With `window`, the new delivery is booked in that window (the day and time the customer asked the order for). */
  | { type: 'placeOrder'; request: PlaceOrderRequest; idempotencyKey: string; window?: TimeWindow }
  | {
      type: 'updateShipments';
      shipmentIds: string[];
      patch: { window?: TimeWindow; place?: Shipment['place']; instructions?: string };
      idempotencyKey: string;
    }
  | { type: 'saveInstructions'; customerId: string; instructions: string }
  /** A validated street address saved as the customer's home (or office) address, for later deliveries. */
  | { type: 'saveAddress'; customerId: string; placeType: 'home' | 'office'; address: ValidatedAddress; idempotencyKey: string }
  | {
      type: 'bookReturn';
      request: {
        orderId: string;
        customerId: string;
        items: Array<{ sku: string; quantity: number }>;
        reason: string;
        method: ReturnRecord['method'];
        pickupPointId?: string;
        window?: TimeWindow;
      };
      idempotencyKey: string;
    }
  | { type: 'cancelOrder'; orderId: string; idempotencyKey: string }
  | { type: 'verifyVoiceCode'; customerId: string; code: string }
  | { type: 'requestCallback'; escalationId: string; phone: string }
  | { type: 'escalate'; reason: EscalationReason; intent: string | null; idempotencyKey: string; delivery?: DeliveryReport }
  | { type: 'findVariant'; customerId: string; name: string; variant: Variant }
  | { type: 'validateAddress'; customerId: string; address: StreetAddress }
  /** The customer, their order history and their subscriptions (정기배송). */
  | { type: 'loadSubscriptions'; customerId: string }
  | { type: 'createSubscription'; request: CreateSubscriptionRequest; idempotencyKey: string }
  /** A subscription's terms or status changed, or one cycle (by its date) skipped. */
  | {
      type: 'changeSubscription';
      subscriptionId: string;
      change: { kind: 'patch'; patch: SubscriptionPatch } | { kind: 'skip'; cycleDate: string };
      idempotencyKey: string;
    }
  /** Proactive notices on or off, or to one channel only (issue 13). */
  | { type: 'setNotifications'; customerId: string; enabled?: boolean; channel?: NoticeChannel }
  /** A reorder nudge put off until a time, or stopped for that product (issue 14). */
  | { type: 'snoozeNudge'; customerId: string; sku: string; until: string }
  | { type: 'stopNudge'; customerId: string; sku: string }
  /** An unlinked channel user needs their account: a sign-in link that resumes `text` once they have signed in. */
  | { type: 'offerSignIn'; text: string }
  /** "unlink my account": the channel user's link to the customer is forgotten. */
  | { type: 'unlinkAccount' };

export type EffectResult =
  | {
      type: 'loadCustomer';
      ok: true;
      customer: Customer;
      orders: Order[];
      suggestions?: Array<{ sku: string; name: string }>;
      /** Orders sent but not yet confirmed by the shop (kept pending), by product and since when. */
      pending?: Array<{ sku: string; since: string }>;
    }
  | {
      type: 'loadAccount';
      ok: true;
      customer: Customer;
      orders: Order[];
      shipments: Shipment[];
      suggestions: Array<{ sku: string; name: string }>;
      returns?: ReturnRecord[];
      /** The courier note saved on the profile (asked for with `note`), if any. */
      note?: string;
    }
  | { type: 'quoteDelivery'; ok: true; windows: TimeWindow[] }
  | { type: 'quoteOrder'; ok: true; windows: TimeWindow[]; quote: OrderQuote }
  | { type: 'loadWindows'; ok: true; windows: TimeWindow[] }
  | { type: 'loadPickupPoints'; ok: true; points: PickupPoint[] }
  | { type: 'placeOrder'; ok: true; order: Order }
  | { type: 'updateShipments'; ok: true; shipments: Shipment[] }
  | { type: 'saveInstructions'; ok: true }
  | { type: 'saveAddress'; ok: true; address: Address }
  | { type: 'bookReturn'; ok: true; booked: ReturnRecord }
  | { type: 'cancelOrder'; ok: true; order: Order }
  | { type: 'verifyVoiceCode'; ok: true; valid: boolean; lockedUntil: string | null }
  | {
      type: 'escalate';
      ok: true;
      escalationId: string;
      staffed: boolean;
      opensAt: string | null;
      liveChat: boolean;
      phone: string | null;
      /** When a person should have answered (the escalation's SLA). */
      dueAt: string;
    }
  | { type: 'requestCallback'; ok: true; opensAt: string | null }
  | { type: 'findVariant'; ok: true; match: CatalogueProduct | null; nearest: CatalogueProduct[] }
  | { type: 'validateAddress'; ok: true; check: AddressCheck }
  | { type: 'setNotifications'; ok: true; enabled: boolean; channel: NoticeChannel | null }
  | { type: 'snoozeNudge'; ok: true; until: string }
  | { type: 'stopNudge'; ok: true }
  | { type: 'offerSignIn'; ok: true; url: string }
  | { type: 'unlinkAccount'; ok: true; unlinked: boolean }
  | { type: 'loadSubscriptions'; ok: true; customer: Customer; orders: Order[]; subscriptions: Subscription[] }
  | { type: 'createSubscription'; ok: true; subscription: Subscription }
  | { type: 'changeSubscription'; ok: true; subscription: Subscription }
  | { type: Effect['type']; ok: false; code: string; transient: boolean };

export type Utterance = {
  type: 'utterance';
  text: string;
  intent: IntentName;
  confidence: number;
  entities: Entity[];
  command?: Command;
  frustrated?: boolean;
  /** A question about the policies, answered from the policy documents (or not covered by them). */
  policy?: { text: string; source: string; more?: string } | { notCovered: true } | { outside: 'exchange' | 'account' };
  /** The likeliest meanings when understanding is unsure, best first (for a clarifying question). */
  alternatives?: Array<{ name: IntentName; confidence: number }>;
  /** Words naming a kind of product the customer never bought (`ParseResult.unbought`). */
  unbought?: string[];
};
export type DialogEvent = Utterance | { type: 'result'; result: EffectResult };

export interface DialogContext {
  conversationId: string;
  customerId: string;
  /** The message that started this turn; new flows are named after it. */
  messageId: string;
  locale: Locale;
  /** The time of the turn (ISO 8601), for return windows and relative dates. */
  now: string;
  /** The channel speaks (a smart speaker): voice purchases may need the customer's code. */
  voice: boolean;
  /** How a parameter reads to the customer, so a suggestion sent back as text can be matched to its option. */
  label: (p: Param) => string;
  /** Configured limits (defaults in dialogs/kit/pending.ts). */
  limits?: DialogLimits;
}

/** How long a confirmation stays open, and how close a second order of the same thing is worth pointing out. */
export interface DialogLimits {
  confirmationTtlMs?: number;
  repeatOrderWithinMs?: number;
  /** A "yes" this long after its confirmation was asked re-reads its prices and windows before acting. */
  recheckAfterMs?: number;
}

export interface StepResult {
  state: DialogState;
  say: Say[];
  /** At most one effect per step; its result comes back as the next event. */
  effect?: Effect;
  awaiting: Awaiting;
}
