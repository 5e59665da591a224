import { and, eq, isNull, like, or, sql, type Column, type SQL } from 'drizzle-orm';
import type { Actor } from '../actor.js';
import type { Executor } from '../db/client.js';
import { orgUnits } from '../db/schema/index.js';
import { notFound } from '../errors.js';

/*
 * Data scope (数据范围), in one place. A user sees their own unit and every unit below it.
 * Every list, read, update and export of a unit-owned record filters through these helpers, and a
 * record outside scope is answered exactly like a missing one (404), so its existence is not revealed.
 */

/** A value for a LIKE pattern, its wildcards taken literally. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The LIKE pattern of a materialised path's subtree (`/1/11/` → `/1/11/%`). */
export function subtreePattern(path: string): string {
  return `${escapeLike(path)}%`;
}

/** Condition on org_units rows: the unit is the actor's unit or below it. */
export function scopeUnits(actor: Actor): SQL {
  return like(orgUnits.path, subtreePattern(actor.unitPath));
}

/**
 * Condition on org_units rows: the unit is in the actor's scope or above it (a county reads the
 * city's schemes and rule sets, which score it; it changes only what its own scope owns).
 */
export function onActorBranch(actor: Actor): SQL {
  return sql`(${orgUnits.path} like ${subtreePattern(actor.unitPath)} or ${actor.unitPath} like ${orgUnits.path} || '%')`;
}

/** The ids of the units in the actor's scope, as a subquery (uses the path index). */
export function scopedUnitIds(db: Executor, actor: Actor) {
  return db.select({ id: orgUnits.id }).from(orgUnits).where(scopeUnits(actor));
}

/**
 * Condition on any table with a unit column: the record belongs to a unit in scope.
 * `includeUnscoped` also admits rows with no unit (system-wide entries), for admins.
 */
export function scopeByUnit(actor: Actor, unitColumn: Column, opts: { includeUnscoped?: boolean } = {}): SQL {
  const inScope = inSubtree(unitColumn, actor.unitPath);
  return opts.includeUnscoped ? (or(inScope, isNull(unitColumn)) as SQL) : inScope;
}

/**
 * Condition on a unit column: the unit lies in the subtree at `path`. Below the root the ids are
 * computed once (`= any(array(…))`, an init plan) and the table is probed with all of them in one
 * index scan; as `in (subquery)` the planner joins unit by unit and repeats every other index scan
 * (a search's GIN lookup) once per unit. At the root, where the subtree is every unit, the semi-join
 * plans better (bench/README.md, projects: a 300-value array there is 10× slower).
 */
export function inSubtree(unitColumn: Column, path: string): SQL {
  const units = sql`select ${orgUnits.id} from ${orgUnits} where ${like(orgUnits.path, subtreePattern(path))}`;
  const isRoot = path.split('/').filter(Boolean).length <= 1;
  return isRoot ? sql`${unitColumn} in (${units})` : sql`${unitColumn} = any(array(${units}))`;
}

/**
 * Load a unit the actor may see, or 404. `lock: 'share'` (inside a transaction) keeps the unit from
 * being disabled until the caller commits, so nothing new is attached to a unit being disabled.
 */
export async function loadUnitInScope(db: Executor, actor: Actor, unitId: number, opts: { lock?: 'share' } = {}) {
  const query = db
    .select()
    .from(orgUnits)
    .where(and(eq(orgUnits.id, unitId), scopeUnits(actor)));
  const [unit] = opts.lock ? await query.for('share') : await query;
  if (!unit) throw notFound();
  return unit;
}

/**
 * The unit at the root of the actor's scope: their own unit, or for 招商局 staff the city or county
 * above it. Figures and maps default to it, so a bureau user opens on the whole city, not on the bureau.
 */
export async function loadScopeRootUnit(db: Executor, actor: Actor) {
  const [unit] = await db
    .select()
    .from(orgUnits)
    .where(or(eq(orgUnits.path, actor.unitPath), eq(orgUnits.id, actor.unitId)))
    .orderBy(sql`case when ${orgUnits.path} = ${actor.unitPath} then 0 else 1 end`)
    .limit(1);
  if (!unit) throw notFound();
  return unit;
}

/** True when `unitPath` lies in the actor's scope (for checks on already-loaded rows). */
export function isUnitPathInScope(actor: Actor, unitPath: string): boolean {
  return unitPath.startsWith(actor.unitPath);
}
