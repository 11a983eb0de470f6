import { AppError } from '../../domain/errors.js';
import type { Executor } from './effect.js';

/** A one-time sign-in link for this channel user that resumes their message (the shop's identity provider, OAuth + PKCE). */
export const offerSignIn: Executor<'offerSignIn'> = async (effect, env) => {
  if (!env.linking) throw new AppError('not_configured', 'No identity provider is configured for account linking', 501);
  const { channel, channelUserId, conversationId } = env.turn;
  const url = await env.linking.signInUrl({ channel, channelUserId, conversationId, text: effect.text, locale: env.locale });
  return { type: 'offerSignIn', ok: true, url };
};

/** Forgets the channel user's link; the next request that needs the account asks them to sign in again. */
export const unlinkAccount: Executor<'unlinkAccount'> = async (_effect, env) => {
  const unlinked = await env.store.links.remove(env.turn.channel, env.turn.channelUserId);
  if (unlinked && env.customerId) env.customers.forget(env.customerId);
  return { type: 'unlinkAccount', ok: true, unlinked };
};
