import { and, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { FileEntity } from '../../../shared/api/files.js';
import type { Actor } from '../../actor.js';
import type { Executor, Tx } from '../../db/client.js';
import { coordinationIssues, files, followUps, fundTranches, projects, projectTransitions, referrals } from '../../db/schema/index.js';
import { fieldError } from '../../errors.js';
import { scopeByUnit } from '../../plugins/scope.js';
import { canSeeProjectDetails, projectScope } from '../projects/projects.scope.js';
import { referralScope } from '../referrals/referrals.queries.js';

/*
 * Who may see a file: whoever may see the record it is attached to.
 * - project, transition, follow-up, funds tranche: the project is in scope and the actor sees project details
 *   (department users and referrers do not);
 * - issue: as its project, or the department it is assigned to (and the units below it);
 * - referral: as the registration itself (referralScope: a referrer their own, staff by unit scope);
 * - nothing (not yet attached) or an entity this module does not know: only the uploader.
 * Everything else answers 404, like a missing file.
 */

export interface VisibleRecord {
  /** The unit the record belongs to; a file attached to it is filed under this unit. */
  unitId: number;
}

export async function findVisibleRecord(db: Executor, actor: Actor, entity: FileEntity, entityId: number): Promise<VisibleRecord | null> {
  const details = canSeeProjectDetails(actor);
  let rows: VisibleRecord[] = [];
  switch (entity) {
    case 'project':
      if (!details) return null;
      rows = await db.select({ unitId: projects.unitId }).from(projects).where(and(eq(projects.id, entityId), projectScope(actor)));
      break;
    case 'transition':
      if (!details) return null;
      rows = await db
        .select({ unitId: projects.unitId })
        .from(projectTransitions)
        .innerJoin(projects, eq(projects.id, projectTransitions.projectId))
        .where(and(eq(projectTransitions.id, entityId), projectScope(actor)));
      break;
    case 'follow_up':
      if (!details) return null;
      rows = await db
        .select({ unitId: followUps.unitId })
        .from(followUps)
        .innerJoin(projects, eq(projects.id, followUps.projectId))
        .where(and(eq(followUps.id, entityId), projectScope(actor)));
      break;
    case 'fund_tranche':
      if (!details) return null;
      rows = await db
        .select({ unitId: projects.unitId })
        .from(fundTranches)
        .innerJoin(projects, eq(projects.id, fundTranches.projectId))
        .where(and(eq(fundTranches.id, entityId), projectScope(actor)));
      break;
    case 'issue': {
      const visible = details ? projectScope(actor) : actor.role === 'department' ? scopeByUnit(actor, coordinationIssues.departmentUnitId) : sql`false`;
      rows = await db
        .select({ unitId: projects.unitId })
        .from(coordinationIssues)
        .innerJoin(projects, eq(projects.id, coordinationIssues.projectId))
        .where(and(eq(coordinationIssues.id, entityId), visible));
      break;
    }
    case 'referral':
      rows = await db.select({ unitId: referrals.unitId }).from(referrals).where(and(eq(referrals.id, entityId), referralScope(actor)));
      break;
  }
  return rows[0] ?? null;
}

const KNOWN = new Set<string>(['project', 'transition', 'follow_up', 'referral', 'issue', 'fund_tranche']);

/** Whether the actor may read this file row (metadata and content). */
export async function canReadFile(db: Executor, actor: Actor, file: typeof files.$inferSelect): Promise<boolean> {
  if (file.entity === null || file.entityId === null || !KNOWN.has(file.entity)) return file.uploadedBy === actor.id;
  return (await findVisibleRecord(db, actor, file.entity as FileEntity, file.entityId)) !== null;
}

/** Files attached to a project or to its transitions, follow-ups, coordination issues and funds tranches. */
export function projectFilesCondition(projectId: number): SQL {
  return or(
    and(eq(files.entity, 'project'), eq(files.entityId, projectId)),
    and(eq(files.entity, 'transition'), inArray(files.entityId, sql`(select id from ${projectTransitions} where project_id = ${projectId})`)),
    and(eq(files.entity, 'follow_up'), inArray(files.entityId, sql`(select id from ${followUps} where project_id = ${projectId})`)),
    and(eq(files.entity, 'issue'), inArray(files.entityId, sql`(select id from ${coordinationIssues} where project_id = ${projectId})`)),
    and(eq(files.entity, 'fund_tranche'), inArray(files.entityId, sql`(select id from ${fundTranches} where project_id = ${projectId})`)),
  ) as SQL;
}

/**
 * Attach files the actor uploaded and has not attached yet to a record, inside the caller's
 * transaction (the caller's audit entry names them). Anything else is refused naming `field`.
 */
export async function attachUploads(
  tx: Tx,
  actor: Actor,
  fileIds: readonly number[],
  target: { entity: FileEntity; entityId: number; unitId: number },
  field = 'fileIds',
): Promise<number[]> {
  const ids = [...new Set(fileIds)];
  if (ids.length === 0) return [];
  const found = await tx
    .select({ id: files.id })
    .from(files)
    .where(and(inArray(files.id, ids), eq(files.uploadedBy, actor.id), isNull(files.entity)))
    .for('update');
  if (found.length !== ids.length) throw fieldError('EVIDENCE_UNKNOWN', field);
  await tx.update(files).set({ entity: target.entity, entityId: target.entityId, unitId: target.unitId }).where(inArray(files.id, ids));
  return ids;
}
