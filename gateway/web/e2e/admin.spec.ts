import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_URL, horizontalOverflow, launch, phone, screenshot } from './platform';

// A shop that is not the demo sets itself up from the phone: no API by hand.
describe('a new shop on a phone', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launch(); });
  afterAll(async () => { await browser?.close(); });

  const chain = `qs-${Date.now().toString(36)}`;
  const password = 'qingshan-2026';

  async function noSidewaysScroll(page: Page, name: string) {
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, name);
  }

  it('signs up, opens a branch, registers a product, adds a clerk, and the clerk logs in', async () => {
    const context = await phone(browser);
    const page = await context.newPage();
    await page.goto(`${BASE_URL}/login`);
    await page.getByRole('link', { name: '新店开通：注册你的连锁' }).click();
    await page.getByRole('heading', { name: '开通新店' }).waitFor();
    await page.getByLabel('连锁代码').fill(chain);
    await page.getByLabel('连锁名称').fill('青山文具');
    await page.getByLabel('店主姓名').fill('王青山');
    await page.getByLabel('店主用户名').fill('wang');
    await page.getByLabel('店主密码').fill(password);
    await noSidewaysScroll(page, 'admin-01-sign-up');
    await page.getByRole('button', { name: '开通' }).click();

    // Signed in as the new owner, in 管理, which the tab bar offers to an owner.
    await page.waitForURL('**/admin');
    await page.getByRole('heading', { name: '管理' }).waitFor();
    await page.getByRole('navigation').getByRole('link', { name: '管理' }).waitFor();
    await noSidewaysScroll(page, 'admin-02-admin');

    // 门店: a bad code is refused beside its field, in Chinese; then the branch opens.
    await page.getByRole('link', { name: '门店' }).click();
    await page.getByText('还没有门店，先开一个').waitFor();
    await page.getByLabel('门店代码').fill('Main Shop');
    await page.getByLabel('门店名称').fill('青山总店');
    await page.getByRole('button', { name: '开新门店' }).click();
    await page.locator('#branch-code-err', { hasText: '须为 2–32 位小写字母、数字或' }).waitFor();
    await page.getByLabel('门店代码').fill('main');
    await page.getByRole('button', { name: '开新门店' }).click();
    await page.getByText('已开门店：青山总店').waitFor();
    await page.getByRole('cell', { name: '青山总店', exact: true }).waitFor();
    await noSidewaysScroll(page, 'admin-03-branch');

    // 商品: a barcode with a wrong check digit is refused beside the field; with the right one the product is registered.
    await page.getByRole('link', { name: /管理/ }).first().click();
    await page.getByRole('link', { name: '商品' }).click();
    await page.getByRole('button', { name: '登记新商品' }).click();
    const form = page.locator('form[aria-labelledby="new-product-title"]');
    await form.getByLabel('商品编码').fill('QS-HL-Y');
    await form.getByLabel('名称').fill('青山荧光笔');
    await form.getByLabel('规格型号').fill('黄色');
    await form.getByLabel('品牌').fill('晨光');
    await form.getByLabel('类别').fill('笔类');
    await form.getByLabel('条码').fill('4006381333932');
    await form.getByLabel('零售价（元）').fill('3.5');
    await form.getByLabel('每包数量').fill('10');
    await form.getByRole('button', { name: '登记新商品' }).click();
    await page.locator('#new-product-barcode-err', { hasText: '须为有效的 EAN-13 条码' }).waitFor();
    await noSidewaysScroll(page, 'admin-04-product-refused');
    await form.getByLabel('条码').fill('4006381333931');
    await form.getByRole('button', { name: '登记新商品' }).click();
    await page.getByText('已登记：青山荧光笔').waitFor();
    await page.getByRole('button', { name: '修改 青山荧光笔' }).waitFor();
    await noSidewaysScroll(page, 'admin-05-products');

    // 员工: a clerk at the new branch.
    await page.goto(`${BASE_URL}/admin/staff`);
    await page.getByRole('heading', { name: '员工' }).waitFor();
    await page.getByRole('button', { name: '添加员工' }).click();
    const staff = page.locator('form[aria-labelledby="new-staff-title"]');
    await staff.getByLabel('用户名').fill('xiaoli');
    await staff.getByLabel('姓名').fill('李小丽');
    await staff.getByLabel('初始密码').fill(password);
    const branchChip = staff.getByLabel('青山总店');
    if (!(await branchChip.isChecked())) await branchChip.check({ force: true });
    await staff.getByRole('button', { name: '添加员工' }).click();
    await page.getByText('已添加：李小丽').waitFor();
    await page.getByText('@xiaoli').waitFor();
    await noSidewaysScroll(page, 'admin-06-staff');
    await context.close();

    // The clerk logs in with the chain code on a phone of their own, and has no 管理.
    const clerkContext = await phone(browser);
    const clerk = await clerkContext.newPage();
    await clerk.goto(`${BASE_URL}/login`);
    await clerk.getByLabel('连锁代码').fill(chain);
    await clerk.getByLabel('用户名').fill('xiaoli');
    await clerk.getByLabel('密码').fill(password);
    await clerk.getByRole('button', { name: '登录' }).click();
    await clerk.waitForURL('**/chat');
    await clerk.getByRole('navigation').getByRole('link', { name: '库存' }).waitFor();
    expect(await clerk.getByRole('navigation').getByRole('link', { name: '管理' }).count()).toBe(0);
    await noSidewaysScroll(clerk, 'admin-07-clerk');
    await clerkContext.close();
  });
});
