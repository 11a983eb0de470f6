import type { Executor } from './effect.js';

/** The escalation carries the transcript (support reads it), the intent, the last message and the recent orders. */
export const escalate: Executor<'escalate'> = async (effect, env) => {
  const { turn } = env;
  // The agent gets the customer's recent orders; without them the escalation still goes.
  // Without a linked account (an empty id) there are none, and the escalation says the account is unknown.
  const known = env.customerId !== '';
  const orders = known ? await env.commerce.listOrders(env.customerId).catch(() => []) : [];
  const lastMessage = turn.input.type === 'text' ? turn.input.text : undefined;
  const esc = await env.support.escalate(
    {
      conversationId: turn.conversationId,
      customerId: known ? env.customerId : null,
      channel: turn.channel,
      channelUserId: turn.channelUserId,
      reason: effect.reason,
      intent: effect.intent,
      locale: env.locale,
      ...(lastMessage ? { lastMessage } : {}),
      ...(effect.delivery ? { delivery: effect.delivery } : {}),
    },
    effect.idempotencyKey,
    orders,
  );
  const hours = env.support.staffedNow();
  // A speaker cannot relay a chat: a person calls back instead, at the profile's number.
  const phone = turn.capabilities.liveChat ? null : (env.customers.profiles.get(env.customerId)?.phone ?? null);
  return {
    type: 'escalate',
    ok: true,
    escalationId: esc.id,
    staffed: hours.staffed,
    opensAt: hours.opensAt,
    liveChat: turn.capabilities.liveChat,
    phone,
    dueAt: esc.slaDueAt,
  };
};

export const requestCallback: Executor<'requestCallback'> = async (effect, env) => {
  await env.support.requestCallback(effect.escalationId, effect.phone);
  return { type: 'requestCallback', ok: true, opensAt: env.support.staffedNow().opensAt };
};
