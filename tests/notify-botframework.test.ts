import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Smile } from '../app/server.js';
import { bfActivity, get, post, startTestSmile } from './helpers.js';

/** A Bot Framework connector on loopback (what the Emulator runs): it records the activities a bot posts to it. */
async function connector(): Promise<{ url: string; activities: Array<{ conversation: string; text: string }>; close: () => Promise<void> }> {
  const activities: Array<{ conversation: string; text: string }> = [];
  const app = express();
  app.use(express.json());
  // A new message, or one in reply to an earlier activity (the stored reference names the last one).
  app.post(['/v3/conversations/:id/activities', '/v3/conversations/:id/activities/:replyTo'], (req, res) => {
    activities.push({ conversation: String(req.params.id), text: String(req.body.text) });
    res.json({ id: `sent-${activities.length}` });
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    activities,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('a notice to a customer who last wrote from Bot Framework', () => {
  let smile: Smile;
  let bf: Awaited<ReturnType<typeof connector>>;
  beforeAll(async () => {
    bf = await connector();
    smile = await startTestSmile();
  });
  afterAll(async () => {
    await smile.close();
    await bf.close();
  });

  it('reaches that conversation as a proactive message, once, and "yes" there answers its question', async () => {
    const hello = await post(
      smile,
      '/api/messages',
      bfActivity('where is my wipes order?', { id: 'act-hello', serviceUrl: bf.url, conversation: 'bf-notify-1' }),
    );
    expect(hello.status).toBeLessThan(300);
    const before = bf.activities.length;
    const delayed = await post(smile, '/sandbox/logistics/v1/shipments/shp-1004/advance', { to: 'delayed' });
    expect(delayed.json.webhook).toEqual({ status: 200 });
    const pushed = bf.activities.slice(before);
    expect(pushed).toHaveLength(1);
    expect(pushed[0]).toMatchObject({ conversation: 'bf-notify-1', text: expect.stringMatching(/is delayed.*pick another time\?$/) });
    await smile.notifications.sendDue();
    expect(bf.activities.length).toBe(before + 1);
    const got = (await get(smile, '/sandbox/notify/v1/messages?customerId=demo')).messages;
    expect(got.map((m: { channel: string; kind: string }) => [m.kind, m.channel])).toEqual([['delay', 'botframework']]);
    // "yes" in that conversation answers the notice's question: the free windows are offered there.
    const yes = await post(smile, '/api/messages', bfActivity('yes', { id: 'act-yes', serviceUrl: bf.url, conversation: 'bf-notify-1' }));
    const replies = (yes.json.activities ?? []) as Array<{ text?: string; suggestedActions?: { actions: unknown[] } }>;
    expect(replies.map((a) => a.text).join(' ')).toMatch(/Philips Sonicare/);
    expect(replies.some((a) => (a.suggestedActions?.actions.length ?? 0) > 0)).toBe(true);
  });
});
