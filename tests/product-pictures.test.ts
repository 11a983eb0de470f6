import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Smile } from '../app/server.js';
import { botFrameworkChannel } from '../bots/botframework-channel.js';
import { kakaoChannel } from '../bots/kakao-channel.js';
import { present } from '../bots/presentation.js';
import type { Reply } from '../engine/types.js';
import { alexaChannel } from '../skills/alexa-channel.js';
import { conversation, post, startTestSmile } from './helpers.js';

/**
 * Product pictures (issue 18): the commerce API's product data carries each product's SKU and picture; the
 * confirmation, order and return cards and the choices of a product carry them; each channel draws them its way.
 */
const PICTURE = /\/sandbox\/commerce\/v1\/products\/[a-z0-9-]+\/image\.svg$/;
type Product = { sku: string; name: string; imageUrl?: string };
const productsOf = (m: { card?: { products?: Product[] } } | undefined): Product[] => m?.card?.products ?? [];

describe('product pictures through the real routes', () => {
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

  it("when the sandbox's commerce API lists orders, then every item has its picture, which the sandbox serves as an SVG", async () => {
    const { orders } = await (await fetch(`${smile.url}/sandbox/commerce/v1/customers/demo/orders`)).json();
    const items = orders.flatMap((o: { items: Product[] }) => o.items);
    expect(items.length).toBeGreaterThan(0);
    for (const i of items) expect(i.imageUrl).toMatch(PICTURE);
    const res = await fetch(items[0].imageUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(await res.text()).toMatch(/^<svg /);
    const bad = await fetch(`${smile.url}/sandbox/commerce/v1/products/${encodeURIComponent('a b<')}/image.svg`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe('invalid_request');
  });

  it('when an English customer reorders over REST, then the confirmation and the placed order carry the product with its picture', async () => {
    const say = conversation(smile, 'demo', 'pictures-en');
    const ask = await say('reorder two packs of the wipes');
    const [product] = productsOf(ask.messages.at(-1) as never);
    expect(product).toMatchObject({ sku: 'pampers-sens-12', name: 'Pampers Sensitive Baby Wipes, 12 packs' });
    expect(product?.imageUrl).toMatch(PICTURE);
    // A correction keeps the picture on the new confirmation.
    const corrected = await say('make it three');
    expect(productsOf(corrected.messages.at(-1) as never)[0]?.sku).toBe('pampers-sens-12');
    const placed = await say('yes');
    expect(productsOf(placed.messages.find((m) => m.card) as never).map((p) => p.sku)).toEqual(['pampers-sens-12']);
    // The same message again (a duplicated request) answers the same, pictures included.
    const again = await post(smile, '/v1/chat', { userId: 'demo', text: 'yes', conversationId: 'pictures-en', messageId: 'm3' });
    expect(productsOf(again.json.messages.find((m: { card?: unknown }) => m.card))[0]?.imageUrl).toMatch(PICTURE);
  });

  it('when a Korean customer is asked which product, then the choice card has one picture per option, in the same order', async () => {
    const say = conversation(smile, 'demo-ko', 'pictures-ko');
    const which = await say('다시 주문하고 싶어요');
    const last = which.messages.at(-1)!;
    const products = productsOf(last as never);
    expect(last.card?.lines).toEqual([]);
    expect(last.card?.title).toBe('상품 선택');
    expect(products.length).toBeGreaterThan(1);
    expect(products.map((p) => p.name)).toEqual(last.suggestions!.slice(0, products.length));
    for (const p of products) expect(p.imageUrl).toMatch(PICTURE);
    // "Stop" ends it, and nothing is pictured after.
    const stop = await say('그만');
    expect(stop.state.flow).toBeNull();
    expect(stop.messages.every((m) => !m.card)).toBe(true);
  });

  it('when a Korean customer books a return, then the booked card pictures the item returned', async () => {
    const say = conversation(smile, 'demo-ko', 'pictures-return');
    let r = await say('운동화 반품할래');
    for (const answer of ['사이즈가 안 맞아요', '편의점에 맡길게요']) {
      if (r.state.awaiting === 'confirmation') break;
      r = await say(answer);
    }
    while (r.state.awaiting && r.state.awaiting !== 'confirmation') r = await say(r.messages.at(-1)!.suggestions![0]!);
    const booked = await say('네');
    const card = booked.messages.find((m) => m.card)!.card as { title: string; products?: Product[] };
    expect(card.title).toBe('반품 신청 내용');
    expect(card.products?.[0]).toMatchObject({ sku: 'nike-airmax270-260' });
    expect(card.products?.[0]?.imageUrl).toMatch(PICTURE);
  });

  it('when Bot Framework asks to confirm a reorder, then its hero card shows the picture with the product as alt text', async () => {
    const r = await post(smile, '/api/messages', {
      type: 'message',
      id: 'act-pic-1',
      serviceUrl: 'http://127.0.0.1:9/',
      channelId: 'emulator',
      from: { id: 'demo', name: 'Alex' },
      conversation: { id: 'bf-pictures' },
      recipient: { id: 'smile-bot', name: 'Smile' },
      locale: 'en-US',
      text: 'reorder two packs of the wipes',
      deliveryMode: 'expectReplies',
    });
    expect(r.status).toBe(200);
    const hero = r.json.activities.flatMap((a: { attachments?: unknown[] }) => a.attachments ?? [])[0];
    expect(hero.contentType).toBe('application/vnd.microsoft.card.hero');
    expect(hero.content.images).toEqual([{ url: expect.stringMatching(PICTURE), alt: 'Pampers Sensitive Baby Wipes, 12 packs' }]);
  });

  it('when KakaoTalk asks to confirm a reorder, then its basicCard has the thumbnail; a choice of products pictures each card', async () => {
    const kakao = (utterance: string) => ({
      intent: { id: 'i', name: '폴백 블록' },
      bot: { id: 'smile-bot', name: '스마일' },
      action: { id: 'a', name: 'smile', params: {}, detailParams: {} },
      userRequest: {
        timezone: 'Asia/Seoul',
        utterance,
        lang: 'ko',
        user: { id: 'demo-ko', type: 'botUserKey', properties: {} },
        block: { id: 'b', name: '폴백 블록' },
      },
    });
    const ask = (await post(smile, '/kakao/skill', kakao('물티슈 두 팩 다시 주문해줘'))).json;
    const card = ask.template.outputs.find((o: { basicCard?: unknown }) => o.basicCard).basicCard;
    expect(card.thumbnail).toEqual({ imageUrl: expect.stringMatching(PICTURE), altText: expect.stringContaining('베베숲') });
    await post(smile, '/kakao/skill', kakao('그만'));
    const which = (await post(smile, '/kakao/skill', kakao('다시 주문하고 싶어요'))).json;
    const items = which.template.outputs.find((o: { carousel?: unknown }) => o.carousel).carousel.items as Array<{
      thumbnail?: { imageUrl: string };
    }>;
    expect(items.length).toBeGreaterThan(1);
    for (const item of items) expect(item.thumbnail?.imageUrl).toMatch(PICTURE);
  });
});

describe('product pictures as each channel draws them', () => {
  const base = { conversationId: 'c1', flow: 'reorder', intent: { name: 'reorder', confidence: 0.9 }, locale: 'en-US' } as const;
  const wipes = { sku: 'wipes', name: 'Wipes', imageUrl: 'https://cdn.shop.example/wipes.png' };
  const socks = { sku: 'socks', name: 'Socks' };
  const choice: Reply = {
    ...base,
    awaiting: 'product',
    messages: [{ text: 'Which one?', suggestions: ['Wipes', 'Socks'], card: { title: 'Choose a product', lines: [], products: [wipes, socks] } }],
  };
  const confirm: Reply = {
    ...base,
    awaiting: 'confirmation',
    messages: [{ text: 'Order 2 × Wipes?', suggestions: ['Yes', 'No'], card: { title: 'Your order', lines: ['2 × Wipes'], products: [wipes] } }],
  };

  it('when a choice card has only pictures, then it is no card of its own (a speaker shows none), but its pictures are kept', () => {
    const p = present(choice, alexaChannel.capabilities);
    expect(p.card).toBeNull();
    expect(p.products).toEqual([wipes, socks]);
    expect(JSON.stringify(alexaChannel.render(choice))).not.toContain('cdn.shop.example');
  });

  it('when Bot Framework draws a choice, then a product with a picture has it and one without has none', () => {
    const [activity] = botFrameworkChannel.render(choice) as Array<{ attachments: Array<{ content: { title: string; images?: unknown } }> }>;
    expect(activity!.attachments.map((a) => [a.content.title, a.content.images])).toEqual([
      ['Wipes', [{ url: wipes.imageUrl, alt: 'Wipes' }]],
      ['Socks', undefined],
    ]);
  });

  it('when KakaoTalk draws a confirmation without a picture, then the basicCard has no thumbnail', () => {
    const plain: Reply = {
      ...confirm,
      messages: [{ ...confirm.messages[0]!, card: { title: 'Your order', lines: ['2 × Socks'], products: [socks] } }],
    };
    const card = (kakaoChannel.render(plain) as { template: { outputs: Array<{ basicCard?: Record<string, unknown> }> } }).template.outputs.find(
      (o) => o.basicCard,
    )!.basicCard!;
    expect(card).not.toHaveProperty('thumbnail');
    const pictured = (
      kakaoChannel.render(confirm) as { template: { outputs: Array<{ basicCard?: Record<string, unknown> }> } }
    ).template.outputs.find((o) => o.basicCard)!.basicCard!;
    expect(pictured.thumbnail).toEqual({ imageUrl: wipes.imageUrl, altText: 'Wipes' });
  });
});
