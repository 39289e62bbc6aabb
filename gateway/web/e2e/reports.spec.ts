import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_URL, HOP, horizontalOverflow, launch, screenshot, signedIn } from './platform';

// 报表 on a phone: the owner's report with its chart drawn in the page, the clerk's chart in the chat card, branch settings.
describe('reports on a phone', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launch(); });
  afterAll(async () => { await browser?.close(); });

  it('the owner reads the day\'s report with its chart of the last 14 days and the chain across its branches', async () => {
    const context = await signedIn(browser, 'owner');
    const page = await context.newPage();
    await page.goto(`${BASE_URL}/me`);
    await page.getByRole('link', { name: '报表' }).click();
    await page.waitForURL('**/reports');
    await page.getByRole('heading', { name: /日报/ }).waitFor();

    // The chart is drawn in the page, from the report's figures: 14 days, some of them with sales (the seeded history).
    const canvas = page.locator('.chart-canvas canvas').first();
    await canvas.waitFor();
    const values = ((await canvas.getAttribute('data-values')) ?? '').split(',').map(Number);
    expect(values).toHaveLength(14);
    expect(values.some((v) => v > 0)).toBe(true);
    const painted = await canvas.evaluate((c: HTMLCanvasElement) => {
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let coloured = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0 && data[i + 2] > 150 && data[i] < 100) coloured++;
      return coloured;
    });
    expect(painted).toBeGreaterThan(100);
    await page.getByRole('heading', { name: '热销' }).waitFor();
    await page.getByRole('heading', { name: '待补货' }).waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'reports-01-daily');

    await page.getByRole('tab', { name: '全连锁' }).click();
    await page.getByRole('heading', { name: /全连锁 ·/ }).waitFor();
    await page.getByRole('cell', { name: '总店' }).waitFor();
    await page.getByRole('cell', { name: '东区店' }).waitFor();
    await screenshot(page, 'reports-02-chain');
    await context.close();
  });

  it('a clerk sees the daily report\'s chart as an image in the 门店群 card, and no cost figure', async () => {
    const context = await signedIn(browser, 'clerk');
    const page = await context.newPage();
    await page.goto(`${BASE_URL}/chat`);
    await page.getByRole('link', { name: /门店群/ }).first().click();
    const image = page.locator('.bot-card img.bot-card-image').last();
    await image.waitFor({ timeout: HOP });
    await page.waitForFunction((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0, await image.elementHandle(),
      { timeout: HOP });
    expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(300);
    const card = page.locator('.bot-card', { has: page.locator('img.bot-card-image') }).last();
    const text = await card.innerText();
    expect(text).toContain('营业额');
    expect(text).not.toMatch(/成本|毛利|进价|cost/i);
    expect(text).not.toContain('/api/reporting');
    await screenshot(page, 'reports-03-clerk-card');
    // A clerk has no reports screen: the link is not offered and the page is not there.
    await page.goto(`${BASE_URL}/me`);
    await page.getByRole('heading', { name: '我的' }).waitFor();
    expect(await page.getByRole('link', { name: '报表' }).count()).toBe(0);
    await context.close();
  });

  it('the owner renames a branch and sets its closing time', async () => {
    const context = await signedIn(browser, 'owner');
    const page = await context.newPage();
    const code = `rp${Date.now().toString(36)}`;
    await page.goto(`${BASE_URL}/admin/branches`);
    await page.getByRole('heading', { name: '门店', exact: true }).waitFor();
    await page.getByLabel('门店代码').fill(code);
    await page.getByLabel('门店名称', { exact: true }).fill('报表测试店');
    await page.getByRole('button', { name: '开新门店' }).click();
    await page.getByText('已开门店：报表测试店').waitFor();

    await page.getByRole('button', { name: '修改门店：报表测试店' }).click();
    const form = page.locator('form[aria-labelledby="change-branch-title"]');
    await form.getByLabel('门店名称').fill('报表测试店（人民路）');
    await form.getByLabel('打烊时间').fill('20:45');
    await form.getByRole('button', { name: '保存' }).click();
    await page.getByText('已保存：报表测试店（人民路）').waitFor();
    const row = page.getByRole('row', { name: new RegExp(code) });
    await row.getByRole('cell', { name: '报表测试店（人民路）', exact: true }).waitFor();
    await row.getByRole('cell', { name: '20:45', exact: true }).waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'reports-04-branch-settings');
    await context.close();
  });
});
