import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/context.js';
import { addDays, buildWorld, exec, newProject, today, type World } from '../followups/work.fixtures.js';

let t: TestContext;
let w: World;

beforeAll(async () => {
  t = await createTestContext();
  w = await buildWorld(t);
});
afterAll(() => t.close());

async function newIssue(projectId: number, body: Record<string, unknown> = {}, cookie = w.staff.cookie) {
  return t.request(cookie, {
    method: 'POST',
    url: `/api/projects/${projectId}/issues`,
    payload: { type: 'land', title: '项目用地指标未落实', description: '需 80 亩工业用地指标', departmentUnitId: w.dept.id, deadline: addDays(today(), 15), ...body },
  });
}
const act = (cookie: string, id: number, action: string, payload: Record<string, unknown> = {}) =>
  t.request(cookie, { method: 'POST', url: `/api/issues/${id}/${action}`, payload });
const ids = (res: { json(): { items: { id: number }[] } }) => res.json().items.map((x) => x.id);

describe('creating issues', () => {
  it('sends an issue to any enabled department of the deployment, with a deadline from today on', async () => {
    const p = await newProject(t, w.staff.cookie, w.county.id);
    const ok = await newIssue(p.id);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'open', departmentUnitId: w.dept.id, projectId: p.id, projectUnitId: w.county.id, isOverdue: false, version: 1, createdBy: { id: w.staff.id } });
    const notDept = await newIssue(p.id, { departmentUnitId: w.otherCounty.id });
    expect(notDept.json().error).toMatchObject({ code: 'DEPARTMENT_UNKNOWN', details: [{ field: 'departmentUnitId' }] });
    const missing = await newIssue(p.id, { departmentUnitId: 2147483000 });
    expect(missing.json().error.code).toBe('DEPARTMENT_UNKNOWN');
    const past = await newIssue(p.id, { deadline: addDays(today(), -1) });
    expect(past.json().error).toMatchObject({ code: 'DEADLINE_PAST', details: [{ field: 'deadline' }] });
    const type = await newIssue(p.id, { type: 'weather' });
    expect(type.json().error.details[0].field).toBe('type');
    expect((await newIssue(p.id, {}, w.otherStaff.cookie)).statusCode).toBe(404);
    expect((await newIssue(p.id, {}, w.deptUser.cookie)).statusCode).toBe(403);
  });

  it('offers county staff every enabled department of the city, outside their own subtree', async () => {
    const res = await t.request(w.staff.cookie, { method: 'GET', url: '/api/issues/departments' });
    expect(res.statusCode, res.body).toBe(200);
    const offered = res.json().items.map((d: { id: number }) => d.id);
    expect(offered).toEqual(expect.arrayContaining([w.dept.id, w.otherDept.id]));
    expect(offered).not.toContain(w.county.id);
    // The org tree itself stays scoped: the county does not see the departments as units.
    expect((await t.request(w.staff.cookie, { method: 'GET', url: '/api/org-units?type=department' })).json().items ?? []).toEqual([]);
    const gone = await t.createUnit({ type: 'department' });
    await t.request(t.adminCookie, { method: 'POST', url: `/api/org-units/${gone.id}/disable`, payload: {} });
    expect((await t.request(w.staff.cookie, { method: 'GET', url: '/api/issues/departments' })).json().items.map((d: { id: number }) => d.id)).not.toContain(gone.id);
  });

  it('refuses a disabled department', async () => {
    const gone = await t.createUnit({ type: 'department' });
    expect((await t.request(t.adminCookie, { method: 'POST', url: `/api/org-units/${gone.id}/disable`, payload: {} })).statusCode).toBe(200);
    const p = await newProject(t, w.staff.cookie, w.county.id);
    expect((await newIssue(p.id, { departmentUnitId: gone.id })).json().error.code).toBe('DEPARTMENT_UNKNOWN');
  });
});

describe('the department’s to-do list', () => {
  it('shows a department only its own issues, and only the basic facts of their projects', async () => {
    const p = await newProject(t, w.staff.cookie, w.county.id);
    const mine = (await newIssue(p.id)).json();
    const theirs = (await newIssue(p.id, { departmentUnitId: w.otherDept.id, type: 'environment', title: '环评批复' })).json();
    const hidden = await newProject(t, w.otherStaff.cookie, w.otherCounty.id);
    const elsewhere = (await newIssue(hidden.id, { departmentUnitId: w.otherDept.id }, w.otherStaff.cookie)).json();

    const todo = await t.request(w.deptUser.cookie, { method: 'GET', url: '/api/issues?status=open,escalated' });
    expect(ids(todo)).toContain(mine.id);
    expect(ids(todo)).not.toContain(theirs.id);
    expect(ids(todo)).not.toContain(elsewhere.id);
    const other = await t.request(w.otherDeptUser.cookie, { method: 'GET', url: '/api/issues' });
    expect(ids(other)).toEqual(expect.arrayContaining([theirs.id, elsewhere.id]));
    expect(ids(other)).not.toContain(mine.id);

    // Through the issue, the project's basic facts — not its follow-ups, nodes, files or other issues.
    await exec(t, sql`update projects set description = '内部洽谈纪要', expected_tax = 1200, expected_output = 50000, expected_jobs = 300, next_step = '再次拜访', land_mu = 80 where id = ${p.id}`);
    const facts = await t.request(w.deptUser.cookie, { method: 'GET', url: `/api/projects/${p.id}` });
    expect(facts.statusCode).toBe(200);
    expect(facts.json()).toMatchObject({ id: p.id, unitId: w.county.id, landMu: '80.00' });
    expect(facts.json()).toMatchObject({ description: null, expectedTax: null, expectedOutput: null, expectedJobs: null, nextStep: null, lastFollowUpDate: null, referralId: null });
    expect((await t.request(w.staff.cookie, { method: 'GET', url: `/api/projects/${p.id}` })).json()).toMatchObject({ description: '内部洽谈纪要', nextStep: '再次拜访' });
    const listed = (await t.request(w.deptUser.cookie, { method: 'GET', url: '/api/projects?pageSize=100' })).json().items.find((x: { id: number }) => x.id === p.id);
    expect(listed).toMatchObject({ id: p.id, nextStep: null, lastFollowUpDate: null });
    expect(ids(await t.request(w.deptUser.cookie, { method: 'GET', url: `/api/projects/${p.id}/issues` }))).toEqual([mine.id]);
    for (const sub of ['follow-ups', 'nodes', 'files', 'transitions']) {
      expect((await t.request(w.deptUser.cookie, { method: 'GET', url: `/api/projects/${p.id}/${sub}` })).statusCode, sub).toBe(404);
    }
    expect((await t.request(w.deptUser.cookie, { method: 'GET', url: `/api/issues/${theirs.id}` })).statusCode).toBe(404);
    expect((await t.request(w.deptUser.cookie, { method: 'GET', url: `/api/projects/${hidden.id}` })).statusCode).toBe(404);
    // A department may not narrow its list to someone else's department.
    expect((await t.request(w.deptUser.cookie, { method: 'GET', url: `/api/issues?departmentUnitId=${w.otherDept.id}` })).statusCode).toBe(404);

    // Staff see their own projects' issues and may filter by department; other counties see nothing.
    const staff = await t.request(w.staff.cookie, { method: 'GET', url: `/api/issues?departmentUnitId=${w.otherDept.id}` });
    expect(ids(staff)).toContain(theirs.id);
    expect(ids(staff)).not.toContain(elsewhere.id);
    expect(ids(await t.request(w.otherStaff.cookie, { method: 'GET', url: '/api/issues?pageSize=200' }))).not.toContain(mine.id);
  });

  it('flags issues past their deadline while open or escalated', async () => {
    const p = await newProject(t, w.staff.cookie, w.county.id);
    const late = (await newIssue(p.id, { title: '供电线路迁改' })).json();
    const onTime = (await newIssue(p.id, { title: '供水接入' })).json();
    await exec(t, sql`update coordination_issues set deadline = ${addDays(today(), -2)} where id = ${late.id}`);
    const overdue = await t.request(w.deptUser.cookie, { method: 'GET', url: '/api/issues?overdue=true&pageSize=200' });
    expect(ids(overdue)).toContain(late.id);
    expect(ids(overdue)).not.toContain(onTime.id);
    expect((await t.request(w.deptUser.cookie, { method: 'GET', url: `/api/issues/${late.id}` })).json().isOverdue).toBe(true);
    // Answered, it is no longer the department's overdue item.
    await act(w.deptUser.cookie, late.id, 'answer', { answer: '已协调供电公司，下周迁改', version: late.version });
    expect(ids(await t.request(w.deptUser.cookie, { method: 'GET', url: '/api/issues?overdue=true&pageSize=200' }))).not.toContain(late.id);
  });
});

describe('answering and the status moves', () => {
  it('runs open → answered → closed → open → escalated → answered, refusing invalid moves with 409', async () => {
    const p = await newProject(t, w.staff.cookie, w.county.id);
    const i = (await newIssue(p.id)).json();

    // Only the assigned department (or bureau) answers; unit staff lack the permission.
    expect((await act(w.staff.cookie, i.id, 'answer', { answer: 'x', version: 1 })).statusCode).toBe(403);
    expect((await act(w.otherDeptUser.cookie, i.id, 'answer', { answer: 'x', version: 1 })).statusCode).toBe(404);
    const empty = await act(w.deptUser.cookie, i.id, 'answer', { answer: '  ', version: 1 });
    expect(empty.json().error.details[0].field).toBe('answer');
    const answered = await act(w.deptUser.cookie, i.id, 'answer', { answer: '已纳入下批次用地计划，预计 6 月前报批', version: 1 });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({ status: 'answered', version: 2, answeredBy: { id: w.deptUser.id }, answer: '已纳入下批次用地计划，预计 6 月前报批' });
    // A second answer on the version read before is a conflict, not a silent overwrite.
    const stale = await act(w.bureau.cookie, i.id, 'answer', { answer: '另一答复', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    const twice = await act(w.deptUser.cookie, i.id, 'answer', { answer: '再答复', version: 2 });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error).toMatchObject({ code: 'ISSUE_STATUS', details: { action: 'answer', status: 'answered' } });

    // The project's side closes; a department cannot.
    expect((await act(w.deptUser.cookie, i.id, 'close')).statusCode).toBe(403);
    expect((await act(w.otherStaff.cookie, i.id, 'close')).statusCode).toBe(404);
    const closed = await act(w.staff.cookie, i.id, 'close', { note: '用地已落实' });
    expect(closed.json()).toMatchObject({ status: 'closed', version: 3 });
    expect(closed.json().closedAt).not.toBeNull();
    expect((await act(w.staff.cookie, i.id, 'escalate', { reason: 'x' })).json().error.code).toBe('ISSUE_STATUS');
    expect((await act(w.staff.cookie, i.id, 'close')).statusCode).toBe(409);

    expect((await act(w.staff.cookie, i.id, 'reopen', {})).statusCode).toBe(400);
    const reopened = await act(w.staff.cookie, i.id, 'reopen', { reason: '指标被调整，问题再次出现' });
    expect(reopened.json()).toMatchObject({ status: 'open', closedAt: null });
    expect((await act(w.staff.cookie, i.id, 'reopen', { reason: 'x' })).json().error.code).toBe('ISSUE_STATUS');
    const escalated = await act(w.staff.cookie, i.id, 'escalate', { reason: '部门逾期未落实，提请分管副市长协调' });
    expect(escalated.json()).toMatchObject({ status: 'escalated', escalationReason: '部门逾期未落实，提请分管副市长协调' });
    expect(escalated.json().escalatedAt).not.toBeNull();
    const after = await act(w.deptUser.cookie, i.id, 'answer', { answer: '经市长办公会研究，调剂指标 80 亩', version: escalated.json().version });
    expect(after.json()).toMatchObject({ status: 'answered' });

    const audit = (await t.request(t.adminCookie, { method: 'GET', url: `/api/audit-log?entity=issue&entityId=${i.id}` })).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual(['answer', 'escalate', 'reopen', 'close', 'answer', 'create']);
    expect(audit.items[2].after).toMatchObject({ status: 'open', reopenReason: '指标被调整，问题再次出现' });
    expect(audit.items[5].after).toMatchObject({ status: 'open' });
  });

  it('lets bureau staff answer for a project in their scope', async () => {
    const p = await newProject(t, w.staff.cookie, w.county.id);
    const i = (await newIssue(p.id)).json();
    const res = await act(w.bureau.cookie, i.id, 'answer', { answer: '招商局已与自然资源局对接', version: i.version });
    expect(res.json()).toMatchObject({ status: 'answered', answeredBy: { id: w.bureau.id } });
  });
});
