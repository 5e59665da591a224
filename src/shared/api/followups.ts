import { z } from 'zod';
import { FOLLOW_UP_KINDS } from '../project.js';
import { dbId, dbIdQuery, pageQuery, queryBool } from './common.js';
import { isoDate } from './projects.js';

// 跟踪记录 (issue item 5): what was done on a project, with whom, and what comes next.

/** Follow-ups are evidence of work: only their author may edit or delete them, for this many days. */
export const FOLLOW_UP_EDIT_DAYS = 7;

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const followUpFields = {
  /** The day it happened (China time); never in the future. */
  date: isoDate,
  kind: z.enum(FOLLOW_UP_KINDS),
  participants: optionalText(500),
  content: z.string().trim().min(1, { message: 'required' }).max(4000),
  nextStep: optionalText(500),
  /** 下一步完成期限, on or after `date`. */
  nextStepDue: isoDate.nullable().optional(),
};

export const createFollowUpBody = z.strictObject({
  ...followUpFields,
  /** Files the author uploaded (unattached) to attach as evidence. */
  fileIds: z.array(dbId).max(20).default([]),
});

export const updateFollowUpBody = z
  .strictObject(followUpFields)
  .partial()
  .refine((b) => Object.keys(b).length > 0, { message: 'nothing to change' });

const personRef = z.object({ id: z.number().int(), displayName: z.string() });

export const followUp = z.object({
  id: z.number().int(),
  projectId: z.number().int(),
  projectName: z.string(),
  /** The project's unit when the follow-up was written. */
  unitId: z.number().int(),
  unitName: z.string(),
  date: z.string(),
  kind: z.enum(FOLLOW_UP_KINDS),
  participants: z.string().nullable(),
  content: z.string(),
  nextStep: z.string().nullable(),
  nextStepDue: z.string().nullable(),
  createdBy: personRef,
  createdAt: z.string(),
  /** Last moment the author may still edit or delete it. */
  editableUntil: z.string(),
  /** True when the signed-in user may edit or delete it now. */
  canEdit: z.boolean(),
  fileCount: z.number().int(),
});
export type FollowUp = z.infer<typeof followUp>;

export const projectFollowUpsQuery = z.strictObject({ ...pageQuery });

/** "What did we do this week": follow-ups of a unit (and below), newest first. */
export const followUpFeedQuery = z
  .strictObject({
    ...pageQuery,
    unitId: dbIdQuery.optional(),
    projectId: dbIdQuery.optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    kind: z.enum(FOLLOW_UP_KINDS).optional(),
    /** Only those I wrote. */
    mine: queryBool.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from must not be after to', path: ['to'] });
