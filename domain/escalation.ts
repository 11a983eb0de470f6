import { z } from 'zod';
import type { Locale } from './locale.js';

/** Why a conversation went to a person; it sets the escalation's priority and what the agent is told. */
export const EscalationReason = z.enum(['customer_request', 'misunderstood', 'failed_effect', 'frustration', 'policy_unknown', 'dead_end']);
export type EscalationReason = z.infer<typeof EscalationReason>;

/** Reasons a person should answer first. */
export const HIGH_PRIORITY_REASONS: ReadonlySet<EscalationReason> = new Set<EscalationReason>(['failed_effect', 'frustration']);

export type Priority = 'high' | 'normal';
export type EscalationStatus = 'queued' | 'active' | 'resolved' | 'handed_back';

export interface EscalationRequest {
  conversationId: string; customerId: string | null; channel: string; channelUserId: string; locale: Locale;
  reason: EscalationReason; intent: string | null; lastMessage?: string;
}

export interface Escalation extends EscalationRequest {
  id: string;
  status: EscalationStatus;
  priority: Priority;
  createdAt: string;
  /** When a person should have answered: from the next staffed moment, 15 minutes for high priority, an hour otherwise. */
  slaDueAt: string;
  summary: string;
  orders: Array<{ id: string; status: string; items: string; total: number; currency: string }>;
  claimedBy?: string; claimedAt?: string; firstAgentReplyAt?: string; closedAt?: string; closedBy?: string;
  notes: Array<{ by: string; at: string; text: string }>;
  callback?: { phone: string; requestedAt: string };
}

