import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Smile } from '../app/server.js';
import { MongoStore } from '../store/mongo-store.js';
import { get, post, startTestSmile } from './helpers.js';

const uri = process.env.MONGODB_URI;

/** A TCP proxy to the MongoDB server that the test can cut and restore, as a network outage would. */
class Outage {
  private server!: Server;
  private readonly sockets = new Set<Socket>();
  private down = false;
  port = 0;
  constructor(private readonly target: { host: string; port: number }) {}
  async start(): Promise<void> {
    this.server = createServer((client) => {
      if (this.down) {
        client.destroy();
        return;
      }
      const upstream = connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.port = (this.server.address() as AddressInfo).port;
  }
  cut(): void {
    this.down = true;
    for (const s of this.sockets) s.destroy();
  }
  restore(): void {
    this.down = false;
  }
  async stop(): Promise<void> {
    this.cut();
    await new Promise((r) => this.server.close(r));
  }
}

const until = async (check: () => Promise<boolean>, ms = 15_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe.skipIf(!uri)('when the MongoDB connection is lost while Smile runs', () => {
  let outage: Outage;
  let smile: Smile;
  let store: MongoStore;
  const dbName = `smile_outage_${randomUUID().slice(0, 8)}`;
  beforeAll(async () => {
    const u = new URL(uri!.replace(/^mongodb/, 'http'));
    outage = new Outage({ host: u.hostname, port: Number(u.port || 27017) });
    await outage.start();
    store = await MongoStore.open(`mongodb://127.0.0.1:${outage.port}/`, { dbName, serverSelectionTimeoutMS: 1000 });
    smile = await startTestSmile({}, undefined, store);
  });
  afterAll(async () => {
    await smile.close();
    const cleanup = await MongoStore.open(uri!, { dbName });
    await cleanup.dropDatabase();
    await cleanup.close();
    await outage.stop();
  });

  it('then turns answer politely, readiness fails, and both recover by themselves without doing anything twice', async () => {
    const chat = (text: string, messageId: string) => post(smile, '/v1/chat', { userId: 'demo', text, conversationId: 'outage', messageId });
    expect((await chat('reorder the wipes', 'm1')).json.state.awaiting).toBe('confirmation');
    const before = (await get(smile, '/sandbox/commerce/v1/customers/demo/orders')).orders?.length;

    outage.cut();
    const during = await chat('yes', 'm2');
    expect(during.status, JSON.stringify(during.json)).toBe(503);
    expect(during.json.error).toMatchObject({
      code: 'temporarily_unavailable',
      message: expect.stringMatching(/can't reach my records.*nothing will be done twice/),
    });
    expect((await fetch(`${smile.url}/readyz`)).status).toBe(503);

    outage.restore();
    await until(async () => (await fetch(`${smile.url}/readyz`)).status === 200);
    const after = await chat('yes', 'm2');
    expect(after.status).toBe(200);
    expect(after.json.messages[0].text).toMatch(/is placed/);
    expect((await get(smile, '/sandbox/commerce/v1/customers/demo/orders')).orders.length).toBe(before + 1);
  });
});

describe.skipIf(!uri)('when the driver’s server check hangs for good', () => {
  it('then the store opens its client again by itself, says so, and answers as before', async () => {
    const dbName = `smile_stuck_${randomUUID().slice(0, 8)}`;
    const events: string[] = [];
    const store = await MongoStore.open(uri!, {
      dbName,
      serverSelectionTimeoutMS: 1000,
      monitorStuckAfterMs: 300,
      onEvent: (event) => events.push(event),
    });
    try {
      const at = new Date().toISOString();
      await store.links.put({ channel: 'rest', channelUserId: 'stuck', customerId: 'demo', createdAt: at });
      // A check that starts and never ends, as the driver's does when its socket is destroyed mid-write: the
      // supervisor sees only the driver's public heartbeat events, so a started event with no outcome is that hang.
      const client = (store as unknown as { conn: { getClient(): NodeJS.EventEmitter } }).conn.getClient();
      const before = client;
      client.emit('serverHeartbeatStarted', { connectionId: 'test', awaited: false });
      await until(async () => events.includes('monitor_stuck'), 5_000);
      await until(async () => (store as unknown as { conn: { getClient(): unknown } }).conn.getClient() !== before, 5_000);
      await until(
        () =>
          store.ping().then(
            () => true,
            () => false,
          ),
        10_000,
      );
      expect(await store.links.get('rest', 'stuck')).toMatchObject({ customerId: 'demo' });
      // A check that ends in time is no hang.
      const now = (store as unknown as { conn: { getClient(): NodeJS.EventEmitter } }).conn.getClient();
      now.emit('serverHeartbeatStarted', { connectionId: 'test', awaited: false });
      now.emit('serverHeartbeatSucceeded', { connectionId: 'test', awaited: false, duration: 1 });
      await new Promise((r) => setTimeout(r, 600));
      expect(events.filter((e) => e === 'monitor_stuck')).toHaveLength(1);
    } finally {
      await store.dropDatabase();
      await store.close();
    }
  });
});
