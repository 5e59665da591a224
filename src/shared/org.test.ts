import { describe, expect, it } from 'vitest';
import { ALLOWED_PARENTS, canHangUnder, childPath, isSameOrDescendantPath, scopeRootPath, UNIT_TYPES, type UnitType } from './org.js';

describe('canHangUnder', () => {
  // The org tree of domain.md §1: 市 → 县/区/开发区 → 乡镇/街道/园区, plus departments, offices and the bureau.
  const allowed: [UnitType, UnitType | null][] = [
    ['city', null],
    ['county', 'city'],
    ['zone', 'city'],
    ['zone', 'county'],
    ['town', 'county'],
    ['town', 'zone'],
    ['department', 'city'],
    ['department', 'county'],
    ['department', 'zone'],
    ['office', 'city'],
    ['office', 'county'],
    ['bureau', 'city'],
    ['bureau', 'county'],
    ['bureau', 'zone'],
  ];
  const parents: (UnitType | null)[] = [null, ...UNIT_TYPES];

  it.each(allowed)('%s may hang under %s', (type, parent) => {
    expect(canHangUnder(type, parent)).toBe(true);
  });

  // Every other pair is refused; enumerate them so a widened rule shows up here.
  const refused = UNIT_TYPES.flatMap((type) =>
    parents.filter((p) => !allowed.some(([t, q]) => t === type && q === p)).map((p) => [type, p] as const),
  );
  it.each(refused)('%s may not hang under %s', (type, parent) => {
    expect(canHangUnder(type, parent)).toBe(false);
  });

  it('has a table entry for every type and only one kind of root', () => {
    expect(Object.keys(ALLOWED_PARENTS).sort()).toEqual([...UNIT_TYPES].sort());
    expect(UNIT_TYPES.filter((t) => canHangUnder(t, null))).toEqual(['city']);
    expect(refused.length + allowed.length).toBe(UNIT_TYPES.length * parents.length);
  });
});

describe('scopeRootPath', () => {
  it.each([
    ['a city sees itself and below', { type: 'city', path: '/1/' }, '/1/'],
    ['a county sees itself and below', { type: 'county', path: '/1/4/' }, '/1/4/'],
    ['a town sees itself', { type: 'town', path: '/1/4/17/' }, '/1/4/17/'],
    ['a department sees only itself', { type: 'department', path: '/1/9/' }, '/1/9/'],
    ['the city bureau sees the whole city', { type: 'bureau', path: '/1/2/' }, '/1/'],
    ['a county bureau sees the whole county', { type: 'bureau', path: '/1/4/30/' }, '/1/4/'],
    ['multi-digit ids', { type: 'bureau', path: '/12/345/6789/' }, '/12/345/'],
    ['a bureau with no parent (cannot happen) keeps its own path', { type: 'bureau', path: '/7/' }, '/7/'],
  ] as const)('%s', (_label, unit, expected) => {
    expect(scopeRootPath(unit)).toBe(expected);
  });
});

describe('paths', () => {
  it('childPath appends the id', () => {
    expect(childPath('/', 1)).toBe('/1/');
    expect(childPath('/1/4/', 17)).toBe('/1/4/17/');
  });

  it.each([
    ['/1/4/17/', '/1/4/', true],
    ['/1/4/', '/1/4/', true],
    ['/1/', '/1/4/', false],
    // A sibling whose id starts with the same digits is not a descendant: paths end with a slash.
    ['/1/40/', '/1/4/', false],
  ])('%s within %s → %s', (path, ancestor, expected) => {
    expect(isSameOrDescendantPath(path, ancestor)).toBe(expected);
  });
});
