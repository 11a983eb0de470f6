import { z } from 'zod';
import { PlaceType, ReturnRecord, type Variant } from './commerce.js';
import { EveryDays, MonthlyOn } from './subscriptions.js';

/** The intent catalogue of PRODUCT.md section 3. The names are part of the public interface. */
export const INTENTS = [
  'reorder',
  'order_status',
  'change_delivery_slot',
  'change_delivery_place',
  'schedule_return',
  'cancel_order',
  'report_delivery_problem',
  'human_handoff',
  'manage_subscription',
  'help',
  'stop',
  'affirm',
  'deny',
  'greet',
  'thanks',
  'out_of_scope',
] as const;
export const IntentName = z.enum(INTENTS);
export type IntentName = z.infer<typeof IntentName>;

/** Intents that lead towards a side effect; mistaking out-of-scope text for one of these is the costly error. */
export const ACTION_INTENT_NAMES = [
  'reorder',
  'order_status',
  'change_delivery_slot',
  'change_delivery_place',
  'schedule_return',
  'cancel_order',
  'report_delivery_problem',
  'human_handoff',
  'manage_subscription',
] as const satisfies readonly IntentName[];
export const ACTION_INTENTS: ReadonlySet<IntentName> = new Set<IntentName>(ACTION_INTENT_NAMES);

/** Conversation commands that are not intents of the catalogue: they steer the conversation itself. */
export const Command = z.enum(['repeat', 'start_over', 'language:en-US', 'language:ko-KR']);
export type Command = z.infer<typeof Command>;

// One vocabulary per concept, keyed by the domain's own enums.
/** Parts of a day; dawn is before 07:00 (새벽배송). */
export const TimeOfDay = z.enum(['dawn', 'morning', 'afternoon', 'evening', 'night']);
export type TimeOfDay = z.infer<typeof TimeOfDay>;
export const ReturnReason = z.enum(['size', 'damaged', 'defective', 'wrong_item', 'changed_mind', 'late']);
export type ReturnReason = z.infer<typeof ReturnReason>;
/** What went wrong with a delivery the courier marked delivered (issue 12, item 5). */
export const DeliveryProblem = z.enum(['not_received', 'damaged', 'wrong_item', 'wrong_place']);
export type DeliveryProblem = z.infer<typeof DeliveryProblem>;
export const ReturnMethod = ReturnRecord.shape.method;
export type ReturnMethod = z.infer<typeof ReturnMethod>;

/** A street address the customer typed ("42 Oak Street", "서울시 강남구 테헤란로 123"), before any check. */
export interface StreetAddress {
  line1: string;
  city?: string;
}
export const StreetAddress = z.object({
  line1: z.string().min(1).max(200),
  city: z.string().min(1).max(100).optional(),
}) satisfies z.ZodType<StreetAddress>;

/**
 * A day: a calendar date in the customer's zone, a shift of the date under discussion ("push it back a day"), or a
 * run of days (a voice assistant's "next week" or "this weekend", first and last day included).
 */
export type DateValue = { on: string } | { shiftDays: number } | { from: string; to: string };
/** A time of day, a bound ("after 6 pm" is { after: 18 }), or the same hour as before (a shift keeps it). */
export type TimeValue = { part: TimeOfDay } | { after: number } | { at: number };
/** The same two values as schemas, for the frames that carry them. */
export const DateValue = z.union([
  z.object({ on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
  z.object({ shiftDays: z.number().int() }),
  z.object({ from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
]) satisfies z.ZodType<DateValue>;
export const TimeValue = z.union([
  z.object({ part: TimeOfDay }),
  z.object({ after: z.number() }),
  z.object({ at: z.number() }),
]) satisfies z.ZodType<TimeValue>;

/** How often a subscription comes: every N days, or on the nth weekday of each month (everyDays then nominal, 30). */
export const Interval = z.object({ everyDays: EveryDays, monthlyOn: MonthlyOn.optional() });
export type Interval = z.infer<typeof Interval>;
/** What a customer asks of their subscriptions. */
export const SubscriptionAction = z.enum(['start', 'list', 'skip', 'pause', 'resume', 'change', 'cancel']);
export type SubscriptionAction = z.infer<typeof SubscriptionAction>;

interface Span {
  /** The words of the utterance it came from, and where. */
  text: string;
  start: number;
  end: number;
  /** The customer rejects this one ("not tomorrow morning", "회사 말고"): said, but not wanted. */
  negated?: true;
}

/**
 * What understanding found in a message, each with a structured value of its own type.
 * A product is a SKU of the customer's history when a catalogue was given, else a product category.
 */
export type Entity = Span &
  (
    | { type: 'product'; value: string; score: number }
    | { type: 'quantity'; value: number }
    | { type: 'date'; value: DateValue }
    | { type: 'time_window'; value: TimeValue }
    | { type: 'place'; value: PlaceType }
    | { type: 'return_reason'; value: ReturnReason }
    | { type: 'return_method'; value: ReturnMethod }
    /** What went wrong with a delivery: "says delivered but it's not here", "상자가 찌그러져서 왔어요". */
    | { type: 'delivery_problem'; value: DeliveryProblem }
    | { type: 'instructions'; value: string }
    /** A variant of a product: "size 3", "4단계", "260mm". */
    | { type: 'variant'; value: Variant }
    /** A new street address (not a saved place). */
    | { type: 'address'; value: StreetAddress }
    /** How often ("every four weeks", "2주마다", "격주로", "매달 첫째 주 토요일"). */
    | { type: 'interval'; value: Interval }
    /** What to do with a subscription ("skip the next one", "일시정지", "해지"). */
    | { type: 'subscription_action'; value: SubscriptionAction }
  );
export type EntityType = Entity['type'];
export const ENTITY_TYPES: readonly EntityType[] = [
  'product',
  'quantity',
  'date',
  'time_window',
  'place',
  'return_reason',
  'return_method',
  'delivery_problem',
  'instructions',
  'variant',
  'address',
  'interval',
  'subscription_action',
];
export type EntityOf<T extends EntityType> = Extract<Entity, { type: T }>;

/** The first entity of a type the customer wants, typed by it: a rejected one ("anything but monday") is never it. */
export function firstEntity<T extends EntityType>(entities: readonly Entity[], type: T): EntityOf<T> | undefined {
  return entities.find((e): e is EntityOf<T> => e.type === type && !e.negated);
}

/**
 * An entity's value as the public parse API (`POST /v1/nlu/parse`) and the LLM prompt have always written it:
 * ISO dates or "+Nd", "morning" or "after:18:00", and the plain value otherwise.
 */
export function wireValue(e: Entity): string | number {
  switch (e.type) {
    case 'date':
      return 'on' in e.value ? e.value.on : 'from' in e.value ? `${e.value.from}..${e.value.to}` : `+${e.value.shiftDays}d`;
    case 'time_window': {
      const v = e.value;
      if ('part' in v) return v.part;
      return 'after' in v ? `after:${String(v.after).padStart(2, '0')}:00` : `at:${v.at}`;
    }
    case 'variant':
      return [e.value.size && `size:${e.value.size}`, e.value.stage && `stage:${e.value.stage}`, e.value.count && `count:${e.value.count}`]
        .filter(Boolean)
        .join(',');
    case 'address':
      return [e.value.line1, e.value.city].filter(Boolean).join(', ');
    case 'interval':
      return e.value.monthlyOn ? `monthly:${e.value.monthlyOn.week}:${e.value.monthlyOn.weekday}` : `every:${e.value.everyDays}d`;
    default:
      return e.value;
  }
}

/** A date written by another understander (an assistant's slot, the LLM): an ISO day, "+Nd", or "day..day". */
export function dateValueOf(written: string): DateValue | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(written)) return { on: written };
  const run = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(written);
  if (run) return run[1]! <= run[2]! ? { from: run[1]!, to: run[2]! } : null;
  const shift = /^\+(\d{1,2})d$/.exec(written);
  return shift ? { shiftDays: Number(shift[1]) } : null;
}
