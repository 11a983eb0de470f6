import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Smile } from '../app/server.js';
import { chromiumAvailable, launchChromium, noteSkipped } from './browser.js';
import { conversation, startTestSmile } from './helpers.js';

noteSkipped('agent console');

describe.skipIf(!chromiumAvailable)('the agent console in a real browser', () => {
  let smile: Smile;
  let browser: Browser;
  beforeAll(async () => {
    smile = await startTestSmile({ SMILE_AGENTS: 'alice:agent:alice-password' });
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await smile?.close();
  });

  it('when an agent signs in, sees a REST escalation arrive live, claims it and replies, then the customer receives the reply', async () => {
    const page = await browser.newPage();
    await page.goto(`${smile.url}/agent`);
    await page.fill('#username', 'alice');
    await page.fill('#password', 'alice-password');
    await page.click('#login button');
    await expect.poll(() => page.textContent('#queue')).toMatch(/No one is waiting/);

    // The escalation arrives while the console is open: the queue updates live.
    const say = conversation(smile, 'demo', 'console-conv');
    await say('where are my wipes');
    await say('I want to talk to a person');
    await expect.poll(() => page.textContent('#queue')).toMatch(/Customer asked for a person/);
    await page.click('.item');
    await expect.poll(() => page.textContent('#transcript')).toMatch(/I want to talk to a person/);
    await page.getByRole('button', { name: 'Claim' }).click();
    await page.getByRole('button', { name: 'Hand back to bot' }).waitFor();
    await page.fill('#replyText', 'Hi Alex, Alice here. Your wipes arrive tomorrow morning.');
    await page.press('#replyText', 'Enter');
    await expect
      .poll(async () =>
        (await (await fetch(`${smile.url}/v1/conversations/console-conv/messages?userId=demo`)).json()).messages.map((m: any) => m.text),
      )
      .toContain('Hi Alex, Alice here. Your wipes arrive tomorrow morning.');

    // The customer's answer appears in the console without reloading.
    await say('great, thank you!');
    await expect.poll(() => page.textContent('#transcript')).toMatch(/great, thank you!/);
    await page.getByRole('button', { name: 'Hand back to bot' }).click();
    await expect.poll(async () => await smile.support.openFor('console-conv')).toBeNull();
    await page.close();
  });

  it("when a customer on the web chat page asks for a person, then the agent's reply appears on the page", async () => {
    const customer = await browser.newPage();
    await customer.goto(`${smile.url}/`);
    await customer.locator('#smile-launcher').click();
    const chat = customer.frameLocator('#smile-panel iframe');
    await chat.locator('#text').fill('I want to talk to a person');
    await chat.locator('#text').press('Enter');
    await expect.poll(() => chat.locator('.row.bot .text').last().textContent()).toMatch(/A person will reply here/);
    const [esc] = (await smile.support.list({ username: 'alice', role: 'agent' }, { status: 'queued' })).filter((e) => e.channel === 'rest');
    const alice = { username: 'alice', role: 'agent' as const };
    await smile.support.claim(alice, esc!.id);
    await smile.support.agentMessage(alice, esc!.id, 'Hello from Alice on the web!');
    await expect.poll(() => chat.locator('.row.person .text').last().textContent()).toBe('Hello from Alice on the web!');
    await customer.close();
  });
});
