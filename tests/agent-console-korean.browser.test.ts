import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Smile } from '../app/server.js';
import { consoleLabels, consolePage } from '../support/console.js';
import { chromiumAvailable, DESKTOP, launchChromium, noteSkipped, PHONE, screenshot, seriousViolations, poll } from './browser.js';
import { conversation, startTestSmile } from './helpers.js';

noteSkipped('Korean agent console and sound alerts');

/** The English labels a Korean console must not show: each differing from its Korean, with its fixed words only. */
const ENGLISH = Object.entries(consoleLabels('en-US'))
  .filter(([k, v]) => consoleLabels('ko-KR')[k] !== v)
  .flatMap(([, v]) => v.split(/\{\w+\}/).map((part) => part.trim()))
  .filter((part) => part.length >= 4);

/** Every piece of text an agent sees or hears in the console: own text of each element, aria-labels, placeholders, titles. */
async function labelsShown(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [document.title];
    for (const e of Array.from(document.querySelectorAll('body *'))) {
      // The language switch names each language in itself ("English", "한국어"), as language pickers do.
      if (e.closest('#uiLang') || e.closest('script')) continue;
      for (const n of Array.from(e.childNodes)) if (n.nodeType === Node.TEXT_NODE && n.textContent!.trim()) out.push(n.textContent!.trim());
      for (const a of ['aria-label', 'placeholder', 'title']) if (e.getAttribute(a)) out.push(e.getAttribute(a)!);
    }
    return out;
  });
}

describe('the console stylesheets and labels, without a browser', () => {
  it('when the pages load their styles, then the base rules live once in base.css, linked before each page’s own', () => {
    const base = readFileSync('web/base.css', 'utf8');
    for (const rule of ['\n.sr-only {', '\n:focus-visible {', 'box-sizing: border-box', '\n[hidden] {']) {
      expect(base).toContain(rule);
      expect(readFileSync('web/chat.css', 'utf8')).not.toContain(rule);
      expect(readFileSync('web/console.css', 'utf8')).not.toContain(rule);
    }
    const page = consolePage('ko-KR');
    expect(page.indexOf('/web/base.css')).toBeGreaterThan(0);
    expect(page.indexOf('/web/base.css')).toBeLessThan(page.indexOf('/web/console.css'));
  });

  it('when the console page is made for a Korean agent, then its markup is Korean and carries both languages’ labels', () => {
    const page = consolePage('ko-KR');
    expect(page).toContain('<html lang="ko">');
    expect(page).toContain('<title>스마일 상담원 콘솔</title>');
    expect(Object.keys(consoleLabels('ko-KR')).sort()).toEqual(Object.keys(consoleLabels('en-US')).sort());
    expect(page).not.toMatch(/>Sign in</);
  });
});

describe.skipIf(!chromiumAvailable)('the agent console in Korean, with sound alerts, in chromium', () => {
  let smile: Smile;
  let browser: Browser;
  beforeAll(async () => {
    smile = await startTestSmile({ SMILE_AGENTS: 'minji=박민지:agent:minji-password', SMILE_AGENT_LOCALE: 'ko-KR' });
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await smile?.close();
  });

  const signIn = async (page: Page): Promise<void> => {
    // A page hook counts what the console plays (the audio element's play()), as a person would hear it.
    await page.addInitScript(() => {
      const played: string[] = [];
      (window as unknown as { played: string[] }).played = played;
      HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
        played.push(this.currentSrc || this.src);
        return Promise.resolve();
      };
    });
    await page.goto(`${smile.url}/agent`);
    await page.fill('#username', 'minji');
    await page.fill('#password', 'minji-password');
    await page.click('#login button');
    await page.locator('#app').waitFor();
    // The live stream is open: what happens from now on reaches the page.
    await page.locator('body[data-live="on"]').waitFor();
  };
  const played = (page: Page): Promise<string[]> => page.evaluate(() => (window as unknown as { played: string[] }).played);

  it('when a Korean agent signs in and works a conversation, then no English label is left and times are Korean', async () => {
    const page = await browser.newPage({ viewport: DESKTOP, locale: 'en-US' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // A wrong password is told in Korean too.
    await page.goto(`${smile.url}/agent`);
    await page.fill('#username', 'minji');
    await page.fill('#password', 'wrong-password');
    await page.click('#login button');
    await poll(() => page.textContent('#loginError')).toBe('아이디 또는 비밀번호가 맞지 않아요.');
    expect(await labelsShown(page).then((shown) => shown.filter((s) => ENGLISH.some((e) => s.includes(e))))).toEqual([]);

    await signIn(page);
    expect(await page.getAttribute('html', 'lang')).toBe('ko');
    await poll(() => page.textContent('#queue')).toMatch(/기다리는 고객이 없어요/);
    await conversation(smile, 'demo-ko', 'console-ko')('상담원 연결해 주세요');
    await poll(() => page.locator('#queue .item').count()).toBe(1);
    await poll(() => page.title()).toBe('(1) 스마일 상담원 콘솔');
    await page.locator('#queue .item button').first().click();
    await page.getByRole('button', { name: '담당하기' }).click();
    await page.getByRole('button', { name: '챗봇에 넘기기' }).waitFor();
    await poll(() => page.textContent('#customer')).toMatch(/주문 \(\d+\)/);
    await poll(() => page.locator('#cannedList button').count()).toBeGreaterThan(0);
    // The summary and the canned replies' titles are in the agent's language too.
    expect(await page.textContent('#brief')).toMatch(/요청 내용/);
    expect(await page.locator('#cannedList button').first().textContent()).toBe('첫인사');
    // A time reads as Korean writes it ("11월 23일 오전 5:00").
    expect(await page.textContent('#convHead .meta')).toMatch(/\d+월 \d+일 (오전|오후) \d+:\d\d까지 답변/);
    await screenshot(page, 'console-ko-desktop-conversation');
    expect(await labelsShown(page).then((shown) => shown.filter((s) => ENGLISH.some((e) => s.includes(e))))).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);

    // The switch turns it English (kept across a reload), the draft kept; back to Korean the same way.
    await page.fill('#replyText', '확인해 볼게요');
    await page.selectOption('#uiLang', 'en-US');
    await poll(() => page.getByRole('button', { name: 'Hand back to bot' }).count()).toBe(1);
    expect(await page.inputValue('#replyText')).toBe('확인해 볼게요');
    await poll(() => page.textContent('#brief')).toMatch(/Wants/);
    await page.reload();
    await page.locator('#app').waitFor();
    expect(await page.textContent('#top h1')).toBe('Smile — agent console');
    await page.selectOption('#uiLang', 'ko-KR');
    expect(await page.textContent('#top h1')).toBe('스마일 상담원 콘솔');
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('when sound alerts are off (the default), then nothing plays; turned on, a new conversation and a customer message play the alert', async () => {
    const page = await browser.newPage({ viewport: PHONE });
    await signIn(page);
    expect(await page.getAttribute('#sound', 'aria-pressed')).toBe('false');
    const say = conversation(smile, 'demo-ko', 'console-sound');
    await say('사람이랑 얘기하고 싶어요');
    await poll(() => page.locator('#queue .item.unread').count()).toBeGreaterThan(0);
    expect(await page.title()).toMatch(/^\(\d\) 스마일 상담원 콘솔$/);
    expect(await played(page)).toEqual([]);

    await page.getByRole('button', { name: '알림음' }).click();
    expect(await page.getAttribute('#sound', 'aria-pressed')).toBe('true');
    await say('아직 기다리고 있어요');
    await poll(() => played(page)).toEqual([expect.stringMatching(/\/web\/alert\.wav$/)]);
    await screenshot(page, 'console-ko-phone-queue');
    expect(await seriousViolations(page)).toEqual([]);
    // The choice is the agent's, kept in this browser: off again, nothing more plays.
    await page.getByRole('button', { name: '알림음' }).click();
    await conversation(smile, 'demo', 'console-sound-en')('I want to talk to a person');
    await poll(() => page.locator('#queue .item').count()).toBeGreaterThan(1);
    expect(await played(page)).toHaveLength(1);
    await page.close();
  }, 60_000);
});
