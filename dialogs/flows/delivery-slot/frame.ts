import { z } from 'zod';
import { TimeWindow } from '../../../domain/commerce.js';
import { DateValue, TimeValue } from '../../../domain/understanding.js';

/** What the customer asked for: the named products (SKUs), and the day and time if said ("tomorrow evening"). */
export const SlotRequest = z.object({ skus: z.array(z.string()), date: DateValue.optional(), time: TimeValue.optional() });
export type SlotRequest = z.infer<typeof SlotRequest>;

/** An open shipment offered by name ("Pampers Wipes"), with the window it is booked in now. */
export const ShipmentChoice = z.object({ id: z.string(), name: z.string(), window: TimeWindow });
export type ShipmentChoice = z.infer<typeof ShipmentChoice>;

const base = { flow: z.literal('change_delivery_slot'), id: z.string(), request: SlotRequest };
/** The shipment to move, and every free window it has. */
const windowed = { ...base, shipment: ShipmentChoice, options: z.array(TimeWindow) };

/** Moving a delivery to another time, typed by its step: each step carries exactly what it has established. */
export const SlotFrame = z.discriminatedUnion('step', [
  z.object({ ...base, step: z.literal('loading') }),
  // A delay notice asked "pick another time?" (issue 13): yes, a day or a time, or no.
  z.object({ ...base, step: z.literal('offer'), shipment: ShipmentChoice }),
  z.object({ ...base, step: z.literal('choose_shipment'), shipments: z.array(ShipmentChoice) }),
  z.object({ ...base, step: z.literal('loading_windows'), shipment: ShipmentChoice }),
  // Up to three of the free windows offered.
  z.object({ ...windowed, step: z.literal('choose_window'), offered: z.array(TimeWindow) }),
  z.object({ ...windowed, step: z.literal('confirm'), window: TimeWindow }),
  z.object({ ...windowed, step: z.literal('saving'), window: TimeWindow }),
  // The confirmation taken up again: the shipment's free windows are re-read (is the one chosen still free?).
  z.object({ ...windowed, step: z.literal('rechecking'), window: TimeWindow, answered: z.boolean() }),
]);
export type SlotFrame = z.infer<typeof SlotFrame>;
