import { z } from 'zod';
import { OrderStatus, ProofOfDelivery, TimeWindow } from './commerce.js';
import { Locale } from './locale.js';
import { DeliveryProblem } from './understanding.js';

/** Why a conversation went to a person; it sets the escalation's priority and what the agent is told. */
export const EscalationReason = z.enum([
  'customer_request',
  'misunderstood',
  'failed_effect',
  'frustration',
  'policy_unknown',
  'dead_end',
  'delivery_problem',
]);
export type EscalationReason = z.infer<typeof EscalationReason>;

/** Reasons a person should answer first. */
export const HIGH_PRIORITY_REASONS: ReadonlySet<EscalationReason> = new Set<EscalationReason>(['failed_effect', 'frustration', 'delivery_problem']);

/**
 * A delivery problem as the customer reported it, with the shipment and the courier's proof of delivery, so the person
 * who takes it can open a claim with the carrier without asking again.
 */
export const DeliveryReport = z.object({
  problem: DeliveryProblem,
  /** The customer's own words, as they wrote them (may be empty when they had nothing to add). */
  description: z.string().max(500),
  shipment: z.object({
    id: z.string().min(1),
    orderId: z.string().min(1),
    status: OrderStatus,
    items: z.string(),
    window: TimeWindow,
    place: z.string(),
  }),
  /** Null when the carrier recorded none: the person asks the carrier for it. */
  proofOfDelivery: ProofOfDelivery.nullable(),
});
export type DeliveryReport = z.infer<typeof DeliveryReport>;

export const Priority = z.enum(['high', 'normal']);
export type Priority = z.infer<typeof Priority>;
export const EscalationStatus = z.enum(['queued', 'active', 'resolved', 'handed_back']);
export type EscalationStatus = z.infer<typeof EscalationStatus>;

export const EscalationRequest = z.object({
  conversationId: z.string().min(1),
  customerId: z.string().nullable(),
  channel: z.string(),
  channelUserId: z.string(),
  locale: Locale,
  reason: EscalationReason,
  intent: z.string().nullable(),
  lastMessage: z.string().optional(),
  /** A reported delivery problem (reason 'delivery_problem'). */
  delivery: DeliveryReport.optional(),
  /**
   * From a speaker: the customer's spoken turns (the assistant's intents and slots as resolved), the flow that did not
   * get done and what was wanted of it, since a person cannot read back what was said.
   */
  voice: z
    .object({
      turns: z.array(z.object({ intent: z.string(), slots: z.record(z.string(), z.string()) })),
      failedFlow: z.string().nullable(),
      wanted: z.string().nullable(),
    })
    .optional(),
});
export type EscalationRequest = z.infer<typeof EscalationRequest>;

export const Escalation = EscalationRequest.extend({
  id: z.string().min(1),
  status: EscalationStatus,
  priority: Priority,
  createdAt: z.string(),
  /** When a person should have answered: from the next staffed moment, 15 minutes for high priority, an hour otherwise. */
  slaDueAt: z.string(),
  summary: z.string(),
  orders: z.array(z.object({ id: z.string(), status: z.string(), items: z.string(), total: z.number(), currency: z.string() })),
  claimedBy: z.string().optional(),
  claimedAt: z.string().optional(),
  firstAgentReplyAt: z.string().optional(),
  closedAt: z.string().optional(),
  closedBy: z.string().optional(),
  notes: z.array(z.object({ by: z.string(), at: z.string(), text: z.string() })),
  callback: z.object({ phone: z.string(), requestedAt: z.string() }).optional(),
});
export type Escalation = z.infer<typeof Escalation>;
