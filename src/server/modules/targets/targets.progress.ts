import { and, eq, inArray, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { progressQuery, TargetProgress } from '../../../shared/api/targets.js';
import { completionRate, scheduleGap, timeProgress } from '../../../shared/kpi/formulas.js';
import { fiscalYearOf } from '../../../shared/kpi/period.js';
import type { Actor } from '../../actor.js';
import type { Executor } from '../../db/client.js';
import { targets } from '../../db/schema/index.js';
import { todayInChina } from '../followups/china-date.js';
import { getSettings } from '../settings/settings.service.js';
import { statsBreakdown } from '../stats/stats.service.js';
import { enabledChildren, loadTargets } from './targets.queries.js';
import { checkYear, defaultTargetUnit } from './targets.service.js';

/*
 * 目标进度: each target of a unit and of its direct children against the KPI engine's figure for
 * that unit's subtree over the statistical year to date (the year's first day, from the settings, to
 * asOf): actual, 完成率, 时序进度 and 超/欠时序进度 (domain.md §5), by the shared formulas. A person's
 * target has no actual: the engine counts units, not people.
 */

/** The statistical year named `year` (it starts in that calendar year, in the settings' month). */
export function statisticalYear(year: number, startMonth: number) {
  return fiscalYearOf(`${year}-${String(startMonth).padStart(2, '0')}-01`, startMonth);
}

export async function targetProgress(db: Executor, actor: Actor, q: z.output<typeof progressQuery>): Promise<TargetProgress> {
  checkYear(q.year);
  const unit = await defaultTargetUnit(db, actor, q.unit);
  const settings = await getSettings(db);
  const fy = statisticalYear(q.year, settings.fiscalYearStartMonth);
  const day = q.asOf ?? todayInChina();
  const asOf = day < fy.from ? fy.from : day > fy.to ? fy.to : day;
  const progress = timeProgress(day, settings.fiscalYearStartMonth, q.year);
  const hasBegun = day >= fy.from;

  const unitIds = [unit.id, ...(await enabledChildren(db, unit.id)).map((c) => c.id)];
  const conditions: SQL[] = [eq(targets.year, q.year), inArray(targets.unitId, unitIds)];
  if (q.metric !== undefined) conditions.push(eq(targets.metric, q.metric));
  const list = await loadTargets(db, and(...conditions));

  // Every figure of each unit's subtree, year to date: one breakdown by unit of the parent gives the
  // parent (its total) and each child (its row) — the figures the dashboard shows for each of them.
  const figuresByUnit = new Map<number, Record<string, { value: string }>>();
  if (hasBegun && list.some((t) => t.userId === null)) {
    const breakdown = await statsBreakdown(db, actor, { by: 'unit', from: fy.from, to: asOf, unit: unit.id });
    figuresByUnit.set(unit.id, breakdown.total);
    for (const row of breakdown.rows) if (row.unitId !== null && row.unitId !== unit.id) figuresByUnit.set(row.unitId, row.figures);
  }
  const actualOf = (unitId: number, metric: string): string | null => {
    if (!hasBegun) return '0';
    return figuresByUnit.get(unitId)?.[metric]?.value ?? null;
  };

  // Parent first, then the children in the org tree's order (loadTargets orders by depth and sort order).
  return {
    year: q.year,
    unit: { id: unit.id, name: unit.name },
    from: fy.from,
    asOf,
    timeProgress: progress,
    rows: list.map((target) => {
      const actual = target.userId === null ? actualOf(target.unitId, target.metric) : null;
      const rate = actual === null ? null : completionRate(actual, target.value);
      return { target, actual, completionRate: rate, timeProgress: progress, scheduleGap: scheduleGap(rate, progress) };
    }),
  };
}
