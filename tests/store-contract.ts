import { describe, expect, it } from 'vitest';
import { VersionConflictError, type Escalation, type InvalidRow, type OnInvalidRow, type RawRowWriter, type Store } from '../store/port.js';

export type ContractStore = Store & RawRowWriter;

/**
 * The store port's contract. Every adapter runs this same suite; `open` gives a fresh, empty store (telling
 * `onInvalid` about unreadable rows), and `reopen` (when the adapter persists) opens the same data again as a restart would.
 */
export function storeContract(
  name: string,
  openStore: (options: { onInvalid?: OnInvalidRow }) => Promise<ContractStore>,
  reopen?: (previous: Store) => Promise<Store>,
): void {
  const open = (onInvalid?: OnInvalidRow): Promise<ContractStore> => openStore(onInvalid ? { onInvalid } : {});
  const iso = (ms = 0): string => new Date(Date.UTC(2026, 10, 22) + ms).toISOString();
  const conv = (id: string) => ({
    id,
    channel: 'rest',
    channelUserId: 'u1',
    customerId: 'demo',
    locale: 'en-US',
    state: { stack: [] },
    createdAt: iso(),
    updatedAt: iso(),
  });
  const escalation = (id: string, conversationId: string, more: Partial<Escalation> = {}): Escalation => ({
    id,
    conversationId,
    customerId: 'demo',
    channel: 'rest',
    channelUserId: 'u1',
    locale: 'en-US',
    reason: 'customer_request',
    intent: null,
    status: 'queued',
    priority: 'normal',
    createdAt: iso(),
    slaDueAt: iso(3_600_000),
    summary: 'wants a person',
    orders: [],
    notes: [],
    ...more,
  });

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

    it('when 30 writers save on the same version at once, then exactly one wins and its state is the one kept', async () => {
      const store = await open();
      await store.conversations.save(conv('race'), null);
      const results = await Promise.allSettled(Array.from({ length: 30 }, (_, n) => store.conversations.save({ ...conv('race'), state: { n } }, 1)));
      const won = results.flatMap((r, n) => (r.status === 'fulfilled' ? [n] : []));
      expect(won).toHaveLength(1);
      expect(results.filter((r) => r.status === 'rejected').every((r) => r.reason instanceof VersionConflictError)).toBe(true);
      expect(await store.conversations.get('race')).toMatchObject({ version: 2, state: { n: won[0] } });
      const firsts = await Promise.allSettled(Array.from({ length: 30 }, () => store.conversations.save(conv('race-new'), null)));
      expect(firsts.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      await store.close();
    });

    it('when a writer saves on a version several saves old, then it is a conflict and the newest state stays', async () => {
      const store = await open();
      await store.conversations.save(conv('stale'), null);
      for (const v of [1, 2, 3]) await store.conversations.save({ ...conv('stale'), state: { v } }, v);
      for (const v of [null, 1, 2, 3]) await expect(store.conversations.save(conv('stale'), v)).rejects.toBeInstanceOf(VersionConflictError);
      // Superseded versions keep their keys for a day; the purge then removes them, and the newest state stays.
      await store.purgeExpired(new Date(Date.parse(iso()) + 2 * 86_400_000));
      expect(await store.conversations.get('stale')).toMatchObject({ version: 4, state: { v: 3 } });
      expect((await store.conversations.save(conv('stale'), 4)).version).toBe(5);
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

    it('when 30 instances record the same turn or insert the same document at once, then exactly one succeeds', async () => {
      const store = await open();
      const turn = { conversationId: 'c3r', messageId: 'm1', reply: {}, createdAt: iso(), expiresAt: iso(86_400_000) };
      const turns = await Promise.all(Array.from({ length: 30 }, (_, n) => store.turns.put({ ...turn, reply: { n } })));
      expect(turns.filter(Boolean)).toHaveLength(1);
      expect((await store.turns.get('c3r', 'm1'))?.reply).toEqual({ n: turns.indexOf(true) });
      const docs = await Promise.all(Array.from({ length: 30 }, (_, n) => store.documents.insert('idem', 'k', { n })));
      expect(docs.filter(Boolean)).toHaveLength(1);
      expect(await store.documents.get('idem', 'k')).toEqual({ n: docs.indexOf(true) });
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

    it('when several channel identities link customers, then customerIds lists each customer once', async () => {
      const store = await open();
      expect(await store.links.customerIds()).toEqual([]);
      await store.links.put({ channel: 'rest', channelUserId: 'a', customerId: 'demo-ko', createdAt: iso() });
      await store.links.put({ channel: 'kakao', channelUserId: 'k', customerId: 'demo-ko', createdAt: iso() });
      await store.links.put({ channel: 'rest', channelUserId: 'b', customerId: 'demo', createdAt: iso() });
      expect(await store.links.customerIds()).toEqual(['demo', 'demo-ko']);
      await store.close();
    });

    it('when channel links and preferences are written, then they read back and overwrite in place', async () => {
      const store = await open();
      await store.links.put({ channel: 'rest', channelUserId: 'u9', customerId: 'a', createdAt: iso() });
      await store.links.put({ channel: 'rest', channelUserId: 'u9', customerId: 'b', createdAt: iso() });
      expect((await store.links.get('rest', 'u9'))?.customerId).toBe('b');
      expect(await store.links.get('kakao', 'u9')).toBeNull();
      // Unlinking forgets one channel user's link, once.
      await store.links.put({ channel: 'kakao', channelUserId: 'u9', customerId: 'b', createdAt: iso() });
      expect(await store.links.remove('rest', 'u9')).toBe(true);
      expect(await store.links.remove('rest', 'u9')).toBe(false);
      expect(await store.links.get('rest', 'u9')).toBeNull();
      expect((await store.links.get('kakao', 'u9'))?.customerId).toBe('b');
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

    it('when rows that were never written are read, then each is null and none is reported as unreadable', async () => {
      const reported: string[] = [];
      const store = await open((row) => reported.push(row.message));
      expect(await store.turns.get('nobody', 'm1')).toBeNull();
      expect(await store.links.get('rest', 'nobody')).toBeNull();
      expect(await store.conversations.get('nobody')).toBeNull();
      expect(await store.escalations.openFor('nobody')).toBeNull();
      expect(await store.pendingEffects.get('nobody')).toBeNull();
      expect(reported).toEqual([]);
      await store.close();
    });

    it("when a customer's documents are asked for, then only that customer's in that collection come back, newest first and bounded", async () => {
      const store = await open();
      const order = (id: string, customerId: string, day: number) => ({
        id,
        customerId,
        placedAt: `2026-11-${String(day).padStart(2, '0')}T10:00:00.000Z`,
      });
      for (const [id, customer, day] of [
        ['o1', 'ann', 3],
        ['o2', 'bob', 9],
        ['o3', 'ann', 12],
        ['o4', 'ann', 7],
      ] as const) {
        await store.documents.put('orders', id, order(id, customer, day));
      }
      await store.documents.put('shipments', 's1', { id: 's1', customerId: 'ann' });
      await store.documents.put('notes', 'n1', { id: 'n1' });
      expect((await store.documents.byCustomer<{ id: string }>('orders', 'ann', { newestBy: 'placedAt' })).map((o) => o.id)).toEqual([
        'o3',
        'o4',
        'o1',
      ]);
      expect((await store.documents.byCustomer<{ id: string }>('orders', 'ann', { newestBy: 'placedAt', limit: 2 })).map((o) => o.id)).toEqual([
        'o3',
        'o4',
      ]);
      expect((await store.documents.byCustomer<{ id: string }>('orders', 'ann')).map((o) => o.id)).toEqual(['o1', 'o3', 'o4']);
      expect(await store.documents.byCustomer('shipments', 'ann')).toEqual([{ id: 's1', customerId: 'ann' }]);
      expect(await store.documents.byCustomer('orders', 'cat')).toEqual([]);
      await store.close();
    });

    it('when documents are asked for by an indexed field, then only those of that collection with that value come back, by id, and a change moves them', async () => {
      const store = await open();
      await store.documents.put('notices', 'n2', { id: 'n2', status: 'pending' });
      await store.documents.put('notices', 'n1', { id: 'n1', status: 'pending' });
      await store.documents.put('notices', 'n3', { id: 'n3', status: 'sent' });
      await store.documents.put('orders', 'o1', { id: 'o1', status: 'pending' });
      await store.documents.put('events', 'e1', { id: 'e1', processedAt: null });
      await store.documents.put('events', 'e2', { id: 'e2', processedAt: '2026-11-27T10:00:00.000Z' });
      await store.documents.put('events', 'e3', { id: 'e3' });
      expect((await store.documents.where<{ id: string }>('notices', 'status', 'pending')).map((d) => d.id)).toEqual(['n1', 'n2']);
      expect((await store.documents.where<{ id: string }>('events', 'processedAt', null)).map((d) => d.id)).toEqual(['e1']);
      await store.documents.put('notices', 'n1', { id: 'n1', status: 'sent' });
      await store.documents.put('events', 'e1', { id: 'e1', processedAt: '2026-11-27T11:00:00.000Z' });
      expect((await store.documents.where<{ id: string }>('notices', 'status', 'pending')).map((d) => d.id)).toEqual(['n2']);
      expect((await store.documents.where<{ id: string }>('notices', 'status', 'sent')).map((d) => d.id)).toEqual(['n1', 'n3']);
      expect(await store.documents.where('events', 'processedAt', null)).toEqual([]);
      expect(await store.documents.where('notices', 'status', 'held')).toEqual([]);
      await store.close();
    });

    it('when rows of every kind are written, then they read back with schemaVersion 1', async () => {
      const store = await open();
      expect(await store.conversations.save(conv('v1'), null)).toMatchObject({ schemaVersion: 1 });
      expect(await store.conversations.get('v1')).toMatchObject({ id: 'v1', schemaVersion: 1 });
      await store.transcript.append([{ conversationId: 'v1', at: iso(), from: 'customer', text: 'hi', expiresAt: iso(1e9) }]);
      expect(await store.transcript.list('v1')).toEqual([
        { conversationId: 'v1', at: iso(), from: 'customer', text: 'hi', expiresAt: iso(1e9), schemaVersion: 1 },
      ]);
      await store.turns.put({ conversationId: 'v1', messageId: 'm', reply: { ok: 1 }, createdAt: iso(), expiresAt: iso(1e9) });
      expect(await store.turns.get('v1', 'm')).toMatchObject({ reply: { ok: 1 }, expiresAt: iso(1e9), schemaVersion: 1 });
      await store.links.put({ channel: 'rest', channelUserId: 'v1', customerId: 'a', createdAt: iso() });
      expect(await store.links.get('rest', 'v1')).toEqual({
        channel: 'rest',
        channelUserId: 'v1',
        customerId: 'a',
        createdAt: iso(),
        schemaVersion: 1,
      });
      await store.preferences.put({ customerId: 'v1', locale: 'ko-KR', updatedAt: iso() });
      expect(await store.preferences.get('v1')).toEqual({ customerId: 'v1', locale: 'ko-KR', updatedAt: iso(), schemaVersion: 1 });
      await store.escalations.openOnce(escalation('esc-v1', 'v1'));
      expect(await store.escalations.get('esc-v1')).toEqual({ ...escalation('esc-v1', 'v1'), schemaVersion: 1 });
      await store.close();
    });

    it('when a row was written before rows had a schemaVersion, then it reads as version 1', async () => {
      const store = await open();
      const { id, ...fields } = { ...conv('old'), version: 3 };
      await store.writeRawRow('conversations', { _id: id, id, ...fields });
      expect(await store.conversations.get('old')).toEqual({ ...conv('old'), version: 3, schemaVersion: 1 });
      await store.close();
    });

    it('when stored rows do not fit their schema, then a get is null, a list skips them, and each is reported, not thrown', async () => {
      const invalid: InvalidRow[] = [];
      const store = await open((row) => invalid.push(row));
      await store.writeRawRow('conversations', { _id: 'bad', id: 'bad', channel: 42 });
      await store.writeRawRow('preferences', { _id: 'bad', customerId: 'bad', updatedAt: 5 });
      await store.writeRawRow('transcript', { conversationId: 'c7', at: iso(1), from: 'robot', text: 7, expiresAt: iso(1e9) });
      await store.transcript.append([{ conversationId: 'c7', at: iso(2), from: 'bot', text: 'fine', expiresAt: iso(1e9) }]);
      await store.writeRawRow('escalations', { _id: 'esc-bad', id: 'esc-bad', conversationId: 'c7', status: 'lost', createdAt: iso() });
      await store.escalations.openOnce(escalation('esc-good', 'c8'));
      await store.writeRawRow('channelState', { _id: 'kakao_cursor:k-bad', kind: 'kakao_cursor', id: 'k-bad', value: { at: 3 }, updatedAt: iso() });

      expect(await store.conversations.get('bad')).toBeNull();
      expect(await store.preferences.get('bad')).toBeNull();
      expect((await store.transcript.list('c7')).map((e) => e.text)).toEqual(['fine']);
      expect(await store.escalations.get('esc-bad')).toBeNull();
      expect((await store.escalations.list()).map((e) => e.id)).toEqual(['esc-good']);
      expect(await store.channelState.get('kakao_cursor', 'k-bad')).toBeNull();
      // The escalation is reported twice: once by the get, once by the list.
      expect(invalid.map((r) => r.collection).sort()).toEqual([
        'channel state kakao_cursor',
        'conversation',
        'escalation',
        'escalation',
        'preferences',
        'transcript event',
      ]);
      expect(invalid.find((r) => r.collection === 'conversation')).toMatchObject({
        id: 'bad',
        message: expect.stringMatching(/^Could not read conversation \(bad\): .*channel/),
      });
      await store.close();
    });

    it('when several turns open an escalation for one conversation at once, then exactly one is created and all get it', async () => {
      const store = await open();
      const results = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((n) => store.escalations.openOnce(escalation(`esc-${n}`, 'c9'))));
      expect(results.filter((r) => r.created)).toHaveLength(1);
      const winner = results.find((r) => r.created)!.escalation.id;
      expect(new Set(results.map((r) => r.escalation.id))).toEqual(new Set([winner]));
      expect((await store.escalations.openFor('c9'))?.id).toBe(winner);
      expect((await store.escalations.list({ status: 'queued' })).map((e) => e.id)).toEqual([winner]);
      await store.close();
    });

    it('when several agents claim one escalation at once, then exactly one wins, it is active for them, and the others learn who', async () => {
      const store = await open();
      await store.escalations.openOnce(escalation('esc-claim', 'c10'));
      const agents = ['ann', 'bo', 'cy', 'di'];
      const results = await Promise.all(agents.map((a) => store.escalations.claim('esc-claim', a, iso(60_000))));
      const won = results.flatMap((r) => (r.won ? [r.escalation] : []));
      expect(won).toHaveLength(1);
      const holder = won[0]!.claimedBy;
      expect(agents).toContain(holder);
      expect(results.filter((r) => !r.won)).toEqual(Array(3).fill({ won: false, holder }));
      expect(await store.escalations.get('esc-claim')).toMatchObject({ status: 'active', claimedBy: holder, claimedAt: iso(60_000) });
      await store.close();
    });

    it('when an escalation is closed, then its conversation is free for a new one, and lists filter by status, channel and priority', async () => {
      const store = await open();
      const first = (await store.escalations.openOnce(escalation('esc-1', 'c11'))).escalation;
      await store.escalations.save({ ...first, notes: [{ by: 'ann', at: iso(1), text: 'called' }] });
      expect((await store.escalations.get('esc-1'))?.notes).toHaveLength(1);
      await store.escalations.close({ ...first, status: 'resolved', closedAt: iso(2), closedBy: 'ann' });
      expect(await store.escalations.openFor('c11')).toBeNull();
      const second = await store.escalations.openOnce(escalation('esc-2', 'c11', { createdAt: iso(5), priority: 'high', channel: 'kakao' }));
      expect(second).toMatchObject({ created: true, escalation: { id: 'esc-2' } });
      expect((await store.escalations.openFor('c11'))?.id).toBe('esc-2');
      expect((await store.escalations.list()).map((e) => e.id)).toEqual(['esc-1', 'esc-2']);
      expect((await store.escalations.list({ status: 'resolved' })).map((e) => e.id)).toEqual(['esc-1']);
      expect((await store.escalations.list({ channel: 'kakao', priority: 'high' })).map((e) => e.id)).toEqual(['esc-2']);
      expect(await store.escalations.list({ channel: 'kakao', status: 'resolved' })).toEqual([]);
      await store.close();
    });

    it('when a conversation still holds the marker of an escalation closed without release (a crash), then a new one still opens', async () => {
      const store = await open();
      const first = (await store.escalations.openOnce(escalation('esc-stale', 'c12'))).escalation;
      // save() does not release the conversation; close() does. A crash between the two leaves exactly this.
      await store.escalations.save({ ...first, status: 'resolved', closedAt: iso(1), closedBy: 'ann' });
      expect(await store.escalations.openFor('c12')).toBeNull();
      expect(await store.escalations.openOnce(escalation('esc-next', 'c12', { createdAt: iso(2) }))).toMatchObject({
        created: true,
        escalation: { id: 'esc-next' },
      });
      expect((await store.escalations.openFor('c12'))?.id).toBe('esc-next');
      await store.close();
    });

    it("when changes are pending for several customers, then pendingFor lists only that customer's still-pending ones, oldest first", async () => {
      const store = await open();
      const pending = (key: string, customerId: string, createdAt: string) => ({
        key,
        conversationId: `conv-${key}`,
        customerId,
        channel: 'alexa',
        channelUserId: 'u1',
        locale: 'en-US',
        timeZone: 'UTC',
        change: { type: 'cancelOrder' as const, orderId: `ord-${key}`, idempotencyKey: key },
        status: 'pending' as const,
        attempts: 0,
        nextAttemptAt: createdAt,
        leaseUntil: null,
        told: false,
        createdAt,
        updatedAt: createdAt,
      });
      await store.pendingEffects.add(pending('k2', 'demo', iso(2000)));
      await store.pendingEffects.add(pending('k1', 'demo', iso(1000)));
      await store.pendingEffects.add(pending('k3', 'other', iso(500)));
      await store.pendingEffects.add(pending('k4', 'demo', iso(100)));
      await store.pendingEffects.save({ ...pending('k4', 'demo', iso(100)), status: 'settled', outcome: { applied: true } });
      expect((await store.pendingEffects.pendingFor('demo')).map((p) => p.key)).toEqual(['k1', 'k2']);
      expect(await store.pendingEffects.pendingFor('nobody')).toEqual([]);
      await store.close();
    });

    it('when channel state is put, then it reads back per kind and id and overwrites in place', async () => {
      const store = await open();
      const reference = {
        channelId: 'emulator',
        serviceUrl: 'http://connector.test',
        activityId: 'a1',
        conversation: { id: 'bf-1', isGroup: false, conversationType: 'personal', name: '' },
        bot: { id: 'smile', name: 'Smile' },
        user: { id: 'u1', name: 'Kim' },
      };
      await store.channelState.put('bf_reference', 'bf:emulator:bf-1', reference);
      expect(await store.channelState.get('bf_reference', 'bf:emulator:bf-1')).toEqual(reference);
      await store.channelState.put('kakao_cursor', 'kakao:u1', { at: iso(1) });
      await store.channelState.put('kakao_cursor', 'kakao:u1', { at: iso(2) });
      expect(await store.channelState.get('kakao_cursor', 'kakao:u1')).toEqual({ at: iso(2) });
      expect(await store.channelState.get('kakao_cursor', 'bf:emulator:bf-1')).toBeNull();
      expect(await store.channelState.get('bf_reference', 'kakao:u1')).toBeNull();
      await store.close();
    });

    it('when pieces of news are appended for one customer at once, then none overwrites another: all are kept up to the cap, and each is taken once', async () => {
      const store = await open();
      const customer = `news:${Math.random().toString(36).slice(2)}`;
      const item = (n: number) => ({ id: `n${n}`, text: `news ${n}`, at: iso(n) });
      const ids = (items: Array<{ id: string }>) => items.map((i) => i.id);
      // Below the cap, all land whatever their order; the same id twice is kept once.
      await Promise.all([1, 2, 3, 4, 4].map((n) => store.channelState.append('voice_news', customer, item(n), 5)));
      const [taken, again] = await Promise.all([store.channelState.take('voice_news', customer), store.channelState.take('voice_news', customer)]);
      // Two openings at once: between them every piece, none said twice; oldest first.
      expect([...ids(taken), ...ids(again)].sort()).toEqual(['n1', 'n2', 'n3', 'n4']);
      expect(ids(taken)).toEqual([...ids(taken)].sort());
      expect(await store.channelState.take('voice_news', customer)).toEqual([]);
      // Twelve at once into an empty list: the newest five are kept.
      await Promise.all(Array.from({ length: 12 }, (_, n) => store.channelState.append('voice_news', `${customer}-b`, item(n + 10), 5)));
      expect(ids(await store.channelState.take('voice_news', `${customer}-b`))).toEqual(['n17', 'n18', 'n19', 'n20', 'n21']);
      // Another customer's news, even one whose id begins the same, is theirs alone.
      await store.channelState.append('voice_news', `${customer}-c`, item(1), 5);
      await store.channelState.append('voice_news', `${customer}-cd`, item(2), 5);
      expect(ids(await store.channelState.take('voice_news', `${customer}-c`))).toEqual(['n1']);
      expect(ids(await store.channelState.take('voice_news', `${customer}-cd`))).toEqual(['n2']);
      // News kept the earlier way (one row holding a list) is said once, before what came after it.
      await store.channelState.put('voice_news', `${customer}-old`, { items: [item(1), item(2)] });
      await store.channelState.append('voice_news', `${customer}-old`, item(3), 5);
      expect(ids(await store.channelState.take('voice_news', `${customer}-old`))).toEqual(['n1', 'n2', 'n3']);
      expect(await store.channelState.take('voice_news', `${customer}-old`)).toEqual([]);
    });

    it('when a lease is taken, then others are refused until it expires or is released, and only its holder renews it', async () => {
      const store = await open();
      const t0 = new Date(iso());
      const at = (ms: number) => new Date(t0.getTime() + ms);
      expect(await store.leases.holder('job:a', t0)).toBeNull();
      expect(await store.leases.acquire('job:a', 'one', 60_000, t0)).toBe(true);
      expect(await store.leases.holder('job:a', at(1))).toEqual({ holder: 'one', until: at(60_000).toISOString() });
      expect(await store.leases.acquire('job:a', 'two', 60_000, at(1))).toBe(false);
      // Another name is another lease.
      expect(await store.leases.acquire('job:b', 'two', 60_000, at(1))).toBe(true);
      expect(await store.leases.renew('job:a', 'two', 60_000, at(2))).toBe(false);
      expect(await store.leases.renew('job:a', 'one', 60_000, at(30_000))).toBe(true);
      // Renewed: still held past the first expiry.
      expect(await store.leases.acquire('job:a', 'two', 60_000, at(70_000))).toBe(false);
      // Expired: free for anyone, and its old holder can no longer renew it.
      expect(await store.leases.holder('job:a', at(90_000))).toBeNull();
      expect(await store.leases.renew('job:a', 'one', 60_000, at(90_000))).toBe(false);
      expect(await store.leases.acquire('job:a', 'two', 60_000, at(90_000))).toBe(true);
      // Released by someone else: nothing; by its holder: free at once.
      await store.leases.release('job:a', 'one', at(91_000));
      expect(await store.leases.holder('job:a', at(91_000))).toMatchObject({ holder: 'two' });
      await store.leases.release('job:a', 'two', at(92_000));
      expect(await store.leases.holder('job:a', at(92_000))).toBeNull();
      expect(await store.leases.acquire('job:a', 'three', 60_000, at(92_000))).toBe(true);
      await store.close();
    });

    it('when 30 instances take the same free lease at once, then exactly one gets it, and again once it has expired', async () => {
      const store = await open();
      const t0 = new Date(iso());
      const race = (at: Date, prefix = 'i') =>
        Promise.all(Array.from({ length: 30 }, (_, n) => store.leases.acquire('sweep', `${prefix}${n}`, 1_000, at)));
      const first = await race(t0);
      expect(first.filter(Boolean)).toHaveLength(1);
      expect(await store.leases.holder('sweep', t0)).toEqual({
        holder: `i${first.indexOf(true)}`,
        until: new Date(t0.getTime() + 1_000).toISOString(),
      });
      expect((await race(new Date(t0.getTime() + 500), 'other')).filter(Boolean)).toHaveLength(0);
      const later = new Date(t0.getTime() + 2_000);
      const second = await race(later);
      expect(second.filter(Boolean)).toHaveLength(1);
      expect((await store.leases.holder('sweep', later))?.holder).toBe(`i${second.indexOf(true)}`);
      await store.close();
    });

    it('when a lease changes hands many times, then old terms are pruned and it still works', async () => {
      const store = await open();
      const t0 = Date.parse(iso());
      for (let n = 0; n < 12; n++) {
        // Each taken two hours after the last expired: past terms are long over.
        expect(await store.leases.acquire('often', `h${n}`, 1_000, new Date(t0 + n * 7_200_000))).toBe(true);
      }
      expect(await store.leases.holder('often', new Date(t0 + 11 * 7_200_000))).toMatchObject({ holder: 'h11' });
      await store.close();
    });

    if (reopen) {
      it('when the store is closed and opened again, then everything written is still there', async () => {
        const store = await open();
        await store.conversations.save(conv('c6'), null);
        await store.turns.put({ conversationId: 'c6', messageId: 'm', reply: { ok: true }, createdAt: iso(), expiresAt: iso(1e9) });
        await store.documents.put('orders', 'o1', { id: 'o1' });
        await store.escalations.openOnce(escalation('esc-6', 'c6'));
        await store.escalations.claim('esc-6', 'ann', iso(1));
        await store.channelState.put('kakao_cursor', 'c6', { at: iso(1) });
        await store.leases.acquire('job:kept', 'one', 60_000, new Date(iso()));
        await store.close();
        const again = await reopen(store);
        expect((await again.conversations.get('c6'))?.version).toBe(1);
        expect((await again.turns.get('c6', 'm'))?.reply).toEqual({ ok: true });
        expect(await again.documents.get('orders', 'o1')).toEqual({ id: 'o1' });
        expect(await again.escalations.openFor('c6')).toMatchObject({ id: 'esc-6', status: 'active', claimedBy: 'ann' });
        expect(await again.escalations.claim('esc-6', 'bo', iso(2))).toEqual({ won: false, holder: 'ann' });
        expect(await again.channelState.get('kakao_cursor', 'c6')).toEqual({ at: iso(1) });
        expect(await again.leases.acquire('job:kept', 'two', 60_000, new Date(iso(1)))).toBe(false);
        await again.close();
      });

      it('when an older version kept escalations and channel state in documents, then opening moves them to the typed collections', async () => {
        const store = await open();
        const esc = escalation('esc-old', 'c13', { status: 'active', claimedBy: 'ann', claimedAt: iso(1) });
        await store.documents.put('escalations', 'esc-old', esc);
        await store.documents.put('escalations', 'esc-broken', { id: 'esc-broken', status: 'lost' });
        await store.documents.insert('escalation_open', 'c13', { id: 'esc-old' });
        await store.documents.insert('escalation_claims', 'esc-old', { by: 'ann' });
        const reference = { channelId: 'emulator', serviceUrl: 'http://connector.test', conversation: { id: 'c13' } };
        await store.documents.put('bf_references', 'bf:emulator:c13', reference);
        await store.documents.put('kakao_cursor', 'kakao:c13', { at: iso(2) });
        await store.close();
        const again = await reopen(store);
        expect(await again.escalations.openFor('c13')).toEqual({ ...esc, schemaVersion: 1 });
        expect(await again.escalations.claim('esc-old', 'bo', iso(3))).toEqual({ won: false, holder: 'ann' });
        expect(await again.channelState.get('bf_reference', 'bf:emulator:c13')).toMatchObject({ conversation: { id: 'c13' } });
        expect(await again.channelState.get('kakao_cursor', 'kakao:c13')).toEqual({ at: iso(2) });
        // What moved is gone from documents; what could not be read stays there for a person to look at.
        expect(await again.documents.get('escalations', 'esc-old')).toBeNull();
        expect(await again.documents.list('escalations')).toEqual([{ id: 'esc-broken', status: 'lost' }]);
        await again.close();
      });
    }

    it('keeps the audit log: an entry once per id, filtered by actor, action, escalation and time, newest first', async () => {
      const store = await open();
      const entry = (id: string, ms: number, more: Record<string, string> = {}) => ({
        id,
        at: iso(ms),
        action: 'claim' as const,
        actor: 'ann',
        escalationId: 'esc-1',
        address: '127.0.0.1',
        ...more,
      });
      await store.audit.append(entry('a1', 1, { action: 'login' }));
      await store.audit.append(entry('a2', 2));
      await store.audit.append(entry('a2', 2, { actor: 'mallory' })); // the same id again: kept once, unchanged
      await store.audit.append(entry('a3', 3, { actor: 'bo', action: 'reply', escalationId: 'esc-2' }));
      expect((await store.audit.list({ limit: 10 })).map((e) => e.id)).toEqual(['a3', 'a2', 'a1']);
      expect(await store.audit.list({ actor: 'ann', action: 'claim', limit: 10 })).toEqual([{ ...entry('a2', 2), schemaVersion: 1 }]);
      expect((await store.audit.list({ escalationId: 'esc-2', limit: 10 })).map((e) => e.id)).toEqual(['a3']);
      expect((await store.audit.list({ since: iso(2), limit: 10 })).map((e) => e.id)).toEqual(['a3', 'a2']);
      expect((await store.audit.list({ limit: 1 })).map((e) => e.id)).toEqual(['a3']);
      await store.close();
    });

    it('expires the audit log: an entry past its expiresAt is purged; a later one, and one written without, are kept', async () => {
      const store = await open();
      const login = (id: string, ms: number, expiresAt?: string) => ({
        id,
        at: iso(ms),
        action: 'login' as const,
        actor: 'ann',
        ...(expiresAt ? { expiresAt } : {}),
      });
      await store.audit.append(login('x1', 1, iso(1_000)));
      await store.audit.append(login('x2', 2, iso(100_000)));
      await store.audit.append(login('x3', 3));
      // The expiry reads back as it was written (MongoDB keeps a Date for its TTL index).
      expect((await store.audit.list({ actor: 'ann', limit: 10 })).find((e) => e.id === 'x2')).toEqual({
        ...login('x2', 2, iso(100_000)),
        schemaVersion: 1,
      });
      expect(await store.purgeExpired(new Date(Date.parse(iso(5_000))))).toBe(1);
      expect((await store.audit.list({ limit: 10 })).map((e) => e.id)).toEqual(['x3', 'x2']);
      // Filters still answer after the purge (they are what the indexes serve).
      expect((await store.audit.list({ action: 'login', since: iso(2), limit: 10 })).map((e) => e.id)).toEqual(['x3', 'x2']);
      await store.close();
    });
  });
}
