import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_URL, horizontalOverflow, launch, png, screenshot, signedIn } from './platform';

describe('the owner replying in the branch group', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launch(); });
  afterAll(async () => { await browser?.close(); });

  it('replies with a picture and an @mention, then finds the reply by search', async () => {
    const context = await signedIn(browser, 'owner');
    const page = await context.newPage();
    const thumbnails: string[] = [];
    page.on('request', (r) => { if (/\/api\/chat\/attachments\/[^/]+\/thumbnail$/.test(r.url())) thumbnails.push(r.url()); });
    await page.goto(`${BASE_URL}/chat`);
    await page.getByRole('link', { name: /门店群/ }).first().click();
    const composer = page.getByLabel('输入消息');
    await composer.waitFor();

    const stamp = `E2E-${Date.now().toString(36)}`;
    await composer.fill(`今天盘点 ${stamp}`);
    await page.getByRole('button', { name: '发送' }).click();
    // Sent and numbered by the server (a pending copy has no seq yet); found by seq, since the reply quotes its text too.
    const sent = page.locator('.message.mine[data-seq]', { hasText: `今天盘点 ${stamp}` }).last();
    await sent.waitFor();
    const original = page.locator(`.message[data-seq="${await sent.getAttribute('data-seq')}"]`);

    // 编辑, then 已编辑 opens the earlier version under the message.
    await original.getByRole('button', { name: '编辑', exact: true }).click();
    await page.getByLabel('编辑消息').fill(`今天盘点 ${stamp} 改到下午`);
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await original.getByRole('button', { name: '（已编辑）' }).click();
    await original.locator('.edit-history li', { hasText: '原文' }).filter({ hasText: `今天盘点 ${stamp}` }).waitFor();
    await original.locator('.edit-history li', { hasText: '当前' }).filter({ hasText: '改到下午' }).waitFor();

    await original.getByRole('button', { name: /^回复/ }).click();
    await composer.pressSequentially('@店');
    await page.getByRole('option').filter({ hasText: '所有店长' }).click();
    await composer.pressSequentially(`看看货架 ${stamp}`);
    await page.locator('#composer-file').setInputFiles({ name: 'shelf.png', mimeType: 'image/png', buffer: png(640, 480) });
    await page.locator('.upload-preview.done').waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, '13-chat-reply-with-picture');
    await page.getByRole('button', { name: '发送' }).click();

    const reply = page.locator('.message.mine[data-seq]', { hasText: `看看货架 ${stamp}` }).last();
    await reply.locator('.reply-quote', { hasText: `今天盘点 ${stamp}` }).waitFor();
    await reply.locator('.mention', { hasText: '@店长' }).waitFor();
    // The picture in the thread is the server's small thumbnail, not the full upload.
    await reply.locator('.attachment-thumb img').waitFor();
    expect(thumbnails.length).toBeGreaterThan(0);
    // 已读/未读: the author asks who has read the reply.
    await reply.getByRole('button', { name: '查看已读' }).click();
    await reply.locator('.read-receipt-detail').waitFor();
    await original.getByRole('button', { name: '1 条回复' }).waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, '14-chat-reply-thread');

    await page.goto(`${BASE_URL}/search`);
    await page.getByLabel('搜索聊天记录').fill(stamp);
    await page.getByLabel('搜索聊天记录').press('Enter');
    await page.locator('.search-hit', { hasText: `看看货架 ${stamp}` }).waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, '15-chat-search');
    await context.close();
  });
});
