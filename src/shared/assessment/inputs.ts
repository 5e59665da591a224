import { z } from 'zod';
import { FUND_SOURCES } from '../funds.js';

/*
 * What the scorer needs for one unit, gathered by the server from verified records: each metric's
 * value with the records behind it, the unit's targets, and the assessors' manual scores.
 * Decimal strings throughout (万元 for money), never JS floats.
 */

export const decimalString = z.string().regex(/^-?\d{1,13}(\.\d{1,8})?$/, { message: 'a decimal number as a string' });

/**
 * One record behind a metric: a project, a funds tranche, a follow-up, … — or, for a run too large to
 * trace record by record (a province's year), a `group`: the `count` records of one unit and metric
 * that share every fact the scheme reads (industry class, amount band, funds source, bonus-tagged
 * investor, later phase, government funded), with their summed value. Every rule of the engine
 * compares a fact with the scheme's own thresholds and prefixes, so a group scores exactly as its
 * records would one by one.
 */
export const scoreRecord = z.strictObject({
  kind: z.enum(['project', 'tranche', 'followup', 'trip', 'change', 'other', 'group']),
  id: z.number().int(),
  /** The project the record belongs to (a tranche's project), if any. */
  projectId: z.number().int().nullable().default(null),
  /** Name shown in the breakdown, e.g. the project's name. */
  name: z.string().max(200).optional(),
  /** Its contribution to the metric: "1" for counts, the 万元 amount for money (a group: the sum). */
  value: decimalString.default('1'),
  /** How many records it stands for: 1, or a group's size. */
  count: z.number().int().min(1).default(1),
  /** A group's records' kind (project, tranche, …). */
  of: z.enum(['project', 'tranche', 'followup', 'trip', 'change', 'other']).optional(),
  /** GB/T 4754-2017 code of the project. */
  industryCode: z.string().nullable().default(null),
  /** The project's contracted investment (合同投资额), 万元 (a group: its smallest). */
  contractedAmount: decimalString.nullable().default(null),
  /** A group's largest contracted investment, 万元. */
  amountMax: decimalString.nullable().optional(),
  /** A tranche's source; for a project, where its money comes from. */
  fundsSource: z.enum(FUND_SOURCES).nullable().default(null),
  investorId: z.number().int().nullable().default(null),
  /** The investor's tags (世界500强, 央企, …). */
  investorTags: z.array(z.string()).default([]),
  /** 老项目续建 / 二期及以后. */
  isLaterPhase: z.boolean().default(false),
  /** 政府投资项目. */
  isGovernmentFunded: z.boolean().default(false),
});
export type ScoreRecord = z.infer<typeof scoreRecord>;
export type ScoreRecordInput = z.input<typeof scoreRecord>;

export const metricActual = z.strictObject({
  /** The KPI engine's value for the unit and period (before the scheme's exclusions). */
  value: decimalString,
  records: z.array(scoreRecord).default([]),
});

export const manualScore = z.strictObject({
  score: decimalString,
  /** The written reason (评分理由); required. */
  reason: z.string().trim().min(1, { message: 'a manual score needs a written reason (须填写评分理由)' }).max(2000),
  by: z.string().max(100).optional(),
});

export const unitInput = z.strictObject({
  unitId: z.number().int(),
  name: z.string().min(1),
  /** The org tree's order: the last tie-break. */
  sortOrder: z.number().int().default(0),
  /** Metric name → value and records. Every metric the scheme reads must be present. */
  metrics: z.record(z.string(), metricActual),
  /** Metric name → the unit's target for the period; absent or null = no target. */
  targets: z.record(z.string(), decimalString.nullable()).default({}),
  /** Manual item id → score and reason. */
  manual: z.record(z.string(), manualScore).default({}),
});
export type UnitInput = z.infer<typeof unitInput>;
export type UnitInputData = z.input<typeof unitInput>;
