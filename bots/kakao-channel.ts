import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Capabilities, Reply, Turn } from '../engine/types.js';
import { detectLocale } from '../nlu/nlu.js';
import type { Channel } from './channel.js';
import { present, presentError, type Presentation } from './presentation.js';

/** An i Open Builder skill request, as much of it as Smile reads. */
export const SkillRequest = z.object({
  userRequest: z.object({
    utterance: z.string().trim().min(1).max(1000),
    user: z.object({ id: z.string().min(1).max(200) }).passthrough(),
    callbackUrl: z.string().url().optional(),
    lang: z.string().nullish(),
  }).passthrough(),
  bot: z.object({ id: z.string() }).passthrough().optional(),
  action: z.object({ id: z.string().optional() }).passthrough().optional(),
}).passthrough();
export type SkillRequest = z.infer<typeof SkillRequest>;

export interface KakaoResponse {
  version: '2.0';
  template: { outputs: Array<Record<string, unknown>>; quickReplies?: Array<Record<string, unknown>> };
}

const CAPABILITIES: Capabilities = { voice: false, cards: true, quickReplies: true, liveChat: true };

/** Kakao's limits: three outputs a response, ten quick replies, 14-character labels, 230-character card text. */
const clip = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function toKakao(p: Presentation): KakaoResponse {
  const outputs: Array<Record<string, unknown>> = [];
  const choosing = p.kind === 'choice';
  const texts = p.messages.map((m) => m.text);
  // Texts first (joined when there are more than the outputs allow), then a card or a carousel of choices.
  const room = p.card || choosing ? 2 : 3;
  const grouped = texts.length > room ? [...texts.slice(0, room - 1), texts.slice(room - 1).join('\n')] : texts;
  for (const t of grouped) outputs.push({ simpleText: { text: clip(t, 1000) } });
  if (choosing) {
    const items = p.options.slice(0, 10).map((c) => ({ title: clip(c, 50), buttons: [{ action: 'message', label: clip(c, 14), messageText: c }] }));
    outputs.push({ carousel: { type: 'basicCard', items } });
  } else if (p.card) {
    outputs.push({ basicCard: { title: clip(p.card.title, 50), description: clip(p.card.lines.join('\n'), 230) } });
  }
  const template: KakaoResponse['template'] = { outputs: outputs.slice(0, 3) };
  if (p.options.length) template.quickReplies = p.options.slice(0, 10).map((c) => ({ label: clip(c, 14), action: 'message', messageText: c }));
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
      channel: 'kakao', channelUserId: u.user.id, conversationId: `kakao:${u.user.id}`, messageId: randomUUID(),
      locale: detectLocale(u.utterance) === 'en-US' ? 'en-US' : 'ko-KR', input: { type: 'text', text: u.utterance }, capabilities: CAPABILITIES,
    };
  },
  render: (reply: Reply) => toKakao(present(reply, CAPABILITIES)),
  renderError: (err, locale) => toKakao(presentError(err, locale)),
} satisfies Channel<SkillRequest, KakaoResponse>;
