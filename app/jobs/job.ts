import type { Logger } from 'pino';
import type { NoticeChannel, NoticeKind } from '../../domain/notices.js';
import type { Locale } from '../../domain/locale.js';
import type { NoticeAsk } from '../../domain/notices.js';
import type { CommercePort, LogisticsPort } from '../../ports/commerce.js';
import type { Notifier } from '../../ports/notifier.js';
import type { Store } from '../../store/port.js';

/**
 * A notice to one customer under their rules (PRODUCT.md section 8): in their language and zone, on the channel they
 * chose (else the chat they last used, else SMS), held through quiet hours unless urgent, kept but not sent when they
 * turned notices off, and made once per `id` (a repeated id is a duplicate and nothing is sent again).
 */
export interface CustomerNotice {
  id: string;
  customerId: string;
  kind: NoticeKind;
  urgent: boolean;
  /** The text in the customer's language, with dates in their zone. */
  text: (locale: Locale, timeZone: string) => string;
  /** A question the notice asks, answerable as the customer's next message in any chat (a reorder nudge, a reminder). */
  asks?: NoticeAsk;
  /**
   * Where the news belongs when the customer chose no channel: the one they asked on (a speaker whose session had
   * ended), before the chat they last wrote from.
   */
  channel?: NoticeChannel;
}
export type NoticeOutcome = 'sent' | 'held' | 'suppressed' | 'pending' | 'duplicate';

export interface CustomerNotices {
  notify(notice: CustomerNotice): Promise<NoticeOutcome>;
}

/** What a job runs with: the ports, the time of the run and a logger that names the job. A plain object. */
export interface JobContext {
  store: Store;
  commerce: CommercePort;
  logistics: LogisticsPort;
  /** The provider-facing port (sends on the channel it is told); `notices` applies the customer's rules first. */
  notifier: Notifier;
  notices: CustomerNotices;
  now: Date;
  log: Logger;
}

/** What a run did with its items (customers, products, subscription cycles): done, passed over, failed. */
export interface JobOutcome {
  processed: number;
  skipped: number;
  failed: number;
}

/**
 * A named piece of scheduled work. `run` does one pass and must be idempotent per item (a key in the store), so a
 * repeated or overlapping run does nothing twice; the runner holds the job's lease around it so that, of several
 * instances, one runs it at a time.
 */
export interface Job {
  name: string;
  run(ctx: JobContext): Promise<JobOutcome>;
}
