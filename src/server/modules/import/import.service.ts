import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { and, eq, inArray, lt, or } from 'drizzle-orm';
import type { z } from 'zod';
import type { ImportJob, importMappingBody } from '../../../shared/api/import.js';
import { missingRequired, normaliseHeader, recogniseHeader, resolveColumns, type FieldKey, type ResolvedColumn } from '../../../shared/import/columns.js';
import { isBlankRow, nonProjectRow, parseRow, type ParsedRow } from '../../../shared/import/rows.js';
import type { Actor } from '../../actor.js';
import type { Db, Executor, Tx } from '../../db/client.js';
import { files, importColumnMappings, importJobs } from '../../db/schema/index.js';
import { AppError } from '../../errors.js';
import type { FileStorage } from '../../storage/storage.js';
import { recordAudit } from '../audit/audit.service.js';
import { checkXlsxSignature, readLedger, type LedgerSheet } from './import.parse.js';
import { planRows, type RowPlan } from './import.plan.js';
import { buildSummary, loadJob, toJob, type StoredSummary } from './import.summary.js';
import { track, type Logger } from './import.tasks.js';

/*
 * Import jobs: upload → preview (the plan of every row, stored on the job) → optional column
 * mapping → commit. The uploaded workbook is kept as a files row in the store and re-read for
 * each re-validation and for the commit, so nothing depends on server memory between requests.
 */

export interface ImportDeps {
  db: Db;
  storage: FileStorage;
}

export interface Upload {
  tempPath: string;
  filename: string;
  size: number;
  sha256: string;
}

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function todayInChina(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

function storageKey(now = new Date()): string {
  return `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${randomUUID().replace(/-/g, '')}`;
}

export function cleanFilename(name: string): string {
  // eslint-disable-next-line no-control-regex
  const base = name.split(/[/\\]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (base || 'ledger.xlsx').slice(0, 200);
}

export async function loadRemembered(db: Executor): Promise<Map<string, FieldKey>> {
  const rows = await db.select().from(importColumnMappings);
  return new Map(rows.map((r) => [r.header, r.field as FieldKey]));
}

export interface Analysis {
  plans: RowPlan[];
  base: { sheet: string; headerRow: number; columns: ResolvedColumn[]; missingRequired: FieldKey[]; skipped: number };
}

/** Parse the rows below the header with the given columns and plan them against the database. */
export async function analyse(db: Executor, actor: Actor, sheet: LedgerSheet, columns: ResolvedColumn[], filename: string): Promise<Analysis> {
  const today = todayInChina();
  const parsed: ParsedRow[] = [];
  let skipped = 0;
  for (const r of sheet.rows) {
    if (isBlankRow(r.cells, columns)) continue;
    if (nonProjectRow(r.cells)) {
      skipped += 1;
      continue;
    }
    parsed.push(parseRow(r.row, r.cells, columns, today));
  }
  const headers: Partial<Record<FieldKey, string>> = {};
  for (const c of columns) if (c.field && !c.problem) headers[c.field] = c.header;
  const plans = await planRows(db, parsed, { actor, filename, headers });
  return { plans, base: { sheet: sheet.sheet, headerRow: sheet.headerRow, columns, missingRequired: missingRequired(columns), skipped } };
}

/** Uploads larger than this are read and planned in the background, with progress on the job. */
export const previewLimits = { syncMaxBytes: 1024 * 1024 };

export interface CreateResult {
  job: ImportJob;
  /** True when the preview is still being built: poll the job until it leaves `analysing`. */
  isBackground: boolean;
}

/**
 * Receive an uploaded ledger: check it, keep the file, and open a job. Small files are read and
 * planned at once (status preview); large ones after a quick check that the header is there (so a
 * bad file is still a 400), in the background (status analysing, progress = rows read).
 */
export async function createImportJob(deps: ImportDeps, actor: Actor, upload: Upload, log: Logger): Promise<CreateResult> {
  const { db, storage } = deps;
  const key = storageKey();
  const filename = cleanFilename(upload.filename);
  let stored = false;
  let committed = false;
  try {
    await checkXlsxSignature(upload.tempPath);
    const remembered = await loadRemembered(db);
    const isBackground = upload.size > previewLimits.syncMaxBytes;
    let summary: StoredSummary | null = null;
    if (isBackground) await readLedger(upload.tempPath, { remembered, headerOnly: true });
    else {
      const sheet = await readLedger(upload.tempPath, { remembered });
      const { plans, base } = await analyse(db, actor, sheet, resolveColumns(sheet.headerCells, remembered), filename);
      summary = buildSummary(base, plans);
    }
    const id = await db.transaction(async (tx) => {
      const [file] = await tx
        .insert(files)
        .values({ storageKey: key, filename, mimeType: XLSX_MIME, size: upload.size, sha256: upload.sha256, unitId: actor.unitId, entity: 'import_job', uploadedBy: actor.id })
        .returning();
      const [job] = await tx
        .insert(importJobs)
        .values({
          kind: 'projects',
          status: summary ? 'preview' : 'analysing',
          fileId: file!.id,
          filename,
          unitId: actor.unitId,
          mapping: {},
          summary,
          progress: 0,
          total: summary?.counts.rows ?? 0,
          createdBy: actor.id,
        })
        .returning({ id: importJobs.id });
      await tx.update(files).set({ entityId: job!.id }).where(eq(files.id, file!.id));
      await recordAudit(tx, actor, { action: 'upload', entity: 'file', entityId: file!.id, unitId: actor.unitId, after: { ...file, entityId: job!.id } });
      await recordAudit(tx, actor, {
        action: 'create',
        entity: 'import_job',
        entityId: job!.id,
        unitId: actor.unitId,
        after: { filename, fileId: file!.id, sheet: summary?.sheet ?? null, headerRow: summary?.headerRow ?? null, counts: summary?.counts ?? null },
      });
      // Last inside the transaction: if the move fails, the rows roll back.
      await storage.putFile(key, upload.tempPath);
      stored = true;
      return job!.id;
    });
    committed = true;
    // Read the job before the background work starts, so the answer is always the state just opened.
    const job = toJob(await loadJob(db, actor, id));
    if (isBackground) track(id, analyseStored(deps, actor, id, key, filename, log));
    return { job, isBackground };
  } finally {
    await rm(upload.tempPath, { force: true });
    if (stored && !committed) await storage.delete(key).catch(() => undefined);
  }
}

/** The background half of a large upload: read, plan, store the preview — or record why not. */
async function analyseStored(deps: ImportDeps, actor: Actor, id: number, key: string, filename: string, log: Logger): Promise<void> {
  const { db } = deps;
  let lastReport = 0;
  const report = (rows: number) => {
    // A progress write every 5,000 rows; not awaited in the reader's callback, errors ignored.
    if (rows - lastReport < 5000) return;
    lastReport = rows;
    void db.update(importJobs).set({ progress: rows, updatedAt: new Date() }).where(eq(importJobs.id, id)).catch(() => undefined);
  };
  try {
    const remembered = await loadRemembered(db);
    const sheet = await readLedger(() => deps.storage.get(key), { remembered, onProgress: report });
    const { plans, base } = await analyse(db, actor, sheet, resolveColumns(sheet.headerCells, remembered), filename);
    await db
      .update(importJobs)
      .set({ status: 'preview', summary: buildSummary(base, plans), progress: 0, total: plans.length, updatedAt: new Date() })
      .where(eq(importJobs.id, id));
  } catch (err) {
    if (!(err instanceof AppError)) log.error({ err, importJob: id }, 'import preview failed');
    await db
      .update(importJobs)
      .set({ status: 'failed', error: err instanceof AppError ? err.code : 'INTERNAL', updatedAt: new Date() })
      .where(eq(importJobs.id, id))
      .catch((e: unknown) => log.error({ err: e, importJob: id }, 'could not record the failed preview'));
  }
}

/** Re-read a job's workbook from the store, at the sheet and header row chosen at upload. */
export async function readJobSheet(deps: ImportDeps, fileId: number | null, summary: StoredSummary): Promise<LedgerSheet> {
  const [file] = fileId ? await deps.db.select({ key: files.storageKey }).from(files).where(eq(files.id, fileId)) : [];
  if (!file || !(await deps.storage.exists(file.key))) throw new AppError('IMPORT_FILE_GONE', 410);
  return readLedger(() => deps.storage.get(file.key), { remembered: new Map(), fixed: { sheet: summary.sheet, headerRow: summary.headerRow } });
}

const EDITABLE = ['preview', 'failed'];

/** Map columns by hand: re-validate every row with the new mapping and remember it for later files. */
export async function updateImportMapping(deps: ImportDeps, actor: Actor, id: number, mapping: z.infer<typeof importMappingBody>['mapping']): Promise<ImportJob> {
  const { db } = deps;
  const job = await loadJob(db, actor, id);
  if (!EDITABLE.includes(job.status) || !job.summary) throw new AppError('IMPORT_JOB_STATE', 409);
  const known = new Set(job.summary.columns.map((c) => c.header));
  const unknown = Object.keys(mapping).filter((h) => !known.has(h));
  if (unknown.length) throw new AppError('IMPORT_MAPPING_HEADER', 400, unknown.map((h) => ({ field: h, message: 'no such column' })));
  const userMapping = { ...((job.mapping as Record<string, FieldKey | null> | null) ?? {}), ...mapping };
  const sheet = await readJobSheet(deps, job.fileId, job.summary);
  const remembered = await loadRemembered(db);
  const columns = resolveColumns(sheet.headerCells, remembered, userMapping);
  const clash = columns.find((c) => c.source === 'user' && c.problem === 'DUPLICATE_FIELD');
  if (clash) throw new AppError('IMPORT_MAPPING_DUPLICATE', 400, [{ field: clash.header, message: clash.field ?? '' }]);
  const { plans, base } = await analyse(db, actor, sheet, columns, job.filename);
  await db.transaction(async (tx) => {
    await rememberMappings(tx, actor, mapping, remembered);
    await tx
      .update(importJobs)
      .set({ mapping: userMapping, summary: buildSummary(base, plans), total: plans.length, progress: 0, error: null, updatedAt: new Date() })
      .where(eq(importJobs.id, id));
  });
  return toJob(await loadJob(db, actor, id));
}

/**
 * Remember hand-made mappings by the normalised header (unit annotation removed), for every later
 * file. Mapping a header back to what the synonyms say, or to nothing, forgets the remembered one.
 */
async function rememberMappings(tx: Tx, actor: Actor, mapping: Record<string, FieldKey | null>, remembered: Map<string, FieldKey>) {
  for (const [header, field] of Object.entries(mapping)) {
    const { key } = normaliseHeader(header);
    if (!key) continue;
    const before = remembered.get(key) ?? null;
    const builtIn = recogniseHeader(header);
    const after = field && field !== builtIn ? field : null;
    if (before === after) continue;
    if (after) {
      await tx
        .insert(importColumnMappings)
        .values({ header: key, field: after })
        .onConflictDoUpdate({ target: importColumnMappings.header, set: { field: after, updatedAt: new Date() } });
    } else {
      await tx.delete(importColumnMappings).where(eq(importColumnMappings.header, key));
    }
    await recordAudit(tx, actor, { action: after ? 'remember' : 'forget', entity: 'import_column_mapping', entityId: key, before: before && { header: key, field: before }, after: after && { header: key, field: after } });
  }
}

/** Claim a job for commit: only one commit runs per job; one left `committing` by a dead process expires. */
export async function claimForCommit(db: Db, id: number): Promise<boolean> {
  const staleBefore = new Date(Date.now() - 10 * 60 * 1000);
  const claimed = await db
    .update(importJobs)
    .set({ status: 'committing', progress: 0, error: null, updatedAt: new Date() })
    .where(and(eq(importJobs.id, id), or(inArray(importJobs.status, EDITABLE), and(eq(importJobs.status, 'committing'), lt(importJobs.updatedAt, staleBefore)))))
    .returning({ id: importJobs.id });
  return claimed.length > 0;
}
