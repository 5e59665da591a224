import { sql, type SQL } from 'drizzle-orm';
import { FUND_SOURCES } from '../../../shared/funds.js';
import { addDays, daysInMonth, isLastDayOfMonth, type Period } from '../../../shared/kpi/period.js';
import { inRange, PROJECT_DATES, projectBase } from './stats.conditions.js';
import type { StatsContext, StatsPeriod } from './stats.context.js';
import type { AggregateQuery, GroupMode, PeriodKey } from './stats.queries.js';

/*
 * The figures from the pre-aggregated cells (stats_cells, migration 0009): per unit and month, the
 * additive counts and sums of verified project events and verified tranches, kept by triggers in the
 * writing transaction. A period's whole months read their cells instead of every project. What the
 * cells cannot answer is read from the rows, through their date indexes:
 *  - the days of a month the period cuts (year to date: this month up to today), every figure;
 *  - a cohort measured to an as-of day inside a month (today): the cells give the months before
 *    it, the edge query the days of its month up to it;
 *  - the stock figures (stalled, signed not started), from their partial indexes, and overdue nodes.
 * An industry filter, grouping other than by unit, or a size tier that is not one of the cells'
 * bands takes the full queries of stats.queries.ts. Tests check both ways give the same figures,
 * and the cells the same numbers as computed from scratch.
 */

export const STATS_CELL_KIND = {
  created: 1,
  signed: 2,
  registered: 3,
  started: 4,
  producing: 5,
  funds: 6,
  createdCohort: 7,
  signedCohort: 8,
} as const;

/** The size bands of migration 0009's stats_band(). */
export const STATS_CELL_BANDS = [1000, 2000, 3000, 5000, 10000, 20000, 30000, 50000, 100000, 200000, 300000, 500000, 1000000] as const;

const monthStart = (date: string) => `${date.slice(0, 7)}-01`;
const monthEnd = (date: string) => {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return `${date.slice(0, 7)}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
};

/**
 * A period cut into the whole months the cells answer, and the days before and after them (each
 * within one month) that the rows answer through their date indexes.
 */
export function splitByMonths(p: Period): { months: Period | null; head: Period | null; tail: Period | null } {
  const first = p.from.endsWith('-01') ? p.from : addDays(monthEnd(p.from), 1);
  const last = isLastDayOfMonth(p.to) ? p.to : addDays(monthStart(p.to), -1);
  if (first > last) return { months: null, head: p, tail: null };
  return {
    months: { from: first, to: last },
    head: first > p.from ? { from: p.from, to: addDays(first, -1) } : null,
    tail: last < p.to ? { from: addDays(last, 1), to: p.to } : null,
  };
}

/**
 * The request with each period narrowed to a part of it (as-of days kept), and the periods that
 * have that part.
 */
export function narrowed(ctx: StatsContext, part: (p: Period) => Period | null): { ctx: StatsContext; periods: PeriodKey[] } {
  const current = part(ctx.current);
  const previous = part(ctx.previous);
  return {
    ctx: { ...ctx, current: { ...ctx.current, ...(current ?? {}) }, previous: { ...ctx.previous, ...(previous ?? {}) } },
    periods: [...(current ? (['current'] as const) : []), ...(previous ? (['previous'] as const) : [])],
  };
}

/** Whether the cells (with the rows for cut months and as-of days) can answer the request. */
export function cellsAnswer(ctx: StatsContext, mode: GroupMode): boolean {
  return (
    ctx.industry === null &&
    (mode === 'none' || mode === 'unit') &&
    ctx.settings.sizeTiers.every((t) => (STATS_CELL_BANDS as readonly number[]).includes(t))
  );
}

const sumIf = (column: SQL, cond: SQL) => sql`coalesce(sum(${column}) filter (where ${cond}), 0)`;

/** The cells of a kind whose first month lies in the period. */
const cellsIn = (kind: number, p: StatsPeriod) => sql`c.kind = ${kind} and c.m1 between ${monthStart(p.from)}::date and ${monthStart(p.to)}::date`;

/** Second months counted to the as-of day: the whole months before it, and its own when it is the month's last day. */
const m2ToAsOf = (p: StatsPeriod) => (isLastDayOfMonth(p.asOf) ? sql`c.m2 <= ${monthStart(p.asOf)}::date` : sql`c.m2 < ${monthStart(p.asOf)}::date`);

/** Days of the as-of day's month up to it, when the cells cannot cover them (null when they do). */
function edgeOf(p: StatsPeriod): { from: string; to: string } | null {
  return isLastDayOfMonth(p.asOf) ? null : { from: monthStart(p.asOf), to: p.asOf };
}

function cellsQuery(ctx: StatsContext, periods: PeriodKey[], mode: GroupMode): AggregateQuery {
  const K = STATS_CELL_KIND;
  const tiers = [...ctx.settings.sizeTiers].sort((a, b) => a - b);
  const cohort = (kind: number, column: string) => (p: StatsPeriod) => sumIf(sql.raw(`c.${column}`), sql`${cellsIn(kind, p)} and ${m2ToAsOf(p)}`);
  return {
    from: sql`stats_cells c`,
    where: ctx.unitCond(sql`c.unit_id`),
    inPeriod: (p) => sql`c.m1 between ${monthStart(p.from)}::date and ${monthStart(p.to)}::date`,
    key: mode === 'unit' ? sql`c.unit_id::text` : null,
    periods,
    within: ctx,
    aggregates: [
      { name: 'new_projects', expr: (p) => sumIf(sql`c.n`, cellsIn(K.created, p)) },
      { name: 'funnel_negotiating', expr: (p) => sumIf(sql`c.n`, sql`${cellsIn(K.created, p)} and c.flag`) },
      { name: 'cohort_new_signed', expr: cohort(K.createdCohort, 'n_signed') },
      { name: 'funnel_signed', expr: cohort(K.createdCohort, 'n_signed') },
      { name: 'funnel_started', expr: cohort(K.createdCohort, 'n_started') },
      { name: 'funnel_producing', expr: cohort(K.createdCohort, 'n_producing') },
      { name: 'signed_count', expr: (p) => sumIf(sql`c.n`, cellsIn(K.signed, p)) },
      { name: 'signed_amount', expr: (p) => sumIf(sql`c.amount`, cellsIn(K.signed, p)) },
      { name: 'signed_foreign_usd', expr: (p) => sumIf(sql`c.usd`, cellsIn(K.signed, p)) },
      { name: 'cohort_signed_started', expr: cohort(K.signedCohort, 'n_started') },
      { name: 'cohort_signed_producing', expr: cohort(K.signedCohort, 'n_producing') },
      { name: 'cohort_signed_funds', expr: cohort(K.signedCohort, 'funds') },
      ...tiers.flatMap((t) => [
        { name: `tier_count:${t}`, expr: (p: StatsPeriod) => sumIf(sql`c.n`, sql`${cellsIn(K.signed, p)} and c.band >= ${t}`) },
        { name: `tier_amount:${t}`, expr: (p: StatsPeriod) => sumIf(sql`c.amount`, sql`${cellsIn(K.signed, p)} and c.band >= ${t}`) },
      ]),
      { name: 'registered_count', expr: (p) => sumIf(sql`c.n`, cellsIn(K.registered, p)) },
      { name: 'started_count', expr: (p) => sumIf(sql`c.n`, cellsIn(K.started, p)) },
      { name: 'started_amount', expr: (p) => sumIf(sql`c.amount`, cellsIn(K.started, p)) },
      { name: 'producing_count', expr: (p) => sumIf(sql`c.n`, cellsIn(K.producing, p)) },
      ...FUND_SOURCES.map((source) => ({ name: `funds:${source}`, expr: (p: StatsPeriod) => sumIf(sql`c.amount`, sql`${cellsIn(K.funds, p)} and c.source = ${source}`) })),
      { name: 'funds_foreign_usd', expr: (p) => sumIf(sql`c.usd`, cellsIn(K.funds, p)) },
    ],
  };
}

/** The cohorts' days from the as-of day's month start to it, from the rows (through the event dates' indexes). */
function edgeQueries(ctx: StatsContext, withMonths: PeriodKey[], mode: GroupMode): AggregateQuery[] {
  const periods = withMonths.filter((k) => edgeOf(ctx[k]));
  if (!periods.length) return [];
  const d = PROJECT_DATES;
  const key = mode === 'unit' ? sql`projects.unit_id::text` : null;
  const count = (cond: SQL) => sql`count(*) filter (where ${cond})`;
  const both = (first: SQL, second: SQL) => (p: StatsPeriod) => count(sql`${inRange(first, p)} and ${inRange(second, edgeOf(p)!)}`);
  return [
    {
      from: sql`projects`,
      where: projectBase(ctx),
      inPeriod: (p) => {
        const e = edgeOf(p)!;
        return sql`(${inRange(d.signed, e)} or ${inRange(d.started, e)} or ${inRange(d.producing, e)})`;
      },
      key,
      periods,
      within: ctx,
      aggregates: [
        { name: 'cohort_new_signed', expr: both(d.created, d.signed) },
        { name: 'funnel_signed', expr: both(d.created, d.signed) },
        { name: 'funnel_started', expr: both(d.created, d.started) },
        { name: 'funnel_producing', expr: both(d.created, d.producing) },
        { name: 'cohort_signed_started', expr: both(d.signed, d.started) },
        { name: 'cohort_signed_producing', expr: both(d.signed, d.producing) },
      ],
    },
    {
      from: sql`fund_tranches t join projects on projects.id = t.project_id`,
      where: sql`t.status = 'verified' and ${projectBase(ctx)}`,
      inPeriod: (p) => inRange(sql`t.date`, edgeOf(p)!),
      key,
      periods,
      within: ctx,
      aggregates: [{ name: 'cohort_signed_funds', expr: (p) => sumIf(sql`t.amount_cny`, sql`${inRange(d.signed, p)} and ${inRange(sql`t.date`, edgeOf(p)!)}`) }],
    },
  ];
}

/**
 * The queries over the periods' whole months: the cells, and the rows of the as-of day's month
 * (cellsAnswer must hold). The cut months' days and the stock figures are queried by the caller.
 */
export function cellQueries(ctx: StatsContext, mode: GroupMode): AggregateQuery[] {
  const months = narrowed(ctx, (p) => splitByMonths(p).months);
  if (!months.periods.length) return [];
  return [cellsQuery(months.ctx, months.periods, mode), ...edgeQueries(months.ctx, months.periods, mode)];
}
