import { aliasedTable, and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Transition, transitionBody, transitionQueueQuery } from '../../../shared/api/projects.js';
import { checkTransition, STAGE_DATE_FIELD, STAGES, stageIndex, type Stage } from '../../../shared/project.js';
import type { Actor } from '../../actor.js';
import { countAll, type Db, type Executor, type Tx } from '../../db/client.js';
import { files, orgUnits, projects, projectTransitions, users } from '../../db/schema/index.js';
import { AppError, fieldError } from '../../errors.js';
import { loadUnitInScope } from '../../plugins/scope.js';
import { recordAudit } from '../audit/audit.service.js';
import { canSeeProjectDetails, projectScope } from './projects.scope.js';
import { lockProject } from './projects.service.js';

const requester = aliasedTable(users, 'requester');
const reviewer = aliasedTable(users, 'reviewer');

function todayInChina(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

function selectTransitions(db: Executor) {
  return db
    .select({
      t: projectTransitions,
      projectName: projects.name,
      unitName: orgUnits.name,
      requesterName: requester.displayName,
      reviewerName: reviewer.displayName,
    })
    .from(projectTransitions)
    .innerJoin(projects, eq(projects.id, projectTransitions.projectId))
    .innerJoin(orgUnits, eq(orgUnits.id, projects.unitId))
    .innerJoin(requester, eq(requester.id, projectTransitions.requestedBy))
    .leftJoin(reviewer, eq(reviewer.id, projectTransitions.reviewedBy));
}

interface Row {
  t: typeof projectTransitions.$inferSelect;
  projectName: string;
  unitName: string;
  requesterName: string;
  reviewerName: string | null;
}

function toTransition(r: Row): Transition {
  const t = r.t;
  return {
    id: t.id,
    projectId: t.projectId,
    projectName: r.projectName,
    unitName: r.unitName,
    fromStage: t.fromStage,
    fromSideState: t.fromSideState,
    to: t.toTarget,
    eventDate: t.eventDate,
    note: t.note,
    reason: t.reason,
    lostDestination: t.lostDestination,
    isBackward: t.isBackward,
    evidenceFileIds: t.evidenceFileIds,
    status: t.status,
    requestedBy: { id: t.requestedBy, displayName: r.requesterName },
    requestedAt: t.requestedAt.toISOString(),
    reviewedBy: t.reviewedBy ? { id: t.reviewedBy, displayName: r.reviewerName ?? '' } : null,
    reviewedAt: t.reviewedAt?.toISOString() ?? null,
    reviewNote: t.reviewNote,
  };
}

export async function listProjectTransitions(db: Executor, actor: Actor, projectId: number): Promise<Transition[]> {
  if (!canSeeProjectDetails(actor)) throw new AppError('NOT_FOUND', 404);
  const rows = await selectTransitions(db)
    .where(and(eq(projectTransitions.projectId, projectId), projectScope(actor)))
    .orderBy(desc(projectTransitions.id));
  if (rows.length === 0) {
    const [p] = await db.select({ id: projects.id }).from(projects).where(and(eq(projects.id, projectId), projectScope(actor)));
    if (!p) throw new AppError('NOT_FOUND', 404);
  }
  return rows.map(toTransition);
}

/** The review queue (待审核) for bureau staff, or any status, scoped. */
export async function listTransitions(db: Executor, actor: Actor, q: z.infer<typeof transitionQueueQuery>) {
  const conditions = [eq(projectTransitions.status, q.status), projectScope(actor)];
  if (q.unitId) {
    const unit = await loadUnitInScope(db, actor, q.unitId);
    conditions.push(sql`${projects.unitId} in (select id from org_units where path like ${`${unit.path}%`})`);
  }
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    selectTransitions(db)
      .where(where)
      .orderBy(q.status === 'pending' ? projectTransitions.requestedAt : desc(projectTransitions.reviewedAt), desc(projectTransitions.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db
      .select({ n: countAll })
      .from(projectTransitions)
      .innerJoin(projects, eq(projects.id, projectTransitions.projectId))
      .where(where),
  ]);
  return { items: rows.map(toTransition), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

async function getTransition(db: Executor, actor: Actor, projectId: number, id: number): Promise<Transition> {
  const [row] = await selectTransitions(db).where(and(eq(projectTransitions.id, id), eq(projectTransitions.projectId, projectId), projectScope(actor)));
  if (!row) throw new AppError('NOT_FOUND', 404);
  return toTransition(row);
}

/** Request a stage change (unit staff). It counts nowhere until a bureau reviewer verifies it. */
export async function requestTransition(db: Db, actor: Actor, projectId: number, input: z.infer<typeof transitionBody>) {
  if (input.date > todayInChina()) throw fieldError('FUTURE_DATE', 'date');
  const id = await db.transaction(async (tx) => {
    const p = await lockProject(tx, actor, projectId);
    const [pending] = await tx
      .select({ id: projectTransitions.id })
      .from(projectTransitions)
      .where(and(eq(projectTransitions.projectId, projectId), eq(projectTransitions.status, 'pending')));
    if (pending) throw new AppError('TRANSITION_PENDING', 409, { pendingId: pending.id });
    const check = checkTransition({ stage: p.stage, sideState: p.sideState }, input.to, input.reason);
    if (!check.ok) {
      const code = check.reason === 'CLOSED' ? 'PROJECT_CLOSED' : check.reason === 'NEEDS_DESTINATION' ? 'NEEDS_REASON' : check.reason;
      throw new AppError(code, 400, [{ field: code === 'NEEDS_REASON' ? 'reason' : 'to', message: code }]);
    }
    if (input.evidenceFileIds.length > 0) {
      const found = await tx
        .select({ id: files.id })
        .from(files)
        .where(and(inArray(files.id, input.evidenceFileIds), eq(files.uploadedBy, actor.id)));
      if (found.length !== new Set(input.evidenceFileIds).size) throw fieldError('EVIDENCE_UNKNOWN', 'evidenceFileIds');
    }
    const [row] = await tx
      .insert(projectTransitions)
      .values({
        projectId,
        fromStage: p.stage,
        fromSideState: p.sideState,
        toTarget: input.to,
        eventDate: input.date,
        note: input.note ?? null,
        reason: input.reason ?? null,
        lostDestination: input.lostDestination ?? null,
        isBackward: check.isBackward,
        evidenceFileIds: input.evidenceFileIds,
        requestedBy: actor.id,
      })
      .returning();
    if (input.evidenceFileIds.length > 0) {
      await tx
        .update(files)
        .set({ entity: 'transition', entityId: row!.id })
        .where(inArray(files.id, input.evidenceFileIds));
    }
    await recordAudit(tx, actor, { action: 'request_transition', entity: 'project', entityId: projectId, unitId: p.unitId, after: row });
    return row!.id;
  });
  return getTransition(db, actor, projectId, id);
}

/** Apply a verified transition to the project's counted state (domain.md §3). */
function appliedState(p: typeof projects.$inferSelect, t: typeof projectTransitions.$inferSelect) {
  const set: Partial<typeof projects.$inferInsert> = {};
  if (t.toTarget === 'stalled' || t.toTarget === 'lost' || t.toTarget === 'withdrawn') {
    set.sideState = t.toTarget;
    set.sideStateDate = t.eventDate;
    set.sideStateReason = t.reason;
    set.lostDestination = t.toTarget === 'lost' ? t.lostDestination : null;
    return set;
  }
  if (t.toTarget === 'resumed') {
    set.sideState = null;
    set.sideStateDate = null;
    set.sideStateReason = null;
    set.lostDestination = null;
    return set;
  }
  const to = t.toTarget as Stage;
  set.stage = to;
  set.stageDate = t.eventDate;
  const toIndex = stageIndex(to);
  for (const stage of STAGES) {
    const field = STAGE_DATE_FIELD[stage];
    if (!field) continue;
    const i = stageIndex(stage);
    if (i === toIndex) set[field] = t.eventDate;
    // Skipped stages happened by the event date at the latest (the evidence shows it).
    else if (i < toIndex && !p[field]) set[field] = t.eventDate;
    // A backwards correction un-counts the stages after the target.
    else if (i > toIndex) set[field] = null;
  }
  return set;
}

export async function reviewTransition(
  db: Db,
  actor: Actor,
  projectId: number,
  transitionId: number,
  decision: { verify: true; note?: string | null } | { verify: false; reason: string },
) {
  await db.transaction(async (tx) => {
    const p = await lockProject(tx, actor, projectId);
    const [t] = await tx
      .select()
      .from(projectTransitions)
      .where(and(eq(projectTransitions.id, transitionId), eq(projectTransitions.projectId, projectId)))
      .for('update');
    if (!t) throw new AppError('NOT_FOUND', 404);
    if (t.status !== 'pending') throw new AppError('TRANSITION_NOT_PENDING', 409);
    if (t.requestedBy === actor.id) throw new AppError('SELF_REVIEW', 403);
    const now = new Date();
    if (!decision.verify) {
      const [after] = await tx
        .update(projectTransitions)
        .set({ status: 'rejected', reviewedBy: actor.id, reviewedAt: now, reviewNote: decision.reason })
        .where(eq(projectTransitions.id, transitionId))
        .returning();
      await recordAudit(tx, actor, { action: 'reject_transition', entity: 'project', entityId: projectId, unitId: p.unitId, before: t, after });
      return;
    }
    if (t.fromStage !== p.stage || t.fromSideState !== p.sideState) throw new AppError('STALE_TRANSITION', 409);
    const [afterT] = await tx
      .update(projectTransitions)
      .set({ status: 'verified', reviewedBy: actor.id, reviewedAt: now, reviewNote: decision.note ?? null })
      .where(eq(projectTransitions.id, transitionId))
      .returning();
    const [afterP] = await tx
      .update(projects)
      .set({ ...appliedState(p, t), version: p.version + 1, updatedAt: now })
      .where(eq(projects.id, projectId))
      .returning();
    await recordAudit(tx, actor, {
      action: t.isBackward ? 'verify_backward_transition' : 'verify_transition',
      entity: 'project',
      entityId: projectId,
      unitId: p.unitId,
      before: { ...p, searchTokens: undefined, transition: t },
      after: { ...afterP, searchTokens: undefined, transition: afterT },
    });
  });
  return getTransition(db, actor, projectId, transitionId);
}

/**
 * Insert a pending stage change inside an open transaction, for the Excel importer: the caller has
 * locked or just created the project and checked the change (checkTransition, no pending change,
 * not in the future). Audited like a request made in the app; bureau staff verify it later.
 */
export async function insertPendingTransition(
  tx: Tx,
  actor: Actor,
  project: Pick<typeof projects.$inferSelect, 'id' | 'unitId' | 'stage' | 'sideState'>,
  input: { to: (typeof projectTransitions.$inferInsert)['toTarget']; date: string; note: string | null; reason: string | null; isBackward: boolean },
) {
  const [row] = await tx
    .insert(projectTransitions)
    .values({
      projectId: project.id,
      fromStage: project.stage,
      fromSideState: project.sideState,
      toTarget: input.to,
      eventDate: input.date,
      note: input.note,
      reason: input.reason,
      isBackward: input.isBackward,
      requestedBy: actor.id,
    })
    .returning();
  await recordAudit(tx, actor, { action: 'request_transition', entity: 'project', entityId: project.id, unitId: project.unitId, after: row });
  return row!;
}
