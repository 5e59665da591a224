import { describe, expect, it } from 'vitest';
import { ancestry, buildForest, filterForest, subtreeIds, topLevelIds, withoutDisabled } from './tree';

// 市 → 县 → 镇, plus a department; the order is the server's (sortOrder, name).
const units = [
  { id: 1, parentId: null, name: '周口市', isDisabled: false },
  { id: 2, parentId: 1, name: '西华县', isDisabled: false },
  { id: 3, parentId: 2, name: '红花集镇', isDisabled: false },
  { id: 4, parentId: 2, name: '逍遥镇', isDisabled: true },
  { id: 5, parentId: 1, name: '市发展改革委', isDisabled: false },
  { id: 6, parentId: 4, name: 'Park <b>A</b>', isDisabled: false },
];

describe('buildForest', () => {
  it('nests by parentId and keeps sibling order', () => {
    const forest = buildForest(units);
    expect(forest.map((n) => n.unit.id)).toEqual([1]);
    expect(forest[0]!.children.map((n) => n.unit.id)).toEqual([2, 5]);
    expect(forest[0]!.children[0]!.children.map((n) => n.unit.id)).toEqual([3, 4]);
  });

  it('treats a unit whose parent is not visible as a root (a county user sees their county as the top)', () => {
    const forest = buildForest(units.filter((u) => u.id !== 1));
    expect(forest.map((n) => n.unit.id)).toEqual([2, 5]);
  });
});

describe('filterForest', () => {
  it('keeps matches with their ancestors and expands the ancestors', () => {
    const { forest, expandedIds, matchCount } = filterForest(buildForest(units), '镇');
    expect(matchCount).toBe(2);
    expect(forest[0]!.children.map((n) => n.unit.id)).toEqual([2]);
    expect(forest[0]!.children[0]!.children.map((n) => n.unit.id)).toEqual([3, 4]);
    expect(new Set(expandedIds)).toEqual(new Set([1, 2]));
  });

  it('is case-insensitive and treats markup as plain text', () => {
    const { matchCount } = filterForest(buildForest(units), 'park <B>');
    expect(matchCount).toBe(1);
  });

  it('returns the forest unchanged for an empty query', () => {
    const forest = buildForest(units);
    expect(filterForest(forest, '  ').forest).toBe(forest);
  });

  it('returns nothing when nothing matches', () => {
    expect(filterForest(buildForest(units), '不存在').forest).toEqual([]);
  });
});

describe('withoutDisabled', () => {
  it('drops a disabled unit and everything under it', () => {
    const forest = withoutDisabled(buildForest(units));
    expect(forest[0]!.children[0]!.children.map((n) => n.unit.id)).toEqual([3]);
  });
});

describe('subtreeIds', () => {
  it('is the unit and all its descendants', () => {
    expect([...subtreeIds(units, 2)].sort()).toEqual([2, 3, 4, 6]);
    expect([...subtreeIds(units, 5)]).toEqual([5]);
  });
});

describe('ancestry', () => {
  it('runs from the top of the visible list down to the unit', () => {
    const byId = new Map(units.map((u) => [u.id, u]));
    expect(ancestry(byId, 6).map((u) => u.id)).toEqual([1, 2, 4, 6]);
    expect(ancestry(byId, 99)).toEqual([]);
  });
});

describe('topLevelIds', () => {
  it('lists units with children down to the given depth', () => {
    expect(topLevelIds(buildForest(units), 1)).toEqual([1]);
    expect(topLevelIds(buildForest(units), 2)).toEqual([1, 2]);
  });
});
