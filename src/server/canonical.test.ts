import canonicalize from 'canonicalize';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical.js';

describe('canonicalJson', () => {
  it('writes the same bytes as canonicalize (RFC 8785), whatever order the keys were built in', () => {
    const docs: unknown[] = [
      { b: 1, a: [3, { d: null, c: '贰' }], é: true, B: 'x', '': 0, aa: -0.5, z: 1e21 },
      { units: [{ unitId: 7, name: '示例县', metrics: { signed_count: { value: '3', records: [{ id: 1, projectId: 2 }] } } }], scheme: { version: 1 } },
      [],
      'text "quoted" \u2028 \ud83d\ude00',
      null,
      { emoji: '😀', 'ｚ': 1, '𝒜': 2, 'Ａ': 3 },
    ];
    for (const d of docs) expect(canonicalJson(d)).toBe(canonicalize(d));
  });

  it('leaves an object with integer-like keys to canonicalize (JavaScript enumerates them numerically)', () => {
    const d = { manual: { '10': { score: '1' }, '9': { score: '2' } }, a: 1 };
    expect(canonicalJson(d)).toBe(canonicalize(d));
    expect(canonicalJson(d).indexOf('"10"')).toBeLessThan(canonicalJson(d).indexOf('"9"'));
  });

  it('is independent of the order the object was built in', () => {
    expect(canonicalJson({ x: 1, y: { q: 2, p: 3 } })).toBe(canonicalJson({ y: { p: 3, q: 2 }, x: 1 }));
  });
});
