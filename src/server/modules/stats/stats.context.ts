import { sql, type SQL } from 'drizzle-orm';
import type { StatsQuery } from '../../../shared/api/stats.js';
import { daysBetween, minDate, previousYearPeriod, type Period } from '../../../shared/kpi/period.js';
import type { Settings } from '../../../shared/settings.js';
import type { Actor } from '../../actor.js';
import { queryRows, toCount, type Executor } from '../../db/client.js';
import { projects } from '../../db/schema/index.js';
import { AppError, fieldError } from '../../errors.js';
import { loadScopeRootUnit, loadUnitInScope } from '../../plugins/scope.js';
import { todayInChina } from '../followups/china-date.js';
import { findIndustry, industryFilter } from '../industries/industries.service.js';
import { getSettings } from '../settings/settings.service.js';

/*
 * What every stats request resolves first: the unit (in the caller's scope, else 404) and its
 * subtree, the industry filter, the period and the same period last year, and the as-of dates of
 * the stock figures and rates (the period's end, or today if earlier).
 */

/** Longest period a request may ask for (the previous year doubles it). */
export const MAX_PERIOD_DAYS = 3660;

export interface StatsPeriod extends Period {
  /** Stock figures and cohort rates are measured on this day. */
  asOf: string;
}

export interface SubtreeUnit {
  id: number;
  name: string;
  path: string;
  parentId: number | null;
  sortOrder: number;
}

export interface StatsContext {
  unit: SubtreeUnit;
  /** Every unit in the subtree, the chosen one included. */
  units: SubtreeUnit[];
  /** Condition on a unit-id column: the whole subtree; `true` when the unit is the root of everything. */
  unitCond: (column: SQL) => SQL;
  /** The unit is the root of everything: no unit filter (a province-wide figure reads every row). */
  everything: boolean;
  industry: string | null;
  /** Condition on `projects`: the industry filter (section letters expand to their divisions). */
  industryCond: SQL;
  current: StatsPeriod;
  previous: StatsPeriod;
  today: string;
  settings: Settings;
}

export function intArray(values: readonly number[]): SQL {
  return sql`${`{${values.join(',')}}`}::int[]`;
}

function textArrayParam(values: readonly string[]): SQL {
  // Codes and enum values only (no quotes or commas), so the array literal needs no escaping.
  return sql`${`{${values.join(',')}}`}::text[]`;
}

/** The project list's industry filter (a section letter covers its divisions), on `projects`. */
export function industryCondition(code: string | null): SQL {
  return code ? sql`(${industryFilter(projects.industryCode, code)})` : sql`true`;
}

export function sourceList(values: readonly string[]): SQL {
  return textArrayParam(values);
}

export async function resolveStats(db: Executor, actor: Actor, q: StatsQuery): Promise<StatsContext> {
  if (q.from > q.to) throw fieldError('STATS_PERIOD_ORDER', 'from');
  if (daysBetween(q.from, q.to) + 1 > MAX_PERIOD_DAYS) throw fieldError('STATS_PERIOD_TOO_LONG', 'to');
  if (q.industry && !findIndustry(q.industry)) throw fieldError('INDUSTRY_UNKNOWN', 'industry');
  // The caller's scope root by default; any other unit must lie in scope (404 like a missing one).
  const chosen = q.unit === undefined ? await loadScopeRootUnit(db, actor) : await loadUnitInScope(db, actor, q.unit);
  const [settings, units] = await Promise.all([
    getSettings(db),
    queryRows<{ id: number; name: string; path: string; parent_id: number | null; sort_order: number; all_units: unknown }>(
      db,
      sql`select id, name, path, parent_id, sort_order, (select count(*) from org_units) as all_units from org_units where path like ${`${chosen.path.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} order by depth, sort_order, id`,
    ),
  ]);
  const subtree = units.map((u) => ({ id: u.id, name: u.name, path: u.path, parentId: u.parent_id, sortOrder: u.sort_order }));
  const ids = subtree.map((u) => u.id);
  // The whole tree needs no unit filter at all (a province-wide figure reads every row anyway).
  const isEverything = units.length > 0 && toCount(units[0]!.all_units) === units.length;
  const today = todayInChina();
  const current: Period = { from: q.from, to: q.to };
  const previous = previousYearPeriod(current);
  if (!subtree.length) throw new AppError('NOT_FOUND', 404);
  return {
    unit: { id: chosen.id, name: chosen.name, path: chosen.path, parentId: chosen.parentId, sortOrder: chosen.sortOrder },
    units: subtree,
    unitCond: (column) => (isEverything ? sql`true` : sql`${column} = any(${intArray(ids)})`),
    everything: isEverything,
    industry: q.industry ?? null,
    industryCond: industryCondition(q.industry ?? null),
    current: { ...current, asOf: minDate(current.to, today) },
    previous: { ...previous, asOf: minDate(previous.to, today) },
    today,
    settings,
  };
}
