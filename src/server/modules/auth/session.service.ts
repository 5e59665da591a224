import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, lt, ne } from 'drizzle-orm';
import { permissionsOf } from '../../../shared/roles.js';
import { scopeRootPath } from '../../../shared/org.js';
import type { SessionUser } from '../../../shared/api/auth.js';
import type { Lang } from '../../../shared/errors.js';
import type { Actor } from '../../actor.js';
import type { Executor } from '../../db/client.js';
import { orgUnits, sessions, users } from '../../db/schema/index.js';

export const SESSION_COOKIE = 'zs_session';
// last_seen_at is refreshed at most this often, so reads do not turn into writes.
const TOUCH_AFTER_MS = 5 * 60 * 1000;

export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(
  db: Executor,
  userId: number,
  days: number,
  meta: { ip: string | null; userAgent: string | null },
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + days * 86400_000);
  await db.insert(sessions).values({
    id: sessionIdOf(token),
    userId,
    expiresAt,
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
  });
  return { token, expiresAt };
}

export interface LoadedSession {
  sessionId: string;
  actor: Actor;
  user: SessionUser;
}

/** The signed-in user behind a cookie token, or null when the session is unknown, expired or disabled. */
export async function loadSession(
  db: Executor,
  token: string,
  ctx: { ip: string | null; lang: Lang },
): Promise<LoadedSession | null> {
  const id = sessionIdOf(token);
  const now = new Date();
  const [row] = await db
    .select({
      lastSeenAt: sessions.lastSeenAt,
      user: users,
      unit: { id: orgUnits.id, name: orgUnits.name, type: orgUnits.type, path: orgUnits.path },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(orgUnits, eq(orgUnits.id, users.unitId))
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, now)));
  if (!row || row.user.isDisabled) return null;
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_AFTER_MS) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
  }
  const u = row.user;
  return {
    sessionId: id,
    actor: {
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      role: u.role,
      unitId: row.unit.id,
      unitPath: scopeRootPath(row.unit),
      ip: ctx.ip,
      lang: ctx.lang,
    },
    user: {
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      role: u.role,
      unit: row.unit,
      mustChangePassword: u.mustChangePassword,
      permissions: permissionsOf(u.role),
      isDemo: u.isDemo,
    },
  };
}

export async function deleteSession(db: Executor, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Sign a user out everywhere (disable, password reset), optionally keeping the current session. */
export async function deleteUserSessions(db: Executor, userId: number, exceptSessionId?: string): Promise<void> {
  await db
    .delete(sessions)
    .where(exceptSessionId ? and(eq(sessions.userId, userId), ne(sessions.id, exceptSessionId)) : eq(sessions.userId, userId));
}

export async function purgeExpiredSessions(db: Executor): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, new Date()));
}
