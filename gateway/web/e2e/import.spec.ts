import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_URL, horizontalOverflow, launch, phone, screenshot } from './platform';

/** An EAN-13 with its check digit, from twelve digits. */
function ean13(twelve: string): string {
  const sum = [...twelve].reduce((s, d, i) => s + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return twelve + ((10 - (sum % 10)) % 10);
}

/** 200 products as a shop's spreadsheet (CSV, as Excel saves it with a BOM): rows 11, 52 and 153 are wrong. */
function catalogue(prefix: string): Buffer {
  const lines = ['商品编码,品名,规格,品牌,类别,单位,条码,零售价,包装数'];
  for (let i = 1; i <= 200; i++) {
    const n = String(i).padStart(3, '0');
    const barcode = ean13(`69${String(Date.now() % 1e7).padStart(7, '0')}${n}`);
    let row = [`${prefix}-${n}`, `导入样品 ${n}`, 'A5', '晨光', i % 2 ? '本册' : '笔类', '个', barcode, '3.50', '10'];
    if (i === 10) row[6] = barcode.slice(0, 12) + ((Number(barcode[12]) + 1) % 10); // a wrong check digit
    if (i === 51) row[7] = '三块五'; // a price that is not a number
    if (i === 152) row[1] = ''; // no name
    lines.push(row.join(','));
  }
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n'), 'utf8')]);
}

// 从纸和Excel开始: a shop that has just signed up brings its catalogue in from a spreadsheet, on a phone.
describe('a new shop imports its catalogue', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launch(); });
  afterAll(async () => { await browser?.close(); });

  const chain = `im-${Date.now().toString(36)}`;
  const prefix = `IM${Date.now().toString(36).toUpperCase()}`;

  async function noSidewaysScroll(page: Page, name: string) {
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, name);
  }

  it('previews 200 rows with 3 red ones, applies 197, and finds the products', async () => {
    const context = await phone(browser);
    const page = await context.newPage();
    await page.goto(`${BASE_URL}/signup`);
    await page.getByRole('heading', { name: '开通新店' }).waitFor();
    await page.getByLabel('连锁代码').fill(chain);
    await page.getByLabel('连锁名称').fill('山水文具');
    await page.getByLabel('店主姓名').fill('李山水');
    await page.getByLabel('店主用户名').fill('li');
    await page.getByLabel('店主密码').fill('shanshui-2026');
    await page.getByRole('button', { name: '开通' }).click();
    await page.waitForURL('**/admin');

    await page.getByRole('link', { name: '导入/导出' }).click();
    await page.getByRole('heading', { name: '导入/导出' }).waitFor();
    await page.getByLabel('商品', { exact: true }).check();
    await page.getByRole('button', { name: '下载模板 (xlsx)' }).waitFor();
    await page.setInputFiles('#import-file', { name: '商品目录.csv', mimeType: 'text/csv', buffer: catalogue(prefix) });
    await page.getByRole('button', { name: '预览' }).click();

    await page.getByText('共 200 行：新增 197，修改 0，不变 0，有问题 3').waitFor();
    const red = page.locator('.import-row.error');
    expect(await red.count()).toBe(3);
    await red.filter({ hasText: '第 11 行' }).getByText(/条码：须为有效的 EAN-13 条码/).waitFor();
    await red.filter({ hasText: '第 52 行' }).getByText('零售价：「三块五」不是数字').waitFor();
    await red.filter({ hasText: '第 153 行' }).getByText(/品名：必填/).waitFor();
    await noSidewaysScroll(page, 'import-01-preview');

    await page.getByRole('button', { name: '确认导入 (197 行)' }).click();
    await page.getByText('已导入 197 行，不变 0 行，拒绝 3 行').waitFor({ timeout: 60_000 });
    await page.getByText('未导入的行：第 11、52、153 行', { exact: false }).waitFor();
    await noSidewaysScroll(page, 'import-02-summary');

    await page.getByRole('link', { name: '查看商品' }).click();
    await page.getByLabel('搜索商品').fill('导入样品 150');
    await page.getByLabel('搜索商品').press('Enter');
    await page.getByText('导入样品 150').first().waitFor();
    expect(await page.getByText('导入样品 152').count()).toBe(0);
    await noSidewaysScroll(page, 'import-03-products');
    await context.close();
  });
});
