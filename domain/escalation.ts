import { z } from 'zod';

/** Why a conversation went to a person; it sets the escalation's priority and what the agent is told. */
export const EscalationReason = z.enum(['customer_request', 'misunderstood', 'failed_effect', 'frustration', 'policy_unknown', 'dead_end']);
export type EscalationReason = z.infer<typeof EscalationReason>;

/** Reasons a person should answer first. */
export const HIGH_PRIORITY_REASONS: ReadonlySet<EscalationReason> = new Set<EscalationReason>(['failed_effect', 'frustration']);
