import { z } from 'zod';

/** Where is my order: read-only, so it only waits for the account to load. */
export const OrderStatusFrame = z.object({
  flow: z.literal('order_status'),
  id: z.string(),
  step: z.literal('loading'),
  skus: z.array(z.string()),
  /** The customer asked for their orders as a whole ("what did I order", "주문내역 전부"): recent delivered ones too. */
  all: z.boolean().optional(),
  /** The words of a product asked about that the customer never ordered ("where is my toothbrush?" with none). */
  unbought: z.string().optional(),
});
export type OrderStatusFrame = z.infer<typeof OrderStatusFrame>;
