import { describe, expect, it } from 'vitest';
import { formatWan, moneyWan } from './money.js';

describe('money', () => {
  it.each([
    ['1234.5', '1234.5'],
    [1234.5, '1234.5'],
    ['1,000', '1000'],
    [' 20000 ', '20000'],
  ])('accepts %j as %s', (input, out) => {
    expect(moneyWan.parse(input)).toBe(out);
  });
  it.each([['-1'], ['1e5'], ['abc'], ['1.23456'], ['200000000'], [-5]])('refuses %j', (input) => {
    expect(moneyWan.safeParse(input).success).toBe(false);
  });
  it.each([
    ['5000', '5,000万元'],
    ['12345.6789', '1.23亿元'],
    ['10000', '1.00亿元'],
    ['999.995', '1,000万元'],
    ['0.5', '0.5万元'],
    [null, '—'],
  ])('formats %s as %s', (v, out) => {
    expect(formatWan(v)).toBe(out);
  });
});
