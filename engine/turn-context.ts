import type { Logger } from 'pino';
import type { Customer } from '../domain/commerce.js';
import type { Locale } from '../domain/locale.js';
import type { IntentName } from '../domain/understanding.js';
import type { DialogLimits, DialogState, Say } from '../dialogs/types.js';
import type { CommercePort, LogisticsPort } from '../ports/commerce.js';
import type { LlmPort } from '../ports/llm.js';
import type { Broadcast, TurnLock } from '../ports/shared.js';
import type { SupportPort } from '../ports/support.js';
import type { AccountLinkingPort } from '../ports/account-linking.js';
import type { ConversationRecord, PendingEffect, Store, Stored } from '../store/port.js';
import type { Nlu } from '../nlu/nlu.js';
import type { CustomerCache } from './customer-cache.js';
import type { TurnBudgets } from './budget.js';
import type { StoredState } from './stored-state.js';
import type { Reply, Turn } from './types.js';
import type { TurnReads } from './turn-reads.js';

export interface EngineMetrics {
  turn(channel: string, intent: string, seconds: number): void;
  effect(name: string, outcome: 'ok' | 'error'): void;
  error(kind: string): void;
}

export interface ReconcilerOptions {
  /** How long one run holds a pending change; a run that dies lets another take it after this. */
  leaseMs: number;
  /** The first wait before asking again about a change still unknown; doubled each time up to 16 times. */
  retryEveryMs: number;
  /** How long one repeat may take. */
  attemptMs?: number;
  batch?: number;
  /**
   * Where else a settled change's news goes, for a conversation that cannot be written to again (an Alexa session
   * that has ended): true when it was handed there, so no later turn of that conversation says it again.
   */
  tellElsewhere?: (settled: PendingEffect, text: string) => Promise<boolean>;
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
  /** How pending changes are settled (lease, retry pace); see Reconciler. */
  reconcile?: ReconcilerOptions;
  /** Per-channel time a turn may spend settling a change (engine/budget.ts has the defaults). */
  budgets?: TurnBudgets;
  /** How long a confirmation stays open; how recent an order of the same thing is pointed out. */
  limits?: DialogLimits;
  /** Serialises turns of one conversation; in-process by default, across instances with REDIS_URL. */
  lock?: TurnLock;
  /** Sign-in links for unlinked messenger users (app/account-linking.ts); without it they are told what still works. */
  linking?: AccountLinkingPort;
  /** Tells other instances what changed (a customer's orders), so their caches forget it. */
  broadcast?: Broadcast;
  /**
   * Told after each turn that ran and was saved (not a replayed one): who the customer is (as the turn already read
   * it, so the composition root need not read the link again) and whether this turn started the conversation.
   */
  onTurnSaved?: (turn: Turn, seen: { customerId: string | null; firstTurn: boolean }) => Promise<void>;
}

/** What the engine shares with its interceptors and handler while one turn runs. */
export interface Services extends Required<Pick<EngineDeps, 'store' | 'nlu' | 'commerce' | 'logistics' | 'support' | 'logger' | 'clock'>> {
  metrics?: EngineMetrics;
  llm?: LlmPort;
  retentionDays: number;
  customers: CustomerCache;
  linking?: AccountLinkingPort;
  budgets?: TurnBudgets;
  limits?: DialogLimits;
  onTurnSaved?: EngineDeps['onTurnSaved'];
}

/** One turn as it moves through the pipeline; each stage fills in what it is responsible for. */
export interface TurnContext {
  readonly turn: Turn;
  readonly now: Date;
  /** process.hrtime.bigint() at the start, for the turn's duration. */
  readonly started: bigint;
  /** The customer's words (typed, or an assistant's slot values); undefined for events. */
  readonly text: string | undefined;
  record: ConversationRecord | null;
  stored: StoredState;
  customerId: string | null;
  profile: Customer | null;
  /** The language replies are in. */
  locale: Locale;
  /** The language the customer's message is read in (the one it is written in). */
  textLocale: Locale;
  timeZone: string;
  state: DialogState;
  says: Say[];
  intent: { name: IntentName; confidence: number } | null;
  handoff?: Reply['handoff'];
  awaiting: Reply['awaiting'];
  /** The customer's words went to a person rather than to the dialog. */
  relayed: boolean;
  /** The turn's answer is decided: the dialog is not run. */
  answered: boolean;
  /** Only this part of the message is for the dialog (the rest after "never mind" called a person off). */
  rest?: string;
  /** Settled changes whose news this reply carries (marked told once it is saved). */
  told: Array<Stored<PendingEffect>>;
  /** The turn's reads, made once and shared by its stages. */
  readonly reads: TurnReads;
  /** The notice whose open question this turn met (closed once the turn is saved). */
  askTaken?: string;
  /** The turn sent a change (an order, a move, a return…): its words are kept with the version (stored-state.ts `said`). */
  changed?: boolean;
}
