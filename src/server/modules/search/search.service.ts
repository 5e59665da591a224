import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { normaliseCompanyName } from '../../../shared/company-name.js';
import type { Lang } from '../../../shared/errors.js';
import { OWNERSHIP_LABELS, STAGE_LABELS } from '../../../shared/project.js';
import { can } from '../../../shared/roles.js';
import type { ContactHit, InvestorHit, ProjectHit, SearchHighlight, searchQuery, SearchResponse } from '../../../shared/api/search.js';
import type { Actor } from '../../actor.js';
import { textArray, type Executor } from '../../db/client.js';
import { investorContacts, investors, orgUnits, projects } from '../../db/schema/index.js';
import { investorScope } from '../investors/investors.service.js';
import { projectScope } from '../projects/projects.scope.js';
import { highlightRanges, rankName, textMatchesQuery, type MatchRank } from './highlight.js';
import { queryTokens, type QueryTokens } from './tokens.js';

/*
 * One search box over projects, investors and contacts (全局搜索). Candidates come from the GIN index
 * on search_tokens, capped (CANDIDATES) so a query that matches half a million rows still reads only
 * a few hundred; exact and prefix name matches are fetched separately through btree indexes so the cap
 * never hides them. Candidates are then ranked here: exact name > name prefix > jieba word > any
 * token, then most recently updated. Scope is the same as the lists': projectScope / investorScope.
 */

/** Rows read per group before ranking. */
export const CANDIDATES = 200;
/** Exact/prefix name matches read per group, through the name index. */
const NAME_CANDIDATES = 50;

type Query = z.infer<typeof searchQuery>;

const EMPTY = (q: string): SearchResponse => ({ q, projects: [], investors: [], contacts: [] });

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function tokenCondition(column: typeof projects.searchTokens | typeof investors.searchTokens, t: QueryTokens): SQL | undefined {
  return or(
    t.text.length ? sql`${column} @> ${textArray(t.text)}` : undefined,
    t.pinyin.length ? sql`${column} @> ${textArray(t.pinyin)}` : undefined,
  );
}

function wordCondition(column: typeof projects.searchTokens | typeof investors.searchTokens, t: QueryTokens): SQL {
  return t.words.length ? sql<boolean>`(${column} @> ${textArray(t.words)})` : sql<boolean>`false`;
}

function firstHighlight(query: string, fields: [SearchHighlight['field'], string | null | undefined][]): SearchHighlight {
  for (const [field, text] of fields) {
    if (!text) continue;
    const ranges = highlightRanges(text, query);
    if (ranges.length) return { field, text, ranges };
  }
  const [field, text] = fields[0]!;
  return { field, text: text ?? '', ranges: [] };
}

interface Ranked {
  rank: MatchRank;
  updatedAt: Date;
  id: number;
}

function byRank(a: Ranked, b: Ranked): number {
  return a.rank - b.rank || b.updatedAt.getTime() - a.updatedAt.getTime() || b.id - a.id;
}

async function searchProjects(db: Executor, actor: Actor, q: string, t: QueryTokens, limit: number, lang: Lang): Promise<ProjectHit[]> {
  const match = tokenCondition(projects.searchTokens, t);
  if (!match) return [];
  const columns = {
    id: projects.id,
    name: projects.name,
    stage: projects.stage,
    sideState: projects.sideState,
    carrier: projects.carrier,
    tags: projects.tags,
    isDemo: projects.isDemo,
    updatedAt: projects.updatedAt,
    unitName: orgUnits.name,
    investorName: investors.name,
    isWordMatch: wordCondition(projects.searchTokens, t),
  };
  const select = () =>
    db
      .select(columns)
      .from(projects)
      .innerJoin(orgUnits, eq(orgUnits.id, projects.unitId))
      .leftJoin(investors, eq(investors.id, projects.investorId));
  const folded = q.normalize('NFKC').toLowerCase();
  const [byToken, byName] = await Promise.all([
    select().where(and(projectScope(actor), match)).limit(CANDIDATES),
    // Served by projects_name_prefix_idx (lower(name) text_pattern_ops).
    select()
      .where(and(projectScope(actor), sql`lower(${projects.name}) like ${`${escapeLike(folded)}%`}`))
      .limit(NAME_CANDIDATES),
  ]);
  const seen = new Map<number, (typeof byToken)[number]>();
  for (const row of [...byName, ...byToken]) seen.set(row.id, row);
  return [...seen.values()]
    .map((r) => ({ ...r, rank: rankName(r.name, q, Boolean(r.isWordMatch)) }))
    .sort(byRank)
    .slice(0, limit)
    .map((r) => ({
      id: r.id,
      title: r.name,
      subtitle: `${r.unitName} · ${STAGE_LABELS[r.stage][lang]}${r.sideState ? (lang === 'zh' ? `（${STAGE_LABELS[r.sideState].zh}）` : ` (${STAGE_LABELS[r.sideState].en})`) : ''}`,
      highlight: firstHighlight(q, [
        ['name', r.name],
        ['investor', r.investorName],
        ['other', r.carrier],
        ['other', r.tags.join(' ')],
      ]),
      isDemo: r.isDemo,
      unitName: r.unitName,
      stage: r.stage,
      sideState: r.sideState,
    }));
}

const USCC_FRAGMENT = /^(?=.*\d)[0-9A-Z]{6,18}$/;

async function searchInvestors(db: Executor, actor: Actor, q: string, t: QueryTokens, limit: number, lang: Lang) {
  const trimmed = q.trim().toUpperCase();
  const conditions = [
    tokenCondition(investors.searchTokens, t),
    // A USCC (or its first characters) typed into the box.
    USCC_FRAGMENT.test(trimmed) ? sql`${investors.uscc} like ${`${trimmed}%`}` : undefined,
  ];
  const match = or(...conditions);
  if (!match) return { investors: [], contacts: [] };
  const nameNorm = normaliseCompanyName(q);
  const columns = {
    id: investors.id,
    name: investors.name,
    nameNorm: investors.nameNorm,
    uscc: investors.uscc,
    city: investors.city,
    province: investors.province,
    ownershipType: investors.ownershipType,
    isDemo: investors.isDemo,
    updatedAt: investors.updatedAt,
    isWordMatch: wordCondition(investors.searchTokens, t),
  };
  const [byToken, byName] = await Promise.all([
    db.select(columns).from(investors).where(and(investorScope(actor), match)).limit(CANDIDATES),
    // "华为技术" finds 华为技术有限公司: the normalised name is indexed (investors_name_norm_idx).
    nameNorm
      ? db.select(columns).from(investors).where(and(investorScope(actor), eq(investors.nameNorm, nameNorm))).limit(NAME_CANDIDATES)
      : Promise.resolve([]),
  ]);
  const seen = new Map<number, (typeof byToken)[number]>();
  for (const row of [...byName, ...byToken]) seen.set(row.id, row);
  const candidates = [...seen.values()];
  if (candidates.length === 0) return { investors: [], contacts: [] };

  const contactRows = await db
    .select({ id: investorContacts.id, investorId: investorContacts.investorId, name: investorContacts.name, title: investorContacts.title })
    .from(investorContacts)
    .where(inArray(investorContacts.investorId, candidates.map((c) => c.id)));
  const matchedContacts = contactRows.filter((c) => textMatchesQuery(c.name, q));

  const investorHits: InvestorHit[] = candidates
    .map((r) => ({ ...r, rank: r.nameNorm === nameNorm ? (0 as const) : rankName(r.name, q, Boolean(r.isWordMatch)) }))
    .sort(byRank)
    .slice(0, limit)
    .map((r) => ({
      id: r.id,
      title: r.name,
      subtitle: r.uscc ?? ([r.province, r.city, r.ownershipType ? OWNERSHIP_LABELS[r.ownershipType][lang] : null].filter(Boolean).join(' · ') || '—'),
      highlight: firstHighlight(q, [
        ['name', r.name],
        ['uscc', r.uscc],
        ['contact', matchedContacts.find((c) => c.investorId === r.id)?.name],
      ]),
      isDemo: r.isDemo,
      uscc: r.uscc,
    }));

  const byId = new Map(candidates.map((c) => [c.id, c]));
  const contactHits: ContactHit[] = matchedContacts
    .map((c) => {
      const inv = byId.get(c.investorId)!;
      return { ...c, inv, rank: rankName(c.name, q, false), updatedAt: inv.updatedAt };
    })
    .sort(byRank)
    .slice(0, limit)
    .map((c) => ({
      id: c.id,
      title: c.name,
      subtitle: c.title ? `${c.inv.name} · ${c.title}` : c.inv.name,
      highlight: firstHighlight(q, [['contact', c.name]]),
      isDemo: c.inv.isDemo,
      investorId: c.investorId,
      investorName: c.inv.name,
    }));
  return { investors: investorHits, contacts: contactHits };
}

/** GET /api/search: grouped, ranked, scoped. Empty (not an error) for a query with nothing to search. */
export async function search(db: Executor, actor: Actor, input: Query): Promise<SearchResponse> {
  const q = input.q.trim();
  const t = queryTokens(q);
  if (t.text.length === 0 && t.pinyin.length === 0) return EMPTY(q);
  // Department users read projects (their coordination issues) but not the investor directory.
  const canReadInvestors = can(actor.role, 'investors.read');
  const [projectHits, investorHits] = await Promise.all([
    searchProjects(db, actor, q, t, input.limit, actor.lang),
    canReadInvestors ? searchInvestors(db, actor, q, t, input.limit, actor.lang) : Promise.resolve({ investors: [], contacts: [] }),
  ]);
  return { q, projects: projectHits, ...investorHits };
}
