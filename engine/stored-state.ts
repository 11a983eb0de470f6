import { z } from 'zod';
import { DialogStateSchema } from '../dialogs/state.js';
import { initialState, type DialogState } from '../dialogs/types.js';
import { ReplySchema } from './types.js';

/** Bumped when the shape of the stored dialog state changes in a way old rows cannot be read as. */
export const STATE_SCHEMA_VERSION = 2;

/** What the engine keeps in a conversation record: the dialog state and the replies to the last few messages. */
const StoredStateSchema = z.object({
  schemaVersion: z.literal(STATE_SCHEMA_VERSION),
  dialog: DialogStateSchema,
  recent: z.array(z.object({ messageId: z.string(), reply: ReplySchema })),
});
export type StoredState = z.infer<typeof StoredStateSchema>;

export const freshState = (): StoredState => ({ schemaVersion: STATE_SCHEMA_VERSION, dialog: initialState(), recent: [] });

/**
 * Reads the stored state with the schema it is written with. A state that cannot be read (an older deploy's shape, a
 * damaged row) is not a crash: the conversation starts fresh, and the caller apologises and logs it.
 */
export function readStoredState(raw: unknown): { stored: StoredState; unreadable: boolean } {
  if (raw === null || raw === undefined) return { stored: freshState(), unreadable: false };
  const parsed = StoredStateSchema.safeParse(raw);
  return parsed.success ? { stored: parsed.data, unreadable: false } : { stored: freshState(), unreadable: true };
}

export const storedState = (dialog: DialogState, recent: StoredState['recent']): StoredState => ({ schemaVersion: STATE_SCHEMA_VERSION, dialog, recent });
