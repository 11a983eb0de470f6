import type { Config } from './config.js';
import { AlexaProactiveSender } from '../integrations/notify/alexa-proactive.js';
import { botFrameworkSender, ChannelNotifier, conversationSender, type ChannelSender } from '../integrations/notify/channels.js';
import { KakaoBizMessageSender, SmsSender } from '../integrations/notify/sens.js';
import type { NoticeChannel } from '../domain/notices.js';

/**
 * The notifier from configuration (PRODUCT.md section 8): a provider per channel that has one, the conversation itself
 * for REST and the web chat, Bot Framework whenever its endpoint runs (the Emulator too); on the embedded defaults the sandbox
 * provider carries every other channel and records every notice.
 */
export function channelNotifier(
  config: Config,
  clock: () => Date,
  sandbox: ChannelSender | null,
  sendToBotFramework: (conversationId: string, text: string) => Promise<void>,
): ChannelNotifier {
  const timeoutMs = config.SMILE_API_TIMEOUT_MS;
  const senders: Partial<Record<NoticeChannel, ChannelSender>> = { rest: conversationSender, webchat: conversationSender };
  if (config.KAKAO_NOTIFY_URL && config.KAKAO_NOTIFY_KEY && config.KAKAO_NOTIFY_CHANNEL_ID) {
    senders.kakao = new KakaoBizMessageSender({
      url: config.KAKAO_NOTIFY_URL,
      key: config.KAKAO_NOTIFY_KEY,
      channelId: config.KAKAO_NOTIFY_CHANNEL_ID,
      templates: config.KAKAO_NOTIFY_TEMPLATES,
      timeoutMs,
      clock,
    });
  }
  if (config.SMS_API_URL && config.SMS_API_KEY && config.SMS_API_FROM) {
    senders.sms = new SmsSender({ url: config.SMS_API_URL, key: config.SMS_API_KEY, from: config.SMS_API_FROM, timeoutMs, clock });
  }
  if (config.ALEXA_EVENTS_CLIENT_ID && config.ALEXA_EVENTS_CLIENT_SECRET) {
    senders.alexa = new AlexaProactiveSender({
      clientId: config.ALEXA_EVENTS_CLIENT_ID,
      clientSecret: config.ALEXA_EVENTS_CLIENT_SECRET,
      eventsUrl: config.ALEXA_EVENTS_URL,
      seller: config.ALEXA_EVENTS_SELLER,
      timeoutMs,
      clock,
    });
  }
  if (config.SMILE_BOTFRAMEWORK_ENABLED) senders.botframework = botFrameworkSender(sendToBotFramework);
  return new ChannelNotifier(senders, sandbox);
}
