import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/context.js';
import { addDays, buildWorld, exec, newProject, today, type World } from './work.fixtures.js';

let t: TestContext;
let w: World;

beforeAll(async () => {
  t = await createTestContext();
  w = await buildWorld(t);
});
afterAll(() => t.close());

const getProject = async (cookie: string, id: number) => (await t.request(cookie, { method: 'GET', url: `/api/projects/${id}` })).json();
const addFollowUp = (cookie: string, projectId: number, body: Record<string, unknown>) =>
  t.request(cookie, { method: 'POST', url: `/api/projects/${projectId}/follow-ups`, payload: { kind: 'visit', content: '赴深圳拜访企业总部，洽谈扩产意向', ...body } });

describe('stalled flag (停滞预警)', () => {
  it('flips off when a follow-up is recorded, and back on when the only one is deleted', async () => {
    const p = await newProject(t, w.staff.cookie, w.county.id);
    // A project registered 45 days ago with no follow-up since (the default threshold is 30 days).
    await exec(t, sql`update projects set created_at = now() - interval '45 days' where id = ${p.id}`);
    expect((await getProject(w.staff.cookie, p.id)).isStalled).toBe(true);
    const listed = await t.request(w.staff.cookie, { method: 'GET', url: '/api/projects?stalled=true&pageSize=200' });
    expect(listed.json().items.map((x: { id: number }) => x.id)).toContain(p.id);

    // An old follow-up (40 days ago) does not lift the flag…
    const old = await addFollowUp(w.staff.cookie, p.id, { date: addDays(today(), -40) });
    expect(old.statusCode, old.body).toBe(200);
    expect(await getProject(w.staff.cookie, p.id)).toMatchObject({ isStalled: true, lastFollowUpDate: addDays(today(), -40) });

    // …a recent one does, and brings its next step onto the project.
    const fresh = await addFollowUp(w.staff.cookie, p.id, { date: today(), kind: 'call', nextStep: '安排实地考察', nextStepDue: addDays(today(), 7) });
    expect(fresh.statusCode, fresh.body).toBe(200);
    expect(await getProject(w.staff.cookie, p.id)).toMatchObject({ isStalled: false, lastFollowUpDate: today(), nextStep: '安排实地考察', nextStepDue: addDays(today(), 7) });

    // Deleting the recent one brings the flag back (last follow-up is the old one again).
    expect((await t.request(w.staff.cookie, { method: 'DELETE', url: `/api/follow-ups/${fresh.json().id}` })).statusCode).toBe(200);
    expect(await getProject(w.staff.cookie, p.id)).toMatchObject({ isStalled: true, lastFollowUpDate: addDays(today(), -40) });
    // Deleting the last one leaves the project with no follow-up date at all.
    expect((await t.request(w.staff.cookie, { method: 'DELETE', url: `/api/follow-ups/${old.json().id}` })).statusCode).toBe(200);
    expect(await getProject(w.staff.cookie, p.id)).toMatchObject({ isStalled: true, lastFollowUpDate: null });
  });
});

describe('follow-up facts on the project (last follow-up, next step)', () => {
  const del = async (id: number) => expect((await t.request(w.staff.cookie, { method: 'DELETE', url: `/api/follow-ups/${id}` })).statusCode).toBe(200);

  it('fall back to the remaining follow-ups and become null when none remains', async () => {
    const p = await newProject(t, w.staff.cookie, w.county.id);
    const a = await addFollowUp(w.staff.cookie, p.id, { date: addDays(today(), -10), nextStep: '报送用地需求', nextStepDue: addDays(today(), 5) });
    const b = await addFollowUp(w.staff.cookie, p.id, { date: addDays(today(), -2), nextStep: '安排实地考察', nextStepDue: addDays(today(), 7) });
    expect(await getProject(w.staff.cookie, p.id)).toMatchObject({ lastFollowUpDate: addDays(today(), -2), nextStep: '安排实地考察', nextStepDue: addDays(today(), 7) });

    // The latest goes: its next step goes with it, and the earlier one's comes back.
    await del(b.json().id);
    expect(await getProject(w.staff.cookie, p.id)).toMatchObject({ lastFollowUpDate: addDays(today(), -10), nextStep: '报送用地需求', nextStepDue: addDays(today(), 5) });

    // Its author clears the next step: the project's copy is cleared too.
    const edit = await t.request(w.staff.cookie, { method: 'PATCH', url: `/api/follow-ups/${a.json().id}`, payload: { nextStep: null, nextStepDue: null } });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(await getProject(w.staff.cookie, p.id)).toMatchObject({ lastFollowUpDate: addDays(today(), -10), nextStep: null, nextStepDue: null });

    // The last one goes: no follow-up facts remain.
    await t.request(w.staff.cookie, { method: 'PATCH', url: `/api/follow-ups/${a.json().id}`, payload: { nextStep: '再次拜访', nextStepDue: addDays(today(), 3) } });
    expect(await getProject(w.staff.cookie, p.id)).toMatchObject({ nextStep: '再次拜访' });
    await del(a.json().id);
    expect(await getProject(w.staff.cookie, p.id)).toMatchObject({ lastFollowUpDate: null, nextStep: null, nextStepDue: null, isStalled: false });
  });

  it('keep a next step set on the project itself when a follow-up without one is deleted', async () => {
    const p = await newProject(t, w.staff.cookie, w.county.id, { nextStep: '等待企业董事会决议', nextStepDue: addDays(today(), 20) });
    const c = await addFollowUp(w.staff.cookie, p.id, { date: today() });
    expect(await getProject(w.staff.cookie, p.id)).toMatchObject({ lastFollowUpDate: today(), nextStep: '等待企业董事会决议' });
    await del(c.json().id);
    expect(await getProject(w.staff.cookie, p.id)).toMatchObject({ lastFollowUpDate: null, nextStep: '等待企业董事会决议', nextStepDue: addDays(today(), 20) });
  });
});

describe('recording follow-ups', () => {
  it('refuses a future date and a next step due before the follow-up, naming the field', async () => {
    const p = await newProject(t, w.staff.cookie, w.county.id);
    const future = await addFollowUp(w.staff.cookie, p.id, { date: addDays(today(), 1) });
    expect(future.statusCode).toBe(400);
    expect(future.json().error).toMatchObject({ code: 'FUTURE_DATE', details: [{ field: 'date' }] });
    const due = await addFollowUp(w.staff.cookie, p.id, { date: today(), nextStep: '签约', nextStepDue: addDays(today(), -1) });
    expect(due.json().error).toMatchObject({ code: 'NEXT_STEP_DUE_BEFORE_DATE', details: [{ field: 'nextStepDue' }] });
    const kind = await addFollowUp(w.staff.cookie, p.id, { date: today(), kind: 'dinner' });
    expect(kind.statusCode).toBe(400);
    expect(kind.json().error.details[0].field).toBe('kind');
    const empty = await addFollowUp(w.staff.cookie, p.id, { date: today(), content: '   ' });
    expect(empty.json().error.details[0].field).toBe('content');
    const list = await t.request(w.staff.cookie, { method: 'GET', url: `/api/projects/${p.id}/follow-ups` });
    expect(list.json().total).toBe(0);
  });

  it('lists a project’s follow-ups newest first, paginated, filed under the project’s unit', async () => {
    const p = await newProject(t, w.staff.cookie, w.county.id);
    for (const d of [-10, -2, -5]) expect((await addFollowUp(w.staff.cookie, p.id, { date: addDays(today(), d) })).statusCode).toBe(200);
    const page1 = (await t.request(w.staff.cookie, { method: 'GET', url: `/api/projects/${p.id}/follow-ups?pageSize=2` })).json();
    expect(page1.total).toBe(3);
    expect(page1.items.map((x: { date: string }) => x.date)).toEqual([addDays(today(), -2), addDays(today(), -5)]);
    expect(page1.items[0]).toMatchObject({ unitId: w.county.id, projectId: p.id, canEdit: true, createdBy: { id: w.staff.id } });
    const page2 = (await t.request(w.staff.cookie, { method: 'GET', url: `/api/projects/${p.id}/follow-ups?pageSize=2&page=2` })).json();
    expect(page2.items.map((x: { date: string }) => x.date)).toEqual([addDays(today(), -10)]);
    // A colleague sees them but cannot edit them.
    const colleague = (await t.request(w.staff2.cookie, { method: 'GET', url: `/api/projects/${p.id}/follow-ups` })).json();
    expect(colleague.items[0].canEdit).toBe(false);
  });

  it('hides follow-ups from other counties and from departments, even one with an issue on the project', async () => {
    const p = await newProject(t, w.staff.cookie, w.county.id);
    await addFollowUp(w.staff.cookie, p.id, { date: today() });
    const issue = await t.request(w.staff.cookie, {
      method: 'POST',
      url: `/api/projects/${p.id}/issues`,
      payload: { type: 'land', title: '用地指标不足', departmentUnitId: w.dept.id, deadline: addDays(today(), 10) },
    });
    expect(issue.statusCode, issue.body).toBe(200);
    // The department sees the project's basic facts…
    expect((await t.request(w.deptUser.cookie, { method: 'GET', url: `/api/projects/${p.id}` })).statusCode).toBe(200);
    // …but not its follow-ups.
    expect((await t.request(w.deptUser.cookie, { method: 'GET', url: `/api/projects/${p.id}/follow-ups` })).statusCode).toBe(404);
    expect((await t.request(w.otherStaff.cookie, { method: 'GET', url: `/api/projects/${p.id}/follow-ups` })).statusCode).toBe(404);
    expect((await addFollowUp(w.otherStaff.cookie, p.id, { date: today() })).statusCode).toBe(404);
    // Department users have no follow-up write permission at all.
    expect((await addFollowUp(w.deptUser.cookie, p.id, { date: today() })).statusCode).toBe(403);
    const feed = (await t.request(w.deptUser.cookie, { method: 'GET', url: '/api/follow-ups' })).json();
    expect(feed.total).toBe(0);
  });
});

describe('editing and deleting (author only, within 7 days)', () => {
  it('lets the author edit and delete within the window; others get 403; the deletion stays in the audit log', async () => {
    const p = await newProject(t, w.staff.cookie, w.county.id);
    const f = (await addFollowUp(w.staff.cookie, p.id, { date: today(), participants: '张局长、李经理' })).json();
    const other = await t.request(w.staff2.cookie, { method: 'PATCH', url: `/api/follow-ups/${f.id}`, payload: { content: '改写' } });
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('FOLLOW_UP_NOT_AUTHOR');
    expect((await t.request(w.otherStaff.cookie, { method: 'PATCH', url: `/api/follow-ups/${f.id}`, payload: { content: '改写' } })).statusCode).toBe(404);
    const edited = await t.request(w.staff.cookie, { method: 'PATCH', url: `/api/follow-ups/${f.id}`, payload: { content: '赴深圳拜访，对方同意下月来考察', kind: 'negotiation' } });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ content: '赴深圳拜访，对方同意下月来考察', kind: 'negotiation', participants: '张局长、李经理' });
    const badDue = await t.request(w.staff.cookie, { method: 'PATCH', url: `/api/follow-ups/${f.id}`, payload: { nextStepDue: addDays(today(), -3) } });
    expect(badDue.json().error.code).toBe('NEXT_STEP_DUE_BEFORE_DATE');
    const emptyPatch = await t.request(w.staff.cookie, { method: 'PATCH', url: `/api/follow-ups/${f.id}`, payload: {} });
    expect(emptyPatch.statusCode).toBe(400);

    expect((await t.request(w.staff2.cookie, { method: 'DELETE', url: `/api/follow-ups/${f.id}` })).statusCode).toBe(403);
    expect((await t.request(w.staff.cookie, { method: 'DELETE', url: `/api/follow-ups/${f.id}` })).statusCode).toBe(200);
    expect((await t.request(w.staff.cookie, { method: 'DELETE', url: `/api/follow-ups/${f.id}` })).statusCode).toBe(404);
    const audit = (await t.request(t.adminCookie, { method: 'GET', url: `/api/audit-log?entity=follow_up&entityId=${f.id}` })).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual(['delete', 'update', 'create']);
    expect(audit.items[0].before).toMatchObject({ id: f.id, content: '赴深圳拜访，对方同意下月来考察', createdBy: w.staff.id });
  });

  it('locks a follow-up 7 days after it was written', async () => {
    const p = await newProject(t, w.staff.cookie, w.county.id);
    const f = (await addFollowUp(w.staff.cookie, p.id, { date: addDays(today(), -8) })).json();
    await exec(t, sql`update follow_ups set created_at = now() - interval '7 days 1 minute' where id = ${f.id}`);
    const edit = await t.request(w.staff.cookie, { method: 'PATCH', url: `/api/follow-ups/${f.id}`, payload: { content: '事后改写' } });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.code).toBe('FOLLOW_UP_LOCKED');
    expect((await t.request(w.staff.cookie, { method: 'DELETE', url: `/api/follow-ups/${f.id}` })).json().error.code).toBe('FOLLOW_UP_LOCKED');
    const listed = (await t.request(w.staff.cookie, { method: 'GET', url: `/api/projects/${p.id}/follow-ups` })).json();
    expect(listed.items[0]).toMatchObject({ id: f.id, canEdit: false, content: '赴深圳拜访企业总部，洽谈扩产意向' });
  });
});

describe('the unit feed (/api/follow-ups)', () => {
  it('shows a unit’s follow-ups in a date range, mine only on request, scoped', async () => {
    const unit = await t.createUnit({ type: 'town', parentId: w.county.id });
    const p = await newProject(t, w.staff.cookie, unit.id);
    await addFollowUp(w.staff.cookie, p.id, { date: addDays(today(), -1), content: '乡镇接待客商' });
    await addFollowUp(w.staff2.cookie, p.id, { date: addDays(today(), -20), content: '电话回访' });
    const week = (await t.request(w.staff.cookie, { method: 'GET', url: `/api/follow-ups?unitId=${unit.id}&from=${addDays(today(), -6)}&to=${today()}` })).json();
    expect(week.items.map((x: { content: string }) => x.content)).toEqual(['乡镇接待客商']);
    const all = (await t.request(w.staff.cookie, { method: 'GET', url: `/api/follow-ups?unitId=${unit.id}` })).json();
    expect(all.total).toBe(2);
    const mine = (await t.request(w.staff2.cookie, { method: 'GET', url: `/api/follow-ups?unitId=${unit.id}&mine=true` })).json();
    expect(mine.items.map((x: { content: string }) => x.content)).toEqual(['电话回访']);
    // The county's bureau-level parent sees it; the other county neither sees it nor may name the unit.
    const bureau = (await t.request(w.bureau.cookie, { method: 'GET', url: `/api/follow-ups?unitId=${unit.id}` })).json();
    expect(bureau.total).toBe(2);
    expect((await t.request(w.otherStaff.cookie, { method: 'GET', url: `/api/follow-ups?unitId=${unit.id}` })).statusCode).toBe(404);
    const otherAll = (await t.request(w.otherStaff.cookie, { method: 'GET', url: `/api/follow-ups?projectId=${p.id}` })).json();
    expect(otherAll.total).toBe(0);
    const badRange = await t.request(w.staff.cookie, { method: 'GET', url: `/api/follow-ups?from=${today()}&to=${addDays(today(), -1)}` });
    expect(badRange.statusCode).toBe(400);
  });
});
