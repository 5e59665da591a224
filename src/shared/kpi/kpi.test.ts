import { describe, expect, it } from 'vitest';
import { amountInCny } from '../funds.js';
import { completionRate, count, funnelShares, money, ratio, scheduleGap, sum, tierOf, tiersReached, timeProgress, yoy } from './formulas.js';
import { fiscalYearOf, minusMonths, monthEnd, monthStart, monthsOf, periodDays, previousYearPeriod, shiftMonthKey, shiftYears, yearToDate } from './period.js';

describe('同比 yoy', () => {
  it.each([
    // [this year, last year, 同比]
    ['150', '100', '0.5000'], // +50%
    ['80', '100', '-0.2000'], // negative growth −20%
    ['0', '100', '-1.0000'], // everything gone
    ['100', '100', '0.0000'],
    ['5', '0', null], // zero base: undefined, not 0, not ∞
    ['0', '0', null],
    ['5', null, null], // not comparable
    ['1', '3', '-0.6667'], // (1−3)/3 = −0.66666… → half-up −0.6667
    ['2', '3', '-0.3333'],
    ['12345.6789', '10000.0000', '0.2346'], // 0.23456789 → 0.2346
    ['-50', '-100', '0.5000'], // corrections left both years negative: less negative is growth
  ])('%s vs %s → %s', (value, previous, expected) => {
    expect(yoy(value, previous)).toBe(expected);
  });
});

describe('ratios and rates', () => {
  it('rounds half-up to 4 places and refuses a zero base', () => {
    expect(ratio('3', '8')).toBe('0.3750'); // 开工率 3 of 8 signed
    expect(ratio('1', '3')).toBe('0.3333');
    expect(ratio('2', '3')).toBe('0.6667');
    expect(ratio('0.00005', '1')).toBe('0.0001'); // half-up, not banker's
    expect(ratio('1', '0')).toBeNull();
    expect(ratio('0', '5')).toBe('0.0000');
  });
  it('资金到位率 = verified funds to date ÷ contracted investment', () => {
    // 2 projects signed: 12000 + 8000 万元 contracted; 3500 + 1500.5 in place
    expect(ratio(sum(['3500', '1500.5']), sum(['12000', '8000']))).toBe('0.2500'); // 5000.5/20000 = 0.250025 → 0.2500
  });
  it('sums decimals exactly', () => {
    expect(sum(['0.1', '0.2'])).toBe('0.3');
    expect(sum(['1000.0001', '-0.0001', null])).toBe('1000');
    expect(money('1000')).toBe('1000.0000');
    expect(count('12')).toBe('12');
  });
});

describe('USD tranche conversion', () => {
  it('万美元 × rate → 万元, half-up to the yuan', () => {
    expect(amountInCny('100', 'USD', '7.1')).toBe('710.0000');
    expect(amountInCny('12.3456', 'USD', '7.123456')).toBe('87.9433'); // 87.9433383…
    expect(amountInCny('-10', 'USD', '7.2')).toBe('-72.0000'); // a correction
    expect(amountInCny('500', 'CNY', null)).toBe('500.0000');
  });
});

describe('size tiers', () => {
  const tiers = [10000, 30000, 50000, 100000];
  it('buckets contracted investment (万元)', () => {
    expect(tiersReached('35000', tiers)).toEqual([10000, 30000]);
    expect(tiersReached('9999.9999', tiers)).toEqual([]);
    expect(tiersReached('10000', tiers)).toEqual([10000]); // 亿元以上 includes exactly 1亿
    expect(tiersReached(null, tiers)).toEqual([]);
    expect(tierOf('120000', tiers)).toBe(100000);
    expect(tierOf('500', tiers)).toBeNull();
  });
});

describe('funnel', () => {
  it('shares of the leads', () => {
    expect(funnelShares([40, 20, 10, 5, 2])).toEqual(['1.0000', '0.5000', '0.2500', '0.1250', '0.0500']);
    expect(funnelShares([0, 0, 0])).toEqual([null, null, null]);
  });
});

describe('完成率, 时序进度, 超欠时序进度', () => {
  it('completion against a target', () => {
    expect(completionRate('60000', '100000')).toBe('0.6000');
    expect(completionRate('60000', '0')).toBeNull();
    expect(completionRate('60000', null)).toBeNull();
  });
  it('time progress counts the day itself', () => {
    expect(timeProgress('2025-06-30')).toBe('0.4959'); // 181/365
    expect(timeProgress('2024-06-30')).toBe('0.4973'); // 182/366, leap year
    expect(timeProgress('2025-12-31')).toBe('1.0000');
    expect(timeProgress('2025-01-01')).toBe('0.0027'); // 1/365
    expect(timeProgress('2024-12-31', 1, 2025)).toBe('0.0000');
    expect(timeProgress('2026-01-01', 1, 2025)).toBe('1.0000');
  });
  it('ahead or behind schedule', () => {
    // "时间过半、任务过半": 60% done at 30 June is 10.41 points ahead
    expect(scheduleGap('0.6000', timeProgress('2025-06-30'))).toBe('0.1041');
    expect(scheduleGap('0.3000', '0.4959')).toBe('-0.1959');
    expect(scheduleGap(null, '0.5000')).toBeNull();
  });
});

describe('periods', () => {
  it('same period last year, leap day included', () => {
    expect(previousYearPeriod({ from: '2025-01-01', to: '2025-12-31' })).toEqual({ from: '2024-01-01', to: '2024-12-31' });
    // February 2025 compares with all of February 2024 (29 days)
    expect(previousYearPeriod({ from: '2025-02-01', to: '2025-02-28' })).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    // 29 Feb 2024 has no twin: 28 Feb 2023
    expect(previousYearPeriod({ from: '2024-02-29', to: '2024-02-29' })).toEqual({ from: '2023-02-28', to: '2023-02-28' });
    expect(previousYearPeriod({ from: '2024-02-01', to: '2024-02-29' })).toEqual({ from: '2023-02-01', to: '2023-02-28' });
    // year to date, mid-month
    expect(previousYearPeriod({ from: '2026-01-01', to: '2026-03-15' })).toEqual({ from: '2025-01-01', to: '2025-03-15' });
    expect(shiftYears('2024-02-29', 4)).toBe('2028-02-29');
  });
  it('months of a period', () => {
    expect(monthsOf({ from: '2025-11-15', to: '2026-02-01' })).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsOf({ from: '2025-03-01', to: '2025-03-31' })).toEqual(['2025-03']);
    expect(shiftMonthKey('2025-02', -1)).toBe('2024-02');
    expect(periodDays({ from: '2024-01-01', to: '2024-12-31' })).toBe(366);
  });
  it('fiscal years', () => {
    expect(fiscalYearOf('2025-05-20')).toEqual({ year: 2025, from: '2025-01-01', to: '2025-12-31' });
    expect(fiscalYearOf('2025-05-20', 4)).toEqual({ year: 2025, from: '2025-04-01', to: '2026-03-31' });
    expect(fiscalYearOf('2025-02-20', 4)).toEqual({ year: 2024, from: '2024-04-01', to: '2025-03-31' });
    expect(fiscalYearOf('2023-12-01', 3)).toEqual({ year: 2023, from: '2023-03-01', to: '2024-02-29' });
    expect(yearToDate('2025-05-20', 4)).toEqual({ from: '2025-04-01', to: '2025-05-20' });
  });
});

describe('month arithmetic', () => {
  it('month start and end, 29 February included', () => {
    expect(monthStart('2026-12-06')).toBe('2026-12-01');
    expect(monthEnd('2024-02-10')).toBe('2024-02-29');
    expect(monthEnd('2025-02-10')).toBe('2025-02-28');
  });
  it('months back as PostgreSQL subtracts an interval: the day clamped to the shorter month', () => {
    expect(minusMonths('2026-12-06', 6)).toBe('2026-06-06');
    expect(minusMonths('2026-08-31', 6)).toBe('2026-02-28');
    expect(minusMonths('2024-08-31', 6)).toBe('2024-02-29');
    expect(minusMonths('2026-03-15', 15)).toBe('2024-12-15');
  });
});
