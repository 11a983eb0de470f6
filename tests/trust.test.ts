import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Smile } from '../app/server.js';
import { allText, conversation, FIXED_NOW, get, post, startTestSmile } from './helpers.js';

const AGENTS = 'alice:agent:alice-password';

async function agent(smile: Smile, method: 'GET' | 'POST', path: string, body: unknown = {}): Promise<any> {
  const login = await post(smile, '/v1/agent/login', { username: 'alice', password: 'alice-password' });
  const res = await fetch(`${smile.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${login.json.token}` },
    ...(method === 'POST' ? { body: JSON.stringify(body) } : {}),
  });
  return res.json();
}
const ordersOf = async (smile: Smile, customer: string): Promise<any[]> =>
  (await get(smile, `/sandbox/commerce/v1/customers/${customer}/orders`)).orders;

describe('issue 12: confirmations expire and never come back silently', () => {
  let smile: Smile;
  let now = FIXED_NOW.getTime();
  beforeAll(async () => {
    smile = await startTestSmile({ SMILE_AGENTS: AGENTS, SMILE_CONFIRMATION_TTL_MIN: '30' }, () => new Date(now));
  });
  afterAll(async () => {
    await smile.close();
  });
  beforeEach(async () => {
    now = FIXED_NOW.getTime();
    await post(smile, '/sandbox/reset', {});
  });

  it.each([
    ['demo', 'reorder the wipes', 'this is useless, I want to talk to a real person', /Back to your reorder|Shall I place/, 'yes'],
    ['demo-ko', '물티슈 다시 주문해줘', '아 진짜 답답하네 상담원이랑 얘기할래요', /재주문으로 돌아갈게요|주문할까요/, '네'],
  ])(
    'when %s escalates at a reorder confirmation, then the reorder is set aside and is not asked again, not even after the agent hands back',
    async (user, reorder, escalate, stale, yes) => {
      const before = await ordersOf(smile, user);
      const say = conversation(smile, user, `stale-handoff-${user}`);
      expect((await say(reorder)).state.awaiting).toBe('confirmation');
      const handed = await say(escalate);
      expect(handed.handoff?.escalationId).toMatch(/^esc-/);
      expect(allText(handed)).not.toMatch(stale);
      expect(allText(handed)).toMatch(user === 'demo' ? /set aside your reorder/ : /재주문은 멈췄어요/);
      const id = handed.handoff!.escalationId;
      await agent(smile, 'POST', `/v1/agent/escalations/${id}/claim`);
      await agent(smile, 'POST', `/v1/agent/escalations/${id}/handback`);
      const after = await say(yes);
      expect(allText(after)).not.toMatch(stale);
      expect(after.state.flow).toBeNull();
      expect(await ordersOf(smile, user)).toEqual(before);
    },
  );

  it('when another change is confirmed over a waiting reorder, then the reorder is set aside, said once, and a later "yes" orders nothing', async () => {
    const before = await ordersOf(smile, 'demo');
    const say = conversation(smile, 'demo', 'stale-other-effect');
    expect((await say('reorder the wipes')).state.awaiting).toBe('confirmation');
    expect((await say('reschedule my delivery')).state.awaiting).toBe('order');
    expect((await say('Philips Sonicare Replacement Brush Heads, 4 pk')).state.awaiting).toBe('window');
    expect((await say('the second one')).state.awaiting).toBe('confirmation');
    const moved = await say('yes');
    expect(allText(moved)).toMatch(/set aside your reorder/);
    expect(allText(moved)).not.toMatch(/Back to your reorder/);
    expect(moved.state.flow).toBeNull();
    expect(allText(await say('yes'))).not.toMatch(/placed/);
    expect(await ordersOf(smile, 'demo')).toEqual(before);
  });

  it.each([
    ['demo', 'reorder the detergent', 'yes', /set aside your reorder.*waited too long/],
    ['demo-ko', '물티슈 다시 주문해줘', '네', /답변이 없어서 아까 진행하던 재주문은 멈췄어요/],
  ])('when %s answers a confirmation after it expired, then nothing is ordered and the customer is told', async (user, reorder, yes, expired) => {
    const before = await ordersOf(smile, user);
    const say = conversation(smile, user, `stale-age-${user}`);
    expect((await say(reorder)).state.awaiting).toBe('confirmation');
    now += 31 * 60_000;
    const late = await say(yes);
    expect(allText(late)).toMatch(expired);
    expect(late.state.flow).toBeNull();
    expect(await ordersOf(smile, user)).toEqual(before);
  });

  it('when a digression outlasts the confirmation, then it is not resumed, and within the limit it is re-stated and asked again', async () => {
    const say = conversation(smile, 'demo', 'stale-digression');
    await say('reorder the detergent');
    now += 10 * 60_000;
    const soon = await say('where are my orders');
    expect(allText(soon)).toMatch(/Back to your reorder:.*Shall I place/);
    now += 31 * 60_000;
    const late = await say('where are my orders');
    expect(allText(late)).toMatch(/set aside your reorder/);
    expect(allText(late)).not.toMatch(/Back to your reorder/);
    expect(late.state.awaiting).toBeNull();
  });
});

describe('issue 12: nobody stranded without a linked account', () => {
  let smile: Smile;
  beforeAll(async () => {
    smile = await startTestSmile({ SMILE_AGENTS: AGENTS });
  });
  afterAll(async () => {
    await smile.close();
  });

  it.each([
    ['stranger', 'whats your policy on engraving gifts', /I don't know.*connect you with a person/s, 'sure', /A person will reply here/],
    ['stranger-ko', '해외로도 배송이 가능한가요?', /정확히 답해 드리기 어려워요.*상담원을 연결해 드릴까요/s, '네', /상담원이 최대한 빨리/],
  ])(
    'when %s with no linked account asks about the shop in general and the documents do not cover it, then a person is offered, not a sign-in',
    async (user, question, unknown, yes, handedOver) => {
      const say = conversation(smile, user, `unlinked-unknown-${user}`);
      const r = await say(question);
      expect(allText(r)).toMatch(unknown);
      expect(allText(r)).not.toMatch(/Sign in|로그인/);
      expect(allText(await say(yes))).toMatch(handedOver);
    },
  );

  it.each([
    [
      'stranger',
      'how long do I have to return something?',
      /30 days/,
      'reorder the wipes',
      /Sign in here.*still ask me about delivery, returns and refunds/,
    ],
    ['stranger-ko', '반품 기간이 어떻게 돼요?', /30일/, '물티슈 다시 주문해줘', /로그인하시면[\s\S]*환불 규정은 물어보실 수/],
  ])(
    'when %s has no linked account, then a policy question is answered and an order request explains what still works',
    async (user, question, answer, order, unlinked) => {
      const say = conversation(smile, user, `unlinked-policy-${user}`);
      expect(allText(await say(question))).toMatch(answer);
      const r = await say(order);
      expect(allText(r)).toMatch(unlinked);
      expect(r.state.flow).toBeNull();
    },
  );

  it.each([
    ['stranger', ['hello there', 'what can you do for me?', 'thx!'], 'could you explain the refund policy', /Refunds start/],
    ['stranger-ko', ['안녕하세요~', '뭐 도와줄 수 있어요?', '감사해요'], '환불 규정 좀 알려 주세요', /출처: 환불 정책[\s\S]*내용도 있어요/],
  ])(
    'when %s has no linked account, then hello, help and thanks are answered without a sign-in link, and being told the rules is a policy question',
    async (user, talk, tell, rule) => {
      const say = conversation(smile, user, `unlinked-talk-${user}`);
      for (const text of talk) {
        const r = await say(text);
        expect(allText(r)).not.toMatch(/\/link\//);
        expect(allText(r).length).toBeGreaterThan(0);
      }
      const r = await say(tell);
      expect(allText(r)).toMatch(rule);
      expect(allText(r)).not.toMatch(/\/link\//);
    },
  );

  it.each([
    ['stranger', 'do you guys ship internationally?'],
    ['stranger-ko', '해외로도 배송해 주나요?'],
  ])('when %s asks where Smile delivers at all ("%s"), then it is a question about the service, not a sign-in', async (user, question) => {
    const r = await conversation(smile, user, `unlinked-where-${user}`)(question);
    expect(allText(r)).not.toMatch(/\/link\//);
    expect(r.state.flow === null || r.state.flow === 'human_handoff').toBe(true);
  });

  it.each([
    ['stranger', 'I want to talk to a person', /A person will reply here/, 'Account unknown'],
    ['stranger-ko', '상담원 연결해 주세요', /상담원이 최대한 빨리/, 'Account unknown'],
  ])('when %s asks for a person, then an escalation is queued that says the account is unknown', async (user, ask, reply, summary) => {
    const conv = `unlinked-person-${user}`;
    const r = await conversation(smile, user, conv)(ask);
    expect(allText(r)).toMatch(reply);
    const esc = await smile.support.openFor(conv);
    expect(esc).toMatchObject({ customerId: null, orders: [] });
    expect(esc!.summary).toContain(summary);
  });

  it('when a policy question is not covered, then a stranger hears "I don\'t know" and "yes" reaches a person', async () => {
    const conv = 'unlinked-unknown';
    const say = conversation(smile, 'stranger', conv);
    const r = await say('what is your privacy policy?');
    expect(allText(r)).toMatch(/I don't know/);
    expect(r.state).toEqual({ flow: 'human_handoff', awaiting: 'confirmation' });
    expect((await say('yes')).handoff?.escalationId).toMatch(/^esc-/);
    expect((await smile.support.openFor(conv))?.reason).toBe('policy_unknown');
  });
});

describe('issue 12: a second order of the same thing, by voice', () => {
  let smile: Smile;
  beforeAll(async () => {
    smile = await startTestSmile({ ALEXA_VERIFY: 'false', SMILE_REPEAT_ORDER_HOURS: '6' });
  });
  afterAll(async () => {
    await smile.close();
  });
  const alexa = (name: string, slots: Record<string, string>, session: string): Record<string, unknown> => {
    const user = { userId: 'amzn1.ask.account.TEST', accessToken: 'demo-token' };
    return {
      version: '1.0',
      session: { new: false, sessionId: session, application: { applicationId: 'amzn1.ask.skill.smile' }, user },
      context: {
        System: {
          application: { applicationId: 'amzn1.ask.skill.smile' },
          user,
          apiEndpoint: 'https://api.amazonalexa.com',
          apiAccessToken: 'api-token',
          device: { deviceId: 'd', supportedInterfaces: {} },
        },
      },
      request: {
        type: 'IntentRequest',
        requestId: `amzn1.echo-api.request.${Math.random().toString(36).slice(2)}`,
        timestamp: new Date().toISOString(),
        locale: 'en-US',
        intent: {
          name,
          confirmationStatus: 'NONE',
          slots: Object.fromEntries(Object.entries(slots).map(([k, v]) => [k, { name: k, value: v, confirmationStatus: 'NONE' }])),
        },
      },
    };
  };

  it('when the speaker reorders brush heads bought 4 hours ago (limit 6 h), then it says so before asking; the wipes (2 days ago) do not', async () => {
    const brush = (await post(smile, '/alexa', alexa('ReorderIntent', { product: 'brush heads' }, 'repeat-1'))).json;
    expect(brush.response.outputSpeech.ssml).toMatch(
      /you ordered Philips Sonicare[^<]* 4 hours ago, this would be another order\..*Shall I place the order/,
    );
    const wipes = (await post(smile, '/alexa', alexa('ReorderIntent', { product: 'wipes' }, 'repeat-2'))).json;
    expect(wipes.response.outputSpeech.ssml).toMatch(/Shall I place the order/);
    expect(wipes.response.outputSpeech.ssml).not.toMatch(/ago/);
  });
});

describe('issue 12: who speaks', () => {
  let smile: Smile;
  beforeAll(async () => {
    smile = await startTestSmile({ SMILE_AGENTS: 'alice=Alice Kim:agent:alice-password,bob:agent:bob-password' });
  });
  afterAll(async () => {
    await smile.close();
  });
  const join = async (user: string, ask: string, who: 'alice' | 'bob'): Promise<string[]> => {
    const conv = `who-${user}-${who}`;
    const id = (await conversation(smile, user, conv)(ask)).handoff!.escalationId;
    const login = await post(smile, '/v1/agent/login', { username: who, password: `${who}-password` });
    await fetch(`${smile.url}/v1/agent/escalations/${id}/claim`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${login.json.token}` },
      body: '{}',
    });
    const inbox = await (await fetch(`${smile.url}/v1/conversations/${conv}/messages?userId=${user}&after=`)).json();
    return inbox.messages.map((m: any) => m.text);
  };

  it.each([
    ['demo', 'agent please', 'alice', 'Alice Kim from our support team has joined the conversation.'],
    ['demo', 'agent please', 'bob', 'Someone from our support team has joined the conversation.'],
    ['demo-ko', '상담원 연결해 주세요', 'alice', '고객지원팀 Alice Kim님이 대화에 들어왔어요.'],
    ['demo-ko', '상담원 연결해 주세요', 'bob', '고객지원팀 상담원님이 대화에 들어왔어요.'],
  ] as const)('when %s is joined by %s, then the customer sees the display name, never the sign-in name', async (user, ask, who, text) => {
    const texts = await join(user, ask, who);
    expect(texts).toEqual([text]);
    expect(texts.join(' ')).not.toMatch(/\balice\b|\bbob\b/);
  });
});
