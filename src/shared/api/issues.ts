import { z } from 'zod';
import { ISSUE_STATUSES, ISSUE_TYPES, type IssueStatus } from '../project.js';
import { nameField } from '../text.js';
import { dbId, dbIdQuery, pageQuery, queryBool } from './common.js';
import { isoDate } from './projects.js';

// 问题协调 (issue item 7): a project's problem handed to a department, answered within a deadline.
// open → answered → closed; open/answered → escalated (提级协调); answered/closed/escalated → open (reopen).

/** Which statuses each action may start from; anything else answers 409 ISSUE_STATUS. */
export const ISSUE_ACTIONS = {
  answer: ['open', 'escalated'], // → answered (the department, or bureau staff)
  close: ['open', 'answered', 'escalated'], // → closed (the project's side)
  escalate: ['open', 'answered'], // → escalated (提级协调, with a reason)
  reopen: ['answered', 'closed', 'escalated'], // → open (answer not enough, problem back, or de-escalated)
} as const satisfies Record<string, readonly IssueStatus[]>;
export type IssueAction = keyof typeof ISSUE_ACTIONS;

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const requiredText = (max: number) => z.string().trim().min(1, { message: 'required' }).max(max);

export const createIssueBody = z.strictObject({
  type: z.enum(ISSUE_TYPES),
  title: nameField(100),
  description: optionalText(4000),
  /** An enabled org unit of type department, anywhere in the deployment. */
  departmentUnitId: dbId,
  /** 办理期限, today or later (China time). */
  deadline: isoDate,
});

export const answerIssueBody = z.strictObject({
  answer: requiredText(4000),
  /** The version the department read; 409 VERSION_CONFLICT if the issue changed since. */
  version: z.number().int().positive(),
  /** Files the answerer uploaded (unattached) to attach. */
  fileIds: z.array(dbId).max(20).default([]),
});
export const closeIssueBody = z.strictObject({ note: optionalText(1000) });
export const escalateIssueBody = z.strictObject({ reason: requiredText(1000) });
export const reopenIssueBody = z.strictObject({ reason: requiredText(1000) });

const personRef = z.object({ id: z.number().int(), displayName: z.string() });

export const issue = z.object({
  id: z.number().int(),
  projectId: z.number().int(),
  projectName: z.string(),
  projectUnitId: z.number().int(),
  projectUnitName: z.string(),
  type: z.enum(ISSUE_TYPES),
  title: z.string(),
  description: z.string().nullable(),
  departmentUnitId: z.number().int(),
  departmentName: z.string(),
  deadline: z.string().nullable(),
  status: z.enum(ISSUE_STATUSES),
  /** Open or escalated, and past its deadline (China time). */
  isOverdue: z.boolean(),
  answer: z.string().nullable(),
  answeredBy: personRef.nullable(),
  answeredAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  escalationReason: z.string().nullable(),
  escalatedAt: z.string().nullable(),
  createdBy: personRef,
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Issue = z.infer<typeof issue>;

const statusList = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.enum(ISSUE_STATUSES)).min(1));

/** Staff: issues of projects in scope. Department users: issues assigned to their department (to-do list). */
export const issueListQuery = z.strictObject({
  ...pageQuery,
  status: statusList.optional(),
  departmentUnitId: dbIdQuery.optional(),
  projectId: dbIdQuery.optional(),
  type: z.enum(ISSUE_TYPES).optional(),
  overdue: queryBool.optional(),
});

export const projectIssuesQuery = z.strictObject({ ...pageQuery });
