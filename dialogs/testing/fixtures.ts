import type { Customer, Order, OrderQuote, PickupPoint, PlaceType, Shipment, TimeWindow } from '../../domain/commerce.js';
import type { Entity, ReturnMethod, ReturnReason, TimeOfDay } from '../../domain/understanding.js';
import type { EffectResult } from '../types.js';

// A small account in the customer's zone (Los Angeles, "now" is Sunday Nov 22 2026, 12:00) with an order in every
// state a flow has to handle. Case tables answer effects with these, the way the ports would.
export const NOW = '2026-11-22T20:00:00Z';
export const win = (day: number, from: number, to: number): TimeWindow => ({
  start: `2026-11-${String(day).padStart(2, '0')}T${String(from).padStart(2, '0')}:00:00-08:00`,
  end: `2026-11-${String(day).padStart(2, '0')}T${String(to).padStart(2, '0')}:00:00-08:00`,
});

export const customer: Customer = {
  id: 'demo',
  name: 'Alex Kim',
  locale: 'en-US',
  timeZone: 'America/Los_Angeles',
  currency: 'USD',
  voicePurchaseCode: false,
  enrolments: { carTrunk: true, inHome: false },
  phone: '+1 555 010 0142',
  addresses: [
    { id: 'home', type: 'home', label: 'Home', line1: '1 Main St' },
    { id: 'office', type: 'office', label: 'Office', line1: '2 Market St' },
  ],
};

const item = (sku: string, name: string, quantity: number, unitPrice: number) => ({ sku, name, quantity, unitPrice });
export const orders: Order[] = [
  {
    id: 'o-diapers',
    customerId: 'demo',
    status: 'delivered',
    currency: 'USD',
    total: 47.99,
    placedAt: '2026-10-30T10:00:00-08:00',
    items: [item('diapers', 'Huggies Diapers, Size 2', 1, 47.99)],
  },
  {
    id: 'o-shoes',
    customerId: 'demo',
    status: 'delivered',
    currency: 'USD',
    total: 65,
    placedAt: '2026-11-06T10:00:00-08:00',
    returnableUntil: '2026-12-06T23:59:59-08:00',
    items: [item('shoes', 'Nike Revolution 7, size 10', 1, 65)],
  },
  {
    id: 'o-wipes',
    customerId: 'demo',
    status: 'shipped',
    currency: 'USD',
    total: 24.99,
    placedAt: '2026-11-20T10:00:00-08:00',
    items: [item('wipes', 'Pampers Wipes', 1, 24.99)],
  },
  {
    id: 'o-brush',
    customerId: 'demo',
    status: 'placed',
    currency: 'USD',
    total: 39.99,
    placedAt: '2026-11-21T10:00:00-08:00',
    items: [item('brush', 'Sonicare Brush Heads', 1, 39.99)],
  },
  {
    id: 'o-formula',
    customerId: 'demo',
    status: 'cancelled',
    currency: 'USD',
    total: 30,
    placedAt: '2026-11-02T10:00:00-08:00',
    items: [item('formula', 'Similac Formula', 1, 30)],
  },
];

export const shipments: Shipment[] = [
  { id: 's-wipes', orderId: 'o-wipes', customerId: 'demo', status: 'shipped', window: win(23, 9, 12), place: { type: 'home', label: 'Home' } },
  { id: 's-brush', orderId: 'o-brush', customerId: 'demo', status: 'placed', window: win(24, 9, 12), place: { type: 'home', label: 'Home' } },
  { id: 's-diapers', orderId: 'o-diapers', customerId: 'demo', status: 'delivered', window: win(1, 9, 12), place: { type: 'home', label: 'Home' } },
];

export const points: PickupPoint[] = [
  { id: 'p1', type: 'locker', name: 'Locker Main St', address: '3 Main St', hours: '24/7', distanceKm: 0.4 },
  { id: 'p2', type: 'locker', name: 'Locker Park', address: '9 Park Ave', hours: '6-24', distanceKm: 1.1 },
];

/** The account as the loadAccount effect returns it (optionally with some orders only). */
export const account = (only?: (o: Order) => boolean): EffectResult => ({
  type: 'loadAccount',
  ok: true,
  customer,
  orders: only ? orders.filter(only) : orders,
  shipments,
  suggestions: [],
});
export const failed = (type: EffectResult['type'], transient = true, code = 'dependency_unavailable'): EffectResult => ({
  type,
  ok: false,
  code,
  transient,
});

export const product = (sku: string, score = 0.8): Entity => ({ type: 'product', value: sku, text: sku, start: 0, end: sku.length, score });
export const quantity = (value: number): Entity => ({ type: 'quantity', value, text: String(value), start: 0, end: 1 });

// --- Reorder and delivery slot: what their effects return, and the entities that re-fill their requests. ---

/** The history as loadCustomer returns it (optionally another customer, other orders, or products running low). */
export const history = (
  over: { customer?: Partial<Customer>; orders?: Order[]; suggestions?: Array<{ sku: string; name: string }> } = {},
): EffectResult => ({
  type: 'loadCustomer',
  ok: true,
  customer: { ...customer, ...over.customer },
  orders: over.orders ?? orders,
  suggestions: over.suggestions ?? [],
});
/** The earliest delivery windows quoted for a new order. */
export const quoted = (...windows: TimeWindow[]): EffectResult => ({ type: 'quoteDelivery', ok: true, windows });
/** A new order priced by the shop (free delivery unless the fee is given) with its earliest delivery windows. */
export const priced = (windows: TimeWindow[], over: Partial<OrderQuote> = {}): EffectResult => ({
  type: 'quoteOrder',
  ok: true,
  windows,
  quote: {
    customerId: 'demo',
    shippingAddressId: 'home',
    items: [{ sku: 'diapers', name: 'Huggies Diapers, Size 2', quantity: 1, unitPrice: 47.99 }],
    subtotal: 47.99,
    deliveryFee: 0,
    total: 47.99,
    currency: 'USD',
    freeDeliveryFrom: 35,
    ...over,
  },
});
/** The order placed, as the shop returns it. */
export const placed = (sku: string, quantity: number, unitPrice: number, name = sku): EffectResult => ({
  type: 'placeOrder',
  ok: true,
  order: {
    id: 'o-new',
    customerId: 'demo',
    status: 'placed',
    currency: 'USD',
    total: Math.round(quantity * unitPrice * 100) / 100,
    placedAt: NOW,
    items: [item(sku, name, quantity, unitPrice)],
  },
});
/** The voice purchase code checked: right, wrong, or locked after three wrong ones. */
export const codeChecked = (valid: boolean, lockedUntil: string | null = null): EffectResult => ({
  type: 'verifyVoiceCode',
  ok: true,
  valid,
  lockedUntil,
});

/** The free windows of a shipment (the wipes are booked Mon 23 9-12; that window is among them, as the API returns it). */
export const freeWindows: TimeWindow[] = [win(23, 9, 12), win(23, 18, 21), win(24, 9, 12), win(24, 13, 17), win(24, 18, 21), win(27, 18, 21)];
export const windows = (list: TimeWindow[] = freeWindows): EffectResult => ({ type: 'loadWindows', ok: true, windows: list });
/** A shipment moved to a window. */
export const moved = (shipmentId: string, window: TimeWindow): EffectResult => {
  const moving = shipments.filter((s) => s.id === shipmentId).map((s) => ({ ...s, window }));
  return { type: 'updateShipments', ok: true, shipments: moving };
};

const span = (text: string): { text: string; start: number; end: number } => ({ text, start: 0, end: text.length });
export const onDay = (on: string, text = on): Entity => ({ type: 'date', value: { on }, ...span(text) });
export const shiftDays = (days: number, text = `+${days}d`): Entity => ({ type: 'date', value: { shiftDays: days }, ...span(text) });
export const partOfDay = (part: TimeOfDay): Entity => ({ type: 'time_window', value: { part }, ...span(part) });
export const place = (type: PlaceType): Entity => ({ type: 'place', value: type, ...span(type) });
// ── Delivery place and return (their case tables answer effects with these) ─────────────────────────────────────────
export const stores: PickupPoint[] = [
  { id: 'cs1', type: 'convenience_store', name: 'GS25 Market St', address: '5 Market St', hours: '24/7', distanceKm: 0.3 },
  { id: 'cs2', type: 'convenience_store', name: 'CU Park Ave', address: '11 Park Ave', hours: '7-23', distanceKm: 0.9 },
];
/** More of the customer's history: a second returnable item, one already returned, one whose return window closed. */
export const moreOrders: Order[] = [
  {
    id: 'o-towels',
    customerId: 'demo',
    status: 'delivered',
    currency: 'USD',
    total: 18.5,
    placedAt: '2026-11-08T10:00:00-08:00',
    returnableUntil: '2026-12-08T23:59:59-08:00',
    items: [item('towels', 'Bath Towels, set of 2', 1, 18.5)],
  },
  {
    id: 'o-bottle',
    customerId: 'demo',
    status: 'returned',
    currency: 'USD',
    total: 12,
    placedAt: '2026-10-20T10:00:00-08:00',
    returnableUntil: '2026-11-20T23:59:59-08:00',
    items: [item('bottle', 'Water Bottle', 1, 12)],
  },
  {
    id: 'o-lamp',
    customerId: 'demo',
    status: 'delivered',
    currency: 'USD',
    total: 80,
    placedAt: '2026-09-01T10:00:00-08:00',
    returnableUntil: '2026-10-01T23:59:59-07:00',
    items: [item('lamp', 'Desk Lamp', 1, 80)],
  },
];
/** The account with a different profile (no office, no car registered…) and/or more orders. */
export const accountOf = (profile: Partial<Customer> = {}, extra: Order[] = []): EffectResult => ({
  type: 'loadAccount',
  ok: true,
  customer: { ...customer, ...profile },
  orders: [...orders, ...extra],
  shipments,
  suggestions: [],
});
export const pickupPoints = (found: PickupPoint[]): EffectResult => ({ type: 'loadPickupPoints', ok: true, points: found });
export const shipmentsUpdated: EffectResult = { type: 'updateShipments', ok: true, shipments };
export const noteSaved: EffectResult = { type: 'saveInstructions', ok: true };
export const pickupWindows: EffectResult = { type: 'quoteDelivery', ok: true, windows: [win(24, 9, 12), win(24, 13, 17), win(25, 9, 12)] };
export const returnBooked = (
  method: 'store_dropoff' | 'locker_dropoff' | 'courier_pickup',
  extra: { pickupPointId?: string; window?: TimeWindow; dropoffCode?: string } = {},
): EffectResult => ({
  type: 'bookReturn',
  ok: true,
  booked: {
    id: 'r1',
    orderId: 'o-shoes',
    customerId: 'demo',
    items: [{ sku: 'shoes', quantity: 1 }],
    reason: 'size',
    method,
    ...extra,
    refundEstimate: { amount: 65, currency: 'USD' },
    status: 'booked',
  },
});
export const placeNamed = (value: PlaceType): Entity => ({ type: 'place', value, ...span(value) });
export const courierNote = (value: string): Entity => ({ type: 'instructions', value, ...span(value) });
export const reasonGiven = (value: ReturnReason): Entity => ({ type: 'return_reason', value, ...span(value) });
export const methodChosen = (value: ReturnMethod): Entity => ({ type: 'return_method', value, ...span(value) });
