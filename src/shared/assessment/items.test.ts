import { describe, expect, it } from 'vitest';
import { sum } from '../kpi/formulas.js';
import type { ScoreRecordInput, UnitInputData } from './inputs.js';
import { assessmentScheme, type AssessmentSchemeInput, type Exclusion } from './scheme.js';
import { AssessmentInputError, scoreScheme, type ItemScore } from './score.js';

// Worked examples per item type; every expected value is computed by hand in the comment beside it.

type ItemInput = AssessmentSchemeInput['items'][number];

function schemeWith(items: ItemInput[], exclusions: Exclusion[] = []) {
  return assessmentScheme.parse({ name: '测试', version: 1, units: { kind: 'unit_types', types: ['county'] }, period: { kind: 'year', year: 2025 }, exclusions, items });
}

/** A metric whose value is the sum of its records (complete records). */
function metric(records: ScoreRecordInput[], value?: string) {
  return { value: value ?? sum(records.map((r) => r.value ?? '1')), records };
}

const project = (id: number, contractedAmount: string | null, extra: Partial<ScoreRecordInput> = {}): ScoreRecordInput => ({
  kind: 'project',
  id,
  contractedAmount,
  ...extra,
});
const ones = (n: number, from = 1): ScoreRecordInput[] => Array.from({ length: n }, (_, i) => ({ kind: 'project', id: from + i }));

function unit(metrics: UnitInputData['metrics'], targets: UnitInputData['targets'] = {}, manual: UnitInputData['manual'] = {}): UnitInputData {
  return { unitId: 1, name: '测试县', metrics, targets, manual };
}

function scoreOne(item: ItemInput, u: UnitInputData, exclusions: Exclusion[] = []): ItemScore {
  return scoreScheme(schemeWith([item], exclusions), [u]).units[0]!.items[0]!;
}

describe('ratio to target × points, capped', () => {
  const item: ItemInput = { id: 'amount', label: '签约额', type: 'ratio', metric: 'signed_amount', points: 50, cap: 50 };
  it.each([
    // [actual, target, score, completion]
    ['8765', '10000', '43.83', '0.8765'], // 0.8765 × 50 = 43.825 → half-up 43.83
    ['10000', '10000', '50.00', '1.0000'], // exactly met
    ['12000', '10000', '50.00', '1.2000'], // 60 → capped at 50
    ['1', '3', '16.67', '0.3333'], // 50/3 = 16.666… → 16.67
    ['-100', '1000', '0.00', '0.0000'], // corrections left the actual negative: no negative ratio points
  ])('%s of %s → %s', (actual, target, score, completion) => {
    const r = scoreOne(item, unit({ signed_amount: { value: actual } }, { signed_amount: target }));
    expect(r.score).toBe(score);
    expect(r.inputs.completion).toBe(completion);
  });
  it('marks the cap', () => {
    expect(scoreOne(item, unit({ signed_amount: { value: '12000' } }, { signed_amount: '10000' })).notes).toContain('capped');
  });
  it.each([[null], ['0'], [undefined]])('a missing or zero target (%s) scores 0, flagged no_target, never divides by zero', (target) => {
    const targets: Record<string, string | null> = target === undefined ? {} : { signed_amount: target };
    const r = scoreOne(item, unit({ signed_amount: { value: '5000' } }, targets));
    expect(r.score).toBe('0.00');
    expect(r.notes).toContain('no_target');
    expect(r.inputs.completion).toBeNull();
  });
  it('applies the scheme exclusions and names the records on both sides', () => {
    const funds: ItemInput = { id: 'funds', label: '省外资金', type: 'ratio', metric: 'funds_out_of_province_total', points: 20, cap: 20 };
    const tranches: ScoreRecordInput[] = [
      { kind: 'tranche', id: 1, projectId: 10, value: '3000', fundsSource: 'out_of_province', industryCode: '3011' },
      { kind: 'tranche', id: 2, projectId: 11, value: '1000', fundsSource: 'local', industryCode: '3011' },
      { kind: 'tranche', id: 3, projectId: 12, value: '2000', fundsSource: 'out_of_province', industryCode: '7010' },
    ];
    const exclusions: Exclusion[] = [
      { kind: 'industry', prefixes: ['K70'], label: '房地产' },
      { kind: 'funds_source', sources: ['local'] },
    ];
    // 6000 reported − 1000 local − 2000 real estate = 3000; 3000 / 4000 = 0.75 × 20 = 15
    const r = scoreOne(funds, unit({ funds_out_of_province_total: metric(tranches) }, { funds_out_of_province_total: '4000' }), exclusions);
    expect(r.score).toBe('15.00');
    expect(r.inputs.actual).toBe('3000');
    expect(r.records).toEqual([{ kind: 'tranche', id: 1 }]);
    expect(r.excluded).toEqual([
      { kind: 'tranche', id: 2, value: '1000', rule: '不计本地资金' },
      { kind: 'tranche', id: 3, value: '2000', rule: '房地产（K70）' },
    ]);
    expect(r.notes).toEqual([]);
  });
  it('flags records that do not add up to the reported value', () => {
    // value 5 but only 3 records: scored on the value, flagged so the data gets fixed
    const r = scoreOne(
      { id: 'n', label: '开工', type: 'ratio', metric: 'started_count', points: 10, cap: 10 },
      unit({ started_count: metric(ones(3), '5') }, { started_count: '10' }),
    );
    expect(r.score).toBe('5.00'); // 5/10 × 10
    expect(r.notes).toEqual(['records_incomplete']);
  });
});

describe('count × points per item, capped', () => {
  const item: ItemInput = { id: 'visits', label: '领导招商', type: 'count', metric: 'leader_visit_count', pointsPerItem: 0.5, cap: 3 };
  it.each([
    [0, '0.00'],
    [5, '2.50'], // 5 × 0.5
    [6, '3.00'], // exactly the cap
    [7, '3.00'], // 3.5 → capped at 3
  ])('%i visits → %s', (n, score) => {
    const r = scoreOne(item, unit({ leader_visit_count: metric(Array.from({ length: n }, (_, i) => ({ kind: 'followup' as const, id: i + 1 }))) }));
    expect(r.score).toBe(score);
    expect(r.records).toHaveLength(n);
  });
});

describe('tiers: points per project by size tier and per tagged investor', () => {
  const projects = [
    project(1, '120000'), // 12亿 ≥ 10亿: +4
    project(2, '600000'), // 60亿: highest tier only, +8
    project(3, '50000'), // 5亿: nothing
    project(4, '100000', { investorId: 9, investorTags: ['世界500强'] }), // exactly 10亿: +4; investor 9 is 世界500强: +10
    project(5, '30000', { investorId: 9, investorTags: ['世界500强'] }), // same investor: no second +10
    project(6, '80000', { investorId: 10, investorTags: ['世界500强', '央企'] }), // another 500强 investor: +10
    project(7, null), // no contracted amount: no tier
  ];
  const item = (cap: number | null, per: 'investor' | 'project' = 'investor'): ItemInput => ({
    id: 'major',
    label: '重大项目',
    type: 'tiers',
    metric: 'signed_count',
    amountTiers: [
      { atLeast: '100000', points: 4, label: '10亿元以上' },
      { atLeast: '500000', points: 8, label: '50亿元以上' },
    ],
    tagBonuses: [{ tag: '世界500强', points: 10 }],
    tagBonusPer: per,
    cap,
  });
  const u = unit({ signed_count: metric(projects) });
  it('sums the highest tier per project and one bonus per investor', () => {
    const r = scoreOne(item(null), u);
    expect(r.score).toBe('36.00'); // 4 + 8 + 4 + 10 + 10
    expect(r.records.map((x) => x.id)).toEqual([1, 2, 4, 6]);
    expect(r.lines).toContainEqual({ kind: 'project', id: 2, name: null, points: '8', why: '合同投资额600000万元，属50亿元以上' });
  });
  it('caps the item', () => {
    const r = scoreOne(item(20), u);
    expect(r.score).toBe('20.00'); // 36 → 20
    expect(r.notes).toEqual(['capped']);
  });
  it('can pay the tag bonus per project instead', () => {
    expect(scoreOne(item(null, 'project'), u).score).toBe('46.00'); // 36 + 10 for project 5
  });
});

describe('required counts per band, −points per missing', () => {
  const item = (maxPenalty: number | null): ItemInput => ({
    id: 'structure',
    label: '结构',
    type: 'required_counts',
    metric: 'signed_count',
    bands: [
      { label: '3–10亿元', from: '30000', to: '100000', required: 7 },
      { label: '10–20亿元', from: '100000', to: '200000', required: 4 },
      { label: '20亿元以上', from: '200000', to: null, required: 1 },
    ],
    penaltyPerMissing: 0.1,
    maxPenalty,
  });
  const projects = [
    project(1, '30000'), // 3亿 exactly: first band (from is inclusive)
    project(2, '99999.9999'), // just under 10亿: first band
    project(3, '50000'), // first band
    project(4, '100000'), // 10亿 exactly: second band (to is exclusive)
    project(5, '200000'), // 20亿: third band
    project(6, '20000'), // 2亿: no band
    project(7, null), // unknown amount: no band
  ];
  it('deducts 0.1 per missing project', () => {
    // missing: (7 − 3) + (4 − 1) + (1 − 1) = 7 → −0.7
    const r = scoreOne(item(null), unit({ signed_count: metric(projects) }));
    expect(r.score).toBe('-0.70');
    expect(r.inputs).toMatchObject({ 'bands.0.counted': '3', 'bands.0.missing': '4', 'bands.1.counted': '1', 'bands.1.missing': '3', 'bands.2.missing': '0', missing: '7' });
    expect(r.records.map((x) => x.id)).toEqual([1, 2, 3, 4, 5]);
  });
  it('limits the deduction to maxPenalty', () => {
    const r = scoreOne(item(0.5), unit({ signed_count: metric(projects) }));
    expect(r.score).toBe('-0.50'); // −0.7 limited to −0.5
    expect(r.notes).toEqual(['capped']);
  });
});

describe('penalties per occurrence', () => {
  const item = (points: number, maxPenalty: number | null = null): ItemInput => ({
    id: 'p',
    label: '弄虚作假',
    type: 'penalty',
    metric: 'falsified_count',
    pointsPerOccurrence: points,
    maxPenalty,
  });
  it.each([
    [0, 0.2, null, '0.00'], // nothing found: 0, not −0
    [2, 0.2, null, '-0.40'], // 2 × −0.2
    [3, 0.1, null, '-0.30'],
    [2, 0.2, 0.3, '-0.30'], // −0.4 limited to −0.3
  ])('%i occurrences × %f (max %s) → %s', (n, points, max, score) => {
    const r = scoreOne(item(points, max), unit({ falsified_count: metric(ones(n, 100)) }));
    expect(r.score).toBe(score);
    expect(r.lines.every((l) => l.points === String(-points))).toBe(true);
  });
});

describe('base plus bonus above target (60 + 0.5 per full 10%, bonus at most 10)', () => {
  const item = (belowTarget: 'proportional' | 'zero' = 'proportional'): ItemInput => ({
    id: 'b',
    label: '到位资金',
    type: 'base_plus_bonus',
    metric: 'funds_out_of_city',
    basePoints: 60,
    bonusPerStep: 0.5,
    stepPercent: 10,
    bonusCap: 10,
    belowTarget,
  });
  it.each([
    ['100', '60.00'], // met exactly: base only
    ['109.99', '60.00'], // 9.99% above: no full step
    ['110', '60.50'], // one full 10%
    ['135', '61.50'], // 3 full steps: 60 + 1.5
    ['400', '70.00'], // 30 steps = 15 → bonus capped at 10
    ['80', '48.00'], // below target: 60 × 0.8
  ])('actual %s of target 100 → %s', (actual, score) => {
    expect(scoreOne(item(), unit({ funds_out_of_city: { value: actual } }, { funds_out_of_city: '100' })).score).toBe(score);
  });
  it('scores 0 below target when the scheme says so', () => {
    const r = scoreOne(item('zero'), unit({ funds_out_of_city: { value: '80' } }, { funds_out_of_city: '100' }));
    expect(r.score).toBe('0.00');
    expect(r.notes).toContain('below_target');
  });
  it('scores 0 without a target', () => {
    const r = scoreOne(item(), unit({ funds_out_of_city: { value: '80' } }, { funds_out_of_city: null }));
    expect(r.score).toBe('0.00');
    expect(r.notes).toContain('no_target');
  });
  it('shows the steps and the bonus', () => {
    const r = scoreOne(item(), unit({ funds_out_of_city: { value: '135' } }, { funds_out_of_city: '100' }));
    expect(r.inputs).toMatchObject({ completion: '1.3500', steps: '3', bonus: '1.5' });
  });
});

describe('weighted composite', () => {
  const composite = (w1: number, w2: number): ItemInput => ({
    id: 'signed',
    label: '签约项目',
    type: 'composite',
    cap: 30,
    parts: [
      { weight: w1, item: { id: 'c', label: '个数', type: 'ratio', metric: 'signed_count', points: 30, cap: 30 } },
      { weight: w2, item: { id: 'a', label: '金额', type: 'ratio', metric: 'signed_amount', points: 30, cap: 30 } },
    ],
  });
  // count 3 of 4 → 0.75 × 30 = 22.5; amount 12000 of 10000 → 36 → capped 30
  const u = unit({ signed_count: metric(ones(3)), signed_amount: { value: '12000' } }, { signed_count: '4', signed_amount: '10000' });
  it.each([
    [0.5, 0.5, '26.25'], // 0.5 × 22.5 + 0.5 × 30
    [50, 50, '26.25'], // percentages
    [0.7, 0.3, '24.75'], // 15.75 + 9
  ])('weights %f/%f → %s', (w1, w2, score) => {
    const r = scoreOne(composite(w1, w2), u);
    expect(r.score).toBe(score);
    expect(r.parts?.map((p) => [p.score, p.weight])).toEqual([
      ['22.50', String(w1 / (w1 + w2))],
      ['30.00', String(w2 / (w1 + w2))],
    ]);
    expect(r.records.map((x) => x.id)).toEqual([1, 2, 3]);
  });
});

describe('manual items', () => {
  const item: ItemInput = { id: 'fit', label: '产业契合度', type: 'manual', maxPoints: 15 };
  it('takes the entered score with its reason', () => {
    const r = scoreOne(item, unit({}, {}, { fit: { score: '12.5', reason: '补链项目两个，契合度高', by: '评审组' } }));
    expect(r.score).toBe('12.50');
    expect(r.reason).toBe('补链项目两个，契合度高');
  });
  it('scores 0 and says so when nothing was entered', () => {
    const r = scoreOne(item, unit({}));
    expect(r.score).toBe('0.00');
    expect(r.notes).toEqual(['manual_missing']);
  });
  it('refuses a score above the maximum, naming the field', () => {
    const run = () => scoreOne(item, unit({}, {}, { fit: { score: '16', reason: '很好' } }));
    expect(run).toThrow(AssessmentInputError);
    try {
      run();
    } catch (e) {
      expect((e as AssessmentInputError).issues[0]?.path).toEqual(['units', 0, 'manual', 'fit', 'score']);
    }
  });
  it('refuses a score without a written reason', () => {
    expect(() => scoreOne(item, unit({}, {}, { fit: { score: '10', reason: '  ' } }))).toThrow(/reason/);
  });
});

describe('inputs the scorer refuses', () => {
  it('names a missing metric', () => {
    const item: ItemInput = { id: 'n', label: '开工', type: 'ratio', metric: 'started_count', points: 10, cap: 10 };
    expect(() => scoreOne(item, unit({}))).toThrow(/units\.0\.metrics\.started_count/);
  });
});

describe('item-level exclusions', () => {
  it('adds to the scheme ones, or replaces them with ignoreSchemeExclusions', () => {
    const records = [
      project(1, '5000', { value: '5000' }), // below 1亿
      project(2, '20000', { value: '20000', industryCode: '7010' }), // real estate
      project(3, '30000', { value: '30000', isLaterPhase: true }), // 二期
    ];
    const realEstate: Exclusion[] = [{ kind: 'industry', prefixes: ['K'] }];
    const base = { id: 'a', label: '签约额', type: 'ratio', metric: 'signed_amount', points: 100, cap: null } as const;
    const u = unit({ signed_amount: metric(records) }, { signed_amount: '100000' });
    // scheme drops project 2, item drops project 1: 30000 / 100000 × 100 = 30
    expect(scoreOne({ ...base, exclusions: [{ kind: 'below_amount', minAmount: '10000' }] }, u, realEstate).score).toBe('30.00');
    // ignoring the scheme's: only the item's later-phase rule drops project 3: 25000 → 25
    expect(scoreOne({ ...base, exclusions: [{ kind: 'later_phase' }], ignoreSchemeExclusions: true }, u, realEstate).score).toBe('25.00');
  });
});

describe('item ids that are also Object.prototype names', () => {
  it('does not mistake a prototype property for a manual score', () => {
    const r = scoreOne({ id: 'constructor', label: '评议', type: 'manual', maxPoints: 5 }, unit({}));
    expect(r.score).toBe('0.00');
    expect(r.notes).toEqual(['manual_missing']);
  });
});
