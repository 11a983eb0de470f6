/**
 * A certification-style check of the skill package (no Alexa account is needed): the interaction model and the manifest
 * against the rules Amazon documents for custom skills. Each problem is one line naming the rule and where it broke;
 * an empty list means the package passes. Sources:
 * - invocation name requirements: developer.amazon.com/docs/custom-skills/choose-the-invocation-name-for-a-custom-skill.html
 *   and interaction-model-design/design-the-invocation-name-for-your-skill.html (two or more words, lower-case letters,
 *   spaces, possessive apostrophes and abbreviation periods only, no launch phrases, connecting words or wake words,
 *   no article or preposition in a two-word name);
 * - example phrases: blogs/alexa "crafting great example phrases that meet certification requirements" (one to three,
 *   "[wake word], [launch word] [invocation name] [connecting word] [utterance]", the utterance a sample of the model);
 * - the interaction model schema: docs/smapi/interaction-model-schema.html (slot types declared, dialog intents and
 *   slots matching the language model, every elicitation prompt defined);
 * - required built-in intents (Cancel, Help, Stop, NavigateHome) and the limits of sample utterances, slot values and
 *   manifest fields as the Alexa Skills Kit documents them (create-the-interaction-model-for-your-skill.html,
 *   skill-manifest.html). The figures are kept in LIMITS.
 */

export const LIMITS = {
  invocationNameChars: 50,
  sampleChars: 200,
  slotValueChars: 140,
  samplesPerSkill: 200_000,
  intentsPerSkill: 250,
  examplePhrases: 3,
  summaryChars: 160,
  descriptionChars: 4000,
  keywords: 30,
  promptChars: 8000,
} as const;

const WAKE_WORDS = ['alexa', 'amazon', 'echo', 'computer'];
const LAUNCH_WORDS = ['ask', 'begin', 'do', 'launch', 'load', 'open', 'play', 'resume', 'run', 'start', 'talk', 'tell', 'use', 'enable'];
const CONNECTING_WORDS = ['to', 'from', 'in', 'using', 'with', 'about', 'for', 'that', 'by', 'if', 'and', 'whether'];
const TWO_WORD_FORBIDDEN = ['the', 'a', 'an', 'for', 'to', 'of'];
export const REQUIRED_BUILTINS = ['AMAZON.CancelIntent', 'AMAZON.HelpIntent', 'AMAZON.StopIntent', 'AMAZON.NavigateHomeIntent'];

interface Slot {
  name: string;
  type: string;
  samples?: string[];
}
interface Intent {
  name: string;
  slots?: Slot[];
  samples?: string[];
}
interface SlotType {
  name: string;
  values: Array<{ name: { value: string; synonyms?: string[] } }>;
}
interface DialogSlot {
  name: string;
  type: string;
  elicitationRequired?: boolean;
  prompts?: { elicitation?: string; confirmation?: string };
}
interface Model {
  interactionModel: {
    languageModel: { invocationName: string; intents: Intent[]; types?: SlotType[] };
    dialog?: { intents: Array<{ name: string; slots: DialogSlot[] }> };
    prompts?: Array<{ id: string; variations: Array<{ type: string; value: string }> }>;
  };
}
interface Manifest {
  manifest: {
    publishingInformation: {
      locales: Record<string, { name?: string; summary?: string; description?: string; examplePhrases?: string[]; keywords?: string[] }>;
      category?: string;
      testingInstructions?: string;
      distributionCountries?: string[];
      isAvailableWorldwide?: boolean;
    };
    apis: { custom: { endpoint: { uri: string } } };
    privacyAndCompliance?: {
      allowsPurchases?: boolean;
      usesPersonalInfo?: boolean;
      locales?: Record<string, { privacyPolicyUrl?: string }>;
    };
  };
}

const norm = (s: string): string => s.toLowerCase().replace(/\s+/g, ' ').trim();
const slotRefs = (sample: string): string[] => [...sample.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');
/** A sample as Alexa hears it, each slot as its type: "move it to {date}" and "move it to {day}" of AMAZON.DATE are one. */
const shape = (sample: string, typeOf: (slot: string) => string | undefined): string =>
  norm(sample).replace(/\{(\w+)\}/g, (_m, slot: string) => `{${typeOf(slot) ?? slot}}`);

export function invocationNameProblems(name: string): string[] {
  const problems: string[] = [];
  const words = name.split(' ');
  if (!/^[a-z][a-z' .]*$/.test(name) || /\s{2,}|^\s|\s$/.test(name))
    problems.push(`invocation name "${name}": only lower-case letters, single spaces, apostrophes and periods`);
  if (name.length > LIMITS.invocationNameChars) problems.push(`invocation name "${name}": longer than ${LIMITS.invocationNameChars} characters`);
  if (words.length < 2) problems.push(`invocation name "${name}": one word (allowed only for an owned brand)`);
  if (words.length === 2 && words.some((w) => TWO_WORD_FORBIDDEN.includes(w)))
    problems.push(`invocation name "${name}": a two-word name with an article or preposition`);
  for (const w of words) {
    if (WAKE_WORDS.includes(w)) problems.push(`invocation name "${name}": holds the wake word "${w}"`);
    if (LAUNCH_WORDS.includes(w)) problems.push(`invocation name "${name}": holds the launch word "${w}"`);
    if (CONNECTING_WORDS.includes(w)) problems.push(`invocation name "${name}": holds the connecting word "${w}"`);
  }
  return problems;
}

/** Every rule broken by the model and the manifest, one line each; [] when the package would pass. */
export function certificationProblems(model: Model, manifest: Manifest, locale = 'en-US'): string[] {
  const problems: string[] = [];
  const im = model.interactionModel;
  const lm = im.languageModel;
  problems.push(...invocationNameProblems(lm.invocationName));

  const intents = new Map(lm.intents.map((i) => [i.name, i]));
  if (intents.size !== lm.intents.length) problems.push('intents: a name is declared twice');
  if (lm.intents.length > LIMITS.intentsPerSkill) problems.push(`intents: more than ${LIMITS.intentsPerSkill}`);
  for (const b of REQUIRED_BUILTINS) if (!intents.has(b)) problems.push(`intents: the required built-in ${b} is missing`);
  const types = new Map((lm.types ?? []).map((t) => [t.name, t]));

  const owner = new Map<string, string>();
  let total = 0;
  for (const intent of lm.intents) {
    if (!/^(AMAZON\.)?[A-Za-z_]+$/.test(intent.name)) problems.push(`${intent.name}: an intent name is letters and underscores only`);
    const slots = new Map((intent.slots ?? []).map((s) => [s.name, s]));
    if (slots.size !== (intent.slots ?? []).length) problems.push(`${intent.name}: a slot name is declared twice`);
    for (const s of intent.slots ?? []) {
      if (!/^[A-Za-z_]+$/.test(s.name)) problems.push(`${intent.name}.${s.name}: a slot name is letters and underscores only`);
      if (!s.type.startsWith('AMAZON.') && !types.has(s.type)) problems.push(`${intent.name}.${s.name}: slot type ${s.type} is not declared`);
      for (const sample of s.samples ?? []) {
        if (!slotRefs(sample).includes(s.name)) problems.push(`${intent.name}.${s.name}: slot sample "${sample}" does not hold {${s.name}}`);
        for (const ref of slotRefs(sample))
          if (!slots.has(ref)) problems.push(`${intent.name}.${s.name}: slot sample "${sample}" names no slot {${ref}}`);
      }
    }
    const own = new Set<string>();
    for (const sample of intent.samples ?? []) {
      total += 1;
      const where = `${intent.name}: "${sample}"`;
      if (sample.length > LIMITS.sampleChars) problems.push(`${where}: longer than ${LIMITS.sampleChars} characters`);
      // Letters, spaces, possessive apostrophes, periods of abbreviations, hyphens; numbers spelt out.
      if (/[^a-zA-Z' .\-{}]/.test(sample)) problems.push(`${where}: a character a sample may not hold (digits and symbols are spelt out)`);
      if (/^\s*\{\w+\}\s*$/.test(sample)) problems.push(`${where}: a sample that is a slot alone (PRODUCT.md section 3)`);
      for (const ref of slotRefs(sample)) if (!slots.has(ref)) problems.push(`${where}: names no slot {${ref}} of its intent`);
      const first = norm(sample).split(' ')[0] ?? '';
      if (WAKE_WORDS.includes(first)) problems.push(`${where}: starts with a wake word`);
      if (norm(sample).includes(lm.invocationName)) problems.push(`${where}: holds the invocation name`);
      const key = shape(sample, (slot) => slots.get(slot)?.type);
      if (own.has(key)) problems.push(`${where}: the same sample twice in one intent`);
      own.add(key);
      const other = owner.get(key);
      if (other && other !== intent.name) problems.push(`${where}: also a sample of ${other} (samples are unique across intents)`);
      owner.set(key, intent.name);
    }
  }
  if (total > LIMITS.samplesPerSkill) problems.push(`samples: more than ${LIMITS.samplesPerSkill}`);

  for (const t of lm.types ?? []) {
    if (t.values.length === 0) problems.push(`type ${t.name}: no values`);
    const seen = new Set<string>();
    for (const v of t.values) {
      for (const word of [v.name.value, ...(v.name.synonyms ?? [])]) {
        if (word.length > LIMITS.slotValueChars) problems.push(`type ${t.name}: "${word}" longer than ${LIMITS.slotValueChars} characters`);
        if (!word.trim()) problems.push(`type ${t.name}: an empty value`);
      }
      if (seen.has(norm(v.name.value))) problems.push(`type ${t.name}: "${v.name.value}" twice`);
      seen.add(norm(v.name.value));
    }
  }

  // The dialog model refers only to what the language model and the prompts declare.
  const promptIds = new Set((im.prompts ?? []).map((p) => p.id));
  const used = new Set<string>();
  for (const d of im.dialog?.intents ?? []) {
    const intent = intents.get(d.name);
    if (!intent) {
      problems.push(`dialog: intent ${d.name} is not in the language model`);
      continue;
    }
    for (const s of d.slots) {
      const declared = intent.slots?.find((x) => x.name === s.name);
      if (!declared || declared.type !== s.type) problems.push(`dialog: ${d.name}.${s.name} is not a slot of that type in the language model`);
      for (const id of Object.values(s.prompts ?? {})) {
        used.add(id);
        if (!promptIds.has(id)) problems.push(`dialog: ${d.name}.${s.name} refers to the undefined prompt ${id}`);
      }
      if (s.elicitationRequired && !s.prompts?.elicitation) problems.push(`dialog: ${d.name}.${s.name} is elicited with no prompt`);
      if (s.elicitationRequired && !declared?.samples?.length) problems.push(`dialog: ${d.name}.${s.name} is elicited with no slot samples`);
    }
  }
  for (const p of im.prompts ?? []) {
    if (!used.has(p.id)) problems.push(`prompts: ${p.id} is used by no slot`);
    if (p.variations.length === 0) problems.push(`prompts: ${p.id} has no variation`);
    for (const v of p.variations) {
      if (!['PlainText', 'SSML'].includes(v.type)) problems.push(`prompts: ${p.id} has a variation of type ${v.type}`);
      if (!v.value.trim() || v.value.length > LIMITS.promptChars) problems.push(`prompts: ${p.id} has an empty or too long variation`);
    }
  }

  // The manifest: publishing information a reviewer reads, and example phrases that are samples of the model.
  const m = manifest.manifest;
  const info = m.publishingInformation.locales[locale];
  if (!info) return [...problems, `manifest: no publishing information for ${locale}`];
  if (!info.name?.trim()) problems.push('manifest: no skill name');
  if (!info.summary?.trim() || info.summary.length > LIMITS.summaryChars)
    problems.push(`manifest: summary empty or over ${LIMITS.summaryChars} characters`);
  if (!info.description?.trim() || info.description.length > LIMITS.descriptionChars)
    problems.push(`manifest: description empty or over ${LIMITS.descriptionChars} characters`);
  if ((info.keywords ?? []).length > LIMITS.keywords) problems.push(`manifest: more than ${LIMITS.keywords} keywords`);
  if (!m.publishingInformation.category) problems.push('manifest: no category');
  if (!m.publishingInformation.testingInstructions?.trim()) problems.push('manifest: no testing instructions (account linking needs them)');
  if (!m.publishingInformation.isAvailableWorldwide && !(m.publishingInformation.distributionCountries ?? []).length)
    problems.push('manifest: no distribution countries');
  if (!/^https:\/\//.test(m.apis.custom.endpoint.uri)) problems.push('manifest: the endpoint is not https');
  const privacy = m.privacyAndCompliance;
  if ((privacy?.usesPersonalInfo || privacy?.allowsPurchases) && !privacy.locales?.[locale]?.privacyPolicyUrl)
    problems.push('manifest: personal information or purchases with no privacy policy URL');

  const phrases = info.examplePhrases ?? [];
  if (phrases.length < 1 || phrases.length > LIMITS.examplePhrases) problems.push(`manifest: ${phrases.length} example phrases (one to three)`);
  const launch = new RegExp(
    `^Alexa, (?:ask|open|tell|launch|start|talk to) ${lm.invocationName.replace(/\./g, '\\.')}(?: (?:to|for|about|if|whether))?(?: (.+))?$`,
  );
  phrases.forEach((phrase, k) => {
    const m_ = launch.exec(phrase);
    if (!m_) {
      problems.push(`example phrase ${k + 1} "${phrase}": not "Alexa, <launch word> ${lm.invocationName} …"`);
      return;
    }
    const said = m_[1];
    // The first may only open the skill; every utterance after the invocation is a sample of the model.
    if (!said) {
      if (k > 0) problems.push(`example phrase ${k + 1} "${phrase}": opens the skill with no request (only the first may)`);
      return;
    }
    if (!lm.intents.some((intent) => sampleSays(intent, said, lm.types ?? [])))
      problems.push(`example phrase ${k + 1} "${phrase}": "${said}" is no sample of the model`);
  });
  return problems;
}

/** A sample of the intent says these words, its slots filled with their type's values (any words for a built-in). */
function sampleSays(intent: Intent, said: string, types: SlotType[]): boolean {
  const typeOf = Object.fromEntries((intent.slots ?? []).map((s) => [s.name, s.type]));
  return (intent.samples ?? []).some((sample) => {
    const pattern = sample
      .split(/(\{\w+\})/)
      .map((part) => {
        const slot = /^\{(\w+)\}$/.exec(part)?.[1];
        if (!slot) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        const type = types.find((t) => t.name === typeOf[slot]);
        if (!type) return '.+';
        const words = type.values.flatMap((v) => [v.name.value, ...(v.name.synonyms ?? [])]);
        return `(?:${words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`;
      })
      .join('');
    return new RegExp(`^${pattern}$`, 'i').test(said);
  });
}
