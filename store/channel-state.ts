import { z } from 'zod';
import type { Store } from './port.js';
import {
  CHANNEL_LIST_ITEM,
  ChannelStateRow,
  channelStateValues,
  readRow,
  toRow,
  type ChannelListItem,
  type ChannelListKind,
  type ChannelStateKind,
  type ChannelStateValue,
  type OnInvalidRow,
} from './schemas.js';

/** Each kind's value schema, typed by its kind so a read of one kind cannot come back as another's shape. */
const valueSchemas: { [K in ChannelStateKind]: z.ZodType<ChannelStateValue<K>> } = channelStateValues;

/** One row per (kind, id); the adapter keeps rows under `key` and returns what it holds as-is, unparsed. */
export interface ChannelStateRows {
  get(key: string): Promise<unknown>;
  put(key: string, row: ChannelStateRow): Promise<void>;
  /** Inserts a row under a key that must be new; false when the key is taken (each adapter's unique key, atomic). */
  insert(key: string, row: ChannelStateRow): Promise<boolean>;
  /** The rows whose key starts with `prefix`, as-is, unparsed. */
  list(prefix: string): Promise<unknown[]>;
  /** Removes the row; true only for the one call that removed it (of removers racing, one). */
  remove(key: string): Promise<boolean>;
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
    // A list is one row per item, keyed under the list's prefix: an append is an insert (atomic on every adapter, the
    // same item twice kept once), the oldest beyond `keep` are removed after it, and a take removes each row it
    // returns, so of two takes at once each item goes to exactly one.
    append: async <K extends ChannelListKind>(kind: K, id: string, item: ChannelListItem<K>, keep: number): Promise<void> => {
      const itemKind = CHANNEL_LIST_ITEM[kind];
      const rowId = `${encodeURIComponent(id)}/${encodeURIComponent(item.id)}`;
      const row = toRow(
        ChannelStateRow,
        { kind: itemKind, id: rowId, value: item, updatedAt: clock().toISOString() },
        `channel state ${itemKind} (${rowId})`,
      );
      await rows.insert(channelStateKey(itemKind, rowId), row);
      const kept = await items(kind, id);
      for (const old of kept.slice(0, Math.max(0, kept.length - keep))) await rows.remove(channelStateKey(itemKind, old.rowId));
    },
    take: async <K extends ChannelListKind>(kind: K, id: string): Promise<Array<ChannelListItem<K>>> => {
      const itemKind = CHANNEL_LIST_ITEM[kind];
      const taken: Array<ChannelListItem<K>> = [];
      // News kept before each piece had a row of its own (one row holding them all) is taken once too, first.
      const legacyKey = channelStateKey(kind, id);
      const legacy = await rows.get(legacyKey);
      if (legacy !== null && legacy !== undefined) {
        const row = readRow(ChannelStateRow, legacy, { collection: `channel state ${kind}`, id }, onInvalid);
        const value = row?.kind === kind ? readRow(valueSchemas[kind], row.value, { collection: `channel state ${kind}`, id }, onInvalid) : null;
        if ((await rows.remove(legacyKey)) && value) taken.push(...(value.items as Array<ChannelListItem<K>>));
      }
      for (const { rowId, value } of await items(kind, id)) if (await rows.remove(channelStateKey(itemKind, rowId))) taken.push(value);
      return taken;
    },
  };

  /** A list's items, oldest first (by time, then id), each with its row's id. */
  async function items<K extends ChannelListKind>(kind: K, id: string): Promise<Array<{ rowId: string; value: ChannelListItem<K> }>> {
    const itemKind = CHANNEL_LIST_ITEM[kind];
    const raw = await rows.list(`${channelStateKey(itemKind, encodeURIComponent(id))}/`);
    const out: Array<{ rowId: string; value: ChannelListItem<K> }> = [];
    for (const r of raw) {
      const row = readRow(ChannelStateRow, r, { collection: `channel state ${itemKind}`, id }, onInvalid);
      if (row?.kind === itemKind) out.push({ rowId: row.id, value: row.value as ChannelListItem<K> });
    }
    return out.sort((a, b) => a.value.at.localeCompare(b.value.at) || a.rowId.localeCompare(b.rowId));
  }
}
