import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ImportJob } from '../src/shared/api/import.js';
import { TEMPLATE_HEADERS } from '../src/shared/import/columns.js';
import { formatWan } from '../src/shared/money.js';
import { STAGE_LABELS, type SideState, type Stage } from '../src/shared/project.js';
import { clickForResponse, DEMO_PASSWORD, launch, pickOption, shot, signedInPage } from './support.js';

// The ledger in bulk, as a county officer (demo.gushi) sees it: an Excel ledger imported through
// the dry-run preview (a synonym header, an amount in 亿元, a column mapped by hand, a bad row),
// re-imported unchanged; the list filtered by stage and industry, as a table and as a kanban whose
// column totals are the API's; and the filtered list exported to .xlsx. Names carry a run tag so a
// re-run against the same server does not collide.
const tag = String(Date.now() % 1_000_000).padStart(6, '0') + Math.random().toString(36).slice(2, 5);
const prefix = `导入测试${tag}`;
const unknownHeader = `推进情况${tag}`;
const fileName = `固始县项目台账${tag}.xlsx`;

interface Summary {
  id: number;
  name: string;
  stage: Stage;
  sideState: SideState | null;
  industryCode: string | null;
  contractedInvestment: string | null;
  plannedInvestment: string | null;
  nextStep: string | null;
}
interface Board {
  columns: { stage: Stage; count: number; contractedTotal: string; plannedTotal: string }[];
}

let browser: Browser;
let county: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launch();
  ({ context: county, page: page } = await signedInPage(browser, 'demo.gushi', DEMO_PASSWORD));
  await page.getByRole('menuitem', { name: '项目台账' }).waitFor();
});
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await shot(page, `import-export-failed-${ctx.task.name.slice(0, 20)}`).catch(() => undefined);
});
afterAll(async () => {
  await county?.close();
  await browser?.close();
});

/** A county's own ledger: a title row, synonym headers, an amount column in 亿元, a column the importer does not know, and one bad amount. */
async function countyLedger(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('台账');
  ws.addRow(['固始县招商引资项目台账（测试）']);
  ws.addRow(['序号', '项目名', '所属县区', '投资方', '签约金额（亿元）', '所属行业', unknownHeader]);
  ws.addRow([1, `${prefix}甲项目`, '固始县', `${prefix}甲公司`, 1.2, '1942', '已签框架协议，待供地']);
  ws.addRow([2, `${prefix}乙项目`, '固始县', `${prefix}乙公司`, 0.35, '1941', '洽谈用地指标']);
  ws.addRow([3, `${prefix}丙项目`, '固始县', `${prefix}丙公司`, '很多', '1941', '待定']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The value shown on the preview's statistic card titled `title`. */
const statistic = (title: string) => page.locator('.ant-statistic').filter({ hasText: title }).locator('.ant-statistic-content-value');

async function uploadLedger(file: Buffer): Promise<ImportJob> {
  const answered = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/import/projects');
  await page.locator('.ant-upload input[type=file]').setInputFiles({ name: fileName, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file });
  const response = await answered;
  expect(response.status()).toBe(200);
  await page.waitForURL(/\/import\?job=\d+/);
  return (await response.json()) as ImportJob;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');


/** An option of the open dropdown, by its whole label. */
const option = (label: string) => page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: new RegExp(`^${escape(label)}$`) }).first();

/** Pick stages by their labels in the filter bar's stage/side-state picker. */
async function pickStages(labels: string[]) {
  const select = page.getByRole('search', { name: '项目筛选' }).locator('.ant-select').filter({ has: page.getByLabel('阶段 / 状态') }).first();
  for (const label of labels) await pickOption(select, option(label), option(label).and(page.locator('.ant-select-item-option-selected')));
  await page.keyboard.press('Escape');
}

describe('ledger in bulk: Excel import, filters and kanban, export', () => {
  it('county staff imports an Excel ledger through the dry-run preview, maps a column, commits; a re-import changes nothing', async () => {
    await page.goto('/projects');
    await page.getByRole('button', { name: '导入Excel' }).click();
    await page.waitForURL(/\/import$/);

    // The blank template: the headers the importer and the export use, and the 填写说明 sheet.
    const [template] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载空白模板' }).click()]);
    expect(template.suggestedFilename()).toMatch(/\.xlsx$/);
    const blank = new ExcelJS.Workbook();
    await blank.xlsx.readFile(await template.path());
    expect((blank.worksheets[0]!.getRow(1).values as unknown[]).slice(1)).toEqual(TEMPLATE_HEADERS);
    expect(blank.worksheets.map((w) => w.name)).toContain('填写说明');
    await shot(page, 'import-upload');

    const file = await countyLedger();
    const job = await uploadLedger(file);
    expect(job.counts).toMatchObject({ rows: 3, create: 2, update: 0, error: 1 });
    // 项目名 and 签约金额 are synonyms; the amount column is in 亿元; the last column is unknown.
    expect(job.columns.find((c) => c.header === '项目名')).toMatchObject({ field: 'name', source: 'synonym' });
    expect(job.columns.find((c) => c.header === '签约金额（亿元）')).toMatchObject({ field: 'contractedInvestment', unit: '亿元' });
    expect(job.columns.find((c) => c.header === unknownHeader)).toMatchObject({ field: null, source: 'unknown' });

    // The preview: counts, the unknown column flagged, and the bad row named with its column and value.
    await expect.poll(() => statistic('将新增').innerText()).toBe('2');
    await expect.poll(() => statistic('有错误').innerText()).toBe('1');
    await page.getByText('有 1 列未能识别，请指定对应字段或选择“不导入此列”。').waitFor();
    const errorRow = page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: `${prefix}丙项目` });
    await errorRow.getByText('不是有效金额').waitFor();
    expect(await errorRow.innerText()).toContain('「签约金额（亿元）」');
    expect(await errorRow.innerText()).toContain('很多');
    await shot(page, 'import-preview-errors');

    // Map the unknown column to 下一步工作 and re-validate.
    const mappingRow = page.locator('.ant-table-row').filter({ hasText: unknownHeader });
    await pickOption(mappingRow.locator('.ant-select'), option('下一步工作'), mappingRow.locator('.ant-select [title="下一步工作"]'), '下一步');
    const saved = await clickForResponse(page, page.getByRole('button', { name: /保存映射并重新校验/ }), (r) => r.request().method() === 'PUT' && /\/api\/import\/jobs\/\d+\/mapping$/.test(new URL(r.url()).pathname));
    expect(saved.status()).toBe(200);
    const remapped = (await saved.json()) as ImportJob;
    expect(remapped.columns.find((c) => c.header === unknownHeader)).toMatchObject({ field: 'nextStep', source: 'user' });
    await page.getByText('已保存映射并重新校验').first().waitFor();
    await page.locator('.ant-table-row').filter({ hasText: unknownHeader }).getByText('手动指定').waitFor();
    await shot(page, 'import-preview-mapped');

    // Rows in error block the commit until they are skipped.
    const commit = page.getByRole('button', { name: /确认写入（2 行）/ });
    expect(await commit.isDisabled()).toBe(true);
    await page.getByRole('checkbox', { name: /跳过有错误的 1 行/ }).check();
    await commit.click();
    const confirm = page.locator('.ant-modal-confirm').filter({ hasText: '确认写入台账？' });
    await confirm.getByText('将新增 2 个项目、更新 0 个项目，跳过 1 行有错误的数据。').waitFor();
    const committed = await clickForResponse(page, confirm.getByRole('button', { name: '确认写入' }), (r) => r.request().method() === 'POST' && /\/api\/import\/jobs\/\d+\/commit$/.test(new URL(r.url()).pathname));
    expect(committed.status()).toBe(200);
    await page.getByText('导入完成').waitFor();
    const facts = page.locator('.ant-descriptions');
    await expect.poll(async () => (await facts.innerText()).replace(/\s+/g, ' ')).toMatch(/新增项目 2/);
    await shot(page, 'import-done');

    // The projects are in the ledger, with the amount converted from 亿元 and the mapped column written.
    await page.getByRole('button', { name: '查看项目台账' }).click();
    await page.waitForURL(/\/projects$/);
    const listed = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/projects' && new URL(r.url()).searchParams.get('q') === prefix);
    await page.getByPlaceholder('项目、企业、联系人，支持拼音首字母').fill(prefix);
    await page.keyboard.press('Enter');
    const found = ((await (await listed).json()) as { items: Summary[] }).items;
    expect(found.map((p) => p.name).sort()).toEqual([`${prefix}乙项目`, `${prefix}甲项目`]);
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(2);
    await rows.filter({ hasText: `${prefix}甲项目` }).waitFor();
    await rows.filter({ hasText: `${prefix}乙项目` }).waitFor();
    await shot(page, 'import-projects-listed');
    const first = found.find((p) => p.name === `${prefix}甲项目`)!;
    expect(first).toMatchObject({ contractedInvestment: '12000.0000', industryCode: '1942', stage: 'lead' });
    expect(found.find((p) => p.name === `${prefix}乙项目`)!.contractedInvestment).toBe('3500.0000');
    const detail = (await (await page.request.get(`/api/projects/${first.id}`)).json()) as Summary;
    expect(detail.nextStep).toBe('已签框架协议，待供地');

    // The same file again: the remembered mapping applies, nothing to create or update.
    await page.getByRole('button', { name: '导入Excel' }).click();
    await page.waitForURL(/\/import$/);
    const again = await uploadLedger(file);
    expect(again.counts).toMatchObject({ rows: 3, create: 0, update: 0, unchanged: 2, error: 1 });
    expect(again.columns.find((c) => c.header === unknownHeader)).toMatchObject({ field: 'nextStep', source: 'remembered' });
    await expect.poll(() => statistic('将新增').innerText()).toBe('0');
    await expect.poll(() => statistic('无变化').innerText()).toBe('2');
    await page.locator('.ant-table-row').filter({ hasText: unknownHeader }).getByText('按上次映射').waitFor();
    expect(await page.getByRole('button', { name: /确认写入（0 行）/ }).isDisabled()).toBe(true);
    await shot(page, 'import-reimport-unchanged');
  });

  it('filters the list by stage and industry; the kanban shows the API’s column totals for the same filter', async () => {
    await page.goto('/projects');
    await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();

    await pickStages(['洽谈', '签约']);
    await expect.poll(() => new URL(page.url()).searchParams.get('stage')).toBe('negotiating,signed');

    // Industry: type a code into the picker and choose the group 194.
    const filtered = page.waitForResponse((r) => {
      const url = new URL(r.url());
      return url.pathname === '/api/projects' && url.searchParams.get('industry') === '194' && url.searchParams.get('stage') === 'negotiating,signed';
    });
    const industry = page.getByRole('search', { name: '项目筛选' }).locator('.ant-select').filter({ has: page.getByLabel('行业', { exact: true }) });
    const group = page.locator('.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper').filter({ hasText: '194 羽毛（绒）加工及制品制造' });
    await pickOption(industry, group, industry.locator('[title="194 羽毛（绒）加工及制品制造"]'), '194');
    const answer = await filtered;
    const { items, total } = (await answer.json()) as { items: Summary[]; total: number };
    expect(items.length).toBeGreaterThan(0);
    for (const p of items) {
      expect(['negotiating', 'signed']).toContain(p.stage);
      expect(p.industryCode).toMatch(/^194/);
    }
    // The table shows exactly those projects.
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await expect.poll(async () => (await rows.allInnerTexts()).length).toBe(items.length);
    const texts = await rows.allInnerTexts();
    for (const p of items) expect(texts.some((t) => t.includes(p.name))).toBe(true);
    for (const t of texts) expect(t).toMatch(/洽谈|签约/);
    await shot(page, 'projects-filtered');

    // The same filter as a kanban: each column's count and contracted total are the API's.
    const boardAnswer = page.waitForResponse((r) => {
      const url = new URL(r.url());
      return url.pathname === '/api/projects/board' && url.searchParams.get('perColumn') === '20' && url.searchParams.get('industry') === '194';
    });
    await page.getByText('看板', { exact: true }).click();
    await boardAnswer;
    await expect.poll(() => new URL(page.url()).searchParams.get('view')).toBe('board');
    const api = (await (await page.request.get('/api/projects/board?stage=negotiating,signed&industry=194&perColumn=20')).json()) as Board;
    expect(api.columns.find((c) => c.stage === 'negotiating')!.count + api.columns.find((c) => c.stage === 'signed')!.count).toBe(total);
    for (const c of api.columns) {
      const column = page.getByRole('listitem', { name: STAGE_LABELS[c.stage].zh });
      const head = column.locator('.zs-board-head');
      await expect.poll(async () => (await head.innerText()).replace(/\s+/g, ' ')).toContain(`${c.count} 个`);
      const text = (await head.innerText()).replace(/\s+/g, ' ');
      expect(text).toContain(`合同 ${c.contractedTotal === '0' ? '—' : formatWan(c.contractedTotal)}`);
      expect(text).toContain(`计划 ${formatWan(c.plannedTotal)}`);
      expect(await column.locator('.zs-board-card').count()).toBe(Math.min(c.count, 20));
    }
    // The totals line above adds the columns up.
    const count = api.columns.reduce((n, c) => n + c.count, 0);
    expect((await page.locator('.zs-ledger-totals').innerText()).replace(/\s+/g, ' ')).toContain(`共 ${count} 个项目`);
    await shot(page, 'projects-board-filtered');
  });

  it('exports the filtered list to .xlsx: the template headers and exactly the filtered rows', async () => {
    await page.goto('/projects?stage=negotiating%2Csigned&industry=194');
    const listed = ((await (await page.request.get('/api/projects?stage=negotiating,signed&industry=194&pageSize=100')).json()) as { items: Summary[]; total: number });
    expect(listed.total).toBe(listed.items.length);
    await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出Excel' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^项目台账_\d{8}\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await download.path());
    const sheet = wb.worksheets[0]!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    expect(headers).toEqual(TEMPLATE_HEADERS);
    const col = (header: string) => headers.indexOf(header) + 1;
    const rows: { name: string; stage: string; industry: string; contracted: unknown }[] = [];
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      rows.push({ name: String(row.getCell(col('项目名称')).value), stage: String(row.getCell(col('当前进展')).value), industry: String(row.getCell(col('所属行业')).value), contracted: row.getCell(col('合同投资额（万元）')).value });
    });
    expect(rows.map((r) => r.name).sort()).toEqual(listed.items.map((p) => p.name).sort());
    for (const p of listed.items) {
      const row = rows.find((r) => r.name === p.name)!;
      expect(row.stage).toBe(STAGE_LABELS[p.sideState ?? p.stage].zh);
      expect(row.industry).toMatch(/^194\d /);
      expect(row.contracted ?? null).toBe(p.contractedInvestment === null ? null : Number(p.contractedInvestment));
    }
    await shot(page, 'projects-export');
  });
});
