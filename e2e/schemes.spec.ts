import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SchemeRecord } from '../src/shared/api/assessment.js';
import type { AssessmentResult } from '../src/shared/assessment/score.js';
import path from 'node:path';
import { DEMO_PASSWORD, launch, newContext, SCREENSHOTS, shot, signIn } from './support.js';

// 考核方案 as the city bureau (招商局) uses it: write this year's scheme in the form (a negative cap
// is refused next to the field), save the draft, run it for a period over the demo ledger and the
// demo's approved 新签约项目 targets, read the ranking, publish with the freezing warning, and find
// that publishing is not offered again (the server refuses it too).

let browser: Browser;
let bureau: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launch();
  // Tall enough for the whole form: a full-page shot of a scrolled page draws the fixed menu mid-page.
  bureau = await newContext(browser, { height: 1500 });
  page = await bureau.newPage();
  page.on('pageerror', (e) => console.error('[page error]', e.message));
  page.on('console', (m) => m.type() === 'error' && console.error('[console]', m.text().slice(0, 600)));
  await signIn(page, 'demo.bureau', DEMO_PASSWORD);
  await page.getByRole('menuitem', { name: '考核方案' }).waitFor();
});
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && page) await shot(page, `schemes-failed-${ctx.task.name.slice(0, 20)}`).catch(() => undefined);
});
afterAll(async () => {
  await bureau?.close();
  await browser?.close();
});

interface RunJson {
  id: number;
  status: string;
  periodFrom: string;
  periodTo: string;
  result: AssessmentResult;
}

/** A close-up of one part of the page (a full-page shot of a long form is too small to read). */
async function shotOf(locator: Locator, name: string): Promise<void> {
  await locator.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

/** How the page writes a score: two decimals. */
const score = (v: string) => Number(v).toFixed(2);

describe('考核方案', () => {
  it('the bureau writes a scheme in the form, fixes a refused cap, saves, runs it, reads the ranking and publishes it once', async () => {
    await page.getByRole('menuitem', { name: '考核方案' }).click();
    await page.waitForURL(/\/schemes/);
    // The demo's three example schemes are listed with their status.
    await page.getByText('示例·县区招商引资目标考核办法（50/30/20）').first().waitFor();
    await shot(page, 'schemes-list');

    // A new scheme, from a blank form.
    await page.getByRole('button', { name: '新建考核方案' }).click();
    const modal = page.getByRole('dialog').filter({ hasText: '空白方案' });
    await modal.getByRole('button', { name: '开始填写' }).click();
    await page.waitForURL((u) => u.searchParams.get('scheme') === 'new');

    const name = `e2e 新签约考核 ${Date.now()}`;
    await page.getByLabel('方案名称').fill(name);
    // The period is this year by default, the units every county and zone.
    await expect.poll(() => page.getByRole('radio', { name: '全年' }).isChecked()).toBe(true);
    await expect.poll(() => page.getByRole('checkbox', { name: '县/区' }).isChecked()).toBe(true);

    const item = page.getByTestId('schemes-item-0');
    await item.getByLabel('名称', { exact: true }).fill('新签约项目');
    const metric = item.getByLabel('统计指标', { exact: true });
    await metric.click();
    await metric.fill('新签约项目数');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ has: page.getByText('新签约项目数', { exact: true }) }).click();
    await item.getByLabel('分值（完成率 × 分值）').fill('100');
    await item.getByLabel('封顶分值').fill('-5');
    await item.getByLabel('封顶分值').blur();
    await expect.poll(async () => (await page.getByTestId('schemes-points-total').innerText()).replace(/\s+/g, '')).toContain('基本分合计-5分');

    // Saving checks the scheme with the shared schema: the cap is refused next to the field, and listed.
    await page.getByRole('button', { name: '保存为草稿' }).click();
    const capField = item.locator('.ant-form-item').filter({ has: page.getByText('封顶分值', { exact: true }) });
    await capField.getByText('不能小于 0').waitFor();
    await page.getByTestId('schemes-issues').getByText('第1项「新签约项目」 · 封顶分值').waitFor();
    expect(page.url()).toContain('scheme=new'); // nothing was saved
    await shot(page, 'schemes-cap-error');

    // Fixed: the message goes as soon as the value is valid; the total now reads 100.
    await item.getByLabel('封顶分值').fill('100');
    await expect.poll(() => capField.getByText('不能小于 0').count()).toBe(0);
    await expect.poll(() => page.getByTestId('schemes-issues').count()).toBe(0);
    await expect.poll(async () => (await page.getByTestId('schemes-points-total').innerText()).replace(/\s+/g, '')).toContain('基本分合计100分');
    const [created] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/assessment-schemes') && r.request().method() === 'POST'),
      page.getByRole('button', { name: '保存为草稿' }).click(),
    ]);
    expect(created.status()).toBe(200);
    const scheme = (await created.json()) as SchemeRecord;
    expect(scheme.status).toBe('draft');
    expect(scheme.version).toBe(1);
    expect((scheme.scheme as { items: unknown[] }).items).toEqual([
      { id: 'item_1', label: '新签约项目', type: 'ratio', metric: 'signed_count', points: 100, cap: 100, exclusions: [], ignoreSchemeExclusions: false },
    ]);
    await page.waitForURL((u) => u.searchParams.get('scheme') === String(scheme.id));
    await page.getByText('已保存为草稿（第1版）').first().waitFor();
    await page.getByText('草稿', { exact: true }).first().waitFor();

    // Run it for its period (the year).
    await page.getByRole('tab', { name: '运行考核与发布' }).click();
    const [ran] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/assessment-runs') && r.request().method() === 'POST'),
      page.getByRole('button', { name: '运行考核' }).click(),
    ]);
    expect(ran.status()).toBe(200);
    const run = (await ran.json()) as RunJson;
    expect(run.status).toBe('computed');
    expect(run.result.units.length).toBeGreaterThan(2);
    await page.waitForURL((u) => u.searchParams.get('run') === String(run.id));

    // The ranking: every unit's rank and total as the run says, in its order.
    const table = page.locator('.ant-table').filter({ has: page.getByText('总分') }).first();
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count()).toBe(run.result.units.length);
    const rows = await table.locator('tbody tr.ant-table-row').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())));
    expect(rows.map((r) => r.slice(0, 3))).toEqual(run.result.units.map((u) => [`${u.rank}${u.isTied ? '并列' : ''}`, u.name, score(u.total)]));
    // Someone scored: the demo has approved signing targets and signed projects this year.
    expect(run.result.units.some((u) => Number(u.total) > 0)).toBe(true);
    await shot(page, 'schemes-run');

    // Why: a unit's breakdown shows the item, its metric and the records behind it.
    const top = run.result.units[0]!;
    await table.getByRole('button', { name: top.name, exact: true }).click();
    const drawer = page.locator('.ant-drawer').filter({ hasText: `${top.name} 得分明细` });
    await drawer.getByText('统计指标：新签约项目').first().waitFor();
    await shot(page, 'schemes-run-breakdown');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });

    // Publish, after a warning that it freezes the result and the scheme version.
    await page.getByRole('button', { name: '发布考核结果' }).click();
    const confirm = page.getByRole('dialog').filter({ hasText: '发布后本次结果冻结' });
    await confirm.getByText('考核方案第1版同时冻结').waitFor();
    await shot(page, 'schemes-publish-confirm');
    const [published] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/assessment-runs/${run.id}/publish`)),
      confirm.getByRole('button', { name: '确认发布' }).click(),
    ]);
    expect(published.status()).toBe(200);
    await page.getByText('本次结果已发布并冻结').waitFor();
    expect(await page.getByRole('button', { name: '发布考核结果' }).count()).toBe(0);
    await page.getByText('已启用（冻结）').first().waitFor(); // the scheme version is frozen too
    await shot(page, 'schemes-published');

    // Not offered again after a reload either, and the server refuses a second publish.
    await page.reload();
    await page.getByText('本次结果已发布并冻结').waitFor();
    expect(await page.getByRole('button', { name: '发布考核结果' }).count()).toBe(0);
    const again = await page.request.post(`/api/assessment-runs/${run.id}/publish`, { data: {} });
    expect(again.status()).toBe(409);
    expect(await again.text()).toContain('ASSESSMENT_RUN_PUBLISHED');
    // The frozen scheme is read-only: the form offers no save, and a new version is the way to change it.
    await page.getByRole('tab', { name: '方案内容' }).click();
    await page.getByText('该版本已发布过考核结果，内容已冻结').waitFor();
    expect(await page.getByRole('button', { name: /保存/ }).count()).toBe(0);
    await page.getByRole('button', { name: '另存为新版本' }).waitFor();
  });

  it('starts from the quarterly example, drops the item the ledger cannot score, runs it and enters a manual score with its reason', async () => {
    await page.goto('/schemes');
    await page.getByRole('button', { name: '新建考核方案' }).click();
    const modal = page.getByRole('dialog').filter({ hasText: '空白方案' });
    const example = modal.getByRole('radio', { name: /招商引资季度考核办法（30\/20\/20\/15\/15）/ });
    await example.check();
    await expect.poll(() => example.isChecked()).toBe(true);
    await modal.getByRole('button', { name: '开始填写' }).click();
    await page.waitForURL((u) => u.searchParams.get('from') === 'quarterly');

    // The example as data: the composite's weights add up, base points to 100 and bonuses to at most 25.
    await page.getByTestId('schemes-item-0').getByTestId('schemes-weight-total').getByText('权重合计 100%').waitFor();
    await expect.poll(async () => (await page.getByTestId('schemes-points-total').innerText()).replace(/\s+/g, '')).toBe('基本分合计100分加分最多25分扣分最多0分');
    await page.getByTestId('schemes-item-6').getByText('台账中还没有此指标的记录，运行考核时会被拒绝').waitFor();
    await shot(page, 'schemes-example-form');
    await shotOf(page.getByTestId('schemes-item-0'), 'schemes-example-composite');
    await shotOf(page.getByTestId('schemes-item-5'), 'schemes-example-tiers');

    await page.getByLabel('方案名称').fill(`e2e 季度考核 ${Date.now()}`);
    await page.getByRole('button', { name: '删除第 7 项' }).click();
    await expect.poll(() => page.getByTestId('schemes-item-6').count()).toBe(0);
    const [created] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/assessment-schemes') && r.request().method() === 'POST'),
      page.getByRole('button', { name: '保存为草稿' }).click(),
    ]);
    expect(created.status()).toBe(200);
    const scheme = (await created.json()) as SchemeRecord;
    await page.waitForURL((u) => u.searchParams.get('scheme') === String(scheme.id));
    await page.getByText('已保存为草稿（第1版）').first().waitFor();
    await page.getByRole('heading', { name: /e2e 季度考核/ }).waitFor();

    // The JSON view holds the same scheme.
    await page.getByRole('tab', { name: 'JSON（高级）' }).click();
    const json = JSON.parse(await page.getByRole('textbox', { name: 'JSON（高级）' }).inputValue()) as { items: { id: string }[] };
    expect(json.items.map((i) => i.id)).toEqual((scheme.scheme as { items: { id: string }[] }).items.map((i) => i.id));
    expect(json.items.map((i) => i.id)).not.toContain('leader_visits');
    await shot(page, 'schemes-json');

    await page.getByRole('tab', { name: '运行考核与发布' }).click();
    const [ran] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/assessment-runs') && r.request().method() === 'POST'),
      page.getByRole('button', { name: '运行考核' }).click(),
    ]);
    expect(ran.status()).toBe(200);
    const run = (await ran.json()) as RunJson;
    const unit = run.result.units.find((u) => u.name === '固始县')!;
    expect(unit.items.find((i) => i.itemId === 'work')!.notes).toContain('manual_missing');
    await page.getByText('评议分尚未填写', { exact: false }).first().waitFor();

    // 评议打分: a score needs its reason before it can be saved.
    const scoreBox = page.getByLabel('固始县 工作推进与产业契合度（评议） 得分');
    await scoreBox.fill('12');
    await page.getByText('请填写评分理由').waitFor();
    expect(await page.getByRole('button', { name: '保存评议分' }).isDisabled()).toBe(true);
    await page.getByLabel('固始县 工作推进与产业契合度（评议） 评分理由').fill('项目推进有力，产业链契合度高');
    const [patched] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/assessment-runs/${run.id}`) && r.request().method() === 'PATCH'),
      page.getByRole('button', { name: '保存评议分' }).click(),
    ]);
    expect(patched.status()).toBe(200);
    const rescored = (await patched.json()) as RunJson;
    const work = rescored.result.units.find((u) => u.name === '固始县')!.items.find((i) => i.itemId === 'work')!;
    expect(work.score).toBe('12.00');
    expect(work.reason).toBe('项目推进有力，产业链契合度高');
    await page.getByText('评议分已保存').first().waitFor();
    await shot(page, 'schemes-manual');
    await shotOf(page.getByTestId('schemes-manual'), 'schemes-manual-card');
  });
});
