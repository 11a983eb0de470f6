import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Smile } from '../app/server.js';
import { allText, get, post, startTestSmile, type ChatReply } from './helpers.js';

// Issue 10's conversations, in our own words, over POST /v1/chat: a channel hint that disagrees with the text, a chosen
// language that holds, a question about an order in the middle of a return, help in the middle of a flow, and a
// handoff that is never silent.
describe('understanding in conversation, over POST /v1/chat', () => {
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

  let n = 0;
  const chat =
    (userId: string, conversationId: string, locale?: 'en-US' | 'ko-KR') =>
    async (text: string): Promise<ChatReply> => {
      const r = await post(smile, '/v1/chat', { userId, text, conversationId, messageId: `u${++n}`, ...(locale ? { locale } : {}) });
      expect(r.status, JSON.stringify(r.json)).toBe(200);
      return r.json as ChatReply;
    };

  it('when a Korean customer writes Korean on a channel that says en-US, then the message is read and answered in Korean', async () => {
    const say = chat('demo-ko', 'hint-ko', 'en-US');
    const r = await say('물티슈 지금 어디쯤이에요?');
    expect(allText(r)).toMatch(/베베숲 물티슈[\s\S]*배송 상태: 배송 중/);
    expect(allText(r)).not.toMatch(/Sorry|didn't/);
  });

  it('when an English customer writes English on a channel that says ko-KR, then the answer is in English', async () => {
    const r = await chat('demo', 'hint-en', 'ko-KR')('where are my wipes?');
    expect(allText(r)).toMatch(/Pampers Sensitive Baby Wipes.*shipped/);
  });

  it('when the customer asks for Korean, then later English sentences are still answered in Korean until they ask for English', async () => {
    const say = chat('demo', 'switch-ko');
    expect(allText(await say('can we do this in korean?'))).toMatch(/한국어로 안내해 드릴게요/);
    expect(allText(await say('where is my toothbrush order'))).toMatch(/Philips Sonicare[\s\S]*배송 상태: 상품 준비 중/);
    expect(allText(await say('ok'))).toMatch(/[가-힣]/);
    expect(allText(await say('english please'))).toMatch(/I'll speak English/);
  });

  it('when a Korean conversation gets a one-word Latin answer, then it is taken as the answer and the reply stays Korean', async () => {
    const say = chat('demo-ko', 'ko-ok');
    expect(allText(await say('분유 다시 주문해 줄래요?'))).toMatch(/다시 주문할까요/);
    // "ok" answers the confirmation (yes), and the answer stays Korean.
    const r = await say('ok');
    expect(r.state.flow).toBeNull();
    expect(allText(r)).toMatch(/주문을 완료했어요/);
  });

  it('when a message is plainly about something else (a bank card, a dentist, the weather), then Smile says what it is for, in that language, and nothing starts', async () => {
    const lines = ["my bank card still hasn't come in the post", 'can you push my dentist appointment to next week', "what's the weather tomorrow"];
    for (const [i, text] of lines.entries()) {
      const r = await chat('demo', `elsewhere-en-${i}`)(text);
      expect(r.state, text).toEqual({ flow: null, awaiting: null });
      expect(allText(r), text).toMatch(/not something this shop handles/);
      expect(allText(r), text).not.toMatch(/didn't get that/);
    }
    const ko = chat('demo-ko', 'elsewhere-ko');
    const r = await ko('치과 예약 다음 주로 미뤄 줘');
    expect(r.state).toEqual({ flow: null, awaiting: null });
    expect(allText(r)).toMatch(/도와드리기 어려워요/);
    // Another message about something else is answered the same way: it was understood, so it is no reason to hand the
    // chat to a person (who could not help with the weather either); the button to reach one stays.
    const second = await ko('오늘 날씨 어때');
    expect(second.state).toEqual({ flow: null, awaiting: null });
    expect(allText(second)).toMatch(/도와드리기 어려워요/);
    expect(second.messages.at(-1)?.suggestions).toEqual(['상담원 연결']);
  });

  it('when "ok", "yes" or "no" comes with nothing asked, then it is acknowledged in the conversation\'s language and nothing happens', async () => {
    const orders = async (): Promise<number> => ((await get(smile, '/sandbox/commerce/v1/customers/demo/orders')) as unknown[]).length;
    const before = await orders();
    const en = chat('demo', 'ack-en');
    await en('where are my wipes?');
    for (const text of ['ok', 'yes', 'no']) {
      const r = await en(text);
      expect(allText(r), text).toMatch(/^Okay\. Anything else/);
      expect(r.state).toEqual({ flow: null, awaiting: null });
    }
    expect(await orders()).toBe(before);
    const ko = chat('demo-ko', 'ack-ko');
    await ko('물티슈 어디쯤 왔어요?');
    for (const text of ['ok', '네', '응응']) expect(allText(await ko(text)), text).toMatch(/^네, 더 필요한 게 있으면/);
  });

  it('when the customer asks "how much is that?" / "얼마예요?" at a confirmation, then the details are said again and "go ahead" places it once', async () => {
    const orders = async (u: string): Promise<number> => ((await get(smile, `/sandbox/commerce/v1/customers/${u}/orders`)) as any).orders.length;
    const before = await orders('demo');
    const en = chat('demo', 'price-en');
    await en('i need more wipes');
    expect(allText(await en('make it 3 packs'))).toMatch(/3 × Pampers.*\$74\.97/);
    const again = await en('how much is that?');
    expect(again.state).toEqual({ flow: 'reorder', awaiting: 'confirmation' });
    expect(allText(again)).toMatch(/Here are the details again:[\s\S]*\$74\.97[\s\S]*Shall I place the order\?/);
    expect(allText(await en('ok go ahead'))).toMatch(/your order is placed \(order number [0-9A-F]{8}, \$74\.97\)/);
    expect(await orders('demo')).toBe(before + 1);

    const ko = chat('demo-ko', 'price-ko');
    await ko('분유 다시 주문해 줘');
    const r = await ko('얼마예요?');
    expect(r.state).toEqual({ flow: 'reorder', awaiting: 'confirmation' });
    expect(allText(r)).toMatch(/내용을 다시 알려 드릴게요[\s\S]*결제 금액: 상품 29,900원 \+ 배송비 3,000원 = 32,900원[\s\S]*다시 주문할까요\?/);
    expect((await ko('아니요')).state.flow).toBeNull();
  });

  // Whole classes of sentence the model had missed, in our own words: a no about one time next to another, chat
  // shorthand, another shop's order (nothing may start).
  it.each([
    ['demo', 'no, not tomorrow morning; tomorrow evening works better for the wipes', 'change_delivery_slot', /6 PM – 9 PM\?/],
    ['demo-ko', '물티슈 내일 오전 말고 내일 저녁에 받을게요', 'change_delivery_slot', /오후 6시~밤 9시[\s\S]*바꿀까요/],
    ['demo', 'pls cncl the toothbrush heads', 'cancel_order', /Cancel .*Sonicare/],
    ['demo-ko', '물티슈 배송 일욜로 ㄱㄴ?', 'change_delivery_slot', /베베숲 물티슈/],
    ['demo', 'my amazon parcel is running late, what do I do', null, /not something this shop handles/],
    ['demo-ko', '쿠팡에서 산 거 취소해 줘', null, /도와드리기 어려워요/],
  ] as const)('when %s writes "%s", then the flow is %s', async (user, text, flow, said) => {
    const r = await chat(user, `class-${user}-${Buffer.from(text).toString('base64url').slice(-40)}`)(text);
    expect(r.state.flow, allText(r)).toBe(flow);
    expect(allText(r)).toMatch(said);
  });

  it('when the customer asks where an order is in the middle of a return, then the order answers and the return resumes', async () => {
    const say = chat('demo', 'return-digress');
    expect((await say('I need to send back the running shoes')).state.awaiting).toBe('reason');
    const r = await say('hold on, where is my wipes order?');
    expect(allText(r)).toMatch(/Pampers Sensitive Baby Wipes.*shipped.*Back to your return/);
    expect(allText(r)).not.toMatch(/Source:/);
    expect(r.state.awaiting).toBe('reason');
  });

  it('when the customer asks for help while Smile waits for a window, then it explains how to answer and keeps the question', async () => {
    const say = chat('demo-ko', 'help-window');
    expect((await say('배송 주말로 바꾸고 싶어요')).state.awaiting).toBe('order');
    const r = await say('도움말');
    expect(r.state.awaiting).toBe('order');
    expect(allText(r)).toMatch(/주문을 고르시거나/);
  });

  it('when a customer waits for a person, then every message gets a receipt: the queue position once, then a short one', async () => {
    const say = chat('demo', 'handoff-receipt');
    const asked = await say('I want to talk to a real person please');
    expect(asked.handoff?.status).toBe('queued');
    const first = await say('my wipes never came');
    expect(allText(first)).toMatch(/number 1 in the queue/);
    expect(first.state.flow).toBe('human_handoff');
    const second = await say('hello? anyone there?');
    expect(allText(second)).toBe('Sent to our support team.');
  });

  it('when a Korean customer waits for a person, then the receipt is in Korean', async () => {
    const say = chat('demo-ko', 'handoff-receipt-ko');
    expect((await say('상담원 연결해 주세요')).handoff?.status).toBe('queued');
    expect(allText(await say('물티슈가 아직 안 왔어요'))).toMatch(/대기 순서는 1번이에요/);
  });

  it('when one message holds two requests, then the first is done, Smile says it will do the second, and does it', async () => {
    const say = chat('demo', 'two-requests');
    const first = await say('cancel the toothbrush heads and then tell me where my wipes are');
    expect(first.state.awaiting).toBe('confirmation');
    // The reply still ends on its question: the promise to do the rest comes first.
    expect(allText(first)).toMatch(/After this, I'll take care of your other request.*Cancel .*Sonicare.*\(order number \d+\).*\?/);
    const done = await say('yes');
    expect(allText(done)).toMatch(/cancelled.*Now your other request:.*Pampers Sensitive Baby Wipes.*shipped/);
  });

  it('when a Korean message holds two requests, then both are done in order', async () => {
    const say = chat('demo-ko', 'two-requests-ko');
    const first = await say('신라면 주문 취소하고 나서 물티슈 어디쯤 왔는지 알려줘');
    expect(first.state.awaiting).toBe('confirmation');
    expect(allText(first)).toMatch(/나머지 요청도[\s\S]*신라면[\s\S]*취소할까요\?$/);
    expect(allText(await say('네'))).toMatch(/취소[\s\S]*이어서 다른 요청을[\s\S]*베베숲 물티슈[\s\S]*배송 중/);
  });

  it('when one message moves a delivery and gives the courier a note, then both are confirmed and done, one after the other', async () => {
    const say = chat('demo', 'move-and-note');
    const first = await say('please send my baby wipes to the office, and tell the driver to knock instead of ringing');
    expect(allText(first)).toMatch(/Office instead\?$/);
    const moved = await say('yes');
    expect(allText(moved)).toMatch(/delivered to Office.*Now your other request:.*Knock instead of ringing.*\?$/);
    expect(allText(await say('yes'))).toMatch(/Saved/);
    const shipment = await get(smile, '/sandbox/logistics/v1/shipments/shp-1003');
    expect(shipment.place.type).toBe('office');
    expect(shipment.instructions).toMatch(/Knock instead of ringing/);
  });

  it('when a Korean message moves a delivery and gives a note, then the place is not taken into the note', async () => {
    const say = chat('demo-ko', 'move-and-note-ko');
    const first = await say('물티슈는 회사로 보내 주고 초인종은 누르지 말아 주세요');
    expect(allText(first)).toMatch(/새 배송지: 회사[\s\S]*바꿀까요\?$/);
    const moved = await say('네');
    expect(allText(moved)).toMatch(/이어서 다른 요청을[\s\S]*배송 요청사항: 초인종은 누르지 말아 주세요[\s\S]*저장할까요\?$/);
    expect(allText(await say('아니요'))).not.toMatch(/저장했어요/);
    const shipment = await get(smile, '/sandbox/logistics/v1/shipments/shp-2003');
    expect(shipment.place.type).toBe('office');
    expect(shipment.instructions ?? '').not.toMatch(/초인종/);
  });
});
