import { describe, expect, it } from 'vitest';
import { cleanMoneyText, formatUsdWan, isValidWan } from './money-text';

describe('MoneyInput text rules', () => {
  it.each([
    ['12.5.5abc', '12.55'],
    ['１,２３4.56789', '1234.5678'],
    ['.5', '0.5'],
    ['1..2', '1.2'],
    ['-300', '300'],
    ['', ''],
  ])('cleans %j to %j', (typed, kept) => expect(cleanMoneyText(typed)).toBe(kept));

  it.each([
    ['0', true],
    ['99999999.9999', true],
    ['100000000', true],
    ['100000000.00', true],
    ['100000000.01', false],
    ['12.34567', false],
    ['1e5', false],
  ])('%s is a valid 万元 amount: %s', (value, ok) => expect(isValidWan(value)).toBe(ok));

  it('shows 万美元 grouped, without converting', () => {
    expect(formatUsdWan('12345.5', 'zh')).toBe('12,345.5万美元');
    expect(formatUsdWan(null, 'en')).toBe('—');
  });
});
