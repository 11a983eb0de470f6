import { z } from 'zod';
import { CancelFrame } from './flows/cancel/frame.js';
import { PlaceFrame } from './flows/delivery-place/frame.js';
import { ProblemFrame } from './flows/delivery-problem/frame.js';
import { SlotFrame } from './flows/delivery-slot/frame.js';
import { HandoffFrame } from './flows/human-handoff/frame.js';
import { OrderStatusFrame } from './flows/order-status/frame.js';
import { ReorderFrame } from './flows/reorder/frame.js';
import { ReturnFrame } from './flows/return/frame.js';
import { SubscriptionFrame } from './flows/subscription/frame.js';

/** A frame of any flow, as it is stored: each flow's own schema, typed by its step. */
export const FrameSchema = z.union([
  CancelFrame,
  OrderStatusFrame,
  HandoffFrame,
  ReorderFrame,
  SlotFrame,
  PlaceFrame,
  ReturnFrame,
  SubscriptionFrame,
  ProblemFrame,
]);
