import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { ISSUE_ACTIONS, type answerIssueBody, type Issue, type IssueAction } from '../../../shared/api/issues.js';
import type { IssueStatus } from '../../../shared/project.js';
import type { Actor } from '../../actor.js';
import type { Db, Tx } from '../../db/client.js';
import { coordinationIssues, projects } from '../../db/schema/index.js';
import { AppError } from '../../errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { attachUploads } from '../files/files.access.js';
import { canSeeProjectDetails, projectScope } from '../projects/projects.scope.js';
import { getIssue, issueScope } from './issues.service.js';

/*
 * An issue's status moves (ISSUE_ACTIONS says from where). The department (or bureau staff)
 * answers; the project's side closes, escalates or reopens. Each move is one transaction under
 * the issue's row lock, bumps its version and is audited with the row before and after.
 */

type IssueRow = typeof coordinationIssues.$inferSelect;

/**
 * Lock an issue for a move. `answer`: the assigned department (or below) or staff who see the
 * project; every other move: the project's side only. Not visible → 404.
 */
async function lockIssue(tx: Tx, actor: Actor, id: number, action: IssueAction): Promise<{ issue: IssueRow; unitId: number }> {
  const visible = action === 'answer' ? issueScope(actor) : canSeeProjectDetails(actor) ? projectScope(actor) : sql`false`;
  const [row] = await tx
    .select({ issue: coordinationIssues, unitId: projects.unitId })
    .from(coordinationIssues)
    .innerJoin(projects, eq(projects.id, coordinationIssues.projectId))
    .where(and(eq(coordinationIssues.id, id), visible))
    .for('update', { of: coordinationIssues });
  if (!row) throw new AppError('NOT_FOUND', 404);
  return row;
}

function checkMove(action: IssueAction, status: IssueStatus) {
  const allowed = ISSUE_ACTIONS[action] as readonly IssueStatus[];
  if (!allowed.includes(status)) throw new AppError('ISSUE_STATUS', 409, { action, status, allowedFrom: allowed });
}

async function move(
  db: Db,
  actor: Actor,
  id: number,
  action: IssueAction,
  change: (before: IssueRow, tx: Tx, unitId: number) => Promise<{ set: Partial<typeof coordinationIssues.$inferInsert>; note?: Record<string, unknown> }>,
  opts: { version?: number } = {},
): Promise<Issue> {
  await db.transaction(async (tx) => {
    const { issue: before, unitId } = await lockIssue(tx, actor, id, action);
    if (opts.version !== undefined && opts.version !== before.version) {
      throw new AppError('VERSION_CONFLICT', 409, { currentVersion: before.version });
    }
    checkMove(action, before.status);
    const { set, note } = await change(before, tx, unitId);
    const [after] = await tx
      .update(coordinationIssues)
      .set({ ...set, version: before.version + 1, updatedAt: new Date() })
      .where(eq(coordinationIssues.id, id))
      .returning();
    await recordAudit(tx, actor, { action, entity: 'issue', entityId: id, unitId, before, after: { ...after, ...note } });
  });
  return getIssue(db, actor, id);
}

/** The department's answer (办理结果); version-checked so two answerers do not overwrite each other. */
export function answerIssue(db: Db, actor: Actor, id: number, input: z.infer<typeof answerIssueBody>) {
  return move(
    db,
    actor,
    id,
    'answer',
    async (_before, tx, unitId) => {
      const fileIds = await attachUploads(tx, actor, input.fileIds, { entity: 'issue', entityId: id, unitId });
      return { set: { status: 'answered', answer: input.answer, answeredBy: actor.id, answeredAt: new Date() }, note: { fileIds } };
    },
    { version: input.version },
  );
}

export function closeIssue(db: Db, actor: Actor, id: number, note: string | null | undefined) {
  return move(db, actor, id, 'close', async () => ({ set: { status: 'closed', closedAt: new Date() }, note: { closeNote: note ?? null } }));
}

/** 提级协调: the department did not solve it in time, or it needs a leader. */
export function escalateIssue(db: Db, actor: Actor, id: number, reason: string) {
  return move(db, actor, id, 'escalate', async () => ({ set: { status: 'escalated', escalationReason: reason, escalatedAt: new Date(), closedAt: null } }));
}

export function reopenIssue(db: Db, actor: Actor, id: number, reason: string) {
  return move(db, actor, id, 'reopen', async () => ({ set: { status: 'open', closedAt: null }, note: { reopenReason: reason } }));
}
