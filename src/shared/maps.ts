// Map outlines (issue 4 item 5). Province and country outlines ship with the product from echarts@4.9.0
// (Apache-2.0, installed as `echarts4`); county and town boundaries come from the deployment, because
// official maps carry a review number (审图号) and we hold no licence for them.

export const MAP_LEVELS = ['county', 'town'] as const;
export type MapLevel = (typeof MAP_LEVELS)[number];

/** GB/T 2260 province code → the echarts4 outline file (map/json/province/<file>.json) and its name. */
export const PROVINCE_OUTLINES: readonly { code: string; file: string; name: string }[] = [
  { code: '11', file: 'beijing', name: '北京' },
  { code: '12', file: 'tianjin', name: '天津' },
  { code: '13', file: 'hebei', name: '河北' },
  { code: '14', file: 'shanxi', name: '山西' },
  { code: '15', file: 'neimenggu', name: '内蒙古' },
  { code: '21', file: 'liaoning', name: '辽宁' },
  { code: '22', file: 'jilin', name: '吉林' },
  { code: '23', file: 'heilongjiang', name: '黑龙江' },
  { code: '31', file: 'shanghai', name: '上海' },
  { code: '32', file: 'jiangsu', name: '江苏' },
  { code: '33', file: 'zhejiang', name: '浙江' },
  { code: '34', file: 'anhui', name: '安徽' },
  { code: '35', file: 'fujian', name: '福建' },
  { code: '36', file: 'jiangxi', name: '江西' },
  { code: '37', file: 'shandong', name: '山东' },
  { code: '41', file: 'henan', name: '河南' },
  { code: '42', file: 'hubei', name: '湖北' },
  { code: '43', file: 'hunan', name: '湖南' },
  { code: '44', file: 'guangdong', name: '广东' },
  { code: '45', file: 'guangxi', name: '广西' },
  { code: '46', file: 'hainan', name: '海南' },
  { code: '50', file: 'chongqing', name: '重庆' },
  { code: '51', file: 'sichuan', name: '四川' },
  { code: '52', file: 'guizhou', name: '贵州' },
  { code: '53', file: 'yunnan', name: '云南' },
  { code: '54', file: 'xizang', name: '西藏' },
  { code: '61', file: 'shanxi1', name: '陕西' },
  { code: '62', file: 'gansu', name: '甘肃' },
  { code: '63', file: 'qinghai', name: '青海' },
  { code: '64', file: 'ningxia', name: '宁夏' },
  { code: '65', file: 'xinjiang', name: '新疆' },
  { code: '71', file: 'taiwan', name: '台湾' },
  { code: '81', file: 'xianggang', name: '香港' },
  { code: '82', file: 'aomen', name: '澳门' },
];

/** The outlines GET /api/maps/builtin/:name serves: the country and each province. */
export const BUILTIN_MAPS: readonly string[] = ['china', ...PROVINCE_OUTLINES.map((p) => p.file)];

/** 河南: the province shown when the deployment's division code names none we ship. */
export const FALLBACK_PROVINCE = PROVINCE_OUTLINES.find((p) => p.code === '41')!;

/** The province outline for a GB/T 2260 code (any length: its first two digits), or 河南. */
export function provinceOutlineOf(divisionCode: string | null | undefined) {
  const prefix = divisionCode?.slice(0, 2);
  return PROVINCE_OUTLINES.find((p) => p.code === prefix) ?? FALLBACK_PROVINCE;
}

// Longest first, so 羊山新区 loses 新区 (not just 区) and 上天梯非金属矿管理区 loses 管理区.
const REGION_SUFFIXES = ['街道办事处', '非金属矿管理区', '管理区', '开发区', '示范区', '新区', '街道', '自治县', '自治旗', '县', '区', '市', '镇', '乡', '旗'];

/**
 * A region name without its administrative suffix, for matching a map's feature names to org units
 * (潢川县 ~ 潢川, 羊山新区 ~ 羊山). A name left with fewer than two characters keeps its suffix: 新县
 * and 息县 stay whole, so they never collide with 新区 or another one-character stem.
 */
export function regionStem(name: string): string {
  const trimmed = name.normalize('NFC').replace(/\s+/g, '');
  for (const suffix of REGION_SUFFIXES) {
    if (trimmed.endsWith(suffix) && [...trimmed].length - [...suffix].length >= 2) return trimmed.slice(0, -suffix.length);
  }
  return trimmed;
}

export interface MatchFeature {
  name: string;
  adcode: string | null;
}
export interface MatchUnit {
  id: number;
  name: string;
  shortName: string | null;
  divisionCode: string | null;
}

/**
 * Match each feature to at most one unit and each unit to at most one feature: first by division
 * code (adcode), then by exact name (or short name), then by name stem. A stem that fits more than
 * one remaining unit is left unmatched for the admin to decide.
 */
export function matchFeatures(features: readonly MatchFeature[], units: readonly MatchUnit[]): Record<string, number | null> {
  const result: Record<string, number | null> = {};
  const taken = new Set<number>();
  for (const f of features) result[f.name] = null;
  const pass = (pick: (f: MatchFeature, free: MatchUnit[]) => MatchUnit[]) => {
    for (const f of features) {
      if (result[f.name] !== null) continue;
      const free = units.filter((u) => !taken.has(u.id));
      const hits = pick(f, free);
      if (hits.length === 1) {
        result[f.name] = hits[0]!.id;
        taken.add(hits[0]!.id);
      }
    }
  };
  pass((f, free) => (f.adcode ? free.filter((u) => u.divisionCode === f.adcode) : []));
  pass((f, free) => free.filter((u) => u.name === f.name || u.shortName === f.name));
  pass((f, free) => {
    const stem = regionStem(f.name);
    return free.filter((u) => regionStem(u.name) === stem || (u.shortName !== null && regionStem(u.shortName) === stem));
  });
  return result;
}
