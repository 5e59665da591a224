import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RewardLineRecord, RewardRun } from '../../../shared/api/rewards.js';
import { EXAMPLE_REWARD_RULES } from '../../../shared/rewards/examples.js';
import { queryRows } from '../../db/client.js';
import { createTestContext, type TestContext } from '../../test/context.js';

/*
 * Rule sets and runs through the API over hand-built verified records (the example rules: 3‰/2‰/1.5‰
 * of fixed-asset investment of projects started in the period by tier ≥10亿/≥1亿/below, 2‰ of foreign
 * funds, 5万元 per 亿元以上 project signed in the period; 50万元 per person, 200万元 per unit). 2025:
 *
 * P1 甲县, first referrer 王引荐 (a user): 12.5亿 started 2025-03-10 → 375, person cap → 50.
 *    (signed 2024: no fixed amount.)
 * P2 甲县一镇, no registration: 1.25亿 started → 25; foreign 7100 verified → 14.2 (a pending 1000 and a
 *    rejected 500 do not count); contracted 1.2亿 signed 2025-02-01 → 5. Credited to 甲县一镇 only.
 * P3 乙县, conflict resolved for 乙县 (李四) with a 60/40 split with 甲县 (张三): 5亿 started → 2‰ = 100 →
 *    乙县 60 → 李四's person cap → 50; 甲县 40.
 * P4 甲县: a start awaiting review (pending), not verified → nothing.
 * Total 50 + 25 + 14.2 + 5 + 50 + 40 = 184.2 (before caps 519.2).
 */

let t: TestContext;
let countyA: { id: number; path: string };
let townA1: { id: number; path: string };
let countyB: { id: number; path: string };
let bureau: { id: number; cookie: string };
let staffA: { id: number; cookie: string };
let staffB: { id: number; cookie: string };
let referrer: { id: number; cookie: string };
let viewer: { id: number; cookie: string };
let leader: { id: number; cookie: string };
const ids: Record<string, number> = {};

async function insertProject(p: { name: string; unitId: number; fixed?: string; started?: string; contracted?: string; signed?: string }): Promise<number> {
  const [row] = await queryRows<{ id: number }>(
    t.database.db,
    sql`insert into projects (name, unit_id, stage, stage_date, signed_date, started_date, contracted_investment, fixed_asset_investment)
        values (${p.name}, ${p.unitId}, ${p.started ? 'started' : 'signed'}, ${p.started ?? p.signed ?? null}, ${p.signed ?? null}, ${p.started ?? null},
                ${p.contracted ?? null}, ${p.fixed ?? null})
        returning id`,
  );
  return Number(row!.id);
}

async function insertTranche(projectId: number, date: string, amountUsd: string, amountCny: string, status = 'verified'): Promise<void> {
  await t.database.db.execute(
    sql`insert into fund_tranches (project_id, unit_id, date, currency, amount, exchange_rate, rate_date, amount_cny, source, status, reported_by)
        select ${projectId}, unit_id, ${date}, 'USD', ${amountUsd}, '7.1', ${date}, ${amountCny}, 'foreign', ${status}, ${staffA.id} from projects where id = ${projectId}`,
  );
}

async function insertReferral(r: { unitId: number; name: string; userId?: number; projectId?: number; status?: string }): Promise<number> {
  const [row] = await queryRows<{ id: number }>(
    t.database.db,
    sql`insert into referrals (investor_name, investor_name_norm, project_intent, referrer_name, referrer_kind, referrer_user_id, unit_id, registered_by, protected_until, project_id, status)
        values ('示范企业有限公司', '示范企业', '意向项目', ${r.name}, 'staff', ${r.userId ?? null}, ${r.unitId}, ${bureau.id}, now() + interval '180 days', ${r.projectId ?? null}, ${r.status ?? 'active'})
        returning id`,
  );
  return Number(row!.id);
}

const post = (cookie: string, url: string, payload: unknown) => t.request(cookie, { method: 'POST', url, payload: payload as object });
const put = (cookie: string, url: string, payload: unknown) => t.request(cookie, { method: 'PUT', url, payload: payload as object });
const get = (cookie: string, url: string) => t.request(cookie, { method: 'GET', url });
const fieldsOf = (body: { error: { details?: { field: string }[] } }) => (body.error.details ?? []).map((d) => d.field);
const linesOf = async (cookie: string, query: string) => {
  const res = await get(cookie, `/api/rewards/lines?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: RewardLineRecord[]; total: number }>();
};

let ruleSetId = 0;
let runId = 0;

beforeAll(async () => {
  t = await createTestContext();
  countyA = await t.createUnit({ type: 'county', name: '甲县' });
  townA1 = await t.createUnit({ type: 'town', name: '甲县一镇', parentId: countyA.id });
  countyB = await t.createUnit({ type: 'county', name: '乙县' });
  [bureau, staffA, staffB, referrer, viewer, leader] = await Promise.all([
    t.createUser({ role: 'bureau' }),
    t.createUser({ role: 'unit_staff', unitId: countyA.id }),
    t.createUser({ role: 'unit_staff', unitId: countyB.id }),
    t.createUser({ role: 'referrer', unitId: countyA.id }),
    t.createUser({ role: 'viewer' }),
    t.createUser({ role: 'leader' }),
  ]);
  ids.P1 = await insertProject({ name: '高端装备项目', unitId: countyA.id, fixed: '125000', started: '2025-03-10', contracted: '150000', signed: '2024-11-01' });
  ids.P2 = await insertProject({ name: '外资食品项目', unitId: townA1.id, fixed: '12500', started: '2025-04-01', contracted: '12000', signed: '2025-02-01' });
  ids.P3 = await insertProject({ name: '新材料项目', unitId: countyB.id, fixed: '50000', started: '2025-07-01' });
  ids.P4 = await insertProject({ name: '待审开工项目', unitId: countyA.id, fixed: '90000', signed: '2024-06-01' });
  await t.database.db.execute(
    sql`insert into project_transitions (project_id, from_stage, to_target, event_date, status, requested_by) values (${ids.P4}, 'signed', 'started', '2025-08-01', 'pending', ${staffA.id})`,
  );
  await insertTranche(ids.P2, '2025-06-01', '1000', '7100');
  await insertTranche(ids.P2, '2025-06-02', '140.8451', '1000', 'pending');
  await insertTranche(ids.P2, '2025-06-03', '70.4225', '500', 'rejected');

  const r1 = await insertReferral({ unitId: countyA.id, name: '王引荐', userId: referrer.id, projectId: ids.P1 });
  const r3a = await insertReferral({ unitId: countyB.id, name: '李四', projectId: ids.P3, status: 'confirmed' });
  const r3b = await insertReferral({ unitId: countyA.id, name: '张三', status: 'confirmed' });
  await t.database.db.execute(sql`update projects set referral_id = ${r1} where id = ${ids.P1}`);
  await t.database.db.execute(sql`update projects set referral_id = ${r3a} where id = ${ids.P3}`);
  await t.database.db.execute(
    sql`insert into referral_conflicts (earlier_id, later_id, matched_by, status, winner_id, credit_split, resolution, resolved_by, resolved_at)
        values (${r3a}, ${r3b}, 'name', 'resolved', ${r3a}, ${JSON.stringify([
          { unitId: countyB.id, percent: 60 },
          { unitId: countyA.id, percent: 40 },
        ])}::jsonb, '双方均有贡献', ${bureau.id}, now())`,
  );
}, 60_000);
afterAll(() => t.close());

describe('rule sets', () => {
  it('refuses bad rules naming the field', async () => {
    const [fai] = EXAMPLE_REWARD_RULES.items;
    const res = await post(bureau.cookie, '/api/rewards/rules', {
      rules: { ...EXAMPLE_REWARD_RULES, items: [{ ...fai!, tiers: [{ atLeast: '10000', perMille: '2' }, { atLeast: '0', perMille: '1' }] }] },
    });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res.json())).toContain('rules.items.0.tiers.1.atLeast');
    const cap = await post(bureau.cookie, '/api/rewards/rules', { rules: { ...EXAMPLE_REWARD_RULES, caps: { perUnit: 'abc' } } });
    expect(fieldsOf(cap.json())).toContain('rules.caps.perUnit');
    // Bilingual: the client's language picks the message.
    const en = await t.request(bureau.cookie, { method: 'POST', url: '/api/rewards/rules', payload: { rules: {} }, headers: { 'accept-language': 'en' } });
    expect(en.json().error.code).toBe('VALIDATION');
    expect(en.json().error.message).toBe('Invalid request');
  });

  it('creates a draft for the bureau’s scope, audited; unit staff may not', async () => {
    const res = await post(bureau.cookie, '/api/rewards/rules', { rules: EXAMPLE_REWARD_RULES });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: '招商引资奖励兑现办法', version: 1, status: 'draft', unitId: t.rootId });
    ruleSetId = res.json().id;
    expect((await post(staffA.cookie, '/api/rewards/rules', { rules: EXAMPLE_REWARD_RULES })).statusCode).toBe(403);
    const audit = await queryRows<{ action: string }>(t.database.db, sql`select action from audit_log where entity = 'reward_rule_set' and entity_id = ${String(ruleSetId)}`);
    expect(audit.map((a) => a.action)).toEqual(['create_reward_rules']);
  });
});

describe('a run for 2025', () => {
  it('refuses a period that ends before it starts, naming the field', async () => {
    const res = await post(bureau.cookie, '/api/rewards/runs', { ruleSetId, period: { kind: 'range', from: '2025-12-01', to: '2025-01-01' } });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res.json())).toContain('period.to');
  });

  it('computes every line from verified records with its calculation', async () => {
    const res = await post(bureau.cookie, '/api/rewards/runs', { ruleSetId, period: { kind: 'year', year: 2025 } });
    expect(res.statusCode, res.body).toBe(200);
    const run = res.json<RewardRun>();
    runId = run.id;
    expect(run).toMatchObject({ status: 'computed', periodFrom: '2025-01-01', periodTo: '2025-12-31', totals: { amount: '184.2000', raw: '519.2000', lineCount: 6 } });
    expect(run.byUnit.map((u) => [u.unitName, u.amount])).toEqual([
      ['甲县', '90.0000'],
      ['乙县', '50.0000'],
      ['甲县一镇', '44.2000'],
    ]);

    const { items, total } = await linesOf(bureau.cookie, `run=${runId}&pageSize=50`);
    expect(total).toBe(6);
    expect(items.map((l) => [l.projectName, l.itemId, l.unitName, l.referrerName, l.sharePercent, l.rawAmount, l.amount])).toEqual([
      ['高端装备项目', 'fixed_assets', '甲县', '王引荐', 100, '375.0000', '50.0000'],
      ['外资食品项目', 'fixed_assets', '甲县一镇', null, 100, '25.0000', '25.0000'],
      ['外资食品项目', 'foreign_funds', '甲县一镇', null, 100, '14.2000', '14.2000'],
      ['外资食品项目', 'big_project', '甲县一镇', null, 100, '5.0000', '5.0000'],
      ['新材料项目', 'fixed_assets', '乙县', '李四', 60, '60.0000', '50.0000'],
      ['新材料项目', 'fixed_assets', '甲县', '张三', 40, '40.0000', '40.0000'],
    ]);
    const first = items[0]!.detail as { perMille: string; tier: { atLeast: string }; caps: { kind: string; cap: string }[] };
    expect(first.perMille).toBe('3');
    expect(first.tier.atLeast).toBe('100000');
    expect(first.caps).toEqual([{ kind: 'person', cap: '50.0000', total: '375.0000', before: '375.0000', after: '50.0000' }]);
    expect(items[2]!.detail).toMatchObject({ base: { figure: 'funds', amount: '7100.0000', trancheIds: [expect.any(Number)] } });

    const audit = await queryRows<{ action: string }>(t.database.db, sql`select action from audit_log where entity = 'reward_run' and entity_id = ${String(runId)}`);
    expect(audit.map((a) => a.action)).toEqual(['compute_reward_run']);
  });

  it('filters lines in the database: unit subtree, capped, name', async () => {
    expect((await linesOf(bureau.cookie, `run=${runId}&unit=${countyA.id}`)).total).toBe(5);
    expect((await linesOf(bureau.cookie, `run=${runId}&unit=${countyB.id}`)).items.map((l) => l.referrerName)).toEqual(['李四']);
    expect((await linesOf(bureau.cookie, `run=${runId}&capped=true`)).items.map((l) => l.referrerName)).toEqual(['王引荐', '李四']);
    expect((await linesOf(bureau.cookie, `run=${runId}&q=张三`)).total).toBe(1);
    const page2 = await linesOf(bureau.cookie, `run=${runId}&page=2&pageSize=4`);
    expect(page2.items.map((l) => l.lineNo)).toEqual([5, 6]);
  });

  it('is hidden below the bureau and leaders until published', async () => {
    expect((await get(leader.cookie, `/api/rewards/runs/${runId}`)).statusCode).toBe(200);
    expect((await get(staffA.cookie, `/api/rewards/runs/${runId}`)).statusCode).toBe(404);
    expect((await get(viewer.cookie, `/api/rewards/lines?run=${runId}`)).statusCode).toBe(404);
    expect((await get(referrer.cookie, '/api/rewards/runs')).json().total).toBe(0);
  });

  it('publishes once: the run freezes and its rules go into use', async () => {
    const res = await post(bureau.cookie, `/api/rewards/runs/${runId}/publish`, { note: '2025年度兑现' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('published');
    expect((await post(bureau.cookie, `/api/rewards/runs/${runId}/publish`, {})).json().error.code).toBe('REWARD_RUN_PUBLISHED');
    expect((await get(bureau.cookie, `/api/rewards/rules/${ruleSetId}`)).json().status).toBe('active');
    const edit = await put(bureau.cookie, `/api/rewards/rules/${ruleSetId}`, { rules: EXAMPLE_REWARD_RULES });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.code).toBe('REWARD_RULES_FROZEN');
    const v2 = await post(bureau.cookie, `/api/rewards/rules/${ruleSetId}/versions`, { rules: { ...EXAMPLE_REWARD_RULES, caps: { perPerson: '80' } } });
    expect(v2.json()).toMatchObject({ version: 2, previousId: ruleSetId, status: 'draft' });
    expect((await post(bureau.cookie, `/api/rewards/rules/${ruleSetId}/versions`, { rules: EXAMPLE_REWARD_RULES })).json().error.code).toBe('REWARD_RULES_SUPERSEDED');
  });

  it('unit staff see only the lines of their units, totals included', async () => {
    const run = (await get(staffA.cookie, `/api/rewards/runs/${runId}`)).json<RewardRun>();
    // 50 (P1) + 25 + 14.2 + 5 (P2, in 甲县一镇) + 40 (P3's 甲县 share)
    expect(run.totals).toEqual({ amount: '134.2000', raw: '459.2000', lineCount: 5 });
    expect(run.byUnit.map((u) => u.unitName).sort()).toEqual(['甲县', '甲县一镇']);
    const { items } = await linesOf(staffA.cookie, `run=${runId}`);
    expect(items.every((l) => l.unitId === countyA.id || l.unitId === townA1.id)).toBe(true);
    expect((await linesOf(staffB.cookie, `run=${runId}`)).items.map((l) => [l.referrerName, l.amount])).toEqual([['李四', '50.0000']]);
    expect((await linesOf(viewer.cookie, `run=${runId}`)).total).toBe(6);
  });

  it('a referrer sees only their own rewards', async () => {
    const run = (await get(referrer.cookie, `/api/rewards/runs/${runId}`)).json<RewardRun>();
    expect(run.totals).toEqual({ amount: '50.0000', raw: '375.0000', lineCount: 1 });
    const { items } = await linesOf(referrer.cookie, `run=${runId}&unit=${countyB.id}`);
    expect(items).toEqual([]);
    expect((await linesOf(referrer.cookie, `run=${runId}`)).items.map((l) => l.projectName)).toEqual(['高端装备项目']);
  });

  it('exports the lines as .xlsx with the calculation and a total equal to the run', async () => {
    const res = await get(bureau.cookie, `/api/rewards/lines.xlsx?run=${runId}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('兑现明细')!;
    expect(ws.rowCount).toBe(2 + 6 + 1);
    const first = ws.getRow(3);
    expect(first.getCell(2).value).toBe('高端装备项目');
    expect(first.getCell(15).value).toBe(50);
    expect(String(first.getCell(16).value)).toContain('× 3‰ = 375万元');
    expect(String(first.getCell(16).value)).toContain('个人封顶');
    const total = ws.getRow(9);
    expect(total.getCell(1).value).toBe('合计');
    expect(total.getCell(15).value).toBe(184.2);
    expect(wb.getWorksheet('奖励办法')).toBeDefined();
    // Unit staff export their own lines only.
    const mine = await get(staffB.cookie, `/api/rewards/lines.xlsx?run=${runId}`);
    const wbB = new ExcelJS.Workbook();
    await wbB.xlsx.load(mine.rawPayload as unknown as ArrayBuffer);
    expect(wbB.getWorksheet('兑现明细')!.rowCount).toBe(2 + 1 + 1);
  });
});
