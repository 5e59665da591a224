import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, numeric, pgEnum, pgTable, smallint, text, timestamp, uniqueIndex, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { REWARD_RULE_STATUSES, REWARD_RUN_STATUSES } from '../../../shared/api/rewards.js';
import { orgUnits } from './org.js';
import { projects } from './ledger.js';
import { users } from './users.js';

/*
 * 奖励兑现 (domain.md §7, issue 5 item 5). A rule-set version is a row (a new version is a new row
 * pointing at the one it replaces); it is frozen (active, 在用) once a run is published with it. A run
 * keeps what it was computed from (the rules as run and every project's facts) and its lines: one per
 * project, item and credited unit, with the calculation in `detail`. A published run never changes.
 */
export const rewardRuleStatus = pgEnum('reward_rule_status', REWARD_RULE_STATUSES);
export const rewardRunStatus = pgEnum('reward_run_status', REWARD_RUN_STATUSES);

const money = (name: string) => numeric(name, { precision: 18, scale: 4 });

export const rewardRuleSets = pgTable(
  'reward_rule_sets',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    // The unit whose subtree the rules pay (the creating bureau's scope root).
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    name: text('name').notNull(),
    version: integer('version').notNull(),
    previousId: integer('previous_id').references((): AnyPgColumn => rewardRuleSets.id),
    status: rewardRuleStatus('status').notNull().default('draft'),
    // The rules as the engine parsed them (src/shared/rewards/rules.ts), defaults filled in.
    rules: jsonb('rules').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    isDemo: boolean('is_demo').notNull().default(false),
  },
  (t) => [
    index('reward_rule_sets_unit_idx').on(t.unitId, t.status, t.id),
    // Versions form a line, never a fork.
    uniqueIndex('reward_rule_sets_previous_uq').on(t.previousId).where(sql`${t.previousId} is not null`),
    check('reward_rule_sets_version_positive', sql`${t.version} >= 1`),
  ],
);

export const rewardRuns = pgTable(
  'reward_runs',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    ruleSetId: integer('rule_set_id')
      .notNull()
      .references(() => rewardRuleSets.id),
    ruleSetVersion: integer('rule_set_version').notNull(),
    // The rule set's unit: whose subtree was computed.
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    periodFrom: date('period_from').notNull(),
    periodTo: date('period_to').notNull(),
    status: rewardRunStatus('status').notNull().default('computed'),
    // { rules, period, projects: RewardProjectFacts[] }: everything the lines were computed from.
    inputs: jsonb('inputs').notNull(),
    totalAmount: money('total_amount').notNull(),
    totalRaw: money('total_raw').notNull(),
    // sha256 of the canonical JSON of { inputs, result }.
    contentHash: text('content_hash').notNull(),
    computedBy: integer('computed_by').references(() => users.id),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
    publishedBy: integer('published_by').references(() => users.id),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    isDemo: boolean('is_demo').notNull().default(false),
  },
  (t) => [
    index('reward_runs_unit_idx').on(t.unitId, t.status, t.id),
    index('reward_runs_rule_set_idx').on(t.ruleSetId, t.id),
    check('reward_runs_period_order', sql`${t.periodFrom} <= ${t.periodTo}`),
    check('reward_runs_published_has_time', sql`${t.status} = 'computed' or ${t.publishedAt} is not null`),
  ],
);

export const rewardLines = pgTable(
  'reward_lines',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    runId: integer('run_id')
      .notNull()
      .references(() => rewardRuns.id),
    // The engine's order: project, item, credit share.
    lineNo: integer('line_no').notNull(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id),
    projectName: text('project_name').notNull(),
    itemId: text('item_id').notNull(),
    // The credited unit (scope is by this unit).
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    referralId: integer('referral_id'),
    referrerName: text('referrer_name'),
    // A referrer with an account sees their own lines.
    referrerUserId: integer('referrer_user_id').references(() => users.id),
    sharePercent: smallint('share_percent').notNull(),
    baseAmount: money('base_amount').notNull(),
    rawAmount: money('raw_amount').notNull(),
    amount: money('amount').notNull(),
    isCapped: boolean('is_capped').notNull(),
    // RewardLine of src/shared/rewards/compute.ts.
    detail: jsonb('detail').notNull(),
  },
  (t) => [
    uniqueIndex('reward_lines_run_line_uq').on(t.runId, t.lineNo),
    index('reward_lines_run_unit_idx').on(t.runId, t.unitId),
    index('reward_lines_referrer_idx').on(t.referrerUserId, t.runId).where(sql`${t.referrerUserId} is not null`),
    index('reward_lines_project_idx').on(t.projectId),
    check('reward_lines_share', sql`${t.sharePercent} between 1 and 100`),
    check('reward_lines_amounts', sql`${t.amount} >= 0 and ${t.amount} <= ${t.rawAmount}`),
  ],
);
