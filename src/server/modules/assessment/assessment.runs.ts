import { createHash } from 'node:crypto';
import { canonicalJson } from '../../canonical.js';
import { aliasedTable, and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { RunBody, runsQuery } from '../../../shared/api/assessment.js';
import { diffResults, type ResultChange } from '../../../shared/assessment/diff.js';
import type { UnitInputData } from '../../../shared/assessment/inputs.js';
import { isUnitSelected, periodRange, type AssessmentScheme, type SchemePeriod } from '../../../shared/assessment/scheme.js';
import { AssessmentInputError, scoreScheme, type AssessmentResult } from '../../../shared/assessment/score.js';
import type { Actor } from '../../actor.js';
import { countAll, queryRows, type Db, type Executor, type Tx } from '../../db/client.js';
import { assessmentRuns, assessmentSchemes, orgUnits, users } from '../../db/schema/index.js';
import { AppError, fieldError, notFound } from '../../errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { collectInputs, uncollectableMetricPaths, type ScoredUnit } from './assessment.inputs.js';
import { onActorBranch, scopeUnits, subtreePattern } from '../../plugins/scope.js';
import { freezeScheme, loadSchemeToRun, schemeOf, schemeYear } from './assessment.schemes.js';

/*
 * 考核结果 (issue 5 item 3). A run scores a scheme for a period: it collects each scored unit's
 * inputs from verified records (assessment.inputs.ts), scores them with the pure engine, and
 * stores both, with a hash of the two. Publishing freezes the run (and its scheme version); a
 * published run never changes, and GET …/diff re-runs it on today's data to show what moved.
 * Reading: bureau, leaders, admins and viewers at or above the scheme's unit see every line;
 * anyone below it sees only the lines of units in their scope (with the rank from the whole run),
 * and a run with no line for them answers 404 like a missing one.
 */

type RunRow = typeof assessmentRuns.$inferSelect;
type ManualScores = RunBody['manual'];

/** What a run keeps of its inputs. */
export interface RunInputs {
  /** The scheme as run: the version's rules with the run's period. */
  scheme: AssessmentScheme;
  units: UnitInputData[];
  targets: { id: number; unitId: number; metric: string; value: string; version: number }[];
  /** 'groups' when the run was past MAX_RUN_RECORDS and its records are kept in groups (absent: records). */
  detail?: 'records' | 'groups';
}

const computer = aliasedTable(users, 'computer');
const publisher = aliasedTable(users, 'publisher');

// ---- computing -------------------------------------------------------------------------------------

/** sha256 over the canonical JSON of inputs and result: the same run gives the same hash. */
export function contentHashOf(inputs: RunInputs, result: AssessmentResult): string {
  return createHash('sha256').update(canonicalJson({ inputs, result })).digest('hex');
}

/** The run's period: the scheme's, or the one asked for, which must lie in the scheme's (targets') year. */
function runPeriod(scheme: AssessmentScheme, period: SchemePeriod | undefined): SchemePeriod {
  if (period === undefined) return scheme.period;
  const year = String(schemeYear(scheme));
  const { from, to } = periodRange(period);
  if (from.slice(0, 4) !== year) throw fieldError('ASSESSMENT_PERIOD_YEAR', period.kind === 'range' ? 'period.from' : 'period.year');
  if (to.slice(0, 4) !== year) throw fieldError('ASSESSMENT_PERIOD_YEAR', period.kind === 'range' ? 'period.to' : 'period.year');
  if (from > to) throw fieldError('VALIDATION', 'period.to');
  return period;
}

/** The enabled units of the scheme's subtree it selects, in the org tree's order. */
export async function scoredUnitsOf(db: Executor, root: { path: string }, scheme: AssessmentScheme): Promise<ScoredUnit[]> {
  const rows = await queryRows<{ id: number; name: string; path: string; type: string; sort_order: number }>(
    db,
    sql`select id, name, path, type::text as type, sort_order from org_units
        where path like ${subtreePattern(root.path)} and not is_disabled order by depth, sort_order, id`,
  );
  return rows
    .map((r) => ({ id: Number(r.id), name: r.name, path: r.path, type: r.type, sortOrder: Number(r.sort_order) }))
    .filter((u) => isUnitSelected(scheme.units, u))
    .map(({ id, name, path, sortOrder }) => ({ id, name, path, sortOrder }));
}

function checkManual(manual: ManualScores, scheme: AssessmentScheme, units: readonly ScoredUnit[]): void {
  const manualIds = new Set(scheme.items.filter((i) => i.type === 'manual').map((i) => i.id));
  const unitIds = new Set(units.map((u) => String(u.id)));
  for (const [itemId, byUnit] of Object.entries(manual)) {
    if (!manualIds.has(itemId)) throw fieldError('VALIDATION', `manual.${itemId}`);
    for (const unitId of Object.keys(byUnit)) if (!unitIds.has(unitId)) throw fieldError('ASSESSMENT_UNIT_OUT_OF_SCOPE', `manual.${itemId}.${unitId}`);
  }
}

function score(scheme: AssessmentScheme, units: UnitInputData[]): AssessmentResult {
  try {
    return scoreScheme(scheme, units);
  } catch (e) {
    if (e instanceof AssessmentInputError) throw new AppError('ASSESSMENT_INPUT', 400, e.issues.map((i) => ({ field: i.path.join('.'), message: i.message })));
    throw e;
  }
}

export interface ComputedRun {
  inputs: RunInputs;
  result: AssessmentResult;
  contentHash: string;
}

/** Collect and score (no writes): what a run would store today. */
export async function computeRun(db: Executor, root: { id: number; path: string }, scheme: AssessmentScheme, manual: ManualScores): Promise<ComputedRun> {
  const units = await scoredUnitsOf(db, root, scheme);
  const collected = await collectInputs(db, root, scheme, periodRange(scheme.period), schemeYear(scheme), units, manual);
  const inputs: RunInputs = { scheme, units: collected.units, targets: collected.targets, ...(collected.detail === 'groups' ? { detail: 'groups' as const } : {}) };
  const result = score(scheme, inputs.units);
  return { inputs, result, contentHash: contentHashOf(inputs, result) };
}

export async function createRun(db: Db, actor: Actor, body: RunBody) {
  const loaded = await db.transaction((tx) => loadSchemeToRun(tx, actor, body.schemeId));
  const base = schemeOf(loaded.s);
  const uncollectable = uncollectableMetricPaths(base);
  if (uncollectable.length) throw fieldError('ASSESSMENT_METRIC_NOT_COLLECTED', `scheme.${uncollectable[0]!}`);
  const scheme: AssessmentScheme = { ...base, period: runPeriod(base, body.period) };
  const root = { id: loaded.s.unitId, path: loaded.unitPath };
  const units = await scoredUnitsOf(db, root, scheme);
  if (!units.length) throw fieldError('ASSESSMENT_NO_UNITS', 'scheme.units');
  checkManual(body.manual, scheme, units);
  const run = await computeRun(db, root, scheme, body.manual);
  const id = await db.transaction(async (tx) => {
    // Locked again: the scheme may have been archived while the inputs were collected.
    await loadSchemeToRun(tx, actor, body.schemeId);
    return insertRun(tx, actor, loaded.s, run, { manual: body.manual, byUserId: actor.id === 0 ? null : actor.id, isDemo: false });
  });
  // Answered with what was stored, from memory: reading a province's snapshot back costs ~0.1 s.
  const { row, isVisible } = await loadVisibleRun(db, actor, id);
  return runAnswer(row, isVisible, run);
}

/** Store a computed run with its audit entry (the demo seed uses it inside its own transaction). */
export async function insertRun(
  tx: Tx,
  actor: Actor,
  scheme: { id: number; version: number; unitId: number },
  run: ComputedRun,
  opts: { manual: ManualScores; byUserId: number | null; isDemo: boolean },
): Promise<number> {
  const range = periodRange(run.inputs.scheme.period);
  const [row] = await tx
    .insert(assessmentRuns)
    .values({
      schemeId: scheme.id,
      schemeVersion: scheme.version,
      unitId: scheme.unitId,
      periodFrom: range.from,
      periodTo: range.to,
      inputs: run.inputs,
      result: run.result,
      contentHash: run.contentHash,
      computedBy: opts.byUserId,
      isDemo: opts.isDemo,
    })
    .returning({ id: assessmentRuns.id });
  await recordAudit(tx, actor, {
    action: 'compute_assessment_run',
    entity: 'assessment_run',
    entityId: row!.id,
    unitId: scheme.unitId,
    after: { schemeId: scheme.id, schemeVersion: scheme.version, period: range, contentHash: run.contentHash, manual: opts.manual },
  });
  return row!.id;
}

/** Change a computed run's manual scores: re-scored on the inputs it collected; a published run refuses. */
export async function updateRunManual(db: Db, actor: Actor, id: number, manual: ManualScores) {
  await db.transaction(async (tx) => {
    const row = await lockRunToWrite(tx, actor, id);
    if (row.status === 'published') throw new AppError('ASSESSMENT_RUN_PUBLISHED', 409);
    const before = (await runContent(tx, id)).inputs;
    const units = before.units.map((u) => ({ id: u.unitId, name: u.name, path: '', sortOrder: u.sortOrder ?? 0 }));
    checkManual(manual, before.scheme, units);
    const inputs: RunInputs = { ...before, units: before.units.map((u) => ({ ...u, manual: manualFor(manual, u.unitId) })) };
    const result = score(before.scheme, inputs.units);
    const contentHash = contentHashOf(inputs, result);
    await tx.update(assessmentRuns).set({ inputs, result, contentHash, computedBy: actor.id === 0 ? null : actor.id, computedAt: new Date() }).where(eq(assessmentRuns.id, id));
    await recordAudit(tx, actor, { action: 'update_assessment_run', entity: 'assessment_run', entityId: id, unitId: row.unitId, before: { contentHash: row.contentHash }, after: { contentHash, manual } });
  });
  return getRun(db, actor, id);
}

function manualFor(manual: ManualScores, unitId: number): UnitInputData['manual'] {
  const out: NonNullable<UnitInputData['manual']> = {};
  for (const itemId of Object.keys(manual).sort()) {
    const entry = manual[itemId]![String(unitId)];
    if (entry) out[itemId] = entry;
  }
  return out;
}

/** 发布: freeze the run and its scheme version. Publishing twice answers 409. */
export async function publishRun(db: Db, actor: Actor, id: number, note?: string) {
  await db.transaction(async (tx) => {
    const row = await lockRunToWrite(tx, actor, id);
    await markPublished(tx, actor, row, { byUserId: actor.id === 0 ? null : actor.id, note: note ?? null });
  });
  return getRun(db, actor, id);
}

/** Freeze a locked run and its scheme version, with the audit entry. */
export async function markPublished(tx: Tx, actor: Actor, row: RunMeta, opts: { byUserId: number | null; note: string | null }): Promise<void> {
  if (row.status === 'published') throw new AppError('ASSESSMENT_RUN_PUBLISHED', 409);
  await tx.update(assessmentRuns).set({ status: 'published', publishedBy: opts.byUserId, publishedAt: new Date() }).where(eq(assessmentRuns.id, row.id));
  await freezeScheme(tx, actor, row.schemeId);
  await recordAudit(tx, actor, {
    action: 'publish_assessment_run',
    entity: 'assessment_run',
    entityId: row.id,
    unitId: row.unitId,
    before: { status: 'computed' },
    after: { status: 'published', contentHash: row.contentHash, note: opts.note },
  });
}

/** Lock a run in the actor's scope for a change; its content (megabytes) is read only by the change that needs it. */
export async function lockRunToWrite(db: Executor, actor: Actor, id: number): Promise<RunMeta> {
  const [row] = await db
    .select({ r: RUN_META })
    .from(assessmentRuns)
    .innerJoin(orgUnits, eq(orgUnits.id, assessmentRuns.unitId))
    .where(and(eq(assessmentRuns.id, id), scopeUnits(actor)))
    .for('update', { of: assessmentRuns });
  if (!row) throw notFound();
  return row.r;
}

// ---- reading ---------------------------------------------------------------------------------------

/** Roles that see runs before they are published. */
const SEES_COMPUTED = new Set(['admin', 'leader', 'bureau']);

function runVisibility(actor: Actor): SQL {
  const published = SEES_COMPUTED.has(actor.role) ? undefined : eq(assessmentRuns.status, 'published');
  return and(onActorBranch(actor), published) as SQL;
}

/**
 * A run's columns without its inputs and result (megabytes for a province): lists and checks read
 * these; the content is read once, for the one run asked for.
 */
const RUN_META = {
  id: assessmentRuns.id,
  schemeId: assessmentRuns.schemeId,
  schemeVersion: assessmentRuns.schemeVersion,
  unitId: assessmentRuns.unitId,
  periodFrom: assessmentRuns.periodFrom,
  periodTo: assessmentRuns.periodTo,
  status: assessmentRuns.status,
  contentHash: assessmentRuns.contentHash,
  computedBy: assessmentRuns.computedBy,
  computedAt: assessmentRuns.computedAt,
  publishedBy: assessmentRuns.publishedBy,
  publishedAt: assessmentRuns.publishedAt,
  isDemo: assessmentRuns.isDemo,
};
type RunMeta = Omit<RunRow, 'inputs' | 'result'>;

function selectRuns(db: Executor) {
  return db
    .select({ r: RUN_META, unitName: orgUnits.name, unitPath: orgUnits.path, schemeName: assessmentSchemes.name, computerName: computer.displayName, publisherName: publisher.displayName })
    .from(assessmentRuns)
    .innerJoin(orgUnits, eq(orgUnits.id, assessmentRuns.unitId))
    .innerJoin(assessmentSchemes, eq(assessmentSchemes.id, assessmentRuns.schemeId))
    .leftJoin(computer, eq(computer.id, assessmentRuns.computedBy))
    .leftJoin(publisher, eq(publisher.id, assessmentRuns.publishedBy));
}

interface Row {
  r: RunMeta;
  unitName: string;
  unitPath: string;
  schemeName: string;
  computerName: string | null;
  publisherName: string | null;
}

function toSummary(row: Row) {
  const r = row.r;
  return {
    id: r.id,
    schemeId: r.schemeId,
    schemeName: row.schemeName,
    schemeVersion: r.schemeVersion,
    unitId: r.unitId,
    unitName: row.unitName,
    periodFrom: r.periodFrom,
    periodTo: r.periodTo,
    status: r.status,
    contentHash: r.contentHash,
    computedBy: r.computedBy === null ? null : { id: r.computedBy, displayName: row.computerName ?? '' },
    computedAt: r.computedAt.toISOString(),
    publishedBy: r.publishedBy === null ? null : { id: r.publishedBy, displayName: row.publisherName ?? '' },
    publishedAt: r.publishedAt?.toISOString() ?? null,
    isDemo: r.isDemo,
  };
}

export async function listRuns(db: Executor, actor: Actor, q: z.output<typeof runsQuery>) {
  const where = and(runVisibility(actor), q.scheme ? eq(assessmentRuns.schemeId, q.scheme) : undefined, q.status ? eq(assessmentRuns.status, q.status) : undefined);
  const [rows, [total]] = await Promise.all([
    selectRuns(db).where(where).orderBy(desc(assessmentRuns.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    db.select({ n: countAll }).from(assessmentRuns).innerJoin(orgUnits, eq(orgUnits.id, assessmentRuns.unitId)).where(where),
  ]);
  return { items: rows.map(toSummary), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

/**
 * The run and which of its units the actor may see: all of them at or above the run's unit, else
 * the units in the actor's scope. 404 when the run is off the actor's branch or shows them nothing.
 */
async function loadVisibleRun(db: Executor, actor: Actor, id: number): Promise<{ row: Row; isVisible: (unitId: number) => boolean }> {
  const [row] = await selectRuns(db).where(and(eq(assessmentRuns.id, id), runVisibility(actor)));
  if (!row) throw notFound();
  if (row.unitPath.startsWith(actor.unitPath)) return { row, isVisible: () => true };
  // The scored units' ids, read in the database (not the whole result).
  const visible = await queryRows<{ id: number }>(
    db,
    sql`select u.id from org_units u
        where u.id in (select (x->>'unitId')::int from assessment_runs r, jsonb_array_elements(r.result->'units') x where r.id = ${id})
          and u.path like ${subtreePattern(actor.unitPath)}`,
  );
  if (!visible.length) throw notFound();
  const ids = new Set(visible.map((v) => Number(v.id)));
  return { row, isVisible: (unitId) => ids.has(unitId) };
}

async function runContent(db: Executor, id: number): Promise<{ inputs: RunInputs; result: AssessmentResult }> {
  const [content] = await db.select({ inputs: assessmentRuns.inputs, result: assessmentRuns.result }).from(assessmentRuns).where(eq(assessmentRuns.id, id));
  return { inputs: content!.inputs as RunInputs, result: content!.result as AssessmentResult };
}

/**
 * A run's ranking without the records behind it (the bulletin's table): each visible unit's rank,
 * total and item scores, built in the database from the stored result.
 */
export async function runRanking(db: Executor, actor: Actor, id: number) {
  const { row, isVisible } = await loadVisibleRun(db, actor, id);
  const [compact] = await queryRows<{ units: { unitId: number; name: string; rank: number; total: string; isTied: boolean; items: { itemId: string; label: string; score: string }[] }[] | null }>(
    db,
    sql`select jsonb_agg(jsonb_build_object('unitId', u->'unitId', 'name', u->'name', 'rank', u->'rank', 'total', u->'total', 'isTied', u->'isTied',
          'items', (select coalesce(jsonb_agg(jsonb_build_object('itemId', i->'itemId', 'label', i->'label', 'score', i->'score') order by n), '[]'::jsonb)
                    from jsonb_array_elements(u->'items') with ordinality as it(i, n))) order by k) as units
        from assessment_runs r, jsonb_array_elements(r.result->'units') with ordinality as x(u, k) where r.id = ${id}`,
  );
  const units = (compact?.units ?? []).map((u) => ({ ...u, unitId: Number(u.unitId), rank: Number(u.rank) }));
  return { ...toSummary(row), unitCount: units.length, units: units.filter((u) => isVisible(u.unitId)) };
}

export async function getRun(db: Executor, actor: Actor, id: number) {
  const { row, isVisible } = await loadVisibleRun(db, actor, id);
  return runAnswer(row, isVisible, await runContent(db, id));
}

/** A run with the lines of its result and inputs the reader may see. */
function runAnswer(row: Row, isVisible: (unitId: number) => boolean, { inputs, result }: { inputs: RunInputs; result: AssessmentResult }) {
  return {
    ...toSummary(row),
    result: { ...result, units: result.units.filter((u) => isVisible(u.unitId)) },
    unitCount: result.units.length,
    inputs: { ...inputs, units: inputs.units.filter((u) => isVisible(u.unitId)), targets: inputs.targets.filter((t) => isVisible(t.unitId)) },
  };
}

/** Re-run the run's scheme (as run) on today's data, with its manual scores, and compare. */
export async function diffRun(db: Executor, actor: Actor, id: number) {
  const { row, isVisible } = await loadVisibleRun(db, actor, id);
  const content = await runContent(db, id);
  const frozen = content.inputs;
  const root = { id: row.r.unitId, path: row.unitPath };
  const manual = manualOfSnapshot(frozen);
  const units = await scoredUnitsOf(db, root, frozen.scheme);
  const current = new Set(units.map((u) => String(u.id)));
  // A unit no longer scored takes its manual scores with it (it shows as removed).
  const kept = Object.fromEntries(Object.entries(manual).map(([item, byUnit]) => [item, Object.fromEntries(Object.entries(byUnit).filter(([u]) => current.has(u)))]));
  const rerun = await computeRun(db, root, frozen.scheme, kept);
  const changes: ResultChange[] = diffResults(content.result, rerun.result).filter((c) => isVisible(c.unitId));
  // Below the scheme's unit, "unchanged" speaks only of the reader's own lines.
  const isWholeRun = row.unitPath.startsWith(actor.unitPath);
  const isUnchanged = isWholeRun ? rerun.contentHash === row.r.contentHash : changes.length === 0;
  return { runId: id, contentHash: row.r.contentHash, rerunHash: rerun.contentHash, isUnchanged, changes };
}

function manualOfSnapshot(inputs: RunInputs): ManualScores {
  const out: ManualScores = {};
  for (const u of inputs.units) {
    for (const [itemId, entry] of Object.entries(u.manual ?? {})) {
      out[itemId] = { ...(out[itemId] ?? {}), [String(u.unitId)]: entry };
    }
  }
  return out;
}
