import { z } from 'zod';

/** Shapes of PRODUCT.md section 5, shared by the sandbox and the HTTP adapters that validate providers' answers. */
export const Money = z.number().nonnegative();
export const OrderStatus = z.enum(['placed', 'shipped', 'out_for_delivery', 'delivered', 'cancelled', 'returned']);
export const PlaceType = z.enum(['home', 'office', 'locker', 'convenience_store', 'car_trunk', 'in_home']);
export type PlaceType = z.infer<typeof PlaceType>;

/** A product's picture as the shop serves it (https in production; the sandbox draws its own). */
export const ImageUrl = z.string().url().max(2000);

export const OrderItem = z.object({
  sku: z.string().min(1),
  name: z.string().min(1),
  quantity: z.number().int().positive(),
  unitPrice: Money,
  imageUrl: ImageUrl.optional(),
});
export type OrderItem = z.infer<typeof OrderItem>;

export const Order = z.object({
  id: z.string().min(1),
  customerId: z.string().min(1),
  status: OrderStatus,
  items: z.array(OrderItem).min(1),
  total: Money,
  currency: z.string().length(3),
  placedAt: z.string().datetime({ offset: true }),
  returnableUntil: z.string().datetime({ offset: true }).optional(),
  shippingAddressId: z.string().optional(),
  /** The items' sum and the delivery fee charged, when the provider states them (`total` is their sum). */
  subtotal: Money.optional(),
  deliveryFee: Money.optional(),
});
export type Order = z.infer<typeof Order>;

export const Address = z.object({
  id: z.string().min(1),
  type: PlaceType,
  label: z.string().min(1),
  line1: z.string().min(1),
  city: z.string().optional(),
  pickupPointId: z.string().optional(),
});
export type Address = z.infer<typeof Address>;

export const Customer = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  locale: z.enum(['en-US', 'ko-KR']),
  timeZone: z.string().min(1),
  currency: z.string().length(3),
  addresses: z.array(Address),
  enrolments: z.object({ carTrunk: z.boolean(), inHome: z.boolean() }),
  voicePurchaseCode: z.boolean(),
  /** For a person's call-back when the customer is on a speaker. */
  phone: z.string().optional(),
});
export type Customer = z.infer<typeof Customer>;

export const TimeWindow = z.object({ start: z.string().datetime({ offset: true }), end: z.string().datetime({ offset: true }) });
export type TimeWindow = z.infer<typeof TimeWindow>;

/** What the courier recorded when it marked a parcel delivered: when, where it was left, and how the handover is shown. */
export const ProofOfDelivery = z.object({
  deliveredAt: z.string().datetime({ offset: true }),
  /** Where the courier says it left the parcel, in its own words ("Front door", "경비실"). */
  leftAt: z.string().min(1),
  method: z.enum(['photo', 'signature', 'handed_over', 'pickup_code']),
  photoUrl: z.string().url().optional(),
  signedBy: z.string().optional(),
  /** Where the courier's device was when it marked the parcel delivered. */
  location: z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) }).optional(),
  courier: z.string().optional(),
});
export type ProofOfDelivery = z.infer<typeof ProofOfDelivery>;

export const Shipment = z.object({
  id: z.string().min(1),
  orderId: z.string().min(1),
  customerId: z.string().min(1),
  status: OrderStatus,
  window: TimeWindow,
  place: z.object({ type: PlaceType, label: z.string(), pickupPointId: z.string().optional() }),
  instructions: z.string().optional(),
  /** Present once the courier marked it delivered. */
  proofOfDelivery: ProofOfDelivery.optional(),
});
export type Shipment = z.infer<typeof Shipment>;

/**
 * In-home and car-trunk delivery: the one-time code the courier opens the door or trunk with, valid only inside the
 * booked window (PRODUCT.md section 8). Smile asks for it when such a delivery is booked or moved; the customer is never
 * read it (the courier's device has it), only told when it was used and when the door is locked again.
 */
export const AccessCode = z.object({
  shipmentId: z.string().min(1),
  code: z.string().regex(/^\d{6}$/),
  validFrom: z.string().datetime({ offset: true }),
  validUntil: z.string().datetime({ offset: true }),
});
export type AccessCode = z.infer<typeof AccessCode>;

/** The places a courier enters with an access code. */
export const ACCESS_PLACES: ReadonlySet<Shipment['place']['type']> = new Set(['in_home', 'car_trunk']);

export const PickupPoint = z.object({
  id: z.string(),
  type: z.enum(['locker', 'convenience_store']),
  name: z.string(),
  address: z.string(),
  hours: z.string(),
  distanceKm: z.number().nonnegative(),
});
export type PickupPoint = z.infer<typeof PickupPoint>;

export const ReturnRecord = z.object({
  id: z.string(),
  orderId: z.string(),
  customerId: z.string(),
  items: z.array(z.object({ sku: z.string(), quantity: z.number().int().positive() })),
  reason: z.string(),
  method: z.enum(['store_dropoff', 'locker_dropoff', 'courier_pickup']),
  pickupPointId: z.string().optional(),
  window: TimeWindow.optional(),
  dropoffCode: z.string().optional(),
  refundEstimate: z.object({ amount: Money, currency: z.string().length(3) }),
  status: z.string(),
});
export type ReturnRecord = z.infer<typeof ReturnRecord>;

export const PlaceOrderRequest = z.object({
  customerId: z.string().min(1),
  items: z.array(z.object({ sku: z.string().min(1), quantity: z.number().int().min(1).max(99) })).min(1),
  shippingAddressId: z.string().min(1),
});
export type PlaceOrderRequest = z.infer<typeof PlaceOrderRequest>;

/**
 * What an order would cost, as the shop prices it before it is placed (`POST /quotes`): the items at today's prices,
 * the delivery fee to that destination, and the total the order placed with the same request will carry. The
 * threshold of free delivery (null when the shop has none) lets Smile say "free delivery from $35".
 */
export const OrderQuote = z.object({
  customerId: z.string().min(1),
  shippingAddressId: z.string().min(1),
  items: z.array(z.object({ sku: z.string().min(1), name: z.string().min(1), quantity: z.number().int().positive(), unitPrice: Money })).min(1),
  subtotal: Money,
  deliveryFee: Money,
  total: Money,
  currency: z.string().length(3),
  freeDeliveryFrom: Money.nullable(),
});
export type OrderQuote = z.infer<typeof OrderQuote>;

/** What tells variants of one product apart: a size ("3", "10", "260mm"), a stage (단계) or a count per pack. */
export const Variant = z
  .object({
    size: z.string().min(1).max(20).optional(),
    stage: z.number().int().min(1).max(9).optional(),
    count: z.number().int().positive().optional(),
  })
  .strict();
export type Variant = z.infer<typeof Variant>;

/** A product of the shop's catalogue: one variant of a family ("Huggies Little Snugglers", "하기스 네이처메이드"). */
export const CatalogueProduct = z.object({
  sku: z.string().min(1),
  name: z.string().min(1),
  family: z.string().min(1),
  variant: Variant,
  unitPrice: Money,
  currency: z.string().length(3),
  inStock: z.boolean(),
  imageUrl: ImageUrl.optional(),
});
export type CatalogueProduct = z.infer<typeof CatalogueProduct>;

/** A search of the catalogue by a product's name and a variant: the variant asked for, or the nearest in stock. */
export const ProductSearchResult = z.object({ match: CatalogueProduct.nullable(), nearest: z.array(CatalogueProduct) });
export type ProductSearchResult = z.infer<typeof ProductSearchResult>;

/** A street address a courier delivers to, in full, as the logistics API confirmed it. */
export const ValidatedAddress = z.object({
  line1: z.string().min(1),
  city: z.string().min(1),
  region: z.string().optional(),
  postalCode: z.string().min(1),
  country: z.string().length(2),
  formatted: z.string().min(1),
});
export type ValidatedAddress = z.infer<typeof ValidatedAddress>;
export const AddressCheck = z.discriminatedUnion('valid', [
  z.object({ valid: z.literal(true), address: ValidatedAddress }),
  z.object({ valid: z.literal(false), reason: z.enum(['no_house_number', 'unknown_street', 'outside_delivery_area']) }),
]);
export type AddressCheck = z.infer<typeof AddressCheck>;

/**
 * A product a card shows (a confirmation's, an order's items, or the options of a choice): its SKU, its name (the
 * picture's alt text) and its picture when the shop has one. Channels draw the picture; those without pictures ignore it.
 */
export const CardProduct = z.object({ sku: z.string().min(1).max(200), name: z.string().min(1).max(500), imageUrl: ImageUrl.optional() });
export type CardProduct = z.infer<typeof CardProduct>;

/** A card as the engine renders it: a title, labelled lines, and the products it is about. */
export const Card = z.object({ title: z.string(), lines: z.array(z.string()), products: z.array(CardProduct).max(10).optional() });
export type Card = z.infer<typeof Card>;
