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
  return /^(?:stop|cancel(?: that| it)?|never ?mind|forget it|no thanks|i'?m (?:good|fine)(?: now)?|그만|그만할게요|그만해|취소|취소할게요|취소해 ?주세요|됐어요|됐어|괜찮아요|안 할래요|상담 취소)[.!~ ]*$/i.test(
    text.trim(),
  );
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
    const withdrawn = escalation.status === 'queued' && withdraws(text);
    if (isBackToBot(text) || withdrawn) {
      await services.support.customerLeft(escalation);
      ctx.says.push({ key: withdrawn ? 'handoff.withdrawn' : 'handoff.back_to_bot' });
      ctx.handoff = { escalationId: escalation.id, status: 'handed_back' };
      ctx.state = stack.clear(ctx.state);
      return;
    }
    await services.support.customerMessage(escalation, text);
    ctx.handoff = { escalationId: escalation.id, status: escalation.status };
    ctx.relayed = true;
    // Never silent: while nobody has taken the conversation yet, each message is acknowledged with the queue position.
    if (escalation.status === 'queued') {
      // A question about the shop's rules is answered meanwhile (it still reaches the person, and the place in the queue is kept).
      const answer = policyAnswer ? await policyAnswer(ctx) : null;
      if (answer) ctx.says.push(answer);
      ctx.says.push({ key: 'handoff.receipt.queued', params: { position: await services.support.queuePosition(escalation) } });
    }
  },
});
