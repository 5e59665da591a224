import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, numeric, pgEnum, pgTable, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { TARGET_STATUSES } from '../../../shared/api/targets.js';
import { orgUnits } from './org.js';
import { users } from './users.js';

/*
 * 目标 (domain.md §7): a year's target per unit and KPI figure (metric, a figure name of the KPI
 * engine), optionally per person. value is exact numeric: a count, or 万元 (万美元 for *_usd
 * figures), 4 decimals. One row per (year, unit, metric, person-or-none); a change edits the row
 * and bumps version, and the audit log keeps every earlier value. An approved row is locked until
 * the bureau unlocks it with a reason (back to draft).
 */
export const targetStatus = pgEnum('target_status', TARGET_STATUSES);

export const targets = pgTable(
  'targets',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    year: smallint('year').notNull(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    userId: integer('user_id').references(() => users.id),
    metric: text('metric').notNull(),
    value: numeric('value', { precision: 18, scale: 4 }).notNull(),
    status: targetStatus('status').notNull().default('draft'),
    note: text('note'),
    version: integer('version').notNull().default(1),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: integer('updated_by')
      .notNull()
      .references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    approvedBy: integer('approved_by').references(() => users.id),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    isDemo: boolean('is_demo').notNull().default(false),
  },
  (t) => [
    // A unit's target and each person's are distinct keys; coalesce makes "no person" one key, not many.
    uniqueIndex('targets_key_uq').on(t.year, t.unitId, t.metric, sql`coalesce(${t.userId}, 0)`),
    // Lists and progress: a year's targets of a set of units (the scope), by metric.
    index('targets_year_metric_unit_idx').on(t.year, t.metric, t.unitId),
    index('targets_unit_year_idx').on(t.unitId, t.year),
    index('targets_user_idx').on(t.userId).where(sql`${t.userId} is not null`),
    check('targets_value_non_negative', sql`${t.value} >= 0`),
    check('targets_year_range', sql`${t.year} between 2000 and 2100`),
    check('targets_approved_has_approver', sql`${t.status} = 'draft' or (${t.approvedBy} is not null and ${t.approvedAt} is not null)`),
  ],
);
