import type { Turn } from './types.js';

/**
 * How long a turn may take before the customer must have an answer, by channel: a voice assistant waits about eight
 * seconds but sounds broken long before (Smile keeps ~2.5 s); KakaoTalk answers through its callback after 3.5 s, so a
 * change may take longer there; chat messengers and REST wait for a while, with a typing indicator.
 */
export const TURN_BUDGET_MS = { voice: 2500, kakao: 12_000, messenger: 8000 } as const;

/** What is kept back from the budget for saving the turn and sending the answer. */
const RESERVE_MS = 200;

export type TurnBudgets = Partial<Record<keyof typeof TURN_BUDGET_MS, number>>;

export function turnBudgetMs(turn: Turn, budgets: TurnBudgets = {}): number {
  const b = { ...TURN_BUDGET_MS, ...budgets };
  if (turn.capabilities.voice) return b.voice;
  if (turn.channel === 'kakao') return b.kakao;
  return b.messenger;
}

/** The turn's deadline on performance.now()'s clock, given when it started (process.hrtime.bigint()). */
export function turnDeadline(turn: Turn, started: bigint, budgets?: TurnBudgets): number {
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  return performance.now() + turnBudgetMs(turn, budgets) - elapsedMs - RESERVE_MS;
}
