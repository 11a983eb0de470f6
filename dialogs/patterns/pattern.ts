import type { DialogContext, DialogState, StepResult, Utterance } from '../types.js';

/**
 * A conversation pattern (Rasa's word): behaviour that holds in every flow — stop, repeat, a person, a policy question.
 * It answers the utterance, or returns null and lets the next one look.
 */
export type Pattern = (state: DialogState, event: Utterance, ctx: DialogContext) => StepResult | null;
