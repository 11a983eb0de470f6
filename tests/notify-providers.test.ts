import { createHmac } from 'node:crypto';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Smile } from '../app/server.js';
import type { OutgoingNotice } from '../domain/notices.js';
import { AlexaProactiveSender } from '../integrations/notify/alexa-proactive.js';
import { NoticeNotDeliverable } from '../integrations/notify/sender.js';
import { KakaoBizMessageSender, SmsSender, sensNumber } from '../integrations/notify/sens.js';
import { conversation, FIXED_NOW, get, post, startTestSmile } from './helpers.js';

// Every provider is reached only through nock: nothing leaves this machine.
beforeEach(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/);
});
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

const SENS = 'https://sens.apigw.ntruss.com';
const KAKAO_PATH = '/alimtalk/v2/services/ncp:kkobizmsg:kr:0001:smile/messages';
const SMS_PATH = '/sms/v2/services/ncp:sms:kr:0002:smile/messages';
const KEY = 'AKIA-test-access:test-secret-key';

const notice = (over: Partial<OutgoingNotice> = {}): OutgoingNotice => ({
  id: 'ntc_0123456789abcdef01234567',
  customerId: 'demo-ko',
  channel: 'kakao',
  locale: 'ko-KR',
  kind: 'pickup_code',
  text: '물티슈가 GS25 역삼점 무인택배함에 도착했어요. 인증번호: 633402',
  to: { phone: '+82 10 5555 0142' },
  ...over,
});

/** The SENS signature recomputed from the request's own timestamp: the provider's documented check. */
function signedRight(path: string, headers: Record<string, string | string[]>): boolean {
  const ts = String(headers['x-ncp-apigw-timestamp']);
  const expected = createHmac('sha256', 'test-secret-key').update(`POST ${path}\n${ts}\nAKIA-test-access`).digest('base64');
  return (
    headers['x-ncp-iam-access-key'] === 'AKIA-test-access' && headers['x-ncp-apigw-signature-v2'] === expected && ts === String(FIXED_NOW.getTime())
  );
}

describe('provider adapters, each against the request its provider documents', () => {
  it('알림톡: one signed SENS request with the channel, the template of the notice kind and the number', async () => {
    let headers: Record<string, string | string[]> = {};
    const scope = nock(SENS)
      .post(KAKAO_PATH, {
        plusFriendId: '@smile',
        templateCode: 'SMILE_PICKUP',
        messages: [{ countryCode: '82', to: '01055550142', content: notice().text, useSmsFailover: false }],
      })
      .reply(function () {
        headers = this.req.headers;
        return [202, { requestId: 'r-1', statusCode: '202' }];
      });
    const sender = new KakaoBizMessageSender({
      url: `${SENS}${KAKAO_PATH}`,
      key: KEY,
      channelId: '@smile',
      templates: { pickup_code: 'SMILE_PICKUP' },
      timeoutMs: 1000,
      clock: () => FIXED_NOW,
    });
    await sender.send(notice());
    expect(scope.isDone()).toBe(true);
    expect(signedRight(KAKAO_PATH, headers)).toBe(true);
  });

  it('알림톡 and SMS refuse a customer with no phone number as undeliverable (no request made)', async () => {
    const kakao = new KakaoBizMessageSender({
      url: `${SENS}${KAKAO_PATH}`,
      key: KEY,
      channelId: '@smile',
      templates: {},
      timeoutMs: 1000,
      clock: () => FIXED_NOW,
    });
    await expect(kakao.send(notice({ to: {} }))).rejects.toBeInstanceOf(NoticeNotDeliverable);
    const sms = new SmsSender({ url: `${SENS}${SMS_PATH}`, key: KEY, from: '0215880000', timeoutMs: 1000, clock: () => FIXED_NOW });
    await expect(sms.send(notice({ channel: 'sms', to: {} }))).rejects.toBeInstanceOf(NoticeNotDeliverable);
  });

  it('SMS: a short text goes as SMS, a long Korean one as LMS, numbers split into country code and national number', async () => {
    const bodies: Array<Record<string, unknown>> = [];
    const scope = nock(SENS)
      .post(SMS_PATH)
      .times(2)
      .reply((_uri, body) => {
        bodies.push(body as Record<string, unknown>);
        return [202, { requestId: 'r', statusCode: '202' }];
      });
    const sms = new SmsSender({ url: `${SENS}${SMS_PATH}`, key: KEY, from: '0215880000', timeoutMs: 1000, clock: () => FIXED_NOW });
    await sms.send(notice({ channel: 'sms', locale: 'en-US', text: 'Your pick-up code is 633402.', to: { phone: '+1 408 555 0142' } }));
    const long =
      '베베숲 물티슈 캡형 70매 10팩이 GS25 역삼점 무인택배함에 도착했어요. 11월 26일(목)까지 보관되니 그 전에 찾아가 주세요. 인증번호: 633402';
    await sms.send(notice({ channel: 'sms', text: long }));
    expect(scope.isDone()).toBe(true);
    expect(bodies[0]).toMatchObject({ type: 'SMS', countryCode: '1', from: '0215880000', messages: [{ to: '4085550142' }] });
    expect(bodies[1]).toMatchObject({ type: 'LMS', countryCode: '82', content: long, messages: [{ to: '01055550142' }] });
    expect(sensNumber('010-5555-0142')).toEqual({ countryCode: '82', to: '01055550142' });
  });

  it('a provider error is a failed send (thrown), not a silent success', async () => {
    nock(SENS)
      .post(SMS_PATH)
      .reply(400, { error: { code: 'bad', message: 'invalid number' } });
    const sms = new SmsSender({ url: `${SENS}${SMS_PATH}`, key: KEY, from: '0215880000', timeoutMs: 1000, clock: () => FIXED_NOW });
    await expect(sms.send(notice({ channel: 'sms' }))).rejects.toThrow(/400/);
  });

  it('Alexa: a client-credentials token (cached), then AMAZON.OrderStatus.Updated to that one user; a 401 fetches a new token once', async () => {
    const tokenForms: string[] = [];
    const lwa = nock('https://api.amazon.com')
      .post('/auth/o2/token')
      .matchHeader('content-type', 'application/x-www-form-urlencoded')
      .times(2)
      .reply((_uri, body) => {
        tokenForms.push(String(body));
        return [200, { access_token: `Atc|${tokenForms.length}`, token_type: 'bearer', expires_in: 3600, scope: 'alexa::proactive_events' }];
      });
    const events: Array<{ auth: string; body: any }> = [];
    const api = nock('https://api.amazonalexa.com')
      .post('/v1/proactiveEvents/stages/development')
      .times(3)
      .reply(function (_uri, body) {
        events.push({ auth: String(this.req.headers.authorization), body });
        return events.length === 2 ? [401, { message: 'token expired' }] : [202, ''];
      });
    const sender = new AlexaProactiveSender({
      clientId: 'amzn1.application-oa2-client.test',
      clientSecret: 'secret',
      eventsUrl: 'https://api.amazonalexa.com/v1/proactiveEvents/stages/development',
      seller: 'Smile',
      timeoutMs: 1000,
      clock: () => FIXED_NOW,
    });
    const n = notice({ channel: 'alexa', locale: 'en-US', kind: 'delivery_update', to: { channelUserId: 'amzn1.ask.account.TEST' } });
    await sender.send(n);
    await sender.send({ ...n, id: 'ntc_second' });
    expect(lwa.isDone()).toBe(true);
    expect(api.isDone()).toBe(true);
    expect(tokenForms[0]).toContain('grant_type=client_credentials');
    expect(tokenForms[0]).toContain('scope=alexa%3A%3Aproactive_events');
    // Two sends, one token; the 401 on the second fetched a new one, used for its repeat.
    expect(tokenForms).toHaveLength(2);
    expect(events.map((e) => e.auth)).toEqual(['Bearer Atc|1', 'Bearer Atc|1', 'Bearer Atc|2']);
    expect(events[0]!.body).toMatchObject({
      referenceId: n.id,
      event: { name: 'AMAZON.OrderStatus.Updated', payload: { state: { status: 'ORDER_SHIPPED' } } },
      localizedAttributes: [{ locale: 'en-US', sellerName: 'Smile' }],
      relevantAudience: { type: 'Unicast', payload: { user: 'amzn1.ask.account.TEST' } },
    });
    expect(Date.parse(events[0]!.body.expiryTime)).toBeGreaterThan(FIXED_NOW.getTime());
  });

  it('Alexa: a notice kind no Alexa event carries, or a customer with no Alexa user, is undeliverable there', async () => {
    const sender = new AlexaProactiveSender({
      clientId: 'c',
      clientSecret: 's',
      eventsUrl: 'https://api.amazonalexa.com/v1/proactiveEvents/stages/development',
      seller: 'Smile',
      timeoutMs: 1000,
      clock: () => FIXED_NOW,
    });
    await expect(sender.send(notice({ channel: 'alexa', kind: 'refund', to: { channelUserId: 'u' } }))).rejects.toBeInstanceOf(NoticeNotDeliverable);
    await expect(sender.send(notice({ channel: 'alexa', kind: 'delivery_update', to: {} }))).rejects.toBeInstanceOf(NoticeNotDeliverable);
  });
});

const PROVIDERS = {
  KAKAO_NOTIFY_URL: `${SENS}${KAKAO_PATH}`,
  KAKAO_NOTIFY_KEY: KEY,
  KAKAO_NOTIFY_CHANNEL_ID: '@smile',
  SMS_API_URL: `${SENS}${SMS_PATH}`,
  SMS_API_KEY: KEY,
  SMS_API_FROM: '0215880000',
  SMILE_NOTIFY_ATTEMPTS: '2',
  SMILE_NOTIFY_RETRY_MS: '60000',
};

describe('a notice through the configured providers: retry, then fall back, delivered exactly once', () => {
  let smile: Smile | undefined;
  afterEach(async () => {
    await smile?.close();
    smile = undefined;
  });

  const toLockerAndArrive = async (s: Smile): Promise<string> => {
    const r = await fetch(`${s.url}/sandbox/logistics/v1/shipments/shp-2003`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'locker-shp-2003' },
      body: JSON.stringify({ place: { type: 'locker', label: 'GS25 역삼점 무인택배함', pickupPointId: 'pp-kr-gs25-yeoksam' } }),
    });
    expect(r.status).toBe(200);
    await post(s, '/sandbox/logistics/v1/shipments/shp-2003/advance', {});
    const arrived = await post(s, '/sandbox/logistics/v1/shipments/shp-2003/advance', {});
    expect(arrived.json.event.type).toBe('arrived_at_pickup_point');
    return arrived.json.event.data.code as string;
  };

  it('카카오톡 preferred: the pick-up code goes as one 알림톡 in Korean', async () => {
    smile = await startTestSmile(PROVIDERS);
    await conversation(smile, 'demo-ko', 'ko-kakao')('카톡으로만 보내줘');
    const sent: Array<Record<string, any>> = [];
    const kakao = nock(SENS)
      .post(KAKAO_PATH)
      .reply((_uri, body) => {
        sent.push(body as Record<string, unknown>);
        return [202, { requestId: 'r', statusCode: '202' }];
      });
    const code = await toLockerAndArrive(smile);
    expect(kakao.isDone()).toBe(true);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.messages[0].content).toContain(`인증번호: ${code}`);
    expect(sent[0]!.templateCode).toBe('smile_pickup_code');
    // The sweep finds nothing left to send.
    await smile.notifications.sendDue();
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('알림톡 failing: tried again after the delay, then sent once as a text message; later sweeps send nothing more', async () => {
    let now = FIXED_NOW;
    smile = await startTestSmile(PROVIDERS, () => now);
    await conversation(smile, 'demo-ko', 'ko-kakao-down')('카톡으로만 보내줘');
    const kakao = nock(SENS)
      .post(KAKAO_PATH)
      .times(2)
      .reply(500, { error: { code: 'down', message: 'provider down' } });
    const smsBodies: Array<Record<string, any>> = [];
    const sms = nock(SENS)
      .post(SMS_PATH)
      .reply((_uri, body) => {
        smsBodies.push(body as Record<string, unknown>);
        return [202, { requestId: 'r', statusCode: '202' }];
      });

    const code = await toLockerAndArrive(smile);
    // First failure at once; nothing sent; the notice waits a minute.
    expect(smsBodies).toHaveLength(0);
    await smile.notifications.sendDue();
    expect(nock.pendingMocks()).toHaveLength(2); // not yet due: no second try
    now = new Date(FIXED_NOW.getTime() + 61_000);
    await smile.notifications.sendDue();
    expect(kakao.isDone()).toBe(true);
    expect(sms.isDone()).toBe(true);
    expect(smsBodies).toHaveLength(1);
    expect(smsBodies[0]!.content).toContain(`인증번호: ${code}`);

    now = new Date(FIXED_NOW.getTime() + 3_600_000);
    await smile.notifications.sendDue();
    await smile.notifications.sendDue();
    expect(nock.pendingMocks()).toEqual([]);
    const rows = await smile.notifications.rows.noticesFor('demo-ko');
    const pickup = rows.filter((r) => r.kind === 'pickup_code');
    expect(pickup).toHaveLength(1);
    expect(pickup[0]).toMatchObject({ status: 'sent', channel: 'sms', fallbackFrom: 'kakao' });
    // The sandbox records what the customer got: one pick-up code.
    const got = (await get(smile, '/sandbox/notify/v1/messages?customerId=demo-ko')).messages.filter(
      (m: { kind: string }) => m.kind === 'pickup_code',
    );
    expect(got).toHaveLength(1);
    const metrics = await (await fetch(`${smile.url}/metrics`)).text();
    expect(metrics).toMatch(/smile_notices_total\{channel="kakao",outcome="fallback"\} 1/);
    expect(metrics).toMatch(/smile_notices_total\{channel="sms",outcome="sent"\} 1/);
  });

  it('a half-configured provider stops the start with the variable to set', async () => {
    await expect(startTestSmile({ SMS_API_URL: `${SENS}${SMS_PATH}`, SMS_API_KEY: KEY })).rejects.toThrow(/SMS_API_FROM/);
    await expect(startTestSmile({ ...PROVIDERS, KAKAO_NOTIFY_KEY: 'no-colon' })).rejects.toThrow(/accessKey:secretKey/);
  });
});

describe('the notices a customer received, for the agent', () => {
  let smile: Smile | undefined;
  afterEach(async () => {
    await smile?.close();
    smile = undefined;
  });

  it('lists them with channel, status and fallback, never the phone number; 401 without a signed-in agent', async () => {
    smile = await startTestSmile({ SMILE_AGENTS: 'alice=Alice Kim:agent:alice-password' });
    const delayed = await post(smile, '/sandbox/logistics/v1/shipments/shp-2004/advance', { to: 'delayed' });
    expect(delayed.json.webhook).toEqual({ status: 200 });
    const url = `${smile.url}/v1/agent/customers/demo-ko/notifications`;
    expect((await fetch(url)).status).toBe(401);
    const login = await post(smile, '/v1/agent/login', { username: 'alice', password: 'alice-password' });
    const r = await fetch(url, { headers: { authorization: `Bearer ${login.json.token}` } });
    expect(r.status).toBe(200);
    const body = await r.json();
    expect(body.notifications).toEqual([
      expect.objectContaining({ kind: 'delay', channel: 'sms', status: 'sent', locale: 'ko-KR', text: expect.stringContaining('늦어') }),
    ]);
    expect(JSON.stringify(body)).not.toMatch(/5555|phone/);
  });
});
