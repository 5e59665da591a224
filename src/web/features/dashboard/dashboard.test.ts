import { describe, expect, it } from 'vitest';
import { compareDecimal, formatFigure, formatPercent, formatYoy, isSameNumber, kindOf, sumOf, tierThreshold, trendOf } from './figures';
import { monthWithin, parsePeriod, presetOf, presetPeriod } from './period';

describe('dashboard periods', () => {
  it.each([
    ['month', '2026-05-14', 1, '2026-05-01'],
    ['quarter', '2026-05-14', 1, '2026-04-01'],
    ['quarter', '2026-03-31', 1, '2026-01-01'],
    ['year', '2026-05-14', 1, '2026-01-01'],
    // A statistical year starting in April: 本年 from 1 April, quarters Apr–Jun, Jul–Sep, Oct–Dec, Jan–Mar.
    ['year', '2026-05-14', 4, '2026-04-01'],
    ['year', '2026-02-10', 4, '2025-04-01'],
    ['quarter', '2026-02-10', 4, '2026-01-01'],
    ['quarter', '2025-12-31', 4, '2025-10-01'],
    ['quarter', '2026-01-15', 11, '2025-11-01'],
    ['quarter', '2026-02-15', 11, '2026-02-01'],
  ] as const)('%s of %s (year from month %d) starts %s', (preset, today, start, from) => {
    expect(presetPeriod(preset, today, start)).toEqual({ from, to: today });
  });

  it('recognises a preset range and falls back to custom', () => {
    expect(presetOf({ from: '2026-01-01', to: '2026-05-14' }, '2026-05-14')).toBe('year');
    expect(presetOf({ from: '2026-05-01', to: '2026-05-14' }, '2026-05-14')).toBe('month');
    expect(presetOf({ from: '2025-01-01', to: '2025-12-31' }, '2026-05-14')).toBe('custom');
  });

  it('parses only real ranges from the address bar', () => {
    expect(parsePeriod('2025-01-01', '2025-12-31')).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(parsePeriod('2025-02-29', '2025-03-01')).toBeNull();
    expect(parsePeriod('2025-03-01', '2025-02-01')).toBeNull();
    expect(parsePeriod('2025-3-1', '2025-04-01')).toBeNull();
    expect(parsePeriod(null, '2025-04-01')).toBeNull();
  });

  it('clips a trend month to the period', () => {
    expect(monthWithin('2026-05', { from: '2026-01-01', to: '2026-05-14' })).toEqual({ from: '2026-05-01', to: '2026-05-14' });
    expect(monthWithin('2024-02', { from: '2024-01-15', to: '2024-12-31' })).toEqual({ from: '2024-02-01', to: '2024-02-29' });
  });
});

describe('dashboard figures', () => {
  it('knows each figure kind from its name', () => {
    expect(kindOf('signed_count')).toBe('count');
    expect(kindOf('signed_amount')).toBe('money');
    expect(kindOf('funds_out_of_city')).toBe('money');
    expect(kindOf('funds_foreign_usd')).toBe('usd');
    expect(kindOf('start_rate')).toBe('rate');
    expect(kindOf('signed_tier:10000')).toBe('count');
    expect(tierThreshold('signed_tier:10000')).toBe(10000);
    expect(tierThreshold('signed_count')).toBeNull();
  });

  it('formats exactly, without float rounding', () => {
    expect(formatFigure('signed_count', '1234', 'zh')).toBe('1,234');
    expect(formatFigure('signed_amount', '123456.7891', 'zh')).toBe('12.35亿元');
    expect(formatFigure('funds_total', '9999.995', 'zh')).toBe('10,000万元');
    expect(formatFigure('start_rate', '0.3750', 'zh')).toBe('37.5%');
    expect(formatPercent('0.00049')).toBe('0.0%');
    expect(formatPercent('1.0005')).toBe('100.1%');
  });

  it('reads 同比: undefined when last year was 0, arrow by sign', () => {
    expect(trendOf(null)).toBe('none');
    expect(formatYoy(null)).toBe('—');
    expect(trendOf('0.1234')).toBe('up');
    expect(formatYoy('0.1234')).toBe('12.3%');
    expect(trendOf('-0.5000')).toBe('down');
    expect(formatYoy('-0.5000')).toBe('50.0%');
    expect(trendOf('0.0004')).toBe('flat');
  });

  it('sums and compares decimal strings exactly', () => {
    expect(sumOf(['0.1', '0.2'])).toBe('0.3');
    expect(sumOf([])).toBe('0');
    expect(isSameNumber('12.50', '12.5')).toBe(true);
    expect(isSameNumber('12.5', null)).toBe(false);
    expect(compareDecimal('9', '10')).toBe(-1);
    expect(compareDecimal(null, '0')).toBe(-1);
  });
});
