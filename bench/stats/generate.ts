import { log } from '../lib.js';
import {
  dropIndexesFor,
  pauseStatsCells,
  h,
  insertBenchUsers,
  insertFollowUps,
  insertInvestors,
  insertOrgTree,
  insertProjects,
  insertVocabularies,
  type Exec,
} from '../projects/generate.js';

/*
 * The stats benchmark's province, set-based like the projects bench (whose helpers it uses): a root
 * (某省) with its bureau, 17 cities × 9 counties/zones = 153 leaf units, N projects with a realistic
 * stage mix and verified stage dates chained forwards from signing (signed ≤ registered ≤ started ≤
 * producing ≤ at capacity ≤ today) over about three years, F follow-ups per project (the newest on
 * projects.last_follow_up_date), a 开工/投产 node per signed/started project, and T funds tranches
 * on signed projects: ~88% verified, 7% pending, 5% rejected; sources mixed; a third of the foreign
 * ones CNY, the rest USD with a rate and its date; amount_cny = round(amount × rate, 4).
 * A row in bench_dataset marks a complete dataset, so later runs reuse it.
 */

export interface StatsSizes {
  projects: number;
  followUpsPerProject: number;
  tranches: number;
  investors: number;
}

const AT_LEAST = {
  registered: `('registered', 'started', 'producing', 'at_capacity')`,
  started: `('started', 'producing', 'at_capacity')`,
  producing: `('producing', 'at_capacity')`,
};

/**
 * The date columns for insertProjects. d (uniform over the span) is the date of the project's current
 * stage; earlier stages lie back from it by per-project gaps (signed→registered 15–74 days,
 * →started 20–109, →producing 90–359, →at capacity 60–359), so every date is ≤ today and in order.
 */
function stageDates(): string {
  const gap = (salt: number, min: number, spread: number) => `(${min} + ${h('g', salt)} % ${spread})::int`;
  // Days back from d to each earlier stage's date (0 when the project has not gone past that stage).
  const toAtCapacity = `(case when st = 'at_capacity' then ${gap(14, 60, 300)} else 0 end)`;
  const toProducing = `(case when st in ${AT_LEAST.producing} then ${gap(13, 90, 270)} else 0 end)`;
  const toStarted = `(case when st in ${AT_LEAST.started} then ${gap(12, 20, 90)} else 0 end)`;
  const toRegistered = `(case when st in ${AT_LEAST.registered} then ${gap(11, 15, 60)} else 0 end)`;
  const back = {
    producing: toAtCapacity,
    started: `${toAtCapacity} + ${toProducing}`,
    registered: `${toAtCapacity} + ${toProducing} + ${toStarted}`,
    signed: `${toAtCapacity} + ${toProducing} + ${toStarted} + ${toRegistered}`,
  };
  const signedDate = `d - (${back.signed})`;
  return `case when st = 'lead' then null else d end as stage_date,
    case when st not in ('lead', 'negotiating') then ${signedDate} end as signed_date,
    case when st in ${AT_LEAST.registered} then d - (${back.registered}) end as registered_date,
    case when st in ${AT_LEAST.started} then d - (${back.started}) end as started_date,
    case when st in ${AT_LEAST.producing} then d - (${back.producing}) end as producing_date,
    case when st = 'at_capacity' then d end as at_capacity_date,
    (case when st in ('lead', 'negotiating') then d else ${signedDate} end - (30 + ${h('g', 15)} % 150)::int) + time '09:30' as created_at,
    current_date - (case when ${h('g', 16)} % 100 < 85 then ${h('g', 17)} % 30 else 30 + ${h('g', 17)} % 300 end)::int as last_follow_up_date,
    case when st not in ('lead', 'negotiating') and ${h('g', 18)} % 10 = 0 then round(planned / 7.1 * (30 + ${h('g', 19)} % 70) / 100, 4) end as foreign_investment`;
}

export async function generateStats(exec: Exec, sizes: StatsSizes, opts: { isPostgres: boolean; spanDays: number }) {
  const started = performance.now();
  const step = (label: string) => log(`${label} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  if (opts.isPostgres) await exec(`set maintenance_work_mem = '1GB'`);

  await insertOrgTree(exec, { cities: 17, countiesPerCity: 9, zonesPerCity: 2, townsPerCity: 0 });
  const { bureauUserId, countyUserId } = await insertBenchUsers(exec);
  const vocabSize = await insertVocabularies(exec);
  await insertInvestors(exec, sizes.investors);
  step(`org tree (153 counties/zones), users, ${sizes.investors} investors`);

  const indexes = await dropIndexesFor(exec, ['projects', 'follow_ups', 'fund_tranches', 'project_nodes']);
  const cells = await pauseStatsCells(exec);
  await insertProjects(exec, {
    count: sizes.projects,
    investors: sizes.investors,
    vocabSize,
    spanDays: opts.spanDays,
    dates: stageDates(),
    extraColumns: ', foreign_investment',
    extraValues: ', foreign_investment',
  });
  step(`${sizes.projects} projects`);

  await insertFollowUps(exec, { perProject: sizes.followUpsPerProject, spanDays: opts.spanDays, userId: countyUserId });
  step(`${sizes.projects * sizes.followUpsPerProject} follow-ups`);

  // 开工 planned 90 days after signing (actual = the start date), 投产 planned 270 days after the start.
  await exec(`insert into project_nodes (project_id, name, planned_date, actual_date, sort_order)
    select id, '开工', signed_date + 90, started_date, 1 from projects where signed_date is not null
    union all
    select id, '投产', started_date + 270, producing_date, 2 from projects where started_date is not null`);
  step('project nodes');

  // Tranches land on signed projects, numbered 1…n in a scratch table so a hash picks one by equality.
  await exec('drop table if exists bench_signed');
  await exec(`create table bench_signed as
    select (row_number() over (order by id))::int as rn, id, unit_id, signed_date, contracted_investment as c from projects where signed_date is not null`);
  await exec(`insert into fund_tranches (project_id, unit_id, date, currency, amount, exchange_rate, rate_date, amount_cny, source, status,
      reported_by, reported_at, reviewed_by, reviewed_at, note)
    select id, unit_id, td, cur::fund_currency, case when cur = 'USD' then usd else cny end, case when cur = 'USD' then rate end,
      case when cur = 'USD' then td - (g % 5)::int end, case when cur = 'USD' then round(usd * rate, 4) else cny end, src::fund_source,
      st::transition_status, ${countyUserId}, td + interval '2 days', case when st <> 'pending' then ${bureauUserId} end,
      case when st <> 'pending' then td + interval '5 days' end, '基准测试数据'
    from (
      select x.*, round(cny / rate, 4) as usd,
        case when src = 'foreign' and ${h('g', 24)} % 3 <> 0 then 'USD' else 'CNY' end as cur
      from (
        select g, p.id, p.unit_id, p.signed_date + (${h('g', 21)} % greatest(1, current_date - p.signed_date + 1))::int as td,
          round(p.c * (3 + ${h('g', 22)} % 30) / 100.0, 4) as cny,
          (6.9 + (${h('g', 25)} % 60) / 100.0)::numeric(12, 6) as rate,
          case when ${h('g', 23)} % 100 < 35 then 'out_of_province' when ${h('g', 23)} % 100 < 65 then 'in_province_out_of_city'
            when ${h('g', 23)} % 100 < 78 then 'foreign' else 'local' end as src,
          case when ${h('g', 26)} % 100 < 88 then 'verified' when ${h('g', 26)} % 100 < 95 then 'pending' else 'rejected' end as st
        from generate_series(1, ${sizes.tranches}) g
        cross join (select count(*)::int as n from bench_signed) k
        join bench_signed p on p.rn = 1 + ${h('g', 20)} % k.n
      ) x
    ) y`);
  await exec('drop table bench_signed');
  step(`${sizes.tranches} fund tranches`);

  await exec(`insert into project_transitions (project_id, from_stage, to_target, event_date, status, requested_by)
    select id, stage, 'signed', current_date - 3, 'pending', ${countyUserId} from projects where id % 97 = 0 and stage in ('lead', 'negotiating')`);
  await indexes.rebuild();
  step(`indexes rebuilt (${indexes.count})`);
  await cells.resume();
  step('stats cells');
  await exec('vacuum analyze');
  step('vacuum analyze');
  const seconds = (performance.now() - started) / 1000;
  await exec(`create table if not exists bench_dataset (name text primary key, sizes jsonb not null, seconds numeric not null, generated_at timestamptz not null default now())`);
  await exec(`insert into bench_dataset (name, sizes, seconds) values ('stats', $1, $2)`, [JSON.stringify(sizes), seconds.toFixed(1)]);
  return { seconds };
}

/** The marker of a complete stats dataset, or null (no marker table, or generation did not finish). */
export async function datasetMarker(exec: Exec): Promise<{ sizes: StatsSizes; seconds: number; generatedAt: string } | null> {
  const exists = (await exec(`select to_regclass('bench_dataset') is not null as ok`)).rows[0];
  if (!exists?.ok) return null;
  const row = (await exec(`select sizes, seconds, generated_at::text as at from bench_dataset where name = 'stats'`)).rows[0];
  if (!row) return null;
  const sizes = (typeof row.sizes === 'string' ? JSON.parse(row.sizes) : row.sizes) as StatsSizes;
  return { sizes, seconds: Number(row.seconds), generatedAt: String(row.at) };
}
