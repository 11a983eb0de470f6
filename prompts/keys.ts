import type { CardProduct } from '../domain/commerce.js';
import type { enUS } from './en-US.js';

/** Every sentence Smile can say, by key: the English catalogue's keys. */
export type PromptKey = keyof typeof enUS;

/** The names of the values sentence K is filled with (none for a fixed sentence). */
export type ParamName<K extends PromptKey> = Parameters<(typeof enUS)[K]> extends [infer A] ? keyof A & string : never;

/** A catalogue in any locale: one function per key, taking exactly the English sentence's values. */
export type Catalogue = { [K in PromptKey]: (params: Record<ParamName<K>, string>) => string };

/** A time window as the logistics API gives it (ISO 8601 with offset). */
export interface WindowValue {
  start: string;
  end: string;
}

/** A reference to another sentence, filled with its own values ("the place" of a sentence may be a sentence itself). */
export type PromptRef = { [K in PromptKey]: { kind: 'prompt'; key: K } & ParamsOf<K> }[PromptKey];

/**
 * A value a sentence is filled with. Money, windows, dates and times are formatted in the customer's locale and time
 * zone when the reply is rendered.
 */
export type Param =
  | string
  | number
  | { kind: 'money'; amount: number; currency: string }
  | { kind: 'window'; window: WindowValue }
  | { kind: 'date'; iso: string }
  | { kind: 'time'; iso: string }
  | PromptRef;

/** The values of sentence K, typed by name: a sentence without values takes none. */
export type ParamsOf<K extends PromptKey> = [ParamName<K>] extends [never] ? { params?: undefined } : { params: Record<ParamName<K>, Param> };

/** Something Smile says: a sentence by key with its values, and optionally the answers it suggests and a card. */
export type Say = FixedSay | { [K in ValuedKey]: SayParts & { key: K; params: Record<ParamName<K>, Param> } }[ValuedKey];

interface SayParts {
  suggestions?: Param[];
  /** A card: its title, its labelled lines, and the products it is about (their pictures, where a channel shows them). */
  card?: { title: Param; lines: Param[]; products?: CardProduct[] };
}
/** A fixed sentence is said by key alone (one member for all of them, so a key chosen at run time still checks). */
type FixedSay = SayParts & { key: FixedKey; params?: undefined };
type ValuedKey = Exclude<PromptKey, FixedKey>;

/** Sentences that take no values ('help', 'slot.failed'): a key that can be said as it is. */
export type FixedKey = { [K in PromptKey]: [ParamName<K>] extends [never] ? K : never }[PromptKey];

/** Fixed sentences of a family, for maps from a domain value to what Smile says about it. */
export type FixedKeysOf<Prefix extends string> = Extract<FixedKey, `${Prefix}${string}`>;

/** A sentence key of a family: `PromptKey` members that start with the prefix ('status.line.' → 'status.line.placed' | …). */
export type KeysOf<Prefix extends string> = Extract<PromptKey, `${Prefix}${string}`>;
