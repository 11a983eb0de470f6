import { EventEmitter } from 'node:events';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Order } from '../domain/commerce.js';
import { AppError } from '../domain/errors.js';
import { HIGH_PRIORITY_REASONS, type DeliveryReport, type EscalationReason } from '../domain/escalation.js';
import type { Locale } from '../domain/locale.js';
import { say, type FixedKeysOf, type PromptKey } from '../prompts/index.js';
import { nextEventTime, type Store, type TranscriptEvent } from '../store/port.js';
import type { LlmPort } from '../ports/llm.js';
import type { Broadcast } from '../ports/shared.js';
import type { Agent } from './agents.js';
import { isStaffed, nextOpening, type StaffedHours } from './hours.js';
import { summarise, summaryText, type SummaryLine } from './summary.js';

export type { Escalation, EscalationRequest, EscalationStatus, Priority } from '../domain/escalation.js';
export type { SupportPort } from '../ports/support.js';
import { EscalationStatus, Priority, type Escalation, type EscalationRequest } from '../domain/escalation.js';
import type { SupportPort } from '../ports/support.js';

/** A reported problem named in the agent's language, never by its code. */
const PROBLEM_LABEL = {
  not_received: 'problem.label.not_received',
  damaged: 'problem.label.damaged',
  wrong_item: 'problem.label.wrong_item',
  wrong_place: 'problem.label.wrong_place',
} as const satisfies Record<DeliveryReport['problem'], PromptKey>;

/** Whether an agent with the console open takes conversations now. */
export type Presence = 'available' | 'away';

/** A channel's way of reaching the customer with a person's message (Bot Framework proactively; others on their own). */
export type Delivery = (escalation: Escalation, text: string, from: 'agent' | 'system') => Promise<void>;

export interface SupportEvent {
  type: string;
  escalationId: string;
  conversationId: string;
  by?: string;
  text?: string;
  at: string;
}

const SUPPORT_EVENTS = 'support-events';
/** Events for the customer's own stream only (never the agent console's). */
export type CustomerOnlyEvent = 'notice' | 'resumed';
const CUSTOMER_ONLY = new Set<string>(['notice', 'resumed'] satisfies CustomerOnlyEvent[]);
/** An event as it comes back from the broadcast (another instance's): read, not trusted to be well formed. */
const SupportEventSchema = z.object({
  type: z.string(),
  escalationId: z.string(),
  conversationId: z.string(),
  by: z.string().optional(),
  text: z.string().optional(),
  at: z.string(),
});

/** What the agent reads as the reason. */
const REASON_SAY: Record<EscalationReason, FixedKeysOf<'reason.handoff.'>> = {
  customer_request: 'reason.handoff.customer_request',
  misunderstood: 'reason.handoff.misunderstood',
  failed_effect: 'reason.handoff.failed_effect',
  frustration: 'reason.handoff.frustration',
  policy_unknown: 'reason.handoff.policy_unknown',
  dead_end: 'reason.handoff.dead_end',
  delivery_problem: 'reason.handoff.delivery_problem',
};

export interface SupportMetrics {
  created(intent: string, reason: string): void;
  firstReply(seconds: number): void;
  closed(outcome: 'resolved' | 'handed_back'): void;
}

/**
 * The escalation queue: one open escalation per conversation, claims that two agents cannot both win, notes,
 * replies relayed to the customer's channel, and live events for the console.
 */
export class SupportService implements SupportPort {
  readonly events = new EventEmitter();
  private readonly deliveries = new Map<string, Delivery>();
  /** Agents with the console open, and whether they said they are available or away (issue 18). */
  private readonly presence = new Map<string, { status: Presence; since: string; connections: number }>();

  constructor(
    private readonly store: Store,
    private readonly hours: StaffedHours,
    private readonly clock: () => Date = () => new Date(),
    private readonly agentLocale: Locale = 'en-US',
    private readonly metrics?: SupportMetrics,
  ) {
    this.events.setMaxListeners(1000);
  }

  registerDelivery(channel: string, delivery: Delivery): void {
    this.deliveries.set(channel, delivery);
  }

  private broadcast: Broadcast | undefined;

  /**
   * Several instances (REDIS_URL): every event goes out through the broadcast and every instance's listeners hear it,
   * so an agent on one instance sees a customer writing through another, and the customer gets the agent's reply live.
   */
  shareEventsThrough(broadcast: Broadcast): void {
    this.broadcast = broadcast;
    broadcast.subscribe(SUPPORT_EVENTS, (payload) => {
      const event = SupportEventSchema.safeParse(payload);
      if (event.success) this.hear(event.data);
    });
  }

  private emit(event: Omit<SupportEvent, 'at'>): void {
    const full = { ...event, at: this.clock().toISOString() };
    if (this.broadcast) this.broadcast.publish(SUPPORT_EVENTS, full);
    else this.hear(full);
  }

  private hear(event: SupportEvent): void {
    // What is only for the customer's stream (a notice, a request resumed after sign-in) is not the console's business.
    if (!CUSTOMER_ONLY.has(event.type)) this.events.emit('event', event);
    this.events.emit(`conversation:${event.conversationId}`, event);
  }

  /**
   * People answer now when it is within staffed hours and, once any agent has the console open, at least one of them
   * is available: when everyone present is away, customers are queued and told a person answers later.
   */
  /**
   * Something for the customer's live stream that is not about an escalation: a delivery notice in their chat, or the
   * answer to the request that waited for them to sign in (account linking).
   */
  announce(conversationId: string, type: CustomerOnlyEvent): void {
    // Only the conversation's own stream hears it, on whichever instance the customer's stream is open (the broadcast).
    this.emit({ type, escalationId: '', conversationId });
  }

  staffedNow(): { staffed: boolean; opensAt: string | null } {
    const now = this.clock();
    const inHours = isStaffed(this.hours, now);
    const present = [...this.presence.values()];
    const someoneAvailable = present.length === 0 || present.some((p) => p.status === 'available');
    if (inHours && someoneAvailable) return { staffed: true, opensAt: null };
    return { staffed: false, opensAt: inHours ? null : (nextOpening(this.hours, now)?.toISOString() ?? null) };
  }

  /** An agent's console connected (their presence starts as they last set it, else available) or disconnected. */
  connected(agent: Agent, on: boolean): void {
    const current = this.presence.get(agent.username);
    const connections = (current?.connections ?? 0) + (on ? 1 : -1);
    if (connections <= 0) this.presence.delete(agent.username);
    else
      this.presence.set(agent.username, { status: current?.status ?? 'available', since: current?.since ?? this.clock().toISOString(), connections });
    this.emit({ type: 'presence', escalationId: '', conversationId: '', by: agent.username });
  }

  setPresence(agent: Agent, status: Presence): void {
    const current = this.presence.get(agent.username);
    this.presence.set(agent.username, { status, since: this.clock().toISOString(), connections: current?.connections ?? 0 });
    this.emit({ type: 'presence', escalationId: '', conversationId: '', by: agent.username });
  }

  team(): Array<{ username: string; status: Presence; since: string }> {
    return [...this.presence].map(([username, p]) => ({ username, status: p.status, since: p.since }));
  }

  async escalate(request: EscalationRequest, _idempotencyKey: string, orders: Order[] = []): Promise<Escalation> {
    const existing = await this.openFor(request.conversationId);
    if (existing) return existing;
    const now = this.clock();
    const id = `esc-${createHash('sha256').update(`${request.conversationId}:${now.toISOString()}`).digest('hex').slice(0, 16)}`;
    const priority: Priority = HIGH_PRIORITY_REASONS.has(request.reason) ? 'high' : 'normal';
    const from = nextOpening(this.hours, now) ?? now;
    const slaDueAt = new Date(from.getTime() + (priority === 'high' ? 15 : 60) * 60_000).toISOString();
    const recent = [...orders]
      .sort((a, b) => Date.parse(b.placedAt) - Date.parse(a.placedAt))
      .slice(0, 5)
      .map((o) => ({
        id: o.id,
        status: o.status,
        items: o.items.map((i) => `${i.quantity} × ${i.name}`).join(', '),
        total: o.total,
        currency: o.currency,
      }));
    const escalation: Escalation = {
      ...request,
      id,
      status: 'queued',
      priority,
      createdAt: now.toISOString(),
      slaDueAt,
      orders: recent,
      notes: [],
      summary:
        say(this.agentLocale, 'summary.template', {
          reason: say(this.agentLocale, REASON_SAY[request.reason]),
          intent: request.intent ?? '—',
          last: request.lastMessage ?? '—',
          orders: String(recent.length),
        }) +
        (request.voice
          ? ` ${say(this.agentLocale, 'summary.voice', {
              flow: request.voice.failedFlow ?? '—',
              wanted: request.voice.wanted ?? '—',
              count: String(request.voice.turns.length),
            })}`
          : '') +
        (request.customerId ? '' : ` ${say(this.agentLocale, 'summary.account_unknown')}`) +
        (request.delivery ? `\n${this.deliverySummary(request.delivery)}` : ''),
    };
    // Opening is atomic in the store, so two turns escalating at once make one escalation.
    const opened = await this.store.escalations.openOnce(escalation);
    if (!opened.created) return opened.escalation;
    this.metrics?.created(request.intent ?? 'none', request.reason);
    this.emit({ type: 'escalation_created', escalationId: id, conversationId: request.conversationId });
    return escalation;
  }

  /** A reported delivery problem for the agent: the shipment, the courier's record, and the customer's words (the problem named in the agent's language, never its code). */
  private deliverySummary(d: DeliveryReport): string {
    const pod = d.proofOfDelivery;
    const proof = pod
      ? [pod.deliveredAt, pod.leftAt, pod.method, pod.photoUrl, pod.location && `${pod.location.lat},${pod.location.lng}`, pod.courier]
          .filter(Boolean)
          .join(' · ')
      : say(this.agentLocale, 'summary.delivery.no_proof');
    return say(this.agentLocale, 'summary.delivery', {
      problem: say(this.agentLocale, PROBLEM_LABEL[d.problem]),
      shipment: d.shipment.id,
      orderId: d.shipment.orderId,
      proof,
      description: d.description || '—',
    });
  }

  async openFor(conversationId: string): Promise<Escalation | null> {
    return this.store.escalations.openFor(conversationId);
  }

  private async load(id: string): Promise<Escalation> {
    const esc = await this.store.escalations.get(id);
    if (!esc) throw new AppError('not_found', `No escalation ${id}`, 404);
    return esc;
  }

  /** Agents see the queue and what they claimed; supervisors see everything. */
  private canSee(agent: Agent, esc: Escalation): boolean {
    return agent.role === 'supervisor' || esc.status === 'queued' || esc.claimedBy === agent.username;
  }

  private mustOwn(agent: Agent, esc: Escalation): void {
    if (esc.status === 'resolved' || esc.status === 'handed_back')
      throw new AppError('escalation_closed', 'This conversation is already closed', 409);
    if (esc.claimedBy !== agent.username && agent.role !== 'supervisor') {
      throw new AppError(
        esc.claimedBy ? 'claimed_elsewhere' : 'not_claimed',
        esc.claimedBy ? `Claimed by ${esc.claimedBy}` : 'Claim it first',
        esc.claimedBy ? 403 : 409,
      );
    }
  }

  async list(
    agent: Agent,
    filter: { status?: string; channel?: string; priority?: string } = {},
  ): Promise<Array<Escalation & { ageSeconds: number }>> {
    const now = this.clock().getTime();
    // A status or priority that is not one of ours matches nothing, as it always has.
    const status = filter.status ? EscalationStatus.safeParse(filter.status) : null;
    const priority = filter.priority ? Priority.safeParse(filter.priority) : null;
    if (status?.success === false || priority?.success === false) return [];
    return (await this.store.escalations.list({ status: status?.data, priority: priority?.data, channel: filter.channel || undefined }))
      .filter((e) => this.canSee(agent, e))
      .map((e) => ({ ...e, ageSeconds: Math.round((now - Date.parse(e.createdAt)) / 1000) }))
      .sort((a, b) => (a.priority === b.priority ? a.createdAt.localeCompare(b.createdAt) : a.priority === 'high' ? -1 : 1));
  }

  /** An escalation with its transcript and summary, the summary in the agent's language (their console's, else Smile's setting). */
  async detail(agent: Agent, id: string, locale?: Locale): Promise<{ escalation: Escalation; transcript: TranscriptEvent[]; brief: SummaryLine[] }> {
    const escalation = await this.load(id);
    if (!this.canSee(agent, escalation)) throw new AppError('forbidden', 'Claimed by another agent', 403);
    const transcript = await this.store.transcript.list(escalation.conversationId, { limit: 500 });
    return { escalation, transcript, brief: summarise(escalation, transcript, locale ?? this.agentLocale) };
  }

  /**
   * Resolved and handed-back conversations whose customer, summary, notes or words contain `query` (any case), newest
   * first: the store's status index finds the closed ones, then each is matched with its transcript. Agents see what
   * they closed; supervisors everything.
   */
  async searchClosed(agent: Agent, query: string, limit = 20): Promise<Array<Escalation & { match: string }>> {
    const q = query.trim().toLowerCase();
    const closed = (await Promise.all([this.store.escalations.list({ status: 'resolved' }), this.store.escalations.list({ status: 'handed_back' })]))
      .flat()
      .filter((e) => agent.role === 'supervisor' || e.claimedBy === agent.username)
      .sort((a, b) => (b.closedAt ?? b.createdAt).localeCompare(a.closedAt ?? a.createdAt))
      .slice(0, 500);
    const found: Array<Escalation & { match: string }> = [];
    for (const e of closed) {
      if (found.length >= limit) break;
      const fields = [e.customerId ?? '', e.summary, e.lastMessage ?? '', ...e.notes.map((n) => n.text)];
      let match = fields.find((f) => f.toLowerCase().includes(q));
      if (!match) {
        const transcript = await this.store.transcript.list(e.conversationId, { limit: 500 });
        match = transcript.find((t) => t.text.toLowerCase().includes(q))?.text;
      }
      if (match !== undefined) found.push({ ...e, match });
    }
    return found;
  }

  /** Atomic: the claim is an insert, so of two agents claiming at once exactly one wins; the other gets 409. */
  async claim(agent: Agent, id: string): Promise<Escalation> {
    const esc = await this.load(id);
    if (esc.status !== 'queued')
      throw new AppError('already_claimed', esc.claimedBy ? `Already claimed by ${esc.claimedBy}` : 'This conversation is closed', 409);
    const claim = await this.store.escalations.claim(id, agent.username, this.clock().toISOString());
    if (!claim.won) throw new AppError('already_claimed', `Already claimed by ${claim.holder ?? 'someone else'}`, 409);
    const claimed = claim.escalation;
    this.emit({ type: 'claimed', escalationId: id, conversationId: esc.conversationId, by: agent.username });
    await this.deliver(claimed, say(claimed.locale, 'handoff.agent_joined', { agent: shownName(agent, claimed.locale) }), 'system');
    return claimed;
  }

  /** What a person writes reaches the customer's channel and the transcript. */
  async agentMessage(agent: Agent, id: string, text: string): Promise<Escalation> {
    let esc = await this.load(id);
    this.mustOwn(agent, esc);
    if (!esc.firstAgentReplyAt) {
      const firstAgentReplyAt = this.clock().toISOString();
      esc = { ...esc, firstAgentReplyAt };
      await this.store.escalations.save(esc);
      this.metrics?.firstReply((Date.parse(firstAgentReplyAt) - Date.parse(esc.createdAt)) / 1000);
    }
    await this.deliver(esc, text, 'agent', agent.username);
    return esc;
  }

  async note(agent: Agent, id: string, text: string): Promise<Escalation> {
    const esc = await this.load(id);
    if (!this.canSee(agent, esc)) throw new AppError('forbidden', 'Claimed by another agent', 403);
    const next = { ...esc, notes: [...esc.notes, { by: agent.username, at: this.clock().toISOString(), text }] };
    await this.store.escalations.save(next);
    this.emit({ type: 'note', escalationId: id, conversationId: esc.conversationId, by: agent.username });
    return next;
  }

  /** Resolve (the matter is settled) or hand back (the bot takes over again); either way the customer is told. */
  async close(agent: Agent, id: string, outcome: 'resolved' | 'handed_back'): Promise<Escalation> {
    const esc = await this.load(id);
    this.mustOwn(agent, esc);
    const closed = await this.finish(esc, outcome, agent.username);
    await this.deliver(closed, say(esc.locale, outcome === 'resolved' ? 'handoff.resolved' : 'handoff.handed_back'), 'system');
    return closed;
  }

  private async finish(esc: Escalation, outcome: 'resolved' | 'handed_back', by: string): Promise<Escalation> {
    const closed = await this.store.escalations.close({ ...esc, status: outcome, closedAt: this.clock().toISOString(), closedBy: by });
    this.metrics?.closed(outcome);
    this.emit({ type: outcome, escalationId: esc.id, conversationId: esc.conversationId, by });
    return closed;
  }

  /** "Back to the bot" / "챗봇으로": the customer ends the handoff themselves. */
  async customerLeft(escalation: Escalation): Promise<Escalation> {
    return this.finish(escalation, 'handed_back', 'customer');
  }

  async customerMessage(escalation: Escalation, text: string): Promise<void> {
    this.emit({ type: 'customer_message', escalationId: escalation.id, conversationId: escalation.conversationId, text });
  }

  async requestCallback(escalationId: string, phone: string): Promise<Escalation> {
    const esc = await this.load(escalationId);
    const next = { ...esc, callback: { phone, requestedAt: this.clock().toISOString() } };
    await this.store.escalations.save(next);
    this.emit({ type: 'callback_requested', escalationId, conversationId: esc.conversationId });
    return next;
  }

  /**
   * For the agent: a summary in the agent's language and up to three replies to send or edit — from the LLM when
   * one is configured and answers acceptably, otherwise the template summary and no suggestions.
   */
  async assist(agent: Agent, id: string, llm?: LlmPort): Promise<{ summary: string; suggestions: string[]; source: 'llm' | 'template' }> {
    const { escalation, transcript } = await this.detail(agent, id);
    const fromLlm = llm
      ? await llm.assist(
          transcript.map((e) => ({ from: e.from, text: e.text })),
          this.agentLocale === 'ko-KR' ? 'ko-KR' : 'en-US',
        )
      : null;
    if (fromLlm) return { summary: fromLlm.summary, suggestions: fromLlm.replies, source: 'llm' };
    return { summary: summaryText(summarise(escalation, transcript, this.agentLocale)), suggestions: [], source: 'template' };
  }

  async queuePosition(escalation: Escalation): Promise<number> {
    // High priority is answered first, then oldest first: the order the console shows agents.
    const queued = await this.store.escalations.list({ status: 'queued' });
    const rank = (e: Escalation): [number, string] => [e.priority === 'high' ? 0 : 1, e.createdAt];
    const ahead = queued.filter((e) => {
      const [p, at] = rank(e);
      const [mp, mat] = rank(escalation);
      return e.id !== escalation.id && (p < mp || (p === mp && at < mat));
    });
    return ahead.length + 1;
  }

  async queueLength(): Promise<{ queued: number; active: number }> {
    const [queued, active] = await Promise.all([
      this.store.escalations.list({ status: 'queued' }),
      this.store.escalations.list({ status: 'active' }),
    ]);
    return { queued: queued.length, active: active.length };
  }

  /** Records the message in the transcript, pushes it to the channel when the channel can be pushed to, and tells listeners. */
  private async deliver(esc: Escalation, text: string, from: 'agent' | 'system', by?: string): Promise<void> {
    const at = new Date(await nextEventTime(this.store, esc.conversationId, this.clock())).toISOString();
    const expiresAt = new Date(Date.parse(at) + 90 * 86_400_000).toISOString();
    await this.store.transcript.append([{ conversationId: esc.conversationId, at, from, text, expiresAt }]);
    this.emit({ type: 'agent_message', escalationId: esc.id, conversationId: esc.conversationId, text, ...(by ? { by } : {}) });
    const delivery = this.deliveries.get(esc.channel);
    if (delivery) await delivery(esc, text, from);
  }
}

/** What a customer is told a person is called: the display name, never the sign-in name ("a member of our team"). */
export function shownName(agent: Agent, locale: Locale): string {
  return agent.displayName ?? say(locale, 'agent.unnamed');
}
