import type {
  AccessCode,
  AddressCheck,
  Customer,
  Order,
  PickupPoint,
  PlaceOrderRequest,
  ProductSearchResult,
  ReturnRecord,
  Shipment,
  TimeWindow,
  Variant,
} from '../domain/commerce.js';

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
  placeOrder(request: PlaceOrderRequest, idempotencyKey: string, options?: WriteOptions): Promise<Order>;
  cancelOrder(orderId: string, idempotencyKey: string, options?: WriteOptions): Promise<Order>;
  /** A product the customer bought (by its name), in the variant asked for, or the nearest variants in stock. */
  searchProducts(query: ProductQuery): Promise<ProductSearchResult>;
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
