import { z } from 'zod';
import { CancelFrame } from './flows/cancel/frame.js';
import { SlotFrame } from './flows/delivery-slot/frame.js';
import { HandoffFrame } from './flows/human-handoff/frame.js';
import { OrderStatusFrame } from './flows/order-status/frame.js';
import { ReorderFrame } from './flows/reorder/frame.js';
import type { PlaceFrame, ReturnFrame } from './types.js';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
// Flows whose frames are not yet typed by step are recognised by their name (their own schemas replace these).
const byFlow = <F>(flow: string) => z.custom<F>((v) => isRecord(v) && v.flow === flow && typeof v.step === 'string' && typeof v.id === 'string');

/** A frame of any flow, as it is stored. */
export const FrameSchema = z.union([
  CancelFrame, OrderStatusFrame, HandoffFrame, ReorderFrame, SlotFrame,
  byFlow<PlaceFrame>('change_delivery_place'),
  byFlow<ReturnFrame>('schedule_return'),
]);
