import { setTimeout as sleep } from 'node:timers/promises';
import { eq, sql } from 'drizzle-orm';
import type { Config } from '../../config.js';
import type { Actor } from '../../actor.js';
import type { Db } from '../../db/client.js';
import { loginThrottle, users } from '../../db/schema/index.js';
import { AppError, fieldError } from '../../errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { dummyPasswordHash, hashPassword, isPasswordAcceptable, verifyPassword } from './password.js';
import { createSession, deleteSession, deleteUserSessions } from './session.service.js';

type ThrottleConfig = Pick<Config, 'LOGIN_SLOW_AFTER' | 'LOGIN_LOCK_AFTER' | 'LOGIN_LOCK_MINUTES' | 'LOGIN_DELAY_MS' | 'SESSION_DAYS'>;

interface LoginContext {
  ip: string | null;
  userAgent: string | null;
  lang: Actor['lang'];
}

function actorFor(user: typeof users.$inferSelect, unitPath: string, ctx: LoginContext): Actor {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    unitId: user.unitId,
    unitPath,
    ip: ctx.ip,
    lang: ctx.lang,
  };
}

/**
 * Sign in. Failures are counted per username in the database (shared by all processes): after
 * LOGIN_SLOW_AFTER failures each answer is delayed, after LOGIN_LOCK_AFTER the username is
 * refused with 429 for LOGIN_LOCK_MINUTES, whatever the password.
 */
export async function login(db: Db, cfg: ThrottleConfig, usernameInput: string, password: string, ctx: LoginContext) {
  const username = usernameInput.trim().toLowerCase();
  const [throttle] = await db.select().from(loginThrottle).where(eq(loginThrottle.username, username));
  if (throttle?.lockedUntil && throttle.lockedUntil > new Date()) {
    const retryAfter = Math.ceil((throttle.lockedUntil.getTime() - Date.now()) / 1000);
    throw new AppError('TOO_MANY_ATTEMPTS', 429, { retryAfterSeconds: retryAfter }, { 'retry-after': String(retryAfter) });
  }

  const [user] = await db.select().from(users).where(eq(users.username, username));
  const isValid = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));

  if (!user || !isValid) {
    const failures = await db.transaction(async (tx) => {
      // Failures older than the lock window are forgotten; the increment happens in SQL so that
      // concurrent attempts on several processes all count.
      const windowStart = new Date(Date.now() - cfg.LOGIN_LOCK_MINUTES * 60_000);
      const [row] = await tx
        .insert(loginThrottle)
        .values({ username, failures: 1, lastFailureAt: new Date() })
        .onConflictDoUpdate({
          target: loginThrottle.username,
          set: {
            failures: sql`case when ${loginThrottle.lastFailureAt} < ${windowStart} then 1 else ${loginThrottle.failures} + 1 end`,
            lastFailureAt: new Date(),
          },
        })
        .returning({ failures: loginThrottle.failures });
      const count = row?.failures ?? 1;
      if (count >= cfg.LOGIN_LOCK_AFTER) {
        await tx
          .update(loginThrottle)
          .set({ lockedUntil: new Date(Date.now() + cfg.LOGIN_LOCK_MINUTES * 60_000), failures: 0 })
          .where(eq(loginThrottle.username, username));
        if (user) {
          await recordAudit(tx, actorFor(user, '/', ctx), {
            action: 'lockout',
            entity: 'user',
            entityId: user.id,
            unitId: user.unitId,
            after: { failures: count, lockedMinutes: cfg.LOGIN_LOCK_MINUTES },
          });
        }
      }
      return count;
    });
    if (failures > cfg.LOGIN_SLOW_AFTER) await sleep(Math.min(cfg.LOGIN_DELAY_MS * (failures - cfg.LOGIN_SLOW_AFTER), 5000));
    throw new AppError('INVALID_CREDENTIALS', 401);
  }
  if (user.isDisabled) throw new AppError('USER_DISABLED', 403);

  return db.transaction(async (tx) => {
    if (throttle) await tx.delete(loginThrottle).where(eq(loginThrottle.username, username));
    const now = new Date();
    await tx.update(users).set({ lastLoginAt: now }).where(eq(users.id, user.id));
    const session = await createSession(tx, user.id, cfg.SESSION_DAYS, ctx);
    await recordAudit(tx, actorFor(user, '/', ctx), {
      action: 'login',
      entity: 'session',
      entityId: user.id,
      unitId: user.unitId,
      after: { userAgent: ctx.userAgent?.slice(0, 200) ?? null },
    });
    return session;
  });
}

export async function recordLogout(db: Db, actor: Actor, sessionId: string) {
  await db.transaction(async (tx) => {
    await deleteSession(tx, sessionId);
    await recordAudit(tx, actor, { action: 'logout', entity: 'session', entityId: actor.id, unitId: actor.unitId });
  });
}

/** Change one's own password; every other session of the user is signed out. */
export async function changeOwnPassword(
  db: Db,
  actor: Actor,
  sessionId: string,
  input: { currentPassword: string; newPassword: string },
) {
  const [user] = await db.select().from(users).where(eq(users.id, actor.id));
  if (!user) throw new AppError('UNAUTHENTICATED', 401);
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) throw fieldError('WRONG_PASSWORD', 'currentPassword');
  if (!isPasswordAcceptable(input.newPassword, user.username)) throw fieldError('WEAK_PASSWORD', 'newPassword');
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    const now = new Date();
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: false, passwordChangedAt: now, updatedAt: now })
      .where(eq(users.id, actor.id));
    await deleteUserSessions(tx, actor.id, sessionId);
    await recordAudit(tx, actor, {
      action: 'change_password',
      entity: 'user',
      entityId: actor.id,
      unitId: actor.unitId,
      after: { passwordChangedAt: now },
    });
  });
}
