import { z } from 'zod';
import { Locale } from '../domain/locale.js';
import { FrameSchema } from '../dialogs/state.js';
import { promptKeys } from '../prompts/index.js';
import type { Say } from '../prompts/keys.js';
import { initialState, type DialogState } from '../dialogs/types.js';
import { ReplySchema } from './types.js';

const KEYS: ReadonlySet<string> = new Set(promptKeys('en-US'));

const ParamShape: z.ZodType = z.lazy(() => z.union([
  z.string(), z.number(),
  z.object({ kind: z.literal('money'), amount: z.number(), currency: z.string() }),
  z.object({ kind: z.literal('window'), window: z.object({ start: z.string(), end: z.string() }) }),
  z.object({ kind: z.enum(['date', 'time']), iso: z.string() }),
  z.object({ kind: z.literal('prompt'), key: z.string().refine((k) => KEYS.has(k)), params: z.record(z.string(), ParamShape).optional() }),
]));
const SayShape = z.object({
  key: z.string().refine((k) => KEYS.has(k), 'no such sentence'),
  params: z.record(z.string(), ParamShape).optional(),
  suggestions: z.array(ParamShape).optional(),
  card: z.object({ title: ParamShape, lines: z.array(ParamShape) }).optional(),
});
/** A sentence said earlier (for "repeat"): its key must still exist in the catalogue. */
export const SaySchema = z.custom<Say>((v) => SayShape.safeParse(v).success);

/** The dialog state as it is stored with the conversation. */
export const DialogStateSchema: z.ZodType<DialogState> = z.object({
  stack: z.array(FrameSchema),
  misunderstandings: z.number().int().min(0),
  lastSaid: z.array(SaySchema).optional(),
  language: Locale.optional(),
});

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
