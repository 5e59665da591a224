import { z } from 'zod';
import { dbIdQuery, pageQuery } from './common.js';
import { isoDate } from './projects.js';
import { BREAKDOWN_BY, FLOW_FIGURES, RATE_FIGURES, STOCK_FIGURES } from '../kpi/figure-names.js';

export * from '../kpi/figure-names.js';

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
  /** For nodes (overdue_nodes_count): the node's name. */
  nodeName: z.string().nullable(),
});
export const statsRecords = z.object({
  figure: z.string(),
  /** The unit whose subtree the records come from. */
  unit: z.object({ id: z.number().int(), name: z.string() }),
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
