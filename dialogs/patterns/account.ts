import { reply, resume } from '../kit/turns.js';
import { stack } from '../stack.js';
import type { DialogState, EffectResult, StepResult } from '../types.js';
import type { Pattern } from './pattern.js';

/**
 * "unlink my account" / "계정 연결 해제": forgets which shop account this chat speaks for, in any flow and channel.
 * A closed class of phrases (they name the account and undoing its link), so nothing a flow asks for is taken; the
 * NLU model is not retrained for it.
 */
const UNLINK = [
  /\b(?:unlink|disconnect|detach|remove|sign\s+out\s+of|log\s*out\s+of|forget)\b.*\baccount\b/i,
  /\baccount\b.*\b(?:unlink|disconnect)\b/i,
  /\bunlink\s+(?:me|it)\b/i,
  /계정.*(?:연결\s*(?:을\s*)?(?:해제|끊|취소|풀)|로그아웃|연동\s*(?:을\s*)?(?:해제|끊|취소|풀))/,
  /(?:연결|연동)\s*(?:을\s*)?(?:해제|끊어)/,
];

export const isUnlinkRequest = (text: string): boolean => UNLINK.some((re) => re.test(text));

export const unlinkAccount: Pattern = (state, event) => {
  if (!isUnlinkRequest(event.text)) return null;
  // Whatever was under way was for the account being unlinked: it is set aside.
  return { state: stack.clear(state), say: [], effect: { type: 'unlinkAccount' }, awaiting: null };
};

/** The link forgotten (or there was none), said. */
export function accountUnlinked(
  state: DialogState,
  result: Extract<EffectResult, { type: 'unlinkAccount' }> | Extract<EffectResult, { ok: false }>,
): StepResult {
  if (!result.ok) return reply(state, [{ key: 'account.unlink_failed' }, ...resume(state)]);
  return reply(state, [{ key: result.unlinked ? 'account.unlinked' : 'account.not_linked' }]);
}

/** The sign-in link for a request that needs the account; without one (no identity provider), what still works. */
export function signInOffered(
  state: DialogState,
  result: Extract<EffectResult, { type: 'offerSignIn' }> | Extract<EffectResult, { ok: false }>,
): StepResult {
  if (!result.ok) {
    return reply(state, [
      { key: 'identity.unlinked' },
      { key: 'identity.unlinked.options', suggestions: [{ kind: 'prompt', key: 'suggest.person' }] },
    ]);
  }
  return reply(state, [
    { key: 'identity.sign_in', params: { url: result.url } },
    { key: 'identity.unlinked.options', suggestions: [{ kind: 'prompt', key: 'suggest.person' }] },
  ]);
}
