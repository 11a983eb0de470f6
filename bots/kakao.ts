import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type Router } from 'express';
import type { Logger } from 'pino';
import { AppError, invalidRequest } from '../domain/errors.js';
import type { Engine } from '../engine/engine.js';
import type { Reply } from '../engine/types.js';
import type { Locale } from '../domain/locale.js';
import { say } from '../prompts/index.js';
import type { ChannelPort } from './channel-port.js';
import { kakaoChannel as channel, SkillRequest } from './kakao-channel.js';
import { admitUrl } from './url-policy.js';

export interface KakaoOptions {
  engine: () => Engine;
  port: ChannelPort;
  logger: Logger;
  /** Kakao waits five seconds; slower answers go through the callback URL when the block allows it. */
  answerWithinMs?: number;
  /** The hosts a callbackUrl may name (config SMILE_KAKAO_CALLBACK_HOSTS); https only. */
  callbackHosts: string[];
  /** SMILE_KAKAO_SECRET: when set, every request must carry it in the X-Smile-Kakao-Secret header (set on the skill in Open Builder). */
  secret?: string | undefined;
  /** SMILE_KAKAO_BOT_ID: when set, the request's bot.id must be one of these. */
  botIds?: string[] | undefined;
  /** The display name of the person who has the conversation (null: none named), to mark their messages as theirs. */
  personName?: (conversationId: string) => Promise<string | null>;
}

/** The header Open Builder sends the shared secret in (Skill → 헤더값 입력 / header values). */
export const KAKAO_SECRET_HEADER = 'x-smile-kakao-secret';

/** Compared in constant time: both sides are hashed first, so neither the value nor its length leaks through timing. */
function sameSecret(sent: string | undefined, expected: string): boolean {
  const digest = (v: string): Buffer => createHash('sha256').update(v, 'utf8').digest();
  return timingSafeEqual(digest(sent ?? ''), digest(expected)) && sent !== undefined;
}

/** POST /kakao/skill. */
export function kakaoRouter(options: KakaoOptions): Router {
  const router = express.Router();
  const budget = options.answerWithinMs ?? 3500;

  /**
   * Kakao cannot be written to unprompted, so what a person wrote since the customer's last message rides on the
   * next answer; while the customer talks with a person and nothing new came, Kakao still gets an acknowledgement.
   */
  const withAgentMessages = async (reply: Reply, conversationId: string, locale: Locale): Promise<Reply> => {
    const cursor = (await options.port.channelState.get('kakao_cursor', conversationId))?.at ?? '';
    const pending = await options.port.relayedMessages(conversationId, cursor);
    const newest = pending.at(-1);
    if (newest) await options.port.channelState.put('kakao_cursor', conversationId, { at: newest.at });
    // A person's words are marked as theirs ("[고객지원팀 Alice Kim] …"): in KakaoTalk every bubble comes from the bot.
    const person = pending.some((e) => e.from === 'agent') ? ((await options.personName?.(conversationId)) ?? say(locale, 'agent.unnamed')) : '';
    const shown = pending.map((e) => ({ text: e.from === 'agent' ? say(locale, 'agent.says', { agent: person, text: e.text }) : e.text }));
    const messages = [...shown, ...reply.messages];
    if (messages.length === 0) messages.push({ text: say(locale, 'handoff.relayed') });
    return { ...reply, messages };
  };
  router.post('/kakao/skill', async (req, res) => {
    // Who is calling is settled before anything is read or run.
    if (options.secret && !sameSecret(req.get(KAKAO_SECRET_HEADER), options.secret)) {
      throw new AppError('unauthorized', 'The KakaoTalk skill secret is missing or wrong', 401);
    }
    const parsed = SkillRequest.safeParse(req.body);
    if (!parsed.success) throw invalidRequest(parsed.error);
    if (options.botIds && !options.botIds.includes(parsed.data.bot?.id ?? '')) {
      throw new AppError('unauthorized', 'This skill does not answer that bot', 401);
    }
    // The callback URL is named by the request, so it is checked before anything runs: off the list, nothing is done.
    const rawCallback = parsed.data.userRequest.callbackUrl;
    const callbackUrl = rawCallback === undefined ? null : admitUrl(rawCallback, { hosts: options.callbackHosts });
    if (rawCallback !== undefined && !callbackUrl) {
      throw new AppError('callback_url_refused', 'The callbackUrl must be https on a Kakao callback host', 400);
    }
    const turn = channel.toTurn(parsed.data);
    const locale = turn.locale ?? 'ko-KR';
    const answer = options
      .engine()
      .handle(turn)
      .then((reply) => withAgentMessages(reply, turn.conversationId, locale));
    if (!callbackUrl) {
      res.json(channel.render(await answer));
      return;
    }
    const late = Symbol('late');
    const first = await Promise.race([answer, new Promise<typeof late>((r) => setTimeout(() => r(late), budget).unref())]);
    if (first !== late) {
      res.json(channel.render(first));
      return;
    }
    // Too slow for the five-second window: say so now and deliver the answer through the callback.
    res.json({ version: '2.0', useCallback: true, data: { text: say(locale, 'kakao.working') } });
    const deliver = (body: unknown): Promise<Response> =>
      // A redirect could lead anywhere; Kakao's callback host answers directly.
      fetch(callbackUrl, { method: 'POST', redirect: 'error', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    answer
      .then(
        (reply) => deliver(channel.render(reply)),
        (err: unknown) => {
          options.logger.error({ err }, 'kakao turn failed');
          return deliver(channel.renderError(err, locale));
        },
      )
      .catch((err: Error) => options.logger.warn({ err: err.message }, 'kakao callback failed'));
  });
  return router;
}
