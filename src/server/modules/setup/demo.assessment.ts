import { eq } from 'drizzle-orm';
import { EXAMPLE_SCHEMES } from '../../../shared/assessment/examples.js';
import { assessmentScheme, type AssessmentScheme, type SchemePeriod } from '../../../shared/assessment/scheme.js';
import { fiscalYearOf } from '../../../shared/kpi/period.js';
import type { Actor } from '../../actor.js';
import type { Tx } from '../../db/client.js';
import { assessmentRuns, orgUnits, users } from '../../db/schema/index.js';
import { computeRun, insertRun, markPublished } from '../assessment/assessment.runs.js';
import { insertScheme } from '../assessment/assessment.schemes.js';
import { todayInChina } from '../followups/china-date.js';
import { getSettings } from '../settings/settings.service.js';

/*
 * The demo's assessment (示例考核): the three example schemes of src/shared/assessment/examples.ts
 * for the demo year, owned by the city, and one published run of the 50/30/20 scheme, computed
 * from the demo ledger and the demo targets like any other run. The other two read metrics the
 * ledger cannot trace yet (领导招商次数, 弄虚作假项目数), so they stay drafts to copy from.
 */

const DEMO_NAME_PREFIX = '示例·';

/** An example scheme moved to the demo year (the quarterly one to the current quarter). */
function demoScheme(example: AssessmentScheme, year: number, quarter: number): AssessmentScheme {
  const period: SchemePeriod = example.period.kind === 'quarter' ? { kind: 'quarter', year, quarter } : { kind: 'year', year };
  return assessmentScheme.parse({ ...example, name: `${DEMO_NAME_PREFIX}${example.name}`, period });
}

export async function seedDemoAssessment(tx: Tx, actor: Actor, opts: { rootId: number; today?: string }): Promise<{ schemeIds: number[]; runId: number }> {
  const today = opts.today ?? todayInChina();
  const settings = await getSettings(tx);
  const year = fiscalYearOf(today, settings.fiscalYearStartMonth).year;
  const quarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  const [root] = await tx.select().from(orgUnits).where(eq(orgUnits.id, opts.rootId));
  const [bureau] = await tx.select().from(users).where(eq(users.username, 'demo.bureau'));
  if (!root || !bureau) throw new Error('demo assessment: the demo city or its bureau user is missing');

  const schemes = EXAMPLE_SCHEMES.map((s) => demoScheme(s, year, quarter));
  const schemeIds: number[] = [];
  for (const scheme of schemes) schemeIds.push(await insertScheme(tx, actor, root.id, scheme, null, true));

  const ratio = schemes[0]!;
  const run = await computeRun(tx, { id: root.id, path: root.path }, ratio, {});
  const runId = await insertRun(tx, actor, { id: schemeIds[0]!, version: ratio.version, unitId: root.id }, run, { manual: {}, byUserId: bureau.id, isDemo: true });
  const [row] = await tx.select().from(assessmentRuns).where(eq(assessmentRuns.id, runId));
  await markPublished(tx, actor, row!, { byUserId: bureau.id, note: '示例：演示用考核结果' });
  return { schemeIds, runId };
}
