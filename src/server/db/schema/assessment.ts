import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { RUN_STATUSES, SCHEME_STATUSES } from '../../../shared/api/assessment.js';
import { orgUnits } from './org.js';
import { users } from './users.js';

/*
 * 考核办法 and 考核结果 (domain.md §7, issue 5 items 2–3). A scheme version is a row; a new version is
 * a new row pointing at the one it replaces (one successor each). A version is frozen (status
 * active) once a run has been published with it. A run keeps the inputs it was scored from (the
 * scheme as run, each unit's metric values with their records, targets, manual scores) and the
 * result; a published run is never changed again, and later data shows as a diff against it.
 */
export const assessmentSchemeStatus = pgEnum('assessment_scheme_status', SCHEME_STATUSES);
export const assessmentRunStatus = pgEnum('assessment_run_status', RUN_STATUSES);

export const assessmentSchemes = pgTable(
  'assessment_schemes',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    // The unit whose subtree the scheme scores (the creating bureau's scope root).
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    name: text('name').notNull(),
    version: integer('version').notNull(),
    previousId: integer('previous_id').references((): AnyPgColumn => assessmentSchemes.id),
    status: assessmentSchemeStatus('status').notNull().default('draft'),
    // The scheme as the engine parsed it (src/shared/assessment/scheme.ts), defaults filled in.
    scheme: jsonb('scheme').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    isDemo: boolean('is_demo').notNull().default(false),
  },
  (t) => [
    // The list: a scope's schemes, newest first.
    index('assessment_schemes_unit_idx').on(t.unitId, t.status, t.id),
    // A version has at most one successor: versions form a line, never a fork.
    uniqueIndex('assessment_schemes_previous_uq').on(t.previousId).where(sql`${t.previousId} is not null`),
    check('assessment_schemes_version_positive', sql`${t.version} >= 1`),
  ],
);

export const assessmentRuns = pgTable(
  'assessment_runs',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    schemeId: integer('scheme_id')
      .notNull()
      .references(() => assessmentSchemes.id),
    schemeVersion: integer('scheme_version').notNull(),
    // The scheme's unit: whose subtree was scored.
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    periodFrom: date('period_from').notNull(),
    periodTo: date('period_to').notNull(),
    status: assessmentRunStatus('status').notNull().default('computed'),
    // { scheme, units: UnitInput[], targets }: everything the result was computed from.
    inputs: jsonb('inputs').notNull(),
    // AssessmentResult (src/shared/assessment/score.ts).
    result: jsonb('result').notNull(),
    // sha256 of the canonical JSON of { inputs, result }: equal hashes, equal runs.
    contentHash: text('content_hash').notNull(),
    computedBy: integer('computed_by').references(() => users.id),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
    publishedBy: integer('published_by').references(() => users.id),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    isDemo: boolean('is_demo').notNull().default(false),
  },
  (t) => [
    // The list: a scope's runs (or a scheme's), newest first; the leaderboard's latest published run.
    index('assessment_runs_unit_idx').on(t.unitId, t.status, t.id),
    index('assessment_runs_scheme_idx').on(t.schemeId, t.id),
    check('assessment_runs_period_order', sql`${t.periodFrom} <= ${t.periodTo}`),
    check('assessment_runs_published_has_publisher', sql`${t.status} = 'computed' or ${t.publishedAt} is not null`),
  ],
);
