import { z } from 'zod';
import { nameField } from '../text.js';
import { dbId, dbIdQuery, pageQuery } from './common.js';
import { isoDate } from './projects.js';

// 节点计划 / 倒排工期 (issue item 6): planned and actual dates of a signed project's milestones.

export const MAX_NODES = 30;

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const nodeInput = z.strictObject({
  /** An existing node of this project to keep (and update); omit for a new node. */
  id: dbId.optional(),
  name: nameField(40),
  plannedDate: isoDate.nullable().optional(),
  /** When it actually happened (China time); never in the future. */
  actualDate: isoDate.nullable().optional(),
  /** 责任人 */
  responsible: optionalText(60),
  note: optionalText(500),
});

/**
 * The whole ordered list; nodes left out are deleted. `revision` is the plan's revision the editor
 * started from (from GET): when someone saved the plan since, the save is refused with 409.
 */
export const putNodesBody = z.strictObject({ nodes: z.array(nodeInput).max(MAX_NODES), revision: z.string().min(1).max(64) });

export const projectNode = z.object({
  id: z.number().int(),
  projectId: z.number().int(),
  name: z.string(),
  plannedDate: z.string().nullable(),
  actualDate: z.string().nullable(),
  responsible: z.string().nullable(),
  note: z.string().nullable(),
  sortOrder: z.number().int(),
  /** Planned before today (Asia/Shanghai) and not yet done. */
  isOverdue: z.boolean(),
  /** Days past the planned date when overdue, else null. */
  daysOverdue: z.number().int().nullable(),
});
export type ProjectNode = z.infer<typeof projectNode>;

/** The plan and its revision (changes whenever any node of the plan changes). */
export const nodesResponse = z.object({ items: z.array(projectNode), revision: z.string() });
export type NodePlan = z.infer<typeof nodesResponse>;

export const overdueNode = projectNode.extend({
  projectName: z.string(),
  unitId: z.number().int(),
  unitName: z.string(),
});

export const overdueNodesQuery = z.strictObject({ ...pageQuery, unitId: dbIdQuery.optional() });
