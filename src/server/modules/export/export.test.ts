import type ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATE_HEADERS } from '../../../shared/import/columns.js';
import { usccCheckChar } from '../../../shared/uscc.js';
import { createTestContext, type TestContext } from '../../test/context.js';
import { commit, countOf, readXlsx, rowsOf, upload } from '../import/import.fixtures.js';

let t: TestContext;
let county: { id: number };
let town: { id: number };
let otherCounty: { id: number };
let staff: { id: number; cookie: string };
let otherStaff: { cookie: string };
let bureau: { cookie: string };
let leader: { id: number };

beforeAll(async () => {
  t = await createTestContext();
  county = await t.createUnit({ type: 'county', name: '光山县' });
  town = await t.createUnit({ type: 'town', name: '十里镇', parentId: county.id });
  otherCounty = await t.createUnit({ type: 'county', name: '新县' });
  staff = await t.createUser({ role: 'unit_staff', unitId: county.id });
  otherStaff = await t.createUser({ role: 'unit_staff', unitId: otherCounty.id });
  bureau = await t.createUser({ role: 'bureau' });
  leader = await t.createUser({ role: 'leader' });
});
afterAll(() => t.close());

async function exportXlsx(cookie: string, query = '') {
  const res = await t.request(cookie, { method: 'GET', url: `/api/export/projects${query}` });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toContain('spreadsheetml');
  expect(String(res.headers['content-disposition'])).toContain("filename*=UTF-8''");
  return { wb: await readXlsx(res.rawPayload), body: res.rawPayload };
}

function table(ws: ExcelJS.Worksheet) {
  const header = (ws.getRow(1).values as unknown[]).slice(1);
  const rows: Record<string, unknown>[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const values = (row.values as unknown[]).slice(1);
    rows.push(Object.fromEntries(header.map((h, i) => [String(h), values[i] ?? null])));
  });
  return { header, rows };
}

async function newProject(cookie: string, body: Record<string, unknown>) {
  const res = await t.request(cookie, { method: 'POST', url: '/api/projects', payload: body });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { id: number };
}

async function verify(projectId: number, to: string, date: string) {
  const req = await t.request(staff.cookie, { method: 'POST', url: `/api/projects/${projectId}/transitions`, payload: { to, date } });
  expect(req.statusCode, req.body).toBe(200);
  const ok = await t.request(bureau.cookie, { method: 'POST', url: `/api/projects/${projectId}/transitions/${req.json().id}/verify`, payload: {} });
  expect(ok.statusCode, ok.body).toBe(200);
}

describe('export', () => {
  beforeAll(async () => {
    const first17 = '91411522000000007';
    const inv = await t.request(staff.cookie, { method: 'POST', url: '/api/investors', payload: { name: '光山羽绒制品有限公司', uscc: first17 + usccCheckChar(first17) } });
    expect(inv.statusCode, inv.body).toBe(200);
    const down = await newProject(staff.cookie, {
      name: '羽绒服装产业园',
      unitId: county.id,
      investorId: inv.json().id,
      industryCode: '1391',
      carrier: '光山县产业集聚区',
      plannedInvestment: '150000.5',
      contractedInvestment: '123456.7891',
      foreignInvestment: '2500',
      expectedJobs: 800,
      landMu: '120.5',
      channel: 'business',
      isCityKey: true,
      ownerUserId: staff.id,
      liaisonLeaderId: leader.id,
      nextStep: '洽谈供地',
      description: '年产羽绒服500万件',
    });
    await verify(down.id, 'signed', '2024-03-05');
    const stalled = await newProject(staff.cookie, { name: '茶油精深加工项目', unitId: town.id, contractedInvestment: '8000' });
    await verify(stalled.id, 'started', '2024-04-01');
    const stall = await t.request(staff.cookie, { method: 'POST', url: `/api/projects/${stalled.id}/transitions`, payload: { to: 'stalled', date: '2024-05-01', reason: '资金链紧张' } });
    await t.request(bureau.cookie, { method: 'POST', url: `/api/projects/${stalled.id}/transitions/${stall.json().id}/verify`, payload: {} });
    await newProject(staff.cookie, { name: '电商产业园', unitId: county.id });
    await newProject(otherStaff.cookie, { name: '新县红色旅游项目', unitId: otherCounty.id });
  });

  it('writes the template headers, amounts in 万元, stages in Chinese, date cells and the stall warning, within scope', async () => {
    const { wb } = await exportXlsx(staff.cookie, '?sort=name&order=asc');
    const { header, rows } = table(wb.getWorksheet('项目台账')!);
    expect(header).toEqual(TEMPLATE_HEADERS);
    expect(rows.map((r) => r['项目名称'])).toEqual(['电商产业园', '羽绒服装产业园', '茶油精深加工项目'].sort((a, b) => (a < b ? -1 : 1)));
    const down = rows.find((r) => r['项目名称'] === '羽绒服装产业园')!;
    expect(down).toMatchObject({
      所属县区: '光山县',
      投资方: '光山羽绒制品有限公司',
      所属行业: expect.stringMatching(/^1391 /),
      当前进展: '签约',
      '计划总投资（万元）': 150000.5,
      '合同投资额（万元）': 123456.7891,
      '利用外资（万美元）': 2500,
      '预计用工（人）': 800,
      '用地面积（亩）': 120.5,
      招商方式: '以商招商',
      市重点: '是',
      省重点: '否',
      包联领导: expect.stringContaining('测试用户'),
      停滞预警: '否',
    });
    expect((down['签约日期'] as Date).toISOString()).toBe('2024-03-05T00:00:00.000Z');
    expect(wb.getWorksheet('项目台账')!.getColumn(TEMPLATE_HEADERS.indexOf('签约日期') + 1).numFmt).toBe('yyyy-mm-dd');
    const stalled = rows.find((r) => r['项目名称'] === '茶油精深加工项目')!;
    expect(stalled).toMatchObject({ 所属县区: '十里镇', 当前进展: '停滞', 停滞原因: '资金链紧张' });
    expect((stalled['阶段日期'] as Date).toISOString().slice(0, 10)).toBe('2024-05-01');
  });

  it('applies the list filters and refuses a unit outside scope', async () => {
    const { wb } = await exportXlsx(staff.cookie, '?stage=signed');
    expect(table(wb.getWorksheet('项目台账')!).rows.map((r) => r['项目名称'])).toEqual(['羽绒服装产业园']);
    const bureauAll = table((await exportXlsx(bureau.cookie)).wb.getWorksheet('项目台账')!).rows.map((r) => r['项目名称']);
    expect(bureauAll).toContain('新县红色旅游项目');
    expect((await t.request(otherStaff.cookie, { method: 'GET', url: `/api/export/projects?unitId=${county.id}` })).statusCode).toBe(404);
    expect((await t.request(staff.cookie, { method: 'GET', url: '/api/export/projects?stage=nonsense' })).statusCode).toBe(400);
  });

  it('round-trips: re-importing an export is all unchanged, and its commit writes nothing', async () => {
    const { body } = await exportXlsx(staff.cookie);
    const res = await upload(t, staff.cookie, body, 'export.xlsx');
    expect(res.statusCode, res.body).toBe(200);
    const job = res.json();
    const rows = (await rowsOf(t, staff.cookie, job.id)).items;
    expect(rows.map((r) => [r.name, r.action, r.errors, r.warnings])).toEqual(rows.map((r) => [r.name, 'unchanged', [], []]));
    expect(job.counts).toMatchObject({ rows: 3, unchanged: 3 });
    const audit = await countOf(t, 'audit_log');
    expect((await commit(t, staff.cookie, job.id)).json()).toMatchObject({ status: 'done', commit: { created: 0, updated: 0 } });
    expect(await countOf(t, 'audit_log')).toBe(audit);
  });
});

describe('template', () => {
  it('has the export headers, a 填写说明 sheet, and offers the importer’s own units', async () => {
    const res = await t.request(staff.cookie, { method: 'GET', url: '/api/import/template.xlsx' });
    expect(res.statusCode).toBe(200);
    const wb = await readXlsx(res.rawPayload);
    const sheet = wb.getWorksheet('项目台账')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(TEMPLATE_HEADERS);
    const units = wb.getWorksheet('单位列表')!;
    const names: unknown[] = [];
    units.eachRow((r) => names.push(r.getCell(1).value));
    expect(names).toEqual(['光山县', '十里镇']);
    const unitColumn = TEMPLATE_HEADERS.indexOf('所属县区') + 1;
    expect(sheet.getCell(2, unitColumn).dataValidation).toMatchObject({ type: 'list', formulae: ["'单位列表'!$A$1:$A$2"] });
    const help = wb.getWorksheet('填写说明')!;
    const helpText: string[] = [];
    help.eachRow((r) => helpText.push(String(r.getCell(1).value ?? '') + String(r.getCell(2).value ?? '')));
    expect(helpText.join('\n')).toMatch(/合同投资额（万元）.*亿元/);
    expect(helpText.join('\n')).toMatch(/空白单元格不会清除/);
  });

  it('is refused by the importer as empty until rows are filled in', async () => {
    const res = await t.request(staff.cookie, { method: 'GET', url: '/api/import/template.xlsx' });
    const up = await upload(t, staff.cookie, res.rawPayload, 'template.xlsx');
    expect(up.statusCode).toBe(400);
    expect(up.json().error.code).toBe('IMPORT_EMPTY');
  });
});
