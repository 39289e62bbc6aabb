import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_URL, horizontalOverflow, launch, screenshot, signedIn } from './platform';

// 发起会话 on a phone: the owner starts a direct conversation with a clerk, creates a group, adds and removes members,
// reads the member list, and @ suggests a member who has never posted.
describe('conversations started from the app', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launch(); });
  afterAll(async () => { await browser?.close(); });

  it('lets the owner start a DM and a group, manage its members and @ a member who never posted', async () => {
    const owner = await signedIn(browser, 'owner');
    const page = await owner.newPage();
    await page.goto(`${BASE_URL}/chat`);

    await page.getByRole('button', { name: '发起会话' }).click();
    const dialog = page.getByRole('dialog', { name: '发起会话' });
    await dialog.getByRole('radio', { name: /小李/ }).check();
    await dialog.getByRole('button', { name: '开始私聊' }).click();
    await page.waitForURL(/\/chat\/dm-[0-9a-f]{32}$/);
    const dm = page.url();
    // The list names a direct conversation after the other person.
    await page.getByRole('heading', { name: '小李', exact: true }).waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'conversations-01-direct');

    // The same two people again: the same conversation, not a second one.
    await page.goto(`${BASE_URL}/chat`);
    await page.getByRole('button', { name: '发起会话' }).click();
    await page.getByRole('dialog', { name: '发起会话' }).getByRole('radio', { name: /小李/ }).check();
    await page.getByRole('dialog', { name: '发起会话' }).getByRole('button', { name: '开始私聊' }).click();
    await page.waitForURL(dm);

    const name = `开学备货${Date.now().toString(36).slice(-4)}`;
    await page.goto(`${BASE_URL}/chat`);
    await page.getByRole('button', { name: '发起会话' }).click();
    const start = page.getByRole('dialog', { name: '发起会话' });
    await start.getByText('群聊', { exact: true }).click();
    await start.getByLabel('群名称').fill(name);
    await start.getByRole('checkbox', { name: /小李/ }).check();
    await start.getByRole('button', { name: '创建群聊' }).click();
    await page.waitForURL(/\/chat\/g-[0-9a-f]{32}$/);
    await page.getByRole('heading', { name }).waitFor();

    await page.getByRole('button', { name: /查看成员/ }).click();
    const sheet = page.getByRole('dialog', { name: '成员（2 人）' });
    await sheet.getByText('张店长 (我)').waitFor();
    await sheet.getByText('小李', { exact: true }).waitFor();
    await sheet.getByRole('button', { name: '添加成员' }).click();
    await sheet.getByRole('checkbox', { name: /小王/ }).check();
    await sheet.getByRole('button', { name: '添加所选同事' }).click();
    const three = page.getByRole('dialog', { name: '成员（3 人）' });
    await three.getByText('小王', { exact: true }).waitFor();
    await screenshot(page, 'conversations-02-members');
    await three.getByRole('button', { name: '移出 小李' }).click();
    const two = page.getByRole('dialog', { name: '成员（2 人）' });
    await two.getByText('小王', { exact: true }).waitFor();
    expect(await two.getByText('小李', { exact: true }).count()).toBe(0);
    await two.getByRole('button', { name: '关闭' }).click();

    // Nobody has posted in the new group: 小王 is suggested from the member list.
    const composer = page.getByRole('combobox', { name: '输入消息' });
    await composer.fill('@小');
    const suggestions = page.getByRole('listbox', { name: '可以@的人和角色' });
    await suggestions.getByRole('option', { name: /@小王/ }).waitFor();
    expect(await suggestions.getByRole('option', { name: /@小李/ }).count()).toBe(0);
    await screenshot(page, 'conversations-03-mention');
    await owner.close();
  });
});
