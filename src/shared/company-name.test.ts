import { describe, expect, it } from 'vitest';
import { normaliseCompanyName } from './company-name.js';

describe('normaliseCompanyName (domain.md §6)', () => {
  it.each([
    // Legal forms, spaces and full-width characters.
    ['比亚迪股份有限公司', '比亚迪'],
    ['比亚迪', '比亚迪'],
    ['比亚迪 股份 有限公司', '比亚迪'],
    ['信阳食品有限责任公司', '信阳食品'],
    ['信阳食品（集团）股份有限公司', '信阳食品'],
    ['信阳 食品 集团', '信阳食品'],
    ['ＡＢＣ食品有限公司', 'abc食品'],
    // Bracketed suffixes after the legal form, full- and half-width, other bracket kinds, nested.
    ['比亚迪股份有限公司（集团）', '比亚迪'],
    ['比亚迪股份有限公司(集团)', '比亚迪'],
    ['比亚迪股份有限公司【集团】', '比亚迪'],
    ['比亚迪股份有限公司〔集团〕', '比亚迪'],
    ['比亚迪股份有限公司（中国）', '比亚迪'],
    ['比亚迪有限公司〔中国〕', '比亚迪'],
    ['比亚迪集团有限公司（集团）', '比亚迪'],
    ['比亚迪有限责任公司（（集团））', '比亚迪'],
    ['比亚迪股份有限公司（集团（中国））', '比亚迪'],
    ['比亚迪（集团）股份有限公司（中国）', '比亚迪'],
    // (中国) in the middle goes; a bare 中国 in the name stays.
    ['华为技术（中国）有限公司', '华为技术'],
    ['中国平安保险（集团）股份有限公司', '中国平安保险'],
    ['中国平安', '中国平安'],
    // A bracket that is not a legal form keeps its words: a branch is not its parent.
    ['比亚迪股份有限公司（深圳分公司）', '比亚迪股份有限公司深圳分'],
    // A name that is only a legal form does not vanish.
    ['集团', '集团'],
  ])('%s → %s', (name, key) => {
    expect(normaliseCompanyName(name)).toBe(key);
  });

  it('is stable: normalising a key again changes nothing', () => {
    for (const name of ['比亚迪股份有限公司（集团）', '信阳食品（集团）股份有限公司', '华为技术（中国）有限公司']) {
      const key = normaliseCompanyName(name);
      expect(normaliseCompanyName(key)).toBe(key);
    }
  });
});
