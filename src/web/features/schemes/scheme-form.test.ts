import { describe, expect, it } from 'vitest';
import { RATIO_SCHEME_INPUT } from '../../../shared/assessment/examples';
import {
  blankScheme,
  changeItemType,
  chinesePart,
  describePath,
  exampleScheme,
  formToScheme,
  itemIdsOf,
  newItem,
  nextItemId,
  periodInYear,
  pointsSummary,
  runPeriodChoices,
  schemeIssues,
  schemeToForm,
  serverFieldPaths,
  weightCheck,
} from './scheme-form';

describe('form ↔ scheme', () => {
  it('round-trips every shipped example unchanged (the JSON view and the form hold the same scheme)', () => {
    for (const key of ['ratio', 'quarterly', 'weighted'] as const) {
      const values = exampleScheme(key, 2026);
      expect(schemeIssues(values), key).toEqual([]);
      const again = schemeToForm(formToScheme(values));
      expect(formToScheme(again)).toEqual(formToScheme(values));
    }
  });

  it('moves an example to the chosen year, keeping its kind of period', () => {
    expect(exampleScheme('ratio', 2026).period).toEqual({ kind: 'year', year: 2026 });
    expect(exampleScheme('quarterly', 2026).period).toEqual({ kind: 'quarter', year: 2026, quarter: 2 });
    expect(periodInYear({ kind: 'range', from: '2025-03-01', to: '2025-09-30' }, 2026)).toEqual({ kind: 'range', from: '2026-03-01', to: '2026-09-30' });
  });

  it('drops what typing leaves behind: undefined, empty optional text, spaces; keeps null caps', () => {
    const values = {
      ...blankScheme(2026),
      name: '  2026年度考核办法 ',
      description: '',
      items: [{ id: 'item_1', label: '新签约项目', type: 'ratio', metric: 'signed_count', points: 100, cap: null, description: '', exclusions: [], ignoreSchemeExclusions: false, extra: undefined }],
    };
    const scheme = formToScheme(values);
    expect(scheme.name).toBe('2026年度考核办法');
    expect('description' in scheme).toBe(false);
    expect((scheme.items as Record<string, unknown>[])[0]).toEqual({ id: 'item_1', label: '新签约项目', type: 'ratio', metric: 'signed_count', points: 100, cap: null, exclusions: [], ignoreSchemeExclusions: false });
    expect(schemeIssues(values)).toEqual([]);
  });

  it('names the field of a negative cap and of a points box left empty, as the server would', () => {
    const values = blankScheme(2026);
    values.name = '方案';
    values.items = [{ ...newItem('ratio', 'item_1'), label: '签约', metric: 'signed_count', points: null, cap: -5 }];
    const issues = schemeIssues(values);
    const byPath = Object.fromEntries(issues.map((i) => [i.path.join('.'), i]));
    expect(byPath['items.0.cap']).toMatchObject({ code: 'too_small', minimum: 0, inclusive: true });
    expect(byPath['items.0.points']).toMatchObject({ code: 'invalid_type', isMissing: true });
  });

  it('a blank scheme asks for a name, an item name, a metric and points', () => {
    const paths = schemeIssues(blankScheme(2026)).map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['name', 'items.0.label', 'items.0.metric', 'items.0.points']));
  });

  it('reads server field errors as form paths', () => {
    expect(serverFieldPaths([{ field: 'scheme.items.0.cap', message: 'Too small' }, { field: 'period.year', message: 'ASSESSMENT_PERIOD_YEAR' }, { nope: 1 }, 'x'])).toEqual([
      { path: ['items', 0, 'cap'], message: 'Too small' },
      { path: ['period', 'year'], message: 'ASSESSMENT_PERIOD_YEAR' },
    ]);
    expect(serverFieldPaths(undefined)).toEqual([]);
  });

  it('takes the Chinese half of an engine message', () => {
    expect(chinesePart('tiers must be in ascending order of amount (档次须由低到高)')).toBe('档次须由低到高');
    expect(chinesePart('weights add up to 0.9, not 1 or 100% (权重之和须为1或100%)')).toBe('权重之和须为1或100%');
    expect(chinesePart('Too small: expected number to be >=0')).toBeNull();
  });
});

describe('items', () => {
  it('gives new items free ids, composite parts included', () => {
    const values = { items: [newItem('ratio', 'item_1'), newItem('composite', 'item_2')] };
    expect(itemIdsOf(values)).toEqual(['item_1', 'item_2', 'item_2_a', 'item_2_b']);
    expect(nextItemId(itemIdsOf(values))).toBe('item_3');
    expect(nextItemId(['item_2'])).toBe('item_1');
  });

  it('keeps id, name and a fitting metric when the type changes, and nothing of the old type', () => {
    const ratio = { ...newItem('ratio', 'funds'), label: '省外资金', metric: 'funds_out_of_province_total', points: 50, cap: 50 };
    expect(changeItemType(ratio, 'count')).toEqual({ id: 'funds', label: '省外资金', type: 'count', metric: 'funds_out_of_province_total', pointsPerItem: null, cap: null, exclusions: [], ignoreSchemeExclusions: false });
    // Tiers read projects: a money metric is replaced by the signed project count.
    expect(changeItemType(ratio, 'tiers').metric).toBe('signed_count');
    expect(changeItemType(ratio, 'manual')).toEqual({ id: 'funds', label: '省外资金', type: 'manual', maxPoints: null, minPoints: 0, exclusions: [], ignoreSchemeExclusions: false });
  });

  it('sums base points, bonuses and deductions (example b: 100 base, up to 25 bonus)', () => {
    expect(pointsSummary(exampleScheme('quarterly', 2026))).toEqual({ base: '100', bonus: '25', deduction: '0', uncappedBonus: 0, uncappedDeduction: 0 });
    expect(pointsSummary(exampleScheme('ratio', 2026)).base).toBe('100');
    // Example c: composite capped at 10; two deductions without a limit, required counts without one either.
    expect(pointsSummary(exampleScheme('weighted', 2026))).toEqual({ base: '10', bonus: '0', deduction: '0', uncappedBonus: 0, uncappedDeduction: 3 });
    // While typing: empty boxes count as 0, an uncapped composite of ratios as its weighted full marks.
    const typing = { items: [{ type: 'ratio', points: null, cap: null }, { type: 'composite', cap: null, parts: [{ weight: 1, item: { type: 'ratio', points: 30, cap: null } }, { weight: 3, item: { type: 'ratio', points: 10, cap: null } }] }] };
    expect(pointsSummary(typing).base).toBe('15');
  });

  it('checks composite weights as the engine does: exactly 1 or 100', () => {
    expect(weightCheck([50, 50])).toEqual({ total: '100', isValid: true, isPercent: true });
    expect(weightCheck([0.5, 0.5])).toEqual({ total: '1', isValid: true, isPercent: false });
    expect(weightCheck([0.1, 0.2, 0.7])).toMatchObject({ total: '1', isValid: true });
    expect(weightCheck([60, 30])).toMatchObject({ total: '90', isValid: false });
    expect(weightCheck([1, null])).toMatchObject({ total: '1', isValid: false });
  });
});

describe('where a problem is', () => {
  it('describes item, part, row and field steps', () => {
    const values = exampleScheme('quarterly', 2026);
    expect(describePath(['items', 0, 'parts', 1, 'item', 'cap'], values)).toEqual([
      { kind: 'item', index: 0, label: '签约项目' },
      { kind: 'part', index: 1, label: '签约合同投资额' },
      { kind: 'field', name: 'cap' },
    ]);
    expect(describePath(['items', 5, 'amountTiers', 1, 'atLeast'], values)).toEqual([
      { kind: 'item', index: 5, label: '重大项目加分' },
      { kind: 'row', list: 'amountTiers', index: 1 },
      { kind: 'field', name: 'atLeast' },
    ]);
    expect(describePath(['period', 'year'], values)).toEqual([
      { kind: 'field', name: 'period' },
      { kind: 'field', name: 'year' },
    ]);
  });
});

describe('run periods', () => {
  it('offers the scheme’s own period first, then the year and its quarters, without repeating it', () => {
    const keys = runPeriodChoices(RATIO_SCHEME_INPUT.period).map((c) => c.key);
    expect(keys).toEqual(['scheme', 'q1', 'q2', 'q3', 'q4']);
    const quarter = runPeriodChoices({ kind: 'quarter', year: 2026, quarter: 2 });
    expect(quarter.map((c) => c.key)).toEqual(['scheme', 'year', 'q1', 'q3', 'q4']);
    expect(quarter[0]).toMatchObject({ period: undefined, from: '2026-04-01', to: '2026-06-30' });
  });
});
