import Decimal from 'decimal.js';
import { aliasedTable, and, desc, eq, ne, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { fundsQueueQuery, ProjectFunds, Tranche, trancheBody } from '../../../shared/api/funds.js';
import { amountInCny, FUND_SOURCES, isLargeTranche } from '../../../shared/funds.js';
import type { Actor } from '../../actor.js';
import { countAll, type Db, type Executor } from '../../db/client.js';
import { fundTranches, orgUnits, projects, users } from '../../db/schema/index.js';
import { AppError, fieldError } from '../../errors.js';
import { loadUnitInScope, scopeByUnit } from '../../plugins/scope.js';
import { recordAudit } from '../audit/audit.service.js';
import { attachUploads } from '../files/files.access.js';
import { canSeeProjectDetails, projectScope } from '../projects/projects.scope.js';
import { lockProject } from '../projects/projects.service.js';
import { getSettings } from '../settings/settings.service.js';

/*
 * 实际到位资金 — mirrors the stage-change review (transitions.service.ts): a tranche is reported
 * pending, a bureau reviewer other than the reporter verifies or rejects it, and only verified
 * tranches count. Verified rows are never updated; corrections are new rows pointing at them.
 */

type TrancheRow = typeof fundTranches.$inferSelect;
type TrancheInput = z.output<typeof trancheBody>;

const reporter = aliasedTable(users, 'reporter');
const reviewer = aliasedTable(users, 'reviewer');

function todayInChina(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

/** numeric → a plain decimal string without trailing zeros ("1200.5000" → "1200.5"). */
function trim(value: string | null): string {
  if (value === null) return '0';
  return value.includes('.') ? value.replace(/\.?0+$/, '') : value;
}

function selectTranches(db: Executor) {
  return db
    .select({ f: fundTranches, projectName: projects.name, unitName: orgUnits.name, reporterName: reporter.displayName, reviewerName: reviewer.displayName })
    .from(fundTranches)
    .innerJoin(projects, eq(projects.id, fundTranches.projectId))
    .innerJoin(orgUnits, eq(orgUnits.id, fundTranches.unitId))
    .innerJoin(reporter, eq(reporter.id, fundTranches.reportedBy))
    .leftJoin(reviewer, eq(reviewer.id, fundTranches.reviewedBy));
}

interface Row {
  f: TrancheRow;
  projectName: string;
  unitName: string;
  reporterName: string;
  reviewerName: string | null;
}

function toTranche(r: Row): Tranche {
  const f = r.f;
  return {
    id: f.id,
    projectId: f.projectId,
    projectName: r.projectName,
    unitId: f.unitId,
    unitName: r.unitName,
    date: f.date,
    currency: f.currency,
    amount: trim(f.amount),
    exchangeRate: f.exchangeRate === null ? null : trim(f.exchangeRate),
    rateDate: f.rateDate,
    amountCny: trim(f.amountCny),
    source: f.source,
    evidenceFileIds: f.evidenceFileIds,
    isPreSigning: f.isPreSigning,
    preSigningReason: f.preSigningReason,
    correctsId: f.correctsId,
    note: f.note,
    status: f.status,
    reportedBy: { id: f.reportedBy, displayName: r.reporterName },
    reportedAt: f.reportedAt.toISOString(),
    reviewedBy: f.reviewedBy ? { id: f.reviewedBy, displayName: r.reviewerName ?? '' } : null,
    reviewedAt: f.reviewedAt?.toISOString() ?? null,
    reviewNote: f.reviewNote,
    isDemo: f.isDemo,
  };
}

/** The project, if the actor may see its money (not departments or referrers): else 404. */
async function visibleProject(db: Executor, actor: Actor, projectId: number) {
  if (!canSeeProjectDetails(actor)) throw new AppError('NOT_FOUND', 404);
  const [p] = await db
    .select({ id: projects.id, contractedInvestment: projects.contractedInvestment, signedDate: projects.signedDate })
    .from(projects)
    .where(and(eq(projects.id, projectId), projectScope(actor)));
  if (!p) throw new AppError('NOT_FOUND', 404);
  return p;
}

/** The funds card: every tranche (newest first) and the totals, summed in SQL. */
export async function getProjectFunds(db: Executor, actor: Actor, projectId: number): Promise<ProjectFunds> {
  const p = await visibleProject(db, actor, projectId);
  const verified = sql`${fundTranches.status} = 'verified'`;
  const [rows, [totals], settings] = await Promise.all([
    selectTranches(db).where(eq(fundTranches.projectId, projectId)).orderBy(desc(fundTranches.date), desc(fundTranches.id)),
    db
      .select({
        verified: sql<string>`coalesce(sum(${fundTranches.amountCny}) filter (where ${verified}), 0)::text`,
        verifiedUsd: sql<string>`coalesce(sum(${fundTranches.amount}) filter (where ${verified} and ${fundTranches.currency} = 'USD'), 0)::text`,
        ...Object.fromEntries(
          FUND_SOURCES.map((s) => [s, sql<string>`coalesce(sum(${fundTranches.amountCny}) filter (where ${verified} and ${fundTranches.source} = ${s}), 0)::text`]),
        ),
        pending: sql<string>`coalesce(sum(${fundTranches.amountCny}) filter (where ${fundTranches.status} = 'pending'), 0)::text`,
        pendingCount: sql<number>`count(*) filter (where ${fundTranches.status} = 'pending')`.mapWith(Number),
        rejectedCount: sql<number>`count(*) filter (where ${fundTranches.status} = 'rejected')`.mapWith(Number),
        rate: p.contractedInvestment && new Decimal(p.contractedInvestment).gt(0)
          ? sql<string | null>`round(coalesce(sum(${fundTranches.amountCny}) filter (where ${verified}), 0) / ${p.contractedInvestment}::numeric, 4)::text`
          : sql<string | null>`null`,
      })
      .from(fundTranches)
      .where(eq(fundTranches.projectId, projectId)),
    getSettings(db),
  ]);
  const t = totals as unknown as Record<string, string | number | null>;
  return {
    items: rows.map(toTranche),
    totals: {
      verified: trim(t.verified as string),
      verifiedBySource: Object.fromEntries(FUND_SOURCES.map((s) => [s, trim(t[s] as string)])) as ProjectFunds['totals']['verifiedBySource'],
      verifiedUsd: trim(t.verifiedUsd as string),
      pending: trim(t.pending as string),
      pendingCount: Number(t.pendingCount ?? 0),
      rejectedCount: Number(t.rejectedCount ?? 0),
      rate: t.rate === null || t.rate === undefined ? null : String(t.rate),
    },
    contractedInvestment: p.contractedInvestment === null ? null : trim(p.contractedInvestment),
    signedDate: p.signedDate,
    usdCnyRate: settings.usdCnyRate,
  };
}

/** 到位资金审核队列: tranches by status within the actor's scope (unit subtree filter), paginated in SQL. */
export async function listTranches(db: Executor, actor: Actor, q: z.infer<typeof fundsQueueQuery>) {
  const conditions: SQL[] = [eq(fundTranches.status, q.status), canSeeProjectDetails(actor) ? scopeByUnit(actor, fundTranches.unitId) : sql`false`];
  if (q.unit) {
    const unit = await loadUnitInScope(db, actor, q.unit);
    conditions.push(scopeByUnit({ ...actor, unitPath: unit.path }, fundTranches.unitId));
  }
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    selectTranches(db)
      .where(where)
      .orderBy(q.status === 'pending' ? fundTranches.reportedAt : desc(fundTranches.reviewedAt), desc(fundTranches.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: countAll }).from(fundTranches).where(where),
  ]);
  return { items: rows.map(toTranche), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

async function getTranche(db: Executor, actor: Actor, projectId: number, id: number): Promise<Tranche> {
  await visibleProject(db, actor, projectId);
  const [row] = await selectTranches(db).where(and(eq(fundTranches.id, id), eq(fundTranches.projectId, projectId)));
  if (!row) throw new AppError('NOT_FOUND', 404);
  return toTranche(row);
}

/** What a correction leaves of the tranche it corrects: the original plus its corrections (verified, or also pending). */
async function correctedTotal(db: Executor, original: TrancheRow, opts: { includePending: boolean; excludeId?: number }): Promise<Decimal> {
  const statuses = opts.includePending ? sql`${fundTranches.status} in ('verified', 'pending')` : sql`${fundTranches.status} = 'verified'`;
  const [row] = await db
    .select({ sum: sql<string>`coalesce(sum(${fundTranches.amountCny}), 0)::text` })
    .from(fundTranches)
    .where(and(eq(fundTranches.correctsId, original.id), statuses, opts.excludeId ? ne(fundTranches.id, opts.excludeId) : undefined));
  return new Decimal(original.amountCny).plus(new Decimal(row?.sum ?? '0'));
}

/** 登记到位资金 (unit staff, bureau): a pending tranche that counts nowhere until verified. */
export async function reportTranche(db: Db, actor: Actor, projectId: number, input: TrancheInput): Promise<Tranche> {
  if (!canSeeProjectDetails(actor)) throw new AppError('NOT_FOUND', 404);
  if (input.date > todayInChina()) throw fieldError('FUTURE_DATE', 'date');
  if (input.rateDate && input.rateDate > todayInChina()) throw fieldError('FUTURE_DATE', 'rateDate');
  const id = await db.transaction(async (tx) => {
    const p = await lockProject(tx, actor, projectId);
    const exchangeRate = input.currency === 'USD' ? (input.exchangeRate ?? null) : null;
    const amountCny = amountInCny(input.amount, input.currency, exchangeRate);
    let isPreSigning = input.isPreSigning;
    if (input.correctsId) {
      // A correction restates a verified tranche of this project: same source, currency and rate.
      const [original] = await tx
        .select()
        .from(fundTranches)
        .where(and(eq(fundTranches.id, input.correctsId), eq(fundTranches.projectId, projectId)))
        .for('update');
      if (!original || original.status !== 'verified') throw fieldError('FUNDS_CORRECTION_TARGET', 'correctsId');
      const sameRate =
        original.currency === 'CNY' || (exchangeRate !== null && new Decimal(exchangeRate).eq(original.exchangeRate!) && input.rateDate === original.rateDate);
      if (original.source !== input.source || original.currency !== input.currency || !sameRate) throw fieldError('FUNDS_CORRECTION_MISMATCH', 'correctsId');
      const left = (await correctedTotal(tx, original, { includePending: true })).plus(amountCny);
      if (left.lt(0)) throw fieldError('FUNDS_CORRECTION_BELOW_ZERO', 'amount');
      // It corrects money already accepted: the signing-date rule was applied to the original.
      isPreSigning = false;
    } else {
      if (!p.signedDate || input.date < p.signedDate) {
        if (!input.isPreSigning) throw new AppError('FUNDS_BEFORE_SIGNING', 400, [{ field: 'date', message: 'FUNDS_BEFORE_SIGNING', signedDate: p.signedDate }]);
      }
      // Compared with the contracted amount (or, before signing, the planned one): a slipped unit
      // (万元 typed as 元, 万美元 as 万元) shows as a tranche ten times the whole project.
      const reference = p.contractedInvestment ?? p.plannedInvestment;
      if (!input.confirmLarge && isLargeTranche(amountCny, reference)) {
        throw new AppError('FUNDS_LARGE_CONFIRM', 409, [{ field: 'amount', message: 'FUNDS_LARGE_CONFIRM', amountCny, reference }]);
      }
    }
    const [row] = await tx
      .insert(fundTranches)
      .values({
        projectId,
        unitId: p.unitId,
        date: input.date,
        currency: input.currency,
        amount: input.amount,
        exchangeRate,
        rateDate: input.currency === 'USD' ? (input.rateDate ?? null) : null,
        amountCny,
        source: input.source,
        isPreSigning,
        preSigningReason: isPreSigning ? (input.preSigningReason?.trim() ?? null) : null,
        correctsId: input.correctsId ?? null,
        note: input.note?.trim() || null,
        reportedBy: actor.id,
      })
      .returning();
    const evidence = await attachUploads(tx, actor, input.evidenceFileIds, { entity: 'fund_tranche', entityId: row!.id, unitId: p.unitId }, 'evidenceFileIds');
    const [after] = evidence.length
      ? await tx.update(fundTranches).set({ evidenceFileIds: evidence }).where(eq(fundTranches.id, row!.id)).returning()
      : [row!];
    await recordAudit(tx, actor, { action: input.correctsId ? 'report_funds_correction' : 'report_funds', entity: 'project', entityId: projectId, unitId: p.unitId, after });
    return row!.id;
  });
  return getTranche(db, actor, projectId, id);
}

/** 审核通过 / 驳回 (bureau staff, never the reporter). A rejected tranche stays as history. */
export async function reviewTranche(
  db: Db,
  actor: Actor,
  projectId: number,
  trancheId: number,
  decision: { verify: true; note?: string | null } | { verify: false; reason: string },
): Promise<Tranche> {
  if (!canSeeProjectDetails(actor)) throw new AppError('NOT_FOUND', 404);
  await db.transaction(async (tx) => {
    const p = await lockProject(tx, actor, projectId);
    const [f] = await tx
      .select()
      .from(fundTranches)
      .where(and(eq(fundTranches.id, trancheId), eq(fundTranches.projectId, projectId)))
      .for('update');
    if (!f) throw new AppError('NOT_FOUND', 404);
    if (f.status !== 'pending') throw new AppError('FUNDS_NOT_PENDING', 409);
    if (f.reportedBy === actor.id) throw new AppError('SELF_REVIEW', 403);
    if (decision.verify && f.correctsId) {
      // Other corrections may have been verified since this one was reported.
      const [original] = await tx.select().from(fundTranches).where(eq(fundTranches.id, f.correctsId)).for('update');
      if (!original || original.status !== 'verified') throw new AppError('FUNDS_CORRECTION_TARGET', 409);
      const left = (await correctedTotal(tx, original, { includePending: false, excludeId: f.id })).plus(f.amountCny);
      if (left.lt(0)) throw new AppError('FUNDS_CORRECTION_BELOW_ZERO', 409);
    }
    const [after] = await tx
      .update(fundTranches)
      .set(
        decision.verify
          ? { status: 'verified', reviewedBy: actor.id, reviewedAt: new Date(), reviewNote: decision.note?.trim() || null }
          : { status: 'rejected', reviewedBy: actor.id, reviewedAt: new Date(), reviewNote: decision.reason.trim() },
      )
      .where(eq(fundTranches.id, trancheId))
      .returning();
    await recordAudit(tx, actor, { action: decision.verify ? 'verify_funds' : 'reject_funds', entity: 'project', entityId: projectId, unitId: p.unitId, before: f, after });
  });
  return getTranche(db, actor, projectId, trancheId);
}
