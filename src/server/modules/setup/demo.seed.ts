import type { Role } from '../../../shared/roles.js';
import type { UnitType } from '../../../shared/org.js';
import type { Actor } from '../../actor.js';
import type { Tx } from '../../db/client.js';
import { orgUnits } from '../../db/schema/index.js';
import { listDivisions, normaliseDivisionCode, toStoredDivisionCode } from '../divisions/divisions.service.js';
import { insertUnit } from '../org/org.service.js';
import { insertUser } from '../users/users.service.js';

/*
 * The demo organisation (示例): 信阳市, the city of seed speech 000, with its real districts and
 * counties, three zones, its bureau, city departments, two offices elsewhere and the towns of 固始县.
 * Division codes are looked up in the shipped GB/T 2260 list, never typed here, so a wrong name fails.
 * Everything is flagged is_demo and shown with a 示例 tag.
 */

interface DemoUnit {
  key: string;
  name: string;
  type: UnitType;
  parent: string | null;
  /** Name to look up in the division list under the parent's code (counties and towns). */
  division?: string;
}

const CITY_CODE = '4115'; // 信阳市

const UNITS: DemoUnit[] = [
  { key: 'city', name: '信阳市', type: 'city', parent: null, division: '信阳市' },
  { key: 'bureau', name: '信阳市投资促进局', type: 'bureau', parent: 'city' },
  ...['浉河区', '平桥区', '罗山县', '光山县', '新县', '商城县', '固始县', '潢川县', '淮滨县', '息县'].map(
    (name): DemoUnit => ({ key: name, name, type: 'county', parent: 'city', division: name }),
  ),
  { key: 'sttz', name: '上天梯非金属矿管理区', type: 'zone', parent: 'city' },
  { key: 'ysxq', name: '羊山新区', type: 'zone', parent: 'city' },
  { key: 'gxq', name: '信阳高新技术产业开发区', type: 'zone', parent: 'city', division: '信阳高新技术产业开发区' },
  { key: 'zrzy', name: '信阳市自然资源和规划局', type: 'department', parent: 'city' },
  { key: 'sthj', name: '信阳市生态环境局', type: 'department', parent: 'city' },
  { key: 'fgw', name: '信阳市发展和改革委员会', type: 'department', parent: 'city' },
  { key: 'zjj', name: '信阳市住房和城乡建设局', type: 'department', parent: 'city' },
  { key: 'swj', name: '信阳市商务局', type: 'department', parent: 'city' },
  { key: 'gdgs', name: '国网信阳供电公司', type: 'department', parent: 'city' },
  { key: 'office-sh', name: '信阳市驻上海招商联络处', type: 'office', parent: 'city' },
  { key: 'office-sz', name: '信阳市驻深圳招商联络处', type: 'office', parent: 'city' },
  { key: 'gs-bureau', name: '固始县投资促进局', type: 'bureau', parent: '固始县' },
  ...['蓼城街道', '番城街道', '秀水街道', '陈淋子镇', '黎集镇', '往流镇', '郭陆滩镇', '胡族铺镇'].map(
    (name): DemoUnit => ({ key: name, name, type: 'town', parent: '固始县', division: name }),
  ),
];

const USERS: { username: string; displayName: string; role: Role; unit: string }[] = [
  { username: 'demo.leader', displayName: '示例·市政府分管领导', role: 'leader', unit: 'city' },
  { username: 'demo.bureau', displayName: '示例·市投资促进局专员', role: 'bureau', unit: 'bureau' },
  { username: 'demo.viewer', displayName: '示例·市督查室（只读）', role: 'viewer', unit: 'city' },
  { username: 'demo.gushi', displayName: '示例·固始县招商员', role: 'unit_staff', unit: '固始县' },
  { username: 'demo.gushi.bureau', displayName: '示例·固始县投资促进局专员', role: 'bureau', unit: 'gs-bureau' },
  { username: 'demo.liaocheng', displayName: '示例·蓼城街道招商员', role: 'unit_staff', unit: '蓼城街道' },
  { username: 'demo.pingqiao', displayName: '示例·平桥区招商员', role: 'unit_staff', unit: '平桥区' },
  { username: 'demo.gxq', displayName: '示例·高新区招商员', role: 'unit_staff', unit: 'gxq' },
  { username: 'demo.ziran', displayName: '示例·市自然资源和规划局', role: 'department', unit: 'zrzy' },
  { username: 'demo.huanjing', displayName: '示例·市生态环境局', role: 'department', unit: 'sthj' },
  { username: 'demo.referrer', displayName: '示例·在沪固始乡贤', role: 'referrer', unit: '固始县' },
];

function divisionCodeFor(unit: DemoUnit, parentCode: string | null): string | null {
  if (!unit.division) return null;
  if (unit.type === 'city') return toStoredDivisionCode(CITY_CODE);
  // Counties and zones are looked up under the city, towns under their county.
  const parent = normaliseDivisionCode(parentCode ?? CITY_CODE);
  const found = listDivisions({ parent, limit: 1000 }).find((d) => d.name === unit.division);
  if (!found) throw new Error(`demo seed: no division named ${unit.division} under ${parent}`);
  return toStoredDivisionCode(found.code);
}

export async function seedDemoOrganisation(tx: Tx, actor: Actor, passwordHash: string) {
  const byKey = new Map<string, typeof orgUnits.$inferSelect>();
  for (const [i, unit] of UNITS.entries()) {
    const parent = unit.parent ? byKey.get(unit.parent)! : null;
    const row = await insertUnit(tx, actor, parent, {
      name: unit.name,
      type: unit.type,
      divisionCode: divisionCodeFor(unit, parent?.divisionCode ?? null),
      sortOrder: i,
      isDemo: true,
    });
    byKey.set(unit.key, row);
  }
  for (const u of USERS) {
    await insertUser(tx, actor, {
      username: u.username,
      displayName: u.displayName,
      role: u.role,
      unitId: byKey.get(u.unit)!.id,
      passwordHash,
      isDemo: true,
    });
  }
  return { rootId: byKey.get('city')!.id, usernames: USERS.map((u) => `${u.username}（${u.displayName}）`) };
}
