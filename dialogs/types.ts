import type { Address, Customer, Order, PlaceOrderRequest, PlaceType, TimeWindow } from '../domain/commerce.js';
import type { Entity, IntentName, Locale } from '../nlu/catalogue.js';

/** A value a prompt is filled with; the renderer formats money and windows in the customer's locale and zone. */
export type Param =
  | string | number
  | { kind: 'money'; amount: number; currency: string }
  | { kind: 'window'; window: TimeWindow }
  | { kind: 'prompt'; key: string };

export interface Say {
  key: string;
  params?: Record<string, Param>;
  suggestions?: Param[];
  card?: { title: Param; lines: Param[] };
}

export type Awaiting = 'confirmation' | 'product' | 'place' | null;

export interface ReorderFrame {
  flow: 'reorder';
  /** Names this run of the flow; the idempotency key of its order is derived from it. */
  id: string;
  step: 'loading' | 'choose_product' | 'choose_place' | 'quoting' | 'confirm' | 'placing';
  request: { skus: string[]; quantity?: number; placeType?: PlaceType; queryText?: string };
  candidates?: Array<{ sku: string; name: string }>;
  chosen?: { sku: string; name: string; unitPrice: number; currency: string };
  quantity?: number;
  address?: Address;
  addresses?: Address[];
  window?: TimeWindow;
}

export interface HandoffOfferFrame { flow: 'handoff_offer'; id: string; reason: string }
export type Frame = ReorderFrame | HandoffOfferFrame;

export interface DialogState {
  /** The active flow is the last frame; earlier frames wait to be resumed. */
  stack: Frame[];
  misunderstandings: number;
  /** The customer's time zone and name, remembered from the profile for wording. */
  lastSaid?: Say[];
}

export const initialState = (): DialogState => ({ stack: [], misunderstandings: 0 });

export type Effect =
  | { type: 'loadCustomer'; customerId: string }
  | { type: 'quoteDelivery'; customerId: string }
  | { type: 'placeOrder'; request: PlaceOrderRequest; idempotencyKey: string }
  | { type: 'escalate'; reason: string; intent: string | null; idempotencyKey: string };

export type EffectResult =
  | { type: 'loadCustomer'; ok: true; customer: Customer; orders: Order[] }
  | { type: 'quoteDelivery'; ok: true; windows: TimeWindow[] }
  | { type: 'placeOrder'; ok: true; order: Order }
  | { type: 'escalate'; ok: true; escalationId: string }
  | { type: Effect['type']; ok: false; code: string; transient: boolean };

export type DialogEvent =
  | { type: 'utterance'; text: string; intent: IntentName; confidence: number; entities: Entity[] }
  | { type: 'result'; result: EffectResult };

export interface DialogContext {
  conversationId: string;
  customerId: string;
  /** The message that started this turn; new flows are named after it. */
  messageId: string;
  locale: Locale;
}

export interface StepResult {
  state: DialogState;
  say: Say[];
  /** At most one effect per step; its result comes back as the next event. */
  effect?: Effect;
  awaiting: Awaiting;
}
