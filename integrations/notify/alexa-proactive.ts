import { z } from 'zod';
import type { NoticeKind, OutgoingNotice } from '../../domain/notices.js';
import { HttpClient } from '../http-client.js';
import { NoticeNotDeliverable, type ChannelSender } from './sender.js';

/**
 * Alexa Proactive Events: a Login with Amazon token by client credentials (scope `alexa::proactive_events`, cached
 * until shortly before it expires), then `AMAZON.OrderStatus.Updated` to the one customer (Unicast to their Alexa
 * user id). The notice id is the event's `referenceId`, so a repeated send updates the same notification.
 */
export interface AlexaProactiveOptions {
  clientId: string;
  clientSecret: string;
  /** `https://api.amazonalexa.com/v1/proactiveEvents/stages/development` while in development, without the stage once live. */
  eventsUrl: string;
  tokenUrl?: string;
  timeoutMs: number;
  clock: () => Date;
  /** The seller's name as Alexa reads it ("Your order from {seller} …"). */
  seller: string;
}

const Token = z.object({ access_token: z.string().min(1), expires_in: z.number().int().positive() }).loose();
const Empty = z.unknown();

/** The order statuses of the schema, per notice kind; kinds with no order status do not go to Alexa. */
const STATUS: Partial<Record<NoticeKind, string>> = {
  delivery_update: 'ORDER_SHIPPED',
  pickup_code: 'ORDER_DELIVERED',
  delay: 'ORDER_SHIPPED',
  // An order the customer asked for by voice, confirmed placed after their session had ended.
  order_placed: 'ORDER_RECEIVED',
};

export class AlexaProactiveSender implements ChannelSender {
  private readonly auth: HttpClient;
  private readonly events: HttpClient;
  private readonly eventsPath: string;
  private readonly tokenPath: string;
  private token: { value: string; until: number } | null = null;

  constructor(private readonly options: AlexaProactiveOptions) {
    const tokenUrl = new URL(options.tokenUrl ?? 'https://api.amazon.com/auth/o2/token');
    const eventsUrl = new URL(options.eventsUrl);
    this.tokenPath = tokenUrl.pathname;
    this.eventsPath = eventsUrl.pathname.replace(/\/$/, '');
    this.auth = new HttpClient({ name: 'alexa-lwa', baseUrl: tokenUrl.origin, timeoutMs: options.timeoutMs, retries: 0 });
    this.events = new HttpClient({ name: 'alexa-events', baseUrl: eventsUrl.origin, timeoutMs: options.timeoutMs, retries: 0 });
  }

  async send(notice: OutgoingNotice): Promise<void> {
    const status = STATUS[notice.kind];
    if (!status) throw new NoticeNotDeliverable('alexa', `no Alexa event carries a ${notice.kind} notice`);
    if (!notice.to.channelUserId) throw new NoticeNotDeliverable('alexa', 'no Alexa user id for this customer');
    const now = this.options.clock();
    const body = {
      timestamp: now.toISOString(),
      referenceId: notice.id,
      expiryTime: new Date(now.getTime() + 23 * 3_600_000).toISOString(),
      event: {
        name: 'AMAZON.OrderStatus.Updated',
        payload: { state: { status }, order: { seller: { name: 'localizedattribute:sellerName' } } },
      },
      localizedAttributes: [{ locale: notice.locale, sellerName: this.options.seller }],
      relevantAudience: { type: 'Unicast', payload: { user: notice.to.channelUserId } },
    };
    const call = async (): Promise<unknown> =>
      this.events.call(this.eventsPath, { method: 'POST', body, headers: { authorization: `Bearer ${await this.accessToken()}` }, schema: Empty });
    try {
      await call();
    } catch (err) {
      // A token revoked early: fetch a new one once.
      if ((err as { status?: number }).status !== 401) throw err;
      this.token = null;
      await call();
    }
  }

  private async accessToken(): Promise<string> {
    const now = this.options.clock().getTime();
    if (this.token && now < this.token.until) return this.token.value;
    const res = await this.auth.call(this.tokenPath, {
      method: 'POST',
      form: {
        grant_type: 'client_credentials',
        client_id: this.options.clientId,
        client_secret: this.options.clientSecret,
        scope: 'alexa::proactive_events',
      },
      schema: Token,
    });
    this.token = { value: res.access_token, until: now + Math.max(0, res.expires_in - 60) * 1000 };
    return res.access_token;
  }
}
