import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/context.js';

let t: TestContext;
let county: { id: number };
let otherCounty: { id: number };
let staff: { id: number; cookie: string };
let otherStaff: { cookie: string };
let bureau: { id: number; cookie: string };
let bureau2: { cookie: string };

beforeAll(async () => {
  t = await createTestContext();
  county = await t.createUnit({ type: 'county', name: '固始县' });
  otherCounty = await t.createUnit({ type: 'county', name: '息县' });
  staff = await t.createUser({ role: 'unit_staff', unitId: county.id });
  otherStaff = await t.createUser({ role: 'unit_staff', unitId: otherCounty.id });
  bureau = await t.createUser({ role: 'bureau' });
  bureau2 = await t.createUser({ role: 'bureau' });
});
afterAll(() => t.close());

async function newProject(cookie: string, body: Record<string, unknown> = {}) {
  const res = await t.request(cookie, {
    method: 'POST',
    url: '/api/projects',
    payload: { name: '信阳食品厂扩建项目', unitId: county.id, contractedInvestment: '12000', industryCode: '1391', ...body },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { id: number; version: number; stage: string };
}

describe('projects', () => {
  it('creates a lead with exact money and lists it for its own unit only', async () => {
    const p = await newProject(staff.cookie, { plannedInvestment: 15000.5 });
    expect(p).toMatchObject({ stage: 'lead', contractedInvestment: '12000.0000', plannedInvestment: '15000.5000', unitName: '固始县' });
    const mine = await t.request(staff.cookie, { method: 'GET', url: '/api/projects?q=食品' });
    expect(mine.json().items.map((x: { id: number }) => x.id)).toContain(p.id);
    const other = await t.request(otherStaff.cookie, { method: 'GET', url: '/api/projects?q=食品' });
    expect(other.json().total).toBe(0);
    expect((await t.request(otherStaff.cookie, { method: 'GET', url: `/api/projects/${p.id}` })).statusCode).toBe(404);
    const pinyin = await t.request(staff.cookie, { method: 'GET', url: '/api/projects?q=xysp' });
    expect(pinyin.json().items.map((x: { id: number }) => x.id)).toContain(p.id);
  });

  it('refuses absurd money and unknown industries, naming the field', async () => {
    const neg = await t.request(staff.cookie, { method: 'POST', url: '/api/projects', payload: { name: 'x', unitId: county.id, contractedInvestment: '-5' } });
    expect(neg.statusCode).toBe(400);
    expect(neg.json().error.details[0].field).toBe('contractedInvestment');
    const ind = await t.request(staff.cookie, { method: 'POST', url: '/api/projects', payload: { name: 'x', unitId: county.id, industryCode: '9999' } });
    expect(ind.json().error).toMatchObject({ code: 'INDUSTRY_UNKNOWN', details: [{ field: 'industryCode' }] });
  });

  it('filters by a configured size tier and refuses a number that is not one', async () => {
    const big = await newProject(staff.cookie, { name: '亿元档项目', contractedInvestment: '10000' });
    const small = await newProject(staff.cookie, { name: '千万档项目', contractedInvestment: '9999.99' });
    const res = await t.request(staff.cookie, { method: 'GET', url: '/api/projects?tier=10000&pageSize=100' });
    const ids = res.json().items.map((x: { id: number }) => x.id);
    expect(ids).toContain(big.id);
    expect(ids).not.toContain(small.id);
    const typo = await t.request(staff.cookie, { method: 'GET', url: '/api/projects?tier=7' });
    expect(typo.statusCode).toBe(400);
    expect(typo.json().error).toMatchObject({ code: 'PROJECT_TIER_UNKNOWN', details: [{ field: 'tier' }] });
  });

  it('shows a project’s audit trail to the staff who see the project, not to others', async () => {
    const p = await newProject(staff.cookie, { name: '审计轨迹项目' });
    const edited = await t.request(staff.cookie, { method: 'PATCH', url: `/api/projects/${p.id}`, payload: { version: p.version, carrier: '标准厂房' } });
    expect(edited.statusCode).toBe(200);
    // County staff have no audit-log viewer, but their project's own trail is theirs to read.
    expect((await t.request(staff.cookie, { method: 'GET', url: `/api/audit-log?entity=project&entityId=${p.id}` })).statusCode).toBe(403);
    const trail = await t.request(staff.cookie, { method: 'GET', url: `/api/projects/${p.id}/audit-log?pageSize=10` });
    expect(trail.statusCode, trail.body).toBe(200);
    expect(trail.json().items.map((e: { action: string }) => e.action)).toEqual(['update', 'create']);
    expect(trail.json().items[0]).toMatchObject({ entity: 'project', entityId: String(p.id), after: { carrier: '标准厂房' } });
    expect((await t.request(otherStaff.cookie, { method: 'GET', url: `/api/projects/${p.id}/audit-log` })).statusCode).toBe(404);
    expect((await t.request(bureau.cookie, { method: 'GET', url: `/api/projects/${p.id}/audit-log` })).json().total).toBe(2);
  });

  it('refuses the second of two concurrent edits with 409', async () => {
    const p = await newProject(staff.cookie);
    const a = await t.request(staff.cookie, { method: 'PATCH', url: `/api/projects/${p.id}`, payload: { version: p.version, carrier: '产业集聚区标准厂房' } });
    expect(a.statusCode).toBe(200);
    const b = await t.request(staff.cookie, { method: 'PATCH', url: `/api/projects/${p.id}`, payload: { version: p.version, carrier: '别的' } });
    expect(b.statusCode).toBe(409);
    expect(b.json().error.code).toBe('VERSION_CONFLICT');
  });
});

describe('lifecycle', () => {
  it('counts a stage only after a bureau reviewer verifies it; the requester cannot verify', async () => {
    const p = await newProject(staff.cookie);
    const req = await t.request(staff.cookie, { method: 'POST', url: `/api/projects/${p.id}/transitions`, payload: { to: 'signed', date: '2026-03-05' } });
    expect(req.statusCode, req.body).toBe(200);
    const tid = req.json().id;
    expect((await t.request(staff.cookie, { method: 'GET', url: `/api/projects/${p.id}` })).json()).toMatchObject({ stage: 'lead', signedDate: null, pendingTransitions: 1 });
    // A second request while one is pending is refused.
    const again = await t.request(staff.cookie, { method: 'POST', url: `/api/projects/${p.id}/transitions`, payload: { to: 'started', date: '2026-03-05' } });
    expect(again.json().error.code).toBe('TRANSITION_PENDING');
    // Unit staff lack the review permission.
    expect((await t.request(staff.cookie, { method: 'POST', url: `/api/projects/${p.id}/transitions/${tid}/verify`, payload: {} })).statusCode).toBe(403);
    const ok = await t.request(bureau.cookie, { method: 'POST', url: `/api/projects/${p.id}/transitions/${tid}/verify`, payload: { note: '合同已核' } });
    expect(ok.statusCode, ok.body).toBe(200);
    const after = (await t.request(staff.cookie, { method: 'GET', url: `/api/projects/${p.id}` })).json();
    expect(after).toMatchObject({ stage: 'signed', stageDate: '2026-03-05', signedDate: '2026-03-05', pendingTransitions: 0 });
    const twice = await t.request(bureau2.cookie, { method: 'POST', url: `/api/projects/${p.id}/transitions/${tid}/verify`, payload: {} });
    expect(twice.json().error.code).toBe('TRANSITION_NOT_PENDING');
  });

  it('forbids verifying one\'s own change', async () => {
    const p = await newProject(bureau.cookie);
    const req = await t.request(bureau.cookie, { method: 'POST', url: `/api/projects/${p.id}/transitions`, payload: { to: 'negotiating', date: '2026-01-10' } });
    const self = await t.request(bureau.cookie, { method: 'POST', url: `/api/projects/${p.id}/transitions/${req.json().id}/verify`, payload: {} });
    expect(self.statusCode).toBe(403);
    expect(self.json().error.code).toBe('SELF_REVIEW');
  });

  it('keeps a rejected change out of the counted stage, with its reason', async () => {
    const p = await newProject(staff.cookie);
    const req = await t.request(staff.cookie, { method: 'POST', url: `/api/projects/${p.id}/transitions`, payload: { to: 'started', date: '2026-02-01' } });
    const noReason = await t.request(bureau.cookie, { method: 'POST', url: `/api/projects/${p.id}/transitions/${req.json().id}/reject`, payload: {} });
    expect(noReason.statusCode).toBe(400);
    const rej = await t.request(bureau.cookie, { method: 'POST', url: `/api/projects/${p.id}/transitions/${req.json().id}/reject`, payload: { reason: '缺少施工许可证' } });
    expect(rej.json()).toMatchObject({ status: 'rejected', reviewNote: '缺少施工许可证' });
    expect((await t.request(staff.cookie, { method: 'GET', url: `/api/projects/${p.id}` })).json().stage).toBe('lead');
  });

  it('fills skipped stage dates, flags backward moves, needs reasons', async () => {
    const p = await newProject(staff.cookie);
    const go = async (body: Record<string, unknown>) => {
      const req = await t.request(staff.cookie, { method: 'POST', url: `/api/projects/${p.id}/transitions`, payload: body });
      if (req.statusCode !== 200) return req;
      return t.request(bureau.cookie, { method: 'POST', url: `/api/projects/${p.id}/transitions/${req.json().id}/verify`, payload: {} });
    };
    expect((await go({ to: 'started', date: '2026-04-01' })).statusCode).toBe(200);
    let cur = (await t.request(staff.cookie, { method: 'GET', url: `/api/projects/${p.id}` })).json();
    expect(cur).toMatchObject({ stage: 'started', signedDate: '2026-04-01', registeredDate: '2026-04-01', startedDate: '2026-04-01' });
    expect((await go({ to: 'started', date: '2026-04-02' })).json().error.code).toBe('SAME_STAGE');
    expect((await go({ to: 'signed', date: '2026-04-02' })).json().error.code).toBe('NEEDS_REASON');
    const back = await go({ to: 'signed', date: '2026-04-02', reason: '开工照片为旧项目，更正' });
    expect(back.json()).toMatchObject({ isBackward: true, status: 'verified' });
    cur = (await t.request(staff.cookie, { method: 'GET', url: `/api/projects/${p.id}` })).json();
    expect(cur).toMatchObject({ stage: 'signed', startedDate: null, registeredDate: null, signedDate: '2026-04-02' });
    expect((await go({ to: 'lost', date: '2026-05-01' })).json().error.code).toBe('NEEDS_REASON');
    expect((await go({ to: 'lost', date: '2026-05-01', reason: '落户外省', lostDestination: '安徽合肥' })).statusCode).toBe(200);
    expect((await go({ to: 'producing', date: '2026-05-02' })).json().error.code).toBe('PROJECT_CLOSED');
    const future = await go({ to: 'resumed', date: '2099-01-01', reason: 'x' });
    expect(future.json().error.code).toBe('FUTURE_DATE');
    const history = (await t.request(staff.cookie, { method: 'GET', url: `/api/projects/${p.id}/transitions` })).json().items;
    expect(history.length).toBe(3);
  });

  it('shows the bureau its review queue', async () => {
    const p = await newProject(staff.cookie);
    await t.request(staff.cookie, { method: 'POST', url: `/api/projects/${p.id}/transitions`, payload: { to: 'negotiating', date: '2026-01-02' } });
    const queue = (await t.request(bureau.cookie, { method: 'GET', url: '/api/transitions?status=pending' })).json();
    expect(queue.items.some((x: { projectId: number }) => x.projectId === p.id)).toBe(true);
  });
});

describe('board', () => {
  it('totals each stage column exactly', async () => {
    const res = await t.request(staff.cookie, { method: 'GET', url: '/api/projects/board' });
    expect(res.statusCode).toBe(200);
    const lead = res.json().columns.find((c: { stage: string }) => c.stage === 'lead');
    expect(lead.count).toBeGreaterThan(0);
    expect(lead.contractedTotal).toMatch(/^\d+(\.\d+)?$/);
  });
});

describe('industry filter', () => {
  it('expands a section letter to its divisions, on projects and investors', async () => {
    // A unit of its own, so the other tests' projects do not blur the counts.
    const unit = await t.createUnit({ type: 'county', name: '光山县' });
    const user = await t.createUser({ role: 'unit_staff', unitId: unit.id });
    const make = async (name: string, industryCode: string) => {
      const res = await t.request(user.cookie, { method: 'POST', url: '/api/projects', payload: { name, unitId: unit.id, industryCode } });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().id as number;
    };
    const food = await make('光山淀粉加工', '1391'); // C 制造业, division 13
    const battery = await make('光山电池', '3841'); // C, division 38
    const bare = await make('光山制造业项目', 'C'); // only the section is known
    const farm = await make('光山茶园', '0511'); // A 农林牧渔业
    await make('光山物流园', '5441'); // G
    const ids = async (industry: string) => {
      const res = await t.request(user.cookie, { method: 'GET', url: `/api/projects?industry=${industry}&pageSize=100` });
      expect(res.statusCode, res.body).toBe(200);
      return (res.json().items as { id: number }[]).map((x) => x.id).sort((a, b) => a - b);
    };
    expect(await ids('C')).toEqual([food, battery, bare].sort((a, b) => a - b));
    expect(await ids('A')).toEqual([farm]);
    expect(await ids('13')).toEqual([food]);
    expect(await ids('3841')).toEqual([battery]);
    const board = await t.request(user.cookie, { method: 'GET', url: '/api/projects/board?industry=C' });
    expect(board.json().columns.reduce((n: number, c: { count: number }) => n + c.count, 0)).toBe(3);

    const investor = await t.request(user.cookie, { method: 'POST', url: '/api/investors', payload: { name: '光山电池材料有限公司', industryCode: '3841' } });
    expect(investor.statusCode, investor.body).toBe(200);
    const byLetter = await t.request(user.cookie, { method: 'GET', url: '/api/investors?industry=C' });
    expect((byLetter.json().items as { id: number }[]).map((x) => x.id)).toContain(investor.json().id);
    const otherLetter = await t.request(user.cookie, { method: 'GET', url: '/api/investors?industry=A' });
    expect((otherLetter.json().items as { id: number }[]).map((x) => x.id)).not.toContain(investor.json().id);
  });
});

describe('investors', () => {
  it('validates the USCC check character and detects duplicates by normalised name', async () => {
    const bad = await t.request(staff.cookie, { method: 'POST', url: '/api/investors', payload: { name: '华为', uscc: '9144030071526726XA' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0]).toMatchObject({ field: 'uscc' });
    expect(bad.json().error.details[0].message).toMatch(/校验位/);
    const ok = await t.request(staff.cookie, {
      method: 'POST',
      url: '/api/investors',
      payload: { name: '华为技术有限公司', uscc: '9144030071526726XG', tags: ['世界500强'], contacts: [{ name: '张经理', phone: '13800000000' }] },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const dupName = await t.request(otherStaff.cookie, { method: 'POST', url: '/api/investors', payload: { name: '华为技术（集团）股份有限公司' } });
    expect(dupName.statusCode).toBe(409);
    expect(dupName.json().error.details).toMatchObject({ matchedBy: 'name', existing: { id: ok.json().id, unitName: '固始县', isVisible: false } });
    const dupCode = await t.request(otherStaff.cookie, { method: 'POST', url: '/api/investors', payload: { name: '别名公司', uscc: '9144030071526726xg' } });
    expect(dupCode.json().error.details.matchedBy).toBe('uscc');
    // The form's pre-check folds a full-width, spaced code the way the save does.
    const pre = await t.request(otherStaff.cookie, { method: 'GET', url: `/api/investors/check-duplicate?name=${encodeURIComponent('别名公司')}&uscc=${encodeURIComponent('９１４４ ０３００７１５２６７２６ｘｇ')}` });
    expect(pre.statusCode).toBe(200);
    expect(pre.json().duplicate).toMatchObject({ matchedBy: 'uscc', existing: { id: ok.json().id } });
  });
});
