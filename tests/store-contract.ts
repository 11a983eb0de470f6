import { describe, expect, it } from 'vitest';
import { VersionConflictError, type Store } from '../store/port.js';

/**
 * The store port's contract. Every adapter runs this same suite; `open` gives a fresh, empty store,
 * and `reopen` (when the adapter persists) opens the same data again as a restart would.
 */
export function storeContract(name: string, open: () => Promise<Store>, reopen?: (previous: Store) => Promise<Store>): void {
  const iso = (ms = 0): string => new Date(Date.UTC(2026, 10, 22) + ms).toISOString();
  const conv = (id: string) => ({ id, channel: 'rest', channelUserId: 'u1', customerId: 'demo', locale: 'en-US', state: { stack: [] }, createdAt: iso(), updatedAt: iso() });

  describe(`store contract: ${name}`, () => {
    it('when a conversation is saved, then it reads back with version 1, and saving on that version gives 2', async () => {
      const store = await open();
      expect(await store.conversations.get('c1')).toBeNull();
      const first = await store.conversations.save(conv('c1'), null);
      expect(first.version).toBe(1);
      expect(await store.conversations.get('c1')).toEqual(first);
      const second = await store.conversations.save({ ...conv('c1'), state: { stack: [1] } }, 1);
      expect(second.version).toBe(2);
      expect((await store.conversations.get('c1'))?.state).toEqual({ stack: [1] });
      await store.close();
    });

    it('when two writers save on the same version, then the second gets a version conflict and the first wins', async () => {
      const store = await open();
      await store.conversations.save(conv('c2'), null);
      await store.conversations.save({ ...conv('c2'), locale: 'ko-KR' }, 1);
      await expect(store.conversations.save({ ...conv('c2'), locale: 'en-US' }, 1)).rejects.toBeInstanceOf(VersionConflictError);
      await expect(store.conversations.save(conv('c2'), null)).rejects.toBeInstanceOf(VersionConflictError);
      expect((await store.conversations.get('c2'))?.locale).toBe('ko-KR');
      await store.close();
    });

    it('when a turn is recorded twice, then only the first is kept', async () => {
      const store = await open();
      const turn = { conversationId: 'c3', messageId: 'm1', reply: { n: 1 }, createdAt: iso(), expiresAt: iso(86_400_000) };
      expect(await store.turns.put(turn)).toBe(true);
      expect(await store.turns.put({ ...turn, reply: { n: 2 } })).toBe(false);
      expect((await store.turns.get('c3', 'm1'))?.reply).toEqual({ n: 1 });
      expect(await store.turns.get('c3', 'm2')).toBeNull();
      await store.close();
    });

    it('when transcript events are appended, then they list in time order per conversation, and the last N on request', async () => {
      const store = await open();
      await store.transcript.append([
        { conversationId: 'c4', at: iso(2), from: 'bot', text: 'b', expiresAt: iso(1e9) },
        { conversationId: 'c4', at: iso(1), from: 'customer', text: 'a', expiresAt: iso(1e9) },
        { conversationId: 'other', at: iso(0), from: 'customer', text: 'x', expiresAt: iso(1e9) },
      ]);
      expect((await store.transcript.list('c4')).map((e) => e.text)).toEqual(['a', 'b']);
      expect((await store.transcript.list('c4', { limit: 1 })).map((e) => e.text)).toEqual(['b']);
      await store.close();
    });

    it('when records expire, then the purge removes transcripts and turns past their time and keeps the rest', async () => {
      const store = await open();
      await store.transcript.append([
        { conversationId: 'c5', at: iso(), from: 'customer', text: 'old', expiresAt: iso(1000) },
        { conversationId: 'c5', at: iso(1), from: 'customer', text: 'new', expiresAt: iso(1e9) },
      ]);
      await store.turns.put({ conversationId: 'c5', messageId: 'old', reply: {}, createdAt: iso(), expiresAt: iso(1000) });
      expect(await store.purgeExpired(new Date(Date.parse(iso(5000))))).toBe(2);
      expect((await store.transcript.list('c5')).map((e) => e.text)).toEqual(['new']);
      expect(await store.turns.get('c5', 'old')).toBeNull();
      await store.close();
    });

    it('when channel links and preferences are written, then they read back and overwrite in place', async () => {
      const store = await open();
      await store.links.put({ channel: 'rest', channelUserId: 'u9', customerId: 'a', createdAt: iso() });
      await store.links.put({ channel: 'rest', channelUserId: 'u9', customerId: 'b', createdAt: iso() });
      expect((await store.links.get('rest', 'u9'))?.customerId).toBe('b');
      expect(await store.links.get('kakao', 'u9')).toBeNull();
      await store.preferences.put({ customerId: 'a', courierInstructions: 'knock', updatedAt: iso() });
      expect((await store.preferences.get('a'))?.courierInstructions).toBe('knock');
      await store.close();
    });

    it('when documents are inserted, put, listed and cleared, then collections stay apart and insert refuses a taken id', async () => {
      const store = await open();
      expect(await store.documents.insert('x', '1', { v: 1 })).toBe(true);
      expect(await store.documents.insert('x', '1', { v: 2 })).toBe(false);
      await store.documents.put('x', '2', { v: 3 });
      await store.documents.put('y', '1', { v: 4 });
      expect(await store.documents.list('x')).toEqual([{ v: 1 }, { v: 3 }]);
      await store.documents.remove('x', '2');
      expect(await store.documents.get('x', '2')).toBeNull();
      await store.documents.clear('x');
      expect(await store.documents.list('x')).toEqual([]);
      expect(await store.documents.get('y', '1')).toEqual({ v: 4 });
      await store.close();
    });

    if (reopen) {
      it('when the store is closed and opened again, then everything written is still there', async () => {
        const store = await open();
        await store.conversations.save(conv('c6'), null);
        await store.turns.put({ conversationId: 'c6', messageId: 'm', reply: { ok: true }, createdAt: iso(), expiresAt: iso(1e9) });
        await store.documents.put('orders', 'o1', { id: 'o1' });
        await store.close();
        const again = await reopen(store);
        expect((await again.conversations.get('c6'))?.version).toBe(1);
        expect((await again.turns.get('c6', 'm'))?.reply).toEqual({ ok: true });
        expect(await again.documents.get('orders', 'o1')).toEqual({ id: 'o1' });
        await again.close();
      });
    }
  });
}
