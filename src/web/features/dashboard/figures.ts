import Decimal from 'decimal.js';
import { formatWan } from '../../../shared/money';
import { RATE_FIGURES, TIER_FIGURE_PREFIX } from '../../../shared/kpi/figure-names';
import { formatUsdWan } from '../../components/money-text';

// How the dashboard reads and writes the figures of /api/stats: every value is a decimal string
// (counts "12", 万元 "1234.5", rates "0.3750"); these helpers format them without float arithmetic.

export type FigureKind = 'count' | 'money' | 'usd' | 'rate';

export function kindOf(figure: string): FigureKind {
  if ((RATE_FIGURES as readonly string[]).includes(figure)) return 'rate';
  if (figure.endsWith('_usd')) return 'usd';
  if (figure.startsWith('funds_') || figure.endsWith('_amount')) return 'money';
  return 'count';
}

/** `signed_tier:10000` → 10000 (万元), else null. */
export function tierThreshold(figure: string): number | null {
  return figure.startsWith(TIER_FIGURE_PREFIX) ? Number(figure.slice(TIER_FIGURE_PREFIX.length)) : null;
}

export function formatCount(value: string | null | undefined): string {
  if (value == null || value === '') return '—';
  const [i = '0', f] = value.split('.');
  const grouped = i.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return f && !/^0+$/.test(f) ? `${grouped}.${f}` : grouped;
}

/** A fraction as a percentage with one decimal: "0.3750" → "37.5%". The sign is kept. */
export function formatPercent(value: string | null | undefined, decimals = 1): string {
  if (value == null || value === '') return '—';
  return `${new Decimal(value).times(100).toFixed(decimals, Decimal.ROUND_HALF_UP)}%`;
}

export function formatFigure(figure: string, value: string | null | undefined, lang: 'zh' | 'en'): string {
  switch (kindOf(figure)) {
    case 'money':
      return formatWan(value, lang);
    case 'usd':
      return formatUsdWan(value, lang);
    case 'rate':
      return formatPercent(value);
    default:
      return formatCount(value);
  }
}

export type Trend = 'up' | 'down' | 'flat' | 'none';

/** 同比 direction: none when undefined (last year 0), flat when it rounds to 0.0%. */
export function trendOf(yoy: string | null | undefined): Trend {
  if (yoy == null || yoy === '') return 'none';
  const d = new Decimal(yoy).times(100).toDecimalPlaces(1, Decimal.ROUND_HALF_UP);
  if (d.isZero()) return 'flat';
  return d.isPositive() ? 'up' : 'down';
}

/** 同比 without its sign (the arrow says it): "-0.125" → "12.5%". */
export function formatYoy(yoy: string | null | undefined): string {
  if (yoy == null || yoy === '') return '—';
  return formatPercent(new Decimal(yoy).abs().toString());
}

/** Exact sum of decimal strings (a page of records). */
export function sumOf(values: readonly string[]): string {
  return values.reduce((acc, v) => acc.plus(v), new Decimal(0)).toString();
}

/** Whether two decimal strings are the same number ("12.50" = "12.5"). */
export function isSameNumber(a: string | null | undefined, b: string | null | undefined): boolean {
  if (a == null || b == null || a === '' || b === '') return false;
  return new Decimal(a).equals(b);
}

/** Compare two decimal strings for table sorting (missing values sort first). */
export function compareDecimal(a: string | null | undefined, b: string | null | undefined): number {
  if (a == null || a === '') return b == null || b === '' ? 0 : -1;
  if (b == null || b === '') return 1;
  return new Decimal(a).comparedTo(b);
}

/** For charts only (ECharts draws numbers): the exact string is what tooltips and tables show. */
export function toChartNumber(value: string | null | undefined): number {
  return value == null || value === '' ? 0 : Number(value);
}
