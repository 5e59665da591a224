import { describe, expect, it } from 'vitest';
import { childPrefixOf, toUnitDivisionCode } from './division-code';

describe('toUnitDivisionCode', () => {
  it.each([
    ['41', '410000'], // 河南省
    ['4115', '411500'], // 信阳市
    ['411525', '411525'], // 固始县
    ['411525001', '411525001'], // 蓼城街道
  ])('%s → %s', (code, expected) => {
    expect(toUnitDivisionCode(code)).toBe(expected);
  });
});

describe('childPrefixOf', () => {
  it.each([
    ['410000', '41'],
    ['411500', '4115'],
    ['411525', '411525'],
    ['411525001', '411525'],
  ])('%s lists the children of %s', (code, expected) => {
    expect(childPrefixOf(code)).toBe(expected);
  });

  it('has nothing to offer without a usable parent code', () => {
    expect(childPrefixOf(null)).toBeUndefined();
    expect(childPrefixOf('41')).toBeUndefined();
    expect(childPrefixOf('abc')).toBeUndefined();
  });
});
