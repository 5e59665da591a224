import Decimal from 'decimal.js';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUND_SOURCES } from '../../../shared/funds.js';
import { addDays } from '../../../shared/kpi/period.js';
import type { Actor } from '../../actor.js';
import { queryRows } from '../../db/client.js';
import { createTestContext, type TestContext } from '../../test/context.js';
import { todayInChina } from '../followups/china-date.js';
import { cellsAnswer, splitByMonths } from './stats.cells.js';
import { resolveStats } from './stats.context.js';
import { queryComponents, type GroupMode } from './stats.queries.js';

/*
 * The pre-aggregated cells (migration 0009) against the rows they summarise:
 *  - after every kind of write (new projects, tranches and nodes, stage dates moved, projects moved
 *    to another unit, lost and reopened, followed up, tranches verified, rejected, deleted, nodes
 *    done and re-planned), stats_cells equals stats_cells_expected,
 *    the same cells computed from scratch;
 *  - under concurrent writers (on PostgreSQL really concurrent: a pool of connections), including
 *    a tranche verified while its project's signing day changes, the cells stay exact;
 *  - every component of every figure read from the cells (with the rows for cut months and for the
 *    days of the as-of month) equals the full queries' (the path an industry filter takes), for the
 *    summary and by unit, for whole months, year to date, cut periods and one inside a month.
 */

let t: TestContext;
let actor: Actor;
const units: number[] = [];
let reporter = 0;

/** A small deterministic generator, so a failure can be replayed. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = Math.imul(s ^ (s >>> 15), 1 | s);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = prng(20261206);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const today = todayInChina();
const START = '2024-01-01';
const span = Math.round((Date.parse(today) - Date.parse(START)) / 86_400_000);
const day = () => addDays(START, Math.floor(rnd() * span));
const later = (d: string, max = 400) => {
  const next = addDays(d, Math.floor(rnd() * max));
  return next > today ? today : next;
};
const amount = () => (rnd() < 0.1 ? null : new Decimal(Math.floor(rnd() * 600_000_000)).div(10_000).toFixed(4));

async function insertProject(): Promise<number> {
  const created = day();
  const signed = rnd() < 0.6 ? later(created) : null;
  const started = signed && rnd() < 0.6 ? later(signed) : null;
  const producing = started && rnd() < 0.5 ? later(started) : null;
  const registered = signed && rnd() < 0.5 ? later(signed, 60) : null;
  const stage = producing ? 'producing' : started ? 'started' : registered ? 'registered' : signed ? 'signed' : pick(['lead', 'negotiating']);
  const side = rnd() < 0.15 ? pick(['stalled', 'lost', 'withdrawn']) : null;
  const [row] = await queryRows<{ id: number }>(
    t.database.db,
    sql`insert into projects (name, unit_id, stage, signed_date, registered_date, started_date, producing_date, contracted_investment, foreign_investment,
          side_state, side_state_date, created_at, last_follow_up_date)
        values (${`项目${rnd().toString(36).slice(2, 8)}`}, ${pick(units)}, ${stage}, ${signed}, ${registered}, ${started}, ${producing}, ${amount()},
          ${rnd() < 0.2 ? amount() : null}, ${side}, ${side ? later(created) : null}, ${`${created}T${pick(['00:30', '10:00', '23:50'])}:00+08:00`}::timestamptz,
          ${rnd() < 0.7 ? later(created, 900) : null})
        returning id`,
  );
  return Number(row!.id);
}

async function insertTranche(projectId: number, status = pick(['verified', 'verified', 'pending', 'rejected'] as const)): Promise<number> {
  const usd = rnd() < 0.2;
  const value = new Decimal(Math.floor(rnd() * 50_000_000)).div(10_000);
  const [row] = await queryRows<{ id: number }>(
    t.database.db,
    sql`insert into fund_tranches (project_id, unit_id, date, currency, amount, exchange_rate, rate_date, amount_cny, source, status, reported_by)
        select id, unit_id, ${day()}, ${usd ? 'USD' : 'CNY'}, ${value.toFixed(4)}, ${usd ? '7.1' : null}, ${usd ? today : null},
          ${usd ? value.times('7.1').toFixed(4) : value.toFixed(4)}, ${usd ? 'foreign' : pick(FUND_SOURCES)}, ${status}, ${reporter}
        from projects where id = ${projectId}
        returning id`,
  );
  return Number(row!.id);
}

/** A node of the project's plan, due on a random day around today, done or not. */
async function insertNode(projectId: number): Promise<number> {
  const planned = addDays(today, Math.floor(rnd() * 240) - 200);
  const [row] = await queryRows<{ id: number }>(
    t.database.db,
    sql`insert into project_nodes (project_id, name, planned_date, actual_date, sort_order)
        values (${projectId}, ${pick(['开工', '投产', '供地', '环评'])}, ${planned}, ${rnd() < 0.4 ? later(planned, 30) : null}, 1) returning id`,
  );
  return Number(row!.id);
}

/** Rows that differ between the live cells (zero rows ignored) and the cells computed from scratch. */
async function cellDifferences(): Promise<unknown[]> {
  const live = sql`select unit_id, kind, m1, m2, band, source, flag, n, amount, usd, n_signed, n_started, n_producing, funds from stats_cells
    where (n, amount, usd, n_signed, n_started, n_producing, funds) <> (0, 0, 0, 0, 0, 0, 0)`;
  const expected = sql`select unit_id, kind, m1, m2, band, source, flag, n, amount, usd, n_signed, n_started, n_producing, funds from stats_cells_expected`;
  return queryRows(t.database.db, sql`(${live} except ${expected}) union all (${expected} except ${live}) limit 5`);
}

/** Every component per group key, as the full queries and as the cells give them. */
async function bothWays(query: { from: string; to: string; unit?: number }, mode: GroupMode) {
  const ctx = await resolveStats(t.database.db, actor, query);
  expect(cellsAnswer(ctx, mode)).toBe(true);
  const fold = async (cells: boolean) => {
    const out = new Map<string, string>();
    for (const row of (await queryComponents(t.database.db, ctx, mode, { cells })).rows) {
      for (const period of ['current', 'previous'] as const) {
        for (const [name, value] of Object.entries(row.values[period])) {
          const k = `${mode === 'none' ? '' : row.key}|${period}|${name}`;
          out.set(k, new Decimal(out.get(k) ?? 0).plus(value).toString());
        }
      }
    }
    // A group without any record is simply absent on one side: compare non-zero values.
    return new Map([...out].filter(([, v]) => !new Decimal(v).isZero()));
  };
  const [full, cells] = await Promise.all([fold(false), fold(true)]);
  return { full: Object.fromEntries([...full].sort()), cells: Object.fromEntries([...cells].sort()) };
}

beforeAll(async () => {
  t = await createTestContext();
  const countyA = await t.createUnit({ type: 'county', name: '甲县' });
  const town = await t.createUnit({ type: 'town', name: '甲县一镇', parentId: countyA.id });
  const countyB = await t.createUnit({ type: 'county', name: '乙县' });
  units.push(t.rootId, countyA.id, town.id, countyB.id);
  const [root] = await queryRows<{ path: string }>(t.database.db, sql`select path from org_units where id = ${t.rootId}`);
  const [admin] = await queryRows<{ id: number }>(t.database.db, sql`select id from users order by id limit 1`);
  reporter = Number(admin!.id);
  actor = { id: reporter, username: 'admin', displayName: 'admin', role: 'admin', unitId: t.rootId, unitPath: root!.path, ip: null, lang: 'zh' };
  const projects: number[] = [];
  for (let i = 0; i < 160; i++) projects.push(await insertProject());
  for (let i = 0; i < 220; i++) await insertTranche(pick(projects));
  for (let i = 0; i < 200; i++) await insertNode(pick(projects));
  // Records dated after today (nothing refuses them at this level): the cells of this month then
  // hold more than "up to today", and the rows after today are subtracted.
  const ahead = (n: number) => addDays(today, n);
  const [future] = await queryRows<{ id: number }>(
    t.database.db,
    sql`insert into projects (name, unit_id, stage, signed_date, started_date, producing_date, contracted_investment, created_at)
        values ('预填日期项目', ${units[1]!}, 'producing', ${ahead(1)}, ${ahead(2)}, ${ahead(3)}, '20000', ${`${today}T09:00:00+08:00`}::timestamptz) returning id`,
  );
  await db().execute(sql`update projects set started_date = ${ahead(1)}, stage = 'started' where id = ${projects[3]!} and signed_date is not null`);
  for (const id of [Number(future!.id), projects[0]!, projects[1]!]) {
    await db().execute(sql`insert into fund_tranches (project_id, unit_id, date, amount, amount_cny, source, status, reported_by)
      select id, unit_id, ${ahead(2)}, 300, 300, 'out_of_province', 'verified', ${reporter} from projects where id = ${id}`);
  }
}, 120_000);

const db = () => t.database.db;

afterAll(async () => {
  await t?.close();
});

describe('stats_cells', () => {
  it('after inserts equal the cells computed from scratch', async () => {
    const [c] = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from stats_cells`);
    expect(Number(c!.n)).toBeGreaterThan(100);
    expect(await cellDifferences()).toEqual([]);
  });

  it('follow every kind of change: dates, stage, amounts, unit, tranche status, deletes', async () => {
    const ids = (await queryRows<{ id: number }>(t.database.db, sql`select id from projects order by id`)).map((r) => Number(r.id));
    const tranches = (await queryRows<{ id: number }>(t.database.db, sql`select id from fund_tranches order by id`)).map((r) => Number(r.id));
    const db = t.database.db;
    for (let i = 0; i < 40; i++) {
      const id = pick(ids);
      switch (i % 8) {
        case 0: // a backwards move: the start and production dates are withdrawn
          await db.execute(sql`update projects set started_date = null, producing_date = null, stage = 'signed' where id = ${id} and signed_date is not null`);
          break;
        case 1: // the signing day corrected, which moves its tranches in the 资金到位率 cohort
          await db.execute(sql`update projects set signed_date = ${day()}, stage = 'signed' where id = ${id}`);
          break;
        case 2: // transferred to another unit
          await db.execute(sql`update projects set unit_id = ${pick(units)} where id = ${id}`);
          break;
        case 3:
          await db.execute(sql`update projects set contracted_investment = ${amount()}, foreign_investment = ${amount()} where id = ${id}`);
          break;
        case 4: // leaves and re-enters the lead stage; is lost or reopened; a follow-up is recorded; a node is done or re-planned
          await db.execute(sql`update projects set stage = case when stage = 'lead' then 'negotiating'::stage else 'lead'::stage end where id = ${id}`);
          await db.execute(sql`update projects set side_state = case when side_state is null then 'lost'::side_state end, side_state_date = ${today} where id = ${pick(ids)}`);
          await db.execute(sql`update projects set last_follow_up_date = ${day()} where id = ${pick(ids)}`);
          await db.execute(sql`update project_nodes set actual_date = case when actual_date is null then ${today}::date end where id = (select id from project_nodes order by random() limit 1)`);
          await db.execute(sql`update project_nodes set planned_date = ${day()} where id = (select id from project_nodes order by random() limit 1)`);
          await insertNode(pick(ids));
          break;
        case 5: // a pending tranche verified, a verified one rejected
          await db.execute(sql`update fund_tranches set status = case when status = 'verified' then 'rejected'::transition_status else 'verified'::transition_status end where id = ${pick(tranches)}`);
          break;
        case 6: // a tranche re-dated and its amount corrected
          await db.execute(sql`update fund_tranches set date = ${day()}, amount_cny = amount_cny + 1 where id = ${pick(tranches)}`);
          break;
        default: {
          const gone = pick(tranches);
          await db.execute(sql`delete from fund_tranches where id = ${gone}`);
          tranches.splice(tranches.indexOf(gone), 1);
          tranches.push(await insertTranche(id, 'verified'));
        }
      }
    }
    // A project with its tranches removed altogether.
    const last = ids[5]!;
    await db.execute(sql`delete from fund_tranches where project_id = ${last}`);
    await db.execute(sql`delete from project_nodes where project_id = ${last}`);
    await db.execute(sql`delete from projects where id = ${last}`);
    // Writes outside the counted columns leave the cells alone.
    await db.execute(sql`update projects set description = '仅改说明' where id = ${ids[0]!}`);
    expect(await cellDifferences()).toEqual([]);
  });

  it('stay exact under concurrent writers, a tranche verified while its project’s signing day changes included', async () => {
    const ids = (await queryRows<{ id: number }>(t.database.db, sql`select id from projects where signed_date is not null order by id limit 12`)).map((r) => Number(r.id));
    const pending = await Promise.all(ids.map((id) => insertTranche(id, 'pending')));
    const db = t.database.db;
    const jobs: Promise<unknown>[] = [];
    for (let round = 0; round < 5; round++) {
      ids.forEach((id, i) => {
        // Same units and months from every writer: the cells they share take every increment.
        jobs.push(db.transaction(async (tx) => {
          await tx.execute(sql`update projects set signed_date = ${round % 2 ? '2025-03-15' : '2025-04-20'} where id = ${id}`);
          await tx.execute(sql`insert into fund_tranches (project_id, unit_id, date, amount, amount_cny, source, status, reported_by)
            select id, unit_id, '2025-05-10', 100, 100, 'out_of_province', 'verified', ${reporter} from projects where id = ${id}`);
        }));
        jobs.push(db.execute(sql`update fund_tranches set status = case when status = 'verified' then 'pending'::transition_status else 'verified'::transition_status end where id = ${pending[i]!}`));
      });
    }
    await Promise.all(jobs);
    expect(await cellDifferences()).toEqual([]);
  });

  it('give every component the full queries give, whole tree and a county, total and by unit', async () => {
    const year = today.slice(0, 4);
    const month = today.slice(0, 7);
    const monthEnd = addDays(`${Number(month.slice(0, 4)) + (month.endsWith('12') ? 1 : 0)}-${month.endsWith('12') ? '01' : String(Number(month.slice(5)) + 1).padStart(2, '0')}-01`, -1);
    const periods = [
      { from: `${year}-01-01`, to: `${year}-12-31` }, // this year: cohorts to today, inside a month
      { from: `${Number(year) - 1}-01-01`, to: `${Number(year) - 1}-12-31` }, // last year: to a month's end
      { from: `${month}-01`, to: monthEnd }, // this month
      { from: '2025-04-01', to: '2025-06-30' }, // a quarter
      { from: `${year}-01-01`, to: today }, // year to date (the dashboard's default): this month's days from the rows
      { from: `${month}-01`, to: today }, // month to date: no whole month at all
      { from: '2025-01-15', to: '2025-06-10' }, // cut at both ends
      { from: '2025-03-05', to: '2025-03-20' }, // inside one month
      { from: '2024-02-10', to: '2025-02-28' }, // across 29 February
    ];
    for (const p of periods) {
      for (const unit of [undefined, units[1]!]) {
        for (const mode of ['none', 'unit'] as const) {
          const { full, cells } = await bothWays({ ...p, ...(unit ? { unit } : {}) }, mode);
          expect(Object.keys(full).length, JSON.stringify(p)).toBeGreaterThan(5);
          if (p.to >= today && !unit && mode === 'none') {
            // Today's stock figures come from the candidates' cells and their partial indexes: exercised, not zero.
            for (const name of ['stalled_count', 'signed_not_started_count', 'overdue_nodes_count']) expect(full[`|current|${name}`], name).toBeDefined();
          }
          expect(cells, `${JSON.stringify(p)} unit ${unit ?? 'root'} ${mode}`).toEqual(full);
        }
      }
    }
  });

  it('are not used where they cannot answer: an industry filter, by month or industry, a size tier between bands', async () => {
    const industry = await resolveStats(t.database.db, actor, { from: '2025-01-01', to: '2025-12-31', industry: 'C' });
    expect(cellsAnswer(industry, 'none')).toBe(false);
    const year = await resolveStats(t.database.db, actor, { from: '2025-01-01', to: '2025-12-31' });
    expect(cellsAnswer(year, 'month')).toBe(false);
    expect(cellsAnswer(year, 'industry')).toBe(false);
    expect(cellsAnswer({ ...year, settings: { ...year.settings, sizeTiers: [12345] } }, 'none')).toBe(false);
  });
});

describe('splitByMonths', () => {
  const today = '2026-12-06';
  it('takes a cut month whole from the cells less the days outside when that reads fewer days, or the future', () => {
    // Year to date: December from the cells, less the days after today (normally none recorded).
    expect(splitByMonths({ from: '2026-01-01', to: '2026-12-06' }, today)).toEqual({
      months: { from: '2026-01-01', to: '2026-12-31' },
      pieces: [{ days: { from: '2026-12-07', to: '2026-12-31' }, sign: -1 }],
    });
    // The same period last year: six days added beat 25 subtracted.
    expect(splitByMonths({ from: '2025-01-01', to: '2025-12-06' }, today)).toEqual({
      months: { from: '2025-01-01', to: '2025-11-30' },
      pieces: [{ days: { from: '2025-12-01', to: '2025-12-06' }, sign: 1 }],
    });
    expect(splitByMonths({ from: '2025-01-15', to: '2025-06-10' }, today)).toEqual({
      months: { from: '2025-01-01', to: '2025-05-31' },
      pieces: [
        { days: { from: '2025-01-01', to: '2025-01-14' }, sign: -1 },
        { days: { from: '2025-06-01', to: '2025-06-10' }, sign: 1 },
      ],
    });
  });

  it('inside one month: the month less both ends, or the days themselves', () => {
    expect(splitByMonths({ from: '2025-03-05', to: '2025-03-20' }, today)).toEqual({
      months: { from: '2025-03-01', to: '2025-03-31' },
      pieces: [
        { days: { from: '2025-03-01', to: '2025-03-04' }, sign: -1 },
        { days: { from: '2025-03-21', to: '2025-03-31' }, sign: -1 },
      ],
    });
    expect(splitByMonths({ from: '2025-03-05', to: '2025-03-10' }, today)).toEqual({ months: null, pieces: [{ days: { from: '2025-03-05', to: '2025-03-10' }, sign: 1 }] });
    expect(splitByMonths({ from: '2024-02-01', to: '2024-02-29' }, today)).toEqual({ months: { from: '2024-02-01', to: '2024-02-29' }, pieces: [] });
  });
});
