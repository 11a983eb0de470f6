import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { Customer, Order } from '../domain/commerce.js';
import { AppError } from '../domain/errors.js';
import { Locale } from '../domain/locale.js';
import {
  EVENT_NOTICE,
  isFailureReason,
  minutesUntilQuietEnds,
  NoticeChannel,
  type LogisticsEvent,
  type QuietHours,
  type NoticeAsk,
} from '../domain/notices.js';
import { zonedParts } from '../domain/time.js';
import type { Turn } from '../engine/types.js';
import type { CommercePort, LogisticsPort } from '../ports/commerce.js';
import { NoticeNotDeliverable } from '../integrations/notify/sender.js';
import type { Notifier } from '../ports/notifier.js';
import type { CustomerNotice, CustomerNotices, NoticeOutcome } from './jobs/job.js';
import { say } from '../prompts/index.js';
import { dateText, money, windowText } from '../prompts/format.js';
import { NotificationStore, type NoticeRecord } from '../store/notifications.js';
import type { Store } from '../store/port.js';

export interface NotificationDeps {
  store: Store;
  notifier: Notifier;
  commerce: () => Pick<CommercePort, 'getCustomer' | 'listOrders'>;
  logistics: () => Pick<LogisticsPort, 'listShipments' | 'pickupPoints'>;
  clock: () => Date;
  logger: Logger;
  quietHours: QuietHours | null;
  retentionDays: number;
  /** Failed sends on one channel before falling back to a text message, and the backoff between them. */
  retry?: { attempts: number; firstDelayMs: number; maxDelayMs: number };
  metrics?: NoticeMetrics;
  /** Told of each notice once it is sent (the web chat's live stream, when it went into a conversation). */
  onSent?: (notice: NoticeRecord) => void;
}

/** What operators count: events in, notices by channel and outcome, and how long an event took to reach the customer. */
export interface NoticeMetrics {
  event(type: string, outcome: 'accepted' | 'repeated'): void;
  notice(channel: string, outcome: 'sent' | 'held' | 'suppressed' | 'failed' | 'fallback' | 'undeliverable'): void;
  delay(channel: string, seconds: number): void;
}

const NO_METRICS: NoticeMetrics = { event: () => undefined, notice: () => undefined, delay: () => undefined };
const DEFAULT_RETRY = { attempts: 4, firstDelayMs: 60_000, maxDelayMs: 3_600_000 };

/** The chat channels whose conversation also shows the notice (its transcript, read by GET /v1/conversations/:id/messages). */
const IN_CONVERSATION = new Set<NoticeChannel>(['rest', 'webchat']);

/**
 * Delivery events in, notices out (PRODUCT.md section 8). An accepted event is stored before the webhook answers and
 * processed once: its notice is created with a unique id per (event, customer) before it is sent, so a repeat, a
 * restart or a sweep finds it and never makes a second one; a notice not yet sent (held for quiet hours, or cut off by
 * a crash) is sent by `sendDue`, and the provider drops a repeated id.
 */
export class NotificationService implements CustomerNotices {
  readonly rows: NotificationStore;
  private readonly sending = new Set<string>();
  private readonly metrics: NoticeMetrics;
  private readonly retry: { attempts: number; firstDelayMs: number; maxDelayMs: number };

  constructor(private readonly deps: NotificationDeps) {
    this.rows = new NotificationStore(deps.store, (row) => deps.logger.warn(row, row.message));
    this.metrics = deps.metrics ?? NO_METRICS;
    this.retry = deps.retry ?? DEFAULT_RETRY;
  }

  /** Stores the event (false: its id was seen before, nothing more happens), then processes it. */
  async accept(event: LogisticsEvent): Promise<boolean> {
    const now = this.deps.clock().toISOString();
    const fresh = await this.rows.acceptEvent({ id: event.id, event, receivedAt: now, processedAt: null });
    this.metrics.event(event.type, fresh ? 'accepted' : 'repeated');
    if (!fresh) return false;
    try {
      await this.process(event);
    } catch (err) {
      // Accepted and kept: the sweep (sendDue) processes it again; the notice id keeps it to one.
      this.deps.logger.warn({ err, eventId: event.id }, 'logistics event not processed yet');
    }
    return true;
  }

  /** Events accepted but not processed (a crash, a provider down), then notices whose time has come; how many of each went. */
  async sendDue(): Promise<{ processed: number; failed: number }> {
    let processed = 0;
    let failed = 0;
    for (const row of await this.rows.unprocessedEvents()) {
      try {
        await this.process(row.event);
        processed += 1;
      } catch (err) {
        failed += 1;
        this.deps.logger.warn({ err, eventId: row.id }, 'logistics event not processed yet');
      }
    }
    for (const notice of await this.rows.dueNotices(this.deps.clock().toISOString())) {
      try {
        await this.deliver(notice);
        processed += 1;
      } catch (err) {
        failed += 1;
        this.deps.logger.warn({ err, noticeId: notice.id }, 'notice not sent yet');
      }
    }
    return { processed, failed };
  }

  /**
   * A notice that is not a delivery event's (a reorder nudge, a subscription reminder), under the same rules: made once
   * per id (a repeated id is a duplicate and nothing is sent), in the customer's language and zone, on their channel,
   * held through quiet hours unless urgent, kept but not sent when they turned notices off.
   */
  async notify(input: CustomerNotice): Promise<NoticeOutcome> {
    if (await this.rows.notice(input.id)) return 'duplicate';
    const customer = await this.deps.commerce().getCustomer(input.customerId);
    const notice = await this.compose(
      input.id,
      customer,
      input.kind,
      input.urgent,
      (locale) => input.text(locale, customer.timeZone),
      undefined,
      input.channel,
    );
    if (input.asks) notice.asks = input.asks;
    // Of two runs making it at once, one creates it and sends it; the other was a duplicate.
    if (!(await this.rows.addNotice(notice))) return 'duplicate';
    if (notice.status !== 'pending') {
      this.metrics.notice(notice.channel, notice.status === 'held' ? 'held' : 'suppressed');
      return notice.status === 'held' ? 'held' : 'suppressed';
    }
    try {
      await this.deliver(notice);
      return 'sent';
    } catch (err) {
      // Kept as pending: the sweep sends it (the provider drops a repeated id).
      this.deps.logger.warn({ err, noticeId: notice.id }, 'notice not sent yet');
      return 'pending';
    }
  }

  /** The notice row for a customer: language, channel, quiet hours and their choice to get notices, applied once. */
  private async compose(
    id: string,
    customer: Customer,
    kind: NoticeRecord['kind'],
    urgent: boolean,
    text: (locale: Locale) => string | Promise<string>,
    event?: Pick<LogisticsEvent, 'id' | 'occurredAt'>,
    asked?: NoticeChannel,
  ): Promise<NoticeRecord> {
    const now = this.deps.clock();
    const prefs = await this.deps.store.preferences.get(customer.id);
    const locale = Locale.safeParse(prefs?.locale).data ?? customer.locale;
    const contact = await this.rows.lastContact(customer.id);
    const lastChannel = NoticeChannel.safeParse(contact?.channel).data;
    // The customer's choice, else where they asked (news of their own request), else the chat they last wrote from,
    // else a text message.
    const channel: NoticeChannel = prefs?.notifications?.channel ?? asked ?? lastChannel ?? 'sms';
    const quietFor = urgent ? 0 : minutesUntilQuietEnds(this.deps.quietHours, localMinutes(now, customer.timeZone));
    const optedOut = prefs?.notifications?.enabled === false;
    const there = channel === lastChannel ? contact : await this.rows.contactOn(customer.id, channel);
    return {
      id,
      ...(event ? { eventId: event.id, occurredAt: event.occurredAt } : {}),
      customerId: customer.id,
      kind,
      channel,
      locale,
      ...(IN_CONVERSATION.has(channel) && there ? { conversationId: there.conversationId } : {}),
      to: {
        ...(customer.phone ? { phone: customer.phone } : {}),
        ...(there ? { channelUserId: there.channelUserId, conversationId: there.conversationId } : {}),
      },
      text: await text(locale),
      status: optedOut ? 'suppressed' : quietFor > 0 ? 'held' : 'pending',
      sendAfter: new Date(now.getTime() + quietFor * 60_000).toISOString(),
      createdAt: now.toISOString(),
      attempts: 0,
    };
  }

  private async process(event: LogisticsEvent): Promise<void> {
    const { kind, urgent } = EVENT_NOTICE[event.type];
    const id = `ntc_${createHash('sha256').update(`${event.id}\n${event.customerId}`).digest('hex').slice(0, 24)}`;
    let notice = await this.rows.notice(id);
    if (!notice) {
      const now = this.deps.clock();
      const customer = await this.deps
        .commerce()
        .getCustomer(event.customerId)
        .catch(async (err: unknown) => {
          // A customer the shop does not know will not become known: the event is done with, not retried forever.
          if (!(err instanceof AppError && err.status === 404)) throw err;
          this.deps.logger.warn({ eventId: event.id, customerId: event.customerId }, 'logistics event for an unknown customer: no notice');
          await this.rows.markProcessed(event.id, now.toISOString());
          return null;
        });
      if (!customer) return;
      // The shipment's product is read once (two reads of the customer's shipments and orders), for the text and the question.
      const named = new Map<Locale, Promise<string>>();
      const productIn = (locale: Locale): Promise<string> => {
        const known = named.get(locale) ?? this.productOf(event, customer, locale);
        named.set(locale, known);
        return known;
      };
      notice = await this.compose(id, customer, kind, urgent, (locale) => this.text(event, customer, locale, () => productIn(locale)), event);
      // A delay asks whether to pick another time: the customer's next message may answer it (engine/interceptors/open-ask.ts).
      if (event.type === 'delayed') {
        const name = await productIn(Locale.safeParse(notice.locale).data ?? customer.locale);
        notice.asks = { kind: 'delay_offer', shipmentId: event.shipmentId, name, window: event.data.window };
      }
      // Of two processings at once, one creates it; the other reads what it made.
      if (await this.rows.addNotice(notice)) {
        if (notice.status !== 'pending') this.metrics.notice(notice.channel, notice.status === 'held' ? 'held' : 'suppressed');
      } else notice = await this.rows.notice(id);
    }
    await this.rows.markProcessed(event.id, this.deps.clock().toISOString());
    if (notice?.status === 'pending') await this.deliver(notice);
  }

  /**
   * Sends a notice once. A failed send is kept and tried again on a growing delay; after `retry.attempts` failures
   * (or at once, when the channel cannot carry it at all) it goes as a text message instead. Nothing is dropped: a
   * notice no channel can carry is marked undeliverable, logged and counted.
   */
  private async deliver(notice: NoticeRecord): Promise<void> {
    if (this.sending.has(notice.id)) return;
    this.sending.add(notice.id);
    try {
      await this.attempt(notice);
    } finally {
      this.sending.delete(notice.id);
    }
  }

  private async attempt(notice: NoticeRecord): Promise<void> {
    const at = this.deps.clock();
    try {
      await this.deps.notifier.send(
        {
          id: notice.id,
          customerId: notice.customerId,
          channel: notice.channel,
          locale: notice.locale,
          text: notice.text,
          kind: notice.kind,
          to: notice.to,
          ...(notice.eventId ? { eventId: notice.eventId } : {}),
        },
        at,
      );
    } catch (err) {
      await this.failed(notice, err, at);
      return;
    }
    if (notice.conversationId) {
      const expiresAt = new Date(at.getTime() + this.deps.retentionDays * 86_400_000).toISOString();
      await this.deps.store.transcript.append([
        { conversationId: notice.conversationId, at: at.toISOString(), from: 'system', text: notice.text, expiresAt },
      ]);
    }
    await this.rows.saveNotice({ ...notice, status: 'sent', sentAt: at.toISOString() });
    this.metrics.notice(notice.channel, 'sent');
    this.deps.onSent?.(notice);
    if (notice.occurredAt) this.metrics.delay(notice.channel, Math.max(0, (at.getTime() - Date.parse(notice.occurredAt)) / 1000));
    if (notice.asks) await this.openAsk(notice, notice.asks, at);
  }

  private async failed(notice: NoticeRecord, err: unknown, at: Date): Promise<void> {
    const attempts = notice.attempts + 1;
    const lastError = String((err as Error)?.message ?? err).slice(0, 500);
    const cannot = err instanceof NoticeNotDeliverable;
    const log = { noticeId: notice.id, customerId: notice.customerId, channel: notice.channel, attempts, err: lastError };
    if ((cannot || attempts >= this.retry.attempts) && notice.channel !== 'sms') {
      // Another way to the customer: a text message to the number the shop has for them.
      this.deps.logger.warn(log, 'notice falls back to a text message');
      this.metrics.notice(notice.channel, 'fallback');
      const { conversationId: _chat, ...rest } = notice;
      const fallback: NoticeRecord = {
        ...rest,
        channel: 'sms',
        fallbackFrom: notice.fallbackFrom ?? notice.channel,
        to: notice.to.phone ? { phone: notice.to.phone } : {},
        attempts: 0,
        lastError,
        sendAfter: at.toISOString(),
      };
      await this.rows.saveNotice(fallback);
      await this.attempt(fallback);
      return;
    }
    if (cannot) {
      this.deps.logger.error(log, 'notice undeliverable: no channel can carry it');
      this.metrics.notice(notice.channel, 'undeliverable');
      await this.rows.saveNotice({ ...notice, status: 'undeliverable', attempts, lastError });
      return;
    }
    // Tried again later (a text message keeps being tried, at most every maxDelayMs: never lost).
    const delay = Math.min(this.retry.maxDelayMs, this.retry.firstDelayMs * 2 ** (attempts - 1));
    this.deps.logger.warn({ ...log, retryInMs: delay }, 'notice not sent; will try again');
    this.metrics.notice(notice.channel, 'failed');
    await this.rows.saveNotice({ ...notice, status: 'pending', attempts, lastError, sendAfter: new Date(at.getTime() + delay).toISOString() });
  }

  /** A notice that asked something is sent: the customer's next message, in any chat, may answer it (engine/interceptors/open-ask.ts). */
  private async openAsk(notice: NoticeRecord, question: NoticeAsk, at: Date): Promise<void> {
    const prefs = await this.deps.store.preferences.get(notice.customerId);
    const { schemaVersion: _v, ...rest } = prefs ?? { schemaVersion: 1 };
    await this.deps.store.preferences.put({
      ...rest,
      customerId: notice.customerId,
      ask: { noticeId: notice.id, sentAt: at.toISOString(), question },
      updatedAt: at.toISOString(),
    });
  }

  /**
   * Remembers the chat each customer last wrote from (the channel a notice goes to when they chose none). `known`: the
   * turn's customer as the turn already read it (null: no linked account); read here when not given.
   */
  async noteTurn(turn: Turn, known?: string | null): Promise<void> {
    // A channel that proves its customer on every request (Alexa's access token) has no stored link.
    const customerId =
      known !== undefined ? known : (turn.customerId ?? (await this.deps.store.links.get(turn.channel, turn.channelUserId))?.customerId);
    if (!customerId) return;
    await this.rows.noteContact({
      customerId,
      channel: turn.channel,
      channelUserId: turn.channelUserId,
      conversationId: turn.conversationId,
      at: this.deps.clock().toISOString(),
    });
  }

  /** The shipment as a customer knows it: its order's product ("… and 1 more"). */
  private async productOf(event: LogisticsEvent, customer: Customer, locale: Locale): Promise<string> {
    const shipment = (await this.deps.logistics().listShipments(customer.id)).find((s) => s.id === event.shipmentId);
    const order: Order | undefined = shipment && (await this.deps.commerce().listOrders(customer.id)).find((o) => o.id === shipment.orderId);
    const [first, ...rest] = order?.items ?? [];
    // A shipment the order list no longer holds is "your parcel", never its internal id.
    if (!first) return say(locale, 'notify.product.unknown');
    return rest.length ? say(locale, 'notify.product.more', { product: first.name, count: String(rest.length) }) : first.name;
  }

  private async text(event: LogisticsEvent, customer: Customer, locale: Locale, product: () => Promise<string>): Promise<string> {
    const zone = customer.timeZone;
    switch (event.type) {
      case 'shipped':
        return say(locale, 'notify.shipped', { product: await product() });
      case 'out_for_delivery':
        return say(locale, 'notify.out_for_delivery', { product: await product(), window: windowText(event.data.window, locale, zone) });
      case 'arrived_at_pickup_point': {
        const point = (await this.deps.logistics().pickupPoints(customer.id)).find((p) => p.id === event.data.pickupPointId);
        return say(locale, 'notify.arrived_at_pickup_point', {
          product: await product(),
          // A point the logistics list no longer names is said as "your pick-up point", never by its internal id.
          place: point?.name ?? say(locale, 'notify.pickup_point.unknown'),
          code: event.data.code,
          date: dateText(event.data.holdUntil, locale, zone),
        });
      }
      case 'courier_arrived':
        return say(locale, event.data.placeType === 'car_trunk' ? 'notify.courier_arrived.car_trunk' : 'notify.courier_arrived.in_home', {
          product: await product(),
        });
      case 'delivered': {
        const { photoUrl, secured, placeType } = event.data;
        if (secured) {
          const key = placeType === 'car_trunk' ? 'notify.delivered.secured.car_trunk' : 'notify.delivered.secured.in_home';
          return say(locale, key, { product: await product(), link: photoUrl ?? '' });
        }
        if (photoUrl) return say(locale, 'notify.delivered.photo', { product: await product(), place: event.data.place, link: photoUrl });
        return say(locale, 'notify.delivered', { product: await product(), place: event.data.place });
      }
      case 'delayed':
        return say(locale, 'notify.delayed', { product: await product(), window: windowText(event.data.window, locale, zone) });
      case 'delivery_failed':
        // The courier's code is said as a sentence of Smile's; a code Smile does not know is said in general words.
        return say(locale, 'notify.delivery_failed', {
          product: await product(),
          reason: say(locale, isFailureReason(event.data.reason) ? `failed.reason.${event.data.reason}` : 'failed.reason.unknown'),
        });
      case 'return_received':
        return say(locale, 'notify.return_received');
      case 'refund_issued':
        return say(locale, 'notify.refund_issued', { refund: money(event.data.amount, event.data.currency, locale) });
    }
  }
}

/** Minutes since local midnight of an instant in a zone. */
function localMinutes(instant: Date, timeZone: string): number {
  const local = new Date(instant.getTime() + zonedParts(instant, timeZone).offset * 60_000);
  return local.getUTCHours() * 60 + local.getUTCMinutes();
}
