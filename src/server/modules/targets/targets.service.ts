import Decimal from 'decimal.js';
import { and, asc, eq, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import {
  isCountMetric,
  isTargetMetric,
  TARGET_YEAR_MAX,
  TARGET_YEAR_MIN,
  type approveBody,
  type Decomposition,
  type decompositionBody,
  type decompositionQuery,
  type Target,
  type targetBody,
  type targetsQuery,
} from '../../../shared/api/targets.js';
import type { Actor } from '../../actor.js';
import { countAll, type Db, type Executor, type Tx } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { auditLog, orgUnits, targets, users } from '../../db/schema/index.js';
import { AppError, fieldError, notFound } from '../../errors.js';
import { loadScopeRootUnit, loadUnitInScope, scopeByUnit } from '../../plugins/scope.js';
import { recordAudit } from '../audit/audit.service.js';
import { getSettings } from '../settings/settings.service.js';
import { enabledChildren, loadTargets, selectTargets, TARGET_ORDER, toTarget, unitTargetsOf, type TargetRow } from './targets.queries.js';

/*
 * 目标管理 (issue 5 item 1). One row per (year, unit, metric, person-or-none), edited in place while a
 * draft; every change is audited in its own transaction, so the audit log is the target's history.
 * Approval locks a target. To change an approved target the bureau unlocks it with a written reason
 * (back to draft, audited), edits it and approves it again: one row, one history, rather than a new
 * entry per revision that every list and progress query would then have to pick the latest of.
 */

type Unit = typeof orgUnits.$inferSelect;

// ---- input rules ---------------------------------------------------------------------------------

export function checkYear(year: number, field = 'year'): void {
  if (year < TARGET_YEAR_MIN || year > TARGET_YEAR_MAX) throw fieldError('TARGET_YEAR_RANGE', field);
}

async function checkMetric(db: Executor, metric: string, field = 'metric'): Promise<void> {
  const settings = await getSettings(db);
  if (!isTargetMetric(metric, settings.sizeTiers)) throw fieldError('TARGET_METRIC_UNKNOWN', field);
}

/** A value a target may hold for the metric, normalised to 4 decimals. */
function checkValue(metric: string, value: string, field: string): string {
  const v = new Decimal(value);
  if (v.isNegative() && !v.isZero()) throw fieldError('TARGET_NEGATIVE', field);
  if (isCountMetric(metric) && !v.isInteger()) throw fieldError('TARGET_COUNT_FRACTION', field);
  return v.abs().toFixed(4);
}

/** Unit staff draft below their unit; their own unit's target is set from above (persons in it are theirs). */
function checkMayWriteUnitTarget(actor: Actor, unit: Unit): void {
  if (actor.role === 'unit_staff' && unit.path === actor.unitPath) throw new AppError('TARGET_OWN_UNIT', 403, [{ field: 'unitId', message: 'TARGET_OWN_UNIT' }]);
}

// ---- reads -----------------------------------------------------------------------------------------

/** 目标列表: a year's targets in the caller's scope (or a unit's subtree within it), filtered and paginated in SQL. */
export async function listTargets(db: Executor, actor: Actor, q: z.output<typeof targetsQuery>) {
  checkYear(q.year);
  const conditions: (SQL | undefined)[] = [eq(targets.year, q.year), scopeByUnit(actor, targets.unitId)];
  if (q.unit !== undefined) {
    const unit = await loadUnitInScope(db, actor, q.unit);
    conditions.push(q.subtree ? scopeByUnit({ ...actor, unitPath: unit.path }, targets.unitId) : eq(targets.unitId, unit.id));
  }
  if (q.metric !== undefined) conditions.push(eq(targets.metric, q.metric));
  if (q.status !== undefined) conditions.push(eq(targets.status, q.status));
  if (q.user !== undefined) conditions.push(eq(targets.userId, q.user));
  if (q.persons !== undefined) conditions.push(q.persons ? isNotNull(targets.userId) : isNull(targets.userId));
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    selectTargets(db).where(where).orderBy(...TARGET_ORDER).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    db.select({ n: countAll }).from(targets).innerJoin(orgUnits, eq(orgUnits.id, targets.unitId)).where(where),
  ]);
  return { items: rows.map(toTarget), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

/** A target in the caller's scope, or 404 (outside scope answers like missing). */
export async function getTarget(db: Executor, actor: Actor, id: number): Promise<Target> {
  const [row] = await selectTargets(db).where(and(eq(targets.id, id), scopeByUnit(actor, targets.unitId)));
  if (!row) throw notFound();
  return toTarget(row);
}

/** 目标分解 as it stands: the parent's target, every enabled direct child with its target, and whether they add up. */
export async function getDecomposition(db: Executor, actor: Actor, q: z.output<typeof decompositionQuery>): Promise<Decomposition> {
  checkYear(q.year);
  const unit = await defaultTargetUnit(db, actor, q.unit);
  const children = await enabledChildren(db, unit.id);
  const byUnit = await unitTargetsOf(db, q.year, q.metric, [unit.id, ...children.map((c) => c.id)]);
  const parent = byUnit.get(unit.id) ?? null;
  const childTargets = children.map((c) => byUnit.get(c.id) ?? null);
  const childrenSum = childTargets.reduce((acc, t) => (t ? acc.plus(t.value) : acc), new Decimal(0));
  const difference = parent ? childrenSum.minus(parent.value) : null;
  return {
    year: q.year,
    metric: q.metric,
    unit: { id: unit.id, name: unit.name },
    parent,
    children: children.map((c, i) => ({ unitId: c.id, unitName: c.name, unitType: c.type, target: childTargets[i]! })),
    childrenSum: childrenSum.toString(),
    difference: difference === null ? null : difference.toString(),
    // Nothing decomposed yet is not a mismatch: the warning is for children that were given targets.
    isMismatch: difference !== null && childTargets.some((t) => t !== null) && !difference.isZero(),
  };
}

/** A target's history: every audited change of it, oldest first. */
export async function targetHistory(db: Executor, actor: Actor, id: number) {
  await getTarget(db, actor, id);
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entity, 'target'), eq(auditLog.entityId, String(id))))
    .orderBy(asc(auditLog.id));
  return {
    items: rows.map((r) => ({ id: r.id, at: r.at.toISOString(), actorName: r.actorName, action: r.action, before: r.before, after: r.after })),
  };
}

// ---- writes ----------------------------------------------------------------------------------------

interface TargetKey {
  year: number;
  unitId: number;
  userId: number | null;
  metric: string;
}

/**
 * Create the target or change its value and note, as `actor`, inside `tx`. Unchanged input is a
 * no-op (so a decomposition saved again leaves approved children alone); changing an approved target
 * is refused (409 TARGET_APPROVED, naming `field`).
 */
async function writeTarget(tx: Tx, actor: Actor, key: TargetKey, value: string, note: string | null | undefined, field: string, opts: { isDemo?: boolean } = {}): Promise<number> {
  const [existing] = await tx
    .select()
    .from(targets)
    .where(and(eq(targets.year, key.year), eq(targets.unitId, key.unitId), eq(targets.metric, key.metric), key.userId === null ? isNull(targets.userId) : eq(targets.userId, key.userId)))
    .for('update');
  if (existing) return changeTarget(tx, actor, existing, value, note, field);
  const [row] = await tx
    .insert(targets)
    .values({ ...key, value, note: note?.trim() || null, createdBy: actor.id, updatedBy: actor.id, isDemo: opts.isDemo ?? false })
    .returning();
  await recordAudit(tx, actor, { action: 'create_target', entity: 'target', entityId: row!.id, unitId: key.unitId, after: row });
  return row!.id;
}

async function changeTarget(tx: Tx, actor: Actor, existing: TargetRow, value: string, note: string | null | undefined, field: string): Promise<number> {
  const nextNote = note === undefined ? existing.note : note?.trim() || null;
  if (new Decimal(existing.value).eq(value) && nextNote === existing.note) return existing.id;
  if (existing.status === 'approved') throw new AppError('TARGET_APPROVED', 409, [{ field, message: 'TARGET_APPROVED', targetId: existing.id }]);
  const [after] = await tx
    .update(targets)
    .set({ value, note: nextNote, version: existing.version + 1, updatedBy: actor.id, updatedAt: new Date() })
    .where(eq(targets.id, existing.id))
    .returning();
  await recordAudit(tx, actor, { action: 'update_target', entity: 'target', entityId: existing.id, unitId: existing.unitId, before: existing, after });
  return existing.id;
}

/** Two first saves of the same key at once: the loser is told to reload, not given a 500. */
async function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await db.transaction(work);
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('VERSION_CONFLICT', 409);
    throw err;
  }
}

/** The person must be an enabled user of the unit or a unit below it. */
async function checkPerson(tx: Tx, unit: Unit, userId: number): Promise<void> {
  const [row] = await tx
    .select({ id: users.id })
    .from(users)
    .innerJoin(orgUnits, eq(orgUnits.id, users.unitId))
    .where(and(eq(users.id, userId), eq(users.isDisabled, false), sql`${orgUnits.path} like ${`${unit.path}%`}`));
  if (!row) throw fieldError('TARGET_USER_UNIT', 'userId');
}

/** 拟定目标: create or change one draft target, a unit's or (with userId) a person's. */
export async function saveTarget(db: Db, actor: Actor, input: z.output<typeof targetBody>): Promise<Target> {
  checkYear(input.year);
  await checkMetric(db, input.metric);
  const value = checkValue(input.metric, input.value, 'value');
  const userId = input.userId ?? null;
  const id = await inTransaction(db, async (tx) => {
    const unit = await loadUnitInScope(tx, actor, input.unitId, { lock: 'share' });
    if (unit.isDisabled) throw fieldError('UNIT_DISABLED', 'unitId');
    if (userId === null) checkMayWriteUnitTarget(actor, unit);
    else await checkPerson(tx, unit, userId);
    return writeTarget(tx, actor, { year: input.year, unitId: unit.id, userId, metric: input.metric }, value, input.note, 'value');
  });
  return getTarget(db, actor, id);
}

/**
 * 目标分解: the parent's target (unless omitted) and its direct children's, in one transaction. A
 * child that is not an enabled direct child of the unit is refused naming its field; the children's
 * sum is not required to match the parent (the response says when it does not).
 */
export async function saveDecomposition(db: Db, actor: Actor, input: z.output<typeof decompositionBody>): Promise<Decomposition> {
  checkYear(input.year);
  await checkMetric(db, input.metric);
  const parentValue = input.parent === undefined ? undefined : checkValue(input.metric, input.parent, 'parent');
  const childValues = input.children.map((c, i) => checkValue(input.metric, c.value, `children.${i}.value`));
  await inTransaction(db, async (tx) => {
    const unit = await loadUnitInScope(tx, actor, input.unitId, { lock: 'share' });
    const children = new Set((await enabledChildren(tx, unit.id)).map((c) => c.id));
    const seen = new Set<number>();
    input.children.forEach((c, i) => {
      if (!children.has(c.unitId)) throw fieldError('TARGET_NOT_CHILD', `children.${i}.unitId`);
      if (seen.has(c.unitId)) throw fieldError('TARGET_CHILD_DUPLICATE', `children.${i}.unitId`);
      seen.add(c.unitId);
    });
    const key = { year: input.year, userId: null, metric: input.metric };
    if (parentValue !== undefined) {
      const [current] = await tx
        .select({ value: targets.value })
        .from(targets)
        .where(and(eq(targets.year, input.year), eq(targets.unitId, unit.id), eq(targets.metric, input.metric), isNull(targets.userId)));
      // Unit staff may resend their unit's target as it stands, not change it.
      if (!current || !new Decimal(current.value).eq(parentValue)) checkMayWriteUnitTarget(actor, unit);
      await writeTarget(tx, actor, { ...key, unitId: unit.id }, parentValue, undefined, 'parent');
    }
    for (const [i, c] of input.children.entries()) {
      await writeTarget(tx, actor, { ...key, unitId: c.unitId }, childValues[i]!, undefined, `children.${i}.value`);
    }
  });
  return getDecomposition(db, actor, { year: input.year, unit: input.unitId, metric: input.metric });
}

/** Lock targets of the caller's scope for update, all or 404. */
async function lockTargets(tx: Tx, actor: Actor, ids: number[]): Promise<TargetRow[]> {
  const rows = await tx
    .select()
    .from(targets)
    .where(and(inArray(targets.id, ids), scopeByUnit(actor, targets.unitId)))
    .orderBy(asc(targets.id))
    .for('update');
  if (rows.length !== new Set(ids).size) throw notFound();
  return rows;
}

/** 审定: the bureau approves (locks) draft targets, all in one transaction. */
export async function approveTargets(db: Db, actor: Actor, input: z.output<typeof approveBody>): Promise<{ items: Target[] }> {
  const ids = [...new Set(input.ids)];
  await db.transaction(async (tx) => {
    const rows = await lockTargets(tx, actor, ids);
    const approved = rows.find((r) => r.status !== 'draft');
    if (approved) throw new AppError('TARGET_NOT_DRAFT', 409, [{ field: 'ids', message: 'TARGET_NOT_DRAFT', targetId: approved.id }]);
    const now = new Date();
    for (const before of rows) {
      const [after] = await tx.update(targets).set({ status: 'approved', approvedBy: actor.id, approvedAt: now }).where(eq(targets.id, before.id)).returning();
      await recordAudit(tx, actor, { action: 'approve_target', entity: 'target', entityId: before.id, unitId: before.unitId, before, after: { ...after, approvalNote: input.note?.trim() || null } });
    }
  });
  return { items: await loadTargets(db, inArray(targets.id, ids)) };
}

/** 解锁: the bureau returns an approved target to draft, with the reason recorded in the audit log. */
export async function unlockTarget(db: Db, actor: Actor, id: number, reason: string): Promise<Target> {
  await db.transaction(async (tx) => {
    const [before] = await lockTargets(tx, actor, [id]);
    if (before!.status !== 'approved') throw new AppError('TARGET_NOT_APPROVED', 409);
    const [after] = await tx
      .update(targets)
      .set({ status: 'draft', approvedBy: null, approvedAt: null, version: before!.version + 1, updatedBy: actor.id, updatedAt: new Date() })
      .where(eq(targets.id, id))
      .returning();
    await recordAudit(tx, actor, { action: 'unlock_target', entity: 'target', entityId: id, unitId: before!.unitId, before, after: { ...after, reason: reason.trim() } });
  });
  return getTarget(db, actor, id);
}

/** The unit the targets screens open on when none is asked for. */
export async function defaultTargetUnit(db: Executor, actor: Actor, unitId: number | undefined): Promise<Unit> {
  return unitId === undefined ? loadScopeRootUnit(db, actor) : loadUnitInScope(db, actor, unitId);
}
