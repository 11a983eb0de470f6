import { z } from 'zod';
import { Address, OrderQuote, PlaceType, TimeWindow, Variant } from '../../../domain/commerce.js';
import { ReorderNudge } from '../../../domain/notices.js';
import { DateValue, TimeValue } from '../../../domain/understanding.js';

/** What the customer asked for: the named products (SKUs of the history), and the quantity and place if said. */
export const ReorderRequest = z.object({
  skus: z.array(z.string()),
  quantity: z.number().optional(),
  placeType: PlaceType.optional(),
  /** The words that named the product, to say what was not found ("I couldn't find 'shampoo'"). */
  queryText: z.string().optional(),
  /** A variant asked for ("size 3", "4단계"), and the words that said it. */
  variant: Variant.optional(),
  variantText: z.string().optional(),
  /**
   * Other products named in the same request, each on its own ("2 boxes of the diapers and one formula", "분유랑
   * 삼다수"): one order of them all, confirmed together (each with the quantity said for it, else its last one).
   */
  also: z.array(z.object({ sku: z.string(), quantity: z.number().optional() })).optional(),
  /** The day and time of day asked for the delivery ("deliver it monday evening", "월요일 저녁에 오게"): else the earliest. */
  date: DateValue.optional(),
  time: TimeValue.optional(),
});
export type ReorderRequest = z.infer<typeof ReorderRequest>;

/** A product of the customer's history, at its last price. */
export const ChosenProduct = z.object({
  sku: z.string(),
  name: z.string(),
  unitPrice: z.number(),
  currency: z.string(),
  /** Its picture, when the shop's product data has one (shown on the confirmation card). */
  imageUrl: z.string().optional(),
});
export type ChosenProduct = z.infer<typeof ChosenProduct>;

/** A product offered to choose from. */
export const ProductChoice = z.object({ sku: z.string(), name: z.string(), imageUrl: z.string().optional() });
export type ProductChoice = z.infer<typeof ProductChoice>;

const base = {
  flow: z.literal('reorder'),
  /** Names this run of the flow; the idempotency key of its order is derived from it. */
  id: z.string(),
  request: ReorderRequest,
};

/** The product and quantity are known, and the customer's addresses; a voice order may need the customer's code. */
const drafted = {
  ...base,
  chosen: ChosenProduct,
  quantity: z.number(),
  addresses: z.array(Address),
  /** A voice order must be confirmed with the customer's 4-digit code when the profile has one. */
  needsCode: z.boolean(),
  /** When the same product was last ordered, if that is recent enough to mention at the confirmation (issue 12). */
  orderedAt: z.string().optional(),
  /** The most of this product, and the largest total, the customer has ordered at once: far above is asked on its own. */
  usual: z.object({ quantity: z.number(), total: z.number() }).optional(),
  /** A quantity far above the usual the customer has already said is right. */
  quantityConfirmed: z.number().optional(),
  /** Other products of the history added to the same order at its confirmation ("oh and the tide too", "삼다수도요"). */
  extras: z.array(z.object({ chosen: ChosenProduct, quantity: z.number() })).optional(),
};
/** … and the address it goes to. */
const addressed = { ...drafted, address: Address };
/**
 * … and the earliest delivery window and the shop's price for it (items, delivery fee, total): the order as confirmed.
 * The total said is the quote's, never one Smile works out.
 */
const quoted = { ...addressed, window: TimeWindow, quote: OrderQuote };
/**
 * A confirmation taken up again is re-read before it is asked or acted on: the price and window it showed, and
 * whether the customer's "yes" is waiting on the re-read.
 */
const rechecked = {
  ...quoted,
  answered: z.boolean(),
  was: z.object({ unitPrice: z.number(), window: TimeWindow, extraPrices: z.array(z.number()).optional(), total: z.number().optional() }),
};

/** A reorder, typed by its step: each step carries exactly what it has established. */
export const ReorderFrame = z.discriminatedUnion('step', [
  // The history is loading; a place the customer already chose in this run (then named another product) is kept.
  z.object({ ...base, step: z.literal('loading'), address: Address.optional() }),
  z.object({ ...base, step: z.literal('choose_product'), candidates: z.array(ProductChoice), address: Address.optional() }),
  z.object({ ...drafted, step: z.literal('choose_place') }),
  // The product is known; the catalogue is asked for the variant named (a place already chosen is kept).
  z.object({ ...drafted, step: z.literal('finding_variant'), address: Address.optional() }),
  // The variant is not sold or not in stock: the nearest are offered.
  z.object({ ...drafted, step: z.literal('choose_variant'), options: z.array(ChosenProduct).min(1), address: Address.optional() }),
  // The shop prices the order and the earliest window is read; `again`: a correction, so nothing said before is repeated.
  z.object({ ...addressed, step: z.literal('quoting'), again: z.boolean().optional() }),
  // The quantity or total is far above what the customer usually orders: that is asked on its own first.
  z.object({ ...quoted, step: z.literal('confirm_quantity') }),
  z.object({ ...quoted, step: z.literal('confirm') }),
  // Another product named at the confirmation as an addition: its price is read from the history, then all is confirmed.
  z.object({ ...quoted, step: z.literal('adding'), adding: z.array(z.string()).min(1), addQuantity: z.number().optional() }),
  z.object({ ...quoted, step: z.literal('voice_code') }),
  z.object({ ...quoted, step: z.literal('checking_code') }),
  z.object({ ...quoted, step: z.literal('placing') }),
  // The confirmation taken up again: the price is re-read from the history, then the earliest window quoted again.
  z.object({ ...rechecked, step: z.literal('rechecking') }),
  z.object({ ...rechecked, step: z.literal('requoting') }),
  // A reorder nudge Smile sent asks "reorder?" (its id is the notice's); yes goes to the confirmation, nothing is placed here.
  z.object({ ...base, step: z.literal('nudge'), nudge: ReorderNudge }),
  // "not now" or "stop suggesting this": the answer is being saved.
  z.object({ ...base, step: z.literal('nudge_saving'), nudge: ReorderNudge }),
]);
export type ReorderFrame = z.infer<typeof ReorderFrame>;
