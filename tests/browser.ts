import { expect } from 'vitest';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';

/** Debian's chromium, never a downloaded browser; browser tests skip with one line when it is absent. */
export const CHROMIUM = '/usr/bin/chromium';
export const chromiumAvailable = existsSync(CHROMIUM);

export function noteSkipped(what: string): void {
  if (!chromiumAvailable) console.log(`${what} browser test skipped — Debian chromium is not installed at ${CHROMIUM} (.ci/run installs it)`);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export const DESKTOP = { width: 1280, height: 720 };
export const PHONE = { width: 390, height: 844 };

/** Screenshots for review, kept by CI as artefacts (git-ignored). */
export const SCREENSHOTS = 'artifacts/screenshots';
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png` });
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[] }>;
}

/**
 * axe-core's WCAG 2.x A/AA rules run inside the page or frame (evaluated through the DevTools protocol, so the page's
 * Content-Security-Policy does not stop it); the serious and critical findings are returned.
 */
export async function seriousViolations(target: Page | Frame): Promise<AxeViolation[]> {
  await target.evaluate(AXE);
  const violations = await target.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** A plain page on its own origin (another port on loopback) standing in for a shop's site that is not Smile's. */
export async function startOtherSite(html: (url: URL) => string): Promise<{ origin: string; close(): Promise<void> }> {
  let origin = '';
  const server: Server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html(new URL(req.url ?? '/', origin)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://localhost:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * expect.poll with room for a browser on a loaded machine: a page's live updates (SSE, then a redraw) can take longer
 * than vitest's default second when two cores run the whole suite.
 */
export const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 10_000 });
