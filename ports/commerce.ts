import type {
  AccessCode,
  AddressCheck,
  Customer,
  Order,
  OrderQuote,
  PickupPoint,
  PlaceOrderRequest,
  ProductSearchResult,
  ReturnRecord,
  Shipment,
  TimeWindow,
  ValidatedAddress,
  Variant,
} from '../domain/commerce.js';
import type { CreateSubscriptionRequest, CycleOrder, Subscription, SubscriptionPatch } from '../domain/subscriptions.js';

/** Options of a change: the caller's time budget (the call and its retries stop when it is aborted). */
export interface WriteOptions {
  signal?: AbortSignal;
}

/** The order API as the engine sees it. */
export interface CommercePort {
  getCustomer(customerId: string): Promise<Customer>;
  /** The customer an account-linking access token belongs to (a voice assistant's linked account); null when unknown. */
  customerForToken(accessToken: string): Promise<string | null>;
  /** Whether a spoken 4-digit voice purchase code is the customer's. */
  verifyVoiceCode(customerId: string, code: string): Promise<boolean>;
  listOrders(customerId: string): Promise<Order[]>;
  /** A validated street address saved as the customer's home (or office) address, for later deliveries; once per key. */
  saveAddress(
    customerId: string,
    type: 'home' | 'office',
    address: ValidatedAddress,
    idempotencyKey: string,
    options?: WriteOptions,
  ): Promise<Customer>;
  /** What the order of this request would cost (items, delivery fee, total); changes nothing. The order placed with it carries the same total. */
  quoteOrder(request: PlaceOrderRequest): Promise<OrderQuote>;
  placeOrder(request: PlaceOrderRequest, idempotencyKey: string, options?: WriteOptions): Promise<Order>;
  cancelOrder(orderId: string, idempotencyKey: string, options?: WriteOptions): Promise<Order>;
  /** A product the customer bought (by its name), in the variant asked for, or the nearest variants in stock. */
  searchProducts(query: ProductQuery): Promise<ProductSearchResult>;
  /** Subscriptions (정기배송): every one of the customer's, cancelled ones included. */
  listSubscriptions(customerId: string): Promise<Subscription[]>;
  getSubscription(subscriptionId: string): Promise<Subscription>;
  /** Every customer's active subscriptions whose next cycle is on or before `dueBy` (YYYY-MM-DD), for the cycle job. */
  dueSubscriptions(dueBy: string): Promise<Subscription[]>;
  createSubscription(request: CreateSubscriptionRequest, idempotencyKey: string, options?: WriteOptions): Promise<Subscription>;
  updateSubscription(subscriptionId: string, patch: SubscriptionPatch, idempotencyKey: string, options?: WriteOptions): Promise<Subscription>;
  /** Skips the cycle of `cycleDate` (it must be the next one): the subscription moves on to the cycle after. */
  skipSubscriptionCycle(subscriptionId: string, cycleDate: string, idempotencyKey: string, options?: WriteOptions): Promise<Subscription>;
  /** Places the order of the cycle of `cycleDate` (the next one) and moves the subscription on; once per key. */
  placeSubscriptionOrder(subscriptionId: string, cycleDate: string, idempotencyKey: string, options?: WriteOptions): Promise<CycleOrder>;
}

export interface ProductQuery {
  customerId: string;
  name: string;
  variant: Variant;
}

export interface ShipmentPatch {
  window?: TimeWindow;
  place?: Shipment['place'];
  instructions?: string;
}
export interface ReturnRequest {
  orderId: string;
  customerId: string;
  items: Array<{ sku: string; quantity: number }>;
  reason: string;
  method: ReturnRecord['method'];
  pickupPointId?: string;
  window?: TimeWindow;
}

/** The logistics API as the engine sees it. */
export interface LogisticsPort {
  listShipments(customerId: string): Promise<Shipment[]>;
  getShipment(shipmentId: string): Promise<Shipment>;
  shipmentWindows(shipmentId: string): Promise<TimeWindow[]>;
  deliveryWindows(customerId: string): Promise<TimeWindow[]>;
  updateShipment(shipmentId: string, patch: ShipmentPatch, idempotencyKey: string, options?: WriteOptions): Promise<Shipment>;
  pickupPoints(customerId: string, type?: PickupPoint['type']): Promise<PickupPoint[]>;
  /** The courier's one-time access code for an in-home or car-trunk delivery, valid only inside its window. */
  accessCode(shipmentId: string, idempotencyKey: string, options?: WriteOptions): Promise<AccessCode>;
  bookReturn(request: ReturnRequest, idempotencyKey: string, options?: WriteOptions): Promise<ReturnRecord>;
  listReturns(customerId: string): Promise<ReturnRecord[]>;
  /** Whether a typed street address is deliverable, and its full form. */
  validateAddress(customerId: string, address: { line1: string; city?: string }): Promise<AddressCheck>;
}
