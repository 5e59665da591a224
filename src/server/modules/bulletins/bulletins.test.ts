import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bulletin } from '../../../shared/api/bulletins.js';
import { queryRows } from '../../db/client.js';
import { createTestContext, type TestContext } from '../../test/context.js';
import { todayInChina } from '../followups/china-date.js';

/*
 * Bulletins through the API over hand-built verified records (2031, 测试市):
 * 甲县: 食品 signed 2031-02-10, 50000万元, started 2031-05-01; verified 3000 省外 (+500 本地 and a
 *   pending 9000 省外: neither is 市外 money in place). 乙县: 物流 signed 2031-04-01, 8000万元.
 * Last year: 甲县 纺织 signed 2030-03-01, 40000万元; verified 2000 省内市外 on 2030-04-01.
 * City targets 2031 (approved): 签约额 100000, 市外资金 10000; 甲县 签约额 60000 approved; 乙县 10000 draft.
 * Opening, 1—6月: 2 projects, 5.80亿元 (58000 ÷ 100000 = 58.0%; 同比 58000 vs 40000 = +45.0%),
 * 市外资金 0.30亿元 (3000 ÷ 10000 = 30.0%; vs 2000 = +50.0%); 1 project of ≥1亿元, 1 started, 0 producing.
 */

let t: TestContext;
let countyA: { id: number };
let countyB: { id: number };
let bureau: { id: number; cookie: string };
let staffA: { id: number; cookie: string };
const Q = 'from=2031-01-01&to=2031-06-30';

async function insertProject(p: { name: string; unitId: number; signed: string; started?: string; contracted: string; industry: string }): Promise<number> {
  const [row] = await queryRows<{ id: number }>(
    t.database.db,
    sql`insert into projects (name, unit_id, stage, stage_date, signed_date, started_date, contracted_investment, industry_code, created_at, last_follow_up_date)
        values (${p.name}, ${p.unitId}, ${p.started ? 'started' : 'signed'}, ${p.signed}, ${p.signed}, ${p.started ?? null}, ${p.contracted}, ${p.industry},
                ${`${p.signed}T10:00:00+08:00`}::timestamptz, ${todayInChina()})
        returning id`,
  );
  return Number(row!.id);
}

async function insertTranche(projectId: number, date: string, amount: string, source: string, status = 'verified') {
  await t.database.db.execute(sql`insert into fund_tranches (project_id, unit_id, date, currency, amount, amount_cny, source, status, reported_by)
    select ${projectId}, unit_id, ${date}, 'CNY', ${amount}, ${amount}, ${source}, ${status}, ${bureau.id} from projects where id = ${projectId}`);
}

async function insertTarget(unitId: number, metric: string, value: string, status: 'approved' | 'draft') {
  await t.database.db.execute(
    sql`insert into targets (year, unit_id, metric, value, status, created_by, updated_by, approved_by, approved_at)
        values (2031, ${unitId}, ${metric}, ${value}, ${status}, ${bureau.id}, ${bureau.id}, ${status === 'approved' ? bureau.id : null}, ${status === 'approved' ? sql`now()` : null})`,
  );
}

const get = (cookie: string, url: string) => t.request(cookie, { method: 'GET', url });
async function preview(cookie: string, query = Q): Promise<Bulletin> {
  const res = await get(cookie, `/api/bulletins/preview?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Bulletin;
}

beforeAll(async () => {
  t = await createTestContext();
  countyA = await t.createUnit({ type: 'county', name: '甲县' });
  countyB = await t.createUnit({ type: 'county', name: '乙县' });
  [bureau, staffA] = await Promise.all([t.createUser({ role: 'bureau' }), t.createUser({ role: 'unit_staff', unitId: countyA.id })]);
  const food = await insertProject({ name: '食品加工项目', unitId: countyA.id, signed: '2031-02-10', started: '2031-05-01', contracted: '50000', industry: '1311' });
  await insertProject({ name: '物流园项目', unitId: countyB.id, signed: '2031-04-01', contracted: '8000', industry: '5410' });
  const old = await insertProject({ name: '纺织项目', unitId: countyA.id, signed: '2030-03-01', contracted: '40000', industry: '1711' });
  await insertTranche(food, '2031-03-01', '3000', 'out_of_province');
  await insertTranche(food, '2031-03-02', '500', 'local');
  await insertTranche(food, '2031-03-03', '9000', 'out_of_province', 'pending');
  await insertTranche(old, '2030-04-01', '2000', 'in_province_out_of_city');
  await insertTarget(t.rootId, 'signed_amount', '100000', 'approved');
  await insertTarget(t.rootId, 'funds_out_of_city', '10000', 'approved');
  await insertTarget(countyA.id, 'signed_amount', '60000', 'approved');
  await insertTarget(countyB.id, 'signed_amount', '10000', 'draft');
}, 120_000);
afterAll(() => t.close());

describe('the bulletin', () => {
  it('opens with the paragraph of domain.md §9, every number equal to the dashboard’s', async () => {
    const b = await preview(bureau.cookie, `${Q}&issueNo=3`);
    expect(b).toMatchObject({ title: '测试市招商引资工作通报', issueLabel: '2031年第3期', periodLabel: '2031年1—6月', year: 2031, unit: { id: t.rootId } });
    expect(b.opening.text).toBe(
      '2031年1—6月，全市共引进落实招商引资项目2个，签约合同投资额5.80亿元，实际到位市外资金0.30亿元，分别完成年度目标任务的58.0%、30.0%，' +
        '同比分别增长45.0%、50.0%。其中，签约亿元以上项目1个，新开工项目1个，新投产项目0个。',
    );
    const summary = (await get(bureau.cookie, `/api/stats/summary?${Q}`)).json() as { figures: Record<string, unknown> };
    for (const [name, value] of Object.entries(b.opening.figures)) expect(value, name).toEqual(summary.figures[name]);
    expect(b.opening.targets).toEqual({ signed_amount: { target: '100000', completionRate: '0.5800' }, funds_out_of_city: { target: '10000', completionRate: '0.3000' } });
  });

  it('leaves out the completion clause when the period does not start on the year’s first day', async () => {
    const b = await preview(bureau.cookie, 'from=2031-04-01&to=2031-06-30');
    expect(b.periodLabel).toBe('2031年4—6月');
    expect(b.opening.text).not.toContain('完成年度目标任务');
    expect(b.opening.text).toContain('全市共引进落实招商引资项目1个');
  });

  it('tabulates approved targets only, with 超/欠时序进度, and lists the projects behind the figures', async () => {
    const b = await preview(bureau.cookie);
    expect(b.progress.asOf).toBe('2031-06-30');
    expect(b.progress.rows.map((r) => [r.unitName, r.metric, r.target, r.actual, r.completionRate])).toEqual([
      ['测试市', 'funds_out_of_city', '10000', '3000.0000', '0.3000'],
      ['测试市', 'signed_amount', '100000', '58000.0000', '0.5800'],
      ['甲县', 'signed_amount', '60000', '50000.0000', '0.8333'],
    ]);
    // 181 of 365 days: 时序进度 0.4959; 甲县 0.8333 − 0.4959 ahead, the city's 市外资金 behind.
    expect(b.progress.timeProgress).toBe('0.4959');
    expect(b.progress.rows[0]!.scheduleGap).toBe('-0.1959');
    const lists = Object.fromEntries(b.lists.map((l) => [l.key, l]));
    expect(lists.signed!.count).toBe(2);
    expect(lists.signed!.items.map((p) => [p.name, p.amount])).toEqual([
      ['物流园项目', '8000.0000'],
      ['食品加工项目', '50000.0000'],
    ]);
    expect(lists.started!.items.map((p) => p.name)).toEqual(['食品加工项目']);
    expect(lists.producing!.count).toBe(0);
    // Each list's count is the summary's figure, and equals the drill-down's count of the same records.
    const figures: Record<string, string> = { signed: 'signed_count', started: 'started_count', producing: 'producing_count', stalled: 'stalled_count', signed_not_started: 'signed_not_started_count' };
    for (const l of b.lists) {
      const drill = await get(bureau.cookie, `/api/stats/records?${Q}&figure=${figures[l.key]}&pageSize=200`);
      expect(drill.statusCode, drill.body).toBe(200);
      expect(l.count, l.key).toBe(drill.json().count);
      expect(l.items.map((i) => i.projectId), l.key).toEqual(drill.json().items.map((i: { projectId: number }) => i.projectId).slice(0, l.items.length));
    }
    expect(b.ranking).toBeNull();
    expect(b.commendations).toEqual([]);
  });

  it('ranks by a published run only, and commends the top units', async () => {
    const scheme = await t.request(bureau.cookie, {
      method: 'POST',
      url: '/api/assessment-schemes',
      payload: {
        scheme: {
          name: '通报测试考核',
          version: 1,
          units: { kind: 'unit_types', types: ['county'] },
          period: { kind: 'year', year: 2031 },
          items: [{ id: 'signed_amount', label: '新签约合同投资额', type: 'ratio', metric: 'signed_amount', points: 100, cap: 100 }],
        },
      },
    });
    expect(scheme.statusCode, scheme.body).toBe(200);
    const run = await t.request(bureau.cookie, { method: 'POST', url: '/api/assessment-runs', payload: { schemeId: scheme.json().id } });
    expect(run.statusCode, run.body).toBe(200);
    const runId = run.json().id as number;
    const unpublished = await get(bureau.cookie, `/api/bulletins/preview?${Q}&run=${runId}`);
    expect(unpublished.statusCode).toBe(409);
    expect(unpublished.json().error).toMatchObject({ code: 'BULLETIN_RUN_NOT_PUBLISHED', details: [{ field: 'run' }] });
    expect((await get(bureau.cookie, `/api/bulletins/preview?${Q}&run=2147483000`)).statusCode).toBe(404);
    expect((await t.request(bureau.cookie, { method: 'POST', url: `/api/assessment-runs/${runId}/publish`, payload: {} })).statusCode).toBe(200);

    const b = await preview(bureau.cookie, `${Q}&commend=1`);
    expect(b.ranking).toMatchObject({ runId, schemeName: '通报测试考核', items: [{ itemId: 'signed_amount', label: '新签约合同投资额' }] });
    // 甲县 50000 ÷ 60000 × 100 = 83.33; 乙县's target is a draft: 0.
    expect(b.ranking!.rows.map((r) => [r.rank, r.unitName, r.total])).toEqual([
      [1, '甲县', '83.33'],
      [2, '乙县', '0.00'],
    ]);
    expect(b.commendations).toEqual([{ unitName: '甲县', rank: 1, total: '83.33' }]);
  });

  it('shows a county officer their county, and nothing of another', async () => {
    const b = await preview(staffA.cookie);
    expect(b.unit).toEqual({ id: countyA.id, name: '甲县' });
    expect(b.opening.text.startsWith('2031年1—6月，全县共引进落实招商引资项目1个，签约合同投资额5.00亿元')).toBe(true);
    expect(b.ranking?.rows.map((r) => r.unitName)).toEqual(['甲县']);
    expect(b.ranking?.unitCount).toBe(2);
    expect(b.progress.rows.map((r) => r.unitName)).toEqual(['甲县']);
    expect((await get(staffA.cookie, `/api/bulletins/preview?${Q}&unit=${countyB.id}`)).statusCode).toBe(404);
    expect((await get(staffA.cookie, `/api/bulletins.docx?${Q}&unit=${countyB.id}`)).statusCode).toBe(404);
  });

  it('refuses a bad period naming the field', async () => {
    const res = await get(bureau.cookie, '/api/bulletins/preview?from=2031-07-01&to=2031-06-30');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe('from');
    const zh = await t.request(bureau.cookie, { method: 'GET', url: '/api/bulletins.xlsx?from=2031-13-01&to=2031-06-30', headers: { 'accept-language': 'zh-CN' } });
    expect(zh.statusCode).toBe(400);
  });
});

describe('the files', () => {
  it('writes a Word document with the same paragraph and tables', async () => {
    const res = await get(bureau.cookie, `/api/bulletins.docx?${Q}&issueNo=3`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('测试市招商引资工作通报（2031年第3期）_2031年1—6月.docx'));
    const zip = await JSZip.loadAsync(res.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = xml.replace(/<w:tab\/>/g, '\t').replace(/<[^>]+>/g, '');
    const b = await preview(bureau.cookie);
    expect(text).toContain(b.opening.text);
    for (const heading of ['一、总体情况', '二、考核排名', '三、目标任务完成情况', '四、重点项目进展', '五、需要关注的问题', '六、通报表扬', '附表']) expect(text).toContain(heading);
    expect(text).toContain('欠时序进度19.6个百分点');
    expect(text).toContain('食品加工项目');
    // Landscape annex: a second section.
    expect(xml.match(/<w:sectPr/g)?.length).toBe(2);
  });

  it('writes the same tables to .xlsx, numbers as numbers', async () => {
    const res = await get(bureau.cookie, `/api/bulletins.xlsx?${Q}`);
    expect(res.statusCode, res.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['总体情况', '考核排名', '目标进度', '新签约项目', '新开工项目', '新投产项目', '停滞预警项目', '签约未开工超期项目', '通报表扬']);
    const first = wb.getWorksheet('总体情况')!;
    expect(String(first.getCell('A3').value)).toContain('全市共引进落实招商引资项目2个');
    const progress = wb.getWorksheet('目标进度')!;
    const rows = progress.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows.some((r) => r[1] === '甲县' && r[3] === 60000 && r[4] === 50000 && r[5] === 0.8333)).toBe(true);
  });
});
