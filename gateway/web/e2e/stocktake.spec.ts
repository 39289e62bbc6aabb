import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_URL, HOP, api, horizontalOverflow, launch, screenshot, signedIn } from './platform';

interface Line { sku: string; counted: number | null; counts: Array<{ countId: string; quantity: number }> }
interface View { id: string; status: string; lines: Line[]; zones: Array<{ zoneId: string; name: string; status: string }> }

// 盘点 on phones at 总店: the owner opens a stocktake of two zones; 小李 counts 前台 — one count whose answer is lost, one
// with the phone offline — and both reach the server once; the owner explains the one variance, completes, and reads the
// accuracy in the history.
describe('a stocktake counted from a phone', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launch(); });
  afterAll(async () => { await browser?.close(); });

  async function noSidewaysScroll(page: Page, name: string) {
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, name);
  }

  it('is opened, counted partly offline without double counts, explained, completed and shows its accuracy', async () => {
    const run = Date.now().toString(36).toUpperCase();
    const category = `盘点测试${run}`;
    // Products of a category of their own, so no other open stocktake of 总店 covers them.
    const products = [
      { sku: `STA-${run}`, name: `盘点中性笔${run}`, price: 2, stock: 10, counted: 10 },
      { sku: `STB-${run}`, name: `盘点笔记本${run}`, price: 3, stock: 5, counted: 1 },
      { sku: `STD-${run}`, name: `盘点橡皮${run}`, price: 1, stock: 4, counted: 4 },
      { sku: `STC-${run}`, name: `盘点直尺${run}`, price: 5, stock: 8, counted: 8 },
    ];
    const [a, b, d, c] = products;
    for (const p of products) {
      await api('owner', 'POST', '/api/inventory/products', {
        sku: p.sku, name: p.name, spec: '标准', brand: '晨光', category, unit: '个', barcode: null, retailPrice: p.price, packSize: 10,
      });
    }
    await api('owner', 'POST', '/api/inventory/branches/main/receipts',
      { reference: `R-${run}`, lines: products.map((p) => ({ sku: p.sku, quantity: p.stock })) });

    // The owner opens it from 库存 → 盘点: 前台 (three products) for 小李, 仓库 (one) for the owner.
    const owner = await signedIn(browser, 'owner');
    const manager = await owner.newPage();
    await manager.addInitScript(() => localStorage.setItem('stationery.branch', 'main'));
    await manager.goto(`${BASE_URL}/stock`);
    await manager.getByRole('link', { name: '盘点', exact: true }).click();
    await manager.getByRole('heading', { name: '盘点', exact: true }).waitFor();
    await manager.getByRole('button', { name: '开始盘点' }).click();
    const form = manager.locator('form[aria-labelledby="open-title"]');
    await form.getByRole('button', { name: '再加一个区域' }).click();
    const zones = form.locator('fieldset.zone-draft');
    await zones.nth(0).getByLabel('区域名称').fill('前台');
    await zones.nth(0).getByLabel('区域范围').selectOption('skus');
    await zones.nth(0).getByLabel(/商品编码/).fill(`${a.sku} ${b.sku}, ${d.sku}`);
    await zones.nth(0).getByLabel('小李 负责清点').check();
    await zones.nth(1).getByLabel('区域名称').fill('仓库');
    await zones.nth(1).getByLabel('区域范围').selectOption('skus');
    await zones.nth(1).getByLabel(/商品编码/).fill(c.sku);
    await zones.nth(1).getByLabel('张店长 负责清点').check();
    await noSidewaysScroll(manager, 'stocktake-01-open');
    await form.getByRole('button', { name: '开始盘点' }).click();
    await manager.waitForURL(/\/stocktakes\/[^/]+$/);
    const id = decodeURIComponent(new URL(manager.url()).pathname.split('/')[2]);
    await manager.getByText('已清点 0/3').waitFor();
    await noSidewaysScroll(manager, 'stocktake-02-opened');

    // 小李 finds 前台 under 我的区域 and counts it.
    const clerkContext = await signedIn(browser, 'clerk');
    const clerk = await clerkContext.newPage();
    await clerk.goto(`${BASE_URL}/stocktakes`);
    const card = clerk.locator('li.stocktake-card', { hasText: id });
    await card.locator('li.zone-row', { hasText: '我的区域' }).getByText('前台').waitFor();
    await card.getByRole('link', { name: '去清点' }).click();
    await clerk.getByRole('heading', { name: '清点：前台' }).waitFor();

    async function count(sku: string, name: string, quantity: number) {
      await clerk.getByLabel('搜索本区域商品').fill(sku);
      await clerk.getByRole('button', { name: new RegExp(name) }).click();
      await clerk.getByText(`正在清点：${name} 标准`).waitFor();
      await clerk.getByLabel('实盘数量').fill(String(quantity));
      await clerk.getByRole('button', { name: '记录', exact: true }).click();
    }
    const mine = (name: string) => clerk.locator('li.my-count', { hasText: name });

    await count(a.sku, a.name, a.counted);
    await clerk.getByText(`已记录：${a.name} 标准 ${a.counted}`).waitFor();
    await mine(a.name).getByText('已同步').waitFor();

    // The server records this one but its answer never reaches the phone: it stays 待同步, to be sent again.
    const countsRoute = `**/api/inventory/branches/main/stocktakes/${encodeURIComponent(id)}/zones/*/counts`;
    await clerk.route(countsRoute, async (route) => {
      await route.fetch();
      await route.abort('internetdisconnected');
    });
    await count(b.sku, b.name, b.counted);
    await clerk.getByText(`已存到手机（待同步）：${b.name} 标准 ${b.counted}`).waitFor();

    // No signal at all for the next one.
    await clerkContext.setOffline(true);
    await clerk.unroute(countsRoute);
    await count(d.sku, d.name, d.counted);
    await clerk.getByText(`已存到手机（待同步）：${d.name} 标准 ${d.counted}`).waitFor();
    await mine(b.name).getByText('待同步').waitFor();
    await mine(d.name).getByText('待同步').waitFor();
    await clerk.getByRole('button', { name: '完成本区域' }).isDisabled().then((disabled) => expect(disabled).toBe(true));
    await noSidewaysScroll(clerk, 'stocktake-03-offline');

    // Signal back: both go in one batch; the lost one is answered as a duplicate and counted once.
    await clerkContext.setOffline(false);
    await mine(b.name).getByText('已同步').waitFor({ timeout: HOP });
    await mine(d.name).getByText('已同步').waitFor({ timeout: HOP });
    const counted = await api<View>('owner', 'GET', `/api/inventory/branches/main/stocktakes/${encodeURIComponent(id)}`);
    const line = (sku: string) => counted.lines.find((l) => l.sku === sku)!;
    expect(line(b.sku).counts).toHaveLength(1);
    expect(line(b.sku).counted).toBe(b.counted);
    expect(line(d.sku).counted).toBe(d.counted);
    expect(line(a.sku).counted).toBe(a.counted);
    await noSidewaysScroll(clerk, 'stocktake-04-synced');

    await clerk.getByRole('button', { name: '完成本区域' }).click();
    await clerk.getByRole('button', { name: '确定完成' }).click();
    await clerk.waitForURL(/\/stocktakes\/[^/]+$/);
    await clerk.locator('li.zone-row', { hasText: '前台' }).getByText(/已完成/).waitFor();
    await clerkContext.close();

    // The owner's own zone, counted through the API.
    const warehouse = counted.zones.find((z) => z.name === '仓库')!;
    const base = `/api/inventory/branches/main/stocktakes/${encodeURIComponent(id)}/zones/${warehouse.zoneId}`;
    await api('owner', 'POST', `${base}/counts`, { countId: `c-${run}`, sku: c.sku, quantity: c.counted });
    await api('owner', 'POST', `${base}/finish`);

    // The variance blocks completion until explained; the refusal names the product.
    await manager.reload();
    const variance = manager.locator('li.variance', { hasText: b.name });
    await variance.getByText('账面 5，实盘 1，差异 -4 个').waitFor();
    await variance.getByText(/差异超过阈值/).waitFor();
    await manager.getByRole('button', { name: '完成盘点' }).click();
    await manager.getByRole('alert').filter({ hasText: b.name }).waitFor();
    await noSidewaysScroll(manager, 'stocktake-05-unexplained');

    await variance.getByLabel('差异原因').selectOption({ label: '损坏' });
    await variance.getByLabel('备注').fill('包装破损，已报废');
    await variance.getByRole('button', { name: '提交说明' }).click();
    await variance.getByText('原因：损坏（张店长）：包装破损，已报废').waitFor();
    await manager.getByRole('button', { name: '完成盘点' }).click();
    await manager.getByText('已调整 1 个商品的库存').waitFor();
    // Σ|variance| 4 of 27 units expected; ¥12 of ¥79 at retail.
    await manager.getByText('准确率：数量 85.2%，金额 84.8%').waitFor();
    await noSidewaysScroll(manager, 'stocktake-06-completed');

    await manager.getByRole('link', { name: '盘点', exact: true }).click();
    const past = manager.locator('li.history-row', { hasText: id });
    await past.getByText('准确率：数量 85.2%，金额 84.8%').waitFor();
    await noSidewaysScroll(manager, 'stocktake-07-history');
    const stock = await api<{ stock: { onHand: number } }>('owner', 'GET', `/api/inventory/branches/main/stock/${b.sku}`);
    expect(stock.stock.onHand).toBe(b.counted);
    await owner.close();
  });
});
