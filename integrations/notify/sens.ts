import { createHmac } from 'node:crypto';
import { z } from 'zod';
import type { OutgoingNotice } from '../../domain/notices.js';
import { HttpClient } from '../http-client.js';
import { NoticeNotDeliverable, type ChannelSender } from './sender.js';

/**
 * KakaoTalk business messages (알림톡) and text messages through a NAVER Cloud SENS-compatible provider: one signed
 * HTTP call per notice. The request shape is SENS's (`POST /alimtalk/v2/services/{serviceId}/messages`,
 * `POST /sms/v2/services/{serviceId}/messages`), signed with `x-ncp-apigw-signature-v2` = base64(HMAC-SHA256(secret,
 * "POST {path}\n{timestamp}\n{accessKey}")). The URL is the whole messages URL; the key is `accessKey:secretKey`.
 */
export interface SensOptions {
  url: string;
  key: string;
  timeoutMs: number;
  clock: () => Date;
}

const Accepted = z.object({ requestId: z.string(), statusCode: z.string() }).loose();

export function sensHeaders(method: string, url: URL, key: string, now: Date): Record<string, string> {
  const [accessKey, secretKey] = splitKey(key);
  const timestamp = String(now.getTime());
  const signature = createHmac('sha256', secretKey).update(`${method} ${url.pathname}${url.search}\n${timestamp}\n${accessKey}`).digest('base64');
  return { 'x-ncp-apigw-timestamp': timestamp, 'x-ncp-iam-access-key': accessKey, 'x-ncp-apigw-signature-v2': signature };
}

function splitKey(key: string): [string, string] {
  const at = key.indexOf(':');
  if (at <= 0 || at === key.length - 1) throw new Error('the provider key must be accessKey:secretKey');
  return [key.slice(0, at), key.slice(at + 1)];
}

/** A phone number as SENS takes it: the country code apart, the rest digits only (a leading 0 for Korean numbers). */
export function sensNumber(phone: string): { countryCode: string; to: string } {
  const digits = phone.replace(/[^\d+]/g, '');
  if (digits.startsWith('+82')) return { countryCode: '82', to: `0${digits.slice(3).replace(/^0/, '')}` };
  if (digits.startsWith('+1')) return { countryCode: '1', to: digits.slice(2) };
  if (digits.startsWith('+')) {
    // Country codes are one to three digits; the provider needs them apart. Beyond +1 and +82 Smile sends them whole.
    const m = /^\+(\d{1,3})(\d{4,})$/.exec(digits);
    if (m?.[1] && m[2]) return { countryCode: m[1], to: m[2] };
  }
  return { countryCode: '82', to: digits.replace(/^\+/, '') };
}

abstract class SensSender implements ChannelSender {
  protected readonly http: HttpClient;
  protected readonly path: string;
  constructor(
    name: string,
    protected readonly options: SensOptions,
  ) {
    const url = new URL(options.url);
    this.path = `${url.pathname}${url.search}`;
    // One attempt per send: the notice's own retry schedule (NotificationService) decides when to try again.
    this.http = new HttpClient({ name, baseUrl: url.origin, timeoutMs: options.timeoutMs, retries: 0 });
  }
  protected post(body: unknown): Promise<unknown> {
    const headers = sensHeaders('POST', new URL(this.options.url), this.options.key, this.options.clock());
    return this.http.call(this.path, { method: 'POST', body, headers, schema: Accepted });
  }
  abstract send(notice: OutgoingNotice): Promise<void>;
}

/** 알림톡: the template registered for the notice's kind, its text as the content (providers check it matches). */
export class KakaoBizMessageSender extends SensSender {
  private readonly channelId: string;
  private readonly templates: Partial<Record<OutgoingNotice['kind'], string>>;
  constructor(options: SensOptions & { channelId: string; templates: Partial<Record<OutgoingNotice['kind'], string>> }) {
    super('kakao-notify', options);
    this.channelId = options.channelId;
    this.templates = options.templates;
  }
  async send(notice: OutgoingNotice): Promise<void> {
    if (!notice.to.phone) throw new NoticeNotDeliverable('kakao', 'the customer has no phone number');
    const { countryCode, to } = sensNumber(notice.to.phone);
    await this.post({
      plusFriendId: this.channelId,
      templateCode: this.templates[notice.kind] ?? `smile_${notice.kind}`,
      messages: [{ countryCode, to, content: notice.text, useSmsFailover: false }],
    });
  }
}

/** A text message; longer than an SMS holds (90 bytes in EUC-KR terms) it goes as LMS. */
export class SmsSender extends SensSender {
  private readonly from: string;
  constructor(options: SensOptions & { from: string }) {
    super('sms', options);
    this.from = options.from;
  }
  async send(notice: OutgoingNotice): Promise<void> {
    if (!notice.to.phone) throw new NoticeNotDeliverable('sms', 'the customer has no phone number');
    const { countryCode, to } = sensNumber(notice.to.phone);
    const bytes = [...notice.text].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x7f ? 2 : 1), 0);
    await this.post({
      type: bytes > 90 ? 'LMS' : 'SMS',
      contentType: 'COMM',
      countryCode,
      from: this.from,
      content: notice.text,
      messages: [{ to }],
    });
  }
}
