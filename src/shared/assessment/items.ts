import Decimal from 'decimal.js';
import { applyExclusions, type ExcludedRecord } from './exclusions.js';
import type { ScoreRecord, UnitInput } from './inputs.js';
import { isRateMetric } from './metrics.js';
import { weightTotal, type AssessmentItem, type CompositePartItem, type Exclusion } from './scheme.js';

/*
 * Scoring one item for one unit. Each function returns the item's exact (unrounded) points and
 * everything that explains them: the inputs, the records behind the points, the records the
 * exclusions removed, and notes. Rounding happens once, in score.ts. Formulas: README.md.
 */

/** 40 significant digits, half away from zero: far more than any 万元 amount or ratio needs. */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
const D = (v: Decimal.Value) => new Dec(v);
const ZERO = D(0);

export interface RecordRef {
  kind: ScoreRecord['kind'];
  id: number;
  /** A group's size (kind 'group' only). */
  count?: number;
}

/** One record's share of an item's points, with the reason in Chinese. */
export interface ScoreLine extends RecordRef {
  name: string | null;
  points: string;
  why: string;
}

export const ITEM_NOTES = ['no_target', 'capped', 'below_target', 'records_incomplete', 'manual_missing'] as const;
export type ItemNote = (typeof ITEM_NOTES)[number];

export const ITEM_NOTE_LABELS: Record<ItemNote, { zh: string; en: string }> = {
  no_target: { zh: '未下达目标任务，本项计0分', en: 'No target set: this item scores 0' },
  capped: { zh: '已达封顶分值', en: 'Capped' },
  below_target: { zh: '未完成目标任务', en: 'Below target' },
  records_incomplete: { zh: '明细记录与统计数不符，请核对数据', en: 'The records do not add up to the reported figure: check the data' },
  manual_missing: { zh: '尚未评分，暂计0分', en: 'Not yet scored: counts as 0' },
};

/** Labels of the keys of an item's `inputs` (band keys `bands.<k>.*` use the band's label). */
export const INPUT_LABELS: Record<string, { zh: string; en: string }> = {
  actual: { zh: '实际完成', en: 'Actual' },
  target: { zh: '目标任务', en: 'Target' },
  completion: { zh: '完成率', en: 'Completion' },
  steps: { zh: '超额档数', en: 'Full steps above target' },
  bonus: { zh: '超额加分', en: 'Bonus' },
  projects: { zh: '计入项目数', en: 'Projects counted' },
  earned: { zh: '封顶前得分', en: 'Points before cap' },
  missing: { zh: '缺少项目数', en: 'Projects missing' },
  occurrences: { zh: '发生次数', en: 'Occurrences' },
  weighted: { zh: '加权得分（封顶前）', en: 'Weighted points before cap' },
  maxPoints: { zh: '满分', en: 'Maximum' },
  by: { zh: '评分人', en: 'Scored by' },
};

export interface ItemEvaluation {
  raw: Decimal;
  inputs: Record<string, string | null>;
  records: RecordRef[];
  lines: ScoreLine[];
  excluded: ExcludedRecord[];
  notes: ItemNote[];
  reason: string | null;
  parts: { weight: Decimal; item: CompositePartItem; evaluation: ItemEvaluation }[] | null;
}

interface Actual {
  value: Decimal;
  included: ScoreRecord[];
  excluded: ExcludedRecord[];
  notes: ItemNote[];
}

const num = (n: number) => D(String(n));
const refOf = (r: { kind: ScoreRecord['kind']; id: number; count?: number }): RecordRef =>
  r.kind === 'group' ? { kind: r.kind, id: r.id, count: r.count ?? 1 } : { kind: r.kind, id: r.id };
/** How many records a record stands for (a group: its size). */
const sizeOf = (r: ScoreRecord): number => r.count;
/** A record's contracted investment in words: a group gives its range. */
function amountText(r: ScoreRecord): string {
  if (r.kind !== 'group') return `合同投资额${r.contractedAmount}万元`;
  const max = r.amountMax ?? r.contractedAmount;
  return max === r.contractedAmount ? `${r.count}个，合同投资额${r.contractedAmount}万元` : `${r.count}个，合同投资额${r.contractedAmount}–${max}万元`;
}
const byRef = (a: RecordRef, b: RecordRef) => (a.kind === b.kind ? a.id - b.id : a.kind < b.kind ? -1 : 1);
const sortRecords = <T extends RecordRef>(rs: readonly T[]): T[] => [...rs].sort(byRef);

function evaluation(raw: Decimal, parts: Partial<Omit<ItemEvaluation, 'raw'>> = {}): ItemEvaluation {
  return { raw, inputs: {}, records: [], lines: [], excluded: [], notes: [], reason: null, parts: null, ...parts };
}

/** The exclusions an item applies: the ones it inherits (scheme, composite) unless it opts out, plus its own. */
export function rulesFor(item: { exclusions: Exclusion[]; ignoreSchemeExclusions: boolean }, inherited: readonly Exclusion[]): Exclusion[] {
  return item.ignoreSchemeExclusions ? [...item.exclusions] : [...inherited, ...item.exclusions];
}

/**
 * A metric's value for the unit after exclusions: the reported value minus the excluded records'
 * values. Rates are taken as reported (the scheme refuses exclusions on them).
 */
function resolveActual(unit: UnitInput, metric: string, rules: readonly Exclusion[]): Actual {
  const reported = Object.hasOwn(unit.metrics, metric) ? unit.metrics[metric] : undefined;
  if (reported === undefined) throw new Error(`metric ${metric} missing for unit ${unit.unitId}`); // checkInputs refuses this first
  const records = sortRecords(reported.records);
  if (isRateMetric(metric)) return { value: D(reported.value), included: records, excluded: [], notes: [] };
  const { included, excluded } = applyExclusions(records, rules);
  const recordsTotal = records.reduce((acc, r) => acc.plus(r.value), ZERO);
  const excludedTotal = excluded.reduce((acc, r) => acc.plus(r.value), ZERO);
  const notes: ItemNote[] = recordsTotal.eq(reported.value) ? [] : ['records_incomplete'];
  return { value: D(reported.value).minus(excludedTotal), included, excluded, notes };
}

/** min(raw, cap) with the 'capped' note; cap null = no cap. */
function applyCap(raw: Decimal, cap: number | null, notes: ItemNote[]): Decimal {
  if (cap === null || raw.lte(cap)) return raw;
  notes.push('capped');
  return num(cap);
}

/** A deduction of at most maxPenalty (both positive numbers), answered negative. */
function applyPenaltyCap(deduction: Decimal, maxPenalty: number | null, notes: ItemNote[]): Decimal {
  return applyCap(deduction, maxPenalty, notes).neg();
}

const positiveTarget = (unit: UnitInput, metric: string): Decimal | null => {
  const t = Object.hasOwn(unit.targets, metric) ? unit.targets[metric] : undefined;
  return t === undefined || t === null || D(t).lte(0) ? null : D(t);
};

const fixed4 = (d: Decimal) => d.toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toFixed(4);

/** 完成率计分: max(0, actual ÷ target) × points, capped; 0 with 'no_target' without a positive target. */
function scoreRatio(item: Extract<AssessmentItem, { type: 'ratio' }>, unit: UnitInput, rules: readonly Exclusion[]): ItemEvaluation {
  const actual = resolveActual(unit, item.metric, rules);
  const target = positiveTarget(unit, item.metric);
  const notes = [...actual.notes];
  const inputs = { actual: actual.value.toString(), target: target?.toString() ?? null, completion: null as string | null };
  const trace = { inputs, records: actual.included.map(refOf), excluded: actual.excluded, notes };
  if (target === null) return evaluation(ZERO, { ...trace, notes: [...notes, 'no_target'] });
  const completion = Dec.max(actual.value, 0).div(target);
  inputs.completion = fixed4(completion);
  return evaluation(applyCap(completion.times(item.points), item.cap, notes), trace);
}

/** 按个数计分: max(0, actual) × pointsPerItem, capped. */
function scoreCount(item: Extract<AssessmentItem, { type: 'count' }>, unit: UnitInput, rules: readonly Exclusion[]): ItemEvaluation {
  const actual = resolveActual(unit, item.metric, rules);
  const notes = [...actual.notes];
  const raw = applyCap(Dec.max(actual.value, 0).times(item.pointsPerItem), item.cap, notes);
  return evaluation(raw, { inputs: { actual: actual.value.toString() }, records: actual.included.map(refOf), excluded: actual.excluded, notes });
}

/** 分档加分: each project earns its highest amount tier's points, plus each tag bonus once per investor (or project). */
function scoreTiers(item: Extract<AssessmentItem, { type: 'tiers' }>, unit: UnitInput, rules: readonly Exclusion[]): ItemEvaluation {
  const actual = resolveActual(unit, item.metric, rules);
  const lines: ScoreLine[] = [];
  const tiersHighFirst = [...item.amountTiers].reverse();
  for (const record of actual.included) {
    if (record.contractedAmount === null) continue;
    const amount = D(record.contractedAmount);
    const tier = tiersHighFirst.find((t) => amount.gte(t.atLeast));
    if (tier === undefined) continue;
    const tierName = tier.label ?? `${tier.atLeast}万元以上`;
    const each = record.count > 1 ? `，每个${tier.points}分` : '';
    lines.push(lineOf(record, num(tier.points).times(sizeOf(record)), `${amountText(record)}，属${tierName}${each}`));
  }
  for (const bonus of item.tagBonuses) {
    const paid = new Set<string>();
    for (const record of actual.included) {
      if (!record.investorTags.includes(bonus.tag)) continue;
      const perInvestor = item.tagBonusPer === 'investor' && record.investorId !== null;
      const key = perInvestor ? `investor:${record.investorId}` : `${record.kind}:${record.id}`;
      if (paid.has(key)) continue;
      paid.add(key);
      // Per project, a group pays once for each of its records; per investor, once (a group holds one investor's records).
      const times = perInvestor ? 1 : sizeOf(record);
      lines.push(lineOf(record, num(bonus.points).times(times), times > 1 ? `${times}个，投资方为${bonus.tag}，每个${bonus.points}分` : `投资方为${bonus.tag}`));
    }
  }
  const notes = [...actual.notes];
  const earned = lines.reduce((acc, l) => acc.plus(l.points), ZERO);
  const inputs = { projects: String(countOf(actual.included)), earned: earned.toString() };
  return evaluation(applyCap(earned, item.cap, notes), { inputs, records: uniqueRefs(lines.map(refOf)), lines, excluded: actual.excluded, notes });
}

/** 结构要求: −penaltyPerMissing × Σ max(0, required − projects in band), at most maxPenalty. Bands are [from, to). */
function scoreRequiredCounts(item: Extract<AssessmentItem, { type: 'required_counts' }>, unit: UnitInput, rules: readonly Exclusion[]): ItemEvaluation {
  const actual = resolveActual(unit, item.metric, rules);
  const inputs: Record<string, string | null> = {};
  const lines: ScoreLine[] = [];
  let missingTotal = 0;
  item.bands.forEach((band, k) => {
    const inBand = actual.included.filter((r) => isInBand(r.contractedAmount, band.from, band.to));
    const counted = countOf(inBand);
    const missing = Math.max(0, band.required - counted);
    missingTotal += missing;
    Object.assign(inputs, { [`bands.${k}.counted`]: String(counted), [`bands.${k}.required`]: String(band.required), [`bands.${k}.missing`]: String(missing) });
    inBand.forEach((r) => lines.push(lineOf(r, ZERO, r.kind === 'group' ? `${r.count}个计入「${band.label}」` : `计入「${band.label}」`)));
  });
  inputs.missing = String(missingTotal);
  const notes = [...actual.notes];
  const raw = applyPenaltyCap(num(missingTotal).times(item.penaltyPerMissing), item.maxPenalty, notes);
  return evaluation(raw, { inputs, records: uniqueRefs(lines.map(refOf)), lines, excluded: actual.excluded, notes });
}

/** How many records a list stands for (groups count their size). */
function countOf(records: readonly ScoreRecord[]): number {
  return records.reduce((n, r) => n + sizeOf(r), 0);
}

function isInBand(amount: string | null, from: string, to: string | null): boolean {
  if (amount === null) return false;
  const a = D(amount);
  return a.gte(from) && (to === null || a.lt(to));
}

/** 扣分项: −pointsPerOccurrence × occurrences, at most maxPenalty. */
function scorePenalty(item: Extract<AssessmentItem, { type: 'penalty' }>, unit: UnitInput, rules: readonly Exclusion[]): ItemEvaluation {
  const actual = resolveActual(unit, item.metric, rules);
  const notes = [...actual.notes];
  const occurrences = Dec.max(actual.value, 0);
  const raw = applyPenaltyCap(occurrences.times(item.pointsPerOccurrence), item.maxPenalty, notes);
  const lines = actual.included.map((r) =>
    lineOf(r, D(r.value).times(item.pointsPerOccurrence).neg(), r.kind === 'group' ? `扣分：${item.label}（${r.value}次）` : `扣分：${item.label}`),
  );
  return evaluation(raw, { inputs: { occurrences: occurrences.toString() }, records: actual.included.map(refOf), lines, excluded: actual.excluded, notes });
}

/**
 * 基础分+超额加分: target met → basePoints + bonusPerStep × ⌊(完成率 − 1) ÷ step⌋ (bonus capped);
 * below target → basePoints × 完成率 (proportional) or 0; no positive target → 0 with 'no_target'.
 */
function scoreBasePlusBonus(item: Extract<AssessmentItem, { type: 'base_plus_bonus' }>, unit: UnitInput, rules: readonly Exclusion[]): ItemEvaluation {
  const actual = resolveActual(unit, item.metric, rules);
  const target = positiveTarget(unit, item.metric);
  const notes = [...actual.notes];
  const inputs: Record<string, string | null> = { actual: actual.value.toString(), target: target?.toString() ?? null, completion: null };
  const trace = { inputs, records: actual.included.map(refOf), excluded: actual.excluded, notes };
  if (target === null) return evaluation(ZERO, { ...trace, notes: [...notes, 'no_target'] });
  const value = Dec.max(actual.value, 0);
  inputs.completion = fixed4(value.div(target));
  if (value.lt(target)) {
    notes.push('below_target');
    return evaluation(item.belowTarget === 'zero' ? ZERO : value.div(target).times(item.basePoints), trace);
  }
  // Full steps above target, exactly: (actual − target) × 100 ÷ (target × step%), truncated.
  const steps = value.minus(target).times(100).divToInt(target.times(num(item.stepPercent)));
  const bonus = applyCap(steps.times(item.bonusPerStep), item.bonusCap, notes);
  Object.assign(inputs, { steps: steps.toString(), bonus: bonus.toString() });
  return evaluation(num(item.basePoints).plus(bonus), trace);
}

/** 评议打分: the assessors' score as entered (bounds checked before scoring), with its reason. */
function scoreManual(item: Extract<AssessmentItem, { type: 'manual' }>, unit: UnitInput): ItemEvaluation {
  const entry = Object.hasOwn(unit.manual, item.id) ? unit.manual[item.id] : undefined;
  if (entry === undefined) return evaluation(ZERO, { notes: ['manual_missing'], inputs: { maxPoints: String(item.maxPoints) } });
  return evaluation(D(entry.score), { inputs: { maxPoints: String(item.maxPoints), by: entry.by ?? null }, reason: entry.reason });
}

/** 加权综合: Σ (weight ÷ Σweights) × part points (each part already capped), then the composite's cap. */
function scoreComposite(item: Extract<AssessmentItem, { type: 'composite' }>, unit: UnitInput, inherited: readonly Exclusion[]): ItemEvaluation {
  const rules = rulesFor(item, inherited);
  const total = weightTotal(item.parts.map((p) => p.weight));
  const parts = item.parts.map((p) => ({
    weight: num(p.weight).div(total),
    item: p.item,
    evaluation: evaluateItem(p.item, unit, rules),
  }));
  const weighted = parts.reduce((acc, p) => acc.plus(p.weight.times(p.evaluation.raw)), ZERO);
  const notes: ItemNote[] = [];
  const raw = applyCap(weighted, item.cap, notes);
  const records = uniqueRefs(parts.flatMap((p) => p.evaluation.records));
  const excluded = uniqueRefs(parts.flatMap((p) => p.evaluation.excluded));
  return evaluation(raw, { inputs: { weighted: weighted.toString() }, records, excluded, notes, parts });
}

/** One item's evaluation; `inherited` are the scheme's (or the enclosing composite's) exclusions. */
export function evaluateItem(item: AssessmentItem, unit: UnitInput, inherited: readonly Exclusion[]): ItemEvaluation {
  if (item.type === 'composite') return scoreComposite(item, unit, inherited);
  const rules = rulesFor(item, inherited);
  switch (item.type) {
    case 'ratio':
      return scoreRatio(item, unit, rules);
    case 'count':
      return scoreCount(item, unit, rules);
    case 'tiers':
      return scoreTiers(item, unit, rules);
    case 'required_counts':
      return scoreRequiredCounts(item, unit, rules);
    case 'penalty':
      return scorePenalty(item, unit, rules);
    case 'base_plus_bonus':
      return scoreBasePlusBonus(item, unit, rules);
    case 'manual':
      return scoreManual(item, unit);
  }
}

function lineOf(record: ScoreRecord, points: Decimal, why: string): ScoreLine {
  return { ...refOf(record), name: record.name ?? null, points: points.toString(), why };
}

function uniqueRefs<T extends RecordRef>(refs: readonly T[]): T[] {
  const seen = new Set<string>();
  return sortRecords(refs).filter((r) => {
    const key = `${r.kind}:${r.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
