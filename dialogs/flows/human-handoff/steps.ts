import type { EscalationReason } from '../../../domain/escalation.js';
import { yesNo, type FlowDef, type FlowStep } from '../../kit/flow.js';
import type { DialogContext, Say } from '../../types.js';
import type { HandoffFrame } from './frame.js';

const phoneTail = (phone: string): string => phone.replace(/\D/g, '').slice(-4);

/** The escalation's key is the conversation's: asking twice, or after a retried turn, still makes one escalation. */
export function escalationStart(ctx: DialogContext, reason: EscalationReason, intent: string | null): FlowStep<HandoffFrame> {
  return {
    frame: { flow: 'human_handoff', id: ctx.messageId, step: 'escalating', reason, intent },
    say: [],
    effect: { type: 'escalate', reason, intent, idempotencyKey: `${ctx.conversationId}:escalation` },
  };
}

/** A person offered for a reason; "yes" escalates with that reason. */
export const offerFrame = (ctx: DialogContext, reason: EscalationReason): HandoffFrame => ({
  flow: 'human_handoff',
  id: ctx.messageId,
  step: 'offer',
  reason,
});

function prompt(frame: HandoffFrame): Say[] {
  switch (frame.step) {
    case 'offer':
      return [{ key: 'offer_person', suggestions: yesNo }];
    case 'callback_offer':
      return [{ key: 'handoff.voice_offer', params: { tail: phoneTail(frame.phone) }, suggestions: yesNo }];
    case 'escalating':
    case 'booking_callback':
      return [];
  }
}

/**
 * Reaching a person: on a messenger the conversation goes to the queue and a person answers there; on a speaker,
 * which cannot relay a chat, a call-back to the profile's number is offered. Offers lapse when the customer moves on.
 */
export const humanHandoffFlow: FlowDef<HandoffFrame> = {
  steps: {
    offer: { awaiting: 'confirmation', lapses: true },
    escalating: { awaiting: null },
    callback_offer: { awaiting: 'confirmation', lapses: true },
    booking_callback: { awaiting: null },
  },
  start: (_event, ctx) => escalationStart(ctx, 'customer_request', 'human_handoff'),
  prompt,

  interpret(frame, event, ctx) {
    if (event.type === 'result') {
      const r = event.result;
      if (frame.step === 'escalating' && r.type === 'escalate') {
        if (!r.ok) return { frame: null, say: [{ key: 'handoff.failed' }] };
        if (!r.liveChat) {
          if (!r.phone) return { frame: null, say: [{ key: 'handoff.voice_no_phone' }], resume: false };
          const offer: HandoffFrame = { flow: 'human_handoff', id: frame.id, step: 'callback_offer', escalationId: r.escalationId, phone: r.phone };
          return { frame: offer, say: prompt(offer) };
        }
        // A person has the conversation now: a form under way ends here rather than asking its question again.
        if (r.staffed) return { frame: null, say: [{ key: 'handoff.done' }], endsAll: true };
        return {
          frame: null,
          endsAll: true,
          say: [
            r.opensAt
              ? { key: 'handoff.queued_outside_hours', params: { day: { kind: 'date', iso: r.opensAt }, time: { kind: 'time', iso: r.opensAt } } }
              : { key: 'handoff.queued_outside_hours.unknown' },
          ],
        };
      }
      if (frame.step === 'booking_callback' && r.type === 'requestCallback') {
        const tail = phoneTail(frame.phone);
        if (!r.ok) return { frame: null, say: [{ key: 'handoff.failed' }], resume: false };
        const booked: Say = r.opensAt
          ? { key: 'handoff.callback_booked_later', params: { tail, day: { kind: 'date', iso: r.opensAt }, time: { kind: 'time', iso: r.opensAt } } }
          : { key: 'handoff.callback_booked', params: { tail } };
        return { frame: null, say: [booked], endsAll: true };
      }
      return { frame, say: [] };
    }
    switch (frame.step) {
      case 'offer':
        if (event.intent === 'affirm' || event.intent === 'human_handoff') return escalationStart(ctx, frame.reason, null);
        return { frame: null, say: [{ key: 'handoff.declined' }] };
      case 'callback_offer':
        if (event.intent === 'affirm') {
          return {
            frame: { ...frame, step: 'booking_callback' },
            say: [],
            effect: { type: 'requestCallback', escalationId: frame.escalationId, phone: frame.phone },
          };
        }
        return { frame: null, say: [{ key: 'handoff.voice_continue_in_app' }], resume: false };
      case 'escalating':
      case 'booking_callback':
        return { frame, say: [] };
    }
  },

  answers: (frame, event) => frame.step === 'offer' && event.intent === 'human_handoff',
};
