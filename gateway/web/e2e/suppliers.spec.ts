import bwipjs from 'bwip-js/node';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_URL, horizontalOverflow, launch, phone, screenshot } from './platform';

// A new shop's owner, on a phone: a product registered by photographing its barcode, two suppliers with a quote each,
// the side-by-side comparison, and a reorder policy whose computed figures follow what is typed.
describe('a new owner sets up suppliers and reorder policies on a phone', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launch(); });
  afterAll(async () => { await browser?.close(); });

  const chain = `sp-${Date.now().toString(36)}`;
  const password = 'zhuxi-2026-pass';
  const barcode = '6901234567892';
  const inAMonth = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

  async function noSidewaysScroll(page: Page, name: string) {
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, name);
  }

  async function enterQuote(page: Page, supplier: string, unitCost: string) {
    await page.goto(`${BASE_URL}/admin/suppliers`);
    await page.getByRole('link', { name: supplier }).click();
    await page.getByRole('heading', { name: supplier, level: 1 }).waitFor();
    const quote = page.locator('form[aria-labelledby="quote-title"]');
    await quote.getByLabel('商品编码').fill('ZX-HL-Y');
    await quote.getByLabel('进价（元）').fill(unitCost);
    await quote.getByLabel('有效期至').fill(inAMonth);
    await quote.getByRole('button', { name: '录入报价' }).click();
    await page.getByRole('heading', { name: '供应商比价' }).waitFor();
  }

  it('registers a product by a photo of its barcode, compares two quotes and previews a policy as it is typed', async () => {
    const context = await phone(browser);
    const page = await context.newPage();
    await page.goto(`${BASE_URL}/signup`);
    await page.getByLabel('连锁代码').fill(chain);
    await page.getByLabel('连锁名称').fill('竹溪文具');
    await page.getByLabel('店主姓名').fill('竹店长');
    await page.getByLabel('店主用户名').fill('zhu');
    await page.getByLabel('店主密码').fill(password);
    await page.getByRole('button', { name: '开通' }).click();
    await page.waitForURL('**/admin');
    await page.getByRole('link', { name: '门店' }).click();
    await page.getByLabel('门店代码').fill('main');
    await page.getByLabel('门店名称').fill('竹溪总店');
    await page.getByRole('button', { name: '开新门店' }).click();
    await page.getByText('已开门店：竹溪总店').waitFor();

    // 商品: the barcode comes from a photo (a generated EAN-13 image), read in the page by the bundled zxing-wasm.
    await page.goto(`${BASE_URL}/admin/products`);
    await page.getByRole('button', { name: '登记新商品' }).click();
    const form = page.locator('form[aria-labelledby="new-product-title"]');
    await form.getByLabel('商品编码').fill('ZX-HL-Y');
    await form.getByLabel('名称').fill('竹溪荧光笔');
    await form.getByLabel('类别').fill('笔类');
    await form.getByLabel('零售价（元）').fill('3.5');
    await form.getByLabel('每包数量').fill('10');
    const photo = await bwipjs.toBuffer({ bcid: 'ean13', text: barcode, scale: 3, height: 15, includetext: true, backgroundcolor: 'FFFFFF',
      paddingwidth: 12, paddingheight: 8 });
    await page.setInputFiles('#new-product-barcode-photo', { name: 'barcode.png', mimeType: 'image/png', buffer: photo });
    await page.getByText(`已识别条码 ${barcode}`).waitFor();
    expect(await form.getByLabel('条码', { exact: true }).inputValue()).toBe(barcode);
    await noSidewaysScroll(page, 'suppliers-01-barcode-from-photo');
    await form.getByRole('button', { name: '登记新商品' }).click();
    await page.getByText('已登记：竹溪荧光笔').waitFor();

    // 供应商: two of them, declared lead times shown, nothing measured yet.
    await page.goto(`${BASE_URL}/admin`);
    await page.getByRole('link', { name: '供应商' }).click();
    for (const [name, days] of [['晨光文具', '3'], ['得力文具', '5']]) {
      await page.getByRole('button', { name: '登记供应商' }).first().click();
      const supplier = page.locator('form[aria-labelledby="new-supplier-title"]');
      await supplier.getByLabel('供应商名称').fill(name);
      await supplier.getByLabel('约定交货期（天）').fill(days);
      await supplier.getByRole('button', { name: '登记供应商' }).click();
      await page.getByText(`已登记供应商：${name}`).waitFor();
    }
    await page.getByText('约定交货期 5 天 · 还没有到货记录').waitFor();
    await noSidewaysScroll(page, 'suppliers-02-list');

    // A quote dated in the past is refused beside its field; then 晨光 quotes 1.25 and invites its contact.
    await page.getByRole('link', { name: '晨光文具' }).click();
    const quote = page.locator('form[aria-labelledby="quote-title"]');
    await quote.getByLabel('商品编码').fill('ZX-HL-Y');
    await quote.getByLabel('进价（元）').fill('1.25');
    await quote.getByLabel('有效期至').fill('2020-01-01');
    await quote.getByRole('button', { name: '录入报价' }).click();
    await page.locator('#quote-validUntil-err').waitFor();
    await page.getByLabel('用户名').fill('chenguang-wang');
    await page.getByLabel('姓名').fill('王经理');
    await page.getByRole('button', { name: '邀请联系人' }).click();
    expect(await page.getByTestId('temporary-password').textContent()).toMatch(/^[a-km-np-zA-HJ-NP-Z2-9]{12}$/);
    await enterQuote(page, '晨光文具', '1.25');
    await enterQuote(page, '得力文具', '1.10');

    // The comparison: 得力 cheapest and marked, 晨光 0.15 above it.
    await page.locator('tr.cheapest', { hasText: '得力文具' }).filter({ hasText: '最低价' }).waitFor();
    await page.locator('tr:not(.cheapest)', { hasText: '晨光文具' }).filter({ hasText: '+0.15' }).waitFor();
    await noSidewaysScroll(page, 'suppliers-03-comparison');
    await page.goto(`${BASE_URL}/admin/suppliers`);
    await page.locator('table', { hasText: 'ZX-HL-Y' }).locator('tr.cheapest', { hasText: '得力文具' }).waitFor();

    // 补货策略: the server computes as the owner types; nothing held yet, so the suggestion fills up to the max level in packs of 10.
    await page.goto(`${BASE_URL}/admin`);
    await page.getByRole('link', { name: '补货策略' }).click();
    await page.getByLabel('商品', { exact: true }).selectOption('ZX-HL-Y');
    await page.getByTestId('preview-computed').filter({ hasText: '销量不足以计算补货点' }).waitFor();
    await page.getByLabel('补货点').fill('10');
    await page.getByLabel('最高库存').fill('60');
    await page.getByTestId('preview-suggested').filter({ hasText: /^60$/ }).waitFor();
    await page.getByTestId('preview-reorder-point').filter({ hasText: '10' }).filter({ hasText: '手动设定' }).waitFor();
    await page.getByLabel('最高库存').fill('95');
    await page.getByTestId('preview-suggested').filter({ hasText: /^100$/ }).waitFor();
    // A max level under the reorder point: the preview's problem shows beside the field as it is typed, and saving is refused there too.
    await page.getByLabel('最高库存').fill('5');
    await page.locator('#policy-maxLevel-err').waitFor();
    await noSidewaysScroll(page, 'suppliers-04-policy-refused');
    await page.getByLabel('最高库存').fill('60');
    await page.getByTestId('preview-suggested').filter({ hasText: /^60$/ }).waitFor();
    await page.getByRole('button', { name: '保存补货策略' }).click();
    await page.getByText('已保存 竹溪荧光笔 的补货策略').waitFor();
    await noSidewaysScroll(page, 'suppliers-05-policy');
    await context.close();
  });
});
