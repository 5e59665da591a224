import { sql, type SQL } from 'drizzle-orm';
import type { Settings } from '../../../shared/settings.js';
import { signedNotStartedCondition, stalledCondition, TODAY } from '../projects/projects.queries.js';
import type { StatsContext } from './stats.context.js';

/*
 * The conditions behind every figure, shared by the aggregates (stats.queries.ts) and the records
 * behind them (stats.records.ts) so that a figure and its records can never disagree. SQL refers to
 * `projects` by its table name (the list's flag conditions are written that way), to verified
 * tranches as `t` and to node rows as `n`.
 */

export interface DateRange {
  from: string;
  to: string;
}

export const CREATED_DATE = sql`(projects.created_at at time zone 'Asia/Shanghai')::date`;

export const inRange = (date: SQL, r: DateRange) =>
  date === CREATED_DATE
    ? // The same days as instants (China has no daylight saving), so the timestamp is compared as stored.
      sql`(projects.created_at >= ${`${r.from}T00:00:00+08:00`}::timestamptz and projects.created_at < ${`${r.to}T00:00:00+08:00`}::timestamptz + interval '1 day')`
    : sql`${date} between ${r.from}::date and ${r.to}::date`;

/** The verified event date each project flow figure counts by. */
export const PROJECT_DATES = {
  created: CREATED_DATE, // 登记入库 (entered in the ledger)
  signed: sql`projects.signed_date`,
  registered: sql`projects.registered_date`,
  started: sql`projects.started_date`,
  producing: sql`projects.producing_date`,
} as const;
export type ProjectEvent = keyof typeof PROJECT_DATES;

/** Open on `asOf`: not lost or withdrawn by then (stalled projects are open). */
function openAt(asOf: string): SQL {
  return sql`(projects.side_state is null or projects.side_state = 'stalled' or projects.side_state_date > ${asOf}::date)`;
}

/**
 * 停滞预警 as of `asOf`. Today it is exactly the project list's flag (projects.queries.ts). For an
 * earlier day the same rule is read back in time: the project existed and was open and not yet
 * producing then, and its last follow-up up to that day (from follow_ups when a later one has
 * since been recorded) is more than N days old.
 */
export function stalledAt(ctx: StatsContext, asOf: string): SQL {
  const s: Settings = ctx.settings;
  // Today: the list's flag, with the request's day as a literal (folded once, not now() per row).
  if (asOf >= ctx.today) return sql`(${stalledCondition(s, sql`${ctx.today}::date`)})`;
  return sql`(projects.created_at < (${asOf}::date + 1)::timestamp at time zone 'Asia/Shanghai'
    and ${openAt(asOf)}
    and (projects.producing_date is null or projects.producing_date > ${asOf}::date)
    and (projects.at_capacity_date is null or projects.at_capacity_date > ${asOf}::date)
    and ${lastFollowUpAt(ctx, asOf)} < ${asOf}::date - ${s.stalledDays}::int)`;
}

/**
 * The day a project was last followed up by `asOf` (its entry day if never): what 停滞 is measured
 * from, and the date its records show. Today, the project's own last follow-up. For an earlier day,
 * when a later one has since been recorded (a bulletin of last month must not show this month's
 * follow-up beside a project stalled then): the latest of the next three it keeps
 * (projects.previous_follow_up_date, third_ and fourth_follow_up_date) that lies on or before the
 * day, or its entry day when it has no earlier one; read from follow_ups only for a project followed
 * up four times or more since (the bench province as of 30 September, 67 days on: none of the
 * 868,000 projects followed up since, where the one before the last alone left 294,000 probes).
 */
export function lastFollowUpAt(ctx: StatsContext, asOf: string): SQL {
  if (asOf >= ctx.today) return sql`coalesce(projects.last_follow_up_date, ${CREATED_DATE})`;
  const earlier = [sql`projects.previous_follow_up_date`, sql`projects.third_follow_up_date`, sql`projects.fourth_follow_up_date`];
  return sql`(case when projects.last_follow_up_date is null or projects.last_follow_up_date <= ${asOf}::date
          then coalesce(projects.last_follow_up_date, ${CREATED_DATE})
          ${sql.join(
            earlier.map((d) => sql`when ${d} is null then ${CREATED_DATE} when ${d} <= ${asOf}::date then ${d}`),
            sql` `,
          )}
          else coalesce((select max(f.date) from follow_ups f where f.project_id = projects.id and f.date <= ${asOf}::date), ${CREATED_DATE})
        end)`;
}

/** 签约未开工超期 as of `asOf`: today exactly the list's flag; earlier, read back from the verified dates. */
export function signedNotStartedAt(ctx: StatsContext, asOf: string): SQL {
  const s = ctx.settings;
  if (asOf >= ctx.today) return sql`(${signedNotStartedCondition(s, sql`${ctx.today}::date`)})`;
  return sql`(projects.signed_date < ${asOf}::date - make_interval(months => ${s.signedNotStartedMonths}::int)
    and (projects.started_date is null or projects.started_date > ${asOf}::date)
    and ${openAt(asOf)})`;
}

/**
 * 节点超期 as of `asOf` (node `n` of an open project): planned before that day, not done by it.
 * Today it is the node plan's own flag (nodes.service.ts), which the partial overdue index serves.
 */
export function nodeOverdueAt(ctx: StatsContext, asOf: string): SQL {
  if (asOf >= ctx.today) {
    return sql`(n.planned_date < ${TODAY} and n.actual_date is null and (projects.side_state is null or projects.side_state = 'stalled'))`;
  }
  return sql`(n.planned_date < ${asOf}::date and (n.actual_date is null or n.actual_date > ${asOf}::date) and ${openAt(asOf)})`;
}

/** Scope and industry on `projects`. */
export function projectBase(ctx: StatsContext): SQL {
  return sql`${ctx.unitCond(sql`projects.unit_id`)} and ${ctx.industryCond}`;
}

/** Verified tranches `t` in scope (the industry filter joins their project). */
export function trancheBase(ctx: StatsContext): SQL {
  return sql`t.status = 'verified' and ${ctx.unitCond(sql`t.unit_id`)} and ${ctx.industryCond}`;
}
