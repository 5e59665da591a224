import canonicalize from 'canonicalize';

/*
 * Canonical JSON (RFC 8785, as the canonicalize package writes it) for the hashes of runs and of the
 * audit chain. A run's snapshot is ~4 MB for a province: canonicalize takes ~200 ms on it, the
 * engine's own JSON.stringify with keys sorted in a replacer ~70 ms, with the same bytes. Except for
 * one case: an object with an integer-like key ("10", "9"), which JavaScript enumerates in numeric
 * order whatever order it was built in; such a document is left to canonicalize.
 */

const INTEGER_KEY = /^(0|[1-9][0-9]*)$/;
const HAS_INTEGER_KEY = Symbol('integer key');

function sortedKeys(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const keys = Object.keys(value).sort();
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    if (INTEGER_KEY.test(k)) throw HAS_INTEGER_KEY;
    out[k] = (value as Record<string, unknown>)[k];
  }
  return out;
}

/** The canonical JSON text of a JSON value (strings, finite numbers, booleans, null, arrays, plain objects). */
export function canonicalJson(value: unknown): string {
  try {
    return JSON.stringify(value, sortedKeys) ?? '';
  } catch (e) {
    if (e !== HAS_INTEGER_KEY) throw e;
    return canonicalize(value) ?? '';
  }
}
