import { escalate } from '../kit/turns.js';
import type { Pattern } from './pattern.js';

/** "Agent", "상담원 연결": straight to a person (an offer on top is taken as accepted). */
export const handoffRequest: Pattern = (state, event, ctx) =>
  event.intent === 'human_handoff' ? escalate(state, ctx, event.frustrated ? 'frustration' : 'customer_request', event.intent) : null;
