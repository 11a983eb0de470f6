import type { OutgoingNotice } from '../domain/notices.js';

export type { OutgoingNotice } from '../domain/notices.js';

/**
 * Sends one notice to a customer over the channel it names. Implementations must treat a repeated `notice.id` as
 * already sent (the caller may repeat a send it could not confirm). A thrown error means "not sent".
 */
export interface Notifier {
  send(notice: OutgoingNotice, at: Date): Promise<void>;
}
