// The org tree (组织架构, domain.md §1): 市 → 县/区/开发区 → 乡镇/街道/园区, plus 市直部门,
// 驻外招商机构 and the 招商局 hanging under a city or county.

export const UNIT_TYPES = ['city', 'county', 'zone', 'town', 'department', 'office', 'bureau'] as const;
export type UnitType = (typeof UNIT_TYPES)[number];

export const UNIT_TYPE_LABELS: Record<UnitType, { zh: string; en: string }> = {
  city: { zh: '市', en: 'City' },
  county: { zh: '县/区', en: 'County / district' },
  zone: { zh: '开发区/园区', en: 'Development zone / park' },
  town: { zh: '乡镇/街道', en: 'Town / subdistrict' },
  department: { zh: '职能部门', en: 'Department' },
  office: { zh: '驻外招商机构', en: 'Office in another city' },
  bureau: { zh: '招商局', en: 'Investment promotion bureau' },
};

/** Which parent types a unit of each type may hang under; `null` means it may be a root. */
export const ALLOWED_PARENTS: Record<UnitType, readonly (UnitType | null)[]> = {
  city: [null],
  county: ['city'],
  zone: ['city', 'county'],
  town: ['county', 'zone'],
  department: ['city', 'county', 'zone'],
  office: ['city', 'county'],
  bureau: ['city', 'county', 'zone'],
};

export function canHangUnder(type: UnitType, parentType: UnitType | null): boolean {
  return ALLOWED_PARENTS[type].includes(parentType);
}

/** Materialised path of a unit: ids of its ancestors and itself, e.g. `/1/4/17/`. */
export function childPath(parentPath: string, id: number): string {
  return `${parentPath}${id}/`;
}

export function isSameOrDescendantPath(path: string, ancestorPath: string): boolean {
  return path.startsWith(ancestorPath);
}

/**
 * The root of what a member of a unit sees. Normally the unit itself; a 招商局 serves the whole
 * government level it belongs to (the city or county above it), so its staff see from there.
 */
export function scopeRootPath(unit: { type: UnitType; path: string }): string {
  if (unit.type !== 'bureau') return unit.path;
  const parent = unit.path.replace(/[0-9]+\/$/, '');
  return parent === '/' ? unit.path : parent;
}
