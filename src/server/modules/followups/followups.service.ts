import { aliasedTable, and, desc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import {
  FOLLOW_UP_EDIT_DAYS,
  type createFollowUpBody,
  type FollowUp,
  type followUpFeedQuery,
  type projectFollowUpsQuery,
  type updateFollowUpBody,
} from '../../../shared/api/followups.js';
import { can } from '../../../shared/roles.js';
import type { Actor } from '../../actor.js';
import { countAll, type Db, type Executor, type Tx } from '../../db/client.js';
import { files, followUps, orgUnits, projects, users } from '../../db/schema/index.js';
import { AppError, fieldError } from '../../errors.js';
import { loadUnitInScope, scopeByUnit } from '../../plugins/scope.js';
import { recordAudit } from '../audit/audit.service.js';
import { attachUploads } from '../files/files.access.js';
import { canSeeProjectDetails, projectScope } from '../projects/projects.scope.js';
import { lockProject, refreshFollowUpFacts } from '../projects/projects.service.js';
import { todayInChina } from './china-date.js';

/*
 * 跟踪记录. A follow-up is evidence of work (it feeds 停滞预警 and the unit's weekly view), so:
 * only its author may edit or delete it, and only within FOLLOW_UP_EDIT_DAYS of writing it; after
 * that a correction is a new follow-up. Every create, edit and delete is in the audit log with the
 * full row, so a deleted follow-up stays visible there. unit_id is the project's unit at the time.
 */

const author = aliasedTable(users, 'author');
const EDIT_WINDOW_MS = FOLLOW_UP_EDIT_DAYS * 24 * 60 * 60 * 1000;

type FollowUpRow = typeof followUps.$inferSelect;

function selectFollowUps(db: Executor) {
  return db
    .select({
      f: followUps,
      projectName: projects.name,
      unitName: orgUnits.name,
      authorName: author.displayName,
      fileCount: sql<number>`(select count(*) from ${files} where ${files.entity} = 'follow_up' and ${files.entityId} = ${followUps.id})`.mapWith(Number),
    })
    .from(followUps)
    .innerJoin(projects, eq(projects.id, followUps.projectId))
    .leftJoin(orgUnits, eq(orgUnits.id, followUps.unitId))
    .leftJoin(author, eq(author.id, followUps.createdBy));
}

type Row = { f: FollowUpRow; projectName: string; unitName: string | null; authorName: string | null; fileCount: number };

function editableUntil(f: FollowUpRow): Date {
  return new Date(f.createdAt.getTime() + EDIT_WINDOW_MS);
}

function toFollowUp(r: Row, actor: Actor, now = new Date()): FollowUp {
  const f = r.f;
  const until = editableUntil(f);
  return {
    id: f.id,
    projectId: f.projectId,
    projectName: r.projectName,
    unitId: f.unitId,
    unitName: r.unitName ?? '',
    date: f.date,
    kind: f.kind,
    participants: f.participants,
    content: f.content,
    nextStep: f.nextStep,
    nextStepDue: f.nextStepDue,
    createdBy: { id: f.createdBy, displayName: r.authorName ?? '' },
    createdAt: f.createdAt.toISOString(),
    editableUntil: until.toISOString(),
    canEdit: f.createdBy === actor.id && now < until && can(actor.role, 'followups.write'),
    fileCount: r.fileCount,
  };
}

function checkDates(date: string, nextStepDue: string | null | undefined) {
  if (date > todayInChina()) throw fieldError('FUTURE_DATE', 'date');
  if (nextStepDue && nextStepDue < date) throw fieldError('NEXT_STEP_DUE_BEFORE_DATE', 'nextStepDue');
}

async function getFollowUp(db: Executor, actor: Actor, id: number): Promise<FollowUp> {
  const [row] = await selectFollowUps(db).where(and(eq(followUps.id, id), projectScope(actor)));
  if (!row) throw new AppError('NOT_FOUND', 404);
  return toFollowUp(row, actor);
}

/** 404 unless the project is in scope and the actor sees its details (not departments, not referrers). */
export async function requireProjectDetails(db: Executor, actor: Actor, projectId: number) {
  if (!canSeeProjectDetails(actor)) throw new AppError('NOT_FOUND', 404);
  const [p] = await db.select({ id: projects.id }).from(projects).where(and(eq(projects.id, projectId), projectScope(actor)));
  if (!p) throw new AppError('NOT_FOUND', 404);
}

/** A project's follow-ups, newest first (by date, then by when they were written). */
export async function listProjectFollowUps(db: Executor, actor: Actor, projectId: number, q: z.infer<typeof projectFollowUpsQuery>) {
  await requireProjectDetails(db, actor, projectId);
  const where = eq(followUps.projectId, projectId);
  const [rows, [total]] = await Promise.all([
    selectFollowUps(db)
      .where(where)
      .orderBy(desc(followUps.date), desc(followUps.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: countAll }).from(followUps).where(where),
  ]);
  const now = new Date();
  return { items: rows.map((r) => toFollowUp(r, actor, now)), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

/** Follow-ups written for units in scope (by the unit the project had then): "what did we do this week". */
export async function listFollowUpFeed(db: Executor, actor: Actor, q: z.infer<typeof followUpFeedQuery>) {
  if (!canSeeProjectDetails(actor)) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
  const c: (SQL | undefined)[] = [scopeByUnit(actor, followUps.unitId)];
  if (q.unitId) {
    const unit = await loadUnitInScope(db, actor, q.unitId);
    c.push(inArray(followUps.unitId, sql`(select id from ${orgUnits} where path like ${`${unit.path}%`})`));
  }
  if (q.projectId) c.push(eq(followUps.projectId, q.projectId));
  if (q.from) c.push(gte(followUps.date, q.from));
  if (q.to) c.push(lte(followUps.date, q.to));
  if (q.kind) c.push(eq(followUps.kind, q.kind));
  if (q.mine) c.push(eq(followUps.createdBy, actor.id));
  const where = and(...c);
  const [rows, [total]] = await Promise.all([
    selectFollowUps(db)
      .where(where)
      .orderBy(desc(followUps.date), desc(followUps.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: countAll }).from(followUps).where(where),
  ]);
  const now = new Date();
  return { items: rows.map((r) => toFollowUp(r, actor, now)), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

export async function createFollowUp(db: Db, actor: Actor, projectId: number, input: z.infer<typeof createFollowUpBody>): Promise<FollowUp> {
  if (!canSeeProjectDetails(actor)) throw new AppError('NOT_FOUND', 404);
  checkDates(input.date, input.nextStepDue);
  const id = await db.transaction(async (tx) => {
    // The project row lock also serialises the refresh of its last-follow-up facts.
    const p = await lockProject(tx, actor, projectId);
    const [row] = await tx
      .insert(followUps)
      .values({
        projectId,
        unitId: p.unitId,
        date: input.date,
        kind: input.kind,
        participants: input.participants ?? null,
        content: input.content,
        nextStep: input.nextStep ?? null,
        nextStepDue: input.nextStepDue ?? null,
        createdBy: actor.id,
      })
      .returning();
    const fileIds = await attachUploads(tx, actor, input.fileIds, { entity: 'follow_up', entityId: row!.id, unitId: p.unitId });
    await refreshFollowUpFacts(tx, projectId);
    await recordAudit(tx, actor, { action: 'create', entity: 'follow_up', entityId: row!.id, unitId: p.unitId, after: { ...row, fileIds } });
    return row!.id;
  });
  return getFollowUp(db, actor, id);
}

/** Lock a follow-up for a change by its author within the edit window; 404 when out of scope. */
async function lockOwnFollowUp(tx: Tx, actor: Actor, id: number): Promise<FollowUpRow> {
  if (!canSeeProjectDetails(actor)) throw new AppError('NOT_FOUND', 404);
  const [found] = await tx.select({ projectId: followUps.projectId }).from(followUps).where(eq(followUps.id, id));
  if (!found) throw new AppError('NOT_FOUND', 404);
  await lockProject(tx, actor, found.projectId);
  const [row] = await tx.select().from(followUps).where(eq(followUps.id, id)).for('update');
  if (!row) throw new AppError('NOT_FOUND', 404);
  if (row.createdBy !== actor.id) throw new AppError('FOLLOW_UP_NOT_AUTHOR', 403);
  if (Date.now() >= editableUntil(row).getTime()) throw new AppError('FOLLOW_UP_LOCKED', 409, { editableUntil: editableUntil(row).toISOString() });
  return row;
}

export async function updateFollowUp(db: Db, actor: Actor, id: number, patch: z.infer<typeof updateFollowUpBody>): Promise<FollowUp> {
  await db.transaction(async (tx) => {
    const before = await lockOwnFollowUp(tx, actor, id);
    const merged = { ...before, ...patch };
    checkDates(merged.date, merged.nextStepDue);
    const [after] = await tx.update(followUps).set(patch).where(eq(followUps.id, id)).returning();
    await refreshFollowUpFacts(tx, before.projectId, before);
    await recordAudit(tx, actor, { action: 'update', entity: 'follow_up', entityId: id, unitId: before.unitId, before, after });
  });
  return getFollowUp(db, actor, id);
}

/** Delete (author, within the window). Its files move to the project, so no evidence is orphaned. */
export async function deleteFollowUp(db: Db, actor: Actor, id: number): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await lockOwnFollowUp(tx, actor, id);
    const moved = await tx
      .update(files)
      .set({ entity: 'project', entityId: before.projectId })
      .where(and(eq(files.entity, 'follow_up'), eq(files.entityId, id)))
      .returning({ id: files.id });
    await tx.delete(followUps).where(eq(followUps.id, id));
    // With none left, the project's last follow-up date (and a next step copied from this one) go.
    await refreshFollowUpFacts(tx, before.projectId, before);
    await recordAudit(tx, actor, {
      action: 'delete',
      entity: 'follow_up',
      entityId: id,
      unitId: before.unitId,
      before,
      after: { deleted: true, filesMovedToProject: moved.map((m) => m.id) },
    });
  });
}
