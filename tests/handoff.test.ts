import nock from 'nock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Smile } from '../app/server.js';
import { allText, conversation, FIXED_NOW, post, startTestSmile } from './helpers.js';

const AGENTS = 'alice=Alice Kim:agent:alice-password,bob:agent:bob-password,sam:supervisor:sam-password';

async function login(smile: Smile, username: string): Promise<string> {
  const r = await post(smile, '/v1/agent/login', { username, password: `${username}-password` });
  expect(r.status).toBe(200);
  return r.json.token as string;
}
async function agentCall(
  smile: Smile,
  token: string | null,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<{ status: number; json: any }> {
  const res = await fetch(`${smile.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : method === 'POST' ? { body: '{}' } : {}),
  });
  return { status: res.status, json: await res.json().catch(() => null) };
}
const customerMessages = async (smile: Smile, conv: string, userId: string, after = ''): Promise<any> =>
  (await fetch(`${smile.url}/v1/conversations/${conv}/messages?userId=${userId}&after=${encodeURIComponent(after)}`)).json();

describe('handing a customer to a person', () => {
  let smile: Smile;
  let alice: string;
  let bob: string;
  let sam: string;
  beforeAll(async () => {
    smile = await startTestSmile({ SMILE_AGENTS: AGENTS });
    [alice, bob, sam] = await Promise.all([login(smile, 'alice'), login(smile, 'bob'), login(smile, 'sam')]);
  });
  afterAll(async () => {
    await smile.close();
  });
  beforeEach(async () => {
    await post(smile, '/sandbox/reset', {});
  });

  it.each([
    ['demo', 'agent', 'customer_request', 'normal'],
    ['demo-ko', '상담원 연결해 주세요', 'customer_request', 'normal'],
  ])(
    'when %s asks for a person ("%s"), then an escalation is queued with the transcript, orders and a summary',
    async (user, text, reason, priority) => {
      const conv = `ask-${user}`;
      const say = conversation(smile, user, conv);
      await say(user === 'demo' ? 'where is my order' : '주문 어디쯤 왔어');
      const r = await say(text);
      expect(r.handoff).toMatchObject({ status: 'queued', escalationId: expect.stringMatching(/^esc-/) });
      expect(allText(r)).toMatch(user === 'demo' ? /A person will reply here/ : /상담원이 최대한 빨리/);
      const again = await say(text);
      expect(again.handoff?.escalationId ?? r.handoff!.escalationId).toBe(r.handoff!.escalationId);
      const detail = await agentCall(smile, sam, 'GET', `/v1/agent/escalations/${r.handoff!.escalationId}`);
      expect(detail.json.escalation).toMatchObject({ reason, priority, channel: 'rest', status: 'queued', customerId: user });
      expect(detail.json.escalation.orders.length).toBeGreaterThan(0);
      expect(detail.json.escalation.summary).toMatch(/Customer asked for a person/);
      expect(detail.json.transcript.some((e: any) => e.from === 'customer')).toBe(true);
    },
  );

  it.each([
    // Words Smile cannot place: a joke or a capital is understood as off-topic, which is no misunderstanding.
    ['demo', ['hmm the thing with the stuff', 'can you do the thing from before with it', 'yes'], 'misunderstood', 'normal'],
    ['demo-ko', ['그거 있잖아 그거 그거', '음 그거 뭐더라 그거', '네'], 'misunderstood', 'normal'],
    ['demo', ['this is useless, nothing works', 'yes'], 'frustration', 'high'],
    ['demo-ko', ['아 진짜 답답해', '네'], 'frustration', 'high'],
  ])(
    'when %s is misunderstood twice or clearly frustrated, then a person is offered and accepting escalates',
    async (user, lines, reason, priority) => {
      const say = conversation(smile, user, `trig-${reason}-${user}`);
      let last;
      for (const line of lines) last = await say(line);
      const esc = await smile.support.openFor(`trig-${reason}-${user}`);
      expect(last!.handoff?.escalationId).toBe(esc?.id);
      expect(esc).toMatchObject({ reason, priority });
    },
  );

  it('when two agents claim at once, then exactly one wins and the other gets 409', async () => {
    const r = await conversation(smile, 'demo', 'race')('I want to talk to a human');
    const id = r.handoff!.escalationId;
    const [a, b] = await Promise.all([
      agentCall(smile, alice, 'POST', `/v1/agent/escalations/${id}/claim`),
      agentCall(smile, bob, 'POST', `/v1/agent/escalations/${id}/claim`),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? 'alice' : 'bob';
    expect((await smile.support.openFor('race'))?.claimedBy).toBe(winner);
  });

  it('when an agent and a REST customer talk, then messages go both ways, and hand back returns the customer to the bot', async () => {
    const say = conversation(smile, 'demo', 'relay-rest');
    const r = await say('connect me to customer service');
    const id = r.handoff!.escalationId;
    expect((await agentCall(smile, alice, 'POST', `/v1/agent/escalations/${id}/claim`)).status).toBe(200);
    let inbox = await customerMessages(smile, 'relay-rest', 'demo');
    expect(inbox.messages.map((m: any) => m.text)).toEqual(['Alice Kim from our support team has joined the conversation.']);
    expect(
      (await agentCall(smile, alice, 'POST', `/v1/agent/escalations/${id}/messages`, { text: 'Hi Alex, I am looking at your wipes order now.' }))
        .status,
    ).toBe(200);
    inbox = await customerMessages(smile, 'relay-rest', 'demo', inbox.cursor);
    expect(inbox.messages).toEqual([expect.objectContaining({ from: 'agent', text: 'Hi Alex, I am looking at your wipes order now.' })]);

    // The customer's words now go to the person, not the bot.
    const relayed = await say('reorder the wipes');
    expect(relayed.messages).toEqual([]);
    expect(relayed.state.flow).toBe('human_handoff');
    const detail = await agentCall(smile, alice, 'GET', `/v1/agent/escalations/${id}`);
    expect(detail.json.transcript.at(-1)).toMatchObject({ from: 'customer', text: 'reorder the wipes' });

    expect(
      (await agentCall(smile, alice, 'POST', `/v1/agent/escalations/${id}/notes`, { text: 'wants the wipes earlier' })).json.escalation.notes,
    ).toHaveLength(1);
    expect((await agentCall(smile, alice, 'POST', `/v1/agent/escalations/${id}/handback`)).json.escalation.status).toBe('handed_back');
    inbox = await customerMessages(smile, 'relay-rest', 'demo', inbox.cursor);
    expect(inbox.messages.at(-1).text).toMatch(/back with Smile/);
    expect((await say('reorder the wipes')).state.awaiting).toBe('confirmation');
  });

  it.each([
    ['demo', 'agent please', 'never mind', /withdrawn your request for a person/, 'reorder the wipes', /Shall I place the order\?/],
    ['demo-ko', '상담원 연결해 주세요', '그만', /상담원 연결 요청을 취소했어요/, '물티슈 어디쯤 왔어', /베베숲/],
  ])(
    'when %s withdraws the request for a person before anyone has taken it, then the escalation leaves the queue and the bot answers again',
    async (user, ask, stop, says, next, answer) => {
      const conv = `withdraw-${user}`;
      const say = conversation(smile, user, conv);
      const id = (await say(ask)).handoff!.escalationId;
      const r = await say(stop);
      expect(allText(r)).toMatch(says);
      expect(r.handoff).toMatchObject({ status: 'handed_back' });
      expect(await smile.support.openFor(conv)).toBeNull();
      const detail = await agentCall(smile, sam, 'GET', `/v1/agent/escalations/${id}`);
      expect(detail.json.escalation.status).not.toBe('queued');
      expect(allText(await say(next))).toMatch(answer);
    },
  );

  it('when a person has taken the conversation, then "stop" is for them and the handoff goes on', async () => {
    const say = conversation(smile, 'demo', 'stop-to-agent');
    const id = (await say('agent')).handoff!.escalationId;
    await agentCall(smile, alice, 'POST', `/v1/agent/escalations/${id}/claim`);
    const r = await say('stop');
    expect(r.messages).toEqual([]);
    expect(r.state.flow).toBe('human_handoff');
    const detail = await agentCall(smile, alice, 'GET', `/v1/agent/escalations/${id}`);
    expect(detail.json.transcript.at(-1)).toMatchObject({ from: 'customer', text: 'stop' });
  });

  it('when the customer says "챗봇으로", then the handoff ends and the bot answers again', async () => {
    const say = conversation(smile, 'demo-ko', 'back-ko');
    const id = (await say('상담원 불러줘')).handoff!.escalationId;
    await agentCall(smile, bob, 'POST', `/v1/agent/escalations/${id}/claim`);
    const back = await say('챗봇으로 돌아갈래');
    expect(allText(back)).toMatch(/다시 스마일이 도와드릴게요/);
    expect(back.handoff).toMatchObject({ status: 'handed_back' });
    expect(allText(await say('물티슈 어디쯤 왔어'))).toMatch(/베베숲/);
  });

  it('when an agent replies to a Bot Framework customer, then the reply is sent proactively through the stored reference', async () => {
    const activity = (text: string) => ({
      type: 'message',
      id: `a-${Math.random()}`,
      serviceUrl: 'http://127.0.0.1:9',
      channelId: 'emulator',
      from: { id: 'demo' },
      conversation: { id: 'bf-handoff' },
      recipient: { id: 'smile-bot' },
      locale: 'en-US',
      text,
      deliveryMode: 'expectReplies',
    });
    const first = await post(smile, '/api/messages', activity('I need to talk to a person'));
    expect(first.json.activities.map((a: any) => a.text).join(' ')).toMatch(/A person will reply here/);
    const id = (await smile.support.openFor('bf:emulator:bf-handoff'))!.id;
    const sent: string[] = [];
    nock('http://127.0.0.1:9')
      .persist()
      .post(/\/v3\/conversations\/bf-handoff\/activities/)
      .reply(200, (_uri, body: any) => {
        sent.push(body.text);
        return { id: 'x' };
      });
    await agentCall(smile, alice, 'POST', `/v1/agent/escalations/${id}/claim`);
    await agentCall(smile, alice, 'POST', `/v1/agent/escalations/${id}/messages`, { text: 'Hello from Alice!' });
    // The person's words are marked as theirs (by display name), the system's join notice is not.
    expect(sent).toEqual(['Alice Kim from our support team has joined the conversation.', 'Alice Kim from our support team: Hello from Alice!']);
    const relayed = await post(smile, '/api/messages', activity('thanks, can you move it to friday?'));
    expect(relayed.json.activities ?? []).toEqual([]);
    const detail = await agentCall(smile, alice, 'GET', `/v1/agent/escalations/${id}`);
    expect(detail.json.transcript.at(-1)).toMatchObject({ from: 'customer', text: 'thanks, can you move it to friday?' });
  });

  it('when requests are not signed in or exceed the role, then 401 or 403 and nothing changes', async () => {
    const id = (await conversation(smile, 'demo', 'authz')('agent please')).handoff!.escalationId;
    expect((await agentCall(smile, null, 'GET', '/v1/agent/escalations')).status).toBe(401);
    expect((await agentCall(smile, 'forged.token.here', 'POST', `/v1/agent/escalations/${id}/claim`)).status).toBe(401);
    expect((await post(smile, '/v1/agent/login', { username: 'alice', password: 'wrong-password' })).status).toBe(401);
    expect((await agentCall(smile, alice, 'POST', `/v1/agent/escalations/${id}/claim`)).status).toBe(200);
    const stolen = await agentCall(smile, bob, 'POST', `/v1/agent/escalations/${id}/messages`, { text: 'hi' });
    expect(stolen.status).toBe(403);
    expect((await agentCall(smile, bob, 'POST', `/v1/agent/escalations/${id}/resolve`)).status).toBe(403);
    expect((await agentCall(smile, bob, 'GET', `/v1/agent/escalations/${id}`)).status).toBe(403);
    expect((await agentCall(smile, bob, 'GET', '/v1/agent/escalations')).json.escalations.some((e: any) => e.id === id)).toBe(false);
    expect(await smile.support.openFor('authz')).toMatchObject({ status: 'active', claimedBy: 'alice' });
    // A supervisor sees and may close any conversation.
    expect((await agentCall(smile, sam, 'POST', `/v1/agent/escalations/${id}/resolve`)).json.escalation.status).toBe('resolved');
    expect((await agentCall(smile, alice, 'POST', `/v1/agent/escalations/${id}/messages`, { text: 'late' })).status).toBe(409);
    expect((await agentCall(smile, alice, 'POST', `/v1/agent/escalations/${id}/messages`, { text: '' })).status).toBe(400);
  });

  it("when a customer reads another conversation's messages, then 404", async () => {
    await conversation(smile, 'demo', 'private-relay')('hi');
    expect((await fetch(`${smile.url}/v1/conversations/private-relay/messages?userId=demo-ko`)).status).toBe(404);
  });

  it('when an agent is listening, then new escalations and customer messages arrive as Server-Sent Events', async () => {
    const res = await fetch(`${smile.url}/v1/agent/events`, { headers: { authorization: `Bearer ${sam}` } });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    const received: string[] = [];
    const reading = (async () => {
      const decoder = new TextDecoder();
      while (!received.some((r) => r.includes('escalation_created'))) {
        const { value, done } = await reader.read();
        if (done) break;
        received.push(decoder.decode(value));
      }
    })();
    await conversation(smile, 'demo', 'sse')('talk to a human');
    await reading;
    await reader.cancel();
    expect(received.join('')).toMatch(/event: escalation_created\ndata: .*"conversationId":"sse"/);
  });

  it('when metrics are scraped, then the queue length and handoffs per intent are there', async () => {
    await conversation(smile, 'demo', 'metrics')('agent');
    const text = await (await fetch(`${smile.url}/metrics`)).text();
    expect(text).toMatch(/smile_escalation_queue_length\{status="queued"\} \d+/);
    expect(text).toMatch(/smile_escalations_total\{intent="human_handoff",reason="customer_request"\} \d+/);
  });
});

describe('outside staffed hours', () => {
  let smile: Smile;
  // The fixed clock is Sunday noon in Los Angeles; the team works weekdays 9–5 there.
  beforeAll(async () => {
    smile = await startTestSmile({ SMILE_AGENTS: AGENTS, SMILE_SUPPORT_HOURS: 'mon-fri 09:00-17:00', SMILE_SUPPORT_TIMEZONE: 'America/Los_Angeles' });
  });
  afterAll(async () => {
    await smile.close();
  });
  it('when a customer asks for a person, then Smile says when people answer, queues it, and keeps helping', async () => {
    const say = conversation(smile, 'demo', 'after-hours');
    const r = await say('I want to speak to a person');
    expect(allText(r)).toMatch(/away right now; a person will answer here from Mon, Nov 23 at 9:00 AM/);
    const esc = await smile.support.openFor('after-hours');
    expect(esc).toMatchObject({ status: 'queued', slaDueAt: '2026-11-23T18:00:00.000Z' });
    expect(allText(await say('where are my wipes'))).toMatch(/Pampers.*shipped/);
    const ko = await conversation(smile, 'demo-ko', 'after-hours-ko')('상담원 연결');
    expect(allText(ko)).toMatch(/지금은 상담 시간이 아니에요/);
  });
});

describe('on a smart speaker', () => {
  let smile: Smile;
  beforeAll(async () => {
    smile = await startTestSmile({ ALEXA_VERIFY: 'false', SMILE_AGENTS: AGENTS });
  });
  afterAll(async () => {
    await smile.close();
  });
  const alexa = (name: string, session: string) => ({
    version: '1.0',
    session: {
      new: false,
      sessionId: session,
      application: { applicationId: 'a' },
      user: { userId: 'amzn1.ask.account.CB', accessToken: 'demo-token' },
    },
    context: {
      System: {
        application: { applicationId: 'a' },
        user: { userId: 'amzn1.ask.account.CB', accessToken: 'demo-token' },
        apiEndpoint: 'https://api.amazonalexa.com',
        apiAccessToken: 't',
        device: { deviceId: 'd', supportedInterfaces: {} },
      },
    },
    request: {
      type: 'IntentRequest',
      requestId: `r-${Math.random()}`,
      timestamp: FIXED_NOW.toISOString(),
      locale: 'en-US',
      intent: { name, confirmationStatus: 'NONE', slots: {} },
    },
  });
  it("when the customer asks for a person, then the escalation is queued and a call-back to the profile's number is booked", async () => {
    const offer = (await post(smile, '/alexa', alexa('TalkToAgentIntent', 'voice-cb'))).json;
    expect(offer.response.outputSpeech.ssml).toMatch(/call you back at your number ending in <say-as interpret-as="digits">0142<\/say-as>/);
    expect(offer.response.shouldEndSession).toBe(false);
    const booked = (await post(smile, '/alexa', alexa('AMAZON.YesIntent', 'voice-cb'))).json;
    expect(booked.response.outputSpeech.ssml).toMatch(/a person will call you at the number ending in <say-as interpret-as="digits">0142<\/say-as>/);
    expect(await smile.support.openFor('alexa:voice-cb')).toMatchObject({
      channel: 'alexa',
      status: 'queued',
      callback: { phone: '+1 408 555 0142' },
    });
  });
  it('when the customer declines the call-back, then the escalation stays queued and the app chat is offered', async () => {
    await post(smile, '/alexa', alexa('TalkToAgentIntent', 'voice-no'));
    const no = (await post(smile, '/alexa', alexa('AMAZON.NoIntent', 'voice-no'))).json;
    expect(no.response.outputSpeech.ssml).toMatch(/continue in the chat in the Smile app/);
    expect(await smile.support.openFor('alexa:voice-no')).toMatchObject({ status: 'queued' });
  });
});

describe('KakaoTalk during a handoff', () => {
  let smile: Smile;
  beforeAll(async () => {
    smile = await startTestSmile({ SMILE_AGENTS: AGENTS });
  });
  afterAll(async () => {
    await smile.close();
  });
  const kakao = (utterance: string) => ({ userRequest: { utterance, user: { id: 'demo-ko' }, lang: 'ko' }, bot: { id: 'b' }, action: { id: 'a' } });
  const texts = (r: any): string[] => r.template.outputs.map((o: any) => o.simpleText?.text).filter(Boolean);
  it('when a person writes, then the customer gets it with the next exchange, and their words reach the person', async () => {
    const first = (await post(smile, '/kakao/skill', kakao('상담원 연결해줘'))).json;
    expect(texts(first).join(' ')).toMatch(/상담원이 최대한 빨리/);
    const id = (await smile.support.openFor('kakao:demo-ko'))!.id;
    const alice = await login(smile, 'alice');
    await agentCall(smile, alice, 'POST', `/v1/agent/escalations/${id}/claim`);
    await agentCall(smile, alice, 'POST', `/v1/agent/escalations/${id}/messages`, { text: '안녕하세요, 상담원 앨리스입니다.' });
    const next = (await post(smile, '/kakao/skill', kakao('네 안녕하세요'))).json;
    // The person's words are marked as theirs (by display name); KakaoTalk shows every bubble as the bot's.
    expect(texts(next)).toEqual(['고객지원팀 Alice Kim님이 대화에 들어왔어요.', '[고객지원팀 Alice Kim] 안녕하세요, 상담원 앨리스입니다.']);
    const quiet = (await post(smile, '/kakao/skill', kakao('기다릴게요'))).json;
    expect(texts(quiet)).toEqual(['상담원에게 전달했어요.']);
    const detail = await agentCall(smile, alice, 'GET', `/v1/agent/escalations/${id}`);
    expect(detail.json.transcript.at(-1)).toMatchObject({ from: 'customer', text: '기다릴게요' });
  });
});

describe('the REST reply that escalates', () => {
  let smile: Smile;
  beforeAll(async () => {
    smile = await startTestSmile({ SMILE_AGENTS: AGENTS });
  });
  afterAll(async () => {
    await smile.close();
  });
  it('when a person will answer, then it says so in state.flow as well as in handoff', async () => {
    const r = await conversation(smile, 'demo', 'flow-state')('talk to a human');
    expect(r.state).toEqual({ flow: 'human_handoff', awaiting: null });
    expect(r.handoff?.status).toBe('queued');
  });
});
