import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Smile } from '../app/server.js';
import type { Escalation } from '../domain/escalation.js';
import { allText, get, kakaoRequest, kakaoTexts, post, startTestSmile, type ChatReply } from './helpers.js';
import { envelope, intentRequest, spoken } from './alexa-envelopes.js';

// Issue 12 item 5: a delivery marked delivered that went wrong, reported over POST /v1/chat in both languages; the
// escalation (or its absence) is checked in the support queue, and the shop's orders and shipments stay as they were.
type Expect = { awaiting?: string | null; says?: RegExp; not?: RegExp };
interface ProblemCase {
  name: string;
  user: 'demo' | 'demo-ko';
  steps: Array<[text: string, expect: Expect] | [text: string, expect: Expect, messageId: string]>;
  /** The escalation the conversation must have opened, or null for none. */
  escalation: null | { problem: string; shipment: string; description?: RegExp; leftAt: string };
}

const CASES: ProblemCase[] = [
  {
    name: 'when a parcel marked delivered is not there, then Smile asks which, reads the courier record back, takes the words and reports it as urgent',
    user: 'demo',
    steps: [
      ["my parcel shows as delivered but there's nothing on my porch", { awaiting: 'order' }],
      ['the one with the running shoes', { awaiting: 'description', says: /delivered on Sun, Nov 8 at 1:00 PM, left at: Front door/ }],
      [
        'I asked the neighbours and the front desk, nobody has it',
        { awaiting: 'confirmation', says: /Problem: Not received[\s\S]*nobody has it[\s\S]*Shall I send it\?/ },
      ],
      [
        'yes',
        {
          awaiting: null,
          says: /Reported as urgent — reference number [0-9A-F]{16}\. A person from our delivery team will reply here by 12:15 PM on Sun, Nov 22/,
        },
      ],
    ],
    escalation: { problem: 'not_received', shipment: 'shp-1002', description: /front desk/, leftAt: 'Front door' },
  },
  {
    name: 'when the customer corrects what went wrong at the confirmation and then says no, then nothing is reported',
    user: 'demo',
    steps: [
      ['the detergent came all crushed', { awaiting: 'description', says: /arrived damaged/ }],
      ['the cap snapped off', { awaiting: 'confirmation', says: /Problem: Damaged/ }],
      ['actually they sent the wrong item', { awaiting: 'confirmation', says: /Problem: Wrong item/ }],
      ['no', { awaiting: null, says: /haven't reported anything/ }],
    ],
    escalation: null,
  },
  {
    name: 'when the product named came in an order with another, then Smile speaks of the product named, not the order’s first item',
    user: 'demo',
    steps: [
      [
        'the running shoes arrived damaged',
        { awaiting: 'description', says: /Nike Revolution 7 Running Shoes, size 10 arrived damaged/, not: /Tide/ },
      ],
      ['stop', { awaiting: null }],
    ],
    escalation: null,
  },
  {
    name: 'when the customer says stop while choosing the delivery, then nothing is reported',
    user: 'demo',
    steps: [
      ['you guys delivered the wrong product', { awaiting: 'order' }],
      ['stop', { awaiting: null, says: /Nothing was reported/ }],
    ],
    escalation: null,
  },
  {
    name: 'when the customer asks about another order in the middle, then Smile answers and comes back to the report',
    user: 'demo',
    steps: [
      ['the courier left my box at the wrong house', { awaiting: 'order' }],
      ['wait, where are my wipes?', { says: /Pampers[\s\S]*Back to your delivery problem report/, awaiting: 'order' }],
      ['the diapers one', { awaiting: 'description', says: /Where was/ }],
      ['Nothing to add', { awaiting: 'confirmation', says: /Problem: Wrong place/ }],
      ['yes', { says: /Reported as urgent/ }],
    ],
    escalation: { problem: 'wrong_place', shipment: 'shp-1001', leftAt: 'Front door' },
  },
  {
    name: 'when the customer asks where an order is while Smile waits for what happened, then the question is answered, not filed as the account',
    user: 'demo',
    steps: [
      ['the diapers box came crushed and wet', { awaiting: 'description' }],
      ["where's my stuff?", { says: /Pampers[\s\S]*Back to your delivery problem report/, awaiting: 'description' }],
      ['the box was soaked through', { awaiting: 'confirmation', not: /where's my stuff/ }],
      ['yes', { says: /Reported as urgent/ }],
    ],
    escalation: { problem: 'damaged', shipment: 'shp-1001', description: /crushed and wet \/ the box was soaked through$/, leftAt: 'Front door' },
  },
  {
    name: 'when the same "yes" arrives twice (a retried message), then it is answered once and reported once',
    user: 'demo',
    steps: [
      ['my package was marked delivered yesterday and never showed up, it had the detergent', { awaiting: 'description' }],
      ['Nothing to add', { awaiting: 'confirmation' }],
      ['yes', { says: /Reported as urgent/ }, 'same-yes'],
      ['yes', { says: /Reported as urgent/ }, 'same-yes'],
    ],
    escalation: { problem: 'not_received', shipment: 'shp-1002', leftAt: 'Front door' },
  },
  {
    name: '배송 완료로 나오는데 물건이 없으면 어느 건인지 묻고, 배송 완료 기록을 알려 준 뒤 설명을 받아 긴급 건으로 접수한다',
    user: 'demo-ko',
    steps: [
      ['택배가 배송 완료로 떠 있는데 집 앞에 아무것도 없어요', { awaiting: 'order' }],
      ['운동화 주문이요', { awaiting: 'description', says: /배송 완료 시각: 11월 13일\(금\) 오후 1시\n배송 위치: 현관 앞/ }],
      [
        '경비실이랑 옆집에도 물어봤는데 없대요',
        { awaiting: 'confirmation', says: /접수 내용: 상품 미수령[\s\S]*이대로 고객지원팀에 긴급 건으로 접수할까요\?/ },
      ],
      [
        '네',
        {
          awaiting: null,
          says: /긴급 건으로 접수했어요\.\n상담 접수번호: [0-9A-F]{16}\n답변 예정: 11월 23일\(월\) 새벽 5시 15분까지/,
          // No English word; the case number's capital hex letters ("…BEC7A…") are not one.
          not: /(?=[A-Za-z]{3,})[A-Za-z]*[a-zG-Z]/,
        },
      ],
    ],
    escalation: { problem: 'not_received', shipment: 'shp-2002', description: /경비실/, leftAt: '현관 앞' },
  },
  {
    name: '무엇이 파손됐는지 묻는 중에 "물티슈 언제 와요?"라고 물으면 답하고 설명 질문으로 돌아온다',
    user: 'demo-ko',
    steps: [
      ['기저귀 상자가 완전히 찌그러져서 왔어요', { awaiting: 'description' }],
      ['물티슈 언제 와요?', { says: /물티슈[\s\S]*배송 문제 접수/, awaiting: 'description' }],
      ['그만', { awaiting: null, says: /배송 문제는 접수하지 않았어요/ }],
    ],
    escalation: null,
  },
  {
    name: '상자가 찌그러져 왔다고 하고 "없어요"로 넘긴 다음 "아니요"라고 하면 아무것도 접수하지 않는다',
    user: 'demo-ko',
    steps: [
      ['기저귀 상자가 완전히 찌그러져서 왔어요', { awaiting: 'description', says: /파손/ }],
      ['없어요', { awaiting: 'confirmation', says: /접수 내용: 상품 파손\n/ }],
      ['아니요', { awaiting: null, says: /배송 문제는 접수하지 않았어요/ }],
    ],
    escalation: null,
  },
  {
    name: '다른 곳에 놓였다고 했다가 확인 단계에서 다른 상품이 온 거라고 고치면 고친 내용으로 접수한다',
    user: 'demo-ko',
    steps: [
      ['택배를 엉뚱한 곳에 두고 가셨어요', { awaiting: 'order' }],
      ['운동화', { awaiting: 'description' }],
      ['없어요', { awaiting: 'confirmation', says: /접수 내용: 다른 장소로 배송\n/ }],
      ['아 그게 아니라 다른 상품이 왔어요', { awaiting: 'confirmation', says: /접수 내용: 다른 상품 배송\n/ }],
      ['네', { says: /긴급 건으로 접수했어요/ }],
    ],
    escalation: { problem: 'wrong_item', shipment: 'shp-2002', leftAt: '현관 앞' },
  },
  {
    name: '배송 사고를 접수하다가 물티슈가 언제 오는지 물으면 답하고 접수로 돌아오며, "그만"이면 아무것도 접수하지 않는다',
    user: 'demo-ko',
    steps: [
      ['배송 사고 접수해 주세요', { awaiting: 'order' }],
      ['물티슈 언제 와요?', { says: /물티슈[\s\S]*배송 문제 접수/, awaiting: 'order' }],
      ['두 번째', { awaiting: 'problem', says: /어떤 문제가 있었나요\?/ }],
      ['그만', { awaiting: null, says: /배송 문제는 접수하지 않았어요/ }],
    ],
    escalation: null,
  },
];

describe('reporting a delivery problem over POST /v1/chat (issue 12, item 5)', () => {
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

  const state = async (user: string) => ({
    orders: (await get(smile, `/sandbox/commerce/v1/customers/${user}/orders`)).orders,
    shipments: (await get(smile, `/sandbox/logistics/v1/shipments?customerId=${user}`)).shipments,
    returns: (await get(smile, `/sandbox/logistics/v1/returns?customerId=${user}`)).returns,
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const before = await state(c.user);
    const conversationId = `problem-${Math.random().toString(36).slice(2)}`;
    let n = 0;
    for (const [text, exp, messageId] of c.steps) {
      const res = await post(smile, '/v1/chat', { userId: c.user, text, conversationId, messageId: messageId ?? `m${++n}` });
      expect(res.status, text).toBe(200);
      const r = res.json as ChatReply;
      const where = `after "${text}": ${allText(r)} ${JSON.stringify(r.state)}`;
      if (exp.awaiting !== undefined) expect(r.state.awaiting, where).toBe(exp.awaiting);
      if (exp.says) expect(allText(r), where).toMatch(exp.says);
      if (exp.not) expect(allText(r).replace(/esc-[0-9a-f]+/g, ''), where).not.toMatch(exp.not);
    }
    // Reporting changes nothing at the shop: a person decides on a replacement or refund.
    expect(await state(c.user)).toEqual(before);
    const esc: Escalation | null = await smile.support.openFor(conversationId);
    if (!c.escalation) {
      expect(esc).toBeNull();
      return;
    }
    expect(esc).toMatchObject({ reason: 'delivery_problem', priority: 'high', intent: 'report_delivery_problem', customerId: c.user });
    expect(esc!.delivery).toMatchObject({ problem: c.escalation.problem, shipment: { id: c.escalation.shipment, status: 'delivered' } });
    expect(esc!.delivery!.proofOfDelivery).toMatchObject({
      leftAt: c.escalation.leftAt,
      method: 'photo',
      photoUrl: expect.stringMatching(/^https:/),
    });
    if (c.escalation.description) expect(esc!.delivery!.description).toMatch(c.escalation.description);
    // The agent's summary carries the shipment and the courier's record.
    expect(esc!.summary).toContain(c.escalation.shipment);
    expect(esc!.summary).toContain(c.escalation.leftAt);
    // One report, however often it was confirmed.
    expect((await smile.store.escalations.list({})).filter((e) => e.conversationId === conversationId)).toHaveLength(1);
  });
});

describe('reporting a delivery problem on KakaoTalk and by voice', () => {
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

  it('KakaoTalk: 파손 신고를 고르고, 설명하고, 네 하면 긴급 건으로 접수되고 버튼은 서로 구별된다', async () => {
    const first = (await post(smile, '/kakao/skill', kakaoRequest('배송 문제 신고할게요'))).json;
    const labels: string[] = first.template.quickReplies.map((q: any) => q.label);
    expect(new Set(labels).size).toBe(labels.length);
    await post(smile, '/kakao/skill', kakaoRequest('운동화'));
    const described = (await post(smile, '/kakao/skill', kakaoRequest('상품이 파손됐어요'))).json;
    expect(kakaoTexts(described)).toMatch(/파손됐는지/);
    expect(
      (await post(smile, '/kakao/skill', kakaoRequest('박스 모서리가 찢어지고 신발 앞코가 눌렸어요'))).json.template.quickReplies.map(
        (q: any) => q.label,
      ),
    ).toEqual(['네', '아니요']);
    expect(kakaoTexts((await post(smile, '/kakao/skill', kakaoRequest('네'))).json)).toMatch(/긴급 건으로 접수했어요/);
    const reported = (await smile.store.escalations.list({})).filter((e) => e.channel === 'kakao' && e.delivery);
    expect(reported).toHaveLength(1);
    expect(reported[0]).toMatchObject({ priority: 'high', delivery: { problem: 'damaged', shipment: { id: 'shp-2002' } } });
  });

  it('Alexa: "report a problem" with the shoes, "damaged", "yes" — reported, and a person calls back at the profile number', async () => {
    const ask = async (request: Record<string, unknown>) =>
      (await post(smile, '/alexa', envelope(request, { session: 'problem', token: 'demo-token' }))).json;
    expect(spoken(await ask(intentRequest('ReportProblemIntent', { product: 'running shoes' })))).toMatch(/What went wrong/);
    expect(spoken(await ask(intentRequest('ChooseOptionIntent', { choice: 'damaged' })))).toMatch(/Problem: Damaged|Damaged/);
    expect(spoken(await ask(intentRequest('AMAZON.YesIntent')))).toMatch(/call you at the number ending in .*0142/);
    const reported = (await smile.store.escalations.list({})).filter((e) => e.channel === 'alexa' && e.delivery);
    expect(reported).toHaveLength(1);
    expect(reported[0]).toMatchObject({ priority: 'high', callback: { phone: '+1 408 555 0142' }, delivery: { problem: 'damaged' } });
  });
});
