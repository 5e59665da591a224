import { z } from 'zod';
import { MAX_WAN } from '../money.js';
import { dbId, dbIdQuery, pageQuery } from './common.js';
import { FLOW_FIGURES, TIER_FIGURE_PREFIX, type FlowFigure } from './stats.js';
import { isoDate } from './projects.js';

/*
 * 目标管理 (domain.md §7, issue 5 item 1): a year's target per unit and KPI figure (optionally per
 * person), decomposed from a unit to its direct children, drafted, then approved (locked) by the
 * bureau. A metric is a flow figure of the KPI engine (signed_count, funds_out_of_city, …) or a
 * size-tier count `signed_tier:<threshold 万元>` of a tier in the settings: stock figures and rates
 * are states, not amounts to reach, so they take no target. Values travel as decimal strings: counts
 * as integers, money in 万元 (万美元 where the figure's name says usd) with up to 4 decimals.
 */

export const TARGET_STATUSES = ['draft', 'approved'] as const;
export type TargetStatus = (typeof TARGET_STATUSES)[number];

/** The statistical year a target is for. */
export const TARGET_YEAR_MIN = 2000;
export const TARGET_YEAR_MAX = 2100;

/** Flow figures that count projects (whole numbers); the rest are amounts. */
const COUNT_FLOWS: readonly FlowFigure[] = ['new_projects', 'signed_count', 'registered_count', 'started_count', 'producing_count'];

/** True when a metric's target is a number of projects (an integer), not an amount. */
export function isCountMetric(metric: string): boolean {
  return metric.startsWith(TIER_FIGURE_PREFIX) || (COUNT_FLOWS as readonly string[]).includes(metric);
}

/** A metric name a target may use, given the size tiers of the settings (万元). */
export function isTargetMetric(metric: string, sizeTiers: readonly number[]): boolean {
  if ((FLOW_FIGURES as readonly string[]).includes(metric)) return true;
  const m = /^signed_tier:(\d{1,7})$/.exec(metric);
  return m !== null && sizeTiers.includes(Number(m[1]));
}

/** The metrics a target may use: every flow figure, then one tier count per size tier. */
export function targetMetrics(sizeTiers: readonly number[]): string[] {
  return [...FLOW_FIGURES, ...[...sizeTiers].sort((a, b) => a - b).map((t) => `${TIER_FIGURE_PREFIX}${t}`)];
}

// Shape only; whether the figure exists (and negatives, fractions of a count) is the service's
// check, answered with a code that names the field in both languages.
const metricName = z.string().trim().min(1).max(40).describe('KPI figure name (signed_count, funds_out_of_city, signed_tier:10000, …)');
const year = z.coerce.number().int().describe('Statistical year (统计年度), named by the calendar year it starts in');

/** A target value: a decimal string (a number is converted through its shortest decimal form). */
export const targetValue = z
  .union([z.string(), z.number()])
  .transform((v) => (typeof v === 'number' ? String(v) : v.trim().replace(/,/g, '')))
  .pipe(
    z
      .string()
      .regex(/^-?\d{1,12}(\.\d{1,4})?$/, { message: 'a number with at most 4 decimals' })
      .refine((s) => Math.abs(Number(s)) <= MAX_WAN, { message: 'implausibly large (over 1万亿元)' }),
  )
  .describe('Target value: a count, or an amount in 万元 (万美元 for *_usd figures), as a decimal string');

export const target = z.object({
  id: z.number().int(),
  year: z.number().int(),
  unitId: z.number().int(),
  unitName: z.string(),
  /** A person's own target (每个人身上都要有指标); null for the unit's. */
  userId: z.number().int().nullable(),
  userName: z.string().nullable(),
  metric: z.string(),
  value: z.string(),
  status: z.enum(TARGET_STATUSES),
  note: z.string().nullable(),
  version: z.number().int(),
  updatedBy: z.object({ id: z.number().int(), displayName: z.string() }),
  updatedAt: z.string(),
  approvedBy: z.object({ id: z.number().int(), displayName: z.string() }).nullable(),
  approvedAt: z.string().nullable(),
  isDemo: z.boolean(),
});
export type Target = z.infer<typeof target>;

export const targetsQuery = z.strictObject({
  year,
  /** The unit whose subtree is listed; defaults to the caller's scope root. */
  unit: dbIdQuery.optional(),
  /** Only the unit itself (false) or its whole subtree (true, default). */
  subtree: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  metric: metricName.optional(),
  status: z.enum(TARGET_STATUSES).optional(),
  /** Person targets: a user id; `persons=false` lists unit targets only. */
  user: dbIdQuery.optional(),
  persons: z.enum(['true', 'false']).optional().transform((v) => (v === undefined ? undefined : v === 'true')),
  ...pageQuery,
});

/** Create or change one draft target (a unit's, or a person's with userId). */
export const targetBody = z.strictObject({
  year,
  unitId: dbId,
  userId: dbId.nullable().optional(),
  metric: metricName,
  value: targetValue,
  note: z.string().trim().max(500).nullable().optional(),
});

/** `unit` defaults to the caller's scope root. */
export const decompositionQuery = z.strictObject({ year, unit: dbIdQuery.optional(), metric: metricName });

/**
 * 目标分解: the parent unit's target and its direct children's in one request (one transaction).
 * `parent` omitted leaves the parent's target as it is; children not listed are left as they are.
 */
export const decompositionBody = z.strictObject({
  year,
  unitId: dbId,
  metric: metricName,
  parent: targetValue.optional(),
  children: z.array(z.strictObject({ unitId: dbId, value: targetValue })).max(500),
  note: z.string().trim().max(500).nullable().optional(),
});

export const decomposition = z.object({
  year: z.number().int(),
  metric: z.string(),
  unit: z.object({ id: z.number().int(), name: z.string() }),
  parent: target.nullable(),
  /** Every enabled direct child, in the org tree's order, with its target if it has one. */
  children: z.array(
    z.object({
      unitId: z.number().int(),
      unitName: z.string(),
      unitType: z.string(),
      target: target.nullable(),
    }),
  ),
  /** Sum of the children's targets. */
  childrenSum: z.string(),
  /** childrenSum − parent target; null without a parent target. */
  difference: z.string().nullable(),
  /** True when a parent target exists and the children's targets add up to something else (a warning, not a refusal). */
  isMismatch: z.boolean(),
});
export type Decomposition = z.infer<typeof decomposition>;

export const approveBody = z.strictObject({
  ids: z.array(dbId).min(1).max(500),
  note: z.string().trim().max(500).nullable().optional(),
});

/** 解锁: an approved target back to draft, with the reason on the record (audit log). */
export const unlockBody = z.strictObject({ reason: z.string().trim().min(2).max(500) });

export const progressQuery = z.strictObject({
  year,
  /** The unit whose own targets and whose direct children's targets are measured; defaults to the scope root. */
  unit: dbIdQuery.optional(),
  metric: metricName.optional(),
  /** Measure as of this day (defaults to today), clamped to the year. */
  asOf: isoDate.optional(),
});

export const progressRow = z.object({
  target: target,
  /** The KPI engine's figure for the unit's subtree from the year's first day to asOf; null for a person's target (the engine counts units). */
  actual: z.string().nullable(),
  /** 完成率 = actual ÷ target, 4 decimals; null without a positive target or an actual. */
  completionRate: z.string().nullable(),
  /** 时序进度: days elapsed ÷ days in the year. */
  timeProgress: z.string(),
  /** 超/欠时序进度 = 完成率 − 时序进度; positive ahead of schedule. */
  scheduleGap: z.string().nullable(),
});
export const targetProgress = z.object({
  year: z.number().int(),
  unit: z.object({ id: z.number().int(), name: z.string() }),
  from: z.string(),
  asOf: z.string(),
  timeProgress: z.string(),
  rows: z.array(progressRow),
});
export type TargetProgress = z.infer<typeof targetProgress>;

export const targetMetricsResponse = z.object({
  metrics: z.array(z.object({ name: z.string(), isCount: z.boolean() })),
});
