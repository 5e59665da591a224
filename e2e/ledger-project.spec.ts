import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { usccCheckChar } from '../src/shared/uscc.js';
import { clickForResponse, DEMO_PASSWORD, launch, newContext, shot, signIn } from './support.js';

// One journey over the seeded demo data: a county officer registers an investor and a project,
// records a follow-up and asks for 签约; the city bureau verifies it. Names carry a run tag so a
// re-run against the same server does not collide.
const tag = String(Date.now() % 1_000_000).padStart(6, '0');
const investorName = `豫南测试新材料${tag}有限公司`;
const projectName = `豫南测试新材料${tag}年产万吨项目`;
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** A valid 统一社会信用代码 unique to this run (GB 32100-2015 check character). */
function freshUscc(): string {
  const body = `91411525${Array.from({ length: 9 }, (_, i) => USCC_CHARS[(Number(tag[i % 6]) * 7 + i * 3) % USCC_CHARS.length]).join('')}`;
  return body + usccCheckChar(body);
}
const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10); // the date in China

let browser: Browser;
let county: BrowserContext;
let countyPage: Page;
let projectUrl = '';

beforeAll(async () => {
  browser = await launch();
  county = await newContext(browser);
  countyPage = await county.newPage();
  await signIn(countyPage, 'demo.gushi', DEMO_PASSWORD);
  await countyPage.getByRole('menuitem', { name: '项目台账' }).waitFor();
});
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await shot(countyPage, `ledger-project-failed-${ctx.task.name.slice(0, 20)}`).catch(() => undefined);
});
afterAll(async () => {
  await county?.close();
  await browser?.close();
});

/** The form item labelled `label` (an optional field's label also says （可选）) inside the open dialog or drawer. */
const field = (scope: ReturnType<Page['getByRole']>, label: string) =>
  scope.locator('.ant-form-item').filter({ has: scope.page().locator('.ant-form-item-label', { hasText: label }) }).first();

/** Set an antd DatePicker to an ISO date by typing it. */
async function pickDate(scope: ReturnType<Page['getByRole']>, label: string, date: string) {
  const input = field(scope, label).locator('input');
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

describe('ledger: county officer to bureau verification', () => {
  it('county staff registers an investor: a wrong USCC is refused clearly', async () => {
    const page = countyPage;
    await page.goto('/investors');
    await page.getByRole('button', { name: /新增客商/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('企业名称').fill(investorName);
    const good = freshUscc();
    // The same code with a wrong check character.
    const wrong = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    await dialog.getByLabel('统一社会信用代码').fill(wrong);
    await dialog.getByLabel('企业名称').click();
    await dialog.getByText('统一社会信用代码校验位错误，请核对').waitFor();
    await shot(page, 'ledger-investor-wrong-uscc');
    await dialog.getByLabel('统一社会信用代码').fill(good);
    await dialog.getByRole('button', { name: /确\s*定|新\s*增|保\s*存/ }).last().click();
    await page.getByText(`已新增客商“${investorName}”`).waitFor();
  });

  it('county staff registers a project; a duplicate investor name offers the existing record', async () => {
    const page = countyPage;
    await page.goto('/projects?new=1');
    const drawer = page.getByRole('dialog');
    await drawer.getByLabel('项目名称').fill(projectName);
    // "（集团）股份有限公司" normalises to the name just registered: the form offers that record.
    await field(drawer, '投资方（客商）').getByRole('button', { name: /新建客商/ }).click();
    const modal = page.locator('.ant-modal').filter({ hasText: '新增客商' });
    await modal.getByLabel('企业名称').fill(investorName.replace('有限公司', '（集团）股份有限公司'));
    await modal.getByLabel('统一社会信用代码').click();
    await modal.getByText('客商库中已有名称相同的企业', { exact: false }).waitFor();
    await shot(page, 'ledger-investor-duplicate');
    await modal.getByRole('button', { name: '使用已有客商' }).click();
    await field(drawer, '投资方（客商）').getByText(investorName).waitFor();
    await drawer.getByRole('button', { name: '登记项目' }).click();
    await page.getByText(`已登记项目“${projectName}”`).waitFor();
    await page.waitForURL(/\/projects\/\d+/);
    projectUrl = new URL(page.url()).pathname;
  });

  it('county staff adds a follow-up and asks for 签约 with a date', async () => {
    const page = countyPage;
    await page.goto(projectUrl);
    await page.getByRole('button', { name: '添加跟踪记录' }).first().click();
    const followUp = page.getByRole('dialog');
    await followUp.getByLabel('跟进内容').fill('赴企业总部洽谈，确认投资规模和用地需求');
    await followUp.getByLabel('下一步工作').fill('起草投资协议');
    await followUp.getByRole('button', { name: /新\s*增|创\s*建|保\s*存/ }).click();
    await page.getByText('赴企业总部洽谈，确认投资规模和用地需求').first().waitFor();

    await page.getByRole('button', { name: '申请阶段变更' }).click();
    const transition = page.getByRole('dialog');
    await field(transition, '变更为').locator('.ant-select').click();
    await page.locator('.ant-select-dropdown:visible').getByText('签约', { exact: true }).click();
    await pickDate(transition, '发生日期', today);
    await transition.getByRole('button', { name: '提交审核' }).click();
    await page.getByText('已提交，等待招商局审核').waitFor();
    await shot(page, 'ledger-project-pending');
    // Staff cannot verify, not even their own change: no review buttons, and the API refuses.
    expect(await page.getByRole('button', { name: /^通\s*过$/ }).count()).toBe(0);
    const id = Number(projectUrl.split('/').pop());
    const list = (await (await page.request.get(`/api/projects/${id}/transitions`)).json()) as { items?: { id: number; status: string }[] } | { id: number; status: string }[];
    const pending = (Array.isArray(list) ? list : (list.items ?? [])).find((x) => x.status === 'pending');
    expect(pending).toBeTruthy();
    const verify = await page.request.post(`/api/projects/${id}/transitions/${pending!.id}/verify`, { data: {} });
    expect(verify.status()).toBe(403);
  });

  it('the bureau verifies it from the review queue; the project shows the verified stage and its history', async () => {
    const bureau = await newContext(browser);
    const page = await bureau.newPage();
    await signIn(page, 'demo.bureau', DEMO_PASSWORD);
    await page.getByRole('menuitem', { name: /审核/ }).first().click();
    const row = page.locator('tr').filter({ hasText: projectName }).first();
    await row.waitFor();
    await shot(page, 'ledger-review-queue');
    await row.getByRole('button', { name: /通\s*过/ }).click();
    const confirm = page.locator('.ant-modal').filter({ hasText: '审核通过' }).getByRole('button', { name: /通\s*过/ });
    const answer = await clickForResponse(page, confirm, (r) => r.request().method() === 'POST' && /\/transitions\/\d+\/verify$/.test(new URL(r.url()).pathname));
    expect(answer.status()).toBe(200);
    await row.waitFor({ state: 'detached' });

    await page.goto(projectUrl);
    await page.getByRole('tab', { name: '阶段历史' }).click();
    const history = page.getByRole('tabpanel');
    await history.getByText('已通过').first().waitFor();
    await expect.poll(async () => (await page.locator('.zs-page-header, .ant-card').first().innerText()).includes('签约')).toBe(true);
    await shot(page, 'ledger-project-verified');
    await bureau.close();
  });
});
