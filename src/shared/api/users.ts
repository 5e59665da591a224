import { z } from 'zod';
import { ROLES } from '../roles.js';
import { UNIT_TYPES } from '../org.js';
import { nameField } from '../text.js';
import { dbId, dbIdQuery, pageQuery, queryBool } from './common.js';
import { newPassword } from './auth.js';

export const username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,31}$/, { message: '3–32 letters, digits, dot, dash or underscore' });

export const user = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  unitId: z.number().int(),
  unitName: z.string(),
  unitType: z.enum(UNIT_TYPES),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  isDisabled: z.boolean(),
  isDemo: z.boolean(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type User = z.infer<typeof user>;

export const userListQuery = z.strictObject({
  ...pageQuery,
  unitId: dbIdQuery.optional(),
  // Include the users of every unit below `unitId` (default) or only that unit.
  subtree: queryBool.optional(),
  role: z.enum(ROLES).optional(),
  q: z.string().max(100).optional(),
  includeDisabled: queryBool.optional(),
});

const phone = z.string().trim().regex(/^[0-9+\-() ]{5,20}$/, { message: 'a phone number' });

export const createUserBody = z.strictObject({
  username,
  displayName: nameField(40),
  unitId: dbId,
  role: z.enum(ROLES),
  phone: phone.nullable().optional(),
  email: z.email().max(120).nullable().optional(),
  // Omit to have the server generate a one-time password that must be changed at first sign-in.
  password: newPassword.optional(),
});

export const updateUserBody = z.strictObject({
  displayName: nameField(40).optional(),
  unitId: dbId.optional(),
  role: z.enum(ROLES).optional(),
  phone: phone.nullable().optional(),
  email: z.email().max(120).nullable().optional(),
});

export const resetPasswordBody = z.strictObject({ password: newPassword.optional() });

export const createdUserResponse = z.object({ user, temporaryPassword: z.string().nullable() });
export const resetPasswordResponse = z.object({ temporaryPassword: z.string().nullable() });
