import type { Order } from '../domain/commerce.js';
import type { Escalation, EscalationRequest } from '../domain/escalation.js';

/** Where escalations go. The engine only creates them and asks whether a conversation is with a person. */
export interface SupportPort {
  escalate(request: EscalationRequest, idempotencyKey: string, orders?: Order[]): Promise<Escalation>;
  openFor(conversationId: string): Promise<Escalation | null>;
  staffedNow(): { staffed: boolean; opensAt: string | null };
  customerMessage(escalation: Escalation, text: string): Promise<void>;
  /** Where a queued escalation stands: 1 is next. */
  queuePosition(escalation: Escalation): Promise<number>;
  customerLeft(escalation: Escalation): Promise<Escalation>;
  requestCallback(escalationId: string, phone: string): Promise<Escalation>;
}
