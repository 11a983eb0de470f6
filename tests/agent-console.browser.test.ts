import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Smile } from '../app/server.js';
import { chromiumAvailable, DESKTOP, launchChromium, noteSkipped, PHONE, screenshot, seriousViolations, poll } from './browser.js';
import { conversation, startTestSmile } from './helpers.js';

noteSkipped('agent console');

describe.skipIf(!chromiumAvailable)('the agent console in a real browser', () => {
  let smile: Smile;
  let browser: Browser;
  beforeAll(async () => {
    smile = await startTestSmile({ SMILE_AGENTS: 'alice=Alice Park:agent:alice-password,sam:supervisor:sam-password' });
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await smile?.close();
  });

  const signIn = async (page: Page, username = 'alice', password = 'alice-password'): Promise<void> => {
    await page.goto(`${smile.url}/agent`);
    await page.fill('#username', username);
    await page.fill('#password', password);
    await page.click('#login button');
    await page.locator('#app').waitFor();
  };

  it('when an agent signs in, claims, drafts while the customer writes, uses a canned reply, resolves and finds it again, then nothing is lost', async () => {
    const page = await browser.newPage({ viewport: DESKTOP });
    await signIn(page);
    // The sign-in form is gone; the queue starts right under the fixed header.
    expect(await page.locator('#login').isVisible()).toBe(false);
    expect((await page.locator('#queue').boundingBox())!.y).toBeLessThan(200);
    await poll(() => page.textContent('#queue')).toMatch(/No one is waiting/);
    expect(await page.textContent('#who')).toMatch(/Alice Park/);

    // Two customers ask for a person while the console is open: names and languages in the queue, unread, a title badge.
    const say = conversation(smile, 'demo', 'console-conv');
    await say('reorder two packs of the wipes');
    await say('I want to talk to a person');
    const sayKo = conversation(smile, 'demo-ko', 'console-conv-ko');
    await sayKo('상담원 연결해 주세요');
    await poll(() => page.locator('#queue .item').count()).toBe(2);
    expect(await page.textContent('#queue')).toMatch(/Alex Kim.*English/);
    expect(await page.textContent('#queue')).toMatch(/김지은.*Korean/);
    await poll(() => page.title()).toMatch(/^\(2\) /);
    expect(await page.locator('#queue .item.unread').count()).toBe(2);

    // Filters: language and unassigned.
    await page.selectOption('#fLang', 'ko-KR');
    await poll(() => page.locator('#queue .item').count()).toBe(1);
    await page.selectOption('#fLang', '');

    // Open Alex: the summary says what he wants and about which product, in the agent's language.
    await page.locator('#queue .item', { hasText: 'Alex Kim' }).locator('button').click();
    await poll(() => page.textContent('#brief')).toMatch(/Wants“reorder two packs of the wipes”/);
    expect(await page.textContent('#brief')).toMatch(/ProductPampers Sensitive Baby Wipes/);
    expect(await page.textContent('#brief')).toMatch(/TopicReorder something/);
    await poll(() => page.title()).toMatch(/^\(1\) /);
    await poll(() => page.textContent('#customer')).toMatch(/Orders \(\d+\)/);
    expect(await page.textContent('#customer')).toMatch(/Shipments[\s\S]*Returns[\s\S]*Notices received/);

    await page.getByRole('button', { name: 'Claim' }).click();
    await page.getByRole('button', { name: 'Hand back to bot' }).waitFor();
    await poll(() => page.locator('#replyText').isDisabled()).toBe(false);

    // A half-written reply survives the customer writing (a live update redraws the transcript, not the reply box).
    await page.fill('#replyText', 'Hi Alex, let me check th');
    await say('are you there?');
    await poll(() => page.textContent('#transcript')).toMatch(/are you there\?/);
    expect(await page.inputValue('#replyText')).toBe('Hi Alex, let me check th');

    // A canned reply in the customer's language, with his name and the agent's display name filled in.
    await page.fill('#replyText', '');
    await page.getByRole('button', { name: 'Greeting' }).click();
    expect(await page.inputValue('#replyText')).toBe("Hi Alex, this is Alice Park from the support team. I'm looking into this now.");
    await screenshot(page, 'console-desktop-conversation');
    // At 1280×720 the header and the reply box are both on screen.
    expect((await page.locator('#top').boundingBox())!.y).toBe(0);
    const composer = (await page.locator('#composer').boundingBox())!;
    expect(composer.y + composer.height).toBeLessThanOrEqual(DESKTOP.height);
    expect(await seriousViolations(page)).toEqual([]);
    await page.press('#replyText', 'Enter');
    await poll(async () =>
      (await (await fetch(`${smile.url}/v1/conversations/console-conv/messages?userId=demo`)).json()).messages.map((m: any) => m.text),
    ).toContain("Hi Alex, this is Alice Park from the support team. I'm looking into this now.");
    // The box is cleared once the server has the reply; on a loaded machine that can follow the message by a moment.
    await poll(() => page.inputValue('#replyText')).toBe('');

    // Resolve (keyboard shortcut), then find it among resolved conversations by what the customer said.
    await page.keyboard.press('Alt+KeyR');
    await poll(async () => await smile.support.openFor('console-conv')).toBeNull();
    await page.fill('#q', 'wipes');
    await page.press('#q', 'Enter');
    await poll(() => page.textContent('#results')).toMatch(/Alex Kim/);
    await page.close();
  }, 60_000);

  it('when an agent sets themselves away, then customers are told a person answers later; available again, people answer now', async () => {
    const page = await browser.newPage({ viewport: DESKTOP });
    await signIn(page);
    await poll(() => smile.support.team().map((t) => t.username)).toContain('alice');
    await page.selectOption('#presence', 'away');
    await poll(() => smile.support.staffedNow().staffed).toBe(false);
    await page.selectOption('#presence', 'available');
    await poll(() => smile.support.staffedNow().staffed).toBe(true);
    await page.close();
    // A closed page leaves the team when its stream is seen closed, which a loaded machine can take longer to notice.
    await expect.poll(() => smile.support.team().length, { timeout: 30_000 }).toBe(0);
  });

  it('when a supervisor opens the console on a phone, then it stacks and stays usable', async () => {
    const page = await browser.newPage({ viewport: PHONE });
    await signIn(page, 'sam', 'sam-password');
    await screenshot(page, 'console-phone-queue');
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it("when a customer on the demo shop asks for a person, then the agent's reply appears in the chat with the agent's name", async () => {
    const customer = await browser.newPage();
    await customer.goto(`${smile.url}/`);
    await customer.locator('#smile-launcher').click();
    const chat = customer.frameLocator('#smile-panel iframe');
    await chat.locator('#text').fill('I want to talk to a person');
    await chat.locator('#text').press('Enter');
    await poll(() => chat.locator('.row.bot .text').last().textContent()).toMatch(/A person will reply here/);
    const alice = { username: 'alice', role: 'agent' as const, displayName: 'Alice Park' };
    const [esc] = (await smile.support.list(alice, { status: 'queued' })).filter((e) => e.channel === 'rest' && e.customerId === 'demo');
    await smile.support.claim(alice, esc!.id);
    await smile.support.agentMessage(alice, esc!.id, 'Hello from Alice on the web!');
    await poll(() => chat.locator('.row.person .text').last().textContent()).toBe('Hello from Alice on the web!');
    expect(await chat.locator('.row.person .who').last().textContent()).toBe('Alice Park');
    await customer.close();
  });
});
