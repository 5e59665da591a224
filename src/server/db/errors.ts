// Postgres error codes, the same from PGlite and node-postgres (drizzle may wrap them in `cause`).
export function pgErrorCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let i = 0; i < 4 && e && typeof e === 'object'; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

export function constraintOf(err: unknown): string | undefined {
  let e: unknown = err;
  for (let i = 0; i < 4 && e && typeof e === 'object'; i++) {
    const c = (e as { constraint?: unknown }).constraint;
    if (typeof c === 'string') return c;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

export const isUniqueViolation = (err: unknown) => pgErrorCode(err) === '23505';

/**
 * Text PostgreSQL cannot store, such as a NUL character in a query parameter: 22021
 * character_not_in_repertoire / 22P05 untranslatable_character, from either driver.
 */
export const isUntypeableText = (err: unknown) => ['22021', '22P05'].includes(pgErrorCode(err) ?? '');
