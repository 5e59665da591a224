import { z } from 'zod';

/** A row id: a positive PostgreSQL integer (larger numbers would reach the database and fail there). */
export const dbId = z.number().int().positive().max(2147483647);
/** The same, from a query string or path parameter. */
export const dbIdQuery = z.coerce.number().int().positive().max(2147483647);

export const idParam = z.strictObject({ id: dbIdQuery });

export const pageQuery = {
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

export const okResponse = z.object({ ok: z.literal(true) });

/** Query-string booleans: `true`/`false`/`1`/`0`. */
export const queryBool = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');

export const isoDateTime = z.string().describe('ISO 8601 date-time');

export const errorResponse = z
  .object({
    error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
  })
  .describe('Error: { error: { code, message, details? } }');
