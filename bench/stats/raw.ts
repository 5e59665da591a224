import { DEFAULT_SETTINGS } from '../../src/shared/settings.js';

/*
 * The yardstick: hand-written SQL for the summary's figures (domain.md §4–5, definitions as in
 * src/shared/api/stats.ts), straightforward FILTER aggregates over projects, verified fund_tranches
 * and project_nodes of a unit's subtree — for the period and the same period last year in one
 * statement. With `byChild`, the same figures per child unit of the chosen unit, plus the total
 * (GROUP BY ROLLUP). Settings are the defaults (the bench database has none stored).
 *
 * Stock figures (for the period only, as the summary gives them) are as of a day: today, from projects.last_follow_up_date; an earlier day reads the
 * last follow-up up to that day from follow_ups when a later one has since been recorded.
 */

export interface RawPeriod {
  from: string;
  to: string;
  asOf: string;
}

export interface RawQuery {
  text: string;
  params: unknown[];
}

const S = DEFAULT_SETTINGS;
const srcList = (xs: readonly string[]) => `array[${xs.map((x) => `'${x}'`).join(', ')}]::fund_source[]`;

function periodAggregates(n: 1 | 2, suffix: string, today: string, p: RawPeriod): { projects: string[]; tranches: string[]; nodes: string[] } {
  // $1 path; period 1: $2 from, $3 to, $4 asOf; period 2: $5, $6, $7
  const [from, to, asOf] = n === 1 ? ['$2::date', '$3::date', '$4::date'] : ['$5::date', '$6::date', '$7::date'];
  const inP = (col: string) => `${col} between ${from} and ${to}`;
  const created = `(p.created_at at time zone 'Asia/Shanghai')::date`;
  const open = `(p.side_state is null or p.side_state = 'stalled' or p.side_state_date > ${asOf})`;
  const stalled =
    p.asOf >= today
      ? `(p.side_state is null or p.side_state = 'stalled') and p.stage not in ('producing', 'at_capacity')
         and coalesce(p.last_follow_up_date, ${created}) < ${asOf} - ${S.stalledDays}`
      : `${created} <= ${asOf} and ${open}
         and (p.producing_date is null or p.producing_date > ${asOf}) and (p.at_capacity_date is null or p.at_capacity_date > ${asOf})
         and case when p.last_follow_up_date is null or p.last_follow_up_date <= ${asOf} then coalesce(p.last_follow_up_date, ${created})
           else coalesce((select max(f.date) from follow_ups f where f.project_id = p.id and f.date <= ${asOf}), ${created}) end
           < ${asOf} - ${S.stalledDays}`;
  const signedNotStarted =
    p.asOf >= today
      ? `p.signed_date is not null and p.started_date is null and (p.side_state is null or p.side_state = 'stalled')
         and p.signed_date < ${asOf} - interval '${S.signedNotStartedMonths} months'`
      : `p.signed_date < ${asOf} - interval '${S.signedNotStartedMonths} months' and (p.started_date is null or p.started_date > ${asOf}) and ${open}`;
  const projects = [
    `count(*) filter (where ${inP(created)}) as new_projects${suffix}`,
    `count(*) filter (where ${inP('p.signed_date')}) as signed_count${suffix}`,
    `coalesce(sum(p.contracted_investment) filter (where ${inP('p.signed_date')}), 0) as signed_amount${suffix}`,
    `coalesce(sum(p.foreign_investment) filter (where ${inP('p.signed_date')}), 0) as signed_foreign_usd${suffix}`,
    `count(*) filter (where ${inP('p.registered_date')}) as registered_count${suffix}`,
    `count(*) filter (where ${inP('p.started_date')}) as started_count${suffix}`,
    `coalesce(sum(p.contracted_investment) filter (where ${inP('p.started_date')}), 0) as started_amount${suffix}`,
    `count(*) filter (where ${inP('p.producing_date')}) as producing_count${suffix}`,
    ...S.sizeTiers.flatMap((t) => [
      `count(*) filter (where ${inP('p.signed_date')} and p.contracted_investment >= ${t}) as tier_${t}_count${suffix}`,
      `coalesce(sum(p.contracted_investment) filter (where ${inP('p.signed_date')} and p.contracted_investment >= ${t}), 0) as tier_${t}_amount${suffix}`,
    ]),
    // Stock figures: for the period only (the summary gives no last-year value for them).
    ...(n === 1
      ? [`count(*) filter (where ${stalled}) as stalled_count${suffix}`, `count(*) filter (where ${signedNotStarted}) as signed_not_started_count${suffix}`]
      : []),
    // Cohorts: introduced in P (signing rate, funnel), signed in P (start and production rates).
    `count(*) filter (where ${inP(created)} and p.signed_date <= ${asOf}) as cohort_signed${suffix}`,
    `count(*) filter (where ${inP('p.signed_date')} and p.started_date <= ${asOf}) as cohort_started${suffix}`,
    `count(*) filter (where ${inP('p.signed_date')} and p.producing_date <= ${asOf}) as cohort_producing${suffix}`,
    `count(*) filter (where ${inP(created)} and (p.stage <> 'lead' or p.signed_date <= ${asOf})) as funnel_negotiating${suffix}`,
    `count(*) filter (where ${inP(created)} and p.started_date <= ${asOf}) as funnel_started${suffix}`,
    `count(*) filter (where ${inP(created)} and p.producing_date <= ${asOf}) as funnel_producing${suffix}`,
  ];
  const verifiedIn = (extra = '') => `filter (where ${inP('t.date')}${extra})`;
  const tranches = [
    `coalesce(sum(t.amount_cny) ${verifiedIn()}, 0) as funds_total${suffix}`,
    `coalesce(sum(t.amount_cny) ${verifiedIn(` and t.source = 'out_of_province'`)}, 0) as funds_out_of_province${suffix}`,
    `coalesce(sum(t.amount_cny) ${verifiedIn(` and t.source = 'in_province_out_of_city'`)}, 0) as funds_in_province_out_of_city${suffix}`,
    `coalesce(sum(t.amount_cny) ${verifiedIn(` and t.source = 'foreign'`)}, 0) as funds_foreign${suffix}`,
    `coalesce(sum(t.amount) ${verifiedIn(` and t.source = 'foreign' and t.currency = 'USD'`)}, 0) as funds_foreign_usd${suffix}`,
    `coalesce(sum(t.amount_cny) ${verifiedIn(` and t.source = 'local'`)}, 0) as funds_local${suffix}`,
    `coalesce(sum(t.amount_cny) ${verifiedIn(` and t.source = any(${srcList(S.outOfCitySources)})`)}, 0) as funds_out_of_city${suffix}`,
    `coalesce(sum(t.amount_cny) ${verifiedIn(` and t.source = any(${srcList(S.outOfProvinceSources)})`)}, 0) as funds_out_of_province_total${suffix}`,
  ];
  const nodes = n === 2 ? [] : [`count(*) filter (where n.planned_date < ${asOf} and (n.actual_date is null or n.actual_date > ${asOf}) and ${open}) as overdue_nodes_count${suffix}`];
  return { projects, tranches, nodes };
}

/** Cohort money for 资金到位率: contracted of the projects signed in P, verified funds to the as-of day. */
function fundsRate(n: 1 | 2, suffix: string) {
  const [from, to, asOf] = n === 1 ? ['$2::date', '$3::date', '$4::date'] : ['$5::date', '$6::date', '$7::date'];
  return {
    contracted: `coalesce(sum(p.contracted_investment) filter (where p.signed_date between ${from} and ${to}), 0) as cohort_contracted${suffix}`,
    funds: `coalesce(sum(t.amount_cny) filter (where p.signed_date between ${from} and ${to} and t.date <= ${asOf}), 0) as cohort_funds${suffix}`,
  };
}

/**
 * One statement for the summary (byChild false) or the by-unit breakdown (byChild true: a row per child
 * of the unit at `depth` keyed by its id, key 0 for records on the unit itself, key −1 the ROLLUP total).
 */
export function rawStats(opts: { path: string; depth: number; current: RawPeriod; previous: RawPeriod; today: string; byChild: boolean }): RawQuery {
  const cur = periodAggregates(1, '', opts.today, opts.current);
  const prev = periodAggregates(2, '_prev', opts.today, opts.previous);
  const fr1 = fundsRate(1, '');
  const fr2 = fundsRate(2, '_prev');
  // The subtree's units with the child each belongs to (null: the unit itself).
  const child = `coalesce(nullif(split_part(o.path, '/', ${opts.depth + 3}), '')::int, 0)`;
  const units = `select o.id, ${opts.byChild ? child : 'null::int'} as child from org_units o where o.path like $1`;
  const group = opts.byChild ? 'group by rollup (u.child)' : '';
  const key = opts.byChild ? 'coalesce(u.child, -1) as key,' : '';
  const text = `with u as (${units}),
    pa as (select ${key} ${[...cur.projects, ...prev.projects].join(',\n      ')}
      from projects p join u on u.id = p.unit_id ${group}),
    ta as (select ${key} ${[...cur.tranches, ...prev.tranches].join(',\n      ')}
      from fund_tranches t join u on u.id = t.unit_id
      where t.status = 'verified' and (t.date between $2::date and $3::date or t.date between $5::date and $6::date) ${group}),
    na as (select ${key} ${cur.nodes.join(', ')}
      from project_nodes n join projects p on p.id = n.project_id join u on u.id = p.unit_id
      where n.planned_date < $4::date ${group}),
    fc as (select ${key} ${[fr1.contracted, fr2.contracted].join(', ')}
      from projects p join u on u.id = p.unit_id
      where p.signed_date between $2::date and $3::date or p.signed_date between $5::date and $6::date ${group}),
    ff as (select ${key} ${[fr1.funds, fr2.funds].join(', ')}
      from fund_tranches t join projects p on p.id = t.project_id join u on u.id = p.unit_id
      where t.status = 'verified' and (p.signed_date between $2::date and $3::date or p.signed_date between $5::date and $6::date) ${group})
    select * from pa ${
      opts.byChild
        ? `full join ta using (key) full join na using (key) full join fc using (key) full join ff using (key) order by key`
        : `cross join ta cross join na cross join fc cross join ff`
    }`;
  return {
    text,
    params: [`${opts.path}%`, opts.current.from, opts.current.to, opts.current.asOf, opts.previous.from, opts.previous.to, opts.previous.asOf],
  };
}
