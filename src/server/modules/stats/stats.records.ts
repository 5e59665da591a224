import Decimal from 'decimal.js';
import { sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { recordsQuery, StatsRecords } from '../../../shared/api/stats.js';
import type { FundSource } from '../../../shared/funds.js';
import { ratio } from '../../../shared/kpi/formulas.js';
import type { Actor } from '../../actor.js';
import { queryRows, queryRowsWith, toCount, type Executor } from '../../db/client.js';
import { fieldError } from '../../errors.js';
import {
  inRange,
  lastFollowUpAt,
  nodeOverdueAt,
  PROJECT_DATES,
  projectBase,
  signedNotStartedAt,
  stalledAt,
  trancheBase,
  type ProjectEvent,
} from './stats.conditions.js';
import { resolveStats, sourceList, type StatsContext, type StatsPeriod } from './stats.context.js';
import { figureDefinition, formatValue, isStock } from './stats.figures.js';

/*
 * GET /api/stats/records: the records behind one figure, ordered by their date (newest first) and
 * id, paginated. Each record's `value` is its contribution; the sum over all pages is the figure
 * (for a rate, its numerator; total = numerator ÷ denominator). The conditions are the ones the
 * aggregates use (stats.conditions.ts).
 */

interface RecordSource {
  kind: 'project' | 'tranche' | 'node';
  /** FROM with `projects` joined; `t` / `n` for tranches and nodes. */
  from: SQL;
  where: SQL;
  id: SQL;
  date: SQL;
  value: SQL;
  /** For nodes: the node's name (施工许可, 开工, …). */
  nodeName?: SQL;
}

function projectSource(ctx: StatsContext, where: SQL, date: SQL, value: SQL = sql`1`): RecordSource {
  return { kind: 'project', from: sql`projects`, where: sql`${projectBase(ctx)} and ${where}`, id: sql`projects.id`, date, value };
}

function trancheSource(ctx: StatsContext, where: SQL, value: SQL = sql`t.amount_cny`): RecordSource {
  return { kind: 'tranche', from: sql`fund_tranches t join projects on projects.id = t.project_id`, where: sql`${trancheBase(ctx)} and ${where}`, id: sql`t.id`, date: sql`t.date`, value };
}

const SOURCE_FIGURES: Record<string, FundSource> = {
  funds_out_of_province: 'out_of_province',
  funds_in_province_out_of_city: 'in_province_out_of_city',
  funds_foreign: 'foreign',
  funds_local: 'local',
};

const EVENT_FIGURES: Record<string, { event: ProjectEvent; value?: SQL; where?: SQL }> = {
  new_projects: { event: 'created' },
  signed_count: { event: 'signed' },
  signed_amount: { event: 'signed', value: sql`coalesce(projects.contracted_investment, 0)` },
  // Only the signed projects with foreign capital make up the foreign figure.
  signed_foreign_usd: { event: 'signed', value: sql`projects.foreign_investment`, where: sql`coalesce(projects.foreign_investment, 0) <> 0` },
  registered_count: { event: 'registered' },
  started_count: { event: 'started' },
  started_amount: { event: 'started', value: sql`coalesce(projects.contracted_investment, 0)` },
  producing_count: { event: 'producing' },
};

/** The records and, for a rate, the denominator's SQL (a scalar over the cohort). */
function sourceOf(ctx: StatsContext, figure: string, p: StatsPeriod): { source: RecordSource; denominator?: SQL } {
  const d = PROJECT_DATES;
  const s = ctx.settings;
  const tier = /^signed_tier:(\d+)$/.exec(figure);
  if (tier) return { source: projectSource(ctx, sql`${inRange(d.signed, p)} and projects.contracted_investment >= ${Number(tier[1])}`, d.signed) };
  const ev = EVENT_FIGURES[figure];
  if (ev) return { source: projectSource(ctx, sql`${inRange(d[ev.event], p)}${ev.where ? sql` and ${ev.where}` : sql``}`, d[ev.event], ev.value) };
  const single = SOURCE_FIGURES[figure];
  const period = inRange(sql`t.date`, p);
  if (single) return { source: trancheSource(ctx, sql`${period} and t.source = ${single}`) };
  const cohortBase = (date: SQL) => sql`select count(*) from projects where ${projectBase(ctx)} and ${inRange(date, p)}`;
  switch (figure) {
    case 'funds_total':
      return { source: trancheSource(ctx, period) };
    case 'funds_out_of_city':
      return { source: trancheSource(ctx, sql`${period} and t.source::text = any(${sourceList(s.outOfCitySources)})`) };
    case 'funds_out_of_province_total':
      return { source: trancheSource(ctx, sql`${period} and t.source::text = any(${sourceList(s.outOfProvinceSources)})`) };
    case 'funds_foreign_usd':
      return { source: trancheSource(ctx, sql`${period} and t.source = 'foreign' and t.currency = 'USD'`, sql`t.amount`) };
    case 'stalled_count':
      return { source: projectSource(ctx, stalledAt(ctx, p.asOf), lastFollowUpAt(ctx, p.asOf)) };
    case 'signed_not_started_count':
      return { source: projectSource(ctx, signedNotStartedAt(ctx, p.asOf), d.signed) };
    case 'overdue_nodes_count':
      return {
        source: { kind: 'node', from: sql`project_nodes n join projects on projects.id = n.project_id`, where: sql`${projectBase(ctx)} and ${nodeOverdueAt(ctx, p.asOf)}`, id: sql`n.id`, date: sql`n.planned_date`, value: sql`1`, nodeName: sql`n.name` },
      };
    case 'signing_rate':
      return { source: projectSource(ctx, sql`${inRange(d.created, p)} and projects.signed_date <= ${p.asOf}::date`, d.signed), denominator: cohortBase(d.created) };
    case 'start_rate':
      return { source: projectSource(ctx, sql`${inRange(d.signed, p)} and projects.started_date <= ${p.asOf}::date`, d.started), denominator: cohortBase(d.signed) };
    case 'production_rate':
      return { source: projectSource(ctx, sql`${inRange(d.signed, p)} and projects.producing_date <= ${p.asOf}::date`, d.producing), denominator: cohortBase(d.signed) };
    case 'funds_rate':
      return {
        source: trancheSource(ctx, sql`${inRange(d.signed, p)} and t.date <= ${p.asOf}::date`),
        denominator: sql`select coalesce(sum(projects.contracted_investment), 0) from projects where ${projectBase(ctx)} and ${inRange(d.signed, p)}`,
      };
  }
  throw fieldError('VALIDATION', 'figure');
}

type Row = {
  id: number;
  project_id: number;
  project_name: string;
  unit_id: number;
  unit_name: string;
  industry_code: string | null;
  date: string | null;
  value: string;
  source: string | null;
  currency: string | null;
  amount: string | null;
  node_name: string | null;
};

/** The most records one .xlsx export holds (the drill-down pages through any number). */
export const MAX_RECORDS_EXPORT = 50_000;

type RecordsQuery = z.infer<typeof recordsQuery>;

interface Prepared {
  ctx: StatsContext;
  p: StatsPeriod;
  src: RecordSource;
  denominator: SQL | undefined;
  kind: 'count' | 'money' | 'rate';
  valueKind: 'count' | 'money';
}

async function prepare(db: Executor, actor: Actor, q: RecordsQuery): Promise<Prepared> {
  const { figure, period, page: _page, pageSize: _pageSize, ...base } = q;
  const ctx = await resolveStats(db, actor, base);
  const def = figureDefinition(figure);
  if (!def) throw fieldError('VALIDATION', 'figure');
  // Stock figures are measured today (or at the period's end); there is no last-year snapshot.
  if (period === 'previous' && isStock(figure)) throw fieldError('STATS_NOT_COMPARABLE', 'period');
  const p = ctx[period];
  const { source: src, denominator } = sourceOf(ctx, figure, p);
  const valueKind = def.kind === 'rate' ? (figure === 'funds_rate' ? 'money' : 'count') : def.kind;
  return { ctx, p, src, denominator, kind: def.kind, valueKind };
}

/**
 * One page of the records, newest first. Every source's date is non-null by its own condition (a
 * date in the period, a follow-up or creation date, a planned date before the as-of day), so the
 * order is `desc` without NULLS LAST: PostgreSQL's DESC is NULLS FIRST, which a backward scan of the
 * date's ascending index serves — a page of the province's signed projects reads 50 rows, not all.
 */
async function pageOf(db: Executor, prep: Prepared, page: number, pageSize: number): Promise<StatsRecords['items']> {
  const { src } = prep;
  const isTranche = src.kind === 'tranche';
  const rows = await queryRows<Row>(
    db,
    // The page's ids first, from what the condition and the order read (an index alone, where one
    // covers them: projects_facts_idx for a stock as of a past day), then their names and values.
    sql`select ${src.id} as id, projects.id as project_id, projects.name as project_name, projects.unit_id, u.name as unit_name,
      projects.industry_code, to_char(${src.date}, 'YYYY-MM-DD') as date, (${src.value})::text as value,
      ${isTranche ? sql`t.source::text` : sql`null`} as source, ${isTranche ? sql`t.currency::text` : sql`null`} as currency, ${isTranche ? sql`t.amount::text` : sql`null`} as amount,
      ${src.nodeName ?? sql`null`} as node_name
    from (
      select ${src.id} as rid, ${src.date} as d from ${src.from} where ${src.where}
      order by ${src.date} desc, ${src.id} desc
      limit ${pageSize} offset ${(page - 1) * pageSize}
    ) pg
    join ${src.from} on ${src.id} = pg.rid
    join org_units u on u.id = projects.unit_id
    order by pg.d desc, pg.rid desc`,
  );
  return rows.map((r) => ({
    kind: src.kind,
    id: Number(r.id),
    projectId: Number(r.project_id),
    projectName: r.project_name,
    unitId: Number(r.unit_id),
    unitName: r.unit_name,
    industryCode: r.industry_code,
    date: r.date,
    value: formatValue(prep.valueKind, r.value),
    source: r.source,
    currency: r.currency,
    amount: r.amount,
    nodeName: r.node_name,
  }));
}

export async function statsRecords(db: Executor, actor: Actor, q: RecordsQuery): Promise<StatsRecords> {
  const prep = await prepare(db, actor, q);
  const { ctx, p, src, denominator, kind, valueKind } = prep;
  const totals = sql`select count(*) as n, coalesce(sum(${src.value}), 0)::text as total${denominator ? sql`, (${denominator})::text as denominator` : sql``}
    from ${src.from} where ${src.where}`;
  const [items, [agg]] = await Promise.all([pageOf(db, prep, q.page, q.pageSize), queryRows<{ n: unknown; total: string; denominator?: string }>(db, totals)]);
  const numerator = new Decimal(agg?.total ?? '0');
  const denominatorValue = denominator ? new Decimal(agg?.denominator ?? '0') : null;
  return {
    figure: q.figure,
    unit: { id: ctx.unit.id, name: ctx.unit.name },
    total: kind === 'rate' ? ratio(numerator.toString(), denominatorValue!.toString()) : formatValue(kind, numerator),
    numerator: formatValue(valueKind, numerator),
    denominator: denominatorValue ? formatValue(valueKind, denominatorValue) : null,
    from: p.from,
    to: p.to,
    asOf: p.asOf,
    items,
    count: toCount(agg?.n),
    page: q.page,
    pageSize: q.pageSize,
  };
}

/**
 * Only a page of the records behind a figure, without their count and total: for the bulletin,
 * whose counts are the figures of the same summary the dashboard shows (a figure equals its records).
 */
export async function statsRecordItems(db: Executor, actor: Actor, q: RecordsQuery): Promise<StatsRecords['items']> {
  return pageOf(db, await prepare(db, actor, q), q.page, q.pageSize);
}

/**
 * How a caller groups a figure's records, in two steps: the records by unit and their own keys
 * (e.g. the raw industry code), then those first groups by unit and final keys computed from them
 * (e.g. the code's class against a scheme's prefixes), so that a key costly to compute is computed
 * once per first group, not per record.
 */
export interface RecordGrouping {
  /** Per record: `expr as name` over `projects` (and `t`), the first keys and the facts `aggregates` reads. */
  columns: SQL[];
  /** The names of the first key columns (the records are grouped by unit and these). */
  keys: readonly string[];
  /** Per first group, over the records' columns as `x.name`: `agg(x.name) as name`. */
  aggregates: SQL[];
  /** Joins the records need (e.g. `left join investors i on …`), or null. */
  join: SQL | null;
  /**
   * The final groups, over the first ones as `g.name`: `columns` (`expr as name`, one per name of
   * `keys`) and `aggregates` (`agg(g.name) as name`, or a constant).
   */
  final: { columns: SQL[]; keys: readonly string[]; aggregates: SQL[] };
}
export type RecordSourceKind = RecordSource['kind'];

export interface RecordGroups<T> {
  kind: RecordSourceKind;
  valueKind: 'count' | 'money';
  /** One row per project unit and key with this figure's records: `n` of them, `total` their summed values (`key`: the row's keys, shared by the figures of a statement). */
  rows: { key: T; unitId: number; n: number; total: string }[];
}

/**
 * A grouped aggregate over a province's records. The planner misjudges how many rows an OR of
 * figure conditions keeps (thousands for a million) and would pick nested loops and a sort spilling
 * to disk: a hash join and a hash aggregate in memory are right at any size here, for this
 * statement only; and bitmap scans, which the OR makes look cheap, read the table where the
 * covering indexes (projects_facts_idx, fund_tranches_verified_idx) serve the records alone. With
 * `merge`, no hash join either: both inputs come in the join key's order from covering indexes. A run
 * reads its grouped statements side by side, so each runs with at most the workers it asks for
 * (none by default): on 2 cores, more only contend (a province's projects from projects_facts_idx:
 * 160 ms alone, 410 ms with two workers).
 */
export function groupedRows<T extends Record<string, unknown>>(db: Executor, query: SQL, opts: { workers?: 0 | 1; merge?: boolean } = {}): Promise<T[]> {
  return queryRowsWith<T>(
    db,
    {
      work_mem: '128MB',
      enable_nestloop: 'off',
      enable_sort: 'off',
      enable_bitmapscan: 'off',
      // Two inputs read in the join key's order from covering indexes: a merge join, no hash to build.
      ...(opts.merge ? { enable_hashjoin: 'off' } : {}),
      max_parallel_workers_per_gather: String(opts.workers ?? 0),
    },
    query,
  );
}

/** `select g.unit_id, <final keys and aggregates>, <more> from (<first groups>) g group by <unit and final keys>`. */
export function finalGroups(grouping: RecordGrouping, first: SQL, more: SQL[], lead: readonly string[] = ['unit_id']): SQL {
  const positions = Array.from({ length: lead.length + grouping.final.keys.length }, (_, i) => i + 1).join(', ');
  const columns = [...lead.map((k) => sql.raw(`g.${k}`)), ...grouping.final.columns, ...grouping.final.aggregates, ...more];
  return sql`select ${sql.join(columns, sql`, `)}
    from (${first}) g
    group by ${sql.raw(positions)}`;
}

const dialect = new PgDialect();
/** Two pieces of SQL that render alike (text and parameters) are the same condition or value. */
const sameSql = (q: SQL) => JSON.stringify(dialect.sqlToQuery(q));
const ONE = sameSql(sql`1`);

/**
 * The records behind several additive figures in groups (one row per project unit and key), under
 * the same conditions as their pages, so each figure's groups add up to it. Figures over the same
 * rows (the projects; the verified tranches) are read in one statement: each record's conditions
 * are evaluated once (a figure sharing another's condition, as 签约个数 and 签约额 do, shares its
 * flag), and each figure's count and sum taken over its flag. For an assessment run of a province
 * (a million records), which reads what its rules compare, not each record.
 */
export async function statsRecordGroups<T extends Record<string, unknown>>(
  db: Executor,
  actor: Actor,
  q: Omit<RecordsQuery, 'page' | 'pageSize' | 'figure'>,
  figures: readonly string[],
  groupingOf: (kind: RecordSourceKind, figures: readonly string[]) => RecordGrouping,
): Promise<Map<string, RecordGroups<T>>> {
  const { period, ...base } = q;
  const ctx = await resolveStats(db, actor, base);
  const p = ctx[period];
  const prepared = figures.map((figure) => {
    const def = figureDefinition(figure);
    if (!def || def.kind === 'rate') throw fieldError('VALIDATION', 'figure');
    return { figure, valueKind: def.kind, src: sourceOf(ctx, figure, p).source };
  });
  // Projects and tranches each in one statement; node figures (their own rows) one each.
  const batches = new Map<string, typeof prepared>();
  prepared.forEach((x, i) => {
    const key = x.src.kind === 'node' ? `node:${i}` : x.src.kind;
    batches.set(key, [...(batches.get(key) ?? []), x]);
  });
  const out = new Map<string, RecordGroups<T>>();
  await Promise.all(
    [...batches.values()].map(async (batch) => {
      const { kind, from } = batch[0]!.src;
      const grouping = groupingOf(kind, batch.map((x) => x.figure));
      const conditions = new Map<string, { at: number; sql: SQL }>();
      const values = new Map<string, { at: number; sql: SQL }>();
      const indexOf = (m: Map<string, { at: number; sql: SQL }>, q: SQL) => {
        const key = sameSql(q);
        let e = m.get(key);
        if (e === undefined) m.set(key, (e = { at: m.size, sql: q }));
        return e.at;
      };
      // Each figure: its condition's flag, and its value's column (none for a count: its total is n).
      const refs = batch.map((x) => ({ c: indexOf(conditions, x.src.where), v: sameSql(x.src.value) === ONE ? null : indexOf(values, x.src.value) }));
      const sums = new Map(refs.flatMap(({ c, v }) => (v === null ? [] : [[`s${c}_${v}`, { c, v }] as const])));
      const flags = [...conditions.values()];
      // The tranches' figures differ by their sources and currency (a key, where a rule reads the
      // source): their flags are keys of the first groups, which split them little, and each record
      // is counted and each value summed once, not once per figure (a province's 786,000 tranches of
      // the year, alone and without workers: 1.11 s instead of 1.21 s, over three rounds). The
      // projects' flags (signed, started, stalled…) would split their groups sevenfold (131,000 first
      // groups instead of 18,000, 0.7 s instead of 0.5 s): there each figure counts over its flag.
      const flagKeys = kind === 'tranche';
      const keys = sql.raw(['unit_id', ...grouping.keys, ...(flagKeys ? flags.map((c) => `f${c.at}`) : [])].map((k) => `x.${k}`).join(', '));
      const flagsOfValue = (v: number) => [...new Set(refs.filter((r) => r.v === v).map((r) => r.c))];
      const counts = flagKeys
        ? [sql.raw('count(*) as n')]
        : flags.map((c) => sql.raw(`count(*) filter (where x.f${c.at}) as n${c.at}`));
      const summed = flagKeys
        ? [...values.values()].map((v) => {
            const users = flagsOfValue(v.at);
            // Summed only where some figure reads it.
            const where = users.length === flags.length ? '' : ` filter (where ${users.map((c) => `x.f${c}`).join(' or ')})`;
            return sql.raw(`sum(x.v${v.at})${where} as v${v.at}`);
          })
        : [...sums].map(([name, { c, v }]) => sql.raw(`sum(x.v${v}) filter (where x.f${c}) as ${name}`));
      // OFFSET 0 keeps the records' subquery apart, so each condition is evaluated once per record.
      const first = sql`select ${sql.join([keys, ...grouping.aggregates, ...counts, ...summed], sql`, `)}
          from (
            select ${sql.join(
              [
                sql`projects.unit_id`,
                ...grouping.columns,
                ...flags.map((c) => sql`(${c.sql}) as ${sql.raw(`f${c.at}`)}`),
                ...[...values.values()].map((v) => sql`(${v.sql}) as ${sql.raw(`v${v.at}`)}`),
              ],
              sql`, `,
            )}
            from ${from} ${grouping.join ?? sql``}
            where ${sql.join(
              flags.map((c) => sql`(${c.sql})`),
              sql` or `,
            )}
            offset 0
          ) x
          group by ${keys}`;
      const more = flagKeys
        ? [
            ...flags.map((c) => sql.raw(`coalesce(sum(g.n) filter (where g.f${c.at}), 0) as n${c.at}`)),
            ...[...sums].map(([name, { c, v }]) => sql.raw(`coalesce(sum(g.v${v}) filter (where g.f${c}), 0)::text as ${name}`)),
          ]
        : [...flags.map((c) => sql.raw(`sum(g.n${c.at}) as n${c.at}`)), ...[...sums.keys()].map((name) => sql.raw(`coalesce(sum(g.${name}), 0)::text as ${name}`))];
      const rows = await groupedRows<T & { unit_id: number } & Record<string, unknown>>(
        db,
        finalGroups(grouping, first, more),
        // A province's verified tranches of the period (each joined to its project) are the most
        // records: read in project order and merge-joined (fund_tranches_project_idx,
        // projects_id_facts_idx) they cost a third of a hash join of a million projects. Within a
        // part of the tree, or with other joins, the hash join over the unit's rows stays.
        // The tranches' statement takes one worker, so both cores work once the projects' is done.
        { merge: kind === 'tranche' && ctx.everything && grouping.join === null, workers: kind === 'tranche' ? 1 : 0 },
      );
      batch.forEach((x, i) => {
        const { c, v } = refs[i]!;
        const mine: RecordGroups<T>['rows'] = [];
        for (const r of rows) {
          const n = toCount(r[`n${c}`]);
          if (n > 0) mine.push({ key: r, unitId: Number(r.unit_id), n, total: v === null ? String(n) : String(r[`s${c}_${v}`]) });
        }
        out.set(x.figure, { kind, valueKind: x.valueKind === 'money' ? 'money' : 'count', rows: mine });
      });
    }),
  );
  return out;
}
