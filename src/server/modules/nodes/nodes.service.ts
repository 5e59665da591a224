import { and, asc, eq, inArray, isNull, lt, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { createHash } from 'node:crypto';
import type { NodePlan, overdueNodesQuery, ProjectNode, putNodesBody } from '../../../shared/api/nodes.js';
import { DEFAULT_NODES, stageIndex } from '../../../shared/project.js';
import type { Actor } from '../../actor.js';
import { countAll, type Db, type Executor, type Tx } from '../../db/client.js';
import { orgUnits, projectNodes, projects } from '../../db/schema/index.js';
import { AppError, fieldError } from '../../errors.js';
import { loadUnitInScope } from '../../plugins/scope.js';
import { recordAudit } from '../audit/audit.service.js';
import { todayInChina } from '../followups/china-date.js';
import { requireProjectDetails } from '../followups/followups.service.js';
import { TODAY } from '../projects/projects.queries.js';
import { canSeeProjectDetails, projectScope } from '../projects/projects.scope.js';
import { lockProject } from '../projects/projects.service.js';

/*
 * 节点计划 / 倒排工期. A signed (or later) project's milestones with planned and actual dates. The
 * list is replaced as a whole (PUT), in one transaction under the project's row lock, and audited
 * with the list before and after. A node is overdue when its planned date is before today in
 * China time and it has no actual date.
 */

type NodeRow = typeof projectNodes.$inferSelect;

const isOverdueSql = sql<boolean>`coalesce(${projectNodes.plannedDate} < ${TODAY} and ${projectNodes.actualDate} is null, false)`;
const nodeColumns = {
  n: projectNodes,
  isOverdue: isOverdueSql,
  daysOverdue: sql<number | null>`case when ${isOverdueSql} then ${TODAY} - ${projectNodes.plannedDate} end`.mapWith((v) => (v === null ? null : Number(v))),
};

function toNode(r: { n: NodeRow; isOverdue: boolean; daysOverdue: number | null }): ProjectNode {
  return {
    id: r.n.id,
    projectId: r.n.projectId,
    name: r.n.name,
    plannedDate: r.n.plannedDate,
    actualDate: r.n.actualDate,
    responsible: r.n.responsible,
    note: r.n.note,
    sortOrder: r.n.sortOrder,
    isOverdue: Boolean(r.isOverdue),
    daysOverdue: r.isOverdue ? r.daysOverdue : null,
  };
}

/** A fingerprint of the stored plan (every column of every node, in order): the editor's base for a save. */
function revisionOf(rows: readonly NodeRow[]): string {
  const canonical = rows.map((n) => [n.id, n.name, n.plannedDate, n.actualDate, n.responsible, n.note, n.sortOrder]);
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex').slice(0, 20);
}

async function nodesOf(db: Executor, projectId: number): Promise<NodePlan> {
  const rows = await db
    .select(nodeColumns)
    .from(projectNodes)
    .where(eq(projectNodes.projectId, projectId))
    .orderBy(asc(projectNodes.sortOrder), asc(projectNodes.id));
  return { items: rows.map(toNode), revision: revisionOf(rows.map((r) => r.n)) };
}

export async function listNodes(db: Executor, actor: Actor, projectId: number): Promise<NodePlan> {
  await requireProjectDetails(db, actor, projectId);
  return nodesOf(db, projectId);
}

/** Lock the project for a node change: details visible, and signed or later (counted stage). */
async function lockSignedProject(tx: Tx, actor: Actor, projectId: number) {
  if (!canSeeProjectDetails(actor)) throw new AppError('NOT_FOUND', 404);
  const p = await lockProject(tx, actor, projectId);
  if (stageIndex(p.stage) < stageIndex('signed')) {
    throw new AppError('NODES_NOT_SIGNED', 400, [{ field: 'stage', message: 'NODES_NOT_SIGNED', stage: p.stage }]);
  }
  return p;
}

function checkInput(nodes: z.infer<typeof putNodesBody>['nodes']) {
  const today = todayInChina();
  const names = new Set<string>();
  const ids = new Set<number>();
  nodes.forEach((n, i) => {
    if (names.has(n.name)) throw fieldError('NODE_NAME_DUPLICATE', `nodes.${i}.name`);
    names.add(n.name);
    if (n.id !== undefined) {
      if (ids.has(n.id)) throw fieldError('NODE_UNKNOWN', `nodes.${i}.id`);
      ids.add(n.id);
    }
    if (n.actualDate && n.actualDate > today) throw fieldError('FUTURE_DATE', `nodes.${i}.actualDate`);
  });
}

/** Replace the project's node list with `body.nodes`, in that order. */
export async function replaceNodes(db: Db, actor: Actor, projectId: number, body: z.infer<typeof putNodesBody>): Promise<NodePlan> {
  checkInput(body.nodes);
  await db.transaction(async (tx) => {
    const p = await lockSignedProject(tx, actor, projectId);
    const before = await tx.select().from(projectNodes).where(eq(projectNodes.projectId, projectId)).orderBy(asc(projectNodes.sortOrder), asc(projectNodes.id));
    // Someone saved the plan since this editor loaded it: refuse rather than overwrite their change.
    if (revisionOf(before) !== body.revision) throw new AppError('VERSION_CONFLICT', 409, [{ field: 'revision', message: 'VERSION_CONFLICT' }]);
    const existing = new Set(before.map((n) => n.id));
    body.nodes.forEach((n, i) => {
      if (n.id !== undefined && !existing.has(n.id)) throw fieldError('NODE_UNKNOWN', `nodes.${i}.id`);
    });
    const kept = body.nodes.flatMap((n) => (n.id === undefined ? [] : [n.id]));
    await tx
      .delete(projectNodes)
      .where(and(eq(projectNodes.projectId, projectId), kept.length ? notInArray(projectNodes.id, kept) : undefined));
    for (const [i, n] of body.nodes.entries()) {
      const values = {
        name: n.name,
        plannedDate: n.plannedDate ?? null,
        actualDate: n.actualDate ?? null,
        responsible: n.responsible || null,
        note: n.note || null,
        sortOrder: i,
      };
      if (n.id === undefined) await tx.insert(projectNodes).values({ projectId, ...values });
      else await tx.update(projectNodes).set(values).where(eq(projectNodes.id, n.id));
    }
    const after = await tx.select().from(projectNodes).where(eq(projectNodes.projectId, projectId)).orderBy(asc(projectNodes.sortOrder), asc(projectNodes.id));
    await recordAudit(tx, actor, { action: 'replace', entity: 'project_nodes', entityId: projectId, unitId: p.unitId, before, after });
  });
  return nodesOf(db, projectId);
}

/** The standard eight nodes (注册 … 投产), planned dates to be filled in; only when the plan is empty. */
export async function createDefaultNodes(db: Db, actor: Actor, projectId: number): Promise<NodePlan> {
  await db.transaction(async (tx) => {
    const p = await lockSignedProject(tx, actor, projectId);
    const [existing] = await tx.select({ n: countAll }).from(projectNodes).where(eq(projectNodes.projectId, projectId));
    if ((existing?.n ?? 0) > 0) throw new AppError('NODES_EXIST', 409);
    const after = await tx
      .insert(projectNodes)
      .values(DEFAULT_NODES.map((name, i) => ({ projectId, name, sortOrder: i })))
      .returning();
    await recordAudit(tx, actor, { action: 'create_default', entity: 'project_nodes', entityId: projectId, unitId: p.unitId, before: [], after });
  });
  return nodesOf(db, projectId);
}

/** Overdue nodes of open projects in scope, most overdue first (dashboards). */
export async function listOverdueNodes(db: Executor, actor: Actor, q: z.infer<typeof overdueNodesQuery>) {
  if (!canSeeProjectDetails(actor)) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
  const c: (SQL | undefined)[] = [
    projectScope(actor),
    lt(projectNodes.plannedDate, TODAY),
    isNull(projectNodes.actualDate),
    // A lost or withdrawn project's plan is no longer anyone's to-do.
    or(isNull(projects.sideState), eq(projects.sideState, 'stalled')),
  ];
  if (q.unitId) {
    const unit = await loadUnitInScope(db, actor, q.unitId);
    c.push(inArray(projects.unitId, sql`(select id from ${orgUnits} where path like ${`${unit.path}%`})`));
  }
  const where = and(...c);
  const [rows, [total]] = await Promise.all([
    db
      .select({ ...nodeColumns, projectName: projects.name, unitId: projects.unitId, unitName: orgUnits.name })
      .from(projectNodes)
      .innerJoin(projects, eq(projects.id, projectNodes.projectId))
      .innerJoin(orgUnits, eq(orgUnits.id, projects.unitId))
      .where(where)
      .orderBy(asc(projectNodes.plannedDate), asc(projectNodes.projectId), asc(projectNodes.sortOrder))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db
      .select({ n: countAll })
      .from(projectNodes)
      .innerJoin(projects, eq(projects.id, projectNodes.projectId))
      .where(where),
  ]);
  return {
    items: rows.map((r) => ({ ...toNode(r), projectName: r.projectName, unitId: r.unitId, unitName: r.unitName })),
    total: total?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}
