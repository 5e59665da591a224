import Decimal from 'decimal.js';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { timeProgress } from '../../../shared/kpi/formulas.js';
import { fiscalYearOf } from '../../../shared/kpi/period.js';
import type { Settings } from '../../../shared/settings.js';
import type { Actor } from '../../actor.js';
import { queryRows, type Tx } from '../../db/client.js';
import { orgUnits, targets, users } from '../../db/schema/index.js';
import { recordAudit } from '../audit/audit.service.js';
import { todayInChina } from '../followups/china-date.js';
import { getSettings } from '../settings/settings.service.js';
import { statisticalYear } from '../targets/targets.progress.js';

/*
 * The demo year's targets (示例目标): for the statistical year of today, the city's targets
 * decomposed to its counties and zones. The demo ledger is planned relative to today, so each
 * unit's target is its expected year (this year's verified figures so far, scaled to the whole year;
 * early in the year, last year's) times a per-unit ambition between 0.85 and 1.35, with a floor:
 * progress then scatters around 时序进度, some units ahead and some behind, as in a real year. The
 * city's target is the sum of its children's (consistent on purpose). Signing, amount, 市外资金 and
 * 省外资金 targets are approved by the demo bureau user; starts and 亿元以上 are still drafts; 固始县's
 * signing target is decomposed to its towns by the county's staff, as a draft.
 */

interface Rule {
  metric: string;
  /** A unit's expected year (a decimal) → its target. */
  target: (expected: Decimal) => string;
  isApproved: boolean;
}

const countTarget = (floor: number) => (expected: Decimal) => Decimal.max(floor, expected.ceil()).toFixed(0);
/** 万元, rounded up to 1000万 (how targets are written: 3.2亿, not 3.1873亿). */
const amountTarget = (floor: number) => (expected: Decimal) => Decimal.max(floor, expected.div(1000).ceil().times(1000)).toFixed(0);

const RULES: Rule[] = [
  { metric: 'signed_count', target: countTarget(2), isApproved: true },
  { metric: 'signed_amount', target: amountTarget(10000), isApproved: true },
  { metric: 'funds_out_of_city', target: amountTarget(5000), isApproved: true },
  // 省外资金: what the demo's published 50/30/20 assessment scores first.
  { metric: 'funds_out_of_province_total', target: amountTarget(3000), isApproved: true },
  { metric: 'started_count', target: countTarget(1), isApproved: false },
  { metric: 'signed_tier:10000', target: countTarget(1), isApproved: false },
];

/** How far above its expected year each unit is asked to go, by its place in the tree and the metric. */
const AMBITION = [1.1, 0.9, 1.25, 0.95, 1.15, 1.35, 1.05, 0.85, 1.2, 1.0, 1.3, 0.92, 1.12];

/** Early in the year the figures so far say little: below this 时序进度 last year's whole year stands in. */
const MIN_PROGRESS_TO_EXTRAPOLATE = 0.25;

/** Verified figures of each unit's subtree over a period (what the KPI engine would count). */
async function unitFacts(tx: Tx, unitIds: number[], from: string, to: string, settings: Settings): Promise<Map<number, Record<string, string>>> {
  if (!unitIds.length) return new Map();
  const ids = sql`${`{${unitIds.join(',')}}`}::int[]`;
  const sources = sql`${`{${settings.outOfCitySources.join(',')}}`}::text[]`;
  const provinceSources = sql`${`{${settings.outOfProvinceSources.join(',')}}`}::text[]`;
  const rows = await queryRows<{ id: number; signed: unknown; amount: string; started: unknown; tier: unknown; funds: string; province: string }>(
    tx,
    sql`select c.id,
          (select count(*) from projects p join org_units u on u.id = p.unit_id where u.path like c.path || '%' and p.signed_date between ${from} and ${to}) as signed,
          (select coalesce(sum(p.contracted_investment), 0)::text from projects p join org_units u on u.id = p.unit_id where u.path like c.path || '%' and p.signed_date between ${from} and ${to}) as amount,
          (select count(*) from projects p join org_units u on u.id = p.unit_id where u.path like c.path || '%' and p.started_date between ${from} and ${to}) as started,
          (select count(*) from projects p join org_units u on u.id = p.unit_id where u.path like c.path || '%' and p.signed_date between ${from} and ${to} and p.contracted_investment >= 10000) as tier,
          (select coalesce(sum(f.amount_cny), 0)::text from fund_tranches f join org_units u on u.id = f.unit_id
             where u.path like c.path || '%' and f.status = 'verified' and f.date between ${from} and ${to} and f.source::text = any(${sources})) as funds,
          (select coalesce(sum(f.amount_cny), 0)::text from fund_tranches f join org_units u on u.id = f.unit_id
             where u.path like c.path || '%' and f.status = 'verified' and f.date between ${from} and ${to} and f.source::text = any(${provinceSources})) as province
        from org_units c where c.id = any(${ids})`,
  );
  return new Map(
    rows.map((r) => [
      Number(r.id),
      { signed_count: String(r.signed), signed_amount: r.amount, started_count: String(r.started), 'signed_tier:10000': String(r.tier), funds_out_of_city: r.funds, funds_out_of_province_total: r.province },
    ]),
  );
}

/** Split a whole number over weights, largest remainder first, so the parts add up exactly. */
export function splitCount(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (sum === 0 ? total / weights.length : (total * w) / sum));
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    parts[i]! += 1;
    left -= 1;
  }
  return parts;
}

export async function seedDemoTargets(tx: Tx, actor: Actor, opts: { rootId: number; today?: string }): Promise<{ year: number; targets: number }> {
  const settings = await getSettings(tx);
  const today = opts.today ?? todayInChina();
  const year = fiscalYearOf(today, settings.fiscalYearStartMonth).year;
  const last = statisticalYear(year - 1, settings.fiscalYearStartMonth);
  const hasTier = settings.sizeTiers.includes(10000);
  const rules = RULES.filter((r) => hasTier || !r.metric.startsWith('signed_tier:'));

  const [bureau] = await tx.select().from(users).where(eq(users.username, 'demo.bureau'));
  const [gushiStaff] = await tx.select().from(users).where(eq(users.username, 'demo.gushi'));
  if (!bureau || !gushiStaff) throw new Error('demo targets: the demo bureau and 固始县 users are missing');
  const [root] = await tx.select().from(orgUnits).where(eq(orgUnits.id, opts.rootId));
  const regions = await tx
    .select({ id: orgUnits.id, name: orgUnits.name })
    .from(orgUnits)
    .where(and(eq(orgUnits.parentId, opts.rootId), inArray(orgUnits.type, ['county', 'zone'])))
    .orderBy(asc(orgUnits.sortOrder), asc(orgUnits.id));
  const gushi = regions.find((r) => r.name === '固始县');
  const towns = gushi
    ? await tx
        .select({ id: orgUnits.id, name: orgUnits.name })
        .from(orgUnits)
        .where(and(eq(orgUnits.parentId, gushi.id), eq(orgUnits.type, 'town')))
        .orderBy(asc(orgUnits.sortOrder), asc(orgUnits.id))
    : [];
  const ids = [...regions, ...towns].map((u) => u.id);
  const thisYear = statisticalYear(year, settings.fiscalYearStartMonth);
  const progress = Number(timeProgress(today, settings.fiscalYearStartMonth, year));
  const lastFacts = await unitFacts(tx, ids, last.from, last.to, settings);
  const soFar = await unitFacts(tx, ids, thisYear.from, today, settings);
  const expectedYear = (unitId: number, metric: string): Decimal =>
    progress >= MIN_PROGRESS_TO_EXTRAPOLATE
      ? new Decimal(soFar.get(unitId)?.[metric] ?? '0').div(progress)
      : new Decimal(lastFacts.get(unitId)?.[metric] ?? '0');
  const approvedAt = new Date(`${thisYear.from}T09:00:00+08:00`);
  const rows: (typeof targets.$inferInsert)[] = [];
  const add = (unitId: number, metric: string, value: string, isApproved: boolean, by: number, note: string) =>
    rows.push({
      year,
      unitId,
      metric,
      value,
      status: isApproved ? 'approved' : 'draft',
      note,
      createdBy: by,
      updatedBy: by,
      approvedBy: isApproved ? bureau.id : null,
      approvedAt: isApproved ? approvedAt : null,
      isDemo: true,
    });
  for (const [m, rule] of rules.entries()) {
    const children = regions.map((u, i) => ({ id: u.id, value: rule.target(expectedYear(u.id, rule.metric).times(AMBITION[(i + m) % AMBITION.length]!)) }));
    const cityTotal = children.reduce((acc, c) => acc.plus(c.value), new Decimal(0)).toFixed(0);
    add(root!.id, rule.metric, cityTotal, rule.isApproved, bureau.id, `示例：${year}年全市目标，为各县区、开发区目标之和`);
    for (const c of children) add(c.id, rule.metric, c.value, rule.isApproved, bureau.id, '示例：按预计全年实绩分档下达');
    if (rule.metric === 'signed_count' && gushi && towns.length) {
      const county = Number(children.find((c) => c.id === gushi.id)!.value);
      // By the towns' signings of last year and this, each weighted at least 1 so none is left without a target.
      const parts = splitCount(county, towns.map((tw) => Number(lastFacts.get(tw.id)?.signed_count ?? '0') + Number(soFar.get(tw.id)?.signed_count ?? '0') + 1));
      // A town left with 0 gets no target rather than a target of 0, as the county would write it.
      towns.forEach((tw, i) => parts[i]! > 0 && add(tw.id, rule.metric, String(parts[i]), false, gushiStaff.id, '示例：固始县分解到乡镇（草稿）'));
    }
  }
  const inserted = await tx.insert(targets).values(rows).returning();
  for (const row of inserted) {
    await recordAudit(tx, actor, { action: 'seed_demo_target', entity: 'target', entityId: row.id, unitId: row.unitId, after: row });
  }
  return { year, targets: inserted.length };
}
