import Decimal from 'decimal.js';
import type { ScoreRecordInput, UnitInputData } from '../../../shared/assessment/inputs';
import type { ItemNote } from '../../../shared/assessment/items';
import type { AssessmentItem, AssessmentScheme, CompositePartItem } from '../../../shared/assessment/scheme';

// Pure helpers of the leaderboard (no React): score text, periods, the scheme item behind a result
// line and the snapshot record behind a record reference.

export type SchemeItem = AssessmentItem | CompositePartItem;

/** Notes that change what a score means (a 0 that is a data gap, not a result): flagged in the table, warned in the breakdown. */
export const WARNING_NOTES: readonly ItemNote[] = ['no_target', 'manual_missing', 'records_incomplete'];

/** A score as officials write it: two decimals ("80.00", "-0.30"); '—' for nothing. */
export function formatScore(value: string | null | undefined): string {
  if (value == null || value === '') return '—';
  const d = new Decimal(value).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  return (d.isZero() ? new Decimal(0) : d).toFixed(2);
}

export function isNegative(value: string | null | undefined): boolean {
  return value != null && value !== '' && new Decimal(value).isNegative() && !new Decimal(value).isZero();
}

/** "2026-01-01"–"2026-12-31" is the year 2026; a calendar quarter is that quarter; else null (show the dates). */
export function periodShape(from: string, to: string): { kind: 'year'; year: number } | { kind: 'quarter'; year: number; quarter: number } | null {
  const year = Number(from.slice(0, 4));
  if (to.slice(0, 4) !== from.slice(0, 4)) return null;
  if (from.slice(5) === '01-01' && to.slice(5) === '12-31') return { kind: 'year', year };
  const quarters: [string, string][] = [['01-01', '03-31'], ['04-01', '06-30'], ['07-01', '09-30'], ['10-01', '12-31']];
  const q = quarters.findIndex(([f, t]) => from.slice(5) === f && to.slice(5) === t);
  return q < 0 ? null : { kind: 'quarter', year, quarter: q + 1 };
}

/**
 * The engine's TIE_BREAK_RULE is one bilingual string (Chinese, then English after "。 "); the page
 * shows the reader's half, and the whole string if it ever changes shape.
 */
export function tieBreakText(rule: string, lang: 'zh' | 'en'): string {
  const cut = rule.lastIndexOf('。 ');
  if (cut < 0) return rule;
  return lang === 'zh' ? rule.slice(0, cut + 1) : rule.slice(cut + 2).trim();
}

/** The scheme item (or composite part) a result line was scored by. */
export function findSchemeItem(scheme: AssessmentScheme | undefined, itemId: string, parentId?: string): SchemeItem | undefined {
  const items = scheme?.items ?? [];
  if (parentId === undefined) return items.find((i) => i.id === itemId);
  const parent = items.find((i) => i.id === parentId);
  return parent?.type === 'composite' ? parent.parts.find((p) => p.item.id === itemId)?.item : undefined;
}

export function metricOf(item: SchemeItem | undefined): string | undefined {
  return item !== undefined && 'metric' in item ? item.metric : undefined;
}

/** The most an item gives (or, for deductions, takes: a negative number); null when unlimited. */
export function itemLimit(item: SchemeItem | undefined): string | null {
  if (item === undefined) return null;
  switch (item.type) {
    case 'ratio':
      return String(item.cap ?? item.points);
    case 'count':
    case 'tiers':
    case 'composite':
      return item.cap === null ? null : String(item.cap);
    case 'base_plus_bonus':
      return item.bonusCap === null ? null : new Decimal(item.basePoints).plus(item.bonusCap).toString();
    case 'manual':
      return String(item.maxPoints);
    case 'penalty':
    case 'required_counts':
      return item.maxPenalty === null ? null : new Decimal(item.maxPenalty).neg().toString();
  }
}

/** The cap the 'capped' note refers to, for the sentence "已达封顶分值（50分）". */
export function capOf(item: SchemeItem | undefined): string | null {
  if (item === undefined) return null;
  switch (item.type) {
    case 'ratio':
    case 'count':
    case 'tiers':
    case 'composite':
      return item.cap === null ? null : String(item.cap);
    case 'base_plus_bonus':
      return item.bonusCap === null ? null : String(item.bonusCap);
    case 'penalty':
    case 'required_counts':
      return item.maxPenalty === null ? null : String(item.maxPenalty);
    case 'manual':
      return null;
  }
}

export type SnapshotRecord = ScoreRecordInput;

const keyOf = (kind: string, id: number) => `${kind}:${id}`;

/**
 * The records of a unit's inputs snapshot by kind and id: those of the item's metric first (their
 * value is the record's contribution to that metric), then any other metric's (for the name).
 */
export function recordLookup(
  unit: UnitInputData | undefined,
  metric: string | undefined,
): (kind: string, id: number) => { record: SnapshotRecord; isOfMetric: boolean } | undefined {
  const own = new Map<string, SnapshotRecord>();
  const other = new Map<string, SnapshotRecord>();
  for (const [name, actual] of Object.entries(unit?.metrics ?? {})) {
    for (const r of actual.records ?? []) {
      const target = name === metric ? own : other;
      if (!target.has(keyOf(r.kind, r.id))) target.set(keyOf(r.kind, r.id), r);
    }
  }
  return (kind, id) => {
    const mine = own.get(keyOf(kind, id));
    if (mine !== undefined) return { record: mine, isOfMetric: true };
    const theirs = other.get(keyOf(kind, id));
    return theirs === undefined ? undefined : { record: theirs, isOfMetric: false };
  };
}
