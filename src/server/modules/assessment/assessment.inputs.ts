import Decimal from 'decimal.js';
import { sql } from 'drizzle-orm';
import { subtreePattern } from '../../plugins/scope.js';
import { EXTRA_METRICS, isCollectedMetric } from '../../../shared/assessment/metrics.js';
import type { ScoreRecordInput, UnitInputData } from '../../../shared/assessment/inputs.js';
import { metricsOfScheme, type AssessmentScheme } from '../../../shared/assessment/scheme.js';
import { isFundSource } from '../../../shared/funds.js';
import { systemActor, type Actor } from '../../actor.js';
import { queryRows, type Executor } from '../../db/client.js';
import { intArray } from '../stats/stats.context.js';
import type { StatsRecords } from '../../../shared/api/stats.js';
import { formatValue, figureDefinition } from '../stats/stats.figures.js';
import { statsRecords } from '../stats/stats.records.js';
import { groupingPlan } from '../../../shared/assessment/grouping.js';
import { GOVERNMENT_FUNDED_TAGS, groupedCountByUnit, groupedFiguresByUnit, LATER_PHASE_TAGS, reviewedIn, type Collected } from './assessment.groups.js';

/*
 * What a run scores: for each scored unit, every metric the scheme reads, taken from the KPI engine
 * (statsRecords: the figure for the unit's whole subtree AND the records behind it, whose values add
 * up to it), with the project facts exclusions and tiers read; plus the unit's approved targets for
 * the scheme's year. Nothing here reads a clock except through the KPI engine's as-of day, so the
 * same data gives the same inputs, in the same order.
 */

export interface ScoredUnit {
  id: number;
  name: string;
  path: string;
  sortOrder: number;
}


/** Paths (`items.3.metric`, `items.0.parts.1.item.metric`) of items reading a metric the ledger cannot trace. */
export function uncollectableMetricPaths(scheme: AssessmentScheme): string[] {
  // Extra metrics without a record source in the ledger (shared: the scheme editor marks them) are refused.
  const isCollectable = isCollectedMetric;
  const paths: string[] = [];
  scheme.items.forEach((item, i) => {
    if (item.type === 'composite') item.parts.forEach((p, j) => !isCollectable(p.item.metric) && paths.push(`items.${i}.parts.${j}.item.metric`));
    else if (item.type !== 'manual' && !isCollectable(item.metric)) paths.push(`items.${i}.metric`);
  });
  return paths;
}

function isExtra(metric: string): boolean {
  return (EXTRA_METRICS as readonly string[]).includes(metric);
}

/** Collection reads as the scheme's unit (its whole subtree), whoever asked: the same run for everyone. */
function collectorFor(root: { id: number; path: string }): Actor {
  return { ...systemActor('assessment'), role: 'bureau', unitId: root.id, unitPath: root.path };
}

interface Period {
  from: string;
  to: string;
}

type MetricActual = UnitInputData['metrics'][string];

const PAGE = 50_000;

/**
 * The most records one run traces record by record (over all units and metrics), each kept with its
 * facts in the run's inputs and listed behind its points. A larger run (a province's year: over a
 * million records) is scored from groups of records sharing every fact its rules read (grouping.ts),
 * which give the same scores: its breakdown lists the groups, and the records stay one click away in
 * the figures' drill-down.
 */
export const MAX_RUN_RECORDS = 20_000;

/** Records a run may still read: collection stops at the first query that would pass the bound, not after reading it all. */
interface Budget {
  max: number;
  read: number;
}

/** Reading record by record passed the bound (records added since the groups were counted): the run scores the groups. */
class PastRecordBound extends Error {
  constructor(readonly records: number) {
    super(`more than the run's record bound (${records} records)`);
    this.name = 'PastRecordBound';
  }
}


/** Count `n` more records read, or refuse the run. */
function spend(budget: Budget, n: number): void {
  if (budget.read + n > budget.max) throw new PastRecordBound(budget.read + n);
  budget.read += n;
}

function toScoreRecord(it: StatsRecords['items'][number]): ScoreRecordInput {
  return {
    kind: it.kind === 'node' ? 'other' : it.kind,
    id: it.id,
    projectId: it.projectId,
    name: it.projectName,
    value: it.value,
    industryCode: it.industryCode,
    fundsSource: isFundSource(it.source) ? it.source : null,
  };
}

/** Every page of the records behind a figure for one unit's subtree. */
async function allRecords(db: Executor, actor: Actor, unitId: number, figure: string, p: Period, budget: Budget): Promise<{ total: string | null; items: StatsRecords['items'] }> {
  const items: StatsRecords['items'] = [];
  for (let page = 1; ; page++) {
    const r = await statsRecords(db, actor, { from: p.from, to: p.to, unit: unitId, figure, period: 'current', page, pageSize: PAGE });
    // The first page tells how many there are: refuse before reading the rest.
    if (page === 1) spend(budget, r.count);
    items.push(...r.items);
    if (items.length >= r.count || r.items.length === 0) return { total: r.total, items };
  }
}

/** A KPI figure for one unit's subtree with every record behind it (all pages). */
async function figureOf(db: Executor, actor: Actor, unitId: number, figure: string, p: Period, budget: Budget): Promise<Collected> {
  const r = await allRecords(db, actor, unitId, figure, p, budget);
  return { value: r.total ?? '0', records: r.items.map(toScoreRecord) };
}

/** The deepest unit whose subtree holds every scored unit (the root when there is none). */
async function collectionBase(db: Executor, root: { id: number; path: string }, units: readonly ScoredUnit[]): Promise<{ id: number; path: string }> {
  if (!units.length) return root;
  const segments = units.map((u) => u.path.split('/').filter(Boolean));
  const common: string[] = [];
  for (let i = 0; segments.every((s) => s[i] !== undefined && s[i] === segments[0]![i]); i++) common.push(segments[0]![i]!);
  const path = `/${common.join('/')}/`;
  if (!common.length || path.length <= root.path.length) return root;
  const [row] = await queryRows<{ id: number }>(db, sql`select id from org_units where path = ${path}`);
  return row ? { id: Number(row.id), path } : root;
}

/**
 * Which scored units each unit of the tree counts for: a record of unit X counts for every scored
 * unit whose subtree holds X (the same rule as one KPI call per scored unit, `unit_id = any(subtree)`).
 */
async function creditMap(db: Executor, root: { path: string }, units: readonly ScoredUnit[]): Promise<Map<number, number[]>> {
  const rows = await queryRows<{ id: number; path: string }>(db, sql`select id, path from org_units where path like ${subtreePattern(root.path)}`);
  const map = new Map<number, number[]>();
  for (const r of rows) {
    const owners = units.filter((u) => r.path.startsWith(u.path)).map((u) => u.id);
    if (owners.length) map.set(Number(r.id), owners);
  }
  return map;
}

/**
 * An additive figure for every scored unit from one pass over the root's records: each record
 * names its unit, so the records of a scored unit are those of its subtree, in the engine's order,
 * and its value is their sum (the engine's invariant: a figure equals the sum of its records).
 * Rates are not sums; they keep one call per unit.
 */
async function figureByUnit(
  db: Executor,
  actor: Actor,
  root: { id: number },
  units: readonly ScoredUnit[],
  credit: Map<number, number[]>,
  figure: string,
  p: Period,
  budget: Budget,
): Promise<Map<number, Collected>> {
  const def = figureDefinition(figure);
  const out = new Map<number, Collected>();
  if (!def || def.kind === 'rate') {
    for (const u of units) out.set(u.id, await figureOf(db, actor, u.id, figure, p, budget));
    return out;
  }
  const sums = new Map<number, Decimal>(units.map((u) => [u.id, new Decimal(0)]));
  for (const u of units) out.set(u.id, { value: '', records: [] });
  const all = await allRecords(db, actor, root.id, figure, p, budget);
  for (const it of all.items) {
    for (const owner of credit.get(it.unitId) ?? []) {
      out.get(owner)!.records.push(toScoreRecord(it));
      sums.set(owner, sums.get(owner)!.plus(it.value));
    }
  }
  for (const u of units) out.get(u.id)!.value = formatValue(def.kind, sums.get(u.id)!);
  return out;
}

/** Records of the root's subtree with their unit, shared out to the scored units whose subtree holds them. */
function shareOut(units: readonly ScoredUnit[], credit: Map<number, number[]>, rows: { unitId: number; record: ScoreRecordInput }[]): Map<number, Collected> {
  const out = new Map<number, Collected>(units.map((u) => [u.id, { value: '0', records: [] }]));
  for (const r of rows) for (const owner of credit.get(r.unitId) ?? []) out.get(owner)!.records.push(r.record);
  for (const c of out.values()) c.value = String(c.records.length);
  return out;
}

/** 跟进记录数: follow-ups dated in the period, per scored unit's subtree. */
async function followUpsOf(db: Executor, root: { path: string }, units: readonly ScoredUnit[], credit: Map<number, number[]>, p: Period, budget: Budget): Promise<Map<number, Collected>> {
  const rows = await queryRows<{ id: number; unit_id: number; project_id: number; name: string }>(
    db,
    sql`select f.id, f.unit_id, f.project_id, pr.name from follow_ups f join projects pr on pr.id = f.project_id join org_units u on u.id = f.unit_id
        where u.path like ${subtreePattern(root.path)} and f.date between ${p.from}::date and ${p.to}::date order by f.id
        limit ${budget.max - budget.read + 1}`,
  );
  spend(budget, rows.length);
  return shareOut(units, credit, rows.map((r) => ({ unitId: Number(r.unit_id), record: { kind: 'followup', id: Number(r.id), projectId: Number(r.project_id), name: r.name } })));
}

/** 审核驳回数: stage changes and funds tranches rejected in the period (China dates), per scored unit's subtree. */
async function rejectionsOf(db: Executor, root: { path: string }, units: readonly ScoredUnit[], credit: Map<number, number[]>, p: Period, budget: Budget): Promise<Map<number, Collected>> {
  const rows = await queryRows<{ kind: 'change' | 'tranche'; id: number; unit_id: number; project_id: number; name: string }>(
    db,
    sql`select 'change' as kind, t.id, pr.unit_id, t.project_id, pr.name from project_transitions t join projects pr on pr.id = t.project_id join org_units u on u.id = pr.unit_id
          where t.status = 'rejected' and u.path like ${subtreePattern(root.path)} and ${reviewedIn(sql`t.reviewed_at`, p)}
        union all
        select 'tranche' as kind, f.id, f.unit_id, f.project_id, pr.name from fund_tranches f join projects pr on pr.id = f.project_id join org_units u on u.id = f.unit_id
          where f.status = 'rejected' and u.path like ${subtreePattern(root.path)} and ${reviewedIn(sql`f.reviewed_at`, p)}
        order by kind, id
        limit ${budget.max - budget.read + 1}`,
  );
  spend(budget, rows.length);
  return shareOut(units, credit, rows.map((r) => ({ unitId: Number(r.unit_id), record: { kind: r.kind, id: Number(r.id), projectId: Number(r.project_id), name: r.name } })));
}

interface ProjectFacts {
  contractedAmount: string | null;
  investorId: number | null;
  investorTags: string[];
  isLaterPhase: boolean;
  isGovernmentFunded: boolean;
}

/** The project facts exclusions and tiers read, for every project behind any record. */
async function projectFacts(db: Executor, projectIds: number[]): Promise<Map<number, ProjectFacts>> {
  if (!projectIds.length) return new Map();
  const rows = await queryRows<{ id: number; contracted: string | null; investor_id: number | null; investor_tags: string[] | null; tags: string[] }>(
    db,
    sql`select p.id, p.contracted_investment::text as contracted, p.investor_id, i.tags as investor_tags, p.tags
        from projects p left join investors i on i.id = p.investor_id where p.id = any(${intArray(projectIds)})`,
  );
  return new Map(
    rows.map((r) => [
      Number(r.id),
      {
        contractedAmount: r.contracted === null ? null : new Decimal(r.contracted).toString(),
        investorId: r.investor_id === null ? null : Number(r.investor_id),
        investorTags: [...(r.investor_tags ?? [])].sort(),
        isLaterPhase: r.tags.some((t) => LATER_PHASE_TAGS.includes(t)),
        isGovernmentFunded: r.tags.some((t) => GOVERNMENT_FUNDED_TAGS.includes(t)),
      },
    ]),
  );
}

function metricByUnit(
  db: Executor,
  actor: Actor,
  root: { id: number; path: string },
  units: readonly ScoredUnit[],
  credit: Map<number, number[]>,
  metric: string,
  p: Period,
  budget: Budget,
) {
  if (metric === 'followup_count') return followUpsOf(db, root, units, credit, p, budget);
  if (metric === 'rejected_count') return rejectionsOf(db, root, units, credit, p, budget);
  return figureByUnit(db, actor, root, units, credit, metric, p, budget);
}

/** Approved unit targets (no person) of the year, by unit id then metric. Drafts are not yet issued, so they do not count. */
async function approvedTargets(db: Executor, year: number, unitIds: number[], metrics: string[]) {
  const byUnit = new Map<number, Record<string, string>>();
  const refs: { id: number; unitId: number; metric: string; value: string; version: number }[] = [];
  if (!unitIds.length || !metrics.length) return { byUnit, refs };
  const rows = await queryRows<{ id: number; unit_id: number; metric: string; value: string; version: number }>(
    db,
    sql`select id, unit_id, metric, value::text as value, version from targets
        where year = ${year} and user_id is null and status = 'approved' and unit_id = any(${intArray(unitIds)})
          and metric = any(${`{${metrics.join(',')}}`}::text[]) order by unit_id, metric`,
  );
  for (const r of rows) {
    const value = new Decimal(r.value).toString();
    const unitTargets = byUnit.get(Number(r.unit_id)) ?? {};
    unitTargets[r.metric] = value;
    byUnit.set(Number(r.unit_id), unitTargets);
    refs.push({ id: Number(r.id), unitId: Number(r.unit_id), metric: r.metric, value, version: Number(r.version) });
  }
  return { byUnit, refs };
}

export interface CollectedInputs {
  units: UnitInputData[];
  /** The target rows read, for the snapshot: a later change of a target shows in the diff. */
  targets: { id: number; unitId: number; metric: string; value: string; version: number }[];
  /** Whether the units' records are traced one by one, or (past MAX_RUN_RECORDS) in groups. */
  detail: 'records' | 'groups';
  /** How many records are behind the run's figures (a record counted once per scored unit holding it). */
  traced: number;
}

/** Every scored unit's inputs for the scheme (its period already the run's), manual scores attached. */
export async function collectInputs(
  db: Executor,
  root: { id: number; path: string },
  scheme: AssessmentScheme,
  period: Period,
  year: number,
  units: readonly ScoredUnit[],
  manual: Record<string, Record<string, { score: string; reason: string; by?: string | undefined }>>,
  maxRecords = MAX_RUN_RECORDS,
): Promise<CollectedInputs> {
  const actor = collectorFor(root);
  const metrics = metricsOfScheme(scheme);
  // Collect over the deepest unit holding every scored unit (a city's counties are read from that city, not the whole tree).
  const base = await collectionBase(db, root, units);
  const credit = await creditMap(db, base, units);
  // First in groups (a few aggregates): they tell how many records the run would trace.
  // Each statement and figure grouped by what the rules reading it compare.
  const planOf = (ms: readonly string[]) => groupingPlan(scheme, ms);
  const groups = new Map<string, Map<number, Collected>>();
  let traced = 0;
  const counted = (['followup_count', 'rejected_count'] as const).filter((m) => metrics.includes(m));
  const [figures, ...counts] = await Promise.all([
    groupedFiguresByUnit(db, actor, base, units, credit, planOf, metrics.filter((m) => !(counted as readonly string[]).includes(m)), period),
    ...counted.map((m) => groupedCountByUnit(db, base, units, credit, planOf([m]), m, period).then((g) => [m, g] as const)),
  ]);
  for (const [m, g] of [...figures, ...counts]) {
    groups.set(m, g.byUnit);
    for (const c of g.byUnit.values()) traced += c.records.reduce((n, r) => n + (r.count ?? 1), 0);
  }
  let collected: Record<string, MetricActual>[];
  let detail: 'records' | 'groups' = 'groups';
  if (traced <= maxRecords) {
    try {
      collected = await recordsOf(db, actor, base, units, credit, metrics, period, maxRecords);
      detail = 'records';
    } catch (e) {
      // Records added since the groups were read took the run past the bound: score the groups.
      if (!(e instanceof PastRecordBound)) throw e;
      collected = units.map((unit) => Object.fromEntries(metrics.map((m) => [m, groups.get(m)!.get(unit.id)!])));
    }
  } else {
    collected = units.map((unit) => Object.fromEntries(metrics.map((m) => [m, groups.get(m)!.get(unit.id)!])));
  }
  const targetMetrics = metrics.filter((m) => !isExtra(m));
  const { byUnit, refs } = await approvedTargets(db, year, units.map((u) => u.id), targetMetrics);
  return {
    units: units.map((unit, k) => ({
      unitId: unit.id,
      name: unit.name,
      sortOrder: unit.sortOrder,
      metrics: collected[k]!,
      targets: byUnit.get(unit.id) ?? {},
      manual: manualOf(manual, unit.id),
    })),
    targets: refs,
    detail,
    traced,
  };
}

/** Every scored unit's metrics record by record, with the project facts the rules read. */
async function recordsOf(
  db: Executor,
  actor: Actor,
  base: { id: number; path: string },
  units: readonly ScoredUnit[],
  credit: Map<number, number[]>,
  metrics: string[],
  period: Period,
  maxRecords: number,
): Promise<Record<string, MetricActual>[]> {
  // One metric at a time over the whole base, shared out by unit (one KPI call per metric, not per unit and metric).
  const byMetric = new Map<string, Map<number, Collected>>();
  const budget: Budget = { max: maxRecords, read: 0 };
  let traced = 0;
  for (const m of metrics) {
    const collectedForMetric = await metricByUnit(db, actor, base, units, credit, m, period, budget);
    // A record of a unit nested in two scored units is traced twice.
    for (const c of collectedForMetric.values()) traced += c.records.length;
    if (traced > maxRecords) throw new PastRecordBound(traced);
    byMetric.set(m, collectedForMetric);
  }
  const collected = units.map((unit) => Object.fromEntries(metrics.map((m) => [m, byMetric.get(m)!.get(unit.id)!])));
  const projectIds = [...new Set(collected.flatMap((c) => Object.values(c).flatMap((v) => v.records ?? []).map((r) => r.projectId ?? null)))].filter(
    (id): id is number => typeof id === 'number',
  );
  const facts = await projectFacts(db, projectIds);
  return collected.map((c) => Object.fromEntries(Object.entries(c).map(([m, v]) => [m, { value: v.value, records: (v.records ?? []).map((r) => withFacts(r, facts)) }])));
}

function withFacts(r: ScoreRecordInput, facts: Map<number, ProjectFacts>): ScoreRecordInput {
  const f = r.projectId === null || r.projectId === undefined ? undefined : facts.get(r.projectId);
  return f ? { ...r, ...f } : r;
}

function manualOf(manual: Record<string, Record<string, { score: string; reason: string; by?: string | undefined }>>, unitId: number) {
  const out: Record<string, { score: string; reason: string; by?: string }> = {};
  for (const itemId of Object.keys(manual).sort()) {
    const entry = manual[itemId]![String(unitId)];
    if (entry) out[itemId] = entry.by === undefined ? { score: entry.score, reason: entry.reason } : { score: entry.score, reason: entry.reason, by: entry.by };
  }
  return out;
}
