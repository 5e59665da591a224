// The dashboard's period (统计期): presets counted to today, as leaders say them — 本月, 本季度,
// 本年 (year to date, from the first month of the statistical year) — or a custom range.
// Dates are local calendar dates as YYYY-MM-DD strings; no time zones, no Date arithmetic on UTC.

export const PERIOD_PRESETS = ['month', 'quarter', 'year', 'custom'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

export interface Period {
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function isoOf(year: number, month: number, day: number): string {
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** Today as YYYY-MM-DD in the browser's time zone (the user's calendar). */
export function localToday(now: Date = new Date()): string {
  return isoOf(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

function parts(iso: string): [number, number, number] {
  const [y = '0', m = '1', d = '1'] = iso.split('-');
  return [Number(y), Number(m), Number(d)];
}

/**
 * The preset period containing `today`, ending today. `fiscalYearStartMonth` (口径 setting, 1 =
 * calendar year) shifts 本年 and the quarters: with April, 本年 runs from 1 April.
 */
export function presetPeriod(preset: Exclude<PeriodPreset, 'custom'>, today: string, fiscalYearStartMonth = 1): Period {
  const [y, m] = parts(today);
  if (preset === 'month') return { from: isoOf(y, m, 1), to: today };
  // Months since the start of the statistical year, 0–11.
  const offset = (m - fiscalYearStartMonth + 12) % 12;
  const startYear = m >= fiscalYearStartMonth ? y : y - 1;
  if (preset === 'year') return { from: isoOf(startYear, fiscalYearStartMonth, 1), to: today };
  const quarterStart = fiscalYearStartMonth + Math.floor(offset / 3) * 3; // may pass 12
  const qMonth = ((quarterStart - 1) % 12) + 1;
  const qYear = startYear + (quarterStart > 12 ? 1 : 0);
  return { from: isoOf(qYear, qMonth, 1), to: today };
}

function daysInMonth(year: number, month: number): number {
  return new Date(year, month, 0).getDate();
}

/** The part of month `YYYY-MM` inside the period (a trend bar's drill-down range). */
export function monthWithin(month: string, period: Period): Period {
  const [y, m] = parts(`${month}-01`);
  const first = isoOf(y, m, 1);
  const last = isoOf(y, m, daysInMonth(y, m));
  return { from: first < period.from ? period.from : first, to: last > period.to ? period.to : last };
}

/** Which preset a range matches (so a shared link shows the right button), else custom. */
export function presetOf(period: Period, today: string, fiscalYearStartMonth = 1): PeriodPreset {
  for (const preset of ['year', 'quarter', 'month'] as const) {
    const p = presetPeriod(preset, today, fiscalYearStartMonth);
    if (p.from === period.from && p.to === period.to) return preset;
  }
  return 'custom';
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** A period from the address bar, or null when it is missing or not a real range. */
export function parsePeriod(from: string | null, to: string | null): Period | null {
  if (!from || !to || !ISO.test(from) || !ISO.test(to) || from > to) return null;
  const [fy, fm, fd] = parts(from);
  const [ty, tm, td] = parts(to);
  if (fm < 1 || fm > 12 || tm < 1 || tm > 12 || fd < 1 || td < 1 || fd > daysInMonth(fy, fm) || td > daysInMonth(ty, tm)) return null;
  return { from, to };
}
