import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_URL, CHAIN, PASSWORD, horizontalOverflow, launch, phone, screenshot, signedIn } from './platform';

describe('the owner on a phone', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launch(); });
  afterAll(async () => { await browser?.close(); });

  it('logs in and opens 库存监控 without scrolling sideways', async () => {
    const context = await phone(browser);
    const page = await context.newPage();
    await page.goto(`${BASE_URL}/`);
    await page.waitForURL('**/login');
    await screenshot(page, '01-login');
    await page.getByLabel('连锁代码').fill(CHAIN);
    await page.getByLabel('用户名').fill('owner');
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL('**/chat');
    await page.getByRole('link', { name: /库存监控/ }).first().waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, '02-chat-channels');

    await page.getByRole('link', { name: /库存监控/ }).first().click();
    await page.getByRole('heading', { name: '库存监控' }).waitFor();
    await page.getByLabel('输入消息').waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, '03-stock-watch');

    // The session survives a reload.
    await page.reload();
    await page.getByRole('heading', { name: '库存监控' }).waitFor();
    await context.close();
  });

  it('shows the stock board and an item page without scrolling sideways', async () => {
    const context = await signedIn(browser, 'owner');
    const page = await context.newPage();
    await page.goto(`${BASE_URL}/stock`);
    await page.getByRole('heading', { name: '库存' }).waitFor();
    await page.locator('table.stock-table tbody tr').first().waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, '04-stock');

    await page.getByRole('button', { name: '低库存' }).click();
    await screenshot(page, '05-stock-low');

    await page.getByRole('button', { name: '全部' }).click();
    await page.locator('table.stock-table tbody tr a').first().click();
    await page.getByRole('heading', { name: '出入库记录' }).waitFor();
    // The owner holds the cost right: the item page compares the suppliers' quotes.
    await page.getByRole('heading', { name: '供应商比价' }).waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, '06-stock-item');
    await context.close();
  });
});
