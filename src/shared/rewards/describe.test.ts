import { describe, expect, it } from 'vitest';
import { describeCaps, describeRuleItem } from './describe.js';
import { EXAMPLE_REWARD_RULES } from './examples.js';
import { rewardRules } from './rules.js';

// The rules panel of 奖励兑现 reads these: the example rule set (3‰ / 2‰ / 1.5‰ by tier, 2‰ of foreign
// funds, 5万元 per 亿元以上 project; 50万元 per person, 200万元 per unit) in words.
const rules = rewardRules.parse(EXAMPLE_REWARD_RULES);

describe('describeRuleItem', () => {
  it('names each tier by the range it covers, up to the next tier', () => {
    const w = describeRuleItem(rules.items[0]!, 'zh');
    expect(w.kind).toBe('按投资额千分比');
    expect(w.basis).toBe('审核通过的开工日期在兑现期间内的项目，按其固定资产投资');
    expect(w.tiers).toEqual([
      { range: '1亿元以下', pays: '全额 × 1.5‰' },
      { range: '1亿元（含）至 10亿元', pays: '全额 × 2‰' },
      { range: '10亿元及以上', pays: '全额 × 3‰' },
    ]);
    expect(w.below).toBeNull();
  });

  it.each([
    ['zh', '每个项目在兑现期间内审核通过的实际到位资金（境外资金（外资））合计', [{ range: '不限金额', pays: '全额 × 2‰' }]],
    ['en', "Each project's verified funds in place (Foreign) dated in the period, summed", [{ range: 'any amount', pays: 'whole amount × 2‰' }]],
  ] as const)('a single tier from zero covers any amount (%s)', (lang, basis, tiers) => {
    const w = describeRuleItem(rules.items[1]!, lang);
    expect(w.basis).toBe(basis);
    expect(w.tiers).toEqual(tiers);
  });

  it('a fixed amount per project, and nothing below the lowest tier', () => {
    expect(describeRuleItem(rules.items[2]!, 'zh')).toEqual({
      kind: '按项目档次定额',
      basis: '审核通过的签约日期在兑现期间内的项目，按其合同投资额',
      tiers: [{ range: '1亿元及以上', pays: '每个项目 5万元' }],
      below: '不足 1亿元：不奖励',
    });
    expect(describeRuleItem(rules.items[2]!, 'en').below).toBe('Below 1 ×100M CNY: nothing');
  });

  it('writes thresholds as a rule would, without padding zeros', () => {
    const item = { ...rules.items[2]!, tiers: [{ atLeast: '5000', amount: '2' }, { atLeast: '15000', amount: '8' }] } as never;
    expect(describeRuleItem(item, 'zh').tiers.map((t) => t.range)).toEqual(['5,000万元（含）至 1.5亿元', '1.5亿元及以上']);
  });
});

describe('describeCaps', () => {
  it('lists every cap, the unset ones as 不封顶', () => {
    expect(describeCaps(rules.caps, 'zh')).toEqual([
      { label: '单个项目封顶', value: '不封顶' },
      { label: '个人封顶', value: '50万元' },
      { label: '单位封顶', value: '200万元' },
    ]);
    expect(describeCaps({ perProject: '12.5' }, 'en')[0]).toEqual({ label: 'Per-project cap', value: '12.5 ×10k CNY' });
  });
});
