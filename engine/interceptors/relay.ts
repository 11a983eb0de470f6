import { stack } from '../../dialogs/stack.js';
import type { Services } from '../turn-context.js';
import type { RequestInterceptor } from './interceptor.js';

/** "back to the bot", "talk to the bot", "챗봇으로", "봇이랑 할래": the customer ends a handoff. */
function isBackToBot(text: string): boolean {
  return /\b(?:back to (?:the )?(?:bot|smile)|talk to (?:the )?bot|bot please)\b|챗봇으로|봇이랑|봇으로 돌아/i.test(text);
}

/**
 * While a person has the conversation (or will shortly, in staffed hours), the customer's words go to them and the
 * dialog does not run; "back to the bot" ends it.
 */
export const relayToAgent = (services: Services): RequestInterceptor => ({
  name: 'relay',
  async process(ctx) {
    const { turn, text } = ctx;
    if (ctx.answered || !text || !turn.capabilities.liveChat) return;
    const escalation = await services.support.openFor(turn.conversationId);
    if (!escalation || !(escalation.status === 'active' || services.support.staffedNow().staffed)) return;
    ctx.answered = true;
    if (isBackToBot(text)) {
      await services.support.customerLeft(escalation);
      ctx.says.push({ key: 'handoff.back_to_bot' });
      ctx.handoff = { escalationId: escalation.id, status: 'handed_back' };
      ctx.state = stack.clear(ctx.state);
      return;
    }
    await services.support.customerMessage(escalation, text);
    ctx.handoff = { escalationId: escalation.id, status: escalation.status };
    ctx.relayed = true;
    // Never silent: while nobody has taken the conversation yet, each message is acknowledged with the queue position.
    if (escalation.status === 'queued') {
      ctx.says.push({ key: 'handoff.receipt.queued', params: { position: await services.support.queuePosition(escalation) } });
    }
  },
});
