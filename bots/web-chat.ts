import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import express, { type Request, type Router } from 'express';
import { z } from 'zod';
import type { Order } from '../domain/commerce.js';
import { AppError, invalidRequest } from '../domain/errors.js';
import { Locale } from '../domain/locale.js';
import { OPEN_STATUSES } from '../domain/orders.js';
import { reorderSuggestions } from '../engine/suggestions.js';
import { say, type FixedKeysOf } from '../prompts/index.js';
import type { ChannelPort } from './channel-port.js';
import { verifyShopToken } from './rest.js';

/** The web chat's static files (web/): the embed loader, the chat panel's script and styles, the demo shop's. */
export const WEB_ASSETS = fileURLToPath(new URL('../web/', import.meta.url));

/** Every label the panel shows, from the prompt catalogue, in both languages (the panel switches with the reply). */
const LABEL_KEYS = [
  'web.launcher',
  'web.title',
  'web.close',
  'web.log',
  'web.input',
  'web.placeholder',
  'web.send',
  'web.typing',
  'web.failed',
  'web.retry',
  'web.suggestions',
  'web.you',
  'web.bot',
  'web.new',
  'web.notice',
  'agent.unnamed',
] as const satisfies ReadonlyArray<FixedKeysOf<'web.'> | 'agent.unnamed'>;

export function labels(locale: Locale): Record<string, string> {
  return Object.fromEntries(LABEL_KEYS.map((k) => [k, say(locale, k)]));
}

/** JSON inside an HTML data block: `<` escaped so no value can close the block. */
const inHtml = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

/**
 * The panel the embed opens (an iframe on the shop's page, GET /embed/chat): its own origin is Smile's, so it talks
 * to /v1 without CORS, and which sites may frame it is SMILE_FRAME_ANCESTORS (Content-Security-Policy frame-ancestors).
 */
function framePage(locale: Locale): string {
  const lang = locale === 'ko-KR' ? 'ko' : 'en';
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${say(locale, 'web.title')}</title>
<link rel="stylesheet" href="/web/base.css">
<link rel="stylesheet" href="/web/chat.css">
<script type="application/json" id="smile-labels">${inHtml({ 'en-US': labels('en-US'), 'ko-KR': labels('ko-KR') })}</script>
<script src="/web/chat.js" defer></script>
</head>
<body>
<main id="panel">
  <header><img class="avatar" src="/web/smile.svg" alt=""><h1 id="title"></h1><button type="button" id="restart" class="ghost"></button><button type="button" id="close" class="ghost icon"><span aria-hidden="true">×</span></button></header>
  <div id="log" role="log" aria-live="polite" aria-relevant="additions" tabindex="0"></div>
  <div id="typing" hidden><span class="dots" aria-hidden="true"><i></i><i></i><i></i></span><span id="typingText"></span></div>
  <div id="error" role="alert" hidden><span id="errorText"></span><button type="button" id="retry"></button></div>
  <div id="suggestions" role="group"></div>
  <form id="form"><label for="text" id="textLabel" class="sr-only"></label><input id="text" type="text" autocomplete="off" maxlength="2000"><button id="send" type="submit"></button></form>
</main>
</body>
</html>`;
}

/**
 * GET /: a demo shop that puts the chat on its page the way any shop would, with the one script tag. The demo
 * "signed-in customer" is chosen in the page's account menu (the shop's own concern, not the chat's).
 */
export const DEMO_SHOP = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Corner Market — demo shop</title>
<link rel="stylesheet" href="/web/shop.css">
<script src="/web/shop.js" defer></script>
</head>
<body>
<header class="shop"><strong>Corner Market</strong><span class="tag">demo shop · 데모 쇼핑몰</span>
  <label class="account">Signed in as · 로그인 고객
    <select id="customer"><option value="demo">Alex Kim (English)</option><option value="demo-ko">김지은 (한국어)</option></select>
  </label>
</header>
<main class="shop">
  <h1>Everyday essentials, delivered · 생활필수품 배송</h1>
  <p>This page stands in for a shop's own site. The chat in the corner comes from one script tag (see the README, "Put the chat on your site").</p>
  <p lang="ko">이 페이지는 쇼핑몰 사이트 예시예요. 오른쪽 아래 채팅은 스크립트 한 줄로 붙였어요.</p>
  <ul class="products">
    <li><img src="/sandbox/commerce/v1/products/pampers-sens-12/image.svg" alt="" width="96" height="96"><span>Pampers Sensitive Baby Wipes</span></li>
    <li><img src="/sandbox/commerce/v1/products/tide-free-92oz/image.svg" alt="" width="96" height="96"><span>Tide Free &amp; Gentle</span></li>
    <li><img src="/sandbox/commerce/v1/products/bebesup-cap-70-10/image.svg" alt="" width="96" height="96"><span lang="ko">베베숲 물티슈</span></li>
    <li><img src="/sandbox/commerce/v1/products/samdasoo-2l-12/image.svg" alt="" width="96" height="96"><span lang="ko">제주 삼다수 2L</span></li>
  </ul>
</main>
</body>
</html>`;

export interface WebChatOptions {
  port: ChannelPort;
  /** The customer's orders (the commerce API), for the welcome's starter suggestions. */
  orders: (customerId: string) => Promise<Order[]>;
  clock: () => Date;
  jwtSecret?: string;
}

const UserId = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9._:@-]+$/);
const WelcomeQuery = z.object({ userId: UserId.optional(), locale: Locale.optional() });

/** Product names are long ("…, 12 packs"): a starter suggestion names the product, not its pack. */
const shortName = (name: string): string => name.split(', ')[0] ?? name;

export function webChatRouter(options: WebChatOptions): Router {
  const router = express.Router();
  router.get('/', (_req, res) => {
    res.type('html').send(DEMO_SHOP);
  });
  router.get('/embed/chat', (req, res) => {
    const locale = req.query.locale === 'ko' || req.query.locale === 'ko-KR' ? 'ko-KR' : 'en-US';
    res.type('html').send(framePage(locale));
  });
  // The loader's labels come from the catalogue; shops load it cross-origin, so it may be read from anywhere.
  const embedScript = readFileSync(`${WEB_ASSETS}embed.js`, 'utf8').replace(
    /\/\*SMILE_LABELS\*\/ \{[^\n]*\};/,
    `${JSON.stringify({ 'en-US': labels('en-US'), 'ko-KR': labels('ko-KR') })};`,
  );
  router.get('/embed.js', (_req, res) => {
    const script = embedScript;
    res.type('text/javascript').set({ 'cache-control': 'public, max-age=300', 'cross-origin-resource-policy': 'cross-origin' }).send(script);
  });
  router.use('/web', express.static(WEB_ASSETS, { index: false, maxAge: '1h' }));

  // The shop signed the token, so its subject is the customer; an open channel's user is found through its link.
  const customerOf = async (req: Request, userId: string | undefined): Promise<string | null> => {
    if (options.jwtSecret) return verifyShopToken(req.get('authorization'), options.jwtSecret);
    if (!userId) throw new AppError('invalid_request', 'userId: required', 400);
    return (await options.port.links.get('rest', userId))?.customerId ?? null;
  };

  /**
   * GET /v1/web-chat/welcome: the greeting and starter suggestions from what this customer likely needs — an open
   * delivery ("Where is my order?"), what runs low soon ("Reorder …"), then a return and a person. A failing
   * commerce API leaves only the general suggestions: the welcome never fails for it.
   */
  router.get('/v1/web-chat/welcome', async (req, res) => {
    const query = WelcomeQuery.safeParse(req.query);
    if (!query.success) throw invalidRequest(query.error);
    const locale = query.data.locale ?? 'en-US';
    const customerId = await customerOf(req, query.data.userId);
    const orders = customerId ? await options.orders(customerId).catch(() => [] as Order[]) : [];
    const suggestions: string[] = [];
    if (orders.some((o) => OPEN_STATUSES.has(o.status))) suggestions.push(say(locale, 'web.start.where'));
    const low = reorderSuggestions(orders, options.clock()).slice(0, 2);
    for (const s of low) suggestions.push(say(locale, 'web.start.reorder', { product: shortName(s.name) }));
    suggestions.push(say(locale, 'web.start.return'), say(locale, 'suggest.person'));
    res.json({ locale, text: say(locale, 'web.welcome'), suggestions });
  });
  return router;
}
