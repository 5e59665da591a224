import { aliasedTable, and, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Target } from '../../../shared/api/targets.js';
import type { Executor } from '../../db/client.js';
import { orgUnits, targets, users } from '../../db/schema/index.js';

/* The reads every targets use case shares: one select with the names, one row shape. */

export type TargetRow = typeof targets.$inferSelect;

const person = aliasedTable(users, 'person');
const updater = aliasedTable(users, 'updater');
const approver = aliasedTable(users, 'approver');

/** numeric → a plain decimal string without trailing zeros ("1200.5000" → "1200.5", "12.0000" → "12"). */
export function plainDecimal(value: string): string {
  return value.includes('.') ? value.replace(/\.?0+$/, '') : value;
}

export function selectTargets(db: Executor) {
  return db
    .select({ t: targets, unitName: orgUnits.name, userName: person.displayName, updaterName: updater.displayName, approverName: approver.displayName })
    .from(targets)
    .innerJoin(orgUnits, eq(orgUnits.id, targets.unitId))
    .leftJoin(person, eq(person.id, targets.userId))
    .innerJoin(updater, eq(updater.id, targets.updatedBy))
    .leftJoin(approver, eq(approver.id, targets.approvedBy));
}

/** The order targets are shown in: the org tree's order, unit targets before persons', then metric. */
export const TARGET_ORDER = [asc(orgUnits.depth), asc(orgUnits.sortOrder), asc(targets.unitId), sql`${targets.userId} nulls first`, asc(targets.metric)];

interface Row {
  t: TargetRow;
  unitName: string;
  userName: string | null;
  updaterName: string;
  approverName: string | null;
}

export function toTarget(r: Row): Target {
  const t = r.t;
  return {
    id: t.id,
    year: t.year,
    unitId: t.unitId,
    unitName: r.unitName,
    userId: t.userId,
    userName: t.userId === null ? null : (r.userName ?? ''),
    metric: t.metric,
    value: plainDecimal(t.value),
    status: t.status,
    note: t.note,
    version: t.version,
    updatedBy: { id: t.updatedBy, displayName: r.updaterName },
    updatedAt: t.updatedAt.toISOString(),
    approvedBy: t.approvedBy === null ? null : { id: t.approvedBy, displayName: r.approverName ?? '' },
    approvedAt: t.approvedAt?.toISOString() ?? null,
    isDemo: t.isDemo,
  };
}

export async function loadTargets(db: Executor, where: SQL | undefined): Promise<Target[]> {
  const rows = await selectTargets(db).where(where).orderBy(...TARGET_ORDER);
  return rows.map(toTarget);
}

/** The unit targets (no person) of a year and metric for some units, by unit id. */
export async function unitTargetsOf(db: Executor, year: number, metric: string, unitIds: number[]): Promise<Map<number, Target>> {
  if (!unitIds.length) return new Map();
  const list = await loadTargets(db, and(eq(targets.year, year), eq(targets.metric, metric), isNull(targets.userId), inArray(targets.unitId, unitIds)));
  return new Map(list.map((t) => [t.unitId, t]));
}

/** A unit's enabled direct children, in the org tree's order. */
export async function enabledChildren(db: Executor, unitId: number) {
  return db
    .select({ id: orgUnits.id, name: orgUnits.name, type: orgUnits.type, path: orgUnits.path })
    .from(orgUnits)
    .where(and(eq(orgUnits.parentId, unitId), eq(orgUnits.isDisabled, false)))
    .orderBy(asc(orgUnits.sortOrder), asc(orgUnits.id));
}
