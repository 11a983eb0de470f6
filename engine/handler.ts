import { step, unlinkedStep } from '../dialogs/conversation.js';
import type { DialogContext, DialogState, StepResult } from '../dialogs/types.js';
import { turnDeadline } from './budget.js';
import { runEffect } from './effects/index.js';
import { isChange } from './effects/settle.js';
import { renderParam } from './render.js';
import type { Services, TurnContext } from './turn-context.js';
import type { Understanding } from './understand.js';

/** A dialog may chain effects (load, then quote); a loop that never settles is cut here. */
const MAX_EFFECTS_PER_TURN = 8;

/**
 * The turn's handler: greet on a welcome event; otherwise understand the message, step the dialog, and run each
 * effect it names through the ports, feeding the result back until the dialog has nothing more to do.
 */
export async function handleTurn(ctx: TurnContext, services: Services, understanding: Understanding): Promise<void> {
  const { turn } = ctx;
  if (ctx.answered) return;
  if (turn.input.type === 'event') {
    ctx.says.push(ctx.customerId ? { key: 'greet', params: { name: ctx.profile?.name.split(' ')[0] ?? '' } } : { key: 'identity.unlinked' });
    return;
  }
  // No linked account: the customer id is empty, and only what needs no account runs (dialogs/conversation.ts).
  const customerId = ctx.customerId ?? '';
  const stepper = ctx.customerId ? step : unlinkedStep;
  const { locale, timeZone } = ctx;
  const dialog: DialogContext = {
    conversationId: turn.conversationId,
    customerId,
    messageId: turn.messageId,
    locale,
    now: ctx.now.toISOString(),
    voice: turn.capabilities.voice,
    label: (p) => renderParam(p, locale, timeZone),
    ...(services.limits ? { limits: services.limits } : {}),
  };
  const env = { ...services, turn, customerId, locale, timeZone, deadline: turnDeadline(turn, ctx.started, services.budgets), reads: ctx.reads };

  /** One message (or part of one) through the dialog, effects and all. */
  const run = async (state: DialogState, words?: string): Promise<StepResult> => {
    const event = await understanding.event(ctx, ctx.customerId, words);
    // A language the customer asked for in this message holds from now on.
    const current = ctx.state.language === state.language ? state : { ...state, language: ctx.state.language };
    let result = stepper(current, event, dialog);
    ctx.says.push(...result.say);
    for (let i = 0; result.effect && i < MAX_EFFECTS_PER_TURN; i += 1) {
      if (isChange(result.effect)) ctx.changed = true;
      const outcome = await runEffect(result.effect, env, services.metrics);
      if (outcome.type === 'escalate' && outcome.ok) ctx.handoff = { escalationId: outcome.escalationId, status: 'queued' };
      result = stepper(result.state, { type: 'result', result: outcome }, dialog);
      ctx.says.push(...result.say);
    }
    return result;
  };

  // Two requests in one message: the first now, the second as soon as the first is done (this turn or a later one).
  const parts = ctx.state.queued || ctx.rest ? null : understanding.split(ctx);
  const before = ctx.says.length;
  let result = await run(parts ? { ...ctx.state, queued: parts[1] } : ctx.state, parts?.[0] ?? ctx.rest);
  // Said before the first request's words, so that a reply asking something still ends on its question.
  if (parts && result.state.stack.length > 0 && result.state.queued) ctx.says.splice(before, 0, { key: 'queued.noted' });
  for (let i = 0; i < 2 && result.state.queued && result.state.stack.length === 0 && !ctx.handoff; i += 1) {
    const next = result.state.queued;
    ctx.says.push({ key: 'queued.next' });
    result = await run({ ...result.state, queued: undefined }, next);
  }
  ctx.state = ctx.says.length ? { ...result.state, lastSaid: ctx.says } : result.state;
  ctx.awaiting = result.awaiting;
}
