import { z } from 'zod';
import { OrderStatus, ProofOfDelivery, TimeWindow } from '../../../domain/commerce.js';
import { DeliveryProblem } from '../../../domain/understanding.js';

/** A delivered shipment the customer can report, with what the courier recorded when it marked it delivered. */
export const ReportedShipment = z.object({
  id: z.string(),
  orderId: z.string(),
  /** How the customer knows it ("Pampers … · ord-1003" when two read the same). */
  name: z.string(),
  status: OrderStatus,
  items: z.string(),
  window: TimeWindow,
  place: z.string(),
  proofOfDelivery: ProofOfDelivery.nullable(),
});
export type ReportedShipment = z.infer<typeof ReportedShipment>;

const base = {
  flow: z.literal('report_delivery_problem'),
  id: z.string(),
  /** The customer's first words about it, when they already said what went wrong ("the box came crushed"). */
  said: z.string().max(300).optional(),
};
const known = { ...base, shipment: ReportedShipment, problem: DeliveryProblem };
const described = { ...known, description: z.string().max(500) };

/** A delivery problem report, typed by its step: each step carries exactly what it has established. */
export const ProblemFrame = z.discriminatedUnion('step', [
  z.object({ ...base, step: z.literal('loading'), request: z.object({ skus: z.array(z.string()) }), problem: DeliveryProblem.optional() }),
  z.object({ ...base, step: z.literal('choose_shipment'), shipments: z.array(ReportedShipment), problem: DeliveryProblem.optional() }),
  z.object({ ...base, step: z.literal('ask_problem'), shipment: ReportedShipment }),
  z.object({ ...known, step: z.literal('ask_description') }),
  z.object({ ...described, step: z.literal('confirm') }),
  z.object({ ...described, step: z.literal('reporting') }),
  z.object({ ...described, step: z.literal('booking_callback'), escalationId: z.string(), phone: z.string(), dueAt: z.string() }),
]);
export type ProblemFrame = z.infer<typeof ProblemFrame>;
