import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { DEFAULT_ZONE } from '../domain/time.js';
import { ACTION_INTENTS, IntentName, LOCALES, type Command, type Entity, type Locale } from './catalogue.js';
import { COMMAND_PATTERNS, DOMAIN_ANCHORS, FRUSTRATION_CUES } from './lexicon.js';
import { IntentClassifier } from './classifier.js';
import { extractEntities, withCatalogue, type CatalogueItem } from './entities.js';
import { delexicalise } from './features.js';

export interface ParseContext { now?: Date; timeZone?: string; catalogue?: CatalogueItem[] }
export interface ParseResult {
  intent: { name: IntentName; confidence: number };
  entities: Entity[];
  /** A conversation command ("repeat", "start over", "in English please"), when the text is one. */
  command?: Command;
  /** Clear frustration in the words ("this is useless", "답답해"). */
  frustrated?: boolean;
}

const TrainingFile = z.record(IntentName, z.array(z.string().min(1)));
export type TrainingFile = z.infer<typeof TrainingFile>;

/** Smile's own phrase sets: `train` is trained on; the others are only ever measured (`npm run nlu:eval`). */
export const EVAL_SETS = ['heldout', 'blind', 'fresh', 'stranger-2026-11-27'] as const;
export type PhraseSet = 'train' | (typeof EVAL_SETS)[number];

export function loadExamples(kind: PhraseSet, locale: Locale): TrainingFile {
  const path = fileURLToPath(new URL(`./data/${kind}.${locale}.json`, import.meta.url));
  return TrainingFile.parse(JSON.parse(readFileSync(path, 'utf8')));
}


/** Hangul in the text means Korean; Latin letters without Hangul mean English. */
export { localeOfText as detectLocale } from '../domain/locale.js';

export class Nlu {
  private readonly classifiers = new Map<Locale, IntentClassifier>();
  /** What the classifier is (a model file's version and hash), for logs and the evaluation report. */
  readonly modelInfo: string | undefined = undefined;

  constructor(training?: Partial<Record<Locale, TrainingFile>>) {
    for (const locale of LOCALES) {
      const data = training?.[locale] ?? loadExamples('train', locale);
      const classifier = new IntentClassifier(locale);
      const examples = Object.entries(data).flatMap(([intent, texts]) =>
        texts.map((text) => ({ intent: IntentName.parse(intent), text: this.delex(text, locale, {}) })));
      classifier.train(examples);
      this.classifiers.set(locale, classifier);
    }
  }

  private delex(text: string, locale: Locale, ctx: ParseContext): string {
    const entities = extractEntities(text, locale, { now: ctx.now ?? new Date(), timeZone: ctx.timeZone ?? DEFAULT_ZONE[locale] });
    return delexicalise(text, entities);
  }

  /** Entities alone, for words that come without a sentence (a voice assistant's slot values). */
  entities(text: string, locale: Locale, ctx: ParseContext = {}): Entity[] {
    return extractEntities(text, locale, { now: ctx.now ?? new Date(), timeZone: ctx.timeZone ?? DEFAULT_ZONE[locale], ...(ctx.catalogue ? { catalogue: ctx.catalogue } : {}) });
  }

  parse(text: string, locale: Locale, ctx: ParseContext = {}): ParseResult {
    const now = ctx.now ?? new Date();
    const timeZone = ctx.timeZone ?? DEFAULT_ZONE[locale];
    const generic = extractEntities(text, locale, { now, timeZone });
    const entities = ctx.catalogue ? withCatalogue(generic, text, locale, ctx.catalogue) : generic;
    const classifier = this.classifiers.get(locale);
    if (!classifier) throw new Error(`No classifier for locale ${locale}`);
    let result = classifier.classify(delexicalise(text, generic));
    // An action about nothing in Smile's world (no shopping word, no product, place or quantity) is not trusted.
    const grounded = generic.some((e) => ['product', 'place', 'quantity', 'instructions', 'return_reason', 'return_method'].includes(e.type))
      || (locale === 'ko-KR' ? DOMAIN_ANCHORS.ko : DOMAIN_ANCHORS.en).test(text);
    if (ACTION_INTENTS.has(result.intent) && result.intent !== 'human_handoff' && !grounded) {
      result = { intent: 'out_of_scope', confidence: 0.5, ranking: result.ranking };
    }
    const command = COMMAND_PATTERNS.find((c) => c.re.test(text.trim()))?.command;
    const frustrated = (locale === 'ko-KR' ? FRUSTRATION_CUES.ko : FRUSTRATION_CUES.en).test(text) || FRUSTRATION_CUES.en.test(text);
    return { intent: { name: result.intent, confidence: Number(result.confidence.toFixed(3)) }, entities, ...(command ? { command } : {}), ...(frustrated ? { frustrated } : {}) };
  }
}
