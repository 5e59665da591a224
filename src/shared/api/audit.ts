import { z } from 'zod';
import { dbIdQuery, pageQuery } from './common.js';

export const auditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actorId: z.number().int().nullable(),
  actorName: z.string().nullable(),
  ip: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  unitId: z.number().int().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntry>;

// A real calendar day (2024-02-30 would reach the database and fail there).
// Year 0000 passes the calendar check but PostgreSQL has no year zero.
const date = z.iso.date({ message: 'YYYY-MM-DD' }).refine((d) => !d.startsWith('0000'), { message: 'YYYY-MM-DD' });

export const auditQuery = z.strictObject({
  ...pageQuery,
  entity: z.string().max(40).optional(),
  entityId: z.string().max(64).optional(),
  actorId: dbIdQuery.optional(),
  action: z.string().max(40).optional(),
  from: date.optional(),
  to: date.optional(),
});
