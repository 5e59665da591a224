import { and, eq, sql, type SQL } from 'drizzle-orm';
import { normaliseCompanyName } from '../../../shared/company-name.js';
import type { CreateReferralInput, ReferralDetail } from '../../../shared/api/referrals.js';
import type { Actor } from '../../actor.js';
import { queryRows, type Db, type Tx } from '../../db/client.js';
import { investors, projects, referrals } from '../../db/schema/index.js';
import { AppError, fieldError, forbidden, notFound } from '../../errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { attachUploads } from '../files/files.access.js';
import { findIndustry } from '../industries/industries.service.js';
import { investorScope } from '../investors/investors.service.js';
import { lockProject } from '../projects/projects.service.js';
import { getSettings } from '../settings/settings.service.js';
import { findConflicting, lockReferralWrites, recordConflicts, voidOpenConflicts } from './conflicts.service.js';
import { getReferral, referralScope } from './referrals.queries.js';

/*
 * Registrations (首谈/第一引荐人报备). The original facts — investor, USCC, referrer, unit, time — are
 * written once and never updated: there is no general edit. What may happen afterwards is a new,
 * audited event: a note, a withdrawal, a link to the project it became, or a status change from
 * conflict detection and arbitration.
 */

type ReferralRow = typeof referrals.$inferSelect;

/** A timestamptz as an ISO 8601 UTC string with milliseconds, the same on both drivers. */
const isoText = (value: SQL) => sql`to_char(${value} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

async function checkReferences(tx: Tx, actor: Actor, input: CreateReferralInput): Promise<{ uscc: string | null }> {
  if (input.industryCode && !findIndustry(input.industryCode)) throw fieldError('INDUSTRY_UNKNOWN', 'industryCode');
  // A referrer account is not the unit's staff, and does not see the investor directory.
  if (actor.role === 'referrer' && input.referrerKind === 'staff') throw fieldError('REFERRER_KIND_INVALID', 'referrerKind');
  let uscc = input.uscc ?? null;
  if (input.investorId) {
    if (actor.role === 'referrer') throw fieldError('REFERENCE_UNKNOWN', 'investorId');
    const [inv] = await tx
      .select({ id: investors.id, uscc: investors.uscc })
      .from(investors)
      .where(and(eq(investors.id, input.investorId), investorScope(actor)));
    if (!inv) throw fieldError('REFERENCE_UNKNOWN', 'investorId');
    if (uscc && inv.uscc && uscc !== inv.uscc) throw fieldError('REFERRAL_INVESTOR_MISMATCH', 'uscc');
    // The directory's code makes conflict detection by USCC work even when the registrant left it out.
    uscc = uscc ?? inv.uscc;
  }
  return { uscc };
}

export interface InsertReferralOptions {
  isDemo?: boolean;
  /** For the demo seed only: a registration made in the past. The API never passes this. */
  registeredAt?: Date;
}

/**
 * Insert a registration inside an open transaction (API and demo seed) and record its conflicts.
 * The server sets the time (the database clock, read after the lock so the order is the order the
 * registrations were filed), the protection period, the unit and the registrant. Conflicts are
 * looked for before the insert, under the lock: the new row is born `conflict` when it collides.
 * Callers outside the API (seed, importer) should call it before anything else in the transaction
 * records audit entries, so the referral lock is always taken before the audit chain's lock.
 */
export async function insertReferral(
  tx: Tx,
  actor: Actor,
  input: CreateReferralInput,
  opts: InsertReferralOptions = {},
): Promise<{ referral: ReferralRow; conflictIds: number[] }> {
  const nameNorm = normaliseCompanyName(input.investorName);
  if (!nameNorm) throw fieldError('VALIDATION', 'investorName');
  const { uscc } = await checkReferences(tx, actor, input);
  const { protectionMonths } = await getSettings(tx);
  await lockReferralWrites(tx);
  const at = opts.registeredAt
    ? opts.registeredAt.toISOString()
    : (await queryRows<{ at: string }>(tx, sql`select ${isoText(sql`date_trunc('milliseconds', clock_timestamp())`)} as at`))[0]!.at;
  // Months are counted on the China calendar, whatever the database session's time zone.
  const until = sql`((${at}::timestamptz at time zone 'Asia/Shanghai') + make_interval(months => ${protectionMonths}::int)) at time zone 'Asia/Shanghai'`;
  const protectedUntil = (await queryRows<{ until: string }>(tx, sql`select ${isoText(until)} as until`))[0]!.until;
  const matches = await findConflicting(tx, { investorNameNorm: nameNorm, uscc, registeredAt: at, protectedUntil });
  const [row] = await tx
    .insert(referrals)
    .values({
      investorName: input.investorName,
      investorNameNorm: nameNorm,
      uscc,
      investorId: input.investorId ?? null,
      projectIntent: input.projectIntent,
      intendedAmount: input.intendedAmount ?? null,
      industryCode: input.industryCode ?? null,
      referrerName: input.referrerName,
      referrerKind: input.referrerKind,
      referrerPhone: input.referrerPhone ?? null,
      referrerUserId: actor.role === 'referrer' ? actor.id : null,
      unitId: actor.unitId,
      registeredBy: actor.id,
      registeredAt: sql`${at}::timestamptz`,
      protectedUntil: sql`${protectedUntil}::timestamptz`,
      evidenceFileIds: input.evidenceFileIds,
      note: input.note ?? null,
      status: matches.length > 0 ? 'conflict' : 'active',
      isDemo: opts.isDemo ?? false,
    })
    .returning();
  // Evidence: files the registrant uploaded and has not attached elsewhere; anything else rolls it all back.
  await attachUploads(tx, actor, input.evidenceFileIds, { entity: 'referral', entityId: row!.id, unitId: row!.unitId }, 'evidenceFileIds');
  await recordAudit(tx, actor, { action: 'create', entity: 'referral', entityId: row!.id, unitId: row!.unitId, after: row });
  const conflictIds = await recordConflicts(tx, actor, row!, matches);
  return { referral: row!, conflictIds };
}

/** POST /api/referrals: the registration, with its conflicts so the registrant is told at once. */
export async function createReferral(db: Db, actor: Actor, input: CreateReferralInput): Promise<ReferralDetail> {
  const { referral } = await db.transaction((tx) => insertReferral(tx, actor, input));
  return getReferral(db, actor, referral.id);
}

/** Take the referral write lock, then the registration's row (404 when out of scope). */
async function lockReferral(tx: Tx, actor: Actor, id: number): Promise<ReferralRow> {
  await lockReferralWrites(tx);
  const [row] = await tx
    .select()
    .from(referrals)
    .where(and(eq(referrals.id, id), referralScope(actor)))
    .for('update');
  if (!row) throw notFound();
  return row;
}

const isClosed = (r: ReferralRow) => r.status === 'withdrawn' || r.status === 'rejected';

/** Withdraw (撤回): by the registrant, or by bureau staff over the unit. Its open conflicts become void. */
export async function withdrawReferral(db: Db, actor: Actor, id: number, reason: string): Promise<ReferralDetail> {
  await db.transaction(async (tx) => {
    const before = await lockReferral(tx, actor, id);
    if (before.registeredBy !== actor.id && actor.role !== 'bureau') throw forbidden();
    if (isClosed(before)) throw new AppError('REFERRAL_CLOSED', 409, { status: before.status });
    await tx.update(referrals).set({ status: 'withdrawn' }).where(eq(referrals.id, id));
    await recordAudit(tx, actor, {
      action: 'withdraw',
      entity: 'referral',
      entityId: id,
      unitId: before.unitId,
      before: { status: before.status },
      after: { status: 'withdrawn', reason },
    });
    await voidOpenConflicts(tx, actor, id);
  });
  return getReferral(db, actor, id);
}

/** Attach the project the lead became; the project is credited to this registration unless it already names one. */
export async function linkProject(db: Db, actor: Actor, id: number, projectId: number): Promise<ReferralDetail> {
  await db.transaction(async (tx) => {
    const before = await lockReferral(tx, actor, id);
    if (isClosed(before)) throw new AppError('REFERRAL_CLOSED', 409, { status: before.status });
    const project = await lockProject(tx, actor, projectId).catch(() => {
      throw fieldError('REFERENCE_UNKNOWN', 'projectId', 404);
    });
    if (before.projectId === projectId) return;
    if (before.projectId !== null) throw new AppError('REFERRAL_ALREADY_LINKED', 409, { projectId: before.projectId });
    await tx.update(referrals).set({ projectId }).where(eq(referrals.id, id));
    await recordAudit(tx, actor, { action: 'link_project', entity: 'referral', entityId: id, unitId: before.unitId, before: { projectId: null }, after: { projectId } });
    if (project.referralId === null) {
      // Not a user edit of the project, so its version (optimistic lock) is left alone.
      await tx.update(projects).set({ referralId: id }).where(eq(projects.id, projectId));
      await recordAudit(tx, actor, { action: 'link_referral', entity: 'project', entityId: projectId, unitId: project.unitId, before: { referralId: null }, after: { referralId: id } });
    }
  });
  return getReferral(db, actor, id);
}

/** A note on a registration: an audited event (the audit log is its only store), never an edit. */
export async function addNote(db: Db, actor: Actor, id: number, text: string): Promise<ReferralDetail> {
  await db.transaction(async (tx) => {
    // Only read: a note changes no row, so it need not queue behind other referral writes.
    const [row] = await tx.select({ unitId: referrals.unitId }).from(referrals).where(and(eq(referrals.id, id), referralScope(actor)));
    if (!row) throw notFound();
    await recordAudit(tx, actor, { action: 'note', entity: 'referral', entityId: id, unitId: row.unitId, after: { text } });
  });
  return getReferral(db, actor, id);
}
