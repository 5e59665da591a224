import Decimal from 'decimal.js';
import { z } from 'zod';
import { dbId } from '../api/common.js';
import { isoDate } from '../api/projects.js';
import { FUND_SOURCES } from '../funds.js';
import { moneyWan } from '../money.js';
import { UNIT_TYPES } from '../org.js';
import { INVESTOR_TAGS } from '../project.js';
import { isKnownMetric, isProjectCountMetric, isRateMetric } from './metrics.js';

/*
 * An assessment scheme (考核办法) as data: a versioned rule set the bureau writes each year. The
 * item types are the ones published schemes use (domain.md §7); README.md gives each formula.
 * Points are JSON numbers (finite); money thresholds are 万元 decimal strings.
 */

const points = z.number().min(0);
/** A cap on points; null = uncapped. */
const cap = z.number().min(0).nullable().default(null);
const itemId = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, { message: 'lower-case letters, digits and _ (字母开头)' });
const label = z.string().trim().min(1).max(80);
const metric = z.string().refine(isKnownMetric, { message: 'unknown metric (未知指标)' });
const industryPrefix = z.string().regex(/^([A-T]|[A-T]?\d{2,4})$/, { message: 'a GB/T 4754-2017 code or prefix, e.g. K70' });

export const exclusionSchema = z.discriminatedUnion('kind', [
  /** 行业: industries not counted, e.g. 房地产 K70. */
  z.strictObject({ kind: z.literal('industry'), prefixes: z.array(industryPrefix).min(1).max(50), label: label.optional() }),
  /** 资金来源: e.g. purely local money (本地资金). */
  z.strictObject({ kind: z.literal('funds_source'), sources: z.array(z.enum(FUND_SOURCES)).min(1) }),
  /** 投资额门槛: projects whose contracted investment is below minAmount 万元. */
  z.strictObject({ kind: z.literal('below_amount'), minAmount: moneyWan }),
  /** 老项目续建、二期及以后期次. */
  z.strictObject({ kind: z.literal('later_phase') }),
  /** 政府投资项目. */
  z.strictObject({ kind: z.literal('government_funded') }),
]);
export type Exclusion = z.infer<typeof exclusionSchema>;

const itemBase = {
  id: itemId,
  /** What officials see in the breakdown, e.g. 省外资金到位. */
  label,
  description: z.string().max(1000).optional(),
  /** Records this item does not count, on top of the scheme's exclusions. */
  exclusions: z.array(exclusionSchema).max(20).default([]),
  /** Skip the scheme-level exclusions for this item (e.g. a rate figure, which cannot be filtered). */
  ignoreSchemeExclusions: z.boolean().default(false),
};

/** 完成率 × points: actual ÷ target × points, at most cap. */
export const ratioItem = z.strictObject({ ...itemBase, type: z.literal('ratio'), metric, points, cap });

/** count × points per item, at most cap (e.g. +0.5 per arranged leader visit, at most 3). */
export const countItem = z.strictObject({ ...itemBase, type: z.literal('count'), metric, pointsPerItem: points, cap });

/** Points per project by size tier (highest tier reached) plus per investor tag (e.g. 世界500强). */
export const tiersItem = z.strictObject({
  ...itemBase,
  type: z.literal('tiers'),
  metric: metric.default('signed_count'),
  amountTiers: z.array(z.strictObject({ atLeast: moneyWan, points, label: label.optional() })).max(12).default([]),
  tagBonuses: z.array(z.strictObject({ tag: z.enum(INVESTOR_TAGS), points })).max(6).default([]),
  /** Whether a tag bonus is paid once per investor (default) or once per project. */
  tagBonusPer: z.enum(['investor', 'project']).default('investor'),
  cap,
});

/** Required number of projects per amount band; each missing one deducts penaltyPerMissing. */
export const requiredCountsItem = z.strictObject({
  ...itemBase,
  type: z.literal('required_counts'),
  metric: metric.default('signed_count'),
  bands: z
    .array(z.strictObject({ label, from: moneyWan, to: moneyWan.nullable(), required: z.number().int().min(0).max(10000) }))
    .min(1)
    .max(12),
  penaltyPerMissing: points,
  /** The most this item deducts (a positive number); null = no limit. */
  maxPenalty: cap,
});

/** Deduct pointsPerOccurrence for each occurrence (record) of the metric, at most maxPenalty. */
export const penaltyItem = z.strictObject({
  ...itemBase,
  type: z.literal('penalty'),
  metric,
  pointsPerOccurrence: points,
  maxPenalty: cap,
});

/** basePoints when the target is met, plus bonusPerStep per full stepPercent above it (bonus at most bonusCap). */
export const basePlusBonusItem = z.strictObject({
  ...itemBase,
  type: z.literal('base_plus_bonus'),
  metric,
  basePoints: points,
  bonusPerStep: points,
  stepPercent: z.number().gt(0).max(1000).default(10),
  bonusCap: cap,
  /** Below target: basePoints × 完成率 (proportional) or nothing (zero). */
  belowTarget: z.enum(['proportional', 'zero']).default('proportional'),
});

/** A score entered by the assessors (e.g. 产业契合度), with a mandatory written reason. */
export const manualItem = z.strictObject({
  ...itemBase,
  type: z.literal('manual'),
  maxPoints: points,
  /** Lowest allowed score; negative for a manual deduction. */
  minPoints: z.number().default(0),
});

/** The item types a composite may weight. */
export const compositePartItem = z.discriminatedUnion('type', [ratioItem, countItem, tiersItem, basePlusBonusItem]);

/** Σ weight × part score (weights sum to 1, or to 100 as percentages), at most cap. */
export const compositeItem = z.strictObject({
  ...itemBase,
  type: z.literal('composite'),
  parts: z.array(z.strictObject({ weight: z.number().gt(0), item: compositePartItem })).min(2).max(10),
  cap,
});

export const assessmentItem = z.discriminatedUnion('type', [
  ratioItem,
  countItem,
  tiersItem,
  requiredCountsItem,
  penaltyItem,
  basePlusBonusItem,
  manualItem,
  compositeItem,
]);
export type AssessmentItem = z.infer<typeof assessmentItem>;
export type CompositePartItem = z.infer<typeof compositePartItem>;
export type ItemType = AssessmentItem['type'];

export const ITEM_TYPE_LABELS: Record<ItemType, { zh: string; en: string }> = {
  ratio: { zh: '完成率计分', en: 'Ratio to target' },
  count: { zh: '按个数计分', en: 'Points per item' },
  tiers: { zh: '分档加分', en: 'Tiers' },
  required_counts: { zh: '结构要求扣分', en: 'Required counts' },
  penalty: { zh: '扣分项', en: 'Penalty per occurrence' },
  base_plus_bonus: { zh: '基础分+超额加分', en: 'Base plus bonus' },
  manual: { zh: '评议打分', en: 'Manual score' },
  composite: { zh: '加权综合', en: 'Weighted composite' },
};

/** Which units a scheme scores: by type (e.g. all counties and zones) or an explicit list. */
export const unitSelection = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('unit_types'), types: z.array(z.enum(UNIT_TYPES)).min(1) }),
  z.strictObject({ kind: z.literal('unit_ids'), ids: z.array(dbId).min(1).max(1000) }),
]);
export type UnitSelection = z.infer<typeof unitSelection>;

const year = z.number().int().min(2000).max(2100);
export const schemePeriod = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('year'), year }),
  z.strictObject({ kind: z.literal('quarter'), year, quarter: z.number().int().min(1).max(4) }),
  z.strictObject({ kind: z.literal('range'), from: isoDate, to: isoDate }),
]);
export type SchemePeriod = z.infer<typeof schemePeriod>;

export const assessmentScheme = z
  .strictObject({
    name: z.string().trim().min(1).max(100),
    version: z.number().int().min(1),
    description: z.string().max(4000).optional(),
    units: unitSelection,
    period: schemePeriod,
    /** Decimal places of each item's score (half away from zero); the total is the sum of the rounded items. */
    scorePlaces: z.number().int().min(0).max(4).default(2),
    /** Records no item counts (e.g. 房地产, 本地资金), unless an item opts out. */
    exclusions: z.array(exclusionSchema).max(20).default([]),
    items: z.array(assessmentItem).min(1).max(50),
  })
  .superRefine((scheme, ctx) => {
    for (const issue of checkScheme(scheme)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  });
export type AssessmentScheme = z.infer<typeof assessmentScheme>;
export type AssessmentSchemeInput = z.input<typeof assessmentScheme>;

export interface SchemeIssue {
  path: (string | number)[];
  message: string;
}

/** Cross-field rules zod's field types cannot say; each issue names the field. */
function checkScheme(scheme: AssessmentScheme): SchemeIssue[] {
  const issues: SchemeIssue[] = [];
  if (scheme.period.kind === 'range' && scheme.period.from > scheme.period.to) {
    issues.push({ path: ['period', 'to'], message: 'the period ends before it starts (结束日期早于开始日期)' });
  }
  if (scheme.units.kind === 'unit_ids' && new Set(scheme.units.ids).size !== scheme.units.ids.length) {
    issues.push({ path: ['units', 'ids'], message: 'a unit is listed twice (单位重复)' });
  }
  const seen = new Set<string>();
  const claimId = (id: string, path: (string | number)[]) => {
    if (seen.has(id)) issues.push({ path, message: `duplicate item id "${id}" (考核项编号重复)` });
    seen.add(id);
  };
  scheme.items.forEach((item, i) => {
    claimId(item.id, ['items', i, 'id']);
    const inherited = item.ignoreSchemeExclusions ? [] : scheme.exclusions;
    issues.push(...checkItem(item, ['items', i], inherited));
    if (item.type !== 'composite') return;
    issues.push(...checkWeights(item.parts.map((p) => p.weight), ['items', i, 'parts']));
    item.parts.forEach((part, j) => {
      const partPath = ['items', i, 'parts', j, 'item'];
      claimId(part.item.id, [...partPath, 'id']);
      const partInherited = part.item.ignoreSchemeExclusions ? [] : [...inherited, ...item.exclusions];
      issues.push(...checkItem(part.item, partPath, partInherited));
    });
  });
  return issues;
}

function checkItem(item: AssessmentItem, path: (string | number)[], inherited: readonly Exclusion[]): SchemeIssue[] {
  const issues: SchemeIssue[] = [];
  if ('metric' in item && isRateMetric(item.metric) && inherited.length + item.exclusions.length > 0) {
    issues.push({
      path: [...path, 'metric'],
      message: 'a rate figure cannot be filtered by exclusions; set ignoreSchemeExclusions (比率指标不能再按排除条件筛选)',
    });
  }
  if ((item.type === 'tiers' || item.type === 'required_counts') && !isProjectCountMetric(item.metric)) {
    issues.push({ path: [...path, 'metric'], message: 'this item reads projects: use a project count metric, e.g. signed_count' });
  }
  if (item.type === 'tiers') {
    if (item.amountTiers.length === 0 && item.tagBonuses.length === 0) {
      issues.push({ path: [...path, 'amountTiers'], message: 'give at least one amount tier or tag bonus' });
    }
    item.amountTiers.forEach((t, k) => {
      const prev = item.amountTiers[k - 1];
      if (prev && new Decimal(t.atLeast).lte(prev.atLeast)) {
        issues.push({ path: [...path, 'amountTiers', k, 'atLeast'], message: 'tiers must be in ascending order of amount (档次须由低到高)' });
      }
    });
  }
  if (item.type === 'required_counts') {
    item.bands.forEach((b, k) => {
      if (b.to !== null && new Decimal(b.to).lte(b.from)) {
        issues.push({ path: [...path, 'bands', k, 'to'], message: 'the band ends at or below its start (区间上限须大于下限)' });
      }
    });
  }
  if (item.type === 'manual' && item.minPoints > item.maxPoints) {
    issues.push({ path: [...path, 'minPoints'], message: 'minPoints is above maxPoints' });
  }
  return issues;
}

/** Composite weights must add up to 1 (fractions) or 100 (percentages), exactly. */
function checkWeights(weights: readonly number[], path: (string | number)[]): SchemeIssue[] {
  const total = weightTotal(weights);
  if (total.eq(1) || total.eq(100)) return [];
  return [{ path, message: `weights add up to ${total.toString()}, not 1 or 100% (权重之和须为1或100%)` }];
}

export function weightTotal(weights: readonly number[]): Decimal {
  return weights.reduce((acc, w) => acc.plus(new Decimal(String(w))), new Decimal(0));
}

/** The calendar dates a scheme period covers, both ends included. */
export function periodRange(period: SchemePeriod): { from: string; to: string } {
  switch (period.kind) {
    case 'year':
      return { from: `${period.year}-01-01`, to: `${period.year}-12-31` };
    case 'quarter': {
      const ends = ['03-31', '06-30', '09-30', '12-31'];
      const startMonth = String((period.quarter - 1) * 3 + 1).padStart(2, '0');
      return { from: `${period.year}-${startMonth}-01`, to: `${period.year}-${ends[period.quarter - 1]!}` };
    }
    case 'range':
      return { from: period.from, to: period.to };
  }
}

/** Whether a unit is one the scheme scores. */
export function isUnitSelected(selection: UnitSelection, unit: { id: number; type: string }): boolean {
  return selection.kind === 'unit_ids' ? selection.ids.includes(unit.id) : (selection.types as readonly string[]).includes(unit.type);
}

/** Every metric the scheme reads, sorted: what the server must compute for each unit. */
export function metricsOfScheme(scheme: AssessmentScheme): string[] {
  const names = new Set<string>();
  for (const item of scheme.items) {
    if (item.type === 'composite') item.parts.forEach((p) => names.add(p.item.metric));
    else if (item.type !== 'manual') names.add(item.metric);
  }
  return [...names].sort();
}

/** Parse a scheme, answering either the scheme or the issues with their field paths. */
export function parseScheme(data: unknown): { ok: true; scheme: AssessmentScheme } | { ok: false; issues: SchemeIssue[] } {
  const result = assessmentScheme.safeParse(data);
  if (result.success) return { ok: true, scheme: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: i.message })),
  };
}
