import { describe, expect, it } from 'vitest';
import { defaultBulletinPeriod } from './period';

describe('the default bulletin period', () => {
  it.each([
    ['2026-11-22', 1, { from: '2026-01-01', to: '2026-10-31' }],
    ['2026-03-01', 1, { from: '2026-01-01', to: '2026-02-28' }],
    ['2024-03-15', 1, { from: '2024-01-01', to: '2024-02-29' }],
    ['2026-01-10', 1, { from: '2025-01-01', to: '2025-12-31' }],
    ['2026-11-22', 4, { from: '2026-04-01', to: '2026-10-31' }],
    ['2026-04-02', 4, { from: '2025-04-01', to: '2026-03-31' }],
    ['2026-02-10', 4, { from: '2025-04-01', to: '2026-01-31' }],
  ])('on %s with the year starting in month %i', (today, start, period) => expect(defaultBulletinPeriod(today, start)).toEqual(period));
});
