import { createHash } from 'node:crypto';
import type { Store, TranscriptEvent } from '../store/port.js';

export interface EscalationRequest {
  conversationId: string; customerId: string | null; channel: string; reason: string; intent: string | null; locale: string;
}

export interface Escalation extends EscalationRequest {
  id: string; status: 'open'; createdAt: string; transcript: TranscriptEvent[];
}

/** Where escalations go. The agent side (queue, console, relay) comes with the handoff issue; this records them. */
export interface SupportPort {
  escalate(request: EscalationRequest, idempotencyKey: string): Promise<Escalation>;
}

/** Records one open escalation per conversation, with the transcript so far, in the store. */
export class StoreEscalations implements SupportPort {
  constructor(private readonly store: Store, private readonly clock: () => Date = () => new Date()) {}

  async escalate(request: EscalationRequest, idempotencyKey: string): Promise<Escalation> {
    const existing = await this.store.documents.get<Escalation>('escalations', idempotencyKey);
    if (existing) return existing;
    const escalation: Escalation = {
      ...request, id: `esc-${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 16)}`, status: 'open',
      createdAt: this.clock().toISOString(), transcript: await this.store.transcript.list(request.conversationId, { limit: 200 }),
    };
    const inserted = await this.store.documents.insert('escalations', idempotencyKey, escalation);
    return inserted ? escalation : (await this.store.documents.get<Escalation>('escalations', idempotencyKey))!;
  }
}
