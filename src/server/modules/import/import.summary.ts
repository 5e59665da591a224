import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ImportJob, ImportRow, importCommitInfo, importCounts, importRowsQuery } from '../../../shared/api/import.js';
import type { Lang } from '../../../shared/errors.js';
import type { FieldKey, ResolvedColumn } from '../../../shared/import/columns.js';
import { issueMessage } from '../../../shared/import/messages.js';
import type { RowIssue } from '../../../shared/import/rows.js';
import type { Actor } from '../../actor.js';
import { queryRows, toCount, type Executor } from '../../db/client.js';
import { importJobs, orgUnits, users } from '../../db/schema/index.js';
import { notFound } from '../../errors.js';
import { isUnitPathInScope } from '../../plugins/scope.js';
import type { RowAction, RowPlan } from './import.plan.js';

/*
 * The preview lives in import_jobs.summary (jsonb): the columns, the counts, and one compact entry
 * per row. The job read leaves the rows out (`summary - 'rows'`); the rows endpoint pages through
 * them in SQL, so 5,000 rows in error never travel in one response.
 */

export type CommitInfo = z.infer<typeof importCommitInfo>;
export type Counts = z.infer<typeof importCounts>;

/** One row as stored: short keys, empty parts left out (100,000 of them make one jsonb value). */
interface StoredRow {
  r: number;
  a: RowAction;
  n?: string;
  u?: string;
  i?: string;
  p?: number;
  c?: string[];
  e?: RowIssue[];
  w?: RowIssue[];
}

export interface StoredSummary {
  sheet: string;
  headerRow: number;
  columns: ResolvedColumn[];
  counts: Counts;
  missingRequired: FieldKey[];
  commit: CommitInfo | null;
  rows?: StoredRow[];
}

function toStored(p: RowPlan): StoredRow {
  const s: StoredRow = { r: p.row, a: p.action };
  if (p.name) s.n = p.name;
  if (p.unitName) s.u = p.unitName;
  if (p.investorName) s.i = p.investorName;
  if (p.projectId) s.p = p.projectId;
  if (p.changes.length) s.c = p.changes;
  if (p.errors.length) s.e = p.errors;
  if (p.warnings.length) s.w = p.warnings;
  return s;
}

export function buildSummary(
  base: { sheet: string; headerRow: number; columns: ResolvedColumn[]; missingRequired: FieldKey[]; skipped: number },
  plans: readonly RowPlan[],
  commit: CommitInfo | null = null,
): StoredSummary {
  const counts: Counts = { rows: plans.length, create: 0, update: 0, unchanged: 0, error: 0, skipped: base.skipped };
  for (const p of plans) counts[p.action] += 1;
  return { sheet: base.sheet, headerRow: base.headerRow, columns: base.columns, counts, missingRequired: base.missingRequired, commit, rows: plans.map(toStored) };
}

function renderIssue(row: number, i: RowIssue, lang: Lang) {
  return {
    row,
    column: i.column,
    field: i.field,
    code: i.code,
    message: issueMessage(i.code, lang, i.params, i.field),
    ...(i.value !== undefined && i.value !== '' ? { value: i.value } : {}),
  };
}

function renderRow(s: StoredRow, lang: Lang): ImportRow {
  return {
    row: s.r,
    action: s.a,
    name: s.n ?? null,
    unitName: s.u ?? null,
    investorName: s.i ?? null,
    projectId: s.p ?? null,
    changes: s.c ?? [],
    errors: (s.e ?? []).map((i) => renderIssue(s.r, i, lang)),
    warnings: (s.w ?? []).map((i) => renderIssue(s.r, i, lang)),
  };
}

export type JobRow = Omit<typeof importJobs.$inferSelect, 'summary'> & { summary: StoredSummary | null; unitPath: string; creatorName: string };

/**
 * A job the actor may see: its creator, or bureau staff whose scope holds the creator's unit.
 * Anyone else gets 404, exactly as for a job that does not exist.
 */
export async function loadJob(db: Executor, actor: Actor, id: number): Promise<JobRow> {
  const [row] = await db
    .select({
      id: importJobs.id,
      kind: importJobs.kind,
      status: importJobs.status,
      fileId: importJobs.fileId,
      filename: importJobs.filename,
      unitId: importJobs.unitId,
      mapping: importJobs.mapping,
      summary: sql<StoredSummary | null>`${importJobs.summary} - 'rows'`,
      progress: importJobs.progress,
      total: importJobs.total,
      error: importJobs.error,
      createdBy: importJobs.createdBy,
      createdAt: importJobs.createdAt,
      updatedAt: importJobs.updatedAt,
      unitPath: orgUnits.path,
      creatorName: users.displayName,
    })
    .from(importJobs)
    .innerJoin(orgUnits, eq(orgUnits.id, importJobs.unitId))
    .innerJoin(users, eq(users.id, importJobs.createdBy))
    .where(eq(importJobs.id, id));
  if (!row) throw notFound();
  const isCreator = row.createdBy === actor.id;
  const isBureauInScope = actor.role === 'bureau' && isUnitPathInScope(actor, row.unitPath);
  if (!isCreator && !isBureauInScope) throw notFound();
  return row as JobRow;
}

export function toJob(row: JobRow): ImportJob {
  const s = row.summary;
  return {
    id: row.id,
    kind: row.kind,
    status: row.status as ImportJob['status'],
    filename: row.filename,
    fileId: row.fileId,
    sheet: s?.sheet ?? null,
    headerRow: s?.headerRow ?? null,
    columns: s?.columns ?? [],
    counts: s?.counts ?? { rows: 0, create: 0, update: 0, unchanged: 0, error: 0, skipped: 0 },
    missingRequired: s?.missingRequired ?? [],
    progress: row.progress,
    total: row.total,
    commit: s?.commit ?? null,
    error: row.error,
    createdBy: { id: row.createdBy, displayName: row.creatorName },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** One page of the job's rows, filtered by action, in sheet order — paged in SQL. */
export async function listJobRows(db: Executor, actor: Actor, id: number, q: z.infer<typeof importRowsQuery>, lang: Lang) {
  await loadJob(db, actor, id);
  const filter = q.status ? sql`and e.value->>'a' = ${q.status}` : sql``;
  const from = sql`from ${importJobs} j cross join lateral jsonb_array_elements(coalesce(j.summary->'rows', '[]'::jsonb)) with ordinality as e(value, n)
    where j.id = ${id} ${filter}`;
  const [rows, counted] = await Promise.all([
    queryRows<{ value: StoredRow }>(db, sql`select e.value ${from} order by e.n limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`),
    queryRows<{ n: unknown }>(db, sql`select count(*) as n ${from}`),
  ]);
  return {
    items: rows.map((r) => renderRow(typeof r.value === 'string' ? (JSON.parse(r.value) as StoredRow) : r.value, lang)),
    total: toCount(counted[0]?.n),
    page: q.page,
    pageSize: q.pageSize,
  };
}

