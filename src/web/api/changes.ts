/**
 * The fields of `next` that differ from `current`, so an edit sends (and audits) only what changed.
 * Values are compared as JSON, which is enough for the flat form values we edit.
 */
export function changedValues<T extends Record<string, unknown>>(current: Partial<T>, next: T): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(next) as (keyof T)[]) {
    if (JSON.stringify(next[key] ?? null) !== JSON.stringify(current[key] ?? null)) out[key] = next[key];
  }
  return out;
}
