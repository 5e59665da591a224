import { and, asc, desc, eq, exists, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { normaliseCompanyName } from '../../../shared/company-name.js';
import type { contactInput, Investor, investorInput, investorListQuery, investorUpdate } from '../../../shared/api/investors.js';
import type { Actor } from '../../actor.js';
import { countAll, textArray, type Db, type Executor, type Tx } from '../../db/client.js';
import { investorContacts, investors, orgUnits, projects } from '../../db/schema/index.js';
import { AppError, fieldError } from '../../errors.js';
import { loadUnitInScope, scopeByUnit } from '../../plugins/scope.js';
import { recordAudit } from '../audit/audit.service.js';
import { findIndustry, industryFilter } from '../industries/industries.service.js';
import { queryTokens, recordTokens } from '../search/tokens.js';

type InvestorRow = typeof investors.$inferSelect;

/*
 * Investors (客商) belong to the unit that entered them. A user sees an investor when its unit is in
 * scope or when a project in scope is linked to it. Duplicate detection looks across all units:
 * the 409 names the existing record and its unit (the fact a credit dispute turns on), nothing more.
 */
export function investorScope(actor: Actor): SQL {
  return or(
    scopeByUnit(actor, investors.unitId),
    exists(
      sql`(select 1 from ${projects} where ${projects.investorId} = ${investors.id} and ${scopeByUnit(actor, projects.unitId)})`,
    ),
  ) as SQL;
}

function tokensOf(name: string, contacts: { name: string }[] = []) {
  return recordTokens([name, ...contacts.map((c) => c.name)]);
}

async function toInvestors(db: Executor, rows: (InvestorRow & { unitName: string })[]): Promise<Investor[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [contactRows, counts] = await Promise.all([
    db.select().from(investorContacts).where(inArray(investorContacts.investorId, ids)).orderBy(asc(investorContacts.sortOrder), asc(investorContacts.id)),
    db
      .select({ investorId: projects.investorId, n: countAll })
      .from(projects)
      .where(inArray(projects.investorId, ids))
      .groupBy(projects.investorId),
  ]);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    uscc: r.uscc,
    country: r.country,
    province: r.province,
    city: r.city,
    ownershipType: r.ownershipType,
    industryCode: r.industryCode,
    industryName: r.industryCode ? (findIndustry(r.industryCode)?.name ?? null) : null,
    scale: r.scale,
    tags: r.tags,
    description: r.description,
    unitId: r.unitId,
    unitName: r.unitName,
    contacts: contactRows
      .filter((c) => c.investorId === r.id)
      .map((c) => ({ id: c.id, name: c.name, title: c.title, phone: c.phone, wechat: c.wechat, email: c.email, note: c.note })),
    projectCount: counts.find((c) => c.investorId === r.id)?.n ?? 0,
    version: r.version,
    isDemo: r.isDemo,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }));
}

function selectInvestors(db: Executor) {
  return db
    .select({ investor: investors, unitName: orgUnits.name })
    .from(investors)
    .innerJoin(orgUnits, eq(orgUnits.id, investors.unitId));
}

export async function getInvestor(db: Executor, actor: Actor, id: number): Promise<Investor> {
  const [row] = await selectInvestors(db).where(and(eq(investors.id, id), investorScope(actor)));
  if (!row) throw new AppError('NOT_FOUND', 404);
  return (await toInvestors(db, [{ ...row.investor, unitName: row.unitName }]))[0]!;
}

export async function listInvestors(db: Executor, actor: Actor, q: z.infer<typeof investorListQuery>) {
  const conditions: (SQL | undefined)[] = [investorScope(actor)];
  if (q.tag) conditions.push(sql`${investors.tags} @> array[${q.tag}]::text[]`);
  if (q.ownershipType) conditions.push(eq(investors.ownershipType, q.ownershipType));
  if (q.industry) conditions.push(industryFilter(investors.industryCode, q.industry));
  if (q.q) {
    const t = queryTokens(q.q);
    const text = t.text.length ? sql`${investors.searchTokens} @> ${textArray(t.text)}` : undefined;
    const py = t.pinyin.length ? sql`${investors.searchTokens} @> ${textArray(t.pinyin)}` : undefined;
    const uscc = /^[0-9A-Za-z]{6,18}$/.test(q.q.trim()) ? sql`${investors.uscc} like ${`${q.q.trim().toUpperCase()}%`}` : undefined;
    conditions.push(or(text, py, uscc) ?? sql`false`);
  }
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    selectInvestors(db)
      .where(where)
      .orderBy(desc(investors.updatedAt), desc(investors.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: countAll }).from(investors).where(where),
  ]);
  return {
    items: await toInvestors(db, rows.map((r) => ({ ...r.investor, unitName: r.unitName }))),
    total: total?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** Same USCC, or a name that normalises the same (domain.md §6), anywhere in the deployment. */
export async function findDuplicateInvestor(db: Executor, actor: Actor, input: { name: string; uscc?: string | null }, exceptId?: number) {
  const nameNorm = normaliseCompanyName(input.name);
  const conditions = [eq(investors.nameNorm, nameNorm)];
  if (input.uscc) conditions.push(eq(investors.uscc, input.uscc));
  const rows = await db
    .select({ id: investors.id, name: investors.name, uscc: investors.uscc, nameNorm: investors.nameNorm, unitName: orgUnits.name })
    .from(investors)
    .innerJoin(orgUnits, eq(orgUnits.id, investors.unitId))
    .where(and(or(...conditions), exceptId ? sql`${investors.id} <> ${exceptId}` : undefined))
    .limit(5);
  const hit = rows.find((r) => input.uscc && r.uscc === input.uscc) ?? rows[0];
  if (!hit) return null;
  const [visible] = await db.select({ id: investors.id }).from(investors).where(and(eq(investors.id, hit.id), investorScope(actor)));
  return {
    matchedBy: (input.uscc && hit.uscc === input.uscc ? 'uscc' : 'name') as 'uscc' | 'name',
    existing: { id: hit.id, name: hit.name, uscc: hit.uscc, unitName: hit.unitName, isVisible: Boolean(visible) },
  };
}

function checkIndustry(code: string | null | undefined) {
  if (code && !findIndustry(code)) throw fieldError('INDUSTRY_UNKNOWN', 'industryCode');
}

async function writeContacts(tx: Tx, investorId: number, contacts: z.infer<typeof contactInput>[]) {
  await tx.delete(investorContacts).where(eq(investorContacts.investorId, investorId));
  if (contacts.length === 0) return;
  await tx.insert(investorContacts).values(
    contacts.map((c, i) => ({
      investorId,
      name: c.name,
      title: c.title ?? null,
      phone: c.phone ?? null,
      wechat: c.wechat ?? null,
      email: c.email ?? null,
      note: c.note ?? null,
      sortOrder: i,
    })),
  );
}

export interface CreateInvestorOptions {
  unitId?: number;
  isDemo?: boolean;
}

/** Insert inside an open transaction (used by the API, the importer and the seed). */
export async function insertInvestor(tx: Tx, actor: Actor, input: z.infer<typeof investorInput>, opts: CreateInvestorOptions = {}) {
  checkIndustry(input.industryCode);
  const duplicate = await findDuplicateInvestor(tx, actor, input);
  if (duplicate) throw new AppError('INVESTOR_DUPLICATE', 409, duplicate);
  const contacts = input.contacts ?? [];
  const [row] = await tx
    .insert(investors)
    .values({
      name: input.name,
      nameNorm: normaliseCompanyName(input.name),
      uscc: input.uscc ?? null,
      country: input.country ?? '中国',
      province: input.province ?? null,
      city: input.city ?? null,
      ownershipType: input.ownershipType ?? null,
      industryCode: input.industryCode ?? null,
      scale: input.scale ?? null,
      tags: input.tags ?? [],
      description: input.description ?? null,
      unitId: opts.unitId ?? actor.unitId,
      searchTokens: tokensOf(input.name, contacts),
      isDemo: opts.isDemo ?? false,
      createdBy: actor.id || null,
    })
    .returning();
  await writeContacts(tx, row!.id, contacts);
  await recordAudit(tx, actor, { action: 'create', entity: 'investor', entityId: row!.id, unitId: row!.unitId, after: { ...row, searchTokens: undefined, contacts } });
  return row!;
}

export async function createInvestor(db: Db, actor: Actor, input: z.infer<typeof investorInput>) {
  const id = await db.transaction(async (tx) => {
    // Investors are entered for the actor's own unit (a 招商局 member: the level it serves).
    const unit = await loadUnitInScope(tx, actor, actor.unitId).catch(() => null);
    return (await insertInvestor(tx, actor, input, { unitId: unit?.id ?? actor.unitId })).id;
  });
  return getInvestor(db, actor, id);
}

export async function updateInvestor(db: Db, actor: Actor, id: number, input: z.infer<typeof investorUpdate>) {
  checkIndustry(input.industryCode);
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(investors)
      .where(and(eq(investors.id, id), scopeByUnit(actor, investors.unitId)))
      .for('update');
    // Only the owning unit's scope edits an investor; others who merely see it through a project get 404.
    if (!before) throw new AppError('NOT_FOUND', 404);
    if (before.version !== input.version) throw new AppError('VERSION_CONFLICT', 409, { currentVersion: before.version });
    const name = input.name ?? before.name;
    const uscc = input.uscc === undefined ? before.uscc : input.uscc;
    if (input.name !== undefined || input.uscc !== undefined) {
      const duplicate = await findDuplicateInvestor(tx, actor, { name, uscc }, id);
      if (duplicate) throw new AppError('INVESTOR_DUPLICATE', 409, duplicate);
    }
    const contacts = input.contacts ?? (await tx.select().from(investorContacts).where(eq(investorContacts.investorId, id)));
    const [after] = await tx
      .update(investors)
      .set({
        name,
        nameNorm: normaliseCompanyName(name),
        uscc,
        ...(input.country !== undefined && { country: input.country }),
        ...(input.province !== undefined && { province: input.province }),
        ...(input.city !== undefined && { city: input.city }),
        ...(input.ownershipType !== undefined && { ownershipType: input.ownershipType }),
        ...(input.industryCode !== undefined && { industryCode: input.industryCode }),
        ...(input.scale !== undefined && { scale: input.scale }),
        ...(input.tags !== undefined && { tags: input.tags }),
        ...(input.description !== undefined && { description: input.description }),
        searchTokens: tokensOf(name, contacts),
        version: before.version + 1,
        updatedAt: new Date(),
      })
      .where(eq(investors.id, id))
      .returning();
    if (input.contacts) await writeContacts(tx, id, input.contacts);
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'investor',
      entityId: id,
      unitId: after!.unitId,
      before: { ...before, searchTokens: undefined },
      after: { ...after, searchTokens: undefined, ...(input.contacts ? { contacts: input.contacts } : {}) },
    });
  });
  return getInvestor(db, actor, id);
}
