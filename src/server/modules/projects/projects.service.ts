import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { LIST_COUNT_CAP, type boardQuery, type createProjectBody, type Project, type ProjectSummary, type projectListQuery, type updateProjectBody } from '../../../shared/api/projects.js';
import { STAGES } from '../../../shared/project.js';
import type { Actor } from '../../actor.js';
import { countAll, queryRows, type Db, type Executor, type Tx } from '../../db/client.js';
import { fundTranches, investors, orgUnits, projects, users } from '../../db/schema/index.js';
import { AppError, fieldError } from '../../errors.js';
import { loadUnitInScope, scopeUnits } from '../../plugins/scope.js';
import { recordAudit } from '../audit/audit.service.js';
import { findIndustry } from '../industries/industries.service.js';
import { recordTokens } from '../search/tokens.js';
import { getSettings } from '../settings/settings.service.js';
import { projectWhere, selectSummaries, toProject, toSummary } from './projects.queries.js';
import { canSeeProjectDetails, projectScope } from './projects.scope.js';

type ProjectRow = typeof projects.$inferSelect;
type CreateInput = z.infer<typeof createProjectBody>;

const SORT_COLUMNS = {
  updatedAt: projects.updatedAt,
  contractedInvestment: projects.contractedInvestment,
  plannedInvestment: projects.plannedInvestment,
  stageDate: projects.stageDate,
  lastFollowUpDate: projects.lastFollowUpDate,
  name: projects.name,
  signedDate: projects.signedDate,
} as const;

export async function getProject(db: Executor, actor: Actor, id: number): Promise<Project> {
  const s = await getSettings(db);
  const [row] = await selectSummaries(db, s).where(and(eq(projects.id, id), projectScope(actor)));
  if (!row) throw new AppError('NOT_FOUND', 404);
  const project = toProject(row);
  return canSeeProjectDetails(actor) ? project : basicFacts(project);
}

/** A list line as a department user sees it: no follow-up dates or next steps. */
export function basicSummary<T extends ProjectSummary>(p: T): T {
  return { ...p, nextStep: null, nextStepDue: null, lastFollowUpDate: null };
}

/**
 * What a department user sees of a project an issue is assigned to: what it is, where, whose, how
 * big and how much land it needs — not its expected benefits, its narrative, its next step or how it
 * was lost or who brought it (those stay with the units that run it).
 */
export function basicFacts(p: Project): Project {
  return {
    ...basicSummary(p),
    expectedOutput: null,
    expectedTax: null,
    expectedJobs: null,
    description: null,
    sideStateReason: null,
    lostDestination: null,
    referralId: null,
  };
}

/** Lock a project the actor may see, for a change. 404 when out of scope. */
export async function lockProject(tx: Tx, actor: Actor, id: number): Promise<ProjectRow> {
  const [row] = await tx
    .select()
    .from(projects)
    .where(and(eq(projects.id, id), projectScope(actor)))
    .for('update');
  if (!row) throw new AppError('NOT_FOUND', 404);
  return row;
}

export async function listProjects(db: Executor, actor: Actor, q: z.infer<typeof projectListQuery>) {
  const s = await getSettings(db);
  const where = await projectWhere(db, actor, q, s);
  const column = SORT_COLUMNS[q.sort];
  const direction = q.order === 'asc' ? asc : desc;
  // (search/bench) No NULLS clause on a NOT NULL column (updated_at, name): PostgreSQL would not read
  // the (updated_at, id) index backwards then, and the default page became a sort of the whole scope.
  const nulls = column.notNull ? sql`` : q.order === 'asc' ? sql`nulls first` : sql`nulls last`;
  // (search/bench) An exact count(*) reads every match (a bureau over 1M projects: ~0.3 s); the count
  // stops at LIST_COUNT_CAP and `totalCapped` tells the client "10,000+".
  const matches = db.select({ one: sql`1` }).from(projects).where(where).limit(LIST_COUNT_CAP + 1).as('matches');
  const [rows, [counted]] = await Promise.all([
    selectSummaries(db, s)
      .where(where)
      .orderBy(sql`${direction(column)} ${nulls}`, direction(projects.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: countAll }).from(matches),
  ]);
  const n = counted?.n ?? 0;
  return { items: rows.map((r) => (canSeeProjectDetails(actor) ? toSummary(r) : basicSummary(toSummary(r)))), total: Math.min(n, LIST_COUNT_CAP), totalCapped: n > LIST_COUNT_CAP, page: q.page, pageSize: q.pageSize };
}

/** Kanban by stage: per column the count and exact sums (SQL numeric), and the first few cards. */
export async function projectBoard(db: Executor, actor: Actor, q: z.infer<typeof boardQuery>) {
  const s = await getSettings(db);
  const where = await projectWhere(db, actor, q, s);
  const totals = await db
    .select({
      stage: projects.stage,
      n: countAll,
      contracted: sql<string>`coalesce(sum(${projects.contractedInvestment}), 0)::text`,
      planned: sql<string>`coalesce(sum(${projects.plannedInvestment}), 0)::text`,
    })
    .from(projects)
    .where(where)
    .groupBy(projects.stage);
  const columns = await Promise.all(
    STAGES.map(async (stage) => {
      const t = totals.find((x) => x.stage === stage);
      const items = t
        ? await selectSummaries(db, s)
            .where(and(where, eq(projects.stage, stage)))
            .orderBy(desc(projects.updatedAt), desc(projects.id))
            .limit(q.perColumn)
        : [];
      return {
        stage,
        count: t?.n ?? 0,
        contractedTotal: trimDecimal(t?.contracted ?? '0'),
        plannedTotal: trimDecimal(t?.planned ?? '0'),
        items: items.map(toSummary),
      };
    }),
  );
  return { columns };
}

function trimDecimal(value: string): string {
  return value.includes('.') ? value.replace(/\.?0+$/, '') : value;
}

async function checkReferences(tx: Tx, actor: Actor, input: Partial<CreateInput>) {
  if (input.industryCode && !findIndustry(input.industryCode)) throw fieldError('INDUSTRY_UNKNOWN', 'industryCode');
  if (input.investorId) {
    // Any existing investor may be linked ("use existing" after a duplicate warning).
    const [inv] = await tx.select({ id: investors.id }).from(investors).where(eq(investors.id, input.investorId));
    if (!inv) throw fieldError('REFERENCE_UNKNOWN', 'investorId');
  }
  if (input.ownerUserId) {
    // 专人: an active user the actor can see.
    const [u] = await tx
      .select({ id: users.id })
      .from(users)
      .innerJoin(orgUnits, eq(orgUnits.id, users.unitId))
      .where(and(eq(users.id, input.ownerUserId), eq(users.isDisabled, false), scopeUnits(actor)));
    if (!u) throw fieldError('REFERENCE_UNKNOWN', 'ownerUserId');
  }
  if (input.liaisonLeaderId) {
    // 包联领导: an active leader, usually above the unit, so not limited to the actor's scope.
    const [u] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, input.liaisonLeaderId), eq(users.role, 'leader'), eq(users.isDisabled, false)));
    if (!u) throw fieldError('REFERENCE_UNKNOWN', 'liaisonLeaderId');
  }
}

export async function projectTokens(tx: Executor, p: { name: string; carrier?: string | null; investorId?: number | null; tags?: string[] }) {
  let investorName: string | null = null;
  if (p.investorId) {
    const [inv] = await tx.select({ name: investors.name }).from(investors).where(eq(investors.id, p.investorId));
    investorName = inv?.name ?? null;
  }
  return recordTokens([p.name, investorName, p.carrier ?? null, ...(p.tags ?? [])]);
}

function columnsOf(input: Partial<CreateInput>) {
  const out: Partial<typeof projects.$inferInsert> = {};
  const keys = [
    'name', 'unitId', 'investorId', 'industryCode', 'carrier', 'plannedInvestment', 'contractedInvestment',
    'fixedAssetInvestment', 'foreignInvestment', 'expectedOutput', 'expectedTax', 'expectedJobs', 'landMu',
    'floorAreaM2', 'channel', 'isCityKey', 'isProvinceKey', 'tags', 'ownerUserId', 'liaisonLeaderId',
    'description', 'nextStep', 'nextStepDue',
  ] as const;
  for (const k of keys) if (input[k] !== undefined) (out as Record<string, unknown>)[k] = input[k];
  return out;
}

export interface InsertProjectOptions {
  isDemo?: boolean;
  referralId?: number | null;
}

/** Insert inside an open transaction (API, importer, seed). Projects start as a lead; stages move by verified transitions. */
export async function insertProject(tx: Tx, actor: Actor, input: CreateInput, opts: InsertProjectOptions = {}): Promise<ProjectRow> {
  const unit = await loadUnitInScope(tx, actor, input.unitId, { lock: 'share' }).catch(() => {
    throw fieldError('REFERENCE_UNKNOWN', 'unitId', 404);
  });
  if (unit.isDisabled) throw fieldError('UNIT_DISABLED', 'unitId');
  await checkReferences(tx, actor, input);
  const [row] = await tx
    .insert(projects)
    .values({
      ...columnsOf(input),
      name: input.name,
      unitId: input.unitId,
      stage: 'lead',
      searchTokens: await projectTokens(tx, input),
      isDemo: opts.isDemo ?? false,
      referralId: opts.referralId ?? null,
      createdBy: actor.id || null,
    })
    .returning();
  await recordAudit(tx, actor, { action: 'create', entity: 'project', entityId: row!.id, unitId: row!.unitId, after: { ...row, searchTokens: undefined } });
  return row!;
}

export async function createProject(db: Db, actor: Actor, input: CreateInput): Promise<Project> {
  const row = await db.transaction((tx) => insertProject(tx, actor, input));
  return getProject(db, actor, row.id);
}

export async function updateProject(db: Db, actor: Actor, id: number, input: z.infer<typeof updateProjectBody>): Promise<Project> {
  await db.transaction(async (tx) => {
    const before = await lockProject(tx, actor, id);
    // Optimistic lock: two people editing one project — the second save is refused, not lost.
    if (before.version !== input.version) throw new AppError('VERSION_CONFLICT', 409, { currentVersion: before.version });
    if (input.unitId !== undefined && input.unitId !== before.unitId) {
      const unit = await loadUnitInScope(tx, actor, input.unitId, { lock: 'share' }).catch(() => {
        throw fieldError('REFERENCE_UNKNOWN', 'unitId', 404);
      });
      if (unit.isDisabled) throw fieldError('UNIT_DISABLED', 'unitId');
    }
    await checkReferences(tx, actor, input);
    const merged = { ...before, ...columnsOf(input) };
    const [after] = await tx
      .update(projects)
      .set({
        ...columnsOf(input),
        searchTokens: await projectTokens(tx, { ...merged, tags: merged.tags ?? [] }),
        version: before.version + 1,
        updatedAt: new Date(),
      })
      .where(eq(projects.id, id))
      .returning();
    // Funds tranches carry the responsible unit for scope and KPIs by unit: they move with the project.
    if (after!.unitId !== before.unitId) await tx.update(fundTranches).set({ unitId: after!.unitId }).where(eq(fundTranches.projectId, id));
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'project',
      entityId: id,
      unitId: after!.unitId,
      before: { ...before, searchTokens: undefined },
      after: { ...after, searchTokens: undefined },
    });
  });
  return getProject(db, actor, id);
}

/**
 * Refresh the project's follow-up facts (called by the follow-up service after every change):
 * last_follow_up_date is the latest follow-up's date, null when none remains; previous, third and
 * fourth the next latest ones' (停滞 as of a past day reads them, stats.conditions.ts). The next step is the
 * latest follow-up's when it names one; otherwise the project keeps its own (it may have been set on
 * the project), unless that was copied from a follow-up just deleted or edited (`removed`: its old
 * next step) — then it falls back to the latest remaining follow-up with a next step, or null.
 */
export async function refreshFollowUpFacts(tx: Tx, projectId: number, removed?: { nextStep: string | null; nextStepDue: string | null }) {
  const isCopiedFromRemoved = removed?.nextStep
    ? sql`(p.next_step = ${removed.nextStep} and p.next_step_due is not distinct from ${removed.nextStepDue}::date)`
    : sql`false`;
  await queryRows(
    tx,
    // The four latest follow-ups in one read; the latest (n = 1) also gives the next step.
    sql`with recent as (select date, next_step, next_step_due, row_number() over (order by date desc, id desc) as n
                        from follow_ups where project_id = ${projectId} order by date desc, id desc limit 4),
             latest as (select date, next_step, next_step_due from recent where n = 1),
             carried as (select next_step, next_step_due from follow_ups where project_id = ${projectId} and next_step is not null order by date desc, id desc limit 1)
        update ${projects} p set
          last_follow_up_date = (select date from latest),
          previous_follow_up_date = (select date from recent where n = 2),
          third_follow_up_date = (select date from recent where n = 3),
          fourth_follow_up_date = (select date from recent where n = 4),
          next_step = case when (select next_step from latest) is not null then (select next_step from latest)
                           when ${isCopiedFromRemoved} then (select next_step from carried) else p.next_step end,
          next_step_due = case when (select next_step from latest) is not null then (select next_step_due from latest)
                               when ${isCopiedFromRemoved} then (select next_step_due from carried) else p.next_step_due end
        where p.id = ${projectId}`,
  );
}

