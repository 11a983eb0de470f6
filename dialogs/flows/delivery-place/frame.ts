import { z } from 'zod';
import { Address, Customer, PickupPoint, PlaceType, Shipment, ValidatedAddress } from '../../../domain/commerce.js';
import { StreetAddress } from '../../../domain/understanding.js';

/** A delivery offered or changed by name ("Pampers Wipes"). */
export const ShipmentChoice = z.object({ id: z.string(), name: z.string() });
export type ShipmentChoice = z.infer<typeof ShipmentChoice>;

/** What the account says about where things can go: the customer's addresses and what they enrolled in. */
export const PlaceAccount = z.object({ addresses: z.array(Address), enrolments: Customer.shape.enrolments });
export type PlaceAccount = z.infer<typeof PlaceAccount>;

/** What the customer asked for at the start: which product's delivery, and the place or the courier note named. */
export const PlaceRequest = z.object({
  skus: z.array(z.string()),
  placeType: PlaceType.optional(),
  instructions: z.string().optional(),
  /** A new street address typed by the customer, to be checked before anything is proposed. */
  street: StreetAddress.optional(),
});

const base = { flow: z.literal('change_delivery_place'), id: z.string() };
/** The one delivery being moved, and the account it is moved within. */
const moving = { ...base, customer: PlaceAccount, target: ShipmentChoice };
/** A street address to save on the profile, in full as the logistics API confirmed it. */
const saving = { ...base, customer: PlaceAccount, address: ValidatedAddress };
/** A courier note and the open deliveries it goes on (none: only the future ones). */
const noting = { ...base, targets: z.array(ShipmentChoice), note: z.string() };

/** A change of delivery place (or a courier note), typed by its step: each step carries exactly what it has established. */
export const PlaceFrame = z.discriminatedUnion('step', [
  z.object({ ...base, step: z.literal('loading'), request: PlaceRequest }),
  z.object({ ...base, step: z.literal('choose_shipment'), request: PlaceRequest, customer: PlaceAccount, shipments: z.array(ShipmentChoice) }),
  z.object({ ...moving, step: z.literal('choose_place') }),
  z.object({ ...moving, step: z.literal('loading_points'), pointType: PickupPoint.shape.type }),
  z.object({ ...moving, step: z.literal('choose_point'), pointType: PickupPoint.shape.type, points: z.array(PickupPoint) }),
  z.object({ ...moving, step: z.literal('confirm'), place: Shipment.shape.place }),
  // A new street address: checked with the logistics API, then confirmed back in full.
  z.object({ ...moving, step: z.literal('checking_address'), street: StreetAddress }),
  z.object({ ...moving, step: z.literal('confirm_address'), address: ValidatedAddress }),
  // A street address typed for the move carries its full form, to offer saving it on the profile once moved.
  z.object({ ...moving, step: z.literal('saving'), place: Shipment.shape.place, address: ValidatedAddress.optional() }),
  // A new street address for the profile (for later deliveries): offered after a move there (an offer, which lapses),
  // or confirmed when there is no delivery open to move; then saved once.
  z.object({ ...base, step: z.literal('checking_new_address'), customer: PlaceAccount, street: StreetAddress }),
  z.object({ ...saving, step: z.literal('offer_save') }),
  z.object({ ...saving, step: z.literal('confirm_save') }),
  z.object({ ...saving, step: z.literal('saving_address') }),
  // A note is already saved: does the new one replace it or join it?
  z.object({ ...noting, step: z.literal('merge_note'), saved: z.string() }),
  z.object({ ...noting, step: z.literal('confirm_note') }),
  z.object({ ...noting, step: z.literal('saving_note') }),
]);
export type PlaceFrame = z.infer<typeof PlaceFrame>;
