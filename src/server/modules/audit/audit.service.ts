import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { and, asc, desc, eq, gt, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { auditQuery, AuditEntry } from '../../../shared/api/audit.js';
import type { Actor } from '../../actor.js';
import { countAll, type Executor, type Tx } from '../../db/client.js';
import { auditLog } from '../../db/schema/index.js';
import { scopeByUnit } from '../../plugins/scope.js';

export const GENESIS_HASH = '0'.repeat(64);
// One lock for the whole chain: entries are appended in commit order, so `id` order is chain order.
const AUDIT_LOCK_KEY = 0x5a5301;
const REDACTED_FIELDS = new Set(['passwordHash', 'password']);

export interface AuditInput {
  action: string;
  entity: string;
  entityId?: string | number | null;
  unitId?: number | null;
  before?: unknown;
  after?: unknown;
}

/** A JSON-safe snapshot: Dates become ISO strings, secrets are dropped. */
export function snapshot(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  return JSON.parse(
    JSON.stringify(value, (key, v: unknown) => (REDACTED_FIELDS.has(key) ? undefined : v)),
  ) as unknown;
}

interface HashedFields {
  at: Date;
  actorId: number | null;
  actorName: string | null;
  ip: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  unitId: number | null;
  before: unknown;
  after: unknown;
}

export function hashEntry(prevHash: string, e: HashedFields): string {
  const body = canonicalize({
    at: e.at.toISOString(),
    actorId: e.actorId,
    actorName: e.actorName,
    ip: e.ip,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId,
    unitId: e.unitId,
    before: e.before ?? null,
    after: e.after ?? null,
  });
  return createHash('sha256').update(prevHash).update('\n').update(body ?? '').digest('hex');
}

/** Append one entry to the chain. Call inside the transaction that makes the change. */
export async function recordAudit(tx: Tx, actor: Actor, input: AuditInput): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
  const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  const prevHash = last?.hash ?? GENESIS_HASH;
  const fields: HashedFields = {
    at: new Date(),
    actorId: actor.id === 0 ? null : actor.id,
    actorName: actor.displayName === actor.username ? actor.username : `${actor.displayName}（${actor.username}）`,
    ip: actor.ip,
    action: input.action,
    entity: input.entity,
    entityId: input.entityId === undefined || input.entityId === null ? null : String(input.entityId),
    unitId: input.unitId ?? null,
    before: snapshot(input.before),
    after: snapshot(input.after),
  };
  await tx.insert(auditLog).values({ ...fields, prevHash, hash: hashEntry(prevHash, fields) });
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBroken: { id: number; reason: 'prev_hash' | 'hash' } | null;
}

/** Walk the chain in id order, in batches, and report the first entry that does not link or hash. */
export async function verifyAuditChain(db: Executor, batchSize = 5000): Promise<VerifyResult> {
  let prevHash = GENESIS_HASH;
  let lastId = 0;
  let checked = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(gt(auditLog.id, lastId))
      .orderBy(asc(auditLog.id))
      .limit(batchSize);
    if (rows.length === 0) break;
    for (const row of rows) {
      if (row.prevHash !== prevHash) return { ok: false, checked, firstBroken: { id: row.id, reason: 'prev_hash' } };
      if (hashEntry(prevHash, row) !== row.hash) return { ok: false, checked, firstBroken: { id: row.id, reason: 'hash' } };
      prevHash = row.hash;
      lastId = row.id;
      checked += 1;
    }
  }
  return { ok: true, checked, firstBroken: null };
}

type AuditQuery = z.infer<typeof auditQuery>;

/**
 * Audit entries, newest first. Scoped to the actor's units unless `ofRecord` says the caller has
 * already checked the actor may see the one record asked for (a project's own trail shows its whole
 * history, including entries made while it belonged to another unit).
 */
export async function listAudit(db: Executor, actor: Actor, q: AuditQuery, opts: { ofRecord?: boolean } = {}) {
  const conditions: (SQL | undefined)[] = [opts.ofRecord ? undefined : scopeByUnit(actor, auditLog.unitId, { includeUnscoped: actor.role === 'admin' })];
  if (q.entity) conditions.push(eq(auditLog.entity, q.entity));
  if (q.entityId) conditions.push(eq(auditLog.entityId, q.entityId));
  if (q.actorId) conditions.push(eq(auditLog.actorId, q.actorId));
  if (q.action) conditions.push(eq(auditLog.action, q.action));
  if (q.from) conditions.push(gte(auditLog.at, new Date(`${q.from}T00:00:00+08:00`)));
  if (q.to) conditions.push(lt(auditLog.at, sql`${`${q.to}T00:00:00+08:00`}::timestamptz + interval '1 day'`));
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: countAll }).from(auditLog).where(where),
  ]);
  const items: AuditEntry[] = rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    actorId: r.actorId,
    actorName: r.actorName,
    ip: r.ip,
    action: r.action,
    entity: r.entity,
    entityId: r.entityId,
    unitId: r.unitId,
    before: r.before,
    after: r.after,
    hash: r.hash,
  }));
  return { items, total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}
