import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Smile } from '../app/server.js';
import { allText, conversation, post, startTestSmile } from './helpers.js';

// Conversation gaps of issue 10 found by trying Smile as a customer, in our own words, over POST /v1/chat in both
// languages: each row is a class of message (a policy question in the queue, an order of a thing never bought, a parcel
// that never came, one variant set aside for another, a cancellation said with "시킨 거", a day said to no question).
describe('understanding gaps, over POST /v1/chat', () => {
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

  // A counter keeps the conversations of each row apart (ids below read it).
  let n = 0;
  const chat = (userId: string, conversationId: string) => {
    n++;
    return conversation(smile, userId, conversationId);
  };

  it.each([
    ['demo', 'I want to talk to a person', 'how many days do I get to return something?', /30 days/, /number 1 in the queue/, 'where is my order?'],
    ['demo-ko', '사람이랑 얘기하고 싶어요', '반품은 며칠 안에 해야 하나요?', /30일/, /대기 순서는 1번/, '제 주문 어디쯤 왔어요?'],
  ])(
    'when %s asks a policy question while waiting for a person, then it is answered, the queue is kept, and other words get only the receipt',
    async (user, ask, question, answer, receipt, other) => {
      const say = chat(user, `queue-policy-${user}`);
      const first = await say(ask);
      expect(first.handoff?.status).toBe('queued');
      const r = await say(question);
      expect(allText(r)).toMatch(answer);
      expect(allText(r)).toMatch(receipt);
      expect(r.handoff).toMatchObject({ status: 'queued', escalationId: first.handoff!.escalationId });
      expect(await smile.support.openFor(`queue-policy-${user}`)).toMatchObject({ status: 'queued' });
      // Not a policy question: a short acknowledgement alone (the queue place was said already), and the words still go
      // to the person.
      const o = await say(other);
      expect(o.messages).toHaveLength(1);
      expect(allText(o)).toMatch(user === 'demo' ? /Sent to our support team/ : /상담원에게 전달했어요/);
    },
  );

  it.each([
    ['demo', "where's my shampoo order?", /I don't see an order of shampoo\. On its way now: .*Pampers Sensitive Baby Wipes/, /orders on the way/],
    ['demo-ko', '칫솔 시킨 건 언제 와요?', /칫솔 주문은 찾지 못했어요\. 지금 배송 중인 주문은 .*베베숲 물티슈.*이에요\./, /배송 현황이에요/],
    ['demo-ko', '칫솔 다시 주문해 주세요', /지난 주문에서 "칫솔"을 찾지 못했어요/, /곧 다 떨어질/],
  ])(
    'when %s asks about a product they never ordered ("%s"), then Smile says there is none and what there is, briefly',
    async (user, text, says, not) => {
      const r = await chat(user, `unbought-${user}-${n}`)(text);
      expect(allText(r)).toMatch(says);
      expect(allText(r)).not.toMatch(not);
    },
  );

  it.each([
    ['demo', 'my parcel never showed up', 'report_delivery_problem'],
    ['demo', 'I never received the package', 'report_delivery_problem'],
    ['demo-ko', '주문한 물건을 못 받았어요', 'report_delivery_problem'],
    ['demo-ko', '배송 사고 접수할게요', 'report_delivery_problem'],
    // Not yet come is a question of where it is.
    ['demo-ko', '물티슈 아직 못 받았는데 어디쯤이에요?', null],
    ['demo', "my wipes still haven't come, where are they?", null],
  ])('when %s says "%s", then it is a report of a missing parcel only when it is not a "not yet"', async (user, text, flow) => {
    const r = await chat(user, `missing-${user}-${n}`)(text);
    expect(r.state.flow).toBe(flow);
    if (!flow) expect(allText(r)).toMatch(/Pampers|베베숲/);
  });

  it.each([
    ['demo', 'reorder the diapers', 'no, not the size 2 — size 3', /Size 3, 74 ct/, /Size 2, 84 ct for/],
    ['demo-ko', '분유 다시 주문해 주세요', '2단계 말고 3단계로 주세요', /분유 3단계/, /분유 2단계/],
  ])(
    'when %s corrects a reorder with one variant set aside for another, then the named one is quoted',
    async (user, start, correction, wanted, rejected) => {
      const say = chat(user, `variant-${user}`);
      await say(start);
      const r = await say(correction);
      expect(r.state).toMatchObject({ flow: 'reorder', awaiting: 'confirmation' });
      expect(allText(r)).toMatch(wanted);
      expect(allText(r)).not.toMatch(rejected);
      // "no" then leaves nothing ordered.
      const no = await say(user === 'demo' ? 'no' : '아니요');
      expect(no.state.flow).toBeNull();
    },
  );

  it.each([
    ['demo-ko', '기저귀 3단계 말고 4단계로 다시 주문할게요', /기저귀 4단계/, /3단계 64매/],
    ['demo', 'diapers again but not size 2, size 4', /Size 4/, /Size 2, 84 ct for/],
  ])('when %s opens with one variant set aside for another, then the named one is quoted', async (user, text, wanted, rejected) => {
    const r = await chat(user, `variant-open-${user}`)(text);
    expect(allText(r)).toMatch(wanted);
    expect(allText(r)).not.toMatch(rejected);
  });

  it.each([
    ['demo-ko', '신라면 시킨 거 취소 좀 해 주세요', /취소/],
    ['demo-ko', '삼다수 산 거 취소할래요', /취소|반품/],
    ['demo', 'the brush heads I ordered, cancel that please', /cancel/i],
  ])('when %s names a product they ordered with a word to cancel ("%s"), then it is a cancellation, not a reorder', async (user, text, says) => {
    const r = await chat(user, `cancel-${user}-${n}`)(text);
    expect(r.state.flow).toBe('cancel_order');
    expect(allText(r)).toMatch(says);
    expect(allText(r)).not.toMatch(/다시 주문할까요|Shall I place the order/);
  });

  it.each([
    ['demo', ['tell me a joke', 'what is the capital of peru'], 'yesterday'],
    ['demo-ko', ['농담 하나 해줘', '프랑스 수도가 어디야'], '어제'],
    ['demo', [], 'thursday'],
    ['demo-ko', [], '내일 저녁요'],
  ])('when %s says only a day with nothing asking for one, then no delivery move starts', async (user, before, day) => {
    const say = chat(user, `bare-day-${user}-${n}`);
    for (const line of before) await say(line);
    const r = await say(day);
    expect(r.state.flow).not.toBe('change_delivery_slot');
    expect(allText(r)).not.toMatch(/Which delivery should I move|배송 시간을 바꿀까요/);
  });

  it.each([
    ['demo', 'move the wipes delivery', 'thursday', /Thu, /],
    ['demo-ko', '물티슈 배송 시간 바꿔 주세요', '목요일이요', /\(목\)/],
  ])('when %s is asked for a time and answers with a day alone, then the day is taken', async (user, start, day, says) => {
    const say = chat(user, `asked-day-${user}`);
    await say(start);
    const r = await say(day);
    expect(r.state).toMatchObject({ flow: 'change_delivery_slot', awaiting: 'window' });
    // The windows offered are that day's.
    expect(r.messages.flatMap((m) => m.suggestions ?? []).join(' | ')).toMatch(says);
  });
});
