import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_NODES } from '../../../shared/project.js';
import { createTestContext, type TestContext } from '../../test/context.js';
import { addDays, buildWorld, newProject, signProject, today, type World } from '../followups/work.fixtures.js';

let t: TestContext;
let w: World;

beforeAll(async () => {
  t = await createTestContext();
  w = await buildWorld(t);
});
afterAll(() => t.close());

const get = (cookie: string, projectId: number) => t.request(cookie, { method: 'GET', url: `/api/projects/${projectId}/nodes` });
/** Save a plan from its current revision (as the editor does right after loading it). */
const put = async (cookie: string, projectId: number, nodes: unknown[], revision?: string) => {
  const current = await get(cookie, projectId);
  const base = revision ?? (current.statusCode === 200 ? (current.json().revision as string) : 'unknown');
  return t.request(cookie, { method: 'PUT', url: `/api/projects/${projectId}/nodes`, payload: { nodes, revision: base } });
};
const defaults = (cookie: string, projectId: number) => t.request(cookie, { method: 'POST', url: `/api/projects/${projectId}/nodes/default` });

async function signedProject() {
  const p = await newProject(t, w.staff.cookie, w.county.id);
  await signProject(t, w, p.id);
  return p;
}

describe('node plans', () => {
  it('needs a signed project', async () => {
    const p = await newProject(t, w.staff.cookie, w.county.id);
    const res = await put(w.staff.cookie, p.id, [{ name: '注册' }]);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('NODES_NOT_SIGNED');
    expect((await defaults(w.staff.cookie, p.id)).json().error.code).toBe('NODES_NOT_SIGNED');
    // A pending (unverified) signing does not count either.
    await t.request(w.staff.cookie, { method: 'POST', url: `/api/projects/${p.id}/transitions`, payload: { to: 'signed', date: '2026-01-10' } });
    expect((await put(w.staff.cookie, p.id, [{ name: '注册' }])).json().error.code).toBe('NODES_NOT_SIGNED');
  });

  it('creates the eight default nodes once', async () => {
    const p = await signedProject();
    const res = await defaults(w.staff.cookie, p.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.map((n: { name: string }) => n.name)).toEqual([...DEFAULT_NODES]);
    expect(res.json().items.every((n: { isOverdue: boolean }) => !n.isOverdue)).toBe(true);
    const again = await defaults(w.staff.cookie, p.id);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('NODES_EXIST');
  });

  it('refuses a save made from a plan someone else has changed since (409), keeping their change', async () => {
    const p = await signedProject();
    const loaded = (await defaults(w.staff.cookie, p.id)).json() as { items: { id: number; name: string }[]; revision: string };
    expect(loaded.revision).toMatch(/^[0-9a-f]{20}$/);
    expect((await get(w.staff.cookie, p.id)).json().revision).toBe(loaded.revision);
    const first = await put(w.staff.cookie, p.id, loaded.items.map((n) => ({ id: n.id, name: n.name, responsible: '张科长' })), loaded.revision);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().revision).not.toBe(loaded.revision);
    // A second editor who loaded the same plan saves later: refused, nothing of theirs written.
    const second = await put(w.bureau.cookie, p.id, [{ name: '注册' }], loaded.revision);
    expect(second.statusCode).toBe(409);
    expect(second.json().error).toMatchObject({ code: 'VERSION_CONFLICT', details: [{ field: 'revision' }] });
    const now = (await get(w.staff.cookie, p.id)).json();
    expect(now.items).toHaveLength(loaded.items.length);
    expect(now.items.every((n: { responsible: string }) => n.responsible === '张科长')).toBe(true);
    expect(now.revision).toBe(first.json().revision);
  });

  it('replaces the ordered list: keeps, updates, reorders, deletes and adds; flags overdue nodes by China date', async () => {
    const p = await signedProject();
    const created = (await defaults(w.staff.cookie, p.id)).json().items as { id: number; name: string }[];
    const [reg, land] = created;
    const res = await put(w.staff.cookie, p.id, [
      { id: land!.id, name: '供地/摘牌', plannedDate: addDays(today(), -3), responsible: '自然资源局 王科长' },
      { id: reg!.id, name: '注册', plannedDate: addDays(today(), -10), actualDate: addDays(today(), -12) },
      { name: '环评批复', plannedDate: today() },
      { name: '开工', plannedDate: addDays(today(), 30), note: '力争提前' },
    ]);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items;
    expect(items.map((n: { name: string }) => n.name)).toEqual(['供地/摘牌', '注册', '环评批复', '开工']);
    expect(items[0]).toMatchObject({ id: land!.id, isOverdue: true, daysOverdue: 3, responsible: '自然资源局 王科长', sortOrder: 0 });
    expect(items[1]).toMatchObject({ id: reg!.id, isOverdue: false, daysOverdue: null, actualDate: addDays(today(), -12) });
    expect(items[2]).toMatchObject({ isOverdue: false }); // due today is not late yet
    expect(items[3]).toMatchObject({ isOverdue: false, note: '力争提前' });
    expect((await get(w.staff.cookie, p.id)).json().items).toHaveLength(4);

    // The dashboard list shows the overdue node to the county, not to another county.
    const overdue = (await t.request(w.staff.cookie, { method: 'GET', url: `/api/nodes/overdue?unitId=${w.county.id}&pageSize=200` })).json();
    expect(overdue.items.find((n: { id: number }) => n.id === land!.id)).toMatchObject({ projectId: p.id, unitName: expect.any(String), daysOverdue: 3 });
    const other = (await t.request(w.otherStaff.cookie, { method: 'GET', url: '/api/nodes/overdue?pageSize=200' })).json();
    expect(other.items.some((n: { projectId: number }) => n.projectId === p.id)).toBe(false);

    // Marking it done clears the flag; an empty list deletes the plan.
    const done = await put(w.staff.cookie, p.id, [{ id: land!.id, name: '供地/摘牌', plannedDate: addDays(today(), -3), actualDate: today() }]);
    expect(done.json().items).toEqual([expect.objectContaining({ id: land!.id, isOverdue: false })]);
    expect((await put(w.staff.cookie, p.id, [])).json().items).toEqual([]);
    const audit = (await t.request(t.adminCookie, { method: 'GET', url: `/api/audit-log?entity=project_nodes&entityId=${p.id}` })).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual(['replace', 'replace', 'replace', 'create_default']);
  });

  it('refuses bad lists without changing anything', async () => {
    const p = await signedProject();
    const q = await signedProject();
    const mine = (await defaults(w.staff.cookie, p.id)).json().items as { id: number }[];
    const theirs = (await defaults(w.staff.cookie, q.id)).json().items as { id: number }[];
    const foreign = await put(w.staff.cookie, p.id, [{ id: theirs[0]!.id, name: '注册' }]);
    expect(foreign.json().error).toMatchObject({ code: 'NODE_UNKNOWN', details: [{ field: 'nodes.0.id' }] });
    const future = await put(w.staff.cookie, p.id, [{ id: mine[0]!.id, name: '注册', actualDate: addDays(today(), 1) }]);
    expect(future.json().error).toMatchObject({ code: 'FUTURE_DATE', details: [{ field: 'nodes.0.actualDate' }] });
    const dup = await put(w.staff.cookie, p.id, [{ name: '开工' }, { name: '开工' }]);
    expect(dup.json().error).toMatchObject({ code: 'NODE_NAME_DUPLICATE', details: [{ field: 'nodes.1.name' }] });
    const tooMany = await put(w.staff.cookie, p.id, Array.from({ length: 31 }, (_, i) => ({ name: `节点${i}` })));
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.details[0].field).toBe('nodes');
    const badDate = await put(w.staff.cookie, p.id, [{ name: '开工', plannedDate: '2026-02-30' }]);
    expect(badDate.json().error.details[0].field).toBe('nodes.0.plannedDate');
    const still = (await get(w.staff.cookie, p.id)).json().items;
    expect(still.map((n: { id: number }) => n.id)).toEqual(mine.map((n) => n.id));
    expect((await put(w.staff.cookie, p.id, Array.from({ length: 30 }, (_, i) => ({ name: `节点${i}` })))).statusCode).toBe(200);
  });

  it('is invisible outside scope and to departments', async () => {
    const p = await signedProject();
    await defaults(w.staff.cookie, p.id);
    expect((await get(w.otherStaff.cookie, p.id)).statusCode).toBe(404);
    expect((await put(w.otherStaff.cookie, p.id, [])).statusCode).toBe(404);
    await t.request(w.staff.cookie, {
      method: 'POST',
      url: `/api/projects/${p.id}/issues`,
      payload: { type: 'approval', title: '施工许可办理', departmentUnitId: w.dept.id, deadline: today() },
    });
    expect((await get(w.deptUser.cookie, p.id)).statusCode).toBe(404);
    expect((await put(w.deptUser.cookie, p.id, [])).statusCode).toBe(403);
    expect((await t.request(w.deptUser.cookie, { method: 'GET', url: '/api/nodes/overdue' })).json().total).toBe(0);
    expect((await get(w.bureau.cookie, p.id)).json().items).toHaveLength(8);
  });
});
