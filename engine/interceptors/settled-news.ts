import { settledNews } from '../reconciler.js';
import type { Services } from '../turn-context.js';
import type { RequestInterceptor, ResponseInterceptor } from './interceptor.js';

/** The outcome of a change Smile could not confirm earlier, now settled, comes first in the customer's next reply. */
export const settledNewsFirst = (services: Services): RequestInterceptor => ({
  name: 'settled-news',
  async process(ctx) {
    const settled = await services.store.pendingEffects.untold(ctx.turn.conversationId);
    if (!settled.length) return;
    ctx.says.push(...settled.map(settledNews));
    ctx.told = settled;
  },
});

/** Once the reply carrying the news is saved, the news is not said again. */
export const markTold = (services: Services): ResponseInterceptor => ({
  name: 'mark-told',
  async process(ctx) {
    for (const { schemaVersion: _v, ...p } of ctx.told) {
      await services.store.pendingEffects.save({ ...p, told: true, updatedAt: ctx.now.toISOString() });
    }
  },
});
