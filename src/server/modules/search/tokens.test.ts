import { describe, expect, it } from 'vitest';
import { queryTokens, recordTokens } from './tokens.js';

function matches(record: string[], query: string): boolean {
  const tokens = new Set(recordTokens(record));
  const q = queryTokens(query);
  const all = (list: string[]) => list.length > 0 && list.every((t) => tokens.has(t));
  return all(q.text) || all(q.pinyin);
}

describe('search tokens', () => {
  it.each([
    [['信阳食品厂'], '食品', true],
    [['信阳食品厂'], '信阳食品', true],
    [['信阳食品厂'], 'xyspc', true],
    [['信阳食品厂'], 'sp', true],
    [['信阳食品厂'], '食品厂房', false],
    [['固始县羽绒加工项目'], '羽绒', true],
    [['固始县羽绒加工项目'], '食品', false],
    [['ABC新材料'], 'abc', true],
    [['ABC新材料'], 'ＡＢＣ', true],
    [['茶'], '茶', true],
  ])('%j ~ %s → %s', (record, query, expected) => {
    expect(matches(record, query)).toBe(expected);
  });
});
