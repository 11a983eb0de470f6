import type { Command, Entity, IntentName } from '../../domain/understanding.js';
import type { PromptKey } from '../../prompts/keys.js';
import type { Awaiting, DialogContext, DialogEvent, DialogState, Effect, EffectResult, Utterance } from '../types.js';

/** A message as understanding hands it to the dialog: an intent, its entities, and the words. */
export interface Said {
  said: IntentName;
  entities?: Entity[];
  text?: string;
  command?: Command;
  frustrated?: boolean;
  policy?: Utterance['policy'];
  alternatives?: Utterance['alternatives'];
  /** How sure understanding was (1 unless given). */
  confidence?: number;
}

/**
 * One step of a case, one line: [what happens, the sentence keys Smile says, the effect it asks for (null: none),
 * and optionally what it then waits for].
 */
export type CaseStep = readonly [
  event: Said | EffectResult,
  says: readonly PromptKey[],
  effect: Effect['type'] | Partial<Effect> | null,
  awaiting?: Awaiting,
];

/** A case: "when …, then …", played from an empty conversation (or a given state) in every locale. */
export interface DialogCase {
  name: string;
  steps: readonly CaseStep[];
  from?: DialogState;
  /** What differs in the turn's context (a speaker: `{ voice: true }`); the locale is the runner's. */
  ctx?: Partial<Omit<DialogContext, 'locale' | 'label'>>;
}

/** A message: `said('affirm')`, `said('cancel_order', [product('brush')])`, `said('out_of_scope', [], 'the second one')`. */
export const said = (intent: IntentName, entities: Entity[] = [], text = '', extra: Omit<Said, 'said' | 'entities' | 'text'> = {}): Said => ({
  said: intent,
  entities,
  text,
  ...extra,
});

export function toEvent(e: Said | EffectResult): DialogEvent {
  if ('said' in e) {
    return {
      type: 'utterance',
      intent: e.said,
      confidence: e.confidence ?? 1,
      entities: e.entities ?? [],
      text: e.text ?? '',
      ...(e.command ? { command: e.command } : {}),
      ...(e.frustrated ? { frustrated: true } : {}),
      ...(e.policy ? { policy: e.policy } : {}),
      ...(e.alternatives ? { alternatives: e.alternatives } : {}),
    };
  }
  return { type: 'result', result: e };
}
