import { z } from 'zod';
import { PickupPoint, TimeWindow } from '../../../domain/commerce.js';
import { ReturnMethod, ReturnReason } from '../../../domain/understanding.js';

/** A delivered item that can still be returned, with the refund it would bring. */
export const ReturnItem = z.object({
  id: z.string(),
  name: z.string(),
  orderId: z.string(),
  sku: z.string(),
  quantity: z.number(),
  refund: z.number(),
  currency: z.string(),
  /** Its picture, when the shop's product data has one. */
  imageUrl: z.string().optional(),
});
export type ReturnItem = z.infer<typeof ReturnItem>;

/** Why: one of the usual reasons, or the customer's own words when they match none. */
export const Reason = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('known'), reason: ReturnReason }),
  z.object({ kind: z.literal('own_words'), text: z.string().min(1).max(200) }),
]);
export type Reason = z.infer<typeof Reason>;

export const DropoffMethod = ReturnMethod.exclude(['courier_pickup']);
export type DropoffMethod = z.infer<typeof DropoffMethod>;

/** How it goes back: dropped off at a chosen point, or picked up by a courier in a chosen window. */
export const Handover = z.discriminatedUnion('method', [
  z.object({ method: DropoffMethod, point: PickupPoint }),
  z.object({ method: z.literal('courier_pickup'), window: TimeWindow }),
]);
export type Handover = z.infer<typeof Handover>;

const base = { flow: z.literal('schedule_return'), id: z.string() };
/** The item chosen and why it goes back. */
const explained = { ...base, item: ReturnItem, reason: Reason };

/** A return, typed by its step: each step carries exactly what it has established. */
export const ReturnFrame = z.discriminatedUnion('step', [
  z.object({
    ...base,
    step: z.literal('loading'),
    /** `asking`: the customer asks whether a return is booked ("반품 접수됐어요?"), not to book one. */
    request: z.object({ skus: z.array(z.string()), asking: z.boolean().optional() }),
    reason: Reason.optional(),
    method: ReturnMethod.optional(),
  }),
  // A hygiene product named for return: whether it has been opened is asked before anything is refused.
  z.object({ ...base, step: z.literal('ask_opened'), product: z.string() }),
  z.object({ ...base, step: z.literal('choose_item'), items: z.array(ReturnItem), reason: Reason.optional(), method: ReturnMethod.optional() }),
  z.object({ ...base, step: z.literal('ask_reason'), item: ReturnItem, method: ReturnMethod.optional() }),
  z.object({ ...base, step: z.literal('ask_method'), item: ReturnItem, reason: Reason }),
  z.object({ ...explained, step: z.literal('loading_options'), method: ReturnMethod }),
  z.object({ ...explained, step: z.literal('choose_point'), method: DropoffMethod, points: z.array(PickupPoint) }),
  z.object({ ...explained, step: z.literal('choose_window'), method: z.literal('courier_pickup'), windows: z.array(TimeWindow) }),
  z.object({ ...explained, step: z.literal('confirm'), handover: Handover }),
  z.object({ ...explained, step: z.literal('booking'), handover: Handover }),
  // The confirmation taken up again: the item is re-read (returned or booked elsewhere meanwhile? the same refund?).
  z.object({ ...explained, step: z.literal('rechecking'), handover: Handover, answered: z.boolean() }),
  // … and a courier pick-up's window re-read from the logistics API (taken meanwhile?), with the refund first confirmed.
  z.object({
    ...explained,
    step: z.literal('rechecking_window'),
    window: TimeWindow,
    answered: z.boolean(),
    refundWas: z.object({ amount: z.number(), currency: z.string() }),
  }),
  // The pick-up windows offered, taken up again after a digression: they are read again before they are offered.
  z.object({ ...explained, step: z.literal('reoffering'), method: z.literal('courier_pickup'), windows: z.array(TimeWindow) }),
]);
export type ReturnFrame = z.infer<typeof ReturnFrame>;
