import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Smile } from '../app/server.js';
import { post, startTestSmile } from './helpers.js';

const SECRET = 'shop-secret-for-web-chat-tests';
const token = (sub: string) =>
  new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).setExpirationTime('5m').sign(new TextEncoder().encode(SECRET));
const read = async (smile: Smile, path: string, headers: Record<string, string> = {}) => {
  const res = await fetch(`${smile.url}${path}`, { headers });
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, headers: res.headers, body: type.includes('json') ? await res.json() : await res.text() };
};

describe('the web chat behind the embed (open REST channel)', () => {
  let smile: Smile;
  beforeAll(async () => {
    smile = await startTestSmile();
  });
  afterAll(() => smile.close());

  it.each([
    ['en', 'demo', 'Where is my order?', 'en-US'],
    ['ko', 'demo-ko', '주문한 상품 어디쯤 왔어요?', 'ko-KR'],
  ] as const)(
    'when a %s customer opens the chat, then the welcome suggests what they likely need, and Smile understands each',
    async (_l, user, where, locale) => {
      const { status, body } = await read(smile, `/v1/web-chat/welcome?userId=${user}&locale=${locale}`);
      expect(status).toBe(200);
      expect(body.suggestions[0]).toBe(where);
      expect(body.suggestions.length).toBeGreaterThanOrEqual(4);
      const expected = ['order_status', ...body.suggestions.slice(1, -2).map(() => 'reorder'), 'schedule_return', 'human_handoff'];
      const understood = [];
      for (const text of body.suggestions) understood.push((await post(smile, '/v1/nlu/parse', { text, locale })).json.intent.name);
      expect(understood).toEqual(expected);
    },
  );

  it('when the welcome is asked without a user or with a bad locale, then it is a 400 in the error shape', async () => {
    expect((await read(smile, '/v1/web-chat/welcome')).body.error.code).toBe('invalid_request');
    expect((await read(smile, '/v1/web-chat/welcome?userId=demo&locale=fr-FR')).status).toBe(400);
  });

  it('when a customer reloads, then the history holds both sides with suggestions and cards, and no one else may read it', async () => {
    await post(smile, '/v1/chat', { userId: 'demo', conversationId: 'hist-1', text: 'reorder two packs of the wipes' });
    const { status, body } = await read(smile, '/v1/conversations/hist-1/history?userId=demo');
    expect(status).toBe(200);
    expect(body.messages[0]).toMatchObject({ from: 'customer', text: 'reorder two packs of the wipes' });
    const last = body.messages.at(-1);
    expect(last).toMatchObject({ from: 'bot', suggestions: expect.arrayContaining(['Yes', 'No']), card: { title: 'Your order' } });
    expect((await read(smile, '/v1/conversations/hist-1/history?userId=demo-ko')).status).toBe(404);
    expect((await read(smile, '/v1/conversations/nope/history?userId=demo')).status).toBe(404);
  });

  it('when a person answers, then the history and the relayed messages carry their display name, never their sign-in name', async () => {
    await post(smile, '/v1/chat', { userId: 'demo', conversationId: 'hist-2', text: 'I want to talk to a person' });
    const esc = await smile.support.openFor('hist-2');
    const bo = { username: 'bo', role: 'agent' as const };
    await smile.support.claim(bo, esc!.id);
    await smile.support.agentMessage(bo, esc!.id, 'Hi, I can help.');
    const history = (await read(smile, '/v1/conversations/hist-2/history?userId=demo')).body;
    // "bo" has no display name in this directory: the customer reads the generic name.
    expect(history.messages.at(-1)).toEqual(expect.objectContaining({ from: 'agent', text: 'Hi, I can help.', name: 'Someone' }));
    expect(JSON.stringify(history)).not.toMatch(/"bo"/);
    const relayed = (await read(smile, '/v1/conversations/hist-2/messages?userId=demo')).body;
    expect(relayed.messages.at(-1)).toMatchObject({ from: 'agent', name: 'Someone' });
  });

  it("when a shop loads the embed script, then it carries both languages' labels and may be loaded from another origin", async () => {
    const { status, headers, body } = await read(smile, '/embed.js');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toMatch(/javascript/);
    expect(headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(body).toContain('"web.launcher":"채팅 상담"');
    expect(body).not.toContain('/*SMILE_LABELS*/');
    const frame = await read(smile, '/embed/chat?locale=ko');
    expect(frame.body).toContain('<html lang="ko">');
    expect(frame.headers.get('content-security-policy')).toMatch(/frame-ancestors 'self'/);
  });

  it('when the sandbox is asked for a product picture, then it draws one, and refuses a name that is not a SKU', async () => {
    const ok = await read(smile, '/sandbox/commerce/v1/products/pampers-sens-12/image.svg');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/image\/svg\+xml/);
    expect(ok.body).toMatch(/^<svg[\s\S]*>PS<\/text>/);
    expect((await read(smile, '/sandbox/commerce/v1/products/%3Cscript%3E/image.svg')).status).toBe(400);
  });
});

describe('the web chat with the shop signing its customers (SMILE_REST_JWT_SECRET)', () => {
  let smile: Smile;
  beforeAll(async () => {
    smile = await startTestSmile({ SMILE_REST_JWT_SECRET: SECRET });
  });
  afterAll(() => smile.close());

  it("when the welcome or a history is asked without the shop's token, then 401; with it, the token's customer only", async () => {
    expect((await read(smile, '/v1/web-chat/welcome?userId=demo')).status).toBe(401);
    const auth = { authorization: `Bearer ${await token('demo')}` };
    expect((await read(smile, '/v1/web-chat/welcome', auth)).body.suggestions).toContain('Where is my order?');
    await post(smile, '/v1/chat', { conversationId: 'jwt-1', text: 'hi' }, auth);
    expect((await read(smile, '/v1/conversations/jwt-1/history', auth)).body.messages[0]).toMatchObject({ from: 'customer', text: 'hi' });
    expect((await read(smile, '/v1/conversations/jwt-1/history', { authorization: `Bearer ${await token('demo-ko')}` })).status).toBe(404);
  });
});
