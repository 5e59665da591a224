// Field-by-field comparison of an audit entry's before/after snapshots (pure; tested in diff.test.ts).

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
  /** Present on only one side, or different values (deep, key order ignored). */
  isChanged: boolean;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON with object keys sorted, so `{a,b}` and `{b,a}` compare equal. */
export function stableStringify(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (isPlainObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${stableStringify(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The name used when a snapshot is not an object (a bare value or a list). */
export const WHOLE_VALUE = '(value)';

/**
 * Every field of either snapshot, in the order they first appear (before's, then after's new ones).
 * A create has no `before` and a delete no `after`: every field then counts as changed.
 */
export function diffSnapshots(before: unknown, after: unknown): FieldChange[] {
  if (before == null && after == null) return [];
  const isObjects = (before == null || isPlainObject(before)) && (after == null || isPlainObject(after));
  if (!isObjects) {
    return [{ field: WHOLE_VALUE, before, after, isChanged: stableStringify(before) !== stableStringify(after) }];
  }
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const fields = [...Object.keys(b), ...Object.keys(a).filter((k) => !(k in b))];
  return fields.map((field) => {
    const inBoth = field in b && field in a;
    return {
      field,
      before: b[field],
      after: a[field],
      isChanged: !inBoth || stableStringify(b[field]) !== stableStringify(a[field]),
    };
  });
}

export function changedFields(before: unknown, after: unknown): string[] {
  return diffSnapshots(before, after)
    .filter((c) => c.isChanged)
    .map((c) => c.field);
}
