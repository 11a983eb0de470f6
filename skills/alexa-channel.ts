import { randomUUID } from 'node:crypto';
import type { HandlerInput } from 'ask-sdk-core';
import type { Slot } from 'ask-sdk-model';
import type { Channel } from '../bots/channel.js';
import { endsOnQuestion, present, presentError, sentences, type Presentation } from '../bots/presentation.js';
import { say } from '../prompts/index.js';
import type { Capabilities, Reply, Turn } from '../engine/types.js';
import type { IntentName } from '../nlu/catalogue.js';

/** Alexa intents of the interaction model and the catalogue intents they stand for (PRODUCT.md section 3). */
export const VOICE_INTENTS: Record<string, IntentName> = {
  ReorderIntent: 'reorder', OrderStatusIntent: 'order_status', ChangeDeliverySlotIntent: 'change_delivery_slot',
  ChangeDeliveryPlaceIntent: 'change_delivery_place', ScheduleReturnIntent: 'schedule_return', CancelOrderIntent: 'cancel_order',
  TalkToAgentIntent: 'human_handoff', 'AMAZON.YesIntent': 'affirm', 'AMAZON.NoIntent': 'deny', 'AMAZON.HelpIntent': 'help',
  'AMAZON.StopIntent': 'stop', 'AMAZON.CancelIntent': 'stop', 'AMAZON.NavigateHomeIntent': 'stop', 'AMAZON.FallbackIntent': 'out_of_scope',
  // An answer to "which one?" ("the second one"): no catalogue intent, the flow reads the words.
  ChooseOptionIntent: 'out_of_scope',
  // The 4-digit voice purchase code: the reorder flow reads the digits.
  VoiceCodeIntent: 'out_of_scope',
};

export const escapeSsml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** What an Alexa response says and does, before ask-sdk's response builder writes it. */
export interface AlexaSpeech {
  ssml: string; reprompt: string | null; card: { title: string; content: string } | null; endSession: boolean;
  /** The choices Smile offered, kept in the Alexa session so the next answer can name one. */
  offered: string[];
}

const STOP_WORDS = new Set(['the', 'a', 'an', 'one', 'at', 'to', 'of', 'my', 'please', 'i', 'll', 'take', 'want', 'that', 'off', 'drop', 'with', 'it', 'and', 'on', 'in']);
const wordsOf = (text: string): string[] => text.toLowerCase().normalize('NFKD').split(/[^a-z0-9가-힣]+/).filter((w) => w && !STOP_WORDS.has(w));

/**
 * An option named in the customer's words ("the parcel locker", "Oak Plaza"): the offered option that holds the most
 * of those words, when exactly one does; else none, and the flow asks again.
 */
export function optionNamed(said: string, offered: string[]): string | undefined {
  const said_ = new Set(wordsOf(said));
  if (said_.size === 0) return undefined;
  const scored = offered.map((o) => ({ o, hits: wordsOf(o).filter((w) => said_.has(w) || said_.has(w.replace(/s$/, ''))).length }));
  const best = Math.max(0, ...scored.map((x) => x.hits));
  const top = scored.filter((x) => x.hits === best);
  return best > 0 && top.length === 1 ? top[0]?.o : undefined;
}

/** ChooseOptionIntent's words as the option itself: by position ({option} is an ordinal) or by name ({choice}). */
function chosen(slots: Record<string, string>, offered: string[]): Record<string, string> {
  const position = slots.option && /^\d+$/.test(slots.option) ? offered[Number(slots.option) - 1] : undefined;
  const named = slots.choice ? optionNamed(slots.choice, offered) : undefined;
  const option = position ?? named;
  return option ? { option } : slots;
}

function offeredIn(attributes: unknown): string[] {
  const offered = (attributes as { offered?: unknown } | undefined)?.offered;
  return Array.isArray(offered) ? offered.filter((o): o is string => typeof o === 'string' && o.length <= 200).slice(0, 20) : [];
}

const CAPABILITIES: Capabilities = { voice: true, cards: true, quickReplies: false, liveChat: false };

/** A closed microphone never ends on a question: trailing questions and invitations are left unsaid. */
function withoutTrailingQuestions(texts: string[]): string[] {
  const out = [...texts];
  while (out.length) {
    const kept = sentences(out.at(-1) ?? '');
    while (kept.length && endsOnQuestion(kept.at(-1) ?? '')) kept.pop();
    if (kept.length) { out[out.length - 1] = kept.join(' '); break; }
    out.pop();
  }
  return out;
}

/** A presentation as speech: sentences in order, a choice read out, a reprompt while the session stays open. */
function toSpeech(p: Presentation): AlexaSpeech {
  let texts = p.messages.map((m) => m.text);
  if (p.spokenOptions) texts.push(p.spokenOptions);
  if (p.endSession) texts = withoutTrailingQuestions(texts);
  if (p.closing) texts.push(p.closing);
  if (texts.length === 0) texts = [say(p.locale, 'voice.okay')];
  return {
    ssml: texts.map(escapeSsml).join('<break time="300ms"/>'),
    reprompt: p.reprompt === null ? null : escapeSsml(p.reprompt),
    card: p.card ? { title: p.card.title, content: p.card.lines.join('\n') } : null,
    endSession: p.endSession,
    offered: p.endSession ? [] : p.choices,
  };
}

function slotWords(slots: Record<string, Slot> | undefined): { words: Record<string, string>; dates: string[]; numbers: number[] } {
  const words: Record<string, string> = {}; const dates: string[] = []; const numbers: number[] = [];
  for (const [name, slot] of Object.entries(slots ?? {})) {
    if (!slot.value) continue;
    if (name === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(slot.value)) dates.push(slot.value);
    else if (name === 'quantity' && /^\d+$/.test(slot.value)) numbers.push(Number(slot.value));
    else words[name] = slot.value;
  }
  return { words, dates, numbers };
}

const conversationId = (input: HandlerInput): string =>
  `alexa:${input.requestEnvelope.session?.sessionId ?? input.requestEnvelope.context.System.user.userId}`;

/** Alexa: a launch is a welcome; an intent arrives understood, with its slots' words. */
export const alexaChannel = {
  name: 'alexa',
  capabilities: CAPABILITIES,
  conversationId,
  toTurn(input: HandlerInput): Turn | null {
    const env = input.requestEnvelope;
    const request = env.request;
    let turnInput: Turn['input'];
    if (request.type === 'LaunchRequest') turnInput = { type: 'event', name: 'welcome' };
    else if (request.type === 'IntentRequest') {
      const slots = slotWords(request.intent.slots);
      const { dates, numbers } = slots;
      const words = request.intent.name === 'ChooseOptionIntent' ? chosen(slots.words, offeredIn(env.session?.attributes)) : slots.words;
      turnInput = { type: 'intent', intent: VOICE_INTENTS[request.intent.name] ?? 'out_of_scope', slots: words, dates, numbers };
    } else return null;
    return {
      channel: 'alexa', channelUserId: env.context.System.user.userId, conversationId: conversationId(input),
      messageId: request.requestId ?? randomUUID(), locale: 'en-US', input: turnInput, capabilities: CAPABILITIES,
    };
  },
  render: (reply: Reply) => toSpeech(present(reply, CAPABILITIES)),
  renderError: (err, locale) => toSpeech(presentError(err, locale)),
} satisfies Channel<HandlerInput, AlexaSpeech>;
