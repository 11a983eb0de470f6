import { answersStep } from './kit/flow.js';
import { expire, recheckLate, recheckResumed, settle } from './kit/pending.js';
import { rememberTopic, withReference } from './kit/reference.js';
import { awaitingOf, fromFlow, lapses, reply, unknownOutcome } from './kit/turns.js';
import { flowOf } from './flows/index.js';
import { bareTopic } from './patterns/bare-topic.js';
import { commands } from './patterns/commands.js';
import { frustration } from './patterns/frustration.js';
import { handoffRequest } from './patterns/handoff.js';
import { CLARIFY, misunderstood } from './patterns/misunderstood.js';
import { notificationSettings, notificationsSaved } from './patterns/notifications.js';
import { accountUnlinked, isUnlinkRequest, signInOffered, unlinkAccount } from './patterns/account.js';
import { newRequest } from './patterns/new-request.js';
import type { Pattern } from './patterns/pattern.js';
import { pendingQuestion } from './patterns/pending-question.js';
import { policy } from './patterns/policy.js';
import { smallTalk } from './patterns/small-talk.js';
import { switchTask } from './patterns/switch-task.js';
import { keepingAsIs, stop } from './patterns/stop.js';
import { remember, undoLast } from './patterns/undo.js';
import { ACTION_INTENTS } from '../domain/understanding.js';
import { stack } from './stack.js';
import type { Awaiting, DialogContext, DialogEvent, DialogState, StepResult, Utterance } from './types.js';
import type { FlowStep } from './kit/flow.js';
import type { Entity } from '../domain/understanding.js';

/**
 * Patterns that hold whatever the top flow is waiting for: explicit commands, clear frustration, a question about what is
 * being confirmed (its price, when it comes), a policy question, a switch to another task.
 */
const BEFORE_FLOW: Pattern[] = [unlinkAccount, notificationSettings, commands, frustration, pendingQuestion, policy, switchTask];
/** What the top flow's question did not take: stop, a person, help and small talk, a bare topic, a new request. */
const AFTER_FLOW: Pattern[] = [undoLast, stop, handoffRequest, smallTalk, bareTopic, newRequest];

/**
 * The whole conversation as one pure transition, in the manner of xstate: effect results go to the flow that asked;
 * an utterance meets the patterns, then the top flow's open question, then the other patterns, and is misunderstood
 * if nothing takes it. Returns what to say and at most one effect; the engine runs it and calls back with the result.
 */
export function step(state: DialogState, event: DialogEvent, ctx: DialogContext): StepResult {
  const fresh = expire(state, event, ctx);
  // "Yes" to a confirmation that has expired acts on nothing: the customer hears it expired, and nothing else.
  if (fresh.topExpired && event.type === 'utterance' && (event.intent === 'affirm' || event.intent === 'deny')) {
    return settle(reply(fresh.state, fresh.say), ctx);
  }
  const awaiting = awaitingOf(stack.top(fresh.state));
  const taken =
    event.type === 'utterance'
      ? withReference(keepingAsIs(qualifiedYes(notAYes(answersClarify(event, fresh.state), awaiting), awaiting), awaiting), fresh.state)
      : event;
  const late = recheckLate(fresh.state, taken, ctx);
  const decided = settle(late ?? recheckResumed(fresh.state, decide(fresh.state, taken, ctx), ctx), ctx);
  const result = taken.type === 'utterance' ? rememberTopic(moveOn(decided), taken, fresh.state) : remember(fresh.state, taken, decided);
  return fresh.say.length ? { ...result, say: [...fresh.say, ...result.say] } : result;
}

/** Once the customer is on to something else (a flow under way), "undo that" no longer points at the last change. */
function moveOn(result: StepResult): StepResult {
  if (!result.state.lastDone || result.state.stack.length === 0) return result;
  const { lastDone: _gone, ...state } = result.state;
  return { ...result, state };
}

/**
 * Asked which of two requests was meant ("Change where it is delivered" or "Change the delivery time"), an answer that
 * names only a day or a time ("wednesday from 3 to 6 pm", "내일 저녁") picks the time, and only a place the place: it
 * answers the question, which understanding alone (a day said with nothing asking for one is no request) cannot know.
 */
export function answersClarify(event: Utterance, state: DialogState): Utterance {
  if (event.intent !== 'out_of_scope' || stack.top(state)) return event;
  const asked = state.lastSaid?.find((s) => s.key === 'clarify' || s.key === 'clarify.topic');
  const offered = new Set((asked?.suggestions ?? []).map((s) => (typeof s === 'object' && s.kind === 'prompt' ? s.key : '')));
  const has = (type: Entity['type']): boolean => event.entities.some((e) => e.type === type && !e.negated);
  const when = has('date') || has('time_window');
  if (when && !has('place') && offered.has(CLARIFY.change_delivery_slot)) return { ...event, intent: 'change_delivery_slot', confidence: 0.6 };
  if (has('place') && !when && offered.has(CLARIFY.change_delivery_place)) return { ...event, intent: 'change_delivery_place', confidence: 0.6 };
  return event;
}

/** A position ("the first one", "첫 번째", "1번") picks among options; it is no answer to a yes-or-no question. */
const POSITION_ONLY =
  /^\s*(?:the\s+)?(?:first|second|third|last|1st|2nd|3rd)(?:\s+one)?\s*[.!?]*$|^\s*(?:첫|두|세)\s*번째(?:\s*(?:거|것|걸로))?(?:요)?\s*[.!?]*$|^\s*[123]\s*번(?:이요|요)?\s*[.!?]*$/i;
function notAYes(event: Utterance, awaiting: Awaiting): Utterance {
  return awaiting === 'confirmation' && event.intent === 'affirm' && POSITION_ONLY.test(event.text)
    ? { ...event, intent: 'out_of_scope', confidence: 0 }
    : event;
}

/**
 * A yes with a reservation ("yes but only 1", "sure, though to the office", "네 근데 하나만요", "좋아요 대신 회사로") is
 * not a yes to what was asked: with something to change in it, it is the correction "no, <that>" every flow already
 * re-fills and asks again; with nothing Smile could read in it, it is not understood and the question is asked again.
 * Either way nothing happens on it.
 */
const RESERVATION =
  /\b(?:but|though|although|except|instead|rather|only|make it|change it)\b|근데|그런데|하지만|그렇지만|대신|말고|(?:하나|둘|셋|넷|다섯|개|팩|통|병|로|으로)만(?:요|이요)?(?=$|[\s.!?~])/i;
const CORRECTING = new Set<Entity['type']>([
  'quantity',
  'place',
  'variant',
  'product',
  'date',
  'time_window',
  'return_reason',
  'return_method',
  'interval',
]);
export function qualifiedYes(event: Utterance, awaiting: Awaiting): Utterance {
  if (awaiting !== 'confirmation' || event.intent !== 'affirm' || !RESERVATION.test(event.text)) return event;
  return event.entities.some((e) => CORRECTING.has(e.type)) ? { ...event, intent: 'deny' } : { ...event, intent: 'out_of_scope', confidence: 0 };
}

function decide(state: DialogState, event: DialogEvent, ctx: DialogContext): StepResult {
  const top = stack.top(state);
  const unknown = unknownOutcome(state, event, ctx);
  if (unknown) return unknown;
  // A setting changed by a pattern is answered by it, whatever flow is under way.
  if (event.type === 'result' && event.result.type === 'setNotifications') return notificationsSaved(state, event.result);
  if (event.type === 'result' && event.result.type === 'unlinkAccount') return accountUnlinked(state, event.result);
  if (event.type === 'result' && event.result.type === 'offerSignIn') return signInOffered(state, event.result);
  if (event.type === 'result') return top ? fromFlow(state, flowOf(top.flow).interpret(top, event, ctx), ctx) : reply(state, []);

  const understood: DialogState = { ...state, misunderstandings: 0 };
  for (const pattern of BEFORE_FLOW) {
    const result = pattern(understood, event, ctx);
    if (result) return result;
  }
  // "Yes, order it" to the offer of a person, with a confirmation waiting beneath: a yes to that, not to a person.
  if (yesToTheTaskBeneath(state, event)) return decide(stack.pop(state), event, ctx);
  if (top) {
    const def = flowOf(top.flow);
    if (answersStep(def, top, event, ctx)) {
      const stepped = def.interpret(top, event, ctx);
      const done = fromFlow(understood, stepped, ctx);
      return stepped.then && !stepped.frame ? startOffered(done, stepped.then, event, ctx) : done;
    }
    // An offer the customer passes by lapses, and the message is taken on its own.
    if (lapses(top)) return decide(stack.pop(state), event, ctx);
  }
  for (const pattern of AFTER_FLOW) {
    const result = pattern(understood, event, ctx);
    if (result) return result;
  }
  return misunderstood(state, ctx, event);
}

/** Words of going ahead with a task ("order it", "place the order", "go ahead with the return", "주문해 주세요", "진행해"). */
const DOES_THE_TASK =
  /\b(?:order|place|buy|book|reorder|cancel|move|return|send|proceed|continue|go ahead with)\b|주문|진행|계속|예약|취소|반품|보내|옮겨|바꿔/i;
const ABOUT_A_PERSON = /\b(?:person|human|agent|someone|somebody|rep|representative|connect|transfer|talk|speak)\b|상담|사람|연결|직원/i;
function yesToTheTaskBeneath(state: DialogState, event: Utterance): boolean {
  const top = stack.top(state);
  if (top?.flow !== 'human_handoff' || top.step !== 'offer' || event.intent !== 'affirm') return false;
  const beneath = stack.top(stack.pop(state));
  return Boolean(beneath) && awaitingOf(beneath) === 'confirmation' && DOES_THE_TASK.test(event.text) && !ABOUT_A_PERSON.test(event.text);
}

/** A request a flow offered and the customer took ("return it instead?" — "yes"): it starts on what was named. */
function startOffered(done: StepResult, then: NonNullable<FlowStep<unknown>['then']>, event: Utterance, ctx: DialogContext): StepResult {
  const entities: Entity[] = then.skus.map((sku) => ({ type: 'product', value: sku, score: 1, text: '', start: 0, end: 0 }));
  const started = newRequest(done.state, { type: 'utterance', text: event.text, intent: then.flow, confidence: 1, entities }, ctx);
  return started ? { ...started, say: [...done.say, ...started.say] } : done;
}

/**
 * The conversation of someone with no linked shop account: a policy question is answered (or, not covered, a person
 * offered), a person can be asked for and reached, hello, thanks and help are answered; a request that needs the
 * account (an order, a delivery, a return, a subscription) explains the account is missing and what still works.
 */
export function unlinkedStep(state: DialogState, event: DialogEvent, ctx: DialogContext): StepResult {
  const top = stack.top(state);
  if (
    event.type === 'result' ||
    event.policy ||
    event.intent === 'human_handoff' ||
    top?.flow === 'human_handoff' ||
    event.command ||
    // Hello, thanks, help, a stray yes/no and what is not a shop request at all need no account either.
    !ACTION_INTENTS.has(event.intent) ||
    isUnlinkRequest(event.text)
  ) {
    return step(top && top.flow !== 'human_handoff' ? stack.clear(state) : state, event, ctx);
  }
  // Anything else needs the account: a sign-in link that carries on with this very message once they have signed in
  // (without an identity provider, the effect fails and what still works is said).
  return { state: stack.clear(state), say: [], effect: { type: 'offerSignIn', text: event.text }, awaiting: null };
}
