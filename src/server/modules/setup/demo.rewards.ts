import { eq } from 'drizzle-orm';
import { fiscalYearOf } from '../../../shared/kpi/period.js';
import { EXAMPLE_REWARD_RULES } from '../../../shared/rewards/examples.js';
import { rewardRules } from '../../../shared/rewards/rules.js';
import type { Actor } from '../../actor.js';
import type { Tx } from '../../db/client.js';
import { orgUnits, rewardRuns, users } from '../../db/schema/index.js';
import { todayInChina } from '../followups/china-date.js';
import { computeRewardRun, insertRewardRun, markRewardRunPublished } from '../rewards/rewards.runs.js';
import { insertRuleSet } from '../rewards/rewards.rules.js';
import { getSettings } from '../settings/settings.service.js';

/*
 * The demo's rewards (示例奖励兑现): the example rule set of src/shared/rewards/examples.ts (3‰/2‰/1.5‰
 * of fixed-asset investment by tier, 2‰ of foreign funds, 5万元 per 亿元以上 project; caps 50万元 per
 * person, 200万元 per unit), owned by the city, and one published run for the demo year computed from
 * the demo ledger like any other run.
 */

export async function seedDemoRewards(tx: Tx, actor: Actor, opts: { rootId: number; today?: string }): Promise<{ ruleSetId: number; runId: number }> {
  const today = opts.today ?? todayInChina();
  const settings = await getSettings(tx);
  const fiscalYear = fiscalYearOf(today, settings.fiscalYearStartMonth);
  const [root] = await tx.select().from(orgUnits).where(eq(orgUnits.id, opts.rootId));
  const [bureau] = await tx.select().from(users).where(eq(users.username, 'demo.bureau'));
  if (!root || !bureau) throw new Error('demo rewards: the demo city or its bureau user is missing');

  const rules = rewardRules.parse({ ...EXAMPLE_REWARD_RULES, name: `示例·${EXAMPLE_REWARD_RULES.name}` });
  const ruleSetId = await insertRuleSet(tx, actor, root.id, rules, 1, null, true);
  const run = await computeRewardRun(tx, root, rules, { from: fiscalYear.from, to: fiscalYear.to });
  const runId = await insertRewardRun(tx, actor, { id: ruleSetId, version: 1, unitId: root.id }, run, { byUserId: bureau.id, isDemo: true });
  const [row] = await tx.select().from(rewardRuns).where(eq(rewardRuns.id, runId));
  await markRewardRunPublished(tx, actor, row!, { byUserId: bureau.id, note: '示例：演示用奖励兑现结果' });
  return { ruleSetId, runId };
}
