import { createHash } from 'node:crypto';
import { canonicalJson } from '../../canonical.js';
import Decimal from 'decimal.js';
import { aliasedTable, and, asc, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { RewardLineRecord, RewardRun, RewardRunBody, rewardLinesQuery, rewardRunsQuery } from '../../../shared/api/rewards.js';
import { periodRange } from '../../../shared/assessment/scheme.js';
import { computeRewards, RewardInputError, type RewardLine, type RewardPeriod, type RewardProjectFacts, type RewardResult } from '../../../shared/rewards/compute.js';
import type { RewardRules } from '../../../shared/rewards/rules.js';
import type { Actor } from '../../actor.js';
import { countAll, type Db, type Executor, type Tx } from '../../db/client.js';
import { orgUnits, rewardLines, rewardRuleSets, rewardRuns, users } from '../../db/schema/index.js';
import { AppError, fieldError, notFound } from '../../errors.js';
import { escapeLike, onActorBranch, scopeByUnit, scopeUnits } from '../../plugins/scope.js';
import { recordAudit } from '../audit/audit.service.js';
import { collectRewardFacts } from './rewards.facts.js';
import { activateRuleSet, loadRuleSetToRun, rulesOf } from './rewards.rules.js';

/*
 * 奖励兑现 runs (issue 5 item 5). A run computes a rule-set version for a period over the rule set's
 * subtree: it collects the projects' verified facts (rewards.facts.ts), computes with the pure engine
 * (src/shared/rewards), and stores the inputs, the totals, a hash of both, and one row per line. A
 * computed run can be published (frozen; the rule-set version goes into use) and never changes again;
 * a recomputation is a new run.
 * Reading: runs on the reader's branch of the tree (published only, below the bureau and leaders);
 * lines through one condition: a referrer sees the lines naming them, everyone else the lines credited
 * to units in their scope (unit staff: their own unit and below).
 */

type RunRow = typeof rewardRuns.$inferSelect;

export interface RunInputs {
  rules: RewardRules;
  period: RewardPeriod;
  projects: RewardProjectFacts[];
}

const computer = aliasedTable(users, 'computer');
const publisher = aliasedTable(users, 'publisher');

/** Roles that see runs before they are published. */
const SEES_COMPUTED = new Set(['admin', 'leader', 'bureau']);

export function contentHashOf(inputs: RunInputs, result: RewardResult): string {
  return createHash('sha256').update(canonicalJson({ inputs, result })).digest('hex');
}

// ---- computing -------------------------------------------------------------------------------------

export interface ComputedRewards {
  inputs: RunInputs;
  result: RewardResult;
  contentHash: string;
}

/** Collect and compute (no writes): what a run would store today. */
export async function computeRewardRun(db: Executor, root: { path: string }, rules: RewardRules, period: RewardPeriod): Promise<ComputedRewards> {
  const projects = await collectRewardFacts(db, root, period);
  const inputs: RunInputs = { rules, period, projects };
  let result: RewardResult;
  try {
    result = computeRewards(rules, projects, period);
  } catch (e) {
    if (e instanceof RewardInputError) {
      // Name the project (its id), not an index into a list the caller never saw.
      throw new AppError('REWARD_INPUT', 400, e.issues.map((i) => ({ field: 'period', message: i.message, projectId: projects[Number(i.path[1])]?.projectId ?? null })));
    }
    throw e;
  }
  return { inputs, result, contentHash: contentHashOf(inputs, result) };
}

export async function createRewardRun(db: Db, actor: Actor, body: RewardRunBody): Promise<RewardRun> {
  const { from, to } = periodRange(body.period);
  if (from > to) throw fieldError('VALIDATION', 'period.to');
  const loaded = await db.transaction((tx) => loadRuleSetToRun(tx, actor, body.ruleSetId));
  const rules = rulesOf(loaded.s);
  const computed = await computeRewardRun(db, { path: loaded.unitPath }, rules, { from, to });
  const id = await db.transaction(async (tx) => {
    // Locked again: a draft edited while the facts were collected would make the run lie about its rules.
    const again = await loadRuleSetToRun(tx, actor, body.ruleSetId);
    if (again.s.updatedAt.getTime() !== loaded.s.updatedAt.getTime()) throw new AppError('VERSION_CONFLICT', 409);
    return insertRewardRun(tx, actor, loaded.s, computed, { byUserId: actor.id === 0 ? null : actor.id, isDemo: false });
  });
  return getRewardRun(db, actor, id);
}

/** Store a computed run, its lines and the audit entry (the demo seed uses it inside its transaction). */
export async function insertRewardRun(
  tx: Tx,
  actor: Actor,
  ruleSet: { id: number; version: number; unitId: number },
  run: ComputedRewards,
  opts: { byUserId: number | null; isDemo: boolean },
): Promise<number> {
  const { period } = run.inputs;
  const [row] = await tx
    .insert(rewardRuns)
    .values({
      ruleSetId: ruleSet.id,
      ruleSetVersion: ruleSet.version,
      unitId: ruleSet.unitId,
      periodFrom: period.from,
      periodTo: period.to,
      inputs: run.inputs,
      totalAmount: run.result.total.amount,
      totalRaw: run.result.total.raw,
      contentHash: run.contentHash,
      computedBy: opts.byUserId,
      isDemo: opts.isDemo,
    })
    .returning({ id: rewardRuns.id });
  const runId = row!.id;
  const values = run.result.lines.map((l, i) => lineRow(runId, i + 1, l));
  for (let i = 0; i < values.length; i += 500) await tx.insert(rewardLines).values(values.slice(i, i + 500));
  await recordAudit(tx, actor, {
    action: 'compute_reward_run',
    entity: 'reward_run',
    entityId: runId,
    unitId: ruleSet.unitId,
    after: { ruleSetId: ruleSet.id, ruleSetVersion: ruleSet.version, period, contentHash: run.contentHash, total: run.result.total, lineCount: values.length },
  });
  return runId;
}

function lineRow(runId: number, lineNo: number, l: RewardLine): typeof rewardLines.$inferInsert {
  return {
    runId,
    lineNo,
    projectId: l.projectId,
    projectName: l.projectName,
    itemId: l.itemId,
    unitId: l.unitId,
    referralId: l.referrer?.referralId ?? null,
    referrerName: l.referrer?.name ?? null,
    referrerUserId: l.referrer?.userId ?? null,
    sharePercent: l.sharePercent,
    baseAmount: l.base.amount,
    rawAmount: l.raw,
    amount: l.amount,
    isCapped: l.caps.length > 0,
    detail: l,
  };
}

/** 发布: freeze the run and put its rule-set version in use. Publishing twice answers 409. */
export async function publishRewardRun(db: Db, actor: Actor, id: number, note?: string): Promise<RewardRun> {
  await db.transaction(async (tx) => {
    const row = await lockRunToWrite(tx, actor, id);
    await markRewardRunPublished(tx, actor, row, { byUserId: actor.id === 0 ? null : actor.id, note: note ?? null });
  });
  return getRewardRun(db, actor, id);
}

export async function markRewardRunPublished(tx: Tx, actor: Actor, row: RunRow, opts: { byUserId: number | null; note: string | null }): Promise<void> {
  if (row.status === 'published') throw new AppError('REWARD_RUN_PUBLISHED', 409);
  await tx.update(rewardRuns).set({ status: 'published', publishedBy: opts.byUserId, publishedAt: new Date() }).where(eq(rewardRuns.id, row.id));
  await activateRuleSet(tx, actor, row.ruleSetId);
  await recordAudit(tx, actor, {
    action: 'publish_reward_run',
    entity: 'reward_run',
    entityId: row.id,
    unitId: row.unitId,
    before: { status: 'computed' },
    after: { status: 'published', contentHash: row.contentHash, note: opts.note },
  });
}

export async function lockRunToWrite(tx: Tx, actor: Actor, id: number): Promise<RunRow> {
  const [row] = await tx
    .select({ r: rewardRuns })
    .from(rewardRuns)
    .innerJoin(orgUnits, eq(orgUnits.id, rewardRuns.unitId))
    .where(and(eq(rewardRuns.id, id), scopeUnits(actor)))
    .for('update', { of: rewardRuns });
  if (!row) throw notFound();
  return row.r;
}

// ---- reading ---------------------------------------------------------------------------------------

function runVisibility(actor: Actor): SQL {
  return and(onActorBranch(actor), SEES_COMPUTED.has(actor.role) ? undefined : eq(rewardRuns.status, 'published')) as SQL;
}

/** The one condition every read of lines goes through: a referrer's own lines, else lines of units in scope. */
export function lineScope(actor: Actor): SQL {
  return actor.role === 'referrer' ? eq(rewardLines.referrerUserId, actor.id) : scopeByUnit(actor, rewardLines.unitId);
}

function selectRuns(db: Executor) {
  return db
    .select({ r: rewardRuns, unitName: orgUnits.name, ruleSetName: rewardRuleSets.name, computerName: computer.displayName, publisherName: publisher.displayName })
    .from(rewardRuns)
    .innerJoin(orgUnits, eq(orgUnits.id, rewardRuns.unitId))
    .innerJoin(rewardRuleSets, eq(rewardRuleSets.id, rewardRuns.ruleSetId))
    .leftJoin(computer, eq(computer.id, rewardRuns.computedBy))
    .leftJoin(publisher, eq(publisher.id, rewardRuns.publishedBy));
}

type SelectedRun = Awaited<ReturnType<ReturnType<typeof selectRuns>['execute']>>[number];

const sumOf = (col: SQL | typeof rewardLines.amount) => sql<string>`coalesce(sum(${col}), 0)::text`;

/** Totals and per-unit sums over the lines the actor may see, for some runs (one statement each). */
async function visibleTotals(db: Executor, actor: Actor, runIds: number[]) {
  if (!runIds.length) return { totals: new Map<number, RewardRun['totals']>(), byUnit: new Map<number, RewardRun['byUnit']>() };
  const runCond = sql`${rewardLines.runId} = any(${`{${runIds.join(',')}}`}::int[])`;
  const [totals, units] = await Promise.all([
    db
      .select({ runId: rewardLines.runId, amount: sumOf(rewardLines.amount), raw: sumOf(rewardLines.rawAmount), n: countAll })
      .from(rewardLines)
      .where(and(runCond, lineScope(actor)))
      .groupBy(rewardLines.runId),
    db
      .select({ runId: rewardLines.runId, unitId: rewardLines.unitId, unitName: orgUnits.name, amount: sumOf(rewardLines.amount), raw: sumOf(rewardLines.rawAmount), n: countAll })
      .from(rewardLines)
      .innerJoin(orgUnits, eq(orgUnits.id, rewardLines.unitId))
      .where(and(runCond, lineScope(actor)))
      .groupBy(rewardLines.runId, rewardLines.unitId, orgUnits.name)
      .orderBy(desc(sql`sum(${rewardLines.amount})`), asc(rewardLines.unitId)),
  ]);
  const fix = (v: string) => new Decimal(v).toFixed(4);
  return {
    totals: new Map(totals.map((t) => [t.runId, { amount: fix(t.amount), raw: fix(t.raw), lineCount: t.n }])),
    byUnit: units.reduce((m, u) => m.set(u.runId, [...(m.get(u.runId) ?? []), { unitId: u.unitId, unitName: u.unitName, amount: fix(u.amount), raw: fix(u.raw), lineCount: u.n }]), new Map<number, RewardRun['byUnit']>()),
  };
}

function toRun(row: SelectedRun, totals: RewardRun['totals'] | undefined, byUnit: RewardRun['byUnit'] | undefined): RewardRun {
  const r = row.r;
  return {
    id: r.id,
    ruleSetId: r.ruleSetId,
    ruleSetName: row.ruleSetName,
    ruleSetVersion: r.ruleSetVersion,
    unitId: r.unitId,
    unitName: row.unitName,
    periodFrom: r.periodFrom,
    periodTo: r.periodTo,
    status: r.status,
    contentHash: r.contentHash,
    totals: totals ?? { amount: '0.0000', raw: '0.0000', lineCount: 0 },
    byUnit: byUnit ?? [],
    computedBy: r.computedBy === null ? null : { id: r.computedBy, displayName: row.computerName ?? '' },
    computedAt: r.computedAt.toISOString(),
    publishedBy: r.publishedBy === null ? null : { id: r.publishedBy, displayName: row.publisherName ?? '' },
    publishedAt: r.publishedAt?.toISOString() ?? null,
    isDemo: r.isDemo,
  };
}

export async function listRewardRuns(db: Executor, actor: Actor, q: z.output<typeof rewardRunsQuery>) {
  const where = and(
    runVisibility(actor),
    q.ruleSet ? eq(rewardRuns.ruleSetId, q.ruleSet) : undefined,
    q.status ? eq(rewardRuns.status, q.status) : undefined,
    q.year ? sql`extract(year from ${rewardRuns.periodFrom}) = ${q.year}` : undefined,
  );
  const [rows, [total]] = await Promise.all([
    selectRuns(db).where(where).orderBy(desc(rewardRuns.periodFrom), desc(rewardRuns.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    db.select({ n: countAll }).from(rewardRuns).innerJoin(orgUnits, eq(orgUnits.id, rewardRuns.unitId)).where(where),
  ]);
  const { totals, byUnit } = await visibleTotals(db, actor, rows.map((r) => r.r.id));
  return { items: rows.map((r) => toRun(r, totals.get(r.r.id), byUnit.get(r.r.id))), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

/** A run the actor may read, or 404. */
async function loadVisibleRun(db: Executor, actor: Actor, id: number): Promise<SelectedRun> {
  const [row] = await selectRuns(db).where(and(eq(rewardRuns.id, id), runVisibility(actor)));
  if (!row) throw notFound();
  return row;
}

export async function getRewardRun(db: Executor, actor: Actor, id: number): Promise<RewardRun> {
  const row = await loadVisibleRun(db, actor, id);
  const { totals, byUnit } = await visibleTotals(db, actor, [id]);
  return toRun(row, totals.get(id), byUnit.get(id));
}

/** The run's stored rules (for the export's rules sheet). */
export function runRulesOf(row: SelectedRun): RewardRules {
  return (row.r.inputs as RunInputs).rules;
}

async function linesWhere(db: Executor, actor: Actor, q: Omit<z.output<typeof rewardLinesQuery>, 'page' | 'pageSize'>): Promise<SQL> {
  const conditions: (SQL | undefined)[] = [eq(rewardLines.runId, q.run), lineScope(actor)];
  if (q.unit !== undefined) {
    const [unit] = await db.select({ path: orgUnits.path }).from(orgUnits).where(eq(orgUnits.id, q.unit));
    if (!unit) throw fieldError('REFERENCE_UNKNOWN', 'unit', 404);
    conditions.push(scopeByUnit({ ...actor, unitPath: unit.path }, rewardLines.unitId));
  }
  if (q.project !== undefined) conditions.push(eq(rewardLines.projectId, q.project));
  if (q.item !== undefined) conditions.push(eq(rewardLines.itemId, q.item));
  if (q.capped !== undefined) conditions.push(eq(rewardLines.isCapped, q.capped));
  if (q.q !== undefined) {
    const pattern = `%${escapeLike(q.q)}%`;
    conditions.push(or(ilike(rewardLines.projectName, pattern), ilike(rewardLines.referrerName, pattern)));
  }
  return and(...conditions) as SQL;
}

function selectLines(db: Executor) {
  return db.select({ l: rewardLines, unitName: orgUnits.name }).from(rewardLines).innerJoin(orgUnits, eq(orgUnits.id, rewardLines.unitId));
}

function toLine(row: { l: typeof rewardLines.$inferSelect; unitName: string }): RewardLineRecord {
  const l = row.l;
  const detail = l.detail as RewardLine;
  return {
    id: l.id,
    runId: l.runId,
    lineNo: l.lineNo,
    projectId: l.projectId,
    projectName: l.projectName,
    itemId: l.itemId,
    itemLabel: detail.itemLabel,
    unitId: l.unitId,
    unitName: row.unitName,
    referrerName: l.referrerName,
    referrerUserId: l.referrerUserId,
    sharePercent: l.sharePercent,
    baseAmount: l.baseAmount,
    rawAmount: l.rawAmount,
    amount: l.amount,
    isCapped: l.isCapped,
    detail: detail as unknown as Record<string, unknown>,
  };
}

/** 兑现明细: a run's lines the actor may see, filtered and paginated in SQL, each with its calculation. */
export async function listRewardLines(db: Executor, actor: Actor, q: z.output<typeof rewardLinesQuery>) {
  await loadVisibleRun(db, actor, q.run);
  const where = await linesWhere(db, actor, q);
  const [rows, [total]] = await Promise.all([
    selectLines(db).where(where).orderBy(asc(rewardLines.lineNo)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    db.select({ n: countAll }).from(rewardLines).where(where),
  ]);
  return { items: rows.map(toLine), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

export const MAX_LINES_EXPORT = 50_000;

/** Everything the export needs: the run, its rules and every visible line (filters as the list). */
export async function rewardRunForExport(db: Executor, actor: Actor, q: Omit<z.output<typeof rewardLinesQuery>, 'page' | 'pageSize'>) {
  const row = await loadVisibleRun(db, actor, q.run);
  const where = await linesWhere(db, actor, q);
  const [count] = await db.select({ n: countAll }).from(rewardLines).where(where);
  if ((count?.n ?? 0) > MAX_LINES_EXPORT) throw new AppError('REWARD_EXPORT_TOO_LARGE', 400, { count: count?.n, max: MAX_LINES_EXPORT });
  const rows = await selectLines(db).where(where).orderBy(asc(rewardLines.lineNo));
  const { totals, byUnit } = await visibleTotals(db, actor, [q.run]);
  return { run: toRun(row, totals.get(q.run), byUnit.get(q.run)), rules: runRulesOf(row), lines: rows.map(toLine) };
}
