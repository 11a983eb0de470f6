import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Smile } from '../app/server.js';
import { allText, conversation, get, post, startTestSmile } from './helpers.js';

const ordersOf = async (smile: Smile, customer: string): Promise<any[]> =>
  (await get(smile, `/sandbox/commerce/v1/customers/${customer}/orders`)).orders;

/**
 * Issue 12: nobody is kept waiting for a person they called off, a yes is given to what the customer meant, a plain
 * request for another task is that task, and an informational answer is not padded with an offer of a person.
 */
describe('calling a person off, a yes to the right question, another task, and answers without a handoff offer', () => {
  let smile: Smile;
  beforeAll(async () => {
    smile = await startTestSmile({ SMILE_AGENTS: 'alice:agent:alice-password' });
  });
  afterAll(async () => {
    await smile.close();
  });
  beforeEach(async () => {
    await post(smile, '/sandbox/reset', {});
  });

  it.each([
    ['demo', 'put me through to someone from support', 'please cancel my request for an agent', null],
    ['demo', 'can I speak to a human', "forget it, where's my wipes order?", /Pampers/],
    ['demo-ko', '사람이랑 상담하고 싶어요', '상담원 필요 없어요', null],
    ['demo-ko', '상담원 연결 부탁해요', '괜찮아요 칫솔 말고 물티슈는 어디쯤 왔어요?', /물티슈/],
  ])(
    'when %s calls off the person while queued ("%s" … "%s"), then the request is withdrawn and any question with it answered',
    async (user, ask, callOff, answer) => {
      const say = conversation(smile, user, `call-off-${user}-${callOff.length}`);
      const handed = await say(ask);
      expect(handed.handoff?.escalationId).toMatch(/^esc-/);
      const r = await say(callOff);
      expect(r.handoff?.status).toBe('handed_back');
      expect(allText(r)).toMatch(user === 'demo' ? /withdrawn your request for a person/ : /상담원 연결 요청.*취소했어요/);
      if (answer) expect(allText(r)).toMatch(answer);
      // Smile has the conversation again: the next request is the bot's.
      expect(allText(await say(user === 'demo' ? 'reorder the wipes' : '물티슈 다시 주문해줘'))).toMatch(
        user === 'demo' ? /Shall I place the order\?/ : /주문할까요/,
      );
    },
  );

  it.each([
    ['demo', 'reorder the wipes', 'nope, I actually want to return the running shoes', 'schedule_return', /dropped your reorder/],
    ['demo-ko', '물티슈 다시 주문해줘', '아니요 운동화를 반품하려고요', 'schedule_return', /재주문은 멈췄어요/],
  ])(
    'when %s says no and asks for another task at a confirmation, then the first is dropped and the new one starts',
    async (user, ask, other, flow, dropped) => {
      const before = await ordersOf(smile, user);
      const say = conversation(smile, user, `switch-${user}`);
      await say(ask);
      const r = await say(other);
      expect(r.state.flow).toBe(flow);
      expect(allText(r)).toMatch(dropped);
      expect(await ordersOf(smile, user)).toEqual(before);
    },
  );

  it.each([
    ['demo', 'reorder the wipes', 'wait, which card do you charge for this?', 'alright, yes, place the order'],
    ['demo-ko', '물티슈 다시 주문해줘', '잠깐만요 결제는 어떤 카드로 돼요?', '네 그냥 주문 진행해 주세요'],
  ])(
    'when %s asks something a person must answer and then says yes to the order, then the order is placed and no person is called',
    async (user, ask, question, yesOrder) => {
      const before = (await ordersOf(smile, user)).length;
      const say = conversation(smile, user, `yes-beneath-${user}`);
      await say(ask);
      const offered = await say(question);
      expect(offered.state.flow).toBe('human_handoff');
      const r = await say(yesOrder);
      expect(r.handoff).toBeUndefined();
      expect(r.state.flow).toBeNull();
      expect((await ordersOf(smile, user)).length).toBe(before + 1);
    },
  );

  it.each([
    ['demo', 'I would like to send the wipes back', /on its way/],
    ['demo', 'return my toothbrush heads', /hasn't shipped yet, so you can still cancel it/],
    ['demo-ko', '물티슈 반품할래요', /지금 배송 중이에요/],
    ['demo-ko', '신라면 반품 신청해 주세요', /아직 발송 전이라 주문을 취소하실 수 있어요/],
  ])(
    'when %s asks to return something not delivered yet, then the answer says what can be done, and no person is offered',
    async (user, ask, answer) => {
      const say = conversation(smile, user, `not-yet-${user}-${ask.length}`);
      const r = await say(ask);
      expect(allText(r)).toMatch(answer);
      expect(r.state.flow).toBeNull();
      expect(allText(r)).not.toMatch(/connect you with a person|상담원을 연결해 드릴까요/);
    },
  );
});
