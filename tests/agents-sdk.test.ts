import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import nock from 'nock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Smile } from '../app/server.js';
import { BF_EMULATOR, bfActivity, bfTexts, get, post, startTestSmile, type ActivityOptions } from './helpers.js';

/**
 * The Microsoft 365 Agents SDK endpoint (SMILE_BF_SDK=agents, issue 16 item 3): the same /api/messages as botbuilder,
 * through @microsoft/agents-hosting. Microsoft's endpoints are played by nock: the channel's signing keys
 * (login.botframework.com), Entra ID's token endpoint (login.microsoftonline.com) and the connector at the serviceUrl.
 */
const APP_ID = '00000000-0000-0000-0000-00000000a9e7';
const TEAMS = 'https://smba.trafficmanager.net/amer/';
const TEAMS_HOST = 'https://smba.trafficmanager.net';

const BOT_TOKEN = 'entra-token-for-smile';

/** The shared Bot Framework activity, in its own conversation; a Teams serviceUrl makes it a Teams activity. */
const activity = (text: string, opts: ActivityOptions = {}): Record<string, unknown> =>
  bfActivity(text, { conversation: 'agents-1', ...opts, ...(opts.serviceUrl === TEAMS ? { channelId: 'msteams' } : {}) });
const texts = bfTexts;
const ordersOf = async (smile: Smile, customer: string): Promise<any[]> =>
  (await get(smile, `/sandbox/commerce/v1/customers/${customer}/orders`)).orders;

describe('the Agents SDK endpoint, anonymous (the Emulator on loopback)', () => {
  let smile: Smile;
  beforeAll(async () => {
    smile = await startTestSmile({ SMILE_BF_SDK: 'agents' });
  });
  afterAll(async () => {
    await smile.close();
  });
  beforeEach(async () => {
    await post(smile, '/sandbox/reset', {});
  });

  it('when a reorder is asked and confirmed, then a hero card with buttons comes back inline and one order is placed', async () => {
    const before = (await ordersOf(smile, 'demo')).length;
    const ask = (await post(smile, '/api/messages', activity('reorder two packs of the wipes', { conversation: 'ag-reorder' }))).json;
    expect(ask.activities[0].attachments[0]).toMatchObject({
      contentType: 'application/vnd.microsoft.card.hero',
      content: {
        title: 'Your order',
        buttons: [
          { type: 'imBack', value: 'Yes' },
          { type: 'imBack', value: 'No' },
        ],
      },
    });
    // A duplicated request answers the same and acts once.
    const yes = activity('yes', { conversation: 'ag-reorder', id: 'ag-yes-1' });
    expect(texts((await post(smile, '/api/messages', yes)).json)).toMatch(/is placed/);
    expect(texts((await post(smile, '/api/messages', yes)).json)).toMatch(/is placed/);
    expect((await ordersOf(smile, 'demo')).length).toBe(before + 1);
    // The reference is kept in the same row botbuilder keeps, so either SDK can write to this customer later.
    expect(await smile.store.channelState.get('bf_reference', 'bf:emulator:ag-reorder')).toMatchObject({
      conversation: { id: 'ag-reorder' },
      serviceUrl: BF_EMULATOR,
      bot: { id: 'smile-bot' },
    });
  });

  it('when a Korean customer corrects the quantity, digresses and then says no, then nothing is ordered', async () => {
    const c = { user: 'demo-ko', conversation: 'ag-ko', locale: 'ko-KR' };
    const before = (await ordersOf(smile, 'demo-ko')).length;
    expect(texts((await post(smile, '/api/messages', activity('물티슈 두 팩 다시 주문해줘', c))).json)).toMatch(/주문할까요/);
    expect(texts((await post(smile, '/api/messages', activity('아니 세 팩으로', c))).json)).toMatch(/3개/);
    expect(texts((await post(smile, '/api/messages', activity('아니요', c))).json)).toMatch(/주문하지 않을게요/);
    expect(texts((await post(smile, '/api/messages', activity('그만', c))).json)).not.toBe('');
    expect((await ordersOf(smile, 'demo-ko')).length).toBe(before);
  });

  it('when replies are not expected inline, then they are posted to the serviceUrl', async () => {
    const sent = nock(BF_EMULATOR)
      .post(/\/v3\/conversations\/ag-async\/activities\/.*/, (body) => body.type === 'message' && /reorder/.test(String(body.text)))
      .reply(200, { id: 'r1' });
    const r = await post(smile, '/api/messages', activity('hi', { conversation: 'ag-async', expectReplies: false }));
    expect(r.status).toBe(200);
    expect(sent.isDone()).toBe(true);
  });

  it('when the serviceUrl is not on loopback, or the activity is malformed, then it is refused and nothing is called', async () => {
    const trap = nock('https://evil.example').post(/.*/).reply(200, {});
    const off = await post(smile, '/api/messages', activity('reorder the wipes', { conversation: 'ag-off', serviceUrl: 'https://evil.example/' }));
    expect(off.status).toBe(403);
    expect(off.json.error.code).toBe('service_url_refused');
    expect(trap.isDone()).toBe(false);
    const bad = await post(smile, '/api/messages', { type: 'message', text: 'reorder the wipes' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('invalid_activity');
    expect(await smile.store.conversations.get('bf:emulator:ag-off')).toBeNull();
  });
});

describe('the Agents SDK endpoint with an app id (Azure Bot Service, Teams)', () => {
  let smile: Smile;
  let channelKey: CryptoKey;
  let channelPublicKey: CryptoKey;
  let strangerKey: CryptoKey;
  const KID = 'channel-key-1';
  /** A token as the Bot Framework channel signs it (issuer api.botframework.com, audience the app id). */
  const channelToken = async (key: CryptoKey, audience = APP_ID): Promise<string> =>
    new SignJWT({ serviceurl: TEAMS })
      .setProtectedHeader({ alg: 'RS256', kid: KID, typ: 'JWT' })
      .setIssuer('https://api.botframework.com')
      .setAudience(audience)
      .setIssuedAt()
      .setNotBefore('0s')
      .setExpirationTime('10m')
      .sign(key);

  beforeAll(async () => {
    ({ privateKey: channelKey, publicKey: channelPublicKey } = await generateKeyPair('RS256'));
    ({ privateKey: strangerKey } = await generateKeyPair('RS256'));
    smile = await startTestSmile({ SMILE_BF_SDK: 'agents', MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-secret' });
  });
  afterAll(async () => {
    await smile.close();
  });
  beforeEach(async () => {
    await post(smile, '/sandbox/reset', {});
  });

  /** The channel's published keys and Entra ID's token endpoint, as Microsoft serves them. */
  const microsoft = async (): Promise<{ tokenRequests: string[] }> => {
    const pub = await exportJWK(channelPublicKey);
    nock('https://login.botframework.com')
      .persist()
      .get('/v1/.well-known/keys')
      .reply(200, { keys: [{ ...pub, kid: KID, use: 'sig', alg: 'RS256' }] });
    const tokenRequests: string[] = [];
    const authority = 'https://login.microsoftonline.com/botframework.com';
    nock('https://login.microsoftonline.com')
      .persist()
      .get(/\/common\/discovery\/instance.*/)
      .reply(200, {
        tenant_discovery_endpoint: `${authority}/v2.0/.well-known/openid-configuration`,
        'api-version': '1.1',
        metadata: [{ preferred_network: 'login.microsoftonline.com', preferred_cache: 'login.windows.net', aliases: ['login.microsoftonline.com'] }],
      })
      .get('/botframework.com/v2.0/.well-known/openid-configuration')
      .reply(200, {
        token_endpoint: `${authority}/oauth2/v2.0/token`,
        authorization_endpoint: `${authority}/oauth2/v2.0/authorize`,
        end_session_endpoint: `${authority}/oauth2/v2.0/logout`,
        issuer: 'https://login.microsoftonline.com/{tenantid}/v2.0',
        jwks_uri: `${authority}/discovery/v2.0/keys`,
      })
      .post(/^\/botframework\.com\/oauth2\/v2\.0\/token(\?.*)?$/)
      .reply(200, (_uri, body) => {
        tokenRequests.push(String(body));
        return { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: BOT_TOKEN };
      });
    return { tokenRequests };
  };

  it('when Teams sends a signed activity, then the reply goes to its serviceUrl with the bot token from Entra ID', async () => {
    const { tokenRequests } = await microsoft();
    const posted: any[] = [];
    const connector = nock(TEAMS_HOST)
      .persist()
      .matchHeader('authorization', `Bearer ${BOT_TOKEN}`)
      .post(/\/amer\/v3\/conversations\/ag-teams\/activities\/.*/)
      .reply(200, (_uri, body) => {
        posted.push(body);
        return { id: `sent-${posted.length}` };
      });
    const r = await post(
      smile,
      '/api/messages',
      activity('where is my order', { conversation: 'ag-teams', serviceUrl: TEAMS, expectReplies: false }),
      {
        authorization: `Bearer ${await channelToken(channelKey)}`,
      },
    );
    expect(r.status).toBe(200);
    expect(connector.isDone()).toBe(true);
    expect(posted[0]).toMatchObject({ type: 'message', conversation: { id: 'ag-teams' }, recipient: { id: 'demo' } });
    expect(posted.map((a) => a.text).join(' ')).toMatch(/Philips Sonicare/);
    // Client credentials for the Bot Framework scope, with the app's own id and secret.
    expect(
      tokenRequests.some(
        (b) => /grant_type=client_credentials/.test(b) && b.includes(`client_id=${APP_ID}`) && /api\.botframework\.com/.test(decodeURIComponent(b)),
      ),
    ).toBe(true);
  });

  it('when the token is signed by another key, is for another app, or is missing, then 401 and nothing is done or sent', async () => {
    await microsoft();
    const trap = nock(TEAMS_HOST).post(/.*/).reply(200, {});
    for (const [conversation, authorization] of [
      ['ag-forged', `Bearer ${await channelToken(strangerKey)}`],
      ['ag-other-app', `Bearer ${await channelToken(channelKey, 'another-app')}`],
      ['ag-none', undefined],
    ] as const) {
      const r = await post(
        smile,
        '/api/messages',
        activity('reorder the wipes', { conversation, serviceUrl: TEAMS, expectReplies: false }),
        authorization ? { authorization } : {},
      );
      expect(r.status).toBe(401);
      expect(r.json.error.code).toBe('unauthorized');
      expect(await smile.store.conversations.get(`bf:msteams:${conversation}`)).toBeNull();
    }
    expect(trap.isDone()).toBe(false);
  });

  it('when a person answers during a handoff, then the reply reaches Teams proactively with the bot token', async () => {
    await microsoft();
    const pushed: string[] = [];
    nock(TEAMS_HOST)
      .persist()
      .matchHeader('authorization', `Bearer ${BOT_TOKEN}`)
      .post(/\/amer\/v3\/conversations\/ag-proactive\/activities.*/)
      .reply(200, (_uri, body: any) => {
        pushed.push(String(body.text));
        return { id: `sent-${pushed.length}` };
      });
    const token = `Bearer ${await channelToken(channelKey)}`;
    const r = await post(
      smile,
      '/api/messages',
      activity('I want to talk to a person', { conversation: 'ag-proactive', serviceUrl: TEAMS, expectReplies: false }),
      {
        authorization: token,
      },
    );
    expect(r.status).toBe(200);
    const alice = { username: 'alice', role: 'agent' as const };
    const [esc] = (await smile.support.list(alice)).filter((e) => e.conversationId === 'bf:msteams:ag-proactive');
    expect(esc).toBeDefined();
    await smile.support.claim(alice, esc!.id);
    await smile.support.agentMessage(alice, esc!.id, 'Hello from a person');
    await expect.poll(() => pushed.join(' | ')).toMatch(/Hello from a person/);
  });
});
