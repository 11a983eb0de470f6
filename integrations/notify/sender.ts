import type { NoticeChannel, OutgoingNotice } from '../../domain/notices.js';

/** Sends a notice over one channel. Throws when it was not sent (the caller retries on its schedule, then falls back). */
export interface ChannelSender {
  send(notice: OutgoingNotice, at: Date): Promise<void>;
}

/**
 * The notice cannot go this way at all (no provider configured, no phone number, no conversation to write to): trying
 * again will not help, so the caller falls back to another channel at once.
 */
export class NoticeNotDeliverable extends Error {
  constructor(
    readonly channel: NoticeChannel,
    reason: string,
  ) {
    super(`${channel}: ${reason}`);
    this.name = 'NoticeNotDeliverable';
  }
}
