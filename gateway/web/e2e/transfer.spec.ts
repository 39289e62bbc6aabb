import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_URL, HOP, api, horizontalOverflow, launch, screenshot, signedIn } from './platform';

// 调拨 on phones: the owner sends stock from 总店 to 东区店; 东区店's clerk receives part of it, then the rest.
describe('a transfer between branches', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launch(); });
  afterAll(async () => { await browser?.close(); });

  it('is sent from one branch and received at the other in two parts', async () => {
    const sku = `TRJ-${Date.now().toString(36).toUpperCase()}`;
    await api('owner', 'POST', '/api/inventory/products', {
      sku, name: '调拨测试本', spec: 'A5', brand: '晨光', category: '本册', unit: '本', barcode: null, retailPrice: 3.5, packSize: 10,
    });
    await api('owner', 'POST', '/api/inventory/branches/main/receipts', { reference: `R-${sku}`, lines: [{ sku, quantity: 10 }] });

    const owner = await signedIn(browser, 'owner');
    const page = await owner.newPage();
    await page.addInitScript(() => localStorage.setItem('stationery.branch', 'main'));
    await page.goto(`${BASE_URL}/stock`);
    await page.getByRole('link', { name: '调拨', exact: true }).click();
    await page.getByRole('heading', { name: '调拨', exact: true }).waitFor();
    await page.getByRole('button', { name: '调出到其他门店' }).first().click();
    const form = page.locator('form[aria-labelledby="send-title"]');
    await form.getByLabel('调入门店').selectOption('east');
    await form.getByLabel('商品编码').fill(sku);
    await form.getByLabel('数量').fill('3');
    await form.getByRole('button', { name: '调出到其他门店' }).click();
    await page.getByText(/已调出 T-.* 到 东区店/).waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'transfer-01-sent');
    await owner.close();

    const clerk = await signedIn(browser, 'clerk-east');
    const east = await clerk.newPage();
    await east.goto(`${BASE_URL}/stock/transfers`);
    const card = east.locator('li.card', { hasText: '调拨测试本' });
    await card.getByText('在途', { exact: true }).waitFor();
    await card.getByLabel('调拨测试本 A5 实到（本）').fill('2');
    await card.getByRole('button', { name: '确认收货' }).click();
    await east.getByText(/已收货一部分，其余仍在途/).waitFor();
    await card.getByText('部分收货', { exact: true }).waitFor();
    await card.getByText('在途 1').waitFor();
    expect(await horizontalOverflow(east)).toBeLessThanOrEqual(0);
    await screenshot(east, 'transfer-02-partly-received');

    await card.getByRole('button', { name: '确认收货' }).click();
    await east.getByText(/已全部收货/).waitFor();
    await card.getByText('已收货', { exact: true }).waitFor();
    const stock = await api<{ stock: { onHand: number; inTransit: number } }>('owner', 'GET', `/api/inventory/branches/east/stock/${sku}`);
    expect(stock.stock).toMatchObject({ onHand: 3, inTransit: 0 });
    await clerk.close();
  });

  it('is received from the card in the receiving branch\'s 库存监控, and the sender hears it arrived', async () => {
    const sku = `TRC-${Date.now().toString(36).toUpperCase()}`;
    await api('owner', 'POST', '/api/inventory/products', {
      sku, name: '卡片调拨本', spec: 'B5', brand: '晨光', category: '本册', unit: '本', barcode: null, retailPrice: 4.5, packSize: 10,
    });
    await api('owner', 'POST', '/api/inventory/branches/main/receipts', { reference: `R-${sku}`, lines: [{ sku, quantity: 10 }] });
    const sent = await api<{ id: string }>('owner', 'POST', '/api/inventory/branches/main/transfers',
      { toBranch: 'east', lines: [{ sku, quantity: 4 }], note: '周末活动用' });

    const clerk = await signedIn(browser, 'clerk-east');
    const east = await clerk.newPage();
    await east.goto(`${BASE_URL}/chat/east-stock-watch`);
    const card = east.locator('.bot-card', { hasText: sent.id });
    await card.getByText('卡片调拨本 B5').waitFor({ timeout: HOP });
    await card.getByText('周末活动用').waitFor();
    await card.getByRole('link', { name: /在调拨里查看/ }).waitFor();
    expect(await horizontalOverflow(east)).toBeLessThanOrEqual(0);
    await screenshot(east, 'transfer-03-card');
    await card.getByRole('button', { name: '收货', exact: true }).click();
    await card.getByText(/已收货：全部到齐（小王）/).waitFor({ timeout: HOP });
    await screenshot(east, 'transfer-04-card-received');
    const stock = await api<{ stock: { onHand: number; inTransit: number } }>('owner', 'GET', `/api/inventory/branches/east/stock/${sku}`);
    expect(stock.stock).toMatchObject({ onHand: 4, inTransit: 0 });
    await clerk.close();

    const owner = await signedIn(browser, 'owner');
    const main = await owner.newPage();
    await main.goto(`${BASE_URL}/chat/main-stock-watch`);
    await main.getByText(`调拨单 ${sent.id} 已到 东区店（小王 收货）：卡片调拨本 B5 4 本，全部到齐。`).waitFor({ timeout: HOP });
    await screenshot(main, 'transfer-05-arrival-note');
    await owner.close();
  });
});
