import { and, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { createProjectBody } from '../../../shared/api/projects.js';
import { projectKey } from '../../../shared/import/columns.js';
import { checkTransition } from '../../../shared/project.js';
import type { Actor } from '../../actor.js';
import type { Tx } from '../../db/client.js';
import { projects, projectTransitions } from '../../db/schema/index.js';
import { AppError } from '../../errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { insertInvestor } from '../investors/investors.service.js';
import { insertProject, projectTokens } from '../projects/projects.service.js';
import { insertPendingTransition } from '../projects/transitions.service.js';
import { diffProject, planTransition, type ProjectValues, type RowPlan, type StageIntent } from './import.plan.js';

/*
 * Writing a planned batch inside one transaction: projects through insertProject (audit, search
 * tokens), new investors through insertInvestor, stage changes as pending transitions for review.
 * Updates are re-diffed against the locked row, so a change saved in the app since the preview is
 * neither lost nor written twice, and a row that no longer differs is left alone (no version bump).
 * Imports take one lock per batch, and a row planned as new whose project another import created
 * meanwhile updates that project instead.
 */

// Imports run one at a time: two ledgers naming the same new project cannot both create it.
const IMPORT_LOCK_KEY = 0x5a5302;

export interface ApplyStats {
  created: number;
  updated: number;
  investorsCreated: number;
  transitions: number;
}

export const emptyStats = (): ApplyStats => ({ created: 0, updated: 0, investorsCreated: 0, transitions: 0 });

type CreateInput = z.infer<typeof createProjectBody>;

async function investorIdOf(tx: Tx, actor: Actor, plan: RowPlan, cache: Map<string, number>, stats: ApplyStats): Promise<number | null> {
  const ref = plan.investor;
  if (!ref) return null;
  if ('id' in ref) return ref.id;
  const cached = cache.get(ref.create.key);
  if (cached) return cached;
  let id: number;
  try {
    id = (await insertInvestor(tx, actor, { name: ref.create.name, uscc: ref.create.uscc }, { unitId: plan.unitId! })).id;
    stats.investorsCreated += 1;
  } catch (err) {
    // Created by an earlier batch or by someone since the plan: link that one. (insertInvestor
    // refuses before writing, so the transaction is still good.)
    const existing = err instanceof AppError && err.code === 'INVESTOR_DUPLICATE' ? (err.details as { existing?: { id: number } }).existing : undefined;
    if (!existing) throw err;
    id = existing.id;
  }
  cache.set(ref.create.key, id);
  return id;
}

async function submitStage(tx: Tx, actor: Actor, project: Parameters<typeof insertPendingTransition>[2], stage: StageIntent, stats: ApplyStats) {
  const check = checkTransition({ stage: project.stage, sideState: project.sideState }, stage.to, stage.reason);
  if (!check.ok) return;
  await insertPendingTransition(tx, actor, project, { to: stage.to, date: stage.date, note: stage.note, reason: stage.reason, isBackward: check.isBackward });
  stats.transitions += 1;
}

async function applyCreate(tx: Tx, actor: Actor, plan: RowPlan, cache: Map<string, number>, stats: ApplyStats) {
  const investorId = await investorIdOf(tx, actor, plan, cache, stats);
  const input: CreateInput = { ...plan.desired, name: plan.name!, unitId: plan.unitId!, investorId };
  const row = await insertProject(tx, actor, input);
  stats.created += 1;
  if (plan.stage) await submitStage(tx, actor, row, plan.stage, stats);
}

async function applyUpdate(tx: Tx, actor: Actor, plan: RowPlan, cache: Map<string, number>, stats: ApplyStats) {
  const [before] = await tx.select().from(projects).where(eq(projects.id, plan.projectId!)).for('update');
  if (!before) throw new AppError('NOT_FOUND', 404, [{ row: plan.row, message: 'project no longer exists' }]);
  const investorId = await investorIdOf(tx, actor, plan, cache, stats);
  const changes = diffProject(before, plan.desired, investorId);
  const set: Partial<typeof projects.$inferInsert> = {};
  for (const k of changes) {
    if (k === 'investor') set.investorId = investorId;
    else (set as Record<string, unknown>)[k] = plan.desired[k as keyof ProjectValues];
  }
  const [pending] = await tx
    .select({ toTarget: projectTransitions.toTarget, eventDate: projectTransitions.eventDate })
    .from(projectTransitions)
    .where(and(eq(projectTransitions.projectId, before.id), eq(projectTransitions.status, 'pending')));
  const stage = planTransition(before, pending, plan.stage, []);
  if (Object.keys(set).length > 0) {
    const merged = { ...before, ...set };
    const [after] = await tx
      .update(projects)
      .set({ ...set, searchTokens: await projectTokens(tx, merged), version: before.version + 1, updatedAt: new Date() })
      .where(eq(projects.id, before.id))
      .returning();
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'project',
      entityId: before.id,
      unitId: before.unitId,
      before: { ...before, searchTokens: undefined },
      after: { ...after, searchTokens: undefined },
    });
  }
  if (stage) await submitStage(tx, actor, before, stage, stats);
  if (Object.keys(set).length > 0 || stage) stats.updated += 1;
}

/**
 * Projects created since the plan was made, under the rows' names (another import of the same
 * ledger that committed first): those rows update them instead of creating a second project.
 */
async function createdSincePlan(tx: Tx, plans: readonly RowPlan[]): Promise<Map<string, number>> {
  const creates = plans.filter((p) => p.action === 'create');
  if (creates.length === 0) return new Map();
  const units = [...new Set(creates.map((p) => p.unitId!))];
  const names = [...new Set(creates.map((p) => p.name!))];
  const rows = await tx
    .select({ id: projects.id, unitId: projects.unitId, name: projects.name })
    .from(projects)
    .where(and(inArray(projects.unitId, units), inArray(projects.name, names)));
  return new Map(rows.map((r) => [projectKey(r.unitId, r.name), r.id]));
}

/** Apply the create/update rows of one batch; the caller owns the transaction. */
export async function applyBatch(tx: Tx, actor: Actor, plans: readonly RowPlan[], stats: ApplyStats): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${IMPORT_LOCK_KEY})`);
  const investorCache = new Map<string, number>();
  const appeared = await createdSincePlan(tx, plans);
  for (const plan of plans) {
    try {
      const existingId = plan.action === 'create' ? appeared.get(projectKey(plan.unitId!, plan.name!)) : undefined;
      if (existingId) await applyUpdate(tx, actor, { ...plan, action: 'update', projectId: existingId }, investorCache, stats);
      else if (plan.action === 'create') await applyCreate(tx, actor, plan, investorCache, stats);
      else if (plan.action === 'update') await applyUpdate(tx, actor, plan, investorCache, stats);
    } catch (err) {
      // Say which row broke the batch; the transaction rolls back all of it.
      // A row that fails at commit is a conflict with the ledger as it now is (409), not a missing job.
      if (err instanceof AppError) throw new AppError(err.code, 409, { row: plan.row, details: err.details });
      throw Object.assign(err instanceof Error ? err : new Error(String(err)), { importRow: plan.row });
    }
  }
}
