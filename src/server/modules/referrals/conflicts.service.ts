import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { BLOCKING_STATUSES, type conflictListQuery, type ReferralConflict, type ReferralStatus, type ResolveInput } from '../../../shared/api/referrals.js';
import type { Actor } from '../../actor.js';
import type { Db, Executor, Tx } from '../../db/client.js';
import { orgUnits, referralConflicts, referrals } from '../../db/schema/index.js';
import { AppError, fieldError, notFound } from '../../errors.js';
import { isUnitPathInScope } from '../../plugins/scope.js';
import { recordAudit } from '../audit/audit.service.js';
import { arbitrableCondition, countConflicts, loadConflicts, partyCondition } from './referrals.queries.js';

/*
 * Credit conflicts (报备冲突, domain.md §6). A later registration of the same investor (same USCC or
 * same normalised name) inside an earlier one's protection period is a conflict: both registrations
 * are kept, both turn to `conflict`, and the bureau decides — a winner, a reason and optionally a
 * credit split between the two registering units (e.g. 70/30).
 */

type ReferralRow = typeof referrals.$inferSelect;

/**
 * Every transaction that changes registrations or conflicts takes this lock first. It serialises two
 * registrations of the same investor (so they see each other), and it keeps row locks from crossing:
 * a withdrawal, an arbitration and a registration touching the same rows in different orders, each
 * then waiting on the audit chain's lock, deadlock otherwise (seen in the concurrency test). Cheap:
 * every write in the app already queues on the audit chain's single lock at its first audit entry.
 * Two-key form, so it cannot collide with the audit chain's one-key lock.
 */
export async function lockReferralWrites(tx: Tx) {
  await tx.execute(sql`select pg_advisory_xact_lock(${0x5a52}::int, 1)`);
}

/** Record a status change of a registration (status and project_id are the only columns that move after the fact). */
async function setStatus(tx: Tx, actor: Actor, row: Pick<ReferralRow, 'id' | 'unitId' | 'status'>, status: ReferralStatus) {
  if (row.status === status) return;
  await tx.update(referrals).set({ status }).where(eq(referrals.id, row.id));
  await recordAudit(tx, actor, { action: 'status', entity: 'referral', entityId: row.id, unitId: row.unitId, before: { status: row.status }, after: { status } });
}

export interface NewRegistration {
  investorNameNorm: string;
  uscc: string | null;
  /** ISO 8601 instants, as the server set them. */
  registeredAt: string;
  protectedUntil: string;
}

export type ConflictMatch = Pick<ReferralRow, 'id' | 'uscc' | 'unitId' | 'status' | 'registeredAt'>;

/**
 * The registrations a new one collides with: same USCC or same normalised name, not withdrawn or
 * rejected, and whichever came first still protected when the other was registered. Runs before the
 * insert, under the caller's `lockReferralWrites`, so two registrations filed at once see each other.
 * The new row gets the larger id, so on an equal timestamp the existing one counts as earlier.
 */
export async function findConflicting(tx: Tx, n: NewRegistration): Promise<ConflictMatch[]> {
  const at = sql`${n.registeredAt}::timestamptz`;
  return tx
    .select({ id: referrals.id, uscc: referrals.uscc, unitId: referrals.unitId, status: referrals.status, registeredAt: referrals.registeredAt })
    .from(referrals)
    .where(
      and(
        inArray(referrals.status, [...BLOCKING_STATUSES]),
        or(eq(referrals.investorNameNorm, n.investorNameNorm), n.uscc ? eq(referrals.uscc, n.uscc) : undefined),
        sql`case when ${referrals.registeredAt} <= ${at}
                 then ${referrals.protectedUntil} > ${at}
                 else ${referrals.registeredAt} < ${n.protectedUntil}::timestamptz end`,
      ),
    )
    .orderBy(asc(referrals.id))
    .for('update');
}

/** Record one conflict per match (the new registration already carries status `conflict`). */
export async function recordConflicts(tx: Tx, actor: Actor, row: ReferralRow, matches: ConflictMatch[]): Promise<number[]> {
  const conflictIds: number[] = [];
  for (const m of matches) {
    const isEarlier = m.registeredAt.getTime() <= row.registeredAt.getTime();
    const [c] = await tx
      .insert(referralConflicts)
      .values({
        earlierId: isEarlier ? m.id : row.id,
        laterId: isEarlier ? row.id : m.id,
        matchedBy: row.uscc && m.uscc === row.uscc ? 'uscc' : 'name',
      })
      .onConflictDoNothing()
      .returning();
    if (!c) continue;
    conflictIds.push(c.id);
    await recordAudit(tx, actor, { action: 'create', entity: 'referral_conflict', entityId: c.id, unitId: row.unitId, after: c });
    await setStatus(tx, actor, m, 'conflict');
  }
  return conflictIds;
}

/** conflict while any dispute is open; else confirmed if it came through an arbitration; else active. */
async function settleStatus(tx: Tx, actor: Actor, id: number) {
  const [row] = await tx.select().from(referrals).where(eq(referrals.id, id)).for('update');
  if (!row || row.status === 'withdrawn' || row.status === 'rejected') return;
  const involved = or(eq(referralConflicts.earlierId, id), eq(referralConflicts.laterId, id));
  const states = await tx.select({ status: referralConflicts.status }).from(referralConflicts).where(involved);
  // A rejected registration never reaches here, so a resolved conflict means it won or shares credit.
  const status: ReferralStatus = states.some((s) => s.status === 'open') ? 'conflict' : states.some((s) => s.status === 'resolved') ? 'confirmed' : 'active';
  await setStatus(tx, actor, row, status);
}

/**
 * A registration left the field (withdrawn, or rejected in another arbitration): its other open
 * conflicts have nothing left to decide. They become `void` and the other parties settle.
 */
export async function voidOpenConflicts(tx: Tx, actor: Actor, id: number) {
  const open = await tx
    .update(referralConflicts)
    .set({ status: 'void', resolvedBy: actor.id || null, resolvedAt: new Date() })
    .where(and(eq(referralConflicts.status, 'open'), or(eq(referralConflicts.earlierId, id), eq(referralConflicts.laterId, id))))
    .returning();
  const [self] = await tx.select({ unitId: referrals.unitId }).from(referrals).where(eq(referrals.id, id));
  for (const c of open.sort((a, b) => a.id - b.id)) {
    await recordAudit(tx, actor, { action: 'void', entity: 'referral_conflict', entityId: c.id, unitId: self?.unitId ?? null, before: { status: 'open' }, after: c });
    await settleStatus(tx, actor, c.earlierId === id ? c.laterId : c.earlierId);
  }
}

export async function listConflicts(db: Executor, actor: Actor, q: z.infer<typeof conflictListQuery>) {
  const where = and(arbitrableCondition(actor), q.status === 'all' ? undefined : eq(referralConflicts.status, q.status));
  const [items, total] = await Promise.all([
    loadConflicts(db, actor, where, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize }),
    countConflicts(db, where),
  ]);
  return { items, total, page: q.page, pageSize: q.pageSize };
}

/** One conflict, for the bureau or for either party; 404 for anyone else. */
export async function getConflict(db: Executor, actor: Actor, id: number): Promise<ReferralConflict> {
  const [c] = await loadConflicts(db, actor, and(eq(referralConflicts.id, id), partyCondition(actor)));
  if (!c) throw notFound();
  return c;
}

/**
 * The bureau's decision. The winner is the first referrer (only one per project). With a split that
 * gives the other unit a share, both registrations end `confirmed` — both hold credit, and calling the
 * other `rejected` would drop its share from reward calculations; without one, the other is `rejected`.
 */
export async function resolveConflict(db: Db, actor: Actor, id: number, input: ResolveInput): Promise<ReferralConflict> {
  await db.transaction(async (tx) => {
    await lockReferralWrites(tx);
    const [c] = await tx.select().from(referralConflicts).where(eq(referralConflicts.id, id)).for('update');
    if (!c) throw notFound();
    const parties = await tx
      .select({ r: referrals, unitPath: orgUnits.path })
      .from(referrals)
      .innerJoin(orgUnits, eq(orgUnits.id, referrals.unitId))
      .where(inArray(referrals.id, [c.earlierId, c.laterId]))
      .orderBy(asc(referrals.id))
      .for('update', { of: referrals });
    // The arbitrator must oversee both units; otherwise the conflict is not theirs to see here.
    if (parties.length !== 2 || !parties.every((p) => isUnitPathInScope(actor, p.unitPath))) throw notFound();
    if (c.status !== 'open') throw new AppError('CONFLICT_RESOLVED', 409, { status: c.status });
    if (parties.some((p) => p.r.registeredBy === actor.id)) throw new AppError('CONFLICT_SELF', 403);
    const winner = parties.find((p) => p.r.id === input.winnerId)?.r;
    if (!winner) throw fieldError('CONFLICT_WINNER', 'winnerId');
    if (winner.status === 'withdrawn' || winner.status === 'rejected') throw fieldError('REFERRAL_CLOSED', 'winnerId', 409);
    const loser = parties.find((p) => p.r.id !== input.winnerId)!.r;

    const split = input.creditSplit ?? [{ unitId: winner.unitId, percent: 100 }];
    const units = new Set([winner.unitId, loser.unitId]);
    const badUnit = split.findIndex((s) => !units.has(s.unitId));
    if (badUnit >= 0) throw fieldError('CREDIT_SPLIT_UNIT', `creditSplit.${badUnit}.unitId`);
    const shareOf = (unitId: number) => split.find((s) => s.unitId === unitId)?.percent ?? 0;
    if (shareOf(winner.unitId) === 0) throw fieldError('CREDIT_SPLIT_WINNER', 'creditSplit');
    const loserShares = loser.unitId !== winner.unitId && shareOf(loser.unitId) > 0;

    const [after] = await tx
      .update(referralConflicts)
      .set({ status: 'resolved', winnerId: winner.id, creditSplit: split, resolution: input.reason, resolvedBy: actor.id, resolvedAt: new Date() })
      .where(eq(referralConflicts.id, id))
      .returning();
    await recordAudit(tx, actor, { action: 'resolve', entity: 'referral_conflict', entityId: id, unitId: winner.unitId, before: c, after });
    if (!loserShares) {
      await setStatus(tx, actor, loser, 'rejected');
      await voidOpenConflicts(tx, actor, loser.id);
    } else {
      await settleStatus(tx, actor, loser.id);
    }
    await settleStatus(tx, actor, winner.id);
  });
  return getConflict(db, actor, id);
}
