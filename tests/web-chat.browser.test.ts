import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Smile } from '../app/server.js';
import { chromiumAvailable, DESKTOP, launchChromium, noteSkipped, PHONE, screenshot, seriousViolations, startOtherSite, poll } from './browser.js';
import { get, startTestSmile } from './helpers.js';

noteSkipped('web chat embed');

/**
 * The embed on a page that is not Smile's: a bare page on another origin with the one script tag, as a shop would
 * put it. Smile allows that origin to frame the panel (SMILE_FRAME_ANCESTORS).
 */
describe.skipIf(!chromiumAvailable)('the embeddable web chat on another site, in chromium', () => {
  let smile: Smile;
  let site: Awaited<ReturnType<typeof startOtherSite>>;
  let browser: Browser;
  beforeAll(async () => {
    site = await startOtherSite(
      (url) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Another shop</title></head><body><main><h1>Another shop</h1><p>Nothing here is Smile's.</p></main>
<script src="${smile.url}/embed.js" data-user="${url.searchParams.get('user') ?? 'demo'}" data-locale="${url.searchParams.get('locale') ?? 'en'}"></script>
</body></html>`,
    );
    smile = await startTestSmile({ SMILE_FRAME_ANCESTORS: `'self' ${site.origin}`, SMILE_AGENTS: 'alice=Alice Park:agent:alice-password' });
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await smile?.close();
    await site?.close();
  });

  const openChat = async (context: BrowserContext, query: string): Promise<{ page: Page; chat: FrameLocator }> => {
    const page = await context.newPage();
    await page.goto(`${site.origin}/${query}`);
    await page.locator('#smile-launcher').click();
    const chat = page.frameLocator('#smile-panel iframe');
    await chat.locator('#text').waitFor();
    return { page, chat };
  };
  const lastBot = (chat: FrameLocator) => chat.locator('.row.bot .text').last();

  it('when an English customer launches it, talks, reloads and the network fails once, then history stays and the retry sends once', async () => {
    const context = await browser.newContext({ viewport: DESKTOP });
    const { page, chat } = await openChat(context, '?user=demo&locale=en');
    expect(await page.locator('#smile-launcher').getAttribute('aria-expanded')).toBe('true');
    // Welcome with starter suggestions from the customer's orders: an open delivery and what runs low.
    await poll(() => lastBot(chat).textContent()).toMatch(/I can help with your orders/);
    await poll(() => chat.locator('.chip').allTextContents()).toContain('Where is my order?');
    expect((await chat.locator('.chip').allTextContents()).some((s) => /^Reorder /.test(s))).toBe(true);
    await screenshot(page, 'embed-en-desktop-welcome');
    expect(await seriousViolations(page.frames().find((f) => f.url().includes('/embed/chat'))!)).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);

    // Talk: a starter suggestion, typed text, a confirmation; focus stays in the input after tapping a suggestion.
    await chat.getByRole('button', { name: 'Where is my order?' }).click();
    await poll(() => lastBot(chat).textContent()).toMatch(/\S/);
    expect(await chat.locator('#text').evaluate((e) => e === document.activeElement)).toBe(true);
    const before = (await get(smile, '/sandbox/commerce/v1/customers/demo/orders')).orders.length;
    await chat.locator('#text').fill('reorder two packs of the wipes');
    await chat.locator('#text').press('Enter');
    await poll(() => chat.getByRole('button', { name: 'Yes' }).count()).toBe(1);
    // The confirmation card shows the product's picture from the commerce API: alt text, lazy, a fixed size, loaded.
    const picture = chat.locator('.card .card-picture').last();
    expect(await picture.getAttribute('alt')).toBe('Pampers Sensitive Baby Wipes, 12 packs');
    expect(await picture.getAttribute('loading')).toBe('lazy');
    expect([await picture.getAttribute('width'), await picture.getAttribute('height')]).toEqual(['64', '64']);
    await poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await screenshot(page, 'embed-en-desktop-confirm');

    // Reload: the conversation is still there (id in storage, messages from the server), the panel still open.
    await page.reload();
    const again = page.frameLocator('#smile-panel iframe');
    await poll(() => again.locator('.row.me .text').allTextContents()).toEqual(['Where is my order?', 'reorder two packs of the wipes']);
    await poll(() => again.getByRole('button', { name: 'Yes' }).count()).toBe(1);

    // Offline: the message does not go through, an error says so with a retry; back online, the retry sends it once.
    await context.setOffline(true);
    await again.getByRole('button', { name: 'Yes' }).click();
    await poll(() => again.locator('#error').isVisible()).toBe(true);
    expect(await again.locator('#errorText').textContent()).toMatch(/didn't go through/);
    await screenshot(page, 'embed-en-desktop-offline');
    await context.setOffline(false);
    await again.getByRole('button', { name: 'Try again' }).click();
    await poll(() => again.locator('.row.bot .text').last().textContent()).toMatch(/is placed/);
    expect(await again.locator('#error').isVisible()).toBe(false);
    expect(await again.locator('#send').isDisabled()).toBe(false);
    expect((await get(smile, '/sandbox/commerce/v1/customers/demo/orders')).orders.length).toBe(before + 1);
    // Card fields say what they are.
    await poll(() => again.locator('.card').last().textContent()).toMatch(/Order number \w+.*Total \$49\.98/);
    await screenshot(page, 'embed-en-desktop-placed');
    await context.close();
  }, 60_000);

  it('when a Korean customer on a phone asks for a person, then labels are Korean, the panel fills the screen and the person shows with a name', async () => {
    const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${site.origin}/?user=demo-ko&locale=ko`);
    expect(await page.locator('#smile-launcher').textContent()).toMatch(/채팅 상담/);
    await screenshot(page, 'embed-ko-phone-closed');
    await page.locator('#smile-launcher').tap();
    const chat = page.frameLocator('#smile-panel iframe');
    await poll(() => lastBot(chat).textContent()).toMatch(/무엇을 도와드릴까요/);
    expect(await chat.locator('#send').textContent()).toBe('보내기');
    expect(await chat.locator('#text').getAttribute('placeholder')).toBe('메시지를 입력하세요…');
    const box = await page.locator('#smile-panel').boundingBox();
    expect(box).toMatchObject({ x: 0, width: PHONE.width, height: PHONE.height });
    for (const chip of await chat.locator('.chip').all()) expect((await chip.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await screenshot(page, 'embed-ko-phone-welcome');
    expect(await seriousViolations(page.frames().find((f) => f.url().includes('/embed/chat'))!)).toEqual([]);

    await chat.getByRole('button', { name: '상담원 연결' }).tap();
    await poll(() => lastBot(chat).textContent()).toMatch(/상담원/);
    const [esc] = (await smile.support.list({ username: 'alice', role: 'agent' }, { status: 'queued' })).filter((e) => e.channel === 'rest');
    const alice = { username: 'alice', role: 'agent' as const, displayName: 'Alice Park' };
    await smile.support.claim(alice, esc!.id);
    await smile.support.agentMessage(alice, esc!.id, '안녕하세요, 앨리스예요. 무엇을 도와드릴까요?');
    await poll(() => chat.locator('.row.person .text').last().textContent()).toBe('안녕하세요, 앨리스예요. 무엇을 도와드릴까요?');
    expect(await chat.locator('.row.person .who').last().textContent()).toBe('Alice Park');
    expect(await chat.locator('.row.person .avatar').last().textContent()).toBe('AP');
    await screenshot(page, 'embed-ko-phone-person');
    await context.close();
  }, 60_000);

  it('when a Korean customer on a phone is asked which product, then each option shows its picture and stays a 44 px button', async () => {
    const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${site.origin}/?user=demo-ko&locale=ko`);
    await page.locator('#smile-launcher').tap();
    const chat = page.frameLocator('#smile-panel iframe');
    await chat.locator('#text').fill('다시 주문하고 싶어요');
    await chat.locator('#text').press('Enter');
    await poll(() => chat.locator('.chip.with-picture').count()).toBeGreaterThan(1);
    for (const chip of await chat.locator('.chip.with-picture').all()) {
      expect((await chip.boundingBox())!.height).toBeGreaterThanOrEqual(44);
      // The button's text names the product, so its picture is decorative (empty alt), lazy and a fixed size.
      const img = chip.locator('img');
      expect([await img.getAttribute('alt'), await img.getAttribute('loading'), await img.getAttribute('width')]).toEqual(['', 'lazy', '32']);
    }
    await expect
      .poll(() =>
        chat
          .locator('.chip img')
          .first()
          .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
      )
      .toBe(true);
    await screenshot(page, 'embed-ko-phone-choose-product');
    expect(await seriousViolations(page.frames().find((f) => f.url().includes('/embed/chat'))!)).toEqual([]);
    // A correction by name picks it; the confirmation card pictures it.
    const first = (await chat.locator('.chip.with-picture').first().textContent())!;
    await chat.locator('.chip.with-picture').first().tap();
    await poll(() => chat.locator('.card .card-picture').count()).toBeGreaterThan(0);
    expect(await chat.locator('.card .card-picture').last().getAttribute('alt')).toBe(first);
    await screenshot(page, 'embed-ko-phone-confirm');
    await context.close();
  }, 60_000);

  it("when the demo shop at / is opened, then it carries the embed and the customer picker is the shop's, not the chat's", async () => {
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    await page.goto(`${smile.url}/`);
    await page.locator('#smile-launcher').click();
    const chat = page.frameLocator('#smile-panel iframe');
    await poll(() => lastBot(chat).textContent()).toMatch(/I can help/);
    expect(await chat.locator('select').count()).toBe(0);
    await screenshot(page, 'demo-shop-desktop');
    expect(await seriousViolations(page)).toEqual([]);
    await page.selectOption('#customer', 'demo-ko');
    await page.locator('#smile-launcher').click();
    await poll(() => page.frameLocator('#smile-panel iframe').locator('.row.bot .text').last().textContent()).toMatch(/도와드릴까요/);
    await context.close();
  }, 60_000);
});
