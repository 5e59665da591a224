import { eq, sql } from 'drizzle-orm';
import type { ImportJob } from '../../../shared/api/import.js';
import type { Actor } from '../../actor.js';
import type { Tx } from '../../db/client.js';
import { importJobs } from '../../db/schema/index.js';
import { AppError } from '../../errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { applyBatch, emptyStats, type ApplyStats } from './import.apply.js';
import type { RowPlan } from './import.plan.js';
import { analyse, claimForCommit, readJobSheet, type ImportDeps } from './import.service.js';
import { buildSummary, loadJob, toJob, type CommitInfo, type StoredSummary } from './import.summary.js';
import { track, type Logger } from './import.tasks.js';

/*
 * Commit: "nothing half-written".
 *  - Up to commitLimits.singleTxMaxRows (1,000) rows to write: one transaction for everything —
 *    projects, investors, pending stage changes, their audit entries and the job's status. All or
 *    nothing.
 *  - Larger files: batches of commitLimits.batchRows (200) rows in sheet order, one transaction
 *    each, in the background; the job's progress advances after each batch (GET shows it), and on
 *    failure the job says exactly which rows landed (every create/update row up to landedThroughRow)
 *    and where it stopped. Each row is whole — a row, its investor, stage change and audit entries
 *    share a transaction. Committing the job again resumes: landed rows now plan as 'unchanged'.
 * Why not one transaction for 100,000 rows: every write transaction holds the audit chain's lock
 * until it commits, so a long import would stall every other user's saves for minutes (and on
 * PGlite every read as well). 1,000 rows is a few seconds of that (measured: bench/import.ts).
 */

/** Tunable in tests; see the comment above for what they trade. */
export const commitLimits = { singleTxMaxRows: 1_000, batchRows: 200, pauseMs: 20 };


function errorCode(err: unknown): string {
  return err instanceof AppError ? err.code : 'INTERNAL';
}

function failedRow(err: unknown): number | null {
  if (err instanceof AppError && err.details && typeof err.details === 'object' && 'row' in err.details) return Number((err.details as { row: unknown }).row);
  const row = (err as { importRow?: unknown } | null)?.importRow;
  return typeof row === 'number' ? row : null;
}

function commitInfo(mode: CommitInfo['mode'], stats: ApplyStats, landed: RowPlan[], failedAtRow: number | null = null): CommitInfo {
  return { mode, ...stats, landedRows: landed.length, landedThroughRow: landed.at(-1)?.row ?? null, failedAtRow };
}

async function finishJob(tx: Tx, actor: Actor, job: { id: number; unitId: number; filename: string; fileId: number | null }, status: 'done' | 'failed', info: CommitInfo, progress: number, error: string | null) {
  const wrote = info.created + info.updated + info.investorsCreated + info.transitions > 0;
  // A commit that changed nothing writes no audit entry (re-importing the same file is a no-op).
  if (wrote) {
    await recordAudit(tx, actor, {
      action: status === 'done' ? 'import_commit' : 'import_commit_partial',
      entity: 'import_job',
      entityId: job.id,
      unitId: job.unitId,
      after: { filename: job.filename, fileId: job.fileId, ...info },
    });
  }
  await tx
    .update(importJobs)
    .set({ status, progress, error, summary: sql`jsonb_set(${importJobs.summary}, '{commit}', ${JSON.stringify(info)}::jsonb)`, updatedAt: new Date() })
    .where(eq(importJobs.id, job.id));
}

export interface CommitResult {
  job: ImportJob;
  /** True when the commit continues in the background; poll the job. */
  isBackground: boolean;
}

export async function commitImportJob(deps: ImportDeps, actor: Actor, id: number, opts: { skipErrors: boolean }, log: Logger): Promise<CommitResult> {
  const { db } = deps;
  const job = await loadJob(db, actor, id);
  if (!job.summary || !(await claimForCommit(db, id))) throw new AppError('IMPORT_JOB_STATE', 409, { status: job.status });
  const summary = job.summary as StoredSummary;
  let plans: RowPlan[];
  let base: Awaited<ReturnType<typeof analyse>>['base'];
  try {
    // Plan again against the ledger as it is now, with the columns the preview showed.
    const sheet = await readJobSheet(deps, job.fileId, summary);
    ({ plans, base } = await analyse(db, actor, sheet, summary.columns, job.filename));
  } catch (err) {
    await db.update(importJobs).set({ status: 'preview', updatedAt: new Date() }).where(eq(importJobs.id, id));
    throw err;
  }
  const errors = plans.filter((p) => p.action === 'error').length;
  const fresh = buildSummary(base, plans);
  if (errors > 0 && !opts.skipErrors) {
    await db.update(importJobs).set({ status: 'preview', summary: fresh, total: plans.length, updatedAt: new Date() }).where(eq(importJobs.id, id));
    throw new AppError('IMPORT_HAS_ERRORS', 409, { errors });
  }
  await db.update(importJobs).set({ summary: fresh, total: plans.length, updatedAt: new Date() }).where(eq(importJobs.id, id));
  const work = plans.filter((p) => p.action === 'create' || p.action === 'update');
  const ref = { id, unitId: job.unitId, filename: job.filename, fileId: job.fileId };

  if (work.length <= commitLimits.singleTxMaxRows) {
    const stats = emptyStats();
    try {
      await db.transaction(async (tx) => {
        if (work.length > 0) await applyBatch(tx, actor, work, stats);
        await finishJob(tx, actor, ref, 'done', commitInfo('single', stats, work), plans.length, null);
      });
    } catch (err) {
      if (!(err instanceof AppError)) log.error({ err, importJob: id }, 'import commit failed');
      // Everything rolled back: the job records the failure and can be committed again.
      await db.transaction((tx) => finishJob(tx, actor, ref, 'failed', commitInfo('single', emptyStats(), [], failedRow(err)), 0, errorCode(err)));
      throw err;
    }
    return { job: toJob(await loadJob(db, actor, id)), isBackground: false };
  }

  // Read the job before the batches start, so the answer is always the state just opened.
  const opened = toJob(await loadJob(db, actor, id));
  track(id, runBatches(deps, actor, ref, plans, work, log));
  return { job: opened, isBackground: true };
}

async function runBatches(deps: ImportDeps, actor: Actor, ref: Parameters<typeof finishJob>[2], plans: RowPlan[], work: RowPlan[], log: Logger): Promise<void> {
  const { db } = deps;
  const stats = emptyStats();
  const landed: RowPlan[] = [];
  const position = new Map(plans.map((p, i) => [p.row, i + 1]));
  let progress = 0;
  const size = commitLimits.batchRows;
  for (let i = 0; i < work.length; i += size) {
    const batch = work.slice(i, i + size);
    const before = { ...stats };
    try {
      await db.transaction((tx) => applyBatch(tx, actor, batch, stats));
    } catch (err) {
      Object.assign(stats, before); // the failed batch rolled back
      if (!(err instanceof AppError)) log.error({ err, importJob: ref.id }, 'import commit batch failed');
      await db
        .transaction((tx) => finishJob(tx, actor, ref, 'failed', commitInfo('batched', stats, landed, failedRow(err) ?? batch[0]!.row), progress, errorCode(err)))
        .catch((e: unknown) => log.error({ err: e, importJob: ref.id }, 'could not record the failed import'));
      return;
    }
    landed.push(...batch);
    progress = i + size >= work.length ? plans.length : position.get(batch.at(-1)!.row)!;
    await db.update(importJobs).set({ progress, updatedAt: new Date() }).where(eq(importJobs.id, ref.id));
    // Let other requests in between batches (PGlite runs one statement at a time).
    await new Promise((resolve) => setTimeout(resolve, commitLimits.pauseMs));
  }
  await db
    .transaction((tx) => finishJob(tx, actor, ref, 'done', commitInfo('batched', stats, landed), plans.length, null))
    .catch((e: unknown) => log.error({ err: e, importJob: ref.id }, 'could not record the finished import'));
  // Thousands of new rows at once leave the planner's statistics stale until autovacuum notices
  // (measured: a 100,000-row export right after the import took 35 s instead of 15 s on PostgreSQL).
  await db.execute(sql`analyze projects, investors, project_transitions`).catch((e: unknown) => log.error({ err: e }, 'analyze after import failed'));
}
