import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Smile } from '../app/server.js';
import type { Store } from '../store/port.js';
import { conversation, get, post, startTestSmile } from './helpers.js';
import { storeKinds } from './stores.js';

for (const kind of storeKinds()) {
  describe(`two Smile servers sharing one ${kind.name} store`, () => {
    let store: Store;
    let a: Smile;
    let b: Smile;
    beforeAll(async () => {
      store = await kind.open();
      // The servers share the store but not their closing: the store is closed once, after both.
      const shared: Store = Object.assign(Object.create(store) as Store, { close: async () => undefined });
      a = await startTestSmile({}, undefined, shared);
      b = await startTestSmile({}, undefined, shared);
    });
    afterAll(async () => {
      await a.close();
      await b.close();
      await kind.dispose(store);
    });

    // Racing writers rest only on inserts under a key that must be new (the next version of the conversation, the
    // processed message, the order's idempotency record): atomic on MongoDB, on FerretDB v1 (CI) and in the embedded store (LMDB) alike.
    it('when a conversation\'s "yes" reaches both at once, then one order is placed and the state stays consistent', async () => {
      const before = (await get(a, '/sandbox/commerce/v1/customers/demo/orders')).orders.length;
      await conversation(a, 'demo', 'shared-conv')('reorder two packs of the wipes', 'm1');
      const [ra, rb] = await Promise.all([
        post(a, '/v1/chat', { userId: 'demo', text: 'yes', conversationId: 'shared-conv', messageId: 'ya' }),
        post(b, '/v1/chat', { userId: 'demo', text: 'yes', conversationId: 'shared-conv', messageId: 'yb' }),
      ]);
      expect([ra.status, rb.status]).toEqual([200, 200]);
      const after = (await get(b, '/sandbox/commerce/v1/customers/demo/orders')).orders;
      expect(after.length).toBe(before + 1);
      const record = await store.conversations.get('shared-conv');
      expect(record?.version).toBeGreaterThanOrEqual(3);
      // The later of the two turns saw the flow finished and did not order again.
      const texts = [ra.json, rb.json].map((r: any) => r.messages.map((m: any) => m.text).join(' '));
      expect(texts.filter((t) => /is placed/.test(t)).length).toBeGreaterThanOrEqual(1);
    });

    it('when the same message reaches both servers, then both answer the same and one order exists', async () => {
      const before = (await get(a, '/sandbox/commerce/v1/customers/demo-ko/orders')).orders.length;
      await conversation(b, 'demo-ko', 'shared-ko')('라면 다시 주문해줘', 'k1');
      const [ra, rb] = await Promise.all([
        post(a, '/v1/chat', { userId: 'demo-ko', text: '네', conversationId: 'shared-ko', messageId: 'k2' }),
        post(b, '/v1/chat', { userId: 'demo-ko', text: '네', conversationId: 'shared-ko', messageId: 'k2' }),
      ]);
      expect(ra.status).toBe(200);
      expect(rb.json).toEqual(ra.json);
      expect((await get(a, '/sandbox/commerce/v1/customers/demo-ko/orders')).orders.length).toBe(before + 1);
    });
  });
}
