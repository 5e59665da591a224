import { describe, expect, it } from 'vitest';
import { changedFields, diffSnapshots, stableStringify, WHOLE_VALUE } from './diff';

describe('diffSnapshots', () => {
  it('marks changed fields of an update and keeps unchanged ones for context', () => {
    const rows = diffSnapshots({ name: '西华县', sortOrder: 1, divisionCode: '411622' }, { name: '西华县人民政府', sortOrder: 1, divisionCode: '411622' });
    expect(rows).toEqual([
      { field: 'name', before: '西华县', after: '西华县人民政府', isChanged: true },
      { field: 'sortOrder', before: 1, after: 1, isChanged: false },
      { field: 'divisionCode', before: '411622', after: '411622', isChanged: false },
    ]);
  });

  it('treats every field of a create as changed', () => {
    expect(changedFields(null, { name: 'A', type: 'town' })).toEqual(['name', 'type']);
  });

  it('counts a field present on one side only as changed, after the fields of before', () => {
    expect(diffSnapshots({ a: 1 }, { a: 1, b: null }).map((r) => [r.field, r.isChanged])).toEqual([
      ['a', false],
      ['b', true],
    ]);
  });

  it('compares nested values deeply and ignores key order', () => {
    expect(changedFields({ x: { p: 1, q: [1, 2] } }, { x: { q: [1, 2], p: 1 } })).toEqual([]);
    expect(changedFields({ x: { p: 1 } }, { x: { p: 2 } })).toEqual(['x']);
  });

  it('distinguishes null from a missing field and from false', () => {
    expect(changedFields({ phone: null }, { phone: '' })).toEqual(['phone']);
    expect(changedFields({ isDisabled: false }, { isDisabled: null })).toEqual(['isDisabled']);
  });

  it('handles snapshots that are not objects', () => {
    expect(diffSnapshots('a', 'b')).toEqual([{ field: WHOLE_VALUE, before: 'a', after: 'b', isChanged: true }]);
    expect(diffSnapshots(null, null)).toEqual([]);
    expect(diffSnapshots([1], [1])[0]!.isChanged).toBe(false);
  });
});

describe('stableStringify', () => {
  it('sorts keys at every level', () => {
    expect(stableStringify({ b: 1, a: { d: 2, c: 3 } })).toBe('{"a":{"c":3,"d":2},"b":1}');
  });
});
