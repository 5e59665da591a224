import { z } from 'zod';
import { ROLES } from '../roles.js';
import { UNIT_TYPES } from '../org.js';

export const loginBody = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

export const sessionUser = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  unit: z.object({ id: z.number().int(), name: z.string(), type: z.enum(UNIT_TYPES), path: z.string() }),
  mustChangePassword: z.boolean(),
  permissions: z.array(z.string()),
  isDemo: z.boolean(),
});
export type SessionUser = z.infer<typeof sessionUser>;

export const userResponse = z.object({ user: sessionUser });

/** At least 8 characters with a letter and a digit; the server also refuses the username itself. */
export const newPassword = z
  .string()
  .min(8, { message: 'at least 8 characters' })
  .max(128)
  .refine((p) => /[A-Za-z]/.test(p) && /[0-9]/.test(p), { message: 'needs letters and digits' });

export const changePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword,
});
