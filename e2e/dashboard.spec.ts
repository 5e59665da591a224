import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Decimal from 'decimal.js';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatsRecords, StatsSummary } from '../src/shared/api/stats.js';
import { DEMO_PASSWORD, launch, newContext, SCREENSHOTS, signIn } from './support.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

/** A full-page screenshot; the dashboard is long and full of canvases, so give it time on a busy machine. */
async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true, timeout: 60_000 });
}

/** Every record behind a figure, all pages, summed exactly. */
async function sumOfRecords(page: Page, query: URLSearchParams, figure: string): Promise<{ sum: Decimal; total: string | null; count: number }> {
  let sum = new Decimal(0);
  let total: string | null = null;
  let count = 0;
  for (let p = 1; ; p += 1) {
    const q = new URLSearchParams(query);
    q.set('figure', figure);
    q.set('page', String(p));
    q.set('pageSize', '200');
    const res = await page.request.get(`/api/stats/records?${q.toString()}`);
    expect(res.status()).toBe(200);
    const body = (await res.json()) as StatsRecords;
    total = body.total;
    count = body.count;
    for (const item of body.items) sum = sum.plus(item.value);
    if (p * 200 >= body.count) break;
  }
  return { sum, total, count };
}

/** The summary the page asked for (its query string carries the period and unit it shows). */
async function waitForSummary(page: Page, action: () => Promise<unknown>): Promise<{ query: URLSearchParams; body: StatsSummary }> {
  const [response] = await Promise.all([page.waitForResponse((r) => r.url().includes('/api/stats/summary') && r.status() === 200), action()]);
  const query = new URL(response.url()).searchParams;
  return { query, body: (await response.json()) as StatsSummary };
}

describe('dashboard (驾驶舱)', () => {
  it('shows real figures to the bureau, and each opens to records that add up to it', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    // The bureau's home is the dashboard.
    const { query, body } = await waitForSummary(page, () => signIn(page, 'demo.bureau', DEMO_PASSWORD));
    await page.waitForURL(/\/dashboard/);
    expect(body.unit.name).toBe('信阳市'); // the whole city the bureau serves, not the bureau's own unit
    await page.getByTestId('dashboard-period').getByText('信阳市及全部下级单位').waitFor();

    // Cards show the API's numbers; the demo data has signings and funds this year.
    const signed = page.getByTestId('kpi-signed_amount').locator('button.zs-figure-large');
    await expect.poll(() => signed.getAttribute('data-value')).toBe(body.figures.signed_amount!.value);
    expect(new Decimal(body.figures.signed_amount!.value).gt(0)).toBe(true);
    const funds = page.getByTestId('kpi-funds_total').locator('button.zs-figure-large');
    const fundsValue = (await funds.getAttribute('data-value'))!;
    expect(fundsValue).toBe(body.figures.funds_total!.value);
    expect(new Decimal(fundsValue).gt(0)).toBe(true);
    await page.locator('[data-testid="trend-chart"] canvas').waitFor();
    await page.locator('[data-testid="unit-table"] tbody tr').nth(3).waitFor();
    await shot(page, 'dashboard-bureau');
    // The ranking table downloads as .xlsx with the same filters.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.zs-dash-units').getByRole('button', { name: /导出Excel/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);

    // Click the funds figure: the drawer lists tranches whose total equals the card.
    await funds.click();
    const total = page.getByTestId('records-total');
    await total.getByText('与驾驶舱数字一致').waitFor();
    expect(new Decimal((await total.getAttribute('data-total'))!).equals(fundsValue)).toBe(true);
    await page.locator('.zs-records-drawer .ant-table-row').first().waitFor();
    await shot(page, 'dashboard-drawer-funds');
    // And every record, all pages, adds up to exactly that figure.
    const records = await sumOfRecords(page, query, 'funds_total');
    expect(records.sum.equals(fundsValue)).toBe(true);
    expect(records.count).toBeGreaterThan(0);
    // A row links to its project.
    const href = await page.locator('.zs-records-drawer .ant-table-row a').first().getAttribute('href');
    expect(href).toMatch(/^\/projects\/\d+$/);
    await page.locator('.zs-records-drawer .ant-drawer-close').click();

    // A cell of the unit table (a county's signed projects) opens that county's records.
    const cell = page.locator('[data-testid="unit-table"] tbody button[data-figure="signed_count"]:not([data-value="0"])').first();
    const cellValue = (await cell.getAttribute('data-value'))!;
    await cell.click();
    await total.getByText('与驾驶舱数字一致').waitFor();
    expect(await page.locator('.zs-records-drawer .ant-pagination-total-text').innerText()).toContain(`共 ${cellValue} 条`);
    await shot(page, 'dashboard-drawer-unit');
    // The same records as .xlsx: one row per record and a 合计 row.
    const [recordsFile] = await Promise.all([page.waitForEvent('download'), page.getByTestId('records-export').click()]);
    expect(recordsFile.suggestedFilename()).toMatch(/^新签约项目.*\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await recordsFile.path())!);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(sheet.rowCount).getCell(1).value).toBe('合计');
    expect(sheet.rowCount - 3).toBe(Number(cellValue));
    await page.locator('.zs-records-drawer .ant-drawer-close').click();

    // Print: the A4 landscape page without the menus.
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 1123, height: 794 });
    expect(await page.locator('.zs-sider').isVisible()).toBe(false);
    await shot(page, 'dashboard-print');
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1440, height: 900 });
    mkdirSync(SCREENSHOTS, { recursive: true });
    const pdf = path.join(SCREENSHOTS, 'dashboard.pdf');
    await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
    // The stylesheet asks for A4 landscape (842 × 595 pt) by itself.
    expect(readFileSync(pdf).toString('latin1')).toMatch(/\/MediaBox \[0 0 84\d(\.\d+)? 59\d(\.\d+)?\]/);

    // 大屏: no app chrome, the same figures.
    await page.getByRole('button', { name: /大屏模式/ }).click();
    await page.waitForURL(/\/dashboard\/screen/);
    await page.setViewportSize({ width: 1920, height: 1080 });
    const screenFunds = page.getByTestId('screen-kpi-funds_total').locator('button.zs-figure');
    await expect.poll(() => screenFunds.getAttribute('data-value')).toBe(fundsValue);
    expect(await page.locator('.zs-sider').count()).toBe(0);
    await page.locator('[data-testid="industry-chart"] canvas').waitFor();
    await page.waitForTimeout(800); // chart animation
    await page.screenshot({ path: path.join(SCREENSHOTS, 'dashboard-screen.png'), timeout: 60_000 });
    await context.close();
  }, 240_000); // one journey through many pages: minutes on a loaded machine

  it('offers a county user only their own subtree', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, 'demo.gushi', DEMO_PASSWORD);
    await page.getByRole('menuitem', { name: '驾驶舱' }).waitFor();
    const { body } = await waitForSummary(page, () => page.getByRole('menuitem', { name: '驾驶舱' }).click());
    expect(body.unit.name).toBe('固始县');
    await page.getByTestId('dashboard-period').getByText('固始县及全部下级单位').waitFor();
    await page.getByTestId('kpi-signed_count').locator('button.zs-figure-large').waitFor();

    await page.getByLabel('单位', { exact: true }).click();
    // Each option reads "<name> <unit type>": the county, its towns and parks; nothing above or beside it.
    const titles = page.locator('.ant-select-dropdown:visible .ant-select-tree-title');
    await titles.first().waitFor();
    const names = await titles.allInnerTexts();
    expect(names[0]).toMatch(/^固始县/);
    expect(names.some((n) => /^(信阳市|浉河区|平桥区|潢川县)/.test(n))).toBe(false);
    await shot(page, 'dashboard-county-units');
    // The server agrees: another county is out of scope.
    const other = await page.request.get(`/api/stats/summary?from=${body.from}&to=${body.to}&unit=1`);
    expect(other.status()).toBe(404);
    await context.close();
  });
});
