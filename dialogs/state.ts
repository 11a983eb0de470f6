import { z } from 'zod';
import { enUS } from '../prompts/en-US.js';
import type { Say } from '../prompts/keys.js';
import { CancelFrame } from './flows/cancel/frame.js';
import { SlotFrame } from './flows/delivery-slot/frame.js';
import { HandoffFrame } from './flows/human-handoff/frame.js';
import { OrderStatusFrame } from './flows/order-status/frame.js';
import { ReorderFrame } from './flows/reorder/frame.js';
import type { DialogState, PlaceFrame, ReturnFrame } from './types.js';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
// Flows whose frames are not yet typed by step are recognised by their name (their own schemas replace these).
const byFlow = <F>(flow: string) => z.custom<F>((v) => isRecord(v) && v.flow === flow && typeof v.step === 'string' && typeof v.id === 'string');

/** A frame of any flow, as it is stored. */
export const FrameSchema = z.union([
  CancelFrame, OrderStatusFrame, HandoffFrame, ReorderFrame, SlotFrame,
  byFlow<PlaceFrame>('change_delivery_place'),
  byFlow<ReturnFrame>('schedule_return'),
]);

const ParamShape: z.ZodType = z.lazy(() => z.union([
  z.string(), z.number(),
  z.object({ kind: z.literal('money'), amount: z.number(), currency: z.string() }),
  z.object({ kind: z.literal('window'), window: z.object({ start: z.string(), end: z.string() }) }),
  z.object({ kind: z.enum(['date', 'time']), iso: z.string() }),
  z.object({ kind: z.literal('prompt'), key: z.string().refine((k) => k in enUS), params: z.record(z.string(), ParamShape).optional() }),
]));
const SayShape = z.object({
  key: z.string().refine((k) => k in enUS, 'no such sentence'),
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
});
