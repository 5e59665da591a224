import Decimal from 'decimal.js';
import { daysBetween, fiscalYearOf, periodDays } from './period.js';

/*
 * The KPI formulas (domain.md §5), one definition each. Inputs and outputs are decimal strings
 * (exact; decimal.js, never a JS float). Ratios have 4 decimals rounded half-up ("0.3750" = 37.5%);
 * a ratio with a zero base is undefined and answered as null, never 0 or ∞.
 */

export const RATIO_PLACES = 4;

const D = (v: string | number) => new Decimal(v);

/** A ratio to 4 decimals, half-up; null when the base is 0. */
export function ratio(numerator: string, denominator: string): string | null {
  const den = D(denominator);
  if (den.isZero()) return null;
  return D(numerator).div(den).toDecimalPlaces(RATIO_PLACES, Decimal.ROUND_HALF_UP).toFixed(RATIO_PLACES);
}

/**
 * 同比 = (P − same period last year) ÷ same period last year; null when last year is 0 or unknown.
 * Divided by |last year| so that growth reads as growth even when corrections left last year negative.
 */
export function yoy(value: string, previous: string | null): string | null {
  if (previous === null) return null;
  const prev = D(previous);
  if (prev.isZero()) return null;
  return D(value).minus(prev).div(prev.abs()).toDecimalPlaces(RATIO_PLACES, Decimal.ROUND_HALF_UP).toFixed(RATIO_PLACES);
}

/** Exact sum of decimal strings. */
export function sum(values: readonly (string | null | undefined)[]): string {
  return values.reduce<Decimal>((acc, v) => (v ? acc.plus(D(v)) : acc), D(0)).toString();
}

/** Money in 万元 (or 万美元) as a 4-decimal string, the way every amount figure travels. */
export function money(value: string | number): string {
  return D(value).toFixed(4);
}

/** A count as an integer string. */
export function count(value: string | number): string {
  return D(value).toFixed(0);
}

/** The tier thresholds (万元, ascending) an amount reaches: 35000 with tiers [10000, 30000, 50000] → [10000, 30000]. */
export function tiersReached(amount: string | null, tiers: readonly number[]): number[] {
  if (amount === null) return [];
  const a = D(amount);
  return [...tiers].sort((x, y) => x - y).filter((t) => a.gte(t));
}

/** The highest tier an amount reaches, or null (亿元以上 bucketing for tables). */
export function tierOf(amount: string | null, tiers: readonly number[]): number | null {
  return tiersReached(amount, tiers).at(-1) ?? null;
}

/** 转化率 funnel: each step's share of the first step (the leads), 4 decimals; null when there are no leads. */
export function funnelShares(counts: readonly number[]): (string | null)[] {
  const first = counts[0] ?? 0;
  return counts.map((c) => ratio(String(c), String(first)));
}

/** 完成率 = actual ÷ target; null without a (positive) target. */
export function completionRate(actual: string, target: string | null): string | null {
  if (target === null || D(target).lte(0)) return null;
  return ratio(actual, target);
}

/**
 * 时序进度 = days elapsed in the target year ÷ days in the year, `date` itself counted as elapsed
 * (30 June 2025 → 181/365 = 0.4959; 31 Dec → 1.0000). Before the year: 0; after it: 1.
 */
export function timeProgress(date: string, fiscalYearStartMonth = 1, year?: number): string {
  const fy = year === undefined ? fiscalYearOf(date, fiscalYearStartMonth) : fiscalYearOf(`${year}-${String(fiscalYearStartMonth).padStart(2, '0')}-01`, fiscalYearStartMonth);
  if (date < fy.from) return (0).toFixed(RATIO_PLACES);
  if (date > fy.to) return (1).toFixed(RATIO_PLACES);
  return ratio(String(daysBetween(fy.from, date) + 1), String(periodDays(fy)))!;
}

/** 超/欠时序进度 = 完成率 − 时序进度 (positive: ahead of schedule, "时间过半、任务过半"); null without a target. */
export function scheduleGap(completion: string | null, progress: string): string | null {
  if (completion === null) return null;
  return D(completion).minus(D(progress)).toFixed(RATIO_PLACES);
}
