import { z } from 'zod';
import { EscalationReason } from '../../../domain/escalation.js';

const base = { flow: z.literal('human_handoff'), id: z.string() };

/**
 * A person offered, asked for, or being booked: the offer ("Would you like me to connect you with a person?"), the
 * escalation under way, and on a speaker the offer of a call-back and its booking.
 */
export const HandoffFrame = z.discriminatedUnion('step', [
  z.object({ ...base, step: z.literal('offer'), reason: EscalationReason }),
  z.object({ ...base, step: z.literal('escalating'), reason: EscalationReason, intent: z.string().nullable() }),
  z.object({ ...base, step: z.literal('callback_offer'), escalationId: z.string(), phone: z.string() }),
  z.object({ ...base, step: z.literal('booking_callback'), escalationId: z.string(), phone: z.string() }),
]);
export type HandoffFrame = z.infer<typeof HandoffFrame>;
