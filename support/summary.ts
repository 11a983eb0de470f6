import type { Escalation } from '../domain/escalation.js';
import type { Locale } from '../domain/locale.js';
import { say, type FixedKeysOf } from '../prompts/index.js';
import type { TranscriptEvent } from '../store/port.js';

/** One line of the agent's summary: a label and its value, both in the agent's language (values quote the customer). */
export interface SummaryLine {
  label: string;
  value: string;
}

/** The topics a flow names for the agent (the same short phrases Smile offers when it asks "did you mean…"). */
const TOPIC: Partial<Record<string, FixedKeysOf<'clarify.'>>> = {
  reorder: 'clarify.reorder',
  order_status: 'clarify.order_status',
  change_delivery_slot: 'clarify.change_delivery_slot',
  change_delivery_place: 'clarify.change_delivery_place',
  schedule_return: 'clarify.schedule_return',
  cancel_order: 'clarify.cancel_order',
};
const REASON: Record<Escalation['reason'], FixedKeysOf<'reason.handoff.'>> = {
  customer_request: 'reason.handoff.customer_request',
  misunderstood: 'reason.handoff.misunderstood',
  failed_effect: 'reason.handoff.failed_effect',
  frustration: 'reason.handoff.frustration',
  policy_unknown: 'reason.handoff.policy_unknown',
  dead_end: 'reason.handoff.dead_end',
};
/** Customer messages that carry no request of their own: answers, asking for a person, small talk. */
const NOT_A_REQUEST = new Set(['affirm', 'deny', 'human_handoff', 'greet', 'thanks', 'goodbye', 'stop', 'help', 'choose']);

/** "2 × Pampers Sensitive Baby Wipes, 12 packs" → the product's name without quantity and pack. */
function productNames(esc: Escalation): string[] {
  return esc.orders.flatMap((o) => o.items.split(/, (?=\d+ × )/).map((i) => i.replace(/^\d+ × /, '')));
}
const core = (name: string): string => (name.split(', ')[0] ?? name).toLowerCase();

/**
 * What an agent needs before reading the transcript, without an LLM: what the customer wants (in their words: the
 * message that started the flow they were in, else their last one that asks for something), the product it is about (the last of their recent products named in the
 * conversation), the topic (the flow), why it came to a person (and what Smile said last, which says what failed).
 */
export function summarise(esc: Escalation, transcript: TranscriptEvent[], locale: Locale): SummaryLine[] {
  const customer = transcript.filter((e) => e.from === 'customer');
  const asking = customer.filter((e) => !(e.intent && NOT_A_REQUEST.has(e.intent)) && e.text.trim().split(/\s+/).length >= 2);
  // The message that started what they were doing says it best; else their last one that asks for something.
  const started = [...customer].reverse().find((e) => e.intent && TOPIC[e.intent]);
  const wants = (started ?? asking.at(-1) ?? customer.at(-1))?.text ?? esc.lastMessage;
  const flowIntent = started?.intent ?? esc.intent;
  const topicKey = flowIntent ? TOPIC[flowIntent] : undefined;
  const products = productNames(esc);
  let product: string | undefined;
  for (const e of transcript) {
    const named = products.find((p) => e.text.toLowerCase().includes(core(p)));
    if (named) product = named;
  }
  const lastBot = [...transcript].reverse().find((e) => e.from === 'bot' && !/person|상담원/i.test(e.text));
  const none = say(locale, 'summary.none');
  const lines: SummaryLine[] = [
    { label: say(locale, 'summary.label.wants'), value: wants ? `“${wants}”` : none },
    { label: say(locale, 'summary.label.product'), value: product ?? none },
    { label: say(locale, 'summary.label.topic'), value: topicKey ? say(locale, topicKey) : say(locale, 'summary.topic.other') },
    { label: say(locale, 'summary.label.why'), value: say(locale, REASON[esc.reason]) },
  ];
  if (lastBot) lines.push({ label: say(locale, 'summary.label.smile_said'), value: `“${lastBot.text}”` });
  return lines;
}

/** The summary as one text (the assist endpoint's `summary`, and what a log line or an export shows). */
export function summaryText(lines: SummaryLine[]): string {
  return lines.map((l) => `${l.label}: ${l.value}`).join('\n');
}
