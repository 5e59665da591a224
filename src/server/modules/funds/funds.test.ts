import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amountInCny, isLargeTranche } from '../../../shared/funds.js';
import { queryRows } from '../../db/client.js';
import { createTestContext, type TestContext } from '../../test/context.js';
import { addDays, buildWorld, newProject, SAMPLES, signProject, today, upload, type World } from '../followups/work.fixtures.js';

let t: TestContext;
let w: World;
let bureau2: { id: number; cookie: string };
let viewer: { cookie: string };
let referrer: { cookie: string };

const SIGNED = '2025-03-10';

beforeAll(async () => {
  t = await createTestContext();
  w = await buildWorld(t);
  [bureau2, viewer, referrer] = (await Promise.all([
    t.createUser({ role: 'bureau' }),
    t.createUser({ role: 'viewer', unitId: w.county.id }),
    t.createUser({ role: 'referrer', unitId: w.county.id }),
  ])) as [{ id: number; cookie: string }, { cookie: string }, { cookie: string }];
});
afterAll(() => t.close());

/** A project of the county, signed on SIGNED with this contracted investment (万元). */
async function signedProject(contracted = '12000') {
  const p = await newProject(t, w.staff.cookie, w.county.id, { contractedInvestment: contracted });
  await signProject(t, w, p.id, SIGNED);
  return p;
}

const body = (extra: Record<string, unknown> = {}) => ({ date: '2025-06-01', amount: '1200.5', source: 'out_of_province', ...extra });
const report = (cookie: string, projectId: number, payload: Record<string, unknown>) =>
  t.request(cookie, { method: 'POST', url: `/api/projects/${projectId}/funds`, payload });
const review = (cookie: string, projectId: number, fid: number, verdict: 'verify' | 'reject', payload: Record<string, unknown> = {}) =>
  t.request(cookie, { method: 'POST', url: `/api/projects/${projectId}/funds/${fid}/${verdict}`, payload });
const funds = async (cookie: string, projectId: number) => {
  const res = await t.request(cookie, { method: 'GET', url: `/api/projects/${projectId}/funds` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
async function verified(projectId: number, payload: Record<string, unknown>) {
  const res = await report(w.staff.cookie, projectId, payload);
  expect(res.statusCode, res.body).toBe(200);
  const ok = await review(w.bureau.cookie, projectId, res.json().id, 'verify');
  expect(ok.statusCode, ok.body).toBe(200);
  return ok.json() as { id: number };
}

describe('amounts (pure)', () => {
  it.each([
    ['1200.5', 'CNY', null, '1200.5000'],
    ['100', 'USD', '7.1234', '712.3400'],
    // 0.00005 万元 rounds half up to the next yuan.
    ['1.00001', 'USD', '7.5', '7.5001'],
    ['-0.00001', 'USD', '7.5', '-0.0001'],
    ['333.3333', 'USD', '7.123457', '2374.4854'],
  ] as const)('%s %s at %s is %s 万元', (amount, currency, rate, cny) => {
    expect(amountInCny(amount, currency, rate)).toBe(cny);
  });

  it('flags a tranche over ten times the reference', () => {
    expect(isLargeTranche('100000', '10000')).toBe(false);
    expect(isLargeTranche('100000.0001', '10000')).toBe(true);
    expect(isLargeTranche('100000', null)).toBe(false);
  });
});

describe('reporting and review', () => {
  it('reports a pending tranche that counts only once another bureau user verifies it', async () => {
    const p = await signedProject();
    const res = await report(w.staff.cookie, p.id, body({ note: '银行进账单 2025-06-01' }));
    expect(res.statusCode, res.body).toBe(200);
    const f = res.json();
    expect(f).toMatchObject({ status: 'pending', currency: 'CNY', amount: '1200.5', amountCny: '1200.5', exchangeRate: null, reportedBy: { id: w.staff.id }, unitId: w.county.id });
    let card = await funds(w.staff.cookie, p.id);
    expect(card.totals).toMatchObject({ verified: '0', pending: '1200.5', pendingCount: 1 });
    expect(card).toMatchObject({ signedDate: SIGNED, contractedInvestment: '12000', usdCnyRate: '7.1' });

    // Unit staff cannot review at all; the bureau verifies.
    expect((await review(w.staff.cookie, p.id, f.id, 'verify')).statusCode).toBe(403);
    const ok = await review(w.bureau.cookie, p.id, f.id, 'verify', { note: '进账单已核' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'verified', reviewedBy: { id: w.bureau.id }, reviewNote: '进账单已核' });
    card = await funds(w.staff.cookie, p.id);
    expect(card.totals).toMatchObject({ verified: '1200.5', pending: '0', pendingCount: 0, rate: '0.1000' });
    expect(card.totals.verifiedBySource).toEqual({ out_of_province: '1200.5', in_province_out_of_city: '0', foreign: '0', local: '0' });

    // Reviewed once: a second decision is refused, and there is no way to edit it.
    const again = await review(bureau2.cookie, p.id, f.id, 'reject', { reason: '重复' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('FUNDS_NOT_PENDING');
    const patch = await t.request(w.staff.cookie, { method: 'PATCH', url: `/api/projects/${p.id}/funds/${f.id}`, payload: { amount: '1' } });
    expect(patch.statusCode).toBe(404);

    const audit = await queryRows<{ action: string }>(t.database.db, sql`select action from audit_log where entity = 'project' and entity_id = ${String(p.id)} and action like '%funds%' order by id`);
    expect(audit.map((a) => a.action)).toEqual(['report_funds', 'verify_funds']);
  });

  it('converts USD at the rate given, and requires the rate and its date', async () => {
    const p = await signedProject();
    const noRate = await report(w.staff.cookie, p.id, body({ currency: 'USD', amount: '100', source: 'foreign' }));
    expect(noRate.statusCode).toBe(400);
    expect(noRate.json().error.details.map((d: { field: string }) => d.field).sort()).toEqual(['exchangeRate', 'rateDate']);
    const cnyRate = await report(w.staff.cookie, p.id, body({ exchangeRate: '7.1' }));
    expect(cnyRate.json().error.details[0]).toMatchObject({ field: 'exchangeRate', message: 'FUNDS_RATE_CNY' });

    const f = await verified(p.id, body({ currency: 'USD', amount: '100', exchangeRate: '7.1234', rateDate: '2025-05-30', source: 'foreign' }));
    const card = await funds(w.bureau.cookie, p.id);
    expect(card.items.find((x: { id: number }) => x.id === f.id)).toMatchObject({ currency: 'USD', amount: '100', exchangeRate: '7.1234', rateDate: '2025-05-30', amountCny: '712.34' });
    expect(card.totals).toMatchObject({ verified: '712.34', verifiedUsd: '100' });
    expect(card.totals.verifiedBySource.foreign).toBe('712.34');
  });

  it('never lets the reporter verify their own tranche (403 SELF_REVIEW)', async () => {
    const p = await signedProject();
    const res = await report(w.bureau.cookie, p.id, body());
    expect(res.statusCode, res.body).toBe(200);
    const own = await review(w.bureau.cookie, p.id, res.json().id, 'verify');
    expect(own.statusCode).toBe(403);
    expect(own.json().error.code).toBe('SELF_REVIEW');
    expect((await review(bureau2.cookie, p.id, res.json().id, 'verify')).statusCode).toBe(200);
  });

  it('keeps rejected tranches as history and counts neither pending nor rejected ones', async () => {
    const p = await signedProject();
    await verified(p.id, body({ amount: '500', source: 'local' }));
    const a = (await report(w.staff.cookie, p.id, body({ amount: '300' }))).json();
    await report(w.staff.cookie, p.id, body({ amount: '200', source: 'in_province_out_of_city' }));
    const noReason = await review(w.bureau.cookie, p.id, a.id, 'reject', {});
    expect(noReason.statusCode).toBe(400);
    const rej = await review(w.bureau.cookie, p.id, a.id, 'reject', { reason: '进账单金额与登记不符' });
    expect(rej.json()).toMatchObject({ status: 'rejected', reviewNote: '进账单金额与登记不符' });
    const card = await funds(w.staff.cookie, p.id);
    expect(card.items).toHaveLength(3);
    expect(card.totals).toMatchObject({ verified: '500', pending: '200', pendingCount: 1, rejectedCount: 1 });
    expect(card.totals.verifiedBySource).toMatchObject({ local: '500', out_of_province: '0', in_province_out_of_city: '0' });
  });

  it('refuses future dates, zero amounts and negatives outside corrections', async () => {
    const p = await signedProject();
    const future = await report(w.staff.cookie, p.id, body({ date: addDays(today(), 2) }));
    expect(future.json().error).toMatchObject({ code: 'FUTURE_DATE', details: [{ field: 'date' }] });
    const zero = await report(w.staff.cookie, p.id, body({ amount: '0.00' }));
    expect(zero.json().error.details[0].field).toBe('amount');
    const negative = await report(w.staff.cookie, p.id, body({ amount: '-5' }));
    expect(negative.json().error.details[0]).toMatchObject({ field: 'amount', message: 'FUNDS_NEGATIVE' });
    const sloppy = await report(w.staff.cookie, p.id, body({ amount: '12.345678' }));
    expect(sloppy.statusCode).toBe(400);
  });
});

describe('corrections', () => {
  it('restates a verified tranche with a new, reviewed entry that may be negative, never below zero', async () => {
    const p = await signedProject();
    const original = await verified(p.id, body({ amount: '1000' }));
    const pending = (await report(w.staff.cookie, p.id, body({ amount: '50' }))).json();

    // Only a verified tranche of the same project, with the same source and currency, can be corrected.
    const ofPending = await report(w.staff.cookie, p.id, body({ amount: '-10', correctsId: pending.id }));
    expect(ofPending.json().error.code).toBe('FUNDS_CORRECTION_TARGET');
    const other = await signedProject();
    const elsewhere = await report(w.staff.cookie, other.id, body({ amount: '-10', correctsId: original.id }));
    expect(elsewhere.json().error.code).toBe('FUNDS_CORRECTION_TARGET');
    const mismatch = await report(w.staff.cookie, p.id, body({ amount: '-10', correctsId: original.id, source: 'local' }));
    expect(mismatch.json().error.code).toBe('FUNDS_CORRECTION_MISMATCH');

    const fix = await report(w.staff.cookie, p.id, body({ amount: '-300', correctsId: original.id, note: '进账单重复计入' }));
    expect(fix.statusCode, fix.body).toBe(200);
    expect(fix.json()).toMatchObject({ correctsId: original.id, amountCny: '-300', status: 'pending' });
    // With that pending, a second one taking it below zero is refused at once.
    const tooMuch = await report(w.staff.cookie, p.id, body({ amount: '-800', correctsId: original.id }));
    expect(tooMuch.json().error).toMatchObject({ code: 'FUNDS_CORRECTION_BELOW_ZERO', details: [{ field: 'amount' }] });

    expect((await funds(w.staff.cookie, p.id)).totals.verified).toBe('1000');
    expect((await review(w.bureau.cookie, p.id, fix.json().id, 'verify')).statusCode).toBe(200);
    const card = await funds(w.staff.cookie, p.id);
    expect(card.totals.verified).toBe('700');
    // The original is untouched.
    expect(card.items.find((x: { id: number }) => x.id === original.id)).toMatchObject({ amount: '1000', status: 'verified' });

    // A positive correction is fine too; the large-amount and signing rules belong to the original.
    const up = await report(w.staff.cookie, p.id, body({ amount: '25', correctsId: original.id, date: '2025-01-01' }));
    expect(up.statusCode, up.body).toBe(200);
  });

  it('re-checks the corrected total when verifying', async () => {
    const p = await signedProject();
    const original = await verified(p.id, body({ amount: '100' }));
    const a = (await report(w.staff.cookie, p.id, body({ amount: '-60', correctsId: original.id }))).json();
    // Verify a, then a second correction reported after it can only take the remaining 40.
    expect((await review(w.bureau.cookie, p.id, a.id, 'verify')).statusCode).toBe(200);
    expect((await report(w.staff.cookie, p.id, body({ amount: '-41', correctsId: original.id }))).json().error.code).toBe('FUNDS_CORRECTION_BELOW_ZERO');
    const b = await report(w.staff.cookie, p.id, body({ amount: '-40', correctsId: original.id }));
    expect(b.statusCode).toBe(200);
    expect((await review(w.bureau.cookie, p.id, b.json().id, 'verify')).statusCode).toBe(200);
    expect((await funds(w.staff.cookie, p.id)).totals.verified).toBe('0');
  });
});

describe('bad input rules', () => {
  it('warns (409 FUNDS_LARGE_CONFIRM) above ten times the contracted investment until confirmed', async () => {
    const p = await signedProject('1000');
    const ok = await report(w.staff.cookie, p.id, body({ amount: '10000' }));
    expect(ok.statusCode).toBe(200);
    const large = await report(w.staff.cookie, p.id, body({ amount: '10000.01' }));
    expect(large.statusCode).toBe(409);
    expect(large.json().error).toMatchObject({ code: 'FUNDS_LARGE_CONFIRM', details: [{ field: 'amount', reference: '1000.0000' }] });
    // In USD the 万元 figure is what is compared: 1500万美元 × 7.1 > 10 × 1000万元.
    const usd = await report(w.staff.cookie, p.id, body({ amount: '1500', currency: 'USD', exchangeRate: '7.1', rateDate: '2025-06-01', source: 'foreign' }));
    expect(usd.json().error.code).toBe('FUNDS_LARGE_CONFIRM');
    const confirmed = await report(w.staff.cookie, p.id, body({ amount: '10000.01', confirmLarge: true }));
    expect(confirmed.statusCode, confirmed.body).toBe(200);
  });

  it('refuses money dated before the verified signing, or on an unsigned project, unless marked pre-signing with a reason', async () => {
    const p = await signedProject();
    const before = await report(w.staff.cookie, p.id, body({ date: addDays(SIGNED, -1) }));
    expect(before.statusCode).toBe(400);
    expect(before.json().error).toMatchObject({ code: 'FUNDS_BEFORE_SIGNING', details: [{ field: 'date', signedDate: SIGNED }] });
    expect((await report(w.staff.cookie, p.id, body({ date: SIGNED }))).statusCode).toBe(200);

    const lead = await newProject(t, w.staff.cookie, w.county.id, { plannedInvestment: '5000' });
    const unsigned = await report(w.staff.cookie, lead.id, body());
    expect(unsigned.json().error.code).toBe('FUNDS_BEFORE_SIGNING');
    const noReason = await report(w.staff.cookie, lead.id, body({ isPreSigning: true, preSigningReason: '  ' }));
    expect(noReason.json().error.details[0]).toMatchObject({ field: 'preSigningReason', message: 'FUNDS_PRE_SIGNING_REASON' });
    const marked = await report(w.staff.cookie, lead.id, body({ isPreSigning: true, preSigningReason: '签约前已注资设立项目公司' }));
    expect(marked.statusCode, marked.body).toBe(200);
    expect(marked.json()).toMatchObject({ isPreSigning: true, preSigningReason: '签约前已注资设立项目公司' });
    // Before signing the planned investment is the yardstick for the large-amount warning.
    expect((await report(w.staff.cookie, lead.id, body({ amount: '50001', isPreSigning: true, preSigningReason: '注资' }))).json().error.code).toBe('FUNDS_LARGE_CONFIRM');
  });
});

describe('scope and roles', () => {
  it('answers 404 outside scope, keeps departments and referrers out, and lets viewers only read', async () => {
    const p = await signedProject();
    const f = (await report(w.staff.cookie, p.id, body())).json();
    // Another county: as if the project did not exist.
    expect((await t.request(w.otherStaff.cookie, { method: 'GET', url: `/api/projects/${p.id}/funds` })).statusCode).toBe(404);
    expect((await report(w.otherStaff.cookie, p.id, body())).statusCode).toBe(404);
    const queue = (await t.request(w.otherStaff.cookie, { method: 'GET', url: '/api/funds?status=pending&pageSize=200' })).json();
    expect(queue.items.map((x: { id: number }) => x.id)).not.toContain(f.id);
    // A department sees no money, even on a project with an issue assigned to it.
    expect((await t.request(w.deptUser.cookie, { method: 'GET', url: `/api/projects/${p.id}/funds` })).statusCode).toBe(404);
    expect((await report(w.deptUser.cookie, p.id, body())).statusCode).toBe(403);
    expect((await t.request(w.deptUser.cookie, { method: 'GET', url: '/api/funds' })).json().total).toBe(0);
    expect((await report(referrer.cookie, p.id, body())).statusCode).toBe(403);
    expect((await report(viewer.cookie, p.id, body())).statusCode).toBe(403);
    expect((await review(viewer.cookie, p.id, f.id, 'verify')).statusCode).toBe(403);
    expect((await funds(viewer.cookie, p.id)).items.length).toBeGreaterThan(0);
  });

  it('lists the review queue for the bureau, filtered by unit subtree and paginated', async () => {
    const p = await signedProject();
    const f = (await report(w.staff.cookie, p.id, body())).json();
    const all = (await t.request(w.bureau.cookie, { method: 'GET', url: '/api/funds' })).json();
    expect(all.items.map((x: { id: number }) => x.id)).toContain(f.id);
    expect(all.items.every((x: { status: string }) => x.status === 'pending')).toBe(true);
    const county = (await t.request(w.bureau.cookie, { method: 'GET', url: `/api/funds?unit=${w.county.id}&pageSize=1` })).json();
    expect(county).toMatchObject({ pageSize: 1 });
    expect(county.items).toHaveLength(1);
    expect(county.total).toBe(all.total);
    const other = (await t.request(w.bureau.cookie, { method: 'GET', url: `/api/funds?unit=${w.otherCounty.id}` })).json();
    expect(other.total).toBe(0);
    expect((await t.request(w.staff.cookie, { method: 'GET', url: `/api/funds?unit=${w.otherCounty.id}` })).statusCode).toBe(404);
    expect((await t.request(w.bureau.cookie, { method: 'GET', url: '/api/funds?status=weird' })).statusCode).toBe(400);
  });

  it('moves the tranches with the project when its responsible unit changes', async () => {
    const p = await signedProject();
    const f = await verified(p.id, body());
    const current = (await t.request(w.bureau.cookie, { method: 'GET', url: `/api/projects/${p.id}` })).json();
    const moved = await t.request(w.bureau.cookie, { method: 'PATCH', url: `/api/projects/${p.id}`, payload: { version: current.version, unitId: w.otherCounty.id } });
    expect(moved.statusCode, moved.body).toBe(200);
    const card = await funds(w.otherStaff.cookie, p.id);
    expect(card.items.find((x: { id: number }) => x.id === f.id)).toMatchObject({ unitId: w.otherCounty.id });
    expect((await t.request(w.staff.cookie, { method: 'GET', url: `/api/projects/${p.id}/funds` })).statusCode).toBe(404);
  });

  it('attaches evidence that only those who see the project can download', async () => {
    const p = await signedProject();
    const file = (await upload(t, w.staff.cookie, { filename: '银行进账单.pdf', content: SAMPLES.pdf, type: 'application/pdf' })).json();
    const res = await report(w.staff.cookie, p.id, body({ evidenceFileIds: [file.id] }));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().evidenceFileIds).toEqual([file.id]);
    expect((await t.request(w.bureau.cookie, { method: 'GET', url: `/api/files/${file.id}` })).json()).toMatchObject({ entity: 'fund_tranche', entityId: res.json().id });
    expect((await t.request(w.otherStaff.cookie, { method: 'GET', url: `/api/files/${file.id}` })).statusCode).toBe(404);
    // Nobody else's upload, and no file twice.
    const again = await report(w.staff.cookie, p.id, body({ evidenceFileIds: [file.id] }));
    expect(again.json().error).toMatchObject({ code: 'EVIDENCE_UNKNOWN', details: [{ field: 'evidenceFileIds' }] });
    const files = (await t.request(w.staff.cookie, { method: 'GET', url: `/api/projects/${p.id}/files` })).json();
    expect(files.items.map((x: { id: number }) => x.id)).toContain(file.id);
  });
});
