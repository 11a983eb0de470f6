import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Smile } from '../../app/server.js';
import { chromiumAvailable, launchChromium } from '../browser.js';
import { startTestSmile } from '../helpers.js';

const csp = (res: Response): Map<string, string> =>
  new Map(
    (res.headers.get('content-security-policy') ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name!, sources.join(' ')]),
  );

describe('security headers (helmet) on the pages and the API', () => {
  let smile: Smile;
  let framed: Smile;
  beforeAll(async () => {
    smile = await startTestSmile();
    framed = await startTestSmile({ SMILE_FRAME_ANCESTORS: "'self' https://shop.example" });
  });
  afterAll(async () => {
    await smile.close();
    await framed.close();
  });

  it.each(['/', '/agent', '/healthz', '/v1/conversations/rest:x/messages?userId=demo'])(
    'when %s is fetched, then CSP without unsafe-inline, frame-ancestors self, nosniff and no-referrer come with it',
    async (path) => {
      const res = await fetch(`${smile.url}${path}`);
      const policy = csp(res);
      expect(policy.get('default-src')).toBe("'self'");
      expect(policy.get('script-src')).toBe("'self'");
      expect(policy.get('style-src')).toBe("'self'");
      expect(res.headers.get('content-security-policy')).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(policy.get('frame-ancestors')).toBe("'self'");
      expect(policy.get('object-src')).toBe("'none'");
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-powered-by')).toBeNull();
    },
  );

  it('when SMILE_FRAME_ANCESTORS names a shop, then frame-ancestors allows it and X-Frame-Options steps aside', async () => {
    const res = await fetch(`${framed.url}/`);
    expect(csp(res).get('frame-ancestors')).toBe("'self' https://shop.example");
    expect(res.headers.get('x-frame-options')).toBeNull();
  });

  describe.skipIf(!chromiumAvailable)('in Debian chromium', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchChromium();
    }, 60_000);
    afterAll(async () => {
      await browser?.close();
    });

    it.each([
      ['/', '#smile-launcher'],
      ['/agent', '#username'],
    ])('when %s loads, then its script and style run and the CSP reports no violation', async (path, field) => {
      const page = await browser.newPage();
      const violations: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
      });
      await page.goto(`${smile.url}${path}`);
      // The page's script ran (it fills the placeholder or asks who is signed in) and its style applied.
      // On /, the embed's script (a static file) added the launcher and the panel's own page loaded in its frame.
      if (path === '/') {
        await page.locator(field).click();
        await expect.poll(() => page.frameLocator('#smile-panel iframe').locator('.row.bot').count()).toBe(1);
      } else await expect.poll(() => page.locator('#login').isVisible()).toBe(true);
      expect(await page.evaluate(() => getComputedStyle(document.body).margin)).toBe('0px');
      expect(violations).toEqual([]);
      await page.close();
    });
  });
});
