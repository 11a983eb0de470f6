import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Smile } from '../app/server.js';
import { conversation, post, startTestSmile } from './helpers.js';

/** The console's API beyond the queue (issue 18): summary, customer panel, canned replies, history search, presence. */
async function login(smile: Smile, username: string): Promise<string> {
  return (await post(smile, '/v1/agent/login', { username, password: `${username}-password` })).json.token;
}
const read = async (smile: Smile, path: string, token: string) => {
  const res = await fetch(`${smile.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, json: await res.json() };
};

describe.each([
  [
    'en-US',
    'demo',
    'reorder two packs of the wipes',
    'I want to talk to a person',
    /Wants: “reorder two packs of the wipes”\nProduct: Pampers/,
    'Greeting',
    /^Hi Alex, this is Alice Park/,
  ],
  [
    'ko-KR',
    'demo-ko',
    '물티슈 다시 주문해줘',
    '상담원 연결해 주세요',
    /요청 내용: “물티슈 다시 주문해줘”\n상품: 베베숲 물티슈/,
    '첫인사',
    /^김지은님, 안녕하세요\. 저는 고객지원팀 앨리스 상담원이에요\./,
  ],
] as const)('the agent desk with agents working in %s', (agentLocale, user, ask, person, summary, greeting, greetText) => {
  let smile: Smile;
  let alice: string;
  let escId: string;
  beforeAll(async () => {
    const name = agentLocale === 'ko-KR' ? '앨리스' : 'Alice Park';
    smile = await startTestSmile({ SMILE_AGENTS: `alice=${name}:agent:alice-password,bob:agent:bob-password`, SMILE_AGENT_LOCALE: agentLocale });
    alice = await login(smile, 'alice');
    const say = conversation(smile, user, `desk-${user}`);
    await say(ask);
    await say(person);
    escId = (await smile.support.openFor(`desk-${user}`))!.id;
  });
  afterAll(() => smile.close());

  it("when an agent opens the conversation, then the summary says what the customer wants, the product, the topic and why, in the agent's language", async () => {
    const { json } = await read(smile, `/v1/agent/escalations/${escId}/assist`, alice);
    expect(json.source).toBe('template');
    expect(json.summary).toMatch(summary);
    const detail = (await read(smile, `/v1/agent/escalations/${escId}`, alice)).json;
    expect(detail.brief.length).toBeGreaterThanOrEqual(4);
    expect(detail.customer.name).toBe(user === 'demo' ? 'Alex Kim' : '김지은');
  });

  it('when the queue is read, then each conversation carries the customer name and language', async () => {
    const { json } = await read(smile, '/v1/agent/escalations', alice);
    expect(json.escalations[0]).toMatchObject({
      customer: { name: user === 'demo' ? 'Alex Kim' : '김지은', locale: user === 'demo' ? 'en-US' : 'ko-KR' },
    });
  });

  it("when the customer panel is read, then it holds the customer's orders, shipments, returns and notices", async () => {
    const { json } = await read(smile, `/v1/agent/escalations/${escId}/customer`, alice);
    expect(json.orders.length).toBeGreaterThan(0);
    expect(json.shipments.length).toBeGreaterThan(0);
    expect(Array.isArray(json.returns) && Array.isArray(json.notices)).toBe(true);
  });

  it("when canned replies are read, then titles are in the agent's language and texts in the customer's, filled in", async () => {
    const { json } = await read(smile, `/v1/agent/escalations/${escId}/canned`, alice);
    const greet = json.replies.find((r: any) => r.key === 'greet');
    expect(greet.title).toBe(greeting);
    expect(greet.text).toMatch(greetText);
    expect(json.replies.map((r: any) => r.key)).toEqual(['greet', 'order_check', 'refund', 'anything_else', 'closing']);
  });

  it('when the conversation is resolved, then the history search finds it by the words said, and only for who closed it', async () => {
    await post(smile, `/v1/agent/escalations/${escId}/claim`, {}, { authorization: `Bearer ${alice}` });
    await post(smile, `/v1/agent/escalations/${escId}/resolve`, {}, { authorization: `Bearer ${alice}` });
    const word = ask.split(' ')[0]!;
    const found = (await read(smile, `/v1/agent/history?q=${encodeURIComponent(word)}`, alice)).json.escalations;
    expect(found.map((e: any) => e.id)).toEqual([escId]);
    expect(found[0].match).toContain(word);
    const bob = await login(smile, 'bob');
    expect((await read(smile, `/v1/agent/history?q=${encodeURIComponent(word)}`, bob)).json.escalations).toEqual([]);
    expect((await read(smile, '/v1/agent/history?q=a', alice)).status).toBe(400);
  });

  it('when the only present agent is away, then nobody is staffed; a bad presence is a 400 that changes nothing', async () => {
    const events = await fetch(`${smile.url}/v1/agent/events`, { headers: { authorization: `Bearer ${alice}` } });
    await expect.poll(() => smile.support.team().length).toBe(1);
    expect(smile.support.staffedNow().staffed).toBe(true);
    expect((await post(smile, '/v1/agent/presence', { status: 'away' }, { authorization: `Bearer ${alice}` })).json.staffed.staffed).toBe(false);
    expect((await post(smile, '/v1/agent/presence', { status: 'asleep' }, { authorization: `Bearer ${alice}` })).status).toBe(400);
    expect(smile.support.team()[0]!.status).toBe('away');
    await events.body!.cancel();
    await expect.poll(() => smile.support.team().length).toBe(0);
    expect(smile.support.staffedNow().staffed).toBe(true);
  });
});
