import { extractEntities } from '../nlu/entities.js';
import { PLACE_WORDS, PRODUCT_CATEGORIES, RETURN_METHOD_WORDS, RETURN_REASON_WORDS, TIME_OF_DAY_WORDS } from '../nlu/lexicon.js';
import { loadExamples } from '../nlu/nlu.js';
import { VOICE_ACTION_WORDS, VOICE_INTERVAL_WORDS } from '../nlu/subscriptions.js';
import type { IntentName } from '../nlu/catalogue.js';
import { say, type FixedKey } from '../prompts/index.js';
import { ELICIT, POLICY_CARRIERS } from './alexa-channel.js';

interface SlotDef {
  name: string;
  type: string;
  /** What the customer says when Smile asks for this slot alone (Dialog.ElicitSlot); heard only then. */
  samples?: string[];
}
interface IntentDef {
  name: string;
  slots?: SlotDef[];
  samples: string[];
}

/** Each voice intent, the catalogue intent whose phrases it is made from, and its slots (PRODUCT.md section 3). */
const VOICE: Array<{ name: string; from: IntentName; slots: SlotDef[]; extra?: string[]; only?: boolean }> = [
  {
    name: 'ReorderIntent',
    from: 'reorder',
    slots: [
      { name: 'product', type: 'PRODUCT' },
      { name: 'quantity', type: 'AMAZON.NUMBER' },
      { name: 'place', type: 'PLACE' },
    ],
  },
  { name: 'OrderStatusIntent', from: 'order_status', slots: [{ name: 'product', type: 'PRODUCT' }] },
  {
    name: 'ChangeDeliverySlotIntent',
    from: 'change_delivery_slot',
    slots: [
      { name: 'product', type: 'PRODUCT' },
      { name: 'date', type: 'AMAZON.DATE' },
      { name: 'timeOfDay', type: 'TIME_OF_DAY' },
      { name: 'time', type: 'AMAZON.TIME' },
      { name: 'shift', type: 'AMAZON.DURATION' },
    ],
    // A day with its time of day, "after 6 pm" as AMAZON.TIME, and shifts ("push it back a day") as AMAZON.DURATION,
    // always with carrier words.
    extra: [
      'push it back {shift}',
      'push my delivery back {shift}',
      'push the {product} back {shift}',
      'move it {shift} later',
      'deliver it {shift} later',
      'can it come {shift} later',
      'delay it by {shift}',
      'move my delivery to {date} {timeOfDay}',
      'deliver it {date} {timeOfDay}',
      'move my delivery to {date} in the {timeOfDay}',
      'deliver it {date} in the {timeOfDay}',
      'move it to {date} in the {timeOfDay}',
      'can it come {date} in the {timeOfDay}',
      'move the {product} to {date} in the {timeOfDay}',
      'deliver after {time}',
      'deliver it after {time}',
      'move my delivery to after {time}',
      'bring it after {time}',
      'deliver {date} after {time}',
      'move it to {date} after {time}',
      'move my delivery to {date}',
      'deliver it on {date}',
      'push it back to {date}',
    ],
  },
  {
    name: 'ChangeDeliveryPlaceIntent',
    from: 'change_delivery_place',
    slots: [
      { name: 'product', type: 'PRODUCT' },
      { name: 'place', type: 'PLACE' },
      { name: 'instructions', type: 'AMAZON.SearchQuery' },
    ],
  },
  // A note for the courier, said naturally: the samples carry the note, so "knock, don't ring" is never an address.
  {
    name: 'CourierNoteIntent',
    from: 'change_delivery_place',
    slots: [{ name: 'note', type: 'AMAZON.SearchQuery' }],
    only: true,
    extra: [
      'tell the courier to {note}',
      'tell the driver to {note}',
      'ask the courier to {note}',
      'ask the driver to {note}',
      'leave a note for the courier saying {note}',
      'note for the courier {note}',
      'courier note {note}',
      'tell the delivery person to {note}',
      'let the courier know {note}',
      'a note for the driver {note}',
    ],
  },
  {
    name: 'ScheduleReturnIntent',
    from: 'schedule_return',
    slots: [
      { name: 'product', type: 'PRODUCT' },
      { name: 'reason', type: 'RETURN_REASON' },
    ],
  },
  { name: 'CancelOrderIntent', from: 'cancel_order', slots: [{ name: 'product', type: 'PRODUCT' }] },
  { name: 'ReportProblemIntent', from: 'report_delivery_problem', slots: [{ name: 'product', type: 'PRODUCT' }] },
  { name: 'TalkToAgentIntent', from: 'human_handoff', slots: [] },
  {
    name: 'SubscriptionIntent',
    from: 'manage_subscription',
    slots: [
      { name: 'action', type: 'SUBSCRIPTION_ACTION' },
      { name: 'product', type: 'PRODUCT' },
      { name: 'quantity', type: 'AMAZON.NUMBER' },
      { name: 'interval', type: 'INTERVAL' },
      { name: 'place', type: 'PLACE' },
      { name: 'date', type: 'AMAZON.DATE' },
    ],
    extra: [
      'send me {product} {interval}',
      'send me {quantity} {product} {interval}',
      'deliver {product} {interval}',
      'subscribe me to {product} {interval}',
      'make it {interval}',
      'change it to {interval}',
      '{action} my subscription',
      '{action} my {product} subscription',
      '{action} the next {product} delivery',
      '{action} the next delivery',
      'what subscriptions do i have',
      'move my subscription to {date}',
    ],
  },
];

/**
 * Answers to Smile's open question, said bare or nearly so ("tomorrow", "the office", "because they're too small",
 * "a day later"): they answer the question the dialog state knows it asked, and never start another flow. No sample
 * here is a slot alone (PRODUCT.md section 3): the bare value ("friday", "the office") is a slot sample of the dialog
 * model, heard only while Smile elicits that slot (Dialog.ElicitSlot); at any other time it needs its carrier words.
 */
const ANSWER: IntentDef = {
  name: 'AnswerIntent',
  slots: [
    { name: 'date', type: 'AMAZON.DATE' },
    { name: 'timeOfDay', type: 'TIME_OF_DAY' },
    { name: 'time', type: 'AMAZON.TIME' },
    { name: 'shift', type: 'AMAZON.DURATION' },
    { name: 'place', type: 'PLACE' },
    { name: 'product', type: 'PRODUCT' },
    { name: 'reason', type: 'RETURN_REASON' },
    { name: 'method', type: 'RETURN_METHOD' },
  ],
  samples: [
    'on {date}',
    '{date} please',
    '{date} in the {timeOfDay}',
    '{date} {timeOfDay}',
    'in the {timeOfDay}',
    '{timeOfDay} please',
    'after {time}',
    '{date} after {time}',
    'any time after {time}',
    '{shift} later',
    'make it {shift} later',
    'to the {place}',
    'to my {place}',
    'send it to the {place}',
    'my {product}',
    'it is the {product}',
    'because {reason}',
    "they're {reason}",
    "it's {reason}",
    'it is {reason}',
    'by {method}',
    "i'll use the {method}",
    'i want {method}',
  ],
};

/** "make it three", "actually two": a new quantity for the order being confirmed. */
const CORRECTION: IntentDef = {
  name: 'CorrectionIntent',
  slots: [{ name: 'quantity', type: 'AMAZON.NUMBER' }],
  samples: [
    'make it {quantity}',
    'make that {quantity}',
    'change it to {quantity}',
    'actually {quantity}',
    'no {quantity}',
    'i want {quantity}',
    '{quantity} of them',
    '{quantity} please',
    'order {quantity} instead',
  ],
};

/** Policy questions by voice: each slot's carrier is how its question is asked back to the policy answers. */
const POLICY: IntentDef = {
  name: 'PolicyQuestionIntent',
  slots: Object.keys(POLICY_CARRIERS).map((name) => ({ name, type: 'AMAZON.SearchQuery' })),
  samples: [
    'what is your policy on {topic}',
    "what's your policy on {topic}",
    'tell me your policy on {topic}',
    'what are the rules for {topic}',
    'how long do i have to {howLong}',
    'how long does it take to {howLong}',
    'how many days do i have to {howLong}',
    'how much does {cost} cost',
    'how much is {cost}',
    'is {cost} free',
    'do you charge for {cost}',
  ],
};

/** The 4-digit voice purchase code, always with carrier words unless Smile has just asked for it. */
const VOICE_CODE: IntentDef = {
  name: 'VoiceCodeIntent',
  slots: [{ name: 'code', type: 'AMAZON.FOUR_DIGIT_NUMBER' }],
  samples: ['my code is {code}', 'the code is {code}', 'code {code}', 'it is {code}', 'my voice code is {code}', 'the digits are {code}'],
};

/** An option by position ("the second one") or by name ("the parcel locker"); the name always with carrier words. */
const CHOOSE: IntentDef = {
  name: 'ChooseOptionIntent',
  slots: [
    { name: 'option', type: 'AMAZON.Ordinal' },
    { name: 'choice', type: 'OPTION' },
  ],
  samples: [
    'the {option} one',
    '{option} one',
    'number {option}',
    'the {option}',
    '{option} please',
    'the {choice}',
    'the {choice} one',
    '{choice} please',
    'i will take the {choice}',
    "i'll take the {choice}",
    "let's do the {choice}",
    'pick the {choice}',
    'go with the {choice}',
  ],
};

/** "more", "what else": the next three of the options Smile offered. */
const MORE: IntentDef = {
  name: 'MoreOptionsIntent',
  samples: ['more', 'what else', 'more options', 'what are the others', 'tell me more options', 'the others', 'what other options are there', 'next'],
};

/** What customers say to open the skill ("Alexa, ask smile shopping …"). */
export const INVOCATION_NAME = 'smile shopping';

/**
 * The skill's example phrases, made from samples of the model (certification: the words after the invocation and its
 * connecting word are a sample utterance, each slot filled with a value it takes). Each sample is put into its intent
 * when the model is generated, so the phrases and the model cannot disagree; one slot at most, never two side by side.
 */
const EXAMPLES: Array<{ intent: string; connect: '' | 'to'; sample: string; values?: Record<string, string> }> = [
  { intent: 'ReorderIntent', connect: 'to', sample: 'reorder my {product}', values: { product: 'diapers' } },
  { intent: 'OrderStatusIntent', connect: '', sample: 'where my order is' },
  { intent: 'ChangeDeliverySlotIntent', connect: 'to', sample: 'move my delivery to {date}', values: { date: 'tomorrow' } },
];

/** The manifest's example phrases, as a customer says them. */
export const EXAMPLE_PHRASES = EXAMPLES.map(
  (e) =>
    `Alexa, ask ${INVOCATION_NAME} ${e.connect ? `${e.connect} ` : ''}${e.sample.replace(/\{(\w+)\}/g, (_m, slot: string) => e.values?.[slot] ?? slot)}`,
);

/** Words customers use for the choices Smile offers by voice (return methods, pick-up points, days). */
const OPTION_WORDS = [
  'convenience store',
  'parcel locker',
  'locker',
  'courier',
  'courier pick-up',
  'pick-up',
  'drop off',
  'the earliest',
  'the latest',
  'morning',
  'afternoon',
  'evening',
  'elm street',
  'oak plaza',
  'market square',
  // What went wrong with a delivery (the delivery problem report asks).
  'not received',
  'damaged',
  'wrong item',
  'wrong place',
];

const SLOT_OF: Record<string, string> = {
  product: 'product',
  quantity: 'quantity',
  date: 'date',
  time_window: 'timeOfDay',
  place: 'place',
  return_reason: 'reason',
  interval: 'interval',
  subscription_action: 'action',
};

/**
 * A training phrase as an Alexa sample: entity spans become slot references, punctuation goes, and phrases the
 * model would refuse (digits, symbols, slots the intent lacks) are left out.
 */
export function toSample(said: string, slots: SlotDef[]): string | null {
  // The wake word is the device's, never part of a sample (certification: samples hold no wake word or launch phrase).
  const text = said.replace(/^\s*alexa\b[\s,]*/i, '');
  const entities = extractEntities(text, 'en-US', { now: new Date('2026-01-01T12:00:00Z'), timeZone: 'UTC' })
    .filter((e) => SLOT_OF[e.type] && e.end > e.start)
    // "subscribe", "every", "what … subscriptions" carry the intent itself; only the actions on one are a slot's words.
    .filter((e) => !(e.type === 'subscription_action' && (e.value === 'start' || e.value === 'list')))
    .sort((a, b) => a.start - b.start);
  let out = '';
  let pos = 0;
  const used = new Set<string>();
  for (const e of entities) {
    const slot = SLOT_OF[e.type]!;
    if (e.start < pos || used.has(slot) || !slots.some((s) => s.name === slot)) continue;
    // A quantity's slot is the number alone: "{quantity} packs of the {product}".
    const end = e.type === 'quantity' ? e.start + (/^\S+/.exec(e.text)?.[0].length ?? e.text.length) : e.end;
    out += `${text.slice(pos, e.start)}{${slot}}`;
    pos = end;
    used.add(slot);
  }
  out += text.slice(pos);
  // Lower case outside slot references; slot names keep their case.
  const sample = out
    .split(/(\{[a-zA-Z]+\})/)
    .map((part) => (part.startsWith('{') ? part : part.toLowerCase()))
    .join('')
    .replace(/[—–,!?".]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!sample || /[^a-z' -]/.test(sample.replace(/\{[a-zA-Z]+\}/g, ''))) return null;
  // Two slots need at least one word between them.
  if (/\}\s*\{/.test(sample)) return null;
  return sample;
}

/** What Alexa would say to ask for each elicited slot (only if a question were ever left to it: Smile asks its own). */
const ASK: Record<string, FixedKey> = {
  date: 'voice.ask.date',
  place: 'voice.ask.place',
  product: 'voice.ask.product',
  reason: 'voice.ask.reason',
  method: 'voice.ask.method',
  choice: 'voice.ask.choice',
  code: 'voice.ask.code',
};

const promptId = (intent: string, slot: string) => `Elicit.Slot.${intent}.${slot}`;

/**
 * The dialog model for the answers to Smile's questions (skills/alexa-channel.ts ELICIT): each elicited slot is
 * required, with its prompt and its own samples — the intent's samples that carry the slot, and the slot said alone,
 * which Alexa hears only while Smile waits for it. Smile manages the dialog itself (SKILL_RESPONSE): Alexa never asks
 * on its own; Smile's response elicits the slot its question wants (Dialog.ElicitSlot).
 */
function dialogFor(intents: IntentDef[]): { dialog: Record<string, unknown>; prompts: Array<Record<string, unknown>> } {
  const elicited = new Map<string, Set<string>>();
  for (const e of Object.values(ELICIT)) elicited.set(e.intent, (elicited.get(e.intent) ?? new Set()).add(e.slot));
  const prompts: Array<Record<string, unknown>> = [];
  const dialogIntents = [...elicited].map(([name, slots]) => {
    const intent = intents.find((i) => i.name === name);
    if (!intent?.slots) throw new Error(`a question elicits a slot of an intent the model lacks: ${name}`);
    for (const slot of slots) {
      const def = intent.slots.find((d) => d.name === slot);
      const ask = ASK[slot];
      if (!def || !ask) throw new Error(`a question elicits a slot the model or its prompts lack: ${name}.${slot}`);
      def.samples = [...new Set([`{${slot}}`, ...intent.samples.filter((x) => x.includes(`{${slot}}`))])];
      prompts.push({ id: promptId(name, slot), variations: [{ type: 'PlainText', value: say('en-US', ask) }] });
    }
    return {
      name,
      delegationStrategy: 'SKILL_RESPONSE',
      confirmationRequired: false,
      prompts: {},
      slots: intent.slots.map((d) => ({
        name: d.name,
        type: d.type,
        elicitationRequired: slots.has(d.name),
        confirmationRequired: false,
        prompts: slots.has(d.name) ? { elicitation: promptId(name, d.name) } : {},
      })),
    };
  });
  return { dialog: { delegationStrategy: 'SKILL_RESPONSE', intents: dialogIntents }, prompts };
}

/** The slots of an elicited intent, as a Dialog.ElicitSlot's updatedIntent lists them (all of them, none filled). */
export function slotsOf(intent: string): string[] {
  return [ANSWER, CHOOSE, VOICE_CODE].find((i) => i.name === intent)?.slots?.map((s) => s.name) ?? [];
}

const values = (words: string[]) =>
  [...new Set(words.map((w) => w.toLowerCase()))].filter((w) => /^[a-z' -]+$/.test(w)).map((value) => ({ name: { value } }));

const copyOf = (i: IntentDef): IntentDef => ({ ...i, ...(i.slots ? { slots: i.slots.map((d) => ({ ...d })) } : {}), samples: [...i.samples] });

/** The en-US interaction model, generated from the NLU catalogue and lexicon (Alexa has no Korean). */
export function interactionModel(invocationName = INVOCATION_NAME): Record<string, unknown> {
  const train = loadExamples('train', 'en-US');
  const intents: IntentDef[] = VOICE.map((v) => {
    const trained = v.only ? [] : (train[v.from] ?? []).map((t) => toSample(t, v.slots)).filter((s): s is string => Boolean(s));
    // No sample is a lone slot that takes free words ("{date}" alone swallows other requests; PRODUCT.md section 3).
    const samples = [...new Set([...trained, ...(v.extra ?? [])])].filter((x) => !/^\{\w+\}$/.test(x));
    return { name: v.name, ...(v.slots.length ? { slots: v.slots } : {}), samples };
  });
  // Each example phrase is a sample (what follows "ask smile shopping to"), its slot values in slots, so none is lost.
  for (const example of EXAMPLES) {
    const intent = intents.find((i) => i.name === example.intent);
    if (!intent) throw new Error(`example phrase for an intent the model lacks: ${example.intent}`);
    if (!intent.samples.includes(example.sample)) intent.samples.push(example.sample);
  }
  intents.push(...[ANSWER, CORRECTION, POLICY, MORE].map(copyOf));
  // Copies: the dialog model adds slot samples to the ones it elicits.
  intents.push(...[VOICE_CODE, CHOOSE].map(copyOf));
  for (const builtin of [
    'AMAZON.YesIntent',
    'AMAZON.NoIntent',
    'AMAZON.HelpIntent',
    'AMAZON.StopIntent',
    'AMAZON.CancelIntent',
    'AMAZON.FallbackIntent',
    'AMAZON.NavigateHomeIntent',
  ]) {
    intents.push({ name: builtin, samples: [] });
  }
  const { dialog, prompts } = dialogFor(intents);
  return {
    interactionModel: {
      languageModel: {
        invocationName,
        intents,
        types: [
          { name: 'PRODUCT', values: values(PRODUCT_CATEGORIES.flatMap((c) => c.en)) },
          { name: 'PLACE', values: values(Object.values(PLACE_WORDS).flatMap((p) => p.en)) },
          { name: 'TIME_OF_DAY', values: values(Object.values(TIME_OF_DAY_WORDS).flatMap((t) => t.en)) },
          {
            name: 'OPTION',
            values: values([...OPTION_WORDS, ...PRODUCT_CATEGORIES.flatMap((c) => c.en), ...Object.values(PLACE_WORDS).flatMap((p) => p.en)]),
          },
          { name: 'RETURN_REASON', values: values(Object.values(RETURN_REASON_WORDS).flatMap((r) => r.en)) },
          { name: 'INTERVAL', values: values(VOICE_INTERVAL_WORDS) },
          { name: 'SUBSCRIPTION_ACTION', values: values(VOICE_ACTION_WORDS) },
          { name: 'RETURN_METHOD', values: values(Object.values(RETURN_METHOD_WORDS).flatMap((r) => r.en)) },
        ],
      },
      dialog,
      prompts,
    },
  };
}

export function skillManifest(endpoint: string): Record<string, unknown> {
  return {
    manifest: {
      publishingInformation: {
        locales: {
          'en-US': {
            name: 'Smile',
            summary: 'Reorder, track, reschedule and return your shopping by voice.',
            description:
              'Smile is the last mile of your online shop: reorder in one sentence, ask where an order is, move a delivery, book a return, or reach a person.',
            examplePhrases: EXAMPLE_PHRASES,
            keywords: ['shopping', 'reorder', 'delivery', 'returns'],
          },
        },
        isAvailableWorldwide: false,
        distributionCountries: ['US'],
        category: 'SHOPPING',
        testingInstructions: 'Link the sandbox account with the access token demo-token.',
      },
      apis: { custom: { endpoint: { uri: endpoint, sslCertificateType: 'Wildcard' }, interfaces: [] } },
      // News after a session ended (an order confirmed later) reaches the customer as an Alexa notification: the skill
      // publishes AMAZON.OrderStatus.Updated, which needs the notifications permission the customer grants in the app.
      permissions: [{ name: 'alexa::devices:all:notifications:write' }],
      // Alexa tells the skill when the customer allows or withdraws it, so Smile asks for it only when it is not allowed.
      events: {
        publications: [{ eventName: 'AMAZON.OrderStatus.Updated' }],
        subscriptions: [{ eventName: 'SKILL_PERMISSION_ACCEPTED' }, { eventName: 'SKILL_PERMISSION_CHANGED' }],
        endpoint: { uri: endpoint },
      },
      privacyAndCompliance: {
        allowsPurchases: true,
        usesPersonalInfo: true,
        isChildDirected: false,
        isExportCompliant: true,
        containsAds: false,
        locales: { 'en-US': { privacyPolicyUrl: 'https://example.com/privacy' } },
      },
    },
    manifestVersion: '1.0',
  };
}
