import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_URL, HOP, api, horizontalOverflow, launch, screenshot, signedIn } from './platform';

describe('the clerk reporting stock in the house format', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launch(); });
  afterAll(async () => { await browser?.close(); });

  /** The clerk, signed in on a phone, in their branch's 门店群 with the composer ready. */
  async function inBranchGroup() {
    const context = await signedIn(browser, 'clerk');
    const page = await context.newPage();
    await page.goto(`${BASE_URL}/chat`);
    await page.getByRole('link', { name: /门店群/ }).first().click();
    await page.getByLabel('输入消息').waitFor();
    return { context, page };
  }

  it('posts [晨光荧光笔][黄色][3][20] and sees the bot card in the thread', async () => {
    const { context, page } = await inBranchGroup();

    const report = '[晨光荧光笔][黄色][3][20]';
    await page.getByLabel('输入消息').fill(report);
    await page.getByRole('button', { name: '发送' }).click();
    await page.locator('.message.mine', { hasText: report }).last().waitFor();

    const card = page.locator('.message.has-card', { hasText: '晨光荧光笔' }).last();
    await card.waitFor({ timeout: HOP });
    expect(await card.locator('.bot-card button').count()).toBeGreaterThan(0);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, '09-clerk-house-format-card');
    await context.close();
  });

  it('reconnects by itself after the network drops and shows what was said meanwhile', async () => {
    const { context, page } = await inBranchGroup();
    const channelId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    // Connected: no status line.
    await page.locator('.connection').first().waitFor({ state: 'detached', timeout: HOP });

    await context.setOffline(true);
    await page.locator('.connection-reconnecting, .connection-disconnected').first().waitFor({ state: 'attached', timeout: HOP });
    const said = `断网期间的消息 ${Date.now()}`;
    await api('owner', 'POST', `/api/chat/channels/${encodeURIComponent(channelId)}/messages`, { clientMessageId: `offline-${Date.now()}`, text: said });
    expect(await page.locator('.message', { hasText: said }).count()).toBe(0);

    await context.setOffline(false);
    await page.locator('.connection').first().waitFor({ state: 'detached', timeout: HOP });
    await page.locator('.message', { hasText: said }).waitFor({ timeout: HOP });
    await context.close();
  });
});
