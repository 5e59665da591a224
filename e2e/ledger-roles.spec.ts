import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, launch, newContext, shot, signIn } from './support.js';

// The ledger as the other roles see it, on the seeded demo data: a department answers its
// coordination issues, a referrer (乡贤) registers a lead and sees only their own, and the global
// search finds a project from two characters.
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

const tag = String(Date.now() % 1_000_000).padStart(6, '0');

describe('ledger: department, referrer, search', () => {
  it('a department sees its coordination-issue to-do list and answers one', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, 'demo.ziran', DEMO_PASSWORD);
    await page.getByRole('menuitem', { name: '部门待办' }).click();
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await rows.first().waitFor();
    await shot(page, 'ledger-todo-department');
    // Only issues assigned to this department, whatever the project's county.
    const issues = (await (await page.request.get('/api/issues?pageSize=100')).json()) as { items: { departmentName: string }[] };
    expect(issues.items.length).toBeGreaterThan(0);
    expect(new Set(issues.items.map((i) => i.departmentName))).toEqual(new Set(['信阳市自然资源和规划局']));

    // The 待办 view lists open issues only: each row offers 答复.
    const row = rows.first();
    const title = (await row.locator('td').nth(1).innerText()).split('\n')[0]!;
    await row.getByText('答复', { exact: true }).click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '答复协调问题' });
    await dialog.locator('textarea').first().fill(`已核实用地指标，可在本季度供地（测试${tag}）`);
    await dialog.getByRole('button', { name: '提交答复' }).click();
    await page.locator('.ant-message').getByText('已答复').waitFor();
    // It leaves the to-do view and shows under 已答复.
    await page.getByText('已答复', { exact: true }).first().click();
    await page.locator('.ant-table-tbody').getByText(title).first().waitFor();
    await context.close();
  });

  it('a referrer registers a lead (报备) and sees only their own registrations', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, 'demo.referrer', DEMO_PASSWORD);
    await page.getByRole('menuitem', { name: '首谈报备' }).click();
    await page.getByRole('button', { name: /首谈报备/ }).click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '提交报备' });
    const investor = `沪上测试${tag}食品有限公司`;
    await dialog.getByLabel('投资方名称').fill(investor);
    await dialog.getByLabel('意向项目').fill('年产5万吨休闲食品项目');
    const referrer = dialog.getByLabel('引荐人姓名');
    if (!(await referrer.inputValue())) await referrer.fill('示例乡贤');
    await dialog.getByRole('button', { name: '提交报备' }).click();
    const confirm = page.locator('.ant-modal-confirm').filter({ hasText: /报备成功|已登记，但与已有报备冲突/ });
    await confirm.getByRole('button').first().click();
    await page.getByText(investor).first().waitFor();
    await shot(page, 'ledger-referrals-referrer');
    const mine = (await (await page.request.get('/api/referrals?pageSize=100')).json()) as { items: { registeredBy: { displayName: string } }[] };
    expect(mine.items.length).toBeGreaterThan(1);
    expect(new Set(mine.items.map((r) => r.registeredBy.displayName))).toEqual(new Set(['示例·在沪固始乡贤']));
    await context.close();
  });

  it('the global search finds a project from a two-character query', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, 'demo.gushi', DEMO_PASSWORD);
    // Typed before the home page has settled, the query can be lost as the shell re-renders (seen under load).
    await page.getByText('常用功能').waitFor();
    const box = page.getByPlaceholder('搜索项目、客商、联系人');
    await box.click();
    await page.keyboard.type('羽绒');
    // A project option in the search's dropdown (the query is debounced; options re-render as it answers).
    const hit = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: /羽绒.*项目/ }).first();
    await hit.waitFor();
    await shot(page, 'ledger-search');
    await hit.click({ timeout: 5_000 }).catch(() => hit.click());
    await page.waitForURL(/\/projects\/\d+/);
    await context.close();
  });
});
