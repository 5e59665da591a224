import { eq, inArray, or, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referralConflicts, referrals } from '../../db/schema/index.js';
import { createTestContext, type TestContext } from '../../test/context.js';
import { companyCore, getReferral, newUscc, register, type ConflictBody, type RegistrationBody } from './referrals.fixtures.js';

let t: TestContext;
let county: { id: number };
let otherCounty: { id: number };
let staff: { id: number; cookie: string };
let otherStaff: { id: number; cookie: string };
let referrer: { id: number; cookie: string };
let referrer2: { id: number; cookie: string };
let bureau: { id: number; cookie: string };
let bureau2: { id: number; cookie: string };
let countyBureau: { id: number; cookie: string };

beforeAll(async () => {
  t = await createTestContext();
  county = await t.createUnit({ type: 'county', name: '固始县' });
  otherCounty = await t.createUnit({ type: 'county', name: '息县' });
  const gsBureau = await t.createUnit({ type: 'bureau', name: '固始县投资促进局', parentId: county.id });
  [staff, otherStaff, referrer, referrer2, bureau, bureau2, countyBureau] = await Promise.all([
    t.createUser({ role: 'unit_staff', unitId: county.id }),
    t.createUser({ role: 'unit_staff', unitId: otherCounty.id }),
    t.createUser({ role: 'referrer', unitId: county.id }),
    t.createUser({ role: 'referrer', unitId: county.id }),
    t.createUser({ role: 'bureau' }),
    t.createUser({ role: 'bureau' }),
    t.createUser({ role: 'bureau', unitId: gsBureau.id }),
  ]);
});
afterAll(() => t.close());

/** Two registrations of one investor from two counties: a conflict. */
async function conflictPair(firstCookie = staff.cookie, secondCookie = otherStaff.cookie) {
  const core = companyCore();
  const first = await register(t, firstCookie, { investorName: `${core}有限公司`, referrerPhone: '13911112222' });
  const second = await register(t, secondCookie, { investorName: `${core}（集团）股份有限公司`, referrerKind: 'agent', referrerPhone: '13733334444' });
  expect(second.conflicts).toHaveLength(1);
  return { first, second, conflict: second.conflicts[0]! };
}

const resolve = (cookie: string, id: number, body: Record<string, unknown>) =>
  t.request(cookie, { method: 'POST', url: `/api/referral-conflicts/${id}/resolve`, payload: body });

describe('detection', () => {
  it('finds the same investor by normalised name across units; both parties see each other, not the phone or evidence', async () => {
    const first = await register(t, staff.cookie, { investorName: '信阳食品有限公司', referrerPhone: '13911112222', referrerName: '张乡贤' });
    expect(first.conflicts).toEqual([]);
    const second = await register(t, otherStaff.cookie, { investorName: '信阳食品（集团）股份有限公司', referrerKind: 'agent', referrerPhone: '13733334444', referrerName: '李中介' });
    expect(second.status).toBe('conflict');
    expect(second.conflicts).toHaveLength(1);
    const c = second.conflicts[0]!;
    expect(c).toMatchObject({
      matchedBy: 'name',
      status: 'open',
      earlier: { id: first.id, unitName: '固始县', referrerKind: 'hometown', registeredAt: first.registeredAt, isVisible: false, detail: null },
      later: { id: second.id, unitName: '息县', isVisible: true },
    });
    // The other party's referrer, phone and evidence stay with their own unit.
    const seenByLater = JSON.stringify(second.conflicts);
    expect(seenByLater).not.toContain('13911112222');
    expect(seenByLater).not.toContain('张乡贤');
    const seenByEarlier = (await getReferral(t, staff.cookie, first.id)).json() as RegistrationBody;
    expect(seenByEarlier.status).toBe('conflict');
    expect(seenByEarlier.conflicts[0]).toMatchObject({ id: c.id, later: { unitName: '息县', referrerKind: 'agent', isVisible: false, detail: null } });
    expect(JSON.stringify(seenByEarlier.conflicts)).not.toContain('13733334444');
    // Either party may open the conflict itself; the bureau sees both sides whole.
    expect((await t.request(staff.cookie, { method: 'GET', url: `/api/referral-conflicts/${c.id}` })).statusCode).toBe(200);
    const full = (await t.request(bureau.cookie, { method: 'GET', url: `/api/referral-conflicts/${c.id}` })).json() as ConflictBody;
    expect(full.earlier.detail).toMatchObject({ referrerPhone: '13911112222', referrerName: '张乡贤' });
    expect(full.later.detail).toMatchObject({ referrerPhone: '13733334444' });
  });

  it('finds the same investor by USCC whatever the names', async () => {
    const uscc = newUscc();
    const first = await register(t, staff.cookie, { investorName: `${companyCore('甲')}有限公司`, uscc });
    const second = await register(t, otherStaff.cookie, { investorName: `${companyCore('乙')}科技有限公司`, uscc: uscc.toLowerCase() });
    expect(second.conflicts).toEqual([expect.objectContaining({ matchedBy: 'uscc', earlier: expect.objectContaining({ id: first.id }) })]);
  });

  it('lets an expired or withdrawn registration block nobody', async () => {
    const core = companyCore();
    const old = await register(t, staff.cookie, { investorName: `${core}有限公司` });
    await t.database.db.update(referrals).set({ protectedUntil: sql`now() - interval '1 day'` }).where(eq(referrals.id, old.id));
    const fresh = await register(t, otherStaff.cookie, { investorName: `${core}股份有限公司` });
    expect(fresh).toMatchObject({ status: 'active', conflicts: [], isProtected: true });
    expect((await getReferral(t, staff.cookie, old.id)).json()).toMatchObject({ status: 'active', isProtected: false });
    const notProtected = (await t.request(staff.cookie, { method: 'GET', url: `/api/referrals?isProtected=false&q=${encodeURIComponent(core)}` })).json();
    expect(notProtected.items.map((x: { id: number }) => x.id)).toEqual([old.id]);

    const core2 = companyCore();
    const gone = await register(t, staff.cookie, { investorName: `${core2}有限公司` });
    await t.request(staff.cookie, { method: 'POST', url: `/api/referrals/${gone.id}/withdraw`, payload: { reason: '录错' } });
    expect((await register(t, otherStaff.cookie, { investorName: `${core2}有限公司` })).conflicts).toEqual([]);
  });

  it('sees two simultaneous registrations of one investor: exactly one conflict', async () => {
    for (let round = 0; round < 3; round++) {
      const name = `${companyCore('并发')}有限公司`;
      const [a, b] = await Promise.all([register(t, staff.cookie, { investorName: name }), register(t, otherStaff.cookie, { investorName: name })]);
      const rows = await t.database.db
        .select()
        .from(referralConflicts)
        .where(or(inArray(referralConflicts.earlierId, [a.id, b.id]), inArray(referralConflicts.laterId, [a.id, b.id])));
      expect(rows).toHaveLength(1);
      expect(a.conflicts.length + b.conflicts.length).toBeGreaterThanOrEqual(1);
      for (const r of [a, b]) expect((await getReferral(t, r.id === a.id ? staff.cookie : otherStaff.cookie, r.id)).json().status).toBe('conflict');
    }
  });

  it('lets a referrer follow a conflict over their own registration only', async () => {
    const { first, conflict } = await conflictPair(referrer.cookie);
    const mine = (await getReferral(t, referrer.cookie, first.id)).json() as RegistrationBody;
    expect(mine.conflicts[0]).toMatchObject({ later: { unitName: '息县', isVisible: false, detail: null } });
    expect((await t.request(referrer.cookie, { method: 'GET', url: `/api/referral-conflicts/${conflict.id}` })).statusCode).toBe(200);
    expect((await t.request(referrer2.cookie, { method: 'GET', url: `/api/referral-conflicts/${conflict.id}` })).statusCode).toBe(404);
  });
});

describe('arbitration', () => {
  it('lists open conflicts for the bureau, oldest first, both sides whole', async () => {
    const a = await conflictPair();
    const b = await conflictPair();
    const list = (await t.request(bureau.cookie, { method: 'GET', url: '/api/referral-conflicts?pageSize=200' })).json();
    const ids = list.items.map((x: { id: number }) => x.id);
    expect(ids.indexOf(a.conflict.id)).toBeLessThan(ids.indexOf(b.conflict.id));
    expect(list.items.every((x: ConflictBody) => x.status === 'open' && x.earlier.isVisible && x.later.isVisible)).toBe(true);
    // A county's bureau oversees only one of the two counties: not its conflict to arbitrate.
    const county = (await t.request(countyBureau.cookie, { method: 'GET', url: '/api/referral-conflicts?pageSize=200' })).json();
    expect(county.items.map((x: { id: number }) => x.id)).not.toContain(a.conflict.id);
    expect((await resolve(countyBureau.cookie, a.conflict.id, { winnerId: a.first.id, reason: 'x' })).statusCode).toBe(404);
    expect((await t.request(staff.cookie, { method: 'GET', url: '/api/referral-conflicts' })).statusCode).toBe(403);
  });

  it('resolves with a 70/30 split, refuses 60/30, refuses twice, and audits it', async () => {
    const { first, second, conflict } = await conflictPair();
    const split = (a: number, b: number) => [{ unitId: county.id, percent: a }, { unitId: otherCounty.id, percent: b }];
    expect((await resolve(staff.cookie, conflict.id, { winnerId: first.id, reason: 'x' })).statusCode).toBe(403);
    const bad = await resolve(bureau.cookie, conflict.id, { winnerId: first.id, reason: '首谈在先', creditSplit: split(60, 30) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details).toEqual([expect.objectContaining({ field: 'creditSplit', message: expect.stringContaining('100') })]);
    expect((await resolve(bureau.cookie, conflict.id, { winnerId: first.id, creditSplit: split(70, 30) })).json().error.details[0].field).toBe('reason');
    const stranger = await resolve(bureau.cookie, conflict.id, { winnerId: first.id, reason: 'x', creditSplit: [{ unitId: t.rootId, percent: 100 }] });
    expect(stranger.json().error).toMatchObject({ code: 'CREDIT_SPLIT_UNIT', details: [{ field: 'creditSplit.0.unitId' }] });
    expect((await resolve(bureau.cookie, conflict.id, { winnerId: 2147483000, reason: 'x' })).json().error).toMatchObject({ code: 'CONFLICT_WINNER', details: [{ field: 'winnerId' }] });
    expect((await resolve(bureau.cookie, conflict.id, { winnerId: first.id, reason: 'x', creditSplit: split(0, 100) })).json().error.code).toBe('CREDIT_SPLIT_WINNER');

    const ok = await resolve(bureau.cookie, conflict.id, { winnerId: first.id, reason: '固始县首谈在先，息县促成签约', creditSplit: split(70, 30) });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      status: 'resolved',
      winnerId: first.id,
      resolution: '固始县首谈在先，息县促成签约',
      resolvedBy: { id: bureau.id },
      creditSplit: [
        { unitId: county.id, unitName: '固始县', percent: 70 },
        { unitId: otherCounty.id, unitName: '息县', percent: 30 },
      ],
    });
    // Both hold credit, so both are confirmed; each party sees the decision.
    expect((await getReferral(t, staff.cookie, first.id)).json()).toMatchObject({ status: 'confirmed', openConflicts: 0 });
    const loser = (await getReferral(t, otherStaff.cookie, second.id)).json() as RegistrationBody;
    expect(loser.status).toBe('confirmed');
    expect(loser.conflicts[0]).toMatchObject({ status: 'resolved', winnerId: first.id });

    const twice = await resolve(bureau2.cookie, conflict.id, { winnerId: second.id, reason: '改判' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('CONFLICT_RESOLVED');

    const audit = (await t.request(bureau.cookie, { method: 'GET', url: `/api/audit-log?entity=referral_conflict&entityId=${conflict.id}` })).json();
    expect(audit.items.map((e: { action: string }) => e.action).sort()).toEqual(['create', 'resolve']);
    const trail = (await t.request(bureau.cookie, { method: 'GET', url: `/api/audit-log?entity=referral&entityId=${first.id}` })).json();
    expect(trail.items.map((e: { action: string }) => e.action).reverse()).toEqual(['create', 'status', 'status']);
  });

  it('rejects the loser when all credit goes to the winner', async () => {
    const { first, second, conflict } = await conflictPair();
    const ok = await resolve(bureau.cookie, conflict.id, { winnerId: second.id, reason: '固始县报备材料不完整' });
    expect(ok.json()).toMatchObject({ winnerId: second.id, creditSplit: [{ unitId: otherCounty.id, percent: 100 }] });
    expect((await getReferral(t, staff.cookie, first.id)).json()).toMatchObject({ status: 'rejected', isProtected: false });
    expect((await getReferral(t, otherStaff.cookie, second.id)).json()).toMatchObject({ status: 'confirmed', isProtected: true });
    // Once rejected it can be neither withdrawn nor linked.
    expect((await t.request(staff.cookie, { method: 'POST', url: `/api/referrals/${first.id}/withdraw`, payload: { reason: 'x' } })).json().error.code).toBe('REFERRAL_CLOSED');
  });

  it('voids the conflicts of a withdrawn registration and settles the other party', async () => {
    const { first, second, conflict } = await conflictPair();
    await t.request(otherStaff.cookie, { method: 'POST', url: `/api/referrals/${second.id}/withdraw`, payload: { reason: '对方在先' } });
    expect((await getReferral(t, staff.cookie, first.id)).json()).toMatchObject({ status: 'active', conflicts: [{ id: conflict.id, status: 'void' }] });
    expect((await resolve(bureau.cookie, conflict.id, { winnerId: first.id, reason: 'x' })).json().error.code).toBe('CONFLICT_RESOLVED');
  });

  it('survives a withdrawal, an arbitration, a note and a new registration of one investor at once', async () => {
    for (let round = 0; round < 5; round++) {
      const { first, second, conflict } = await conflictPair();
      const results = await Promise.all([
        t.request(otherStaff.cookie, { method: 'POST', url: `/api/referrals/${second.id}/withdraw`, payload: { reason: '撤回' } }),
        resolve(bureau.cookie, conflict.id, { winnerId: first.id, reason: '首谈在先' }),
        t.request(staff.cookie, { method: 'POST', url: `/api/referrals/${first.id}/note`, payload: { text: '补充' } }),
        t.request(referrer.cookie, { method: 'POST', url: '/api/referrals', payload: { investorName: first.investorName, projectIntent: 'x', referrerName: '赵', referrerKind: 'agent' } }),
      ]);
      for (const r of results) expect([200, 409], r.body).toContain(r.statusCode);
      // Whichever came first, the first registration still stands and the books agree with each other.
      const after = (await getReferral(t, bureau.cookie, first.id)).json() as RegistrationBody;
      expect(['conflict', 'confirmed']).toContain(after.status);
      expect(after.conflicts.filter((c) => c.status === 'open').length > 0).toBe(after.status === 'conflict');
    }
  });

  it('does not let bureau staff arbitrate a conflict over their own registration', async () => {
    const { first, conflict } = await conflictPair(bureau.cookie);
    const self = await resolve(bureau.cookie, conflict.id, { winnerId: first.id, reason: '本人报备在先' });
    expect(self.statusCode).toBe(403);
    expect(self.json().error.code).toBe('CONFLICT_SELF');
    expect((await resolve(bureau2.cookie, conflict.id, { winnerId: first.id, reason: '报备在先' })).statusCode).toBe(200);
  });
});
