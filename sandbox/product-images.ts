import { createHash } from 'node:crypto';
import express, { type Request, type RequestHandler, type Router } from 'express';

/** Soft, light backgrounds with a dark ink for each: the initials on them pass WCAG AA contrast. */
const PALETTE: Array<[string, string]> = [
  ['#dbeafe', '#1e3a8a'],
  ['#dcfce7', '#14532d'],
  ['#fef3c7', '#78350f'],
  ['#fce7f3', '#831843'],
  ['#ede9fe', '#4c1d95'],
  ['#e0f2fe', '#0c4a6e'],
];

/**
 * The sandbox's product pictures: GET /products/:sku/image.svg draws a simple package (a colour from the SKU and its
 * first letters) so the chat's cards and the demo shop have pictures without downloading any.
 */
export function productImageSvg(sku: string): string {
  const digest = createHash('sha256').update(sku).digest();
  const [bg, ink] = PALETTE[(digest[0] ?? 0) % PALETTE.length]!;
  const letters = sku
    .split('-')
    .slice(0, 2)
    .map((p) => p[0]?.toUpperCase() ?? '')
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 96 96" width="96" height="96" role="img" aria-label="${letters}">
<rect width="96" height="96" rx="14" fill="${bg}"/>
<rect x="22" y="26" width="52" height="48" rx="6" fill="#ffffff" stroke="${ink}" stroke-width="3"/>
<path d="M22 40h52" stroke="${ink}" stroke-width="3"/>
<text x="48" y="64" font-family="system-ui, sans-serif" font-size="18" font-weight="700" text-anchor="middle" fill="${ink}">${letters}</text>
</svg>`;
}

export function productImages(): Router {
  const router = express.Router();
  router.get('/products/:sku/image.svg', (req, res) => {
    const sku = req.params.sku;
    if (!/^[a-z0-9_-]{1,64}$/i.test(sku)) {
      res.status(400).json({ error: { code: 'invalid_request', message: 'sku: letters, digits, - and _ only' } });
      return;
    }
    res.type('image/svg+xml').set('cache-control', 'public, max-age=86400').send(productImageSvg(sku));
  });
  return router;
}

/** Where the sandbox's pictures are, as its callers reach it: the public address when one is set, else the request's own. */
export const imageBaseOf = (req: Request, publicUrl?: () => string): string =>
  publicUrl?.() ? `${publicUrl()}${req.baseUrl}` : `${req.protocol}://${req.get('host') ?? 'localhost'}${req.baseUrl}`;

/** Adds `imageUrl` to every product-like object (an order's item, a catalogue product) of a JSON body that has none. */
export function pictured(body: unknown, base: string, depth = 0): unknown {
  if (depth > 6 || body === null || typeof body !== 'object') return body;
  if (Array.isArray(body)) return body.map((x) => pictured(x, base, depth + 1));
  const o = body as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) out[k] = pictured(v, base, depth + 1);
  const product = typeof o.sku === 'string' && typeof o.name === 'string' && typeof o.unitPrice === 'number' && !('everyDays' in o);
  if (product && o.imageUrl === undefined && /^[a-z0-9_-]{1,64}$/i.test(o.sku as string)) {
    out.imageUrl = `${base}/products/${encodeURIComponent(o.sku as string)}/image.svg`;
  }
  return out;
}

/**
 * The sandbox's commerce API serves each product with its picture, as a shop's API would: a middleware that fills
 * `imageUrl` in its JSON answers (orders' items, catalogue products), pointing at the route above.
 */
export function productImageUrls(publicUrl?: () => string): RequestHandler {
  return (req, res, next) => {
    const json = res.json.bind(res);
    res.json = (body: unknown) => json(pictured(body, imageBaseOf(req, publicUrl)));
    next();
  };
}
