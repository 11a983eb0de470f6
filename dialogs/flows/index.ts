import type { FlowDef } from '../kit/flow.js';
import type { Frame } from '../types.js';
import { cancelFlow } from './cancel/steps.js';
import { deliveryProblemFlow } from './delivery-problem/steps.js';
import { deliveryPlaceFlow } from './delivery-place/steps.js';
import { deliverySlotFlow } from './delivery-slot/steps.js';
import { humanHandoffFlow } from './human-handoff/steps.js';
import { orderStatusFlow } from './order-status/steps.js';
import { reorderFlow } from './reorder/steps.js';
import { returnFlow } from './return/steps.js';
import { subscriptionFlow } from './subscription/steps.js';

export type FlowName = Frame['flow'];
type FrameMap = { [K in FlowName]: Extract<Frame, { flow: K }> };

/** Every flow, by the name its frames carry (the intent that starts it). */
const FLOWS: { [K in FlowName]: FlowDef<FrameMap[K]> } = {
  reorder: reorderFlow,
  order_status: orderStatusFlow,
  change_delivery_slot: deliverySlotFlow,
  change_delivery_place: deliveryPlaceFlow,
  schedule_return: returnFlow,
  cancel_order: cancelFlow,
  report_delivery_problem: deliveryProblemFlow,
  human_handoff: humanHandoffFlow,
  manage_subscription: subscriptionFlow,
};

/** The flow a frame belongs to, typed by its name (so a frame is only ever given to its own flow). */
export function flowOf<K extends FlowName>(name: K): FlowDef<FrameMap[K]> {
  return FLOWS[name];
}

/** Flows a customer's request starts directly; a person is reached through the handoff patterns instead. */
export type StartableFlow = Exclude<FlowName, 'human_handoff'>;
export const isStartable = (intent: string): intent is StartableFlow => intent in FLOWS && intent !== 'human_handoff';
