import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Smile } from '../app/server.js';
import { startTestSmile } from './helpers.js';

/**
 * Graceful shutdown (issue 16): SIGTERM's close() stops taking connections, lets turns in flight finish, and ends
 * the live streams (SSE never end by themselves), so an instance leaves a rolling deploy in bounded time; the
 * customer's panel and the agent console reconnect, through the load balancer, to another instance.
 * The shop's APIs are another server here (as in production): a closing instance cannot serve its own sandbox.
 */
const SECRET = 'shutdown-test-secret-0123456789';
let shop: Smile;
beforeAll(async () => {
  shop = await startTestSmile();
});
afterAll(async () => {
  await shop.close();
});

describe('shutting down with live streams open', () => {
  it('when an instance closes while a customer stream is open and a turn is in flight, then the turn is answered, the stream ends, and close returns', async () => {
    const smile = await startTestSmile({
      SMILE_SHUTDOWN_GRACE_MS: '15000',
      SMILE_REST_JWT_SECRET: SECRET,
      COMMERCE_API_URL: `${shop.url}/sandbox/commerce/v1`,
      LOGISTICS_API_URL: `${shop.url}/sandbox/logistics/v1`,
    });
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('demo')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(SECRET));
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    const chat = (text: string, messageId: string) =>
      fetch(`${smile.url}/v1/chat`, { method: 'POST', headers, body: JSON.stringify({ text, conversationId: 'shutdown-1', messageId }) });
    expect((await chat('hi', 'm1')).status).toBe(200);
    const stream = await fetch(`${smile.url}/v1/conversations/shutdown-1/events`, { headers: { authorization: `Bearer ${token}` } });
    expect(stream.status).toBe(200);
    const reader = stream.body!.getReader();
    await reader.read(); // ': connected'
    const inFlight = chat('where is my order', 'm2');
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    await smile.close();
    // Well inside the grace period: nothing was left for it to cut (the turn takes a second or two on a busy machine).
    expect(Date.now() - started).toBeLessThan(10_000);
    const answered = await inFlight;
    expect(answered.status).toBe(200);
    expect(JSON.stringify(await answered.json())).toMatch(/on the way|arrive/);
    // The server ended the stream.
    let done = false;
    while (!done) done = (await reader.read()).done;
    expect(done).toBe(true);
  });
});
