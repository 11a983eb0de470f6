import { stack } from '../dialogs/stack.js';
import type { TurnContext } from './turn-context.js';
import { render } from './render.js';
import type { Reply, ReplyMessage } from './types.js';
import { say } from '../prompts/index.js';

/**
 * A person offered after a dead end ("…hasn't been delivered yet", "I couldn't find a pick-up point") waits for a yes
 * or a no: when the words said do not end on that question, it is asked, and the buttons go with it.
 */
function endOnTheQuestion(messages: ReplyMessage[], ctx: TurnContext): ReplyMessage[] {
  const top = stack.top(ctx.state);
  const last = messages.at(-1);
  if (!last || top?.flow !== 'human_handoff' || ctx.awaiting !== 'confirmation' || /[?？]\s*$/.test(last.text)) return messages;
  const { suggestions, ...statement } = last;
  const ask: ReplyMessage = { text: say(ctx.locale, 'offer_person.ask'), ...(suggestions ? { suggestions } : {}) };
  return [...messages.slice(0, -1), statement, ask];
}

/**
 * The reply to the turn, in the customer's locale and zone. Its flow is the top frame's, except that while a person
 * is answering (or is about to, on a channel that relays a chat within staffed hours) the conversation is theirs.
 */
export function buildReply(ctx: TurnContext, staffedNow: () => boolean): Reply {
  const messages = endOnTheQuestion(render(ctx.says, ctx.locale, ctx.timeZone), ctx);
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
