import { pinyin } from 'pinyin-pro';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, DEMO_PASSWORD, launch, shot, signedInPage } from './support.js';

// The app shell around the ledger: the global search read as pinyin initials, the English UI on the
// ledger pages, and the shell at phone width (menu in a drawer, no sideways scrolling), with the
// audit-log viewer and the profile page at desktop size.
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

/** A full-page screenshot from the top (a page opened at a tab scrolls down to it). */
async function snap(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, name);
}

/** Neither the page nor anything on it scrolls sideways. */
async function expectNoHorizontalOverflow(page: Page) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
}

describe('shell: search, language, phone layout', () => {
  it('the global search finds a demo project from the pinyin initials of its name', async () => {
    const { context, page } = await signedInPage(browser, 'demo.gushi', DEMO_PASSWORD);
    await page.getByRole('menuitem', { name: '项目台账' }).waitFor();
    // A demo project of the county whose name is all Chinese characters: its initials, as a user would type them.
    const list = (await (await page.request.get('/api/projects?pageSize=100&sort=name&order=asc')).json()) as { items: { id: number; name: string; isDemo: boolean }[] };
    const project = list.items.find((p) => p.isDemo && /^[\u4e00-\u9fff]{8,20}$/.test(p.name))!;
    expect(project).toBeTruthy();
    const initials = pinyin(project.name, { pattern: 'first', toneType: 'none', type: 'array' }).join('').toLowerCase();
    expect(initials).toMatch(/^[a-z]{8,20}$/);

    const box = page.getByPlaceholder('搜索项目、客商、联系人');
    await box.click();
    const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/search' && new URL(r.url()).searchParams.get('q') === initials);
    await page.keyboard.type(initials);
    const found = (await (await answered).json()) as { projects: { id: number; title: string; highlight: { ranges: number[][] } }[] };
    expect(found.projects[0]).toMatchObject({ id: project.id, title: project.name, highlight: { ranges: [[0, project.name.length]] } });
    const hit = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: project.name }).first();
    await hit.waitFor();
    // The characters the initials spell are marked (once the debounced search for the whole query has answered).
    await expect.poll(() => hit.locator('mark').allInnerTexts()).toEqual([project.name]);
    await shot(page, 'search-pinyin');
    await hit.click({ timeout: 5_000 }).catch(() => hit.click());
    await page.waitForURL(new RegExp(`/projects/${project.id}$`));
    await page.getByRole('heading', { name: project.name }).waitFor();
    await context.close();
  });

  it('switches the ledger pages to English and back', async () => {
    const { context, page } = await signedInPage(browser, 'demo.gushi', DEMO_PASSWORD);
    await page.getByRole('menuitem', { name: '项目台账' }).click();
    await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    await page.locator('.zs-header').getByText('English', { exact: true }).click();

    // The projects list: menu, title, actions, filters, table headers and totals in English.
    await page.getByRole('menuitem', { name: 'Project ledger' }).waitFor();
    await page.getByRole('heading', { name: 'Project ledger' }).waitFor();
    for (const name of ['Import Excel', 'Export Excel', 'New project']) await page.getByRole('button', { name }).waitFor();
    const filters = page.getByRole('search', { name: 'Project filters' });
    await filters.getByPlaceholder('Project, enterprise or contact; pinyin initials work').waitFor();
    await filters.getByText('Stage / state').first().waitFor();
    const headers = (await page.locator('.ant-table-thead th').allInnerTexts()).map((h) => h.trim()).filter(Boolean);
    expect(headers).toContain('Project');
    expect(headers.join(' ')).not.toMatch(/[\u4e00-\u9fff]/);
    expect(await page.locator('.zs-ledger-totals').innerText()).toMatch(/In total \d+ projects/);
    await page.getByText('Board', { exact: true }).waitFor();
    await snap(page, 'projects-en');

    // A project page: header actions, fact cards and tabs in English (names stay as entered).
    await page.locator('.ant-table-tbody tr.ant-table-row').first().getByRole('link').first().click();
    await page.waitForURL(/\/projects\/\d+/);
    await page.getByRole('button', { name: 'Request stage change' }).waitFor();
    await page.getByText('Basic facts', { exact: true }).waitFor();
    await page.getByText('Where it stands', { exact: true }).waitFor();
    for (const tab of ['Follow-ups', 'Stage history', 'Milestones', 'Coordination', 'Files']) await page.getByRole('tab', { name: tab }).waitFor();
    const tabs = (await page.getByRole('tab').allInnerTexts()).join(' ');
    expect(tabs).not.toMatch(/[\u4e00-\u9fff]/);
    await page.getByRole('tab', { name: 'Stage history' }).click();
    await page.getByRole('tabpanel').getByText(/^(Every requested stage change and its review, newest first\.|No stage changes yet)/).first().waitFor();
    await snap(page, 'project-en');

    // And back: the same page in Chinese.
    await page.locator('.zs-header').getByText('中文', { exact: true }).click();
    await page.getByRole('button', { name: '申请阶段变更' }).waitFor();
    await page.getByRole('tab', { name: '阶段历史' }).waitFor();
    await page.getByRole('menuitem', { name: '项目台账' }).waitFor();
    await context.close();
  });

  it('at phone width the menu is a drawer and /, /org, /users, /audit, /profile fit the screen', async () => {
    const { context, page } = await signedInPage(browser, 'admin', ADMIN_PASSWORD, { width: 390, height: 844 });
    const openMenu = page.getByRole('button', { name: '打开菜单' });
    await openMenu.waitFor();
    // No side menu on a phone: the menu opens as a drawer and closes after choosing a page.
    expect(await page.locator('.zs-sider').count()).toBe(0);
    await openMenu.click();
    const drawer = page.locator('.ant-drawer-open').getByRole('dialog');
    await drawer.getByRole('menuitem', { name: '组织架构' }).waitFor();
    // Once the drawer has slid in (no transition running), it covers the left edge.
    await expect.poll(() => page.evaluate(() => document.getAnimations().filter((a) => a.playState === 'running').length)).toBe(0);
    expect(await drawer.evaluate((el) => Math.round(el.getBoundingClientRect().left))).toBe(0);
    await snap(page, 'phone-menu-drawer');
    await drawer.getByRole('menuitem', { name: '组织架构' }).click();
    await page.waitForURL(/\/org$/);
    await page.locator('.ant-drawer-open').waitFor({ state: 'detached' });

    const pages: { path: string; ready: (p: Page) => Locator; name: string }[] = [
      { path: '/', ready: (p) => p.getByText('常用功能'), name: 'phone-home' },
      { path: '/org', ready: (p) => p.getByRole('tree').getByText('信阳市', { exact: true }).first(), name: 'phone-org' },
      { path: '/users', ready: (p) => p.locator('.ant-table-tbody tr.ant-table-row').first(), name: 'phone-users' },
      { path: '/audit', ready: (p) => p.locator('.ant-table-tbody tr.ant-table-row').first(), name: 'phone-audit' },
      { path: '/profile', ready: (p) => p.locator('.ant-descriptions').getByText('admin', { exact: true }), name: 'phone-profile' },
    ];
    for (const { path, ready, name } of pages) {
      await page.goto(path);
      await ready(page).waitFor();
      await expectNoHorizontalOverflow(page);
      await snap(page, name);
    }
    await context.close();
  });

  it('the audit-log viewer and the profile page at desktop size', async () => {
    const { context, page } = await signedInPage(browser, 'admin', ADMIN_PASSWORD);
    await page.getByRole('menuitem', { name: '审计日志' }).click();
    await page.waitForURL(/\/audit/);
    const first = page.locator('.ant-table-tbody tr.ant-table-row').first();
    await first.waitFor();
    // Open the first entry: what changed, before and after.
    await first.locator('.ant-table-row-expand-icon').click();
    await page.locator('.ant-table-expanded-row').first().waitFor();
    await expectNoHorizontalOverflow(page);
    await snap(page, 'audit-desktop');

    await page.getByRole('menuitem', { name: '个人资料' }).click();
    await page.waitForURL(/\/profile/);
    await page.locator('.ant-descriptions').getByText('admin', { exact: true }).waitFor();
    await page.locator('.ant-descriptions').getByText('系统管理员').first().waitFor();
    await expectNoHorizontalOverflow(page);
    await snap(page, 'profile-desktop');
    await page.getByRole('tab', { name: '修改密码' }).click();
    await page.locator('#currentPassword').waitFor();
    await snap(page, 'profile-password-desktop');
    await context.close();
  });
});
