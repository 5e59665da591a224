import type { SchemePeriod } from '../../../shared/assessment/scheme';
import { daysInMonth, fiscalYearOf } from '../../../shared/kpi/period';

/** A period the bureau may compute rewards for: the statistical year or one of its quarters. */
export interface RewardPeriodChoice {
  key: 'year' | 'q1' | 'q2' | 'q3' | 'q4';
  from: string;
  to: string;
  /** What POST /api/rewards/runs is sent. */
  period: SchemePeriod;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The statistical year (统计年度) that starts in `year` and its four quarters. The year starts in the
 * 口径 month `startMonth`; a calendar year is sent as `year`/`quarter`, any other as a date range.
 */
export function rewardPeriodChoices(year: number, startMonth = 1): RewardPeriodChoice[] {
  const fy = fiscalYearOf(`${year}-${pad(startMonth)}-01`, startMonth);
  const isCalendar = startMonth === 1;
  const out: RewardPeriodChoice[] = [{ key: 'year', from: fy.from, to: fy.to, period: isCalendar ? { kind: 'year', year } : { kind: 'range', from: fy.from, to: fy.to } }];
  for (let q = 1; q <= 4; q++) {
    const first = startMonth - 1 + (q - 1) * 3; // months since January of `year`, may pass 11
    const last = first + 2;
    const [y1, m1] = [year + Math.floor(first / 12), (first % 12) + 1];
    const [y2, m2] = [year + Math.floor(last / 12), (last % 12) + 1];
    const from = `${y1}-${pad(m1)}-01`;
    const to = `${y2}-${pad(m2)}-${pad(daysInMonth(y2, m2))}`;
    out.push({ key: `q${q}` as RewardPeriodChoice['key'], from, to, period: isCalendar ? { kind: 'quarter', year, quarter: q } : { kind: 'range', from, to } });
  }
  return out;
}
