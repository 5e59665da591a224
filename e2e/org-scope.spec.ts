import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, launch, newContext, shot, signIn } from './support.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

/** Pick an option in an antd Select/TreeSelect inside the form item labelled `label`. */
async function choose(page: Page, label: string, option: string) {
  const dialog = page.getByRole('dialog');
  const item = dialog.locator('.ant-form-item').filter({ has: page.getByText(label, { exact: true }) }).first();
  const select = item.locator('.ant-select').first();
  await select.click();
  // Type only into a searchable select: filling the read-only input of a plain one waits out the
  // whole step timeout (15 s) before failing, which is where this spec used to spend most of its time.
  if (await select.evaluate((el) => el.classList.contains('ant-select-show-search'))) await item.locator('input').first().fill(option);
  await page.locator('.ant-select-dropdown:visible').getByText(option).first().click();
  // A click that lands while the dropdown is still animating open selects nothing: check, and pick again.
  const chosen = item.locator(`.ant-select [title="${option}"]`);
  for (let attempt = 0; attempt < 3 && !(await chosen.isVisible()); attempt++) {
    await page.waitForTimeout(300);
    if (!(await page.locator('.ant-select-dropdown:visible').count())) await select.click();
    await page.locator('.ant-select-dropdown:visible').getByText(option).first().click();
  }
  await chosen.waitFor();
}

describe('org tree and data scope', () => {
  it('creates a unit and a user in it; that user sees only their subtree', async () => {
    const unitName = `测试县${Date.now() % 100000}`;
    const username = `e2e.user${Date.now() % 100000}`;
    const admin = await newContext(browser);
    const page = await admin.newPage();
    await signIn(page, 'admin', ADMIN_PASSWORD);
    await page.getByRole('menuitem', { name: '组织架构' }).click();
    await page.getByRole('tree').getByText('信阳市', { exact: true }).first().click();
    await page.getByRole('button', { name: /新增下级单位/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('单位名称').fill(unitName);
    await choose(page, '单位类型', '县/区');
    await shot(page, 'org-create-unit');
    await dialog.getByRole('button', { name: /新\s*增/ }).click();
    await page.getByText(`已新增“${unitName}”`).waitFor();
    await page.getByPlaceholder('按名称筛选单位').fill(unitName);
    await page.getByRole('tree').getByText(unitName, { exact: true }).waitFor();

    await page.getByRole('menuitem', { name: '用户管理' }).click();
    await page.getByRole('button', { name: /新增用户/ }).click();
    await dialog.getByLabel('用户名').fill(username);
    await dialog.getByLabel('姓名').fill('测试招商员');
    await choose(page, '所属单位', unitName);
    await choose(page, '角色', '单位招商员');
    await shot(page, 'users-create-user');
    await dialog.getByRole('button', { name: /新\s*增/ }).click();
    const temporary = (await page.getByTestId('temporary-password').innerText()).trim();
    expect(temporary).toMatch(/^[A-Za-z0-9]{8,}$/);
    await shot(page, 'users-temporary-password');
    await admin.close();

    const user = await newContext(browser);
    const p2 = await user.newPage();
    await signIn(p2, username, temporary);
    // First sign-in: a new password is required before anything else.
    await p2.getByText('请先修改密码').first().waitFor();
    await p2.locator('#currentPassword').fill(temporary);
    await p2.locator('#newPassword').fill('E2e-user-pass-1');
    await p2.locator('#confirmPassword').fill('E2e-user-pass-1');
    await p2.getByRole('button', { name: '修改密码' }).last().click();
    await p2.getByText('密码已修改').waitFor();
    await p2.goto('/org');
    await p2.getByRole('tree').getByText(unitName, { exact: true }).waitFor();
    await shot(p2, 'org-scoped-user');
    // Their scope is their own county: the city and the other counties are not in the tree.
    expect(await p2.getByRole('tree').getByText('信阳市', { exact: true }).count()).toBe(0);
    expect(await p2.getByRole('tree').getByText('固始县', { exact: true }).count()).toBe(0);
    // And the API agrees: the city is 404 for them.
    const res = await p2.request.get('/api/org-units?pageSize=200');
    const names = ((await res.json()) as { items: { name: string }[] }).items.map((u) => u.name);
    expect(names).toEqual([unitName]);
    await user.close();
  });
});
