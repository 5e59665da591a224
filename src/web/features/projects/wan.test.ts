import { describe, expect, it } from 'vitest';
import { sumWan } from './wan';

describe('sumWan', () => {
  it.each([
    [[], '0'],
    [['0'], '0'],
    [['12.5', '0.0001'], '12.5001'],
    [['0.1', '0.2'], '0.3'],
    [['2144700', '426500', '3230000', '1615100', '1341600', '0'], '8757900'],
    [['999999999999.9999', '0.0001'], '1000000000000'],
    [['100', null, undefined, ''], '100'],
  ] as const)('%j → %s', (values, expected) => {
    expect(sumWan(values)).toBe(expected);
  });
});
