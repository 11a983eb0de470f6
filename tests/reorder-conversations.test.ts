import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Smile } from '../app/server.js';
import { allText, conversation, get, post, startTestSmile, type ChatReply } from './helpers.js';

type Expect = { flow?: string | null; awaiting?: string | null; says?: RegExp; suggestions?: number };
interface Case {
  name: string;
  user: 'demo' | 'demo-ko';
  steps: Array<[string, Expect]>;
  /** New orders the sandbox holds afterwards, with their quantity and destination. */
  orders: Array<{ sku: string; quantity: number; address: string }>;
}

const EN: Case[] = [
  {
    name: 'when the whole request comes in one utterance and the customer says yes, then the order is placed once',
    user: 'demo',
    steps: [
      [
        'reorder two packs of the wipes to my office',
        { flow: 'reorder', awaiting: 'confirmation', says: /2 × Pampers Sensitive Baby Wipes.*\$49\.98.*Office/ },
      ],
      ['yes', { flow: null, awaiting: null, says: /your order is placed \(order number [0-9A-F]{8}, / }],
    ],
    orders: [{ sku: 'pampers-sens-12', quantity: 2, address: 'demo-office' }],
  },
  {
    name: 'when the customer says no at the confirmation, then nothing is ordered',
    user: 'demo',
    steps: [
      ['could you order more diapers', { awaiting: 'confirmation', says: /1 × Huggies/ }],
      ['no thanks', { flow: null, says: /won't order/ }],
    ],
    orders: [],
  },
  {
    name: 'when the customer says stop at the confirmation, then the flow ends and nothing is ordered',
    user: 'demo',
    steps: [
      ['buy the formula again', { awaiting: 'confirmation', says: /2 × Similac/ }],
      ['stop', { flow: null, awaiting: null, says: /Nothing was ordered/ }],
    ],
    orders: [],
  },
  {
    name: 'when the customer corrects the quantity, then the new quantity is confirmed and ordered',
    user: 'demo',
    steps: [
      ['reorder the detergent', { awaiting: 'confirmation', says: /1 × Tide/ }],
      ['make it three', { awaiting: 'confirmation', says: /3 × Tide.*\$59\.97/ }],
      ['yes please', { flow: null, says: /placed/ }],
    ],
    orders: [{ sku: 'tide-free-92oz', quantity: 3, address: 'demo-home' }],
  },
  {
    name: 'when several products match, then the top three are offered and a suggestion selects one',
    user: 'demo',
    steps: [
      ['reorder the baby stuff', { awaiting: 'product', suggestions: 3, says: /Which one/ }],
      ['Similac 360 Total Care Infant Formula, 30.8 oz', { awaiting: 'confirmation', says: /2 × Similac/ }],
      ['yep', { flow: null, says: /placed/ }],
    ],
    orders: [{ sku: 'similac-360-30oz', quantity: 2, address: 'demo-home' }],
  },
  {
    name: 'when the customer digresses for help and stops while choosing, then nothing is ordered',
    user: 'demo',
    steps: [
      ['what should I reorder', { awaiting: 'product', suggestions: 3 }],
      ['what can you do', { awaiting: 'product', says: /Pick one of the products below.*Which one/ }],
      ['never mind', { flow: null, says: /Nothing was ordered/ }],
    ],
    orders: [],
  },
  {
    name: 'when the customer changes the destination at the confirmation, then the order goes there',
    user: 'demo',
    steps: [
      ['order the sonicare brush heads again', { awaiting: 'confirmation', says: /Home/ }],
      ['send it to my office instead', { awaiting: 'confirmation', says: /Office/ }],
      ['sure', { flow: null, says: /placed/ }],
    ],
    orders: [{ sku: 'sonicare-heads-4', quantity: 1, address: 'demo-office' }],
  },
];

const KO: Case[] = [
  {
    name: '한 문장으로 요청하고 "네"라고 하면 한 번만 주문된다',
    user: 'demo-ko',
    steps: [
      [
        '물티슈 두 팩 회사로 다시 주문해줘',
        {
          flow: 'reorder',
          awaiting: 'confirmation',
          says: /상품: 베베숲 물티슈.*\n수량: 2개\n결제 금액: 31,800원\n배송지: 회사\n.*\n이대로 다시 주문할까요\?$/,
        },
      ],
      ['네', { flow: null, says: /주문을 완료했어요/ }],
    ],
    orders: [{ sku: 'bebesup-cap-70-10', quantity: 2, address: 'demo-ko-office' }],
  },
  {
    name: '확인에서 "아니요"라고 하면 주문하지 않는다',
    user: 'demo-ko',
    steps: [
      ['늘 사던 분유 주문해줘', { awaiting: 'confirmation', says: /앱솔루트 명작 분유.*\n수량: 1개/ }],
      ['아니요', { flow: null, says: /주문하지 않을게요/ }],
    ],
    orders: [],
  },
  {
    name: '확인에서 "그만"이라고 하면 멈추고 주문하지 않는다',
    user: 'demo-ko',
    steps: [
      ['기저귀 또 시켜줘', { awaiting: 'confirmation', says: /하기스.*\n수량: 2개/ }],
      ['그만', { flow: null, says: /주문은 들어가지 않았어요/ }],
    ],
    orders: [],
  },
  {
    name: '수량을 고치면 고친 수량으로 주문한다',
    user: 'demo-ko',
    steps: [
      ['라면 다시 주문해줘', { awaiting: 'confirmation', says: /신라면.*\n수량: 2개/ }],
      ['세 개로 바꿔줘', { awaiting: 'confirmation', says: /신라면.*\n수량: 3개\n결제 금액: 상품 13,500원 \+ 배송비 3,000원 = 16,500원/ }],
      ['응', { flow: null, says: /주문을 완료했어요/ }],
    ],
    orders: [{ sku: 'shin-ramyun-5', quantity: 3, address: 'demo-ko-home' }],
  },
  {
    name: '여러 상품이 맞으면 세 개까지 제안하고 순서로 고를 수 있다',
    user: 'demo-ko',
    steps: [
      ['아기용품 다시 주문해줘', { awaiting: 'product', suggestions: 3, says: /어떤 상품으로 할까요/ }],
      ['두 번째', { awaiting: 'confirmation' }],
      ['도움말', { awaiting: 'confirmation', says: /진행하려면 "네".*다시 주문할까요/s }],
      ['좋아', { flow: null, says: /주문을 완료했어요/ }],
    ],
    orders: [{ sku: '*', quantity: 0, address: 'demo-ko-home' }],
  },
];

describe('reorder over POST /v1/chat', () => {
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

  const ordersOf = async (customer: string): Promise<any[]> => (await get(smile, `/sandbox/commerce/v1/customers/${customer}/orders`)).orders;

  for (const c of [...EN, ...KO]) {
    it(c.name, async () => {
      const before = (await ordersOf(c.user)).map((o) => o.id);
      const say = conversation(smile, c.user, `conv-${Math.random().toString(36).slice(2)}`);
      for (const [text, exp] of c.steps) {
        const r: ChatReply = await say(text);
        const where = `after "${text}": ${allText(r)}`;
        if (exp.flow !== undefined) expect(r.state.flow, where).toBe(exp.flow);
        if (exp.awaiting !== undefined) expect(r.state.awaiting, where).toBe(exp.awaiting);
        if (exp.says) expect(allText(r), where).toMatch(exp.says);
        if (exp.suggestions) expect(r.messages.at(-1)?.suggestions?.length, where).toBe(exp.suggestions);
      }
      const created = (await ordersOf(c.user)).filter((o) => !before.includes(o.id));
      expect(created).toHaveLength(c.orders.length);
      c.orders.forEach((want, i) => {
        if (want.sku !== '*') expect(created[i].items).toEqual([expect.objectContaining({ sku: want.sku, quantity: want.quantity })]);
        expect(created[i].shippingAddressId).toBe(want.address);
      });
    });
  }

  it('when the same "yes" arrives twice with one messageId, then one order is placed and both get the same answer', async () => {
    const conv = 'dup-en';
    const say = conversation(smile, 'demo', conv);
    const before = (await ordersOf('demo')).length;
    await say('reorder the wipes');
    const [a, b] = await Promise.all([say('yes', 'same-id'), say('yes', 'same-id')]);
    expect(a).toEqual(b);
    const again = await say('yes', 'same-id');
    expect(again).toEqual(a);
    expect((await ordersOf('demo')).length).toBe(before + 1);
  });

  it('같은 메시지가 두 번 와도 주문은 한 번이다', async () => {
    const say = conversation(smile, 'demo-ko', 'dup-ko');
    const before = (await ordersOf('demo-ko')).length;
    await say('삼다수 재주문');
    const a = await say('네', 'dup');
    const b = await say('네', 'dup');
    expect(b).toEqual(a);
    expect((await ordersOf('demo-ko')).length).toBe(before + 1);
  });

  it('when a user has no linked account, then Smile sends a sign-in link and orders nothing, in both languages', async () => {
    const en = await post(smile, '/v1/chat', { userId: 'stranger', text: 'reorder the wipes' });
    expect(en.json.messages[0].text).toMatch(/Sign in here and I'll carry on/);
    const ko = await post(smile, '/v1/chat', { userId: 'stranger-ko', text: '물티슈 다시 주문해줘' });
    expect(ko.json.messages[0].text).toMatch(/로그인하시면 말씀하신 요청을 이어서/);
    const yes = await post(smile, '/v1/chat', { userId: 'stranger', text: 'yes' });
    expect(yes.json.state.flow).toBeNull();
  });

  it("when someone uses another customer's conversationId, then it is refused and nothing changes", async () => {
    await conversation(smile, 'demo', 'private-conv')('reorder the wipes');
    const r = await post(smile, '/v1/chat', { userId: 'demo-ko', text: 'yes', conversationId: 'private-conv' });
    expect(r.status).toBe(403);
    expect(r.json.error.code).toBe('conversation_forbidden');
  });

  it('when the customer is misunderstood twice, then a person is offered and accepting records an escalation', async () => {
    const say = conversation(smile, 'demo', 'handoff-en');
    // Words Smile cannot place (a joke or a capital is understood as off-topic, and is no misunderstanding).
    await say('hmm the thing with the stuff');
    const second = await say('can you do the thing from before with it');
    expect(allText(second)).toMatch(/connect you with a person/);
    const accepted = await say('yes');
    expect(accepted.handoff?.escalationId).toMatch(/^esc-/);
    const escalation = await smile.support.openFor('handoff-en');
    expect(escalation).toMatchObject({ reason: 'misunderstood', status: 'queued', channel: 'rest' });
    expect((await smile.store.transcript.list('handoff-en')).length).toBeGreaterThan(3);
  });
});
