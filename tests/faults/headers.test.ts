import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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

/**
 * Every HTML page Smile serves, by the source file that renders it: the web chat's shop page and its framed panel, the
 * agent console, the account-linking pages (a refused link; a completed one is the same template) and the sandbox
 * shop's sign-in page. The last test checks this list against the source, so a new page cannot be left out.
 */
const PAGES = (base: string): Array<{ path: string; source: string }> => [
  { path: '/', source: 'bots/web-chat.ts' },
  { path: '/embed/chat', source: 'bots/web-chat.ts' },
  { path: '/embed/chat?locale=ko', source: 'bots/web-chat.ts' },
  { path: '/agent', source: 'support/console.ts' },
  { path: '/link/not-a-state', source: 'app/account-linking.ts' },
  { path: '/link/callback?state=unknown', source: 'app/account-linking.ts' },
  {
    path: `/sandbox/idp/v1/authorize?${new URLSearchParams({
      response_type: 'code',
      client_id: 'smile-sandbox',
      redirect_uri: `${base}/link/callback`,
      state: 'headers-test',
      code_challenge: 'A'.repeat(43),
      code_challenge_method: 'S256',
    }).toString()}`,
    source: 'sandbox/identity.ts',
  },
];
const PAGE_PATHS = PAGES('http://127.0.0.1').map((p) => p.path.split('?')[0]!.replace(/^\/sandbox\/idp.*/, '/sandbox/idp/v1/authorize'));

/**
 * What would need 'unsafe-inline' to run: a script element with a body (a JSON data block is not run), a style element
 * or attribute, an on* handler, a javascript: URL.
 */
const INLINE = /<script(?![^>]*\bsrc=)(?![^>]*\btype="application\/json")[^>]*>|<style\b|\sstyle\s*=|\son[a-z]+\s*=|javascript:/i;

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

  it.each([...new Set(PAGE_PATHS), '/healthz', '/v1/conversations/rest:x/messages?userId=demo', '/web/chat.js', '/no-such-page'])(
    'when %s is fetched, then CSP without unsafe-inline, frame-ancestors self, nosniff and no-referrer come with it',
    async (name) => {
      const path = PAGES(smile.url).find((p) => p.path.split('?')[0] === name)?.path ?? name;
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

  it('when SMILE_FRAME_ANCESTORS names a shop, then frame-ancestors allows it on every page and X-Frame-Options steps aside', async () => {
    for (const { path } of PAGES(framed.url)) {
      const res = await fetch(`${framed.url}${path}`);
      expect(csp(res).get('frame-ancestors'), path).toBe("'self' https://shop.example");
      expect(res.headers.get('x-frame-options'), path).toBeNull();
    }
  });

  it('when each HTML page is read, then it is HTML with nothing inline that the CSP would have to allow', async () => {
    for (const { path } of PAGES(smile.url)) {
      const res = await fetch(`${smile.url}${path}`);
      expect(res.headers.get('content-type'), path).toMatch(/^text\/html/);
      const html = await res.text();
      expect(html, path).toMatch(/<!doctype html>/i);
      expect(INLINE.exec(html)?.[0], path).toBeUndefined();
    }
  });

  it('when the source renders HTML, then that page is in the list above (no page is left unchecked)', () => {
    const renders = new Map<string, number>();
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const file = join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (/(?<!\.test)\.ts$/.test(entry.name) && /\.type\(\s*'html'\s*\)|text\/html/.test(readFileSync(file, 'utf8'))) renders.set(file, 1);
      }
    };
    for (const dir of ['app', 'bots', 'support', 'sandbox', 'skills', 'integrations', 'engine']) walk(dir);
    const listed = new Set(PAGES('http://x').map((p) => p.source));
    expect([...renders.keys()].sort()).toEqual([...listed].sort());
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

    it('when every other HTML page loads, then the CSP reports no violation', async () => {
      for (const { path } of PAGES(smile.url).filter((p) => !['/', '/agent'].includes(p.path))) {
        const page = await browser.newPage();
        const violations: string[] = [];
        page.on('console', (m) => {
          if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
        });
        await page.goto(`${smile.url}${path}`, { waitUntil: 'load' });
        expect(violations, path).toEqual([]);
        await page.close();
      }
    });
  });
});
