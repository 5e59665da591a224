import { aliasedTable, and, asc, desc, eq, gte, ilike, inArray, like, lt, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { normaliseCompanyName } from '../../../shared/company-name.js';
import {
  BLOCKING_STATUSES,
  type Referral,
  type ReferralConflict,
  type ReferralDetail,
  type referralListQuery,
  type ReferralStatus,
} from '../../../shared/api/referrals.js';
import type { Actor } from '../../actor.js';
import { countAll, queryRows, toCount, type Executor } from '../../db/client.js';
import { auditLog, orgUnits, referralConflicts, referrals, users } from '../../db/schema/index.js';
import { notFound } from '../../errors.js';
import { loadUnitInScope, scopeByUnit } from '../../plugins/scope.js';
import { findIndustry } from '../industries/industries.service.js';

/*
 * The read side of registrations (报备). Scope, in one place: staff see the registrations of units in
 * their scope; a referrer (乡贤, 中介) sees only what they registered themself; nobody else sees any.
 */

const registrar = aliasedTable(users, 'registrar');
const resolver = aliasedTable(users, 'resolver');
const earlier = aliasedTable(referrals, 'earlier');
const later = aliasedTable(referrals, 'later');

/** Which registrations the actor sees, on `referrals` or an alias of it. */
export function referralScopeOn(actor: Actor, t: typeof referrals): SQL {
  if (actor.role === 'referrer') return eq(t.registeredBy, actor.id);
  if (actor.role === 'department') return sql`false`;
  return scopeByUnit(actor, t.unitId);
}

export const referralScope = (actor: Actor) => referralScopeOn(actor, referrals);

/** Still inside its protection period and not withdrawn or rejected (the database clock decides). */
export function protectedCondition(t: typeof referrals = referrals): SQL {
  return sql`(${t.protectedUntil} > now() and ${inArray(t.status, [...BLOCKING_STATUSES])})`;
}

export function selectReferrals(db: Executor) {
  return db
    .select({
      r: referrals,
      unitName: orgUnits.name,
      registeredByName: registrar.displayName,
      isProtected: sql<boolean>`${protectedCondition()}`,
    })
    .from(referrals)
    .innerJoin(orgUnits, eq(orgUnits.id, referrals.unitId))
    .innerJoin(registrar, eq(registrar.id, referrals.registeredBy));
}

type SelectedRow = Awaited<ReturnType<ReturnType<typeof selectReferrals>['execute']>>[number];

/**
 * Rows to API objects, with each one's count of open conflicts. Counted for the page only, after
 * the LIMIT: as a column of the select, PostgreSQL would count it for every row before sorting.
 */
export async function toReferrals(db: Executor, rows: SelectedRow[]): Promise<Referral[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((x) => x.r.id);
  const counts = await queryRows<{ id: number; n: unknown }>(
    db,
    sql`select id, count(*) as n from (
          select ${referralConflicts.earlierId} as id from ${referralConflicts} where ${referralConflicts.status} = 'open' and ${inArray(referralConflicts.earlierId, ids)}
          union all
          select ${referralConflicts.laterId} as id from ${referralConflicts} where ${referralConflicts.status} = 'open' and ${inArray(referralConflicts.laterId, ids)}
        ) x group by id`,
  );
  const byId = new Map(counts.map((c) => [Number(c.id), toCount(c.n)]));
  return rows.map((x) => toReferral(x, byId.get(x.r.id) ?? 0));
}

function toReferral(x: SelectedRow, openConflicts: number): Referral {
  const r = x.r;
  return {
    id: r.id,
    investorName: r.investorName,
    uscc: r.uscc,
    investorId: r.investorId,
    projectIntent: r.projectIntent,
    intendedAmount: r.intendedAmount,
    industryCode: r.industryCode,
    industryName: r.industryCode ? (findIndustry(r.industryCode)?.name ?? null) : null,
    referrerName: r.referrerName,
    referrerKind: r.referrerKind as Referral['referrerKind'],
    referrerPhone: r.referrerPhone,
    referrerUserId: r.referrerUserId,
    unitId: r.unitId,
    unitName: x.unitName,
    registeredBy: { id: r.registeredBy, displayName: x.registeredByName },
    registeredAt: r.registeredAt.toISOString(),
    protectedUntil: r.protectedUntil.toISOString(),
    isProtected: Boolean(x.isProtected),
    evidenceFileIds: r.evidenceFileIds,
    note: r.note,
    projectId: r.projectId,
    status: r.status as ReferralStatus,
    openConflicts,
    isDemo: r.isDemo,
  };
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function listReferrals(db: Executor, actor: Actor, q: z.infer<typeof referralListQuery>) {
  const c: (SQL | undefined)[] = [referralScope(actor)];
  if (q.unitId) {
    const unit = await loadUnitInScope(db, actor, q.unitId);
    c.push(inArray(referrals.unitId, sql`(select id from ${orgUnits} where ${orgUnits.path} like ${`${escapeLike(unit.path)}%`})`));
  }
  if (q.status) c.push(inArray(referrals.status, q.status));
  if (q.mine) c.push(eq(referrals.registeredBy, actor.id));
  if (q.isProtected !== undefined) c.push(q.isProtected ? protectedCondition() : sql`not ${protectedCondition()}`);
  if (q.from) c.push(gte(referrals.registeredAt, new Date(`${q.from}T00:00:00+08:00`)));
  if (q.to) c.push(lt(referrals.registeredAt, sql`${`${q.to}T00:00:00+08:00`}::timestamptz + interval '1 day'`));
  if (q.q) {
    const norm = normaliseCompanyName(q.q);
    c.push(
      or(
        ilike(referrals.investorName, `%${escapeLike(q.q)}%`),
        norm ? like(referrals.investorNameNorm, `%${escapeLike(norm)}%`) : undefined,
        /^[0-9A-Za-z]{6,18}$/.test(q.q) ? like(referrals.uscc, `${q.q.toUpperCase()}%`) : undefined,
      ),
    );
  }
  const where = and(...c);
  const [rows, [total]] = await Promise.all([
    selectReferrals(db)
      .where(where)
      .orderBy(desc(referrals.registeredAt), desc(referrals.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: countAll }).from(referrals).where(where),
  ]);
  return { items: await toReferrals(db, rows), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

/** Conflicts matching `where` (on referral_conflicts joined to `earlier` and `later`), oldest first. */
export async function loadConflicts(db: Executor, actor: Actor, where: SQL | undefined, page?: { limit: number; offset: number }): Promise<ReferralConflict[]> {
  let query = db
    .select({
      c: referralConflicts,
      resolverName: resolver.displayName,
      earlierVisible: sql<boolean>`${referralScopeOn(actor, earlier)}`,
      laterVisible: sql<boolean>`${referralScopeOn(actor, later)}`,
    })
    .from(referralConflicts)
    .innerJoin(earlier, eq(earlier.id, referralConflicts.earlierId))
    .innerJoin(later, eq(later.id, referralConflicts.laterId))
    .leftJoin(resolver, eq(resolver.id, referralConflicts.resolvedBy))
    .where(where)
    .orderBy(asc(referralConflicts.detectedAt), asc(referralConflicts.id))
    .$dynamic();
  if (page) query = query.limit(page.limit).offset(page.offset);
  const rows = await query;
  if (rows.length === 0) return [];
  const ids = [...new Set(rows.flatMap((x) => [x.c.earlierId, x.c.laterId]))];
  const parties = new Map((await toReferrals(db, await selectReferrals(db).where(inArray(referrals.id, ids)))).map((p) => [p.id, p]));
  const side = (id: number, isVisible: boolean) => {
    const p = parties.get(id)!;
    return {
      id: p.id,
      unitId: p.unitId,
      unitName: p.unitName,
      registeredAt: p.registeredAt,
      referrerKind: p.referrerKind,
      status: p.status,
      isProtected: p.isProtected,
      isVisible,
      detail: isVisible ? p : null,
    };
  };
  const unitNames = new Map([...parties.values()].map((p) => [p.unitId, p.unitName]));
  return rows.map(({ c, resolverName, earlierVisible, laterVisible }) => ({
    id: c.id,
    matchedBy: c.matchedBy as ReferralConflict['matchedBy'],
    status: c.status as ReferralConflict['status'],
    detectedAt: c.detectedAt.toISOString(),
    earlier: side(c.earlierId, Boolean(earlierVisible)),
    later: side(c.laterId, Boolean(laterVisible)),
    winnerId: c.winnerId,
    creditSplit: Array.isArray(c.creditSplit)
      ? (c.creditSplit as { unitId: number; percent: number }[]).map((s) => ({ ...s, unitName: unitNames.get(s.unitId) ?? '' }))
      : null,
    resolution: c.resolution,
    resolvedBy: c.resolvedBy ? { id: c.resolvedBy, displayName: resolverName ?? '' } : null,
    resolvedAt: c.resolvedAt?.toISOString() ?? null,
  }));
}

/** Conflicts the bureau arbitrates: both registrations in its scope (a county cannot decide against another county). */
export function arbitrableCondition(actor: Actor): SQL {
  return and(scopeByUnit(actor, earlier.unitId), scopeByUnit(actor, later.unitId)) as SQL;
}

/** A conflict is visible to either party (and to whoever sees both). */
export function partyCondition(actor: Actor): SQL {
  return or(referralScopeOn(actor, earlier), referralScopeOn(actor, later)) as SQL;
}

export async function countConflicts(db: Executor, where: SQL | undefined): Promise<number> {
  const [row] = await db
    .select({ n: countAll })
    .from(referralConflicts)
    .innerJoin(earlier, eq(earlier.id, referralConflicts.earlierId))
    .innerJoin(later, eq(later.id, referralConflicts.laterId))
    .where(where);
  return row?.n ?? 0;
}

// Events worth showing on a registration. Status changes are consequences (detection, arbitration):
// who triggered them is not shown, since it may be the other party's registrant.
const EVENT_ACTIONS = ['create', 'note', 'withdraw', 'link_project', 'status'];

async function loadEvents(db: Executor, id: number): Promise<ReferralDetail['events']> {
  const rows = await db
    .select({ at: auditLog.at, action: auditLog.action, actorName: auditLog.actorName, after: auditLog.after })
    .from(auditLog)
    .where(and(eq(auditLog.entity, 'referral'), eq(auditLog.entityId, String(id)), inArray(auditLog.action, EVENT_ACTIONS)))
    .orderBy(asc(auditLog.id));
  return rows.map((e) => {
    const after = (e.after ?? {}) as { text?: string; reason?: string; status?: ReferralStatus; projectId?: number };
    return {
      at: e.at.toISOString(),
      action: e.action,
      actorName: e.action === 'status' ? null : e.actorName,
      text: e.action === 'note' ? (after.text ?? null) : e.action === 'withdraw' ? (after.reason ?? null) : null,
      status: e.action === 'status' || e.action === 'withdraw' ? (after.status ?? null) : null,
    };
  });
}

/** A registration the actor may see, with its conflicts and events; 404 otherwise. */
export async function getReferral(db: Executor, actor: Actor, id: number): Promise<ReferralDetail> {
  const [row] = await selectReferrals(db).where(and(eq(referrals.id, id), referralScope(actor)));
  if (!row) throw notFound();
  const [conflicts, events] = await Promise.all([
    loadConflicts(db, actor, or(eq(referralConflicts.earlierId, id), eq(referralConflicts.laterId, id))),
    loadEvents(db, id),
  ]);
  return { ...(await toReferrals(db, [row]))[0]!, conflicts, events };
}
