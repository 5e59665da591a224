import { and, asc, eq, ilike, like, ne, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  createOrgUnitBody,
  moveOrgUnitBody,
  OrgTreeNode,
  OrgUnit,
  orgListQuery,
  updateOrgUnitBody,
} from '../../../shared/api/org.js';
import { canHangUnder, childPath, type UnitType } from '../../../shared/org.js';
import type { Actor } from '../../actor.js';
import { countAll, queryRows, type Db, type Executor, type Tx } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { orgUnits, users } from '../../db/schema/index.js';
import { AppError, fieldError } from '../../errors.js';
import { loadUnitInScope, scopeUnits } from '../../plugins/scope.js';
import { recordAudit } from '../audit/audit.service.js';
import { findDivision, toStoredDivisionCode } from '../divisions/divisions.service.js';

type UnitRow = typeof orgUnits.$inferSelect;

// Written out, not with column objects: in a single-table select drizzle drops the table prefix from
// columns inside sql fields, so `${orgUnits.id}` would become a bare "id" bound to the inner table.
const userCount = sql<number>`(select count(*) from users u where u.unit_id = "org_units"."id" and not u.is_disabled)`.mapWith(Number);
const childCount = sql<number>`(select count(*) from org_units c where c.parent_id = "org_units"."id" and not c.is_disabled)`.mapWith(Number);

function toOrgUnit(row: UnitRow & { userCount: number; childCount: number }): OrgUnit {
  return {
    id: row.id,
    parentId: row.parentId,
    name: row.name,
    shortName: row.shortName,
    type: row.type,
    divisionCode: row.divisionCode,
    divisionName: row.divisionCode ? (findDivision(row.divisionCode)?.fullName ?? null) : null,
    path: row.path,
    depth: row.depth,
    sortOrder: row.sortOrder,
    isDisabled: row.isDisabled,
    isDemo: row.isDemo,
    userCount: row.userCount,
    childCount: row.childCount,
  };
}

export async function getUnit(db: Executor, actor: Actor, id: number): Promise<OrgUnit> {
  const [row] = await db
    .select({ unit: orgUnits, userCount, childCount })
    .from(orgUnits)
    .where(and(eq(orgUnits.id, id), scopeUnits(actor)));
  if (!row) throw new AppError('NOT_FOUND', 404);
  return toOrgUnit({ ...row.unit, userCount: row.userCount, childCount: row.childCount });
}

export async function listUnits(db: Executor, actor: Actor, q: z.infer<typeof orgListQuery>) {
  const conditions: (SQL | undefined)[] = [scopeUnits(actor)];
  if (q.parentId) conditions.push(eq(orgUnits.parentId, q.parentId));
  if (q.type) conditions.push(eq(orgUnits.type, q.type));
  if (!q.includeDisabled) conditions.push(eq(orgUnits.isDisabled, false));
  if (q.q) {
    const pattern = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(orgUnits.name, pattern), ilike(orgUnits.shortName, pattern), like(orgUnits.divisionCode, pattern)));
  }
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    db
      .select({ unit: orgUnits, userCount, childCount })
      .from(orgUnits)
      .where(where)
      .orderBy(asc(orgUnits.depth), asc(orgUnits.sortOrder), asc(orgUnits.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: countAll }).from(orgUnits).where(where),
  ]);
  return {
    items: rows.map((r) => toOrgUnit({ ...r.unit, userCount: r.userCount, childCount: r.childCount })),
    total: total?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** The actor's whole visible subtree, lean, for tree pickers (an org tree is thousands of rows, not millions). */
export async function unitTree(db: Executor, actor: Actor, includeDisabled: boolean): Promise<OrgTreeNode[]> {
  return db
    .select({
      id: orgUnits.id,
      parentId: orgUnits.parentId,
      name: orgUnits.name,
      type: orgUnits.type,
      depth: orgUnits.depth,
      isDisabled: orgUnits.isDisabled,
      isDemo: orgUnits.isDemo,
    })
    .from(orgUnits)
    .where(and(scopeUnits(actor), includeDisabled ? undefined : eq(orgUnits.isDisabled, false)))
    .orderBy(asc(orgUnits.depth), asc(orgUnits.sortOrder), asc(orgUnits.id));
}

function checkDivision(code: string | null | undefined): string | null | undefined {
  if (code === undefined || code === null) return code;
  if (!findDivision(code)) throw fieldError('DIVISION_UNKNOWN', 'divisionCode');
  return toStoredDivisionCode(code);
}

function checkParentType(type: UnitType, parentType: UnitType | null) {
  if (!canHangUnder(type, parentType)) throw new AppError('UNIT_PARENT_TYPE', 400, [{ field: 'type', message: 'UNIT_PARENT_TYPE' }]);
}

async function withNameCheck<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('UNIT_NAME_TAKEN', 409, [{ field: 'name', message: 'UNIT_NAME_TAKEN' }]);
    throw err;
  }
}

async function lockUnit(tx: Tx, id: number): Promise<UnitRow> {
  const [row] = await tx.select().from(orgUnits).where(eq(orgUnits.id, id)).for('update');
  if (!row) throw new AppError('NOT_FOUND', 404);
  return row;
}

export interface NewUnit {
  name: string;
  shortName?: string | null;
  type: UnitType;
  divisionCode?: string | null;
  sortOrder?: number;
  isDemo?: boolean;
}

/**
 * Insert a unit under `parent` (or as the root when null) with its final path, and audit it.
 * The id comes from the sequence first so the path can be written in the same statement.
 */
export async function insertUnit(tx: Tx, actor: Actor, parent: UnitRow | null, input: NewUnit): Promise<UnitRow> {
  checkParentType(input.type, parent?.type ?? null);
  const [next] = await queryRows<{ id: number }>(tx, sql`select nextval(pg_get_serial_sequence('org_units', 'id'))::int as id`);
  const id = Number(next!.id);
  const [row] = await tx
    .insert(orgUnits)
    .values({
      id,
      parentId: parent?.id ?? null,
      name: input.name,
      shortName: input.shortName ?? null,
      type: input.type,
      divisionCode: input.divisionCode ?? null,
      path: childPath(parent?.path ?? '/', id),
      depth: (parent?.depth ?? -1) + 1,
      sortOrder: input.sortOrder ?? 0,
      isDemo: input.isDemo ?? false,
    })
    .returning();
  await recordAudit(tx, actor, { action: 'create', entity: 'org_unit', entityId: id, unitId: id, after: row });
  return row!;
}

export async function createUnit(db: Db, actor: Actor, input: z.infer<typeof createOrgUnitBody>): Promise<OrgUnit> {
  const divisionCode = checkDivision(input.divisionCode);
  const id = await withNameCheck(() =>
    db.transaction(async (tx) => {
      const parent = await loadUnitInScope(tx, actor, input.parentId, { lock: 'share' });
      if (parent.isDisabled) throw fieldError('UNIT_DISABLED', 'parentId');
      const row = await insertUnit(tx, actor, parent, { ...input, divisionCode: divisionCode ?? null });
      return row.id;
    }),
  );
  return getUnit(db, actor, id);
}

export async function updateUnit(db: Db, actor: Actor, id: number, input: z.infer<typeof updateOrgUnitBody>): Promise<OrgUnit> {
  const divisionCode = checkDivision(input.divisionCode);
  await withNameCheck(() =>
    db.transaction(async (tx) => {
      await loadUnitInScope(tx, actor, id);
      const before = await lockUnit(tx, id);
      if (input.type && input.type !== before.type) {
        const parent = before.parentId ? await lockUnit(tx, before.parentId) : null;
        checkParentType(input.type, parent?.type ?? null);
        const children = await tx.select({ type: orgUnits.type }).from(orgUnits).where(eq(orgUnits.parentId, id));
        if (children.some((c) => !canHangUnder(c.type, input.type!))) {
          throw new AppError('UNIT_PARENT_TYPE', 400, [{ field: 'type', message: 'UNIT_PARENT_TYPE' }]);
        }
      }
      const [after] = await tx
        .update(orgUnits)
        .set({
          ...(input.name !== undefined && { name: input.name }),
          ...(input.shortName !== undefined && { shortName: input.shortName }),
          ...(input.type !== undefined && { type: input.type }),
          ...(divisionCode !== undefined && { divisionCode }),
          ...(input.sortOrder !== undefined && { sortOrder: input.sortOrder }),
          updatedAt: new Date(),
        })
        .where(eq(orgUnits.id, id))
        .returning();
      await recordAudit(tx, actor, { action: 'update', entity: 'org_unit', entityId: id, unitId: id, before, after });
    }),
  );
  return getUnit(db, actor, id);
}

/** Move a unit and its whole subtree under a new parent, rewriting the materialised paths in one statement. */
export async function moveUnit(db: Db, actor: Actor, id: number, input: z.infer<typeof moveOrgUnitBody>): Promise<OrgUnit> {
  await withNameCheck(() =>
    db.transaction(async (tx) => {
      await loadUnitInScope(tx, actor, id);
      const unit = await lockUnit(tx, id);
      if (unit.parentId === null) throw new AppError('UNIT_ROOT_LOCKED', 400);
      const target = await loadUnitInScope(tx, actor, input.parentId, { lock: 'share' });
      if (target.path.startsWith(unit.path)) throw fieldError('UNIT_MOVE_CYCLE', 'parentId');
      if (target.isDisabled) throw fieldError('UNIT_DISABLED', 'parentId');
      checkParentType(unit.type, target.type);
      if (target.id === unit.parentId) return;
      const newPath = childPath(target.path, unit.id);
      const depthDelta = target.depth + 1 - unit.depth;
      await tx
        .update(orgUnits)
        .set({
          path: sql`${newPath} || substr(${orgUnits.path}, ${unit.path.length + 1})`,
          depth: sql`${orgUnits.depth} + ${depthDelta}`,
        })
        .where(like(orgUnits.path, `${unit.path}%`));
      const [after] = await tx
        .update(orgUnits)
        .set({ parentId: target.id, updatedAt: new Date() })
        .where(eq(orgUnits.id, id))
        .returning();
      await recordAudit(tx, actor, { action: 'move', entity: 'org_unit', entityId: id, unitId: id, before: unit, after });
    }),
  );
  return getUnit(db, actor, id);
}

export async function setUnitDisabled(db: Db, actor: Actor, id: number, isDisabled: boolean): Promise<OrgUnit> {
  await db.transaction(async (tx) => {
    await loadUnitInScope(tx, actor, id);
    const before = await lockUnit(tx, id);
    if (before.isDisabled === isDisabled) return;
    if (before.parentId === null) throw new AppError('UNIT_ROOT_LOCKED', 400);
    if (isDisabled) {
      const [children] = await tx
        .select({ n: countAll })
        .from(orgUnits)
        .where(and(eq(orgUnits.parentId, id), eq(orgUnits.isDisabled, false)));
      const [members] = await tx
        .select({ n: countAll })
        .from(users)
        .where(and(eq(users.unitId, id), eq(users.isDisabled, false)));
      if ((children?.n ?? 0) > 0 || (members?.n ?? 0) > 0) {
        throw new AppError('UNIT_HAS_ACTIVE', 409, { enabledChildren: children?.n ?? 0, enabledUsers: members?.n ?? 0 });
      }
    } else {
      const parent = await lockUnit(tx, before.parentId);
      if (parent.isDisabled) throw new AppError('UNIT_DISABLED', 409);
    }
    const [after] = await tx
      .update(orgUnits)
      .set({ isDisabled, updatedAt: new Date() })
      .where(and(eq(orgUnits.id, id), ne(orgUnits.isDisabled, isDisabled)))
      .returning();
    await recordAudit(tx, actor, { action: isDisabled ? 'disable' : 'enable', entity: 'org_unit', entityId: id, unitId: id, before, after });
  });
  return getUnit(db, actor, id);
}
