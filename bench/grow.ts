/**
 * Seeds a store with `n` finished conversations of other customers, each with its transcript (the customer's words and
 * the answer), a processed turn and a placed order with its shipment in the sandbox's documents, plus one escalation
 * per hundred, queued (the agent queue grows too). Written through the Store port, as Smile writes them.
 */
import { Sandbox } from '../sandbox/sandbox.js';
import type { Store } from '../store/port.js';

const BATCH = 500;

export async function grow(store: Store, n: number, options: { conversations?: boolean; orders?: boolean } = {}): Promise<void> {
  const { conversations = true, orders = true } = options;
  const now = Date.now();
  const iso = (ms: number): string => new Date(ms).toISOString();
  const expiresAt = iso(now + 90 * 86_400_000);
  // The sandbox's own seed (customers, catalogue) first: a store without it is reset by the sandbox at start, which
  // would wipe the grown orders and shipments before the first turn (and time the wipe, not the turns).
  if (orders) await new Sandbox(store).seedIfEmpty();
  for (let start = 0; start < n; start += BATCH) {
    const work: Array<Promise<unknown>> = [];
    for (let i = start; i < Math.min(n, start + BATCH); i += 1) {
      const id = `grow-${i}`;
      const customerId = `grow-customer-${i % 20_000}`;
      const at = iso(now - (n - i) * 1000);
      if (conversations) {
        const record = {
          id,
          channel: 'rest',
          channelUserId: customerId,
          customerId,
          locale: i % 2 ? 'ko-KR' : 'en-US',
          state: { flow: null, awaiting: null },
          createdAt: at,
          updatedAt: at,
        };
        work.push(
          store.conversations.save(record, null),
          store.transcript.append([
            { conversationId: id, at, from: 'customer', text: 'reorder the wipes', messageId: 'm0', expiresAt },
            { conversationId: id, at: iso(now - (n - i) * 1000 + 1), from: 'bot', text: 'Done — order placed.', messageId: 'm0', expiresAt },
          ]),
          store.turns.put({ conversationId: id, messageId: 'm0', reply: { messages: [] }, createdAt: at, expiresAt }),
        );
        if (i % 100 === 0) {
          work.push(
            store.escalations.openOnce({
              id: `esc-${id}`,
              conversationId: id,
              customerId,
              channel: 'rest',
              channelUserId: customerId,
              locale: 'en-US',
              reason: 'customer_request',
              intent: null,
              priority: 'normal',
              status: 'queued',
              createdAt: at,
              slaDueAt: at,
              summary: 'grown for the benchmark',
              orders: [],
              notes: [],
            }),
          );
        }
      }
      if (orders) {
        const orderId = `ord-grow-${i}`;
        const item = { sku: 'pampers-sensitive-12', name: 'Pampers Sensitive Baby Wipes, 12 packs', quantity: 1, unitPrice: 24.99 };
        work.push(
          store.documents.insert('sbx_orders', orderId, {
            id: orderId,
            customerId,
            status: 'delivered',
            items: [item],
            currency: 'USD',
            placedAt: at,
            total: 24.99,
            shippingAddressId: `${customerId}-home`,
          }),
          store.documents.insert('sbx_shipments', `shp-grow-${i}`, {
            id: `shp-grow-${i}`,
            orderId,
            customerId,
            status: 'delivered',
            window: { start: at, end: at },
            place: { type: 'home', label: 'Home' },
          }),
        );
      }
    }
    await Promise.all(work);
  }
}
