import { z } from 'zod';
import { UNIT_TYPES } from '../org.js';
import { nameField } from '../text.js';
import { dbId, dbIdQuery, pageQuery, queryBool } from './common.js';

export const divisionCode = z
  .string()
  // 2/4-digit province and city codes (as /api/divisions lists them) are stored in their 6-digit form.
  .regex(/^(\d{2}|\d{4}|\d{6}|\d{9})$/, { message: '6-digit GB/T 2260 or 9-digit town code' });

export const orgUnit = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  name: z.string(),
  shortName: z.string().nullable(),
  type: z.enum(UNIT_TYPES),
  divisionCode: z.string().nullable(),
  divisionName: z.string().nullable(),
  path: z.string(),
  depth: z.number().int(),
  sortOrder: z.number().int(),
  isDisabled: z.boolean(),
  isDemo: z.boolean(),
  userCount: z.number().int(),
  childCount: z.number().int(),
});
export type OrgUnit = z.infer<typeof orgUnit>;

export const orgListQuery = z.strictObject({
  ...pageQuery,
  parentId: dbIdQuery.optional(),
  q: z.string().max(100).optional(),
  type: z.enum(UNIT_TYPES).optional(),
  includeDisabled: queryBool.optional(),
});

export const orgTreeQuery = z.strictObject({ includeDisabled: queryBool.optional() });

export const orgTreeNode = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  name: z.string(),
  type: z.enum(UNIT_TYPES),
  depth: z.number().int(),
  isDisabled: z.boolean(),
  isDemo: z.boolean(),
});
export type OrgTreeNode = z.infer<typeof orgTreeNode>;

export const createOrgUnitBody = z.strictObject({
  name: nameField(60),
  shortName: nameField(30).nullable().optional(),
  type: z.enum(UNIT_TYPES),
  parentId: dbId,
  divisionCode: divisionCode.nullable().optional(),
  sortOrder: z.number().int().min(0).max(100000).optional(),
});

export const updateOrgUnitBody = z.strictObject({
  name: nameField(60).optional(),
  shortName: nameField(30).nullable().optional(),
  type: z.enum(UNIT_TYPES).optional(),
  divisionCode: divisionCode.nullable().optional(),
  sortOrder: z.number().int().min(0).max(100000).optional(),
});

export const moveOrgUnitBody = z.strictObject({ parentId: dbId });

export const division = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(['province', 'city', 'county', 'town']),
  fullName: z.string(),
});
export type Division = z.infer<typeof division>;

export const divisionQuery = z.strictObject({
  parent: z.string().regex(/^\d{2}(\d{2}(\d{2})?)?$/).optional(),
  q: z.string().max(50).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
