import { aliasedTable, and, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { SchemeRecord, schemesQuery } from '../../../shared/api/assessment.js';
import { periodRange, type AssessmentScheme } from '../../../shared/assessment/scheme.js';
import type { Actor } from '../../actor.js';
import { countAll, queryRows, type Db, type Executor, type Tx } from '../../db/client.js';
import { assessmentSchemes, orgUnits, users } from '../../db/schema/index.js';
import { AppError, fieldError, notFound } from '../../errors.js';
import { loadScopeRootUnit, onActorBranch, scopeUnits, subtreePattern } from '../../plugins/scope.js';
import { recordAudit } from '../audit/audit.service.js';

/*
 * 考核办法 (issue 5 item 2): a scheme version is a row; the bureau creates one for its scope (the
 * scope root unit owns it), edits it while it is a draft, saves a new version (a new row pointing at
 * the old one), and archives it. A version a run was published with is active: frozen for good.
 * Visibility: the scheme's unit is on the reader's branch of the tree (their scope, or above them:
 * the rules a county is scored by are readable to it); anything else answers 404.
 */

type SchemeRow = typeof assessmentSchemes.$inferSelect;
const creator = aliasedTable(users, 'creator');

function selectSchemes(db: Executor) {
  return db
    .select({ s: assessmentSchemes, unitName: orgUnits.name, unitPath: orgUnits.path, creatorName: creator.displayName })
    .from(assessmentSchemes)
    .innerJoin(orgUnits, eq(orgUnits.id, assessmentSchemes.unitId))
    .leftJoin(creator, eq(creator.id, assessmentSchemes.createdBy));
}

interface Row {
  s: SchemeRow;
  unitName: string;
  unitPath: string;
  creatorName: string | null;
}

function toScheme(r: Row): SchemeRecord {
  const s = r.s;
  return {
    id: s.id,
    unitId: s.unitId,
    unitName: r.unitName,
    name: s.name,
    version: s.version,
    previousId: s.previousId,
    status: s.status,
    scheme: s.scheme as Record<string, unknown>,
    createdBy: s.createdBy === null ? null : { id: s.createdBy, displayName: r.creatorName ?? '' },
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
    isDemo: s.isDemo,
  };
}

/** The stored scheme as the engine's type (it was parsed by the engine before it was stored). */
export function schemeOf(row: SchemeRow): AssessmentScheme {
  return row.scheme as AssessmentScheme;
}

/** The calendar year a scheme scores: its targets' year. */
export function schemeYear(scheme: AssessmentScheme): number {
  return Number(periodRange(scheme.period).from.slice(0, 4));
}

export async function listSchemes(db: Executor, actor: Actor, q: z.output<typeof schemesQuery>) {
  const where = and(onActorBranch(actor), q.status ? eq(assessmentSchemes.status, q.status) : undefined);
  const [rows, [total]] = await Promise.all([
    selectSchemes(db).where(where).orderBy(desc(assessmentSchemes.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    db.select({ n: countAll }).from(assessmentSchemes).innerJoin(orgUnits, eq(orgUnits.id, assessmentSchemes.unitId)).where(where),
  ]);
  return { items: rows.map(toScheme), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

async function loadScheme(db: Executor, actor: Actor, id: number, mode: 'read' | 'write'): Promise<Row> {
  const query = selectSchemes(db).where(and(eq(assessmentSchemes.id, id), mode === 'read' ? onActorBranch(actor) : scopeUnits(actor)));
  const [row] = mode === 'write' ? await query.for('update', { of: assessmentSchemes }) : await query;
  if (!row) throw notFound();
  return row;
}

export async function getScheme(db: Executor, actor: Actor, id: number): Promise<SchemeRecord> {
  return toScheme(await loadScheme(db, actor, id, 'read'));
}

/** A scheme the actor may run: in their scope and not archived (locked against concurrent archiving). */
export async function loadSchemeToRun(tx: Tx, actor: Actor, id: number): Promise<Row> {
  const row = await loadScheme(tx, actor, id, 'write');
  if (row.s.status === 'archived') throw new AppError('ASSESSMENT_SCHEME_ARCHIVED', 409);
  return row;
}

/** Rules the engine's schema cannot see: listed units lie in the owner's subtree; the period lies in one year. */
async function checkAgainstTree(db: Executor, owner: { path: string }, scheme: AssessmentScheme): Promise<void> {
  const { from, to } = periodRange(scheme.period);
  if (from.slice(0, 4) !== to.slice(0, 4)) throw fieldError('ASSESSMENT_PERIOD_YEAR', 'scheme.period.to');
  if (scheme.units.kind !== 'unit_ids') return;
  const ids = scheme.units.ids;
  const rows = await queryRows<{ id: number }>(
    db,
    sql`select id from org_units where id = any(${`{${ids.join(',')}}`}::int[]) and path like ${subtreePattern(owner.path)}`,
  );
  const found = new Set(rows.map((r) => Number(r.id)));
  const outside = ids.findIndex((id) => !found.has(id));
  if (outside >= 0) throw fieldError('ASSESSMENT_UNIT_OUT_OF_SCOPE', `scheme.units.ids.${outside}`);
}

export async function createScheme(db: Db, actor: Actor, input: AssessmentScheme, opts: { isDemo?: boolean } = {}): Promise<SchemeRecord> {
  const owner = await loadScopeRootUnit(db, actor);
  await checkAgainstTree(db, owner, input);
  const id = await db.transaction((tx) => insertScheme(tx, actor, owner.id, { ...input, version: 1 }, null, opts.isDemo ?? false));
  return getScheme(db, actor, id);
}

/** Insert a scheme version with its audit entry (also used by the demo seed, inside its transaction). */
export async function insertScheme(tx: Tx, actor: Actor, unitId: number, scheme: AssessmentScheme, previousId: number | null, isDemo: boolean): Promise<number> {
  const [row] = await tx
    .insert(assessmentSchemes)
    .values({ unitId, name: scheme.name, version: scheme.version, previousId, scheme, createdBy: actor.id === 0 ? null : actor.id, isDemo })
    .returning({ id: assessmentSchemes.id });
  const id = row!.id;
  await recordAudit(tx, actor, {
    action: previousId === null ? 'create_assessment_scheme' : 'new_assessment_scheme_version',
    entity: 'assessment_scheme',
    entityId: id,
    unitId,
    after: { name: scheme.name, version: scheme.version, previousId, scheme },
  });
  return id;
}

/** Change a draft version in place; an active (published with) or archived version is frozen. */
export async function updateScheme(db: Db, actor: Actor, id: number, input: AssessmentScheme): Promise<SchemeRecord> {
  await db.transaction(async (tx) => {
    const row = await loadScheme(tx, actor, id, 'write');
    if (row.s.status !== 'draft') throw new AppError('ASSESSMENT_SCHEME_FROZEN', 409);
    await checkAgainstTree(tx, { path: row.unitPath }, input);
    const scheme = { ...input, version: row.s.version };
    await tx.update(assessmentSchemes).set({ name: scheme.name, scheme, updatedAt: new Date() }).where(eq(assessmentSchemes.id, id));
    await recordAudit(tx, actor, { action: 'update_assessment_scheme', entity: 'assessment_scheme', entityId: id, unitId: row.s.unitId, before: { scheme: row.s.scheme }, after: { scheme } });
  });
  return getScheme(db, actor, id);
}

/** Save a new version of the latest version: a new draft row pointing at it. */
export async function newSchemeVersion(db: Db, actor: Actor, id: number, input: AssessmentScheme): Promise<SchemeRecord> {
  const newId = await db.transaction(async (tx) => {
    const row = await loadScheme(tx, actor, id, 'write');
    if (row.s.status === 'archived') throw new AppError('ASSESSMENT_SCHEME_ARCHIVED', 409);
    const [successor] = await tx.select({ id: assessmentSchemes.id }).from(assessmentSchemes).where(eq(assessmentSchemes.previousId, id));
    if (successor) throw new AppError('ASSESSMENT_SCHEME_SUPERSEDED', 409, [{ field: 'id', message: 'ASSESSMENT_SCHEME_SUPERSEDED', latestId: successor.id }]);
    await checkAgainstTree(tx, { path: row.unitPath }, input);
    return insertScheme(tx, actor, row.s.unitId, { ...input, version: row.s.version + 1 }, id, false);
  });
  return getScheme(db, actor, newId);
}

export async function archiveScheme(db: Db, actor: Actor, id: number, note?: string): Promise<SchemeRecord> {
  await db.transaction(async (tx) => {
    const row = await loadScheme(tx, actor, id, 'write');
    if (row.s.status === 'archived') throw new AppError('ASSESSMENT_SCHEME_ARCHIVED', 409);
    await tx.update(assessmentSchemes).set({ status: 'archived', updatedAt: new Date() }).where(eq(assessmentSchemes.id, id));
    await recordAudit(tx, actor, { action: 'archive_assessment_scheme', entity: 'assessment_scheme', entityId: id, unitId: row.s.unitId, before: { status: row.s.status }, after: { status: 'archived', note: note ?? null } });
  });
  return getScheme(db, actor, id);
}

/** Publishing a run freezes its scheme version (draft → active), in the publishing transaction. */
export async function freezeScheme(tx: Tx, actor: Actor, id: number): Promise<void> {
  const [row] = await tx.select().from(assessmentSchemes).where(eq(assessmentSchemes.id, id)).for('update');
  if (!row || row.status !== 'draft') return;
  await tx.update(assessmentSchemes).set({ status: 'active', updatedAt: new Date() }).where(eq(assessmentSchemes.id, id));
  await recordAudit(tx, actor, { action: 'activate_assessment_scheme', entity: 'assessment_scheme', entityId: id, unitId: row.unitId, before: { status: 'draft' }, after: { status: 'active' } });
}
