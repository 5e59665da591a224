import { and, eq, getTableColumns, inArray, or } from 'drizzle-orm';
import { normaliseCompanyName } from '../../../shared/company-name.js';
import { normaliseKey, projectKey } from '../../../shared/import/columns.js';
import type { Actor } from '../../actor.js';
import type { Executor } from '../../db/client.js';
import { investors, orgUnits, projects, projectTransitions, users } from '../../db/schema/index.js';
import { isUnitPathInScope, scopeUnits } from '../../plugins/scope.js';
import { listIndustries } from '../industries/industries.service.js';

/*
 * Bulk lookups behind an import plan: one query per kind and chunk, never one per row, so a
 * 100,000-row preview costs a few hundred queries.
 */

const CHUNK = 1000;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export interface UnitInfo {
  id: number;
  name: string;
  path: string;
  isDisabled: boolean;
}

const { searchTokens: _tokens, ...projectColumns } = getTableColumns(projects);
export type ExistingProject = Omit<typeof projects.$inferSelect, 'searchTokens'>;

export interface InvestorInfo {
  id: number;
  name: string;
  uscc: string | null;
}

export interface UserInfo {
  id: number;
  displayName: string;
  username: string;
  role: string;
  unitPath: string;
}

export interface Lookups {
  actorUnit: UnitInfo | undefined;
  unitsByName: Map<string, UnitInfo[]>;
  unitsByShortName: Map<string, UnitInfo[]>;
  /** projectKey(unitId, name) → projects (more than one: ambiguous). */
  projectsByKey: Map<string, ExistingProject[]>;
  pendingByProject: Map<number, { toTarget: string; eventDate: string }>;
  investorsByUscc: Map<string, InvestorInfo>;
  investorsByName: Map<string, InvestorInfo[]>;
  usersByName: Map<string, UserInfo[]>;
  industriesByName: Map<string, string | null>;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Units the actor may import into: their own and every unit below it. */
async function loadUnits(db: Executor, actor: Actor) {
  const rows = await db
    .select({ id: orgUnits.id, name: orgUnits.name, shortName: orgUnits.shortName, path: orgUnits.path, isDisabled: orgUnits.isDisabled })
    .from(orgUnits)
    .where(scopeUnits(actor));
  const byName = new Map<string, UnitInfo[]>();
  const byShort = new Map<string, UnitInfo[]>();
  for (const r of rows) {
    const info = { id: r.id, name: r.name, path: r.path, isDisabled: r.isDisabled };
    push(byName, normaliseKey(r.name), info);
    if (r.shortName) push(byShort, normaliseKey(r.shortName), info);
  }
  return { byName, byShort, actorUnit: rows.find((r) => r.id === actor.unitId) };
}

export function findUnit(lk: Lookups, text: string): UnitInfo | 'unknown' | 'ambiguous' {
  const key = normaliseKey(text);
  const hits = lk.unitsByName.get(key) ?? lk.unitsByShortName.get(key) ?? [];
  if (hits.length === 0) return 'unknown';
  return hits.length > 1 ? 'ambiguous' : hits[0]!;
}

export interface LookupRequest {
  unitIds: Set<number>;
  /** projectKey()s of the rows: only these projects are loaded in full. */
  projectKeys: Set<string>;
  usccs: Set<string>;
  investorNames: Set<string>;
  userNames: Set<string>;
  industryNames: Set<string>;
}

export async function loadLookups(db: Executor, actor: Actor, req: LookupRequest, unitsPreloaded?: Awaited<ReturnType<typeof loadUnits>>): Promise<Lookups> {
  const units = unitsPreloaded ?? (await loadUnits(db, actor));
  const lk: Lookups = {
    actorUnit: units.actorUnit,
    unitsByName: units.byName,
    unitsByShortName: units.byShort,
    projectsByKey: new Map(),
    pendingByProject: new Map(),
    investorsByUscc: new Map(),
    investorsByName: new Map(),
    usersByName: new Map(),
    industriesByName: new Map(),
  };

  // Existing projects by identity: names first (cheap), then the full rows of the matches.
  const matchedIds: number[] = [];
  for (const ids of chunks([...req.unitIds])) {
    const rows = await db.select({ id: projects.id, unitId: projects.unitId, name: projects.name }).from(projects).where(inArray(projects.unitId, ids));
    for (const r of rows) if (req.projectKeys.has(projectKey(r.unitId, r.name))) matchedIds.push(r.id);
  }
  for (const ids of chunks(matchedIds)) {
    const rows = await db.select(projectColumns).from(projects).where(inArray(projects.id, ids));
    for (const r of rows) push(lk.projectsByKey, projectKey(r.unitId, r.name), r);
    const pending = await db
      .select({ projectId: projectTransitions.projectId, toTarget: projectTransitions.toTarget, eventDate: projectTransitions.eventDate })
      .from(projectTransitions)
      .where(and(inArray(projectTransitions.projectId, ids), eq(projectTransitions.status, 'pending')));
    for (const t of pending) lk.pendingByProject.set(t.projectId, { toTarget: t.toTarget, eventDate: t.eventDate });
  }

  // Investors anywhere in the deployment (duplicates are detected across units, domain.md §6).
  const norms = [...req.investorNames].map(normaliseCompanyName);
  const usccs = [...req.usccs];
  const n = Math.max(norms.length, usccs.length);
  for (let i = 0; i < n; i += CHUNK) {
    const normChunk = norms.slice(i, i + CHUNK);
    const usccChunk = usccs.slice(i, i + CHUNK);
    const rows = await db
      .select({ id: investors.id, name: investors.name, uscc: investors.uscc, nameNorm: investors.nameNorm })
      .from(investors)
      .where(or(normChunk.length ? inArray(investors.nameNorm, normChunk) : undefined, usccChunk.length ? inArray(investors.uscc, usccChunk) : undefined));
    for (const r of rows) {
      if (r.uscc) lk.investorsByUscc.set(r.uscc, r);
      const list = lk.investorsByName.get(r.nameNorm) ?? [];
      if (!list.some((x) => x.id === r.id)) list.push(r);
      lk.investorsByName.set(r.nameNorm, list);
    }
  }

  // Users named as 专人 or 包联领导: active accounts, by display name or username.
  for (const names of chunks([...req.userNames])) {
    const rows = await db
      .select({ id: users.id, displayName: users.displayName, username: users.username, role: users.role, unitPath: orgUnits.path })
      .from(users)
      .innerJoin(orgUnits, eq(orgUnits.id, users.unitId))
      .where(and(eq(users.isDisabled, false), or(inArray(users.displayName, names), inArray(users.username, names.map((x) => x.toLowerCase())))));
    for (const u of rows) {
      push(lk.usersByName, u.displayName, u);
      if (u.username !== u.displayName) push(lk.usersByName, u.username, u);
    }
  }

  for (const name of req.industryNames) {
    const hit = listIndustries({ q: name, limit: 2000 }).find((i) => normaliseKey(i.name) === normaliseKey(name));
    lk.industriesByName.set(name, hit?.code ?? null);
  }
  return lk;
}

/** A user by display name or username: 专人 must be in the actor's scope, 包联领导 a leader anywhere. */
export function findUser(lk: Lookups, actor: Actor, text: string, kind: 'owner' | 'leader'): UserInfo | 'unknown' | 'ambiguous' {
  const hits = [...(lk.usersByName.get(text) ?? []), ...(lk.usersByName.get(text.toLowerCase()) ?? [])]
    .filter((u, i, all) => all.findIndex((x) => x.id === u.id) === i)
    .filter((u) => (kind === 'leader' ? u.role === 'leader' : isUnitPathInScope(actor, u.unitPath)));
  if (hits.length === 0) return 'unknown';
  if (hits.length > 1) {
    // A username is unique: prefer an exact username match over display names.
    const byUsername = hits.filter((u) => u.username === text.toLowerCase());
    return byUsername.length === 1 ? byUsername[0]! : 'ambiguous';
  }
  return hits[0]!;
}

export { loadUnits };
