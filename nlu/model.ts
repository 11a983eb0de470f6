/**
 * The committed NLU model file (`nlu/model/model.v1.json`), written by `npm run nlu:train` and loaded at start:
 * starting never trains. Its `inputsHash` covers what the project itself feeds the training — the training
 * phrases, the feature code and the corpus labelling rules — so a change to any of them without retraining is
 * caught by a test. The public corpora it learned from are named with their licences and their own hashes.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { IntentName, LOCALES, type Locale } from './catalogue.js';
import type { LocaleModel } from './classifier.js';

export const MODEL_VERSION = 1;
export const MODEL_PATH = fileURLToPath(new URL(`./model/model.v${MODEL_VERSION}.json`, import.meta.url));

/** The project files whose content decides the model (paths relative to nlu/). */
export const MODEL_INPUTS = [
  'data/train.en-US.json',
  'data/train.ko-KR.json',
  'features.ts',
  'corpora.ts',
  'classifier.ts',
  'train.ts',
  'chat.ts',
] as const;

const LocaleModelSchema = z.object({
  intents: z.array(IntentName).min(2),
  vocabulary: z.array(z.string()),
  bias: z.array(z.number()),
  weights: z.string(),
  scale: z.number().positive(),
  temperature: z.number().positive(),
  threshold: z.number().min(0).max(1),
});

export const ModelFile = z.object({
  version: z.literal(MODEL_VERSION),
  inputsHash: z.string().regex(/^[0-9a-f]{64}$/),
  trainedAt: z.string(),
  corpora: z.array(z.object({ file: z.string(), sha256: z.string(), licence: z.string(), source: z.string(), rowsOutsideHeldOut: z.number().int() })),
  settings: z.record(z.string(), z.unknown()),
  crossValidation: z.record(z.string(), z.unknown()),
  locales: z.record(z.enum(LOCALES), LocaleModelSchema),
});
export type ModelFile = z.infer<typeof ModelFile> & { locales: Record<Locale, LocaleModel> };

/** sha256 over the model's project inputs, each named, in a fixed order. */
export function modelInputsHash(): string {
  const h = createHash('sha256');
  for (const rel of MODEL_INPUTS) {
    h.update(`${rel}\n`);
    // Line endings do not change a model.
    h.update(readFileSync(fileURLToPath(new URL(`./${rel}`, import.meta.url)), 'utf8').replace(/\r\n/g, '\n'));
  }
  return h.digest('hex');
}

export function loadModel(path = MODEL_PATH): ModelFile {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch {
    throw new Error(`NLU model file ${path} is missing: run npm run nlu:train`);
  }
  const parsed = ModelFile.safeParse(JSON.parse(raw));
  if (!parsed.success)
    throw new Error(`NLU model file ${path} does not fit version ${MODEL_VERSION}: run npm run nlu:train (${parsed.error.message})`);
  const model = parsed.data as ModelFile;
  for (const locale of LOCALES) if (!model.locales[locale]) throw new Error(`NLU model file ${path} has no ${locale} model: run npm run nlu:train`);
  return model;
}
