import type { Address, Order } from '../../../domain/commerce.js';
import { cycleAfter, firstCycleOnOrAfter, nextCycleFrom, type Subscription, type SubscriptionPatch } from '../../../domain/subscriptions.js';
import { addDays, localDate } from '../../../domain/time.js';
import { firstEntity, type Entity, type Interval } from '../../../domain/understanding.js';
import {
  afterRecheck,
  chooseByText,
  failedWrite,
  failure,
  namedSkus,
  tellApart,
  yesNo,
  type FlowDef,
  type FlowStep,
  type Reread,
} from '../../kit/flow.js';
import type { DialogContext, DialogEvent, Param, Say, Utterance } from '../../types.js';
import type { SubscriptionSkipOffer } from '../../../domain/notices.js';
import { totalOf } from '../../kit/price.js';
import type { Account, Bought, Plan, SubscriptionFrame, SubscriptionRequest } from './frame.js';

type At<S extends SubscriptionFrame['step']> = Extract<SubscriptionFrame, { step: S }>;
type Loaded = Exclude<SubscriptionFrame, { step: 'loading' }>;

/** Requests of their own: naming a product in one of these is not an answer to "which product?". */
const OTHER_REQUESTS = new Set<string>([
  'reorder',
  'order_status',
  'change_delivery_slot',
  'change_delivery_place',
  'schedule_return',
  'cancel_order',
  'report_delivery_problem',
]);

/** A message that begins with a yes ("yes, skip", "네 건너뛰어 주세요"): it answers a question asked before it. */
const YES_FIRST = /^\s*(yes|yeah|yep|sure|ok(ay)?|please|네|예|응|그래|좋아요?)\b|^\s*(네|예|응|그래|좋아요?)[,.\s]/i;

/** What the message says about subscriptions: the action and any terms. */
export function readRequest(entities: Entity[], text: string): SubscriptionRequest {
  const date = firstEntity(entities, 'date');
  const part = firstEntity(entities, 'time_window');
  const quantity = firstEntity(entities, 'quantity')?.value;
  return {
    skus: namedSkus(entities),
    ...(firstEntity(entities, 'subscription_action') ? { action: firstEntity(entities, 'subscription_action')!.value } : {}),
    ...(quantity !== undefined && quantity >= 1 && quantity <= 99 ? { quantity } : {}),
    ...(firstEntity(entities, 'interval') ? { interval: firstEntity(entities, 'interval')!.value } : {}),
    ...(date && 'on' in date.value ? { date: date.value.on } : {}),
    ...(firstEntity(entities, 'place') ? { placeType: firstEntity(entities, 'place')!.value } : {}),
    ...(part && 'part' in part.value && part.value.part === 'dawn' ? { dawn: true } : {}),
    ...(YES_FIRST.test(text) ? { yes: true } : {}),
  };
}

const hasTerms = (r: SubscriptionRequest): boolean =>
  r.quantity !== undefined || r.interval !== undefined || r.date !== undefined || r.placeType !== undefined || r.dawn !== undefined;

// ── How things read ────────────────────────────────────────────────────────────────────────────────────────────────
const NTH = { 1: 'sub.nth.1', 2: 'sub.nth.2', 3: 'sub.nth.3', 4: 'sub.nth.4', [-1]: 'sub.nth.last' } as const;
const WEEKDAY = ['sub.weekday.0', 'sub.weekday.1', 'sub.weekday.2', 'sub.weekday.3', 'sub.weekday.4', 'sub.weekday.5', 'sub.weekday.6'] as const;

export function intervalParam(i: Interval): Param {
  if (i.monthlyOn)
    return {
      kind: 'prompt',
      key: 'sub.interval.monthly',
      params: { nth: { kind: 'prompt', key: NTH[i.monthlyOn.week] }, weekday: { kind: 'prompt', key: WEEKDAY[i.monthlyOn.weekday]! } },
    };
  const d = i.everyDays;
  if (d === 1) return { kind: 'prompt', key: 'sub.interval.day' };
  if (d === 7) return { kind: 'prompt', key: 'sub.interval.week' };
  if (d === 30) return { kind: 'prompt', key: 'sub.interval.month' };
  if (d % 30 === 0) return { kind: 'prompt', key: 'sub.interval.months', params: { count: String(d / 30) } };
  if (d % 7 === 0) return { kind: 'prompt', key: 'sub.interval.weeks', params: { count: String(d / 7) } };
  return { kind: 'prompt', key: 'sub.interval.days', params: { count: String(d) } };
}
const intervalOf = (s: Subscription): Interval => ({ everyDays: s.everyDays, ...(s.monthlyOn ? { monthlyOn: s.monthlyOn } : {}) });
const deliveryParam = (dawn: boolean): Param => ({ kind: 'prompt', key: dawn ? 'sub.delivery.dawn' : 'sub.delivery.standard' });
/** A calendar date shown as the customer's day (noon UTC keeps the day the same in every zone Smile serves). */
const day = (iso: string): Param => ({ kind: 'date', iso: `${iso}T12:00:00Z` });

function confirmSay(plan: Plan): Say {
  switch (plan.kind) {
    case 'create':
      return {
        key: 'sub.confirm.create',
        suggestions: yesNo,
        params: {
          product: plan.product.name,
          quantity: String(plan.quantity),
          interval: intervalParam(plan.interval),
          date: day(plan.firstDate),
          place: plan.address.label,
          delivery: deliveryParam(plan.delivery === 'dawn'),
          // The shop's price of a delivery, its fee spelled out when there is one.
          price: plan.quote
            ? totalOf(plan.quote)
            : { kind: 'money', amount: Math.round(plan.quantity * plan.product.unitPrice * 100) / 100, currency: plan.product.currency },
        },
      };
    case 'patch': {
      const p = plan.preview;
      return {
        key: 'sub.confirm.change',
        suggestions: yesNo,
        params: {
          product: p.name,
          quantity: String(p.quantity),
          interval: intervalParam(intervalOf(p)),
          date: day(p.nextDate),
          place: p.place.label,
          delivery: deliveryParam(p.delivery === 'dawn'),
        },
      };
    }
    case 'skip':
      return {
        key: 'sub.confirm.skip',
        suggestions: yesNo,
        params: { product: plan.subscription.name, date: day(plan.cycleDate), next: day(plan.next) },
      };
    case 'status':
      if (plan.status === 'paused') return { key: 'sub.confirm.pause', suggestions: yesNo, params: { product: plan.subscription.name } };
      if (plan.status === 'active')
        return { key: 'sub.confirm.resume', suggestions: yesNo, params: { product: plan.subscription.name, date: day(plan.next) } };
      return { key: 'sub.confirm.cancel', suggestions: yesNo, params: { product: plan.subscription.name } };
  }
}

const listLine = (s: Subscription): Say =>
  s.status === 'paused'
    ? { key: 'sub.list.paused', params: { product: s.name, quantity: String(s.quantity), interval: intervalParam(intervalOf(s)) } }
    : {
        key: 'sub.list.active',
        params: { product: s.name, quantity: String(s.quantity), interval: intervalParam(intervalOf(s)), date: day(s.nextDate) },
      };

const whichProductSay = (frame: At<'choose_product'>, notBought = false): Say => ({
  key: notBought ? 'sub.not_bought' : 'sub.which_product',
  suggestions: frame.candidates.map((c) => c.name),
});
const askIntervalSay = (frame: At<'ask_interval'>): Say => ({ key: 'sub.ask_interval', params: { product: frame.product.name } });
const whichSay = (frame: At<'choose_subscription'>): Say => ({ key: 'sub.which', suggestions: labels(frame.options) });
const askChangeSay = (frame: At<'ask_change'>): Say => ({ key: 'sub.ask_change', params: { product: frame.subscription.name } });

/** Subscriptions offered by their product; two of one product told apart by how often they come. */
const labels = (subs: Subscription[]): string[] => tellApart(subs, (s) => [`${s.everyDays}d`, s.place.label]).map((s) => s.name);

// ── Deciding ───────────────────────────────────────────────────────────────────────────────────────────────────────

/** The account as the flow keeps it: the products bought (latest price and quantity), addresses, subscriptions. */
function accountOf(
  r: { customer: { timeZone: string; addresses: Address[] }; orders: Order[]; subscriptions: Subscription[] },
  ctx: DialogContext,
): Account {
  const bought = new Map<string, Bought>();
  for (const o of [...r.orders].sort((a, b) => Date.parse(b.placedAt) - Date.parse(a.placedAt))) {
    for (const i of o.items)
      if (!bought.has(i.sku)) bought.set(i.sku, { sku: i.sku, name: i.name, unitPrice: i.unitPrice, currency: o.currency, quantity: i.quantity });
  }
  return {
    today: localDate(new Date(ctx.now), r.customer.timeZone),
    addresses: r.customer.addresses,
    bought: [...bought.values()],
    subscriptions: r.subscriptions,
  };
}

const live = (a: Account): Subscription[] => a.subscriptions.filter((s) => s.status !== 'cancelled');
const carry = (frame: Loaded | At<'loading'>, account: Account) => ({ flow: frame.flow, id: frame.id, request: frame.request, account });

/**
 * The plan to confirm. A new subscription is first priced by the shop (quantity, product and place of one delivery),
 * so the price said carries the delivery fee each delivery will pay; any change of those is priced again.
 */
function confirm(frame: Loaded | At<'loading'>, account: Account, plan: Plan, ctx: DialogContext): FlowStep<SubscriptionFrame> {
  if (plan.kind === 'create') {
    const { quote: _stale, ...unpriced } = plan;
    const request = { customerId: ctx.customerId, items: [{ sku: plan.product.sku, quantity: plan.quantity }], shippingAddressId: plan.address.id };
    return { frame: { ...carry(frame, account), step: 'pricing', plan: unpriced }, say: [], effect: { type: 'quoteOrder', request } };
  }
  const next: At<'confirm'> = { ...carry(frame, account), step: 'confirm', plan };
  return { frame: next, say: [confirmSay(plan)] };
}

const addressFor = (account: Account, request: SubscriptionRequest, fallback?: string): Address | undefined =>
  (request.placeType && account.addresses.find((a) => a.type === request.placeType)) ||
  account.addresses.find((a) => a.id === fallback) ||
  account.addresses.find((a) => a.type === 'home') ||
  account.addresses[0];

/** A day the customer named for a delivery, if it is after today; else the earliest (tomorrow). */
const dayAfterToday = (account: Account, asked?: string): string => (asked && asked > account.today ? asked : addDays(account.today, 1));

function createPlan(frame: Loaded | At<'loading'>, account: Account, product: Bought, ctx: DialogContext): FlowStep<SubscriptionFrame> {
  const r = frame.request;
  if (!r.interval) {
    const next: At<'ask_interval'> = { ...carry(frame, account), step: 'ask_interval', product };
    return { frame: next, say: [askIntervalSay(next)] };
  }
  const address = addressFor(account, r);
  if (!address) return { frame: null, say: [{ key: 'sub.failed' }], offerPerson: 'dead_end' };
  return confirm(
    frame,
    account,
    {
      kind: 'create',
      product,
      quantity: r.quantity ?? product.quantity,
      interval: r.interval,
      firstDate: firstCycleOnOrAfter(dayAfterToday(account, r.date), r.interval),
      address,
      delivery: r.dawn ? 'dawn' : 'standard',
    },
    ctx,
  );
}

/** The terms the request changes on a subscription, and how it would then read. */
function patchOf(sub: Subscription, account: Account, r: SubscriptionRequest): { patch: SubscriptionPatch; preview: Subscription } | null {
  const patch: Record<string, unknown> = {};
  const preview: Subscription = { ...sub };
  if (r.quantity !== undefined && r.quantity !== sub.quantity) preview.quantity = patch.quantity = r.quantity;
  const sameMonthly = JSON.stringify(r.interval?.monthlyOn ?? null) === JSON.stringify(sub.monthlyOn ?? null);
  if (r.interval && (r.interval.everyDays !== sub.everyDays || !sameMonthly)) {
    preview.everyDays = patch.everyDays = r.interval.everyDays;
    if (r.interval.monthlyOn) preview.monthlyOn = patch.monthlyOn = r.interval.monthlyOn;
    else if (sub.monthlyOn) {
      patch.monthlyOn = null;
      delete preview.monthlyOn;
    }
    if (r.interval.monthlyOn) preview.nextDate = firstCycleOnOrAfter(preview.nextDate, r.interval);
  }
  if (r.date && r.date > account.today) {
    preview.nextDate = patch.nextDate = r.date;
    if (preview.monthlyOn) preview.nextDate = firstCycleOnOrAfter(r.date, preview);
  }
  const address = r.placeType ? account.addresses.find((a) => a.type === r.placeType) : undefined;
  if (address && address.id !== sub.place.addressId) {
    patch.shippingAddressId = address.id;
    preview.place = { addressId: address.id, type: address.type, label: address.label };
  }
  if (r.dawn && sub.delivery !== 'dawn') preview.delivery = patch.delivery = 'dawn';
  return Object.keys(patch).length ? { patch: patch, preview } : null;
}

/** The plan for an action on one subscription (a change without terms asks what should change). */
function planFor(frame: Loaded | At<'loading'>, account: Account, sub: Subscription, ctx: DialogContext): FlowStep<SubscriptionFrame> {
  const r = frame.request;
  const action = r.action ?? 'start';
  switch (action) {
    case 'skip': {
      const plan: Plan = { kind: 'skip', subscription: sub, cycleDate: sub.nextDate, next: cycleAfter(sub.nextDate, sub) };
      // "Yes, skip" answers the reminder sent two days before that cycle: that was the question; it is not asked again.
      if (r.yes && sub.nextDate <= addDays(account.today, 2)) return save({ ...carry(frame, account), step: 'confirm', plan }, ctx);
      return confirm(frame, account, plan, ctx);
    }
    case 'pause':
      return confirm(frame, account, { kind: 'status', subscription: sub, status: 'paused', next: sub.nextDate }, ctx);
    case 'resume':
      return confirm(
        frame,
        account,
        {
          kind: 'status',
          subscription: sub,
          status: 'active',
          next: nextCycleFrom(sub.nextDate, addDays(account.today, 1), sub),
        },
        ctx,
      );
    case 'cancel':
      return confirm(frame, account, { kind: 'status', subscription: sub, status: 'cancelled', next: sub.nextDate }, ctx);
    case 'start':
    case 'change':
    case 'list': {
      const changed = patchOf(sub, account, r);
      if (changed) return confirm(frame, account, { kind: 'patch', subscription: sub, ...changed }, ctx);
      if (action === 'change') {
        const next: At<'ask_change'> = { ...carry(frame, account), step: 'ask_change', subscription: sub };
        return { frame: next, say: [askChangeSay(next)] };
      }
      // The same request again ("send me Tide every 4 weeks" twice): it is already so.
      return {
        frame: null,
        say: [{ key: 'sub.exists', params: { product: sub.name, interval: intervalParam(intervalOf(sub)), date: day(sub.nextDate) } }],
      };
    }
  }
}

/** What to do once the account is known. */
function decide(frame: Loaded | At<'loading'>, account: Account, ctx: DialogContext): FlowStep<SubscriptionFrame> {
  const r = frame.request;
  const action = r.action ?? (r.skus.length || r.interval ? 'start' : 'list');
  const subs = live(account);
  const named = (s: Subscription): boolean => r.skus.length === 0 || r.skus.includes(s.sku);

  if (action === 'list') {
    if (subs.length === 0) return { frame: null, say: [{ key: 'sub.list.none' }] };
    return { frame: null, say: [{ key: 'sub.list.intro', params: { count: String(subs.length) } }, ...subs.map(listLine)] };
  }
  if (action === 'start') {
    const existing = r.skus.length ? subs.filter(named) : [];
    if (existing.length === 1) return planFor(frame, account, existing[0]!, ctx);
    const products = account.bought.filter((b) => r.skus.includes(b.sku));
    if (products.length === 1) return createPlan(frame, account, products[0]!, ctx);
    const subscribed = new Set(subs.map((s) => s.sku));
    const candidates = (products.length ? products : account.bought.filter((b) => !subscribed.has(b.sku))).slice(0, 3);
    if (candidates.length === 0) return { frame: null, say: [{ key: 'sub.list.none' }] };
    const next: At<'choose_product'> = { ...carry(frame, account), step: 'choose_product', candidates };
    return { frame: next, say: [whichProductSay(next, r.skus.length > 0 && products.length === 0)] };
  }
  const wanted = (s: Subscription): boolean =>
    action === 'resume' ? s.status === 'paused' : action === 'skip' || action === 'pause' ? s.status === 'active' : true;
  const targets = subs.filter(named).filter(wanted);
  if (targets.length === 1) return planFor(frame, account, targets[0]!, ctx);
  if (targets.length > 1) {
    const next: At<'choose_subscription'> = { ...carry(frame, account), step: 'choose_subscription', options: targets.slice(0, 3) };
    return { frame: next, say: [whichSay(next)] };
  }
  const same = subs.filter(named)[0];
  if (same && action === 'pause') return { frame: null, say: [{ key: 'sub.already.paused', params: { product: same.name } }] };
  if (same && action === 'resume') return { frame: null, say: [{ key: 'sub.already.active', params: { product: same.name } }] };
  return { frame: null, say: [{ key: subs.length ? 'sub.none' : 'sub.list.none' }] };
}

/** A skip's key: the subscription and the cycle, whichever chat or question it came from. */
const skipKey = (subscriptionId: string, cycleDate: string): string => `subscription:${subscriptionId}:skip:${cycleDate}`;

/** The confirmed change, sent once: a skip is keyed by the cycle (a second "yes, skip" skips nothing more). */
function save(frame: At<'confirm'>, ctx: DialogContext): FlowStep<SubscriptionFrame> {
  const plan = frame.plan;
  const saving: At<'saving'> = { ...frame, step: 'saving' };
  const key = `${ctx.conversationId}:${frame.id}:subscription`;
  switch (plan.kind) {
    case 'create':
      return {
        frame: saving,
        say: [],
        effect: {
          type: 'createSubscription',
          idempotencyKey: `${key}:create`,
          request: {
            customerId: ctx.customerId,
            sku: plan.product.sku,
            quantity: plan.quantity,
            everyDays: plan.interval.everyDays,
            ...(plan.interval.monthlyOn ? { monthlyOn: plan.interval.monthlyOn } : {}),
            firstDate: plan.firstDate,
            shippingAddressId: plan.address.id,
            delivery: plan.delivery,
          },
        },
      };
    case 'skip':
      return {
        frame: saving,
        say: [],
        effect: {
          type: 'changeSubscription',
          subscriptionId: plan.subscription.id,
          change: { kind: 'skip', cycleDate: plan.cycleDate },
          idempotencyKey: skipKey(plan.subscription.id, plan.cycleDate),
        },
      };
    case 'patch':
      return {
        frame: saving,
        say: [],
        effect: {
          type: 'changeSubscription',
          subscriptionId: plan.subscription.id,
          change: { kind: 'patch', patch: plan.patch },
          idempotencyKey: `${key}:${plan.subscription.id}:patch`,
        },
      };
    case 'status':
      return {
        frame: saving,
        say: [],
        effect: {
          type: 'changeSubscription',
          subscriptionId: plan.subscription.id,
          change: { kind: 'patch', patch: { status: plan.status } },
          idempotencyKey: `${key}:${plan.subscription.id}:${plan.status}`,
        },
      };
  }
}

function doneSay(plan: Plan, s: Subscription): Say {
  const interval = intervalParam(intervalOf(s));
  switch (plan.kind) {
    case 'create':
      return { key: 'sub.done.create', params: { product: s.name, interval, date: day(s.nextDate) } };
    case 'patch':
      return { key: 'sub.done.change', params: { product: s.name, interval, date: day(s.nextDate) } };
    case 'skip':
      return { key: 'sub.done.skip', params: { product: s.name, next: day(s.nextDate) } };
    case 'status':
      if (plan.status === 'paused') return { key: 'sub.done.pause', params: { product: s.name } };
      if (plan.status === 'active') return { key: 'sub.done.resume', params: { product: s.name, date: day(s.nextDate) } };
      return { key: 'sub.done.cancel', params: { product: s.name } };
  }
}

/** The terms of a subscription a confirmation shows: another value of any of them means it was changed meanwhile. */
const termsOf = (s: Subscription): string =>
  JSON.stringify([s.status, s.quantity, s.everyDays, s.monthlyOn ?? null, s.nextDate, s.place.addressId, s.delivery, s.unitPrice]);

/** A change's terms as a request, to be applied again to the subscription as it is now. */
function requestOfPatch(plan: Extract<Plan, { kind: 'patch' }>, request: SubscriptionRequest): SubscriptionRequest {
  const { patch, preview } = plan;
  const interval = patch.everyDays !== undefined || patch.monthlyOn !== undefined;
  return {
    action: 'change',
    skus: request.skus,
    ...(patch.quantity !== undefined ? { quantity: patch.quantity } : {}),
    ...(interval ? { interval: { everyDays: preview.everyDays, ...(preview.monthlyOn ? { monthlyOn: preview.monthlyOn } : {}) } } : {}),
    ...(patch.nextDate !== undefined ? { date: patch.nextDate } : {}),
    ...(patch.shippingAddressId !== undefined ? { placeType: preview.place.type } : {}),
    ...(patch.delivery === 'dawn' ? { dawn: true } : {}),
  };
}

/**
 * A subscription change taken up again, against the subscriptions as they are now: nothing changed → it holds; the
 * subscription changed elsewhere meanwhile (another chat, the app, a person) → that is said and the change is planned
 * again on it as it is now (or it is already so, and nothing is done); a new subscription's price changed → said, asked again.
 */
function reread(frame: At<'rechecking'>, account: Account, ctx: DialogContext): Reread<SubscriptionFrame> {
  const { answered: _answered, step: _step, plan, ...rest } = frame;
  const next: At<'confirm'> = { ...rest, account, step: 'confirm', plan };
  const since: Say = { key: 'pending.changed.since' };
  if (plan.kind === 'create') {
    const existing = live(account).find((s) => s.sku === plan.product.sku);
    if (existing)
      return {
        changed: [since],
        then: {
          frame: null,
          say: [
            { key: 'sub.exists', params: { product: existing.name, interval: intervalParam(intervalOf(existing)), date: day(existing.nextDate) } },
          ],
        },
      };
    const now = account.bought.find((b) => b.sku === plan.product.sku);
    if (!now || Math.abs(now.unitPrice - plan.product.unitPrice) < 0.005) return { holds: next };
    const repriced: At<'confirm'> = { ...next, plan: { ...plan, product: { ...plan.product, unitPrice: now.unitPrice, currency: now.currency } } };
    const money = (amount: number, currency: string): Param => ({ kind: 'money', amount, currency });
    return {
      changed: [
        {
          key: 'pending.changed.price',
          params: { product: plan.product.name, from: money(plan.product.unitPrice, plan.product.currency), to: money(now.unitPrice, now.currency) },
        },
      ],
      // Priced again by the shop (the delivery fee may change with the price) before it is asked again.
      then: confirm(repriced, account, repriced.plan, ctx),
    };
  }
  const was = plan.subscription;
  const fresh = account.subscriptions.find((s) => s.id === was.id);
  if (fresh && termsOf(fresh) === termsOf(was)) return { holds: next };
  const product = was.name;
  if (!fresh || fresh.status === 'cancelled') return { changed: [since], then: { frame: null, say: [{ key: 'sub.list.none' }] } };
  if (plan.kind === 'patch') {
    const again = patchOf(fresh, account, requestOfPatch(plan, frame.request));
    if (!again)
      return {
        changed: [since],
        then: {
          frame: null,
          say: [{ key: 'sub.exists', params: { product, interval: intervalParam(intervalOf(fresh)), date: day(fresh.nextDate) } }],
        },
      };
    return {
      changed: [{ key: 'pending.changed.subscription', params: { product } }],
      then: confirm(next, account, { kind: 'patch', subscription: fresh, ...again }, ctx),
    };
  }
  // A skip, a pause, a resume or a cancellation: already so now → nothing to do; else planned again on it as it is.
  if (plan.kind === 'status' && plan.status === 'paused' && fresh.status === 'paused')
    return { changed: [since], then: { frame: null, say: [{ key: 'sub.already.paused', params: { product } }] } };
  if (plan.kind === 'status' && plan.status === 'active' && fresh.status === 'active')
    return { changed: [since], then: { frame: null, say: [{ key: 'sub.already.active', params: { product } }] } };
  if (plan.kind === 'skip' && fresh.status !== 'active')
    return { changed: [since], then: { frame: null, say: [{ key: 'sub.already.paused', params: { product } }] } };
  const { yes: _yes, ...request } = frame.request;
  return { changed: [{ key: 'pending.changed.subscription', params: { product } }], then: planFor({ ...next, request }, account, fresh, ctx) };
}

/** A correction at the confirmation ("make it three", "every 2 weeks instead", "to my office", "새벽배송으로"). */
function corrected(frame: At<'confirm'>, event: Utterance): Plan | null {
  const r = readRequest(event.entities, event.text);
  if (!hasTerms(r)) return null;
  const plan = frame.plan;
  if (plan.kind === 'create') {
    const interval = r.interval ?? plan.interval;
    const address = r.placeType ? (frame.account.addresses.find((a) => a.type === r.placeType) ?? plan.address) : plan.address;
    const first = r.date || r.interval ? firstCycleOnOrAfter(dayAfterToday(frame.account, r.date ?? plan.firstDate), interval) : plan.firstDate;
    return { ...plan, quantity: r.quantity ?? plan.quantity, interval, address, firstDate: first, delivery: r.dawn ? 'dawn' : plan.delivery };
  }
  if (plan.kind === 'patch') {
    const merged = patchOf(plan.preview, frame.account, r);
    if (!merged) return plan;
    return { kind: 'patch', subscription: plan.subscription, patch: { ...plan.patch, ...merged.patch }, preview: merged.preview };
  }
  return null;
}

function interpret(frame: SubscriptionFrame, event: DialogEvent, ctx: DialogContext): FlowStep<SubscriptionFrame> {
  if (event.type === 'result') {
    const r = event.result;
    if (r.type === 'loadSubscriptions' && frame.step === 'loading') {
      if (!r.ok) return failure<SubscriptionFrame>(null, r.transient, 'sub.failed');
      return decide(frame, accountOf(r, ctx), ctx);
    }
    if (r.type === 'loadSubscriptions' && frame.step === 'rechecking') {
      if (!r.ok) return failure<SubscriptionFrame>(null, r.transient, 'sub.failed');
      return afterRecheck<SubscriptionFrame>(
        frame.answered,
        reread(frame, accountOf(r, ctx), ctx),
        (f) => (f.step === 'confirm' ? [confirmSay(f.plan)] : []),
        (f) => (f.step === 'confirm' ? save(f, ctx) : { frame: f, say: [] }),
      );
    }
    if (r.type === 'quoteOrder' && frame.step === 'pricing' && frame.plan.kind === 'create') {
      // Without the shop's price no price is made up: nothing is started, and a person is offered.
      if (!r.ok) return failure<SubscriptionFrame>(null, r.transient, 'reorder.quote_failed');
      const plan: Plan = { ...frame.plan, quote: r.quote };
      return { frame: { ...frame, step: 'confirm', plan }, say: [confirmSay(plan)] };
    }
    if (r.type === 'changeSubscription' && frame.step === 'reminder_saving') {
      if (r.ok) return { frame: null, say: [{ key: 'sub.done.skip', params: { product: r.subscription.name, next: day(r.subscription.nextDate) } }] };
      return failedWrite<SubscriptionFrame>({ ...frame, step: 'reminded' }, r, 'sub.failed');
    }
    if ((r.type === 'createSubscription' || r.type === 'changeSubscription') && frame.step === 'saving') {
      const back: At<'confirm'> = { ...frame, step: 'confirm' };
      if (r.ok) return { frame: null, say: [doneSay(frame.plan, r.subscription)] };
      if (r.code === 'dawn_unavailable' && frame.plan.kind === 'create') {
        const plan: Plan = { ...frame.plan, delivery: 'standard' };
        return { frame: { ...back, plan }, say: [{ key: 'sub.dawn_unavailable', params: { product: plan.product.name } }, confirmSay(plan)] };
      }
      return failedWrite(back, r, 'sub.failed');
    }
    return { frame, say: [] };
  }

  switch (frame.step) {
    case 'choose_product': {
      // One of those offered, or anything else bought before that the message names (only three are offered).
      const named = namedSkus(event.entities);
      const picked =
        chooseByText(event.text, frame.candidates, (c) => c.name) ??
        frame.candidates.find((c) => named.includes(c.sku)) ??
        frame.account.bought.find((b) => named.includes(b.sku));
      if (!picked) return { frame, say: [{ key: 'not_understood.in_flow' }, whichProductSay(frame)] };
      const request = mergeRequest(frame.request, readRequest(event.entities, event.text));
      return createPlan({ ...frame, request }, frame.account, picked, ctx);
    }
    case 'ask_interval': {
      const r = readRequest(event.entities, event.text);
      if (!r.interval) return { frame, say: [{ key: 'not_understood.in_flow' }, askIntervalSay(frame)] };
      return createPlan({ ...frame, request: mergeRequest(frame.request, r) }, frame.account, frame.product, ctx);
    }
    case 'choose_subscription': {
      const names = labels(frame.options);
      const picked =
        chooseByText(event.text, frame.options, (s) => names[frame.options.indexOf(s)] ?? s.name) ??
        frame.options.find((s) => namedSkus(event.entities).includes(s.sku));
      if (!picked) return { frame, say: [{ key: 'not_understood.in_flow' }, whichSay(frame)] };
      return planFor({ ...frame, request: mergeRequest(frame.request, readRequest(event.entities, event.text)) }, frame.account, picked, ctx);
    }
    case 'ask_change': {
      const r = readRequest(event.entities, event.text);
      const changed = patchOf(frame.subscription, frame.account, r);
      if (!changed) return { frame, say: [{ key: 'not_understood.in_flow' }, askChangeSay(frame)] };
      return confirm(frame, frame.account, { kind: 'patch', subscription: frame.subscription, ...changed }, ctx);
    }
    case 'confirm': {
      // "No, make it three" / "아니 세 개로" is a correction, not a refusal; so is a yes that carries one ("네 세 개로요").
      const plan = corrected(frame, event);
      const differs = plan !== null && JSON.stringify(plan) !== JSON.stringify(frame.plan);
      if (plan && (event.intent !== 'affirm' || differs)) return confirm(frame, frame.account, plan, ctx);
      if (event.intent === 'affirm') return save(frame, ctx);
      if (event.intent === 'deny') return { frame: null, say: [{ key: 'sub.declined' }] };
      return { frame, say: [{ key: 'confirm.again', suggestions: yesNo }] };
    }
    case 'reminded':
      return atReminder(frame, event, ctx);
    case 'loading':
    case 'pricing':
    case 'saving':
    case 'reminder_saving':
    case 'rechecking':
      return { frame, say: [] };
  }
}

/** The question a subscription reminder asks, as sent and as asked again ("say that again"). */
const reminderSay = (offer: SubscriptionSkipOffer): Say => ({
  key: 'notify.subscription_reminder',
  params: { product: offer.name, quantity: String(offer.quantity), date: day(offer.cycleDate) },
  suggestions: yesNo,
});

/**
 * The answer to a reminder's "skip this one?": yes (or "skip it") skips that cycle — the reminder was the confirmation —
 * under the cycle's key, so a second yes, here or in another chat, skips nothing more; no keeps the delivery.
 */
function atReminder(frame: At<'reminded'>, event: Utterance, ctx: DialogContext): FlowStep<SubscriptionFrame> {
  const { offer } = frame;
  const r = readRequest(event.entities, event.text);
  if (event.intent === 'deny' && r.action !== 'skip') {
    return { frame: null, say: [{ key: 'sub.reminder.kept', params: { product: offer.name, date: day(offer.cycleDate) } }] };
  }
  if (event.intent === 'affirm' || r.action === 'skip') {
    return {
      frame: { ...frame, step: 'reminder_saving' },
      say: [],
      effect: {
        type: 'changeSubscription',
        subscriptionId: offer.subscriptionId,
        change: { kind: 'skip', cycleDate: offer.cycleDate },
        idempotencyKey: skipKey(offer.subscriptionId, offer.cycleDate),
      },
    };
  }
  // Another subscription request ("what subscriptions do I have?", "pause it"): the question lapses and it is taken on its own.
  if (event.intent === 'manage_subscription') return startFlow(event, ctx);
  return { frame, say: [{ key: 'confirm.again', suggestions: yesNo }] };
}

/** The frame a sent reminder puts on the conversation's stack (engine/interceptors/open-ask.ts), named by the notice. */
export function reminderFrame(noticeId: string, offer: SubscriptionSkipOffer): SubscriptionFrame {
  return { flow: 'manage_subscription', id: noticeId, step: 'reminded', request: { action: 'skip', skus: [] }, offer };
}

/** The terms of a later message added to the request (the action and products of the first stay). */
const mergeRequest = (first: SubscriptionRequest, later: SubscriptionRequest): SubscriptionRequest => ({
  ...first,
  ...Object.fromEntries(Object.entries(later).filter(([k, v]) => v !== undefined && k !== 'skus' && k !== 'action' && k !== 'yes')),
});

const TERMS = new Set(['quantity', 'interval', 'date', 'place', 'time_window']);

function startFlow(event: Utterance, ctx: DialogContext): FlowStep<SubscriptionFrame> {
  return {
    frame: { flow: 'manage_subscription', id: ctx.messageId, step: 'loading', request: readRequest(event.entities, event.text) },
    say: [],
    effect: { type: 'loadSubscriptions', customerId: ctx.customerId },
  };
}

/** Start, list, skip, pause, resume, change or cancel a subscription (정기배송): every change confirmed, sent once. */
export const subscriptionFlow: FlowDef<SubscriptionFrame> = {
  steps: {
    loading: { awaiting: null },
    choose_product: { awaiting: 'product' },
    ask_interval: { awaiting: 'interval' },
    choose_subscription: { awaiting: 'subscription' },
    ask_change: { awaiting: 'change' },
    confirm: { awaiting: 'confirmation' },
    pricing: { awaiting: null },
    saving: { awaiting: null },
    rechecking: { awaiting: null },
    // An offer Smile made first (a reminder): a message that does not answer it lets it lapse and is taken on its own.
    reminded: { awaiting: 'confirmation', lapses: true },
    reminder_saving: { awaiting: null },
  },
  start: startFlow,
  interpret,
  recheck(frame, answered, ctx) {
    if (frame.step !== 'confirm') return null;
    return { frame: { ...frame, step: 'rechecking', answered }, say: [], effect: { type: 'loadSubscriptions', customerId: ctx.customerId } };
  },
  prompt(frame) {
    switch (frame.step) {
      case 'choose_product':
        return [whichProductSay(frame)];
      case 'ask_interval':
        return [askIntervalSay(frame)];
      case 'choose_subscription':
        return [whichSay(frame)];
      case 'ask_change':
        return [askChangeSay(frame)];
      case 'confirm':
        return [confirmSay(frame.plan)];
      case 'reminded':
        return [reminderSay(frame.offer)];
      case 'loading':
      case 'pricing':
      case 'saving':
      case 'reminder_saving':
      case 'rechecking':
        return [];
    }
  },
  // The terms of a subscription answer its questions and correct its confirmation; a product answers "which one?".
  answers: (frame, event) => {
    const terms = event.entities.some((e) => TERMS.has(e.type) && !e.negated);
    switch (frame.step) {
      case 'ask_interval':
        return event.entities.some((e) => e.type === 'interval');
      case 'ask_change':
        return terms;
      case 'confirm':
        return terms && (frame.plan.kind === 'create' || frame.plan.kind === 'patch');
      case 'reminded':
        // "Skip it" / "이번 건 건너뛰어" answers the reminder's question as a yes would.
        return event.entities.some((e) => e.type === 'subscription_action' && e.value === 'skip');
      case 'choose_product': {
        // "기저귀 다시 시켜줘" while Smile asks which product to subscribe to is a new request, unless it names one offered.
        const named = namedSkus(event.entities);
        const offered = frame.candidates.some((c) => named.includes(c.sku));
        return named.length > 0 && (offered || !(OTHER_REQUESTS.has(event.intent) && event.confidence >= 0.9));
      }
      case 'choose_subscription':
        return event.entities.some((e) => e.type === 'product');
      case 'loading':
      case 'pricing':
      case 'saving':
      case 'reminder_saving':
      case 'rechecking':
        return false;
    }
  },
};
