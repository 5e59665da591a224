import { aliasedTable, and, eq, gte, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { projectFilters, Project, ProjectSummary } from '../../../shared/api/projects.js';
import type { Settings } from '../../../shared/settings.js';
import type { Actor } from '../../actor.js';
import { textArray, type Executor } from '../../db/client.js';
import { investors, orgUnits, projects, projectTransitions, users } from '../../db/schema/index.js';
import { fieldError } from '../../errors.js';
import { inSubtree, loadUnitInScope } from '../../plugins/scope.js';
import { findIndustry, industryFilter } from '../industries/industries.service.js';
import { queryTokens } from '../search/tokens.js';
import { projectScope } from './projects.scope.js';

const owner = aliasedTable(users, 'owner');
const leader = aliasedTable(users, 'leader');

/** Today in the deployment's time zone (China Standard Time), as SQL. */
export const TODAY = sql`(now() at time zone 'Asia/Shanghai')::date`;

/**
 * 停滞预警: open (not lost/withdrawn, not yet producing) and no follow-up for N days. `today` may be
 * the day as a literal (stats: the request's day), which the planner folds once instead of per row.
 */
export function stalledCondition(s: Settings, today: SQL = TODAY): SQL {
  return sql`(${projects.sideState} is null or ${projects.sideState} = 'stalled')
    and ${projects.stage} not in ('producing', 'at_capacity')
    and coalesce(${projects.lastFollowUpDate}, (${projects.createdAt} at time zone 'Asia/Shanghai')::date) < ${today} - ${s.stalledDays}::int`;
}

/** 签约未开工超期: signed, not started, still open, signed more than M months ago. */
export function signedNotStartedCondition(s: Settings, today: SQL = TODAY): SQL {
  return sql`${projects.signedDate} is not null and ${projects.startedDate} is null
    and (${projects.sideState} is null or ${projects.sideState} = 'stalled')
    and ${projects.signedDate} < ${today} - make_interval(months => ${s.signedNotStartedMonths}::int)`;
}

export function summaryColumns(s: Settings) {
  return {
    p: projects,
    unitName: orgUnits.name,
    investorName: investors.name,
    ownerName: owner.displayName,
    leaderName: leader.displayName,
    isStalled: sql<boolean>`(${stalledCondition(s)})`,
    isSignedNotStarted: sql<boolean>`(${signedNotStartedCondition(s)})`,
    pendingTransitions: sql<number>`(select count(*) from ${projectTransitions} t where t.project_id = ${projects.id} and t.status = 'pending')`.mapWith(Number),
  };
}

export function selectSummaries(db: Executor, s: Settings) {
  return db
    .select(summaryColumns(s))
    .from(projects)
    .innerJoin(orgUnits, eq(orgUnits.id, projects.unitId))
    .leftJoin(investors, eq(investors.id, projects.investorId))
    .leftJoin(owner, eq(owner.id, projects.ownerUserId))
    .leftJoin(leader, eq(leader.id, projects.liaisonLeaderId));
}

type SummaryRow = {
  p: typeof projects.$inferSelect;
  unitName: string;
  investorName: string | null;
  ownerName: string | null;
  leaderName: string | null;
  isStalled: boolean;
  isSignedNotStarted: boolean;
  pendingTransitions: number;
};

export function toSummary(r: SummaryRow): ProjectSummary {
  const p = r.p;
  return {
    id: p.id,
    name: p.name,
    unitId: p.unitId,
    unitName: r.unitName,
    stage: p.stage,
    stageDate: p.stageDate,
    sideState: p.sideState,
    investorId: p.investorId,
    investorName: r.investorName,
    industryCode: p.industryCode,
    industryName: p.industryCode ? (findIndustry(p.industryCode)?.name ?? null) : null,
    plannedInvestment: p.plannedInvestment,
    contractedInvestment: p.contractedInvestment,
    foreignInvestment: p.foreignInvestment,
    isCityKey: p.isCityKey,
    isProvinceKey: p.isProvinceKey,
    owner: p.ownerUserId ? { id: p.ownerUserId, displayName: r.ownerName ?? '' } : null,
    liaisonLeader: p.liaisonLeaderId ? { id: p.liaisonLeaderId, displayName: r.leaderName ?? '' } : null,
    lastFollowUpDate: p.lastFollowUpDate,
    nextStep: p.nextStep,
    nextStepDue: p.nextStepDue,
    isStalled: Boolean(r.isStalled),
    isSignedNotStarted: Boolean(r.isSignedNotStarted),
    pendingTransitions: r.pendingTransitions,
    isDemo: p.isDemo,
    updatedAt: p.updatedAt.toISOString(),
  };
}

export function toProject(r: SummaryRow): Project {
  const p = r.p;
  return {
    ...toSummary(r),
    carrier: p.carrier,
    fixedAssetInvestment: p.fixedAssetInvestment,
    expectedOutput: p.expectedOutput,
    expectedTax: p.expectedTax,
    expectedJobs: p.expectedJobs,
    landMu: p.landMu,
    floorAreaM2: p.floorAreaM2,
    channel: p.channel,
    tags: p.tags,
    description: p.description,
    signedDate: p.signedDate,
    registeredDate: p.registeredDate,
    startedDate: p.startedDate,
    producingDate: p.producingDate,
    atCapacityDate: p.atCapacityDate,
    sideStateDate: p.sideStateDate,
    sideStateReason: p.sideStateReason,
    lostDestination: p.lostDestination,
    referralId: p.referralId,
    version: p.version,
    createdAt: p.createdAt.toISOString(),
  };
}

type Filters = { [K in keyof typeof projectFilters]?: z.infer<(typeof projectFilters)[K]> };

/** The WHERE clause for the list, board, export and search: scope first, then each filter. */
export async function projectWhere(db: Executor, actor: Actor, f: Filters, s: Settings): Promise<SQL | undefined> {
  const c: (SQL | undefined)[] = [projectScope(actor)];
  if (f.unitId) {
    const unit = await loadUnitInScope(db, actor, f.unitId);
    c.push(inSubtree(projects.unitId, unit.path));
  }
  if (f.stage) c.push(inArray(projects.stage, f.stage));
  if (f.sideState) {
    const states = f.sideState.filter((x) => x !== 'none') as (typeof projects.sideState.enumValues)[number][];
    c.push(or(states.length ? inArray(projects.sideState, states) : undefined, f.sideState.includes('none') ? isNull(projects.sideState) : undefined));
  }
  if (f.industry) c.push(industryFilter(projects.industryCode, f.industry));
  if (f.minAmount) c.push(gte(projects.contractedInvestment, f.minAmount));
  if (f.maxAmount) c.push(lte(projects.contractedInvestment, f.maxAmount));
  if (f.tier) {
    // Only the bureau's configured tiers (1亿元以上, 10亿元以上, …): another number is a typo, not a tier.
    if (!s.sizeTiers.includes(f.tier)) throw fieldError('PROJECT_TIER_UNKNOWN', 'tier');
    c.push(gte(projects.contractedInvestment, String(f.tier)));
  }
  if (f.liaisonLeaderId) c.push(eq(projects.liaisonLeaderId, f.liaisonLeaderId));
  if (f.ownerUserId) c.push(eq(projects.ownerUserId, f.ownerUserId));
  if (f.investorId) c.push(eq(projects.investorId, f.investorId));
  if (f.stalled !== undefined) c.push(f.stalled ? stalledCondition(s) : sql`not (${stalledCondition(s)})`);
  if (f.signedNotStarted !== undefined) c.push(f.signedNotStarted ? signedNotStartedCondition(s) : sql`not (${signedNotStartedCondition(s)})`);
  if (f.isKey !== undefined) c.push(f.isKey ? or(eq(projects.isCityKey, true), eq(projects.isProvinceKey, true)) : and(eq(projects.isCityKey, false), eq(projects.isProvinceKey, false)));
  if (f.q) c.push(textMatch(f.q));
  return and(...c);
}

/** Search-token match (GIN) on the project's own tokens (name, investor, contacts, carrier). */
export function textMatch(query: string): SQL {
  const t = queryTokens(query);
  const text = t.text.length ? sql`${projects.searchTokens} @> ${textArray(t.text)}` : undefined;
  const py = t.pinyin.length ? sql`${projects.searchTokens} @> ${textArray(t.pinyin)}` : undefined;
  return or(text, py) ?? sql`false`;
}

export { owner as ownerUser, leader as leaderUser };
