import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchesIndustryPrefix } from '../../../shared/assessment/exclusions.js';
import { queryRows } from '../../db/client.js';
import { createTestContext, type TestContext } from '../../test/context.js';
import { describeGroup, groupIdOf, industryPrefixSql } from './assessment.groups.js';

// Grouped runs classify industry codes in SQL: the SQL must answer exactly as the engine's matcher.

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t.close();
});

const CODES = ['K', 'k', 'k70', '7010', '70', '701', 'K70', 'K7010', 'C13', '13', '1391', 'A', '01', '0511', '4410', '9700', '97', 'X12', '12a', '', ' 7010 ', 'C', '3011', 'K7', '96', '9', '5', 'T97', 'S9700', '98', '00'];
const PREFIXES = ['K', 'K70', '70', '701', 'C', '13', 'C13', '1', 'A01', 'T', 'B', 'X', '', 'k70', '7', 'S97'];

describe('industry prefixes in SQL', () => {
  it('match exactly as matchesIndustryPrefix, for every code and prefix', async () => {
    const values = sql.join(
      [...CODES, null].map((c) => sql`(${c}::text)`),
      sql`, `,
    );
    for (const prefix of PREFIXES) {
      const rows = await queryRows<{ industry_code: string | null; hit: boolean }>(
        t.database.db,
        sql`select projects.industry_code, ${industryPrefixSql(prefix)} as hit from (values ${values}) as projects(industry_code)`,
      );
      const got = Object.fromEntries(rows.map((r) => [String(r.industry_code), Boolean(r.hit)]));
      const want = Object.fromEntries([...CODES, null].map((c) => [String(c), matchesIndustryPrefix(c, prefix)]));
      expect(got, `prefix ${prefix}`).toEqual(want);
    }
  });
});

describe('groups', () => {
  it('keep their id across runs and differ by metric', () => {
    expect(groupIdOf('signed_count', '["project"]')).toBe(groupIdOf('signed_count', '["project"]'));
    expect(groupIdOf('signed_count', '["project"]')).not.toBe(groupIdOf('signed_amount', '["project"]'));
    expect(Number.isSafeInteger(groupIdOf('x', 'y'))).toBe(true);
  });

  it('say in words what their records share', () => {
    const plan = { breakpoints: ['100000'], prefixes: ['K70'], bonusTags: ['世界500强'] };
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
