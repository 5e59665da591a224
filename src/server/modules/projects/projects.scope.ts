import { and, exists, inArray, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../actor.js';
import { coordinationIssues, projects } from '../../db/schema/index.js';
import { scopeByUnit } from '../../plugins/scope.js';

/*
 * Which projects an actor sees. Staff: projects of units in their scope. Department users: only
 * projects with a coordination issue assigned to their department (or below), and only their basic
 * facts — sub-records (follow-ups, files, referrals) answer 404 for them (see `canSeeProjectDetails`).
 */
export function projectScope(actor: Actor): SQL {
  if (actor.role === 'department') {
    return exists(
      sql`(select 1 from ${coordinationIssues} where ${coordinationIssues.projectId} = ${projects.id} and ${inArray(
        coordinationIssues.departmentUnitId,
        sql`(select id from org_units where path like ${`${actor.unitPath}%`})`,
      )})`,
    );
  }
  if (actor.role === 'referrer') return sql`false`;
  return and(scopeByUnit(actor, projects.unitId)) as SQL;
}

export function canSeeProjectDetails(actor: Actor): boolean {
  return actor.role !== 'department' && actor.role !== 'referrer';
}
