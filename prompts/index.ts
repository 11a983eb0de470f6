import { enUS } from './en-US.js';
import { koKR } from './ko-KR.js';
import type { Catalogue, Params } from './types.js';

export type { Params } from './types.js';
const catalogues: Record<string, Catalogue> = { 'en-US': enUS, 'ko-KR': koKR };

/** Every sentence Smile says comes from here, by key, in the customer's locale. */
export function say(locale: string, key: string, params: Params = {}): string {
  const template = catalogues[locale]?.[key] ?? catalogues['en-US']?.[key];
  if (!template) throw new Error(`No prompt "${key}" for locale ${locale}`);
  return template(params);
}

export function promptKeys(locale: string): string[] {
  return Object.keys(catalogues[locale] ?? {});
}
