import { readFile } from 'node:fs/promises';
import path from 'node:path';
import Decimal from 'decimal.js';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Locator, Page, Response } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { OrgTreeNode } from '../src/shared/api/org.js';
import type { RewardLineRecord, RewardRun, RuleSetRecord } from '../src/shared/api/rewards.js';
import type { RewardLine } from '../src/shared/rewards/compute.js';
import { describeCaps, describeRewardLine, describeRuleItem, formatRewardWan } from '../src/shared/rewards/describe.js';
import type { RewardRules } from '../src/shared/rewards/rules.js';
import { DEMO_PASSWORD, launch, newContext, SCREENSHOTS, shot, signIn } from './support.js';

// 奖励兑现 as the city bureau (招商局) and a county officer use it, over the demo's published run
// (src/server/modules/setup/demo.rewards.ts: the example rules, one published run for the demo year).
// Every amount the page shows is compared with what the API answers for the same user; the bureau
// then computes a new run and publishes it. Re-runs against the same server add one run each time.

interface Page_<T> {
  items: T[];
  total: number;
}

let browser: Browser;
let bureau: BrowserContext;
let page: Page; // the bureau's
let demoRun: RewardRun;

beforeAll(async () => {
  browser = await launch();
  bureau = await newContext(browser, { height: 1300 });
  page = await bureau.newPage();
  await signIn(page, 'demo.bureau', DEMO_PASSWORD);
  await page.getByRole('menuitem', { name: '奖励兑现' }).waitFor();
});
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && page) await shot(page, `rewards-failed-${ctx.task.name.slice(0, 20)}`).catch(() => undefined);
});
afterAll(async () => {
  await bureau?.close();
  await browser?.close();
});

async function getJson<T>(p: Page, url: string): Promise<T> {
  const res = await p.request.get(url);
  expect(res.status(), url).toBe(200);
  return (await res.json()) as T;
}

// A button's name includes its icon's label ("send 发 布"); antd spaces two-character labels.
const PUBLISH = /^(send )?发\s*布$/;

const isRuns = (r: Response) => new URL(r.url()).pathname === '/api/rewards/runs' && r.request().method() === 'GET' && r.status() === 200;

/** The cells of a table row by column heading. */
async function rowCells(table: Locator, row: Locator): Promise<Record<string, string>> {
  const headings = (await table.locator('thead th').allInnerTexts()).map((h) => h.trim());
  const cells = (await row.locator('td').allInnerTexts()).map((c) => c.trim().replace(/\s+/g, ' '));
  return Object.fromEntries(headings.map((h, i) => [h, cells[i] ?? '']));
}

/** The lines table of the page, every shown line checked against the API's first page. */
async function expectLinesAsApi(p: Page, run: RewardRun): Promise<RewardLineRecord[]> {
  const api = await getJson<Page_<RewardLineRecord>>(p, `/api/rewards/lines?run=${run.id}&page=1&pageSize=20`);
  expect(api.total).toBe(run.totals.lineCount);
  const table = p.locator('.ant-table').filter({ has: p.getByRole('columnheader', { name: '应兑现' }) });
  await expect.poll(() => table.locator('tbody tr.ant-table-row').count()).toBe(api.items.length);
  for (const l of api.items) {
    const row = table.locator(`tr.ant-table-row[data-row-key="${l.id}"]`);
    const cells = await rowCells(table, row);
    expect(cells['项目']).toBe(l.projectName);
    expect(cells['受奖单位']).toBe(l.unitName);
    expect(cells['第一引荐人']).toBe(l.referrerName ?? '无（计入单位）');
    expect(cells['分成']).toBe(`${l.sharePercent}%`);
    expect(cells['应兑现']).toBe(`${l.isCapped ? '封顶 ' : ''}${formatRewardWan(l.amount, 'zh')}`);
    // The calculation in words, under the line.
    const words = (await row.locator('xpath=following-sibling::tr[1]').innerText()).replace(/\s+/g, ' ').trim();
    expect(words).toBe(`计算过程：${describeRewardLine(l.detail as unknown as RewardLine, 'zh')}`.replace(/\s+/g, ' '));
  }
  return api.items;
}

describe('奖励兑现', () => {
  it('the bureau sees the demo’s published run: totals, lines and calculations as the API says, and the rules in words', async () => {
    const [response] = await Promise.all([page.waitForResponse(isRuns), page.getByRole('menuitem', { name: '奖励兑现' }).click()]);
    const year = Number(new URL(response.url()).searchParams.get('year'));
    const runs = (await response.json()) as Page_<RewardRun>;
    const demo = runs.items.find((r) => r.isDemo && r.status === 'published');
    expect(demo, `the demo run in ${year}`).toBeDefined();
    // Earlier runs of this spec against the same server are newer: open the demo's by its address.
    await page.goto(`/rewards?year=${year}&run=${demo!.id}`);
    demoRun = await getJson<RewardRun>(page, `/api/rewards/runs/${demo!.id}`);
    expect(demoRun.totals.lineCount).toBeGreaterThan(5);

    await expect.poll(() => page.getByTestId('rewards-total').innerText()).toBe(formatRewardWan(demoRun.totals.amount, 'zh'));
    await page.getByText(`${demoRun.totals.lineCount} 条明细`).waitFor();
    // Published: who and when, frozen, nothing to publish.
    const who = await page.getByTestId('rewards-run-who').innerText();
    expect(who).toContain(`${demoRun.publishedBy!.displayName} 于 `);
    expect(who).toContain(' 发布');
    await page.getByText('已发布并冻结', { exact: false }).waitFor();
    expect(await page.getByRole('button', { name: PUBLISH }).count()).toBe(0);
    for (const u of demoRun.byUnit) await page.getByText(`${u.unitName} ${formatRewardWan(u.amount, 'zh')}`, { exact: true }).waitFor();
    await expectLinesAsApi(page, demoRun);
    await shot(page, 'rewards-bureau-published');

    // The rules as run, in words: each item's tiers and the caps, then the JSON.
    const rules = (await getJson<RuleSetRecord>(page, `/api/rewards/rules/${demoRun.ruleSetId}`)).rules as unknown as RewardRules;
    const panel = page.getByTestId('rules-panel');
    await panel.getByText(`奖励办法：${demoRun.ruleSetName}（第${demoRun.ruleSetVersion}版）`).click();
    for (const item of rules.items) {
      const words = describeRuleItem(item, 'zh');
      const row = panel.locator('tr.ant-table-row').filter({ hasText: item.label });
      await row.waitFor();
      const text = (await row.innerText()).replace(/\s+/g, ' ');
      expect(text).toContain(words.basis);
      for (const tier of words.tiers) expect(text).toContain(`${tier.range}：${tier.pays}`);
    }
    for (const cap of describeCaps(rules.caps, 'zh')) await panel.getByText(`${cap.label}：${cap.value}`).waitFor();
    await panel.getByText('按达到的最高档对全部金额计算', { exact: false }).waitFor();
    await panel.getByText('JSON（供技术人员核对）').click();
    expect(JSON.parse(await panel.getByTestId('rules-json').innerText())).toEqual(rules);
    await shot(page, 'rewards-bureau-rules');

    // A new version from JSON: the server refuses tiers out of order and the dialog names the field.
    const versionsBefore = (await getJson<Page_<RuleSetRecord>>(page, '/api/rewards/rules')).total;
    await panel.getByRole('button', { name: /另存为新版本/ }).click();
    const editor = page.getByRole('dialog').filter({ hasText: '另存新版本' });
    await editor.getByRole('tab', { name: 'JSON（高级）' }).click();
    const bad = structuredClone(rules);
    const item = bad.items[0]!;
    item.tiers[1]!.atLeast = '0';
    await editor.getByRole('textbox', { name: 'JSON（供技术人员核对）' }).fill(JSON.stringify(bad, null, 2));
    await editor.getByRole('button', { name: '保存新版本' }).click();
    const issues = editor.getByTestId('rule-issues');
    await issues.waitFor();
    expect((await issues.innerText()).replace(/\s+/g, ' ').trim()).toBe(`items.0.tiers.1.atLeast 第 1 项「${item.label}」 · 第 2 档：档次须由低到高`);
    // The dialog as the user sees it (a full-page shot draws a modal over the wrong part of the page).
    await page.screenshot({ path: path.join(SCREENSHOTS, 'rewards-bureau-new-version-refused.png') });
    await editor.getByRole('button', { name: /取\s*消/ }).click();
    expect((await getJson<Page_<RuleSetRecord>>(page, '/api/rewards/rules')).total).toBe(versionsBefore);

    // The same change in the form: the shared schema refuses it next to the field before anything is
    // sent; corrected, it is saved as the next version with only that tier changed.
    await panel.getByRole('button', { name: /另存为新版本/ }).click();
    const first = editor.getByTestId('rule-item-0');
    const start = first.getByRole('textbox', { name: '第2档起点' });
    expect(await start.inputValue()).toBe(rules.items[0]!.tiers[1]!.atLeast);
    await start.fill('0');
    await editor.getByRole('button', { name: '保存新版本' }).click();
    await editor.getByTestId('rule-form-issues').getByText('有 1 处需要修改，未保存').waitFor();
    await first.locator('.ant-form-item').filter({ has: page.getByRole('textbox', { name: '第2档起点' }) }).getByText('档次须由低到高').waitFor();
    expect(await editor.getByText('档次须由低到高', { exact: true }).count()).toBe(1);
    await shot(page, 'rewards-bureau-rule-form-refused');
    expect((await getJson<Page_<RuleSetRecord>>(page, '/api/rewards/rules')).total).toBe(versionsBefore);
    await start.fill('20000');
    await editor.getByText('档次须由低到高', { exact: true }).waitFor({ state: 'detached' });
    const [saved] = await Promise.all([
      page.waitForResponse((r) => /\/api\/rewards\/rules\/\d+\/versions$/.test(new URL(r.url()).pathname) && r.request().method() === 'POST'),
      editor.getByRole('button', { name: '保存新版本' }).click(),
    ]);
    expect(saved.status(), await saved.text()).toBe(200);
    const created = (await saved.json()) as RuleSetRecord;
    await page.locator('.ant-message').getByText(`已保存第${created.version}版（草稿）`, { exact: false }).waitFor();
    const expected = structuredClone(rules);
    expected.items[0]!.tiers[1]!.atLeast = '20000';
    expect(created.rules).toEqual(expected);
    expect(created.status).toBe('draft');
    expect((await getJson<Page_<RuleSetRecord>>(page, '/api/rewards/rules')).total).toBe(versionsBefore + 1);
    // Collapse again for the next steps' screenshots.
    await panel.getByText(`奖励办法：${demoRun.ruleSetName}（第${demoRun.ruleSetVersion}版）`).click();
  });

  it('exports the run as .xlsx with every line and the same total', async () => {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: /导出 Excel/ }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(new RegExp(`^奖励兑现_${demoRun.unitName}_${demoRun.periodFrom}_${demoRun.periodTo}\\.xlsx$`));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile((await file.path())!)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('兑现明细')!;
    // A title, the headings, one row per line, 合计.
    expect(ws.rowCount).toBe(demoRun.totals.lineCount + 3);
    const total = ws.getRow(ws.rowCount);
    expect(total.getCell(1).value).toBe('合计');
    expect(new Decimal(String(total.getCell(15).value)).equals(demoRun.totals.amount)).toBe(true);
    expect(wb.getWorksheet('奖励办法')).toBeDefined();
    await page.getByText('已导出').first().waitFor();
  });

  it('the bureau computes a new run for the statistical year and publishes it; publish is then no longer offered', async () => {
    await page.getByRole('button', { name: /计算兑现/ }).click();
    const modal = page.getByRole('dialog').filter({ hasText: '计算奖励兑现' });
    await modal.waitFor();
    // The newest rule-set version and the statistical year are chosen.
    await modal.getByText(/（第\d+版）· (在用|草稿)/).waitFor();
    const periodText = await modal.locator('.ant-select').nth(1).innerText();
    expect(periodText).toMatch(/^统计年度：\d{4}-\d{2}-01 至 \d{4}-\d{2}-\d{2}$/);
    await shot(page, 'rewards-bureau-compute');
    const [created] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/rewards/runs' && r.request().method() === 'POST'),
      modal.getByRole('button', { name: /^(calculator )?计\s*算$/ }).click(),
    ]);
    expect(created.status(), await created.text()).toBe(200);
    const run = (await created.json()) as RewardRun;
    expect(run.status).toBe('computed');
    expect(periodText).toBe(`统计年度：${run.periodFrom} 至 ${run.periodTo}`);
    await page.waitForURL((u) => u.searchParams.get('run') === String(run.id));
    await page.getByText(`已计算：${run.totals.lineCount} 条明细`, { exact: false }).first().waitFor();
    // The new run is the one shown: unpublished, with its own total and lines. (Its total may equal the
    // demo run's: the same rules over the same records.)
    await page.getByText('未发布：目前只有招商局和领导看得到', { exact: false }).waitFor();
    expect(await page.locator('.ant-tag').filter({ hasText: '未发布' }).count()).toBe(1);
    expect(await page.getByTestId('rewards-total').innerText()).toBe(formatRewardWan(run.totals.amount, 'zh'));
    expect(await page.getByTestId('rewards-run-who').innerText()).toMatch(new RegExp(`^${run.computedBy!.displayName} 于 \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} 计算$`));
    await expectLinesAsApi(page, run);
    await shot(page, 'rewards-bureau-computed');

    const publish = page.getByRole('button', { name: PUBLISH });
    await publish.click();
    const confirm = page.locator('.ant-modal-confirm:visible');
    await confirm.getByText('即冻结', { exact: false }).waitFor();
    expect(await confirm.innerText()).toContain(`「${run.ruleSetName}」第${run.ruleSetVersion}版同时冻结`);
    await shot(page, 'rewards-bureau-publish-confirm');
    await confirm.getByRole('button', { name: '确认发布' }).click();
    await page.locator('.ant-message').getByText('已发布', { exact: true }).waitFor();
    await page.getByText('已发布并冻结', { exact: false }).waitFor();
    expect(await publish.count()).toBe(0);
    const published = await getJson<RewardRun>(page, `/api/rewards/runs/${run.id}`);
    expect(published.status).toBe('published');
    await expect.poll(() => page.getByTestId('rewards-run-who').innerText()).toContain(`${published.publishedBy!.displayName} 于 `);
    expect(await page.getByTestId('rewards-run-who').innerText()).toMatch(/ 发布/);
    // The server agrees: a second publish is refused.
    const again = await page.request.post(`/api/rewards/runs/${run.id}/publish`, { data: {} });
    expect(again.status()).toBe(409);
    expect(await again.text()).toContain('REWARD_RUN_PUBLISHED');
    await shot(page, 'rewards-bureau-published-new');
  });

  it('a county officer sees only their own unit’s lines, and cannot compute or publish', async () => {
    const county = await newContext(browser, { height: 1300 });
    const p = await county.newPage();
    try {
      await signIn(p, 'demo.pingqiao', DEMO_PASSWORD);
      const [response] = await Promise.all([
        p.waitForResponse(isRuns),
        (async () => {
          await p.getByRole('menuitem', { name: '奖励兑现' }).click();
          await p.waitForURL(/\/rewards/);
        })(),
      ]);
      const runs = (await response.json()) as Page_<RewardRun>;
      expect(runs.items.length).toBeGreaterThan(0);
      expect(runs.items.every((r) => r.status === 'published')).toBe(true);
      const run = runs.items[0]!; // what the page opens with
      await p.getByText(`${run.totals.lineCount} 条明细`).waitFor();
      await expect.poll(() => p.getByTestId('rewards-total').innerText()).toBe(formatRewardWan(run.totals.amount, 'zh'));

      // 平桥区 and the units under it: every line the page and the API show is theirs.
      const tree = (await getJson<{ items: OrgTreeNode[] }>(p, '/api/org-units/tree?includeDisabled=true')).items;
      const root = tree.find((u) => u.name === '平桥区')!;
      expect(root).toBeDefined();
      const own = new Set([root.id]);
      for (let grown = true; grown; ) {
        grown = false;
        for (const u of tree) {
          if (u.parentId !== null && own.has(u.parentId) && !own.has(u.id)) {
            own.add(u.id);
            grown = true;
          }
        }
      }
      const all = await getJson<Page_<RewardLineRecord>>(p, `/api/rewards/lines?run=${run.id}&pageSize=200`);
      expect(all.total).toBeGreaterThan(0);
      expect(all.items.every((l) => own.has(l.unitId))).toBe(true);
      const cityWide = await getJson<RewardRun>(page, `/api/rewards/runs/${run.id}`); // the bureau's view of the same run
      expect(run.totals.lineCount).toBeLessThan(cityWide.totals.lineCount);
      expect(run.byUnit.every((u) => own.has(u.unitId))).toBe(true);
      const lines = await expectLinesAsApi(p, run);
      const ownNames = new Set(tree.filter((u) => own.has(u.id)).map((u) => u.name));
      expect(lines.every((l) => ownNames.has(l.unitName))).toBe(true);
      // Reading only: no compute, no publish, no new rule-set version.
      expect(await p.getByRole('button', { name: /计算兑现/ }).count()).toBe(0);
      expect(await p.getByRole('button', { name: PUBLISH }).count()).toBe(0);
      await shot(p, 'rewards-county');
      expect((await p.request.post('/api/rewards/runs', { data: { ruleSetId: run.ruleSetId, period: { kind: 'year', year: Number(run.periodFrom.slice(0, 4)) } } })).status()).toBe(403);
    } catch (e) {
      await shot(p, 'rewards-failed-county').catch(() => undefined);
      throw e;
    } finally {
      await county.close();
    }
  });
});
