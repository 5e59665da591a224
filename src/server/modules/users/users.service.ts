import { and, asc, eq, ilike, like, or, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { createUserBody, updateUserBody, User, userListQuery } from '../../../shared/api/users.js';
import type { Actor } from '../../actor.js';
import { countAll, type Db, type Executor, type Tx } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { orgUnits, users } from '../../db/schema/index.js';
import { AppError, fieldError } from '../../errors.js';
import { loadUnitInScope, scopeUnits } from '../../plugins/scope.js';
import { recordAudit } from '../audit/audit.service.js';
import { generatePassword, hashPassword, isPasswordAcceptable } from '../auth/password.js';
import { deleteUserSessions } from '../auth/session.service.js';

const userColumns = {
  user: users,
  unitName: orgUnits.name,
  unitType: orgUnits.type,
};

function toUser(row: { user: typeof users.$inferSelect; unitName: string; unitType: User['unitType'] }): User {
  const u = row.user;
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    unitId: u.unitId,
    unitName: row.unitName,
    unitType: row.unitType,
    phone: u.phone,
    email: u.email,
    isDisabled: u.isDisabled,
    isDemo: u.isDemo,
    mustChangePassword: u.mustChangePassword,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
  };
}

/** Users are scoped through their unit: the join to org_units carries the scope condition. */
function scopedUsers(db: Executor, actor: Actor, where?: SQL) {
  return db
    .select(userColumns)
    .from(users)
    .innerJoin(orgUnits, eq(orgUnits.id, users.unitId))
    .where(and(scopeUnits(actor), where));
}

export async function getUser(db: Executor, actor: Actor, id: number): Promise<User> {
  const [row] = await scopedUsers(db, actor, eq(users.id, id));
  if (!row) throw new AppError('NOT_FOUND', 404);
  return toUser(row);
}

export async function listUsers(db: Executor, actor: Actor, q: z.infer<typeof userListQuery>) {
  const conditions: (SQL | undefined)[] = [];
  if (q.unitId) {
    const unit = await loadUnitInScope(db, actor, q.unitId);
    conditions.push(q.subtree === false ? eq(users.unitId, unit.id) : like(orgUnits.path, `${unit.path}%`));
  }
  if (q.role) conditions.push(eq(users.role, q.role));
  if (!q.includeDisabled) conditions.push(eq(users.isDisabled, false));
  if (q.q) {
    const pattern = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(users.username, pattern), ilike(users.displayName, pattern), ilike(users.phone, pattern)));
  }
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    scopedUsers(db, actor, where)
      .orderBy(asc(orgUnits.path), asc(users.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db
      .select({ n: countAll })
      .from(users)
      .innerJoin(orgUnits, eq(orgUnits.id, users.unitId))
      .where(and(scopeUnits(actor), where)),
  ]);
  return { items: rows.map(toUser), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

async function lockUser(tx: Tx, actor: Actor, id: number) {
  await getUser(tx, actor, id);
  const [row] = await tx.select().from(users).where(eq(users.id, id)).for('update');
  if (!row) throw new AppError('NOT_FOUND', 404);
  return row;
}

async function checkTargetUnit(tx: Tx, actor: Actor, unitId: number) {
  const unit = await loadUnitInScope(tx, actor, unitId, { lock: 'share' }).catch(() => {
    throw fieldError('NOT_FOUND', 'unitId', 404);
  });
  if (unit.isDisabled) throw fieldError('UNIT_DISABLED', 'unitId');
  return unit;
}

export type NewUser = Pick<typeof users.$inferInsert, 'username' | 'displayName' | 'unitId' | 'role' | 'passwordHash'> &
  Partial<Pick<typeof users.$inferInsert, 'phone' | 'email' | 'mustChangePassword' | 'isDemo'>>;

export async function insertUser(tx: Tx, actor: Actor, values: NewUser) {
  const [row] = await tx
    .insert(users)
    .values({ ...values, phone: values.phone ?? null, email: values.email ?? null })
    .returning();
  await recordAudit(tx, actor, { action: 'create', entity: 'user', entityId: row!.id, unitId: row!.unitId, after: row });
  return row!;
}

export async function createUser(db: Db, actor: Actor, input: z.infer<typeof createUserBody>) {
  if (input.password && !isPasswordAcceptable(input.password, input.username)) throw fieldError('WEAK_PASSWORD', 'password');
  const temporaryPassword = input.password ? null : generatePassword();
  const passwordHash = await hashPassword(input.password ?? temporaryPassword!);
  try {
    const id = await db.transaction(async (tx) => {
      await checkTargetUnit(tx, actor, input.unitId);
      const { password: _password, ...fields } = input;
      const row = await insertUser(tx, actor, { ...fields, passwordHash, mustChangePassword: true });
      return row.id;
    });
    return { user: await getUser(db, actor, id), temporaryPassword };
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('USERNAME_TAKEN', 409, [{ field: 'username', message: 'USERNAME_TAKEN' }]);
    throw err;
  }
}

export async function updateUser(db: Db, actor: Actor, id: number, input: z.infer<typeof updateUserBody>) {
  if (id === actor.id && input.role !== undefined && input.role !== actor.role) throw fieldError('SELF_LOCKOUT', 'role');
  await db.transaction(async (tx) => {
    const before = await lockUser(tx, actor, id);
    if (input.unitId !== undefined && input.unitId !== before.unitId) {
      await checkTargetUnit(tx, actor, input.unitId);
      if (id === actor.id) throw fieldError('SELF_LOCKOUT', 'unitId');
    }
    const [after] = await tx
      .update(users)
      .set({
        ...(input.displayName !== undefined && { displayName: input.displayName }),
        ...(input.unitId !== undefined && { unitId: input.unitId }),
        ...(input.role !== undefined && { role: input.role }),
        ...(input.phone !== undefined && { phone: input.phone }),
        ...(input.email !== undefined && { email: input.email }),
        updatedAt: new Date(),
      })
      .where(eq(users.id, id))
      .returning();
    // A new role or unit changes what the user may see: make them sign in again.
    if (after!.role !== before.role || after!.unitId !== before.unitId) await deleteUserSessions(tx, id);
    await recordAudit(tx, actor, { action: 'update', entity: 'user', entityId: id, unitId: after!.unitId, before, after });
  });
  return getUser(db, actor, id);
}

export async function resetPassword(db: Db, actor: Actor, id: number, password: string | undefined) {
  const temporaryPassword = password ? null : generatePassword();
  const passwordHash = await hashPassword(password ?? temporaryPassword!);
  await db.transaction(async (tx) => {
    const before = await lockUser(tx, actor, id);
    if (password && !isPasswordAcceptable(password, before.username)) throw fieldError('WEAK_PASSWORD', 'password');
    const now = new Date();
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: true, passwordChangedAt: now, updatedAt: now })
      .where(eq(users.id, id));
    await deleteUserSessions(tx, id);
    await recordAudit(tx, actor, {
      action: 'reset_password',
      entity: 'user',
      entityId: id,
      unitId: before.unitId,
      after: { passwordChangedAt: now, mustChangePassword: true },
    });
  });
  return { temporaryPassword };
}

export async function setUserDisabled(db: Db, actor: Actor, id: number, isDisabled: boolean) {
  if (id === actor.id && isDisabled) throw new AppError('SELF_LOCKOUT', 400);
  await db.transaction(async (tx) => {
    const before = await lockUser(tx, actor, id);
    if (before.isDisabled === isDisabled) return;
    // A disabled unit has no enabled users (setUnitDisabled refuses otherwise); keep it that way.
    if (!isDisabled) {
      const [unit] = await tx.select({ isDisabled: orgUnits.isDisabled }).from(orgUnits).where(eq(orgUnits.id, before.unitId));
      if (unit?.isDisabled) throw fieldError('UNIT_DISABLED', 'unitId', 409);
    }
    const [after] = await tx.update(users).set({ isDisabled, updatedAt: new Date() }).where(eq(users.id, id)).returning();
    if (isDisabled) await deleteUserSessions(tx, id);
    await recordAudit(tx, actor, {
      action: isDisabled ? 'disable' : 'enable',
      entity: 'user',
      entityId: id,
      unitId: before.unitId,
      before: { isDisabled: before.isDisabled },
      after: { isDisabled: after!.isDisabled },
    });
  });
  return getUser(db, actor, id);
}
