import { z } from 'zod';
import { assessmentScheme, schemePeriod } from '../assessment/scheme.js';
import { manualScore } from '../assessment/inputs.js';
import { dbId, dbIdQuery, pageQuery } from './common.js';

/*
 * 考核办法 /api/assessment-schemes and 考核结果 /api/assessment-runs (issue 5 items 2–3). The scheme
 * body is the engine's own schema (src/shared/assessment/scheme.ts), so a refused scheme names the
 * field, e.g. `scheme.items.0.cap`. Results are the engine's AssessmentResult, passed through.
 */

export const SCHEME_STATUSES = ['draft', 'active', 'archived'] as const;
export type SchemeStatus = (typeof SCHEME_STATUSES)[number];
export const RUN_STATUSES = ['computed', 'published'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

const person = z.object({ id: z.number().int(), displayName: z.string() }).nullable();

export const schemeBody = z.strictObject({ scheme: assessmentScheme });
export type SchemeBody = z.output<typeof schemeBody>;

export const schemesQuery = z.strictObject({
  status: z.enum(SCHEME_STATUSES).optional(),
  ...pageQuery,
});

export const schemeRecord = z.object({
  id: z.number().int(),
  unitId: z.number().int(),
  unitName: z.string(),
  name: z.string(),
  version: z.number().int(),
  previousId: z.number().int().nullable(),
  /** draft: editable; active: a run was published with it (frozen); archived: no new runs. */
  status: z.enum(SCHEME_STATUSES),
  scheme: z.record(z.string(), z.unknown()),
  createdBy: person,
  createdAt: z.string(),
  updatedAt: z.string(),
  isDemo: z.boolean(),
});
export type SchemeRecord = z.infer<typeof schemeRecord>;

/** Manual item id → unit id → score and written reason (评分理由). */
export const manualScores = z.record(z.string(), z.record(z.string().regex(/^\d{1,10}$/), manualScore)).default({});

export const runBody = z.strictObject({
  schemeId: dbId,
  /** Overrides the scheme's period; must lie in the scheme's (targets') year. */
  period: schemePeriod.optional(),
  manual: manualScores,
});
export type RunBody = z.output<typeof runBody>;

/** Changing a computed run's manual scores re-scores it on the same collected inputs; a published run refuses. */
export const runUpdateBody = z.strictObject({ manual: manualScores });

export const runsQuery = z.strictObject({
  scheme: dbIdQuery.optional(),
  status: z.enum(RUN_STATUSES).optional(),
  ...pageQuery,
});

const runBase = {
  id: z.number().int(),
  schemeId: z.number().int(),
  schemeName: z.string(),
  schemeVersion: z.number().int(),
  unitId: z.number().int(),
  unitName: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  status: z.enum(RUN_STATUSES),
  contentHash: z.string(),
  computedBy: person,
  computedAt: z.string(),
  publishedBy: person,
  publishedAt: z.string().nullable(),
  isDemo: z.boolean(),
};

export const runSummary = z.object(runBase);

export const runRecord = z.object({
  ...runBase,
  /** AssessmentResult; a unit_staff or department user gets only the lines of units in their scope (ranks as in the whole run). */
  result: z.record(z.string(), z.unknown()),
  /** How many units the whole run ranks (a reader who sees only their own line still reads "第N名，共M个"). */
  unitCount: z.number().int(),
  /** The inputs snapshot of the visible units: metric values with their records, targets, manual scores. */
  inputs: z.record(z.string(), z.unknown()),
});

export const runDiff = z.object({
  runId: z.number().int(),
  /** The frozen run's hash and the re-run's: equal when nothing changed. */
  contentHash: z.string(),
  rerunHash: z.string(),
  isUnchanged: z.boolean(),
  /** diffResults(frozen, re-run), for the units the caller may see. */
  changes: z.array(z.record(z.string(), z.unknown())),
});

/** Archiving a scheme or publishing a run: an optional note for the audit log. */
export const noteBody = z.strictObject({ note: z.string().trim().max(500).optional() });
