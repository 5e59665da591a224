import { describe, expect, it } from 'vitest';
import { allocate, computeRewards, RewardInputError, type CreditShare, type RewardProjectFacts, type RewardTranche } from './compute.js';
import { describeRewardLine } from './describe.js';
import { EXAMPLE_REWARD_RULES } from './examples.js';
import { parseRewardRules, rewardRules, type RewardRulesInput } from './rules.js';

/*
 * Hand-computed examples (万元, period 2025). Rates: 3‰ / 2‰ / 1.5‰ of fixed-asset investment of
 * projects started in the period (≥10亿 / ≥1亿 / below), 2‰ of foreign funds, 5万元 per 亿元以上
 * project signed in the period.
 */

const YEAR = { from: '2025-01-01', to: '2025-12-31' };
const A = { unitId: 1, unitName: '甲县' };
const B = { unitId: 2, unitName: '乙县' };
const zhang = { key: 'user:11', name: '张三', userId: 11, referralId: 101 };
const li = { key: 'name:李四', name: '李四', userId: null, referralId: 102 };

function project(id: number, over: Partial<RewardProjectFacts> = {}): RewardProjectFacts {
  return {
    projectId: id,
    name: `项目${id}`,
    ...A,
    fixedAssetInvestment: null,
    contractedInvestment: null,
    signedDate: null,
    startedDate: null,
    producingDate: null,
    tranches: [],
    credit: [{ ...A, percent: 100, referrer: zhang }],
    ...over,
  };
}

const started = (id: number, fai: string | null, date = '2025-03-10', credit?: CreditShare[]) =>
  project(id, { fixedAssetInvestment: fai, startedDate: date, ...(credit ? { credit } : {}) });

const rules = (over: Partial<RewardRulesInput>) => rewardRules.parse({ ...EXAMPLE_REWARD_RULES, caps: {}, ...over });
const [FAI, FOREIGN, BIG] = EXAMPLE_REWARD_RULES.items;
const only = (item: (typeof EXAMPLE_REWARD_RULES.items)[number], caps: RewardRulesInput['caps'] = {}) => rules({ items: [item], caps });

const amounts = (r: ReturnType<typeof computeRewards>) => r.lines.map((l) => [l.projectId, l.unitId, l.amount]);

describe('tiers of fixed-asset investment (whole amount at the tier reached)', () => {
  it.each([
    ['12.5亿 ≥10亿 → 3‰', '125000', '3', '375.0000'],
    ['exactly 10亿 → 3‰', '100000', '3', '300.0000'],
    ['1.25亿 → 2‰', '12500', '2', '25.0000'],
    ['8000万 → 1.5‰', '8000', '1.5', '12.0000'],
    ['1234.5678万 × 1.5‰ = 1.8518517 → 1.8519 (half up, to the yuan)', '1234.5678', '1.5', '1.8519'],
  ])('%s', (_, fai, rate, amount) => {
    const r = computeRewards(only(FAI!), [started(1, fai)], YEAR);
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatchObject({ perMille: rate, projectAmount: amount, raw: amount, amount, caps: [], base: { figure: 'fixed_asset_investment', amount: Number(fai).toFixed(4), event: 'started', eventDate: '2025-03-10' } });
  });

  it('counts only projects whose verified start falls in the period, with an amount', () => {
    const r = computeRewards(only(FAI!), [started(1, '50000', '2024-12-31'), started(2, '50000', '2026-01-01'), started(3, null), project(4, { fixedAssetInvestment: '50000' }), started(5, '0')], YEAR);
    expect(r.lines).toEqual([]);
    expect(r.projectCount).toBe(0);
    expect(r.total.amount).toBe('0.0000');
  });
});

describe('per mille of verified funds in place in the period', () => {
  const tranche = (id: number, date: string, amountCny: string, source: RewardTranche['source'] = 'foreign'): RewardTranche => ({ id, date, amountCny, source });
  it('2‰ of the foreign tranches dated in the period (other sources and dates left out)', () => {
    const p = project(1, {
      tranches: [tranche(12, '2025-12-31', '3550.5'), tranche(11, '2025-02-01', '7100'), tranche(13, '2026-01-01', '1000'), tranche(14, '2025-05-01', '5000', 'out_of_province'), tranche(15, '2024-12-31', '900')],
    });
    const [line] = computeRewards(only(FOREIGN!), [p], YEAR).lines;
    // (7100 + 3550.5) × 2‰ = 21.301
    expect(line).toMatchObject({ base: { figure: 'funds', amount: '10650.5000', trancheIds: [11, 12], sources: ['foreign'] }, perMille: '2', amount: '21.3010' });
  });

  it('a correction (negative tranche) reduces the base; nothing left pays nothing', () => {
    const p = project(1, { tranches: [tranche(1, '2025-02-01', '1000'), tranche(2, '2025-03-01', '-1000')] });
    expect(computeRewards(only(FOREIGN!), [p], YEAR).lines).toEqual([]);
  });
});

describe('fixed amount per project tier', () => {
  const tiers = rules({
    items: [{ id: 'big', label: '亿元以上项目', type: 'fixed_per_project', figure: 'contracted_investment', event: 'signed', tiers: [{ atLeast: '10000', amount: '5' }, { atLeast: '100000', amount: '20' }] }],
  });
  it.each([
    ['1亿 exactly → 5万元', '10000', '5.0000'],
    ['6亿 → 5万元', '60000', '5.0000'],
    ['15亿 → 20万元', '150000', '20.0000'],
  ])('%s', (_, contracted, amount) => {
    const [line] = computeRewards(tiers, [project(1, { contractedInvestment: contracted, signedDate: '2025-06-01' })], YEAR).lines;
    expect(line).toMatchObject({ fixedAmount: amount, perMille: null, amount });
  });
  it('below the lowest tier pays nothing', () => {
    expect(computeRewards(tiers, [project(1, { contractedInvestment: '9999.9999', signedDate: '2025-06-01' })], YEAR).lines).toEqual([]);
  });
});

describe('credit splits', () => {
  it('60/40 between two units, each share naming its referrer', () => {
    const credit = [
      { ...A, percent: 60, referrer: zhang },
      { ...B, percent: 40, referrer: li },
    ];
    const r = computeRewards(only(FAI!), [started(1, '125000', '2025-03-10', credit)], YEAR);
    // 125000 × 3‰ = 375 → 60% 225, 40% 150
    expect(amounts(r)).toEqual([
      [1, 1, '225.0000'],
      [1, 2, '150.0000'],
    ]);
    expect(r.lines.map((l) => l.referrer?.name)).toEqual(['张三', '李四']);
    expect(r.byUnit).toEqual([
      { unitId: 1, unitName: '甲县', amount: '225.0000', raw: '225.0000' },
      { unitId: 2, unitName: '乙县', amount: '150.0000', raw: '150.0000' },
    ]);
  });

  it('a split that does not divide to the yuan still adds up (largest remainder)', () => {
    // 2222.2 × 1.5‰ = 3.3333; 60% = 1.99998 → 2.0000, 40% = 1.33332 → 1.3333
    const credit = [
      { ...A, percent: 60, referrer: zhang },
      { ...B, percent: 40, referrer: li },
    ];
    const r = computeRewards(only(FAI!), [started(1, '2222.2', '2025-03-10', credit)], YEAR);
    expect(amounts(r)).toEqual([
      [1, 1, '2.0000'],
      [1, 2, '1.3333'],
    ]);
  });

  it('a project with no referrer is credited to its unit only, outside any person cap', () => {
    const r = computeRewards(only(FAI!, { perPerson: '1' }), [started(1, '12500', '2025-03-10', [{ ...B, percent: 100, referrer: null }])], YEAR);
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatchObject({ unitId: 2, referrer: null, amount: '25.0000', caps: [] });
    expect(r.byPerson).toEqual([]);
  });
});

describe('caps', () => {
  it('per person: one referrer’s lines together at most 50万元, in proportion', () => {
    // 30000 × 2‰ = 60, 20000 × 2‰ = 40; total 100 > 50 → 30 and 20. 李四's 40 is under the cap.
    const r = computeRewards(only(FAI!, { perPerson: '50' }), [started(1, '30000'), started(2, '20000'), started(3, '20000', '2025-04-01', [{ ...B, percent: 100, referrer: li }])], YEAR);
    expect(amounts(r)).toEqual([
      [1, 1, '30.0000'],
      [2, 1, '20.0000'],
      [3, 2, '40.0000'],
    ]);
    expect(r.lines[0]!.caps).toEqual([{ kind: 'person', cap: '50.0000', total: '100.0000', before: '60.0000', after: '30.0000' }]);
    expect(r.byPerson.find((p) => p.key === 'user:11')).toMatchObject({ amount: '50.0000', raw: '100.0000' });
  });

  it('per unit: one unit’s lines together at most 200万元, exactly (100 + 66.6667 + 33.3333)', () => {
    // 75000 × 2‰ = 150, 50000 × 2‰ = 100, 25000 × 2‰ = 50; 300 > 200.
    const r = computeRewards(only(FAI!, { perUnit: '200' }), [started(1, '75000'), started(2, '50000'), started(3, '25000')], YEAR);
    expect(amounts(r)).toEqual([
      [1, 1, '100.0000'],
      [2, 1, '66.6667'],
      [3, 1, '33.3333'],
    ]);
    expect(r.total).toEqual({ amount: '200.0000', raw: '300.0000' });
  });

  it('per project: a project’s items together, before the split', () => {
    // 375 (3‰ of 12.5亿) + 5 (亿元以上) = 380 > 100 → 98.6842 + 1.3158
    const p = project(1, { fixedAssetInvestment: '125000', startedDate: '2025-03-10', contractedInvestment: '150000', signedDate: '2025-01-05' });
    const r = computeRewards(rules({ items: [FAI!, BIG!], caps: { perProject: '100' } }), [p], YEAR);
    expect(r.lines.map((l) => [l.itemId, l.projectAmount, l.amount])).toEqual([
      ['fixed_assets', '375.0000', '98.6842'],
      ['big_project', '5.0000', '1.3158'],
    ]);
  });

  it('the example rules: person cap, then unit cap on what is left', () => {
    // 张三 (甲县): 12.5亿 × 3‰ = 375 → person cap 50. 李四 (甲县): 8亿 × 2‰ = 160 + 5 (亿元以上) = 165 → 50
    // (160 → 48.4848, 5 → 1.5152). Unrelated unit staff project (no referrer) 8亿 × 2‰ = 160.
    // 甲县: 50 + 50 + 160 = 260 > 200 → scaled by 200/260.
    const projects = [
      started(1, '125000'),
      project(2, { fixedAssetInvestment: '80000', startedDate: '2025-05-01', contractedInvestment: '90000', signedDate: '2025-02-01', credit: [{ ...A, percent: 100, referrer: li }] }),
      started(3, '80000', '2025-06-01', [{ ...A, percent: 100, referrer: null }]),
    ];
    const r = computeRewards(rewardRules.parse(EXAMPLE_REWARD_RULES), projects, YEAR);
    const byLine = r.lines.map((l) => [l.projectId, l.itemId, l.caps.map((c) => `${c.kind}:${c.after}`).join(','), l.amount]);
    // Unit cap weights 50, 48.4848, 1.5152, 160 (sum 260) → ×200/260: 38.4615…, 37.2960, 1.1655…, 123.0769…
    expect(byLine).toEqual([
      [1, 'fixed_assets', 'person:50.0000,unit:38.4616', '38.4616'],
      [2, 'fixed_assets', 'person:48.4848,unit:37.2960', '37.2960'],
      [2, 'big_project', 'person:1.5152,unit:1.1655', '1.1655'],
      [3, 'fixed_assets', 'unit:123.0769', '123.0769'],
    ]);
    expect(r.total.amount).toBe('200.0000');
  });
});

describe('input checks', () => {
  it('refuses credit shares that do not add up to 100, naming the project', () => {
    const bad = started(1, '1000', '2025-03-10', [{ ...A, percent: 70, referrer: zhang }]);
    expect(() => computeRewards(only(FAI!), [bad], YEAR)).toThrow(RewardInputError);
    try {
      computeRewards(only(FAI!), [project(2), bad], YEAR);
    } catch (e) {
      expect((e as RewardInputError).issues.map((i) => i.path.join('.'))).toEqual(['projects.1.credit']);
    }
  });
});

describe('rule sets name the field they refuse', () => {
  const pathsOf = (data: unknown) => {
    const r = parseRewardRules(data);
    return r.ok ? [] : r.issues.map((i) => i.path.join('.'));
  };
  it.each([
    ['tiers out of order', { items: [{ ...FAI!, tiers: [{ atLeast: '10000', perMille: '2' }, { atLeast: '0', perMille: '1' }] }] }, 'items.0.tiers.1.atLeast'],
    ['a zero rate', { items: [{ ...FOREIGN!, tiers: [{ atLeast: '0', perMille: '0' }] }] }, 'items.0.tiers.0.perMille'],
    ['a rate above 1000‰', { items: [{ ...FOREIGN!, tiers: [{ atLeast: '0', perMille: '1001' }] }] }, 'items.0.tiers.0.perMille'],
    ['a duplicate item id', { items: [FAI!, FAI!] }, 'items.1.id'],
    ['a negative cap', { caps: { perPerson: '-1' } }, 'caps.perPerson'],
    ['no sources', { items: [{ ...FOREIGN!, sources: [] }] }, 'items.0.sources'],
    ['a source twice', { items: [{ ...FOREIGN!, sources: ['foreign', 'foreign'] }] }, 'items.0.sources'],
    ['an unknown figure', { items: [{ ...FAI!, figure: 'land' }] }, 'items.0.figure'],
    ['no items', { items: [] }, 'items'],
  ])('%s', (_, over, path) => {
    expect(pathsOf({ ...EXAMPLE_REWARD_RULES, ...over })).toContain(path);
  });
  it('accepts the example', () => expect(pathsOf(EXAMPLE_REWARD_RULES)).toEqual([]));
});

describe('allocate', () => {
  it.each([
    ['even', '10', ['1', '1'], ['5.0000', '5.0000']],
    ['thirds', '1', ['1', '1', '1'], ['0.3334', '0.3333', '0.3333']],
    ['zero weights', '5', ['0', '0'], ['0.0000', '0.0000']],
  ])('%s', (_, total, weights, out) => {
    expect(allocate(total, weights).map((d) => d.toFixed(4))).toEqual(out);
  });
});

describe('the calculation in words', () => {
  it('reads a split and a person cap', () => {
    const credit = [
      { ...A, percent: 60, referrer: zhang },
      { ...B, percent: 40, referrer: li },
    ];
    const r = computeRewards(only(FAI!, { perPerson: '200' }), [started(1, '125000', '2025-03-10', credit)], YEAR);
    expect(describeRewardLine(r.lines[0]!, 'zh')).toBe(
      '固定资产投资 12.50亿元（2025-03-10开工，≥10.00亿元档） × 3‰ = 375万元；甲县分成 60% = 225万元；个人封顶：合计 225万元 超过上限 200万元，本项按比例由 225万元 调至 200万元；应兑现 200万元',
    );
    expect(describeRewardLine(r.lines[1]!, 'en')).toBe(
      'Fixed-asset investment 12.50 ×100M CNY (started 2025-03-10, tier ≥ 10.00 ×100M CNY) × 3‰ = 375 ×10k CNY; 乙县\'s share 40% = 150 ×10k CNY; payable 150 ×10k CNY',
    );
  });
});
