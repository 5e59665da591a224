import { describe, expect, it } from 'vitest';
import { describeGroup, groupIdOf } from './assessment.groups.js';

describe('groups', () => {
  it('keep their id across runs and differ by metric', () => {
    expect(groupIdOf('signed_count', '["project"]')).toBe(groupIdOf('signed_count', '["project"]'));
    expect(groupIdOf('signed_count', '["project"]')).not.toBe(groupIdOf('signed_amount', '["project"]'));
    expect(Number.isSafeInteger(groupIdOf('x', 'y'))).toBe(true);
  });

  it('say in words what their records share', () => {
    const plan = { breakpoints: ['100000'], prefixes: ['K70'], bonusTags: ['世界500强'], reads: { fundsSource: true, laterPhase: true, governmentFunded: true } };
    const text = describeGroup(plan, {
      of: 'project',
      count: 3,
      value: '3',
      industryCode: '7010',
      contractedAmount: '120000',
      amountMax: '180000',
      fundsSource: null,
      investorId: 9,
      investorTags: ['世界500强'],
      isLaterPhase: true,
      isGovernmentFunded: false,
    });
    expect(text).toBe('3个项目，行业属K70，合同投资额12.00亿元至18.00亿元，老项目续建/后续期次，投资方（编号9）为世界500强');
  });
});
