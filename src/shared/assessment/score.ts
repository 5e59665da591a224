import Decimal from 'decimal.js';
import type { ExcludedRecord } from './exclusions.js';
import { unitInput, type UnitInput, type UnitInputData } from './inputs.js';
import { Dec, evaluateItem, type ItemEvaluation, type ItemNote, type RecordRef, type ScoreLine } from './items.js';
import { metricsOfScheme, periodRange, type AssessmentItem, type AssessmentScheme, type ItemType, type SchemeIssue } from './scheme.js';

/*
 * Running a scheme over units (pure): per unit a total, a rank, and each item's score with the
 * inputs and records behind it. Same input → identical output: records are sorted, nothing reads
 * a clock, and ties are broken by the rule below.
 */

export const TIE_BREAK_RULE =
  '总分高者在前；总分相同的，依次比较各考核项得分（按考核办法中的顺序），先出现较高者在前；' +
  '全部得分均相同的并列同一名次（下一名次顺延），并列单位按组织架构顺序、单位名称排列。' +
  ' Higher total first; equal totals → compare item scores in scheme order, the first higher one wins; ' +
  'units equal on every item share a rank (the next rank is skipped) and are listed by org-tree order, then name.';

export interface ItemScore {
  itemId: string;
  label: string;
  type: ItemType;
  /** Rounded to the scheme's scorePlaces; deductions are negative. */
  score: string;
  /** The numbers the score was computed from (actual, target, completion, …). */
  inputs: Record<string, string | null>;
  /** The records behind the score, sorted by kind and id. */
  records: RecordRef[];
  /** Record-level items: each record's points and why. */
  lines: ScoreLine[];
  /** Records the exclusions removed, with the rule. */
  excluded: ExcludedRecord[];
  notes: ItemNote[];
  /** Manual items: the written reason. */
  reason: string | null;
  /** Composite items: each part's score and its weight as a fraction. */
  parts: (ItemScore & { weight: string })[] | null;
}

export interface UnitScore {
  unitId: number;
  name: string;
  sortOrder: number;
  /** The sum of the rounded item scores, so the breakdown adds up to it exactly. */
  total: string;
  rank: number;
  /** Whether another unit has exactly the same scores on every item (and so the same rank). */
  isTied: boolean;
  items: ItemScore[];
}

export interface AssessmentResult {
  scheme: { name: string; version: number };
  period: { from: string; to: string };
  tieBreak: string;
  /** In rank order. */
  units: UnitScore[];
}

export class AssessmentInputError extends Error {
  constructor(readonly issues: SchemeIssue[]) {
    super(`assessment input refused: ${issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    this.name = 'AssessmentInputError';
  }
}

/** Score every unit under the scheme and rank them. Throws AssessmentInputError on inputs the scheme cannot score. */
export function scoreScheme(scheme: AssessmentScheme, units: readonly UnitInputData[]): AssessmentResult {
  const parsed = units.map((u) => unitInput.parse(u));
  const issues = checkInputs(scheme, parsed);
  if (issues.length > 0) throw new AssessmentInputError(issues);
  return {
    scheme: { name: scheme.name, version: scheme.version },
    period: periodRange(scheme.period),
    tieBreak: TIE_BREAK_RULE,
    units: rankUnits(parsed.map((u) => scoreUnit(scheme, u))),
  };
}

/** What the scorer refuses, each with its path: a metric the scheme reads is missing, a manual score out of bounds, a unit twice. */
export function checkInputs(scheme: AssessmentScheme, units: readonly UnitInput[]): SchemeIssue[] {
  const issues: SchemeIssue[] = [];
  const metrics = metricsOfScheme(scheme);
  const manualItems = new Map(scheme.items.filter((i) => i.type === 'manual').map((i) => [i.id, i]));
  const seen = new Set<number>();
  units.forEach((unit, u) => {
    if (seen.has(unit.unitId)) issues.push({ path: ['units', u, 'unitId'], message: 'unit listed twice' });
    seen.add(unit.unitId);
    for (const m of metrics) {
      if (!Object.hasOwn(unit.metrics, m)) issues.push({ path: ['units', u, 'metrics', m], message: `metric ${m} is missing (缺少指标数据)` });
    }
    for (const [id, entry] of Object.entries(unit.manual)) {
      const item = manualItems.get(id);
      if (item === undefined) {
        issues.push({ path: ['units', u, 'manual', id], message: 'no manual item with this id in the scheme' });
      } else if (new Dec(entry.score).gt(String(item.maxPoints)) || new Dec(entry.score).lt(String(item.minPoints))) {
        issues.push({ path: ['units', u, 'manual', id, 'score'], message: `the score must be between ${item.minPoints} and ${item.maxPoints} (超出分值范围)` });
      }
    }
  });
  return issues;
}

/** One unit's item scores and total (rank filled in by rankUnits). */
export function scoreUnit(scheme: AssessmentScheme, unit: UnitInput): UnitScore {
  const items = scheme.items.map((item) => toItemScore(item, evaluateItem(item, unit, scheme.exclusions), scheme.scorePlaces));
  const total = items.reduce((acc, i) => acc.plus(i.score), new Dec(0));
  return { unitId: unit.unitId, name: unit.name, sortOrder: unit.sortOrder, total: formatScore(total, scheme.scorePlaces), rank: 0, isTied: false, items };
}

function toItemScore(item: AssessmentItem, e: ItemEvaluation, places: number): ItemScore {
  return {
    itemId: item.id,
    label: item.label,
    type: item.type,
    score: formatScore(e.raw, places),
    inputs: e.inputs,
    records: e.records,
    lines: e.lines,
    excluded: e.excluded,
    notes: e.notes,
    reason: e.reason,
    parts: e.parts?.map((p) => ({ ...toItemScore(p.item, p.evaluation, places), weight: p.weight.toString() })) ?? null,
  };
}

/** Half away from zero to `places` decimals; never "-0.00". */
export function formatScore(value: Decimal, places: number): string {
  const rounded = value.toDecimalPlaces(places, Decimal.ROUND_HALF_UP);
  return (rounded.isZero() ? new Dec(0) : rounded).toFixed(places);
}

/** Order by score: total, then item scores in scheme order (descending); 0 = tied on every item. */
export function compareByScore(a: UnitScore, b: UnitScore): number {
  const byTotal = new Dec(b.total).cmp(a.total);
  if (byTotal !== 0) return byTotal;
  for (let k = 0; k < a.items.length; k++) {
    const c = new Dec(b.items[k]?.score ?? 0).cmp(a.items[k]?.score ?? 0);
    if (c !== 0) return c;
  }
  return 0;
}

/** Display order among fully tied units: org-tree order, then name (by code point, locale-independent), then id. */
function compareForDisplay(a: UnitScore, b: UnitScore): number {
  return compareByScore(a, b) || a.sortOrder - b.sortOrder || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) || a.unitId - b.unitId;
}

/** Competition ranking (1, 2, 2, 4): a unit's rank is 1 + the number of units strictly ahead of it. */
export function rankUnits(units: readonly UnitScore[]): UnitScore[] {
  const sorted = [...units].sort(compareForDisplay);
  const ranked: UnitScore[] = [];
  sorted.forEach((unit, i) => {
    const prev = ranked[i - 1];
    const tiedWithPrev = prev !== undefined && compareByScore(prev, unit) === 0;
    const tiedWithNext = sorted[i + 1] !== undefined && compareByScore(unit, sorted[i + 1]!) === 0;
    if (tiedWithPrev) prev.isTied = true;
    ranked.push({ ...unit, rank: tiedWithPrev ? prev.rank : i + 1, isTied: tiedWithPrev || tiedWithNext });
  });
  return ranked;
}
