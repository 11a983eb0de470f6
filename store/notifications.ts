import { z } from 'zod';
import { LogisticsEvent, NoticeChannel, NoticeKind, NoticeAsk } from '../domain/notices.js';
import type { Store } from './port.js';
import { readRow, toRow, SCHEMA_VERSION, type OnInvalidRow } from './schemas.js';

/**
 * Proactive notices' rows (PRODUCT.md section 8), kept through the store's document collections with their own
 * schemas, so both adapters hold them without a change: each row is written with its schema and parsed on read.
 * Uniqueness is the documents' atomic insert: one row per event id, one per (event, customer) notice.
 */
const version = { schemaVersion: z.literal(SCHEMA_VERSION).default(SCHEMA_VERSION) };

export const ReceivedEvent = z.object({ id: z.string(), event: LogisticsEvent, receivedAt: z.string(), processedAt: z.string().nullable() });
export type ReceivedEvent = z.infer<typeof ReceivedEvent>;
const ReceivedEventRow = ReceivedEvent.extend(version);

export const NoticeRecord = z.object({
  id: z.string(),
  eventId: z.string().optional(),
  customerId: z.string(),
  kind: NoticeKind,
  channel: NoticeChannel,
  /** For chat channels: the conversation the notice is also written into. */
  conversationId: z.string().optional(),
  locale: z.string(),
  text: z.string(),
  /**
   * held: waiting for quiet hours to end; pending: to send at `sendAfter` (now, again after a failure, or after a
   * crash); suppressed: opted out; undeliverable: no channel left that can carry it (kept, logged and counted).
   */
  status: z.enum(['held', 'pending', 'sent', 'suppressed', 'undeliverable']),
  sendAfter: z.string(),
  createdAt: z.string(),
  sentAt: z.string().optional(),
  /** What the notice asks (a reorder nudge): once sent, the customer's next message may answer it. */
  asks: NoticeAsk.optional(),
  /** When the event behind it happened (the end-to-end delay metric). */
  occurredAt: z.string().optional(),
  /** Where on its channel (see OutgoingNotice.to); the phone number is kept for the fallback to a text message. */
  to: z.object({ phone: z.string().optional(), channelUserId: z.string().optional(), conversationId: z.string().optional() }).default({}),
  /** Failed sends on the current channel; after SMILE_NOTIFY_ATTEMPTS of them the notice falls back to a text message. */
  attempts: z.number().int().nonnegative().default(0),
  /** The channel it was meant for, when it went another way. */
  fallbackFrom: NoticeChannel.optional(),
  lastError: z.string().max(500).optional(),
});
export type NoticeRecord = z.infer<typeof NoticeRecord>;
const NoticeRow = NoticeRecord.extend(version);

/** The chat a customer last wrote from: where a notice goes when they chose no channel. */
export const LastContact = z.object({
  customerId: z.string(),
  channel: z.string(),
  channelUserId: z.string(),
  conversationId: z.string(),
  /** When the customer last wrote from this chat, to within NOTED_AGAIN_AFTER_MS (a busy chat is not rewritten every turn). */
  at: z.string(),
});
/** The same chat, noted again within this time, is not written again. */
export const NOTED_AGAIN_AFTER_MS = 3_600_000;
export type LastContact = z.infer<typeof LastContact>;
const LastContactRow = LastContact.extend(version);

const C = { events: 'smile_logistics_events', notices: 'smile_notices', contacts: 'smile_last_contact' } as const;

export class NotificationStore {
  constructor(
    private readonly store: Store,
    private readonly onInvalid: OnInvalidRow = () => undefined,
  ) {}

  private read<S extends z.ZodType>(schema: S, collection: string, raw: unknown): z.output<S> | null {
    const id =
      raw && typeof raw === 'object' && 'id' in raw
        ? String(raw.id)
        : raw && typeof raw === 'object' && 'customerId' in raw
          ? String(raw.customerId)
          : '?';
    return raw ? readRow(schema, raw, { collection, id }, this.onInvalid) : null;
  }

  /** Keeps an accepted event unless its id was seen before; false then. */
  acceptEvent(row: ReceivedEvent): Promise<boolean> {
    return this.store.documents.insert(C.events, row.id, toRow(ReceivedEventRow, row, 'logistics event'));
  }
  async markProcessed(id: string, at: string): Promise<void> {
    const row = await this.event(id);
    if (row) await this.store.documents.put(C.events, id, toRow(ReceivedEventRow, { ...row, processedAt: at }, 'logistics event'));
  }
  async event(id: string): Promise<ReceivedEvent | null> {
    return this.read(ReceivedEventRow, C.events, await this.store.documents.get(C.events, id));
  }
  /** Read through the index of `processedAt`: what is left to do, not every event ever received. */
  async unprocessedEvents(): Promise<ReceivedEvent[]> {
    return (await this.store.documents.where(C.events, 'processedAt', null)).flatMap((raw) => {
      const row = this.read(ReceivedEventRow, C.events, raw);
      return row && row.processedAt === null ? [row] : [];
    });
  }

  /** Creates the notice unless one with its id exists (one per event per customer); false then. */
  addNotice(notice: NoticeRecord): Promise<boolean> {
    return this.store.documents.insert(C.notices, notice.id, toRow(NoticeRow, notice, 'notice'));
  }
  async saveNotice(notice: NoticeRecord): Promise<void> {
    await this.store.documents.put(C.notices, notice.id, toRow(NoticeRow, notice, 'notice'));
  }
  async notice(id: string): Promise<NoticeRecord | null> {
    return this.read(NoticeRow, C.notices, await this.store.documents.get(C.notices, id));
  }
  /** Notices not sent yet whose time has come (held ones after quiet hours, pending ones left by a crash), oldest first. */
  async dueNotices(now: string): Promise<NoticeRecord[]> {
    // Through the index of `status`: the notices not sent yet, not every notice ever sent.
    const unsent = await Promise.all((['held', 'pending'] as const).map((status) => this.store.documents.where(C.notices, 'status', status)));
    return unsent
      .flat()
      .flatMap((raw) => {
        const row = this.read(NoticeRow, C.notices, raw);
        return row && (row.status === 'held' || row.status === 'pending') && row.sendAfter <= now ? [row] : [];
      })
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }
  async noticesFor(customerId: string): Promise<NoticeRecord[]> {
    return (await this.store.documents.byCustomer(C.notices, customerId))
      .flatMap((raw) => {
        const row = this.read(NoticeRow, C.notices, raw);
        return row?.customerId === customerId ? [row] : [];
      })
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  async lastContact(customerId: string): Promise<LastContact | null> {
    return this.read(LastContactRow, C.contacts, await this.store.documents.get(C.contacts, customerId));
  }
  /** The customer's last contact on one channel (their Alexa user id, their Bot Framework conversation). */
  async contactOn(customerId: string, channel: string): Promise<LastContact | null> {
    return this.read(LastContactRow, C.contacts, await this.store.documents.get(C.contacts, `${customerId}\n${channel}`));
  }
  /**
   * Notes the chat the customer wrote from, as their last contact and as their contact on that channel. The same chat
   * noted less than NOTED_AGAIN_AFTER_MS ago is left as it is: one read instead of two writes on most turns.
   */
  async noteContact(contact: LastContact): Promise<void> {
    const last = await this.lastContact(contact.customerId);
    if (
      last &&
      last.channel === contact.channel &&
      last.channelUserId === contact.channelUserId &&
      last.conversationId === contact.conversationId &&
      Date.parse(contact.at) - Date.parse(last.at) < NOTED_AGAIN_AFTER_MS &&
      Date.parse(contact.at) >= Date.parse(last.at)
    )
      return;
    const row = toRow(LastContactRow, contact, 'last contact');
    await this.store.documents.put(C.contacts, contact.customerId, row);
    await this.store.documents.put(C.contacts, `${contact.customerId}\n${contact.channel}`, row);
  }
}
