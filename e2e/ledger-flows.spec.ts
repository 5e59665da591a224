import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clickForResponse, DEMO_PASSWORD, launch, newContext, pickOption, shot, signedInPage } from './support.js';

// The work on one project after it is registered: its node plan (倒排工期), a coordination issue
// handed to a city department, a stage change the bureau rejects and a backward correction, a
// first-referrer conflict arbitrated with a credit split, and its files. Each test sets up its own
// project through the API (as demo.gushi, verified by demo.bureau) and then works through the UI.
// Names carry a run tag so a re-run against the same server does not collide.
const tag = String(Date.now() % 1_000_000).padStart(6, '0') + Math.random().toString(36).slice(2, 5);

/** A date in China, `days` from today (negative: in the past). */
function chinaDate(days = 0): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

interface Transition {
  id: number;
  status: string;
  reason: string | null;
  reviewNote: string | null;
  isBackward: boolean;
}

let browser: Browser;
let county: BrowserContext;
let countyPage: Page;
let bureau: BrowserContext;
let bureauPage: Page;
let countyUnitId = 0;

beforeAll(async () => {
  browser = await launch();
  ({ context: county, page: countyPage } = await signedInPage(browser, 'demo.gushi', DEMO_PASSWORD));
  await countyPage.getByRole('menuitem', { name: '项目台账' }).waitFor();
  countyUnitId = ((await (await countyPage.request.get('/api/auth/me')).json()) as { user: { unit: { id: number } } }).user.unit.id;
  ({ context: bureau, page: bureauPage } = await signedInPage(browser, 'demo.bureau', DEMO_PASSWORD));
  await bureauPage.getByRole('menuitem', { name: /审核/ }).first().waitFor();
});
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && !ctx.task.fails) {
    await shot(countyPage, `ledger-flows-failed-county-${ctx.task.name.slice(0, 20)}`).catch(() => undefined);
    await shot(bureauPage, `ledger-flows-failed-bureau-${ctx.task.name.slice(0, 20)}`).catch(() => undefined);
  }
});
afterAll(async () => {
  await county?.close();
  await bureau?.close();
  await browser?.close();
});

/** A new 固始县 project registered by demo.gushi (a lead). */
async function createProject(name: string): Promise<number> {
  const res = await countyPage.request.post('/api/projects', { data: { name, unitId: countyUnitId, plannedInvestment: '8000' } });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { id: number }).id;
}

/** demo.gushi asks for a stage change. */
async function requestTransition(projectId: number, to: string, date: string, reason?: string): Promise<Transition> {
  const res = await countyPage.request.post(`/api/projects/${projectId}/transitions`, { data: { to, date, ...(reason ? { reason } : {}) } });
  expect(res.status()).toBe(200);
  return (await res.json()) as Transition;
}

/** demo.bureau verifies it. */
async function verify(projectId: number, transitionId: number): Promise<void> {
  const res = await bureauPage.request.post(`/api/projects/${projectId}/transitions/${transitionId}/verify`, { data: {} });
  expect(res.status()).toBe(200);
}

/** Set an antd DatePicker by typing an ISO date (again if the picker was still opening). */
async function typeDate(input: Locator, date: string) {
  for (let attempt = 0; attempt < 3 && (await input.inputValue()) !== date; attempt++) {
    await input.click();
    await input.fill(date);
    await input.press('Enter');
    await expect.poll(() => input.inputValue(), { timeout: 1_500 }).toBe(date).catch(() => undefined);
  }
  expect(await input.inputValue()).toBe(date);
}

/** A full-page screenshot from the top (a page opened at a tab scrolls down to it). */
async function snap(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, name);
}

/** A click while a modal is still opening can be lost: click until `answer` shows (at most three times). */
async function clickUntil(button: Locator, answer: Locator) {
  for (let attempt = 0; attempt < 3 && !(await answer.isVisible()); attempt++) {
    await button.click();
    await answer.waitFor({ timeout: 3_000 }).catch(() => undefined);
  }
  await answer.waitFor();
}

/**
 * Pick `option` in the antd Select `select` (typing `search` first into a searchable one). A click
 * that lands while the dropdown is still opening selects nothing: check, and pick again.
 */
async function choose(select: Locator, option: string, search?: string) {
  const exact = new RegExp(`^${option.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  const item = select.page().locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: exact }).first();
  await pickOption(select, item, select.locator(`[title="${option}"]`), search);
}

/** The form item labelled `label` inside `scope`. */
const field = (scope: Locator, label: string) =>
  scope.locator('.ant-form-item').filter({ has: scope.page().locator('.ant-form-item-label', { hasText: label }) }).first();

describe('ledger: work on a project', () => {
  it('node plan on a signed project: default nodes, dates and a responsible person, an overdue flag and the timeline', async () => {
    const name = `节点测试${tag}项目`;
    const id = await createProject(name);
    const signed = await requestTransition(id, 'signed', chinaDate(-90));
    await verify(id, signed.id);

    const page = countyPage;
    await page.goto(`/projects/${id}?tab=nodes`);
    await page.getByText('还没有节点计划').waitFor();
    const created = await clickForResponse(page, page.getByRole('button', { name: /生成标准节点（\d+ 个）/ }), (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/api/projects/${id}/nodes/default`);
    expect(created.status()).toBe(200);
    const defaults = ((await created.json()) as { items: { name: string }[] }).items;
    expect(defaults.length).toBeGreaterThanOrEqual(3);
    await page.getByText(`共 ${defaults.length} 个节点，已完成 0 个`).waitFor();

    // Edit: the first node done late, the second past its planned date with a responsible person, the third ahead.
    await page.getByRole('button', { name: '编辑节点计划' }).click();
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(defaults.length);
    await typeDate(rows.nth(0).getByLabel('计划日期'), chinaDate(-60));
    await typeDate(rows.nth(0).getByLabel('实际日期'), chinaDate(-55));
    await typeDate(rows.nth(1).getByLabel('计划日期'), chinaDate(-20));
    await rows.nth(1).getByLabel('责任人').fill(`王科长${tag}`);
    await typeDate(rows.nth(2).getByLabel('计划日期'), chinaDate(30));
    await snap(page, 'nodes-editing');
    const saved = await clickForResponse(page, page.getByRole('button', { name: '保存节点计划' }), (r) => r.request().method() === 'PUT' && new URL(r.url()).pathname === `/api/projects/${id}/nodes`);
    expect(saved.status()).toBe(200);
    await page.getByText('已保存').first().waitFor();

    // The plan as the API has it: the second node is overdue by 20 days.
    const plan = ((await saved.json()) as { items: { name: string; plannedDate: string | null; actualDate: string | null; responsible: string | null; isOverdue: boolean; daysOverdue: number | null }[] }).items;
    expect(plan[0]).toMatchObject({ plannedDate: chinaDate(-60), actualDate: chinaDate(-55), isOverdue: false });
    expect(plan[1]).toMatchObject({ plannedDate: chinaDate(-20), actualDate: null, responsible: `王科长${tag}`, isOverdue: true, daysOverdue: 20 });
    expect(plan[2]).toMatchObject({ plannedDate: chinaDate(30), isOverdue: false });

    // What the user sees: the overdue count, the row flags, the responsible person, and the timeline.
    await page.getByText('1 个节点逾期').waitFor();
    const table = page.locator('.ant-table-tbody');
    const late = table.locator('tr.ant-table-row').filter({ hasText: plan[0]!.name }).first();
    await late.getByText('延期完成').waitFor();
    const overdue = table.locator('tr.ant-table-row').filter({ hasText: plan[1]!.name }).first();
    await overdue.getByText('逾期 20 天').waitFor();
    await overdue.getByText(`王科长${tag}`).waitFor();
    await table.locator('tr.ant-table-row').filter({ hasText: plan[2]!.name }).first().getByText('未到期').waitFor();
    const gantt = page.getByRole('figure', { name: '节点进度图' });
    await gantt.waitFor();
    // One row per node; the overdue tail runs to today, the today line is labelled.
    await gantt.locator('[title="逾期 20 天"]').waitFor();
    await gantt.locator(`[title="计划 ${chinaDate(-20)}"]`).first().waitFor();
    await gantt.getByText(`今天 ${chinaDate()}`).waitFor();
    await snap(page, 'nodes-plan-overdue');
  });

  it('a coordination issue on a county project goes to 市自然资源和规划局 and shows in its to-do list and on the project', async () => {
    const projectName = `协调测试${tag}项目`;
    const id = await createProject(projectName);
    const title = `用地指标尚未落实（测试${tag}）`;

    // Handed over from the project page by the county's own staff: every city department is offered.
    const page = countyPage;
    await page.goto(`/projects/${id}?tab=issues`);
    await page.getByText('没有协调问题').waitFor();
    await page.getByRole('button', { name: '提交协调问题' }).click();
    const modal = page.locator('.ant-modal').filter({ hasText: '提交协调问题' });
    await modal.getByLabel('问题', { exact: true }).fill(title);
    await modal.getByLabel('详细情况').fill('项目需 80 亩工业用地，指标尚未落实，影响开工。');
    await choose(field(modal, '承办部门').locator('.ant-select'), '信阳市自然资源和规划局', '自然资源');
    await typeDate(field(modal, '办理期限').locator('input'), chinaDate());
    await snap(page, 'issue-create');
    const created = await clickForResponse(page, modal.getByRole('button', { name: /提\s*交/ }), (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/api/projects/${id}/issues`);
    expect(created.status()).toBe(200);
    const issue = (await created.json()) as { id: number; version: number };
    expect(issue).toMatchObject({ title, status: 'open', departmentName: '信阳市自然资源和规划局', deadline: chinaDate() });
    await page.getByText('已提交，等待部门答复').waitFor();
    await page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: title }).getByText('待答复').waitFor();

    // The department finds it in its to-do list, with its project, and can open the project's basic facts.
    const { context: dept, page: deptPage } = await signedInPage(browser, 'demo.ziran', DEMO_PASSWORD);
    await deptPage.getByRole('menuitem', { name: '部门待办' }).click();
    await deptPage.waitForURL(/\/todo/);
    // Soonest deadline first: on a server that has seen many runs, show enough rows to include ours.
    await deptPage.goto('/todo?pageSize=100');
    const row = deptPage.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: title });
    await row.waitFor();
    expect(await row.innerText()).toContain(projectName);
    await row.getByText('待答复').waitFor();
    await row.getByText('答复', { exact: true }).waitFor();
    await snap(deptPage, 'issue-department-todo');
    await row.getByRole('link', { name: projectName }).click();
    await deptPage.waitForURL(new RegExp(`/projects/${id}`));
    await deptPage.getByRole('tab', { name: '问题协调' }).waitFor();
    await deptPage.getByText(title).first().waitFor();
    // Answered, so it does not pile up in the department's to-do list over re-runs.
    const answered = await deptPage.request.post(`/api/issues/${issue.id}/answer`, { data: { answer: `已受理（测试${tag}）`, version: issue.version } });
    expect(answered.status()).toBe(200);
    await dept.close();

    // And the bureau sees it on the county's project.
    await bureauPage.goto(`/projects/${id}?tab=issues`);
    await bureauPage.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: title }).getByText('信阳市自然资源和规划局').waitFor();
  });

  it('the bureau rejects a pending stage change with a reason, which the requester sees; a backward move needs a reason', async () => {
    const projectName = `驳回测试${tag}项目`;
    const id = await createProject(projectName);
    await requestTransition(id, 'negotiating', chinaDate(-3));

    // The bureau rejects it from the review queue: a reason is required.
    const page = bureauPage;
    // Oldest first: on a server that has seen many runs, ours may be far down the queue.
    await page.goto('/review?pageSize=100');
    const row = page.locator('tr').filter({ hasText: projectName }).first();
    await row.waitFor();
    await row.getByRole('button', { name: /驳\s*回/ }).click();
    const modal = page.locator('.ant-modal').filter({ hasText: '驳回变更' });
    const reject = modal.getByRole('button', { name: /驳\s*回/ });
    await modal.getByLabel('驳回原因').waitFor();
    await clickUntil(reject, modal.getByText('请填写驳回原因，申请人会看到'));
    const reason = `洽谈日期与会谈纪要不符，请补充纪要（测试${tag}）`;
    await modal.getByLabel('驳回原因').fill(reason);
    await snap(page, 'transition-reject');
    const rejected = await clickForResponse(page, reject, (r) => r.request().method() === 'POST' && /\/transitions\/\d+\/reject$/.test(new URL(r.url()).pathname));
    expect(rejected.status()).toBe(200);
    expect(await rejected.json()).toMatchObject({ status: 'rejected', reviewNote: reason });
    await row.waitFor({ state: 'detached' });

    // The requester sees the rejection, who made it and why, in the project's history; the stage did not move.
    const county = countyPage;
    await county.goto(`/projects/${id}?tab=history`);
    const history = county.getByRole('tabpanel');
    await history.getByText('已驳回').first().waitFor();
    await history.getByText(reason).waitFor();
    await history.getByText(/示例·市投资促进局专员 于 .* 驳回/).waitFor();
    await snap(county, 'transition-rejected-history');
    expect(((await (await county.request.get(`/api/projects/${id}`)).json()) as { stage: string }).stage).toBe('lead');

    // Once 洽谈 is verified, going back to 线索 is a correction: the form asks for a reason, and so does the API.
    const again = await requestTransition(id, 'negotiating', chinaDate(-2));
    await verify(id, again.id);
    const refused = await county.request.post(`/api/projects/${id}/transitions`, { data: { to: 'lead', date: chinaDate() } });
    expect(refused.status()).toBe(400);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('NEEDS_REASON');

    await county.goto(`/projects/${id}`);
    await county.getByRole('button', { name: '申请阶段变更' }).click();
    const dialog = county.locator('.ant-modal').filter({ hasText: '申请阶段变更' });
    await choose(field(dialog, '变更为').locator('.ant-select'), '线索（回退）');
    await dialog.getByText('这是阶段回退（更正），须说明原因；回退会被标记并记入审计日志。').waitFor();
    let sent = false;
    const watch = (r: { url(): string; method(): string }) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === `/api/projects/${id}/transitions`) sent = true;
    };
    county.on('request', watch);
    await clickUntil(dialog.getByRole('button', { name: '提交审核' }), dialog.getByText('回退、停滞、流失、终止或恢复推进须填写原因'));
    county.off('request', watch);
    expect(sent).toBe(false);
    await snap(county, 'transition-backward-needs-reason');
    const why = `误报洽谈，实为首次接触（测试${tag}）`;
    await field(dialog, '原因').locator('textarea').fill(why);
    const requested = await clickForResponse(county, dialog.getByRole('button', { name: '提交审核' }), (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/api/projects/${id}/transitions`);
    expect(requested.status()).toBe(200);
    const backward = (await requested.json()) as Transition;
    expect(backward).toMatchObject({ status: 'pending', isBackward: true, reason: why });
    await county.getByText('已提交，等待招商局审核').waitFor();
    await county.getByRole('tab', { name: '阶段历史' }).click();
    await county.getByRole('tabpanel').getByText(why).waitFor();
    // Leave nothing pending in the shared review queue.
    await verify(id, backward.id);
  });

  it('the bureau arbitrates a referral conflict with a credit split that must add up to 100', async () => {
    // Two counties register the same investor within the protection period: a conflict.
    const investor = `仲裁测试${tag}科技有限公司`;
    const body = (referrerName: string) => ({ investorName: investor, projectIntent: '年产 5 万吨新材料项目', referrerName, referrerKind: 'staff' });
    const first = await countyPage.request.post('/api/referrals', { data: body('固始县测试引荐人') });
    expect(first.status()).toBe(200);
    const other = await newContext(browser);
    expect((await other.request.post('/api/auth/login', { data: { username: 'demo.pingqiao', password: DEMO_PASSWORD } })).status()).toBe(200);
    const second = await other.request.post('/api/referrals', { data: body('平桥区测试引荐人') });
    expect(second.status()).toBe(200);
    const later = (await second.json()) as { unitId: number; status: string; openConflicts: number };
    expect(later).toMatchObject({ status: 'conflict', openConflicts: 1 });
    await other.close();

    // Open conflicts are listed oldest first, ten a page: open the page that holds this one.
    const page = bureauPage;
    const open = (await (await page.request.get('/api/referral-conflicts?status=open&pageSize=200')).json()) as { items: { id: number; earlier: { detail: { investorName: string } | null } }[] };
    const position = open.items.findIndex((c) => c.earlier.detail?.investorName === investor);
    expect(position).toBeGreaterThanOrEqual(0);
    const conflictId = open.items[position]!.id;
    await page.goto(`/referrals?tab=conflicts${position >= 10 ? `&page=${Math.floor(position / 10) + 1}` : ''}`);
    const card = page.locator('.ant-card-type-inner').filter({ hasText: investor });
    await card.waitFor();
    await snap(page, 'referral-conflict-open');
    await card.getByRole('button', { name: /裁\s*定/ }).click();
    const modal = page.locator('.ant-modal').filter({ hasText: '裁定报备冲突' });
    await modal.getByLabel('裁定理由').fill(`双方均参与首次洽谈，先报备方材料完整（测试${tag}）`);
    await modal.getByText('在两个报备单位之间分配功劳').click();
    const winner = modal.getByLabel('固始县', { exact: true });
    const loser = modal.getByLabel('平桥区', { exact: true });
    await winner.waitFor();

    // The two shares stay at 100: typing 20 for 平桥区 makes 固始县 80.
    await loser.fill('20');
    await modal.getByText('合计 80% + 20% = 100%').waitFor();
    expect(await winner.inputValue()).toBe('80');

    // A 70/20 split is refused: the server says the shares must add up to 100, the modal stays open and nothing is decided.
    const winnerId = ((await first.json()) as { id: number }).id;
    const otherUnitId = later.unitId;
    const direct = await page.request.post(`/api/referral-conflicts/${conflictId}/resolve`, {
      data: { winnerId, reason: '测试', creditSplit: [{ unitId: countyUnitId, percent: 70 }, { unitId: otherUnitId, percent: 20 }] },
    });
    expect(direct.status()).toBe(400);
    expect(JSON.stringify(await direct.json())).toContain('分配比例合计须为100（现为90）');
    await page.route('**/api/referral-conflicts/*/resolve', async (route) => {
      const sent = route.request().postDataJSON() as { creditSplit: { unitId: number; percent: number }[] };
      await route.continue({ postData: JSON.stringify({ ...sent, creditSplit: [{ ...sent.creditSplit[0]!, percent: 70 }, { ...sent.creditSplit[1]!, percent: 20 }] }) });
    });
    const refused = await clickForResponse(page, modal.getByRole('button', { name: /裁\s*定/ }), (r) => r.request().method() === 'POST' && /\/api\/referral-conflicts\/\d+\/resolve$/.test(new URL(r.url()).pathname));
    await page.unroute('**/api/referral-conflicts/*/resolve');
    expect(refused.status()).toBe(400);
    // The reason shows on the percentage field, not as a bare toast.
    await modal.locator('.ant-form-item-explain-error').filter({ hasText: '分配比例合计须为100（现为90）' }).waitFor();
    await snap(page, 'referral-split-refused');
    expect(await modal.isVisible()).toBe(true);

    // 70/30 is accepted.
    await winner.fill('70');
    await modal.getByText('合计 70% + 30% = 100%').waitFor();
    expect(await loser.inputValue()).toBe('30');
    const resolved = await clickForResponse(page, modal.getByRole('button', { name: /裁\s*定/ }), (r) => r.request().method() === 'POST' && /\/api\/referral-conflicts\/\d+\/resolve$/.test(new URL(r.url()).pathname));
    expect(resolved.status()).toBe(200);
    expect(await resolved.json()).toMatchObject({ status: 'resolved', creditSplit: [expect.objectContaining({ unitName: '固始县', percent: 70 }), expect.objectContaining({ unitName: '平桥区', percent: 30 })] });
    await page.locator('.ant-message').getByText('已裁定').waitFor();
    await modal.waitFor({ state: 'detached' });
    await card.waitFor({ state: 'detached' });
    // Under 已裁定 (oldest first, ten a page) with the decision and the split.
    const closed = (await (await page.request.get('/api/referral-conflicts?status=resolved&pageSize=200')).json()) as { items: { id: number }[] };
    const at = closed.items.findIndex((c) => c.id === conflictId);
    expect(at).toBeGreaterThanOrEqual(0);
    await page.goto(`/referrals?tab=conflicts&cstatus=resolved${at >= 10 ? `&page=${Math.floor(at / 10) + 1}` : ''}`);
    const done = page.locator('.ant-card-type-inner').filter({ hasText: investor });
    await done.getByText('功劳分配：', { exact: false }).waitFor();
    expect(await done.innerText()).toContain('固始县 70% / 平桥区 30%');
    await snap(page, 'referral-conflict-resolved');
  });

  it('uploads a file to a project, lists and downloads it byte for byte; an .exe is refused with a clear message', async () => {
    const id = await createProject(`附件测试${tag}项目`);
    const page = countyPage;
    await page.goto(`/projects/${id}?tab=files`);
    await page.getByText('还没有附件').waitFor();
    await page.getByText('可上传 PDF、图片、Word、Excel、PowerPoint、TXT/CSV（压缩包、网页、可执行文件不能上传）', { exact: false }).waitFor();

    // A small real PNG: a corner of this page.
    const png = await page.screenshot({ clip: { x: 0, y: 0, width: 24, height: 16 } });
    const fileName = `签约协议首页${tag}.png`;
    const input = page.getByRole('tabpanel').locator('input[type=file]');
    const uploaded = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/files');
    await input.setInputFiles({ name: fileName, mimeType: 'image/png', buffer: png });
    const meta = await uploaded;
    expect(meta.status()).toBe(200);
    expect(await meta.json()).toMatchObject({ filename: fileName, mimeType: 'image/png', size: png.length, entity: 'project', entityId: id });
    await page.getByText(`已上传“${fileName}”`).waitFor();
    const row = page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: fileName });
    await row.waitFor();
    expect(await row.innerText()).toContain('项目');
    expect(await row.innerText()).toContain('示例·固始县招商员');

    const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('link', { name: fileName }).click()]);
    expect(download.suggestedFilename()).toBe(fileName);
    expect(Buffer.compare(await readFile(await download.path()), png)).toBe(0);

    // A Windows executable is refused, and the message says which types are allowed.
    const refused = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/files');
    await input.setInputFiles({ name: 'setup.exe', mimeType: 'application/x-msdownload', buffer: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 1)]) });
    expect((await refused).status()).toBe(415);
    await page.locator('.ant-message').getByText('setup.exe：不支持的文件类型（允许 PDF、图片、Word、Excel、PowerPoint、TXT/CSV）').waitFor();
    await snap(page, 'files-exe-refused');
    expect(await page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: 'setup.exe' }).count()).toBe(0);
    const files = (await (await page.request.get(`/api/projects/${id}/files`)).json()) as { items: { filename: string }[] };
    expect(files.items.map((f) => f.filename)).toEqual([fileName]);
  });
});
