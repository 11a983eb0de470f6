import { ACTION_INTENTS, IntentName } from '../../domain/understanding.js';
import type { EscalationRequest } from '../../domain/escalation.js';
import type { EffectEnv, EffectOf, Executor } from './effect.js';

type Voice = NonNullable<EscalationRequest['voice']>;
const spokenLine = (s: Voice['turns'][number]): string =>
  `${s.intent}${
    Object.keys(s.slots).length
      ? ` (${Object.entries(s.slots)
          .map(([k, v]) => `${k}: ${v}`)
          .join(', ')})`
      : ''
  }`;

/**
 * From a speaker, what a person needs since nothing can be read back: the customer's spoken turns in this session
 * (the assistant's intents and slots as resolved), the flow that did not get done, and what was wanted of it (the slots
 * said since that flow was asked for). Undefined for other channels, whose words are in the transcript.
 */
async function voiceContext(effect: EffectOf<'escalate'>, env: EffectEnv): Promise<Voice | undefined> {
  const { turn } = env;
  if (!turn.capabilities.voice) return undefined;
  const events = await env.store.transcript.list(turn.conversationId, { limit: 100 }).catch(() => []);
  const said = events.filter((e) => e.from === 'customer').map((e) => ({ intent: e.intent, spoken: e.spoken }));
  if (turn.input.type === 'intent') said.push({ intent: turn.input.intent, spoken: turn.input.spoken });
  const isFlow = (i: string | undefined): boolean => {
    const name = IntentName.safeParse(i);
    return name.success && ACTION_INTENTS.has(name.data) && name.data !== 'human_handoff';
  };
  const started = said.length - 1 - [...said].reverse().findIndex((s) => isFlow(s.intent));
  const failedFlow = effect.intent && isFlow(effect.intent) ? effect.intent : started < said.length ? (said[started]?.intent ?? null) : null;
  const wanted = Object.entries(Object.assign({}, ...said.slice(Math.max(0, started)).map((s) => s.spoken?.slots ?? {})) as Record<string, string>);
  return {
    turns: said.flatMap((s) => (s.spoken ? [s.spoken] : [])),
    failedFlow,
    wanted: started < said.length && wanted.length ? wanted.map(([k, v]) => `${k}: ${v}`).join(', ') : null,
  };
}

/** The escalation carries the transcript (support reads it), the intent, the last message and the recent orders. */
export const escalate: Executor<'escalate'> = async (effect, env) => {
  const { turn } = env;
  // The agent gets the customer's recent orders; without them the escalation still goes.
  // Without a linked account (an empty id) there are none, and the escalation says the account is unknown.
  const known = env.customerId !== '';
  const orders = known ? await env.commerce.listOrders(env.customerId).catch(() => []) : [];
  const voice = await voiceContext(effect, env);
  const lastSpoken = voice?.turns.at(-1);
  const lastMessage = turn.input.type === 'text' ? turn.input.text : lastSpoken ? spokenLine(lastSpoken) : undefined;
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
      ...(voice ? { voice } : {}),
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
