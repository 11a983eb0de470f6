import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Smile } from '../app/server.js';
import { FIXED_NOW, get, post, startTestSmile } from './helpers.js';
import { openEvents } from './redis-helpers.js';

/** A KakaoTalk skill request from `user`. */
function kakao(utterance: string, user: string): Record<string, unknown> {
  return {
    intent: { id: 'i', name: '폴백 블록' },
    bot: { id: 'smile-bot', name: '스마일' },
    action: { id: 'a', name: 'smile', params: {}, detailParams: {} },
    userRequest: { timezone: 'Asia/Seoul', utterance, lang: 'ko', user: { id: user, type: 'botUserKey', properties: {} } },
  };
}
/** The text of a skill answer; a link comes as a text card's button, its address joined after the card's text. */
const kakaoText = (json: any): string =>
  json.template.outputs
    .map(
      (o: any) =>
        o.simpleText?.text ??
        (o.textCard
          ? [o.textCard.description, ...(o.textCard.buttons ?? []).map((b: any) => b.webLinkUrl)].join('\n')
          : [o.basicCard?.title, o.basicCard?.description].filter(Boolean).join(' ')),
    )
    .join(' ');

let now = FIXED_NOW;
let smile: Smile;
beforeAll(async () => {
  smile = await startTestSmile({}, () => now);
});
afterAll(async () => {
  await smile.close();
});
beforeEach(() => {
  now = FIXED_NOW;
});

const linkIn = (text: string): string => {
  const m = /https?:\/\/\S+\/link\/[A-Za-z0-9_-]+/.exec(text);
  if (!m) throw new Error(`no sign-in link in: ${text}`);
  return m[0];
};
const noRedirect = { redirect: 'manual' } as const;

/** Follows a sign-in link as the customer's browser would: to the shop's page, signs in as `user`, back to Smile. */
async function signIn(link: string, user: string): Promise<{ callback: string }> {
  const toShop = await fetch(link, noRedirect);
  expect(toShop.status).toBe(302);
  const authorize = new URL(toShop.headers.get('location')!);
  expect(authorize.pathname).toBe('/sandbox/idp/v1/authorize');
  expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
  const pageRes = await fetch(authorize);
  expect(await pageRes.text()).toMatch(/Sign in as/);
  const form = new URLSearchParams(authorize.searchParams);
  form.set('user', user);
  const signedIn = await fetch(new URL('/sandbox/idp/v1/authorize', authorize), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
    ...noRedirect,
  });
  expect(signedIn.status).toBe(302);
  return { callback: signedIn.headers.get('location')! };
}

const orders = async (customer: string): Promise<number> => (await get(smile, `/sandbox/commerce/v1/customers/${customer}/orders`)).orders.length;

describe('account linking for messengers (OAuth 2.0 code + PKCE against the sandbox identity provider)', () => {
  it('when an unlinked KakaoTalk user asks to reorder, then they sign in, the request carries on, "네" orders once, and "계정 연결 해제" unlinks (KO)', async () => {
    const user = 'kakao-new-1';
    const asked = (await post(smile, '/kakao/skill', kakao('물티슈 다시 주문해줘', user))).json;
    const text = kakaoText(asked);
    expect(text).toMatch(/쇼핑몰 계정을 연결해야 해요/);
    // The sign-in link is a button that says what it does, not a raw address in the bubble.
    const card = asked.template.outputs.find((o: any) => o.textCard)?.textCard;
    expect(card.description).not.toMatch(/https?:/);
    expect(card.buttons).toEqual([{ action: 'webLink', label: '로그인하고 이어서 하기', webLinkUrl: expect.stringMatching(/\/link\/[^/]+$/) }]);
    const { callback } = await signIn(linkIn(text), 'demo-ko');
    const landed = await fetch(callback);
    expect(landed.status).toBe(200);
    const page = await landed.text();
    expect(page).toMatch(/쇼핑몰 계정을 연결했어요/);
    // The request that needed the account was run as the customer: the reorder waits for "네".
    expect(page).toMatch(/주문할까요/);
    const before = await orders('demo-ko');
    // KakaoTalk cannot be written to unprompted: the resumed question comes into the chat ahead of the next answer.
    const yes = kakaoText((await post(smile, '/kakao/skill', kakao('네', user))).json);
    expect(yes).toMatch(/주문할까요.*주문을 완료했어요/s);
    expect(await orders('demo-ko')).toBe(before + 1);
    // A duplicated "네" does nothing more, and the resumed question is not relayed twice.
    expect(kakaoText((await post(smile, '/kakao/skill', kakao('네', user))).json)).not.toMatch(/주문할까요/);
    expect(await orders('demo-ko')).toBe(before + 1);
    // The same callback again (the browser's back button, or someone replaying it) links nothing and runs nothing.
    const replay = await fetch(callback);
    expect(replay.status).toBe(400);
    expect(await replay.text()).toMatch(/만료되었거나 이미 사용되어서/);

    expect(kakaoText((await post(smile, '/kakao/skill', kakao('계정 연결 해제해줘', user))).json)).toMatch(/연결을 해제했어요/);
    expect(kakaoText((await post(smile, '/kakao/skill', kakao('물티슈 어디쯤 왔어', user))).json)).toMatch(/로그인하시면/);
    expect(kakaoText((await post(smile, '/kakao/skill', kakao('계정 연결 해제', user))).json)).toMatch(
      /연결된 쇼핑몰 계정이 없어서 해제할 게 없어요/,
    );
  });

  it('when an unlinked web-chat user asks where their order is, then after signing in the answer is there, and "unlink my account" unlinks (EN)', async () => {
    const chat = (text: string, messageId: string) => post(smile, '/v1/chat', { userId: 'web-new-1', text, conversationId: 'web-link', messageId });
    const asked = await chat('where is my order', 'w1');
    const text = asked.json.messages.map((m: any) => m.text).join(' ');
    expect(text).toMatch(/Sign in here and I'll carry on with your request/);
    const { callback } = await signIn(linkIn(text), 'demo');
    // The chat is open on the conversation's stream while the customer signs in in another tab.
    const stream = await openEvents(`${smile.url}/v1/conversations/web-link/events?userId=web-new-1`);
    try {
      const page = await (await fetch(callback)).text();
      expect(page).toMatch(/Your shop account is linked/);
      expect(page).toMatch(/on the way/);
      // The stream says so at once, and the panel's read of /messages brings the answer into the chat.
      await stream.next((e) => e.event === 'resumed', 1000);
    } finally {
      await stream.close();
    }
    const relayed = (await get(smile, '/v1/conversations/web-link/messages?userId=web-new-1')).messages;
    expect(relayed.map((m: any) => m.from)).toEqual(relayed.map(() => 'bot'));
    expect(relayed.map((m: any) => m.text).join(' ')).toMatch(/on the way/);
    // A reload shows it in the history, with the cursor after it (so the panel does not add it twice).
    const history = await get(smile, '/v1/conversations/web-link/history?userId=web-new-1');
    expect(history.cursor).toBe(relayed.at(-1).at);
    const again = await chat('reorder the wipes', 'w2');
    expect(again.json.state.awaiting).toBe('confirmation');
    // A correction, a digression and "no" work as for any linked customer.
    expect((await chat('make it three', 'w3')).json.messages[0].text).toMatch(/Reorder 3 ×/);
    expect((await chat('no', 'w4')).json.state.awaiting).toBeNull();
    expect((await chat('unlink my account', 'w5')).json.messages[0].text).toMatch(/no longer linked/);
    expect((await chat('reorder the wipes', 'w6')).json.messages[0].text).toMatch(/Sign in here/);
    expect((await chat('stop', 'w7')).status).toBe(200);
  });

  it('when the state is forged, then nothing is linked and the page says so', async () => {
    const asked = await post(smile, '/v1/chat', { userId: 'web-forger', text: 'reorder the wipes', conversationId: 'forged', messageId: 'f1' });
    const { callback } = await signIn(linkIn(asked.json.messages[0].text), 'demo');
    const forged = new URL(callback);
    forged.searchParams.set('state', 'A'.repeat(43));
    const res = await fetch(forged);
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/expired or was already used/);
    // Still unlinked: asking again sends a new sign-in link.
    const again = await post(smile, '/v1/chat', { userId: 'web-forger', text: 'reorder the wipes', conversationId: 'forged', messageId: 'f2' });
    expect(again.json.messages[0].text).toMatch(/Sign in here/);
    // A sign-in link Smile never issued leads nowhere.
    expect((await fetch(`${smile.url}/link/${'B'.repeat(43)}`, noRedirect)).status).toBe(400);
  });

  it('when the code has expired before it comes back, then nothing is linked (KO)', async () => {
    const user = 'kakao-slow';
    const asked = (await post(smile, '/kakao/skill', kakao('라면 다시 주문해줘', user))).json;
    const { callback } = await signIn(linkIn(kakaoText(asked)), 'demo-ko');
    now = new Date(FIXED_NOW.getTime() + 2 * 60_000);
    const res = await fetch(callback);
    expect(res.status).toBe(400);
    expect(kakaoText((await post(smile, '/kakao/skill', kakao('라면 다시 주문해줘', user))).json)).toMatch(/로그인하시면/);
  });

  it('when a code is replayed at the token endpoint, then the shop refuses it', async () => {
    const asked = await post(smile, '/v1/chat', { userId: 'web-replay', text: 'reorder the wipes', conversationId: 'replay', messageId: 'r1' });
    const { callback } = await signIn(linkIn(asked.json.messages[0].text), 'demo');
    expect((await fetch(callback)).status).toBe(200);
    const code = new URL(callback).searchParams.get('code')!;
    // Smile's client secret is its own, so the replay is tried with it missing: refused as a client, and as a code.
    const replay = await fetch(`${smile.url}/sandbox/idp/v1/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, code_verifier: 'x'.repeat(43), client_id: 'smile-sandbox' }).toString(),
    });
    expect(replay.status).toBe(401);
  });
});

/**
 * An unlinked Bot Framework user signs in: the resumed answer reaches their chat proactively, through a loopback
 * stand-in for the connector (what the Emulator runs), on whichever SDK serves /api/messages.
 */
async function bfSignInPushes(
  server: Smile,
  who: { user: string; locale: string; ask: string; answer: RegExp; conversation: string },
): Promise<void> {
  const sent: Array<{ text?: string }> = [];
  const connector = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      if (req.method === 'POST') sent.push(JSON.parse(body || '{}') as { text?: string });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `a-${sent.length}` }));
    });
  });
  await new Promise<void>((resolve) => connector.listen(0, '127.0.0.1', resolve));
  const serviceUrl = `http://127.0.0.1:${(connector.address() as AddressInfo).port}/`;
  try {
    const activity = (text: string) => ({
      type: 'message',
      id: `act-${Math.random().toString(36).slice(2)}`,
      timestamp: new Date().toISOString(),
      serviceUrl,
      channelId: 'emulator',
      from: { id: 'bf-new-user', name: 'Sam' },
      conversation: { id: who.conversation },
      recipient: { id: 'smile-bot', name: 'Smile' },
      locale: who.locale,
      text,
      deliveryMode: 'expectReplies',
    });
    const asked = await post(server, '/api/messages', activity(who.ask));
    const text = (asked.json.activities as Array<{ text?: string }>).map((a) => a.text ?? '').join(' ');
    const { callback } = await signIn(linkIn(text), who.user);
    expect(await (await fetch(callback)).text()).toMatch(who.answer);
    expect(sent.map((a) => a.text ?? '').join(' ')).toMatch(who.answer);
  } finally {
    await new Promise<void>((resolve) => connector.close(() => resolve()));
  }
}

describe('account linking for a Bot Framework user', () => {
  it('when an unlinked Bot Framework user signs in, then the resumed answer is also sent to their chat (proactively)', async () => {
    await bfSignInPushes(smile, { user: 'demo', locale: 'en-US', ask: 'where is my order', answer: /on the way/, conversation: 'bf-link' });
  });

  it('when the Microsoft 365 Agents SDK serves Bot Framework, then the resumed answer reaches the chat the same way (KO)', async () => {
    const agents = await startTestSmile({ SMILE_BF_SDK: 'agents' }, () => now);
    try {
      await bfSignInPushes(agents, {
        user: 'demo-ko',
        locale: 'ko-KR',
        ask: '물티슈 다시 주문해줘',
        answer: /주문할까요/,
        conversation: 'bf-link-agents',
      });
    } finally {
      await agents.close();
    }
  });
});
