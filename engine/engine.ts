import { Mutex } from 'async-mutex';
import type { Logger } from 'pino';
import { step } from '../dialogs/conversation.js';
import { initialState, type DialogContext, type DialogEvent, type DialogState, type Effect, type EffectResult, type Say } from '../dialogs/types.js';
import type { Customer, Order } from '../domain/commerce.js';
import { AppError } from '../domain/errors.js';
import type { CommercePort, LogisticsPort } from '../integrations/ports.js';
import { Locale, dateValueOf, type Entity, type IntentName } from '../nlu/catalogue.js';
import { localDate } from '../nlu/dates.js';
import { isPolicyQuestion, PolicyIndex } from '../nlu/policies.js';
import type { LlmPort } from '../integrations/llm.js';
import type { CatalogueItem } from '../nlu/entities.js';
import { detectLocale, type Nlu } from '../nlu/nlu.js';
import { nextEventTime } from '../store/transcript-time.js';
import { StoreUnavailableError, VersionConflictError, type ConversationRecord, type Store, type TranscriptEvent } from '../store/port.js';
import type { SupportPort } from '../support/escalations.js';
import { say as prompt } from '../prompts/index.js';
import { render, renderParam } from './render.js';
import { reorderSuggestions } from './suggestions.js';
import type { Reply, Turn } from './types.js';

export interface EngineMetrics {
  turn(channel: string, intent: string, seconds: number): void;
  effect(name: string, outcome: 'ok' | 'error'): void;
  error(kind: string): void;
}

export interface EngineDeps {
  store: Store;
  nlu: Nlu;
  commerce: CommercePort;
  logistics: LogisticsPort;
  support: SupportPort;
  logger: Logger;
  metrics?: EngineMetrics;
  clock?: () => Date;
  /** How long transcripts and processed turns are kept. */
  retentionDays?: number;
  /** The optional LLM: asked only when the local understanding is unsure, and for policy answers. */
  llm?: LlmPort;
}

const DEFAULT_ZONE: Record<Locale, string> = { 'en-US': 'America/Los_Angeles', 'ko-KR': 'Asia/Seoul' };
/** Below this, the local classifier is unsure and the LLM (when configured) is asked. */
const UNSURE_BELOW = 0.6;
/** A speaker must answer within about 2.5 s in all. */
const VOICE_BUDGET_MS = 2500;
/** The least retrieval score at which a policy passage is taken to answer a question. */
const POLICY_MIN_SCORE = 0.2;
const MAX_EFFECTS_PER_TURN = 8;
const RECENT_REPLIES = 10;

/** What the engine keeps in a conversation record: the dialog state and the replies to the last few messages. */
interface StoredState { dialog: DialogState; recent: Array<{ messageId: string; reply: Reply }> }

/** "back to the bot", "talk to the bot", "챗봇으로", "봇이랑 할래": the customer ends a handoff. */
function isBackToBot(text: string): boolean {
  return /\b(?:back to (?:the )?(?:bot|smile)|talk to (?:the )?bot|bot please)\b|챗봇으로|봇이랑|봇으로 돌아/i.test(text);
}

function readStoredState(raw: unknown): StoredState {
  const s = raw as Partial<StoredState> | null | undefined;
  if (s && typeof s === 'object' && s.dialog && Array.isArray(s.recent)) return { dialog: s.dialog, recent: s.recent };
  return { dialog: initialState(), recent: [] };
}

/** A short-lived per-customer cache of profile and order history, so understanding a turn does not cost two API calls. */
class TtlCache<T> {
  private readonly entries = new Map<string, { at: number; value: T }>();
  constructor(private readonly ttlMs: number, private readonly clock: () => Date) {}
  get(key: string): T | undefined {
    const e = this.entries.get(key);
    if (!e || this.clock().getTime() - e.at > this.ttlMs) return undefined;
    return e.value;
  }
  set(key: string, value: T): void {
    if (this.entries.size > 10_000) this.entries.clear();
    this.entries.set(key, { at: this.clock().getTime(), value });
  }
  delete(key: string): void { this.entries.delete(key); }
}

/**
 * The turn loop: load state, understand, step the dialog, run its effects through the ports, save, reply.
 * Turns of one conversation run one at a time; a repeated (conversationId, messageId) gets the first reply.
 */
export class Engine {
  private readonly locks = new Map<string, { mutex: Mutex; users: number }>();
  private readonly clock: () => Date;
  private readonly profiles: TtlCache<Customer>;
  private readonly histories: TtlCache<Order[]>;
  private readonly policies: Partial<Record<Locale, PolicyIndex>> = {};

  constructor(private readonly deps: EngineDeps) {
    this.clock = deps.clock ?? (() => new Date());
    this.profiles = new TtlCache(60_000, this.clock);
    this.histories = new TtlCache(60_000, this.clock);
  }

  async handle(turn: Turn): Promise<Reply> {
    try {
      return await this.handleOnce(turn);
    } catch (err) {
      if (!(err instanceof StoreUnavailableError)) throw err;
      // Nothing was recorded for this message, so the same message can be sent again once the store is back;
      // effects already sent carry idempotency keys and will not happen twice.
      this.deps.logger.error({ err: err.message, conversationId: turn.conversationId }, 'store unavailable');
      this.deps.metrics?.error('store_unavailable');
      const text = turn.input.type === 'text' ? turn.input.text : undefined;
      const locale = turn.locale ?? (text ? detectLocale(text) : null) ?? 'en-US';
      throw new AppError('temporarily_unavailable', prompt(locale, 'store_unavailable'), 503, { cause: err });
    }
  }

  private async handleOnce(turn: Turn): Promise<Reply> {
    const done = await this.deps.store.turns.get(turn.conversationId, turn.messageId);
    if (done) return this.replayed(done.reply, turn);
    return this.serialised(turn.conversationId, async () => {
      const again = await this.deps.store.turns.get(turn.conversationId, turn.messageId);
      if (again) return this.replayed(again.reply, turn);
      for (let attempt = 0; ; attempt += 1) {
        try {
          return await this.run(turn);
        } catch (err) {
          // Another instance saved this conversation meanwhile: run the turn again on the fresh state.
          // Effects carry idempotency keys, so nothing happens twice.
          if (err instanceof VersionConflictError && attempt < 2) continue;
          throw err;
        }
      }
    });
  }

  private replayed(reply: unknown, turn: Turn): Reply {
    const r = reply as Reply;
    if (r.conversationId !== turn.conversationId) throw new AppError('conversation_mismatch', 'Stored reply belongs to another conversation', 500);
    return r;
  }

  private async serialised<T>(key: string, fn: () => Promise<T>): Promise<T> {
    let entry = this.locks.get(key);
    if (!entry) { entry = { mutex: new Mutex(), users: 0 }; this.locks.set(key, entry); }
    entry.users += 1;
    try {
      return await entry.mutex.runExclusive(fn);
    } finally {
      entry.users -= 1;
      if (entry.users === 0) this.locks.delete(key);
    }
  }

  private async profile(customerId: string): Promise<Customer | null> {
    const cached = this.profiles.get(customerId);
    if (cached) return cached;
    try {
      const c = await this.deps.commerce.getCustomer(customerId);
      this.profiles.set(customerId, c);
      return c;
    } catch (err) {
      this.deps.logger.warn({ err: (err as Error).message, customerId }, 'profile unavailable; using channel defaults');
      return null;
    }
  }

  private async catalogue(customerId: string): Promise<CatalogueItem[] | undefined> {
    let orders = this.histories.get(customerId);
    if (!orders) {
      try {
        orders = await this.deps.commerce.listOrders(customerId);
        this.histories.set(customerId, orders);
      } catch {
        return undefined;
      }
    }
    const seen = new Map<string, CatalogueItem>();
    for (const o of orders) for (const i of o.items) if (!seen.has(i.sku)) seen.set(i.sku, { sku: i.sku, name: i.name });
    return [...seen.values()];
  }

  private chooseLocale(turn: Turn, record: ConversationRecord | null, profile: Customer | null, text: string | undefined): Locale {
    if (turn.locale) return turn.locale;
    const written = text ? detectLocale(text) : null;
    // A customer who writes in the other language is answered in it; otherwise the conversation keeps its language.
    if (written && /[가-힣]/.test(text ?? '') === (written === 'ko-KR')) {
      if (!record || record.locale !== written) return written;
    }
    const stored = Locale.safeParse(record?.locale);
    if (stored.success) return stored.data;
    return profile?.locale ?? written ?? 'en-US';
  }

  private async run(turn: Turn): Promise<Reply> {
    const { store, nlu, logger } = this.deps;
    const started = process.hrtime.bigint();
    const now = this.clock();
    const record = await store.conversations.get(turn.conversationId);
    if (record && (record.channel !== turn.channel || record.channelUserId !== turn.channelUserId)) {
      throw new AppError('conversation_forbidden', 'This conversation belongs to someone else', 403);
    }
    const stored = readStoredState(record?.state);
    // The conversation remembers its last replies by messageId, saved with the state in one conditional write,
    // so a message another instance has just answered is recognised even before its processed turn is recorded.
    const seen = stored.recent.find((r) => r.messageId === turn.messageId);
    if (seen) return seen.reply;
    const link = await store.links.get(turn.channel, turn.channelUserId);
    const customerId = link?.customerId ?? null;
    const profile = customerId ? await this.profile(customerId) : null;
    const text = turn.input.type === 'text' ? turn.input.text
      : turn.input.type === 'intent' ? Object.values(turn.input.slots).filter(Boolean).join(' ') || undefined : undefined;
    let locale = this.chooseLocale(turn, record, profile, text);
    const timeZone = profile?.timeZone ?? DEFAULT_ZONE[locale];
    let state: DialogState = stored.dialog;
    const says: Say[] = [];
    let intent: { name: IntentName; confidence: number } | null = null;
    let handoff: Reply['handoff'];
    let awaiting: string | null = null;
    let relayed = false;

    // While a person has the conversation (or will shortly, in staffed hours), the customer's words go to them.
    const escalation = customerId && text && turn.capabilities.liveChat ? await this.deps.support.openFor(turn.conversationId) : null;
    const relaying = escalation && (escalation.status === 'active' || this.deps.support.staffedNow().staffed);
    if (relaying && text && isBackToBot(text)) {
      await this.deps.support.customerLeft(escalation);
      says.push({ key: 'handoff.back_to_bot' });
      handoff = { escalationId: escalation.id, status: 'handed_back' };
      state = { ...state, stack: [] };
    } else if (relaying && text) {
      await this.deps.support.customerMessage(escalation, text);
      handoff = { escalationId: escalation.id, status: escalation.status };
      relayed = true;
    } else if (!customerId) {
      says.push({ key: 'identity.unlinked' });
    } else if (turn.input.type === 'event') {
      says.push({ key: 'greet', params: { name: profile?.name.split(' ')[0] ?? '' } });
    } else {
      let event: DialogEvent;
      if (turn.input.type === 'text') {
        const parsed = nlu.parse(turn.input.text, locale, { now, timeZone, catalogue: await this.catalogue(customerId) });
        // "한국어로 해줘" / "in English please": the conversation continues in that language from this reply on.
        if (parsed.command?.startsWith('language:')) locale = Locale.parse(parsed.command.slice('language:'.length));
        const policy = isPolicyQuestion(turn.input.text, locale) ? await this.policyAnswer(turn.input.text, locale) : undefined;
        let understood = { intent: parsed.intent, entities: parsed.entities };
        if (!policy && !parsed.command && (parsed.intent.confidence < UNSURE_BELOW || parsed.intent.name === 'out_of_scope')) {
          const budget = turn.capabilities.voice ? VOICE_BUDGET_MS - Number(process.hrtime.bigint() - started) / 1e6 : undefined;
          understood = await this.askLlm(turn.input.text, locale, timeZone, now, customerId, budget) ?? understood;
        }
        intent = understood.intent;
        event = {
          type: 'utterance', text: turn.input.text, intent: understood.intent.name, confidence: understood.intent.confidence, entities: understood.entities,
          ...(parsed.command ? { command: parsed.command } : {}), ...(parsed.frustrated ? { frustrated: true } : {}), ...(policy ? { policy } : {}),
        };
      } else {
        intent = { name: turn.input.intent, confidence: 1 };
        const words = text ?? '';
        const entities = words ? nlu.entities(words, locale, { now, timeZone, catalogue: await this.catalogue(customerId) }) : [];
        // Dates and numbers the assistant already resolved are taken as they are.
        for (const d of turn.input.dates ?? []) {
          const value = dateValueOf(d);
          if (value) entities.push({ type: 'date', value, text: d, start: 0, end: 0 });
        }
        for (const n of turn.input.numbers ?? []) if (!entities.some((e) => e.type === 'quantity')) entities.push({ type: 'quantity', value: n, text: String(n), start: 0, end: 0 });
        event = { type: 'utterance', text: words, intent: turn.input.intent, confidence: 1, entities };
      }
      const ctx: DialogContext = {
        conversationId: turn.conversationId, customerId, messageId: turn.messageId, locale, now: now.toISOString(), voice: turn.capabilities.voice,
        label: (p) => renderParam(p, locale, timeZone),
      };
      let result = step(state, event, ctx);
      says.push(...result.say);
      for (let i = 0; result.effect && i < MAX_EFFECTS_PER_TURN; i += 1) {
        const outcome = await this.runEffect(result.effect, turn, customerId, locale);
        if (outcome.type === 'escalate' && outcome.ok) handoff = { escalationId: outcome.escalationId, status: 'queued' };
        result = step(result.state, { type: 'result', result: outcome }, ctx);
        says.push(...result.say);
      }
      state = says.length ? { ...result.state, lastSaid: says } : result.state;
      awaiting = result.awaiting;
    }

    const messages = render(says, locale, timeZone);
    const top = state.stack.at(-1);
    const reply: Reply = {
      conversationId: turn.conversationId, messages, locale, intent,
      // With a person about to answer (or answering), the conversation is theirs until it is handed back.
      flow: relayed || (handoff?.status === 'queued' && turn.capabilities.liveChat && this.deps.support.staffedNow().staffed) ? 'human_handoff' : top?.flow ?? null,
      awaiting,
      ...(handoff ? { handoff } : {}),
    };
    const iso = now.toISOString();
    const expiresAt = new Date(now.getTime() + (this.deps.retentionDays ?? 90) * 86_400_000).toISOString();
    await store.conversations.save({
      id: turn.conversationId, channel: turn.channel, channelUserId: turn.channelUserId, customerId, locale,
      state: { dialog: state, recent: [...stored.recent, { messageId: turn.messageId, reply }].slice(-RECENT_REPLIES) } satisfies StoredState,
      createdAt: record?.createdAt ?? iso, updatedAt: iso,
    }, record?.version ?? null);
    const events: TranscriptEvent[] = [];
    const base = await nextEventTime(store, turn.conversationId, now);
    if (text) events.push({ conversationId: turn.conversationId, at: new Date(base).toISOString(), from: 'customer', text, messageId: turn.messageId, ...(intent ? { intent: intent.name } : {}), expiresAt });
    messages.forEach((m, i) => events.push({ conversationId: turn.conversationId, at: new Date(base + i + 1).toISOString(), from: 'bot', text: m.text, expiresAt }));
    await store.transcript.append(events);
    await store.turns.put({ conversationId: turn.conversationId, messageId: turn.messageId, reply, createdAt: iso, expiresAt });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    this.deps.metrics?.turn(turn.channel, intent?.name ?? 'none', seconds);
    logger.info({ conversationId: turn.conversationId, messageId: turn.messageId, channel: turn.channel, intent: intent?.name, confidence: intent?.confidence, flow: reply.flow, ms: Math.round(seconds * 1000) }, 'turn');
    return reply;
  }

  /**
   * When the local classifier is unsure, the LLM may name the intent and the words it found; the words go through
   * Smile's own entity extraction (the customer's catalogue included). It never acts: the dialog still confirms.
   */
  private async askLlm(text: string, locale: Locale, timeZone: string, now: Date, customerId: string, budgetMs?: number): Promise<{ intent: { name: IntentName; confidence: number }; entities: Entity[] } | null> {
    const { llm, nlu } = this.deps;
    if (!llm || (budgetMs !== undefined && budgetMs < 300)) return null;
    const u = await llm.understand(text, locale, localDate(now, timeZone), budgetMs);
    if (!u) return null;
    const words = [u.product, u.place, u.reason, u.timeOfDay].filter(Boolean).join(' ');
    const entities = words ? nlu.entities(words, locale, { now, timeZone, catalogue: await this.catalogue(customerId) }).map((e) => ({ ...e, start: 0, end: 0 })) : [];
    if (u.quantity) entities.push({ type: 'quantity', value: u.quantity, text: String(u.quantity), start: 0, end: 0 });
    const date = u.date ? dateValueOf(u.date) : null;
    if (u.date && date) entities.push({ type: 'date', value: date, text: u.date, start: 0, end: 0 });
    if (u.timeOfDay && !entities.some((e) => e.type === 'time_window')) entities.push({ type: 'time_window', value: { part: u.timeOfDay }, text: u.timeOfDay, start: 0, end: 0 });
    this.deps.logger.info({ intent: u.intent }, 'intent from the LLM fallback');
    return { intent: { name: u.intent, confidence: 0.7 }, entities };
  }

  /** Policy questions are answered only from the policy documents: by the LLM over the best passages, or by the best passage itself. */
  private async policyAnswer(question: string, locale: Locale): Promise<{ text: string; source: string } | { notCovered: true }> {
    const index = (this.policies[locale] ??= new PolicyIndex(locale));
    const passages = index.search(question, 3);
    if (this.deps.llm) {
      const answer = await this.deps.llm.answerPolicy(question, passages, locale);
      if (answer) {
        if (!answer.covered) return { notCovered: true };
        return { text: answer.answer, source: passages.find((p) => p.source === answer.source)?.title ?? answer.source };
      }
    }
    const best = passages[0];
    return best && best.score >= POLICY_MIN_SCORE ? { text: best.text, source: best.title } : { notCovered: true };
  }

  /**
   * A voice purchase code is checked by the commerce API; three wrong codes in a row lock voice ordering for the
   * customer (on every device and conversation) for ten minutes.
   */
  private async verifyVoiceCode(customerId: string, code: string): Promise<EffectResult> {
    const { store, commerce } = this.deps;
    const now = this.clock();
    const prefs = await store.preferences.get(customerId);
    if (prefs?.voiceLockedUntil && prefs.voiceLockedUntil > now.toISOString()) return { type: 'verifyVoiceCode', ok: true, valid: false, lockedUntil: prefs.voiceLockedUntil };
    const valid = await commerce.verifyVoiceCode(customerId, code);
    const failures = valid ? 0 : (prefs?.voiceCodeFailures ?? 0) + 1;
    const lockedUntil = failures >= 3 ? new Date(now.getTime() + 10 * 60_000).toISOString() : null;
    await store.preferences.put({
      ...prefs, customerId, updatedAt: now.toISOString(), voiceCodeFailures: lockedUntil ? 0 : failures,
      ...(lockedUntil ? { voiceLockedUntil: lockedUntil } : {}),
    });
    return { type: 'verifyVoiceCode', ok: true, valid, lockedUntil };
  }

  /** The courier note saved on the profile goes on every new delivery too; failing to add it never fails the order. */
  private async applySavedInstructions(customerId: string, orderId: string, key: string): Promise<void> {
    try {
      const note = (await this.deps.store.preferences.get(customerId))?.courierInstructions;
      if (!note) return;
      const shipment = (await this.deps.logistics.listShipments(customerId)).find((s) => s.orderId === orderId);
      if (shipment && shipment.instructions !== note) await this.deps.logistics.updateShipment(shipment.id, { instructions: note }, `${key}:note`);
    } catch (err) {
      this.deps.logger.warn({ err: (err as Error).message, orderId }, 'could not add the saved courier note to a new delivery');
    }
  }

  /** Profile, order history and what is running low, read fresh (and kept for understanding the next turns). */
  private async customerData(customerId: string): Promise<{ customer: Customer; orders: Order[]; suggestions: Array<{ sku: string; name: string }> }> {
    const [customer, orders] = await Promise.all([this.deps.commerce.getCustomer(customerId), this.deps.commerce.listOrders(customerId)]);
    this.profiles.set(customerId, customer);
    this.histories.set(customerId, orders);
    return { customer, orders, suggestions: reorderSuggestions(orders, this.clock()).map(({ sku, name }) => ({ sku, name })) };
  }

  private async runEffect(effect: Effect, turn: Turn, customerId: string, locale: Locale): Promise<EffectResult> {
    const { commerce, logistics, support, logger } = this.deps;
    try {
      let result: EffectResult;
      switch (effect.type) {
        case 'loadCustomer':
          result = { type: 'loadCustomer', ok: true, ...await this.customerData(effect.customerId) };
          break;
        case 'loadAccount': {
          const [data, shipments] = await Promise.all([this.customerData(effect.customerId), logistics.listShipments(effect.customerId)]);
          result = { type: 'loadAccount', ok: true, ...data, shipments };
          break;
        }
        case 'loadWindows':
          result = { type: 'loadWindows', ok: true, windows: await logistics.shipmentWindows(effect.shipmentId) };
          break;
        case 'loadPickupPoints':
          result = { type: 'loadPickupPoints', ok: true, points: await logistics.pickupPoints(effect.customerId, effect.pointType) };
          break;
        case 'updateShipments': {
          const shipments = [];
          for (const id of effect.shipmentIds) shipments.push(await logistics.updateShipment(id, effect.patch, `${effect.idempotencyKey}:${id}`));
          result = { type: 'updateShipments', ok: true, shipments };
          break;
        }
        case 'saveInstructions': {
          const prefs = await this.deps.store.preferences.get(effect.customerId);
          await this.deps.store.preferences.put({ ...prefs, customerId: effect.customerId, courierInstructions: effect.instructions, updatedAt: this.clock().toISOString() });
          result = { type: 'saveInstructions', ok: true };
          break;
        }
        case 'bookReturn':
          result = { type: 'bookReturn', ok: true, booked: await logistics.bookReturn(effect.request, effect.idempotencyKey) };
          this.histories.delete(customerId);
          break;
        case 'verifyVoiceCode':
          result = await this.verifyVoiceCode(effect.customerId, effect.code);
          break;
        case 'cancelOrder':
          result = { type: 'cancelOrder', ok: true, order: await commerce.cancelOrder(effect.orderId, effect.idempotencyKey) };
          this.histories.delete(customerId);
          break;
        case 'quoteDelivery':
          result = { type: 'quoteDelivery', ok: true, windows: await logistics.deliveryWindows(effect.customerId) };
          break;
        case 'placeOrder': {
          const order = await commerce.placeOrder(effect.request, effect.idempotencyKey);
          this.histories.delete(customerId);
          await this.applySavedInstructions(customerId, order.id, effect.idempotencyKey);
          result = { type: 'placeOrder', ok: true, order };
          break;
        }
        case 'escalate': {
          // The agent gets the customer's recent orders with the transcript; without them the escalation still goes.
          const orders = await commerce.listOrders(customerId).catch(() => []);
          const lastMessage = turn.input.type === 'text' ? turn.input.text : undefined;
          const esc = await support.escalate({
            conversationId: turn.conversationId, customerId, channel: turn.channel, channelUserId: turn.channelUserId, reason: effect.reason,
            intent: effect.intent, locale, ...(lastMessage ? { lastMessage } : {}),
          }, effect.idempotencyKey, orders);
          const hours = support.staffedNow();
          const phone = turn.capabilities.liveChat ? null : (this.profiles.get(customerId)?.phone ?? null);
          result = { type: 'escalate', ok: true, escalationId: esc.id, staffed: hours.staffed, opensAt: hours.opensAt, liveChat: turn.capabilities.liveChat, phone };
          break;
        }
        case 'requestCallback': {
          await support.requestCallback(effect.escalationId, effect.phone);
          const hours = support.staffedNow();
          result = { type: 'requestCallback', ok: true, opensAt: hours.opensAt };
          break;
        }
      }
      this.deps.metrics?.effect(effect.type, 'ok');
      return result;
    } catch (err) {
      const code = err instanceof AppError ? err.code : 'internal_error';
      const transient = code === 'dependency_unavailable' || (err instanceof AppError && err.status >= 500) || !(err instanceof AppError);
      logger.warn({ effect: effect.type, code, err: (err as Error).message, conversationId: turn.conversationId }, 'effect failed');
      this.deps.metrics?.effect(effect.type, 'error');
      return { type: effect.type, ok: false, code, transient };
    }
  }
}
