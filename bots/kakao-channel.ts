import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Capabilities, Reply, Turn } from '../engine/types.js';
import { localeOfText as detectLocale, type Locale } from '../domain/locale.js';
import type { CardProduct } from '../domain/commerce.js';
import type { Channel } from './channel.js';
import { present, presentError, type Presentation } from './presentation.js';

/** An i Open Builder skill request, as much of it as Smile reads. */
export const SkillRequest = z
  .object({
    userRequest: z
      .object({
        utterance: z.string().trim().min(1).max(1000),
        user: z.object({ id: z.string().min(1).max(200) }).passthrough(),
        callbackUrl: z.string().url().optional(),
        lang: z.string().nullish(),
      })
      .passthrough(),
    bot: z.object({ id: z.string() }).passthrough().optional(),
    action: z.object({ id: z.string().optional() }).passthrough().optional(),
  })
  .passthrough();
export type SkillRequest = z.infer<typeof SkillRequest>;

export interface KakaoResponse {
  version: '2.0';
  template: { outputs: Array<Record<string, unknown>>; quickReplies?: Array<Record<string, unknown>> };
}

const CAPABILITIES: Capabilities = { voice: false, cards: true, quickReplies: true, liveChat: true };

/** Kakao's limits: three outputs a response, ten quick replies, 14-character labels, 230-character card text. */
const clip = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const LABEL_MAX = 14;

/** "11월 28일(토) 오전 9시~낮 12시" / "Sat, Nov 28, 9 AM – 12 PM": a date, then the time window. */
const DATED = /^(\d{1,2}월 \d{1,2}일\([^)]+\)|[A-Z][a-z]{2}, [A-Z][a-z]{2} \d{1,2}),? (.+)$/;

/**
 * What a choice shows on KakaoTalk: a label a customer can tell apart (at most 14 characters, distinct, never cut with
 * "…"), the card it sits on (a pick-up point's hours go there, not in the label), and the date all choices share, which
 * is said once in the text. The message sent back is always the whole option, so the dialog matches it as it is.
 */
export function kakaoChoices(
  options: string[],
  locale: Locale = 'ko-KR',
): { labels: string[]; cards: Array<{ title: string; description: string }>; sharedDate: string | null } {
  const [names, hours] = [options.map((o) => o.split(' · ')[0] ?? o), options.map((o) => o.split(' · ').slice(1).join(' · '))];
  const dated = names.map((n) => DATED.exec(n));
  const shared = dated.every((m) => m && m[1] === dated[0]?.[1]) && names.length > 1 ? (dated[0]?.[1] ?? null) : null;
  const short = shared ? dated.map((m, i) => m?.[2] ?? names[i] ?? '') : names;
  // A label that is too long, or the same as another, is numbered instead; its card (or the text) carries the whole option.
  const fitting = (l: string, i: number): boolean =>
    l.length <= LABEL_MAX && short.indexOf(l) === i && short.lastIndexOf(l) === i && !/^\d+번$|^Option \d+$/.test(l);
  const numbered = (i: number): string => (locale === 'ko-KR' ? `${i + 1}번` : `Option ${i + 1}`);
  const labels = short.map((l, i) => (fitting(l, i) ? l : numbered(i)));
  const cards = names.map((n, i) => ({ title: fitting(short[i] ?? '', i) ? n : `${numbered(i)}. ${n}`, description: hours[i] ?? '' }));
  return { labels, cards, sharedDate: shared };
}

/** A product's picture as a Kakao card's thumbnail (its name the alt text), when the shop has one. */
const thumbnail = (product: CardProduct | undefined): { thumbnail?: { imageUrl: string; altText: string } } =>
  product?.imageUrl ? { thumbnail: { imageUrl: product.imageUrl, altText: clip(product.name, 50) } } : {};

function toKakao(p: Presentation): KakaoResponse {
  const outputs: Array<Record<string, unknown>> = [];
  const choosing = p.kind === 'choice';
  const choices = kakaoChoices(p.options, p.locale);
  const texts = p.messages.map((m) => m.text);
  // The date every option shares is said once, under the question, so the labels can be the windows alone.
  if (choices.sharedDate && texts.length && !texts.some((t) => t.includes(choices.sharedDate!))) {
    texts[texts.length - 1] = `${texts.at(-1)}\n${p.locale === 'ko-KR' ? '날짜' : 'Date'}: ${choices.sharedDate}`;
  }
  // Without a carousel, a numbered label is explained in the text.
  const explained = choosing ? [] : choices.cards.filter((c, i) => c.title !== (p.options[i] ?? '').split(' · ')[0]).map((c) => c.title);
  if (explained.length && texts.length) texts[texts.length - 1] = [texts.at(-1), ...explained].join('\n');
  // Texts first (joined when there are more than the outputs allow), then a card or a carousel of choices.
  const room = p.card || choosing ? 2 : 3;
  const grouped = texts.length > room ? [...texts.slice(0, room - 1), texts.slice(room - 1).join('\n')] : texts;
  for (const t of grouped) outputs.push({ simpleText: { text: clip(t, 1000) } });
  if (choosing) {
    const items = p.options.slice(0, 10).map((c, i) => ({
      title: clip(choices.cards[i]?.title ?? c, 50),
      ...(choices.cards[i]?.description ? { description: choices.cards[i]?.description } : {}),
      ...thumbnail(p.products.find((x) => x.name === c)),
      buttons: [{ action: 'message', label: choices.labels[i] ?? `${i + 1}`, messageText: c }],
    }));
    outputs.push({ carousel: { type: 'basicCard', items } });
  } else if (p.card) {
    outputs.push({
      basicCard: {
        title: clip(p.card.title, 50),
        description: clip(p.card.lines.join('\n'), 230),
        ...thumbnail(p.card.products?.find((x) => x.imageUrl)),
      },
    });
  }
  const template: KakaoResponse['template'] = { outputs: outputs.slice(0, 3) };
  if (p.options.length)
    template.quickReplies = p.options.slice(0, 10).map((c, i) => ({ label: choices.labels[i] ?? `${i + 1}`, action: 'message', messageText: c }));
  return { version: '2.0', template };
}

/** KakaoTalk: Korean first, English when the customer writes English. */
export const kakaoChannel = {
  name: 'kakao',
  capabilities: CAPABILITIES,
  conversationId: (request) => `kakao:${request.userRequest.user.id}`,
  toTurn(request): Turn {
    const u = request.userRequest;
    // Skill requests carry no message id, so each is a new message; confirmations still never act twice,
    // because every effect's idempotency key comes from the flow, not the message.
    return {
      channel: 'kakao',
      channelUserId: u.user.id,
      conversationId: `kakao:${u.user.id}`,
      messageId: randomUUID(),
      locale: detectLocale(u.utterance) === 'en-US' ? 'en-US' : 'ko-KR',
      input: { type: 'text', text: u.utterance },
      capabilities: CAPABILITIES,
    };
  },
  render: (reply: Reply) => toKakao(present(reply, CAPABILITIES)),
  renderError: (err, locale) => toKakao(presentError(err, locale)),
} satisfies Channel<SkillRequest, KakaoResponse>;
