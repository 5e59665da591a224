import Decimal from 'decimal.js';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIGURE_NAME, FLOW_FIGURES, RATE_FIGURES, STOCK_FIGURES, type StatsBreakdown, type StatsRecords, type StatsSummary } from '../../../shared/api/stats.js';
import { queryRows } from '../../db/client.js';
import { createTestContext, type TestContext } from '../../test/context.js';
import { todayInChina } from '../followups/china-date.js';
import { refreshFollowUpFacts } from '../projects/projects.service.js';

/*
 * The KPI engine against hand-built data with hand-computed figures (domain.md §5). Fixture rows
 * go straight into the tables (verified dates, tranches in every status); the stage changes that
 * must not count (pending, rejected, un-done by a backwards move) go through the real API.
 */

let t: TestContext;
let countyA: { id: number };
let townA1: { id: number };
let countyB: { id: number };
let staffA: { id: number; cookie: string };
let staffB: { id: number; cookie: string };
let bureau: { id: number; cookie: string };
let viewer: { id: number; cookie: string };
const ids: Record<string, number> = {};
const tranche: Record<string, number> = {};

interface ProjectRow {
  name: string;
  unitId: number;
  stage: string;
  signed?: string;
  registered?: string;
  started?: string;
  producing?: string;
  contracted?: string;
  foreign?: string;
  industry?: string;
  created: string;
}

async function insertProject(p: ProjectRow): Promise<number> {
  const [row] = await queryRows<{ id: number }>(
    t.database.db,
    sql`insert into projects (name, unit_id, stage, stage_date, signed_date, registered_date, started_date, producing_date, contracted_investment, foreign_investment, industry_code, created_at, last_follow_up_date)
        values (${p.name}, ${p.unitId}, ${p.stage}, ${p.signed ?? null}, ${p.signed ?? null}, ${p.registered ?? null}, ${p.started ?? null}, ${p.producing ?? null},
                ${p.contracted ?? null}, ${p.foreign ?? null}, ${p.industry ?? null}, ${`${p.created}T10:00:00+08:00`}::timestamptz, ${todayInChina()})
        returning id`,
  );
  return Number(row!.id);
}

async function insertTranche(v: {
  project: string;
  date: string;
  amount: string;
  source: string;
  status: 'verified' | 'pending' | 'rejected';
  usdRate?: string;
  amountCny?: string;
  corrects?: string;
  preSigning?: boolean;
}): Promise<number> {
  const projectId = ids[v.project]!;
  const [p] = await queryRows<{ unit_id: number }>(t.database.db, sql`select unit_id from projects where id = ${projectId}`);
  const [row] = await queryRows<{ id: number }>(
    t.database.db,
    sql`insert into fund_tranches (project_id, unit_id, date, currency, amount, exchange_rate, rate_date, amount_cny, source, status, reported_by, corrects_id, is_pre_signing, pre_signing_reason)
        values (${projectId}, ${p!.unit_id}, ${v.date}, ${v.usdRate ? 'USD' : 'CNY'}, ${v.amount}, ${v.usdRate ?? null}, ${v.usdRate ? v.date : null}, ${v.amountCny ?? v.amount},
                ${v.source}, ${v.status}, ${staffA.id}, ${v.corrects ? tranche[v.corrects]! : null}, ${v.preSigning ?? false}, ${v.preSigning ? '签约前预付' : null})
        returning id`,
  );
  return Number(row!.id);
}

async function transition(projectId: number, to: string, date: string, decision: 'verify' | 'reject' | 'pending', reason?: string) {
  const req = await t.request(staffA.cookie, { method: 'POST', url: `/api/projects/${projectId}/transitions`, payload: { to, date, ...(reason ? { reason } : {}) } });
  expect(req.statusCode, req.body).toBe(200);
  if (decision === 'pending') return;
  const url = `/api/projects/${projectId}/transitions/${req.json().id}/${decision}`;
  const res = await t.request(bureau.cookie, { method: 'POST', url, payload: decision === 'verify' ? {} : { reason: '证明材料不足' } });
  expect(res.statusCode, res.body).toBe(200);
}

const YEAR_2025 = 'from=2025-01-01&to=2025-12-31';
const get = async <T>(cookie: string, url: string) => {
  const res = await t.request(cookie, { method: 'GET', url });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as T;
};
const summary = (cookie: string, query: string) => get<StatsSummary>(cookie, `/api/stats/summary?${query}`);

beforeAll(async () => {
  t = await createTestContext();
  countyA = await t.createUnit({ type: 'county', name: '甲县' });
  townA1 = await t.createUnit({ type: 'town', name: '甲县一镇', parentId: countyA.id });
  countyB = await t.createUnit({ type: 'county', name: '乙县' });
  [staffA, staffB, bureau, viewer] = await Promise.all([
    t.createUser({ role: 'unit_staff', unitId: countyA.id }),
    t.createUser({ role: 'unit_staff', unitId: countyB.id }),
    t.createUser({ role: 'bureau' }),
    t.createUser({ role: 'viewer' }),
  ]);

  ids.P1 = await insertProject({ name: '食品加工项目', unitId: countyA.id, stage: 'started', signed: '2025-03-10', started: '2025-06-01', contracted: '12000', industry: '1311', created: '2025-01-05' });
  ids.P2 = await insertProject({ name: '物流园项目', unitId: townA1.id, stage: 'registered', signed: '2025-07-20', registered: '2025-08-15', contracted: '35000.5', foreign: '500', industry: '5410', created: '2024-11-01' });
  ids.P3 = await insertProject({ name: '纺织项目', unitId: countyB.id, stage: 'producing', signed: '2024-05-01', started: '2024-08-01', producing: '2025-02-01', contracted: '8000', industry: '1711', created: '2024-02-01' });
  ids.P4 = await insertProject({ name: '明年签约项目', unitId: countyA.id, stage: 'signed', signed: '2026-01-10', contracted: '1000', industry: '1321', created: '2025-12-01' });
  ids.P5 = await insertProject({ name: '市本级项目', unitId: t.rootId, stage: 'signed', signed: '2025-02-02', created: '2025-02-01' });

  // Through the API: signed and started (verified), then the start is corrected backwards (verified):
  // the project counts as signed in 2025 and not as started.
  const create = async (name: string, contracted: string) => {
    const res = await t.request(staffA.cookie, { method: 'POST', url: '/api/projects', payload: { name, unitId: countyA.id, contractedInvestment: contracted } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().id as number;
  };
  ids.P6 = await create('回退开工项目', '2000');
  await transition(ids.P6, 'signed', '2025-04-01', 'verify');
  await transition(ids.P6, 'started', '2025-05-01', 'verify');
  await transition(ids.P6, 'signed', '2025-05-20', 'verify', '开工证明有误，退回签约');
  // A pending and a rejected signing: neither counts.
  ids.P7 = await create('待审核签约项目', '90000');
  await transition(ids.P7, 'signed', '2025-05-05', 'pending');
  ids.P8 = await create('被驳回签约项目', '70000');
  await transition(ids.P8, 'signed', '2025-05-06', 'reject');

  tranche.T1 = await insertTranche({ project: 'P1', date: '2025-04-01', amount: '3000', source: 'out_of_province', status: 'verified' });
  tranche.T2 = await insertTranche({ project: 'P1', date: '2025-05-01', amount: '1000', source: 'local', status: 'verified' });
  tranche.T3 = await insertTranche({ project: 'P1', date: '2025-05-02', amount: '999', source: 'out_of_province', status: 'pending' });
  tranche.T4 = await insertTranche({ project: 'P1', date: '2025-05-03', amount: '777', source: 'out_of_province', status: 'rejected' });
  // 100万美元 at 7.1 → 710万元; the foreign figure in 万美元 stays 100.
  tranche.T5 = await insertTranche({ project: 'P2', date: '2025-08-01', amount: '100', usdRate: '7.1', amountCny: '710', source: 'foreign', status: 'verified' });
  // A correction of T1 counts on its own date.
  tranche.T6 = await insertTranche({ project: 'P1', date: '2025-09-01', amount: '-500', source: 'out_of_province', status: 'verified', corrects: 'T1' });
  tranche.T7 = await insertTranche({ project: 'P3', date: '2024-09-01', amount: '2000', source: 'in_province_out_of_city', status: 'verified' });
  tranche.T8 = await insertTranche({ project: 'P3', date: '2025-03-01', amount: '1500.25', source: 'in_province_out_of_city', status: 'verified' });
  // Node plan of P1: one overdue today; one done late (overdue at the end of 2025, not today).
  await t.database.db.execute(sql`insert into project_nodes (project_id, name, planned_date, actual_date, sort_order) values
    (${ids.P1}, '施工许可', '2026-03-01', null, 1), (${ids.P1}, '供地', '2025-11-01', '2026-02-01', 0), (${ids.P1}, '注册', '2025-02-01', '2025-02-01', 2)`);
  tranche.T9 = await insertTranche({ project: 'P1', date: '2024-12-31', amount: '200', source: 'out_of_province', status: 'verified', preSigning: true });
});
afterAll(() => t.close());

describe('summary for the whole city, 2025', () => {
  let s: StatsSummary;
  beforeAll(async () => {
    s = await summary(bureau.cookie, YEAR_2025);
  });

  it('states the period, last year and the unit', () => {
    expect(s).toMatchObject({ from: '2025-01-01', to: '2025-12-31', previousFrom: '2024-01-01', previousTo: '2024-12-31', unit: { id: t.rootId }, industry: null });
    expect(s.definitions).toMatchObject({ stalledDays: 30, signedNotStartedMonths: 6, sizeTiers: [10000, 30000, 50000, 100000, 200000, 500000] });
  });

  it('counts projects by their verified dates only', () => {
    const f = s.figures;
    // Entered in 2025: P1, P4, P5 (P6–P8 were entered today, in 2026); 2024: P2, P3.
    expect(f.new_projects).toEqual({ value: '3', previous: '2', yoy: '0.5000' });
    // Signed in 2025: P1, P2, P5 and P6 (its start was undone, its signing stands); P7 is pending, P8 rejected.
    expect(f.signed_count).toEqual({ value: '4', previous: '1', yoy: '3.0000' });
    // 12000 + 35000.5 + (none) + 2000 against P3's 8000 → (49000.5 − 8000) ÷ 8000 = 5.1250625
    expect(f.signed_amount).toEqual({ value: '49000.5000', previous: '8000.0000', yoy: '5.1251' });
    // Foreign capital only in P2; last year none: 同比 undefined.
    expect(f.signed_foreign_usd).toEqual({ value: '500.0000', previous: '0.0000', yoy: null });
    expect(f.registered_count).toEqual({ value: '1', previous: '0', yoy: null });
    // Started in 2025: P1 only (P6's start was corrected away); 2024: P3.
    expect(f.started_count).toEqual({ value: '1', previous: '1', yoy: '0.0000' });
    expect(f.started_amount).toEqual({ value: '12000.0000', previous: '8000.0000', yoy: '0.5000' });
    expect(f.producing_count).toEqual({ value: '1', previous: '0', yoy: null });
  });

  it('sums verified tranches only, per source, corrections on their own date, USD at its rate', () => {
    const f = s.figures;
    // out of province: 3000 − 500 (correction); local 1000; foreign 710; in province 1500.25. Pending 999 and rejected 777 do not count.
    expect(f.funds_out_of_province).toEqual({ value: '2500.0000', previous: '200.0000', yoy: '11.5000' });
    expect(f.funds_local).toEqual({ value: '1000.0000', previous: '0.0000', yoy: null });
    expect(f.funds_foreign).toEqual({ value: '710.0000', previous: '0.0000', yoy: null });
    expect(f.funds_foreign_usd).toEqual({ value: '100.0000', previous: '0.0000', yoy: null });
    expect(f.funds_in_province_out_of_city).toEqual({ value: '1500.2500', previous: '2000.0000', yoy: '-0.2499' });
    // 5710.25 against 2200 → 1.59556… → 1.5956
    expect(f.funds_total).toEqual({ value: '5710.2500', previous: '2200.0000', yoy: '1.5956' });
    // 市外 = all but local; 省外 = out of province + foreign (the default settings)
    expect(f.funds_out_of_city!.value).toBe('4710.2500');
    expect(f.funds_out_of_province_total!.value).toBe('3210.0000');
  });

  it('computes the rates over their cohorts', () => {
    const f = s.figures;
    // 开工率: of the 4 signed in 2025, P1 started by 31 Dec → 0.25; 2024: P3 of 1 → 1.
    expect(f.start_rate).toEqual({ value: '0.2500', previous: '1.0000', yoy: '-0.7500' });
    // 投产率: none of 2025's; P3 produced only in 2025, after 2024's end → 0 (同比 undefined).
    expect(f.production_rate).toEqual({ value: '0.0000', previous: '0.0000', yoy: null });
    // 签约率: entered in 2025 P1, P4, P5; signed by 31 Dec: P1, P5 → 2/3. 2024: P2 (signed 2025), P3 → 1/2.
    expect(f.signing_rate).toEqual({ value: '0.6667', previous: '0.5000', yoy: '0.3334' });
    // 资金到位率: P1 3000 + 1000 − 500 + 200 (pre-signing) and P2 710 = 4410 over 49000.5 → 0.0900
    expect(f.funds_rate!.value).toBe('0.0900');
  });

  it('counts size tiers and the funnel', () => {
    expect(s.figures['signed_tier:10000']).toEqual({ value: '2', previous: '0', yoy: null });
    expect(s.figures['signed_tier:30000']!.value).toBe('1');
    expect(s.figures['signed_tier:50000']!.value).toBe('0');
    expect(s.tiers[0]).toMatchObject({ threshold: 10000, figure: 'signed_tier:10000', amount: { value: '47000.5000' } });
    expect(s.funnel).toEqual([
      { stage: 'lead', count: 3, share: '1.0000' },
      { stage: 'negotiating', count: 3, share: '1.0000' },
      { stage: 'signed', count: 2, share: '0.6667' },
      { stage: 'started', count: 1, share: '0.3333' },
      { stage: 'producing', count: 0, share: '0.0000' },
    ]);
  });

  it('counts overdue nodes as of the period’s end', async () => {
    expect(s.figures.overdue_nodes_count).toEqual({ value: '1', previous: null, yoy: null }); // 供地, done only in Feb 2026
    const now = await summary(bureau.cookie, 'from=2026-01-01&to=2026-12-31');
    expect(now.figures.overdue_nodes_count!.value).toBe('1'); // 施工许可
    const list = await get<{ total: number }>(bureau.cookie, '/api/nodes/overdue?pageSize=1');
    expect(now.figures.overdue_nodes_count!.value).toBe(String(list.total));
    // Its records name the node and its planned date.
    const records = await get<StatsRecords>(bureau.cookie, '/api/stats/records?from=2025-01-01&to=2025-12-31&figure=overdue_nodes_count');
    expect(records.items.map((r) => [r.kind, r.nodeName, r.date])).toEqual([['node', '供地', '2025-11-01']]);
  });

  it('has every figure of the contract', () => {
    for (const name of [...FLOW_FIGURES, ...STOCK_FIGURES, ...RATE_FIGURES]) expect(s.figures, name).toHaveProperty(name);
    for (const name of STOCK_FIGURES) expect(s.figures[name]).toMatchObject({ previous: null, yoy: null });
  });

  it('a period with nothing last year, and a single day', async () => {
    const feb = await summary(bureau.cookie, 'from=2025-02-01&to=2025-02-28');
    // P5 signed 2 Feb 2025; February 2024 had nothing: 同比 undefined, not 0 or ∞.
    expect(feb.figures.signed_count).toEqual({ value: '1', previous: '0', yoy: null });
    expect(feb).toMatchObject({ previousFrom: '2024-02-01', previousTo: '2024-02-29' });
    // P5 signed with no contracted amount: 资金到位率 has a zero base and is absent.
    expect(feb.figures.funds_rate).toBeUndefined();
  });
});

describe('industry filter', () => {
  it('expands a section letter to its divisions, and matches digit prefixes', async () => {
    // Section C (manufacturing) covers 13xx and 17xx: P1 signed 2025; P3 signed 2024.
    const c = await summary(bureau.cookie, `${YEAR_2025}&industry=C`);
    expect(c.figures.signed_count).toEqual({ value: '1', previous: '1', yoy: '0.0000' });
    expect(c.figures.funds_total!.value).toBe('5000.2500'); // P1 3500 + P3 1500.25
    const d13 = await summary(bureau.cookie, `${YEAR_2025}&industry=13`);
    expect(d13.figures.signed_count!.value).toBe('1');
    expect(d13.figures.funds_total!.value).toBe('3500.0000');
    const unknown = await t.request(bureau.cookie, { method: 'GET', url: `/api/stats/summary?${YEAR_2025}&industry=99` });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({ code: 'INDUSTRY_UNKNOWN', details: [{ field: 'industry' }] });
  });
});

describe('scope', () => {
  it('a county user sees their own county by default, with its towns', async () => {
    const s = await summary(staffA.cookie, YEAR_2025);
    expect(s.unit.id).toBe(countyA.id);
    // P1 (county), P2 (town), P6 (county)
    expect(s.figures.signed_count!.value).toBe('3');
    expect(s.figures.funds_total!.value).toBe('4210.0000'); // 3500 + 710
    const town = await summary(staffA.cookie, `${YEAR_2025}&unit=${townA1.id}`);
    expect(town.figures.signed_count!.value).toBe('1');
  });
  it('a 招商局 member opens on the whole government level above the bureau, not on the bureau', async () => {
    const bureauUnit = await t.createUnit({ type: 'bureau', name: '招商局（统计）' });
    const member = await t.createUser({ role: 'bureau', unitId: bureauUnit.id });
    const s = await summary(member.cookie, YEAR_2025);
    expect(s.unit.id).toBe(t.rootId);
    const whole = await summary(bureau.cookie, YEAR_2025);
    expect(s.figures.signed_count!.value).toBe(whole.figures.signed_count!.value);
  });
  it('answers 404 for a unit outside scope and for an unknown unit', async () => {
    for (const unit of [countyA.id, t.rootId, 999999]) {
      const res = await t.request(staffB.cookie, { method: 'GET', url: `/api/stats/summary?${YEAR_2025}&unit=${unit}` });
      expect(res.statusCode, String(unit)).toBe(404);
    }
    const records = await t.request(staffB.cookie, { method: 'GET', url: `/api/stats/records?${YEAR_2025}&unit=${countyA.id}&figure=signed_count` });
    expect(records.statusCode).toBe(404);
  });
  it('refuses departments and referrers', async () => {
    const dept = await t.createUnit({ type: 'department' });
    const d = await t.createUser({ role: 'department', unitId: dept.id });
    const r = await t.createUser({ role: 'referrer' });
    for (const u of [d, r]) expect((await t.request(u.cookie, { method: 'GET', url: `/api/stats/summary?${YEAR_2025}` })).statusCode).toBe(403);
    expect((await t.request(viewer.cookie, { method: 'GET', url: `/api/stats/summary?${YEAR_2025}` })).statusCode).toBe(200);
  });
});

describe('bad input', () => {
  it('names the field', async () => {
    const cases: [string, string, string][] = [
      ['from=2025-12-31&to=2025-01-01', 'STATS_PERIOD_ORDER', 'from'],
      ['from=2010-01-01&to=2025-12-31', 'STATS_PERIOD_TOO_LONG', 'to'],
      ['from=2025-02-30&to=2025-12-31', 'VALIDATION', 'from'],
      ['from=2025-01-01', 'VALIDATION', 'to'],
    ];
    for (const [query, code, field] of cases) {
      const res = await t.request(bureau.cookie, { method: 'GET', url: `/api/stats/summary?${query}` });
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.code, query).toBe(code);
      expect(res.json().error.details[0].field, query).toBe(field);
    }
    const figure = await t.request(bureau.cookie, { method: 'GET', url: `/api/stats/records?${YEAR_2025}&figure=happiness` });
    expect(figure.statusCode).toBe(400);
    expect(figure.json().error.details[0].field).toBe('figure');
    const by = await t.request(bureau.cookie, { method: 'GET', url: `/api/stats/breakdown?${YEAR_2025}&by=weather` });
    expect(by.statusCode).toBe(400);
    const stockPrev = await t.request(bureau.cookie, { method: 'GET', url: `/api/stats/records?${YEAR_2025}&figure=stalled_count&period=previous` });
    expect(stockPrev.statusCode).toBe(400);
    expect(stockPrev.json().error).toMatchObject({ code: 'STATS_NOT_COMPARABLE', details: [{ field: 'period' }] });
  });
});

describe('breakdowns', () => {
  const ADDITIVE = FLOW_FIGURES;
  const sumRows = (b: StatsBreakdown, name: string) =>
    b.rows.reduce((acc, r) => acc.plus(r.figures[name]?.value ?? '0'), new Decimal(0));

  it('by unit: one row per direct child counting its subtree, plus the unit itself; rows add up to the total', async () => {
    const b = await get<StatsBreakdown>(bureau.cookie, `/api/stats/breakdown?${YEAR_2025}&by=unit`);
    const row = (key: string) => b.rows.find((r) => r.key === key)!;
    expect(row(String(countyA.id))).toMatchObject({ label: '甲县', unitId: countyA.id });
    expect(row(String(countyA.id)).figures.signed_count!.value).toBe('3'); // P1, P2 (town), P6
    expect(row(String(countyB.id)).figures.signed_count!.value).toBe('0');
    expect(row(String(countyB.id)).figures.producing_count!.value).toBe('1');
    expect(row('self')).toMatchObject({ unitId: t.rootId });
    expect(row('self').figures.signed_count!.value).toBe('1'); // P5
    expect(b.rows.some((r) => r.unitId === townA1.id)).toBe(false);
    for (const name of [...ADDITIVE, 'stalled_count', 'signed_not_started_count', 'overdue_nodes_count']) {
      expect(sumRows(b, name).eq(b.total[name]!.value), name).toBe(true);
    }
    // Rates are not added up: each row has its own, the total its own.
    expect(row(String(countyA.id)).figures.start_rate!.value).toBe('0.3333'); // P1 of P1, P2, P6
    expect(b.total.start_rate!.value).toBe('0.2500');
  });

  it('by month: the months of the period with last year’s month as previous', async () => {
    const b = await get<StatsBreakdown>(bureau.cookie, `/api/stats/breakdown?${YEAR_2025}&by=month`);
    expect(b.rows.map((r) => r.key)).toEqual(['2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12']);
    const m = (k: string) => b.rows.find((r) => r.key === k)!.figures;
    expect(m('2025-03').signed_count).toEqual({ value: '1', previous: '0', yoy: null });
    // P6's backwards move to 签约 was dated 20 May (the correction's date is its signing date now); P3 signed May 2024.
    expect(m('2025-05').signed_count).toEqual({ value: '1', previous: '1', yoy: '0.0000' });
    expect(m('2025-04').signed_count).toEqual({ value: '0', previous: '0', yoy: null });
    expect(m('2025-09').funds_total!.value).toBe('-500.0000'); // the correction, on its own date
    expect(m('2025-09').funds_total!.previous).toBe('2000.0000'); // T7, Sept 2024
    expect(m('2025-01').stalled_count).toBeUndefined(); // stock figures are not split by month
    for (const name of ADDITIVE) expect(sumRows(b, name).eq(b.total[name]!.value), name).toBe(true);
  });

  it('by industry, stage and source: rows add up to the total', async () => {
    const ind = await get<StatsBreakdown>(bureau.cookie, `/api/stats/breakdown?${YEAR_2025}&by=industry`);
    expect(ind.rows.map((r) => r.key)).toEqual(['C', 'G', 'none']);
    expect(ind.rows[0]!.label).toBe('制造业');
    for (const name of ADDITIVE) expect(sumRows(ind, name).eq(ind.total[name]!.value), name).toBe(true);
    const sec = await get<StatsBreakdown>(bureau.cookie, `/api/stats/breakdown?${YEAR_2025}&by=industry&industry=C`);
    expect(sec.rows.map((r) => r.key)).toEqual(['13', '17']);
    const stage = await get<StatsBreakdown>(bureau.cookie, `/api/stats/breakdown?${YEAR_2025}&by=stage`);
    expect(stage.rows.map((r) => r.key)).toEqual(['lead', 'negotiating', 'signed', 'registered', 'started', 'producing', 'at_capacity']);
    for (const name of ADDITIVE) expect(sumRows(stage, name).eq(stage.total[name]!.value), name).toBe(true);
    const src = await get<StatsBreakdown>(bureau.cookie, `/api/stats/breakdown?${YEAR_2025}&by=source`);
    expect(src.rows.find((r) => r.key === 'foreign')!.figures.funds_total!.value).toBe('710.0000');
    expect(src.rows.find((r) => r.key === 'foreign')!.figures.funds_foreign_usd!.value).toBe('100.0000');
    expect(src.rows[0]!.figures.signed_count).toBeUndefined(); // project figures are not split by source
    for (const name of FLOW_FIGURES.filter((f) => f.startsWith('funds'))) expect(sumRows(src, name).eq(src.total[name]!.value), name).toBe(true);
  });

  it('exports the table as .xlsx with Chinese headers, numbers and percentages', async () => {
    const res = await t.request(bureau.cookie, { method: 'GET', url: `/api/stats/breakdown.xlsx?${YEAR_2025}&by=unit` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(2).values as unknown[]).slice(1) as string[];
    expect(header[0]).toBe('单位');
    const col = header.indexOf('新签约合同投资额（万元）') + 1;
    const yoyCol = header.indexOf('实际到位资金（万元）·同比') + 1;
    expect(col).toBeGreaterThan(0);
    const rowA = ws.getRows(3, ws.rowCount - 2)!.find((r) => r.getCell(1).value === '甲县')!;
    expect(rowA.getCell(col).value).toBe(49000.5); // P1 12000 + P2 35000.5 (its town) + P6 2000
    const total = ws.getRows(3, ws.rowCount - 2)!.find((r) => r.getCell(1).value === '合计')!;
    expect(total.getCell(col).value).toBe(49000.5);
    expect(total.getCell(col).numFmt).toContain('#,##0.00');
    expect(total.getCell(yoyCol).value).toBe(1.5956);
    expect(total.getCell(yoyCol).numFmt).toBe('0.00%');
  });
});

describe('records as .xlsx', () => {
  async function workbook(query: string) {
    const res = await t.request(bureau.cookie, { method: 'GET', url: `/api/stats/records.xlsx?${query}` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    return wb.worksheets[0]!;
  }
  it('lists every record of a figure with a 合计 row equal to the figure', async () => {
    const ws = await workbook(`${YEAR_2025}&figure=funds_total`);
    const rows = ws.getRows(3, ws.rowCount - 2)!;
    const total = rows.find((r) => r.getCell(1).value === '合计')!;
    const s = await summary(bureau.cookie, YEAR_2025);
    expect(String(total.getCell(6).value)).toBe(new Decimal(s.figures.funds_total!.value).toString());
    const items = rows.filter((r) => typeof r.getCell(1).value === 'number');
    expect(items.length).toBe(Number(total.getCell(2).value!.toString().split(' ')[0]));
    // Tranches carry their source and the amount as entered: 100 万美元 counts as 710 万元.
    const usd = items.find((r) => r.getCell(8).value === 'USD')!;
    expect(usd.getCell(6).value).toBe(710);
    expect(usd.getCell(9).value).toBe(100);
    expect(usd.getCell(7).value).toBe('境外资金（外资）');
  });
  it('gives a rate its numerator, denominator and the rate', async () => {
    const ws = await workbook(`${YEAR_2025}&figure=start_rate`);
    const s = await summary(bureau.cookie, YEAR_2025);
    const rateRow = ws.getRows(3, ws.rowCount - 2)!.find((r) => r.getCell(2).value === '合计 ÷ 分母')!;
    expect(String(rateRow.getCell(6).value)).toBe(new Decimal(s.figures.start_rate!.value).toString());
  });
  it('answers 404 outside scope and names a bad figure', async () => {
    expect((await t.request(staffB.cookie, { method: 'GET', url: `/api/stats/records.xlsx?${YEAR_2025}&unit=${countyA.id}&figure=signed_count` })).statusCode).toBe(404);
    const bad = await t.request(bureau.cookie, { method: 'GET', url: `/api/stats/records.xlsx?${YEAR_2025}&figure=happiness` });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('figure');
  });
});

describe('records behind every figure', () => {
  const allFigures = [...FLOW_FIGURES, ...STOCK_FIGURES, ...RATE_FIGURES, 'signed_tier:10000', 'signed_tier:30000'];

  async function allRecords(query: string, figure: string, period = 'current') {
    const items: StatsRecords['items'] = [];
    let first: StatsRecords | undefined;
    for (let page = 1; page < 50; page++) {
      const r = await get<StatsRecords>(bureau.cookie, `/api/stats/records?${query}&figure=${encodeURIComponent(figure)}&period=${period}&page=${page}&pageSize=2`);
      first ??= r;
      items.push(...r.items);
      if (r.items.length < 2) break;
    }
    return { first: first!, items };
  }

  it('lists records whose values sum to the figure, for every figure, both periods', async () => {
    for (const query of [YEAR_2025, 'from=2026-01-01&to=2026-12-31']) {
      const s = await summary(bureau.cookie, query);
      for (const figure of allFigures) {
        expect(FIGURE_NAME.safeParse(figure).success).toBe(true);
        for (const period of STOCK_FIGURES.includes(figure as never) ? ['current'] : ['current', 'previous']) {
          const { first, items } = await allRecords(query, figure, period);
          const sum = items.reduce((acc, i) => acc.plus(i.value), new Decimal(0));
          expect(items.length, `${figure} ${period}`).toBe(first.count);
          expect(new Set(items.map((i) => `${i.kind}${i.id}`)).size, `${figure} unique`).toBe(items.length);
          expect(sum.eq(first.numerator), `${figure} ${period} numerator`).toBe(true);
          const shown = period === 'current' ? s.figures[figure]?.value : s.figures[figure]?.previous;
          if (RATE_FIGURES.includes(figure as never)) {
            expect(first.total ?? undefined, `${figure} ${period} rate`).toBe(shown ?? undefined);
          } else {
            expect(first.total, `${figure} ${period} total`).toBe(shown);
            expect(sum.eq(first.total!), `${figure} ${period} sum`).toBe(true);
          }
        }
      }
    }
  });

  it('shows a tranche as entered and orders by date', async () => {
    const usd = await get<StatsRecords>(bureau.cookie, `/api/stats/records?${YEAR_2025}&figure=funds_foreign`);
    expect(usd.items).toEqual([expect.objectContaining({ kind: 'tranche', id: tranche.T5, projectId: ids.P2, date: '2025-08-01', value: '710.0000', source: 'foreign', currency: 'USD', amount: '100.0000' })]);
    const funds = await get<StatsRecords>(bureau.cookie, `/api/stats/records?${YEAR_2025}&figure=funds_total`);
    expect(funds.items.map((i) => i.id)).toEqual([tranche.T6, tranche.T5, tranche.T2, tranche.T1, tranche.T8]);
    expect(funds.total).toBe('5710.2500');
    const rate = await get<StatsRecords>(bureau.cookie, `/api/stats/records?${YEAR_2025}&figure=start_rate`);
    expect(rate).toMatchObject({ total: '0.2500', numerator: '1', denominator: '4' });
    expect(rate.items.map((i) => i.projectId)).toEqual([ids.P1]);
  });
});

describe('stock figures agree with the project list flags', () => {
  it('stalled and signed-not-started today equal the list filters', async () => {
    // P1: no follow-up for 60 days → stalled. P2, P4, P5, P6: signed over 6 months ago, not started.
    await t.database.db.execute(sql`update projects set last_follow_up_date = ${todayInChina()}::date - 60 where id = ${ids.P1}`);
    const s = await summary(bureau.cookie, 'from=2026-01-01&to=2026-12-31');
    const list = async (q: string) => (await get<{ total: number }>(bureau.cookie, `/api/projects?${q}&pageSize=1`)).total;
    expect(s.figures.stalled_count!.value).toBe(String(await list('stalled=true')));
    expect(s.figures.signed_not_started_count!.value).toBe(String(await list('signedNotStarted=true')));
    expect(Number(s.figures.stalled_count!.value)).toBeGreaterThanOrEqual(1);
    expect(Number(s.figures.signed_not_started_count!.value)).toBeGreaterThanOrEqual(1);
  });
});

describe('stalled as of an earlier day', () => {
  /** A project entered on 2 Jan 2024 with these follow-ups, its follow-up facts kept as the app keeps them. */
  async function projectFollowedUpOn(name: string, dates: string[]): Promise<number> {
    const id = await insertProject({ name, unitId: countyA.id, stage: 'negotiating', created: '2024-01-02' });
    for (const date of dates) {
      await t.database.db.execute(
        sql`insert into follow_ups (project_id, unit_id, date, kind, content, created_by) values (${id}, ${countyA.id}, ${date}, 'call', '电话跟进', ${bureau.id})`,
      );
    }
    await t.database.db.transaction((tx) => refreshFollowUpFacts(tx, id));
    return id;
  }
  const shown = async (id: number, query: string) => {
    const r = await get<StatsRecords>(bureau.cookie, `/api/stats/records?${query}&figure=stalled_count&pageSize=100`);
    expect(r.count).toBeLessThan(100);
    return r.items.filter((i) => i.projectId === id).map((i) => i.date);
  };

  it('lists a project with its last follow-up up to that day, not a later one', async () => {
    const id = await projectFollowedUpOn('停滞回溯测试项目', ['2025-10-01', '2026-01-10']);
    // As of 31 Dec 2025 the last follow-up was 1 Oct (91 days): stalled, shown with that day.
    expect(await shown(id, YEAR_2025)).toEqual(['2025-10-01']);
    // As of 31 Jan 2026, 21 days after the January call: not stalled; as of 28 February, 49 days: stalled.
    expect(await shown(id, 'from=2026-01-01&to=2026-01-31')).toEqual([]);
    expect(await shown(id, 'from=2026-01-01&to=2026-02-28')).toEqual(['2026-01-10']);
  });

  it('finds the last follow-up up to that day behind later ones, and the entry day when there was none', async () => {
    // Followed up twice, three and four times since 31 Dec 2025: the third and fourth latest are kept
    // on the project; behind four later ones, follow_ups is read.
    const twice = await projectFollowedUpOn('停滞回溯测试项目（两次）', ['2025-10-01', '2026-01-10', '2026-01-20']);
    const thrice = await projectFollowedUpOn('停滞回溯测试项目（三次）', ['2025-09-01', '2025-10-02', '2026-01-10', '2026-01-20', '2026-02-01']);
    const fourTimes = await projectFollowedUpOn('停滞回溯测试项目（四次）', ['2025-10-03', '2026-01-05', '2026-01-10', '2026-01-20', '2026-02-01']);
    const onlySince = await projectFollowedUpOn('停滞回溯测试项目（三次，此前无）', ['2026-01-10', '2026-01-20', '2026-02-01']);
    // Never followed up by 31 Dec 2025: stalled since its entry in the ledger.
    const once = await projectFollowedUpOn('停滞回溯测试项目（一次）', ['2026-01-10']);
    // Followed up once since, on 5 Dec before it: not stalled then (26 days).
    const recent = await projectFollowedUpOn('停滞回溯测试项目（近期）', ['2025-06-01', '2025-12-05', '2026-01-10']);
    expect(await shown(twice, YEAR_2025)).toEqual(['2025-10-01']);
    expect(await shown(thrice, YEAR_2025)).toEqual(['2025-10-02']);
    expect(await shown(fourTimes, YEAR_2025)).toEqual(['2025-10-03']);
    expect(await shown(onlySince, YEAR_2025)).toEqual(['2024-01-02']);
    expect(await shown(once, YEAR_2025)).toEqual(['2024-01-02']);
    const [kept] = await queryRows<{ dates: string }>(
      t.database.db,
      sql`select concat_ws(',', last_follow_up_date, previous_follow_up_date, third_follow_up_date, fourth_follow_up_date) as dates from projects where id = ${thrice}`,
    );
    expect(kept!.dates).toBe('2026-02-01,2026-01-20,2026-01-10,2025-10-02');
    expect(await shown(recent, YEAR_2025)).toEqual([]);
    // The count agrees with its records (the summary's stock figure and the list are one condition).
    const r = await get<StatsRecords>(bureau.cookie, `/api/stats/records?${YEAR_2025}&figure=stalled_count&pageSize=100`);
    expect(r.items.length).toBe(r.count);
    // Deleting the January calls brings the project back to one follow-up, kept by the same refresh.
    await t.database.db.execute(sql`delete from follow_ups where project_id = ${twice} and date >= '2026-01-01'`);
    await t.database.db.transaction((tx) => refreshFollowUpFacts(tx, twice));
    const [facts] = await queryRows<{ last: string | null; previous: string | null; third: string | null }>(
      t.database.db,
      sql`select to_char(last_follow_up_date, 'YYYY-MM-DD') as last, to_char(previous_follow_up_date, 'YYYY-MM-DD') as previous,
            to_char(third_follow_up_date, 'YYYY-MM-DD') as third from projects where id = ${twice}`,
    );
    expect(facts).toEqual({ last: '2025-10-01', previous: null, third: null });
    expect(await shown(twice, YEAR_2025)).toEqual(['2025-10-01']);
  });
});
