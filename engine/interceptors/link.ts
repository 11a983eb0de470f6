import { DEFAULT_ZONE } from '../../domain/time.js';
import { chooseLocales } from '../locale.js';
import type { Services } from '../turn-context.js';
import { readAhead, type TurnReads } from '../turn-reads.js';
import type { RequestInterceptor } from './interceptor.js';

/** Who the channel user is (their linked customer and profile), and so which language and time zone the turn is in. */
export const linkCustomer = (services: Services): RequestInterceptor => ({
  name: 'link',
  async process(ctx) {
    const { turn } = ctx;
    ctx.customerId =
      turn.customerId !== undefined ? turn.customerId : ((await services.store.links.get(turn.channel, turn.channelUserId))?.customerId ?? null);
    if (ctx.customerId) readAhead(turn, ctx.customerId, ctx.reads, services.customers.histories.get(ctx.customerId) !== undefined);
    ctx.profile = ctx.customerId ? await profile(services, ctx.customerId, ctx.reads) : null;
    const locales = chooseLocales(turn, ctx.record, ctx.state, ctx.profile, ctx.text);
    ctx.locale = locales.reply;
    ctx.textLocale = locales.understand;
    ctx.timeZone = ctx.profile?.timeZone ?? DEFAULT_ZONE[ctx.locale];
    // Without a linked account the dialog still runs, limited to what needs none (engine/handler.ts): a policy
    // question, a person. Nobody is stranded.
  },
});

async function profile(services: Services, customerId: string, reads: TurnReads) {
  const cached = services.customers.profiles.get(customerId);
  if (cached) return cached;
  try {
    const customer = await reads.customer(customerId);
    services.customers.profiles.set(customerId, customer);
    return customer;
  } catch (err) {
    services.logger.warn({ err: err instanceof Error ? err.message : String(err), customerId }, 'profile unavailable; using channel defaults');
    return null;
  }
}
