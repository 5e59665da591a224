import { aliasedTable, and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { createIssueBody, Issue, issueListQuery } from '../../../shared/api/issues.js';
import type { Actor } from '../../actor.js';
import { countAll, type Db, type Executor } from '../../db/client.js';
import { coordinationIssues, orgUnits, projects, users } from '../../db/schema/index.js';
import { AppError, fieldError } from '../../errors.js';
import { isUnitPathInScope, scopeByUnit } from '../../plugins/scope.js';
import { recordAudit } from '../audit/audit.service.js';
import { todayInChina } from '../followups/china-date.js';
import { TODAY } from '../projects/projects.queries.js';
import { canSeeProjectDetails, projectScope } from '../projects/projects.scope.js';
import { lockProject } from '../projects/projects.service.js';

/*
 * 问题协调. Staff see the issues of projects in their scope. A department user sees the issues
 * assigned to their department (or a unit below it) — their to-do list — and through them only
 * the projects' basic facts. Departments hang under the city, outside a county's scope, so the
 * department an issue goes to is chosen deployment-wide.
 */

const projectUnit = aliasedTable(orgUnits, 'project_unit');
const department = aliasedTable(orgUnits, 'department');
const answerer = aliasedTable(users, 'answerer');
const creator = aliasedTable(users, 'creator');

type IssueRow = typeof coordinationIssues.$inferSelect;

/** Which issues the actor sees. */
export function issueScope(actor: Actor): SQL {
  if (actor.role === 'department') return scopeByUnit(actor, coordinationIssues.departmentUnitId);
  if (canSeeProjectDetails(actor)) return projectScope(actor);
  return sql`false`;
}

const isOverdueSql = sql<boolean>`coalesce(${coordinationIssues.deadline} < ${TODAY} and ${coordinationIssues.status} in ('open', 'escalated'), false)`;

export function selectIssues(db: Executor) {
  return db
    .select({
      i: coordinationIssues,
      projectName: projects.name,
      projectUnitId: projects.unitId,
      projectUnitName: projectUnit.name,
      departmentName: department.name,
      answererName: answerer.displayName,
      creatorName: creator.displayName,
      isOverdue: isOverdueSql,
    })
    .from(coordinationIssues)
    .innerJoin(projects, eq(projects.id, coordinationIssues.projectId))
    .innerJoin(projectUnit, eq(projectUnit.id, projects.unitId))
    .innerJoin(department, eq(department.id, coordinationIssues.departmentUnitId))
    .leftJoin(answerer, eq(answerer.id, coordinationIssues.answeredBy))
    .leftJoin(creator, eq(creator.id, coordinationIssues.createdBy));
}

type Row = {
  i: IssueRow;
  projectName: string;
  projectUnitId: number;
  projectUnitName: string;
  departmentName: string;
  answererName: string | null;
  creatorName: string | null;
  isOverdue: boolean;
};

function toIssue(r: Row): Issue {
  const i = r.i;
  return {
    id: i.id,
    projectId: i.projectId,
    projectName: r.projectName,
    projectUnitId: r.projectUnitId,
    projectUnitName: r.projectUnitName,
    type: i.type,
    title: i.title,
    description: i.description,
    departmentUnitId: i.departmentUnitId,
    departmentName: r.departmentName,
    deadline: i.deadline,
    status: i.status,
    isOverdue: Boolean(r.isOverdue),
    answer: i.answer,
    answeredBy: i.answeredBy ? { id: i.answeredBy, displayName: r.answererName ?? '' } : null,
    answeredAt: i.answeredAt?.toISOString() ?? null,
    closedAt: i.closedAt?.toISOString() ?? null,
    escalationReason: i.escalationReason,
    escalatedAt: i.escalatedAt?.toISOString() ?? null,
    createdBy: { id: i.createdBy, displayName: r.creatorName ?? '' },
    createdAt: i.createdAt.toISOString(),
    updatedAt: i.updatedAt.toISOString(),
    version: i.version,
  };
}

export async function getIssue(db: Executor, actor: Actor, id: number): Promise<Issue> {
  const [row] = await selectIssues(db).where(and(eq(coordinationIssues.id, id), issueScope(actor)));
  if (!row) throw new AppError('NOT_FOUND', 404);
  return toIssue(row);
}

// Open and escalated first (the to-do), nearest deadline first; then the rest, newest first.
const ORDER = [
  sql`case when ${coordinationIssues.status} in ('open', 'escalated') then 0 else 1 end`,
  sql`case when ${coordinationIssues.status} in ('open', 'escalated') then ${coordinationIssues.deadline} end asc nulls last`,
  desc(coordinationIssues.id),
];

type ListQuery = z.infer<typeof issueListQuery>;

async function pageIssues(db: Executor, where: SQL | undefined, q: { page: number; pageSize: number }) {
  const [rows, [total]] = await Promise.all([
    selectIssues(db)
      .where(where)
      .orderBy(...ORDER)
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db
      .select({ n: countAll })
      .from(coordinationIssues)
      .innerJoin(projects, eq(projects.id, coordinationIssues.projectId))
      .where(where),
  ]);
  return { items: rows.map(toIssue), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

/** The scoped list: staff see their projects' issues; a department sees its to-do list. */
export async function listIssues(db: Executor, actor: Actor, q: ListQuery) {
  const c: (SQL | undefined)[] = [issueScope(actor)];
  if (q.departmentUnitId) {
    const [unit] = await db.select({ path: orgUnits.path }).from(orgUnits).where(eq(orgUnits.id, q.departmentUnitId));
    // A department user may narrow to a unit of their own subtree only; staff to any department.
    if (!unit || (actor.role === 'department' && !isUnitPathInScope(actor, unit.path))) throw new AppError('NOT_FOUND', 404);
    c.push(inArray(coordinationIssues.departmentUnitId, sql`(select id from ${orgUnits} where path like ${`${unit.path}%`})`));
  }
  if (q.status) c.push(inArray(coordinationIssues.status, q.status));
  if (q.projectId) c.push(eq(coordinationIssues.projectId, q.projectId));
  if (q.type) c.push(eq(coordinationIssues.type, q.type));
  if (q.overdue !== undefined) c.push(q.overdue ? isOverdueSql : sql`not ${isOverdueSql}`);
  return pageIssues(db, and(...c), q);
}

type PageQuery = { page: number; pageSize: number };

/** A project's issues (a department sees only those assigned to it). 404 when the project is not visible. */
export async function listProjectIssues(db: Executor, actor: Actor, projectId: number, q: PageQuery) {
  const [p] = await db.select({ id: projects.id }).from(projects).where(and(eq(projects.id, projectId), projectScope(actor)));
  if (!p) throw new AppError('NOT_FOUND', 404);
  return pageIssues(db, and(eq(coordinationIssues.projectId, projectId), issueScope(actor)), q);
}

export async function createIssue(db: Db, actor: Actor, projectId: number, input: z.infer<typeof createIssueBody>): Promise<Issue> {
  if (!canSeeProjectDetails(actor)) throw new AppError('NOT_FOUND', 404);
  if (input.deadline < todayInChina()) throw fieldError('DEADLINE_PAST', 'deadline');
  const id = await db.transaction(async (tx) => {
    const p = await lockProject(tx, actor, projectId);
    const [dept] = await tx
      .select({ id: orgUnits.id })
      .from(orgUnits)
      .where(and(eq(orgUnits.id, input.departmentUnitId), eq(orgUnits.type, 'department'), eq(orgUnits.isDisabled, false)));
    if (!dept) throw fieldError('DEPARTMENT_UNKNOWN', 'departmentUnitId');
    const [row] = await tx
      .insert(coordinationIssues)
      .values({
        projectId,
        type: input.type,
        title: input.title,
        description: input.description || null,
        departmentUnitId: input.departmentUnitId,
        deadline: input.deadline,
        createdBy: actor.id,
      })
      .returning();
    await recordAudit(tx, actor, { action: 'create', entity: 'issue', entityId: row!.id, unitId: p.unitId, after: row });
    return row!.id;
  });
  return getIssue(db, actor, id);
}

/**
 * Every enabled department (市直部门) of the deployment, by the org tree's order: a county's staff
 * hand a land or approval problem to the city's departments, which are outside their own subtree.
 * Names only — the departments' users and records stay out of reach.
 */
export async function issueDepartments(db: Executor): Promise<{ id: number; name: string; parentName: string | null }[]> {
  const parent = aliasedTable(orgUnits, 'parent');
  const rows = await db
    .select({ id: orgUnits.id, name: orgUnits.name, parentName: parent.name })
    .from(orgUnits)
    .leftJoin(parent, eq(parent.id, orgUnits.parentId))
    .where(and(eq(orgUnits.type, 'department'), eq(orgUnits.isDisabled, false)))
    .orderBy(asc(orgUnits.depth), asc(orgUnits.sortOrder), asc(orgUnits.id))
    .limit(500);
  return rows;
}
