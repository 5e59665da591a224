import Decimal from 'decimal.js';
import { sql, type SQL } from 'drizzle-orm';
import { addDays, daysBetween, isLastDayOfMonth, minusMonths, monthEnd, monthStart, type Period } from '../../../shared/kpi/period.js';
import { queryRowsSerial, type Executor } from '../../db/client.js';
import { inRange, PROJECT_DATES, projectBase } from './stats.conditions.js';
import type { StatsContext, StatsPeriod } from './stats.context.js';
import type { AggregateQuery, ComponentRow, GroupMode, PeriodKey } from './stats.queries.js';

/*
 * The figures from the pre-aggregated cells (stats_cells, migration 0009): per unit and month, the
 * additive counts and sums of verified project events and verified tranches, kept by triggers in the
 * writing transaction. A period's whole months read their cells instead of every project. What the
 * cells cannot answer is read from the rows, through their date indexes:
 *  - the days of a month the period cuts, every figure: added from the rows, or — fewer days, or
 *    the future (year to date) — the whole month from the cells less the rows of the days outside;
 *  - a cohort measured to an as-of day inside a month: the cells give the months before it, and
 *    the rows of its month either add the days up to it or, when fewer days follow it (today:
 *    normally no record is dated after today), take the whole month and subtract the days after;
 *  - today's stock figures (stalled, signed not started, overdue nodes) likewise from their
 *    candidates' cells, cut at a day through the partial indexes.
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
  stalledCandidate: 9,
  signedNotStartedCandidate: 10,
  openNode: 11,
} as const;

/** The size bands of migration 0009's stats_band(). */
export const STATS_CELL_BANDS = [1000, 2000, 3000, 5000, 10000, 20000, 30000, 50000, 100000, 200000, 300000, 500000, 1000000] as const;

/** Days of a period the rows answer beside the cells: added, or subtracted from a whole month the cells counted. */
export interface DayPiece {
  days: Period;
  sign: 1 | -1;
}

const dayCount = (from: string, to: string) => daysBetween(from, to) + 1;

/**
 * A period as the months the cells answer and the days the rows correct them by. A month the period
 * cuts is either added day by day from the rows, or taken whole from the cells with the days outside
 * the period subtracted — whichever reads fewer days; days from today on are the future (normally no
 * records), so a period ending today or later subtracts them (the year to date reads this month from
 * the cells).
 */
export function splitByMonths(p: Period, today: string): { months: Period | null; pieces: DayPiece[] } {
  const sameMonth = p.from.slice(0, 7) === p.to.slice(0, 7);
  const futureAfter = (d: string) => (d >= today ? 0 : 1); // weight of days after d: none when in the future
  if (sameMonth && !(p.from.endsWith('-01') && isLastDayOfMonth(p.to))) {
    const before = p.from > monthStart(p.from) ? { from: monthStart(p.from), to: addDays(p.from, -1) } : null;
    const after = !isLastDayOfMonth(p.to) ? { from: addDays(p.to, 1), to: monthEnd(p.to) } : null;
    const subtracted = (before ? dayCount(before.from, before.to) : 0) + (after ? dayCount(after.from, after.to) * futureAfter(p.to) : 0);
    if (subtracted >= dayCount(p.from, p.to)) return { months: null, pieces: [{ days: p, sign: 1 }] };
    return {
      months: { from: monthStart(p.from), to: monthEnd(p.to) },
      pieces: [...(before ? [{ days: before, sign: -1 as const }] : []), ...(after ? [{ days: after, sign: -1 as const }] : [])],
    };
  }
  const pieces: DayPiece[] = [];
  let first = p.from;
  if (!p.from.endsWith('-01')) {
    const add = { from: p.from, to: monthEnd(p.from) };
    const sub = { from: monthStart(p.from), to: addDays(p.from, -1) };
    if (dayCount(sub.from, sub.to) < dayCount(add.from, add.to)) {
      first = monthStart(p.from);
      pieces.push({ days: sub, sign: -1 });
    } else {
      first = addDays(monthEnd(p.from), 1);
      pieces.push({ days: add, sign: 1 });
    }
  }
  let last = p.to;
  if (!isLastDayOfMonth(p.to)) {
    const add = { from: monthStart(p.to), to: p.to };
    const sub = { from: addDays(p.to, 1), to: monthEnd(p.to) };
    if (p.to >= today || dayCount(sub.from, sub.to) < dayCount(add.from, add.to)) {
      last = monthEnd(p.to);
      pieces.push({ days: sub, sign: -1 });
    } else {
      last = addDays(monthStart(p.to), -1);
      pieces.push({ days: add, sign: 1 });
    }
  }
  return { months: first <= last ? { from: first, to: last } : null, pieces };
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

/**
 * The as-of day inside a month: the cells give every second month before that month, and either
 * the rows of its days up to the as-of day are added, or — when fewer days follow it (today: the
 * rest of this month, normally no records) — the whole month is taken from the cells and the rows
 * dated after the as-of day are subtracted.
 */
interface DayEdge {
  /** Cells whose month is the edge month count too. */
  wholeMonth: boolean;
  days: { from: string; to: string };
  sign: 1 | -1;
}

/**
 * Split of "date ≤ day" (inclusive) at a day inside a month; null on the month's last day. From
 * today on, the days after it are the future: subtract them (normally nothing is dated there).
 */
function upToDay(day: string, today: string): DayEdge | null {
  if (isLastDayOfMonth(day)) return null;
  const dayOfMonth = Number(day.slice(8, 10));
  const after = Number(monthEnd(day).slice(8, 10)) - dayOfMonth;
  return day >= today || after < dayOfMonth
    ? { wholeMonth: true, days: { from: addDays(day, 1), to: monthEnd(day) }, sign: -1 }
    : { wholeMonth: false, days: { from: monthStart(day), to: day }, sign: 1 };
}

/** Split of "date < day" (exclusive), the stock figures' cuts. */
function beforeDay(day: string, today: string): DayEdge | null {
  return day.endsWith('-01') ? null : upToDay(addDays(day, -1), today);
}

/** Cells of a month column counted under an edge (or, without one, every month up to the day's own). */
function monthsUpTo(column: SQL, day: string, edge: DayEdge | null, inclusive: boolean): SQL {
  const whole = edge ? edge.wholeMonth : inclusive ? isLastDayOfMonth(day) : false;
  return whole ? sql`${column} <= ${monthStart(day)}::date` : sql`${column} < ${monthStart(day)}::date`;
}

const m2ToAsOf = (p: StatsPeriod, today: string) => monthsUpTo(sql`c.m2`, p.asOf, upToDay(p.asOf, today), true);

/** A signed aggregate: rows subtracted from the cells count negatively. */
export const signed = (sign: 1 | -1, expr: SQL) => (sign === 1 ? expr : sql`(-(${expr}))`);

/** Whether the stock figures are today's (then the cells and their partial indexes answer them). */
export function stockFromCells(ctx: StatsContext): boolean {
  return ctx.current.asOf >= ctx.today;
}

/**
 * The first day each stock figure no longer counts, today: 停滞预警 counts a last follow-up (or
 * entry) before `stalled`, 签约未开工 a signing before `signedNotStarted`, 节点超期 a node planned
 * before today.
 */
function stockCuts(ctx: StatsContext) {
  return {
    stalled: addDays(ctx.today, -ctx.settings.stalledDays),
    signedNotStarted: minusMonths(ctx.today, ctx.settings.signedNotStartedMonths),
    overdue: ctx.today,
  };
}

type CellGroup = {
  per: PeriodKey | 'stock';
  k: string;
  kind: number;
  band: number;
  source: string;
  flag: boolean;
  m2ok: boolean;
  n: string;
  amount: string;
  usd: string;
  n_signed: string;
  n_started: string;
  n_producing: string;
  funds: string;
};

const SUMS = sql.raw(
  ['n', 'amount', 'usd', 'n_signed', 'n_started', 'n_producing', 'funds'].map((c) => `sum(c.${c})::text as ${c}`).join(', '),
);
const FLOW_KINDS = sql.raw(`'{1,2,3,4,5,6,7,8}'::smallint[]`);

/**
 * One statement over the cells: per period, the whole months' cells grouped by what tells their
 * components apart (kind, band, source, flag, and whether the second month falls before the as-of
 * day's), and today's stock candidates before each cut. A few dozen groups (times the units when by
 * unit), folded into components here.
 */
async function readCells(db: Executor, ctx: StatsContext, months: { ctx: StatsContext; periods: PeriodKey[] }, mode: GroupMode, withStock: boolean): Promise<ComponentRow[]> {
  const key = mode === 'unit' ? sql`c.unit_id::text` : sql`''`;
  const scope = ctx.unitCond(sql`c.unit_id`);
  const parts: SQL[] = months.periods.map((k) => {
    const p = months.ctx[k];
    return sql`select ${k} as per, ${key} as k, c.kind, c.band, c.source, c.flag, ${m2ToAsOf(p, ctx.today)} as m2ok, ${SUMS} from stats_cells c
      where ${scope} and c.kind = any(${FLOW_KINDS}) and c.m1 between ${monthStart(p.from)}::date and ${monthStart(p.to)}::date
      group by 2, 3, 4, 5, 6, 7`;
  });
  if (withStock) {
    const cut = stockCuts(ctx);
    const K = STATS_CELL_KIND;
    parts.push(sql`select 'stock' as per, ${key} as k, c.kind, 0 as band, '' as source, false as flag, true as m2ok, ${SUMS} from stats_cells c
      where ${scope} and ((c.kind = ${K.stalledCandidate} and ${monthsUpTo(sql`c.m1`, cut.stalled, beforeDay(cut.stalled, ctx.today), false)})
        or (c.kind = ${K.signedNotStartedCandidate} and ${monthsUpTo(sql`c.m1`, cut.signedNotStarted, beforeDay(cut.signedNotStarted, ctx.today), false)})
        or (c.kind = ${K.openNode} and ${monthsUpTo(sql`c.m1`, cut.overdue, beforeDay(cut.overdue, ctx.today), false)}))
      group by 2, 3`);
  }
  if (!parts.length) return [];
  const groups = await queryRowsSerial<CellGroup>(db, sql.join(parts, sql` union all `));
  return foldCells(ctx, groups);
}

/** The components of each group key from the cell groups (exact decimals). */
function foldCells(ctx: StatsContext, groups: CellGroup[]): ComponentRow[] {
  const K = STATS_CELL_KIND;
  const tiers = [...ctx.settings.sizeTiers].sort((a, b) => a - b);
  const rows = new Map<string, Record<PeriodKey, Map<string, Decimal>>>();
  const add = (k: string, per: PeriodKey, name: string, value: string) => {
    let row = rows.get(k);
    if (!row) rows.set(k, (row = { current: new Map(), previous: new Map() }));
    row[per].set(name, (row[per].get(name) ?? new Decimal(0)).plus(value));
  };
  for (const g of groups) {
    const kind = Number(g.kind);
    if (g.per === 'stock') {
      const name = kind === K.stalledCandidate ? 'stalled_count' : kind === K.signedNotStartedCandidate ? 'signed_not_started_count' : 'overdue_nodes_count';
      add(g.k, 'current', name, g.n);
      continue;
    }
    const put = (name: string, value: string) => add(g.k, g.per as PeriodKey, name, value);
    switch (kind) {
      case K.created:
        put('new_projects', g.n);
        if (g.flag) put('funnel_negotiating', g.n);
        break;
      case K.signed:
        put('signed_count', g.n);
        put('signed_amount', g.amount);
        put('signed_foreign_usd', g.usd);
        for (const t of tiers) {
          if (Number(g.band) >= t) {
            put(`tier_count:${t}`, g.n);
            put(`tier_amount:${t}`, g.amount);
          }
        }
        break;
      case K.registered:
        put('registered_count', g.n);
        break;
      case K.started:
        put('started_count', g.n);
        put('started_amount', g.amount);
        break;
      case K.producing:
        put('producing_count', g.n);
        break;
      case K.funds:
        put(`funds:${g.source}`, g.amount);
        put('funds_foreign_usd', g.usd);
        break;
      case K.createdCohort:
        if (g.m2ok) {
          put('cohort_new_signed', g.n_signed);
          put('funnel_signed', g.n_signed);
          put('funnel_started', g.n_started);
          put('funnel_producing', g.n_producing);
        }
        break;
      case K.signedCohort:
        if (g.m2ok) {
          put('cohort_signed_started', g.n_started);
          put('cohort_signed_producing', g.n_producing);
          put('cohort_signed_funds', g.funds);
        }
        break;
    }
  }
  const text = (m: Map<string, Decimal>) => Object.fromEntries([...m].map(([name, v]) => [name, v.toString()]));
  return [...rows].map(([key, v]) => ({ key, grouped: true, values: { current: text(v.current), previous: text(v.previous) } }));
}

/**
 * Today's stock candidates of the cut's own month (before the cut day), from the rows through the
 * partial indexes: the cells hold the months before.
 */
function stockEdgeQueries(ctx: StatsContext, mode: GroupMode): AggregateQuery[] {
  const cut = stockCuts(ctx);
  const key = mode === 'unit' ? sql`projects.unit_id::text` : null;
  const open = sql`(projects.side_state is null or projects.side_state = 'stalled')`;
  const activity = sql`coalesce(projects.last_follow_up_date, (projects.created_at at time zone 'Asia/Shanghai')::date)`;
  const one = (name: string, from: SQL, date: SQL, day: string, where: SQL): AggregateQuery[] => {
    const edge = beforeDay(day, ctx.today);
    if (!edge) return [];
    return [
      {
        from,
        where: sql`${where} and ${date} between ${edge.days.from}::date and ${edge.days.to}::date and ${projectBase(ctx)}`,
        inPeriod: () => sql`true`,
        key,
        periods: ['current'],
        aggregates: [{ name, expr: () => signed(edge.sign, sql`count(*)`), currentOnly: true }],
      },
    ];
  };
  return [
    ...one('stalled_count', sql`projects`, activity, cut.stalled, sql`${open} and projects.stage not in ('producing', 'at_capacity')`),
    ...one('signed_not_started_count', sql`projects`, sql`projects.signed_date`, cut.signedNotStarted, sql`projects.signed_date is not null and projects.started_date is null and ${open}`),
    ...one('overdue_nodes_count', sql`project_nodes n join projects on projects.id = n.project_id`, sql`n.planned_date`, cut.overdue, sql`n.actual_date is null and ${open}`),
  ];
}

/** The cohorts' days from the as-of day's month start to it, from the rows (through the event dates' indexes). */
function edgeQueries(ctx: StatsContext, withMonths: PeriodKey[], mode: GroupMode): AggregateQuery[] {
  const periods = withMonths.filter((k) => upToDay(ctx[k].asOf, ctx.today));
  if (!periods.length) return [];
  const d = PROJECT_DATES;
  const key = mode === 'unit' ? sql`projects.unit_id::text` : null;
  const edge = (p: StatsPeriod) => upToDay(p.asOf, ctx.today)!;
  const both = (first: SQL, second: SQL) => (p: StatsPeriod) =>
    signed(edge(p).sign, sql`count(*) filter (where ${inRange(first, p)} and ${inRange(second, edge(p).days)})`);
  return [
    {
      from: sql`projects`,
      where: projectBase(ctx),
      inPeriod: (p) => {
        const e = edge(p).days;
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
      inPeriod: (p) => inRange(sql`t.date`, edge(p).days),
      key,
      periods,
      within: ctx,
      aggregates: [
        {
          name: 'cohort_signed_funds',
          expr: (p) => signed(edge(p).sign, sumIf(sql`t.amount_cny`, sql`${inRange(d.signed, p)} and ${inRange(sql`t.date`, edge(p).days)}`)),
        },
      ],
    },
  ];
}

/**
 * A request answered from the cells (cellsAnswer must hold): the cells' groups, and the queries over
 * rows the cells leave out (the days of the as-of month for cohorts, today's stock cut months). The
 * cut months' days of flow figures, and stock figures of an earlier day, are the caller's.
 */
export async function fromCells(
  db: Executor,
  ctx: StatsContext,
  months: { ctx: StatsContext; periods: PeriodKey[] },
  mode: GroupMode,
  run: (q: AggregateQuery) => Promise<ComponentRow[]>,
): Promise<ComponentRow[]> {
  const withStock = stockFromCells(ctx);
  const queries = [...(months.periods.length ? edgeQueries(months.ctx, months.periods, mode) : []), ...(withStock ? stockEdgeQueries(ctx, mode) : [])];
  const [cells, ...rest] = await Promise.all([readCells(db, ctx, months, mode, withStock), ...queries.map(run)]);
  return [...cells, ...rest.flat()];
}
