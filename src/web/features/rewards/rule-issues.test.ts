import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { issueMessage, ruleIssuesOf, rulePlace } from './rule-issues';

// A fake t: the key and its values, so the test reads what the helper asked for.
const t = ((key: string, values?: Record<string, unknown>) => `${key.split('.').pop()}${values ? JSON.stringify(values) : ''}`) as unknown as TFunction;

describe('ruleIssuesOf', () => {
  it('reads the server’s field paths from inside the rule set, in the reader’s language', () => {
    const details = [
      { field: 'rules.items.0.tiers.1.atLeast', in: 'body', message: 'tiers must be in ascending order of amount (档次须由低到高)' },
      { field: 'rules.caps.perPerson', in: 'body', message: 'Invalid string' },
      { message: 'no field' },
    ];
    expect(ruleIssuesOf(details, 'zh')).toEqual([
      { field: 'items.0.tiers.1.atLeast', path: ['items', 0, 'tiers', 1, 'atLeast'], message: '档次须由低到高' },
      { field: 'caps.perPerson', path: ['caps', 'perPerson'], message: 'Invalid string' },
    ]);
    expect(ruleIssuesOf(details, 'en')[0]!.message).toBe('tiers must be in ascending order of amount');
    expect(ruleIssuesOf(undefined)).toEqual([]);
  });

  it('keeps a message with no Chinese half as it is', () => {
    expect(issueMessage('a rate above 0‰ and at most 1000‰', 'zh')).toBe('a rate above 0‰ and at most 1000‰');
    expect(issueMessage('duplicate item id "a" (奖励项编号重复)', 'zh')).toBe('奖励项编号重复');
  });
});

describe('rulePlace', () => {
  it('names the item by its number and label, then the tier', () => {
    const rules = { items: [{ label: '固定资产投资奖励' }] };
    expect(rulePlace(t, ['items', 0, 'tiers', 1, 'atLeast'], rules)).toBe('placeItem{"n":1,"label":"固定资产投资奖励"} · placeTier{"n":2}');
    expect(rulePlace(t, ['caps', 'perUnit'], rules)).toBe('placeCaps');
    expect(rulePlace(t, ['name'], rules)).toBe('');
  });
});
