import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_URL, HOP, api, horizontalOverflow, launch, screenshot, signedIn } from './platform';

interface StockRow { sku: string; name: string; spec?: string; onHand: number; reorderPoint?: number | null; status: string }

describe('the owner acting on a live alert', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launch(); });
  afterAll(async () => { await browser?.close(); });

  it('sees a sale recorded in another tab raise the alert card live, and puts the item on the purchase list', async () => {
    const me = await api<{ branches?: string[] }>('owner', 'GET', '/api/identity/me').catch(() => ({ branches: [] }));
    const branch = me.branches?.[0] ?? 'main';
    const board = await api<StockRow[]>('owner', 'GET', `/api/inventory/branches/${branch}/stock?status=ok`);
    const item = board.find((r) => (r.reorderPoint ?? 0) > 0 && r.onHand > (r.reorderPoint ?? 0));
    expect(item, 'a product in stock above its reorder point').toBeTruthy();
    const sell = item!.onHand - item!.reorderPoint!;

    const context = await signedIn(browser, 'owner');
    const watch = await context.newPage();
    await watch.goto(`${BASE_URL}/chat`);
    // The owner has a 库存监控 per branch, listed by latest activity: open the one of the branch being sold from.
    const channels = await api<Array<{ id: string; branchName?: string }>>('owner', 'GET', '/api/chat/channels');
    const branchName = channels.find((c) => c.id === `${branch}-stock-watch`)?.branchName ?? '';
    await watch.getByRole('link', { name: /库存监控/ }).filter({ hasText: branchName }).first().click();
    await watch.getByLabel('输入消息').waitFor();

    // Another tab: the sale that takes the item down to its reorder point.
    const till = await context.newPage();
    await till.goto(`${BASE_URL}/stock/${encodeURIComponent(item!.sku)}`);
    await till.getByRole('button', { name: '记录销售' }).click();
    await till.getByLabel('数量').fill(String(sell));
    await till.getByRole('button', { name: '保存' }).click();
    await till.getByText('已记录').waitFor();
    await till.close();

    const card = watch.locator('.message.has-card', { hasText: item!.name }).last();
    await card.waitFor({ timeout: HOP });
    await screenshot(watch, '07-alert-card');
    await card.getByRole('button', { name: '加入采购清单' }).click();
    await card.getByText('已处理').waitFor();

    // The resolved card leads to the purchase list.
    await card.getByRole('link', { name: /查看采购清单/ }).click();
    await watch.getByRole('heading', { name: '采购清单' }).waitFor();
    const line = watch.locator('li.list-line', { hasText: item!.name }).last();
    await line.waitFor({ timeout: HOP });
    expect(await horizontalOverflow(watch)).toBeLessThanOrEqual(0);
    await screenshot(watch, '08-purchase-list');

    // The owner edits the line before ordering: a new quantity (rounded up to the supplier's packs), then its supplier.
    const listPath = `/api/purchasing/branches/${branch}/purchase-list`;
    type ListLine = { itemId: string; sku: string; quantity: number; requestedQuantity?: number; supplierId?: string; supplierChosen: boolean };
    const lines = async () => (await api<{ items: ListLine[] }>('owner', 'GET', listPath)).items.filter((l) => l.sku === item!.sku);
    const before = (await lines()).at(-1)!;
    const asked = before.quantity + 5;
    const quantity = line.getByLabel(`${item!.name} 的数量`);
    await quantity.fill(String(asked));
    await line.getByRole('button', { name: '改数量' }).click();
    // The server says what was asked only when rounding changed it.
    await expect.poll(async () => {
      const l = (await lines()).find((x) => x.itemId === before.itemId);
      return l ? l.requestedQuantity ?? l.quantity : null;
    }, { timeout: HOP }).toBe(asked);
    await line.getByLabel(`${item!.name} 的供应商`).selectOption({ label: '晨光文具供应商' });
    await expect.poll(async () => (await lines()).find((l) => l.itemId === before.itemId)?.supplierId ?? null, { timeout: HOP })
      .toBe('demo-supplier-chenguang');
    const edited = (await lines()).find((l) => l.itemId === before.itemId)!;
    expect(edited.supplierChosen).toBe(true);
    expect(edited.quantity).toBeGreaterThanOrEqual(asked);
    expect(await quantity.inputValue()).toBe(String(edited.quantity));
    if (edited.quantity > asked) await line.getByText(`要 ${asked}`).waitFor();
    expect(await horizontalOverflow(watch)).toBeLessThanOrEqual(0);
    await screenshot(watch, '08a-purchase-list-edited');

    // Send the list: one order per supplier; the edited line goes to the supplier picked for it, with its quantity.
    await watch.getByRole('button', { name: '生成采购单并发给供应商' }).click();
    await watch.getByText(/已生成 \d+ 张采购单/).waitFor({ timeout: HOP });
    const placed = await Promise.all((await watch.locator('a.inline-link').allTextContents()).map((id) =>
      api<{ id: string; supplierId: string; lines: Array<{ sku: string; ordered: number }> }>('owner', 'GET', `/api/purchasing/purchase-orders/${encodeURIComponent(id.trim())}`)));
    const order = placed.find((o) => o.lines.some((l) => l.sku === item!.sku));
    expect(order, 'a purchase order with the alerted item').toBeTruthy();
    expect(order!.supplierId).toBe('demo-supplier-chenguang');
    expect(order!.lines.find((l) => l.sku === item!.sku)!.ordered).toBe(edited.quantity);
    await screenshot(watch, '08b-orders-sent');
    await watch.locator('a.inline-link', { hasText: order!.id }).click();
    await watch.getByRole('heading', { name: new RegExp(order!.id) }).waitFor();
    await watch.getByText(item!.name).first().waitFor();
    expect(await horizontalOverflow(watch)).toBeLessThanOrEqual(0);
    await screenshot(watch, '08c-order-page');
    // It reached the supplier: their contact sees it among their orders.
    if (order!.supplierId === 'demo-supplier-chenguang') {
      const theirs = await api<Array<{ id: string }>>('supplier', 'GET', '/api/purchasing/purchase-orders');
      expect(theirs.map((o) => o.id)).toContain(order!.id);
    }
    await context.close();
  });
});
