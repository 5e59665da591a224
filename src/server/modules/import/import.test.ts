import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportJob } from '../../../shared/api/import.js';
import { usccCheckChar } from '../../../shared/uscc.js';
import { createTestContext, type TestContext } from '../../test/context.js';
import { commit, countOf, ledgerXlsx, preview, rowsOf, upload } from './import.fixtures.js';

let t: TestContext;
let county: { id: number };
let otherCounty: { id: number };
let staff: { id: number; cookie: string };
let otherStaff: { cookie: string };
let bureau: { cookie: string };

function uscc(n: number): string {
  const first17 = `91411525${String(n).padStart(9, '0')}`;
  return first17 + usccCheckChar(first17)!;
}

beforeAll(async () => {
  t = await createTestContext();
  county = await t.createUnit({ type: 'county', name: '固始县' });
  otherCounty = await t.createUnit({ type: 'county', name: '息县' });
  staff = await t.createUser({ role: 'unit_staff', unitId: county.id });
  otherStaff = await t.createUser({ role: 'unit_staff', unitId: otherCounty.id });
  bureau = await t.createUser({ role: 'bureau' });
});
afterAll(() => t.close());

async function project(id: number) {
  const res = await t.request(staff.cookie, { method: 'GET', url: `/api/projects/${id}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function projectByName(name: string, cookie = staff.cookie) {
  const res = await t.request(cookie, { method: 'GET', url: `/api/projects?q=${encodeURIComponent(name)}&pageSize=50` });
  return (res.json().items as { id: number; name: string }[]).find((p) => p.name === name);
}

// A ledger as counties keep them: a merged title, a 填报单位 line, synonyms for the headers, amounts
// in 亿元, dates typed five ways, full-width digits and trailing spaces.
const REAL_LEDGER = {
  titles: ['2024年固始县招商引资项目台账', '填报单位：固始县招商局　　填报日期：2024年6月'],
  header: ['序号', '项目名', '客商', '统一社会信用代码', '协议投资额（亿元）', '总投资', '项目阶段', '签约时间', '所属县区 ', '首谈人'],
  rows: [
    [1, '年产十万吨食品加工项目 ', '信阳食品有限公司', uscc(1), 1.5, 20000, '已签约', '2024-03-05', '固始县', '张三'],
    [2, '智能装备产业园项目', '豫南装备集团股份有限公司', uscc(2), '１．２３４５６７８９', '３００００', '签约', '2024/3/5', '固始县 ', null],
    [3, '冷链物流中心', '中原冷链（中国）有限公司', null, '0.8', null, '签约', '2024年3月5日', '固始', null],
    [4, '光伏组件项目', '华电光伏有限公司', null, 2, '１，５００', '签约', 45356, '固始县', null],
    [5, '茶叶深加工项目', '信阳毛尖茶业有限公司', null, null, 8000, '已签约', new Date(Date.UTC(2024, 2, 5)), '固始县', '李四'],
  ],
  dateColumns: [8],
};

describe('preview and commit', () => {
  let job: ImportJob;

  it('finds the header under merged title rows and reads synonyms, 亿元, every date form and full-width digits', async () => {
    // 固始 as a short name must resolve; give the county one.
    const patched = await t.request(t.adminCookie, { method: 'PATCH', url: `/api/org-units/${county.id}`, payload: { shortName: '固始' } });
    expect(patched.statusCode, patched.body).toBe(200);
    job = await preview(t, staff.cookie, REAL_LEDGER);
    expect(job).toMatchObject({ status: 'preview', sheet: '台账', headerRow: 3, total: 5, missingRequired: [] });
    expect(job.counts).toEqual({ rows: 5, create: 5, update: 0, unchanged: 0, error: 0, skipped: 0 });
    const fields = Object.fromEntries(job.columns.map((c) => [c.header, [c.field, c.source, c.unit]]));
    expect(fields).toMatchObject({
      序号: [null, 'ignored', null],
      项目名: ['name', 'synonym', null],
      客商: ['investorName', 'synonym', null],
      '协议投资额（亿元）': ['contractedInvestment', 'synonym', '亿元'],
      总投资: ['plannedInvestment', 'synonym', null],
      项目阶段: ['stage', 'synonym', null],
      签约时间: ['signedDate', 'synonym', null],
      '所属县区': ['unit', 'synonym', null],
      首谈人: ['firstReferrer', 'synonym', null],
    });
    const rows = await rowsOf(t, staff.cookie, job.id);
    expect(rows.items.map((r) => [r.row, r.action, r.name, r.unitName])).toEqual([
      [4, 'create', '年产十万吨食品加工项目', '固始县'],
      [5, 'create', '智能装备产业园项目', '固始县'],
      [6, 'create', '冷链物流中心', '固始县'],
      [7, 'create', '光伏组件项目', '固始县'],
      [8, 'create', '茶叶深加工项目', '固始县'],
    ]);
  });

  it('commits in one transaction: projects as leads, exact amounts, new investors, pending stage changes', async () => {
    const before = { projects: await countOf(t, 'projects'), investors: await countOf(t, 'investors') };
    const res = await commit(t, staff.cookie, job.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'done', progress: 5, commit: { mode: 'single', created: 5, updated: 0, investorsCreated: 5, transitions: 5, landedRows: 5, landedThroughRow: 8 } });
    expect(await countOf(t, 'projects')).toBe(before.projects + 5);
    expect(await countOf(t, 'investors')).toBe(before.investors + 5);

    const food = await project((await projectByName('年产十万吨食品加工项目'))!.id);
    expect(food).toMatchObject({ stage: 'lead', contractedInvestment: '15000.0000', plannedInvestment: '20000.0000', investorName: '信阳食品有限公司', pendingTransitions: 1, signedDate: null });
    const gear = await project((await projectByName('智能装备产业园项目'))!.id);
    expect(gear).toMatchObject({ contractedInvestment: '12345.6789', plannedInvestment: '30000.0000' });
    const solar = await project((await projectByName('光伏组件项目'))!.id);
    expect(solar).toMatchObject({ contractedInvestment: '20000.0000', plannedInvestment: '1500.0000' });
    // Every spelling of the date — ISO, slashes, 年月日, serial 45356, a date cell — is the same day.
    for (const name of ['年产十万吨食品加工项目', '智能装备产业园项目', '冷链物流中心', '光伏组件项目', '茶叶深加工项目']) {
      const p = (await projectByName(name))!;
      const history = (await t.request(staff.cookie, { method: 'GET', url: `/api/projects/${p.id}/transitions` })).json().items;
      expect(history, name).toMatchObject([{ to: 'signed', eventDate: '2024-03-05', status: 'pending', fromStage: 'lead' }]);
      expect(history[0].note).toContain('Excel 台账导入');
    }
    const tea = (await projectByName('茶叶深加工项目'))!;
    // Bureau staff see the imported changes in their review queue.
    const queue = (await t.request(bureau.cookie, { method: 'GET', url: '/api/transitions?status=pending&pageSize=100' })).json();
    expect(queue.items.filter((x: { projectId: number }) => x.projectId === tea.id)).toHaveLength(1);
    // A committed job cannot be committed again.
    expect((await commit(t, staff.cookie, job.id)).json().error.code).toBe('IMPORT_JOB_STATE');
  });

  it('re-importing the same file changes nothing: all unchanged, and the commit writes nothing', async () => {
    const again = await preview(t, staff.cookie, REAL_LEDGER);
    expect(again.counts).toMatchObject({ rows: 5, create: 0, update: 0, unchanged: 5, error: 0 });
    const versions = await Promise.all(REAL_LEDGER.rows.map(async (r) => (await project((await projectByName(String(r[1]).trim()))!.id)).version));
    const audit = await countOf(t, 'audit_log');
    const transitions = await countOf(t, 'project_transitions');
    const res = await commit(t, staff.cookie, again.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'done', commit: { created: 0, updated: 0, investorsCreated: 0, transitions: 0 } });
    expect(await countOf(t, 'audit_log')).toBe(audit);
    expect(await countOf(t, 'project_transitions')).toBe(transitions);
    const after = await Promise.all(REAL_LEDGER.rows.map(async (r) => (await project((await projectByName(String(r[1]).trim()))!.id)).version));
    expect(after).toEqual(versions);
  });

  it('updates only the cells the file fills, once, and leaves blank cells alone', async () => {
    const created = await t.request(staff.cookie, { method: 'POST', url: '/api/projects', payload: { name: '纺织服装产业园', unitId: county.id, carrier: '产业集聚区', contractedInvestment: '100' } });
    expect(created.statusCode, created.body).toBe(200);
    const { id, version } = created.json();
    const job2 = await preview(t, staff.cookie, { header: ['项目名称', '合同投资额', '落地载体', '当前进展'], rows: [['纺织服装 产业园', '200', null, '线索']] });
    const rows = await rowsOf(t, staff.cookie, job2.id);
    expect(rows.items[0]).toMatchObject({ action: 'update', projectId: id, changes: ['contractedInvestment'] });
    expect((await commit(t, staff.cookie, job2.id)).statusCode).toBe(200);
    expect(await project(id)).toMatchObject({ version: version + 1, contractedInvestment: '200.0000', carrier: '产业集聚区', name: '纺织服装产业园' });
  });

  it('never moves a stage backwards from a ledger, and says so', async () => {
    const p = await t.request(staff.cookie, { method: 'POST', url: '/api/projects', payload: { name: '电子元件项目', unitId: county.id } });
    const pid = p.json().id;
    const req = await t.request(staff.cookie, { method: 'POST', url: `/api/projects/${pid}/transitions`, payload: { to: 'started', date: '2024-05-01' } });
    expect((await t.request(bureau.cookie, { method: 'POST', url: `/api/projects/${pid}/transitions/${req.json().id}/verify`, payload: {} })).statusCode).toBe(200);
    const job3 = await preview(t, staff.cookie, { header: ['项目名称', '当前进展', '签约日期', '开工日期'], rows: [['电子元件项目', '签约', '2024-04-01', '2024-05-02']] });
    const [row] = (await rowsOf(t, staff.cookie, job3.id)).items;
    expect(row!.action).toBe('unchanged');
    expect(row!.warnings.map((w) => w.code).sort()).toEqual(['STAGE_BEHIND', 'STAGE_DATE_DIFFERS', 'STAGE_DATE_DIFFERS']);
    expect(row!.warnings.find((w) => w.code === 'STAGE_DATE_DIFFERS' && w.field === 'startedDate')).toMatchObject({ column: '开工日期' });
  });
});

describe('bad input', () => {
  it('answers 400 with a clear code for corrupt bytes, an .xls, no header, an empty sheet, a missing file', async () => {
    const corrupt = await upload(t, staff.cookie, Buffer.from('PK\u0003\u0004 this is not really a zip file at all'));
    expect(corrupt.statusCode).toBe(400);
    expect(corrupt.json().error.code).toBe('IMPORT_BAD_FILE');
    const random = await upload(t, staff.cookie, Buffer.from('%PDF-1.4 pretending to be a ledger'));
    expect(random.json().error.code).toBe('IMPORT_BAD_FILE');
    const xls = await upload(t, staff.cookie, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]), 'old.xls');
    expect(xls.json().error).toMatchObject({ code: 'IMPORT_BAD_FILE' });
    expect(xls.json().error.details[0].message).toMatch(/xls/);
    const noHeader = await upload(t, staff.cookie, await ledgerXlsx({ header: ['甲', '乙', '丙'], rows: [['1', '2', '3']] }));
    expect(noHeader.json().error.code).toBe('IMPORT_NO_HEADER');
    const empty = await upload(t, staff.cookie, await ledgerXlsx({ titles: ['台账'], header: ['项目名称', '投资方'], rows: [] }));
    expect(empty.json().error.code).toBe('IMPORT_EMPTY');
    const notMultipart = await t.request(staff.cookie, { method: 'POST', url: '/api/import/projects', payload: {} });
    expect(notMultipart.statusCode).toBe(415);
  });

  it('cuts an upload over the size limit with 413', async () => {
    expect((await t.request(t.adminCookie, { method: 'PUT', url: '/api/settings', payload: { maxUploadMiB: 1 } })).statusCode).toBe(200);
    try {
      const res = await upload(t, staff.cookie, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(1024 * 1024 + 10)]));
      expect(res.statusCode).toBe(413);
      expect(res.json().error.code).toBe('FILE_TOO_LARGE');
    } finally {
      await t.request(t.adminCookie, { method: 'PUT', url: '/api/settings', payload: { maxUploadMiB: 20 } });
    }
  });

  it('lists 5,000 broken rows page by page, refuses the commit and writes nothing', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => [`坏数据项目${i}`, '2024-13-45', '一亿']);
    const job = await preview(t, staff.cookie, { header: ['项目名称', '签约日期', '合同投资额'], rows });
    expect(job.counts).toMatchObject({ rows: 5000, error: 5000, create: 0 });
    const page = await rowsOf(t, staff.cookie, job.id, '&status=error&page=3');
    expect(page.total).toBe(5000);
    expect(page.items).toHaveLength(200);
    expect(page.items[0]!.row).toBe(2 + 400);
    expect(page.items[0]!.errors.map((e) => [e.column, e.field, e.code, e.value])).toEqual([
      ['签约日期', 'signedDate', 'BAD_DATE', '2024-13-45'],
      ['合同投资额', 'contractedInvestment', 'BAD_AMOUNT', '一亿'],
    ]);
    expect(page.items[0]!.errors[0]!.message).toMatch(/日期/);
    const projects = await countOf(t, 'projects');
    const refused = await commit(t, staff.cookie, job.id);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'IMPORT_HAS_ERRORS', details: { errors: 5000 } });
    expect(await countOf(t, 'projects')).toBe(projects);
    expect((await t.request(staff.cookie, { method: 'GET', url: `/api/import/jobs/${job.id}` })).json().status).toBe('preview');
  });

  it('commits the valid rows with skipErrors, and reports stage rows without a date', async () => {
    const job = await preview(t, staff.cookie, {
      header: ['项目名称', '当前进展', '签约日期', '合同投资额'],
      rows: [
        ['跳过测试甲', '签约', '2024-01-02', '100'],
        ['跳过测试乙', '签约', null, '100'],
        ['跳过测试丙', '停滞', '2024-01-03', null],
        ['跳过测试甲', '线索', null, null],
      ],
    });
    const rows = (await rowsOf(t, staff.cookie, job.id)).items;
    expect(rows.map((r) => [r.action, r.errors.map((e) => e.code)])).toEqual([
      ['create', []],
      ['error', ['STAGE_DATE_REQUIRED']],
      ['error', ['STAGE_DATE_REQUIRED']],
      ['error', ['DUPLICATE_ROW']],
    ]);
    expect(rows[3]!.errors[0]!.message).toBe('与第2行是同一项目（同一单位、同名）');
    expect((await commit(t, staff.cookie, job.id)).statusCode).toBe(409);
    const res = await commit(t, staff.cookie, job.id, { skipErrors: true });
    expect(res.json()).toMatchObject({ status: 'done', commit: { created: 1 } });
  });
});

describe('scope and visibility', () => {
  it('refuses rows for a unit outside the importer’s scope, as if it did not exist', async () => {
    const job = await preview(t, staff.cookie, { header: ['项目名称', '所属县区'], rows: [['越界项目', '息县'], ['不存在的县项目', '不存在县']] });
    const rows = (await rowsOf(t, staff.cookie, job.id)).items;
    expect(rows.map((r) => r.errors.map((e) => [e.code, e.column, e.value]))).toEqual([[['UNKNOWN_UNIT', '所属县区', '息县']], [['UNKNOWN_UNIT', '所属县区', '不存在县']]]);
    // Bureau staff over both counties may import the first row.
    const ok = await preview(t, bureau.cookie, { header: ['项目名称', '所属县区'], rows: [['越界项目', '息县']] });
    expect(ok.counts.create).toBe(1);
  });

  it('shows a job to its creator and to bureau staff in scope, and to nobody else', async () => {
    const job = await preview(t, staff.cookie, { header: ['项目名称', '投资方'], rows: [['可见性项目', '某公司']] });
    expect((await t.request(staff.cookie, { method: 'GET', url: `/api/import/jobs/${job.id}` })).statusCode).toBe(200);
    expect((await t.request(bureau.cookie, { method: 'GET', url: `/api/import/jobs/${job.id}` })).statusCode).toBe(200);
    expect((await t.request(otherStaff.cookie, { method: 'GET', url: `/api/import/jobs/${job.id}` })).statusCode).toBe(404);
    expect((await t.request(otherStaff.cookie, { method: 'GET', url: `/api/import/jobs/${job.id}/rows` })).statusCode).toBe(404);
    expect((await commit(t, otherStaff.cookie, job.id)).statusCode).toBe(404);
  });
});

describe('column mapping', () => {
  it('lets the user map an unknown column, re-validates, and remembers it for the next file', async () => {
    const spec = { header: ['项目名称', '对接企业', '备注'], rows: [['映射测试项目', '映射测试有限公司', 'x']] };
    const job = await preview(t, staff.cookie, spec);
    expect(job.columns.find((c) => c.header === '对接企业')).toMatchObject({ field: null, source: 'unknown' });
    expect((await rowsOf(t, staff.cookie, job.id)).items[0]!.investorName).toBeNull();

    const bad = await t.request(staff.cookie, { method: 'PUT', url: `/api/import/jobs/${job.id}/mapping`, payload: { mapping: { 没有这列: 'investorName' } } });
    expect(bad.json().error.code).toBe('IMPORT_MAPPING_HEADER');
    const clash = await t.request(staff.cookie, { method: 'PUT', url: `/api/import/jobs/${job.id}/mapping`, payload: { mapping: { 对接企业: 'investorName', 备注: 'investorName' } } });
    expect(clash.json().error.code).toBe('IMPORT_MAPPING_DUPLICATE');

    const mapped = await t.request(staff.cookie, { method: 'PUT', url: `/api/import/jobs/${job.id}/mapping`, payload: { mapping: { 对接企业: 'investorName' } } });
    expect(mapped.statusCode, mapped.body).toBe(200);
    expect(mapped.json().columns.find((c: { header: string }) => c.header === '对接企业')).toMatchObject({ field: 'investorName', source: 'user' });
    expect((await rowsOf(t, staff.cookie, job.id)).items[0]!.investorName).toBe('映射测试有限公司');

    const next = await preview(t, staff.cookie, { header: ['对接企业', '项目名称'], rows: [['另一家有限公司', '映射测试二期']] });
    expect(next.columns.find((c) => c.header === '对接企业')).toMatchObject({ field: 'investorName', source: 'remembered' });
    expect((await commit(t, staff.cookie, job.id)).json().commit).toMatchObject({ created: 1, investorsCreated: 1 });
    // A committed job's mapping is settled.
    const late = await t.request(staff.cookie, { method: 'PUT', url: `/api/import/jobs/${job.id}/mapping`, payload: { mapping: { 备注: 'description' } } });
    expect(late.json().error.code).toBe('IMPORT_JOB_STATE');
  });
});
