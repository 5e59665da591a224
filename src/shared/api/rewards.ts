import { z } from 'zod';
import { schemePeriod } from '../assessment/scheme.js';
import { rewardRules } from '../rewards/rules.js';
import { dbId, dbIdQuery, pageQuery } from './common.js';

/*
 * 奖励兑现 /api/rewards (domain.md §7, issue 5 item 5). Rule sets are versioned data (the engine's
 * own schema, src/shared/rewards/rules.ts, so a refused rule names the field, e.g.
 * `rules.items.0.tiers.1.atLeast`); a run computes them for a period from verified records and stores
 * one line per project, item and credited unit, each with its calculation; publishing freezes the run
 * and puts its rule-set version in use. Amounts are 万元 decimal strings (4 decimals: one yuan).
 */

export const REWARD_RULE_STATUSES = ['draft', 'active'] as const;
export type RewardRuleStatus = (typeof REWARD_RULE_STATUSES)[number];
export const REWARD_RUN_STATUSES = ['computed', 'published'] as const;
export type RewardRunStatus = (typeof REWARD_RUN_STATUSES)[number];

const person = z.object({ id: z.number().int(), displayName: z.string() }).nullable();

export const ruleSetBody = z.strictObject({ rules: rewardRules });
export type RuleSetBody = z.output<typeof ruleSetBody>;

export const ruleSetsQuery = z.strictObject({ status: z.enum(REWARD_RULE_STATUSES).optional(), ...pageQuery });

export const ruleSetRecord = z.object({
  id: z.number().int(),
  unitId: z.number().int(),
  unitName: z.string(),
  name: z.string(),
  version: z.number().int(),
  previousId: z.number().int().nullable(),
  /** draft: editable; active (在用): a run was published with it, frozen for good. */
  status: z.enum(REWARD_RULE_STATUSES),
  rules: z.record(z.string(), z.unknown()),
  createdBy: person,
  createdAt: z.string(),
  updatedAt: z.string(),
  isDemo: z.boolean(),
});
export type RuleSetRecord = z.infer<typeof ruleSetRecord>;

export const rewardRunBody = z.strictObject({
  ruleSetId: dbId,
  /** { kind: 'year', year } | { kind: 'quarter', year, quarter } | { kind: 'range', from, to }. */
  period: schemePeriod,
});
export type RewardRunBody = z.output<typeof rewardRunBody>;

export const rewardRunsQuery = z.strictObject({
  ruleSet: dbIdQuery.optional(),
  status: z.enum(REWARD_RUN_STATUSES).optional(),
  /** Runs whose period starts in this calendar year. */
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  ...pageQuery,
});

const money = z.string().describe('万元, decimal string');

export const rewardTotals = z.object({
  amount: money,
  /** Before the person and unit caps. */
  raw: money,
  lineCount: z.number().int(),
});

export const rewardRun = z.object({
  id: z.number().int(),
  ruleSetId: z.number().int(),
  ruleSetName: z.string(),
  ruleSetVersion: z.number().int(),
  unitId: z.number().int(),
  unitName: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  status: z.enum(REWARD_RUN_STATUSES),
  contentHash: z.string(),
  /** Over the lines the caller may see (their scope; a referrer: their own). */
  totals: rewardTotals,
  /** Per credited unit, over the lines the caller may see, largest first. */
  byUnit: z.array(z.object({ unitId: z.number().int(), unitName: z.string(), amount: money, raw: money, lineCount: z.number().int() })),
  computedBy: person,
  computedAt: z.string(),
  publishedBy: person,
  publishedAt: z.string().nullable(),
  isDemo: z.boolean(),
});
export type RewardRun = z.infer<typeof rewardRun>;

export const rewardLinesQuery = z.strictObject({
  run: dbIdQuery,
  /** A credited unit and everything below it. */
  unit: dbIdQuery.optional(),
  project: dbIdQuery.optional(),
  item: z.string().trim().min(1).max(40).optional(),
  /** Project or referrer name contains. */
  q: z.string().trim().min(1).max(100).optional(),
  /** Only lines a cap reduced. */
  capped: z.enum(['true', 'false']).optional().transform((v) => (v === undefined ? undefined : v === 'true')),
  ...pageQuery,
});

export const rewardLine = z.object({
  id: z.number().int(),
  runId: z.number().int(),
  lineNo: z.number().int(),
  projectId: z.number().int(),
  projectName: z.string(),
  itemId: z.string(),
  itemLabel: z.string(),
  unitId: z.number().int(),
  unitName: z.string(),
  referrerName: z.string().nullable(),
  referrerUserId: z.number().int().nullable(),
  sharePercent: z.number().int(),
  baseAmount: money,
  /** This unit's share before the person and unit caps. */
  rawAmount: money,
  amount: money,
  isCapped: z.boolean(),
  /** The engine's RewardLine (src/shared/rewards/compute.ts): tier, rate, every cap step, tranche ids. */
  detail: z.record(z.string(), z.unknown()),
});
export type RewardLineRecord = z.infer<typeof rewardLine>;

export const rewardNoteBody = z.strictObject({ note: z.string().trim().max(500).optional() });
