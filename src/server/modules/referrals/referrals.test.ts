import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../actor.js';
import { files, orgUnits, referrals, users } from '../../db/schema/index.js';
import { createTestContext, type TestContext } from '../../test/context.js';
import { companyCore, getReferral, newUscc, register, type RegistrationBody } from './referrals.fixtures.js';
import { insertReferral } from './referrals.service.js';

let t: TestContext;
let county: { id: number };
let otherCounty: { id: number };
let staff: { id: number; cookie: string };
let colleague: { id: number; cookie: string };
let otherStaff: { id: number; cookie: string };
let referrer: { id: number; cookie: string };
let referrer2: { id: number; cookie: string };
let bureau: { id: number; cookie: string };

beforeAll(async () => {
  t = await createTestContext();
  county = await t.createUnit({ type: 'county', name: '固始县' });
  otherCounty = await t.createUnit({ type: 'county', name: '息县' });
  [staff, colleague, otherStaff, referrer, referrer2, bureau] = await Promise.all([
    t.createUser({ role: 'unit_staff', unitId: county.id }),
    t.createUser({ role: 'unit_staff', unitId: county.id }),
    t.createUser({ role: 'unit_staff', unitId: otherCounty.id }),
    t.createUser({ role: 'referrer', unitId: county.id }),
    t.createUser({ role: 'referrer', unitId: county.id }),
    t.createUser({ role: 'bureau' }),
  ]);
});
afterAll(() => t.close());

async function addFile(uploadedBy: number, unitId: number) {
  const [f] = await t.database.db
    .insert(files)
    .values({ storageKey: `test/${uploadedBy}/${Date.now()}`, filename: '引荐函.pdf', mimeType: 'application/pdf', size: 10, sha256: 'x'.repeat(64), unitId, uploadedBy })
    .returning();
  return f!;
}

async function actorOf(userId: number): Promise<Actor> {
  const [u] = await t.database.db
    .select({ id: users.id, username: users.username, displayName: users.displayName, role: users.role, unitId: users.unitId, unitPath: orgUnits.path })
    .from(users)
    .innerJoin(orgUnits, eq(orgUnits.id, users.unitId))
    .where(eq(users.id, userId));
  return { ...u!, ip: null, lang: 'zh' };
}

const FACTS = ['investorName', 'uscc', 'referrerName', 'referrerKind', 'referrerPhone', 'unitId', 'registeredAt', 'protectedUntil', 'registeredBy'] as const;
const factsOf = (r: RegistrationBody & Record<string, unknown>) => Object.fromEntries(FACTS.map((k) => [k, r[k]]));

describe('registration', () => {
  it('takes its time, unit and registrant from the server, never from the client', async () => {
    for (const field of ['registeredAt', 'protectedUntil', 'unitId', 'registeredBy', 'status']) {
      const res = await t.request(staff.cookie, {
        method: 'POST',
        url: '/api/referrals',
        payload: { investorName: `${companyCore()}有限公司`, projectIntent: 'x', referrerName: '王', referrerKind: 'staff', [field]: field === 'registeredAt' ? '2020-01-01T00:00:00Z' : 1 },
      });
      expect(res.statusCode, field).toBe(400);
      expect(res.json().error.details).toEqual([expect.objectContaining({ field })]);
    }
    const before = Date.now();
    const r = await register(t, staff.cookie, { referrerKind: 'staff', intendedAmount: '5000.5', industryCode: '1391' });
    const after = Date.now();
    const at = Date.parse(r.registeredAt);
    expect(at).toBeGreaterThanOrEqual(before - 2000);
    expect(at).toBeLessThanOrEqual(after + 2000);
    // Protected for the default six months, counted on the China calendar.
    const local = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000);
    const from = local(r.registeredAt);
    const until = local(r.protectedUntil);
    expect((until.getUTCFullYear() - from.getUTCFullYear()) * 12 + until.getUTCMonth() - from.getUTCMonth()).toBe(6);
    expect(r).toMatchObject({ unitId: county.id, unitName: '固始县', registeredBy: { id: staff.id }, referrerUserId: null, status: 'active', isProtected: true, intendedAmount: '5000.5000', industryName: expect.any(String), conflicts: [] });
    expect(r.events.map((e) => e.action)).toEqual(['create']);
  });

  it('uses the configured protection period', async () => {
    const set = await t.request(t.adminCookie, { method: 'PUT', url: '/api/settings', payload: { protectionMonths: 3 } });
    expect(set.statusCode, set.body).toBe(200);
    try {
      const r = await register(t, staff.cookie);
      const months = (Date.parse(r.protectedUntil) - Date.parse(r.registeredAt)) / (86400_000 * 30.44);
      expect(Math.round(months)).toBe(3);
    } finally {
      await t.request(t.adminCookie, { method: 'PUT', url: '/api/settings', payload: { protectionMonths: 6 } });
    }
  });

  it('validates the USCC, the industry, the referrer kind and the investor link, naming the field', async () => {
    const post = (cookie: string, body: Record<string, unknown>) =>
      t.request(cookie, { method: 'POST', url: '/api/referrals', payload: { investorName: `${companyCore()}公司`, projectIntent: 'x', referrerName: '王', referrerKind: 'agent', ...body } });
    const badCode = await post(staff.cookie, { uscc: '9144030071526726XA' });
    expect(badCode.json().error.details[0]).toMatchObject({ field: 'uscc' });
    expect((await post(staff.cookie, { industryCode: '9999' })).json().error).toMatchObject({ code: 'INDUSTRY_UNKNOWN', details: [{ field: 'industryCode' }] });
    expect((await post(staff.cookie, { referrerKind: 'boss' })).json().error.details[0].field).toBe('referrerKind');
    expect((await post(staff.cookie, { intendedAmount: '-1' })).json().error.details[0].field).toBe('intendedAmount');
    expect((await post(referrer.cookie, { referrerKind: 'staff' })).json().error).toMatchObject({ code: 'REFERRER_KIND_INVALID', details: [{ field: 'referrerKind' }] });
    expect((await post(staff.cookie, { investorName: '·—·' })).json().error.details[0].field).toBe('investorName');
    // An investor from the directory lends its USCC; a different code is refused.
    const uscc = newUscc();
    const inv = await t.request(staff.cookie, { method: 'POST', url: '/api/investors', payload: { name: `${companyCore()}有限公司`, uscc } });
    expect(inv.statusCode, inv.body).toBe(200);
    const linked = await post(staff.cookie, { investorId: inv.json().id });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json().uscc).toBe(uscc);
    expect((await post(staff.cookie, { investorId: inv.json().id, uscc: newUscc() })).json().error).toMatchObject({ code: 'REFERRAL_INVESTOR_MISMATCH', details: [{ field: 'uscc' }] });
    expect((await post(otherStaff.cookie, { investorId: inv.json().id })).json().error).toMatchObject({ code: 'REFERENCE_UNKNOWN', details: [{ field: 'investorId' }] });
    expect((await post(referrer.cookie, { investorId: inv.json().id })).json().error.code).toBe('REFERENCE_UNKNOWN');
  });

  it('accepts only evidence the registrant uploaded, and attaches it', async () => {
    const mine = await addFile(staff.id, county.id);
    const theirs = await addFile(otherStaff.id, otherCounty.id);
    const refused = await t.request(staff.cookie, {
      method: 'POST',
      url: '/api/referrals',
      payload: { investorName: `${companyCore()}有限公司`, projectIntent: 'x', referrerName: '王', referrerKind: 'agent', evidenceFileIds: [mine.id, theirs.id] },
    });
    expect(refused.json().error).toMatchObject({ code: 'EVIDENCE_UNKNOWN', details: [{ field: 'evidenceFileIds' }] });
    const r = await register(t, staff.cookie, { evidenceFileIds: [mine.id] });
    expect(r.evidenceFileIds).toEqual([mine.id]);
    const [f] = await t.database.db.select().from(files).where(eq(files.id, mine.id));
    expect(f).toMatchObject({ entity: 'referral', entityId: r.id });
    // Once attached it cannot be reused for another registration.
    const reuse = await t.request(staff.cookie, {
      method: 'POST',
      url: '/api/referrals',
      payload: { investorName: `${companyCore()}有限公司`, projectIntent: 'x', referrerName: '王', referrerKind: 'agent', evidenceFileIds: [mine.id] },
    });
    expect(reuse.json().error.code).toBe('EVIDENCE_UNKNOWN');
  });
});

describe('scope', () => {
  it('shows a referrer only what they registered, and 404 for anything else', async () => {
    const own = await register(t, referrer.cookie, { referrerName: '陈乡贤' });
    expect(own).toMatchObject({ referrerUserId: referrer.id, unitId: county.id });
    const colleagueOwn = await register(t, referrer2.cookie);
    const staffOwn = await register(t, staff.cookie);
    const list = (await t.request(referrer.cookie, { method: 'GET', url: '/api/referrals?pageSize=200' })).json();
    expect(list.items.map((x: { id: number }) => x.id)).toContain(own.id);
    expect(list.items.every((x: { registeredBy: { id: number } }) => x.registeredBy.id === referrer.id)).toBe(true);
    expect(list.total).toBe(list.items.length);
    expect((await getReferral(t, referrer.cookie, colleagueOwn.id)).statusCode).toBe(404);
    expect((await getReferral(t, referrer.cookie, staffOwn.id)).statusCode).toBe(404);
    expect((await getReferral(t, referrer2.cookie, own.id)).statusCode).toBe(404);
    expect((await t.request(referrer2.cookie, { method: 'POST', url: `/api/referrals/${own.id}/note`, payload: { text: 'x' } })).statusCode).toBe(404);
    // Unit staff see their unit's registrations, including a referrer's; the other county sees none.
    expect((await getReferral(t, staff.cookie, own.id)).statusCode).toBe(200);
    expect((await getReferral(t, otherStaff.cookie, own.id)).statusCode).toBe(404);
    expect((await t.request(referrer.cookie, { method: 'GET', url: '/api/referral-conflicts' })).statusCode).toBe(403);
  });

  it('filters the list in SQL: status, q, unit subtree, mine, dates, pages', async () => {
    const core = companyCore('光山');
    const a = await register(t, staff.cookie, { investorName: `${core}茶业有限公司` });
    const b = await register(t, colleague.cookie, { investorName: `${core}茶叶（集团）有限公司` });
    const c = await register(t, otherStaff.cookie, { investorName: `${core}茶业股份有限公司` });
    const ids = async (cookie: string, qs: string) =>
      ((await t.request(cookie, { method: 'GET', url: `/api/referrals?${qs}` })).json().items as { id: number }[]).map((x) => x.id);
    expect(await ids(bureau.cookie, `q=${encodeURIComponent(core)}&pageSize=200`)).toEqual([c.id, b.id, a.id]);
    expect(await ids(bureau.cookie, `q=${encodeURIComponent(core)}&unitId=${county.id}`)).toEqual([b.id, a.id]);
    expect(await ids(staff.cookie, `q=${encodeURIComponent(core)}&mine=true`)).toEqual([a.id]);
    expect(await ids(staff.cookie, `q=${encodeURIComponent(core)}`)).toEqual([b.id, a.id]);
    expect(await ids(bureau.cookie, `q=${encodeURIComponent(core)}&status=conflict`)).toEqual([c.id, a.id]);
    expect(await ids(bureau.cookie, `q=${encodeURIComponent(core)}&status=active,withdrawn`)).toEqual([b.id]);
    expect(await ids(bureau.cookie, `q=${encodeURIComponent(core)}&to=2020-01-01`)).toEqual([]);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    expect(await ids(bureau.cookie, `q=${encodeURIComponent(core)}&from=${today}&to=${today}`)).toHaveLength(3);
    const page = (await t.request(bureau.cookie, { method: 'GET', url: `/api/referrals?q=${encodeURIComponent(core)}&pageSize=2&page=2` })).json();
    expect(page).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page.items.map((x: { id: number }) => x.id)).toEqual([a.id]);
    expect((await t.request(staff.cookie, { method: 'GET', url: `/api/referrals?unitId=${otherCounty.id}` })).statusCode).toBe(404);
    expect((await t.request(staff.cookie, { method: 'GET', url: '/api/referrals?status=bogus' })).json().error.details[0].field).toMatch(/^status/);
  });
});

describe('immutability', () => {
  it('has no way to change the original facts; corrections are audited events', async () => {
    const r = await register(t, staff.cookie, { uscc: newUscc() });
    for (const method of ['PATCH', 'PUT', 'DELETE'] as const) {
      const res = await t.request(staff.cookie, { method, url: `/api/referrals/${r.id}`, payload: { investorName: '改名' } });
      expect(res.statusCode, method).toBe(404);
      expect(res.json().error.code).toBe('ROUTE_NOT_FOUND');
    }
    const sneak = { investorName: '改名', registeredAt: '2020-01-01T00:00:00Z', referrerName: '别人', unitId: otherCounty.id };
    for (const [path, body] of [['note', { text: '补充' }], ['withdraw', { reason: '撤回' }], ['link-project', { projectId: 1 }]] as const) {
      const res = await t.request(staff.cookie, { method: 'POST', url: `/api/referrals/${r.id}/${path}`, payload: { ...body, ...sneak } });
      expect(res.statusCode, path).toBe(400);
      expect(res.json().error.details.map((d: { field: string }) => d.field).sort()).toEqual(['investorName', 'referrerName', 'registeredAt', 'unitId']);
    }
    const noted = await t.request(staff.cookie, { method: 'POST', url: `/api/referrals/${r.id}/note`, payload: { text: '客商已来县考察' } });
    expect(noted.statusCode, noted.body).toBe(200);
    expect(noted.json().events.find((e: { action: string }) => e.action === 'note')).toMatchObject({ text: '客商已来县考察', actorName: expect.any(String) });
    const project = await t.request(staff.cookie, { method: 'POST', url: '/api/projects', payload: { name: `${companyCore()}项目`, unitId: county.id } });
    const linked = await t.request(staff.cookie, { method: 'POST', url: `/api/referrals/${r.id}/link-project`, payload: { projectId: project.json().id } });
    expect(linked.statusCode, linked.body).toBe(200);
    const withdrawn = await t.request(staff.cookie, { method: 'POST', url: `/api/referrals/${r.id}/withdraw`, payload: { reason: '客商转投他处' } });
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', isProtected: false });
    expect(factsOf(withdrawn.json())).toEqual(factsOf(r as RegistrationBody & Record<string, unknown>));
    const [row] = await t.database.db.select().from(referrals).where(eq(referrals.id, r.id));
    expect(row!.registeredAt.toISOString()).toBe(r.registeredAt);
    expect(withdrawn.json().events.map((e: { action: string }) => e.action)).toEqual(['create', 'note', 'link_project', 'withdraw']);
    expect(withdrawn.json().events.at(-1)).toMatchObject({ text: '客商转投他处', status: 'withdrawn' });
    // Not even a console session may rewrite or remove them: the database refuses.
    await expect(t.database.db.update(referrals).set({ investorName: '改名' }).where(eq(referrals.id, r.id))).rejects.toThrow();
    await expect(t.database.db.update(referrals).set({ registeredAt: new Date('2020-01-01T00:00:00Z') }).where(eq(referrals.id, r.id))).rejects.toThrow();
    await expect(t.database.db.delete(referrals).where(eq(referrals.id, r.id))).rejects.toThrow();
    const [still] = await t.database.db.select().from(referrals).where(eq(referrals.id, r.id));
    expect(still).toMatchObject({ investorName: r.investorName, status: 'withdrawn' });
  });

  it('lets only the registrant or the bureau withdraw, once', async () => {
    const r = await register(t, staff.cookie);
    const byColleague = await t.request(colleague.cookie, { method: 'POST', url: `/api/referrals/${r.id}/withdraw`, payload: { reason: 'x' } });
    expect(byColleague.statusCode).toBe(403);
    expect((await t.request(otherStaff.cookie, { method: 'POST', url: `/api/referrals/${r.id}/withdraw`, payload: { reason: 'x' } })).statusCode).toBe(404);
    expect((await t.request(bureau.cookie, { method: 'POST', url: `/api/referrals/${r.id}/withdraw`, payload: {} })).json().error.details[0].field).toBe('reason');
    expect((await t.request(bureau.cookie, { method: 'POST', url: `/api/referrals/${r.id}/withdraw`, payload: { reason: '重复报备' } })).statusCode).toBe(200);
    const again = await t.request(staff.cookie, { method: 'POST', url: `/api/referrals/${r.id}/withdraw`, payload: { reason: 'x' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('REFERRAL_CLOSED');
  });
});

describe('link to project', () => {
  it('attaches a project in scope and credits it when the project names no registration yet', async () => {
    const r = await register(t, staff.cookie);
    const mk = async (cookie: string, unitId: number) =>
      (await t.request(cookie, { method: 'POST', url: '/api/projects', payload: { name: `${companyCore()}项目`, unitId } })).json() as { id: number; version: number };
    const p = await mk(staff.cookie, county.id);
    const foreign = await mk(otherStaff.cookie, otherCounty.id);
    const out = await t.request(staff.cookie, { method: 'POST', url: `/api/referrals/${r.id}/link-project`, payload: { projectId: foreign.id } });
    expect(out.statusCode).toBe(404);
    expect(out.json().error).toMatchObject({ code: 'REFERENCE_UNKNOWN', details: [{ field: 'projectId' }] });
    expect((await t.request(referrer.cookie, { method: 'POST', url: `/api/referrals/${r.id}/link-project`, payload: { projectId: p.id } })).statusCode).toBe(403);
    const ok = await t.request(staff.cookie, { method: 'POST', url: `/api/referrals/${r.id}/link-project`, payload: { projectId: p.id } });
    expect(ok.json().projectId).toBe(p.id);
    const project = (await t.request(staff.cookie, { method: 'GET', url: `/api/projects/${p.id}` })).json();
    expect(project).toMatchObject({ referralId: r.id, version: p.version });
    // Idempotent for the same project; another project is refused.
    expect((await t.request(staff.cookie, { method: 'POST', url: `/api/referrals/${r.id}/link-project`, payload: { projectId: p.id } })).statusCode).toBe(200);
    const p2 = await mk(staff.cookie, county.id);
    const twice = await t.request(staff.cookie, { method: 'POST', url: `/api/referrals/${r.id}/link-project`, payload: { projectId: p2.id } });
    expect(twice.json().error.code).toBe('REFERRAL_ALREADY_LINKED');
    // A second registration linked to the same project does not replace the project's credited one.
    const r2 = await register(t, colleague.cookie);
    await t.request(colleague.cookie, { method: 'POST', url: `/api/referrals/${r2.id}/link-project`, payload: { projectId: p.id } });
    expect((await t.request(staff.cookie, { method: 'GET', url: `/api/projects/${p.id}` })).json().referralId).toBe(r.id);
    const audit = (await t.request(bureau.cookie, { method: 'GET', url: `/api/audit-log?entity=project&entityId=${p.id}` })).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toContain('link_referral');
  });
});

describe('demo seed entry point', () => {
  it('insertReferral back-dates only when the seed asks, and still detects the conflict', async () => {
    const core = companyCore('示例');
    const gushi = await actorOf(staff.id);
    const xi = await actorOf(otherStaff.id);
    const input = { investorName: `${core}食品有限公司`, projectIntent: '示例·食品加工', referrerName: '示例·乡贤', referrerKind: 'hometown' as const, evidenceFileIds: [] };
    const twoMonthsAgo = new Date(Date.now() - 60 * 86400_000);
    const first = await t.database.db.transaction((tx) => insertReferral(tx, gushi, input, { isDemo: true, registeredAt: twoMonthsAgo }));
    expect(first.referral.registeredAt.toISOString()).toBe(twoMonthsAgo.toISOString());
    const second = await t.database.db.transaction((tx) => insertReferral(tx, xi, { ...input, investorName: `${core}食品（集团）股份有限公司` }, { isDemo: true }));
    expect(second.conflictIds).toHaveLength(1);
    expect(second.referral).toMatchObject({ status: 'conflict', isDemo: true });
    const seen = (await getReferral(t, otherStaff.cookie, second.referral.id)).json() as RegistrationBody;
    expect(seen.conflicts[0]).toMatchObject({ earlier: { id: first.referral.id, unitName: '固始县' }, later: { id: second.referral.id } });
  });
});
