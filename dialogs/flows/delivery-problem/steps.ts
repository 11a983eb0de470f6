import { statusLine } from '../order-status/steps.js';
import type { Order, Shipment } from '../../../domain/commerce.js';
import type { DeliveryReport } from '../../../domain/escalation.js';
import type { DeliveryProblem } from '../../../domain/understanding.js';
import type { FixedKeysOf, KeysOf } from '../../../prompts/keys.js';
import {
  chooseByText,
  failure,
  OPEN_STATUSES,
  firstEntity,
  namedSkus,
  orderNameFor,
  shipmentChoices,
  yesNo,
  type FlowDef,
  type FlowStep,
} from '../../kit/flow.js';
import type { DialogContext, DialogEvent, Param, Say, Utterance } from '../../types.js';
import type { ProblemFrame, ReportedShipment } from './frame.js';
import { customerNumber } from '../../../domain/references.js';

type At<S extends ProblemFrame['step']> = Extract<ProblemFrame, { step: S }>;

/** The kinds offered, in the order a customer most often needs them. */
const PROBLEMS: DeliveryProblem[] = ['not_received', 'damaged', 'wrong_item', 'wrong_place'];
const PROBLEM_SAY: Record<DeliveryProblem, FixedKeysOf<'problem.kind.'>> = {
  not_received: 'problem.kind.not_received',
  damaged: 'problem.kind.damaged',
  wrong_item: 'problem.kind.wrong_item',
  wrong_place: 'problem.kind.wrong_place',
};
/** What Smile asks to hear about each kind: what a person needs to open a claim with the carrier. */
const DESCRIBE_SAY: Record<DeliveryProblem, KeysOf<'problem.describe.'>> = {
  not_received: 'problem.describe.not_received',
  damaged: 'problem.describe.damaged',
  wrong_item: 'problem.describe.wrong_item',
  wrong_place: 'problem.describe.wrong_place',
};
/** At most this many delivered shipments are offered, newest first. */
const OFFERED = 3;
const NOTHING_TO_ADD: Param = { kind: 'prompt', key: 'suggest.nothing_to_add' };

const problemParam = (p: DeliveryProblem): Param => ({ kind: 'prompt', key: PROBLEM_SAY[p] });
/** The problem on a labelled line ("접수 내용: 상품 미수령"): a noun phrase, where the button is the customer's sentence. */
export const PROBLEM_LABEL: Record<DeliveryProblem, FixedKeysOf<'problem.label.'>> = {
  not_received: 'problem.label.not_received',
  damaged: 'problem.label.damaged',
  wrong_item: 'problem.label.wrong_item',
  wrong_place: 'problem.label.wrong_place',
};
const whichSay = (frame: At<'choose_shipment'>): Say => ({ key: 'problem.which', suggestions: frame.shipments.map((s) => s.name) });
const askProblemSay = ({ shipment }: At<'ask_problem'>): Say => ({
  key: 'problem.ask_kind',
  params: { product: shipment.name },
  suggestions: PROBLEMS.map(problemParam),
});
/**
 * What the courier recorded, said back before asking what happened when the parcel is missing or was left elsewhere
 * (a customer can check the place it names). A damaged parcel or a wrong item came to the door: the record would only
 * read as an excuse, so the apology and the question come alone.
 */
const PROOF_HELPS: ReadonlySet<DeliveryProblem> = new Set(['not_received', 'wrong_place']);
function describeSays({ shipment, problem }: At<'ask_description'>): Say[] {
  const pod = PROOF_HELPS.has(problem) ? shipment.proofOfDelivery : undefined;
  const proof: Say[] = pod
    ? [
        {
          key: 'problem.proof',
          params: { day: { kind: 'date', iso: pod.deliveredAt }, time: { kind: 'time', iso: pod.deliveredAt }, leftAt: pod.leftAt },
        },
      ]
    : [];
  return [...proof, { key: DESCRIBE_SAY[problem], params: { product: shipment.name }, suggestions: [NOTHING_TO_ADD] }];
}
const confirmSay = ({ shipment, problem, description }: At<'confirm'>): Say => ({
  key: 'problem.confirm',
  suggestions: yesNo,
  params: {
    product: shipment.name,
    orderId: customerNumber(shipment.orderId),
    problem: { kind: 'prompt', key: PROBLEM_LABEL[problem] },
    description: description || '—',
  },
});

/** Delivered shipments of the named products (or all), newest first, look-alikes told apart. */
function delivered(shipments: Shipment[], orders: Order[], skus: string[], ctx: DialogContext): ReportedShipment[] {
  const when = (s: Shipment): number => Date.parse(s.proofOfDelivery?.deliveredAt ?? s.window.start);
  const xs = shipments
    .filter((s) => s.status === 'delivered')
    .map((shipment) => ({ shipment, order: orders.find((o) => o.id === shipment.orderId) }))
    .filter((x): x is { shipment: Shipment; order: Order } => Boolean(x.order))
    .filter((x) => skus.length === 0 || x.order.items.some((i) => skus.includes(i.sku)))
    .sort((a, b) => when(b.shipment) - when(a.shipment))
    .slice(0, OFFERED);
  return shipmentChoices(xs, ctx, ({ shipment, order }) => ({
    id: shipment.id,
    orderId: order.id,
    name: orderNameFor(order, skus, ctx),
    status: shipment.status,
    items: order.items.map((i) => `${i.quantity} × ${i.name}`).join(', '),
    window: shipment.window,
    place: shipment.place.label,
    proofOfDelivery: shipment.proofOfDelivery ?? null,
  }));
}

/**
 * The shipment is known: ask what went wrong, then what happened in the customer's words. A speaker passes no free
 * words, so there the report goes with what was said and the person who calls back hears the rest.
 */
function chosen(
  frame: { id: string; said?: string | undefined; problem?: DeliveryProblem | undefined },
  shipment: ReportedShipment,
  ctx: DialogContext,
): FlowStep<ProblemFrame> {
  const said = frame.said ? { said: frame.said } : {};
  if (!frame.problem) {
    const next: At<'ask_problem'> = { flow: 'report_delivery_problem', id: frame.id, ...said, step: 'ask_problem', shipment };
    return { frame: next, say: [askProblemSay(next)] };
  }
  if (ctx.voice) {
    const next: At<'confirm'> = {
      flow: 'report_delivery_problem',
      id: frame.id,
      ...said,
      step: 'confirm',
      shipment,
      problem: frame.problem,
      description: frame.said ?? '',
    };
    return { frame: next, say: [confirmSay(next)] };
  }
  const next: At<'ask_description'> = {
    flow: 'report_delivery_problem',
    id: frame.id,
    ...said,
    step: 'ask_description',
    shipment,
    problem: frame.problem,
  };
  return { frame: next, say: describeSays(next) };
}

/** The report a person gets: the shipment, what the courier recorded, and the customer's own words. */
export function reportOf(frame: At<'confirm'> | At<'reporting'>): DeliveryReport {
  const { shipment } = frame;
  return {
    problem: frame.problem,
    description: frame.description,
    shipment: {
      id: shipment.id,
      orderId: shipment.orderId,
      status: shipment.status,
      items: shipment.items,
      window: shipment.window,
      place: shipment.place,
    },
    proofOfDelivery: shipment.proofOfDelivery,
  };
}

/** "Nothing to add", "no", or the suggestion sent back: the report goes with the words already said. */
function nothingToAdd(event: Utterance, ctx: DialogContext): boolean {
  return event.intent === 'deny' || event.text.trim().toLowerCase() === ctx.label(NOTHING_TO_ADD).toLowerCase();
}

function interpret(frame: ProblemFrame, event: DialogEvent, ctx: DialogContext): FlowStep<ProblemFrame> {
  if (event.type === 'result') {
    const r = event.result;
    if (r.type === 'loadAccount' && frame.step === 'loading') {
      if (!r.ok) return failure<ProblemFrame>(null, r.transient, 'problem.failed');
      const list = delivered(r.shipments, r.orders, frame.request.skus, ctx);
      if (list.length === 0) {
        // Not delivered yet ("the wipes say delivered but they're not here" of wipes still on their way): where they
        // are, from the customer's own orders — not a general statement and not a person.
        const skus = frame.request.skus;
        const open = r.orders.filter((o) => OPEN_STATUSES.has(o.status) && (skus.length === 0 || o.items.some((i) => skus.includes(i.sku))));
        if (open.length && (skus.length || open.length <= 3))
          return { frame: null, say: [{ key: 'problem.not_delivered_yet' }, ...open.map((o) => statusLine(o, r.shipments, skus, ctx))] };
        return { frame: null, say: [{ key: 'problem.nothing_delivered' }], offerPerson: 'dead_end' };
      }
      if (list.length === 1) return chosen(frame, list[0]!, ctx);
      const { said, problem } = frame;
      const next: At<'choose_shipment'> = {
        flow: frame.flow,
        id: frame.id,
        ...(said ? { said } : {}),
        ...(problem ? { problem } : {}),
        step: 'choose_shipment',
        shipments: list,
      };
      return { frame: next, say: [whichSay(next)] };
    }
    if (r.type === 'escalate' && frame.step === 'reporting') {
      if (!r.ok) return failure<ProblemFrame>({ ...frame, step: 'confirm' }, r.transient, 'problem.failed');
      const due = { day: { kind: 'date', iso: r.dueAt }, time: { kind: 'time', iso: r.dueAt } } as const;
      if (r.liveChat)
        return { frame: null, say: [{ key: 'problem.reported', params: { caseId: customerNumber(r.escalationId), ...due } }], resume: false };
      // A speaker cannot carry a person's chat: the person calls back at the profile's number.
      if (!r.phone) return { frame: null, say: [{ key: 'problem.reported_no_phone', params: due }], resume: false };
      return {
        frame: { ...frame, step: 'booking_callback', escalationId: r.escalationId, phone: r.phone, dueAt: r.dueAt },
        say: [],
        effect: { type: 'requestCallback', escalationId: r.escalationId, phone: r.phone },
      };
    }
    if (r.type === 'requestCallback' && frame.step === 'booking_callback') {
      const due = { day: { kind: 'date', iso: frame.dueAt }, time: { kind: 'time', iso: frame.dueAt } } as const;
      if (!r.ok) return { frame: null, say: [{ key: 'problem.reported_no_phone', params: due }], resume: false };
      const tail = frame.phone.replace(/\D/g, '').slice(-4);
      return { frame: null, say: [{ key: 'problem.reported_callback', params: { tail, ...due } }], resume: false };
    }
    return { frame, say: [] };
  }

  switch (frame.step) {
    case 'choose_shipment': {
      const picked = chooseByText(event.text, frame.shipments, (s) => s.name) ?? frame.shipments.find((s) => event.text.includes(s.orderId));
      const problem = firstEntity(event.entities, 'delivery_problem')?.value ?? frame.problem;
      const said = frame.said ?? (firstEntity(event.entities, 'delivery_problem') ? event.text : undefined);
      if (picked) return chosen({ id: frame.id, said, problem }, picked, ctx);
      const skus = namedSkus(event.entities);
      if (skus.length) {
        const next: At<'loading'> = {
          flow: frame.flow,
          id: frame.id,
          ...(said ? { said } : {}),
          ...(problem ? { problem } : {}),
          step: 'loading',
          request: { skus },
        };
        return { frame: next, say: [], effect: { type: 'loadAccount', customerId: ctx.customerId } };
      }
      return { frame, say: [{ key: 'not_understood.in_flow' }, whichSay(frame)] };
    }
    case 'ask_problem': {
      const named = firstEntity(event.entities, 'delivery_problem');
      const offered = chooseByText(event.text, PROBLEMS, (p) => ctx.label(problemParam(p)));
      const problem = offered ?? named?.value;
      if (!problem) return { frame, say: [{ key: 'not_understood.in_flow' }, askProblemSay(frame)] };
      // Words that said what went wrong are kept as the customer's account of it.
      return chosen({ id: frame.id, said: offered ? frame.said : event.text, problem }, frame.shipment, ctx);
    }
    case 'ask_description': {
      const added = nothingToAdd(event, ctx) ? '' : event.text.trim().slice(0, 300);
      const description = [frame.said, added].filter(Boolean).join(' / ');
      const next: At<'confirm'> = { ...frame, step: 'confirm', description };
      return { frame: next, say: [confirmSay(next)] };
    }
    case 'confirm': {
      if (event.intent === 'affirm') {
        const reporting: At<'reporting'> = { ...frame, step: 'reporting' };
        return {
          frame: reporting,
          say: [],
          effect: {
            type: 'escalate',
            reason: 'delivery_problem',
            intent: 'report_delivery_problem',
            idempotencyKey: `${ctx.conversationId}:escalation`,
            delivery: reportOf(reporting),
          },
        };
      }
      if (event.intent === 'deny') return { frame: null, say: [{ key: 'problem.declined' }] };
      // A kind of problem named again corrects it ("no wait, it was damaged, not missing").
      const problem = firstEntity(event.entities, 'delivery_problem')?.value;
      if (problem && problem !== frame.problem) {
        const next: At<'confirm'> = { ...frame, problem };
        return { frame: next, say: [confirmSay(next)] };
      }
      return { frame, say: [{ key: 'confirm.again', suggestions: yesNo }] };
    }
    case 'loading':
    case 'reporting':
    case 'booking_callback':
      return { frame, say: [] };
  }
}

/** Requests about a delivery that are not an answer to "which delivery?": they run as a digression. */
const OTHER_REQUESTS = new Set<string>(['order_status', 'change_delivery_slot', 'change_delivery_place', 'schedule_return', 'cancel_order']);

/** Words that are not an account of what happened, at the step that takes any words. */
const NOT_A_DESCRIPTION = new Set<string>(['stop', 'help', 'human_handoff']);
/** "where's my stuff?", "언제 와요?": a question about where orders are is answered (and the report resumes), not filed as what happened. */
const ASKS_WHERE = /\?$|^(where|when|what|has|is|did)\b|어디|언제/i;
const asksAboutOrders = (event: Utterance): boolean => event.intent === 'order_status' && ASKS_WHERE.test(event.text.trim());

/**
 * A delivery the courier marked delivered that went wrong (not received, damaged, the wrong item, left in the wrong
 * place): which shipment, what went wrong, the customer's words; confirmed, then a high-priority escalation carrying
 * the shipment and its proof of delivery; the customer hears what happens next and by when.
 */
export const deliveryProblemFlow: FlowDef<ProblemFrame> = {
  steps: {
    loading: { awaiting: null },
    choose_shipment: { awaiting: 'order' },
    ask_problem: { awaiting: 'problem' },
    ask_description: { awaiting: 'description' },
    confirm: { awaiting: 'confirmation' },
    reporting: { awaiting: null },
    booking_callback: { awaiting: null },
  },
  start: (event, ctx) => {
    const problem = firstEntity(event.entities, 'delivery_problem')?.value;
    return {
      frame: {
        flow: 'report_delivery_problem',
        id: ctx.messageId,
        step: 'loading',
        request: { skus: namedSkus(event.entities) },
        ...(problem ? { problem, said: event.text.trim().slice(0, 300) } : {}),
      },
      say: [],
      effect: { type: 'loadAccount', customerId: ctx.customerId },
    };
  },
  interpret,
  prompt(frame) {
    switch (frame.step) {
      case 'choose_shipment':
        return [whichSay(frame)];
      case 'ask_problem':
        return [askProblemSay(frame)];
      case 'ask_description':
        return describeSays(frame);
      case 'confirm':
        return [confirmSay(frame)];
      case 'loading':
      case 'reporting':
      case 'booking_callback':
        return [];
    }
  },
  answers: (frame, event) => {
    switch (frame.step) {
      // A product names the delivery, unless the message asks something else about it ("where are my wipes?").
      case 'choose_shipment':
        return event.entities.some((e) => e.type === 'product') && !OTHER_REQUESTS.has(event.intent);
      case 'ask_problem':
        return event.entities.some((e) => e.type === 'delivery_problem');
      case 'ask_description':
        return !NOT_A_DESCRIPTION.has(event.intent) && !event.command && !asksAboutOrders(event) && event.text.trim().length > 0;
      case 'confirm':
        return event.entities.some((e) => e.type === 'delivery_problem');
      default:
        return false;
    }
  },
};
