import { sql, type SQL } from 'drizzle-orm';
import { FUND_SOURCES } from '../../../shared/funds.js';
import type { BreakdownBy } from '../../../shared/api/stats.js';
import { queryRowsSerial, type Executor } from '../../db/client.js';
import {
  inRange,
  nodeOverdueAt,
  PROJECT_DATES,
  projectBase,
  signedNotStartedAt,
  stalledAt,
  trancheBase,
  type ProjectEvent,
} from './stats.conditions.js';
import { cellsAnswer, fromCells, narrowed, signed, splitByMonths, stockFromCells } from './stats.cells.js';
import { allComponents } from './stats.figures.js';
import type { StatsContext, StatsPeriod } from './stats.context.js';

/*
 * The KPI aggregates: a handful of set-based queries, each one pass over the rows of one event
 * (projects by a verified date through its index, verified tranches by date, the open projects
 * for the stock figures), with one FILTERed aggregate per component and period. Every component
 * is additive (a count or a sum), so a breakdown groups by a raw key (unit id, industry code,
 * stage, source, month) and the service folds the groups, and rates are formed from folded
 * numerators and denominators. The queries run concurrently on PostgreSQL. Without an industry filter,
 * a period's whole months read the pre-aggregated cells instead (stats.cells.ts).
 */

export type GroupMode = 'none' | BreakdownBy;
export type PeriodKey = 'current' | 'previous';

/** One result row: the raw group key and, per period, component name → decimal string. */
export interface ComponentRow {
  key: string;
  /** False when this query does not split by the requested dimension (its row counts in the total only). */
  grouped: boolean;
  values: Record<PeriodKey, Record<string, string>>;
}

interface Aggregate {
  name: string;
  expr: (p: StatsPeriod) => SQL;
  /** Stock figures are measured for the current period only. */
  currentOnly?: boolean;
}

export interface AggregateQuery {
  from: SQL;
  where: SQL;
  /** Rows relevant to a period (a date range through an index, or the stock condition). */
  inPeriod: (p: StatsPeriod) => SQL;
  key: SQL | null;
  aggregates: Aggregate[];
  periods: PeriodKey[];
  /** The periods it measures when narrowed to a part of the request's (cut months, whole months). */
  within?: Pick<StatsContext, PeriodKey>;
}

const countIf = (cond: SQL) => sql`count(*) filter (where ${cond})`;
const sumIf = (value: SQL, cond: SQL) => sql`coalesce(sum(${value}) filter (where ${cond}), 0)`;

function projectKey(mode: GroupMode, date: SQL | null): SQL | null {
  switch (mode) {
    case 'unit':
      return sql`projects.unit_id::text`;
    case 'industry':
      return sql`coalesce(projects.industry_code, '')`;
    case 'stage':
      return sql`projects.stage::text`;
    case 'month':
      return date ? sql`to_char(${date}, 'YYYY-MM')` : null;
    default:
      return null;
  }
}

function eventQuery(ctx: StatsContext, mode: GroupMode, event: ProjectEvent, aggregates: Aggregate[]): AggregateQuery {
  const date = PROJECT_DATES[event];
  return {
    from: sql`projects`,
    where: projectBase(ctx),
    inPeriod: (p) => inRange(date, p),
    key: projectKey(mode, date),
    aggregates,
    periods: ['current', 'previous'],
  };
}

function projectAggregates(ctx: StatsContext): Record<ProjectEvent, Aggregate[]> {
  const d = PROJECT_DATES;
  const tiers = [...ctx.settings.sizeTiers].sort((a, b) => a - b);
  return {
    // 新引进项目, and the cohort behind 签约率 and the funnel (projects entered in the period).
    created: [
      { name: 'new_projects', expr: (p) => countIf(inRange(d.created, p)) },
      { name: 'cohort_new_signed', expr: (p) => countIf(sql`${inRange(d.created, p)} and projects.signed_date <= ${p.asOf}::date`) },
      { name: 'funnel_negotiating', expr: (p) => countIf(sql`${inRange(d.created, p)} and projects.stage <> 'lead'`) },
      { name: 'funnel_signed', expr: (p) => countIf(sql`${inRange(d.created, p)} and projects.signed_date <= ${p.asOf}::date`) },
      { name: 'funnel_started', expr: (p) => countIf(sql`${inRange(d.created, p)} and projects.started_date <= ${p.asOf}::date`) },
      { name: 'funnel_producing', expr: (p) => countIf(sql`${inRange(d.created, p)} and projects.producing_date <= ${p.asOf}::date`) },
    ],
    // 新签约: count, contracted amount, foreign capital, size tiers, and the 开工率/投产率 cohort.
    signed: [
      { name: 'signed_count', expr: (p) => countIf(inRange(d.signed, p)) },
      { name: 'signed_amount', expr: (p) => sumIf(sql`projects.contracted_investment`, inRange(d.signed, p)) },
      { name: 'signed_foreign_usd', expr: (p) => sumIf(sql`projects.foreign_investment`, inRange(d.signed, p)) },
      { name: 'cohort_signed_started', expr: (p) => countIf(sql`${inRange(d.signed, p)} and projects.started_date <= ${p.asOf}::date`) },
      { name: 'cohort_signed_producing', expr: (p) => countIf(sql`${inRange(d.signed, p)} and projects.producing_date <= ${p.asOf}::date`) },
      ...tiers.flatMap((t) => [
        { name: `tier_count:${t}`, expr: (p: StatsPeriod) => countIf(sql`${inRange(d.signed, p)} and projects.contracted_investment >= ${t}`) },
        { name: `tier_amount:${t}`, expr: (p: StatsPeriod) => sumIf(sql`projects.contracted_investment`, sql`${inRange(d.signed, p)} and projects.contracted_investment >= ${t}`) },
      ]),
    ],
    registered: [{ name: 'registered_count', expr: (p) => countIf(inRange(d.registered, p)) }],
    started: [
      { name: 'started_count', expr: (p) => countIf(inRange(d.started, p)) },
      { name: 'started_amount', expr: (p) => sumIf(sql`projects.contracted_investment`, inRange(d.started, p)) },
    ],
    producing: [{ name: 'producing_count', expr: (p) => countIf(inRange(d.producing, p)) }],
  };
}

function stockAggregates(ctx: StatsContext): Aggregate[] {
  return [
    { name: 'stalled_count', expr: (p) => countIf(stalledAt(ctx, p.asOf)), currentOnly: true },
    { name: 'signed_not_started_count', expr: (p) => countIf(signedNotStartedAt(ctx, p.asOf)), currentOnly: true },
  ];
}

/**
 * The project figures. Entry dates, registration dates and the stalled flag have no index worth
 * using, so the scope's projects are read once anyway: one pass computes every project figure.
 * By month, each event is grouped by its own date (one query per event, through its index), and
 * the stock figures count in the total only.
 */
function projectQueries(ctx: StatsContext, mode: GroupMode): AggregateQuery[] {
  const events = projectAggregates(ctx);
  if (mode !== 'month') {
    return [
      {
        from: sql`projects`,
        where: projectBase(ctx),
        inPeriod: () => sql`true`,
        key: projectKey(mode, null),
        aggregates: [...Object.values(events).flat(), ...stockAggregates(ctx)],
        periods: ['current', 'previous'],
      },
    ];
  }
  return [
    ...(Object.keys(events) as ProjectEvent[]).map((event) => eventQuery(ctx, mode, event, events[event])),
    stockQuery(ctx, null),
  ];
}

/**
 * The flow figures of the days by which the rows correct the cells' months (stats.cells.ts
 * splitByMonths): each event through its date's index, negated where the days are subtracted.
 */
function cutMonthQueries(ctx: StatsContext, split: Record<PeriodKey, ReturnType<typeof splitByMonths>>, mode: GroupMode): AggregateQuery[] {
  const current = split.current.pieces;
  const previous = split.previous.pieces;
  const out: AggregateQuery[] = [];
  // The i-th piece of each period in one statement per event (each period keeps its own sign).
  for (let i = 0; i < Math.max(current.length, previous.length); i++) {
    const pieces = { current: current[i], previous: previous[i] };
    const days = narrowed(ctx, (p) => (p === ctx.current ? pieces.current?.days : pieces.previous?.days) ?? null);
    const signOf = (p: StatsPeriod) => (p === days.ctx.current ? pieces.current! : pieces.previous!).sign;
    const events = projectAggregates(days.ctx);
    const queries = [...(Object.keys(events) as ProjectEvent[]).map((event) => eventQuery(days.ctx, mode, event, events[event])), ...trancheQueries(days.ctx, mode)];
    for (const q of queries) {
      out.push({
        ...q,
        periods: days.periods,
        within: days.ctx,
        aggregates: q.aggregates.map((a) => ({ ...a, expr: (p: StatsPeriod) => signed(signOf(p), a.expr(p)) })),
      });
    }
  }
  return out;
}

/**
 * The stock figures alone. As of today, the rows their partial indexes find (projects_stalled_idx,
 * projects_signed_not_started_idx). As of an earlier day no index serves them, and 停滞's reads the
 * last follow-up up to that day of each project followed up since: the scope's projects are read
 * without that WHERE, so each condition is evaluated once per project, in its count.
 */
function stockQuery(ctx: StatsContext, key: SQL | null): AggregateQuery {
  const isToday = ctx.current.asOf >= ctx.today;
  return {
    from: sql`projects`,
    where: projectBase(ctx),
    inPeriod: isToday ? (p: StatsPeriod) => sql`(${stalledAt(ctx, p.asOf)} or ${signedNotStartedAt(ctx, p.asOf)})` : () => sql`true`,
    key,
    aggregates: stockAggregates(ctx),
    periods: ['current'],
  };
}

function trancheQueries(ctx: StatsContext, mode: GroupMode): AggregateQuery[] {
  const needsProject = ctx.industry !== null || mode === 'industry' || mode === 'stage';
  const tDate = sql`t.date`;
  const trancheKey =
    mode === 'unit' ? sql`t.unit_id::text` : mode === 'source' ? sql`t.source::text` : mode === 'month' ? sql`to_char(t.date, 'YYYY-MM')` : projectKey(mode, null);
  const signed = PROJECT_DATES.signed;
  return [
    // 实际到位资金: verified tranches dated in the period, per source (corrections are negative entries).
    {
      from: needsProject ? sql`fund_tranches t join projects on projects.id = t.project_id` : sql`fund_tranches t`,
      where: trancheBase(ctx),
      inPeriod: (p) => inRange(tDate, p),
      key: trancheKey,
      aggregates: [
        ...FUND_SOURCES.map((source) => ({ name: `funds:${source}`, expr: (p: StatsPeriod) => sumIf(sql`t.amount_cny`, sql`${inRange(tDate, p)} and t.source = ${source}`) })),
        { name: 'funds_foreign_usd', expr: (p) => sumIf(sql`t.amount`, sql`${inRange(tDate, p)} and t.source = 'foreign' and t.currency = 'USD'`) },
      ],
      periods: ['current', 'previous'],
    },
    // 资金到位率's numerator: verified funds to the as-of day of the projects signed in the period.
    {
      from: sql`projects join fund_tranches t on t.project_id = projects.id and t.status = 'verified'`,
      where: projectBase(ctx),
      inPeriod: (p) => inRange(signed, p),
      key: mode === 'source' ? null : projectKey(mode, signed),
      aggregates: [{ name: 'cohort_signed_funds', expr: (p) => sumIf(sql`t.amount_cny`, sql`${inRange(signed, p)} and t.date <= ${p.asOf}::date`) }],
      periods: ['current', 'previous'],
    },
  ];
}

function nodeQueries(ctx: StatsContext, mode: GroupMode): AggregateQuery[] {
  return [
    {
      from: sql`project_nodes n join projects on projects.id = n.project_id`,
      where: projectBase(ctx),
      inPeriod: (p) => nodeOverdueAt(ctx, p.asOf),
      key: mode === 'month' || mode === 'source' ? null : projectKey(mode, null),
      aggregates: [{ name: 'overdue_nodes_count', expr: () => sql`count(*)`, currentOnly: true }],
      periods: ['current'],
    },
  ];
}

export async function runQuery(db: Executor, request: StatsContext, q: AggregateQuery): Promise<ComponentRow[]> {
  const ctx = q.within ?? request;
  const columns = q.periods.flatMap((k, pi) =>
    q.aggregates.flatMap((a, ai) => (k === 'previous' && a.currentOnly ? [] : [sql`(${a.expr(ctx[k])})::text as ${sql.raw(`c${pi}_${ai}`)}`])),
  );
  const inAny = sql.join(
    q.periods.map((k) => sql`(${q.inPeriod(ctx[k])})`),
    sql` or `,
  );
  const key = q.key ?? sql`''`;
  const query = sql`select ${key} as k, ${sql.join(columns, sql`, `)} from ${q.from} where ${q.where} and (${inAny})${q.key ? sql` group by 1` : sql``}`;
  // Sessions run without JIT (db/client.ts): it would cost the wide aggregates seconds of compiling.
  // A summary's statements run side by side (Promise.all), each without parallel workers: on 2
  // cores they only contend (a province's bulletin: the overdue nodes' count took 1.1 s with two
  // workers beside the stock and the lists, 0.5 s serial alone).
  const rows = await queryRowsSerial<Record<string, unknown>>(db, query);
  return rows.map((r) => {
    const values: ComponentRow['values'] = { current: {}, previous: {} };
    q.periods.forEach((k, pi) =>
      q.aggregates.forEach((a, ai) => {
        if (!(k === 'previous' && a.currentOnly)) values[k][a.name] = String(r[`c${pi}_${ai}`] ?? '0');
      }),
    );
    return { key: String(r.k ?? ''), grouped: q.key !== null, values };
  });
}

/**
 * Every component of every figure, grouped by the mode's raw key; `grouped` names the components
 * whose queries split by that key (the others count in the total only).
 */
export async function queryComponents(
  db: Executor,
  ctx: StatsContext,
  mode: GroupMode,
  opts: { cells?: boolean } = {},
): Promise<{ rows: ComponentRow[]; grouped: Set<string> }> {
  if ((opts.cells ?? true) && cellsAnswer(ctx, mode)) {
    const run = (q: AggregateQuery) => runQuery(db, ctx, q);
    const split = { current: splitByMonths(ctx.current, ctx.today), previous: splitByMonths(ctx.previous, ctx.today) };
    const months = narrowed(ctx, (p) => (p === ctx.current ? split.current : split.previous).months);
    const rest = cutMonthQueries(ctx, split, mode);
    const stock = stockFromCells(ctx) ? [] : [stockQuery(ctx, projectKey(mode, null)), ...nodeQueries(ctx, mode)];
    const [cells, more] = await Promise.all([fromCells(db, ctx, months, mode, run), Promise.all([...rest, ...stock].map(run))]);
    // By unit, every query of this path groups by the unit: every component is grouped.
    return { rows: [...cells, ...more.flat()], grouped: mode === 'none' ? new Set() : allComponents(ctx.settings) };
  }
  const queries = [...projectQueries(ctx, mode), ...trancheQueries(ctx, mode), ...nodeQueries(ctx, mode)];
  const results = await Promise.all(queries.map((q) => runQuery(db, ctx, q)));
  const grouped = new Set(queries.filter((q) => q.key !== null).flatMap((q) => q.aggregates.map((a) => a.name)));
  return { rows: results.flat(), grouped };
}
