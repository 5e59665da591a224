import type { ReferrerKind } from '../../../shared/api/referrals.js';
import type { INVESTOR_TAGS, OwnershipType } from '../../../shared/project.js';
import { CONTACT_TITLES, GIVEN_NAMES, INVENTED_FIRMS, REAL_FIRMS, SURNAMES, THEME_INDUSTRIES, THEME_LABELS } from './ledger.data.js';
import type { PlannedProject } from './ledger.plan.js';
import { addDays, at, minDate, type Random } from './ledger.random.js';

/*
 * The demo ledger's parties: investors (客商) — real enterprises from reference/ tagged 世界500强/央企,
 * and invented firms marked 示例数据 — and first-referrer registrations (报备), with exactly one open
 * credit conflict between 固始县 and 潢川县 over the same investor.
 */

/** Real enterprises as shipped in reference/: the 2025 Fortune Global 500 (rank, country) and SASAC's list. */
export interface ReferenceFirms {
  fortune: Map<string, { rank: number; country: string }>;
  soes: Set<string>;
}

export interface PlannedInvestor {
  name: string;
  country: string;
  province: string | null;
  city: string | null;
  ownershipType: OwnershipType;
  industryCode: string;
  scale: string;
  tags: InvestorTag[];
  description: string;
  contacts: { name: string; title: string }[];
  /** The unit that entered it: the first unit with a project for it, else the city bureau. */
  unit: string;
}

export interface PlannedReferral {
  investorName: string;
  /** Name of the investor in the directory this registration is linked to. */
  investor: string;
  projectIndex: number | null;
  projectIntent: string;
  intendedAmount: string | null;
  industryCode: string | null;
  /** null: the registering user is the referrer (their display name). */
  referrerName: string | null;
  referrerKind: ReferrerKind;
  /** The unit of the registrant (the service takes it from the registering user). */
  unit: string;
  registeredBy: string;
  registeredAt: string;
  note: string | null;
  /** What the referrals service should make of it: the planned pair collides, nothing else does. */
  status: 'active' | 'conflict';
}

type InvestorTag = (typeof INVESTOR_TAGS)[number];

export const CITY_BUREAU = '信阳市投资促进局';
const CONFLICT_FIRM = '上海羽臻服饰有限公司';

function personName(r: Random): string {
  return `${r.pick(SURNAMES)}${r.pick(GIVEN_NAMES)}`;
}

export function planInvestors(r: Random, projects: PlannedProject[], reference: ReferenceFirms): PlannedInvestor[] {
  const unitOf = (name: string) => projects.find((p) => p.investor === name)?.unit ?? CITY_BUREAU;
  const real = REAL_FIRMS.map((f): PlannedInvestor => {
    const fortune = reference.fortune.get(f.name);
    const isSoe = reference.soes.has(f.name);
    if (!fortune && !isSoe) throw new Error(`demo ledger: ${f.name} is in neither reference list`);
    const tags: InvestorTag[] = [];
    if (fortune) tags.push('世界500强');
    if (isSoe) tags.push('央企');
    if (f.ownershipType === 'listed') tags.push('上市公司');
    const facts = [fortune ? `2025年《财富》世界500强第${fortune.rank}位` : null, isSoe ? '国务院国资委履行出资人职责的中央企业' : null].filter(Boolean).join('；');
    return {
      name: f.name,
      country: fortune?.country ?? '中国',
      province: null,
      city: null,
      ownershipType: f.ownershipType,
      industryCode: f.industryCode,
      scale: '大型',
      tags,
      description: `真实企业（${facts}；来源见 reference/SOURCES.md）。示例数据：本系统中与其相关的项目、跟踪记录和往来均为虚构，仅供演示。`,
      contacts: [],
      unit: unitOf(f.name),
    };
  });
  const invented = INVENTED_FIRMS.map((f): PlannedInvestor => {
    const contacts = [{ name: personName(r), title: r.pick(CONTACT_TITLES) }];
    if (r.chance(0.4)) contacts.push({ name: personName(r), title: r.pick(CONTACT_TITLES) });
    return {
      name: f.name,
      country: '中国',
      province: f.province,
      city: f.city,
      ownershipType: 'private',
      industryCode: r.pick(THEME_INDUSTRIES[f.theme]),
      scale: r.pick(['大型', '中型', '中型', '小型']),
      tags: r.chance(0.1) ? ['专精特新'] : [],
      description: `示例数据：虚构企业（${THEME_LABELS[f.theme]}），仅供演示；如与真实企业重名，纯属巧合。`,
      contacts: contacts.filter((c, i) => contacts.findIndex((x) => x.name === c.name) === i),
      unit: unitOf(f.name),
    };
  });
  return [...real, ...invented];
}

const REFERRER_KINDS: [ReferrerKind, number][] = [['staff', 4], ['hometown', 3], ['agent', 2], ['business', 2]];

export function planReferrals(r: Random, projects: PlannedProject[], today: string) {
  const yesterday = addDays(today, -1);
  const referrals: PlannedReferral[] = [];
  const used = new Set<string>([CONFLICT_FIRM]);
  const leadOf = (p: PlannedProject) => new Date(p.createdAt).toISOString().slice(0, 10);
  const register = (p: PlannedProject, index: number, registeredBy: string, kind: ReferrerKind, referrerName: string | null, date: string, status: PlannedReferral['status']) => {
    const registeredAt = new Date(at(date, 10 * 60 + r.int(0, 90))).toISOString();
    referrals.push({
      investorName: p.investor,
      investor: p.investor,
      projectIndex: index,
      projectIntent: p.name,
      intendedAmount: p.plannedInvestment,
      industryCode: p.industryCode,
      referrerName,
      referrerKind: kind,
      unit: p.unit,
      registeredBy,
      registeredAt,
      note: '示例数据',
      status,
    });
  };

  // The conflict: a 固始 乡贤 registered the firm first; 潢川县 registered it again three to six weeks later.
  const index = projects.findIndex((p) => p.investor === CONFLICT_FIRM && p.unit === '固始县');
  const contested = projects[index]!;
  const first = addDays(leadOf(contested), -2);
  register(contested, index, 'demo.referrer', 'hometown', null, first, 'conflict');
  const earlier = referrals.length - 1;
  const laterAt = new Date(at(minDate(addDays(first, r.int(20, 40)), yesterday), 15 * 60 + r.int(0, 60))).toISOString();
  referrals.push({
    investorName: '上海羽臻服饰（集团）有限公司',
    investor: CONFLICT_FIRM,
    projectIndex: null,
    projectIntent: '羽绒服装生产基地项目',
    intendedAmount: '20000',
    industryCode: '1942',
    referrerName: `${personName(r)}（以商招商）`,
    referrerKind: 'business',
    unit: '潢川县',
    registeredBy: 'demo.huangchuan',
    registeredAt: laterAt,
    note: '示例数据',
    status: 'conflict',
  });
  const later = referrals.length - 1;

  // Ordinary registrations: one per investor, so no other conflict arises.
  projects.forEach((p, i) => {
    if (used.has(p.investor) || !INVENTED_FIRMS.some((f) => f.name === p.investor) || !r.chance(0.16)) return;
    used.add(p.investor);
    const date = addDays(leadOf(p), -r.int(1, 15));
    if (p.unit === '固始县' && r.chance(0.3)) return register(p, i, 'demo.referrer', 'hometown', null, date, 'active');
    const kind = r.weighted(REFERRER_KINDS);
    const name = kind === 'staff' ? null : kind === 'hometown' ? `${personName(r)}（乡贤）` : kind === 'agent' ? `${personName(r)}（招商中介）` : `${personName(r)}（企业家）`;
    register(p, i, p.owner, kind, name, date, 'active');
  });
  return { referrals, conflict: { earlier, later } };
}
