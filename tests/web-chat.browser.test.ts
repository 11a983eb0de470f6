import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Smile } from '../app/server.js';
import { chromiumAvailable, launchChromium, noteSkipped } from './browser.js';
import { get, startTestSmile } from './helpers.js';

noteSkipped('web chat');

describe.skipIf(!chromiumAvailable)('the web chat page in a real browser', () => {
  let smile: Smile;
  let browser: Browser;
  beforeAll(async () => {
    smile = await startTestSmile();
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await smile?.close();
  });

  it('when a customer reorders in English with the suggestion buttons, then the order is placed once', async () => {
    const before = (await get(smile, '/sandbox/commerce/v1/customers/demo/orders')).orders.length;
    const page = await browser.newPage();
    await page.goto(`${smile.url}/`);
    await page.fill('#text', 'reorder two packs of the wipes');
    await page.press('#text', 'Enter');
    await page.getByRole('button', { name: 'Yes' }).click();
    await expect.poll(() => page.locator('.msg.bot').last().textContent()).toMatch(/is placed/);
    expect((await get(smile, '/sandbox/commerce/v1/customers/demo/orders')).orders.length).toBe(before + 1);
    await page.close();
  });

  it('when the Korean customer is chosen, then the conversation is in Korean and choices are buttons', async () => {
    const page = await browser.newPage();
    await page.goto(`${smile.url}/`);
    await page.selectOption('#user', 'demo-ko');
    expect(await page.getAttribute('html', 'lang')).toBe('ko');
    await page.fill('#text', '운동화 반품하고 싶어');
    await page.press('#text', 'Enter');
    await page.getByRole('button', { name: '사이즈가 안 맞아요' }).click();
    await expect.poll(() => page.locator('.msg.bot').last().textContent()).toMatch(/어떻게 보내시겠어요/);
    expect(await page.locator('#suggestions button').count()).toBe(3);
    await page.close();
  });
});
