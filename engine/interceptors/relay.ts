import { stack } from '../../dialogs/stack.js';
import type { Say } from '../../dialogs/types.js';
import type { Services, TurnContext } from '../turn-context.js';
import type { RequestInterceptor } from './interceptor.js';

/** "back to the bot", "talk to the bot", "챗봇으로", "봇이랑 할래": the customer ends a handoff. */
function isBackToBot(text: string): boolean {
  return /\b(?:back to (?:the )?(?:bot|smile)|talk to (?:the )?bot|bot please)\b|챗봇으로|봇이랑|봇으로 돌아/i.test(text);
}

/**
 * "stop", "never mind", "그만", "취소할게요" as the whole message, while nobody has taken the conversation yet: the
 * customer withdraws the request for a person. Once a person is talking, the same words are for them.
 */
function withdraws(text: string): boolean {
  return /^(?:stop|cancel(?: that| it)?|never ?mind|nvm|forget it|no thanks|i'?m (?:good|fine)(?: now)?|그만|그만할게요|그만해|취소|취소할게요|취소해 ?주세요|됐어요|됐어|괜찮아요|안 할래요|상담 취소)[.!~ ]*$/i.test(
    text.trim(),
  );
}

/**
 * The request for a person itself called off, in any words: "cancel the agent request", "I don't want a person yet",
 * "no need for a human anymore", "상담원 연결 취소해 주세요", "상담원 필요 없어요", "상담 안 해도 돼요".
 */
const CALLS_OFF_PERSON = [
  /\b(?:cancel|withdraw|drop|call off|forget)\b.{0,25}\b(?:agent|person|human|rep|representative|handoff|transfer)\b/i,
  /\b(?:don'?t|do not|no longer|won'?t)\s+(?:need|want)\b.{0,20}\b(?:agent|person|human|rep|representative|anyone|someone)\b/i,
  /\bno (?:need (?:for|of) )?(?:an? )?(?:agent|person|human)\b/i,
  /(?:상담원|상담사|상담|사람|연결).{0,8}(?:취소|필요\s*없|안\s*해도|안\s*할|괜찮|됐어|말고)/,
];

/**
 * A withdrawal that opens a longer message ("actually nvm, when do my brush heads come", "그냥 됐어요 물티슈 어디에요"):
 * the rest of the message is what the customer wants now, and Smile answers it.
 */
const OPENS_WITH_WITHDRAWAL =
  /^\s*(?:(?:oh|ah|actually|ok(?:ay)?|wait)[\s,]+)*(?:never ?mind|nvm|forget it|no thanks|i'?m (?:good|fine)(?: now)?|cancel that|no need)\s*[,.!~:;-]+\s*(?<rest>\S.*)$|^\s*(?:아\s*)?(?:그냥\s*)?(?:됐어요|됐어|괜찮아요|괜찮아|안 할래요|그만할게요)\s*[,.!~]*\s+(?<restKo>\S.*)$/i;

/** What the customer says when calling the person off: nothing more, or the rest of the message to be answered. */
export function withdrawal(text: string): { rest?: string } | null {
  const trimmed = text.trim();
  if (withdraws(trimmed) || CALLS_OFF_PERSON.some((re) => re.test(trimmed))) return {};
  const m = OPENS_WITH_WITHDRAWAL.exec(trimmed);
  const rest = m?.groups?.rest ?? m?.groups?.restKo;
  return rest ? { rest } : null;
}

/**
 * While a person has the conversation (or will shortly, in staffed hours), the customer's words go to them and the
 * dialog does not run; "back to the bot" ends it, and so does "stop" before anyone has taken it. Before anyone has, a
 * policy question is also answered from the documents (`policyAnswer`).
 */
export const relayToAgent = (services: Services, policyAnswer?: (ctx: TurnContext) => Promise<Say | null>): RequestInterceptor => ({
  name: 'relay',
  async process(ctx) {
    const { turn, text } = ctx;
    if (ctx.answered || !text || !turn.capabilities.liveChat) return;
    const escalation = await services.support.openFor(turn.conversationId);
    if (!escalation || !(escalation.status === 'active' || services.support.staffedNow().staffed)) return;
    ctx.answered = true;
    const withdrawn = escalation.status === 'queued' ? withdrawal(text) : null;
    if (isBackToBot(text) || withdrawn) {
      await services.support.customerLeft(escalation);
      ctx.handoff = { escalationId: escalation.id, status: 'handed_back' };
      ctx.state = stack.clear(ctx.state);
      // "Never mind, where are my wipes?": the person is called off, and the rest is answered by Smile in this turn.
      if (withdrawn?.rest) {
        ctx.says.push({ key: 'handoff.withdrawn.short' });
        ctx.rest = withdrawn.rest;
        ctx.answered = false;
        return;
      }
      ctx.says.push({ key: withdrawn ? 'handoff.withdrawn' : 'handoff.back_to_bot' });
      return;
    }
    await services.support.customerMessage(escalation, text);
    ctx.handoff = { escalationId: escalation.id, status: escalation.status };
    ctx.relayed = true;
    // Never silent: while nobody has taken the conversation yet, each message is acknowledged — with the queue position
    // once, then briefly (the same notice on every message reads as a machine that did not listen).
    if (escalation.status === 'queued') {
      // A question about the shop's rules is answered meanwhile (it still reaches the person, and the place in the queue is kept).
      const answer = policyAnswer ? await policyAnswer(ctx) : null;
      if (answer) ctx.says.push(answer);
      const told = ctx.state.lastSaid?.some((s) => s.key === 'handoff.receipt.queued' || s.key === 'handoff.relayed') ?? false;
      ctx.says.push(
        told ? { key: 'handoff.relayed' } : { key: 'handoff.receipt.queued', params: { position: await services.support.queuePosition(escalation) } },
      );
      ctx.state = { ...ctx.state, lastSaid: ctx.says };
    }
  },
});
