import { isoOf, type Period } from '../dashboard/period';

/**
 * A bulletin's default period: the statistical year up to the last whole month (1—10月 in
 * November), as bulletins are written after a month closes; in the year's first month, the whole
 * previous year.
 */
export function defaultBulletinPeriod(today: string, fiscalYearStartMonth = 1): Period {
  const [y = 0, m = 1] = today.split('-').map(Number);
  const startYear = m >= fiscalYearStartMonth ? y : y - 1;
  const from = isoOf(startYear, fiscalYearStartMonth, 1);
  if (m === fiscalYearStartMonth) {
    const endYear = fiscalYearStartMonth === 1 ? y - 1 : y;
    const endMonth = fiscalYearStartMonth === 1 ? 12 : fiscalYearStartMonth - 1;
    return { from: isoOf(y - 1, fiscalYearStartMonth, 1), to: isoOf(endYear, endMonth, new Date(endYear, endMonth, 0).getDate()) };
  }
  const lastMonthYear = m === 1 ? y - 1 : y;
  const lastMonth = m === 1 ? 12 : m - 1;
  return { from, to: isoOf(lastMonthYear, lastMonth, new Date(lastMonthYear, lastMonth, 0).getDate()) };
}
