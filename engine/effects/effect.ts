import type { Logger } from 'pino';
import type { Locale } from '../../domain/locale.js';
import type { CommercePort, LogisticsPort } from '../../ports/commerce.js';
import type { SupportPort } from '../../ports/support.js';
import type { AccountLinkingPort } from '../../ports/account-linking.js';
import type { Store } from '../../store/port.js';
import type { Effect, EffectResult } from '../../dialogs/types.js';
import type { CustomerCache } from '../customer-cache.js';
import type { Turn } from '../types.js';
import type { TurnReads } from '../turn-reads.js';

/** What an effect may use: the ports, the customer cache, and the turn it runs for. */
export interface EffectEnv {
  commerce: CommercePort;
  logistics: LogisticsPort;
  support: SupportPort;
  store: Store;
  customers: CustomerCache;
  /** Sign-in links for unlinked channel users (absent: no identity provider configured). */
  linking?: AccountLinkingPort;
  logger: Logger;
  clock: () => Date;
  turn: Turn;
  customerId: string;
  locale: Locale;
  timeZone?: string;
  /** When the turn must have its answer (performance.now() milliseconds): a change is settled only until then. */
  deadline?: number;
  /** Aborted when the time for this call is up; changes pass it to the provider call. */
  signal?: AbortSignal;
  /** The turn's reads, made once (a job or the reconciler has none, and reads afresh). */
  reads?: TurnReads;
}

export type EffectType = Effect['type'];
export type EffectOf<K extends EffectType> = Extract<Effect, { type: K }>;
export type SuccessOf<K extends EffectType> = Extract<EffectResult, { type: K; ok: true }>;

/** One effect's executor: it does the thing (idempotently, under the effect's key) and reports what happened. */
export type Executor<K extends EffectType> = (effect: EffectOf<K>, env: EffectEnv) => Promise<SuccessOf<K>>;
export type Executors = { [K in EffectType]: Executor<K> };
