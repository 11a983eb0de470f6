import { randomUUID } from 'node:crypto';
import express, { type Router } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { AppError, invalidRequest } from '../domain/errors.js';
import type { Engine } from '../engine/engine.js';
import type { Reply, Turn } from '../engine/types.js';
import { detectLocale } from '../nlu/nlu.js';
import { say } from '../prompts/index.js';
import type { Store } from '../store/port.js';

/** An i Open Builder skill request, as much of it as Smile reads. */
const SkillRequest = z.object({
  userRequest: z.object({
    utterance: z.string().trim().min(1).max(1000),
    user: z.object({ id: z.string().min(1).max(200) }).passthrough(),
    callbackUrl: z.string().url().optional(),
    lang: z.string().nullish(),
  }).passthrough(),
  bot: z.object({ id: z.string() }).passthrough().optional(),
  action: z.object({ id: z.string().optional() }).passthrough().optional(),
}).passthrough();

/** Kakao's limits: three outputs a response, ten quick replies, 14-character labels, 230-character card text. */
const clip = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function toKakao(reply: Reply): Record<string, unknown> {
  const outputs: Array<Record<string, unknown>> = [];
  const last = reply.messages.at(-1);
  const choices = last?.suggestions ?? [];
  const choosing = choices.length > 0 && reply.awaiting !== null && reply.awaiting !== 'confirmation';
  const texts = reply.messages.map((m) => m.text);
  const card = reply.messages.find((m) => m.card)?.card;
  // Texts first (joined when there are more than the outputs allow), then a card or a carousel of choices.
  const room = card || choosing ? 2 : 3;
  const grouped = texts.length > room ? [...texts.slice(0, room - 1), texts.slice(room - 1).join('\n')] : texts;
  for (const t of grouped) outputs.push({ simpleText: { text: clip(t, 1000) } });
  if (choosing) {
    outputs.push({ carousel: { type: 'basicCard', items: choices.slice(0, 10).map((c) => ({ title: clip(c, 50), buttons: [{ action: 'message', label: clip(c, 14), messageText: c }] })) } });
  } else if (card) {
    outputs.push({ basicCard: { title: clip(card.title, 50), description: clip(card.lines.join('\n'), 230) } });
  }
  const template: Record<string, unknown> = { outputs: outputs.slice(0, 3) };
  if (choices.length) template.quickReplies = choices.slice(0, 10).map((c) => ({ label: clip(c, 14), action: 'message', messageText: c }));
  return { version: '2.0', template };
}

export interface KakaoOptions {
  engine: () => Engine;
  store: Store;
  logger: Logger;
  /** Kakao waits five seconds; slower answers go through the callback URL when the block allows it. */
  answerWithinMs?: number;
}

/** POST /kakao/skill: Korean first, English when the customer writes English. */
export function kakaoRouter(options: KakaoOptions): Router {
  const router = express.Router();
  const budget = options.answerWithinMs ?? 3500;

  /**
   * Kakao cannot be written to unprompted, so what a person wrote since the customer's last message rides on the
   * next answer; while the customer talks with a person and nothing new came, Kakao still gets an acknowledgement.
   */
  const withAgentMessages = async (reply: Reply, conversationId: string, locale: string): Promise<Reply> => {
    const cursor = (await options.store.channelState.get('kakao_cursor', conversationId))?.at ?? '';
    const pending = (await options.store.transcript.list(conversationId, { limit: 200 })).filter((e) => (e.from === 'agent' || e.from === 'system') && e.at > cursor);
    if (pending.length) await options.store.channelState.put('kakao_cursor', conversationId, { at: pending.at(-1)!.at });
    const messages = [...pending.map((e) => ({ text: e.text })), ...reply.messages];
    if (messages.length === 0) messages.push({ text: say(locale, 'handoff.relayed') });
    return { ...reply, messages };
  };
  router.post('/kakao/skill', async (req, res) => {
    const parsed = SkillRequest.safeParse(req.body);
    if (!parsed.success) throw invalidRequest(parsed.error);
    const u = parsed.data.userRequest;
    const locale = detectLocale(u.utterance) === 'en-US' ? 'en-US' : 'ko-KR';
    // Skill requests carry no message id, so each is a new message; confirmations still never act twice,
    // because every effect's idempotency key comes from the flow, not the message.
    const messageId = randomUUID();
    const turn: Turn = {
      channel: 'kakao', channelUserId: u.user.id, conversationId: `kakao:${u.user.id}`, messageId, locale,
      input: { type: 'text', text: u.utterance }, capabilities: { voice: false, cards: true, quickReplies: true, liveChat: true },
    };
    const answer = options.engine().handle(turn).then((reply) => withAgentMessages(reply, turn.conversationId, locale));
    if (!u.callbackUrl) {
      res.json(toKakao(await answer));
      return;
    }
    const late = Symbol('late');
    const first = await Promise.race([answer, new Promise<typeof late>((r) => setTimeout(() => r(late), budget).unref())]);
    if (first !== late) {
      res.json(toKakao(first));
      return;
    }
    // Too slow for the five-second window: say so now and deliver the answer through the callback.
    res.json({ version: '2.0', useCallback: true, data: { text: say(locale, 'kakao.working') } });
    const callbackUrl = u.callbackUrl;
    answer.then(
      (reply) => fetch(callbackUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(toKakao(reply)) }),
      (err: Error) => fetch(callbackUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ version: '2.0', template: { outputs: [{ simpleText: { text: err instanceof AppError && err.status < 500 ? err.message : say(locale, 'voice.error') } }] } }) }),
    ).catch((err: Error) => options.logger.warn({ err: err.message }, 'kakao callback failed'));
  });
  return router;
}
