import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssessmentSchemeInput } from '../../../shared/assessment/scheme.js';
import type { AssessmentResult, UnitScore } from '../../../shared/assessment/score.js';
import { queryRows } from '../../db/client.js';
import { createTestContext, type TestContext } from '../../test/context.js';
import { todayInChina } from '../followups/china-date.js';
import { assessmentScheme, periodRange } from '../../../shared/assessment/scheme.js';
import { collectInputs, MAX_RUN_RECORDS } from './assessment.inputs.js';
import { scoreScheme } from '../../../shared/assessment/score.js';
import { scoredUnitsOf } from './assessment.runs.js';
import { canonicalJson } from '../../canonical.js';

/*
 * Schemes and runs through the API over hand-built verified records, with hand-computed scores.
 *
 * 甲县 (A): signed 食品 12000 (started), 物流 8000 (in its town), 房地产 5000 (excluded: K70);
 *   verified 市外资金 6000 省外 + 3000 省内市外 (+1000 本地, +5000 pending: neither counts) = 9000.
 *   targets 市外资金 10000, 签约额 20000 → funds 9000/10000×50 = 45; signed 20000/20000×30 = 30;
 *   started 1×5 = 5; manual 8 → 88.
 * 乙县 (B): signed 纺织 15000 (started); verified 6000 省外. targets 5000 / 10000 → funds 60 → cap 50;
 *   signed 45 → cap 30; started 5; manual 9 → 94. Ranks: B 1, A 2.
 */

let t: TestContext;
let countyA: { id: number; path: string };
let townA1: { id: number; path: string };
let countyB: { id: number; path: string };
let townB1: { id: number; path: string };
let bureau: { id: number; cookie: string };
let bureauB: { id: number; cookie: string };
let staffA: { id: number; cookie: string };
let leader: { id: number; cookie: string };
const ids: Record<string, number> = {};

async function insertProject(p: { name: string; unitId: number; signed: string; started?: string; contracted: string; industry: string }): Promise<number> {
  const [row] = await queryRows<{ id: number }>(
    t.database.db,
    sql`insert into projects (name, unit_id, stage, stage_date, signed_date, started_date, contracted_investment, industry_code, created_at, last_follow_up_date)
        values (${p.name}, ${p.unitId}, ${p.started ? 'started' : 'signed'}, ${p.signed}, ${p.signed}, ${p.started ?? null}, ${p.contracted}, ${p.industry},
                '2025-01-02T10:00:00+08:00'::timestamptz, ${todayInChina()})
        returning id`,
  );
  return Number(row!.id);
}

async function insertTranche(project: string, date: string, amount: string, source: string, status = 'verified'): Promise<number> {
  const projectId = ids[project]!;
  const [row] = await queryRows<{ id: number }>(
    t.database.db,
    sql`insert into fund_tranches (project_id, unit_id, date, currency, amount, amount_cny, source, status, reported_by)
        select ${projectId}, unit_id, ${date}, 'CNY', ${amount}, ${amount}, ${source}, ${status}, ${staffA.id} from projects where id = ${projectId}
        returning id`,
  );
  return Number(row!.id);
}

async function insertTarget(unitId: number, metric: string, value: string): Promise<void> {
  await t.database.db.execute(
    sql`insert into targets (year, unit_id, metric, value, status, created_by, updated_by, approved_by, approved_at)
        values (2025, ${unitId}, ${metric}, ${value}, 'approved', ${bureau.id}, ${bureau.id}, ${bureau.id}, now())`,
  );
}

const SCHEME = {
  name: '测试县区考核办法',
  version: 1,
  units: { kind: 'unit_types', types: ['county'] },
  period: { kind: 'year', year: 2025 },
  exclusions: [{ kind: 'industry', prefixes: ['K70'], label: '房地产不计入' }],
  items: [
    { id: 'funds', label: '市外资金实际到位', type: 'ratio', metric: 'funds_out_of_city', points: 50, cap: 50 },
    { id: 'signed_amount', label: '新签约合同投资额', type: 'ratio', metric: 'signed_amount', points: 30, cap: 30 },
    { id: 'started', label: '新开工项目', type: 'count', metric: 'started_count', pointsPerItem: 5, cap: 20 },
    { id: 'work', label: '工作推进（评议）', type: 'manual', maxPoints: 10 },
  ],
} satisfies AssessmentSchemeInput;

const post = (cookie: string, url: string, payload: unknown) => t.request(cookie, { method: 'POST', url, payload: payload as object });
const get = (cookie: string, url: string) => t.request(cookie, { method: 'GET', url });
const fieldsOf = (body: { error: { details?: { field: string }[] } }) => (body.error.details ?? []).map((d) => d.field);

let schemeId = 0;
const manual = () => ({
  work: {
    [String(countyA.id)]: { score: '8', reason: '产业链招商成效明显' },
    [String(countyB.id)]: { score: '9', reason: '重点项目推进有力' },
  },
});

beforeAll(async () => {
  t = await createTestContext();
  countyA = await t.createUnit({ type: 'county', name: '甲县' });
  townA1 = await t.createUnit({ type: 'town', name: '甲县一镇', parentId: countyA.id });
  countyB = await t.createUnit({ type: 'county', name: '乙县' });
  townB1 = await t.createUnit({ type: 'town', name: '乙县一镇', parentId: countyB.id });
  [bureau, bureauB, staffA, leader] = await Promise.all([
    t.createUser({ role: 'bureau' }),
    t.createUser({ role: 'bureau', unitId: countyB.id }),
    t.createUser({ role: 'unit_staff', unitId: countyA.id }),
    t.createUser({ role: 'leader' }),
  ]);
  ids.A1 = await insertProject({ name: '食品加工项目', unitId: countyA.id, signed: '2025-03-10', started: '2025-06-01', contracted: '12000', industry: '1311' });
  ids.A2 = await insertProject({ name: '物流园项目', unitId: townA1.id, signed: '2025-07-20', contracted: '8000', industry: '5410' });
  ids.A3 = await insertProject({ name: '商住小区项目', unitId: countyA.id, signed: '2025-04-01', contracted: '5000', industry: '7010' });
  ids.B1 = await insertProject({ name: '纺织项目', unitId: countyB.id, signed: '2025-05-05', started: '2025-08-01', contracted: '15000', industry: '1711' });
  ids.tA1 = await insertTranche('A1', '2025-04-01', '6000', 'out_of_province');
  ids.tA2 = await insertTranche('A2', '2025-08-01', '3000', 'in_province_out_of_city');
  await insertTranche('A2', '2025-09-01', '1000', 'local');
  await insertTranche('A1', '2025-09-02', '5000', 'out_of_province', 'pending');
  ids.tB1 = await insertTranche('B1', '2025-06-01', '6000', 'out_of_province');
  await insertTarget(countyA.id, 'funds_out_of_city', '10000');
  await insertTarget(countyA.id, 'signed_amount', '20000');
  await insertTarget(countyB.id, 'funds_out_of_city', '5000');
  await insertTarget(countyB.id, 'signed_amount', '10000');
}, 60_000);
afterAll(() => t.close());

describe('schemes', () => {
  it('refuses a bad scheme naming the field', async () => {
    const negativeCap = await post(bureau.cookie, '/api/assessment-schemes', { scheme: { ...SCHEME, items: [{ ...SCHEME.items[0], cap: -1 }] } });
    expect(negativeCap.statusCode).toBe(400);
    expect(fieldsOf(negativeCap.json())).toContain('scheme.items.0.cap');

    const unknownMetric = await post(bureau.cookie, '/api/assessment-schemes', { scheme: { ...SCHEME, items: [{ ...SCHEME.items[0], metric: 'made_up' }] } });
    expect(unknownMetric.statusCode).toBe(400);
    expect(fieldsOf(unknownMetric.json())).toContain('scheme.items.0.metric');

    const composite = {
      id: 'signed',
      label: '签约',
      type: 'composite',
      cap: 30,
      parts: [
        { weight: 0.5, item: { id: 'a', label: 'a', type: 'ratio', metric: 'signed_count', points: 30, cap: 30 } },
        { weight: 0.4, item: { id: 'b', label: 'b', type: 'ratio', metric: 'signed_amount', points: 30, cap: 30 } },
      ],
    };
    const weights = await post(bureau.cookie, '/api/assessment-schemes', { scheme: { ...SCHEME, items: [composite] } });
    expect(weights.statusCode).toBe(400);
    expect(fieldsOf(weights.json())).toContain('scheme.items.0.parts');

    const outside = await post(bureauB.cookie, '/api/assessment-schemes', { scheme: { ...SCHEME, units: { kind: 'unit_ids', ids: [townB1.id, countyA.id] } } });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.code).toBe('ASSESSMENT_UNIT_OUT_OF_SCOPE');
    expect(fieldsOf(outside.json())).toEqual(['scheme.units.ids.1']);
  });

  it('creates a draft version 1 that the bureau may edit and unit staff may not read', async () => {
    const res = await post(bureau.cookie, '/api/assessment-schemes', { scheme: SCHEME });
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    expect(s).toMatchObject({ name: SCHEME.name, version: 1, status: 'draft', previousId: null, unitId: t.rootId });
    schemeId = s.id;
    const edited = await t.request(bureau.cookie, { method: 'PUT', url: `/api/assessment-schemes/${schemeId}`, payload: { scheme: { ...SCHEME, description: '试行' } } });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().scheme.description).toBe('试行');
    expect((await get(staffA.cookie, `/api/assessment-schemes/${schemeId}`)).statusCode).toBe(403);
    expect((await get(leader.cookie, `/api/assessment-schemes/${schemeId}`)).statusCode).toBe(200);
    const list = await get(leader.cookie, '/api/assessment-schemes');
    expect(list.json().items.map((i: { id: number }) => i.id)).toContain(schemeId);
  });
});

describe('runs', () => {
  let runId = 0;
  let first: { result: AssessmentResult; contentHash: string; inputs: { units: { unitId: number; metrics: Record<string, { value: string; records: { kind: string; id: number; value: string }[] }> }[] } };
  const lineOf = (result: AssessmentResult, unitId: number): UnitScore => result.units.find((u) => u.unitId === unitId)!;
  const itemOf = (line: UnitScore, itemId: string) => line.items.find((i) => i.itemId === itemId)!;

  it('scores each county from verified records, with hand-computed scores and ranks', async () => {
    const res = await post(bureau.cookie, '/api/assessment-runs', { schemeId, manual: manual() });
    expect(res.statusCode, res.body).toBe(200);
    first = res.json();
    runId = res.json().id;
    expect(res.json()).toMatchObject({ status: 'computed', periodFrom: '2025-01-01', periodTo: '2025-12-31', schemeVersion: 1 });
    const { result } = first;
    expect(result.units.map((u) => [u.name, u.total, u.rank])).toEqual([
      ['乙县', '94.00', 1],
      ['甲县', '88.00', 2],
    ]);
    const a = lineOf(result, countyA.id);
    expect(a.items.map((i) => [i.itemId, i.score])).toEqual([
      ['funds', '45.00'],
      ['signed_amount', '30.00'],
      ['started', '5.00'],
      ['work', '8.00'],
    ]);
    expect(itemOf(a, 'funds').inputs).toMatchObject({ target: '10000' });
    expect(itemOf(a, 'work').reason).toBe('产业链招商成效明显');
    const b = lineOf(result, countyB.id);
    expect(b.items.map((i) => i.score)).toEqual(['50.00', '30.00', '5.00', '9.00']);
    expect(itemOf(b, 'funds').notes).toContain('capped');
  });

  it('lists the records behind each item, adding up to the figure', async () => {
    const a = lineOf(first.result, countyA.id);
    expect(itemOf(a, 'funds').records).toEqual([
      { kind: 'tranche', id: ids.tA1 },
      { kind: 'tranche', id: ids.tA2 },
    ]);
    expect(itemOf(a, 'signed_amount').records.map((r) => r.id).sort((x, y) => x - y)).toEqual([ids.A1, ids.A2]);
    expect(itemOf(a, 'signed_amount').excluded).toMatchObject([{ kind: 'project', id: ids.A3, value: '5000.0000' }]);
    const inputsA = first.inputs.units.find((u) => u.unitId === countyA.id)!;
    const funds = inputsA.metrics.funds_out_of_city!;
    expect(Number(funds.value)).toBe(9000);
    expect(funds.records.reduce((s, r) => s + Number(r.value), 0)).toBe(9000);
  });

  it('re-running on unchanged data gives a byte-identical result', async () => {
    const again = await post(bureau.cookie, '/api/assessment-runs', { schemeId, manual: manual() });
    expect(again.statusCode, again.body).toBe(200);
    expect(JSON.stringify(again.json().result)).toBe(JSON.stringify(first.result));
    expect(again.json().contentHash).toBe(first.contentHash);
    const diff = await get(bureau.cookie, `/api/assessment-runs/${runId}/diff`);
    expect(diff.statusCode, diff.body).toBe(200);
    expect(diff.json()).toMatchObject({ isUnchanged: true, changes: [] });
  });

  it('past the record bound scores from groups of records, with the same scores', async () => {
    const scheme = assessmentScheme.parse(SCHEME);
    const root = { id: t.rootId, path: `/${t.rootId}/` };
    const units = await scoredUnitsOf(t.database.db, root, scheme);
    const traced = await collectInputs(t.database.db, root, scheme, periodRange(scheme.period), 2025, units, {}, 1000);
    expect(traced.detail).toBe('records');
    const grouped = await collectInputs(t.database.db, root, scheme, periodRange(scheme.period), 2025, units, {}, 2);
    expect(grouped.detail).toBe('groups');
    expect(grouped.traced).toBe(traced.traced);
    const records = grouped.units.flatMap((u) => Object.values(u.metrics).flatMap((m) => m.records ?? []));
    expect(records.length).toBeGreaterThan(0);
    expect(records.every((r) => r.kind === 'group' && (r.count ?? 0) >= 1)).toBe(true);
    // Every figure equal, and every score.
    for (const [k, u] of grouped.units.entries()) for (const [m, v] of Object.entries(u.metrics)) expect(v.value, m).toBe(traced.units[k]!.metrics[m]!.value);
    const scoresOf = (r: ReturnType<typeof scoreScheme>) => r.units.map((u) => [u.unitId, u.total, u.rank, u.items.map((i) => [i.score, i.inputs])]);
    expect(scoresOf(scoreScheme(scheme, grouped.units))).toEqual(scoresOf(scoreScheme(scheme, traced.units)));
    expect(MAX_RUN_RECORDS).toBe(20_000);
  });

  it('refuses a period outside the targets’ year, naming the field', async () => {
    const res = await post(bureau.cookie, '/api/assessment-runs', { schemeId, period: { kind: 'range', from: '2025-10-01', to: '2026-03-31' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('ASSESSMENT_PERIOD_YEAR');
    expect(fieldsOf(res.json())).toEqual(['period.to']);
    const quarter = await post(bureau.cookie, '/api/assessment-runs', { schemeId, period: { kind: 'quarter', year: 2024, quarter: 4 } });
    expect(fieldsOf(quarter.json())).toEqual(['period.year']);
  });

  it('refuses a manual score without a reason or out of bounds', async () => {
    const noReason = await post(bureau.cookie, '/api/assessment-runs', { schemeId, manual: { work: { [String(countyA.id)]: { score: '8', reason: ' ' } } } });
    expect(noReason.statusCode).toBe(400);
    expect(fieldsOf(noReason.json())[0]).toMatch(/^manual\.work\.\d+\.reason$/);
    const tooHigh = await post(bureau.cookie, '/api/assessment-runs', { schemeId, manual: { work: { [String(countyA.id)]: { score: '11', reason: '超出' } } } });
    expect(tooHigh.statusCode).toBe(400);
    expect(tooHigh.json().error.code).toBe('ASSESSMENT_INPUT');
  });

  it('publishes once, freezing the run and the scheme version', async () => {
    const edit = await t.request(bureau.cookie, { method: 'PATCH', url: `/api/assessment-runs/${runId}`, payload: { manual: { work: { [String(countyA.id)]: { score: '7', reason: '复核后调整' } } } } });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(lineOf(edit.json().result, countyA.id).total).toBe('87.00');
    expect(lineOf(edit.json().result, countyB.id).items[3]).toMatchObject({ score: '0.00', notes: ['manual_missing'] });
    const restore = await t.request(bureau.cookie, { method: 'PATCH', url: `/api/assessment-runs/${runId}`, payload: { manual: manual() } });
    expect(restore.json().contentHash).toBe(first.contentHash);

    const pub = await post(bureau.cookie, `/api/assessment-runs/${runId}/publish`, {});
    expect(pub.statusCode, pub.body).toBe(200);
    expect(pub.json()).toMatchObject({ status: 'published', contentHash: first.contentHash });
    expect(pub.json().publishedBy.id).toBe(bureau.id);
    const twice = await post(bureau.cookie, `/api/assessment-runs/${runId}/publish`, {});
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('ASSESSMENT_RUN_PUBLISHED');
    const editPublished = await t.request(bureau.cookie, { method: 'PATCH', url: `/api/assessment-runs/${runId}`, payload: { manual: {} } });
    expect(editPublished.statusCode).toBe(409);

    const scheme = await get(bureau.cookie, `/api/assessment-schemes/${schemeId}`);
    expect(scheme.json().status).toBe('active');
    const change = await t.request(bureau.cookie, { method: 'PUT', url: `/api/assessment-schemes/${schemeId}`, payload: { scheme: SCHEME } });
    expect(change.statusCode).toBe(409);
    expect(change.json().error.code).toBe('ASSESSMENT_SCHEME_FROZEN');
    const v2 = await post(bureau.cookie, `/api/assessment-schemes/${schemeId}/versions`, { scheme: { ...SCHEME, description: '2025年修订' } });
    expect(v2.statusCode, v2.body).toBe(200);
    expect(v2.json()).toMatchObject({ version: 2, previousId: schemeId, status: 'draft' });
    const fork = await post(bureau.cookie, `/api/assessment-schemes/${schemeId}/versions`, { scheme: SCHEME });
    expect(fork.statusCode).toBe(409);
    const archived = await post(bureau.cookie, `/api/assessment-schemes/${v2.json().id}/archive`, {});
    expect(archived.json().status).toBe('archived');
    const runArchived = await post(bureau.cookie, '/api/assessment-runs', { schemeId: v2.json().id });
    expect(runArchived.statusCode).toBe(409);
  });

  it('shows later data as a difference from the frozen run, never as a silent change', async () => {
    const tranche = await insertTranche('A1', '2025-10-01', '1000', 'out_of_province');
    const diff = await get(bureau.cookie, `/api/assessment-runs/${runId}/diff`);
    expect(diff.statusCode, diff.body).toBe(200);
    expect(diff.json().isUnchanged).toBe(false);
    expect(diff.json().changes).toEqual([
      { kind: 'total', unitId: countyA.id, name: '甲县', before: '88.00', after: '93.00' },
      { kind: 'item_score', unitId: countyA.id, name: '甲县', itemId: 'funds', before: '45.00', after: '50.00' },
      { kind: 'item_records', unitId: countyA.id, name: '甲县', itemId: 'funds', added: [{ kind: 'tranche', id: tranche }], removed: [] },
    ]);
    const frozen = await get(bureau.cookie, `/api/assessment-runs/${runId}`);
    // The same content, byte for byte once canonical (the answer to the run is written from memory, GET's from jsonb, which orders keys its own way).
    expect(canonicalJson(frozen.json().result)).toBe(canonicalJson(first.result));
  });

  it('shows a county user only their own line and rank; another scope’s run is 404', async () => {
    const mine = await get(staffA.cookie, `/api/assessment-runs/${runId}`);
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().result.units.map((u: UnitScore) => [u.unitId, u.rank, u.total])).toEqual([[countyA.id, 2, '88.00']]);
    // Rank 2 of how many: the whole run's count, though only the reader's line is sent.
    expect(mine.json().unitCount).toBe(2);
    expect(mine.json().inputs.units.map((u: { unitId: number }) => u.unitId)).toEqual([countyA.id]);
    const diff = await get(staffA.cookie, `/api/assessment-runs/${runId}/diff`);
    expect(diff.json().changes.every((c: { unitId: number }) => c.unitId === countyA.id)).toBe(true);
    // Unpublished runs are the bureau's working copies.
    const computed = (await get(bureau.cookie, '/api/assessment-runs?status=computed')).json().items[0].id as number;
    expect((await get(staffA.cookie, `/api/assessment-runs/${computed}`)).statusCode).toBe(404);

    // 乙县's own bureau scores its towns; 甲县 cannot see that run at all.
    const townScheme = await post(bureauB.cookie, '/api/assessment-schemes', { scheme: { ...SCHEME, name: '乙县乡镇考核', units: { kind: 'unit_types', types: ['town'] }, items: [SCHEME.items[2]] } });
    expect(townScheme.statusCode, townScheme.body).toBe(200);
    const townRun = await post(bureauB.cookie, '/api/assessment-runs', { schemeId: townScheme.json().id });
    expect(townRun.statusCode, townRun.body).toBe(200);
    expect(townRun.json().result.units.map((u: UnitScore) => u.unitId)).toEqual([townB1.id]);
    await post(bureauB.cookie, `/api/assessment-runs/${townRun.json().id}/publish`, {});
    expect((await get(staffA.cookie, `/api/assessment-runs/${townRun.json().id}`)).statusCode).toBe(404);
    expect((await get(bureauB.cookie, `/api/assessment-schemes/${schemeId}`)).statusCode).toBe(200);
    expect((await post(bureauB.cookie, '/api/assessment-runs', { schemeId })).statusCode).toBe(404);
    const list = await get(staffA.cookie, '/api/assessment-runs');
    expect(list.json().items.map((i: { id: number }) => i.id)).toEqual([runId]);
  });

  it('writes an audit entry for every change', async () => {
    const rows = await queryRows<{ action: string; entity: string }>(
      t.database.db,
      sql`select action, entity from audit_log where entity in ('assessment_scheme', 'assessment_run') order by id`,
    );
    const actions = new Set(rows.map((r) => r.action));
    for (const a of ['create_assessment_scheme', 'update_assessment_scheme', 'new_assessment_scheme_version', 'archive_assessment_scheme', 'activate_assessment_scheme', 'compute_assessment_run', 'update_assessment_run', 'publish_assessment_run']) {
      expect(actions, a).toContain(a);
    }
  });
});

describe('grouped industry classes', () => {
  it('groups codes by their class against the prefixes, odd stored codes classed as the engine does, with the same scores', async () => {
    // 2024, so the other tests' 2025 figures are untouched. Codes of every shape: 4- and 2-digit codes
    // under a prefix, a section letter, codes under none, null, and stored codes outside the ledger's
    // shape (lower case, padded) that only the engine's own matcher classes.
    const codes = ['1311', '13', '1320', 'C', 'K', '7010', '70', '5410', '541', 'F', null, 'k70', ' 5410', '0111', '13'];
    for (const [k, code] of codes.entries()) {
      await queryRows(
        t.database.db,
        sql`insert into projects (name, unit_id, stage, stage_date, signed_date, contracted_investment, industry_code, created_at, last_follow_up_date)
            values (${`行业分组测试${k}`}, ${k % 2 ? countyA.id : townA1.id}, 'signed', '2024-05-01', '2024-05-01', ${String(1000 * (k + 1))}, ${code},
                    '2024-01-02T10:00:00+08:00'::timestamptz, ${todayInChina()})`,
      );
    }
    const scheme = assessmentScheme.parse({
      ...SCHEME,
      period: { kind: 'year', year: 2024 },
      exclusions: [{ kind: 'industry', prefixes: ['K70', 'C13', 'F', '54'] }],
      items: [
        { id: 'signed', label: '签约项目', type: 'count', metric: 'signed_count', pointsPerItem: 1, cap: 100 },
        { id: 'amount', label: '签约额', type: 'count', metric: 'signed_amount', pointsPerItem: 0.001, cap: 1000 },
        { id: 'non_food', label: '非食品', type: 'count', metric: 'signed_count', pointsPerItem: 1, cap: 100, exclusions: [{ kind: 'industry', prefixes: ['13'] }] },
      ],
    });
    const root = { id: t.rootId, path: `/${t.rootId}/` };
    const units = await scoredUnitsOf(t.database.db, root, scheme);
    const traced = await collectInputs(t.database.db, root, scheme, periodRange(scheme.period), 2024, units, {}, 1000);
    const grouped = await collectInputs(t.database.db, root, scheme, periodRange(scheme.period), 2024, units, {}, 1);
    expect([traced.detail, grouped.detail]).toEqual(['records', 'groups']);
    const unitA = grouped.units.find((u) => u.unitId === countyA.id)!;
    const signed = unitA.metrics.signed_count!;
    expect(signed.value).toBe(String(codes.length));
    // 15 projects in 5 groups: C13 and 13 (1311, 13, 1320, 13), none (C, K, null, 0111), K70 (7010, 70, and 'k70', which
    // SQL keys apart and JS classes), 54 (5410, 541, ' 5410'), F.
    expect(signed.records!.length).toBe(5);
    expect(signed.records!.reduce((n, r) => n + (r.count ?? 1), 0)).toBe(codes.length);
    for (const [k, u] of grouped.units.entries()) for (const [m, v] of Object.entries(u.metrics)) expect(v.value, m).toBe(traced.units[k]!.metrics[m]!.value);
    const scoresOf = (r: ReturnType<typeof scoreScheme>) => r.units.map((u) => [u.unitId, u.total, u.rank, u.items.map((i) => [i.score, i.inputs])]);
    expect(scoresOf(scoreScheme(scheme, grouped.units))).toEqual(scoresOf(scoreScheme(scheme, traced.units)));
  });
});

describe('grouped by what the rules on each figure read', () => {
  it('groups funds, follow-ups and rejections without the projects’ amounts, and projects by them, with the same figures and scores', async () => {
    // 2023, so the other tests' figures are untouched: projects of several amounts, tranches of every
    // source (one in US dollars, one rejected), follow-ups.
    const year = '2023';
    const projects: number[] = [];
    for (const [k, amount] of ['500', '9000', '12000', '30000', '150000', null].entries()) {
      const [row] = await queryRows<{ id: number }>(
        t.database.db,
        sql`insert into projects (name, unit_id, stage, stage_date, signed_date, contracted_investment, industry_code, created_at, last_follow_up_date)
            values (${`按指标分组测试${k}`}, ${k % 2 ? countyA.id : townB1.id}, 'signed', ${`${year}-05-01`}, ${`${year}-05-01`}, ${amount}, ${k === 2 ? '7010' : '1311'},
                    ${`${year}-01-02T10:00:00+08:00`}::timestamptz, ${todayInChina()})
            returning id`,
      );
      projects.push(Number(row!.id));
    }
    const sources = ['out_of_province', 'in_province_out_of_city', 'foreign', 'local'];
    for (const [k, projectId] of projects.entries()) {
      for (const [j, source] of sources.entries()) {
        await queryRows(
          t.database.db,
          sql`insert into fund_tranches (project_id, unit_id, date, currency, amount, amount_cny, source, status, reported_by, reviewed_at)
              select id, unit_id, ${`${year}-0${j + 1}-1${k}`}, 'CNY', ${String(100 * (k + 1) + j)}, ${String(100 * (k + 1) + j)}, ${source},
                     ${k === 3 && j === 1 ? 'rejected' : 'verified'}, ${staffA.id}, ${`${year}-06-01T10:00:00+08:00`}::timestamptz
              from projects where id = ${projectId}`,
        );
      }
      await queryRows(
        t.database.db,
        sql`insert into fund_tranches (project_id, unit_id, date, currency, amount, exchange_rate, rate_date, amount_cny, source, status, reported_by)
            select id, unit_id, ${`${year}-09-0${k + 1}`}, 'USD', '10', '7.1', ${`${year}-09-01`}, '71', 'foreign', 'verified', ${staffA.id} from projects where id = ${projectId}`,
      );
      await queryRows(
        t.database.db,
        sql`insert into follow_ups (project_id, unit_id, date, kind, content, created_by)
            select id, unit_id, ${`${year}-10-0${k + 1}`}, 'visit', '走访', ${staffA.id} from projects where id = ${projectId}`,
      );
    }
    const schemeOf = (fundsExclusions: object[]) => assessmentScheme.parse({
      ...SCHEME,
      units: { kind: 'unit_types', types: ['county'] },
      period: { kind: 'year', year: Number(year) },
      exclusions: [{ kind: 'industry', prefixes: ['K70'] }],
      items: [
        { id: 'major', label: '重大项目', type: 'tiers', metric: 'signed_count', amountTiers: [{ atLeast: '10000', points: 2 }, { atLeast: '100000', points: 5 }], cap: 100 },
        { id: 'amount', label: '签约额', type: 'count', metric: 'signed_amount', pointsPerItem: 0.001, cap: 1000 },
        { id: 'funds', label: '到位资金（不含本地）', type: 'count', metric: 'funds_total', pointsPerItem: 0.01, cap: 1000, exclusions: fundsExclusions },
        { id: 'city', label: '市外资金', type: 'count', metric: 'funds_out_of_city', pointsPerItem: 0.01, cap: 1000 },
        { id: 'province', label: '省外资金', type: 'count', metric: 'funds_out_of_province_total', pointsPerItem: 0.01, cap: 1000, exclusions: [{ kind: 'below_amount', minAmount: '10000' }] },
        { id: 'usd', label: '外资（美元）', type: 'count', metric: 'funds_foreign_usd', pointsPerItem: 0.1, cap: 1000 },
        { id: 'follow', label: '跟进', type: 'count', metric: 'followup_count', pointsPerItem: 0.5, cap: 100 },
        { id: 'rejected', label: '驳回', type: 'penalty', metric: 'rejected_count', pointsPerOccurrence: 1 },
      ],
    });
    const root = { id: t.rootId, path: `/${t.rootId}/` };
    // With a rule on the source, the tranches are grouped by it; without, only by the figures they count in.
    for (const scheme of [schemeOf([{ kind: 'funds_source', sources: ['local'] }]), schemeOf([])]) {
      const units = await scoredUnitsOf(t.database.db, root, scheme);
      const traced = await collectInputs(t.database.db, root, scheme, periodRange(scheme.period), Number(year), units, {}, 1000);
      const grouped = await collectInputs(t.database.db, root, scheme, periodRange(scheme.period), Number(year), units, {}, 1);
      expect([traced.detail, grouped.detail]).toEqual(['records', 'groups']);
      for (const [k, u] of grouped.units.entries()) for (const [m, v] of Object.entries(u.metrics)) expect(v.value, m).toBe(traced.units[k]!.metrics[m]!.value);
      const scoresOf = (r: ReturnType<typeof scoreScheme>) => r.units.map((u) => [u.unitId, u.total, u.rank, u.items.map((i) => [i.itemId, i.score, i.inputs])]);
      expect(scoresOf(scoreScheme(scheme, grouped.units))).toEqual(scoresOf(scoreScheme(scheme, traced.units)));
      const b = grouped.units.find((u) => u.unitId === countyB.id)!.metrics;
      expect(b.funds_total!.value).not.toBe('0');
      expect(b.rejected_count!.value).toBe('0');
      expect(grouped.units.find((u) => u.unitId === countyA.id)!.metrics.rejected_count!.value).toBe('1');
      // Only the figures an amount rule reads are grouped by amount: the tiers' projects and the
      // thresholded funds; the rest one group per unit and the facts their rules read (the source).
      const amountsOf = (m: string) => grouped.units.flatMap((u) => u.metrics[m]!.records ?? []).map((r) => r.contractedAmount);
      expect(amountsOf('signed_count').some((a) => a !== null)).toBe(true);
      expect(amountsOf('funds_out_of_province_total').some((a) => a !== null)).toBe(true);
      for (const m of ['signed_amount', 'funds_total', 'funds_out_of_city', 'funds_foreign_usd', 'followup_count', 'rejected_count']) expect(amountsOf(m).every((a) => a === null), m).toBe(true);
      expect(b.followup_count!.records!.length).toBe(1);
      // Signed amounts: one group per class of industry, not split by the tiers' amounts.
      expect(grouped.units.find((u) => u.unitId === countyA.id)!.metrics.signed_amount!.records!.length).toBe(1);
    }
  });
});

