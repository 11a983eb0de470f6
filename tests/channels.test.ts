import nock from 'nock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Smile } from '../app/server.js';
import { envelope, intentRequest, spoken } from './alexa-envelopes.js';
import { bfActivity, bfTexts, BF_EMULATOR, get, kakaoRequest, kakaoTexts, post, startTestSmile } from './helpers.js';

const ordersOf = async (smile: Smile, customer: string): Promise<any[]> =>
  (await get(smile, `/sandbox/commerce/v1/customers/${customer}/orders`)).orders;

describe('Alexa at POST /alexa', () => {
  let smile: Smile;
  beforeAll(async () => {
    smile = await startTestSmile({ ALEXA_VERIFY: 'false' });
  });
  afterAll(async () => {
    await smile.close();
  });
  beforeEach(async () => {
    await post(smile, '/sandbox/reset', {});
  });

  it('when the skill is launched with a linked account, then it greets and keeps the session open', async () => {
    const r = (await post(smile, '/alexa', envelope({ type: 'LaunchRequest' }, { token: 'demo-token' }))).json;
    expect(spoken(r)).toMatch(/<speak>Hi Alex!/);
    expect(r.response.shouldEndSession).toBe(false);
    expect(r.response.reprompt.outputSpeech.ssml).toMatch(/What would you like to do/);
  });

  it('when a reorder comes in one utterance and is confirmed, then one order is placed with a card and the session ends', async () => {
    const before = (await ordersOf(smile, 'demo')).length;
    const s = { token: 'demo-token', session: 'reorder-1' };
    const ask = (await post(smile, '/alexa', envelope(intentRequest('ReorderIntent', { product: 'wipes', quantity: '2', place: 'office' }), s))).json;
    expect(spoken(ask)).toMatch(/Reorder 2 of Pampers Sensitive Baby Wipes for \$49\.98, delivered to Office/);
    expect(ask.response.shouldEndSession).toBe(false);
    expect(ask.response.reprompt.outputSpeech.ssml).toMatch(/Shall I place the order/);
    // A customer who allowed Smile's notifications gets the order's card (one who has not is asked for them once, with
    // Alexa's consent card in its place: tests/alexa-permissions.test.ts).
    const yes = envelope(intentRequest('AMAZON.YesIntent'), s) as any;
    yes.context.System.user.permissions = { scopes: { 'alexa::devices:all:notifications:write': { status: 'GRANTED' } } };
    const done = (await post(smile, '/alexa', yes)).json;
    expect(spoken(done)).toMatch(/is placed/);
    expect(done.response.card).toMatchObject({ type: 'Simple', title: 'Your order' });
    expect(done.response.shouldEndSession).toBe(true);
    expect((await ordersOf(smile, 'demo')).length).toBe(before + 1);
  });

  it('when a delivery is moved by voice, then the date and time slots are understood and the shipment moves', async () => {
    const s = { token: 'demo-token', session: 'slot-1' };
    const ask = (
      await post(
        smile,
        '/alexa',
        envelope(intentRequest('ChangeDeliverySlotIntent', { product: 'wipes', date: '2026-11-23', timeOfDay: 'evening' }), s),
      )
    ).json;
    expect(spoken(ask)).toMatch(/to Monday, November 23, 6 PM to 9 PM/);
    await post(smile, '/alexa', envelope(intentRequest('AMAZON.YesIntent'), s));
    const shipments = (await get(smile, '/sandbox/logistics/v1/shipments?customerId=demo')).shipments;
    expect(shipments.find((x: any) => x.id === 'shp-1003').window.start).toBe('2026-11-23T18:00:00-08:00');
  });

  it('when a return is booked by voice, then the choices are read out and picked by ordinal', async () => {
    const s = { token: 'demo-token', session: 'return-1' };
    const method = (await post(smile, '/alexa', envelope(intentRequest('ScheduleReturnIntent', { product: 'shoes', reason: 'too small' }), s))).json;
    expect(spoken(method)).toMatch(/You can say Drop off at a convenience store, Drop off at a parcel locker, or Courier pick-up/);
    const windows = (await post(smile, '/alexa', envelope(intentRequest('ChooseOptionIntent', { option: '3' }), s))).json;
    expect(spoken(windows)).toMatch(/When should the courier pick it up/);
    await post(smile, '/alexa', envelope(intentRequest('ChooseOptionIntent', { option: '1' }), s));
    const booked = (await post(smile, '/alexa', envelope(intentRequest('AMAZON.YesIntent'), s))).json;
    expect(spoken(booked)).toMatch(/courier will pick up/);
    expect(booked.response.card.title).toBe('Your return');
  });

  it('when the customer asks for help or stops, then help keeps the session and stop ends it without ordering', async () => {
    const s = { token: 'demo-token', session: 'help-1' };
    const help = (await post(smile, '/alexa', envelope(intentRequest('AMAZON.HelpIntent'), s))).json;
    expect(spoken(help)).toMatch(/I can reorder/);
    expect(help.response.shouldEndSession).toBe(false);
    await post(smile, '/alexa', envelope(intentRequest('ReorderIntent', { product: 'diapers' }), s));
    const stop = (await post(smile, '/alexa', envelope(intentRequest('AMAZON.StopIntent'), s))).json;
    expect(spoken(stop)).toMatch(/Nothing was ordered/);
    expect(stop.response.shouldEndSession).toBe(true);
  });

  it('when the profile has a voice purchase code, then a voice order needs it, and three wrong codes lock voice ordering', async () => {
    await fetch(`${smile.url}/sandbox/commerce/v1/customers/demo/voice-code`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: '4321' }),
    });
    const before = (await ordersOf(smile, 'demo')).length;
    const ok = { token: 'demo-token', session: 'code-ok' };
    await post(smile, '/alexa', envelope(intentRequest('ReorderIntent', { product: 'detergent' }), ok));
    expect(spoken((await post(smile, '/alexa', envelope(intentRequest('AMAZON.YesIntent'), ok))).json)).toMatch(/four-digit voice purchase code/);
    expect(spoken((await post(smile, '/alexa', envelope(intentRequest('VoiceCodeIntent', { code: '4321' }), ok))).json)).toMatch(/is placed/);
    expect((await ordersOf(smile, 'demo')).length).toBe(before + 1);

    const bad = { token: 'demo-token', session: 'code-bad' };
    await post(smile, '/alexa', envelope(intentRequest('ReorderIntent', { product: 'detergent' }), bad));
    await post(smile, '/alexa', envelope(intentRequest('AMAZON.YesIntent'), bad));
    expect(spoken((await post(smile, '/alexa', envelope(intentRequest('VoiceCodeIntent', { code: '1111' }), bad))).json)).toMatch(/isn&apos;t right/);
    await post(smile, '/alexa', envelope(intentRequest('VoiceCodeIntent', { code: '2222' }), bad));
    const locked = (await post(smile, '/alexa', envelope(intentRequest('VoiceCodeIntent', { code: '3333' }), bad))).json;
    expect(spoken(locked)).toMatch(/locked until/);
    const again = { token: 'demo-token', session: 'code-again' };
    await post(smile, '/alexa', envelope(intentRequest('ReorderIntent', { product: 'detergent' }), again));
    await post(smile, '/alexa', envelope(intentRequest('AMAZON.YesIntent'), again));
    expect(spoken((await post(smile, '/alexa', envelope(intentRequest('VoiceCodeIntent', { code: '4321' }), again))).json)).toMatch(/locked until/);
    expect((await ordersOf(smile, 'demo')).length).toBe(before + 1);
    // Typed channels never ask for the voice code.
    const chat = await post(smile, '/v1/chat', { userId: 'demo', text: 'reorder the detergent', conversationId: 'code-rest' });
    expect(chat.json.state.awaiting).toBe('confirmation');
    expect((await post(smile, '/v1/chat', { userId: 'demo', text: 'yes', conversationId: 'code-rest' })).json.messages[0].text).toMatch(/is placed/);
  });

  it('when no account is linked, then a LinkAccount card is sent and nothing happens', async () => {
    const r = (await post(smile, '/alexa', envelope(intentRequest('ReorderIntent', { product: 'wipes' })))).json;
    expect(r.response.card).toEqual({ type: 'LinkAccount' });
    expect(spoken(r)).toMatch(/link your shop account/);
  });

  it('when the body is malformed, then 400 with an error and nothing is done', async () => {
    const r = await post(smile, '/alexa', { hello: 'world' });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('invalid_request');
    expect((await post(smile, '/alexa', '{not json')).status).toBe(400);
  });

  it('when a reply is slow, then a progressive response is sent to the Alexa API first', async () => {
    const slow = await startTestSmile({ ALEXA_VERIFY: 'false', ALEXA_PROGRESSIVE_AFTER_MS: '100' });
    const progressive = nock('https://api.amazonalexa.com').post('/v1/directives').reply(204);
    // The sandbox is slowed down by delaying every commerce call through the store.
    const original = slow.store.documents.list.bind(slow.store.documents);
    slow.store.documents.list = async <T>(c: string): Promise<T[]> => {
      await new Promise((r) => setTimeout(r, 150));
      return original<T>(c);
    };
    const r = (await post(slow, '/alexa', envelope(intentRequest('OrderStatusIntent'), { token: 'demo-token', session: 'slow' }))).json;
    expect(spoken(r)).toMatch(/on the way/);
    expect(progressive.isDone()).toBe(true);
    await slow.close();
  });
});

describe('Alexa request verification', () => {
  let smile: Smile;
  beforeAll(async () => {
    smile = await startTestSmile();
  });
  afterAll(async () => {
    await smile.close();
  });
  it('when a request has no signature headers, then it is refused by default', async () => {
    const r = await post(smile, '/alexa', envelope({ type: 'LaunchRequest' }, { token: 'demo-token' }));
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('alexa_verification_failed');
  });
});

describe('Bot Framework at POST /api/messages', () => {
  let smile: Smile;
  beforeAll(async () => {
    smile = await startTestSmile();
  });
  afterAll(async () => {
    await smile.close();
  });
  beforeEach(async () => {
    await post(smile, '/sandbox/reset', {});
  });

  it('when a customer joins, then Smile welcomes them', async () => {
    const r = await post(smile, '/api/messages', {
      ...bfActivity(null, { type: 'conversationUpdate', conversation: 'bf-welcome' }),
      membersAdded: [{ id: 'demo' }],
    });
    expect(r.status).toBe(200);
    expect(bfTexts(r.json)).toMatch(/Hi Alex!/);
  });

  it('when a reorder is confirmed, then the confirmation is a hero card with buttons and one order is placed', async () => {
    const before = (await ordersOf(smile, 'demo')).length;
    const ask = (await post(smile, '/api/messages', bfActivity('reorder two packs of the wipes', { conversation: 'bf-reorder' }))).json;
    const card = ask.activities[0];
    expect(card.attachments[0]).toMatchObject({
      contentType: 'application/vnd.microsoft.card.hero',
      content: {
        title: 'Your order',
        buttons: [
          { type: 'imBack', value: 'Yes' },
          { type: 'imBack', value: 'No' },
        ],
      },
    });
    expect(card.suggestedActions.actions.map((a: any) => a.value)).toEqual(['Yes', 'No']);
    expect(bfTexts(await (await post(smile, '/api/messages', bfActivity('Yes', { conversation: 'bf-reorder' }))).json)).toMatch(/is placed/);
    expect((await ordersOf(smile, 'demo')).length).toBe(before + 1);
    expect(await smile.store.channelState.get('bf_reference', 'bf:emulator:bf-reorder')).toMatchObject({
      conversation: { id: 'bf-reorder' },
      serviceUrl: BF_EMULATOR,
    });
  });

  it('when a choice is offered, then it comes as a carousel, and a delivery change goes through', async () => {
    const which = (await post(smile, '/api/messages', bfActivity('reschedule my delivery', { conversation: 'bf-slot' }))).json;
    expect(which.activities[0].attachmentLayout).toBe('carousel');
    expect(which.activities[0].attachments).toHaveLength(2);
    await post(smile, '/api/messages', bfActivity('Pampers Sensitive Baby Wipes, 12 packs', { conversation: 'bf-slot' }));
    const confirm = (await post(smile, '/api/messages', bfActivity('the second one', { conversation: 'bf-slot' }))).json;
    expect(bfTexts(confirm)).toMatch(/Move Pampers/);
    expect(bfTexts((await post(smile, '/api/messages', bfActivity('yes', { conversation: 'bf-slot' }))).json)).toMatch(/will now arrive/);
  });

  it('when a return, help and stop are asked for in Korean, then Smile answers in Korean', async () => {
    const c = { user: 'demo-ko', conversation: 'bf-ko' };
    expect(bfTexts((await post(smile, '/api/messages', { ...bfActivity('운동화 반품하고 싶어', c), locale: 'ko-KR' })).json)).toMatch(
      /반품 사유를 알려 주세요/,
    );
    expect(bfTexts((await post(smile, '/api/messages', { ...bfActivity('도움말', c), locale: 'ko-KR' })).json)).toMatch(
      /어떤 점이 불편하셨는지.*반품 사유를 알려 주세요/s,
    );
    expect(bfTexts((await post(smile, '/api/messages', { ...bfActivity('그만', c), locale: 'ko-KR' })).json)).toMatch(/반품은 신청하지 않았어요/);
  });

  it('when the user is not linked, then Smile sends a sign-in link', async () => {
    expect(bfTexts((await post(smile, '/api/messages', bfActivity('reorder the wipes', { user: 'stranger', conversation: 'bf-x' }))).json)).toMatch(
      /Sign in here and I'll carry on with your request: http:\/\/127\.0\.0\.1:\d+\/link\//,
    );
  });

  it("when replies are not expected inline, then they are sent to the channel's service URL", async () => {
    const sent = nock(BF_EMULATOR)
      .post(/\/v3\/conversations\/bf-async\/activities\/.*/)
      .reply(200, { id: 'r1' });
    const r = await post(smile, '/api/messages', bfActivity('hi', { conversation: 'bf-async', expectReplies: false }));
    expect(r.status).toBe(200);
    expect(sent.isDone()).toBe(true);
  });

  it('when the activity is malformed, then 400 and nothing is done', async () => {
    const r = await post(smile, '/api/messages', { type: 'message', text: 'reorder the wipes' });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('invalid_activity');
  });
});

describe('KakaoTalk at POST /kakao/skill', () => {
  let smile: Smile;
  beforeAll(async () => {
    smile = await startTestSmile();
  });
  afterAll(async () => {
    await smile.close();
  });
  beforeEach(async () => {
    await post(smile, '/sandbox/reset', {});
  });

  it('when a reorder is asked and confirmed with a quick reply, then one order is placed', async () => {
    const before = (await ordersOf(smile, 'demo-ko')).length;
    const ask = (await post(smile, '/kakao/skill', kakaoRequest('물티슈 두 팩 다시 주문해줘'))).json;
    expect(ask.version).toBe('2.0');
    expect(ask.template.outputs.some((o: any) => o.basicCard?.title === '주문 내용')).toBe(true);
    expect(ask.template.quickReplies).toEqual([
      { label: '네', action: 'message', messageText: '네' },
      { label: '아니요', action: 'message', messageText: '아니요' },
    ]);
    expect(kakaoTexts((await post(smile, '/kakao/skill', kakaoRequest('네'))).json)).toMatch(/주문을 완료했어요/);
    expect((await ordersOf(smile, 'demo-ko')).length).toBe(before + 1);
  });

  it('when a delivery is moved and a return started, then reasons come as quick replies alone (cards would only repeat them)', async () => {
    await post(smile, '/kakao/skill', kakaoRequest('물티슈 모레 오전으로 배송 바꿔줘'));
    expect(kakaoTexts((await post(smile, '/kakao/skill', kakaoRequest('네'))).json)).toMatch(/바꿨어요/);
    const why = (await post(smile, '/kakao/skill', kakaoRequest('운동화 반품할래'))).json;
    expect(why.template.quickReplies).toHaveLength(5);
    expect(why.template.outputs.some((o: any) => o.carousel)).toBe(false);
    expect(kakaoTexts((await post(smile, '/kakao/skill', kakaoRequest('그만'))).json)).toMatch(/반품은 신청하지 않았어요/);
    expect(kakaoTexts((await post(smile, '/kakao/skill', kakaoRequest('도움말'))).json)).toMatch(/이런 일을 도와드려요/);
  });

  it('when the customer writes English, then Smile answers in English', async () => {
    expect(kakaoTexts((await post(smile, '/kakao/skill', kakaoRequest('where are my orders'))).json)).toMatch(/on the way/);
  });

  it('when the user is not linked, or the body is malformed, then nothing happens', async () => {
    expect(kakaoTexts((await post(smile, '/kakao/skill', kakaoRequest('기저귀 주문', 'stranger'))).json)).toMatch(
      /로그인하시면 말씀하신 요청을 이어서/,
    );
    const bad = await post(smile, '/kakao/skill', { userRequest: { utterance: '' } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('invalid_request');
  });
});

describe('KakaoTalk answers slower than its window through the callback', () => {
  let smile: Smile;
  beforeAll(async () => {
    smile = await startTestSmile({ KAKAO_ANSWER_WITHIN_MS: '1' });
  });
  afterAll(async () => {
    await smile.close();
  });
  it('when the answer takes longer, then useCallback comes at once and the answer follows at the callback URL', async () => {
    let delivered: any;
    const arrived = new Promise<void>((resolve) => {
      nock('https://bot-api.kakao.com')
        .post('/v1/callback/1')
        .reply(200, (_uri, body) => {
          delivered = body;
          resolve();
          return { status: 'SUCCESS' };
        });
    });
    const first = (
      await post(smile, '/kakao/skill', kakaoRequest('물티슈 어디쯤 왔어', 'demo-ko', { callbackUrl: 'https://bot-api.kakao.com/v1/callback/1' }))
    ).json;
    expect(first).toEqual({ version: '2.0', useCallback: true, data: { text: expect.stringMatching(/잠시만요/) } });
    await arrived;
    expect(kakaoTexts(delivered)).toMatch(/베베숲 물티슈/);
  });
});

describe('Bot Framework with an app id', () => {
  let smile: Smile;
  beforeAll(async () => {
    smile = await startTestSmile({ MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'not-a-real-secret' });
  });
  afterAll(async () => {
    await smile.close();
  });
  it('when a request carries no Bot Framework token, then it is refused and nothing is done', async () => {
    const teams = { conversation: 'bf-auth', serviceUrl: 'https://smba.trafficmanager.net/amer/' };
    const r = await post(smile, '/api/messages', bfActivity('reorder the wipes', teams));
    expect(r.status).toBe(401);
    expect(r.json.error.code).toBe('unauthorized');
    const forged = await fetch(`${smile.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer not.a.jwt' },
      body: JSON.stringify(bfActivity('reorder the wipes', teams)),
    });
    expect(forged.status).toBe(401);
    expect(await smile.store.conversations.get('bf:emulator:bf-auth')).toBeNull();
  });
});

describe('URLs named by a request (serviceUrl, callbackUrl)', () => {
  let anonymous: Smile;
  let withAppId: Smile;
  beforeAll(async () => {
    anonymous = await startTestSmile({ KAKAO_ANSWER_WITHIN_MS: '1' });
    withAppId = await startTestSmile({ MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'not-a-real-secret' });
  });
  afterAll(async () => {
    await anonymous.close();
    await withAppId.close();
  });

  it.each(['http://connector.test', 'http://169.254.169.254/latest/', 'https://smba.trafficmanager.net/amer/'])(
    'when an anonymous activity names serviceUrl %s, then it is refused with 403 and no request goes out',
    async (serviceUrl) => {
      const trap = nock(new URL(serviceUrl).origin).post(/.*/).reply(200, {});
      const conversation = `bf-ssrf-${Math.random().toString(36).slice(2)}`;
      const r = await post(anonymous, '/api/messages', bfActivity('hi', { conversation, serviceUrl, expectReplies: false }));
      expect(r.status).toBe(403);
      expect(r.json.error).toMatchObject({ code: 'service_url_refused', message: expect.stringMatching(/loopback/) });
      expect(trap.isDone()).toBe(false);
      expect(await anonymous.store.conversations.get(`bf:emulator:${conversation}`)).toBeNull();
    },
  );

  const offList = [
    'https://evil.example/',
    'http://smba.trafficmanager.net/amer/',
    'https://evil.trafficmanager.net/',
    'https://smba.trafficmanager.net.evil.example/',
  ];
  it.each(offList)(
    'when an activity with a token names serviceUrl %s off the allow-list, then it is refused with 403 and nothing is called',
    async (serviceUrl) => {
      const trap = nock(new URL(serviceUrl).origin).post(/.*/).reply(200, {});
      const login = nock('https://login.botframework.com').get(/.*/).reply(200, {});
      const r = await post(withAppId, '/api/messages', bfActivity('hi', { conversation: 'bf-ssrf-id', serviceUrl }), {
        authorization: 'Bearer a.b.c',
      });
      expect(r.status).toBe(403);
      expect(r.json.error.code).toBe('service_url_refused');
      expect(trap.isDone()).toBe(false);
      expect(login.isDone()).toBe(false);
    },
  );

  it('when the Emulator on loopback cannot be reached, then 500 carries a request id and no internal text', async () => {
    const res = await fetch(`${anonymous.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(bfActivity('hi', { conversation: 'bf-refused', serviceUrl: 'http://127.0.0.1:1/', expectReplies: false })),
    });
    const text = await res.text();
    expect(res.status).toBe(500);
    expect(text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|connect/);
    expect(JSON.parse(text).error).toEqual({ code: 'internal_error', message: expect.any(String), requestId: res.headers.get('x-request-id') });
  });

  const badCallbacks = [
    'https://evil.example/cb/1',
    'http://bot-api.kakao.com/v1/callback/1',
    'https://bot-api.kakao.com.evil.example/cb',
    'https://user:pw@bot-api.kakao.com/cb',
  ];
  it.each(badCallbacks)(
    'when a KakaoTalk request names callbackUrl %s, then it is refused with 400, nothing runs and nothing is posted',
    async (callbackUrl) => {
      const trap = nock(new URL(callbackUrl).origin).post(/.*/).reply(200, {});
      const user = `kakao-ssrf-${Math.random().toString(36).slice(2)}`;
      const r = await post(anonymous, '/kakao/skill', kakaoRequest('물티슈 어디쯤 왔어', user, { callbackUrl }));
      expect(r.status).toBe(400);
      expect(r.json.error.code).toBe('callback_url_refused');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(trap.isDone()).toBe(false);
      expect(await anonymous.store.conversations.get(`kakao:${user}`)).toBeNull();
    },
  );

  it("when Kakao's callback host answers with a redirect, then Smile does not follow it", async () => {
    let redirected = false;
    const answered = new Promise<void>((resolve) => {
      nock('https://bot-api.kakao.com')
        .post('/v1/callback/2')
        .reply(() => {
          setTimeout(resolve, 50);
          return [307, '', { location: 'https://elsewhere.example/x' }];
        });
    });
    nock('https://elsewhere.example')
      .post('/x')
      .reply(() => {
        redirected = true;
        return [200, {}];
      });
    const callbackUrl = 'https://bot-api.kakao.com/v1/callback/2';
    const first = (await post(anonymous, '/kakao/skill', kakaoRequest('물티슈 어디쯤 왔어', 'demo-ko', { callbackUrl }))).json;
    expect(first.useCallback).toBe(true);
    await answered;
    expect(redirected).toBe(false);
  });
});
