import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { AuditAction, type AuditEntry } from '../store/schemas.js';
import type { AuditFilter, Store, Stored } from '../store/port.js';

export { AuditAction };

/**
 * The agents' audit log (issue 17): who signed in (or failed to, or was refused), who claimed, answered, noted,
 * resolved or handed back which escalation, when and from where. Written to the store, listed by supervisors
 * (GET /v1/agent/audit). Never the text of a message or a password. Each entry is kept SMILE_AUDIT_RETENTION_DAYS (a
 * TTL index on MongoDB, the hourly purge everywhere). A write that fails is logged, and the action it
 * records still happens: an outage of the store is not a reason to keep an agent from helping a customer.
 */
export class AuditLog {
  private lastAt = 0;
  constructor(
    private readonly store: Pick<Store, 'audit'>,
    private readonly clock: () => Date,
    private readonly logger: Pick<Logger, 'warn' | 'info'>,
    /** How long an entry is kept (SMILE_AUDIT_RETENTION_DAYS); then the store removes it. */
    private readonly retentionDays = 365,
  ) {}

  async record(
    action: AuditAction,
    actor: string,
    details: { address?: string; escalationId?: string; conversationId?: string } = {},
  ): Promise<void> {
    // Entries of one process keep their order even within one millisecond (or a clock that stands still).
    this.lastAt = Math.max(this.clock().getTime(), this.lastAt + 1);
    const entry: AuditEntry = {
      id: randomUUID(),
      at: new Date(this.lastAt).toISOString(),
      action,
      actor: actor.slice(0, 64),
      ...Object.fromEntries(Object.entries(details).filter(([, v]) => v !== undefined)),
      expiresAt: new Date(this.lastAt + this.retentionDays * 86_400_000).toISOString(),
    };
    this.logger.info({ audit: { action: entry.action, actor: entry.actor, escalationId: entry.escalationId } }, 'audit');
    try {
      await this.store.audit.append(entry);
    } catch (err) {
      this.logger.warn({ err, audit: { action: entry.action, actor: entry.actor, id: entry.id } }, 'audit entry not stored');
    }
  }

  list(filter: AuditFilter): Promise<Array<Stored<AuditEntry>>> {
    return this.store.audit.list(filter);
  }
}
