import type { Logger } from 'pino';
import type { NoticeKind } from '../domain/notices.js';
import type { VoiceNewsPort, VoiceNewsItem } from '../skills/alexa-skill.js';
import type { Store } from '../store/port.js';
import type { CustomerNotices } from './jobs/job.js';

/** How many pieces of news wait for the customer's next session; older ones are in the Alexa app and the transcript. */
const KEEP = 5;

/**
 * News for a voice customer whose session has ended (issue 22): a change settled by the reconciler, or an answer that
 * came after Alexa's time was up. Alexa cannot be spoken to outside a session, so the news is kept for the customer
 * (by customer, not by Alexa session) and said first when they next open the skill, and it is sent at once as a
 * notice — through Alexa Proactive Events when that is configured, else the customer's notice channel.
 */
export class VoiceNews implements VoiceNewsPort {
  constructor(
    private readonly deps: {
      store: Store;
      notices: () => CustomerNotices;
      clock: () => Date;
      logger: Logger;
    },
  ) {}

  async add(item: VoiceNewsItem): Promise<void> {
    const { store, clock } = this.deps;
    const at = clock().toISOString();
    // One atomic append: two pieces of news for one customer in the same instant are both kept; the same news once.
    await store.channelState.append('voice_news', item.customerId, { id: item.id, text: item.text.slice(0, 2000), at }, KEEP);
    const kind: NoticeKind = item.kind;
    const outcome = await this.deps
      .notices()
      .notify({ id: `voice-news:${item.id}`, customerId: item.customerId, kind, urgent: false, channel: 'alexa', text: () => item.text })
      .catch((err: unknown) => {
        // Still said on the next opening; the notice is not retried from here.
        this.deps.logger.warn({ err, customerId: item.customerId }, 'voice news not sent as a notice');
        return 'failed';
      });
    this.deps.logger.info({ customerId: item.customerId, kind, notice: outcome }, 'voice news kept for the next session');
  }

  async take(customerId: string): Promise<string[]> {
    // Taken and emptied in one step: two sessions opening at once never both say it, and news added meanwhile waits.
    return (await this.deps.store.channelState.take('voice_news', customerId)).map((i) => i.text);
  }
}
