import { z } from 'zod';
import { Card, CardProduct, TimeWindow } from '../domain/commerce.js';
import { Locale } from '../domain/locale.js';
import { FrameSchema } from '../dialogs/state.js';
import { promptKeys } from '../prompts/index.js';
import type { Say } from '../prompts/keys.js';
import { initialState, type DialogState } from '../dialogs/types.js';
import { ReplyMessageSchema, ReplySchema, type Reply } from './types.js';

const KEYS: ReadonlySet<string> = new Set(promptKeys('en-US'));

const ParamShape: z.ZodType = z.lazy(() =>
  z.union([
    z.string(),
    z.number(),
    z.object({ kind: z.literal('money'), amount: z.number(), currency: z.string() }),
    z.object({ kind: z.literal('window'), window: z.object({ start: z.string(), end: z.string() }) }),
    z.object({ kind: z.enum(['date', 'time']), iso: z.string() }),
    z.object({ kind: z.literal('prompt'), key: z.string().refine((k) => KEYS.has(k)), params: z.record(z.string(), ParamShape).optional() }),
  ]),
);
const SayShape = z.object({
  key: z.string().refine((k) => KEYS.has(k), 'no such sentence'),
  params: z.record(z.string(), ParamShape).optional(),
  suggestions: z.array(ParamShape).optional(),
  card: z.object({ title: ParamShape, lines: z.array(ParamShape), products: z.array(CardProduct).optional() }).optional(),
});
/** A sentence said earlier (for "repeat"): its key must still exist in the catalogue. */
export const SaySchema = z.custom<Say>((v) => SayShape.safeParse(v).success);

/** The dialog state as it is stored with the conversation. */
export const DialogStateSchema: z.ZodType<DialogState> = z.object({
  stack: z.array(FrameSchema),
  misunderstandings: z.number().int().min(0),
  lastSaid: z.array(SaySchema).optional(),
  language: Locale.optional(),
  queued: z.string().max(2000).optional(),
  asked: z.array(z.object({ frame: z.string(), at: z.string() })).optional(),
  topic: z.array(z.string()).optional(),
  lastDone: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('order'), orderId: z.string(), skus: z.array(z.string()) }),
      z.object({
        kind: z.literal('move'),
        shipmentId: z.string(),
        name: z.string(),
        skus: z.array(z.string()),
        from: TimeWindow,
        to: TimeWindow,
      }),
      z.object({ kind: z.literal('subscription'), subscriptionId: z.string(), skus: z.array(z.string()) }),
    ])
    .optional(),
});

/** Bumped when the shape of the stored dialog state changes in a way old rows cannot be read as. */
export const STATE_SCHEMA_VERSION = 3;

/**
 * How many answered message ids the conversation remembers, to know a message another instance has just answered
 * (before its processed turn is written, a moment after the state; once it is, the engine finds that instead).
 */
const ANSWERED_KEPT = 4;

/**
 * What the engine keeps in a conversation's version row, rewritten every turn, so only what the next turn needs and
 * nothing whose size follows the replies': the dialog state, the ids of the last messages answered (not their replies:
 * those are the processed turns', one row each), and which message's transcript entries hold what Smile said last
 * (`lastSaidBy`) when the dialog's `lastSaid` is exactly that. The words said are then written once, in the transcript.
 */
const StoredStateSchema = z.object({
  schemaVersion: z.literal(STATE_SCHEMA_VERSION),
  dialog: DialogStateSchema,
  answered: z.array(z.string()),
  lastSaidBy: z.string().optional(),
  /**
   * The words of the message this version answers, when it sent a change and they are short (every answer to a change
   * is: "Done — order … is placed", "I'll check and tell you here"). The version is the commit and the transcript entries come after it, so
   * a crash between the two would otherwise leave a message answered with its words lost: the retry answers with these.
   */
  said: z.object({ messageId: z.string(), messages: z.array(ReplyMessageSchema) }).optional(),
  /**
   * Earlier messages' kept words whose processed turn was still missing when this version was written (the crash came
   * before their words were written, and the customer sent something else before retrying): kept while their ids are
   * among `answered`, so the retry still gets its answer. Empty in the usual case, where the words were recorded.
   */
  saidEarlier: z.array(z.object({ messageId: z.string(), messages: z.array(ReplyMessageSchema) })).optional(),
});
export type StoredState = z.infer<typeof StoredStateSchema>;

/** Version 2 kept the last ten replies with the state; they are in the processed turns too, so only their ids are kept. */
const StoredStateV2 = z
  .object({
    schemaVersion: z.literal(2),
    dialog: DialogStateSchema,
    recent: z.array(z.object({ messageId: z.string() }).loose()),
  })
  .transform((v2): StoredState => ({
    schemaVersion: STATE_SCHEMA_VERSION,
    dialog: v2.dialog,
    answered: v2.recent.map((r) => r.messageId).slice(-ANSWERED_KEPT),
  }));

/** Either stored shape, read with one schema built once. */
const AnyStoredState = z.union([StoredStateSchema, StoredStateV2]);

export const freshState = (): StoredState => ({ schemaVersion: STATE_SCHEMA_VERSION, dialog: initialState(), answered: [] });

/**
 * The conversation versions this process saved, per store (conversation id → version). A version row is inserted
 * once under its (conversation, version) key on every adapter, so a head read back at a version noted here is the
 * state this process built and saved, typed: it is used as read, not parsed again (the stored state was parsed on
 * every turn's load, ~7% of a turn with the store's own row checks). Any other version (another instance's, an older
 * deploy's, a restart's) is parsed as before. Bounded: the least recently saved are forgotten first.
 */
const savedHere = new WeakMap<object, Map<string, number>>();
const SAVED_KEPT = 50_000;

export function noteSavedHere(store: object, conversationId: string, version: number): void {
  let saved = savedHere.get(store);
  if (!saved) savedHere.set(store, (saved = new Map<string, number>()));
  saved.delete(conversationId);
  saved.set(conversationId, version);
  if (saved.size > SAVED_KEPT) saved.delete(saved.keys().next().value!);
}

/** The stored state of a loaded version: as read when this process saved that very version, else parsed (readStoredState). */
export function loadStoredState(
  store: object,
  record: { id: string; version: number; state: unknown } | null,
): { stored: StoredState; unreadable: boolean } {
  if (record && record.state && savedHere.get(store)?.get(record.id) === record.version)
    return { stored: record.state as StoredState, unreadable: false };
  return readStoredState(record?.state);
}

/**
 * Reads the stored state with the schema it is written with. A state that cannot be read (an older deploy's shape, a
 * damaged row) is not a crash: the conversation starts fresh, and the caller apologises and logs it.
 */
export function readStoredState(raw: unknown): { stored: StoredState; unreadable: boolean } {
  if (raw === null || raw === undefined) return { stored: freshState(), unreadable: false };
  const parsed = AnyStoredState.safeParse(raw);
  return parsed.success ? { stored: parsed.data, unreadable: false } : { stored: freshState(), unreadable: true };
}

/**
 * The dialog's `lastSaid`, when it is stored by reference: the `say` of each of Smile's transcript entries for the
 * message named. Undefined when those entries are gone (expired) or unreadable: "repeat" then has nothing to repeat.
 */
export function lastSaidFrom(events: Array<{ from: string; say?: unknown }>): Say[] | undefined {
  const said = events.filter((e) => e.from === 'bot').map((e) => e.say);
  return said.length && said.every((s) => SaySchema.safeParse(s).success) ? (said as Say[]) : undefined;
}

/**
 * The state to save after answering `messageId` with `says`. `lastSaid` is left out when it is what this turn said (its
 * transcript entries carry it) or unchanged from the loaded state's reference; any other value is kept inline.
 */
export function storedState(
  loaded: StoredState,
  dialog: DialogState,
  messageId: string,
  says: Say[],
  messages: Reply['messages'] = [],
  unrecorded: KeptWords[] = [],
): StoredState {
  const answered = [...loaded.answered.filter((id) => id !== messageId), messageId].slice(-ANSWERED_KEPT);
  const earlier = unrecorded.filter((w) => w.messageId !== messageId && answered.includes(w.messageId)).slice(-(ANSWERED_KEPT - 1));
  const kept = {
    ...(messages.length && Buffer.byteLength(JSON.stringify(messages)) <= SAID_KEPT_BYTES ? { said: { messageId, messages } } : {}),
    ...(earlier.length ? { saidEarlier: earlier } : {}),
  };
  const { lastSaid, ...rest } = dialog;
  if (!lastSaid) return { schemaVersion: STATE_SCHEMA_VERSION, dialog: rest, answered, ...kept };
  if (says.length && JSON.stringify(lastSaid) === JSON.stringify(says))
    return { schemaVersion: STATE_SCHEMA_VERSION, dialog: rest, answered, lastSaidBy: messageId, ...kept };
  if (loaded.lastSaidBy && lastSaid === loaded.dialog.lastSaid)
    return { schemaVersion: STATE_SCHEMA_VERSION, dialog: rest, answered, lastSaidBy: loaded.lastSaidBy, ...kept };
  return { schemaVersion: STATE_SCHEMA_VERSION, dialog, answered, ...kept };
}

/** A message's words kept with the version (`said`, `saidEarlier`). */
export type KeptWords = NonNullable<StoredState['said']>;

/** Every message's words the loaded version keeps, oldest first. */
export const keptWords = (stored: StoredState): KeptWords[] => [...(stored.saidEarlier ?? []), ...(stored.said ? [stored.said] : [])];

/** The most a version keeps of its message's words (a long answer is not kept: the row stays small; it is no change's). */
export const SAID_KEPT_BYTES = 1024;

/**
 * What a processed turn records for replays: the reply without its messages, which are the turn's own transcript
 * entries (Smile's, in order, each with its suggestions and card), so a long reply is written once.
 */
export const ReplayRecordSchema = ReplySchema.omit({ messages: true }).extend({ messageCount: z.number().int().nonnegative() });
export type ReplayRecord = z.infer<typeof ReplayRecordSchema>;

export function replayRecord(reply: Reply): ReplayRecord {
  const { messages, ...envelope } = reply;
  return { ...envelope, messageCount: messages.length };
}

/**
 * The reply recorded for a message: as-is from a row written before replies lived in the transcript, else the record
 * with the message's transcript entries. Null when it cannot be rebuilt (an entry missing or unreadable).
 */
export function recordedReply(
  recorded: unknown,
  events: Array<{ from: string; text: string; suggestions?: string[] | undefined; card?: Card | undefined }>,
): Reply | null {
  const whole = ReplySchema.safeParse(recorded);
  if (whole.success) return whole.data;
  const record = ReplayRecordSchema.safeParse(recorded);
  if (!record.success) return null;
  const said = events.filter((e) => e.from === 'bot');
  if (said.length !== record.data.messageCount) return null;
  const { messageCount, ...envelope } = record.data;
  void messageCount;
  const messages = said.map((e) => ({ text: e.text, ...(e.suggestions ? { suggestions: e.suggestions } : {}), ...(e.card ? { card: e.card } : {}) }));
  return { ...envelope, messages };
}
