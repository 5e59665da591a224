import { describe, expect, it } from 'vitest';
import type { UnitInputData } from './inputs.js';
import { assessmentScheme } from './scheme.js';
import { AssessmentInputError, formatScore, scoreScheme } from './score.js';
import { Dec } from './items.js';

// Ranking, the tie-break rule and determinism, over a two-item scheme whose scores are plain counts.

const scheme = assessmentScheme.parse({
  name: '排名测试',
  version: 1,
  units: { kind: 'unit_types', types: ['county'] },
  period: { kind: 'year', year: 2025 },
  items: [
    { id: 'followups', label: '跟进', type: 'count', metric: 'followup_count', pointsPerItem: 1, cap: null },
    { id: 'trips', label: '外出招商', type: 'count', metric: 'outbound_trip_count', pointsPerItem: 1, cap: null },
  ],
});

function unit(unitId: number, name: string, sortOrder: number, followups: number, trips: number): UnitInputData {
  const records = (kind: 'followup' | 'trip', n: number) => Array.from({ length: n }, (_, i) => ({ kind, id: unitId * 1000 + i }));
  return {
    unitId,
    name,
    sortOrder,
    metrics: {
      followup_count: { value: String(followups), records: records('followup', followups) },
      outbound_trip_count: { value: String(trips), records: records('trip', trips) },
    },
  };
}

const ranked = (units: UnitInputData[]) => scoreScheme(scheme, units).units.map((u) => [u.name, u.total, u.rank, u.isTied]);

describe('tie-break', () => {
  it('breaks equal totals on the first item, and ranks units equal on every item together', () => {
    expect(
      ranked([
        unit(1, '东县', 2, 30, 20), // 50: 30 + 20
        unit(2, '西县', 1, 20, 30), // 50, but 20 on the first item: behind 东县 and 南县
        unit(3, '南县', 1, 30, 20), // 50, equal to 东县 on every item: same rank; listed first (org order 1 < 2)
        unit(4, '北县', 0, 10, 10), // 20
      ]),
    ).toEqual([
      ['南县', '50.00', 1, true],
      ['东县', '50.00', 1, true],
      ['西县', '50.00', 3, false], // competition ranking: 1, 1, 3, 4
      ['北县', '20.00', 4, false],
    ]);
  });
  it('lists fully tied units of the same org order by name, then id', () => {
    expect(ranked([unit(7, '乙县', 0, 1, 1), unit(5, '甲县', 0, 1, 1), unit(6, '乙县', 0, 1, 1)]).map((r) => r[0])).toEqual(['乙县', '乙县', '甲县']);
    const ids = scoreScheme(scheme, [unit(7, '乙县', 0, 1, 1), unit(6, '乙县', 0, 1, 1)]).units.map((u) => u.unitId);
    expect(ids).toEqual([6, 7]);
  });
});

describe('determinism', () => {
  it('gives identical output whatever the order of units and records', () => {
    const units = [unit(1, '东县', 2, 3, 2), unit(2, '西县', 1, 2, 3), unit(3, '南县', 1, 3, 2)];
    const shuffled = [...units].reverse().map((u) => ({
      ...u,
      metrics: Object.fromEntries(Object.entries(u.metrics).map(([k, m]) => [k, { ...m, records: [...(m.records ?? [])].reverse() }])),
    }));
    expect(JSON.stringify(scoreScheme(scheme, shuffled))).toBe(JSON.stringify(scoreScheme(scheme, units)));
  });
});

describe('results', () => {
  it('carries the scheme, the period and the rule used', () => {
    const result = scoreScheme(scheme, [unit(1, '东县', 0, 1, 0)]);
    expect(result.scheme).toEqual({ name: '排名测试', version: 1 });
    expect(result.period).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(result.tieBreak).toMatch(/并列/);
  });
  it('refuses a unit given twice', () => {
    expect(() => scoreScheme(scheme, [unit(1, '东县', 0, 1, 0), unit(1, '东县', 0, 1, 0)])).toThrow(AssessmentInputError);
  });
  it('totals the rounded items, so the breakdown adds up', () => {
    // three items of 1/3 × 10 = 3.333… each: 3.33 × 3 = 9.99, not round(10.00)
    const thirds = assessmentScheme.parse({
      name: 't',
      version: 1,
      units: { kind: 'unit_types', types: ['county'] },
      period: { kind: 'year', year: 2025 },
      items: ['a', 'b', 'c'].map((id) => ({ id, label: id, type: 'ratio', metric: 'signed_count', points: 10, cap: 10 })),
    });
    const u: UnitInputData = { unitId: 1, name: '县', metrics: { signed_count: { value: '1', records: [{ kind: 'project', id: 1 }] } }, targets: { signed_count: '3' } };
    expect(scoreScheme(thirds, [u]).units[0]!.total).toBe('9.99');
  });
  it('rounds half away from zero and never prints -0', () => {
    expect(formatScore(new Dec('-0.125'), 2)).toBe('-0.13');
    expect(formatScore(new Dec('0.125'), 2)).toBe('0.13');
    expect(formatScore(new Dec('-0.001'), 2)).toBe('0.00');
  });
});
