import { describe, expect, it } from 'vitest';
import { QUARTERLY_SCHEME, RATIO_SCHEME, WEIGHTED_SCHEME } from './examples.js';
import { amountBand, groupingPlan, groupUnitInputs, industryClass } from './grouping.js';
import type { ScoreRecordInput, UnitInputData } from './inputs.js';
import { assessmentScheme, metricsOfScheme, type AssessmentScheme, type AssessmentSchemeInput } from './scheme.js';
import { scoreScheme, type AssessmentResult } from './score.js';

/** A small deterministic generator (mulberry32): the same records on every run. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CODES = ['7010', '7020', 'K', '3011', '1391', '6510', 'C', '13', null];
const AMOUNTS = ['0', '2999', '3000', '29999.5', '30000', '99999', '100000', '150000', '199999.99', '200000', '500000', '1200000', null];
const TAGS = [[], [], ['世界500强'], ['央企'], ['世界500强', '央企'], ['中国500强']];

/** Every fact varies over values on and around the scheme's own thresholds. */
function records(rnd: () => number, n: number, kind: 'project' | 'tranche', from: number): ScoreRecordInput[] {
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  return Array.from({ length: n }, (_, i) => {
    const amount = pick(AMOUNTS);
    const investorId = Math.floor(rnd() * 6) + 1;
    return {
      kind,
      id: from + i,
      projectId: from + i,
      value: kind === 'project' ? '1' : String(Math.floor(rnd() * 90000) / 100),
      industryCode: pick(CODES),
      contractedAmount: amount,
      fundsSource: kind === 'tranche' ? pick(['local', 'out_of_province', 'foreign', 'in_province_out_of_city'] as const) : null,
      investorId,
      // One investor, one set of tags.
      investorTags: TAGS[investorId % TAGS.length]!,
      isLaterPhase: rnd() < 0.2,
      isGovernmentFunded: rnd() < 0.15,
    };
  });
}

const ALL_RULES: AssessmentSchemeInput = {
  name: '分组等价性检验',
  version: 1,
  units: { kind: 'unit_types', types: ['county'] },
  period: { kind: 'year', year: 2026 },
  exclusions: [
    { kind: 'industry', prefixes: ['K70', '13'] },
    { kind: 'funds_source', sources: ['local'] },
  ],
  items: [
    { id: 'ratio', label: '签约额', type: 'ratio', metric: 'signed_amount', points: 30, cap: 30 },
    { id: 'count', label: '签约数', type: 'count', metric: 'signed_count', pointsPerItem: 0.3, cap: 50, exclusions: [{ kind: 'below_amount', minAmount: '3000' }] },
    {
      id: 'tiers_investor',
      label: '重大项目（按投资方）',
      type: 'tiers',
      metric: 'signed_count',
      amountTiers: [
        { atLeast: '100000', points: 4 },
        { atLeast: '500000', points: 8 },
      ],
      tagBonuses: [{ tag: '世界500强', points: 10 }, { tag: '央企', points: 3 }],
      cap: 500,
    },
    { id: 'tiers_project', label: '重大项目（按项目）', type: 'tiers', metric: 'signed_count', amountTiers: [{ atLeast: '29999.5', points: 1 }], tagBonuses: [{ tag: '央企', points: 2 }], tagBonusPer: 'project', exclusions: [{ kind: 'later_phase' }] },
    {
      id: 'structure',
      label: '结构',
      type: 'required_counts',
      metric: 'signed_count',
      bands: [
        { label: '3–10亿', from: '30000', to: '100000', required: 40 },
        { label: '10–20亿', from: '100000', to: '200000', required: 30 },
        { label: '20亿以上', from: '200000', to: null, required: 25 },
      ],
      penaltyPerMissing: 0.1,
    },
    { id: 'funds', label: '资金', type: 'base_plus_bonus', metric: 'funds_out_of_province_total', basePoints: 20, bonusPerStep: 0.5, stepPercent: 10, bonusCap: 2, exclusions: [{ kind: 'government_funded' }] },
    { id: 'penalty', label: '扣分', type: 'penalty', metric: 'signed_not_started_count', pointsPerOccurrence: 0.1, maxPenalty: 3, ignoreSchemeExclusions: true },
    {
      id: 'composite',
      label: '综合',
      type: 'composite',
      parts: [
        { weight: 60, item: { id: 'c1', label: '个数', type: 'ratio', metric: 'signed_count', points: 20, cap: 20 } },
        { weight: 40, item: { id: 'c2', label: '金额', type: 'ratio', metric: 'signed_amount', points: 20, exclusions: [{ kind: 'below_amount', minAmount: '100000' }] } },
      ],
    },
  ],
} as AssessmentSchemeInput;

function sumOf(rs: ScoreRecordInput[]): string {
  return rs.reduce((acc, r) => acc + Math.round(Number(r.value ?? '1') * 100), 0) / 100 + '';
}

function unitsFor(seed: number): UnitInputData[] {
  const rnd = random(seed);
  return [1, 2, 3, 4].map((u) => {
    const signed = records(rnd, 40 + u * 15, 'project', u * 10000);
    const amounts = signed.map((r) => ({ ...r, value: r.contractedAmount ?? '0' }));
    const tranches = records(rnd, 30, 'tranche', u * 10000 + 5000);
    const late = records(rnd, u * 3, 'project', u * 10000 + 8000);
    return {
      unitId: u,
      name: `县${u}`,
      sortOrder: u,
      metrics: {
        signed_count: { value: String(signed.length), records: signed },
        signed_amount: { value: sumOf(amounts), records: amounts },
        funds_out_of_province_total: { value: sumOf(tranches), records: tranches },
        signed_not_started_count: { value: String(late.length), records: late },
      },
      targets: { signed_amount: '2000000', signed_count: '50', funds_out_of_province_total: '9000' },
    };
  });
}

/** What a result says: each unit's total, rank and every item's (and part's) score and inputs. */
function scores(result: AssessmentResult) {
  return result.units.map((u) => ({
    unit: u.unitId,
    total: u.total,
    rank: u.rank,
    items: u.items.map((i) => ({ id: i.itemId, score: i.score, inputs: i.inputs, notes: i.notes, parts: i.parts?.map((p) => [p.itemId, p.score, p.inputs]) ?? null })),
  }));
}

describe('grouped records score exactly as the records one by one', () => {
  const scheme: AssessmentScheme = assessmentScheme.parse(ALL_RULES);

  it('lists the constants the rules compare with', () => {
    const plan = groupingPlan(scheme);
    expect(plan.breakpoints).toEqual(['3000', '29999.5', '30000', '100000', '200000', '500000']);
    expect(plan.prefixes).toEqual(['K70', '13']);
    expect(plan.bonusTags).toEqual(['世界500强', '央企']);
    expect(industryClass(plan, '7010')).toBe('10');
    expect(industryClass(plan, '1391')).toBe('01');
    expect(industryClass(plan, 'K')).toBe('00'); // a bare section cannot be told to be division 70
    expect(amountBand(plan, '2999')).toBe(-1);
    expect(amountBand(plan, '30000')).toBe(2);
    expect(amountBand(plan, null)).toBeNull();
  });

  it('lists, for some metrics, only the constants of the rules that read them', () => {
    // The funds are read by one item: the scheme's exclusions and its own, no amounts or bonus tags.
    const funds = groupingPlan(scheme, ['funds_out_of_province_total']);
    expect(funds).toEqual({ breakpoints: [], prefixes: ['K70', '13'], bonusTags: [], reads: { fundsSource: true, laterPhase: false, governmentFunded: true } });
    expect(amountBand(funds, '500000')).toBeNull();
    // An item's own exclusions and amounts count for its metric only (a composite's part too).
    expect(groupingPlan(scheme, ['signed_amount']).breakpoints).toEqual(['100000']);
    expect(groupingPlan(scheme, ['signed_count']).breakpoints).toEqual(['3000', '29999.5', '30000', '100000', '200000', '500000']);
    expect(groupingPlan(scheme, ['signed_count']).reads).toEqual({ fundsSource: true, laterPhase: true, governmentFunded: false });
    expect(groupingPlan(scheme, ['signed_count', 'funds_out_of_province_total']).reads.governmentFunded).toBe(true);
    // A scheme-wide amount threshold is read by every metric.
    const withThreshold = assessmentScheme.parse({ ...ALL_RULES, exclusions: [...ALL_RULES.exclusions!, { kind: 'below_amount', minAmount: '500' }] });
    expect(groupingPlan(withThreshold, ['funds_out_of_province_total']).breakpoints).toEqual(['500']);
  });

  for (const seed of [1, 2, 3, 4, 5]) {
    it(`every item type, exclusion and bonus (seed ${seed})`, () => {
      const units = unitsFor(seed);
      const grouped = groupUnitInputs(scheme, units);
      // Far fewer records, the same scores.
      const before = units.reduce((n, u) => n + Object.values(u.metrics).reduce((m, x) => m + (x.records?.length ?? 0), 0), 0);
      const after = grouped.reduce((n, u) => n + Object.values(u.metrics).reduce((m, x) => m + (x.records?.length ?? 0), 0), 0);
      expect(after).toBeLessThan(before);
      expect(scores(scoreScheme(scheme, grouped))).toEqual(scores(scoreScheme(scheme, units)));
    });
  }

  it('a group counts its records in tiers, bands and bonuses', () => {
    const units = unitsFor(7);
    const item = (r: AssessmentResult, id: string) => r.units.find((u) => u.unitId === 2)!.items.find((i) => i.itemId === id)!;
    const one = scoreScheme(scheme, units);
    const grouped = scoreScheme(scheme, groupUnitInputs(scheme, units));
    for (const id of ['tiers_investor', 'tiers_project', 'structure']) {
      const pointsOf = (r: AssessmentResult) => item(r, id).lines.reduce((acc, l) => acc + Math.round(Number(l.points) * 100), 0);
      expect(pointsOf(grouped)).toBe(pointsOf(one));
      expect(item(grouped, id).lines.every((l) => l.kind === 'group' && (l.count ?? 0) >= 1)).toBe(true);
    }
  });
});

describe('the example schemes score alike from groups', () => {
  it.each([
    ['ratio', RATIO_SCHEME],
    ['quarterly', QUARTERLY_SCHEME],
    ['weighted', WEIGHTED_SCHEME],
  ] as const)('%s scheme over random units', (_, s) => {
    const units = unitsFor(11);
    // Give every metric the example reads some records (projects for counts, tranches for money).
    const rnd = random(99);
    const withAll = units.map((u) => {
      const metrics: UnitInputData['metrics'] = {};
      for (const m of metricsOfScheme(s)) {
        const rs = m.includes('funds') ? records(rnd, 20, 'tranche', u.unitId * 1000) : records(rnd, 25, 'project', u.unitId * 1000 + 500);
        const valued = m.endsWith('_amount') ? rs.map((r) => ({ ...r, value: r.contractedAmount ?? '0' })) : rs;
        metrics[m] = { value: sumOf(valued), records: valued };
      }
      return { ...u, metrics, targets: Object.fromEntries(metricsOfScheme(s).map((m) => [m, '10'])), manual: {} };
    });
    expect(scores(scoreScheme(s, groupUnitInputs(s, withAll)))).toEqual(scores(scoreScheme(s, withAll)));
  });
});
