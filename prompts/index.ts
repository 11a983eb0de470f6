import { enUS } from './en-US.js';
import { koKR } from './ko-KR.js';
import type { Catalogue, ParamName, PromptKey } from './keys.js';

export type { Catalogue, FixedKey, FixedKeysOf, KeysOf, Param, ParamName, PromptKey, PromptRef, Say, WindowValue } from './keys.js';
export { josa, particle } from './korean.js';

import type { Locale } from '../domain/locale.js';

type PromptLocale = Locale;

const catalogues: Record<PromptLocale, Catalogue> = { 'en-US': enUS, 'ko-KR': koKR };

/** Every sentence Smile says comes from here, by key, in the customer's locale, with exactly the values it needs. */
export function say<K extends PromptKey>(
  locale: PromptLocale,
  key: K,
  ...params: ParamName<K> extends never ? [] : [Record<ParamName<K>, string>]
): string {
  return sayAny(locale, key, params[0] ?? {});
}

/**
 * The same for a sentence whose values were rendered generically (engine/render.ts formats each value first). The
 * key is typed; the values are checked by name here, so a missing one is an error with the key, not "undefined".
 */
export function sayAny(locale: PromptLocale, key: PromptKey, params: Record<string, string>): string {
  // The values were rendered by name from the Say that carried them, which the compiler checked against this key.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- tsc needs it; the lint rule misreads the union
  const template = catalogues[locale][key] as (p: Record<string, string>) => string;
  return template(params);
}

export function promptKeys(locale: PromptLocale): PromptKey[] {
  return Object.keys(catalogues[locale]).filter((k): k is PromptKey => k in enUS);
}
