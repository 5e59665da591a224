import type { RewardRulesInput } from './rules.js';

/*
 * An example rule set modelled on published 招商引资奖励办法: 3‰ / 2‰ / 1.5‰ of the fixed-asset
 * investment of projects started in the period (≥10亿 / ≥1亿 / below), 2‰ of paid-in foreign capital,
 * a fixed 5万元 per 亿元以上 project signed in the period; at most 50万元 per person and 200万元 per unit.
 */
export const EXAMPLE_REWARD_RULES: RewardRulesInput = {
  name: '招商引资奖励兑现办法',
  description: '按固定资产投资分档千分比、外资实际到位千分比和亿元以上项目定额奖励第一引荐人及其单位；个人、单位分别封顶。',
  items: [
    {
      id: 'fixed_assets',
      label: '固定资产投资奖励（开工）',
      type: 'investment_per_mille',
      figure: 'fixed_asset_investment',
      event: 'started',
      tiers: [
        { atLeast: '0', perMille: '1.5' },
        { atLeast: '10000', perMille: '2' },
        { atLeast: '100000', perMille: '3' },
      ],
    },
    { id: 'foreign_funds', label: '外资实际到位奖励', type: 'funds_per_mille', sources: ['foreign'], tiers: [{ atLeast: '0', perMille: '2' }] },
    { id: 'big_project', label: '亿元以上项目定额奖励（签约）', type: 'fixed_per_project', figure: 'contracted_investment', event: 'signed', tiers: [{ atLeast: '10000', amount: '5' }] },
  ],
  caps: { perPerson: '50', perUnit: '200' },
};
