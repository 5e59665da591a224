import { aliasedTable, and, desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { RuleSetRecord, ruleSetsQuery } from '../../../shared/api/rewards.js';
import type { RewardRules } from '../../../shared/rewards/rules.js';
import type { Actor } from '../../actor.js';
import { countAll, type Db, type Executor, type Tx } from '../../db/client.js';
import { orgUnits, rewardRuleSets, users } from '../../db/schema/index.js';
import { AppError, notFound } from '../../errors.js';
import { loadScopeRootUnit, onActorBranch, scopeUnits } from '../../plugins/scope.js';
import { recordAudit } from '../audit/audit.service.js';

/*
 * 奖励办法 versions. The bureau creates one for its scope (its scope root unit owns it), edits it while
 * it is a draft, and saves a new version (a new row pointing at the old one; one successor each).
 * Publishing a run with a version puts it in use (active): frozen for good. Readable on the reader's
 * branch of the tree (the rules that pay a county are readable to it); otherwise 404.
 */

type RuleSetRow = typeof rewardRuleSets.$inferSelect;
const creator = aliasedTable(users, 'creator');

function selectRuleSets(db: Executor) {
  return db
    .select({ s: rewardRuleSets, unitName: orgUnits.name, unitPath: orgUnits.path, creatorName: creator.displayName })
    .from(rewardRuleSets)
    .innerJoin(orgUnits, eq(orgUnits.id, rewardRuleSets.unitId))
    .leftJoin(creator, eq(creator.id, rewardRuleSets.createdBy));
}

interface Row {
  s: RuleSetRow;
  unitName: string;
  unitPath: string;
  creatorName: string | null;
}

function toRuleSet(r: Row): RuleSetRecord {
  const s = r.s;
  return {
    id: s.id,
    unitId: s.unitId,
    unitName: r.unitName,
    name: s.name,
    version: s.version,
    previousId: s.previousId,
    status: s.status,
    rules: s.rules as Record<string, unknown>,
    createdBy: s.createdBy === null ? null : { id: s.createdBy, displayName: r.creatorName ?? '' },
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
    isDemo: s.isDemo,
  };
}

/** The stored rules as the engine's type (parsed by the engine before they were stored). */
export function rulesOf(row: RuleSetRow): RewardRules {
  return row.rules as RewardRules;
}

export async function listRuleSets(db: Executor, actor: Actor, q: z.output<typeof ruleSetsQuery>) {
  const where = and(onActorBranch(actor), q.status ? eq(rewardRuleSets.status, q.status) : undefined);
  const [rows, [total]] = await Promise.all([
    selectRuleSets(db).where(where).orderBy(desc(rewardRuleSets.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    db.select({ n: countAll }).from(rewardRuleSets).innerJoin(orgUnits, eq(orgUnits.id, rewardRuleSets.unitId)).where(where),
  ]);
  return { items: rows.map(toRuleSet), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

async function loadRuleSet(db: Executor, actor: Actor, id: number, mode: 'read' | 'write'): Promise<Row> {
  const query = selectRuleSets(db).where(and(eq(rewardRuleSets.id, id), mode === 'read' ? onActorBranch(actor) : scopeUnits(actor)));
  const [row] = mode === 'write' ? await query.for('update', { of: rewardRuleSets }) : await query;
  if (!row) throw notFound();
  return row;
}

export async function getRuleSet(db: Executor, actor: Actor, id: number): Promise<RuleSetRecord> {
  return toRuleSet(await loadRuleSet(db, actor, id, 'read'));
}

/** A rule set the actor may compute with: in their scope (locked, so a concurrent edit waits). */
export async function loadRuleSetToRun(tx: Tx, actor: Actor, id: number): Promise<Row> {
  return loadRuleSet(tx, actor, id, 'write');
}

/** Insert a rule-set version with its audit entry (the demo seed calls it inside its transaction). */
export async function insertRuleSet(tx: Tx, actor: Actor, unitId: number, rules: RewardRules, version: number, previousId: number | null, isDemo: boolean): Promise<number> {
  const [row] = await tx
    .insert(rewardRuleSets)
    .values({ unitId, name: rules.name, version, previousId, rules, createdBy: actor.id === 0 ? null : actor.id, isDemo })
    .returning({ id: rewardRuleSets.id });
  const id = row!.id;
  await recordAudit(tx, actor, {
    action: previousId === null ? 'create_reward_rules' : 'new_reward_rules_version',
    entity: 'reward_rule_set',
    entityId: id,
    unitId,
    after: { name: rules.name, version, previousId, rules },
  });
  return id;
}

export async function createRuleSet(db: Db, actor: Actor, rules: RewardRules): Promise<RuleSetRecord> {
  const owner = await loadScopeRootUnit(db, actor);
  const id = await db.transaction((tx) => insertRuleSet(tx, actor, owner.id, rules, 1, null, false));
  return getRuleSet(db, actor, id);
}

/** Change a draft in place; a version in use is frozen (409). */
export async function updateRuleSet(db: Db, actor: Actor, id: number, rules: RewardRules): Promise<RuleSetRecord> {
  await db.transaction(async (tx) => {
    const row = await loadRuleSet(tx, actor, id, 'write');
    if (row.s.status !== 'draft') throw new AppError('REWARD_RULES_FROZEN', 409);
    await tx.update(rewardRuleSets).set({ name: rules.name, rules, updatedAt: new Date() }).where(eq(rewardRuleSets.id, id));
    await recordAudit(tx, actor, { action: 'update_reward_rules', entity: 'reward_rule_set', entityId: id, unitId: row.s.unitId, before: { rules: row.s.rules }, after: { rules } });
  });
  return getRuleSet(db, actor, id);
}

/** Save a new version of the latest version: a new draft row pointing at it. */
export async function newRuleSetVersion(db: Db, actor: Actor, id: number, rules: RewardRules): Promise<RuleSetRecord> {
  const newId = await db.transaction(async (tx) => {
    const row = await loadRuleSet(tx, actor, id, 'write');
    const [successor] = await tx.select({ id: rewardRuleSets.id }).from(rewardRuleSets).where(eq(rewardRuleSets.previousId, id));
    if (successor) throw new AppError('REWARD_RULES_SUPERSEDED', 409, [{ field: 'id', message: 'REWARD_RULES_SUPERSEDED', latestId: successor.id }]);
    return insertRuleSet(tx, actor, row.s.unitId, rules, row.s.version + 1, id, false);
  });
  return getRuleSet(db, actor, newId);
}

/** Publishing a run puts its rule-set version in use (draft → active), in the publishing transaction. */
export async function activateRuleSet(tx: Tx, actor: Actor, id: number): Promise<void> {
  const [row] = await tx.select().from(rewardRuleSets).where(eq(rewardRuleSets.id, id)).for('update');
  if (!row || row.status !== 'draft') return;
  await tx.update(rewardRuleSets).set({ status: 'active', updatedAt: new Date() }).where(eq(rewardRuleSets.id, id));
  await recordAudit(tx, actor, { action: 'activate_reward_rules', entity: 'reward_rule_set', entityId: id, unitId: row.unitId, before: { status: 'draft' }, after: { status: 'active' } });
}
