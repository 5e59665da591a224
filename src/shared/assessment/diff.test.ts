import { describe, expect, it } from 'vitest';
import { diffResults } from './diff.js';
import { RATIO_SCHEME } from './examples.js';
import type { UnitInputData } from './inputs.js';
import { scoreScheme } from './score.js';

// A published run against a re-run on changed data: every change is listed, nothing silently moves.

function unit(unitId: number, name: string, tranches: [number, string][]): UnitInputData {
  const records = tranches.map(([id, value]) => ({ kind: 'tranche' as const, id, value, fundsSource: 'out_of_province' as const }));
  const value = records.reduce((acc, r) => acc + Number(r.value), 0); // small integers only
  return {
    unitId,
    name,
    sortOrder: unitId,
    metrics: {
      funds_out_of_province_total: { value: String(value), records },
      signed_amount: { value: '0' },
      started_count: { value: '0' },
    },
    targets: { funds_out_of_province_total: '10000' },
  };
}

describe('diffResults', () => {
  const published = scoreScheme(RATIO_SCHEME, [unit(1, '甲县', [[1, '6000']]), unit(2, '乙县', [[2, '5000']])]);

  it('finds nothing when the data did not change', () => {
    const rerun = scoreScheme(RATIO_SCHEME, [unit(2, '乙县', [[2, '5000']]), unit(1, '甲县', [[1, '6000']])]);
    expect(diffResults(published, rerun)).toEqual([]);
  });

  it('lists a late tranche as changed score, total, rank and records', () => {
    // 乙县 gets a tranche of 2000 verified after publication: 7000 / 10000 × 50 = 35 > 甲县's 30
    const rerun = scoreScheme(RATIO_SCHEME, [unit(1, '甲县', [[1, '6000']]), unit(2, '乙县', [[2, '5000'], [3, '2000']]), unit(3, '丙县', [])]);
    expect(diffResults(published, rerun)).toEqual([
      { kind: 'rank', unitId: 1, name: '甲县', before: '1', after: '2' },
      { kind: 'total', unitId: 2, name: '乙县', before: '25.00', after: '35.00' },
      { kind: 'rank', unitId: 2, name: '乙县', before: '2', after: '1' },
      { kind: 'item_score', unitId: 2, name: '乙县', itemId: 'funds_out_of_province', before: '25.00', after: '35.00' },
      { kind: 'item_records', unitId: 2, name: '乙县', itemId: 'funds_out_of_province', added: [{ kind: 'tranche', id: 3 }], removed: [] },
      { kind: 'unit_added', unitId: 3, name: '丙县' },
    ]);
  });
});
