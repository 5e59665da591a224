import { describe, expect, it } from 'vitest';
import { periodRange } from '../../../shared/assessment/scheme';
import { rewardPeriodChoices } from './reward-period';

describe('rewardPeriodChoices', () => {
  it('a calendar statistical year: the year and its quarters, sent as year/quarter', () => {
    const c = rewardPeriodChoices(2025, 1);
    expect(c.map((x) => [x.key, x.from, x.to])).toEqual([
      ['year', '2025-01-01', '2025-12-31'],
      ['q1', '2025-01-01', '2025-03-31'],
      ['q2', '2025-04-01', '2025-06-30'],
      ['q3', '2025-07-01', '2025-09-30'],
      ['q4', '2025-10-01', '2025-12-31'],
    ]);
    expect(c[0]!.period).toEqual({ kind: 'year', year: 2025 });
    expect(c[2]!.period).toEqual({ kind: 'quarter', year: 2025, quarter: 2 });
    // What the server computes from what is sent is what the choice says.
    for (const x of c) expect(periodRange(x.period)).toEqual({ from: x.from, to: x.to });
  });

  it('a statistical year from April runs into the next calendar year, sent as date ranges', () => {
    const c = rewardPeriodChoices(2024, 4);
    expect(c.map((x) => [x.key, x.from, x.to])).toEqual([
      ['year', '2024-04-01', '2025-03-31'],
      ['q1', '2024-04-01', '2024-06-30'],
      ['q2', '2024-07-01', '2024-09-30'],
      ['q3', '2024-10-01', '2024-12-31'],
      ['q4', '2025-01-01', '2025-03-31'],
    ]);
    for (const x of c) expect(x.period).toEqual({ kind: 'range', from: x.from, to: x.to });
  });

  it('leap years end February on the 29th', () => {
    expect(rewardPeriodChoices(2023, 12)[1]).toMatchObject({ from: '2023-12-01', to: '2024-02-29' });
  });
});
