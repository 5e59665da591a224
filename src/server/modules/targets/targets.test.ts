import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Decomposition, Target, TargetProgress } from '../../../shared/api/targets.js';
import { queryRows } from '../../db/client.js';
import { createTestContext, type TestContext } from '../../test/context.js';
import { todayInChina } from '../followups/china-date.js';

/*
 * Targets through the API: decomposition with the mismatch warning, the approval lock and unlock,
 * the audit trail, data scope, bad input, and progress against hand-built verified projects with
 * hand-computed 完成率 and 时序进度 (fixture rows go straight into the tables, as in stats.test.ts).
 */

let t: TestContext;
let countyA: { id: number };
let townA1: { id: number };
let townA2: { id: number };
let countyB: { id: number };
let bureau: { id: number; cookie: string };
let staffA: { id: number; cookie: string };
let staffB: { id: number; cookie: string };
let viewer: { id: number; cookie: string };

async function insertProject(p: { name: string; unitId: number; stage: string; signed: string; contracted: string }): Promise<number> {
  const [row] = await queryRows<{ id: number }>(
    t.database.db,
    sql`insert into projects (name, unit_id, stage, stage_date, signed_date, contracted_investment, created_at, last_follow_up_date)
        values (${p.name}, ${p.unitId}, ${p.stage}, ${p.signed}, ${p.signed}, ${p.contracted}, ${`${p.signed}T10:00:00+08:00`}::timestamptz, ${todayInChina()})
        returning id`,
  );
  return Number(row!.id);
}

async function insertTranche(projectId: number, unitId: number, v: { date: string; amount: string; source: string; status: string }) {
  await t.database.db.execute(sql`insert into fund_tranches (project_id, unit_id, date, currency, amount, amount_cny, source, status, reported_by)
    values (${projectId}, ${unitId}, ${v.date}, 'CNY', ${v.amount}, ${v.amount}, ${v.source}, ${v.status}, ${staffA.id})`);
}

type Method = 'GET' | 'POST' | 'PUT';
const call = (cookie: string, method: Method, url: string, payload?: unknown, lang?: string) =>
  t.request(cookie, { method, url, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }), ...(lang ? { headers: { 'accept-language': lang } } : {}) });

async function ok<T>(cookie: string, method: Method, url: string, payload?: unknown): Promise<T> {
  const res = await call(cookie, method, url, payload);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as T;
}

async function refused(cookie: string, method: Method, url: string, payload: unknown, status: number, code: string, field?: string) {
  const res = await call(cookie, method, url, payload);
  expect(res.statusCode, res.body).toBe(status);
  const body = res.json() as { error: { code: string; message: string; details?: { field?: string }[] } };
  expect(body.error.code).toBe(code);
  if (field !== undefined) expect(body.error.details?.[0]?.field).toBe(field);
  return body;
}

const decompose = (cookie: string, body: Record<string, unknown>) => call(cookie, 'PUT', '/api/targets/decomposition', body);

beforeAll(async () => {
  t = await createTestContext();
  countyA = await t.createUnit({ type: 'county', name: '甲县' });
  townA1 = await t.createUnit({ type: 'town', name: '甲县一镇', parentId: countyA.id });
  townA2 = await t.createUnit({ type: 'town', name: '甲县二镇', parentId: countyA.id });
  countyB = await t.createUnit({ type: 'county', name: '乙县' });
  [bureau, staffA, staffB, viewer] = await Promise.all([
    t.createUser({ role: 'bureau' }),
    t.createUser({ role: 'unit_staff', unitId: countyA.id }),
    t.createUser({ role: 'unit_staff', unitId: countyB.id }),
    t.createUser({ role: 'viewer' }),
  ]);
});
afterAll(() => t.close());

describe('decomposition', () => {
  it('sets the parent and its children in one request and warns when they do not add up', async () => {
    const res = await decompose(bureau.cookie, { year: 2031, unitId: t.rootId, metric: 'signed_count', parent: '10', children: [{ unitId: countyA.id, value: 6 }, { unitId: countyB.id, value: '3' }] });
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json() as Decomposition;
    expect(d.parent).toMatchObject({ unitId: t.rootId, value: '10', status: 'draft', version: 1 });
    expect(d.children.map((c) => [c.unitId, c.target?.value ?? null])).toEqual([
      [countyA.id, '6'],
      [countyB.id, '3'],
    ]);
    expect(d).toMatchObject({ childrenSum: '9', difference: '-1', isMismatch: true });

    const again = await ok<Decomposition>(bureau.cookie, 'GET', `/api/targets/decomposition?year=2031&unit=${t.rootId}&metric=signed_count`);
    expect(again).toMatchObject({ childrenSum: '9', difference: '-1', isMismatch: true });

    const fixed = await ok<Decomposition>(bureau.cookie, 'PUT', '/api/targets/decomposition', { year: 2031, unitId: t.rootId, metric: 'signed_count', children: [{ unitId: countyB.id, value: '4' }] });
    expect(fixed).toMatchObject({ childrenSum: '10', difference: '0', isMismatch: false });
    expect(fixed.children.find((c) => c.unitId === countyB.id)?.target).toMatchObject({ value: '4', version: 2 });
    // The parent was left as it was.
    expect(fixed.parent).toMatchObject({ value: '10', version: 1 });
  });

  it('keeps amounts exact', async () => {
    const d = await ok<Decomposition>(bureau.cookie, 'PUT', '/api/targets/decomposition', {
      year: 2031,
      unitId: t.rootId,
      metric: 'funds_out_of_city',
      parent: '100000.3',
      children: [{ unitId: countyA.id, value: '60000.1' }, { unitId: countyB.id, value: '40000.2' }],
    });
    // 0.1 + 0.2 is 0.3 here, not 0.30000000000000004.
    expect(d).toMatchObject({ childrenSum: '100000.3', difference: '0', isMismatch: false });
  });

  it('does not partly apply a request with a bad child', async () => {
    await refused(bureau.cookie, 'PUT', '/api/targets/decomposition', { year: 2032, unitId: t.rootId, metric: 'signed_count', parent: '5', children: [{ unitId: countyA.id, value: '2' }, { unitId: townA1.id, value: '1' }] }, 400, 'TARGET_NOT_CHILD', 'children.1.unitId');
    const d = await ok<Decomposition>(bureau.cookie, 'GET', `/api/targets/decomposition?year=2032&unit=${t.rootId}&metric=signed_count`);
    expect(d.parent).toBeNull();
    expect(d.children.every((c) => c.target === null)).toBe(true);
    expect(d.isMismatch).toBe(false);
  });
});

describe('bad input names the field, in both languages', () => {
  const base = () => ({ year: 2031, unitId: t.rootId, metric: 'signed_count', children: [] as { unitId: number; value: string }[] });

  it('refuses an unknown metric, a stock figure and a tier that is not configured', async () => {
    await refused(bureau.cookie, 'PUT', '/api/targets/decomposition', { ...base(), metric: 'signed_cnt' }, 400, 'TARGET_METRIC_UNKNOWN', 'metric');
    await refused(bureau.cookie, 'PUT', '/api/targets/decomposition', { ...base(), metric: 'stalled_count' }, 400, 'TARGET_METRIC_UNKNOWN', 'metric');
    await refused(bureau.cookie, 'POST', '/api/targets', { year: 2031, unitId: countyA.id, metric: 'signed_tier:12345', value: '1' }, 400, 'TARGET_METRIC_UNKNOWN', 'metric');
    await ok(bureau.cookie, 'POST', '/api/targets', { year: 2031, unitId: countyA.id, metric: 'signed_tier:100000', value: '1' });
  });

  it('refuses negative targets and fractions of a count', async () => {
    await refused(bureau.cookie, 'PUT', '/api/targets/decomposition', { ...base(), children: [{ unitId: countyA.id, value: '1' }, { unitId: countyB.id, value: '-2' }] }, 400, 'TARGET_NEGATIVE', 'children.1.value');
    await refused(bureau.cookie, 'PUT', '/api/targets/decomposition', { ...base(), parent: '-1' }, 400, 'TARGET_NEGATIVE', 'parent');
    await refused(bureau.cookie, 'POST', '/api/targets', { year: 2031, unitId: countyA.id, metric: 'started_count', value: '2.5' }, 400, 'TARGET_COUNT_FRACTION', 'value');
    await refused(bureau.cookie, 'POST', '/api/targets', { year: 2031, unitId: countyA.id, metric: 'signed_amount', value: 'abc' }, 400, 'VALIDATION', 'value');
  });

  it('refuses a year out of range', async () => {
    await refused(bureau.cookie, 'PUT', '/api/targets/decomposition', { ...base(), year: 1999 }, 400, 'TARGET_YEAR_RANGE', 'year');
    await refused(bureau.cookie, 'GET', '/api/targets/progress?year=2101', undefined, 400, 'TARGET_YEAR_RANGE', 'year');
  });

  it('refuses a child twice, and a unit outside scope or below the direct children', async () => {
    await refused(bureau.cookie, 'PUT', '/api/targets/decomposition', { ...base(), children: [{ unitId: countyA.id, value: '1' }, { unitId: countyA.id, value: '2' }] }, 400, 'TARGET_CHILD_DUPLICATE', 'children.1.unitId');
    // 乙县's staff: 甲县's towns are outside their scope, and not children of their county.
    await refused(staffB.cookie, 'PUT', '/api/targets/decomposition', { ...base(), unitId: countyB.id, children: [{ unitId: townA1.id, value: '1' }] }, 400, 'TARGET_NOT_CHILD', 'children.0.unitId');
    // 甲县 itself is outside 乙县's scope: answered like a missing unit.
    await refused(staffB.cookie, 'PUT', '/api/targets/decomposition', { ...base(), unitId: countyA.id, children: [] }, 404, 'NOT_FOUND');
  });

  it('answers in English when asked', async () => {
    const res = await call(bureau.cookie, 'PUT', '/api/targets/decomposition', { ...base(), parent: '-1' }, 'en');
    expect(res.json().error.message).toBe('A target cannot be negative');
    const zh = await call(bureau.cookie, 'PUT', '/api/targets/decomposition', { ...base(), parent: '-1' }, 'zh-CN');
    expect(zh.json().error.message).toBe('目标值不能为负数');
  });
});

describe('unit staff', () => {
  it('decompose their unit to its towns but do not set their own unit’s target', async () => {
    await ok(bureau.cookie, 'PUT', '/api/targets/decomposition', { year: 2033, unitId: t.rootId, metric: 'signed_count', parent: '10', children: [{ unitId: countyA.id, value: '6' }] });
    const d = await ok<Decomposition>(staffA.cookie, 'PUT', '/api/targets/decomposition', {
      year: 2033,
      unitId: countyA.id,
      metric: 'signed_count',
      parent: '6', // as it stands: allowed
      children: [{ unitId: townA1.id, value: '4' }, { unitId: townA2.id, value: '2' }],
    });
    expect(d).toMatchObject({ childrenSum: '6', difference: '0', isMismatch: false });
    // Without a unit, the decomposition opens on the caller's own scope root.
    const own = await ok<Decomposition>(staffA.cookie, 'GET', '/api/targets/decomposition?year=2033&metric=signed_count');
    expect(own.unit.id).toBe(countyA.id);
    expect(own.children.map((c) => c.target?.value)).toEqual(['4', '2']);
    await refused(staffA.cookie, 'PUT', '/api/targets/decomposition', { year: 2033, unitId: countyA.id, metric: 'signed_count', parent: '3', children: [] }, 403, 'TARGET_OWN_UNIT');
    await refused(staffA.cookie, 'POST', '/api/targets', { year: 2033, unitId: countyA.id, metric: 'signed_count', value: '3' }, 403, 'TARGET_OWN_UNIT');
  });

  it('give people of their unit personal targets, and only them', async () => {
    const mine = await ok<Target>(staffA.cookie, 'POST', '/api/targets', { year: 2033, unitId: countyA.id, userId: staffA.id, metric: 'signed_count', value: '2' });
    expect(mine).toMatchObject({ userId: staffA.id, unitId: countyA.id, value: '2', status: 'draft' });
    await refused(staffA.cookie, 'POST', '/api/targets', { year: 2033, unitId: countyA.id, userId: staffB.id, metric: 'signed_count', value: '2' }, 400, 'TARGET_USER_UNIT', 'userId');
    // A person's target does not count in the unit's decomposition.
    const d = await ok<Decomposition>(staffA.cookie, 'GET', `/api/targets/decomposition?year=2033&unit=${countyA.id}&metric=signed_count`);
    expect(d.parent?.userId).toBeNull();
    expect(d.parent?.value).toBe('6');
  });
});

describe('approval locks a target; the bureau unlocks it with a reason', () => {
  let parent: Target;
  let childA: Target;

  beforeAll(async () => {
    const d = await ok<Decomposition>(bureau.cookie, 'PUT', '/api/targets/decomposition', { year: 2034, unitId: t.rootId, metric: 'signed_amount', parent: '500000', children: [{ unitId: countyA.id, value: '300000' }, { unitId: countyB.id, value: '200000' }] });
    parent = d.parent!;
    childA = d.children.find((c) => c.unitId === countyA.id)!.target!;
  });

  it('only the bureau approves', async () => {
    await refused(staffA.cookie, 'POST', '/api/targets/approve', { ids: [childA.id] }, 403, 'FORBIDDEN');
    const { items } = await ok<{ items: Target[] }>(bureau.cookie, 'POST', '/api/targets/approve', { ids: [parent.id, childA.id], note: '经局务会审定' });
    expect(items.map((x) => x.status)).toEqual(['approved', 'approved']);
    expect(items[0]!.approvedBy?.id).toBe(bureau.id);
    await refused(bureau.cookie, 'POST', '/api/targets/approve', { ids: [childA.id] }, 409, 'TARGET_NOT_DRAFT');
  });

  it('refuses to change an approved target, in every way, and changes nothing else of the request', async () => {
    const body = await refused(bureau.cookie, 'PUT', '/api/targets/decomposition', { year: 2034, unitId: t.rootId, metric: 'signed_amount', children: [{ unitId: countyB.id, value: '150000' }, { unitId: countyA.id, value: '350000' }] }, 409, 'TARGET_APPROVED', 'children.1.value');
    expect(body.error.message).toContain('解锁');
    const en = await call(bureau.cookie, 'POST', '/api/targets', { year: 2034, unitId: countyA.id, metric: 'signed_amount', value: '1' }, 'en');
    expect(en.statusCode).toBe(409);
    expect(en.json().error.message).toMatch(/approved and locked/);
    // 乙县's draft change in the refused request was rolled back.
    const d = await ok<Decomposition>(bureau.cookie, 'GET', `/api/targets/decomposition?year=2034&unit=${t.rootId}&metric=signed_amount`);
    expect(d.children.find((c) => c.unitId === countyB.id)?.target?.value).toBe('200000');
    // Saving the screen again with the approved values unchanged is fine.
    await ok(bureau.cookie, 'PUT', '/api/targets/decomposition', { year: 2034, unitId: t.rootId, metric: 'signed_amount', parent: '500000', children: [{ unitId: countyA.id, value: '300000.0' }, { unitId: countyB.id, value: '180000' }] });
  });

  it('unlock needs a reason and the bureau; then the target can change and be approved again', async () => {
    await refused(staffA.cookie, 'POST', `/api/targets/${childA.id}/unlock`, { reason: '调整' }, 403, 'FORBIDDEN');
    await refused(bureau.cookie, 'POST', `/api/targets/${childA.id}/unlock`, {}, 400, 'VALIDATION', 'reason');
    const unlocked = await ok<Target>(bureau.cookie, 'POST', `/api/targets/${childA.id}/unlock`, { reason: '年中调整：甲县新增重大项目' });
    expect(unlocked).toMatchObject({ status: 'draft', approvedBy: null, version: 2 });
    await refused(bureau.cookie, 'POST', `/api/targets/${childA.id}/unlock`, { reason: '再次解锁' }, 409, 'TARGET_NOT_APPROVED');
    const changed = await ok<Target>(bureau.cookie, 'POST', '/api/targets', { year: 2034, unitId: countyA.id, metric: 'signed_amount', value: '320000' });
    expect(changed).toMatchObject({ id: childA.id, value: '320000', version: 3 });
    await ok(bureau.cookie, 'POST', '/api/targets/approve', { ids: [childA.id] });
  });

  it('keeps the whole history in the audit log', async () => {
    const { items } = await ok<{ items: { action: string; before: { value?: string } | null; after: { value?: string; reason?: string; approvalNote?: string } }[] }>(bureau.cookie, 'GET', `/api/targets/${childA.id}/history`);
    expect(items.map((e) => e.action)).toEqual(['create_target', 'approve_target', 'unlock_target', 'update_target', 'approve_target']);
    expect(items[1]!.after.approvalNote).toBe('经局务会审定');
    expect(items[2]!.after.reason).toBe('年中调整：甲县新增重大项目');
    expect(items[3]!.before?.value).toBe('300000.0000');
    expect(items[3]!.after.value).toBe('320000.0000');
    // The same entries through the audit log itself, under the target's unit.
    const log = await ok<{ items: { action: string; unitId: number }[] }>(t.adminCookie, 'GET', `/api/audit-log?entity=target&entityId=${childA.id}`);
    expect(log.items).toHaveLength(5);
    expect(log.items.every((e) => e.unitId === countyA.id)).toBe(true);
  });
});

describe('scope', () => {
  let targetA: Target;
  beforeAll(async () => {
    targetA = await ok<Target>(bureau.cookie, 'POST', '/api/targets', { year: 2035, unitId: countyA.id, metric: 'started_count', value: '3' });
    await ok(bureau.cookie, 'POST', '/api/targets', { year: 2035, unitId: countyB.id, metric: 'started_count', value: '2' });
    await ok(bureau.cookie, 'POST', '/api/targets', { year: 2035, unitId: townA1.id, metric: 'started_count', value: '1' });
  });

  it('lists only the targets of the caller’s subtree, paginated', async () => {
    const all = await ok<{ items: Target[]; total: number }>(viewer.cookie, 'GET', '/api/targets?year=2035');
    expect(all.total).toBe(3);
    const a = await ok<{ items: Target[]; total: number }>(staffA.cookie, 'GET', '/api/targets?year=2035');
    expect(a.items.map((x) => x.unitId)).toEqual([countyA.id, townA1.id]);
    const page = await ok<{ items: Target[]; total: number; pageSize: number }>(viewer.cookie, 'GET', '/api/targets?year=2035&pageSize=1&page=2');
    expect(page).toMatchObject({ total: 3, pageSize: 1 });
    expect(page.items).toHaveLength(1);
    const own = await ok<{ items: Target[] }>(viewer.cookie, 'GET', `/api/targets?year=2035&unit=${countyA.id}&subtree=false`);
    expect(own.items.map((x) => x.unitId)).toEqual([countyA.id]);
  });

  it('answers 404 for a target, a unit or a decomposition outside scope', async () => {
    await refused(staffB.cookie, 'GET', `/api/targets/${targetA.id}`, undefined, 404, 'NOT_FOUND');
    await refused(staffB.cookie, 'GET', `/api/targets/${targetA.id}/history`, undefined, 404, 'NOT_FOUND');
    await refused(staffB.cookie, 'GET', `/api/targets?year=2035&unit=${countyA.id}`, undefined, 404, 'NOT_FOUND');
    await refused(staffB.cookie, 'GET', `/api/targets/decomposition?year=2035&unit=${countyA.id}&metric=started_count`, undefined, 404, 'NOT_FOUND');
    await refused(staffB.cookie, 'GET', `/api/targets/progress?year=2035&unit=${countyA.id}`, undefined, 404, 'NOT_FOUND');
    await refused(staffB.cookie, 'POST', '/api/targets', { year: 2035, unitId: townA1.id, metric: 'started_count', value: '5' }, 404, 'NOT_FOUND');
    expect((await ok<Target>(staffA.cookie, 'GET', `/api/targets/${targetA.id}`)).value).toBe('3');
  });
});

describe('progress against the KPI engine', () => {
  beforeAll(async () => {
    // 2025, verified dates: 甲县 signs P1 (12000) in March and P2 (35000, in its town) in May; P3 in
    // August is after the as-of day. 乙县 signs P4 (8000) in February.
    const p1 = await insertProject({ name: '食品加工项目', unitId: countyA.id, stage: 'signed', signed: '2025-03-10', contracted: '12000' });
    await insertProject({ name: '物流园项目', unitId: townA1.id, stage: 'signed', signed: '2025-05-20', contracted: '35000' });
    await insertProject({ name: '下半年签约项目', unitId: countyA.id, stage: 'signed', signed: '2025-08-01', contracted: '9000' });
    await insertProject({ name: '纺织项目', unitId: countyB.id, stage: 'signed', signed: '2025-02-01', contracted: '8000' });
    await insertTranche(p1, countyA.id, { date: '2025-04-01', amount: '3000', source: 'out_of_province', status: 'verified' });
    await insertTranche(p1, countyA.id, { date: '2025-04-02', amount: '999', source: 'out_of_province', status: 'pending' });

    await ok(bureau.cookie, 'PUT', '/api/targets/decomposition', { year: 2025, unitId: t.rootId, metric: 'signed_count', parent: '10', children: [{ unitId: countyA.id, value: '6' }, { unitId: countyB.id, value: '4' }] });
    await ok(bureau.cookie, 'PUT', '/api/targets/decomposition', { year: 2025, unitId: t.rootId, metric: 'signed_amount', children: [{ unitId: countyA.id, value: '40000' }] });
    await ok(bureau.cookie, 'PUT', '/api/targets/decomposition', { year: 2025, unitId: t.rootId, metric: 'funds_out_of_province', children: [{ unitId: countyA.id, value: '5000' }] });
    await ok(bureau.cookie, 'PUT', '/api/targets/decomposition', { year: 2025, unitId: t.rootId, metric: 'signed_tier:30000', children: [{ unitId: countyA.id, value: '1' }] });
    // Below 甲县: not a row of the city's progress (only the unit and its direct children are).
    await ok(bureau.cookie, 'POST', '/api/targets', { year: 2025, unitId: townA1.id, metric: 'signed_count', value: '2' });
    await ok(bureau.cookie, 'POST', '/api/targets', { year: 2025, unitId: t.rootId, userId: bureau.id, metric: 'signed_count', value: '3' });
  });

  const rowOf = (p: TargetProgress, unitId: number, metric: string, userId: number | null = null) =>
    p.rows.find((r) => r.target.unitId === unitId && r.target.metric === metric && r.target.userId === userId);

  it('computes actual, 完成率, 时序进度 and 超/欠 as of 30 June', async () => {
    const p = await ok<TargetProgress>(viewer.cookie, 'GET', `/api/targets/progress?year=2025&unit=${t.rootId}&asOf=2025-06-30`);
    // 1 Jan – 30 Jun = 181 days of 365 → 0.4959.
    expect(p).toMatchObject({ year: 2025, from: '2025-01-01', asOf: '2025-06-30', timeProgress: '0.4959' });
    // The city: P1, P2, P4 = 3 of 10 → 0.3000; 0.3000 − 0.4959 = −0.1959 (behind).
    expect(rowOf(p, t.rootId, 'signed_count')).toMatchObject({ actual: '3', completionRate: '0.3000', timeProgress: '0.4959', scheduleGap: '-0.1959' });
    // 甲县 (with its town): P1, P2 = 2 of 6 → 0.3333; −0.1626.
    expect(rowOf(p, countyA.id, 'signed_count')).toMatchObject({ actual: '2', completionRate: '0.3333', scheduleGap: '-0.1626' });
    // 乙县: P4 = 1 of 4 → 0.2500; −0.2459.
    expect(rowOf(p, countyB.id, 'signed_count')).toMatchObject({ actual: '1', completionRate: '0.2500', scheduleGap: '-0.2459' });
    // 甲县 amount: 12000 + 35000 = 47000 of 40000 → 1.1750; +0.6791 (ahead).
    expect(rowOf(p, countyA.id, 'signed_amount')).toMatchObject({ actual: '47000.0000', completionRate: '1.1750', scheduleGap: '0.6791' });
    // Verified 省外 money only (the pending 999 does not count): 3000 of 5000 → 0.6000; +0.1041.
    expect(rowOf(p, countyA.id, 'funds_out_of_province')).toMatchObject({ actual: '3000.0000', completionRate: '0.6000', scheduleGap: '0.1041' });
    // ≥3亿: P2 → 1 of 1.
    expect(rowOf(p, countyA.id, 'signed_tier:30000')).toMatchObject({ actual: '1', completionRate: '1.0000', scheduleGap: '0.5041' });
    // A person's target has no actual (the engine counts units).
    expect(rowOf(p, t.rootId, 'signed_count', bureau.id)).toMatchObject({ actual: null, completionRate: null, scheduleGap: null });
    expect(rowOf(p, townA1.id, 'signed_count')).toBeUndefined();
    // Parent first.
    expect(p.rows[0]!.target.unitId).toBe(t.rootId);
  });

  it('counts the whole year once it is over, and filters by metric', async () => {
    const p = await ok<TargetProgress>(viewer.cookie, 'GET', `/api/targets/progress?year=2025&unit=${t.rootId}&metric=signed_count`);
    expect(p).toMatchObject({ asOf: '2025-12-31', timeProgress: '1.0000' });
    expect(p.rows.every((r) => r.target.metric === 'signed_count')).toBe(true);
    // P3 (August) now counts: 甲县 3 of 6.
    expect(rowOf(p, countyA.id, 'signed_count')).toMatchObject({ actual: '3', completionRate: '0.5000', scheduleGap: '-0.5000' });
  });

  it('unit staff measure their own unit and its towns', async () => {
    const p = await ok<TargetProgress>(staffA.cookie, 'GET', '/api/targets/progress?year=2025&asOf=2025-06-30');
    expect(p.unit.id).toBe(countyA.id);
    // The town's target (P2 = 1 of 2) is now a child row.
    expect(rowOf(p, townA1.id, 'signed_count')).toMatchObject({ actual: '1', completionRate: '0.5000' });
  });

  it('measures against the statistical year of the settings', async () => {
    await ok(t.adminCookie, 'PUT', '/api/settings', { fiscalYearStartMonth: 7 });
    try {
      await ok(bureau.cookie, 'POST', '/api/targets', { year: 2024, unitId: countyA.id, metric: 'signed_count', value: '4' });
      const p = await ok<TargetProgress>(bureau.cookie, 'GET', `/api/targets/progress?year=2024&unit=${t.rootId}&asOf=2025-03-31`);
      // Statistical year 2024 = 1 Jul 2024 – 30 Jun 2025; to 31 Mar: 274 of 365 days → 0.7507.
      expect(p).toMatchObject({ from: '2024-07-01', asOf: '2025-03-31', timeProgress: '0.7507' });
      // 甲县 signed P1 (10 Mar 2025) in that span: 1 of 4 → 0.2500; −0.5007.
      expect(rowOf(p, countyA.id, 'signed_count')).toMatchObject({ actual: '1', completionRate: '0.2500', scheduleGap: '-0.5007' });
    } finally {
      await ok(t.adminCookie, 'PUT', '/api/settings', { fiscalYearStartMonth: 1 });
    }
  });

  it('before the year starts: nothing done, no time elapsed', async () => {
    await ok(bureau.cookie, 'POST', '/api/targets', { year: 2099, unitId: countyA.id, metric: 'signed_count', value: '4' });
    const p = await ok<TargetProgress>(bureau.cookie, 'GET', `/api/targets/progress?year=2099&unit=${t.rootId}`);
    expect(p).toMatchObject({ from: '2099-01-01', asOf: '2099-01-01', timeProgress: '0.0000' });
    expect(rowOf(p, countyA.id, 'signed_count')).toMatchObject({ actual: '0', completionRate: '0.0000', scheduleGap: '0.0000' });
  });
});

describe('metrics', () => {
  it('lists the flow figures and the configured tiers', async () => {
    const { metrics } = await ok<{ metrics: { name: string; isCount: boolean }[] }>(viewer.cookie, 'GET', '/api/targets/metrics');
    expect(metrics).toContainEqual({ name: 'signed_count', isCount: true });
    expect(metrics).toContainEqual({ name: 'funds_out_of_city', isCount: false });
    expect(metrics).toContainEqual({ name: 'signed_tier:10000', isCount: true });
    expect(metrics.some((m) => m.name === 'stalled_count')).toBe(false);
  });
});
