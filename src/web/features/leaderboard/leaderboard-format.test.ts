import { describe, expect, it } from 'vitest';
import type { AssessmentScheme } from '../../../shared/assessment/scheme';
import { findSchemeItem, formatScore, itemLimit, periodShape, recordLookup, tieBreakText } from './leaderboard-format';

const RULE = '总分高者在前；全部得分均相同的并列同一名次。 Higher total first; units equal on every item share a rank.';

describe('leaderboard formatting', () => {
  it.each([
    ['80', '80.00'],
    ['29.405', '29.41'],
    ['-0.3', '-0.30'],
    ['-0.001', '0.00'],
    [null, '—'],
  ])('formatScore(%s) = %s', (value, text) => {
    expect(formatScore(value)).toBe(text);
  });

  it('reads a year, a calendar quarter, or neither', () => {
    expect(periodShape('2026-01-01', '2026-12-31')).toEqual({ kind: 'year', year: 2026 });
    expect(periodShape('2026-04-01', '2026-06-30')).toEqual({ kind: 'quarter', year: 2026, quarter: 2 });
    expect(periodShape('2026-03-01', '2026-05-31')).toBeNull();
  });

  it('splits the bilingual tie-break rule by language, and keeps a rule of another shape whole', () => {
    expect(tieBreakText(RULE, 'zh')).toBe('总分高者在前；全部得分均相同的并列同一名次。');
    expect(tieBreakText(RULE, 'en')).toBe('Higher total first; units equal on every item share a rank.');
    expect(tieBreakText('no split here', 'zh')).toBe('no split here');
  });

  it('finds an item or a composite part, and gives its maximum (negative for deductions)', () => {
    const scheme = {
      items: [
        { id: 'funds', type: 'ratio', label: '到位', metric: 'funds_total', points: 50, cap: 50, exclusions: [], ignoreSchemeExclusions: false },
        { id: 'late', type: 'penalty', label: '未按期开工', metric: 'signed_not_started_count', pointsPerOccurrence: 0.1, maxPenalty: 2, exclusions: [], ignoreSchemeExclusions: false },
        {
          id: 'sign',
          type: 'composite',
          label: '签约',
          cap: 30,
          exclusions: [],
          ignoreSchemeExclusions: false,
          parts: [{ weight: 0.5, item: { id: 'sign_count', type: 'count', label: '个数', metric: 'signed_count', pointsPerItem: 1, cap: null, exclusions: [], ignoreSchemeExclusions: false } }],
        },
      ],
    } as unknown as AssessmentScheme;
    expect(itemLimit(findSchemeItem(scheme, 'funds'))).toBe('50');
    expect(itemLimit(findSchemeItem(scheme, 'late'))).toBe('-2');
    expect(findSchemeItem(scheme, 'sign_count', 'sign')?.label).toBe('个数');
    expect(itemLimit(findSchemeItem(scheme, 'sign_count', 'sign'))).toBeNull();
  });

  it("looks a record up in the item's own metric first (its value is the contribution there)", () => {
    const unit = {
      unitId: 9,
      name: '固始县',
      metrics: {
        started_count: { value: '1', records: [{ kind: 'project' as const, id: 24, name: '羽绒项目', value: '1' }] },
        signed_amount: { value: '3200', records: [{ kind: 'project' as const, id: 24, name: '羽绒项目', value: '3200' }] },
      },
    };
    expect(recordLookup(unit, 'signed_amount')('project', 24)).toEqual({ record: unit.metrics.signed_amount.records[0], isOfMetric: true });
    expect(recordLookup(unit, 'funds_total')('project', 24)?.isOfMetric).toBe(false);
    expect(recordLookup(unit, 'signed_amount')('tranche', 24)).toBeUndefined();
  });
});
