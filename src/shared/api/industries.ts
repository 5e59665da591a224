import { z } from 'zod';

export const industry = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(['section', 'division', 'group', 'class']),
  parent: z.string().nullable(),
  path: z.string(),
});
export type Industry = z.infer<typeof industry>;

export const industryQuery = z.strictObject({
  parent: z.string().regex(/^([A-T]|\d{2,3})$/).optional(),
  q: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
