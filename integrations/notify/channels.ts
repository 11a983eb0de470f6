import type { NoticeChannel, OutgoingNotice } from '../../domain/notices.js';
import type { Notifier } from '../../ports/notifier.js';
import { NoticeNotDeliverable, type ChannelSender } from './sender.js';

export { NoticeNotDeliverable, type ChannelSender } from './sender.js';

/**
 * The Notifier port over one sender per channel. A channel with no sender cannot deliver (the caller falls back to
 * a text message at once); the sandbox provider stands in for every channel left unconfigured on the embedded defaults.
 */
export class ChannelNotifier implements Notifier {
  /**
   * @param senders the providers configured, per channel
   * @param sandbox on the embedded defaults: carries every channel with no provider, and records what the others sent
   */
  constructor(
    private readonly senders: Partial<Record<NoticeChannel, ChannelSender>>,
    private readonly sandbox: ChannelSender | null = null,
  ) {}

  async send(notice: OutgoingNotice, at: Date): Promise<void> {
    const sender = this.senders[notice.channel];
    if (sender) {
      await sender.send(notice, at);
      await this.sandbox?.send(notice, at);
      return;
    }
    if (!this.sandbox) throw new NoticeNotDeliverable(notice.channel, 'no provider is configured for this channel');
    await this.sandbox.send(notice, at);
  }
}

/**
 * REST and the web chat: the notice is written into the customer's conversation (its transcript, which the page
 * shows), so the only thing to check here is that there is a conversation to write to.
 */
export const conversationSender: ChannelSender = {
  send: (notice) =>
    notice.to.conversationId ? Promise.resolve() : Promise.reject(new NoticeNotDeliverable(notice.channel, 'no conversation to write to')),
};

/** Bot Framework: a proactive message to the stored conversation reference of the customer's last conversation there. */
export function botFrameworkSender(sendProactive: (conversationId: string, text: string) => Promise<void>): ChannelSender {
  return {
    send: async (notice) => {
      if (!notice.to.conversationId) throw new NoticeNotDeliverable('botframework', 'no Bot Framework conversation for this customer');
      await sendProactive(notice.to.conversationId, notice.text);
    },
  };
}
