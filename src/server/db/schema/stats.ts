import { sql } from 'drizzle-orm';
import { bigint, boolean, date, index, integer, numeric, pgTable, primaryKey, smallint, text } from 'drizzle-orm/pg-core';

/*
 * stats_cells: the KPI engine's pre-aggregation (issue 4). Additive counts and sums of the verified
 * project events and verified tranches per unit and calendar month, maintained by triggers on
 * `projects`, `fund_tranches` and `project_nodes` in the writing transaction (migration 0009), so a committed record
 * is counted exactly once however many writers run at once. `stats_cells_expected` (a view) is the
 * same table computed from scratch; tests compare the two.
 *
 * kind (STATS_CELL_KIND in modules/stats/stats.cells.ts):
 *   1 created       m1 = month entered; flag = stage is not 'lead'          n
 *   2 signed        m1 = signed month; band = size band of the amount       n, amount (contracted), usd (foreign)
 *   3 registered    m1 = registered month                                   n
 *   4 started       m1 = started month                                      n, amount (contracted)
 *   5 producing     m1 = producing month                                    n
 *   6 funds         m1 = verified tranche's month; source                   amount (amount_cny), usd (USD foreign money)
 *   7 created × m2  m1 = month entered, m2 = month of a later event         n_signed, n_started, n_producing
 *   8 signed × m2   m1 = signed month, m2 = month of a later event          n_started, n_producing, funds (verified, by tranche month)
 *   9 open, not producing    m1 = month of the last follow-up (or entry)     n   (停滞预警 candidates)
 *  10 signed, not started, open  m1 = signed month                         n   (签约未开工 candidates)
 *  11 node not done, project open m1 = planned month (project's unit)      n   (节点超期 candidates)
 * Unused key columns hold their defaults ('infinity', 0, '', false).
 */
export const statsCells = pgTable(
  'stats_cells',
  {
    unitId: integer('unit_id').notNull(),
    kind: smallint('kind').notNull(),
    m1: date('m1').notNull(),
    m2: date('m2').notNull().default(sql`'infinity'::date`),
    band: integer('band').notNull().default(0),
    source: text('source').notNull().default(''),
    flag: boolean('flag').notNull().default(false),
    n: bigint('n', { mode: 'number' }).notNull().default(0),
    amount: numeric('amount').notNull().default('0'),
    usd: numeric('usd').notNull().default('0'),
    nSigned: bigint('n_signed', { mode: 'number' }).notNull().default(0),
    nStarted: bigint('n_started', { mode: 'number' }).notNull().default(0),
    nProducing: bigint('n_producing', { mode: 'number' }).notNull().default(0),
    funds: numeric('funds').notNull().default('0'),
  },
  (t) => [
    // A kind's months across the whole tree (the province), and a subtree's units by month.
    primaryKey({ name: 'stats_cells_pk', columns: [t.kind, t.m1, t.unitId, t.m2, t.band, t.source, t.flag] }),
    index('stats_cells_unit_idx').on(t.unitId, t.m1),
  ],
);
