import { describe, expect, it } from 'vitest';
import { isCollectedMetric, metricLabel } from './metrics.js';

describe('metrics a run can collect', () => {
  it.each([
    ['signed_count', true],
    ['funds_out_of_province_total', true],
    ['signed_tier:10000', true],
    ['start_rate', true],
    ['followup_count', true],
    ['rejected_count', true],
    ['leader_visit_count', false],
    ['outbound_trip_count', false],
    ['falsified_count', false],
    ['made_up', false],
  ])('%s → %s', (metric, expected) => {
    expect(isCollectedMetric(metric)).toBe(expected);
  });

  it('names tiers in Chinese', () => {
    expect(metricLabel('signed_tier:10000')).toBe('1亿元以上签约项目数');
  });
});
