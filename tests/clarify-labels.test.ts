import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Smile } from '../app/server.js';
import { CLARIFY } from '../dialogs/patterns/misunderstood.js';
import { say } from '../prompts/index.js';
import { allText, conversation, startTestSmile } from './helpers.js';

/**
 * "Which did you mean?" offers requests as buttons; a button tapped (its label sent back as text) must be that request
 * in either language, whatever the classifier would make of the words on their own ("배송 문제 접수하기" had listed
 * the orders' status).
 */
describe('a request offered as a button, tapped back', () => {
  let smile: Smile;
  beforeAll(async () => {
    smile = await startTestSmile();
  });
  afterAll(async () => {
    await smile.close();
  });

  const cases = (['en-US', 'ko-KR'] as const).flatMap((locale) =>
    Object.entries(CLARIFY).map(([flow, key]) => [locale, say(locale, key), flow] as const),
  );
  it.each(cases)('when a %s customer taps "%s", then %s starts', async (locale, label, flow) => {
    const user = locale === 'ko-KR' ? 'demo-ko' : 'demo';
    const r = await conversation(smile, user, `label-${locale}-${flow}`)(label);
    if (flow === 'order_status') expect(allText(r)).toMatch(locale === 'ko-KR' ? /도착 예정|배송 중|준비 중/ : /arriving|on the way/);
    else expect(r.state.flow).toBe(flow);
  });

  it.each([
    ['demo', 'order', /Where is my order\? \| Reorder something \| Cancel an order/, 'Reorder something', 'reorder'],
    ['demo', 'my deliveries?', /Where is my order\? \| Change the delivery time/, 'Change the delivery time', 'change_delivery_slot'],
    ['demo-ko', '주문', /재주문하기/, '재주문하기', 'reorder'],
    ['demo-ko', '택배요', /배송 문제 접수하기/, '배송 문제 접수하기', 'report_delivery_problem'],
  ])('when %s says only "%s", then the requests of that area are offered, and the one tapped starts', async (user, topic, offered, tap, flow) => {
    const say = conversation(smile, user, `topic-${user}-${flow}`);
    const r = await say(topic);
    expect(r.state.flow).toBeNull();
    expect(r.messages.at(-1)!.suggestions!.join(' | ')).toMatch(offered);
    expect((await say(tap)).state.flow).toBe(flow);
  });

  it.each([
    ['demo', 'Talk to a person'],
    ['demo-ko', '상담원 연결'],
  ])('when %s taps "%s", then a person is asked for', async (user, label) => {
    const r = await conversation(smile, user, `label-person-${user}`)(label);
    expect(r.state.flow === 'human_handoff' || r.handoff).toBeTruthy();
  });
});
