import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_URL, HOP, api, horizontalOverflow, launch, screenshot, signedIn } from './platform';

interface StockRow { sku: string; name: string }
interface Order { id: string; status: string }

describe('a supplier contact', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launch(); });
  afterAll(async () => { await browser?.close(); });

  it('sees only their own channels and orders, confirms a purchase order, announces its delivery, exports the timeline and opens what a discrepancy cites', async () => {
    const supplier = await api<{ supplierId?: string }>('supplier', 'GET', '/api/identity/me');
    const supplierId = supplier.supplierId ?? 'demo-supplier-chenguang';
    // The owner sends this supplier an order for a pen (晨光 supplies 笔类).
    const board = await api<StockRow[]>('owner', 'GET', '/api/inventory/branches/main/stock?category=笔类');
    const order = await api<Order>('owner', 'POST', '/api/purchasing/branches/main/purchase-orders', {
      supplierId, lines: [{ sku: board[0].sku, quantity: 20 }],
    });

    const context = await signedIn(browser, 'supplier');
    const page = await context.newPage();
    await page.goto(`${BASE_URL}/chat`);
    await page.locator('.channel').first().waitFor();
    await page.locator('.channel', { hasText: '报价·' }).waitFor();
    const channels = await page.locator('.channel').allTextContents();
    // Its order channel and its price channel (报价), nothing else.
    expect(channels).toHaveLength(2);
    expect(await page.getByRole('link', { name: '库存' }).count()).toBe(0);
    await screenshot(page, '10-supplier-chat');

    await page.getByRole('link', { name: '订单' }).click();
    await page.locator('.order-link').first().waitFor();
    const visible = await api<Order[]>('supplier', 'GET', '/api/purchasing/purchase-orders');
    expect(visible.every((o) => (o as unknown as { supplierId: string }).supplierId === supplierId)).toBe(true);
    expect(await page.locator('.order-link').count()).toBe(visible.length);
    await screenshot(page, '11-supplier-orders');

    await page.goto(`${BASE_URL}/purchasing/orders/${encodeURIComponent(order.id)}`);
    await page.getByRole('heading', { name: '确认订单' }).waitFor();
    expect(await page.getByText('进价').count()).toBe(0);
    await page.getByRole('button', { name: '确认订单' }).click();
    await page.getByText('已确认订单').waitFor();
    await page.getByText('供应商已确认').first().waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, '12-supplier-confirmed');

    // 通知发货: the supplier says everything is coming tomorrow (the form's defaults) with a note; it shows on the timeline.
    await page.getByRole('heading', { name: '通知发货' }).waitFor();
    await page.getByLabel('备注（可选，如快递单号）').fill('顺丰 SF123');
    await page.getByRole('button', { name: '通知发货' }).click();
    await page.getByText('已通知发货').waitFor();
    await page.locator('.timeline li', { hasText: '通知发货' }).filter({ hasText: '顺丰 SF123' }).first().waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, '13-supplier-delivery-announced');

    // 导出时间线: fetched with the token and saved as a file.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /导出时间线/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${order.id}-timeline.csv`);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv).toContain('通知发货');

    // The shop receives 5 of the 20: the discrepancy card in the supplier's channel cites where the figures were agreed —
    // the order card and the confirmation — and 订单原文 opens the order card.
    await api('owner', 'POST', `/api/purchasing/purchase-orders/${encodeURIComponent(order.id)}/receipts`, {
      lines: [{ sku: board[0].sku, quantity: 5 }],
    });
    await page.goto(`${BASE_URL}/chat`);
    await page.locator('.channel', { hasText: '供应商·' }).first().click();
    const discrepancy = page.locator('.bot-card', { hasText: `到货差异 · ${order.id}` });
    await discrepancy.getByRole('link', { name: /订单原文/ }).waitFor({ timeout: HOP });
    await discrepancy.getByRole('link', { name: /供应商确认/ }).waitFor();
    const href = await discrepancy.getByRole('link', { name: /订单原文/ }).getAttribute('href');
    const seq = /#seq-(\d+)$/.exec(href ?? '')?.[1];
    expect(seq).toBeTruthy();
    await discrepancy.getByRole('link', { name: /订单原文/ }).click();
    await page.waitForFunction((s) => document.activeElement?.getAttribute('data-seq') === s, seq, { timeout: HOP });
    expect(await page.locator(`[data-seq="${seq}"]`).textContent()).toContain(order.id);
    await screenshot(page, '14-supplier-discrepancy-cites');
    await context.close();
  });
});
