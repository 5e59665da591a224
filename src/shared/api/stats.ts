import { z } from 'zod';
import { dbIdQuery, pageQuery } from './common.js';
import { isoDate } from './projects.js';

/*
 * The figures (domain.md §4–5). One name per figure; the KPI engine computes each from verified
 * records only, and /api/stats/records lists the records behind any of them (their values sum to
 * the figure exactly). All values travel as decimal strings: counts as "12", money in 万元 (or
 * 万美元 where the name says usd) with up to 4 decimals, rates as fractions with 4 decimals
 * ("0.3750" = 37.5%). Flow figures count events whose verified date falls in the period; stock
 * figures (stalled, signed-not-started, overdue nodes) are as of the period's end (or today, if
 * earlier), and have no 同比 (previous and yoy are null: the ledger keeps no snapshots of past
 * states to compare with). A rate whose base is 0 is undefined and absent from `figures`.
 */
export const FLOW_FIGURES = [
  'new_projects', // 新引进项目: projects entered in the ledger in P (登记入库)
  'signed_count', // 新签约项目数: verified signing date in P
  'signed_amount', // 新签约合同投资额 万元
  'signed_foreign_usd', // 新签约外资 万美元
  'registered_count', // 新注册落地
  'started_count', // 新开工
  'started_amount', // 新开工项目合同投资额 万元
  'producing_count', // 新投产
  'funds_total', // 实际到位资金 万元: verified tranches dated in P, all sources
  'funds_out_of_province', // 省外境内
  'funds_in_province_out_of_city', // 省内市外
  'funds_foreign', // 境外, in 万元 at each tranche's rate
  'funds_foreign_usd', // 境外, 万美元 as entered
  'funds_local', // 本地
  'funds_out_of_city', // 市外资金: the sources the settings count as 市外
  'funds_out_of_province_total', // 省外资金: the sources the settings count as 省外
] as const;
export type FlowFigure = (typeof FLOW_FIGURES)[number];

export const STOCK_FIGURES = [
  'stalled_count', // 停滞预警: open, no follow-up for N days as of the end date
  'signed_not_started_count', // 签约未开工超期: signed ≥ M months before the end date, not started
  'overdue_nodes_count', // 节点超期: planned date passed, no actual date
] as const;
export type StockFigure = (typeof STOCK_FIGURES)[number];

/** Rates over the cohort of projects signed in P (开工率 = started ÷ signed, …), or introduced in P. */
export const RATE_FIGURES = [
  'signing_rate', // 签约率: of projects introduced in P, share signed (by the end date)
  'start_rate', // 开工率: of projects signed in P, share started by the end date
  'production_rate', // 投产率: of projects signed in P, share producing by the end date
  'funds_rate', // 资金到位率: verified funds to the end date of projects signed in P ÷ their contracted investment
] as const;
export type RateFigure = (typeof RATE_FIGURES)[number];

/** Size-tier counts: `signed_tier:<threshold 万元>` — projects signed in P with contracted ≥ threshold. */
export const TIER_FIGURE_PREFIX = 'signed_tier:';

export const FIGURE_NAME = z
  .string()
  .refine(
    (s) =>
      (FLOW_FIGURES as readonly string[]).includes(s) ||
      (STOCK_FIGURES as readonly string[]).includes(s) ||
      (RATE_FIGURES as readonly string[]).includes(s) ||
      /^signed_tier:\d{1,7}$/.test(s),
    { message: 'unknown figure' },
  );

/** A figure with its value for the same period last year and 同比 (null when last year is 0). */
export const figureValue = z.object({
  value: z.string(),
  previous: z.string().nullable(),
  /** (value − previous) ÷ previous, 4 decimals; null when previous is 0 or not comparable. */
  yoy: z.string().nullable(),
});
export type FigureValue = z.infer<typeof figureValue>;

export const statsQuery = z.strictObject({
  from: isoDate,
  to: isoDate,
  /** The unit whose whole subtree is counted; defaults to the user's scope root. */
  unit: dbIdQuery.optional(),
  /** GB/T 4754-2017 prefix: a section letter (C) or a division/group/class code (13, 131, 1311). */
  industry: z.string().regex(/^([A-T]|\d{2,4})$/).optional(),
});
export type StatsQuery = z.infer<typeof statsQuery>;

export const funnelStep = z.object({
  stage: z.enum(['lead', 'negotiating', 'signed', 'started', 'producing']),
  count: z.number().int(),
  /** Share of the leads (first step) that reached this step, 4 decimals. */
  share: z.string().nullable(),
});

export const tierCount = z.object({ threshold: z.number().int(), figure: z.string(), count: figureValue, amount: figureValue });

export const statsSummary = z.object({
  from: z.string(),
  to: z.string(),
  previousFrom: z.string(),
  previousTo: z.string(),
  unit: z.object({ id: z.number().int(), name: z.string() }),
  industry: z.string().nullable(),
  /** Every flow, stock and rate figure by name. */
  figures: z.record(z.string(), figureValue),
  tiers: z.array(tierCount),
  funnel: z.array(funnelStep),
  /** 口径: the settings and definitions the figures were computed with, for tooltips. */
  definitions: z.object({
    stalledDays: z.number().int(),
    signedNotStartedMonths: z.number().int(),
    sizeTiers: z.array(z.number().int()),
    outOfCitySources: z.array(z.string()),
    outOfProvinceSources: z.array(z.string()),
    fiscalYearStartMonth: z.number().int(),
  }),
  computedAt: z.string(),
});
export type StatsSummary = z.infer<typeof statsSummary>;

export const BREAKDOWN_BY = ['unit', 'industry', 'month', 'stage', 'source'] as const;
export type BreakdownBy = (typeof BREAKDOWN_BY)[number];

export const breakdownQuery = statsQuery.extend({ by: z.enum(BREAKDOWN_BY) });

export const breakdownRow = z.object({
  /** unit id, industry section/division code, YYYY-MM, stage, or fund source. */
  key: z.string(),
  label: z.string(),
  /** For by=unit: the child unit whose subtree this row counts. */
  unitId: z.number().int().nullable(),
  figures: z.record(z.string(), figureValue),
});
export const statsBreakdown = z.object({
  by: z.enum(BREAKDOWN_BY),
  from: z.string(),
  to: z.string(),
  unit: z.object({ id: z.number().int(), name: z.string() }),
  rows: z.array(breakdownRow),
  /** The same figures over the whole scope; for additive figures, the sum of the rows. */
  total: z.record(z.string(), figureValue),
});
export type StatsBreakdown = z.infer<typeof statsBreakdown>;

export const recordsQuery = statsQuery.extend({
  figure: FIGURE_NAME,
  /** `previous` lists the records behind last year's value. */
  period: z.enum(['current', 'previous']).default('current'),
  ...pageQuery,
});

export const statsRecord = z.object({
  kind: z.enum(['project', 'tranche', 'node']),
  id: z.number().int(),
  projectId: z.number().int(),
  projectName: z.string(),
  unitId: z.number().int(),
  unitName: z.string(),
  industryCode: z.string().nullable(),
  /** The date that puts the record in the figure (signing date, tranche date, …). */
  date: z.string().nullable(),
  /** This record's contribution: "1" for counts, the amount for money; for rates, the numerator's contribution. */
  value: z.string(),
  /** For tranches: source, currency and amount as entered. */
  source: z.string().nullable(),
  currency: z.string().nullable(),
  amount: z.string().nullable(),
});
export const statsRecords = z.object({
  figure: z.string(),
  /**
   * The figure's value; equals the sum of `value` over all pages. For rates: numerator ÷ denominator
   * (null when the denominator is 0), the numerator being the sum of `value`.
   */
  total: z.string().nullable(),
  /** The sum of `value` over all pages (for counts and amounts, the same as total). */
  numerator: z.string(),
  /** For rates: the denominator (cohort size or contracted amount). */
  denominator: z.string().nullable(),
  /** The period the records were drawn from, and the as-of date for stock figures and rates. */
  from: z.string(),
  to: z.string(),
  asOf: z.string(),
  items: z.array(statsRecord),
  count: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type StatsRecords = z.infer<typeof statsRecords>;
