import { z } from 'zod';
import { OrderStatus } from '../../../domain/commerce.js';

/** `label`: the name as offered among look-alikes ("Wipes · order number 1003"); `name` is what sentences say. */
export const OrderChoice = z.object({
  id: z.string(),
  name: z.string(),
  label: z.string().optional(),
  status: OrderStatus,
  total: z.number(),
  currency: z.string(),
});
export type OrderChoice = z.infer<typeof OrderChoice>;

const base = { flow: z.literal('cancel_order'), id: z.string(), request: z.object({ skus: z.array(z.string()) }) };

/** A cancellation, typed by its step: each step carries exactly what it has established. */
export const CancelFrame = z.discriminatedUnion('step', [
  z.object({ ...base, step: z.literal('loading') }),
  z.object({ ...base, step: z.literal('choose_order'), orders: z.array(OrderChoice) }),
  z.object({ ...base, step: z.literal('confirm'), order: OrderChoice }),
  // A delivered order cannot be cancelled: a return is offered instead.
  z.object({ ...base, step: z.literal('offer_return'), order: OrderChoice }),
  z.object({ ...base, step: z.literal('cancelling'), order: OrderChoice }),
  // The confirmation taken up again: the order is re-read (has it shipped meanwhile? is the refund the same?).
  z.object({ ...base, step: z.literal('rechecking'), order: OrderChoice, answered: z.boolean() }),
]);
export type CancelFrame = z.infer<typeof CancelFrame>;
