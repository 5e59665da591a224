import Decimal from 'decimal.js';
import type { Browser, BrowserContext, Locator, Page, Response } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Decomposition, Target, TargetProgress } from '../src/shared/api/targets.js';
import { DEMO_PASSWORD, launch, newContext, shot, signIn } from './support.js';

// 目标管理 as the city bureau (招商局) and a county officer use it, over the seeded demo targets
// (src/server/modules/setup/demo.targets.ts): 新开工项目 targets are still drafts, the bureau
// decomposes and approves them; 新签约项目 targets are approved and have actuals to measure.
// The demo year is the current one: the year, 时序进度 and every figure come from the page's own
// requests and the API, never from a date written here.

const DRAFT_METRIC = { name: 'started_count', label: '新开工项目' };
const MEASURED_METRIC = { name: 'signed_count', label: '新签约项目' };

let browser: Browser;
let bureau: BrowserContext;
let page: Page; // the bureau's
let cityId: number | undefined;

beforeAll(async () => {
  browser = await launch();
  // Tall enough for the whole decomposition table: a full-page shot of a scrolled page draws the fixed menu and header mid-page.
  bureau = await newContext(browser, { height: 1300 });
  page = await bureau.newPage();
  await signIn(page, 'demo.bureau', DEMO_PASSWORD);
  await page.getByRole('menuitem', { name: '目标管理' }).waitFor();
});
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && page) await shot(page, `targets-failed-${ctx.task.name.slice(0, 20)}`).catch(() => undefined);
});
afterAll(async () => {
  await bureau?.close();
  await browser?.close();
});

// How the page writes figures (zh): counts grouped by thousands, percentages with one decimal.
const count = (v: string) => new Decimal(v).toFixed(0).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const percent = (v: string) => `${new Decimal(v).times(100).toFixed(1, Decimal.ROUND_HALF_UP)}%`;
/** 超/欠时序进度 as the tag reads it. */
function gapText(gap: string | null): string {
  if (gap === null) return '—';
  const d = new Decimal(gap).times(100).toDecimalPlaces(1, Decimal.ROUND_HALF_UP);
  if (d.isZero()) return '持平';
  return `${d.isPositive() ? '超' : '欠'} ${percent(new Decimal(gap).abs().toString())}`;
}

const isResponse = (path: string, metric: string) => (r: Response) => r.url().includes(path) && new URL(r.url()).searchParams.get('metric') === metric && r.status() === 200;

/** Choose a metric in the 指标 select; resolves with the page's own request for it (`path`). */
async function pickMetric(p: Page, metric: { name: string; label: string }, path = '/api/targets/decomposition'): Promise<Response> {
  const [response] = await Promise.all([
    p.waitForResponse(isResponse(path, metric.name)),
    (async () => {
      const select = p.getByLabel('指标', { exact: true });
      await select.click();
      await select.fill(metric.label);
      await p
        .locator('.ant-select-dropdown:visible .ant-select-item-option')
        .filter({ has: p.getByText(metric.label, { exact: true }) })
        .click();
    })(),
  ]);
  await p.waitForURL((u) => u.searchParams.get('metric') === metric.name);
  return response;
}

async function getJson<T>(p: Page, url: string): Promise<T> {
  const res = await p.request.get(url);
  expect(res.status(), url).toBe(200);
  return (await res.json()) as T;
}

/** The cells of a table row by column heading. */
async function rowCells(table: Locator, row: Locator): Promise<Record<string, string>> {
  const headings = (await table.locator('thead th').allInnerTexts()).map((h) => h.trim());
  const cells = (await row.locator('td').allInnerTexts()).map((c) => c.trim().replace(/\s+/g, ' '));
  return Object.fromEntries(headings.map((h, i) => [h, cells[i] ?? '']));
}

describe('目标管理', () => {
  it('the bureau decomposes a draft target, sees a mismatch and its difference, saves, approves, unlocks with a reason', async () => {
    await page.getByRole('menuitem', { name: '目标管理' }).click();
    await page.waitForURL(/\/targets/);
    await page.getByText('信阳市本级目标').first().waitFor();

    let response = await pickMetric(page, DRAFT_METRIC);
    const year = Number(new URL(response.url()).searchParams.get('year'));
    const decompositionUrl = `/api/targets/decomposition?year=${year}&metric=${DRAFT_METRIC.name}`;
    let d = (await response.json()) as Decomposition;
    expect(d.unit.name).toBe('信阳市'); // the bureau works on the whole city
    cityId = d.unit.id;
    // Re-run against the same server (E2E_BASE_URL): put the demo drafts back first.
    const locked = [d.parent, ...d.children.map((c) => c.target)].filter((x): x is Target => x?.status === 'approved');
    if (locked.length) {
      for (const x of locked) expect((await page.request.post(`/api/targets/${x.id}/unlock`, { data: { reason: 'e2e 重跑前复位' } })).status()).toBe(200);
      [response] = await Promise.all([page.waitForResponse(isResponse('/api/targets/decomposition', DRAFT_METRIC.name)), page.reload()]);
      d = (await response.json()) as Decomposition;
    }
    expect(d.parent?.status).toBe('draft');
    expect(d.isMismatch).toBe(false); // the demo city target is its children's sum

    const panel = page.getByTestId('targets-decomposition');
    const withTarget = d.children.filter((c) => c.target !== null);
    expect(withTarget.length).toBeGreaterThan(2);
    // Move one project from the largest target to the smallest: the total stays, so re-runs converge.
    const byValue = [...withTarget].sort((a, b) => new Decimal(a.target!.value).cmp(b.target!.value));
    const low = byValue[0]!;
    const high = byValue[byValue.length - 1]!;
    expect(new Decimal(high.target!.value).gte(1)).toBe(true);
    const lowInput = panel.getByLabel(`${low.unitName} ${DRAFT_METRIC.label}`, { exact: true });
    const highInput = panel.getByLabel(`${high.unitName} ${DRAFT_METRIC.label}`, { exact: true });
    await expect.poll(() => lowInput.inputValue()).toBe(low.target!.value);
    const parentValue = d.parent!.value;
    await panel.getByText(`下级目标合计 ${count(d.childrenSum)} 个，与本级目标一致。`).waitFor();
    expect(await panel.getByTestId('targets-sum').innerText()).toBe(count(d.childrenSum));
    await shot(page, 'targets-bureau-draft');

    // One more for the smallest: the children now add up to one more than the city's target.
    const lowNew = new Decimal(low.target!.value).plus(1).toFixed(0);
    await lowInput.fill(lowNew);
    const warning = page.getByTestId('targets-mismatch');
    await warning.waitFor();
    expect(await warning.innerText()).toContain(`下级目标合计 ${count(new Decimal(d.childrenSum).plus(1).toString())} 个，比本级目标 ${count(parentValue)} 个 多 1 个`);
    expect(await panel.getByTestId('targets-sum').innerText()).toBe(count(new Decimal(d.childrenSum).plus(1).toString()));
    await shot(page, 'targets-bureau-mismatch');

    // One less for the largest: consistent again.
    const highNew = new Decimal(high.target!.value).minus(1).toFixed(0);
    await highInput.fill(highNew);
    await panel.getByText(`下级目标合计 ${count(d.childrenSum)} 个，与本级目标一致。`).waitFor();
    expect(await warning.count()).toBe(0);
    // Approving waits for the edits to be saved.
    await expect.poll(() => panel.getByRole('button', { name: /审定本页草稿/ }).isDisabled()).toBe(true);
    await panel.getByRole('button', { name: '保存分解' }).click();
    await page.getByText('已保存').first().waitFor();
    const saved = await getJson<Decomposition>(page, decompositionUrl);
    expect(saved.isMismatch).toBe(false);
    expect(saved.children.find((c) => c.unitId === low.unitId)!.target!.value).toBe(lowNew);
    expect(saved.children.find((c) => c.unitId === high.unitId)!.target!.value).toBe(highNew);

    // Approve every draft on the page: the city's and each child's.
    const drafts = 1 + withTarget.length;
    const approveButton = panel.getByRole('button', { name: `审定本页草稿（${drafts} 项）` });
    await expect.poll(() => approveButton.isEnabled()).toBe(true);
    await approveButton.click();
    await page.locator('.ant-popconfirm:visible').getByText('审定后目标锁定').waitFor();
    await page.locator('.ant-popconfirm:visible').getByRole('button', { name: /确\s*定/ }).click();
    await page.getByText(`已审定 ${drafts} 项目标`).first().waitFor();
    // Locked: every tag reads 已审定, nothing to type into, no save; the server refuses a change.
    await panel.getByText('本页目标均已审定锁定', { exact: false }).waitFor();
    expect(await panel.getByRole('textbox').count()).toBe(0);
    expect(await panel.getByRole('button', { name: '保存分解' }).count()).toBe(0);
    expect(await panel.getByRole('button', { name: /审定本页草稿/ }).count()).toBe(0);
    for (const c of withTarget) expect((await rowCells(panel, panel.locator(`tr[data-row-key="${c.unitId}"]`)))['状态']).toBe('已审定');
    expect(await panel.locator('.ant-tag').filter({ hasText: '已审定' }).count()).toBe(drafts);
    expect(await panel.locator('.ant-tag').filter({ hasText: '草稿' }).count()).toBe(0);
    const refused = await page.request.put('/api/targets/decomposition', {
      data: { year, unitId: d.unit.id, metric: DRAFT_METRIC.name, children: [{ unitId: low.unitId, value: low.target!.value }] },
    });
    expect(refused.status()).toBe(409);
    expect(await refused.text()).toContain('TARGET_APPROVED');
    await shot(page, 'targets-bureau-approved');

    // A revision: unlock one child with a reason; it is a draft again and can be edited.
    const lowRow = panel.locator(`tr[data-row-key="${low.unitId}"]`);
    await lowRow.getByRole('button', { name: '解锁' }).click();
    const modal = page.getByRole('dialog').filter({ hasText: `解锁目标：${low.unitName} ${DRAFT_METRIC.label}` });
    const confirmUnlock = modal.getByRole('button', { name: '解锁' });
    expect(await confirmUnlock.isDisabled()).toBe(true); // a reason first
    await modal.getByRole('textbox').fill('年中调整，经局务会研究同意');
    await confirmUnlock.click();
    await page.getByText('已解锁，目标回到草稿状态').first().waitFor();
    await lowInput.waitFor();
    expect((await rowCells(panel, lowRow))['状态']).toBe('草稿');
    const history = await getJson<{ items: { action: string; after: unknown }[] }>(page, `/api/targets/${low.target!.id}/history`);
    expect(history.items.at(-1)!.action).toBe('unlock_target');
    expect((history.items.at(-1)!.after as { reason: string }).reason).toBe('年中调整，经局务会研究同意');
    await shot(page, 'targets-bureau-unlocked');
    // And approved again.
    await panel.getByRole('button', { name: '审定本页草稿（1 项）' }).click();
    await page.locator('.ant-popconfirm:visible').getByRole('button', { name: /确\s*定/ }).click();
    await page.getByText('已审定 1 项目标').first().waitFor();
    await panel.getByText('本页目标均已审定锁定', { exact: false }).waitFor();
    const final = await getJson<Decomposition>(page, decompositionUrl);
    expect([final.parent, ...final.children.map((c) => c.target)].filter((x) => x !== null).every((x) => x!.status === 'approved')).toBe(true);
  });

  it('完成进度 shows 完成率 and 超/欠时序进度 per unit, as /api/targets/progress computes them', async () => {
    await page.getByRole('tab', { name: '完成进度' }).click();
    await page.waitForURL((u) => u.searchParams.get('tab') === 'progress');
    const response = await pickMetric(page, MEASURED_METRIC, '/api/targets/progress');
    // The same request through the API with the bureau's cookies.
    const query = new URL(response.url()).searchParams;
    expect(query.get('year')).toMatch(/^\d{4}$/);
    const api = await getJson<TargetProgress>(page, `/api/targets/progress?${query.toString()}`);
    expect(api.unit.name).toBe('信阳市');
    expect(api.rows.length).toBeGreaterThan(2);

    const panel = page.getByTestId('targets-progress');
    await panel.getByText(`${MEASURED_METRIC.label} · 统计期 ${api.from} 至 ${api.asOf}，时序进度 ${percent(api.timeProgress)}`).waitFor();
    const row = (t: Target) => panel.locator(`tr[data-row-key="${t.id}"]`);
    await row(api.rows[0]!.target).waitFor();
    // Every unit: its 完成率 and 超/欠时序进度 as the API says.
    for (const r of api.rows) {
      const cells = await rowCells(panel, row(r.target));
      expect(cells['单位']).toBe(r.target.unitName);
      expect(cells['完成率']).toBe(r.completionRate === null ? '—' : percent(r.completionRate));
      expect(cells['超/欠时序进度']).toBe(gapText(r.scheduleGap));
    }
    // One county in full.
    const gushi = api.rows.find((r) => r.target.unitName === '固始县')!;
    expect(gushi.completionRate).not.toBeNull();
    expect(new Decimal(gushi.completionRate!).equals(new Decimal(gushi.actual!).div(gushi.target.value).toDecimalPlaces(4, Decimal.ROUND_HALF_UP))).toBe(true);
    expect(new Decimal(gushi.scheduleGap!).equals(new Decimal(gushi.completionRate!).minus(gushi.timeProgress))).toBe(true);
    expect(await rowCells(panel, row(gushi.target))).toEqual({
      单位: '固始县',
      '目标（个）': count(gushi.target.value),
      已完成: count(gushi.actual!),
      完成率: percent(gushi.completionRate!),
      时序进度: percent(gushi.timeProgress),
      '超/欠时序进度': gapText(gushi.scheduleGap),
      状态: '已审定',
    });
    await row(gushi.target).scrollIntoViewIfNeeded();
    await shot(page, 'targets-bureau-progress');
  });

  it('a county officer sees only their county and its towns, and cannot approve', async () => {
    const county = await newContext(browser);
    const p = await county.newPage();
    try {
      await signIn(p, 'demo.gushi', DEMO_PASSWORD);
      const [response] = await Promise.all([
        p.waitForResponse(isResponse('/api/targets/decomposition', MEASURED_METRIC.name)),
        (async () => {
          await p.getByRole('menuitem', { name: '目标管理' }).click();
          await p.waitForURL(/\/targets/);
        })(),
      ]);
      const d = (await response.json()) as Decomposition;
      const year = Number(new URL(response.url()).searchParams.get('year'));
      expect(d.unit.name).toBe('固始县');
      expect(d.children.length).toBeGreaterThan(2);

      const panel = p.getByTestId('targets-decomposition');
      await panel.getByText('本单位目标由上级下达，您可以分解到下级单位').waitFor();
      // The county's own target comes from above: shown, not editable; the towns' are.
      expect(await panel.getByLabel('固始县本级目标', { exact: true }).count()).toBe(0);
      const towns = d.children.filter((c) => c.target !== null);
      expect(towns.length).toBeGreaterThan(0);
      await panel.getByLabel(`${towns[0]!.unitName} ${MEASURED_METRIC.label}`, { exact: true }).waitFor();
      const shown = await panel.locator('tbody tr.ant-table-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row-key')));
      expect(shown.length).toBeGreaterThan(0);
      const childIds = new Set(d.children.map((c) => String(c.unitId)));
      expect(shown.every((id) => childIds.has(id!))).toBe(true);
      expect(await panel.getByText(/信阳市|浉河区|平桥区|潢川县/).count()).toBe(0);
      // Drafts are there, but approving is the bureau's.
      expect(towns.some((c) => c.target!.status === 'draft')).toBe(true);
      expect(await p.getByRole('button', { name: /审定/ }).count()).toBe(0);
      expect(await p.getByRole('button', { name: '解锁' }).count()).toBe(0);
      await shot(p, 'targets-county');

      // The unit picker offers the county and what is under it, nothing above or beside it.
      await p.getByLabel('单位', { exact: true }).click();
      const titles = p.locator('.ant-select-dropdown:visible .ant-select-tree-title');
      await titles.first().waitFor();
      const names = await titles.allInnerTexts();
      expect(names[0]).toMatch(/^固始县/);
      expect(names.some((n) => /^(信阳市|浉河区|平桥区|潢川县)/.test(n))).toBe(false);
      await p.keyboard.press('Escape');

      // Progress: the county and its towns only.
      await p.getByRole('tab', { name: '完成进度' }).click();
      const progress = p.getByTestId('targets-progress');
      await progress.locator('tbody tr.ant-table-row').first().waitFor();
      const api = await getJson<TargetProgress>(p, `/api/targets/progress?year=${year}&metric=${MEASURED_METRIC.name}`);
      expect(api.unit.name).toBe('固始县');
      const allowed = new Set(['固始县', ...d.children.map((c) => c.unitName)]);
      expect(api.rows.every((r) => allowed.has(r.target.unitName))).toBe(true);
      await expect.poll(() => progress.locator('tbody tr.ant-table-row').count()).toBe(api.rows.length);
      const units = await progress.locator('tbody tr.ant-table-row td:first-child').allInnerTexts();
      expect(units.every((u) => allowed.has(u.trim()))).toBe(true);
      await shot(p, 'targets-county-progress');

      // The server agrees: approving is refused, the city is out of scope.
      const draftIds = towns.filter((c) => c.target!.status === 'draft').map((c) => c.target!.id);
      expect((await p.request.post('/api/targets/approve', { data: { ids: draftIds } })).status()).toBe(403);
      expect(cityId).toBeDefined();
      expect((await p.request.get(`/api/targets/decomposition?year=${year}&metric=${MEASURED_METRIC.name}&unit=${cityId}`)).status()).toBe(404);
      expect((await p.request.get(`/api/targets/progress?year=${year}&unit=${cityId}`)).status()).toBe(404);
    } catch (e) {
      await shot(p, 'targets-failed-county').catch(() => undefined);
      throw e;
    } finally {
      await county.close();
    }
  });
});
