import express, { type Router } from 'express';
import { z } from 'zod';
import { AppError } from '../domain/errors.js';
import type { NoticeKind, OutgoingNotice } from '../domain/notices.js';
import type { Store } from '../store/port.js';

const MESSAGES = 'sbx_notify_messages';

export interface SandboxMessage {
  id: string;
  customerId: string;
  channel: string;
  locale: string;
  text: string;
  eventId?: string;
  kind: NoticeKind;
  sentAt: string;
  /** Arrival order, so "newest last" holds when two messages share a second. */
  seq: number;
}

/**
 * The embedded notification provider (PRODUCT.md section 8): with no KakaoTalk, SMS or push provider configured,
 * every notice Smile sends lands here, and `GET /sandbox/notify/v1/messages?customerId=` shows what the customer got.
 * Like a real provider it keys on the notice id: a repeated send is accepted and recorded once.
 */
export class SandboxNotifyProvider {
  private seq = 0;
  constructor(private readonly store: Store) {}

  async send(notice: OutgoingNotice, at: Date): Promise<void> {
    const message: SandboxMessage = { ...notice, sentAt: at.toISOString(), seq: Date.now() * 1000 + (this.seq++ % 1000) };
    await this.store.documents.insert(MESSAGES, notice.id, message);
  }

  async messages(customerId: string): Promise<Array<Omit<SandboxMessage, 'seq'>>> {
    return (await this.store.documents.byCustomer<SandboxMessage>(MESSAGES, customerId))
      .sort((a, b) => a.seq - b.seq)
      .map(({ seq: _seq, ...m }) => m);
  }

  async reset(): Promise<void> {
    await this.store.documents.clear(MESSAGES);
  }

  router(): Router {
    const r = express.Router();
    r.get('/messages', async (req, res) => {
      const customerId = z.string().min(1).max(200).safeParse(req.query.customerId);
      if (!customerId.success) throw new AppError('invalid_request', 'customerId is required', 400);
      res.json({ messages: await this.messages(customerId.data) });
    });
    return r;
  }
}
