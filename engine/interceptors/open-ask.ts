import { delayOfferFrame } from '../../dialogs/flows/delivery-slot/steps.js';
import { nudgeFrame } from '../../dialogs/flows/reorder/steps.js';
import { reminderFrame } from '../../dialogs/flows/subscription/steps.js';
import { promptOf } from '../../dialogs/kit/turns.js';
import { stack } from '../../dialogs/stack.js';
import type { Frame } from '../../dialogs/types.js';
import type { NoticeAsk } from '../../domain/notices.js';
import type { Services } from '../turn-context.js';
import type { RequestInterceptor, ResponseInterceptor } from './interceptor.js';

/** A nudge answered later than this is not taken as its answer ("yes" a week on is about something else). */
export const ASK_OPEN_MS = 3 * 86_400_000;

/**
 * A notice that asked something (a reorder nudge: "reorder?", a delay: "pick another time?", a subscription reminder:
 * "skip this one?") leaves the question open in the customer's preferences
 * (app/notifications.ts). Their next message, in whichever chat, meets it as the question on the table: the nudge's
 * frame goes on top of the conversation's stack, so "yes" / "네" / "not now" answer it, and anything else lets it lapse
 * and is handled as usual. Once that turn is saved the question is closed, answered or not.
 */
export const openAsk = (services: Services): RequestInterceptor => ({
  name: 'open-ask',
  async process(ctx) {
    if (ctx.answered || !ctx.customerId || ctx.turn.input.type === 'event') return;
    const ask = (await services.store.preferences.get(ctx.customerId))?.ask;
    if (!ask) return;
    ctx.askTaken = ask.noticeId;
    if (ctx.now.getTime() - Date.parse(ask.sentAt) > ASK_OPEN_MS) return;
    if (ctx.state.stack.some((f) => f.id === ask.noticeId)) return;
    const { question } = ask;
    const frame = frameOf(ask.noticeId, question);
    // The nudge is what Smile said last to this customer: "say that again" says it.
    ctx.state = { ...stack.push(ctx.state, frame), lastSaid: promptOf(frame) };
  },
});

/** The frame that asks a notice's question again, named by the notice. */
function frameOf(noticeId: string, question: NoticeAsk): Frame {
  switch (question.kind) {
    case 'reorder_nudge':
      return nudgeFrame(noticeId, question);
    case 'delay_offer':
      return delayOfferFrame(noticeId, question);
    case 'subscription_skip':
      return reminderFrame(noticeId, question);
  }
}

/** After the turn that met the question is saved: it is closed (unless a newer notice asked another meanwhile). */
export const closeAsk = (services: Services): ResponseInterceptor => ({
  name: 'close-ask',
  async process(ctx) {
    if (!ctx.askTaken || !ctx.customerId) return;
    const prefs = await services.store.preferences.get(ctx.customerId);
    if (prefs?.ask?.noticeId !== ctx.askTaken) return;
    const { ask: _closed, schemaVersion: _v, ...rest } = prefs;
    await services.store.preferences.put({ ...rest, updatedAt: ctx.now.toISOString() });
  },
});
