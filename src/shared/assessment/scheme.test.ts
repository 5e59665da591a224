import { describe, expect, it } from 'vitest';
import { EXAMPLE_SCHEMES, QUARTERLY_SCHEME, RATIO_SCHEME, WEIGHTED_SCHEME } from './examples.js';
import { applyExclusions, matchesIndustryPrefix } from './exclusions.js';
import { scoreRecord } from './inputs.js';
import { isKnownMetric, metricLabel } from './metrics.js';
import { isUnitSelected, metricsOfScheme, parseScheme, periodRange, type AssessmentSchemeInput } from './scheme.js';

type ItemInput = AssessmentSchemeInput['items'][number];

const base = (items: unknown[], extra: Record<string, unknown> = {}) => ({
  name: '测试',
  version: 1,
  units: { kind: 'unit_types', types: ['county'] },
  period: { kind: 'year', year: 2025 },
  items,
  ...extra,
});
const ratio = (id: string, metric = 'signed_amount', extra: Record<string, unknown> = {}): ItemInput =>
  ({ id, label: id, type: 'ratio', metric, points: 30, cap: 30, ...extra }) as ItemInput;

/** The paths (joined with dots) of the issues parseScheme reports. */
function issuePaths(data: unknown): string[] {
  const r = parseScheme(data);
  return r.ok ? [] : r.issues.map((i) => i.path.join('.'));
}

describe('scheme validation names the field', () => {
  it('accepts the three examples', () => {
    expect(EXAMPLE_SCHEMES.map((s) => s.items.length)).toEqual([3, 7, 4]);
  });
  it.each([
    ['composite weights that do not add up', base([{ id: 'c', label: 'c', type: 'composite', cap: null, parts: [{ weight: 0.5, item: ratio('x') }, { weight: 0.4, item: ratio('y', 'signed_count') }] }]), 'items.0.parts'],
    ['percent weights that do not add up', base([{ id: 'c', label: 'c', type: 'composite', cap: null, parts: [{ weight: 60, item: ratio('x') }, { weight: 50, item: ratio('y') }] }]), 'items.0.parts'],
    ['an unknown metric', base([ratio('a', 'signed_amout')]), 'items.0.metric'],
    ['an unknown metric inside a composite', base([{ id: 'c', label: 'c', type: 'composite', cap: null, parts: [{ weight: 0.5, item: ratio('x') }, { weight: 0.5, item: ratio('y', 'gdp') }] }]), 'items.0.parts.1.item.metric'],
    ['a negative cap', base([ratio('a', 'signed_amount', { cap: -1 })]), 'items.0.cap'],
    ['a negative penalty limit', base([{ id: 'p', label: 'p', type: 'penalty', metric: 'falsified_count', pointsPerOccurrence: 0.2, maxPenalty: -5 }]), 'items.0.maxPenalty'],
    ['infinite points', base([ratio('a', 'signed_amount', { points: Infinity })]), 'items.0.points'],
    ['NaN points', base([{ id: 'n', label: 'n', type: 'count', metric: 'followup_count', pointsPerItem: NaN, cap: 1 }]), 'items.0.pointsPerItem'],
    ['a duplicate item id', base([ratio('a'), ratio('a', 'signed_count')]), 'items.1.id'],
    ['a part id equal to an item id', base([ratio('a'), { id: 'c', label: 'c', type: 'composite', cap: null, parts: [{ weight: 0.5, item: ratio('a') }, { weight: 0.5, item: ratio('b') }] }]), 'items.1.parts.0.item.id'],
    ['a period ending before it starts', base([ratio('a')], { period: { kind: 'range', from: '2025-06-30', to: '2025-01-01' } }), 'period.to'],
    ['an impossible date', base([ratio('a')], { period: { kind: 'range', from: '2025-02-30', to: '2025-03-31' } }), 'period.from'],
    ['quarter 5', base([ratio('a')], { period: { kind: 'quarter', year: 2025, quarter: 5 } }), 'period.quarter'],
    ['a rate filtered by the scheme exclusions', base([ratio('a', 'start_rate')], { exclusions: [{ kind: 'later_phase' }] }), 'items.0.metric'],
    ['tiers over money instead of projects', base([{ id: 't', label: 't', type: 'tiers', metric: 'funds_total', amountTiers: [{ atLeast: '100000', points: 4 }] }]), 'items.0.metric'],
    ['tiers out of order', base([{ id: 't', label: 't', type: 'tiers', amountTiers: [{ atLeast: '500000', points: 8 }, { atLeast: '100000', points: 4 }] }]), 'items.0.amountTiers.1.atLeast'],
    ['tiers with nothing to pay', base([{ id: 't', label: 't', type: 'tiers' }]), 'items.0.amountTiers'],
    ['a band ending below its start', base([{ id: 'r', label: 'r', type: 'required_counts', bands: [{ label: 'b', from: '100000', to: '30000', required: 1 }], penaltyPerMissing: 0.1 }]), 'items.0.bands.0.to'],
    ['a manual minimum above its maximum', base([{ id: 'm', label: 'm', type: 'manual', maxPoints: 5, minPoints: 6 }]), 'items.0.minPoints'],
    ['an industry prefix that is not GB/T 4754', base([ratio('a')], { exclusions: [{ kind: 'industry', prefixes: ['房地产'] }] }), 'exclusions.0.prefixes.0'],
    ['a unit listed twice', base([ratio('a')], { units: { kind: 'unit_ids', ids: [3, 3] } }), 'units.ids'],
    ['no items', base([]), 'items'],
  ])('refuses %s', (_what, data, path) => {
    expect(issuePaths(data)).toContain(path);
  });
  it('accepts weights of 1 or 100 in total, in any number of parts', () => {
    const parts = (ws: number[]) => ws.map((weight, k) => ({ weight, item: ratio(`p${k}`) }));
    for (const ws of [[0.5, 0.5], [50, 50], [30, 30, 40], [0.1, 0.2, 0.7]]) {
      expect(issuePaths(base([{ id: 'c', label: 'c', type: 'composite', cap: null, parts: parts(ws) }]))).toEqual([]);
    }
  });
  it('lets a rate item opt out of the scheme exclusions', () => {
    expect(issuePaths(base([ratio('a', 'start_rate', { ignoreSchemeExclusions: true })], { exclusions: [{ kind: 'later_phase' }] }))).toEqual([]);
  });
});

describe('metric names', () => {
  it.each([
    ['signed_amount', true],
    ['funds_out_of_province_total', true],
    ['signed_tier:100000', true],
    ['start_rate', true],
    ['leader_visit_count', true],
    ['signed_tier:abc', false],
    ['gdp', false],
  ])('%s known: %s', (name, known) => {
    expect(isKnownMetric(name)).toBe(known);
  });
  it('labels them in Chinese', () => {
    expect(metricLabel('signed_tier:100000')).toBe('10亿元以上签约项目数');
    expect(metricLabel('funds_out_of_city')).toBe('市外资金实际到位');
  });
});

describe('periods, units and metrics of a scheme', () => {
  it('spans the year or the quarter', () => {
    expect(periodRange(RATIO_SCHEME.period)).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(periodRange(QUARTERLY_SCHEME.period)).toEqual({ from: '2025-04-01', to: '2025-06-30' });
    expect(periodRange({ kind: 'quarter', year: 2025, quarter: 4 })).toEqual({ from: '2025-10-01', to: '2025-12-31' });
  });
  it('selects units by type or id', () => {
    expect(isUnitSelected(WEIGHTED_SCHEME.units, { id: 4, type: 'county' })).toBe(true);
    expect(isUnitSelected(WEIGHTED_SCHEME.units, { id: 5, type: 'zone' })).toBe(false);
    expect(isUnitSelected({ kind: 'unit_ids', ids: [5] }, { id: 5, type: 'department' })).toBe(true);
  });
  it('lists the metrics the server must compute', () => {
    expect(metricsOfScheme(WEIGHTED_SCHEME)).toEqual(['falsified_count', 'signed_amount', 'signed_count', 'signed_not_started_count', 'signed_tier:10000']);
  });
});

describe('exclusion filters', () => {
  it.each([
    ['7010', 'K70', true], // 房地产开发经营 under 房地产业
    ['70', 'K', true], // a division under its section
    ['7010', '70', true],
    ['K', 'K', true],
    ['K', 'K70', false], // coded only to the section: cannot tell the division
    ['7110', 'K70', false], // 租赁 L71
    ['3011', 'C', true], // 水泥制造 under 制造业
    ['3011', 'K', false],
    [null, 'K70', false], // uncoded projects are not excluded by industry
  ])('code %s under prefix %s: %s', (code, prefix, expected) => {
    expect(matchesIndustryPrefix(code, prefix)).toBe(expected);
  });
  it('keeps unknown amounts out of a threshold, and names the first rule a record meets', () => {
    const records = [
      scoreRecord.parse({ kind: 'project', id: 1, contractedAmount: null }),
      scoreRecord.parse({ kind: 'project', id: 2, contractedAmount: '9999.9999' }),
      scoreRecord.parse({ kind: 'project', id: 3, contractedAmount: '10000', isGovernmentFunded: true }),
      scoreRecord.parse({ kind: 'project', id: 4, contractedAmount: '10000' }),
    ];
    const { included, excluded } = applyExclusions(records, [{ kind: 'below_amount', minAmount: '10000' }, { kind: 'government_funded' }]);
    expect(included.map((r) => r.id)).toEqual([4]);
    expect(excluded.map((r) => r.rule)).toEqual(['合同投资额未填（门槛10000万元）', '合同投资额低于10000万元', '政府投资项目']);
  });
});
