import { createHash } from 'node:crypto';
import express, { type Router } from 'express';

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
