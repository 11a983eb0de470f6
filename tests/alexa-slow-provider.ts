import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Order } from '../domain/commerce.js';
import { buildSeed } from '../sandbox/seed.js';
import { FIXED_NOW } from './helpers.js';

const seed = buildSeed(FIXED_NOW);
const demo = seed.customers.find((c) => c.id === 'demo')!;

/**
 * A commerce provider on loopback that can be slow: an order is applied the moment it arrives and answered `lateMs`
 * later (kept by Idempotency-Key, so a repeat applies nothing), and the order history can be read slowly.
 */
export function slowProvider() {
  const applied = new Map<string, Order>();
  const keys: string[] = [];
  const delays = { orders: 0, history: 0 };
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => {
      raw += c.toString();
    });
    req.on('end', () => {
      const send = (status: number, body: unknown, delay = 0): void => {
        setTimeout(() => {
          if (!res.destroyed) res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
        }, delay);
      };
      if (req.method === 'GET' && req.url === '/v1/oauth/userinfo') return send(200, { customerId: 'demo' });
      if (req.method === 'GET' && req.url === '/v1/customers/demo') return send(200, demo);
      if (req.method === 'GET' && req.url === '/v1/customers/demo/orders')
        return send(200, { orders: [...seed.orders.filter((o) => o.customerId === 'demo'), ...applied.values()] }, delays.history);
      if (req.method === 'POST' && req.url === '/v1/orders') {
        const key = String(req.headers['idempotency-key']);
        keys.push(key);
        const body = JSON.parse(raw) as { items: Array<{ sku: string; quantity: number }>; shippingAddressId: string };
        if (!applied.has(key)) {
          const item = seed.orders.flatMap((o) => o.items).find((i) => i.sku === body.items[0]!.sku)!;
          applied.set(key, {
            id: `ord-slow-${applied.size + 1}`,
            customerId: 'demo',
            status: 'placed',
            items: [{ ...item, quantity: body.items[0]!.quantity }],
            total: item.unitPrice * body.items[0]!.quantity,
            currency: 'USD',
            placedAt: FIXED_NOW.toISOString(),
            shippingAddressId: body.shippingAddressId,
          });
        }
        return send(201, applied.get(key), delays.orders);
      }
      send(404, { error: { code: 'not_found', message: req.url } });
    });
  });
  return new Promise<{ server: Server; url: string; applied: Map<string, Order>; keys: string[]; delays: typeof delays }>((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, applied, keys, delays, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1` }),
    ),
  );
}
