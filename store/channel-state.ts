import { z } from 'zod';
import type { Store } from './port.js';
import { ChannelStateRow, channelStateValues, readRow, toRow, type ChannelStateKind, type ChannelStateValue, type OnInvalidRow } from './schemas.js';

/** Each kind's value schema, typed by its kind so a read of one kind cannot come back as another's shape. */
const valueSchemas: { [K in ChannelStateKind]: z.ZodType<ChannelStateValue<K>> } = channelStateValues;

/** One row per (kind, id); the adapter keeps rows under `key` and returns what it holds as-is, unparsed. */
export interface ChannelStateRows {
  get(key: string): Promise<unknown>;
  put(key: string, row: ChannelStateRow): Promise<void>;
}

// The kind is an enum without ":", so the key is unambiguous whatever the id holds.
export const channelStateKey = (kind: ChannelStateKind, id: string): string => `${kind}:${id}`;

export function channelState(rows: ChannelStateRows, onInvalid: OnInvalidRow, clock: () => Date = () => new Date()): Store['channelState'] {
  return {
    get: async <K extends ChannelStateKind>(kind: K, id: string): Promise<ChannelStateValue<K> | null> => {
      const raw = await rows.get(channelStateKey(kind, id));
      if (raw === null || raw === undefined) return null;
      const row = readRow(ChannelStateRow, raw, { collection: `channel state ${kind}`, id }, onInvalid);
      return row && row.kind === kind ? readRow(valueSchemas[kind], row.value, { collection: `channel state ${kind}`, id }, onInvalid) : null;
    },
    put: async <K extends ChannelStateKind>(kind: K, id: string, value: ChannelStateValue<K>): Promise<void> => {
      const row = toRow(ChannelStateRow, { kind, id, value, updatedAt: clock().toISOString() }, `channel state ${kind} (${id})`);
      await rows.put(channelStateKey(kind, id), row);
    },
  };
}
