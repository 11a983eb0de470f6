import { stack } from '../dialogs/stack.js';
import type { TurnContext } from './turn-context.js';
import { render } from './render.js';
import type { Reply } from './types.js';

/**
 * The reply to the turn, in the customer's locale and zone. Its flow is the top frame's, except that while a person
 * is answering (or is about to, on a channel that relays a chat within staffed hours) the conversation is theirs.
 */
export function buildReply(ctx: TurnContext, staffedNow: () => boolean): Reply {
  const messages = render(ctx.says, ctx.locale, ctx.timeZone);
  const withPerson = ctx.relayed || (ctx.handoff?.status === 'queued' && ctx.turn.capabilities.liveChat && staffedNow());
  return {
    conversationId: ctx.turn.conversationId,
    messages,
    locale: ctx.locale,
    intent: ctx.intent,
    flow: withPerson ? 'human_handoff' : (stack.top(ctx.state)?.flow ?? null),
    awaiting: ctx.awaiting,
    ...(ctx.handoff ? { handoff: ctx.handoff } : {}),
  };
}
